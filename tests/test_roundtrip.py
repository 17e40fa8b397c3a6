"""Properties of generated valid datasets: dump/load round trips, merging, and queries.

Each property runs 500 examples (set explicitly, whatever the Hypothesis
profile says).  Temporary files come from :mod:`tempfile` inside the test,
because the function-scoped ``tmp_path`` fixture is shared by all the
examples of a Hypothesis test.
"""

from __future__ import annotations

import io
import json
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import Dataset, PartialDate

from .datagen import KINDS, dataset_and_days, datasets

PROPERTY = settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CHEAP = settings(PROPERTY, max_examples=200)


@contextmanager
def quiet() -> Iterator[None]:
    """Records with no source load with an IsscoopWarning; that is expected here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", isscoop.IsscoopWarning)
        yield


def round_trip_file(ds: Dataset) -> Dataset:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        isscoop.dump(ds, path)
        with quiet():
            return isscoop.load(path)


def round_trip_folder(ds: Dataset) -> Dataset:
    with tempfile.TemporaryDirectory() as folder:
        isscoop.dump(ds, folder)
        names = sorted(p.name for p in Path(folder).iterdir())
        assert names == sorted(f"{k}.json" for k in KINDS)
        with quiet():
            return isscoop.load(folder)


# -- a. round trips ------------------------------------------------------------------------------


@PROPERTY
@given(datasets())
def test_dump_then_load_gives_the_same_dataset_file_and_folder(ds: Dataset) -> None:
    one = round_trip_file(ds)
    assert one == ds
    assert one.version == ds.version
    many = round_trip_folder(ds)
    assert many == ds


@settings(PROPERTY, max_examples=100)
@given(datasets(shrinkable=True))
def test_round_trip_with_shrinkable_datasets(ds: Dataset) -> None:
    """The same property with every choice made by Hypothesis, so that a failure shrinks."""
    assert round_trip_file(ds) == ds


@CHEAP
@given(datasets())
def test_dump_is_canonical(ds: Dataset) -> None:
    """Dumping a loaded dataset writes the same text again; a stream gets the same text as a file."""
    first = io.StringIO()
    isscoop.dump(ds, first)
    with quiet():
        again = isscoop.load(io.StringIO(first.getvalue()))
    second = io.StringIO()
    isscoop.dump(again, second)
    assert first.getvalue() == second.getvalue()
    doc = json.loads(first.getvalue())
    assert list(doc) == sorted(doc)
    for kind in ("sources", "agencies", "officials", "programs", "meetings", "agreements"):
        ids = [r["id"] for r in doc[kind]]
        assert ids == sorted(ids)


# -- b. merging ----------------------------------------------------------------------------------


def _union(*parts: Dataset) -> Dataset:
    version = None
    for p in parts:
        version = p.version or version
    return Dataset(
        **{kind: tuple(r for p in parts for r in getattr(p, kind)) for kind in KINDS},
        version=version,
        horizon=min(p.horizon for p in parts),  # every fact of the union was checked by the earliest horizon
    )


@PROPERTY
@given(datasets(prefix="a-", most=2), datasets(prefix="b-", most=2), datasets(prefix="c-", most=2))
def test_merge_is_associative_for_disjoint_datasets(a: Dataset, b: Dataset, c: Dataset) -> None:
    left = (a | b) | c
    right = a | (b | c)
    assert left == right
    # and both are simply the union of the three
    assert left == _union(a, b, c)


@CHEAP
@given(datasets(prefix="a-"), datasets(prefix="b-"))
def test_merge_of_disjoint_datasets_keeps_both_and_changes_neither(a: Dataset, b: Dataset) -> None:
    a_text, b_text = io.StringIO(), io.StringIO()
    isscoop.dump(a, a_text)
    isscoop.dump(b, b_text)
    merged = a | b
    assert merged == isscoop.merge(a, b)
    assert len(merged) == len(a) + len(b)
    for r in a.records():
        assert getattr(merged, _kind_of(r)).get(r.id) == r
    for r in b.records():
        assert getattr(merged, _kind_of(r)).get(r.id) == r
    after_a, after_b = io.StringIO(), io.StringIO()
    isscoop.dump(a, after_a)
    isscoop.dump(b, after_b)
    assert (after_a.getvalue(), after_b.getvalue()) == (a_text.getvalue(), b_text.getvalue())


@CHEAP
@given(datasets())
def test_merge_with_itself_or_with_nothing_changes_nothing(ds: Dataset) -> None:
    assert ds | ds == ds
    assert ds | Dataset() == ds
    assert Dataset() | ds == ds


def _kind_of(record: object) -> str:
    return {
        isscoop.Source: "sources",
        isscoop.Agency: "agencies",
        isscoop.Official: "officials",
        isscoop.Program: "programs",
        isscoop.Meeting: "meetings",
        isscoop.Agreement: "agreements",
    }[type(record)]


# -- c. queries answer the same after a round trip --------------------------------------------------


def _outcome(call: Callable[..., Any], *args: Any, **kwargs: Any) -> object:
    """What a query gives: ids, or the kind of error and what it says."""
    try:
        result = call(*args, **kwargs)
    except isscoop.IsscoopError as e:
        return (type(e).__name__, str(e))
    if isinstance(result, isscoop.Query):
        return ("ids", result.ids)
    if result is None:
        return None
    return ("id", result.id)


def answers(ds: Dataset, days: tuple[PartialDate, ...]) -> list[object]:
    out: list[object] = []
    collections: list[isscoop.Query[Any]] = [getattr(ds, k) for k in KINDS]
    for day in days:
        for q in collections:
            out.append(_outcome(q.on, day))
            out.append(_outcome(q.on, day, assume="possible"))
            out.append(_outcome(q.before, day))
            out.append(_outcome(q.after, day, assume="possible"))
        for assume in ("certain", "possible"):
            out.append(_outcome(ds.agreements.in_force, on=day, assume=assume))
            for agency in ds.agencies:
                out.append(_outcome(ds.officials.heads, of=agency.id, on=day, assume=assume))
        out.append(_outcome(ds.meetings.during, days[0], day))
    things = [r.id for r in (*ds.agencies, *ds.officials, *ds.programs)]
    for x in things[:4]:
        for y in things[:4]:
            for q in (ds.meetings, ds.agreements, ds.programs, ds.officials):
                out.append(_outcome(q.between, x, y))
        out.append(_outcome(ds.meetings.involving, x))
    for q in collections:
        for r in q:
            for key in sorted({r.id, getattr(r, "label", r.id), *getattr(r, "aliases", ())}):
                out.append(_outcome(q.get, key))
                out.append(_outcome(q.get, key, None, on=days[0]))
        out.append(_outcome(q.sorted))
        out.append(_outcome(q.earliest))
        out.append(_outcome(q.latest))
    out.append([(c.record.id, c.field, tuple(str(x.value) for x in c.claims)) for c in ds.conflicts()])
    out.append([r.id for r in ds.unsourced()])
    return out


@PROPERTY
@given(dataset_and_days())
def test_queries_answer_the_same_after_a_round_trip(case: tuple[Dataset, tuple[PartialDate, ...]]) -> None:
    ds, days = case
    before = answers(ds, days)
    after = answers(round_trip_file(ds), days)
    assert after == before


@CHEAP
@given(dataset_and_days(), st.data())
def test_queries_answer_the_same_after_merging_with_a_disjoint_dataset(
    case: tuple[Dataset, tuple[PartialDate, ...]], data: st.DataObject
) -> None:
    """Records of another dataset do not change what is asked about this one's records."""
    ds, days = case
    other = data.draw(datasets(prefix="z-"))
    merged = ds | other
    for day in days:
        mine = set(ds.meetings.on(day).ids)
        assert mine == set(merged.meetings.on(day).ids) - set(other.meetings.on(day).ids)
        mine = set(ds.agreements.in_force(on=day).ids)
        assert mine == set(merged.agreements.in_force(on=day).ids) - set(other.agreements.in_force(on=day).ids)
        for agency in ds.agencies:
            assert ds.officials.heads(of=agency.id, on=day).ids == merged.officials.heads(of=agency.id, on=day).ids
