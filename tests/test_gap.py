""" "How long since" and "the first in N years": the gap helper, its bounds, and statements judged
against the data with coverage taken into account."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Coverage,
    Covered,
    DateParseError,
    Duration,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Rank,
    Source,
    Tri,
    Undecidable,
)


def _story() -> isscoop.Gap:
    talks = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
    return talks.gap_before("2025-07-31")


def test_the_story_gap_is_6_years_9_months_and_21_days() -> None:
    gap = _story()
    assert gap.last is not None and gap.last.id == "bridenstine-rogozin-2018"
    assert str(gap.last_end) == "2018-10-10"
    assert gap.length == Duration(years=6, months=9, days=21)
    assert str(gap.length) == "6 years, 9 months and 21 days"
    assert gap.shortest == gap.longest == gap.length
    assert gap.complete.value is Tri.YES
    assert "coverage-nasa-roscosmos-heads-meetings-2018-2025" in gap.complete.reason


def test_the_three_statements_are_judged_as_stated() -> None:
    gap = _story()
    since = gap.judge("since 2018")
    assert since.value is Tri.YES
    assert "coverage-nasa-roscosmos-heads-meetings-2018-2025" in since.reason
    over = gap.judge("in over seven years")
    assert over.value is Tri.NO
    assert "6 years, 9 months and 21 days" in over.reason
    assert gap.judge("eight years").value is Tri.NO
    assert gap.judge("the first face-to-face meeting in over seven years").value is Tri.NO


def test_the_datas_own_claims_about_the_gap_agree_with_their_ranks() -> None:
    talks = isscoop.meetings.get("bakanov-duffy-2025")
    gap = _story()
    for claim in talks.claims("since_last_heads_meeting"):
        verdict = gap.judge(str(claim.value)).value
        assert verdict is (Tri.YES if claim.rank is Rank.PREFERRED else Tri.NO), (claim.value, claim.rank)


def test_without_coverage_only_what_a_missing_record_cannot_change_is_decided() -> None:
    ds = isscoop.dataset()
    bare = isscoop.Dataset(
        **{c: getattr(ds, c) for c in ("sources", "agencies", "officials", "programs", "meetings", "agreements")},
        horizon=ds.horizon,
    )
    talks = bare.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
    gap = talks.gap_before("2025-07-31")
    assert gap.length == Duration(years=6, months=9, days=21)  # what is recorded
    assert gap.complete.value is Tri.UNKNOWN
    assert "no coverage" in gap.complete.reason
    # a later meeting missing from the data could only make the gap shorter
    assert gap.judge("in over seven years").value is Tri.NO
    assert gap.judge("eight years").value is Tri.NO
    assert "could not change that" in gap.judge("eight years").reason
    since = gap.judge("since 2018")
    assert since.value is Tri.UNKNOWN
    assert "may be missing" in since.reason or "no coverage" in since.reason
    assert gap.judge("six years").value is Tri.UNKNOWN


# -- partial dates and records that may match --------------------------------------------------------

SRC = Source(id="src", url="https://example.org/", publisher="Example", published="2025-12-31")
AA = Agency(id="aa", name="A", kind=AgencyKind.SPACE_AGENCY, acronym="AA", sources=[SRC])
BB = Agency(id="bb", name="B", kind=AgencyKind.SPACE_AGENCY, acronym="BB", sources=[SRC])
COVER = Coverage(
    id="cov", title="All", of=Covered.MEETINGS, agencies=[AA, BB], window="2000-01-01/2025-12-31", sources=[SRC]
)


def _meeting(ident: str, date: str, status: MeetingStatus = MeetingStatus.HELD) -> Meeting:
    return Meeting(
        id=ident,
        title=ident.title(),
        kind=MeetingKind.HEADS_OF_AGENCY,
        date=date,
        status=status,
        agencies=[AA, BB],
        sources=[SRC],
    )


def _gap(*meetings: Meeting, day: str = "2025-07-15", cover: bool = True) -> isscoop.Gap:
    ds = isscoop.Dataset(
        sources=[SRC],
        agencies=[AA, BB],
        meetings=meetings,
        coverage=[COVER] if cover else [],
        horizon=dt.date(2025, 12, 31),
    )
    return ds.meetings.between("AA", "BB").gap_before(day)


def test_a_partial_date_gives_a_shortest_and_a_longest_gap() -> None:
    gap = _gap(_meeting("m", "2018-07"))
    assert gap.shortest == Duration(years=6, months=11, days=15)
    assert gap.longest == Duration(years=7, months=0, days=14)
    with pytest.raises(Undecidable, match="not one length"):
        _ = gap.length
    assert gap.judge("seven years").value is Tri.UNKNOWN
    assert "too coarse" in gap.judge("seven years").reason
    assert gap.judge("over six years").value is Tri.YES
    assert gap.judge("eight years").value is Tri.NO
    assert gap.judge("since 2018").value is Tri.YES
    assert gap.judge("since July 2018").value is Tri.YES
    assert gap.judge("since 2017").value is Tri.NO


def test_a_record_that_may_be_later_shortens_the_gap() -> None:
    gap = _gap(_meeting("old", "2018-10-10"), _meeting("maybe", "2025-07"))
    assert gap.last is not None and gap.last.id == "old"
    assert gap.shortest == Duration(days=1)  # "maybe" may have been on 14 July
    assert gap.longest == Duration(years=6, months=9, days=5)
    assert gap.judge("since 2018").value is Tri.UNKNOWN


def test_a_day_given_as_a_month_widens_the_gap() -> None:
    gap = _gap(_meeting("old", "2018-10-10"), day="2025-07")
    assert (gap.shortest, gap.longest) == (Duration(years=6, months=8, days=21), Duration(years=6, months=9, days=21))


def test_cancelled_meetings_count_unless_filtered_out() -> None:
    gap = _gap(_meeting("held", "2018-10-10"), _meeting("called-off", "2019-02", MeetingStatus.CANCELLED))
    assert gap.last is not None and gap.last.id == "called-off"
    ds = isscoop.Dataset(
        sources=[SRC],
        agencies=[AA, BB],
        meetings=[_meeting("held", "2018-10-10"), _meeting("called-off", "2019-02", MeetingStatus.CANCELLED)],
        coverage=[COVER],
    )
    held = ds.meetings.between("AA", "BB").filter(status="held").gap_before("2025-07-15")
    assert held.last is not None and held.last.id == "held"
    assert held.judge("since 2018").value is Tri.YES


def test_nothing_before_the_day() -> None:
    gap = _gap(day="2025-07-15")
    assert gap.last is None and gap.shortest is None
    assert "no meetings involving AA and BB recorded before 2025-07-15" in str(gap)
    # coverage from 2000 says none is missing since: any last one was before 2000, or there was none
    assert gap.judge("since 2018").value is Tri.NO
    assert gap.judge("over twenty years").value is Tri.YES
    assert gap.judge("since 1990").value is Tri.UNKNOWN  # before 2000, nothing is declared
    with pytest.raises(Undecidable):
        _ = gap.length


@pytest.mark.parametrize("bad", ["a while", "since forever", "in ages", "", "7"])
def test_a_statement_that_cannot_be_read_is_refused(bad: str) -> None:
    with pytest.raises(DateParseError, match="statement"):
        _story().judge(bad)


def test_durations() -> None:
    assert str(Duration()) == "0 days"
    assert str(Duration(years=1)) == "1 year"
    assert str(Duration(months=2, days=1)) == "2 months and 1 day"
    assert Duration(years=6, months=9, days=21) < Duration(years=7)
    # as dateutil counts: a year after 29 February is 28 February
    assert Duration.between(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == Duration(years=1)
    assert Duration.between(dt.date(2024, 3, 1), dt.date(2025, 2, 28)) == Duration(months=11, days=27)
    with pytest.raises(ValueError, match="on or after"):
        Duration.between(dt.date(2025, 1, 2), dt.date(2025, 1, 1))


# -- a property: exact days, complete data ------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)), min_size=1, max_size=5, unique=True),
    st.dates(dt.date(2001, 1, 1), dt.date(2025, 12, 31)),
    st.integers(0, 30),
)
def test_the_gap_is_the_calendar_difference_and_n_years_is_its_whole_years(
    days: list[dt.date], day: dt.date, n: int
) -> None:
    meetings = [_meeting(f"m{i}", d.isoformat()) for i, d in enumerate(days)]
    gap = _gap(*meetings, day=day.isoformat())
    before = [d for d in days if d < day]
    if not before:
        assert gap.last is None
        return
    last = max(before)
    r = relativedelta(day, last)
    assert gap.length == Duration(years=r.years, months=r.months, days=r.days)
    assert gap.complete.value is Tri.YES
    assert gap.judge(f"{n} years").value is (Tri.YES if r.years == n else Tri.NO)
    assert gap.judge(f"over {n} years").value is (Tri.YES if last + relativedelta(years=n) < day else Tri.NO)
    assert gap.judge(f"at least {n} years").value is (Tri.YES if last + relativedelta(years=n) <= day else Tri.NO)
    assert gap.judge(f"since {last.year}").value is Tri.YES
