"""The horizon: the last day a dataset's facts were checked.  An open end is "ongoing on the horizon";
a question about a later day that depends on one answers UNKNOWN, with a reason naming the horizon."""

from __future__ import annotations

import datetime as dt
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
    Official,
    Period,
    Source,
    StatusEvent,
    Tenure,
    Tri,
)

HORIZON = dt.date(2026, 5, 22)


def test_the_bundled_data_has_a_horizon_its_sources_reach() -> None:
    ds = isscoop.dataset()
    assert isinstance(ds.horizon, dt.date) and not isinstance(ds.horizon, dt.datetime)
    assert ds.horizon == HORIZON
    published = [s.published for s in ds.sources if s.published is not None]
    # the horizon is the latest day a source reaches: none is later, and one is that day
    assert all(p.earliest <= ds.horizon for p in published)
    assert any(p.latest == ds.horizon for p in published)
    assert all(r.horizon == HORIZON for r in ds.records() if isinstance(r, isscoop.Record))


def test_no_head_of_nasa_is_certain_after_the_horizon() -> None:
    assert isscoop.officials.heads(of="NASA", on="2030").ids == ()
    assert "jared-isaacman" in isscoop.officials.heads(of="NASA", on="2030", assume="possible")
    isaacman = isscoop.officials.get("jared-isaacman").tenures[0]
    answer = isaacman.covers("2030")
    assert answer.value is Tri.UNKNOWN
    assert "2026-05-22" in answer.reason and "horizon" in answer.reason
    # up to the horizon, and at some time in a year that reaches past it, the open end still counts
    assert isaacman.covers("2026-05-22").value is Tri.YES
    assert isscoop.officials.heads(of="NASA", on="2026").ids == ("jared-isaacman",)
    assert isaacman.covers("2026", throughout=True).value is Tri.UNKNOWN
    assert isaacman.covers("2026-05-23").value is Tri.UNKNOWN


def test_the_seat_swap_is_unknown_after_the_horizon() -> None:
    swap = isscoop.agreements.get("seat-swap-2022")
    answer = swap.in_force_on("2030")
    assert answer.value is Tri.UNKNOWN
    assert "2026-05-22" in answer.reason
    assert "covers 2030" not in answer.reason
    assert swap.in_force_on("2026-01").value is Tri.YES
    assert "seat-swap-2022" not in isscoop.agreements.in_force(on="2030")
    assert "seat-swap-2022" in isscoop.agreements.in_force(on="2030", assume="possible")
    assert swap.period_in_force is not None and swap.period_in_force.ongoing_as_of == HORIZON


def test_agencies_and_their_names_are_unknown_after_the_horizon() -> None:
    roscosmos = isscoop.agencies.get("roscosmos")
    assert roscosmos.active_on("2030").value is Tri.UNKNOWN
    assert roscosmos.active_on("2026-01").value is Tri.YES
    assert roscosmos.name_on("2020") == "State Corporation for Space Activities Roscosmos"
    assert roscosmos.name_on("2030") is None
    assert roscosmos.name_on("2030", assume="possible") == "State Corporation for Space Activities Roscosmos"


def test_closed_ends_and_planned_ends_are_not_touched() -> None:
    # a recorded end is a fact, before or after the horizon
    nelson = isscoop.officials.get("bill-nelson").tenures[0]
    assert nelson.covers("2030").value is Tri.NO
    memo = isscoop.agreements.get("seat-swap-supplement-2023-07")
    assert memo.end is not None
    # a planned end stays a claim: the ISS's planned end does not end its period
    iss = isscoop.programs.get("iss")
    assert iss.period.open_end and iss.period.ongoing_as_of == HORIZON
    assert iss.active_on("2029").value is Tri.UNKNOWN


# -- periods and records built in Python ----------------------------------------------------------


def test_a_period_built_in_python_goes_on_without_end_unless_given_a_horizon() -> None:
    p = Period.parse("2025-02-06/..")
    assert p.ongoing_as_of is None
    assert p.covers("2030").value is Tri.YES
    q = p.ongoing(HORIZON)
    assert q.ongoing_as_of == HORIZON
    assert q.covers("2030").value is Tri.UNKNOWN
    assert q == p and str(q) == str(p)  # not part of the interval text, nor of ==
    assert Period(start=p.start, open_end=True, ongoing_as_of=dt.datetime(2026, 5, 22, 12)).ongoing_as_of == HORIZON
    closed = Period.parse("2025/2026")
    assert closed.ongoing(HORIZON) is closed  # nothing is ongoing
    with pytest.raises(isscoop.DateParseError, match="only an open end"):
        Period(start=p.start, end=p.start, ongoing_as_of=HORIZON)
    with pytest.raises(isscoop.DateParseError, match=r"datetime\.date"):
        Period(start=p.start, open_end=True, ongoing_as_of="2026-05-22")  # type: ignore[arg-type]


NASA = Agency(id="nasa", name="NASA", kind=AgencyKind.SPACE_AGENCY)


def _head(ident: str, period: str, **kw: Any) -> Official:
    return Official(
        id=ident, name=ident.title(), tenures=[Tenure(post="Head", agency=NASA, period=period, head=True)], **kw
    )


def test_a_record_given_a_horizon_carries_it_to_its_open_ends() -> None:
    o = _head("h", "2025/..", horizon=HORIZON)
    assert o.tenures[0].period.ongoing_as_of == HORIZON
    assert o.tenures[0].covers("2027").value is Tri.UNKNOWN
    bare = _head("h", "2025/..")
    assert bare.tenures[0].covers("2027").value is Tri.YES
    assert attrs.evolve(bare, horizon=HORIZON).tenures[0].covers("2027").value is Tri.UNKNOWN
    assert o == bare  # the horizon is not a fact of the record
    with pytest.raises(isscoop.InvalidRecord, match="horizon"):
        _head("h", "2025/..", horizon="2026")
    deal = Agreement(
        id="d",
        title="D",
        kind=AgreementKind.CONTRACT,
        events=[StatusEvent(status=AgreementStatus.IN_FORCE, date="2020")],
        horizon=HORIZON,
    )
    assert deal.in_force_on("2027").value is Tri.UNKNOWN
    assert deal.in_force_on("2021").value is Tri.YES


def test_a_dataset_built_in_python_reads_its_records_with_its_horizon() -> None:
    bare = _head("h", "2025/..")
    ds = isscoop.Dataset(agencies=[NASA], officials=[bare], horizon=HORIZON)
    assert ds.horizon == HORIZON
    assert ds.officials.get("h") is bare  # kept as given
    assert ds.officials.heads(of="nasa", on="2027").ids == ()
    assert ds.officials.heads(of="nasa", on="2027", assume="possible").ids == ("h",)
    assert ds.officials.on("2026-01").ids == ("h",)
    # with no horizon given, the latest source publication date is taken
    src = Source(id="s", url="https://example.org/", publisher="E", published="2025-11")
    assert isscoop.Dataset(sources=[src], agencies=[NASA], officials=[bare]).horizon == dt.date(2025, 11, 1)
    assert isscoop.Dataset().horizon == dt.date.min
    with pytest.raises(isscoop.InvalidRecord, match="horizon"):
        isscoop.Dataset(horizon="2026-05-22")  # type: ignore[arg-type]


# -- files ------------------------------------------------------------------------------------------


def _doc(**extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format_version": 1,
        "sources": [{"id": "s", "url": "https://example.org/", "publisher": "E", "published": "2025-06-30"}],
        "agencies": [{"id": "nasa", "name": "NASA", "kind": "space_agency", "sources": ["s"]}],
        "officials": [
            {
                "id": "h",
                "name": "H",
                "sources": ["s"],
                "tenures": [{"post": "Head", "agency": "nasa", "period": "2025-01/..", "head": True}],
            }
        ],
    }
    doc.update(extra)
    return doc


def _load(*docs: dict[str, Any], include_bundled: bool = False) -> isscoop.Dataset:
    streams = []
    for i, doc in enumerate(docs):
        stream = io.StringIO(json.dumps(doc))
        stream.name = f"f{i}.json"
        streams.append(stream)
    return isscoop.load(*streams, include_bundled=include_bundled)


def test_a_file_declares_its_horizon() -> None:
    ds = _load(_doc(horizon="2025-12-31"))
    assert ds.horizon == dt.date(2025, 12, 31)
    tenure = ds.officials.get("h").tenures[0]
    assert tenure.period.ongoing_as_of == dt.date(2025, 12, 31)
    assert tenure.covers("2025-12").value is Tri.YES
    assert tenure.covers("2026-01").value is Tri.UNKNOWN


def test_a_file_without_a_horizon_is_taken_as_checked_on_its_latest_source() -> None:
    ds = _load(_doc())
    assert ds.horizon == dt.date(2025, 6, 30)
    assert ds.officials.heads(of="nasa", on="2025-07").ids == ()


def test_several_files_take_the_earliest_horizon() -> None:
    more = {"format_version": 1, "horizon": "2025-09-01"}
    assert _load(_doc(horizon="2025-12-31"), more).horizon == dt.date(2025, 9, 1)


@pytest.mark.parametrize("bad", ["2025", "2025-07", "2025-02-30", "yesterday", 20250101, "2025-07-31T00:00:00"])
def test_a_bad_horizon_is_a_problem(bad: object) -> None:
    with pytest.raises(isscoop.DatasetError) as info:
        _load(_doc(horizon=bad))
    assert [p.path for p in info.value.problems] == ["$.horizon"]
    assert "a day such as" in str(info.value)


def test_dump_writes_the_horizon_and_load_reads_it_back(tmp_path: Any) -> None:
    ds = _load(_doc(horizon="2025-12-31"))
    out = io.StringIO()
    isscoop.dump(ds, out)
    assert json.loads(out.getvalue())["horizon"] == "2025-12-31"
    again = isscoop.load(io.StringIO(out.getvalue()))
    assert again == ds and again.horizon == ds.horizon
    isscoop.dump(ds, tmp_path)
    assert isscoop.load(tmp_path).horizon == ds.horizon
    assert isscoop.schema()["properties"]["horizon"]["type"] == "string"


def test_an_overlay_keeps_each_records_horizon_and_the_result_has_the_earlier() -> None:
    overlay = {
        "format_version": 1,
        "horizon": "2027-01-01",
        "sources": [{"id": "src-x", "url": "https://example.org/x", "publisher": "X"}],
        "officials": [
            {
                "id": "someone-new",
                "name": "Someone New",
                "sources": ["src-x"],
                "tenures": [{"post": "Chief", "agency": "esa", "period": "2026-06/..", "head": True}],
            }
        ],
    }
    ds = _load(overlay, include_bundled=True)
    assert ds.horizon == HORIZON  # the bundled facts were checked only to then
    new = ds.officials.get("someone-new")
    assert new.horizon == dt.date(2027, 1, 1)
    assert new.tenures[0].covers("2026-12").value is Tri.YES
    assert ds.officials.get("jared-isaacman").tenures[0].covers("2026-12").value is Tri.UNKNOWN
    # with no horizon and no dated source of its own, an overlay takes the bundled data's
    plain = dict(overlay)
    del plain["horizon"]
    assert _load(plain, include_bundled=True).officials.get("someone-new").horizon == HORIZON


def test_merging_keeps_each_records_own_horizon() -> None:
    early = isscoop.Dataset(agencies=[NASA], officials=[_head("a", "2020/..")], horizon=dt.date(2021, 1, 1))
    other = Agency(id="esa", name="ESA", kind=AgencyKind.INTERGOVERNMENTAL_ORGANIZATION, founded="1975-05-30")
    late = isscoop.Dataset(agencies=[other], horizon=dt.date(2024, 1, 1))
    merged = early | late
    assert merged.horizon == dt.date(2021, 1, 1)
    assert merged.officials.get("a").horizon == dt.date(2021, 1, 1)
    assert merged.agencies.get("esa").horizon == dt.date(2024, 1, 1)
    assert merged.agencies.get("esa").active_on("2023").value is Tri.YES
    assert (early | isscoop.Dataset()).horizon == early.horizon
