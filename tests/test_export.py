"""Exports: records, CSV, DataFrame, TimelineJS, iCalendar, networkx and Markdown."""

from __future__ import annotations

import builtins
import csv
import datetime
import io
import json
import re
from typing import Any

import pytest

import isscoop
from isscoop import export
from isscoop._errors import IsscoopError

KINDS = ("agencies", "officials", "programs", "meetings", "agreements", "coverage")


# -- records --------------------------------------------------------------------------------------


def test_records_are_json_ready_and_typed(bundled: isscoop.Dataset) -> None:
    rows = export.to_records(bundled)
    assert json.loads(json.dumps(rows)) == rows
    assert len(rows) == sum(len(getattr(bundled, k)) for k in KINDS)
    assert {r["type"] for r in rows} == {"agency", "official", "program", "meeting", "agreement", "coverage"}
    visit = next(r for r in rows if r["id"] == "rogozin-us-visit-2019")
    assert visit["date"] == "2019-02"  # a month stays a month
    assert visit["participants"] == ["dmitry-rogozin"]  # 2026.12.0: only who was to travel
    for s in visit["sources"]:
        assert {"id", "url", "publisher", "published"} <= set(s)


def test_records_round_trip(bundled: isscoop.Dataset) -> None:
    rebuilt = export.from_records(export.to_records(bundled))
    for kind in KINDS:
        assert list(getattr(rebuilt, kind)) == list(getattr(bundled, kind)), kind


def test_records_of_a_query_round_trip_over_the_bundled_data() -> None:
    q = isscoop.agreements.between("NASA", "Roscosmos")
    rebuilt = export.from_records(export.to_records(q), include_bundled=True)
    for a in q:
        assert rebuilt.agreements.get(a.id) == a


def test_sources_can_be_exported_too() -> None:
    [row] = export.to_records([isscoop.sources[0]])
    assert row["type"] == "source"


def test_not_records_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected records"):
        export.to_records([1])  # type: ignore[list-item]


# -- CSV ----------------------------------------------------------------------------------------------


def test_csv_header_and_types(bundled: isscoop.Dataset) -> None:
    out = io.StringIO()
    export.to_csv(bundled, out)
    text = out.getvalue()
    assert text.splitlines()[0] == ",".join(export.CSV_COLUMNS)
    for column in export.CSV_COLUMNS:  # every column is documented
        assert f"``{column}``" in (export.to_csv.__doc__ or ""), column
    rows = export.read_csv(io.StringIO(text))
    assert len(rows) == sum(len(getattr(bundled, k)) for k in KINDS)
    by_id = {r["id"]: r for r in rows}
    visit = by_id["rogozin-us-visit-2019"]
    assert str(visit["start"]) == "2019-02" and visit["start_precision"] == "month"
    assert visit["agencies"] == ("roscosmos", "nasa")
    assert by_id["seat-swap-2022"]["open_end"] is True
    # The date stays a month; only its typed companions name days (the first and last it could be).
    cells = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "rogozin-us-visit-2019")
    assert (cells["start"], cells["start_earliest"], cells["start_latest"]) == ("2019-02", "2019-02-01", "2019-02-28")
    assert visit["start_earliest"] == datetime.date(2019, 2, 1)


def test_csv_round_trips_core_fields(bundled: isscoop.Dataset, tmp_path: Any) -> None:
    path = tmp_path / "all.csv"
    export.to_csv(bundled.meetings, path)
    rows = export.read_csv(path)
    for row, m in zip(rows, bundled.meetings, strict=True):
        assert row["type"] == "meeting"
        assert row["id"] == m.id
        assert row["label"] == m.title
        assert row["kind"] == m.kind.value
        assert row["status"] == m.status.value
        assert row["start"] == m.date
        assert row["end"] == m.end
        assert row["officials"] == tuple(p.id for p in m.participants)
        assert row["sources"] == tuple(s.id for s in m.sources)


def test_read_csv_rejects_another_header() -> None:
    with pytest.raises(ValueError, match="header"):
        export.read_csv(io.StringIO("a,b\n1,2\n"))


# -- DataFrame ------------------------------------------------------------------------------------


def test_dataframe(bundled: isscoop.Dataset) -> None:
    pd = pytest.importorskip("pandas")
    df = export.to_dataframe(bundled.meetings)
    assert len(df) == len(bundled.meetings)
    assert str(df["kind"].dtype) == "category"
    assert str(df["open_end"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(df["start_earliest"])
    row = df[df.id == "rogozin-us-visit-2019"].iloc[0]
    assert row["start"] == "2019-02" and row["start_precision"] == "month"
    assert row["start_earliest"] == pd.Timestamp("2019-02-01")
    assert row["start_latest"] == pd.Timestamp("2019-02-28")


def test_dataframe_exploded(bundled: isscoop.Dataset) -> None:
    pytest.importorskip("pandas")
    people = export.to_dataframe(bundled.meetings, explode="participants")
    assert len(people) == sum(max(1, len(m.participants)) for m in bundled.meetings)
    assert "participant" in people.columns and "officials" not in people.columns
    parties = export.to_dataframe(bundled.agreements, explode="parties")
    assert len(parties) == sum(max(1, len(a.parties)) for a in bundled.agreements)
    assert set(parties[parties.id == "seat-swap-2022"]["party"]) == {"nasa", "roscosmos"}
    with pytest.raises(ValueError, match="explode"):
        export.to_dataframe(bundled.meetings, explode="nope")  # type: ignore[arg-type]


# -- TimelineJS ----------------------------------------------------------------------------------


def test_timelinejs_shape(bundled: isscoop.Dataset) -> None:
    doc = export.to_timelinejs(bundled)
    assert set(doc) == {"title", "events"}
    assert set(doc["title"]["text"]) == {"headline", "text"}
    assert doc["events"]
    for e in doc["events"]:
        assert {"start_date", "text", "group", "credit", "unique_id"} <= set(e)
        for key in ("start_date", "end_date"):
            if key in e:
                d = e[key]
                assert isinstance(d["year"], int)
                assert "day" not in d or "month" in d
        assert set(e["text"]) == {"headline", "text"}
    ids = [e["unique_id"] for e in doc["events"]]
    assert len(ids) == len(set(ids))
    json.dumps(doc)


def test_timelinejs_partial_dates_have_no_day() -> None:
    doc = export.to_timelinejs(isscoop.meetings.between("NASA", "Roscosmos"))
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert by_id["rogozin-us-visit-2019"]["start_date"] == {"year": 2019, "month": 2, "display_date": "February 2019"}
    assert by_id["isaacman-bakanov-2026"]["start_date"] == {"year": 2026, "display_date": "2026"}
    assert by_id["bakanov-us-visit-2025"]["end_date"]["display_date"] == "about 1 August 2025"
    assert by_id["bakanov-us-visit-2025"]["display_date"] == "from 29 July 2025 to about 1 August 2025"
    assert by_id["bakanov-duffy-2025"]["credit"].startswith("Sources: ")


# -- iCalendar -----------------------------------------------------------------------------------


def test_ics_parses(bundled: isscoop.Dataset) -> None:
    icalendar = pytest.importorskip("icalendar")
    text = export.to_ics(bundled)
    cal = icalendar.Calendar.from_ical(text)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(bundled.meetings)
    talks = events["bakanov-duffy-2025@isscoop"]
    assert talks.decoded("dtstart").isoformat() == "2025-07-31"
    assert talks.decoded("dtend").isoformat() == "2025-08-01"
    assert "Kennedy" in str(talks["location"])


def test_ics_does_not_invent_a_day_for_a_month() -> None:
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(export.to_ics([isscoop.meetings.get("rogozin-us-visit-2019")]))
    [ev] = cal.walk("VEVENT")
    assert ev.decoded("dtstart").isoformat() == "2019-02-01"
    assert ev.decoded("dtend").isoformat() == "2019-03-01"  # the whole month
    assert str(ev["summary"]).startswith("[date known only to the month: February 2019]")
    assert str(ev["transp"]) == "TRANSPARENT"
    assert str(ev["x-isscoop-precision"]) == "month"


def test_ics_2025_meetings() -> None:
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(export.to_ics(isscoop.meetings.during("2025-01-01", "2025-12-31")))
    assert {e.decoded("dtstart").year for e in cal.walk("VEVENT")} == {2025}


# -- networkx -------------------------------------------------------------------------------------


def test_networkx_graph(bundled: isscoop.Dataset) -> None:
    nx = pytest.importorskip("networkx")
    g = export.to_networkx(bundled)
    assert set(g.nodes) == {a.id for a in bundled.agencies}
    assert g.nodes["nasa"]["label"] == "NASA"
    edge = g.edges["nasa", "roscosmos", "seat-swap-2022"]
    assert edge["type"] == "agreement" and edge["start"] == "2022-07-14" and edge["open_end"] is True
    visit = g.edges["roscosmos", "nasa", "rogozin-us-visit-2019"]
    assert visit["type"] == "meeting" and visit["start"] == "2019-02" and visit["status"] == "cancelled"
    assert {d["type"] for _, _, d in g.edges(data=True)} == {"meeting", "agreement", "program"}
    text = "\n".join(nx.generate_graphml(g))
    assert "seat-swap-2022" in text


# -- Markdown ---------------------------------------------------------------------------------------


def test_markdown_cites_every_marker() -> None:
    text = export.to_markdown(isscoop.meetings.between("NASA", "Roscosmos"), title="NASA and Roscosmos")
    assert text.startswith("# NASA and Roscosmos\n")
    body, _, notes = text.partition("\n\n[^")
    used = set(re.findall(r"\[\^(\d+)\]", body))
    listed = re.findall(r"^\[\^(\d+)\]: ", "[^" + notes, re.M)
    assert used == set(listed)
    assert listed == [str(n) for n in range(1, len(listed) + 1)]
    assert "- **February 2019** " in body
    assert "- **from 29 July 2025 to about 1 August 2025** " in body


# -- without the extras ----------------------------------------------------------------------------


@pytest.fixture
def no_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = ("pandas", "icalendar", "networkx", "matplotlib")
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in hidden:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    import sys

    for mod in list(sys.modules):
        if mod.split(".")[0] in hidden:
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake)
    monkeypatch.setattr("importlib.import_module", lambda name, package=None: fake(name))


@pytest.mark.parametrize(
    ("call", "extra"),
    [
        (lambda: export.to_dataframe(isscoop.meetings), "pandas"),
        (lambda: export.to_ics(isscoop.meetings), "icalendar"),
        (lambda: export.to_networkx(isscoop.meetings), "networkx"),
    ],
    ids=["to_dataframe", "to_ics", "to_networkx"],
)
def test_missing_extra_says_what_to_install(no_extras: None, call: Any, extra: str) -> None:
    with pytest.raises(export.MissingExtra) as info:
        call()
    assert f'install it with: pip install "isscoop[{extra}]"' in str(info.value)
    assert isinstance(info.value, IsscoopError) and isinstance(info.value, ImportError)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_exports_without_extras_still_work(no_extras: None) -> None:
    assert export.to_records(isscoop.meetings)
    assert export.to_timelinejs(isscoop.meetings)["events"]
    assert export.to_markdown(isscoop.meetings)
    out = io.StringIO()
    export.to_csv(isscoop.meetings, out)
    assert out.getvalue()
