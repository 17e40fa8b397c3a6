"""The fast paths for arguments never asked before answer exactly as the general rules.

Days read without a :class:`PartialDate`, names found in the folded-name
index, the byte masks that list large time selections, heads found by
segment or binary search, lazy set selections and the timeline rank: each
is checked against the slow, per-record way on the bundled data and on
larger generated datasets (so that the masks have slots with many records).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import Assume, Dataset, PartialDate, Tri
from isscoop._dates import day_bounds, day_window, to_partial_date
from isscoop._query import _time_key
from isscoop._text import keys
from tests.datagen import dates_in, make_dataset, make_date


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_day_bounds_of_a_date_and_its_iso_text(day: dt.date) -> None:
    want = to_partial_date(day).bounds()
    assert day_bounds(day) == want
    assert day_bounds(day.isoformat()) == want
    assert day_bounds(dt.datetime(day.year, day.month, day.day, 23, 59)) == want


@given(st.text(alphabet="0123456789-WX~?/ ", min_size=8, max_size=12))
def test_day_bounds_reads_text_as_to_partial_date_does(text: str) -> None:
    try:
        want: tuple[int, int] | type[Exception] = to_partial_date(text).bounds()
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
    for bad in ("2025-02-30", "2025-13-01", "31/07/2025", 2025):
        with pytest.raises(isscoop.DateParseError):
            day_bounds(bad)  # type: ignore[arg-type]


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


def _answer_ids(q: isscoop.Query[isscoop.Record], lo: int, hi: int, label: str, assume: Assume) -> set[str]:
    keep = {Tri.YES} if assume == "certain" else {Tri.YES, Tri.UNKNOWN}
    return {r.id for r in q if r._answer(lo, hi, label).value in keep}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_from_the_mask_matches_each_records_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = [*rng.sample(dates_in(ds), 40), *(make_date(rng) for _ in range(20))]
    for kind in ("meetings", "agreements", "officials", "agencies"):
        q = getattr(ds, kind)
        for day in days:
            lo, hi, label = day_window(day)
            for assume in ("certain", "possible"):
                want = _answer_ids(q, lo, hi, label, assume)
                found = q.on(day, assume=assume)
                assert [r.id for r in found] == sorted(want), (kind, str(day), assume)
                assert len(found) == len(want)
                assert found.ids == tuple(sorted(want))


@pytest.mark.parametrize("seed", [4, 5])
def test_selections_narrowed_in_time_match_each_records_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = rng.sample(dates_in(ds), 30)
    for agency in list(ds.agencies)[:4]:
        for kind in ("meetings", "agreements"):
            q = getattr(ds, kind).involving(agency)
            for day in days:
                lo, hi, label = day_window(day)
                for assume in ("certain", "possible"):
                    want = _answer_ids(q, lo, hi, label, assume)
                    assert set(q.on(day, assume=assume).ids) == want
                    assert q.on(day, assume=assume).ids == tuple(r.id for r in q if r.id in want)
                    big = getattr(ds, kind).on(day, assume=assume)
                    assert set(big.involving(agency).ids) == want


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


@pytest.mark.parametrize("seed", [7, 8])
def test_heads_by_segment_and_by_walk_match_each_tenures_answer(seed: int) -> None:
    ds = _big(seed)
    rng = random.Random(seed)
    days = [*rng.sample(dates_in(ds), 40), *(make_date(rng) for _ in range(10))]
    for agency in ds.agencies:
        for day in days:
            for assume in ("certain", "possible"):
                keep = {Tri.YES} if assume == "certain" else {Tri.YES, Tri.UNKNOWN}
                want = {
                    o.id
                    for o in ds.officials
                    for t in o.tenures
                    if t.head and t.agency.id == agency.id and t.covers(day).value in keep
                }
                got = ds.officials.heads(of=agency, on=day, assume=assume)
                assert set(got.ids) == want, (agency.id, str(day), assume)
                assert list(got.ids) == sorted(got.ids)


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=True))
def test_heads_on_small_generated_datasets(rng: random.Random) -> None:
    ds = make_dataset(rng, sizes=(2, 3, 8, 0, 0, 0))
    for agency in ds.agencies:
        for day in [*dates_in(ds)[:10], make_date(rng)]:
            want = {
                o.id
                for o in ds.officials
                for t in o.tenures
                if t.head and t.agency.id == agency.id and t.covers(day).yes
            }
            assert set(ds.officials.heads(of=agency, on=day).ids) == want
