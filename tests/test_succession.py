"""Bound by succession: a head post is held by one person at a time, so a tenure ends no later than
its successor's start and begins no earlier than its predecessor's end; ``possible`` answers respect it."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import Agency, AgencyKind, Official, PartialDate, Period, Tenure

from .strategies import ref_period_bounds

AGENCY = Agency(id="rsa", name="Russian Space Agency", kind=AgencyKind.SPACE_AGENCY, acronym="RSA")


def _head(ident: str, period: str, attested: tuple[str, ...] = (), acting: bool = False) -> Official:
    days = [PartialDate.parse(a) for a in attested]
    tenure = Tenure(post="Head", agency=AGENCY, period=period, head=True, acting=acting, attested=days)
    return Official(id=ident, name=ident.title(), tenures=[tenure])


def _ds(*officials: Official) -> isscoop.Dataset:
    return isscoop.Dataset(agencies=[AGENCY], officials=officials, horizon=dt.date(2026, 3, 10))


def test_goldin_is_no_longer_offered_as_nasas_head_in_2025() -> None:
    possible = isscoop.officials.heads(of="NASA", on="2025-07-31", assume="possible")
    assert "daniel-goldin" not in possible
    # before his successor's start, nothing rules him out: the data does not know when he left
    assert "daniel-goldin" in isscoop.officials.heads(of="NASA", on="2010", assume="possible")
    assert "daniel-goldin" not in isscoop.officials.heads(of="NASA", on="2018-04-24", assume="possible")
    # the record itself is not changed: on its own, the tenure cannot tell
    goldin = isscoop.officials.get("daniel-goldin").tenures[0]
    assert goldin.covers("2025-07-31").value is isscoop.Tri.UNKNOWN


def test_a_successor_bounds_an_unknown_end() -> None:
    ds = _ds(
        _head("koptev", "1992-02-25/", ("1998-01-29",)),
        _head("perminov", "2004-03-12/2011-04-29"),
        _head("rogozin", "2018-05-24/2022-07-15"),
    )
    assert ds.officials.heads(of="RSA", on="2010", assume="possible").ids == ("perminov",)
    assert ds.officials.heads(of="RSA", on="2001", assume="possible").ids == ("koptev",)
    assert ds.officials.heads(of="RSA", on="2004-03", assume="possible").ids == ("koptev", "perminov")
    assert ds.officials.heads(of="RSA", on="2004-03-13", assume="possible").ids == ("perminov",)
    # certain answers are not widened
    assert ds.officials.heads(of="RSA", on="2001").ids == ()
    assert ds.officials.heads(of="RSA", on="1998").ids == ("koptev",)


def test_a_predecessor_bounds_an_unknown_start() -> None:
    ds = _ds(_head("first", "2012-01-01/2018-05-24"), _head("second", "/2022-07-15", ("2020-06-01",)))
    assert ds.officials.heads(of="RSA", on="2015", assume="possible").ids == ("first",)
    assert ds.officials.heads(of="RSA", on="2019", assume="possible").ids == ("second",)
    assert ds.officials.heads(of="RSA", on="2018-05-24", assume="possible").ids == ("first", "second")


def test_acting_holders_and_the_same_person_do_not_bound() -> None:
    ds = _ds(_head("koptev", "1992/", ("1998",)), _head("stand-in", "2005/2006", acting=True))
    assert "koptev" in ds.officials.heads(of="RSA", on="2010", assume="possible")
    twice = Official(
        id="twice",
        name="Twice",
        tenures=[
            Tenure(post="Head", agency=AGENCY, period="2000/", head=True, attested=[PartialDate.parse("2000")]),
            Tenure(post="Head", agency=AGENCY, period="2008/2010", head=True),
        ],
    )
    assert "twice" in _ds(twice).officials.heads(of="RSA", on="2005", assume="possible")


# -- a property: never excludes the truth, never outlives the successor's start --------------------------

History = tuple[list[tuple[dt.date, dt.date]], list[dt.date], list[Official]]


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A true, gapless chain of heads; each tenure with its start or end hidden or made coarse, and one
    day on which it was certainly held (attested)."""
    n = draw(st.integers(2, 6))
    cuts = sorted(draw(st.lists(st.integers(0, 9000), min_size=n + 1, max_size=n + 1, unique=True)))
    base = dt.date(1990, 1, 1).toordinal()
    truth = [(dt.date.fromordinal(base + a), dt.date.fromordinal(base + b)) for a, b in itertools.pairwise(cuts)]
    officials, seen = [], []
    for i, (start, end) in enumerate(truth):
        sides = []
        for d in (start, end):
            how = draw(st.sampled_from(["day", "month", "year", "unknown"]))
            sides.append(
                None
                if how == "unknown"
                else PartialDate.parse(d.isoformat()[: {"day": 10, "month": 7, "year": 4}[how]])
            )
        attested = dt.date.fromordinal(draw(st.integers(start.toordinal(), end.toordinal())))
        seen.append(attested)
        tenure = Tenure(post="Head", agency=AGENCY, period=Period(start=sides[0], end=sides[1]), head=True,
                        attested=[PartialDate.from_date(attested)])  # fmt: skip
        officials.append(Official(id=f"h{i}", name=f"H{i}", tenures=[tenure]))
    return truth, seen, officials


@settings(max_examples=300, deadline=None)
@given(histories(), st.integers(0, 9500))
def test_possible_heads_include_the_truth_and_never_outlive_a_successors_start(case: History, offset: int) -> None:
    truth, seen, officials = case
    day = dt.date.fromordinal(dt.date(1990, 1, 1).toordinal() + offset)
    ds = isscoop.Dataset(agencies=[AGENCY], officials=officials, horizon=dt.date(2030, 1, 1))
    possible = set(ds.officials.heads(of="RSA", on=day, assume="possible").ids)
    certain = set(ds.officials.heads(of="RSA", on=day).ids)
    held = {f"h{i}" for i, (a, b) in enumerate(truth) if a <= day <= b}
    assert held <= possible  # the truth is never ruled out
    assert certain <= held  # and nothing false is certain
    for i, j in itertools.combinations(range(len(officials)), 2):
        if seen[i] >= seen[j]:
            continue  # held on the same day: the data cannot tell which came first
        # the successor's latest possible start, from its own dates (reference arithmetic) and its attested day
        latest_start = min(ref_period_bounds(officials[j].tenures[0].period)[1], seen[j].toordinal())
        if day.toordinal() > latest_start:
            assert officials[i].id not in possible, (officials[i].id, day, officials[j].tenures[0].period)
