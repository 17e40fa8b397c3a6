"""Hypothesis strategies for isscoop's dates and periods, and independent reference bounds.

The reference functions here (:func:`ref_span`, :func:`ref_period_bounds`)
recompute what the package computes, from the documented rules only and with
plain ``datetime``/``calendar`` arithmetic, so that property tests compare the
package against a second implementation rather than against itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Final

from hypothesis import strategies as st

from isscoop import PartialDate, Period

#: Stand-ins for "before every day" and "after every day" (ordinals).
MINUS_INF: Final = -(10**12)
PLUS_INF: Final = 10**12


@st.composite
def partial_dates(
    draw: st.DrawFn,
    *,
    min_year: int = 1,
    max_year: int = 9999,
    qualifiers: bool = True,
) -> PartialDate:
    """Any valid :class:`PartialDate`: year, optional month, optional day valid for the month, flags."""
    precision = draw(st.sampled_from(("year", "month", "day")))
    approximate = draw(st.booleans()) if qualifiers else False
    uncertain = draw(st.booleans()) if qualifiers else False
    year = draw(st.integers(min_value=min_year, max_value=max_year))
    month = None if precision == "year" else draw(st.integers(min_value=1, max_value=12))
    day = None
    if precision == "day":
        assert month is not None
        day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    return PartialDate(year=year, month=month, day=day, approximate=approximate, uncertain=uncertain)


def day_dates(*, min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[PartialDate]:
    """Exact, unqualified days."""
    return st.dates(min_value=dt.date(min_year, 1, 1), max_value=dt.date(max_year, 12, 31)).map(PartialDate.from_date)


@st.composite
def periods(draw: st.DrawFn, *, min_year: int = 1, max_year: int = 9999, qualifiers: bool = True) -> Period:
    """Any valid :class:`Period`: each end a partial date, unknown (``None``) or open, start <= end."""
    dates = partial_dates(min_year=min_year, max_year=max_year, qualifiers=qualifiers)
    start_kind = draw(st.sampled_from(("date", "unknown", "open")))
    end_kind = draw(st.sampled_from(("date", "unknown", "open")))
    start = draw(dates) if start_kind == "date" else None
    end = draw(dates) if end_kind == "date" else None
    if start is not None and end is not None:
        s_lo, _ = ref_span(start)
        _, e_hi = ref_span(end)
        if s_lo > e_hi:  # drawn the wrong way round: the other order is valid
            start, end = end, start
    return Period(start=start, end=end, open_start=start_kind == "open", open_end=end_kind == "open")


# -- independent reference arithmetic ------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def ref_span(d: PartialDate) -> tuple[int, int]:
    """First and last possible day of ``d`` as ordinals, one unit wider on each side if qualified.

    Written from the rule in ``isscoop/_dates.py``: "an approximate (~) or
    uncertain (?) date counts as one unit wider on each side", clamped to the
    calendar (years 0..9999).
    """
    if d.day is not None:
        assert d.month is not None
        first = last = dt.date(d.year, d.month, d.day)
        if d.approximate or d.uncertain:
            if first > dt.date.min:
                first -= dt.timedelta(days=1)
            if last < dt.date.max:
                last += dt.timedelta(days=1)
    elif d.month is not None:
        first, last = dt.date(d.year, d.month, 1), _month_end(d.year, d.month)
        if d.approximate or d.uncertain:
            py, pm = _shift_month(d.year, d.month, -1)
            ny, nm = _shift_month(d.year, d.month, 1)
            first = dt.date(py, pm, 1) if py >= 1 else dt.date.min
            last = _month_end(ny, nm) if ny <= 9999 else dt.date.max
    else:
        first, last = dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
        if d.approximate or d.uncertain:
            first = dt.date(max(1, d.year - 1), 1, 1)
            last = dt.date(min(9999, d.year + 1), 12, 31)
    # The year 0000 (a leap year) is the 366 days before 0001-01-01; widening from 0001-01-01 reaches into it.
    into_0000 = (d.approximate or d.uncertain) and (d.year, d.month or 1, d.day or 1) == (1, 1, 1)
    return first.toordinal() - ((1 if d.day else 31 if d.month else 366) if into_0000 else 0), last.toordinal()


def ref_period_bounds(p: Period) -> tuple[int, int, int, int]:
    """``(earliest start, latest start, earliest end, latest end)`` of ``p`` as ordinals.

    * an open start is before every day, an open end after every day;
    * an unknown start may be any day up to the (latest) end;
    * an unknown end may be any day from the (earliest) start on.
    """
    if p.open_start:
        s_first, s_last = MINUS_INF, MINUS_INF
    elif p.start is not None:
        s_first, s_last = ref_span(p.start)
    else:
        s_first = MINUS_INF
        s_last = ref_span(p.end)[1] if p.end is not None else PLUS_INF
    if p.open_end:
        e_first, e_last = PLUS_INF, PLUS_INF
    elif p.end is not None:
        e_first, e_last = ref_span(p.end)
    else:
        e_first, e_last = s_first, PLUS_INF
    return s_first, s_last, e_first, e_last
