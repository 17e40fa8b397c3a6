"""One declaration per record kind: a field declared once is loaded, dumped, in the schema,
reference-checked and exported; agreement status has one rule everywhere."""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
from typing import Any

import attrs
import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    PartialDate,
    StatusEvent,
    _model,
    export,
)


@attrs.frozen(kw_only=True, repr=False)
class ToyMeeting(isscoop.Meeting):
    """A meeting with two fields declared here and nowhere else."""

    host: Agency | None = attrs.field(default=None)
    venue_opened: PartialDate | None = attrs.field(default=None)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = tuple(ToyMeeting if cls is isscoop.Meeting else cls for cls in _model.KINDS)
    monkeypatch.setattr(_model, "KINDS", kinds)


def _doc(host: str) -> dict[str, Any]:
    return {
        "format_version": 1,
        "sources": [{"id": "s1", "url": "https://example.org/a", "publisher": "Example"}],
        "agencies": [{"id": "nasa", "name": "NASA", "kind": "space_agency", "sources": ["s1"]}],
        "meetings": [
            {
                "id": "m1",
                "title": "Talks",
                "kind": "heads_of_agency",
                "date": "2025-07-31",
                "host": host,
                "venue_opened": "1962-07",
                "sources": ["s1"],
            }
        ],
    }


def _load(doc: dict[str, Any]) -> isscoop.Dataset:
    stream = io.StringIO(json.dumps(doc))
    stream.name = "toy.json"
    return isscoop.load(stream)


def test_a_declared_field_loads_dumps_and_is_in_the_schema(toy: None) -> None:
    ds = _load(_doc("nasa"))
    m = ds.meetings.get("m1")
    assert isinstance(m, ToyMeeting)
    assert m.host is ds.agencies.get("nasa")
    assert m.venue_opened == PartialDate.parse("1962-07")
    out = io.StringIO()
    isscoop.dump(ds, out)
    written = json.loads(out.getvalue())["meetings"][0]
    assert (written["host"], written["venue_opened"]) == ("nasa", "1962-07")
    assert _load(json.loads(out.getvalue())) == ds
    props = isscoop.schema()["$defs"]["meetings"]["properties"]
    assert {"host", "venue_opened"} <= set(props)


def test_without_the_declaration_the_field_is_unknown() -> None:
    with pytest.raises(isscoop.DatasetError, match=r"\$\.meetings\[0\]\.host: unknown field"):
        _load(_doc("nasa"))


def test_a_declared_reference_is_checked(toy: None) -> None:
    with pytest.raises(isscoop.DatasetError) as info:
        _load(_doc("esa"))
    [problem] = info.value.problems
    assert problem.path == "$.meetings[0].host"
    assert problem.message.startswith("unknown reference")
    nasa = Agency(id="nasa", name="NASA", kind=AgencyKind.SPACE_AGENCY)
    other = Agency(id="esa", name="ESA", kind=AgencyKind.INTERGOVERNMENTAL_ORGANIZATION)
    meeting = ToyMeeting(id="m1", title="Talks", kind=isscoop.MeetingKind.HEADS_OF_AGENCY, date="2025", host=other)
    with pytest.raises(isscoop.DatasetError) as built:
        isscoop.Dataset(agencies=[nasa], meetings=[meeting])
    assert [(p.path, p.message) for p in built.value.problems] == [
        ("$.meetings[0].host", "refers to a record that is not in the dataset")
    ]


def test_a_declared_field_exports(toy: None) -> None:
    ds = _load(_doc("nasa"))
    out = io.StringIO()
    ds.meetings.to_csv(out)
    [row] = export.read_csv(io.StringIO(out.getvalue()))
    assert (row["type"], row["id"], str(row["start"])) == ("meeting", "m1", "2025-07-31")
    [record] = ds.meetings.to_records()
    assert (record["host"], record["venue_opened"]) == ("nasa", "1962-07")


# -- agreement status: one rule ------------------------------------------------------------


def _party_signing_then_declined() -> Agreement:
    a = Agency(id="aa", name="Agency A", kind=AgencyKind.SPACE_AGENCY)
    b = Agency(id="bb", name="Agency B", kind=AgencyKind.SPACE_AGENCY)
    return Agreement(
        id="toy-agreement",
        title="Toy agreement",
        kind=AgreementKind.MEMORANDUM_OF_UNDERSTANDING,
        parties=(a, b),
        events=(
            StatusEvent(status=AgreementStatus.SIGNED, date="2020-05", party=a),
            StatusEvent(status=AgreementStatus.DECLINED, date="2020-08-07", party=b),
        ),
    )


def _exported_statuses(ag: Agreement) -> tuple[str | None, set[str]]:
    out = io.StringIO()
    export.to_csv([ag], out)
    [row] = export.read_csv(io.StringIO(out.getvalue()))
    graph = export.to_networkx([*ag.parties, ag])
    edges = {d["status"] for _, _, d in graph.edges(data=True)}
    return row["status"], edges


def _days(n: int) -> list[dt.date]:
    first, last = dt.date(1990, 1, 1).toordinal(), dt.date(2031, 12, 31).toordinal()
    return [dt.date.fromordinal(first + (last - first) * i // (n - 1)) for i in range(n)]


def test_exports_give_the_status_that_status_on_gives() -> None:
    """For every bundled agreement (and one with a party's signing then another's refusal), on 200
    days: the agreement as far as it had gone by that day is exported, and the CSV and networkx
    status are the status ``status_on`` gives that day."""
    agreements = [*isscoop.agreements, _party_signing_then_declined()]
    compared = 0
    for ag in agreements:
        for day in _days(200):
            _, hi = PartialDate.from_date(day).bounds()
            so_far = attrs.evolve(ag, events=tuple(e for e in ag.events if e.bounds()[1] <= hi), end=None)
            if not so_far.history():
                continue
            expected = so_far.status_on(day)
            csv_status, edge_statuses = _exported_statuses(so_far)
            want = expected.value if expected is not None else None
            assert csv_status == want, (ag.id, day)
            assert edge_statuses <= {want or ""}, (ag.id, day)
            compared += 1
    assert compared > 1000


def test_the_disagreement_that_was_fixed() -> None:
    ag = _party_signing_then_declined()
    assert ag.status_on("2021") is AgreementStatus.SIGNED
    assert _exported_statuses(ag) == ("signed", {"signed"})


# -- loading pauses the collector and restores it -------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        _load({"format_version": 1})
        assert gc.isenabled() is enabled
        with pytest.raises(isscoop.DatasetError):
            _load({"format_version": 1, "meetings": [{"id": "x"}]})
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- an overlay with a newer version -----------------------------------------------------------


def test_an_overlay_with_a_newer_version_marks_what_it_adds() -> None:
    base = isscoop.dataset()
    doc = {
        "format_version": 1,
        "version": "2099.1.0",
        "meetings": [
            {
                "id": "bakanov-duffy-2025",
                "location": {"place": "Cape Canaveral", "country": "US"},
                "sources": ["src-toy-overlay"],
            }
        ],
        "sources": [{"id": "src-toy-overlay", "url": "https://example.org/x", "publisher": "Example"}],
        "agencies": [
            {"id": "toy-agency", "name": "Toy Agency", "kind": "space_agency", "sources": ["src-toy-overlay"]}
        ],
    }
    stream = io.StringIO(json.dumps(doc))
    stream.name = "overlay.json"
    merged = isscoop.load(stream, include_bundled=True)
    assert merged.version == "2099.1.0"
    talks = merged.meetings.get("bakanov-duffy-2025")
    assert str(talks.location) == "Cape Canaveral (US)"
    assert merged.agencies.get("toy-agency").added_in == "2099.1.0"
    before = merged.as_known_on(base.version or "")
    assert "toy-agency" not in before.agencies.ids
    assert before.meetings.get("bakanov-duffy-2025").location == base.meetings.get("bakanov-duffy-2025").location
    assert [str(c.value) for c in before.meetings.get("bakanov-duffy-2025").claims("location")] == [
        str(c.value) for c in base.meetings.get("bakanov-duffy-2025").claims("location")
    ]
    with pytest.raises(isscoop.InvalidRecord):
        merged.as_known_on("2100.1.0")


def test_an_overlay_without_a_version_keeps_the_bundled_one() -> None:
    doc = {
        "format_version": 1,
        "meetings": [{"id": "bakanov-duffy-2025", "in_person": True, "sources": ["src-tass-1995791"]}],
    }
    stream = io.StringIO(json.dumps(doc))
    stream.name = "overlay.json"
    merged = isscoop.load(stream, include_bundled=True)
    assert merged.version == isscoop.dataset().version
