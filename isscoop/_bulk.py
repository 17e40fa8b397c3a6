"""Column questions: many (agency, day) or (agreement, day) rows answered in one call.

:meth:`OfficialQuery.heads_each`, :meth:`AgreementQuery.in_force_each` and
:meth:`AgreementQuery.participants_each` take two columns -- sequences,
pandas Series or NumPy arrays, or one of them a single value for every row
-- and answer every row at once.  Each row's answer is kept three-valued: the
certain answer, or :attr:`Tri.UNKNOWN <isscoop.Tri.UNKNOWN>` with the reason
the dates cannot decide it.  The answers come back as a :class:`Column`,
aligned with the rows (and with a Series' index).

Each distinct name and each distinct day is read once per call, and a row
then costs a binary search; with a pandas Series or a NumPy array (so NumPy
is there already), the rows are looked up with NumPy, a column at a time.
A column has at most :data:`~isscoop._args.MAX_ROWS` rows, and each distinct
value goes through the same checks as the one-row questions' arguments.
"""

from __future__ import annotations

import datetime as _dt
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, overload

from ._args import check_flag, check_opt_text, check_rows, check_text, got
from ._dates import NEG_INF, POS_INF, PartialDate, Period, Tri, day_bounds, day_window, window_answer
from ._errors import InvalidArgument, InvalidRecord
from ._model import ENDING_STATUSES, Agency, Agreement, AgreementStatus, Official, Record
from ._public import present_as_isscoop

if TYPE_CHECKING:
    import pandas

__all__ = ["Column"]

V = TypeVar("V")

#: ``datetime.date(1970, 1, 1).toordinal()``: NumPy counts days from 1970, isscoop from the year 1.
_EPOCH: Final = 719_163
#: Steps after which a party has left (or never joined) an agreement.
_LEFT: Final = ENDING_STATUSES | {AgreementStatus.DECLINED}


class Column(Generic[V]):
    """Answers aligned with the rows asked about: each row's certain answer, or ``Tri.UNKNOWN``.

    ``values[i]`` is the answer for row ``i`` -- or :attr:`Tri.UNKNOWN
    <isscoop.Tri.UNKNOWN>` when the dates cannot decide it -- and
    ``reasons[i]`` says why it is unknown (``""`` for a certain answer).
    Iterating gives the values.  :meth:`to_series` gives a pandas Series with
    the index of the Series the rows came from.

    >>> import isscoop
    >>> heads = isscoop.officials.heads_each(of=["NASA", "Roscosmos"], on="2025-07-31")
    >>> [[o.name for o in row] for row in heads]
    [['Sean Duffy'], ['Dmitry Bakanov']]
    >>> heads.labels()
    ['Sean Duffy', 'Dmitry Bakanov']
    """

    __slots__ = ("_index", "_reasons", "_values")

    def __init__(self, values: Sequence[V | Tri], reasons: Sequence[str], index: Any = None) -> None:
        if len(values) != len(reasons):
            raise InvalidRecord(f"reasons: expected one per value ({len(values)}), got {len(reasons)}")
        self._values = tuple(values)
        self._reasons = tuple(reasons)
        self._index = index

    @property
    def values(self) -> tuple[V | Tri, ...]:
        """The answer of each row: the certain answer, or ``Tri.UNKNOWN``."""
        return self._values

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why each row's answer is ``Tri.UNKNOWN``; ``""`` where it is certain."""
        return self._reasons

    @property
    def known(self) -> tuple[bool, ...]:
        """Whether each row's answer is certain."""
        unknown = Tri.UNKNOWN
        return tuple(v is not unknown for v in self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[V | Tri]:
        return iter(self._values)

    @overload
    def __getitem__(self, i: int) -> V | Tri: ...
    @overload
    def __getitem__(self, i: slice) -> Column[V]: ...
    def __getitem__(self, i: int | slice) -> V | Tri | Column[V]:
        if isinstance(i, slice):
            return Column(self._values[i], self._reasons[i], None if self._index is None else self._index[i])
        return self._values[i]

    def __repr__(self) -> str:
        unknown = sum(1 for v in self._values if v is Tri.UNKNOWN)
        return f"<Column: {len(self)} rows, {unknown} UNKNOWN>"

    def labels(self, *, sep: str = "; ") -> list[str | None]:
        """Each row as text: records by their labels (``sep`` between several), ``None`` where UNKNOWN.

        A row whose certain answer is "nobody" is ``""``; a yes/no answer is ``"YES"`` or ``"NO"``.
        """
        check_text(sep, "sep")
        return [_label(v, sep) for v in self._values]

    def to_series(self, *, labels: bool = False, name: str | None = None) -> pandas.Series[Any]:
        """The answers as a pandas Series, on the index of the Series the rows came from (pandas extra).

        With ``labels=True``, the values are :meth:`labels`, UNKNOWN rows
        missing (``<NA>``); otherwise they are the answers themselves.
        """
        check_flag(labels, "labels")
        check_opt_text(name, "name")
        from ._export import require

        pd: Any = require("pandas", "pandas", "Column.to_series()")
        if labels:
            return pd.Series(self.labels(), index=self._index, name=name, dtype="string")  # type: ignore[no-any-return]
        return pd.Series(list(self._values), index=self._index, name=name, dtype=object)  # type: ignore[no-any-return]


def _label(value: object, sep: str) -> str | None:
    if value is Tri.UNKNOWN:
        return None
    if isinstance(value, Tri):
        return value.name
    if isinstance(value, tuple):
        return sep.join(x.label for x in value)
    return str(getattr(value, "label", value))


# -- reading the columns ----------------------------------------------------------------------

#: The day of a row that gives none.
_NO_DAY: Final = -(2**62)


def _is_missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA: no value in that row."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NaTType", "NAType")


def _array_like(value: object) -> bool:
    """A pandas Series or Index, or a NumPy array."""
    module = type(value).__module__
    return module.startswith(("pandas", "numpy")) and hasattr(value, "dtype") and hasattr(value, "__len__")


def _is_column(value: object) -> bool:
    if isinstance(value, str | bytes | Record | PartialDate | Period | _dt.date):
        return False
    return _array_like(value) or isinstance(value, Sequence)


class _Rows:
    """Two columns of a question, lined up: codes of the distinct keys (names or records), and days.

    With ``numpy`` (a column was a Series or an array), the codes and days
    are NumPy arrays; otherwise lists.  A missing key has code -1, a missing
    day :data:`_NO_DAY`.
    """

    def __init__(self, keys: object, days: object, what: str) -> None:
        n = None
        index = None
        for col, name in ((keys, what), (days, "on")):
            if _is_column(col):
                length = check_rows(col, name)
                if _array_like(col) and getattr(col, "ndim", 1) != 1:
                    raise InvalidArgument(f"{name}: expected a column of one dimension, got {got(col)}")
                if n is not None and length != n:
                    raise InvalidRecord(f"{what} and on: expected columns of the same length, got {n} and {length}")
                n = length
                if index is None and _array_like(col) and hasattr(col, "index"):
                    index = col.index
        self.n = 1 if n is None else n
        self.index = index
        self.numpy = _array_like(keys) or _array_like(days)
        self.codes, self.keys = self._factorize(keys, what)
        self.day_codes: Any = None
        self.days: list[Any] = []
        self.lo, self.hi = self._days(days)

    def _factorize(self, col: object, what: str) -> tuple[Any, list[Any]]:
        """Codes per row (-1: missing) and the distinct values."""
        if not _is_column(col):
            codes: Any = [-1 if _is_missing(col) else 0] * self.n
            return self._array(codes), [col]
        if _array_like(col) and "pandas" in sys.modules:
            import pandas as pd

            try:
                found, uniques = pd.factorize(col)  # type: ignore[call-overload]
            except (TypeError, ValueError) as e:  # unhashable values, say
                raise InvalidArgument(f"{what}: expected a column of plain values, got {got(col)}: {e}") from None
            return found, list(uniques)
        codes_of: dict[Any, int] = {}
        uniques = []
        codes = []
        try:
            for value in col:  # type: ignore[attr-defined]
                if _is_missing(value):
                    codes.append(-1)
                    continue
                code = codes_of.get(value)
                if code is None:
                    code = codes_of[value] = len(uniques)
                    uniques.append(value)
                codes.append(code)
        except TypeError:  # an unhashable value
            raise InvalidArgument(f"{what}: expected a column of plain values, got {got(col)}") from None
        return self._array(codes), uniques

    def _array(self, values: list[int]) -> Any:
        if not self.numpy:
            return values
        import numpy as np

        return np.asarray(values, dtype=np.int64)

    def _days(self, col: object) -> tuple[Any, Any]:
        """The first and last day ordinal of each row's day (:data:`_NO_DAY` where missing)."""
        dtype = getattr(col, "dtype", None)
        if _is_column(col) and dtype is not None and getattr(dtype, "kind", "") == "M":  # datetime64: days already
            import numpy as np

            raw = np.asarray(col).astype("datetime64[D]")
            days = np.where(np.isnat(raw), _NO_DAY, raw.astype(np.int64) + _EPOCH)
            return days, days
        codes, uniques = self._factorize(col, "on")
        self.day_codes, self.days = codes, uniques
        bounds = [day_bounds(u) for u in uniques]
        los = [b[0] for b in bounds] + [_NO_DAY]  # code -1 picks the last
        his = [b[1] for b in bounds] + [_NO_DAY]
        if self.numpy:
            import numpy as np

            return np.asarray(los, dtype=np.int64)[codes], np.asarray(his, dtype=np.int64)[codes]
        return [los[c] for c in codes], [his[c] for c in codes]

    def label(self, i: int) -> str:
        """Row ``i``'s day as the one-row questions name it in their reasons."""
        if self.day_codes is None:  # a datetime64 column: one day
            return _dt.date.fromordinal(int(self.lo[i])).isoformat()
        return day_window(self.days[int(self.day_codes[i])])[2]


# -- heads ------------------------------------------------------------------------------------


def heads_each(
    of: object, on: object, agency_id: Callable[[object], str], table: Any, items: Sequence[Any], members: Any
) -> Column[tuple[Official, ...]]:
    """The answers of :meth:`isscoop.OfficialQuery.heads_each` (see there)."""
    rows = _Rows(of, on, "of")
    # distinct names to distinct agencies: several names (and cases) may name one
    agency_of: dict[str, int] = {}
    times: list[Any] = []
    remap = []
    for key in rows.keys:
        agency = agency_id(key)
        code = agency_of.get(agency)
        if code is None:
            code = agency_of[agency] = len(times)
            times.append(table.get(agency))
        remap.append(code)
    remap.append(-1)  # a missing name (code -1) stays missing
    if rows.numpy:
        import numpy as np

        codes: Any = np.asarray(remap, dtype=np.int64)[rows.codes]
    else:
        codes = [remap[c] for c in rows.codes]
    answers = [None if t is None else _segment_answers(t, items, members) for t in times]
    if rows.numpy and rows.n > 64:
        values, reasons, todo = _heads_numpy(codes, rows, times, answers)
    else:
        values, reasons, todo = [None] * rows.n, [""] * rows.n, range(rows.n)
    los, his = rows.lo, rows.hi
    for i in todo:
        code, lo, hi = int(codes[i]), int(los[i]), int(his[i])
        if code < 0 or lo == _NO_DAY:
            values[i] = Tri.UNKNOWN
            reasons[i] = "no agency given" if code < 0 else "no day given"
            continue
        t = times[code]
        if t is None:
            values[i] = ()  # no head tenure at that agency is recorded
        elif lo == hi:
            seg = bisect_right(t.breaks, lo) - 1
            found = answers[code]
            assert found is not None
            values[i], reasons[i] = found[0][seg], found[1][seg]
        else:
            values[i], reasons[i] = _window_heads(t, lo, hi, items, members)
    return Column(values, reasons, rows.index)


def _segment_answers(times: Any, items: Sequence[Any], members: Any) -> tuple[list[Any], list[str]]:
    """Per segment of one agency's time line: the certain heads (or UNKNOWN), and why unknown."""
    if members is None and times.answers is not None:
        return times.answers  # type: ignore[no-any-return]
    values: list[Any] = []
    reasons: list[str] = []
    for day, yes, unsure in zip(times.breaks, times.certain, times.undecided, strict=True):
        held = tuple(items[p] for p in yes if members is None or p in members)
        undecided = [(items[p], h) for p, h in unsure if members is None or p in members]
        if not held and undecided:
            values.append(Tri.UNKNOWN)
            reasons.append(_unsure(undecided, day, day))
        else:
            values.append(held)
            reasons.append("")
    if members is None:
        times.answers = values, reasons
    return values, reasons


def _unsure(tenures: Sequence[tuple[Official, Any]], lo: int, hi: int) -> str:
    """Why the dates cannot tell whether these (holder, held tenure) pairs covered the days ``lo`` to ``hi``.

    ``held`` is a tenure of the heads index, its bounds narrowed by succession.
    """
    return "; ".join(
        f"{o.name} ({h.tenure.post}, {h.tenure.agency.label}): {window_answer(h.bounds, lo, hi, '', h.tenure).reason}"
        for o, h in tenures
    )


def _window_heads(times: Any, lo: int, hi: int, items: Sequence[Any], members: Any) -> tuple[Any, str]:
    """A row asked about a span of days (a month, a year): the rule of :meth:`OfficialQuery.heads`."""
    held = tuple(items[p] for p in times.holders(lo, hi, "certain") if members is None or p in members)
    if held:
        return held, ""
    maybe = {p for p in times.holders(lo, hi, "possible") if members is None or p in members}
    if not maybe:
        return (), ""
    undecided = [
        (items[p], h)
        for p, bounds, h in times.tenures
        if p in maybe and window_answer(bounds, lo, hi, "", h.tenure).unknown
    ]
    return Tri.UNKNOWN, _unsure(undecided, lo, hi)


def _heads_numpy(
    codes: Any, rows: _Rows, times: list[Any], answers: list[Any]
) -> tuple[list[Any], list[str], Sequence[int]]:
    """The rows asked about one day at an agency with head tenures, looked up a column at a time.

    Every agency's segment starts go into one sorted array, offset by the
    agency's code, so that one :func:`numpy.searchsorted` finds every row's
    segment (the rows taken agency by agency, so that each search stays in
    one agency's few segments).  Returns the values, the reasons, and the rows left to answer
    one by one (spans of days, missing values, agencies without heads).
    """
    import numpy as np

    shift = np.int64(2**33)  # day ordinals with their sentinels fit in 33 bits once offset by 2**32
    keys, seg_values, seg_reasons = [], [], []
    slot = np.full(len(times) + 1, -1, dtype=np.int64)  # by agency code; the last one: code -1
    for code, t in enumerate(times):
        if t is None:
            continue
        slot[code] = code
        keys.append(np.frombuffer(t.breaks, dtype=np.int64) + np.int64(2**32) + code * shift)
        seg_values.extend(answers[code][0])
        seg_reasons.extend(answers[code][1])
    n = rows.n
    lo = np.asarray(rows.lo, dtype=np.int64)
    hi = np.asarray(rows.hi, dtype=np.int64)
    code_slot = slot[codes]
    fast = (lo == hi) & (lo != _NO_DAY) & (code_slot >= 0)
    todo = np.flatnonzero(~fast).tolist()
    if not keys:
        return [None] * n, [""] * n, todo
    wanted = np.where(fast, code_slot * shift + lo + np.int64(2**32), 0)
    small = np.int16 if len(times) < 2**15 else np.int64
    order = np.argsort(code_slot.astype(small), kind="stable")  # by agency: a radix sort of small ints
    found = np.empty(n, dtype=np.int64)
    found[order] = np.searchsorted(np.concatenate(keys), wanted[order], side="right") - 1
    found[~fast] = 0
    values = np.fromiter(seg_values, dtype=object, count=len(seg_values))[found]
    reasons = np.asarray(seg_reasons, dtype=object)[found]
    return values.tolist(), reasons.tolist(), todo


# -- agreements -------------------------------------------------------------------------------


def in_force_each(
    agreements: object, on: object, find: Callable[[object], int], spans: Any, dated: Callable[[int], Any]
) -> Column[Tri]:
    """The answers of :meth:`isscoop.AgreementQuery.in_force_each` (see there)."""
    rows = _Rows(agreements, on, "agreements")
    found = [find(k) for k in rows.keys] + [-1]  # positions by code; code -1 picks the last
    s_lo, s_hi, e_lo, e_hi = spans.s_lo, spans.s_hi, spans.e_lo, spans.e_hi
    single = spans.single  # one span per agreement: entry p is agreement p
    values: list[Any] = [None] * rows.n
    reasons = [""] * rows.n
    codes, los, his = rows.codes, rows.lo, rows.hi
    for i in range(rows.n):
        p, lo, hi = found[int(codes[i])], int(los[i]), int(his[i])
        if p < 0 or lo == _NO_DAY:
            values[i] = Tri.UNKNOWN
            reasons[i] = "no agreement given" if p < 0 else "no day given"
        elif single and lo > NEG_INF and hi < POS_INF and s_hi[p] <= hi and e_lo[p] >= lo:
            values[i] = Tri.YES  # the rule of window_answer, the bounds read once per dataset
        elif single and lo > NEG_INF and hi < POS_INF and (s_lo[p] > hi or e_hi[p] < lo):
            values[i] = Tri.NO
        else:
            answer = dated(p)._answer(lo, hi, rows.label(i))
            values[i] = answer.value
            reasons[i] = answer.reason if answer.unknown else ""
    return Column(values, reasons, rows.index)


def participants_each(
    agreements: object, on: object, find: Callable[[object], int], dated: Callable[[int], Any]
) -> Column[tuple[Agency, ...]]:
    """The answers of :meth:`isscoop.AgreementQuery.participants_each` (see there)."""
    rows = _Rows(agreements, on, "agreements")
    found = [find(k) for k in rows.keys] + [-1]
    values: list[Any] = [None] * rows.n
    reasons = [""] * rows.n
    codes, his = rows.codes, rows.hi
    for i in range(rows.n):
        p, hi = found[int(codes[i])], int(his[i])
        if p < 0 or hi == _NO_DAY:
            values[i] = Tri.UNKNOWN
            reasons[i] = "no agreement given" if p < 0 else "no day given"
        else:
            values[i], reasons[i] = joined(dated(p), hi)
    return Column(values, reasons, rows.index)


def joined(agreement: Agreement, hi: int) -> tuple[tuple[Agency, ...] | Tri, str]:
    """The parties that had joined by the end of day ``hi`` (the rule of :meth:`Agreement.parties_on`),
    or UNKNOWN when a step that decides it may or may not have been taken by then."""
    out: list[Agency] = []
    unsure: list[str] = []
    general = agreement._events()
    for party in agreement.parties:
        own = [e for e in agreement.events if e.party == party]
        if not own:
            if not general:
                continue
            first_lo, first_hi = general[0].bounds()
            if first_hi <= hi:
                out.append(party)
            elif first_lo <= hi:
                unsure.append(f"{party.label}: the first step ({general[0].when}) may not have been taken yet")
            continue
        taken = [e.bounds()[1] <= hi for e in own]
        maybe = [i for i, e in enumerate(own) if e.bounds()[0] <= hi < e.bounds()[1]]
        outcomes = set()
        for mask in range(2 ** min(len(maybe), 6)):
            chosen = list(taken)
            for bit, i in enumerate(maybe):
                chosen[i] = bool(mask >> bit & 1)
            last = [e for e, on in zip(own, chosen, strict=True) if on]
            outcomes.add(bool(last) and last[-1].status not in _LEFT)
        if len(maybe) > 6 or len(outcomes) > 1:
            steps = ", ".join(f"{own[i].status.label} ({own[i].when})" for i in maybe)
            unsure.append(f"{party.label}: its step {steps} may not have been taken yet")
        elif outcomes.pop():
            out.append(party)
    if unsure:
        return Tri.UNKNOWN, "; ".join(unsure)
    return tuple(out), ""


present_as_isscoop(globals())
