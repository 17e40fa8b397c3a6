"""How long since: the last matching record before a day, the gap as years, months and days, and
statements about the gap ("the first in over seven years") judged against the data.

:meth:`Query.gap_before() <isscoop.Query.gap_before>` builds a :class:`Gap`; this module knows nothing
of queries.  A gap is measured from the day the last record ended to the day asked about, in calendar
years, months and days (as ``dateutil.relativedelta`` counts them).  Where dates are partial, it has a
shortest and a longest value.  Where the data does not declare its records complete (see
:class:`~isscoop.Coverage`), a later record may be missing, which could only make the gap shorter.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Final

import attrs

from ._args import check_text, got
from ._dates import NEG_INF, POS_INF, Answer, PartialDate, Tri, to_partial_date
from ._errors import DateParseError, InvalidArgument, InvalidRecord, Undecidable
from ._model import Record
from ._public import present_as_isscoop

__all__ = ["Duration", "Gap"]

#: When the true last record may have ended: inclusive day ordinals.
Interval = tuple[int, int]


@attrs.frozen(kw_only=True, order=True)
class Duration:
    """A length of time in calendar years, months and days: ``6 years, 9 months and 21 days``.

    >>> import datetime
    >>> print(Duration.between(datetime.date(2018, 10, 10), datetime.date(2025, 7, 31)))
    6 years, 9 months and 21 days
    """

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def between(cls, first: _dt.date, last: _dt.date) -> Duration:
        """From ``first`` to ``last`` (not before it), counted as whole years, then months, then days."""
        from dateutil.relativedelta import relativedelta  # imported on first use only

        for name, day in (("first", first), ("last", last)):
            if not isinstance(day, _dt.date):
                raise InvalidArgument(f"{name}: expected a datetime.date, got {got(day)}")
        first = first.date() if isinstance(first, _dt.datetime) else first
        last = last.date() if isinstance(last, _dt.datetime) else last
        if last < first:
            raise InvalidRecord(f"last: expected a day on or after {first}, got {last}")
        r = relativedelta(last, first)
        return cls(years=r.years, months=r.months, days=r.days)

    def __str__(self) -> str:
        parts = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in self._parts() if n]
        if not parts:
            return "0 days"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def _parts(self) -> tuple[tuple[int, str], ...]:
        return ((self.years, "year"), (self.months, "month"), (self.days, "day"))


@attrs.frozen(kw_only=True, repr=False)
class Gap:
    """The last record of a query before a day, how long before it ended, and judgements about that.

    ``last`` is the latest record that certainly matches and was certainly
    over before ``day`` (``None`` if there is none); ``last_end`` is the day
    it ended.  ``shortest`` and ``longest`` bound the gap from ``last_end``
    (or from a later record that may match) to ``day``, where dates are
    partial.  ``complete`` says whether the data declares every matching
    record between them recorded (YES, naming the :class:`~isscoop.Coverage`)
    or not (UNKNOWN: a later record may be missing).

    >>> import isscoop
    >>> talks = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
    >>> gap = talks.gap_before("2025-07-31")
    >>> gap.last.id, str(gap.length)
    ('bridenstine-rogozin-2018', '6 years, 9 months and 21 days')
    >>> gap.judge("since 2018").value, gap.judge("in over seven years").value
    (Tri.YES, Tri.NO)
    """

    day: str
    last: Record | None
    last_end: PartialDate | None
    shortest: Duration | None
    longest: Duration | None
    complete: Answer
    _window: tuple[int, int]  # the days asked about, as ordinals
    _possible: tuple[tuple[int, int], ...]  # where the true last one may have ended
    _recorded: tuple[tuple[int, int], ...]  # the same, from the records alone (nothing missing)
    _what: str = ""

    @property
    def length(self) -> Duration:
        """The gap, when the dates give one value; else :class:`~isscoop.Undecidable`."""
        if self.shortest is None or self.shortest != self.longest:
            raise Undecidable(f"the gap is not one length: {self._measure()}")
        return self.shortest

    def __str__(self) -> str:
        return self._measure()

    def __repr__(self) -> str:
        return f"Gap({self._measure()!r})"

    def _measure(self) -> str:
        if self.last is None or self.shortest is None:
            return f"no {self._what or 'records'} recorded before {self.day}"
        since = f"since {self.last.label} ({self.last_end})"
        if self.shortest == self.longest:
            return f"{self.shortest} {since} to {self.day}"
        longest = "an unknown time" if self.longest is None else str(self.longest)
        return f"between {self.shortest} and {longest} {since} to {self.day}"

    def judge(self, statement: str) -> Answer:
        """Is ``statement`` about the gap true of the data?  YES, NO or UNKNOWN, with the reason.

        Statements are read in English, the number in words or digits, with
        years, months or days:

        * ``"since 2018"`` (a year, a month or a day): the last one was then;
        * ``"eight years"``, ``"in 8 years"``, ``"an eight-year gap"``: the gap
          is that many whole years (at least eight, less than nine);
        * ``"over seven years"``, ``"more than seven years"``: longer than that;
        * ``"at least seven years"``, ``"in the last seven years"`` (none in
          them): at least that long;
        * ``"under seven years"``, ``"less than seven years"``, ``"almost
          seven years"``: shorter than that.

        The judgement takes every possibility the data leaves open: partial
        dates, records that may match, and -- where no coverage is declared --
        a later record the data may miss.  Anything else raises
        :class:`~isscoop.DateParseError`.
        """
        text, holds = _read(statement)
        d_lo, d_hi = self._window
        a_lo, b_lo = holds(d_lo)
        a_hi, b_hi = holds(d_hi)
        every = (max(a_lo, a_hi), min(b_lo, b_hi))  # true whichever day of ``day`` it is
        some = (min(a_lo, a_hi), max(b_lo, b_hi))  # true for some day of it
        decided = _decide(self._possible or ((NEG_INF, NEG_INF),), every, some)
        measure = self._measure()
        if decided is Tri.YES:
            tail = f"; {self.complete.reason}" if self.complete.yes else ""
            return Answer(value=Tri.YES, reason=f"{text!r} holds: {measure}{tail}")
        if decided is Tri.NO:
            tail = "" if self.complete.yes else "; a later one the data may miss could not change that"
            return Answer(value=Tri.NO, reason=f"{text!r} does not hold: {measure}{tail}")
        if _decide(self._recorded or ((NEG_INF, NEG_INF),), every, some) is not Tri.UNKNOWN:
            why = self.complete.reason  # what is recorded decides; what may be missing does not
        else:
            why = "the dates are too coarse to decide"
        return Answer(value=Tri.UNKNOWN, reason=f"cannot tell whether {text!r} holds: {measure}; {why}")


def _decide(possible: tuple[Interval, ...], every: Interval, some: Interval) -> Tri:
    """YES if the last one's end lies where the statement holds whatever it is, NO if nowhere, else UNKNOWN."""
    if all(every[0] <= lo and hi <= every[1] for lo, hi in possible):
        return Tri.YES
    if all(hi < some[0] or lo > some[1] for lo, hi in possible):
        return Tri.NO
    return Tri.UNKNOWN


# fmt: off
_WORDS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
# fmt: on
_NUMBERS: Final = {word: n for n, word in enumerate(_WORDS)} | {"a": 1, "an": 1}
_QUALIFIERS: Final = {
    "over": ">",
    "more than": ">",
    "longer than": ">",
    "at least": ">=",
    "no less than": ">=",
    "under": "<",
    "less than": "<",
    "fewer than": "<",
    "almost": "<",
    "nearly": "<",
}
_LENGTH: Final = re.compile(
    r"(?:(?P<q>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<n>\d{1,5}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")[\s-]+(?P<u>year|month|day)s?\b"
)
#: The longest statement ``Gap.judge`` reads, in characters.
MAX_STATEMENT: Final = 200
_SINCE: Final = re.compile(r"\bsince\s+(?P<when>.+?)[.!]?$")
_EXPECTED: Final = (
    "expected a statement such as 'since 2018', 'eight years', 'in over seven years', 'at least 6 years', "
    "'in the last seven years' or 'less than seven years'"
)


def _read(statement: str) -> tuple[str, Callable[[int], Interval]]:
    """The statement, and for a day (an ordinal) the span of last-end days (inclusive) for which it holds."""
    if not isinstance(statement, str):
        raise InvalidArgument(f"statement: {_EXPECTED}, got {got(statement)}")
    check_text(statement, "statement", MAX_STATEMENT)  # bounded before any pattern reads it
    text = " ".join(statement.split())
    low = text.lower()
    since = _SINCE.search(low)
    if since is not None:
        try:
            when = to_partial_date(text[since.start("when") : since.end("when")], field="since")
        except DateParseError as e:
            raise DateParseError(f"statement {text!r}: {e}") from None
        lo, hi = when.bounds()
        return text, lambda d: (lo, hi)
    found = _LENGTH.search(low)
    if found is None:
        raise DateParseError(f"statement {text!r}: {_EXPECTED}")
    raw = found["n"]
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = found["u"] + "s"
    rule = _QUALIFIERS.get(found["q"] or "", "=")
    if found["q"] is None and re.search(r"\b(?:last|past)\s*$", low[: found.start()]):
        rule = ">="  # "the first in the last seven years": none in them
    return text, _rule(rule, n, unit)


def _rule(rule: str, n: int, unit: str) -> Callable[[int], Interval]:
    def back(d: int, k: int) -> int:
        """The day ``k`` units before day ``d``, as an ordinal (clamped to the calendar)."""
        from dateutil.relativedelta import relativedelta

        day = _dt.date.fromordinal(max(1, min(d, _dt.date.max.toordinal())))
        step = relativedelta(years=k) if unit == "years" else relativedelta(months=k) if unit == "months" else None
        try:
            return (day - step).toordinal() if step is not None else d - k
        except (ValueError, OverflowError):
            return NEG_INF

    def holds(d: int) -> Interval:
        if rule == ">":  # gap longer than n: ended before the day n units back
            return NEG_INF, back(d, n) - 1
        if rule == ">=":
            return NEG_INF, back(d, n)
        if rule == "<":
            return back(d, n) + 1, POS_INF
        return back(d, n + 1) + 1, back(d, n)  # n whole units: at least n, less than n + 1

    return holds


present_as_isscoop(globals())
