"""Honest dates: partial dates, periods, and yes/no/unknown answers about them.

A :class:`PartialDate` is known to the year, the month or the day, and is never
padded: ``2025-07`` stays July 2025, it does not become the 1st of July.  It
stands for *every day it could be*, from :attr:`PartialDate.earliest` to
:attr:`PartialDate.latest`.

The one rule for comparing dates
--------------------------------
* **Which came first** (:meth:`PartialDate.precedes`) and **does a period cover
  a day** (:meth:`Period.covers`) are answered with :class:`Tri` -- ``YES``,
  ``NO`` or ``UNKNOWN`` -- and a reason.  ``UNKNOWN`` means the data is too
  coarse to decide; isscoop never guesses.
* The operators ``<``, ``<=``, ``>`` and ``>=`` give the **timeline sort
  order**: by first possible day, then coarser before finer, then by last
  possible day.  They always answer and never raise, but they say where a date
  is *listed*, not what happened first.
* An approximate (``~``) or uncertain (``?``) date counts as one unit wider on
  each side when a question is decided: ``2030~`` may be any day from 2029 to
  2031.

Text is read as EDTF (levels 0 and 1) first; anything else goes to
python-dateutil with explicit defaults, so that missing parts are detected and
never filled in from today's date.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from typing import Final, TypeAlias

import attrs

from ._args import check_date_text
from ._errors import DateParseError, Undecidable, cut
from ._public import present_as_isscoop

__all__ = [
    "Answer",
    "DateLike",
    "PartialDate",
    "Period",
    "Precision",
    "Tri",
    "to_partial_date",
]

#: Sentinel ordinals for "before every day" and "after every day".
NEG_INF: Final = -(10**9)
POS_INF: Final = 10**9

DateLike: TypeAlias = "_dt.date | str | PartialDate"
"""Anything a date argument accepts: a ``datetime.date`` or ``datetime.datetime``,
an ISO or EDTF string (``"2025-07-31"``, ``"2025-07"``, ``"2025"``), a
human-readable string (``"31 July 2025"``) or a :class:`PartialDate`."""


class Precision(enum.IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    def __str__(self) -> str:
        return self.name.lower()


class Tri(enum.Enum):
    """A three-valued truth: ``YES``, ``NO`` or ``UNKNOWN``.

    ``bool(Tri.UNKNOWN)`` raises :class:`~isscoop.Undecidable` instead of
    guessing.
    """

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    def __bool__(self) -> bool:
        if self is Tri.UNKNOWN:
            raise Undecidable("the answer is UNKNOWN; it cannot be used as True or False")
        return self is Tri.YES

    def __repr__(self) -> str:
        return f"Tri.{self.name}"

    def __str__(self) -> str:
        return self.name

    def __and__(self, other: Tri) -> Tri:
        if Tri.NO in (self, other):
            return Tri.NO
        return Tri.YES if self is other is Tri.YES else Tri.UNKNOWN

    def __or__(self, other: Tri) -> Tri:
        if Tri.YES in (self, other):
            return Tri.YES
        return Tri.NO if self is other is Tri.NO else Tri.UNKNOWN

    def __invert__(self) -> Tri:
        return {Tri.YES: Tri.NO, Tri.NO: Tri.YES}.get(self, Tri.UNKNOWN)


@attrs.frozen(kw_only=True)
class Answer:
    """A :class:`Tri` together with the reason that decided it.

    >>> from isscoop import Period
    >>> Period.parse("2022-07/..").covers("2022-07-10")
    Answer(UNKNOWN, 'start known only to the month: 2022-07')
    """

    value: Tri
    reason: str

    def __bool__(self) -> bool:
        if self.value is Tri.UNKNOWN:
            raise Undecidable(f"cannot decide: {self.reason}")
        return self.value is Tri.YES

    def __repr__(self) -> str:
        return f"Answer({self.value.name}, {self.reason!r})"

    @property
    def yes(self) -> bool:
        """True only when the answer is certainly yes."""
        return self.value is Tri.YES

    @property
    def no(self) -> bool:
        """True only when the answer is certainly no."""
        return self.value is Tri.NO

    @property
    def unknown(self) -> bool:
        """True when the data cannot decide."""
        return self.value is Tri.UNKNOWN


_DATE_RE: Final = re.compile(
    r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2})"
    r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?)?)?"
    r"(?P<q>[~?%])?"
)
_UNSUPPORTED: Final = (
    (re.compile(r"^-"), "negative years"),
    (re.compile(r"^Y"), "years with more than four digits"),
    (re.compile(r"X", re.IGNORECASE), "unspecified digits (X)"),
    (re.compile(r"^[0-9]{4}-(2[1-4])"), "seasons (months 21-24)"),
)


def _check_int(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DateParseError(f"{field}: expected an int, got {cut(value)} ({type(value).__name__})")
    if not low <= value <= high:
        raise DateParseError(f"{field}: expected {low}..{high}, got {cut(value)}")
    return value


@attrs.frozen(kw_only=True, order=False, repr=False)
class PartialDate:
    """A date known to the year, the month or the day, never padded.

    >>> d = PartialDate.parse("2025-07")
    >>> d.precision, str(d)
    (<Precision.MONTH: 2>, '2025-07')
    >>> d.earliest, d.latest
    (datetime.date(2025, 7, 1), datetime.date(2025, 7, 31))
    >>> PartialDate.parse("2030~").approximate
    True
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        _check_int("year", self.year, 1, 9999)
        if self.month is not None:
            _check_int("month", self.month, 1, 12)
        if self.day is not None:
            if self.month is None:
                raise DateParseError(f"day: a day needs a month, got day={cut(self.day)} and no month")
            _check_int("day", self.day, 1, _month_length(self.year, self.month))
        for flag in ("approximate", "uncertain"):
            if not isinstance(getattr(self, flag), bool):
                raise DateParseError(f"{flag}: expected a bool, got {cut(getattr(self, flag))}")

    # -- construction ---------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read an EDTF level 0-1 date: ``2025``, ``2025-07``, ``2025-07-31``, ``2030~``, ``2028?``.

        A time of day, if present, is dropped: isscoop dates are days.

        >>> PartialDate.parse("2025-07-31T15:43:00Z")
        PartialDate('2025-07-31')
        >>> PartialDate.parse("2025-13")
        Traceback (most recent call last):
        ...
        isscoop.DateParseError: '2025-13': month: expected 1..12, got 13
        """
        if not isinstance(text, str):
            raise DateParseError(f"expected an EDTF date string, got {cut(text)} ({type(text).__name__})")
        check_date_text(text)
        s = text.strip()
        m = _DATE_RE.fullmatch(s)
        if m is None:
            for pattern, what in _UNSUPPORTED:
                if pattern.search(s):
                    raise DateParseError(f"{text!r}: EDTF {what} are not supported")
            raise DateParseError(f"{text!r}: expected an EDTF date such as 2025, 2025-07 or 2025-07-31")
        if m["m"] and 21 <= int(m["m"]) <= 24 and not m["d"]:
            raise DateParseError(f"{text!r}: EDTF seasons (months 21-24) are not supported")
        q = m["q"] or ""
        try:
            return cls(
                year=int(m["y"]),
                month=int(m["m"]) if m["m"] else None,
                day=int(m["d"]) if m["d"] else None,
                approximate=q in "~%" and q != "",
                uncertain=q in "?%" and q != "",
            )
        except DateParseError as e:
            raise DateParseError(f"{text!r}: {e}") from None

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        """A day-precision date from a ``datetime.date`` or ``datetime.datetime``."""
        if not isinstance(value, _dt.date):
            raise DateParseError(f"expected a datetime.date, got {cut(value)} ({type(value).__name__})")
        return cls(year=value.year, month=value.month, day=value.day)

    @classmethod
    def from_text(cls, text: str) -> PartialDate:
        """Read EDTF, or else human-readable text such as ``"31 July 2025"`` or ``"July 2025"``.

        Parts the text does not give stay unknown; nothing is taken from today.

        >>> PartialDate.from_text("July 2025")
        PartialDate('2025-07')
        >>> PartialDate.from_text("Thursday 31 July 2025")
        PartialDate('2025-07-31')
        """
        if not isinstance(text, str):
            raise DateParseError(f"expected a date string, got {cut(text)} ({type(text).__name__})")
        check_date_text(text)
        try:
            return cls.parse(text)
        except DateParseError:
            pass
        return _parse_human(text)

    # -- views ------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        """:attr:`Precision.YEAR`, :attr:`Precision.MONTH` or :attr:`Precision.DAY`."""
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def earliest(self) -> _dt.date:
        """The first day this date could be (qualifiers ignored)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> _dt.date:
        """The last day this date could be (qualifiers ignored)."""
        month = self.month or 12
        return _dt.date(self.year, month, self.day or _month_length(self.year, month))

    @property
    def qualified(self) -> bool:
        """True when the date is approximate or uncertain."""
        return self.approximate or self.uncertain

    def bounds(self) -> tuple[int, int]:
        """First and last possible day as ordinals, one unit wider if qualified."""
        return _bounds(self.year, self.month, self.day, self.approximate or self.uncertain)

    def to_date(self) -> _dt.date:
        """The ``datetime.date``, only for an exact, unqualified day."""
        if self.precision is not Precision.DAY or self.qualified:
            raise Undecidable(f"{self} is not an exact day ({self.precision} precision)")
        return self.earliest

    def isoformat(self) -> str:
        """The EDTF string, as ``str()`` gives."""
        return str(self)

    def describe(self) -> str:
        """Words for the reason texts: ``'known only to the month: 2025-07'``."""
        if self.precision is Precision.DAY and not self.qualified:
            return str(self)
        if self.qualified and self.precision is Precision.DAY:
            return f"approximate: {self}"
        return f"known only to the {self.precision}: {self}"

    # -- comparisons -----------------------------------------------------
    def precedes(self, other: DateLike) -> Answer:
        """Did this date certainly come before ``other``?

        >>> PartialDate.parse("2025-05").precedes("2025-07-31")
        Answer(YES, '2025-05 ends before 2025-07-31 begins')
        >>> PartialDate.parse("2025-07").precedes("2025-07-15")
        Answer(UNKNOWN, '2025-07 and 2025-07-15 overlap')
        """
        o = to_partial_date(other)
        alo, ahi = self.bounds()
        blo, bhi = o.bounds()
        if ahi < blo:
            return Answer(value=Tri.YES, reason=f"{self} ends before {o} begins")
        if alo >= bhi:
            return Answer(value=Tri.NO, reason=f"{self} does not begin before {o} ends")
        return Answer(value=Tri.UNKNOWN, reason=f"{self} and {o} overlap")

    def sort_key(self) -> tuple[int, int, int]:
        """The timeline sort key: first possible day, coarser first, last possible day."""
        return (self.earliest.toordinal(), int(self.precision), self.latest.toordinal())

    def _cmp_key(self, other: object) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        if isinstance(other, str | _dt.date) and not isinstance(other, bool):
            other = to_partial_date(other)
        if not isinstance(other, PartialDate):
            raise TypeError(
                f"cannot compare PartialDate with {type(other).__name__}; "
                "expected a date, a date string or a PartialDate"
            )
        return self.sort_key(), other.sort_key()

    def __lt__(self, other: object) -> bool:
        a, b = self._cmp_key(other)
        return a < b

    def __le__(self, other: object) -> bool:
        a, b = self._cmp_key(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        a, b = self._cmp_key(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        a, b = self._cmp_key(other)
        return a >= b

    def __str__(self) -> str:
        s = f"{self.year:04d}"
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            s += "%"
        elif self.approximate:
            s += "~"
        elif self.uncertain:
            s += "?"
        return s

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


@attrs.frozen(kw_only=True, repr=False)
class Period:
    """A span between two partial dates, telling an open end from an unknown one.

    * ``2025-07-09/..`` -- ``open_end``: still going.
    * ``2025-07-09/`` -- ``end is None`` and not open: the end is unknown.
    * ``../2025`` and ``/2025`` do the same for the start.

    >>> p = Period.parse("2018-10-10/2025-07-31")
    >>> p.start, p.end
    (PartialDate('2018-10-10'), PartialDate('2025-07-31'))
    >>> Period.parse("2025-07-09/..").open_end, Period.parse("2025-07-09/").open_end
    (True, False)
    >>> "2025-08-01" in Period.parse("2025-07-09/..")
    True
    """

    start: PartialDate | None = None
    end: PartialDate | None = None
    open_start: bool = False
    open_end: bool = False

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            v = getattr(self, name)
            if v is not None and not isinstance(v, PartialDate):
                raise DateParseError(f"{name}: expected a PartialDate or None, got {cut(v)} ({type(v).__name__})")
        if self.open_start and self.start is not None:
            raise DateParseError(f"open_start: an open start has no date, got start={self.start}")
        if self.open_end and self.end is not None:
            raise DateParseError(f"open_end: an open end has no date, got end={self.end}")
        if self.start is not None and self.end is not None:
            s_lo, _ = self.start.bounds()
            _, e_hi = self.end.bounds()
            if s_lo > e_hi:
                raise DateParseError(f"end: expected a date on or after the start {self.start}, got {self.end}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read an EDTF interval such as ``2018-10-10/2025-07-31`` or ``2025-07-09/..``.

        A single date is a period of that date alone.
        """
        if not isinstance(text, str):
            raise DateParseError(f"expected an EDTF interval string, got {cut(text)} ({type(text).__name__})")
        check_date_text(text)
        if "/" not in text:
            d = PartialDate.parse(text)
            return cls(start=d, end=d)
        if text.count("/") != 1:
            raise DateParseError(f"{text!r}: expected START/END with one '/'")
        a, b = (part.strip() for part in text.split("/"))
        try:
            return cls(
                start=None if a in ("", "..") else PartialDate.parse(a),
                end=None if b in ("", "..") else PartialDate.parse(b),
                open_start=a == "..",
                open_end=b == "..",
            )
        except DateParseError as e:
            msg = str(e)
            raise DateParseError(msg if msg.startswith(repr(text)) else f"{text!r}: {msg}") from None

    @classmethod
    def between(cls, start: DateLike | None, end: DateLike | None) -> Period:
        """A period from two date-likes; ``None`` means unknown."""
        return cls(
            start=None if start is None else to_partial_date(start),
            end=None if end is None else to_partial_date(end),
        )

    def __str__(self) -> str:
        a = ".." if self.open_start else (str(self.start) if self.start else "")
        b = ".." if self.open_end else (str(self.end) if self.end else "")
        return f"{a}/{b}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    @property
    def end_known(self) -> bool:
        """True when the end is a date or is known to be open."""
        return self.end is not None or self.open_end

    def bounds(self) -> tuple[int, int, int, int]:
        """``(start_lo, start_hi, end_lo, end_hi)`` as day ordinals; unbounded sides are far past any day."""
        if self.open_start:
            s_lo = s_hi = NEG_INF
        elif self.start is not None:
            s_lo, s_hi = self.start.bounds()
        else:
            s_lo, s_hi = NEG_INF, POS_INF
        if self.open_end:
            e_lo = e_hi = POS_INF
        elif self.end is not None:
            e_lo, e_hi = self.end.bounds()
        else:
            e_lo, e_hi = s_lo, POS_INF
        if self.start is None and not self.open_start and self.end is not None:
            s_hi = e_hi
        return s_lo, s_hi, e_lo, e_hi

    def covers(self, day: DateLike) -> Answer:
        """Was the period going on at some time within ``day``?

        ``day`` may itself be partial: ``"2025"`` asks about any time in 2025.

        >>> Period.parse("2021-05-03/2025-01-20").covers("2025-07-31")
        Answer(NO, 'ended 2025-01-20, before 2025-07-31')
        """
        return window_answer(self.bounds(), *day_window(day), self)

    def overlaps(self, start: DateLike | None, end: DateLike | None) -> Answer:
        """Did the period overlap the span from ``start`` to ``end``? ``None`` is unbounded."""
        return window_answer(self.bounds(), *span_window(start, end), self)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, str | _dt.date | PartialDate):
            return False
        answer = self.covers(day)
        if answer.unknown:
            raise Undecidable(f"cannot tell whether {day} is in {self}: {answer.reason}")
        return answer.yes


@attrs.frozen(kw_only=True)
class Described:
    """Something with a start and an end, and words for it, for reason texts."""

    text: str
    start: PartialDate | None = None
    end: PartialDate | None = None

    def __str__(self) -> str:
        return self.text


def span_window(start: DateLike | None, end: DateLike | None) -> tuple[int, int, str]:
    """The ``(first, last, label)`` of a span of date arguments; ``None`` is unbounded."""
    lo = NEG_INF if start is None else to_partial_date(start).bounds()[0]
    hi = POS_INF if end is None else to_partial_date(end).bounds()[1]
    label = f"{'' if start is None else to_partial_date(start)}/{'' if end is None else to_partial_date(end)}"
    if lo > hi:
        raise DateParseError(f"end: expected a date on or after the start, got {label}")
    return lo, hi, label


def window_answer(bounds: tuple[int, int, int, int], w_lo: int, w_hi: int, label: str, what: object) -> Answer:
    """Was something with these ``bounds`` going on at some time within ``[w_lo, w_hi]``?

    ``what`` is the thing asked about; its ``str`` and its ``start``/``end``
    go into the reason.
    """
    s_lo, s_hi, e_lo, e_hi = bounds
    if s_hi <= w_hi and e_lo >= w_lo:
        return Answer(value=Tri.YES, reason=f"{what} covers {label}")
    if s_lo > w_hi:
        return Answer(value=Tri.NO, reason=f"starts {_ord_text(what, 'start', s_lo)}, after {label}")
    if e_hi < w_lo:
        return Answer(value=Tri.NO, reason=f"ended {_ord_text(what, 'end', e_hi)}, before {label}")
    # Undecided: say which end is too coarse.
    return Answer(value=Tri.UNKNOWN, reason=_fuzzy_reason(what, "start" if s_hi > w_hi else "end"))


def day_window(day: DateLike) -> tuple[int, int, str]:
    """The ``(first, last, label)`` of a date argument, as day ordinals."""
    d = to_partial_date(day)
    lo, hi = d.bounds()
    return lo, hi, str(d)


def _ord_text(what: object, side: str, ordinal: int) -> str:
    d = getattr(what, side, None)
    if isinstance(d, PartialDate):
        return str(d)
    return _dt.date.fromordinal(ordinal).isoformat()


def _fuzzy_reason(what: object, side: str) -> str:
    d = getattr(what, side, None)
    if isinstance(d, PartialDate):
        return f"{side} {d.describe()}"
    reason = f"{side} unknown"
    if side == "start":
        hint = getattr(what, "first_attested", None)
        if hint is not None:
            reason += f" (first attested {hint})"
    else:
        hint = getattr(what, "last_attested", None)
        if hint is not None:
            reason += f" (last attested {hint})"
    return reason


def to_partial_date(value: DateLike, *, field: str = "day") -> PartialDate:
    """Turn any accepted date argument into a :class:`PartialDate`.

    >>> import datetime
    >>> to_partial_date(datetime.date(2025, 7, 31)), to_partial_date("2025")
    (PartialDate('2025-07-31'), PartialDate('2025'))
    >>> to_partial_date(2025)
    Traceback (most recent call last):
    ...
    isscoop.DateParseError: day: expected a date, datetime, date string or PartialDate, got 2025 (int)
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.date):  # datetime is a date too
        return PartialDate.from_date(value)
    if isinstance(value, str):
        check_date_text(value, field)
        try:
            return _from_text(value)
        except DateParseError as e:
            raise DateParseError(f"{field}: {e}") from None
    raise DateParseError(
        f"{field}: expected a date, datetime, date string or PartialDate, got {cut(value)} ({type(value).__name__})"
    )


@functools.lru_cache(maxsize=4096)
def _from_text(text: str) -> PartialDate:
    """:meth:`PartialDate.from_text`, remembered: query arguments repeat."""
    return PartialDate.from_text(text)


def _parse_human(text: str) -> PartialDate:
    from dateutil import parser as du_parser  # imported on first use only

    # Parse twice with two different explicit defaults: a part that changes
    # with the default was not in the text, so it stays unknown.  The default
    # days are 8 apart, so that a weekday name alone ("Thursday July 2025"),
    # which dateutil resolves to the next such weekday, still shows up as a
    # missing day.
    a_default = _dt.datetime(4, 1, 1)
    b_default = _dt.datetime(8, 3, 9)
    try:
        a = du_parser.parse(text, default=a_default)
        b = du_parser.parse(text, default=b_default)
    except (ValueError, OverflowError, TypeError) as e:
        raise DateParseError(f"{text!r}: not a date isscoop can read ({e})") from None
    if a.year != b.year:
        raise DateParseError(f"{text!r}: a date needs at least a year")
    if f"{a.year:04d}" not in text and str(a.year) not in text:
        # dateutil picks the century of a two-digit year from today's date
        raise DateParseError(f"{text!r}: a two-digit year is ambiguous; write the year in full")
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day and month is not None else None
    if month is None and a.day == b.day:
        raise DateParseError(f"{text!r}: a day without a month is not a date")
    return PartialDate(year=a.year, month=month, day=day)


@functools.lru_cache(maxsize=65536)
def _bounds(year: int, month: int | None, day: int | None, qualified: bool) -> tuple[int, int]:
    """Ordinals of the first and last possible day of a partial date (cached: dates repeat)."""
    lo = _dt.date(year, month or 1, day or 1)
    last_month = month or 12
    hi = _dt.date(year, last_month, day or _month_length(year, last_month))
    if qualified:
        if month is None:
            lo = _dt.date(max(1, year - 1), 1, 1)
            hi = _dt.date(min(9999, year + 1), 12, 31)
        elif day is None:
            lo = _add_months(lo, -1)
            hi = _add_months(hi.replace(day=1), 1)
            hi = hi.replace(day=_month_length(hi.year, hi.month))
        else:
            lo = lo - _dt.timedelta(days=1) if lo > _dt.date.min else lo
            hi = hi + _dt.timedelta(days=1) if hi < _dt.date.max else hi
    return lo.toordinal(), hi.toordinal()


def _month_length(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days


def _add_months(d: _dt.date, n: int) -> _dt.date:
    """The first day of the month ``n`` months after ``d``'s, kept within the calendar."""
    total = d.year * 12 + (d.month - 1) + n
    year, month = divmod(total, 12)
    if year < 1:
        return _dt.date(1, 1, 1)
    if year > 9999:
        return _dt.date(9999, 12, 1)
    return _dt.date(year, month + 1, 1)


present_as_isscoop(globals())
