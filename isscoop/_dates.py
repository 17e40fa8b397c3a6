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

Text is read as EDTF (levels 0 and 1, the parts listed on the docs' Dates
page) first.  Text that looks like EDTF but is not read exactly is refused;
only other text goes to python-dateutil, with explicit defaults, so that
missing parts are detected and never filled in from today's date.
"""

from __future__ import annotations

import datetime
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
    "SpanLike",
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

SpanLike: TypeAlias = "DateLike | Period"
"""Anything an ``on=`` argument accepts: one date, or an EDTF interval.

One date -- a day, a month, a season, a year -- means *at some time within
it*.  An interval -- text such as ``"2025-07-31/2026-01-01"``, ``"../2025"``
or ``"2025/.."``, or a :class:`Period` -- runs from the first possible day of
its start to the last possible day of its end; ``..`` is unbounded.  An
interval end left empty (``"2025/"``: unknown) cannot be asked about and is
refused."""


class Precision(enum.IntEnum):
    """How much of a date is known.

    ``SEASON`` (``2001-21``), ``DECADE`` (``201X``) and ``CENTURY`` (``20XX``)
    came after the first three, so the numbers are codes, not an order:
    :meth:`PartialDate.sort_key` lists century, decade, year, season, month,
    day, coarser first.
    """

    YEAR = 1
    MONTH = 2
    DAY = 3
    SEASON = 4
    DECADE = 5
    CENTURY = 6

    def __str__(self) -> str:
        return self.name.lower()


#: Coarser first, for the timeline sort key.
_COARSE_FIRST: Final = {
    Precision.CENTURY: 0,
    Precision.DECADE: 1,
    Precision.YEAR: 2,
    Precision.SEASON: 3,
    Precision.MONTH: 4,
    Precision.DAY: 5,
}
#: A qualified (``~``, ``?``, ``%``) date is this many months wider on each side; a day, one day.
_UNIT_MONTHS: Final = {
    Precision.CENTURY: 1200,
    Precision.DECADE: 120,
    Precision.YEAR: 12,
    Precision.SEASON: 3,
    Precision.MONTH: 1,
}
#: EDTF level 1 seasons: name, first month, last month (13 and 14: January and February of the next year).
_SEASONS: Final = {21: ("spring", 3, 5), 22: ("summer", 6, 8), 23: ("autumn", 9, 11), 24: ("winter", 12, 14)}
#: Month names, for dates in words.
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: The years isscoop reads.
_MIN_YEAR: Final = 0
_MAX_YEAR: Final = 9999
_RANGE: Final = "isscoop reads the years 0000 to 9999"


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


_TIME_TEXT: Final = (
    r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|24:00:00)"
    r"(?:Z|[+-](?:(?:0[0-9]|1[0-3])(?::[0-5][0-9])?|14(?::00)?))?"
)
#: The shape of every single date :meth:`PartialDate.parse` reads; values are checked after.
_SHAPE: Final = re.compile(
    r"(?P<y>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    r"(?:-(?P<m>[0-9]{2}|XX)(?:-(?P<d>[0-9]{2}|XX)(?:T(?P<t>[^~?%]*))?)?)?"
    r"(?P<q>[~?%])?"
)
_TIME: Final = re.compile(_TIME_TEXT)

# JSON-Schema (ECMA-262) patterns, exactly the text PartialDate.parse and
# Period.parse read, surrounding whitespace aside; that a period's end is not
# before its start is checked by Period.parse alone.
_LEAP_YEAR: Final = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[048]|[2468][048]|[13579][26])00)"
_MONTH_DAY: Final = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_DAY: Final = f"(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_MONTH: Final = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
_SEASON: Final = r"(?!9999-24)[0-9]{4}-2[1-4]"
_UNSPECIFIED: Final = r"(?:[0-9]{3}X|[0-9]{2}XX|[0-9]{4}-XX(?:-XX)?|[0-9]{4}-(?:0[1-9]|1[0-2])-XX)"
_INTERVAL_END: Final = f"(?:{_DAY}|{_MONTH}|[0-9]{{4}}|{_SEASON})[~?%]?"
_ONE_DATE: Final = f"(?:(?:{_DAY}|{_MONTH}|[0-9]{{4}}|{_SEASON}|{_UNSPECIFIED})[~?%]?|{_DAY}T{_TIME_TEXT})"
#: A JSON-Schema pattern for the dates :meth:`PartialDate.parse` reads.
DATE_PATTERN: Final = f"^{_ONE_DATE}$"
#: A JSON-Schema pattern for the periods :meth:`Period.parse` reads (start not after end is checked apart).
PERIOD_PATTERN: Final = f"^(?:{_ONE_DATE}|(?:{_INTERVAL_END}|\\.\\.)?/(?:{_INTERVAL_END}|\\.\\.)?)$"

_LEVEL_2: Final = (
    (re.compile(r"[\[{]"), "sets of dates ([...] and {...})"),
    (re.compile(r"\^"), "qualified seasons (^)"),
    (re.compile(r"[0-9]S[0-9]"), "significant digits (S)"),
    (re.compile(r"[0-9]E[0-9]"), "exponential years (E)"),
    (re.compile(r"^[~?%]|[~?%][0-9X-]"), "qualifiers inside a date"),
    (re.compile(r"X"), "X here; level 1 has 201X, 20XX, 2004-XX, 1985-04-XX and 1985-XX-XX"),
)


def _shown(text: str) -> str:
    """``text`` for an error message: its repr, cut to the first 40 characters and the length if longer."""
    if len(text) <= 40:
        return repr(text)
    return f"{text[:40]!r}... ({len(text)} characters)"


def _refusal(text: str, s: str) -> DateParseError:
    """The error for ``s`` (``text`` stripped), which is not a single date of the shape isscoop reads."""
    why = "expected an EDTF date such as 2025, 2025-07, 2025-07-31, 2025-21 (spring) or 201X (the 2010s)"
    level_2 = next((what for pattern, what in _LEVEL_2 if pattern.search(s)), None)
    if "/" in s:
        why = "an EDTF interval, not one date (Period.parse reads intervals)"
    elif s.startswith(("-", "Y-")) and level_2 is None:
        why = f"EDTF negative years are not supported; {_RANGE}"
    elif re.fullmatch(r"Y[1-9][0-9]{4,}(?:S[0-9]+)?", s):
        why = f"EDTF years beyond 9999 (Y...) are not supported; {_RANGE}"
    elif level_2 is not None:
        why = f"EDTF level 2 ({level_2}) is not supported; isscoop reads levels 0 and 1"
    elif ".." in s:
        why = "'..' marks an open end, which only an interval has (Period.parse reads intervals)"
    elif s.startswith("Y"):
        why = "EDTF writes Y only before a year of five or more digits"
    elif re.match(r"[0-9]{5}", s):
        why = f"a year has four digits (EDTF writes longer years with Y); {_RANGE}"
    return DateParseError(f"{_shown(text)}: {why}")


def _time_refusal(text: str, t: str) -> DateParseError:
    if re.fullmatch(r"[0-9]{2}:[0-9]{2}(?:Z|[+-].*)?", t):
        why = "a time needs seconds (hh:mm:ss)"
    elif re.search(r"[0-9][.,][0-9]", t):
        why = "EDTF times have no fractional seconds"
    else:
        why = "expected a time hh:mm:ss, then Z, ±hh or ±hh:mm if the zone is given"
    return DateParseError(f"{_shown(text)}: {why}")


def _check_int(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DateParseError(f"{field}: expected an int, got {cut(value)} ({type(value).__name__})")
    if not low <= value <= high:
        raise DateParseError(f"{field}: expected {low}..{high}, got {cut(value)}")
    return value


@attrs.frozen(kw_only=True, order=False, repr=False)
class PartialDate:
    """A date known to the day, the month, the season, the year, the decade or the century, never padded.

    >>> d = PartialDate.parse("2025-07")
    >>> d.precision, str(d)
    (<Precision.MONTH: 2>, '2025-07')
    >>> d.earliest, d.latest
    (datetime.date(2025, 7, 1), datetime.date(2025, 7, 31))
    >>> PartialDate.parse("2030~").approximate
    True

    EDTF level 1 seasons and unspecified digits are spans of days too:

    >>> spring, tens = PartialDate.parse("2025-21"), PartialDate.parse("201X")
    >>> spring.precision, spring.earliest, spring.latest
    (<Precision.SEASON: 4>, datetime.date(2025, 3, 1), datetime.date(2025, 5, 31))
    >>> tens.precision, tens.year, tens.earliest, tens.latest
    (<Precision.DECADE: 5>, 2010, datetime.date(2010, 1, 1), datetime.date(2019, 12, 31))

    ``season`` is 21 (spring) to 24 (winter) in place of a month.
    ``unspecified_year_digits`` is how many last digits of the year are
    written ``X`` (1 or 2; ``year`` is then the first year of the span);
    ``unspecified_month`` and ``unspecified_day`` mark a month or day written
    ``XX``, which leaves the span that of the year or the month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    season: int | None = None
    unspecified_year_digits: int = 0
    unspecified_month: bool = False
    unspecified_day: bool = False

    def __attrs_post_init__(self) -> None:
        _check_int("year", self.year, _MIN_YEAR, _MAX_YEAR)
        if self.month is not None:
            _check_int("month", self.month, 1, 12)
        if self.day is not None:
            if self.month is None:
                raise DateParseError(f"day: a day needs a month, got day={cut(self.day)} and no month")
            _check_int("day", self.day, 1, _month_length(self.year, self.month))
        for flag in ("approximate", "uncertain"):
            if not isinstance(getattr(self, flag), bool):
                raise DateParseError(f"{flag}: expected a bool, got {cut(getattr(self, flag))}")
        if self.season is not None or self.unspecified_year_digits or self.unspecified_month or self.unspecified_day:
            self._check_level_1()

    def _check_level_1(self) -> None:
        for flag in ("unspecified_month", "unspecified_day"):
            if not isinstance(getattr(self, flag), bool):
                raise DateParseError(f"{flag}: expected a bool, got {cut(getattr(self, flag))}")
        digits = _check_int("unspecified_year_digits", self.unspecified_year_digits, 0, 2)
        has = {
            "month": self.month is not None,
            "day": self.day is not None,
            "unspecified_month": self.unspecified_month,
            "unspecified_day": self.unspecified_day,
        }
        if self.season is not None:
            _check_int("season", self.season, 21, 24)
            if digits or any(has.values()):
                raise DateParseError(f"season: a season stands alone after the year, got {self._fields()}")
            if self.season == 24 and self.year == _MAX_YEAR:
                raise DateParseError(f"season: winter {_MAX_YEAR} runs into the year {_MAX_YEAR + 1}; {_RANGE}")
        if digits:
            if any(has.values()):
                raise DateParseError(f"unspecified_year_digits: X year digits stand alone, got {self._fields()}")
            if self.year % 10**digits:
                raise DateParseError(
                    f"year: with {digits} unspecified digit(s) the year is the first of its span, "
                    f"a multiple of {10**digits}, got {self.year}"
                )
        if self.unspecified_month and self.month is not None:
            raise DateParseError(f"unspecified_month: an unspecified month has no month, got month={self.month}")
        if self.unspecified_day:
            if self.day is not None:
                raise DateParseError(f"unspecified_day: an unspecified day has no day, got day={self.day}")
            if self.month is None and not self.unspecified_month:
                raise DateParseError("unspecified_day: a day needs a month (or an unspecified month)")

    def _has_x(self) -> bool:
        """True when some digits are written X."""
        return bool(self.unspecified_year_digits or self.unspecified_month or self.unspecified_day)

    def _fields(self) -> str:
        """The fields given (not left at their defaults), for messages."""
        given = (a for a in attrs.fields(PartialDate) if getattr(self, a.name) != a.default)
        return ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in given)

    # -- construction ---------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read an EDTF level 0-1 date: ``2025``, ``2025-07``, ``2025-07-31``, ``2030~``, ``2025-21``, ``201X``.

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
        m = None if "/" in s else _SHAPE.fullmatch(s)
        if m is None:
            raise _refusal(text, s)
        y, mo, d, t, q = m["y"], m["m"], m["d"], m["t"], m["q"] or ""
        if t is not None:
            if "X" in y + mo + d:
                raise DateParseError(f"{_shown(text)}: a date with a time has all its digits")
            if not _TIME.fullmatch(t):
                raise _time_refusal(text, t)
            if q:
                raise DateParseError(f"{_shown(text)}: a qualifier ({q}) follows a date, not a date and time")
        digits = y.count("X")
        if digits and mo is not None:
            raise DateParseError(
                f"{_shown(text)}: EDTF level 2 (unspecified year digits with a month) is not supported; "
                "isscoop reads levels 0 and 1"
            )
        if mo == "XX" and d not in (None, "XX"):
            raise DateParseError(
                f"{_shown(text)}: EDTF level 2 (a day with an unspecified month) is not supported; "
                "isscoop reads levels 0 and 1"
            )
        month = season = None
        if mo is not None and mo != "XX":
            number = int(mo)
            if 21 <= number <= 41:
                if number > 24:
                    raise DateParseError(
                        f"{_shown(text)}: EDTF level 2 (seasons 25-41) is not supported; "
                        "isscoop reads levels 0 and 1 (seasons 21-24)"
                    )
                if d is not None:
                    raise DateParseError(f"{_shown(text)}: a season ({number}) has no day")
                season = number
            else:
                month = number
        try:
            return cls(
                year=int(y.replace("X", "0")),
                month=month,
                day=int(d) if d and d != "XX" else None,
                approximate=q in ("~", "%"),
                uncertain=q in ("?", "%"),
                season=season,
                unspecified_year_digits=digits,
                unspecified_month=mo == "XX",
                unspecified_day=d == "XX",
            )
        except DateParseError as e:
            raise DateParseError(f"{_shown(text)}: {e}") from None

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
        Text that looks like EDTF (an interval, ``..``, a leading ``-``, an
        ``X`` digit, a qualifier, a season, ``2025-07-31T10:00``) is read as
        EDTF or refused, never handed to dateutil.

        >>> PartialDate.from_text("July 2025")
        PartialDate('2025-07')
        >>> PartialDate.from_text("Thursday 31 July 2025")
        PartialDate('2025-07-31')
        >>> PartialDate.from_text("2004-06/2006-08")
        Traceback (most recent call last):
        ...
        isscoop.DateParseError: '2004-06/2006-08': an EDTF interval, not one date (Period.parse reads intervals)
        """
        if not isinstance(text, str):
            raise DateParseError(f"expected a date string, got {cut(text)} ({type(text).__name__})")
        check_date_text(text)
        try:
            return cls.parse(text)
        except DateParseError:
            if isinstance(text, str) and _looks_like_edtf(text):
                raise
        return _parse_human(text)

    # -- views ------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        """How much is known: :attr:`Precision.DAY` to :attr:`Precision.CENTURY`."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        if self.unspecified_year_digits:
            return Precision.DECADE if self.unspecified_year_digits == 1 else Precision.CENTURY
        return Precision.YEAR

    @property
    def earliest(self) -> _dt.date:
        """The first day this date could be (qualifiers ignored).

        ``datetime.date`` has no year 0: for a date that may begin in the
        year 0000 this raises :class:`~isscoop.DateParseError`, and
        :meth:`bounds` gives the day numbers.
        """
        return _to_date(self._span()[0], self)

    @property
    def latest(self) -> _dt.date:
        """The last day this date could be (qualifiers ignored)."""
        return _to_date(self._span()[1], self)

    @property
    def qualified(self) -> bool:
        """True when the date is approximate or uncertain."""
        return self.approximate or self.uncertain

    def _span(self) -> tuple[int, int]:
        return _bounds(self.year, self.month, self.day, self.season, self.unspecified_year_digits, False)

    def bounds(self) -> tuple[int, int]:
        """First and last possible day as ordinals (the year 0000 counts back from 0), one unit wider if qualified."""
        qualified = self.approximate or self.uncertain
        return _bounds(self.year, self.month, self.day, self.season, self.unspecified_year_digits, qualified)

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

    def in_words(self, *, short: bool = False) -> str:
        """The date as a reader says it, at its own precision and with no EDTF marks.

        ``~`` (approximate) is "about", ``?`` (uncertain) is "(uncertain)",
        ``%`` both; a season, a decade or a century is named.  ``short=True``
        abbreviates month names (for picture labels).  Exports and pictures
        show this to readers; the EDTF stays in the machine-readable fields.

        >>> [PartialDate.parse(t).in_words() for t in ("2025-07-31", "2025-07", "2030~", "2025-01-28?")]
        ['31 July 2025', 'July 2025', 'about 2030', '28 January 2025 (uncertain)']
        >>> [PartialDate.parse(t).in_words() for t in ("2025-24", "201X", "20XX", "1985-04-XX")]
        ['winter 2025-26', 'the 2010s', 'the years 2000 to 2099', 'April 1985']
        >>> PartialDate.parse("2025-07-31").in_words(short=True)
        '31 Jul 2025'
        """
        year = f"the year {self.year}" if self.year < 100 and not self.unspecified_year_digits else str(self.year)
        if self.unspecified_year_digits == 2:
            text = f"the years {self.year} to {self.year + 99}"
        elif self.unspecified_year_digits == 1:
            text = f"the {self.year}s"
        elif self.season is not None:
            name = _SEASONS[self.season][0]
            text = f"{name} {year}" if self.season != 24 else f"winter {year}-{(self.year + 1) % 100:02d}"
        elif self.month is not None:
            month = _MONTH_NAMES[self.month - 1]
            month = month[:3] if short else month
            text = f"{month} {year}" if self.day is None else f"{self.day} {month} {year}"
        else:
            text = year
        if self.approximate:
            text = f"about {text}"
        if self.uncertain:
            text += " (uncertain)"
        return text

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
        lo, hi = self._span()
        return (lo, _COARSE_FIRST[self.precision], hi)

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
        if self.unspecified_year_digits:
            s = s[: 4 - self.unspecified_year_digits] + "X" * self.unspecified_year_digits
        if self.month is not None:
            s += f"-{self.month:02d}"
        elif self.season is not None:
            s += f"-{self.season}"
        elif self.unspecified_month:
            s += "-XX"
        if self.day is not None:
            s += f"-{self.day:02d}"
        elif self.unspecified_day:
            s += "-XX"
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

    An open end is "still going" as of some day: ``ongoing_as_of``, the
    horizon of the data it comes from (the last day its facts were checked).
    It is then certainly going on up to that day and unknown after it.  A
    period read from a data file gets its file's horizon; one built in Python
    has none unless given, and is then taken as going on without end.
    ``ongoing_as_of`` is not written in the interval text and does not take
    part in ``==``.

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
    ongoing_as_of: datetime.date | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.ongoing_as_of is not None:
            if not isinstance(self.ongoing_as_of, _dt.date):
                value = self.ongoing_as_of
                raise DateParseError(
                    f"ongoing_as_of: expected a datetime.date or None, got {cut(value)} ({type(value).__name__})"
                )
            if isinstance(self.ongoing_as_of, _dt.datetime):
                object.__setattr__(self, "ongoing_as_of", self.ongoing_as_of.date())
            if not self.open_end:
                raise DateParseError(f"ongoing_as_of: only an open end (..) is ongoing, got {self}")
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
        """Read an EDTF interval such as ``2018-10-10/2025-07-31``, ``2001-21/2002-24`` or ``2025-07-09/..``.

        A single date is a period of that date alone, written back as an
        interval from it to itself (``2025`` as ``2025/2025``), except a date
        with ``X`` digits, written alone: in an interval, ``X`` is EDTF level 2.
        An interval's ends are dates without a time of day, as in EDTF.
        """
        if not isinstance(text, str):
            raise DateParseError(f"expected an EDTF interval string, got {cut(text)} ({type(text).__name__})")
        check_date_text(text)
        if "/" not in text:
            d = PartialDate.parse(text)
            return cls(start=d, end=d)
        if text.count("/") != 1:
            raise DateParseError(f"{_shown(text)}: expected START/END with one '/'")
        a, b = (part.strip() for part in text.split("/"))
        try:
            return cls(
                start=_interval_end(a),
                end=_interval_end(b),
                open_start=a == "..",
                open_end=b == "..",
            )
        except DateParseError as e:
            msg = str(e)
            raise DateParseError(msg if msg.startswith(_shown(text)) else f"{_shown(text)}: {msg}") from None

    @classmethod
    def between(cls, start: DateLike | None, end: DateLike | None) -> Period:
        """A period from two date-likes; ``None`` means unknown."""
        return cls(
            start=None if start is None else to_partial_date(start),
            end=None if end is None else to_partial_date(end),
        )

    def __str__(self) -> str:
        if self.start is not None and self.start == self.end and self.start._has_x():
            return str(self.start)  # one date with X digits: X in an interval end is EDTF level 2
        a = ".." if self.open_start else (str(self.start) if self.start else "")
        b = ".." if self.open_end else (str(self.end) if self.end else "")
        return f"{a}/{b}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def in_words(self, *, ongoing: str = "still going", short: bool = False) -> str:
        """The period as a reader says it, with no EDTF marks (see :meth:`PartialDate.in_words`).

        An open end (``..``) is ``ongoing``, an unknown end (an empty end)
        is "end unknown", and an unknown start "start unknown".

        >>> [Period.parse(t).in_words() for t in ("2021-05-03/2025-01-20", "2012/..", "1992-02-25/")]
        ['from 3 May 2021 to 20 January 2025', 'from 2012, still going', 'from 25 February 1992, end unknown']
        >>> Period.parse("/2019-03").in_words()
        'start unknown, until March 2019'
        >>> Period.parse("2025-01-28?/..").in_words(ongoing="still in office")
        'from 28 January 2025 (uncertain), still in office'
        >>> Period.parse("2025-07-31").in_words()
        '31 July 2025'
        """
        a = self.start.in_words(short=short) if self.start is not None else None
        b = self.end.in_words(short=short) if self.end is not None else None
        if a is not None and self.start == self.end:
            return a
        if a is not None:
            head = f"from {a}"
        elif self.open_start:
            head = ""
        else:
            head = "start unknown"
        if b is not None:
            tail = f"to {b}" if a is not None else f"until {b}"
        elif self.open_end:
            tail = ongoing
        else:
            tail = "end unknown"
        if not head:
            return tail if b is not None else f"no set start, {tail}"
        if a is None and b is None and not self.open_end:
            return "dates unknown"
        return f"{head} {tail}" if b is not None and a is not None else f"{head}, {tail}"

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
            if self.ongoing_as_of is not None:  # going on up to the horizon, unknown after it
                horizon = self.ongoing_as_of.toordinal()
                e_lo = max(horizon, s_lo)
                s_hi = min(s_hi, max(horizon, s_lo))
        elif self.end is not None:
            e_lo, e_hi = self.end.bounds()
        else:
            e_lo, e_hi = s_lo, POS_INF
        if self.start is None and not self.open_start and self.end is not None:
            s_hi = e_hi
        return s_lo, s_hi, e_lo, e_hi

    def ongoing(self, as_of: datetime.date | None) -> Period:
        """This period with an open end going on as of ``as_of`` (itself if nothing changes).

        >>> import datetime
        >>> p = Period.parse("2025-02-06/..").ongoing(datetime.date(2026, 3, 10))
        >>> p.covers("2026-01"), p.covers("2027").value
        (Answer(YES, '2025-02-06/.. covers 2026-01'), Tri.UNKNOWN)
        """
        if not self.open_end or self.ongoing_as_of == as_of:
            return self
        return _ongoing(self, as_of)

    def covers(self, day: SpanLike, *, throughout: bool = False) -> Answer:
        """Was the period going on at some time within ``day`` (or, ``throughout=True``, all through it)?

        ``day`` may itself be partial: ``"2025"`` asks about any time in 2025;
        it may be an interval too (see :data:`~isscoop.SpanLike`).

        >>> Period.parse("2021-05-03/2025-01-20").covers("2025-07-31")
        Answer(NO, 'ended 2025-01-20, before 2025-07-31')
        >>> Period.parse("2021-05-03/2025-01-20").covers("2025", throughout=True)
        Answer(NO, 'ended 2025-01-20, before 2025 ends')
        """
        return window_answer(self.bounds(), *day_window(day), self, throughout=throughout)

    def overlaps(self, start: SpanLike | None, end: SpanLike | None) -> Answer:
        """Did the period overlap the span from ``start`` to ``end``? ``None`` is unbounded."""
        return window_answer(self.bounds(), *span_window(start, end), self)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, str | _dt.date | PartialDate | Period):
            return False
        answer = self.covers(day)
        if answer.unknown:
            raise Undecidable(f"cannot tell whether {day} is in {self}: {answer.reason}")
        return answer.yes


def in_words(value: object, *, ongoing: str = "still going", short: bool = False) -> str:
    """``value`` as a reader says it: a :class:`PartialDate` or :class:`Period` in words, anything else as ``str()``.

    >>> in_words(PartialDate.parse("2030~")), in_words(None), in_words("Houston")
    ('about 2030', '', 'Houston')
    """
    if isinstance(value, PartialDate):
        return value.in_words(short=short)
    if isinstance(value, Period):
        return value.in_words(ongoing=ongoing, short=short)
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=4096)
def _ongoing(period: Period, as_of: _dt.date | None) -> Period:
    return attrs.evolve(period, ongoing_as_of=as_of)


def ongoing_reason(as_of: _dt.date | None, what: object = None) -> str | None:
    """The reason for an open end (of ``what``) that is unknown past the horizon ``as_of``."""
    if as_of is None:
        return None
    text = f"ongoing on {as_of.isoformat()}, the horizon of the data (the last day its facts were checked); "
    text += "unknown after it"
    return text if what is None else f"{what}: {text}"


def _interval_end(part: str) -> PartialDate | None:
    """One end of an EDTF interval: ``None`` for ``..`` (open) or an empty end (unknown)."""
    if part in ("", ".."):
        return None
    d = PartialDate.parse(part)
    if "T" in part:
        raise DateParseError(f"{_shown(part)}: an interval end is a date; EDTF intervals have no time of day")
    if d._has_x():
        raise DateParseError(
            f"{_shown(part)}: EDTF level 2 (unspecified digits in an interval) is not supported; "
            "isscoop reads levels 0 and 1"
        )
    return d


@attrs.frozen(kw_only=True)
class Described:
    """Something with a start and an end, and words for it, for reason texts."""

    text: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    ongoing_as_of: _dt.date | None = None

    def __str__(self) -> str:
        return self.text


def span_window(start: SpanLike | None, end: SpanLike | None) -> tuple[int, int, str]:
    """The ``(first, last, label)`` of a span of date arguments; ``None`` is unbounded.

    The span runs from the first possible day of ``start`` to the last
    possible day of ``end``; either may be an interval, whose start or end
    is then the one that counts.
    """
    lo, a = (NEG_INF, "") if start is None else _side(start, 0, "start")
    hi, b = (POS_INF, "") if end is None else _side(end, 1, "end")
    label = f"{a}/{b}"
    if lo > hi:
        raise DateParseError(f"end: expected a date on or after the start, got {label}")
    return lo, hi, label


def _side(value: SpanLike, which: int, field: str) -> tuple[int, str]:
    """The first (``which=0``) or last (``1``) possible day of a span argument, and its text."""
    lo, hi, label = to_window(value, field=field)
    if "/" not in label:
        return (lo, hi)[which], label
    part = label.split("/")[which]
    return (lo, hi)[which], part


def window_answer(
    bounds: tuple[int, int, int, int], w_lo: int, w_hi: int, label: str, what: object, *, throughout: bool = False
) -> Answer:
    """Was something with these ``bounds`` going on at some time within ``[w_lo, w_hi]``?

    With ``throughout``, was it going on all through it?  ``what`` is the
    thing asked about; its ``str`` and its ``start``/``end`` go into the reason.
    """
    if throughout:
        return _throughout_answer(bounds, w_lo, w_hi, label, what)
    s_lo, s_hi, e_lo, e_hi = bounds
    if s_hi <= w_hi and e_lo >= w_lo:
        return Answer(value=Tri.YES, reason=f"{what} covers {label}")
    if s_lo > w_hi:
        return Answer(value=Tri.NO, reason=f"starts {_ord_text(what, 'start', s_lo)}, after {label}")
    if e_hi < w_lo:
        return Answer(value=Tri.NO, reason=f"ended {_ord_text(what, 'end', e_hi)}, before {label}")
    # Undecided: say which end is too coarse.
    return Answer(value=Tri.UNKNOWN, reason=_fuzzy_reason(what, "start" if s_hi > w_hi else "end"))


def _throughout_answer(bounds: tuple[int, int, int, int], w_lo: int, w_hi: int, label: str, what: object) -> Answer:
    """Was something with these ``bounds`` going on on every day of ``[w_lo, w_hi]``?"""
    s_lo, s_hi, e_lo, e_hi = bounds
    if s_hi <= w_lo and e_lo >= w_hi:
        return Answer(value=Tri.YES, reason=f"{what} covers all of {label}")
    if s_lo > w_lo:
        return Answer(value=Tri.NO, reason=f"starts {_ord_text(what, 'start', s_lo)}, after {label} begins")
    if e_hi < w_hi:
        return Answer(value=Tri.NO, reason=f"ended {_ord_text(what, 'end', e_hi)}, before {label} ends")
    return Answer(value=Tri.UNKNOWN, reason=_fuzzy_reason(what, "start" if s_hi > w_lo else "end"))


def day_window(day: SpanLike) -> tuple[int, int, str]:
    """The ``(first, last, label)`` of a date argument, as day ordinals (see :func:`to_window`)."""
    return to_window(day)


def to_window(value: SpanLike, *, field: str = "day") -> tuple[int, int, str]:
    """The ``(first, last, label)`` of an ``on=`` argument: one date or an EDTF interval (:data:`SpanLike`).

    ``..`` is unbounded (far past any day); an empty interval end is refused,
    as is anything :func:`to_partial_date` refuses.
    """
    if isinstance(value, str):
        try:
            return _text_window(value)
        except DateParseError as e:
            raise DateParseError(f"{field}: {e}") from None
    if isinstance(value, Period):
        try:
            return _period_window(value)
        except DateParseError as e:
            raise DateParseError(f"{field}: {e}") from None
    d = to_partial_date(value, field=field)
    lo, hi = d.bounds()
    return lo, hi, str(d)


def day_bounds(day: SpanLike) -> tuple[int, int]:
    """The first and last day ordinals of a date argument: ``day_window(day)[:2]``.

    An ISO day string (``"2025-07-31"``), a ``datetime.date``, a
    ``datetime.datetime`` and a :class:`PartialDate` take a fast path that
    parses nothing, so that a day never asked before costs little; anything
    else (and any text the fast path does not read) goes through
    :func:`day_window`, with its checks and errors.
    """
    if type(day) is str:
        if len(day) == 10 and day[4] == "-" and day[7] == "-":
            try:
                ordinal = _dt.date.fromisoformat(day).toordinal()
            except ValueError:
                pass
            else:
                return ordinal, ordinal
    elif isinstance(day, _dt.date):  # a datetime (or pandas Timestamp) is a date too: its day counts
        ordinal = day.toordinal()
        return ordinal, ordinal
    elif isinstance(day, PartialDate):
        return day.bounds()
    lo, hi, _ = day_window(day)
    return lo, hi


@functools.lru_cache(maxsize=4096)
def _text_window(text: str) -> tuple[int, int, str]:
    """:func:`to_window` of a string, remembered: query arguments repeat."""
    if "/" in text:
        return _period_window(Period.parse(text.strip()))
    d = _from_text(text)
    lo, hi = d.bounds()
    return lo, hi, str(d)


def _period_window(p: Period) -> tuple[int, int, str]:
    if p.start is None and not p.open_start:
        raise DateParseError(
            f"{_shown(str(p))}: the start is left empty, which means unknown; "
            "a question needs a date or '..' (unbounded) at each end"
        )
    if p.end is None and not p.open_end:
        raise DateParseError(
            f"{_shown(str(p))}: the end is left empty, which means unknown; "
            "a question needs a date or '..' (unbounded) at each end"
        )
    lo = NEG_INF if p.start is None else p.start.bounds()[0]
    hi = POS_INF if p.end is None else p.end.bounds()[1]
    if p.start is not None and p.start == p.end:
        return lo, hi, str(p.start)
    return lo, hi, str(p)


def _ord_text(what: object, side: str, ordinal: int) -> str:
    d = getattr(what, side, None)
    if isinstance(d, PartialDate):
        return str(d)
    return _ordinal_text(ordinal)


def _fuzzy_reason(what: object, side: str) -> str:
    if side == "end":
        horizon = ongoing_reason(getattr(what, "ongoing_as_of", None), what)
        if horizon is not None:
            return horizon
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


#: Text that is EDTF in form: from_text reads it as EDTF or refuses it, never hands it to dateutil.
_EDTF_LOOK: Final = re.compile(
    r"/|\.\.|^\s*(?:-|Y-?[0-9])|[~?%]|[0-9-]X|X[0-9-]|^\s*XX"
    r"|^\s*[0-9]{4}-[0-9X]{1,2}(?:-[0-9X]{1,2})?(?:T.*)?\s*$"
)


def _looks_like_edtf(text: str) -> bool:
    return _EDTF_LOOK.search(text) is not None


#: Days in 400 Gregorian years: a date in the year 0 is numbered as the same date 400 years on, less this.
_DAYS_IN_400_YEARS: Final = 146_097


def _ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian day number of ``date.toordinal()``, carried back to the year 0."""
    if year >= 1:
        return _dt.date(year, month, day).toordinal()
    return _dt.date(year + 400, month, day).toordinal() - _DAYS_IN_400_YEARS


_FIRST_ORDINAL: Final = _ordinal(_MIN_YEAR, 1, 1)
_LAST_ORDINAL: Final = _ordinal(_MAX_YEAR, 12, 31)
_LAST_MONTH: Final = _MAX_YEAR * 12 + 11


def _ordinal_text(ordinal: int) -> str:
    """``YYYY-MM-DD`` for a day number, the year 0 included."""
    if ordinal >= 1:
        return _dt.date.fromordinal(ordinal).isoformat()
    d = _dt.date.fromordinal(ordinal + _DAYS_IN_400_YEARS)
    return f"{d.year - 400:04d}-{d.month:02d}-{d.day:02d}"


def _to_date(ordinal: int, d: PartialDate) -> _dt.date:
    if ordinal < 1:
        raise DateParseError(
            f"{d}: datetime.date has no year 0 (the day is {_ordinal_text(ordinal)}); bounds() gives day numbers"
        )
    return _dt.date.fromordinal(ordinal)


@functools.lru_cache(maxsize=65536)
def _bounds(
    year: int, month: int | None, day: int | None, season: int | None, x_digits: int, qualified: bool
) -> tuple[int, int]:
    """Ordinals of the first and last possible day of a partial date (cached: dates repeat).

    A qualified date is one unit wider on each side -- a day, a month, a
    season, a year, a decade or a century -- within the years 0000 to 9999.
    """
    if day is not None:
        assert month is not None
        lo = hi = _ordinal(year, month, day)
        if qualified:
            lo, hi = max(lo - 1, _FIRST_ORDINAL), min(hi + 1, _LAST_ORDINAL)
        return lo, hi
    if month is not None:
        first, last, unit = year * 12 + month - 1, year * 12 + month - 1, Precision.MONTH
    elif season is not None:
        _, a, b = _SEASONS[season]
        first, last, unit = year * 12 + a - 1, year * 12 + b - 1, Precision.SEASON
    else:
        span = 10**x_digits
        first, last = year * 12, (year + span - 1) * 12 + 11
        unit = (Precision.YEAR, Precision.DECADE, Precision.CENTURY)[x_digits]
    if qualified:
        first, last = max(first - _UNIT_MONTHS[unit], 0), min(last + _UNIT_MONTHS[unit], _LAST_MONTH)
    return _month_first(first), _month_last(last)


def _month_first(index: int) -> int:
    """The ordinal of the first day of month number ``index`` (``year * 12 + month - 1``)."""
    year, m = divmod(index, 12)
    return _ordinal(year, m + 1, 1)


def _month_last(index: int) -> int:
    year, m = divmod(index, 12)
    return _ordinal(year, m + 1, _month_length(year, m + 1))


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


present_as_isscoop(globals())
