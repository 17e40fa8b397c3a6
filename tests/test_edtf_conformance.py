"""EDTF conformance: every string below goes through python-edtf, an independent reader, and through
each of isscoop's public entry points (``PartialDate.parse``, ``Period.parse``, ``to_partial_date`` and a
query's ``on=``, which reads an interval as the days from its start to its end).

Each string isscoop reads must have python-edtf's strict bounds (its first and last possible day, qualifiers
ignored), apart from the two conventions the docs state (winter and unknown ends) and the few strings listed
in ``ISSCOOP_ONLY``.  Each string isscoop refuses must be refused for a documented reason: a negative year, a
year beyond 9999, EDTF level 2, or text that is not EDTF at all (where python-edtf reads such text, the entry
in ``PYTHON_EDTF_BREAKS_SPEC`` says why the spec forbids it).

The table on the docs' Dates page is generated here; ``test_the_docs_table_is_current`` fails when the
committed copy is stale.  Rewrite it with ``ISSCOOP_WRITE_CONFORMANCE=1 python -m pytest
tests/test_edtf_conformance.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Final

import attrs
import pytest
from edtf import parse_edtf
from edtf.parser import grammar

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Dataset,
    Meeting,
    MeetingKind,
    Official,
    PartialDate,
    Period,
    Source,
    Tenure,
    to_partial_date,
)
from isscoop._dates import DATE_PATTERN, PERIOD_PATTERN

TABLE: Final = Path(__file__).resolve().parent.parent / "docs" / "edtf-conformance.inc"

# (string, what it shows).  First the examples of the Library of Congress EDTF specification, levels 0, 1
# and (to be refused) 2, then isscoop's own edge cases.
CASES: Final[tuple[tuple[str, str], ...]] = (
    ("1985-04-12", "L0 date"),
    ("1985-04", "L0 date"),
    ("1985", "L0 date"),
    ("1985-04-12T23:20:30", "L0 date and time"),
    ("1985-04-12T23:20:30Z", "L0 date and time"),
    ("1985-04-12T23:20:30-04", "L0 date and time"),
    ("1985-04-12T23:20:30+04:30", "L0 date and time"),
    ("1964/2008", "L0 interval"),
    ("2004-06/2006-08", "L0 interval"),
    ("2004-02-01/2005-02-08", "L0 interval"),
    ("2004-02-01/2005-02", "L0 interval"),
    ("2004-02-01/2005", "L0 interval"),
    ("2005/2006-02", "L0 interval"),
    ("Y170000002", "L1 letter-prefixed year"),
    ("Y-170000002", "L1 letter-prefixed year"),
    ("2001-21", "L1 season"),
    ("2001-22", "L1 season"),
    ("2001-23", "L1 season"),
    ("2001-24", "L1 season"),
    ("1984?", "L1 qualification"),
    ("2004-06~", "L1 qualification"),
    ("2004-06-11%", "L1 qualification"),
    ("201X", "L1 unspecified digits"),
    ("20XX", "L1 unspecified digits"),
    ("2004-XX", "L1 unspecified digits"),
    ("1985-04-XX", "L1 unspecified digits"),
    ("1985-XX-XX", "L1 unspecified digits"),
    ("1985-04-12/..", "L1 open end"),
    ("1985-04/..", "L1 open end"),
    ("1985/..", "L1 open end"),
    ("../1985-04-12", "L1 open start"),
    ("../1985-04", "L1 open start"),
    ("../1985", "L1 open start"),
    ("1985-04-12/", "L1 unknown end"),
    ("1985-04/", "L1 unknown end"),
    ("1985/", "L1 unknown end"),
    ("/1985-04-12", "L1 unknown start"),
    ("/1985-04", "L1 unknown start"),
    ("/1985", "L1 unknown start"),
    ("1984~/2004-06", "L1 qualified interval"),
    ("1984/2004-06~", "L1 qualified interval"),
    ("1984~/2004~", "L1 qualified interval"),
    ("1984?/2004%", "L1 qualified interval"),
    ("1984-06?/2004-08?", "L1 qualified interval"),
    ("1984-06-02?/2004-08-08~", "L1 qualified interval"),
    ("1984-06-02?/", "L1 qualified interval"),
    ("-1985", "L1 negative year"),
    ("Y-17E7", "L2 exponential year"),
    ("1950S2", "L2 significant digits"),
    ("Y171010000S3", "L2 significant digits"),
    ("2001-25", "L2 season"),
    ("2001-33", "L2 season"),
    ("2001-41", "L2 season"),
    ("2001-21^southernHemisphere", "L2 qualified season"),
    ("2004?-06-11", "L2 partial qualification"),
    ("2004-06~-11", "L2 partial qualification"),
    ("2004-?06-11", "L2 partial qualification"),
    ("?2004-06-~11", "L2 partial qualification"),
    ("2004-%06-11", "L2 partial qualification"),
    ("156X-12-25", "L2 unspecified digits"),
    ("15XX-12-25", "L2 unspecified digits"),
    ("XXXX-12-XX", "L2 unspecified digits"),
    ("1XXX-XX", "L2 unspecified digits"),
    ("1XXX-12", "L2 unspecified digits"),
    ("1984-1X", "L2 unspecified digits"),
    ("[1667,1668,1670..1672]", "L2 one of a set"),
    ("[..1760-12-03]", "L2 one of a set"),
    ("{1667,1668,1670..1672}", "L2 all of a set"),
    ("{1960,1961-12}", "L2 all of a set"),
    ("2004-06-~01/2004-06-~20", "L2 interval"),
    ("2004-06-XX/2004-07-03", "L2 interval"),
    ("0000", "year 0000"),
    ("0000-02-29", "year 0000"),
    ("0000-12-31", "year 0000"),
    ("0000~", "year 0000"),
    ("0000/0001", "year 0000"),
    ("0000-24", "year 0000"),
    ("00XX", "year 0000"),
    ("0001-01-01", "calendar edge"),
    ("9999-12-31", "calendar edge"),
    ("9999~", "calendar edge"),
    ("999X", "calendar edge"),
    ("9999-24", "calendar edge"),
    ("2024-02-29", "leap day"),
    ("2000-02-29", "leap day"),
    ("2025-02-29", "leap day"),
    ("1900-02-29", "leap day"),
    ("2025-04-31", "impossible day"),
    ("2025-07-00", "impossible day"),
    ("2025-13", "impossible month"),
    ("2025-00", "impossible month"),
    ("2025/2024", "reversed interval"),
    ("2025-07-31/2025-07-30", "reversed interval"),
    ("2026~/2025", "qualified start"),
    ("2010-24/2011-02", "season interval"),
    ("2001-21/2002-24", "season interval"),
    ("2001-21~/2002", "season interval"),
    ("2001-21~", "qualified season"),
    ("2001-24?", "qualified season"),
    ("201X~", "qualified X"),
    ("2004-XX?", "qualified X"),
    ("1985-04-XX%", "qualified X"),
    ("1XXX", "three X digits"),
    ("XXXX", "four X digits"),
    ("201X-05", "X with a month"),
    ("2004-XX-05", "X with a day"),
    ("201X/2020", "X in an interval"),
    ("2001-21-05", "season with a day"),
    ("2025-07-31T10:00", "time without seconds"),
    ("2025-07-31T10:00:00~", "qualified time"),
    ("2025-07-31T10:00:00.5", "fractional seconds"),
    ("2025-07-31T24:00:00", "end of the day"),
    ("2025-07-31T25:00:00", "impossible time"),
    ("2025-07-31T10:00:00+00:00", "zero offset"),
    ("1985-04-12T23:20:30+0430", "offset without colon"),
    ("2025-07-31T10:00:00/2025-08-01", "time in an interval"),
    ("Y2025", "Y before four digits"),
    ("Y12345", "five-digit year"),
    ("20255", "five digits without Y"),
    ("-0000", "minus zero"),
    ("../..", "open both ends"),
    ("/", "unknown both ends"),
    ("../", "open start, unknown end"),
    ("/..", "unknown start, open end"),
    ("..", "open end alone"),
    ("2025~~", "two qualifiers"),
    ("2025-7-31", "one-digit month"),
    ("25", "two-digit year"),
    ("2025/2026/2027", "two slashes"),
)

# python-edtf reads these at level 0 or 1; the EDTF specification puts them at level 2.
LEVEL_2_BY_SPEC: Final = {
    "1XXX": "level 1 leaves at most two year digits unspecified; 1XXX is a level 2 form",
    "1950S2": "significant digits (S) are level 2; python-edtf takes them at every level",
}
# python-edtf reads these; the EDTF specification (and the calendar) do not allow them.
PYTHON_EDTF_BREAKS_SPEC: Final = {
    "2025-02-29": "2025 is not a leap year; python-edtf takes any 29 February",
    "1900-02-29": "1900 is not a leap year (a century not divisible by 400)",
    "2025/2024": "an interval's end may not come before its start; python-edtf reads it reversed",
    "2025-07-31/2025-07-30": "an interval's end may not come before its start",
}
# isscoop reads these and python-edtf does not.
ISSCOOP_ONLY: Final = {
    "2001-21~": "python-edtf reads a qualified season only as an interval end (2001-21~/2002)",
    "2001-24?": "python-edtf reads a qualified season only as an interval end",
    "2025-07-31T10:00:00+00:00": "ISO 8601 writes UTC as +00:00 as well as Z; python-edtf reads only Z",
    "/": "isscoop writes it for a period with neither end known; EDTF gives unknown ends beside a date",
    "../": "isscoop writes it; python-edtf fails on it with a TypeError",
    "/..": "isscoop writes it; python-edtf fails on it with a TypeError",
}
WINTER_NOTE: Final = "winter: isscoop runs to the end of February; python-edtf ends it on 31 December"
UNKNOWN_NOTE: Final = "unknown end: python-edtf guesses 10 years; isscoop leaves it unknown"

Bound = int | float | str  # a day number, -inf or inf for an open end, "unknown"


# -- python-edtf's reading ------------------------------------------------------------------------------


def ordinal(year: int, month: int, day: int) -> int:
    """``date.toordinal()`` carried back to the year 0 (400 Gregorian years are 146097 days)."""
    if year >= 1:
        return dt.date(year, month, day).toordinal()
    return dt.date(year + 400, month, day).toordinal() - 146_097


def day_text(n: Bound) -> str:
    if isinstance(n, str):
        return n
    if math.isinf(n):
        return "open"
    day = int(n)
    if day >= 1:
        return dt.date.fromordinal(day).isoformat()
    d = dt.date.fromordinal(day + 146_097)
    return f"{d.year - 400:04d}-{d.month:02d}-{d.day:02d}"


@attrs.frozen
class EdtfReading:
    level: int
    lo: Bound
    hi: Bound
    lo_guessed: bool  # python-edtf's bound for an unknown start: a guess
    hi_guessed: bool


def _level(text: str) -> int:
    for level, expression in enumerate((grammar.level0Expression, grammar.level1Expression)):
        try:
            expression.parse_string(text, parse_all=True)
        except Exception:  # pyparsing raises its own kinds
            continue
        return level
    return 2


def _edtf_bound(value: object) -> Bound:
    if isinstance(value, float):
        return value
    year, month, day = value.tm_year, value.tm_mon, value.tm_mday  # type: ignore[attr-defined]
    if not 0 <= year <= 9999:
        return f"{year}-{month:02d}-{day:02d}"
    try:
        return ordinal(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d} (no such day)"


@cache
def python_edtf(text: str) -> EdtfReading | None:
    """What python-edtf reads, or None when it refuses (or fails)."""
    try:
        e = parse_edtf(text)
        lo, hi = e.lower_strict(), e.upper_strict()
    except Exception:  # python-edtf fails with several kinds on some strings
        return None

    def guessed(side: str) -> bool:
        part = getattr(e, side, None)
        return bool(getattr(part, "is_unknown", False))

    return EdtfReading(_level(text), _edtf_bound(lo), _edtf_bound(hi), guessed("lower"), guessed("upper"))


# -- isscoop's reading ----------------------------------------------------------------------------------


def strict(d: PartialDate) -> tuple[int, int]:
    return attrs.evolve(d, approximate=False, uncertain=False).bounds()


def period_bounds(p: Period) -> tuple[Bound, Bound]:
    lo: Bound = -math.inf if p.open_start else "unknown" if p.start is None else strict(p.start)[0]
    hi: Bound = math.inf if p.open_end else "unknown" if p.end is None else strict(p.end)[1]
    return lo, hi


REASONS: Final = (
    ("negative year", re.compile(r"negative years are not supported; isscoop reads the years 0000 to 9999")),
    ("year beyond 9999", re.compile(r"(beyond 9999|into the year 10000).*isscoop reads the years 0000 to 9999")),
    ("level 2", re.compile(r"EDTF level 2 \(.+\) is not supported; isscoop reads levels 0 and 1")),
)


def reason_of(error: isscoop.DateParseError) -> str:
    """The documented reason an error gives: one of REASONS, else "not EDTF"."""
    for name, pattern in REASONS:
        if pattern.search(str(error)):
            return name
    return "not EDTF"


@attrs.frozen
class Outcome:
    """What isscoop's Period.parse makes of a string: a period, or the reason it was refused."""

    period: Period | None
    error: isscoop.DateParseError | None

    @property
    def reason(self) -> str:
        assert self.error is not None
        return reason_of(self.error)


@cache
def isscoop_reading(text: str) -> Outcome:
    try:
        return Outcome(Period.parse(text), None)
    except isscoop.DateParseError as e:
        return Outcome(None, e)


def winter_end(text: str) -> int | None:
    """The last day isscoop gives a winter end (last day of February of the next year), if the end is one."""
    found = re.fullmatch(r"(?:.*/)?([0-9]{4})-24[~?%]?", text)
    if found is None:
        return None
    year = int(found[1]) + 1
    return ordinal(year, 2, 29 if calendar.isleap(year) else 28)


def expected_bounds(text: str, r: EdtfReading) -> tuple[Bound, Bound, list[str]]:
    """python-edtf's strict bounds, with the two documented conventions applied, and the notes they add."""
    notes = []
    lo: Bound = "unknown" if r.lo_guessed else r.lo
    hi: Bound = "unknown" if r.hi_guessed else r.hi
    if r.lo_guessed or r.hi_guessed:
        notes.append(UNKNOWN_NOTE)
    winter = winter_end(text)
    if winter is not None:
        year = int(re.findall(r"([0-9]{4})-24", text)[-1])
        assert r.hi == ordinal(year, 12, 31), "python-edtf's winter no longer ends on 31 December"
        hi = winter
        notes.append(WINTER_NOTE)
    return lo, hi, notes


# -- the verdict for each string ------------------------------------------------------------------------


@attrs.frozen
class Row:
    text: str
    feature: str
    edtf: str
    isscoop: str
    note: str
    verdict: str  # "same", "convention", "isscoop only", or "refused: REASON"


@cache
def row(text: str, feature: str) -> Row:
    r = python_edtf(text)
    out = isscoop_reading(text)
    if r is None:
        edtf_text = "refuses"
    else:
        edtf_text = f"L{r.level}: {_span_text(r.lo, r.hi)}"
        if r.lo_guessed or r.hi_guessed:
            edtf_text += " (guessed)"
    if out.period is None:
        assert out.error is not None
        reason = out.reason
        said = str(out.error).removeprefix(f"{text!r}: ").split("; isscoop reads")[0]  # the range: in the text
        why = LEVEL_2_BY_SPEC.get(text) or PYTHON_EDTF_BREAKS_SPEC.get(text)
        note = f"{why}; isscoop: {said}" if why else f"isscoop: {said}"
        return Row(text, feature, edtf_text, f"refused: {reason}", note, f"refused: {reason}")
    lo, hi = period_bounds(out.period)
    if text in ISSCOOP_ONLY:
        return Row(text, feature, edtf_text, _span_text(lo, hi), ISSCOOP_ONLY[text], "isscoop only")
    assert r is not None, f"isscoop reads {text!r}, python-edtf refuses it, and ISSCOOP_ONLY does not say why"
    _, _, notes = expected_bounds(text, r)
    verdict = "convention" if notes else "same"
    shown = "same" if verdict == "same" else _span_text(lo, hi)
    return Row(text, feature, edtf_text, shown, "; ".join(notes), verdict)


def _span_text(lo: Bound, hi: Bound) -> str:
    return day_text(lo) if lo == hi and lo != "unknown" else f"{day_text(lo)} to {day_text(hi)}"


TEXTS: Final = [text for text, _ in CASES]


def test_the_cases_are_distinct_and_the_exceptions_are_cases() -> None:
    assert len(set(TEXTS)) == len(TEXTS)
    for listed in (LEVEL_2_BY_SPEC, PYTHON_EDTF_BREAKS_SPEC, ISSCOOP_ONLY):
        assert set(listed) <= set(TEXTS)


@pytest.mark.parametrize("text", TEXTS)
def test_period_parse_agrees_with_python_edtf(text: str) -> None:
    r = python_edtf(text)
    out = isscoop_reading(text)
    if out.period is not None:
        if text in ISSCOOP_ONLY:
            assert r is None, f"python-edtf reads {text!r} now: take it out of ISSCOOP_ONLY"
            return
        assert r is not None, f"isscoop reads {text!r}, which python-edtf refuses"
        assert r.level <= 1, f"isscoop reads {text!r}, which is EDTF level {r.level}"
        lo, hi, _ = expected_bounds(text, r)
        assert period_bounds(out.period) == (lo, hi), (day_text(lo), day_text(hi))
        return
    assert out.error is not None
    assert len(str(out.error)) < 300
    assert text not in ISSCOOP_ONLY
    reason = out.reason
    if reason == "negative year":
        assert text.startswith(("-", "Y-"))
    elif reason == "year beyond 9999":
        assert re.match(r"Y[0-9]{5}|9999-24", text), text
    elif reason == "level 2":
        assert r is None or r.level == 2 or text in LEVEL_2_BY_SPEC, f"python-edtf reads {text!r} at level {r.level}"
    else:
        assert r is None or text in PYTHON_EDTF_BREAKS_SPEC, f"python-edtf reads {text!r}; isscoop: {out.error}"
    assert (text in LEVEL_2_BY_SPEC) == (r is not None and r.level <= 1 and reason == "level 2")
    assert (text in PYTHON_EDTF_BREAKS_SPEC) == (r is not None and reason == "not EDTF")


def single(text: str) -> PartialDate | isscoop.DateParseError:
    try:
        return PartialDate.parse(text)
    except isscoop.DateParseError as e:
        return e


@pytest.mark.parametrize("text", TEXTS)
def test_partial_date_parse_and_to_partial_date_read_single_dates_the_same(text: str) -> None:
    out = isscoop_reading(text)
    d = single(text)
    if isinstance(d, isscoop.DateParseError):
        assert len(str(d)) < 300
        with pytest.raises(isscoop.DateParseError) as info:
            to_partial_date(text)  # never read as something else by the fallback for human text
        assert repr(text) in str(info.value)
        if "/" in text:
            assert "an EDTF interval, not one date" in str(d)
        else:
            assert out.error is not None
            assert reason_of(d) == out.reason
        return
    assert "/" not in text
    assert out.period == Period(start=d, end=d)
    assert to_partial_date(text) == d
    assert strict(d) == period_bounds(Period(start=d, end=d))
    lo, hi = strict(d)
    if lo >= 1:
        assert (d.earliest.toordinal(), d.latest.toordinal()) == (lo, hi)
    else:
        with pytest.raises(isscoop.DateParseError, match=r"datetime\.date has no year 0"):
            _ = d.earliest


@pytest.mark.parametrize("text", TEXTS)
def test_every_form_read_is_written_back_and_python_edtf_reads_it(text: str) -> None:
    out = isscoop_reading(text)
    if out.period is None:
        return
    p = out.period
    if "/" in text:
        assert str(p) == text
    else:
        d = PartialDate.parse(text)
        day = text.split("T")[0]  # a date and time is read as its day
        assert str(d) == day
        assert PartialDate.parse(str(d)) == d
        # one date read as a period is written as an interval from it to itself, unless X in an interval
        # end would make that EDTF level 2
        assert str(p) == (day if "X" in day else f"{day}/{day}")
    assert Period.parse(str(p)) == p
    if text in ISSCOOP_ONLY:
        return
    r = python_edtf(text)
    assert r is not None
    for written in {str(p), text.split("T")[0]}:
        again = python_edtf(written)
        assert again is not None, f"python-edtf cannot read {written!r}, which isscoop writes"
        assert (again.lo, again.hi) == (r.lo, r.hi)


@pytest.mark.parametrize("text", TEXTS)
def test_the_json_schema_patterns_agree_with_the_readers(text: str) -> None:
    out = isscoop_reading(text)
    in_order = out.period is not None or "on or after the start" in str(out.error)
    assert bool(re.fullmatch(PERIOD_PATTERN, text)) == in_order
    assert bool(re.fullmatch(DATE_PATTERN, text)) == isinstance(single(text), PartialDate)


# -- a query's on= ----------------------------------------------------------------------------------------

SRC: Final = Source(id="src", url="https://example.org/", publisher="Example")
AGENCY: Final = Agency(id="agency", name="Agency", kind=AgencyKind.SPACE_AGENCY, acronym="AG", sources=[SRC])


def _day(n: int) -> PartialDate:
    if n >= 1:
        return PartialDate.from_date(dt.date.fromordinal(n))
    d = dt.date.fromordinal(n + 146_097)
    return PartialDate(year=d.year - 400, month=d.month, day=d.day)


@pytest.fixture(scope="module")
def edges() -> tuple[Dataset, dict[str, int]]:
    """One meeting and one one-day head tenure on each day next to and at the bounds of every date read."""
    first, last = ordinal(0, 1, 1), ordinal(9999, 12, 31)
    days: set[int] = set()
    for text in TEXTS:
        window = on_window(text)
        if window is None:
            continue
        lo, hi = window
        days |= {n for n in (lo - 1, lo, hi, hi + 1) if first <= n <= last}
    meetings, officials, day_of = [], [], {}
    for i, n in enumerate(sorted(days)):
        d = _day(n)
        day_of[f"m{i}"] = day_of[f"o{i}"] = n
        meetings.append(Meeting(id=f"m{i}", title=f"On {d}", kind=MeetingKind.WORKING_LEVEL, date=d, sources=[SRC]))
        tenure = Tenure(post="Head", agency=AGENCY, period=Period(start=d, end=d), head=True)
        officials.append(Official(id=f"o{i}", name=f"Head on {d}", tenures=[tenure], sources=[SRC]))
    ds = Dataset(sources=[SRC], agencies=[AGENCY], meetings=meetings, officials=officials)
    return ds, day_of


def on_window(text: str) -> tuple[int, int] | None:
    """The days an ``on=`` argument asks about, from the readers' own bounds; ``None`` if it is refused.

    One date: its bounds.  An interval: from the first possible day of its
    start to the last possible day of its end, ``..`` unbounded; an interval
    with an empty (unknown) end is refused.
    """
    if "/" not in text:
        try:
            return PartialDate.parse(text).bounds()
        except isscoop.DateParseError:
            return None
    out = isscoop_reading(text)
    if out.period is None:
        return None
    p = out.period
    if (p.start is None and not p.open_start) or (p.end is None and not p.open_end):
        return None
    lo = ordinal(0, 1, 1) - 1 if p.start is None else p.start.bounds()[0]
    hi = ordinal(9999, 12, 31) + 1 if p.end is None else p.end.bounds()[1]
    return lo, hi


@pytest.mark.parametrize("text", TEXTS)
def test_a_query_on_reads_a_date_with_the_same_bounds(text: str, edges: tuple[Dataset, dict[str, int]]) -> None:
    ds, day_of = edges
    window = on_window(text)
    if window is None:
        with pytest.raises(isscoop.DateParseError):
            ds.meetings.on(text)
        with pytest.raises(isscoop.DateParseError):
            ds.officials.heads(of="AG", on=text)
        return
    lo, hi = window
    inside = {key for key, n in day_of.items() if lo <= n <= hi}
    assert {m.id for m in ds.meetings.on(text)} == {k for k in inside if k.startswith("m")}
    assert {o.id for o in ds.officials.heads(of="AG", on=text)} == {k for k in inside if k.startswith("o")}
    assert inside, "no record falls inside the date: the check would prove nothing"


# -- the docs' table ---------------------------------------------------------------------------------------


def render() -> str:
    rows = [row(text, feature) for text, feature in CASES]
    count = Counter(r.verdict for r in rows)
    refused = {k.removeprefix("refused: "): v for k, v in count.items() if k.startswith("refused: ")}
    accepted = count["same"] + count["convention"] + count["isscoop only"]
    lines = [
        ".. This file is written by tests/test_edtf_conformance.py; do not edit it by hand.",
        "",
        f"{len(rows)} strings: the examples of the EDTF specification (levels 0, 1 and 2) and isscoop's own "
        f"edge cases.  isscoop reads {accepted}: {count['same']} with exactly python-edtf's strict bounds, "
        f"{count['convention']} under a convention stated above (winter, unknown ends), and "
        f"{count['isscoop only']} that python-edtf does not read.  It refuses {sum(refused.values())}, each "
        "for a documented reason: "
        + "; ".join(f"{k}, {refused.get(k, 0)}" for k in ("negative year", "year beyond 9999", "level 2", "not EDTF"))
        + f" (python-edtf reads {len(PYTHON_EDTF_BREAKS_SPEC)} of the last against the specification, "
        f"and {len(LEVEL_2_BY_SPEC)} of the level 2 ones at level 0 or 1).",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 24 16 26 22 30",
        "",
        "   * - EDTF",
        "     - What",
        "     - python-edtf (level: strict bounds)",
        "     - isscoop",
        "     - Note",
    ]
    for r in rows:
        lines += [
            f"   * - ``{r.text}``",
            f"     - {r.feature}",
            f"     - {r.edtf}",
            f"     - {r.isscoop}",
            f"     - {r.note}" if r.note else "     -",
        ]
    return "\n".join(lines) + "\n"


def test_the_docs_table_is_current() -> None:
    text = render()
    if os.environ.get("ISSCOOP_WRITE_CONFORMANCE"):
        TABLE.write_text(text, encoding="utf-8")
    assert TABLE.read_text(encoding="utf-8") == text, (
        "docs/edtf-conformance.inc is stale: rerun with ISSCOOP_WRITE_CONFORMANCE=1"
    )
