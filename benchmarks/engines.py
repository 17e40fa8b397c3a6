"""The query shapes, and the engines that answer them: isscoop and its peers.

Every engine answers the same six shapes on the same generated data:

a. how many agreements are in force on day D;
b. the agreements whose parties include both A and B;
c. the meetings between A and B in a date range, in timeline order;
d. the agency with a given alias;
e. the agreements in force on day D, as objects (a large result);
f. who headed agency X on day D.

Every timed call gets arguments never asked before (:func:`fresh_parameters`),
drawn as users ask: many days, many names in several forms and cases, and
agencies skewed the way the generated data is (a few take part in much).  The
five fixed argument sets of :func:`parameters` are timed again and again as
a second, "repeated" figure.

isscoop is called only through its public API; answers that are records are
listed (``list(query)``), as the peers fetch theirs.  The peers (pandas, SQLite in
memory with indexes, DuckDB in memory, and a naive scan over a list of plain
tuples) get the same records as tables with *day* columns.  A partial date is
stored there as the day that makes the simple rule "start <= D and (end is
null or end >= D)" give isscoop's answer for a single day: the last possible
day of a start and the first possible day of an end.  isscoop decides the
same questions from the partial dates themselves, per query (YES, NO or
UNKNOWN, with a reason, and partial days as arguments); the peers cannot.
Names are looked up lower-cased in the peers, and folded (case, accents,
Cyrillic or Latin script) by isscoop.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generate import (
    FIRST_DAY,
    LAST_DAY,
    N_AGENCIES,
    acronym,
    agency_id,
    agency_names,
    cumulative,
    edtf_bounds,
    party_weights,
)

SHAPES: dict[str, str] = {
    "a": "count of agreements in force on D",
    "b": "agreements between A and B",
    "c": "meetings between A and B in a range, sorted",
    "d": "agency by alias",
    "e": "list agreements in force on D (objects)",
    "f": "heads of agency X on D",
}
#: Shapes with a small answer, found through an index where the engine has one.
SELECTIVE = ("b", "c", "d", "f")
#: Shapes the quick (CI) gate checks against the naive scan.
GATED = ("a", "b", "c", "d", "f")

Param = tuple[str, ...]


# -- parameters ----------------------------------------------------------------------------


def parameters() -> dict[str, list[Param]]:
    """Five deterministic argument sets per shape (days, agency pairs, aliases)."""
    days = ["1965-03-18", "1975-07-17", "1989-11-09", "2001-03-27", "2025-07-31"]
    pairs = [(0, 1), (0, 3), (1, 2), (2, 7), (4, 9)]  # agencies that take part often
    ranges = [
        ("1960-01-01", "1979-12-31"),
        ("1980-01-01", "1999-12-31"),
        ("2000-01-01", "2030-12-31"),
        ("1990-06-01", "1995-05-31"),
        ("1958-01-01", "2030-12-31"),
    ]
    aliases = [agency_names(i)[1][i % 2] for i in (3, 141, 596, 653, 998)]
    heads = [0, 17, 123, 456, 999]
    return {
        "a": [(d,) for d in days],
        "b": [(acronym(x), acronym(y)) for x, y in pairs],
        "c": [(acronym(x), acronym(y), lo, hi) for (x, y), (lo, hi) in zip(pairs, ranges, strict=True)],
        "d": [(a,) for a in aliases],
        "e": [(d,) for d in days],
        "f": [(acronym(x), d) for x, d in zip(heads, days, strict=True)],
    }


#: How many fresh argument sets each shape has (each is asked once per engine).
FRESH_COUNTS: dict[str, int] = {"a": 5000, "b": 5000, "c": 4000, "d": 6000, "e": 1500, "f": 6000}


def agency_forms(i: int) -> list[str]:
    """Every text a user may name agency ``i`` by: id, acronym, name, two aliases, each as written, lower and upper."""
    name, aliases = agency_names(i)
    forms = [agency_id(i), acronym(i), name, *aliases]
    return [f for base in forms for f in (base, base.lower(), base.upper())]


class _Asker:
    """Draws what users ask about: days, each handed out once, and agencies, skewed, by any of their names."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"fresh-{seed}")
        days = [dt.date.fromordinal(o).isoformat() for o in range(FIRST_DAY, LAST_DAY + 1)]
        self.rng.shuffle(days)
        self.days = iter(days)
        self.cum = cumulative(party_weights())

    def day(self) -> str:
        return next(self.days)

    def agency(self) -> int:
        return self.rng.choices(range(N_AGENCIES), cum_weights=self.cum, k=1)[0]

    def name(self, i: int | None = None) -> str:
        return self.rng.choice(agency_forms(self.agency() if i is None else i))

    def later(self, day: str) -> str:
        """A day from a week to thirty years after ``day`` (log-uniform), within the data's years."""
        length = int(7 * (30 * 365 / 7) ** self.rng.random())
        return dt.date.fromordinal(min(dt.date.fromisoformat(day).toordinal() + length, LAST_DAY)).isoformat()


def fresh_parameters(seed: int = 20250731, scale: float = 1.0) -> dict[str, list[Param]]:
    """Argument sets never asked before, per shape: the first of each is the warm-up call's.

    Days are handed out once across every shape (so no date argument repeats
    anywhere in a run), agency pairs and alias texts are never repeated
    within a shape, and agencies are drawn with the generated data's skew.
    ``scale`` shrinks the counts (for the quick run).
    """
    ask = _Asker(seed)
    out: dict[str, list[Param]] = {}

    def unique(shape: str, draw: Callable[[], Param]) -> list[Param]:
        seen: set[Param] = set()
        found: list[Param] = []
        want = 1 + max(10, int(FRESH_COUNTS[shape] * scale))
        while len(found) < want:
            p = draw()
            if p not in seen:
                seen.add(p)
                found.append(p)
        return found

    def pair() -> tuple[str, str]:
        a = ask.agency()
        b = ask.agency()
        while b == a:
            b = ask.agency()
        return ask.name(a), ask.name(b)

    def meetings() -> Param:
        lo = ask.day()
        return (*pair(), lo, ask.later(lo))

    out["a"] = unique("a", lambda: (ask.day(),))
    out["b"] = unique("b", pair)
    out["c"] = unique("c", meetings)
    out["d"] = unique("d", lambda: (ask.name(),))
    out["e"] = unique("e", lambda: (ask.day(),))
    out["f"] = unique("f", lambda: (ask.name(), ask.day()))
    return out


@dataclass
class BulkRows:
    """A table of (agency, day) rows to enrich with the head of the agency that day, as an analyst's is."""

    agencies: list[str]
    days: list[str]

    def __len__(self) -> int:
        return len(self.days)

    def frame(self) -> Any:
        """The rows as a pandas DataFrame: ``agency`` names as written, ``date`` as ``datetime64[s]``."""
        import pandas as pd

        return pd.DataFrame({"agency": self.agencies, "date": pd.to_datetime(self.days).astype("datetime64[s]")})


def bulk_rows(n: int, seed: int = 20250731) -> BulkRows:
    """``n`` rows: agencies drawn with the data's skew, by any of their names; days uniform over the data's years."""
    ask = _Asker(seed + 1)
    rng = ask.rng
    days = [dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY)).isoformat() for _ in range(n)]
    return BulkRows(agencies=[ask.name() for _ in range(n)], days=days)


# -- the tables the peers get --------------------------------------------------------------


def _start_day(text: str) -> int:
    """A start as a day column: its last possible day (so ``start <= D`` means certainly started)."""
    return edtf_bounds(text)[1]


def _end_day(text: str | None) -> int | None:
    """An end as a day column: its first possible day; ``None`` when open."""
    return None if text is None else edtf_bounds(text)[0]


@dataclass
class Tables:
    """The records as flat rows of ints and strings; days are ordinals."""

    agencies: list[tuple[int, str, str, str]] = field(default_factory=list)  # no, id, acronym, name
    names: list[tuple[str, int]] = field(default_factory=list)  # lower-cased name, agency no
    #: no, id, title, kind, start day, end day (None: open)
    agreements: list[tuple[int, str, str, str, int, int | None]] = field(default_factory=list)
    parties: list[tuple[int, int]] = field(default_factory=list)  # agreement no, agency no
    #: no, id, title, start day, end day, timeline key (first day, precision, last day)
    meetings: list[tuple[int, str, str, int, int, int, int, int]] = field(default_factory=list)
    meeting_agencies: list[tuple[int, int]] = field(default_factory=list)  # meeting no, agency no
    #: official id, name, agency no, start day, end day (None: open); head tenures only
    tenures: list[tuple[str, str, int, int, int | None]] = field(default_factory=list)
    #: officials whose head tenure's start or end is known only to the month or year
    vague: set[str] = field(default_factory=set)

    @classmethod
    def from_documents(cls, docs: Sequence[Mapping[str, Any]]) -> Tables:
        """The tables of the JSON documents of a generated dataset (as :func:`json.load` gives them)."""
        t = cls()
        agency_no: dict[str, int] = {}
        for doc in docs:
            for rec in doc.get("agencies", ()):
                no = len(t.agencies)
                agency_no[rec["id"]] = no
                t.agencies.append((no, rec["id"], rec["acronym"], rec["name"]))
                for name in (rec["id"], rec["name"], rec["acronym"], *rec.get("aliases", ())):
                    t.names.append((name.lower(), no))
        for doc in docs:
            for rec in doc.get("officials", ()):
                for ten in rec.get("tenures", ()):
                    if ten.get("head"):
                        start, end = ten["period"].split("/")
                        if start.count("-") != 2 or (end != ".." and end.count("-") != 2):
                            t.vague.add(rec["id"])
                        t.tenures.append(
                            (
                                rec["id"],
                                rec["name"],
                                agency_no[ten["agency"]],
                                _start_day(start),
                                _end_day(None if end == ".." else end),
                            )
                        )
            for rec in doc.get("meetings", ()):
                no = len(t.meetings)
                lo, hi = edtf_bounds(rec["date"])
                precision = rec["date"].count("-") + 1
                end = rec.get("end") or rec["date"]
                t.meetings.append((no, rec["id"], rec["title"], hi, edtf_bounds(end)[0], lo, precision, hi))
                t.meeting_agencies.extend((no, agency_no[a]) for a in rec["agencies"])
            for rec in doc.get("agreements", ()):
                no = len(t.agreements)
                in_force = next(e["date"] for e in rec["history"] if e["status"] == "in_force")
                t.agreements.append(
                    (no, rec["id"], rec["title"], rec["kind"], _start_day(in_force), _end_day(rec.get("end")))
                )
                t.parties.extend((no, agency_no[a]) for a in rec["parties"])
        return t


def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def _iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()


# -- engines -------------------------------------------------------------------------------


class Engine:
    """Answers the six shapes.  ``run`` is timed; ``ids`` (not timed) makes answers comparable."""

    name = "engine"

    def query(self, shape: str) -> Callable[..., object]:
        fn: Callable[..., object] = getattr(self, f"q_{shape}")
        return fn

    def ids(self, shape: str, result: object) -> object:
        """The answer as an int (a count), an id, or a tuple/frozenset of ids."""
        raise NotImplementedError


class IsscoopEngine(Engine):
    """isscoop's public API on a loaded :class:`isscoop.Dataset`."""

    name = "isscoop"

    def __init__(self, ds: Any) -> None:
        self.ds = ds

    def q_a(self, day: str) -> object:
        return len(self.ds.agreements.in_force(on=day))

    def q_b(self, a: str, b: str) -> object:
        return list(self.ds.agreements.between(a, b))

    def q_c(self, a: str, b: str, lo: str, hi: str) -> object:
        # every meeting of the pair in the range, visits and any status, as the other engines count them
        return list(self.ds.meetings.between(a, b).during(lo, hi, status=None, visits=True).sorted())

    def q_d(self, alias: str) -> object:
        return self.ds.agencies.get(alias)

    def q_e(self, day: str) -> object:
        return list(self.ds.agreements.in_force(on=day))

    def q_f(self, x: str, day: str) -> object:
        return list(self.ds.officials.heads(of=x, on=day))

    def ids(self, shape: str, result: Any) -> object:
        if shape == "a":
            return result
        if shape == "d":
            return result.id
        if shape == "c":
            return tuple(r.id for r in result)
        return frozenset(r.id for r in result)


class NaiveEngine(Engine):
    """A list comprehension over a list of plain tuples, no index: the floor any library should beat."""

    name = "naive scan"

    def __init__(self, t: Tables) -> None:
        parties: dict[int, list[int]] = {}
        for agr, ag in t.parties:
            parties.setdefault(agr, []).append(ag)
        self.agreements = [(*row, tuple(parties[row[0]])) for row in t.agreements]
        magencies: dict[int, list[int]] = {}
        for m, ag in t.meeting_agencies:
            magencies.setdefault(m, []).append(ag)
        self.meetings = [(*row, tuple(magencies[row[0]])) for row in t.meetings]
        self.names = list(t.names)
        self.agencies = list(t.agencies)
        self.tenures = list(t.tenures)

    def _agency(self, key: str) -> int:
        key = key.lower()
        for name, no in self.names:
            if name == key:
                return no
        raise KeyError(key)

    def q_a(self, day: str) -> object:
        d = _ordinal(day)
        return sum(1 for r in self.agreements if r[4] <= d and (r[5] is None or r[5] >= d))

    def q_b(self, a: str, b: str) -> object:
        x, y = self._agency(a), self._agency(b)
        return [r for r in self.agreements if x in r[6] and y in r[6]]

    def q_c(self, a: str, b: str, lo: str, hi: str) -> object:
        x, y = self._agency(a), self._agency(b)
        d1, d2 = _ordinal(lo), _ordinal(hi)
        found = [r for r in self.meetings if x in r[8] and y in r[8] and r[3] <= d2 and r[4] >= d1]
        return sorted(found, key=lambda r: (r[5], r[6], r[7], r[1]))

    def q_d(self, alias: str) -> object:
        return self.agencies[self._agency(alias)]

    def q_e(self, day: str) -> object:
        d = _ordinal(day)
        return [r for r in self.agreements if r[4] <= d and (r[5] is None or r[5] >= d)]

    def q_f(self, x: str, day: str) -> object:
        no, d = self._agency(x), _ordinal(day)
        return [r for r in self.tenures if r[2] == no and r[3] <= d and (r[4] is None or r[4] >= d)]

    def ids(self, shape: str, result: Any) -> object:
        if shape == "a":
            return result
        if shape == "d":
            return result[1]
        if shape == "c":
            return tuple(r[1] for r in result)
        if shape == "f":
            return frozenset(r[0] for r in result)
        return frozenset(r[1] for r in result)


_SCHEMA = """
CREATE TABLE agencies (agency_no INTEGER PRIMARY KEY, id TEXT, acronym TEXT, name TEXT);
CREATE TABLE agency_names (key TEXT, agency_no INTEGER);
CREATE TABLE agreements (agr_no INTEGER PRIMARY KEY, id TEXT, title TEXT, kind TEXT, start_day {date},
                         end_day {date});
CREATE TABLE parties (agr_no INTEGER, agency_no INTEGER);
CREATE TABLE meetings (mtg_no INTEGER PRIMARY KEY, id TEXT, title TEXT, start_day {date}, end_day {date},
                       sort_lo {date}, sort_precision INTEGER, sort_hi {date});
CREATE TABLE meeting_agencies (mtg_no INTEGER, agency_no INTEGER);
CREATE TABLE tenures (official_id TEXT, name TEXT, agency_no INTEGER, start_day {date}, end_day {date});
"""
_INDEXES = """
CREATE UNIQUE INDEX agency_names_key ON agency_names (key);
CREATE INDEX agreements_start ON agreements (start_day);
CREATE INDEX parties_agency ON parties (agency_no, agr_no);
CREATE INDEX parties_agr ON parties (agr_no, agency_no);
CREATE INDEX meeting_agencies_agency ON meeting_agencies (agency_no, mtg_no);
CREATE INDEX meeting_agencies_mtg ON meeting_agencies (mtg_no, agency_no);
CREATE INDEX tenures_agency ON tenures (agency_no, start_day);
"""
_AGENCY = "(SELECT agency_no FROM agency_names WHERE key = ?)"
_SQL = {
    "a": "SELECT count(*) FROM agreements WHERE start_day <= ? AND (end_day IS NULL OR end_day >= ?)",
    "b": f"""SELECT g.agr_no, g.id, g.title, g.kind, g.start_day, g.end_day
             FROM parties p JOIN parties q ON q.agr_no = p.agr_no AND q.agency_no = {_AGENCY}
             JOIN agreements g ON g.agr_no = p.agr_no
             WHERE p.agency_no = {_AGENCY} ORDER BY g.agr_no""",
    "c": f"""SELECT m.mtg_no, m.id, m.title, m.start_day, m.end_day
             FROM meeting_agencies x JOIN meeting_agencies y ON y.mtg_no = x.mtg_no AND y.agency_no = {_AGENCY}
             JOIN meetings m ON m.mtg_no = x.mtg_no
             WHERE x.agency_no = {_AGENCY} AND m.start_day <= ? AND m.end_day >= ?
             ORDER BY m.sort_lo, m.sort_precision, m.sort_hi, m.id""",
    "d": """SELECT a.agency_no, a.id, a.acronym, a.name
            FROM agency_names n JOIN agencies a ON a.agency_no = n.agency_no WHERE n.key = ?""",
    "e": """SELECT agr_no, id, title, kind, start_day, end_day FROM agreements
            WHERE start_day <= ? AND (end_day IS NULL OR end_day >= ?)""",
    "f": f"""SELECT official_id, name FROM tenures
             WHERE agency_no = {_AGENCY} AND start_day <= ? AND (end_day IS NULL OR end_day >= ?)""",
}


def _sql_args(shape: str, args: Param) -> tuple[str, ...]:
    """The positional SQL parameters of a shape's arguments (names lower-cased)."""
    if shape in ("a", "e"):
        return (args[0], args[0])
    if shape == "b":
        return (args[1].lower(), args[0].lower())
    if shape == "c":
        return (args[1].lower(), args[0].lower(), args[3], args[2])
    if shape == "d":
        return (args[0].lower(),)
    return (args[0].lower(), args[1], args[1])


def _rows_with_iso_days(t: Tables) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "agencies": list(t.agencies),
        "agency_names": list(t.names),
        "agreements": [(n, i, ti, k, _iso(s), _iso(e)) for n, i, ti, k, s, e in t.agreements],
        "parties": list(t.parties),
        "meetings": [(n, i, ti, _iso(s), _iso(e), _iso(lo), p, _iso(hi)) for n, i, ti, s, e, lo, p, hi in t.meetings],
        "meeting_agencies": list(t.meeting_agencies),
        "tenures": [(o, nm, a, _iso(s), _iso(e)) for o, nm, a, s, e in t.tenures],
    }


class SQLiteEngine(Engine):
    """SQLite in memory, ISO-date TEXT columns, with an index for every lookup."""

    name = "SQLite"

    def __init__(self, t: Tables) -> None:
        self.con = sqlite3.connect(":memory:", check_same_thread=False)
        self.con.executescript(_SCHEMA.format(date="TEXT"))
        for table, rows in _rows_with_iso_days(t).items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        self.con.executescript(_INDEXES)
        self.con.execute("ANALYZE")
        self.con.commit()

    def _run(self, shape: str, args: Param) -> list[tuple[Any, ...]]:
        return self.con.execute(_SQL[shape], _sql_args(shape, args)).fetchall()

    def q_a(self, day: str) -> object:
        return self._run("a", (day,))[0][0]

    def q_b(self, a: str, b: str) -> object:
        return self._run("b", (a, b))

    def q_c(self, a: str, b: str, lo: str, hi: str) -> object:
        return self._run("c", (a, b, lo, hi))

    def q_d(self, alias: str) -> object:
        return self._run("d", (alias,))[0]

    def q_e(self, day: str) -> object:
        return self._run("e", (day,))

    def q_f(self, x: str, day: str) -> object:
        return self._run("f", (x, day))

    def ids(self, shape: str, result: Any) -> object:
        if shape == "a":
            return result
        if shape == "d":
            return result[1]
        if shape == "c":
            return tuple(r[1] for r in result)
        if shape == "f":
            return frozenset(r[0] for r in result)
        return frozenset(r[1] for r in result)


class DuckDBEngine(SQLiteEngine):
    """DuckDB in memory, DATE columns, the same SQL and indexes as SQLite."""

    name = "DuckDB"

    def __init__(self, t: Tables) -> None:
        import duckdb
        import pandas as pd

        self.duck = duckdb.connect(":memory:")
        self.duck.execute("SET threads TO 1")  # the other engines use one core too
        for statement in _SCHEMA.format(date="DATE").split(";"):
            if statement.strip():
                self.duck.execute(statement)
        for table, rows in _rows_with_iso_days(t).items():
            if rows:
                columns = [c[0] for c in self.duck.execute(f"DESCRIBE {table}").fetchall()]
                frame = pd.DataFrame.from_records(rows, columns=columns)
                self.duck.register("incoming", frame)
                self.duck.execute(f"INSERT INTO {table} SELECT * FROM incoming")
                self.duck.unregister("incoming")
        for statement in _INDEXES.replace("UNIQUE ", "").split(";"):
            if statement.strip():
                self.duck.execute(statement)

    def _run(self, shape: str, args: Param) -> list[tuple[Any, ...]]:
        return self.duck.execute(_SQL[shape], _sql_args(shape, args)).fetchall()


class PandasEngine(Engine):
    """pandas DataFrames with datetime64 day columns, queried with boolean masks and index lookups.

    ``objects=True`` is the same engine materialising Python objects
    (``itertuples``) where a shape lists records; otherwise answers are DataFrames.
    """

    def __init__(self, t: Tables, *, objects: bool = False, share: PandasEngine | None = None) -> None:
        import numpy as np
        import pandas as pd

        self.pd = pd
        self.np = np
        self.objects = objects
        self.name = "pandas (objects)" if objects else "pandas"
        if share is not None:
            self.__dict__.update({k: v for k, v in share.__dict__.items() if k not in ("objects", "name")})
            return

        def days(values: Sequence[Any]) -> Any:
            epoch = dt.date(1970, 1, 1).toordinal()
            arr = np.array([-(2**62) if v is None else v - epoch for v in values], dtype="int64")
            out = arr.astype("datetime64[D]").astype("datetime64[s]")
            out[arr == -(2**62)] = np.datetime64("NaT")
            return out

        self.agencies = pd.DataFrame.from_records(t.agencies, columns=["agency_no", "id", "acronym", "name"])
        self.agencies = self.agencies.set_index("agency_no")
        self.names = pd.Series([n for _, n in t.names], index=[k for k, _ in t.names], dtype="int64")
        ag = pd.DataFrame.from_records(
            [r[:4] for r in t.agreements], columns=["agr_no", "id", "title", "kind"]
        ).set_index("agr_no")
        ag["start_day"] = days([r[4] for r in t.agreements])
        ag["end_day"] = days([r[5] for r in t.agreements])
        self.agreements = ag
        self.parties = pd.DataFrame.from_records(t.parties, columns=["agr_no", "agency_no"])
        mt = pd.DataFrame.from_records([r[:3] for r in t.meetings], columns=["mtg_no", "id", "title"])
        mt = mt.set_index("mtg_no")
        for col, i in (("start_day", 3), ("end_day", 4), ("sort_lo", 5), ("sort_hi", 7)):
            mt[col] = days([r[i] for r in t.meetings])
        mt["sort_precision"] = [r[6] for r in t.meetings]
        self.meetings = mt
        self.meeting_agencies = pd.DataFrame.from_records(t.meeting_agencies, columns=["mtg_no", "agency_no"])
        tn = pd.DataFrame.from_records([r[:3] for r in t.tenures], columns=["official_id", "name", "agency_no"])
        tn["start_day"] = days([r[3] for r in t.tenures])
        tn["end_day"] = days([r[4] for r in t.tenures])
        self.tenures = tn
        self.vague = set(t.vague)

    def _agency(self, key: str) -> int:
        return int(self.names.loc[key.lower()])

    def merge_asof_heads(self, frame: Any) -> Any:
        """For each row of ``frame`` (``agency``, ``date``), the id of the head then, or ``None``: the pandas way.

        Each row takes the last head tenure of its agency that started on or
        before its day (``merge_asof``), kept when it had not ended before
        that day.  The rows are sorted by day for ``merge_asof`` and the
        answers put back in the rows' order.
        """
        pd, np = self.pd, self.np
        if not hasattr(self, "tenures_by_start"):  # once, like an index
            self.tenures_by_start = self.tenures.sort_values("start_day", kind="stable")
            self.names_map = dict(zip(self.names.index, self.names.to_numpy().tolist(), strict=True))
        n = len(frame)
        left = pd.DataFrame(
            {
                "agency_no": frame["agency"].str.lower().map(self.names_map).astype("int64"),
                "day": frame["date"],
                "row": np.arange(n),
            }
        ).sort_values("day", kind="stable")
        m = pd.merge_asof(
            left, self.tenures_by_start, left_on="day", right_on="start_day", by="agency_no", direction="backward"
        )
        held = (m["start_day"].notna() & (m["end_day"].isna() | (m["end_day"] >= m["day"]))).to_numpy()
        rows = m["row"].to_numpy()
        official = m["official_id"].to_numpy()
        out = np.full(n, None, dtype=object)
        out[rows[held]] = official[held]
        self.matched = np.full(n, None, dtype=object)  # the tenure each row matched, held or not (untimed use)
        self.matched[rows] = official
        return out

    def _in_force(self, day: str) -> Any:
        d = self.pd.Timestamp(day)
        ag = self.agreements
        return (ag["start_day"] <= d) & (ag["end_day"].isna() | (ag["end_day"] >= d))

    def _out(self, frame: Any) -> object:
        return list(frame.itertuples()) if self.objects else frame

    def q_a(self, day: str) -> object:
        return int(self._in_force(day).sum())

    def q_b(self, a: str, b: str) -> object:
        x, y = self._agency(a), self._agency(b)
        p = self.parties
        both = self.np.intersect1d(p.loc[p["agency_no"] == x, "agr_no"], p.loc[p["agency_no"] == y, "agr_no"])
        return self._out(self.agreements.loc[both])

    def q_c(self, a: str, b: str, lo: str, hi: str) -> object:
        x, y = self._agency(a), self._agency(b)
        ma = self.meeting_agencies
        both = self.np.intersect1d(ma.loc[ma["agency_no"] == x, "mtg_no"], ma.loc[ma["agency_no"] == y, "mtg_no"])
        m = self.meetings.loc[both]
        m = m[(m["start_day"] <= self.pd.Timestamp(hi)) & (m["end_day"] >= self.pd.Timestamp(lo))]
        return self._out(m.sort_values(["sort_lo", "sort_precision", "sort_hi", "id"]))

    def q_d(self, alias: str) -> object:
        return self.agencies.loc[self._agency(alias)]

    def q_e(self, day: str) -> object:
        return self._out(self.agreements[self._in_force(day)])

    def q_f(self, x: str, day: str) -> object:
        no, d = self._agency(x), self.pd.Timestamp(day)
        t = self.tenures
        mask = (t["agency_no"] == no) & (t["start_day"] <= d) & (t["end_day"].isna() | (t["end_day"] >= d))
        return self._out(t[mask])

    def ids(self, shape: str, result: Any) -> object:
        if shape == "a":
            return result
        if shape == "d":
            return result["id"]
        column = "official_id" if shape == "f" else "id"
        values = [getattr(r, column) for r in result] if isinstance(result, list) else list(result[column])
        return tuple(values) if shape == "c" else frozenset(values)
