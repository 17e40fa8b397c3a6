"""Column questions: heads_each, in_force_each and participants_each answer every row as the one-row way.

Each row's answer is checked against the scalar API (``heads``,
``Agreement.in_force_on``, ``Agreement.parties_on``) on the bundled data and
on generated datasets, through plain lists, pandas Series (text and
``datetime64`` days) and NumPy arrays, so that the NumPy path and the
row-by-row path are held to the same answers.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

import isscoop
from isscoop import Column, Dataset, Tri
from tests.datagen import dates_in, make_dataset, make_date

DAYS = ["1992-06-17", "1998-01", "1998-01-29", "2001", "2018-10-10", "2019-02", "2021-01-20", "2022-07",
        "2022-07-14", "2024-06-01", "2025", "2025-07-31", "2026-03-01", "2026-03-11", "2031",
        "2019/2021", "2025-07-31/2026-01-01", "../1960"]  # fmt: skip


def _scalar_heads(ds: Dataset, agency: object, day: object, q: Any = None) -> tuple[Any, ...] | Tri:
    """The row answer by the one-row API: the certain heads, or UNKNOWN when none is certain but some may be."""
    q = ds.officials if q is None else q
    certain = tuple(q.heads(of=agency, on=day))
    if certain:
        return certain
    return Tri.UNKNOWN if q.heads(of=agency, on=day, assume="possible") else ()


def _rows(ds: Dataset, days: list[Any]) -> tuple[list[Any], list[Any]]:
    agencies = [a for a in ds.agencies for _ in days]
    return agencies, [d for _ in ds.agencies for d in days]


def test_heads_each_matches_heads_row_by_row() -> None:
    ds = isscoop.dataset()
    names = [name for a in ds.agencies for name in (a.id, a.label, a.name.upper())]
    of = [n for n in names for _ in DAYS]
    on = [d for _ in names for d in DAYS]
    column = ds.officials.heads_each(of=of, on=on)
    assert len(column) == len(of)
    for agency, day, value, reason in zip(of, on, column.values, column.reasons, strict=True):
        assert value == _scalar_heads(ds, agency, day), (agency, day)
        assert (reason != "") == (value is Tri.UNKNOWN)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_heads_each_on_generated_data_through_every_kind_of_column(seed: int) -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    rng = random.Random(seed)
    ds = make_dataset(rng, sizes=(3, 5, 40, 0, 0, 0))
    days: list[Any] = [*dates_in(ds)[:25], *(make_date(rng) for _ in range(10))]
    days += [dt.date(1990 + i, 1 + i % 12, 1 + i) for i in range(15)]
    agencies, on = _rows(ds, days)
    want = [_scalar_heads(ds, a, d) for a, d in zip(agencies, on, strict=True)]
    assert ds.officials.heads_each(of=agencies, on=on).values == tuple(want)
    ids = pd.Series([a.id for a in agencies], index=range(100, 100 + len(agencies)))
    column = ds.officials.heads_each(of=ids, on=pd.Series([str(d) for d in on], index=ids.index))
    assert column.values == tuple(want)
    assert list(column.to_series().index) == list(ids.index)
    exact = [i for i, d in enumerate(on) if isinstance(d, dt.date)]
    stamps = pd.Series(pd.to_datetime([on[i] for i in exact]))
    column = ds.officials.heads_each(of=np.array([agencies[i].id for i in exact], dtype=object), on=stamps)
    assert column.values == tuple(want[i] for i in exact)


def test_heads_each_for_one_agency_or_one_day_and_for_missing_values() -> None:
    ds = isscoop.dataset()
    one_day = ds.officials.heads_each(of=["NASA", "Roscosmos"], on="2025-07-31")
    assert one_day.labels() == ["Sean Duffy", "Dmitry Bakanov"]
    one_agency = ds.officials.heads_each(of="NASA", on=["2019-02", "2025-07-31"])
    assert one_agency.labels() == ["Jim Bridenstine", "Sean Duffy"]
    pd = pytest.importorskip("pandas")
    rows = ds.officials.heads_each(
        of=pd.Series(["NASA", None, "NASA", "NASA"]),
        on=pd.Series([pd.NaT, pd.Timestamp("2025-07-31"), pd.Timestamp("2019-02-01"), None]),
    )
    assert rows.reasons[:2] == ("no day given", "no agency given")
    assert rows.values[0] is Tri.UNKNOWN and rows.values[1] is Tri.UNKNOWN and rows.values[3] is Tri.UNKNOWN
    assert rows.labels()[2] == "Jim Bridenstine"
    assert rows.known == (False, False, True, False)


def test_heads_each_names_what_it_cannot_read() -> None:
    ds = isscoop.dataset()
    with pytest.raises(isscoop.InvalidRecord, match="same length"):
        ds.officials.heads_each(of=["NASA", "ESA"], on=["2025", "2024", "2023"])
    with pytest.raises(isscoop.NotFound):
        ds.officials.heads_each(of=["NASA", "no such agency"], on="2025")
    with pytest.raises(isscoop.DateParseError):
        ds.officials.heads_each(of=["NASA"], on=["2025-02-30"])


def test_in_force_each_matches_in_force_on() -> None:
    ds = isscoop.dataset()
    keys = [key for a in ds.agreements for key in (a.id, a)]
    of = [k for k in keys for _ in DAYS]
    on = [d for _ in keys for d in DAYS]
    column = ds.agreements.in_force_each(of, on=on)
    for key, day, value, reason in zip(of, on, column.values, column.reasons, strict=True):
        agreement = key if isinstance(key, isscoop.Agreement) else ds.agreements.get(key)
        answer = agreement.in_force_on(day)
        assert value is answer.value, (agreement.id, day)
        assert reason == (answer.reason if answer.unknown else "")
    assert Tri.UNKNOWN in column.values  # the bundled data has undecidable rows


def test_in_force_each_on_generated_data() -> None:
    pd = pytest.importorskip("pandas")
    rng = random.Random(21)
    ds = make_dataset(rng, sizes=(3, 4, 4, 0, 0, 300))
    days = [*rng.sample(dates_in(ds), 30), *(make_date(rng) for _ in range(5))]
    of = [a.id for a in ds.agreements for _ in days]
    on = [d for _ in ds.agreements for d in days]
    want = tuple(ds.agreements.get(a).in_force_on(d).value for a, d in zip(of, on, strict=True))
    assert ds.agreements.in_force_each(of, on=on).values == want
    assert ds.agreements.in_force_each(pd.Series(of), on=pd.Series([str(d) for d in on])).values == want


def test_participants_each_matches_parties_on_where_certain() -> None:
    rng = random.Random(31)
    for ds in (isscoop.dataset(), make_dataset(rng, sizes=(3, 6, 3, 0, 0, 200))):
        days = [*DAYS, *(str(d) for d in rng.sample(dates_in(ds), 20))]
        of = [a for a in ds.agreements for _ in days]
        on = [d for _ in ds.agreements for d in days]
        column = ds.agreements.participants_each(of, on=on)
        for agreement, day, value, reason in zip(of, on, column.values, column.reasons, strict=True):
            certain = agreement.parties_on(day)
            if value is Tri.UNKNOWN:
                assert reason
                assert set(certain) < set(agreement.parties), (agreement.id, day)
            else:
                assert value == certain, (agreement.id, day)
                assert reason == ""


def test_participants_each_is_unknown_while_a_partial_step_may_not_have_been_taken() -> None:
    ds = isscoop.load(
        _document(
            history=[
                {"status": "signed", "date": "2020-03-02", "party": "a"},
                {"status": "signed", "date": "2020-05", "party": "b"},
            ]
        )
    )
    column = ds.agreements.participants_each("pact", on=["2020-04-01", "2020-05-10", "2020-06-01"])
    assert [[p.id for p in v] if isinstance(v, tuple) else v for v in column.values] == [["a"], Tri.UNKNOWN, ["a", "b"]]
    assert column.reasons[1].startswith("B: its step signed (2020-05)")


def _document(history: list[dict[str, Any]]) -> Any:
    import io
    import json

    doc = {
        "format_version": 1,
        "sources": [{"id": "s", "url": "https://example.org/s", "publisher": "Example"}],
        "agencies": [
            {"id": x, "name": x.upper(), "acronym": x.upper(), "kind": "space_agency", "sources": ["s"]}
            for x in ("a", "b")
        ],
        "agreements": [
            {
                "id": "pact",
                "title": "A pact",
                "kind": "memorandum_of_understanding",
                "parties": ["a", "b"],
                "history": [{**step, "sources": ["s"]} for step in history],
                "sources": ["s"],
            }
        ],
    }
    stream = io.StringIO(json.dumps(doc))
    stream.name = "<pact>"
    return stream


def test_column_reads_as_a_sequence_and_a_series() -> None:
    column: Column[Any] = Column(["x", Tri.UNKNOWN, ()], ["", "why", ""])
    assert len(column) == 3 and list(column) == ["x", Tri.UNKNOWN, ()]
    assert column[1] is Tri.UNKNOWN
    assert column[1:].values == (Tri.UNKNOWN, ())
    assert column.known == (True, False, True)
    assert repr(column) == "<Column: 3 rows, 1 UNKNOWN>"
    assert column.labels() == ["x", None, ""]
    with pytest.raises(isscoop.InvalidRecord):
        Column(["x"], [])
    pytest.importorskip("pandas")
    series = column.to_series(labels=True, name="head")
    assert series.name == "head" and series.isna().tolist() == [False, True, False]


def test_heads_each_on_a_selection_answers_as_heads_on_it() -> None:
    ds = isscoop.dataset()
    acting = ds.officials.filter(lambda o: any(t.acting for t in o.tenures))
    others = ds.officials.filter(lambda o: not any(t.acting for t in o.tenures))
    for q in (acting, others):
        of = [a.id for a in ds.agencies for _ in DAYS]
        on = [d for _ in ds.agencies for d in DAYS]
        column = q.heads_each(of=of, on=on)
        for agency, day, value in zip(of, on, column.values, strict=True):
            assert value == _scalar_heads(ds, agency, day, q), (agency, day)


def test_in_force_each_reads_days_as_in_force_on_does() -> None:
    ds = isscoop.dataset()
    days: list[Any] = ["2025-07-31/2026-01-01", "../2025", "2026/..", isscoop.Period.parse("2019/2021")]
    days.append(dt.date(2022, 7, 14))
    of = [a.id for a in ds.agreements for _ in days]
    on = [d for _ in ds.agreements for d in days]
    column = ds.agreements.in_force_each(of, on=on)
    for key, day, value, reason in zip(of, on, column.values, column.reasons, strict=True):
        answer = ds.agreements.get(key).in_force_on(day)
        assert value is answer.value, (key, day)
        assert reason == (answer.reason if answer.unknown else "")


def test_columns_are_checked_as_the_one_row_arguments_are() -> None:
    ds = isscoop.dataset()
    with pytest.raises(isscoop.InvalidRecord, match="10,000,000 rows"):
        ds.officials.heads_each(of=range(10**9), on="2025")
    with pytest.raises(isscoop.InvalidRecord, match="10,000,000 rows"):
        ds.agreements.in_force_each("artemis-accords", on=range(10**8))
    with pytest.raises(isscoop.InvalidArgument, match="plain values"):
        ds.officials.heads_each(of=[["NASA"]], on="2025")
    with pytest.raises(isscoop.InvalidArgument, match="expected an Agency"):
        ds.officials.heads_each(of=[5], on="2025")
    with pytest.raises(isscoop.InvalidArgument, match="expected an agency, got the official"):
        ds.officials.heads_each(of=[ds.officials.get("sean-duffy")], on="2025")
    with pytest.raises(isscoop.InvalidRecord, match="at most 1,000 characters"):
        ds.officials.heads_each(of=["x" * 10**6], on="2025")
    with pytest.raises(isscoop.DateParseError):
        ds.officials.heads_each(of="NASA", on=["1" * 10**6])
    with pytest.raises(isscoop.InvalidArgument):
        ds.agreements.in_force_each([5], on="2025")
    with pytest.raises(isscoop.InvalidArgument):
        ds.agreements.participants_each([ds.meetings.get("bakanov-duffy-2025")], on="2025")
    column = ds.officials.heads_each(of=["NASA"], on="2025-07-31")
    with pytest.raises(isscoop.InvalidArgument):
        column.labels(sep=5)  # type: ignore[arg-type]
    pytest.importorskip("pandas")
    with pytest.raises(isscoop.InvalidArgument):
        column.to_series(labels="yes")  # type: ignore[arg-type]
    with pytest.raises(isscoop.InvalidArgument):
        column.to_series(name=["a list"])  # type: ignore[arg-type]
    np = pytest.importorskip("numpy")
    with pytest.raises(isscoop.InvalidArgument):
        ds.officials.heads_each(of=np.array([["NASA"]], dtype=object), on="2025")
