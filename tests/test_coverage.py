"""Declared coverage and Query.exists(): NO only where the data declares it would know; "nothing
happened" told from "nothing recorded"."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Coverage,
    Covered,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Official,
    Source,
    Tenure,
    Tri,
    export,
)

from .clitools import run_cli

STORY = "coverage-nasa-roscosmos-heads-meetings-2018-2025"


def _heads_talks() -> isscoop.Query[Meeting]:
    return isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)


# -- the acceptance questions ----------------------------------------------------------------------


def test_no_heads_meeting_between_the_baikonur_meeting_and_the_2025_talks() -> None:
    answer = _heads_talks().during("2018-10-11", "2025-07-30").exists()
    assert answer.value is Tri.NO
    assert STORY in answer.reason
    declared = isscoop.coverage.get(STORY)
    assert declared.sources and declared.note
    assert all(s.id in isscoop.sources for s in declared.sources)


def test_the_same_question_for_a_pair_with_no_coverage_is_unknown() -> None:
    answer = isscoop.meetings.between("NASA", "ESA").filter(kind="heads_of_agency")
    found = answer.during("2018-10-11", "2025-07-30").exists()
    assert found.value is Tri.UNKNOWN
    assert "no coverage is declared" in found.reason


def test_without_the_kind_filter_other_contacts_match() -> None:
    # the working-level meeting at Baikonur and the July 2025 visit are recorded between the two agencies
    answer = isscoop.meetings.between("NASA", "Roscosmos").during("2018-10-11", "2025-07-30").exists()
    assert answer.value is Tri.YES


def test_the_head_of_nasa_in_2030_is_unknown_and_the_reason_names_the_horizon() -> None:
    q = isscoop.officials.heads(of="NASA", on="2030")
    assert q.ids == ()
    answer = q.exists()
    assert answer.value is Tri.UNKNOWN
    assert "2026-05-22" in answer.reason and "horizon" in answer.reason


def test_a_question_past_the_coverage_or_the_horizon_is_unknown() -> None:
    found = _heads_talks().during("2025-08-01", "2025-12-31").exists()
    assert found.value is Tri.UNKNOWN
    assert "2025-08-01" in found.reason
    later = _heads_talks().during("2026-06", "2026-09").exists()
    assert later.value is Tri.UNKNOWN
    heads = isscoop.officials.heads(of="Roscosmos", on="2026-03-10/2026-06-30")
    assert heads.exists().value is Tri.YES  # Bakanov was head on the horizon itself


def test_yes_when_a_record_certainly_matches() -> None:
    answer = _heads_talks().on("2025-07").exists()
    assert answer.value is Tri.YES
    assert "bakanov-duffy-2025" in answer.reason
    assert isscoop.officials.heads(of="NASA", on="2025-07-31").exists().value is Tri.YES


# -- what keeps a declaration valid ----------------------------------------------------------------


def test_narrowing_further_keeps_the_declaration_and_assume_does_not_matter() -> None:
    window = ("2018-10-11", "2025-07-30")
    assert _heads_talks().filter(status="held").during(*window).exists().value is Tri.NO
    assert _heads_talks().filter(lambda m: m.in_person is True).during(*window).exists().value is Tri.NO
    assert _heads_talks().involving("Rogozin").during(*window).exists().value is Tri.NO
    assert _heads_talks().search("talks").during(*window).exists().value is Tri.NO
    assert _heads_talks().during(*window, assume="possible").exists().value is Tri.NO
    assert _heads_talks().during(*window).sorted().exists().value is Tri.NO
    # time steps in any order
    q = isscoop.meetings.during(*window).filter(kind="heads_of_agency", in_person=True).between("Roscosmos", "NASA")
    assert q.exists().value is Tri.NO


def test_what_is_broader_than_the_declaration_stays_unknown() -> None:
    window = ("2018-10-11", "2025-07-30")
    # any kind of meeting: the declaration is for heads-of-agency meetings only
    signings = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="signing").during(*window)
    assert signings.ids == ()
    assert signings.exists().value is Tri.UNKNOWN
    # either agency, not both
    either = isscoop.meetings.involving("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
    either = either.during(*window)
    assert either.exists().value is Tri.UNKNOWN
    # no time limit
    assert _heads_talks().filter(status="cancelled").exists().value is Tri.UNKNOWN
    # cut by position
    assert "slice" in _heads_talks().during(*window)[:1].exists().reason
    # a kind of record no coverage can be declared for
    assert "coverage is declared only" in isscoop.programs.filter(name="nothing").exists().reason


def test_days_that_do_not_overlap_cannot_match() -> None:
    answer = isscoop.meetings.during("2019").during("2021").exists()
    assert answer.value is Tri.NO
    assert "do not overlap" in answer.reason


# -- a toy dataset: a covered vacancy, partial dates, chained windows --------------------------------

SRC = Source(id="src", url="https://example.org/", publisher="Example", published="2025-12-31")
AG = Agency(id="ag", name="Agency", kind=AgencyKind.SPACE_AGENCY, acronym="AG", sources=[SRC])
BB = Agency(id="bb", name="Other", kind=AgencyKind.SPACE_AGENCY, acronym="BB", sources=[SRC])


def _head(ident: str, period: str) -> Official:
    tenure = Tenure(post="Head", agency=AG, period=period, head=True)
    return Official(id=ident, name=ident.title(), tenures=[tenure], sources=[SRC])


def _toy(*coverage: Coverage, meetings: tuple[Meeting, ...] = ()) -> isscoop.Dataset:
    officials = [_head("first", "2010-01-01/2012-06-30"), _head("second", "2013-01-01/..")]
    return isscoop.Dataset(
        sources=[SRC],
        agencies=[AG, BB],
        officials=officials,
        meetings=meetings,
        coverage=coverage,
        horizon=dt.date(2025, 12, 31),
    )


def _heads_coverage(window: str, ident: str = "cov-heads") -> Coverage:
    return Coverage(id=ident, title="Heads", of=Covered.HEADS, agencies=[AG], window=window, sources=[SRC])


def test_a_vacancy_inside_covered_time_is_no_and_outside_it_unknown() -> None:
    ds = _toy(_heads_coverage("2010-01-01/.."))
    vacancy = ds.officials.heads(of="AG", on="2012-09")
    assert vacancy.ids == ()
    assert vacancy.exists().value is Tri.NO
    assert "cov-heads" in vacancy.exists().reason
    before = ds.officials.heads(of="AG", on="2005")
    assert before.exists().value is Tri.UNKNOWN
    assert "2005-01-01" in before.exists().reason
    after = ds.officials.heads(of="AG", on="2026-06")
    assert after.exists().value is Tri.UNKNOWN
    assert "2025-12-31" in after.exists().reason  # the horizon, not a vacancy


def test_a_partial_date_keeps_it_unknown() -> None:
    meeting = Meeting(
        id="m", title="Talks", kind=MeetingKind.HEADS_OF_AGENCY, date="2020-07", agencies=[AG, BB], sources=[SRC]
    )
    cov = Coverage(
        id="cov-m", title="Meetings", of=Covered.MEETINGS, agencies=[AG, BB], window="2015/2024", sources=[SRC]
    )
    ds = _toy(cov, meetings=(meeting,))
    answer = ds.meetings.between("AG", "BB").on("2020-07-15").exists()
    assert answer.value is Tri.UNKNOWN
    assert "known only to the month" in answer.reason
    assert ds.meetings.between("AG", "BB").on("2020-08").exists().value is Tri.NO
    # a coverage window known only to the year covers only what is certainly inside it
    coarse = Coverage(
        id="cov-c", title="Meetings", of=Covered.MEETINGS, agencies=[AG, BB], window="2015-06/2019-06", sources=[SRC]
    )
    ds = _toy(coarse)
    assert ds.meetings.between("AG", "BB").on("2015-06-15").exists().value is Tri.UNKNOWN
    assert ds.meetings.between("AG", "BB").on("2015-07").exists().value is Tri.NO


def test_windows_of_several_declarations_join() -> None:
    ds = _toy(_heads_coverage("2012-01-01/2012-08-31", "one"), _heads_coverage("2012-09-01/2012-12-31", "two"))
    vacancy = ds.officials.heads(of="AG", on="2012-07-01/2012-12-31")
    assert vacancy.ids == ()
    answer = vacancy.exists()
    assert answer.value is Tri.NO
    assert "one" in answer.reason and "two" in answer.reason
    gap = _toy(_heads_coverage("2012-01-01/2012-08-30", "one"), _heads_coverage("2012-09-01/2012-12-31", "two"))
    found = gap.officials.heads(of="AG", on="2012-07-01/2012-12-31").exists()
    assert found.value is Tri.UNKNOWN
    assert "2012-08-31" in found.reason


def test_a_query_of_no_dataset_is_never_no() -> None:
    q: isscoop.Query[Meeting] = isscoop.Query([], kind="meeting")
    assert q.exists().value is Tri.UNKNOWN


# -- the command line ------------------------------------------------------------------------------


def _run(args: list[str]) -> tuple[int, str]:
    status, out, _ = run_cli(args)
    return status, out


def test_the_cli_never_prints_a_bare_none_certain(tmp_path: Any) -> None:
    for args in (["heads", "ESA", "--on", "2010-07-31"], ["heads", "NASA", "--on", "2030"]):
        status, out = _run(args)
        assert status == 0
        assert "(none certain)" not in out
        assert "none certain: " in out or "not covered by the data: " in out
    status, out = _run(["heads", "NASA", "--on", "2030", "--json"])
    assert json.loads(out)["exists"]["value"] == "unknown"
    # a covered vacancy and an uncovered question, in a file of one's own
    doc = _vacancy_file()
    path = tmp_path / "vacancy.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    status, out = _run(["heads", "space-office", "--on", "2012-09", "--data", str(path)])
    assert "no head recorded (covered)" in out
    status, out = _run(["heads", "space-office", "--on", "2005", "--data", str(path)])
    assert "not covered by the data" in out


def _vacancy_file() -> dict[str, Any]:
    return {
        "format_version": 1,
        "horizon": "2025-12-31",
        "sources": [{"id": "src-office", "url": "https://example.org/office", "publisher": "Example"}],
        "agencies": [{"id": "space-office", "name": "Space Office", "kind": "space_agency", "sources": ["src-office"]}],
        "officials": [
            {
                "id": "office-first",
                "name": "First Head",
                "sources": ["src-office"],
                "tenures": [
                    {"post": "Head", "agency": "space-office", "period": "2010-01-01/2012-06-30", "head": True}
                ],
            },
            {
                "id": "office-second",
                "name": "Second Head",
                "sources": ["src-office"],
                "tenures": [{"post": "Head", "agency": "space-office", "period": "2013-01-01/..", "head": True}],
            },
        ],
        "coverage": [
            {
                "id": "coverage-office-heads",
                "title": "Heads of the Space Office since 2010",
                "of": "heads",
                "agencies": ["space-office"],
                "window": "2010-01-01/..",
                "sources": ["src-office"],
                "note": "The office's own list of its heads.",
            }
        ],
    }


# -- coverage is data like everything else -----------------------------------------------------------


def test_coverage_loads_from_a_file_dumps_and_is_in_the_schema() -> None:
    stream = io.StringIO(json.dumps(_vacancy_file()))
    ds = isscoop.load(stream, include_bundled=True)
    c = ds.coverage.get("coverage-office-heads")
    assert c.of is Covered.HEADS and c.window.ongoing_as_of == dt.date(2025, 12, 31)
    assert ds.officials.heads(of="space-office", on="2012-09").exists().value is Tri.NO
    out = io.StringIO()
    isscoop.dump(ds, out)
    assert any(r["id"] == "coverage-office-heads" for r in json.loads(out.getvalue())["coverage"])
    props = isscoop.schema()["$defs"]["coverage"]["properties"]
    assert {"of", "window", "agencies", "programs", "meeting_kinds", "sources", "note", "title"} <= set(props)
    rows = export.to_records(ds.coverage)
    assert {r["type"] for r in rows} == {"coverage"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"window": "2010-01-01/"}, "unknown end covers nothing"),
        ({"meeting_kinds": ["visit"]}, "no meeting kinds unless it covers meetings"),
        ({"agencies": []}, "the one agency whose heads it covers"),
        ({"of": "programs"}, "unknown value"),
    ],
)
def test_a_bad_declaration_is_a_problem(change: dict[str, Any], message: str) -> None:
    doc = _vacancy_file()
    doc["coverage"][0].update(change)
    with pytest.raises(isscoop.DatasetError, match=message):
        isscoop.load(io.StringIO(json.dumps(doc)))


def test_every_bundled_declaration_is_cited_and_explained() -> None:
    assert len(isscoop.coverage) >= 1
    for c in isscoop.coverage:
        assert c.sources, c.id
        assert c.note and len(c.note) > 40, c.id
        assert c.describe().startswith("every "), c.id
        # what a declaration claims is not contradicted by the records: no day it covers lacks a head
        if c.of is Covered.HEADS:
            lo, hi = c.certain_days()
            day = dt.date.fromordinal(lo)
            while day.toordinal() <= hi:
                assert isscoop.officials.heads(of=c.agencies[0], on=day).ids, (c.id, day)
                day += dt.timedelta(days=30)


def test_a_held_meeting_of_the_story_is_inside_its_declaration() -> None:
    c = isscoop.coverage.get(STORY)
    lo, hi = c.certain_days()
    for m in _heads_talks().filter(status=MeetingStatus.HELD):
        if m.active_on(c.window).value is Tri.YES:
            assert m.id in {"bridenstine-rogozin-2018", "bakanov-duffy-2025"}
    assert (dt.date.fromordinal(lo), dt.date.fromordinal(hi)) == (dt.date(2018, 10, 10), dt.date(2025, 7, 31))
