"""The fast paths for arguments never asked before answer exactly as the general rules.

Days read without a :class:`PartialDate`, names found in the folded-name
index, the byte masks that list large time selections, heads found by
segment or binary search, lazy set selections and the timeline rank: each
is checked against the slow, per-record way on the bundled data and on
larger generated datasets (so that the masks have slots with many records).
The slow way is each record's own answer as its dataset reads it (with the
dataset's horizon), and for heads each tenure's answer with its bounds
narrowed by succession; days, months, years and intervals, at some time in
them and throughout.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import Assume, Dataset, MeetingKind, MeetingStatus, PartialDate, Tri
from isscoop._dates import day_bounds, day_window, to_partial_date, window_answer
from isscoop._query import _time_key
from isscoop._text import keys
from tests.datagen import dates_in, make_dataset, make_date


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_day_bounds_of_a_date_and_its_iso_text(day: dt.date) -> None:
    want = to_partial_date(day).bounds()
    assert day_window(day)[:2] == want
    assert day_bounds(day) == want
    assert day_bounds(day.isoformat()) == want == day_window(day.isoformat())[:2]
    assert day_bounds(dt.datetime(day.year, day.month, day.day, 23, 59)) == want


@given(st.text(alphabet="0123456789-WX~?/. ", min_size=8, max_size=12))
def test_day_bounds_reads_text_as_day_window_does(text: str) -> None:
    try:
        want: tuple[int, int] | type[Exception] = day_window(text)[:2]
    except isscoop.DateParseError:
        want = isscoop.DateParseError
    if want is isscoop.DateParseError:
        with pytest.raises(isscoop.DateParseError):
            day_bounds(text)
    else:
        assert day_bounds(text) == want


def test_day_bounds_of_partial_dates_and_refusals() -> None:
    for text in ("2025", "2025-07", "2025-21", "201X", "2025-07-31~", "0000-01-01", "2024-02-29"):
        assert day_bounds(text) == to_partial_date(text).bounds() == day_bounds(PartialDate.parse(text))
    for text in ("2025-07-31/2026-01-01", "../2025", "2019-02/2019-03-02"):
        assert day_bounds(text) == day_window(text)[:2] == day_bounds(isscoop.Period.parse(text))
    bad_days: list[Any] = ["2025-02-30", "2025-13-01", "31/07/2025", 2025, "2025/", "x" * 10**6]
    for bad in bad_days:
        with pytest.raises(isscoop.DateParseError):
            day_bounds(bad)


def _slow_get(q: isscoop.Query[isscoop.Agency], key: str) -> object:
    """:meth:`Query.get` the general way: exact id, else every folded key of the name."""
    p = q._index.ids().get(key)
    if p is not None:
        return q[p]
    for k in keys(key):
        found = [q._index.items[i] for i in q._index.names().get(k, ())]
        if found:
            return found[0] if len(found) == 1 else "ambiguous"
    return None


def _variants(name: str) -> list[str]:
    return [name, name.lower(), name.upper(), name.casefold(), name.title(), f" {name}", name.replace(" ", "-")]


@pytest.mark.parametrize("kind", ["agencies", "officials", "programs", "meetings", "agreements"])
def test_get_of_every_name_in_every_case_matches_the_general_rule(kind: str) -> None:
    q = getattr(isscoop.dataset(), kind)
    for item in q:
        for name in (item.id, *(getattr(item, a, None) or "" for a in ("acronym", "name", "title"))):
            for key in _variants(name) if name else ():
                want = _slow_get(q, key)
                try:
                    got: object = q.get(key)
                except isscoop.Ambiguous:
                    got = "ambiguous"
                except isscoop.NotFound:
                    got = None
                assert got is want or got == want, (kind, key)


def test_resolve_through_the_agency_names_matches_the_general_rule() -> None:
    ds = isscoop.dataset()
    for agency in ds.agencies:
        for name in (agency.id, agency.name, agency.acronym or agency.name, *agency.aliases):
            for key in _variants(name):
                try:
                    fast: object = ds.resolve(key)
                except isscoop.IsscoopError as e:
                    fast = type(e)
                try:
                    slow: object = ds._resolve(key)
                except isscoop.IsscoopError as e:
                    slow = type(e)
                assert fast is slow, key


def _big(seed: int) -> Dataset:
    return make_dataset(random.Random(seed), sizes=(4, 6, 60, 3, 400, 700))


def _answer_ids(
    q: isscoop.Query[isscoop.Record], lo: int, hi: int, label: str, assume: Assume, throughout: bool = False
) -> set[str]:
    """The records of ``q`` whose own answer (as the dataset reads them, with its horizon) ``assume`` keeps."""
    keep = {Tri.YES} if assume == "certain" else {Tri.YES, Tri.UNKNOWN}
    index = q._index
    return {r.id for r in q if index.dated(index.ids()[r.id])._answer(lo, hi, label, throughout).value in keep}


def _days(ds: Dataset, rng: random.Random, n: int, made: int) -> list[Any]:
    """Days of the data, made-up days, and intervals between days of the data."""
    known = dates_in(ds)
    days: list[Any] = [*rng.sample(known, n), *(make_date(rng) for _ in range(made))]
    for _ in range(max(2, n // 8)):
        a, b = sorted(rng.sample(known, 2), key=lambda d: day_window(d)[0])
        try:
            day_window(f"{a}/{b}")
        except isscoop.DateParseError:  # an end that may come before the start
            continue
        days.append(f"{a}/{b}")
    days.append(f"../{known[0]}")
    return days


def _every(q: Any) -> dict[str, Any]:
    """The arguments that make ``on``/``during`` keep every record: meetings of any status, visits too."""
    return {"status": None, "visits": True} if isinstance(q, isscoop.MeetingQuery) else {}


def _held(q: Any, found: Any) -> tuple[str, ...]:
    """What a meeting question keeps by default out of every record found: held meetings that are not visits."""
    if not isinstance(q, isscoop.MeetingQuery):
        return tuple(found.ids)
    return tuple(m.id for m in found if m.status is MeetingStatus.HELD and m.kind is not MeetingKind.VISIT)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_from_the_mask_matches_each_records_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = _days(ds, rng, 40, 20)
    for kind in ("meetings", "agreements", "officials", "agencies"):
        q = getattr(ds, kind)
        for day in days:
            lo, hi, label = day_window(day)
            for assume in ("certain", "possible"):
                for throughout in (False, True):
                    want = _answer_ids(q, lo, hi, label, assume, throughout)
                    found = q.on(day, assume=assume, throughout=throughout, **_every(q))
                    assert [r.id for r in found] == sorted(want), (kind, str(day), assume, throughout)
                    assert len(q.on(day, assume=assume, throughout=throughout, **_every(q))) == len(want)
                    assert found.ids == tuple(sorted(want))
                    assert q.on(day, assume=assume, throughout=throughout).ids == _held(q, found)


@pytest.mark.parametrize("seed", [4, 5])
def test_selections_narrowed_in_time_match_each_records_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = _days(ds, rng, 30, 0)
    for agency in list(ds.agencies)[:4]:
        for kind in ("meetings", "agreements"):
            q = getattr(ds, kind).involving(agency)
            for day in days:
                lo, hi, label = day_window(day)
                for assume in ("certain", "possible"):
                    want = _answer_ids(q, lo, hi, label, assume)
                    every = _every(q)
                    assert set(q.on(day, assume=assume, **every).ids) == want
                    assert q.on(day, assume=assume, **every).ids == tuple(r.id for r in q if r.id in want)
                    big = getattr(ds, kind).on(day, assume=assume, **every)
                    assert set(big.involving(agency).ids) == want
                    in_time = q.sorted().on(day, assume=assume, **every)
                    assert in_time.ids == tuple(r.id for r in q.sorted() if r.id in want)
                    assert q.on(day, assume=assume).ids == _held(q, q.on(day, assume=assume, **every))


def test_between_is_lazy_but_ordered_and_counts() -> None:
    ds = _big(6)
    agencies = list(ds.agencies)
    for a in agencies:
        for b in agencies:
            want = [m.id for m in ds.meetings if {a.id, b.id} <= {r.id for r in m._related()}]
            got = ds.meetings.between(a, b)
            assert len(got) == len(want)
            assert list(got.ids) == want
            assert [m.id for m in got.sorted()] == [m.id for m in sorted(got, key=_time_key)]
            assert [m.id for m in got.sorted(reverse=True)] == [m.id for m in sorted(got, key=_time_key)][::-1]


def _held_ids(ds: Dataset, agency: object, day: Any, assume: Assume, throughout: bool = False) -> set[str]:
    """The officials with a head tenure at ``agency`` whose answer for ``day`` ``assume`` keeps: each tenure's
    own rule (:func:`window_answer`), its bounds narrowed by succession, read with the dataset's horizon."""
    keep = {Tri.YES} if assume == "certain" else {Tri.YES, Tri.UNKNOWN}
    lo, hi, label = day_window(day)
    held = ds.officials._index.head_tenures().get(ds.officials._agency_id(agency), [])
    return {
        h.official.id
        for h in held
        if window_answer(h.bounds, lo, hi, label, h.tenure, throughout=throughout).value in keep
    }


@pytest.mark.parametrize("seed", [7, 8])
def test_heads_by_segment_and_by_walk_match_each_tenures_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = _days(ds, rng, 40, 10)
    for agency in ds.agencies:
        for day in days:
            for assume in ("certain", "possible"):
                for throughout in (False, True):
                    want = _held_ids(ds, agency, day, assume, throughout)
                    got = ds.officials.heads(of=agency, on=day, assume=assume, throughout=throughout)
                    assert set(got.ids) == want, (agency.id, str(day), assume, throughout)
                    assert list(got.ids) == sorted(got.ids)
                    name = agency.name.upper()
                    try:
                        named = ds.agencies.get(name, None)
                    except isscoop.Ambiguous:  # generated names may name several agencies
                        named = None
                    if named is agency:
                        by_name = ds.officials.heads(of=name, on=day, assume=assume, throughout=throughout)
                        assert by_name.ids == got.ids


def test_heads_of_the_bundled_data_match_each_tenures_answer() -> None:
    ds = isscoop.dataset()
    days = ["1992-06-17", "1998-01", "2001", "2018-10-10", "2019-02", "2025-07-31", "2026-03-10", "2026-06", "2030",
            "2019/2021", "2025-07-31/2026-01-01", "../1960"]  # fmt: skip
    for agency in ds.agencies:
        for day in days:
            for assume in ("certain", "possible"):
                for throughout in (False, True):
                    want = _held_ids(ds, agency, day, assume, throughout)
                    got = ds.officials.heads(of=agency.label, on=day, assume=assume, throughout=throughout)
                    assert set(got.ids) == want, (agency.id, day, assume, throughout)


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=True))
def test_heads_on_small_generated_datasets(rng: random.Random) -> None:
    ds = make_dataset(rng, sizes=(2, 3, 8, 0, 0, 0))
    for agency in ds.agencies:
        for day in [*dates_in(ds)[:10], make_date(rng)]:
            want = _held_ids(ds, agency, day, "certain")
            assert set(ds.officials.heads(of=agency, on=day).ids) == want


@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=30))
def test_check_text_accepts_what_its_rule_accepts(text: str) -> None:
    """The printable fast path of ``check_text`` accepts exactly the texts its general rule accepts."""
    from isscoop._args import check_text, text_problem

    for cap in (5, 1000):
        if text_problem(text, cap) is None:
            assert check_text(text, "x", cap) is text
        else:
            with pytest.raises(isscoop.InvalidRecord):
                check_text(text, "x", cap)
