"""Typed, immutable, chainable queries over records.

Every collection of the dataset (``isscoop.agencies``, ``isscoop.meetings``,
...) is a :class:`Query`.  Every method returns a new query or a record; none
changes anything.  A query iterates in the order it was made from: the
dataset's collections are in id order, and :meth:`Query.sorted` orders by time.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from typing import TYPE_CHECKING, Any, Final, Generic, Self, TypeAlias, TypeVar, cast, overload

import attrs

from . import _bulk, _text
from ._args import MAX_NAME_CHARS, check_callable, check_flag, check_text, got
from ._bulk import Column
from ._dates import (
    NEG_INF,
    POS_INF,
    Answer,
    PartialDate,
    SpanLike,
    Tri,
    _ordinal_text,
    day_window,
    span_window,
    window_answer,
)
from ._errors import Ambiguous, InvalidArgument, InvalidRecord, NotFound, UnknownField, cut
from ._exportable import Exportable
from ._gap import Duration, Gap
from ._model import (
    KINDS,
    Agency,
    Agreement,
    Assume,
    Coverage,
    Covered,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Official,
    Program,
    Record,
    Source,
    _check_assume,
)
from ._public import present_as_isscoop

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["AgreementQuery", "MeetingQuery", "OfficialQuery", "Query"]

T = TypeVar("T", bound="Record | Source")

#: A step a selection was made by: the method's name, its arguments and keywords (``assume`` aside).
_Step = tuple[str, tuple[Any, ...], dict[str, Any]]
#: The step of a selection cut by position (a slice), which no question describes.
_CUT: Final = "cut"
#: The steps that select by time; ``exists()`` asks them again with ``assume="certain"`` and ``"possible"``.
_TIMED: Final = frozenset({"on", "during", "before", "after", "heads"})
#: What each collection's records are, for coverage.
_COVERED: Final = {"meeting": Covered.MEETINGS, "agreement": Covered.AGREEMENTS}
_MISSING: Any = object()
#: The record class of each kind of query (``"agency"``: Agency).
_CLASSES: dict[str, type[Record] | type[Source]] = {cls.kind_name: cls for cls in KINDS}
#: What ``involving`` and ``between`` take: the kinds of record other records involve.
_PARTIES = (Agency, Official, Program)
_ONE: Any = object()  # ``during(x)``: one argument, read as a span of its own


def _names(item: object) -> list[str]:
    """The texts an item can be looked up by, best first."""
    names = [getattr(item, "id", "")]
    for attr in ("acronym", "name", "title"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            names.append(value)
    names.extend(getattr(item, "aliases", ()))
    if isinstance(item, Source):
        names.append(item.url)
    return [n for n in names if n]


def _extra_keys(item: object) -> list[str]:
    """Looser keys: an official's surname, in each script."""
    if isinstance(item, Official):
        return [n.split()[-1] for n in (item.name, *item.aliases) if len(n.split()) > 1]
    return []


#: Posting lists at least this long are kept as sets too, so that intersections cost the shorter list.
_SET_FROM: Final = 16
#: At most this many of the longest posting lists of a collection are kept as byte masks too.
_MASKS: Final = 32
_NONE: Final = array("l")
#: The most slots a :class:`_Codes` has (one byte per record codes its slot).
_SLOTS: Final = 254


class _Codes:
    """A one-byte code per entry saying where a bound falls among at most 254 cut points.

    Testing every entry against a threshold then runs at C speed: the codes
    are translated into a 0/1 byte per entry (:meth:`bytes.translate`), and
    only the entries in the threshold's own slot are tested one by one.
    """

    __slots__ = ("codes", "cuts", "slots")

    def __init__(self, values: array[int]) -> None:
        ordered = sorted(values)
        n = len(ordered)
        parts = min(_SLOTS, n)
        self.cuts = array("q", sorted({ordered[(i * n) // parts] for i in range(1, parts)}))
        cuts = self.cuts
        self.codes = bytes([bisect_right(cuts, x) for x in values])
        slots: list[array[int]] = [array("l") for _ in range(len(cuts) + 1)]
        for i, code in enumerate(self.codes):
            slots[code].append(i)
        self.slots = slots

    def at_most(self, limit: int) -> tuple[bytes, array[int]]:
        """1 per entry whose value is certainly ``<= limit``; the entries still to test."""
        slot = bisect_right(self.cuts, limit)
        return self.codes.translate(b"\x01" * slot + b"\x00" * (256 - slot)), self.slots[slot]

    def at_least(self, limit: int) -> tuple[bytes, array[int]]:
        """1 per entry whose value is certainly ``>= limit``; the entries still to test."""
        slot = bisect_right(self.cuts, limit)
        return self.codes.translate(b"\x00" * (slot + 1) + b"\x01" * (255 - slot)), self.slots[slot]


class _Spans:
    """Sorted bounds of the times records were going on, for on/during/in-force questions.

    Each entry is one span of one record (an official has one per tenure).
    An entry answers YES for a window when ``s_hi <= w_hi and e_lo >= w_lo``
    and NO when ``s_lo > w_hi or e_hi < w_lo`` -- the same rule as
    :func:`isscoop._dates.window_answer` -- so counting needs only binary
    searches over sorted arrays, and listing a byte mask built at C speed
    (:meth:`mask`).  With one span per record (``single``), entry ``i`` is
    record ``i``.
    """

    __slots__ = (
        "_codes",
        "_lock",
        "e_hi",
        "e_lo",
        "irregular_no",
        "irregular_yes",
        "odd",
        "offsets",
        "pos",
        "regular_e_hi",
        "regular_e_lo",
        "s_hi",
        "s_hi_sorted",
        "s_lo",
        "s_lo_sorted",
        "single",
    )

    def __init__(self, bounds_per_item: Iterable[Iterable[tuple[int, int, int, int]]]) -> None:
        pos, s_lo, s_hi, e_lo, e_hi = array("l"), array("q"), array("q"), array("q"), array("q")
        counts: list[int] = []
        offsets = array("l", [0])
        for p, spans in enumerate(bounds_per_item):
            n = 0
            for a, b, c, d in spans:
                pos.append(p)
                s_lo.append(a)
                s_hi.append(b)
                e_lo.append(c)
                e_hi.append(d)
                n += 1
            counts.append(n)
            offsets.append(len(pos))
        self.pos, self.s_lo, self.s_hi, self.e_lo, self.e_hi = pos, s_lo, s_hi, e_lo, e_hi
        self.offsets = offsets
        self.single = all(n == 1 for n in counts)
        n = len(pos)
        self.s_hi_sorted = array("q", sorted(s_hi))
        self.s_lo_sorted = array("q", sorted(s_lo))
        # Entries where a YES (NO) window test cannot be counted by subtraction.
        self.irregular_yes = array("l", (i for i in range(n) if s_hi[i] > e_lo[i]))
        self.irregular_no = array("l", (i for i in range(n) if s_lo[i] > e_hi[i]))
        # Entries that may answer YES where the NO test alone would say NO (a start's earliest day after
        # its latest, as when an agreement signed late was in force "by" an earlier date).
        self.odd = array("l", (i for i in range(n) if s_lo[i] > s_hi[i] or e_lo[i] > e_hi[i]))
        self.regular_e_lo = array("q", sorted(e_lo[i] for i in range(n) if s_hi[i] <= e_lo[i]))
        self.regular_e_hi = array("q", sorted(e_hi[i] for i in range(n) if s_lo[i] <= e_hi[i]))
        self._codes: dict[str, tuple[_Codes, _Codes]] = {}
        self._lock = threading.Lock()

    def count(self, w_lo: int, w_hi: int, assume: Assume) -> int:
        """How many entries answer YES (or, ``"possible"``, not NO); for one entry per record."""
        if assume == "certain":
            total = bisect_right(self.s_hi_sorted, w_hi) - bisect_left(self.regular_e_lo, w_lo)
            return total - sum(1 for i in self.irregular_yes if self.s_hi[i] <= w_hi and self.e_lo[i] < w_lo)
        total = bisect_right(self.s_lo_sorted, w_hi) - bisect_left(self.regular_e_hi, w_lo)
        total -= sum(1 for i in self.irregular_no if self.s_lo[i] <= w_hi and self.e_hi[i] < w_lo)
        for i in self.odd:  # counted by the NO test above; counted here by the whole rule instead
            total += self._possible(i, w_lo, w_hi) - (self.s_lo[i] <= w_hi and self.e_hi[i] >= w_lo)
        return total

    def _possible(self, i: int, w_lo: int, w_hi: int) -> bool:
        """Whether entry ``i`` does not answer NO: it answers YES, or the NO test does not hold."""
        return (self.s_hi[i] <= w_hi and self.e_lo[i] >= w_lo) or (self.s_lo[i] <= w_hi and self.e_hi[i] >= w_lo)

    def test(self, p: int, w_lo: int, w_hi: int, assume: Assume) -> bool:
        """Whether record ``p`` has an entry that answers YES (or, ``"possible"``, not NO)."""
        if assume == "certain":
            s_hi, e_lo = self.s_hi, self.e_lo
            return any(s_hi[i] <= w_hi and e_lo[i] >= w_lo for i in range(self.offsets[p], self.offsets[p + 1]))
        return any(self._possible(i, w_lo, w_hi) for i in range(self.offsets[p], self.offsets[p + 1]))

    def bounds_for(self, assume: Assume) -> tuple[array[int], array[int]]:
        """The per-entry start and end bounds that the window test of ``assume`` compares."""
        return (self.s_hi, self.e_lo) if assume == "certain" else (self.s_lo, self.e_hi)

    def _codes_for(self, assume: Assume) -> tuple[_Codes, _Codes]:
        found = self._codes.get(assume)
        if found is None:
            with self._lock:
                found = self._codes.get(assume)
                if found is None:
                    starts, ends = self.bounds_for(assume)
                    found = self._codes[assume] = (_Codes(starts), _Codes(ends))
        return found

    def mask(self, w_lo: int, w_hi: int, assume: Assume) -> bytearray:
        """One byte per entry: 1 where it answers YES (or, ``"possible"``, not NO), else 0.

        Built at C speed from the entries' one-byte codes; only the entries
        whose bounds share a code slot with the window are tested one by one.
        """
        n = len(self.pos)
        if not n:
            return bytearray()
        start_codes, end_codes = self._codes_for(assume)
        started, start_todo = start_codes.at_most(w_hi)
        going, end_todo = end_codes.at_least(w_lo)
        both = int.from_bytes(started, "little") & int.from_bytes(going, "little")
        out = bytearray(both.to_bytes(n, "little"))
        if assume == "certain":
            starts, ends = self.bounds_for(assume)
            for todo in (start_todo, end_todo):
                for i in todo:
                    out[i] = starts[i] <= w_hi and ends[i] >= w_lo
        else:
            for todo in (start_todo, end_todo, self.odd):
                for i in todo:
                    out[i] = self._possible(i, w_lo, w_hi)
        return out

    def positions(self, w_lo: int, w_hi: int, assume: Assume) -> list[int]:
        """Positions of the records with an entry that answers YES (or not NO), ascending."""
        mask = self.mask(w_lo, w_hi, assume)
        if self.single:
            return list(compress(range(len(mask)), mask))
        return sorted(set(compress(self.pos, mask)))


class _HeadTimes:
    """The head tenures held at one agency, for "who headed it then?".

    For a window of days, sorted by the bound each rule tests first, with
    the running maximum of the other bound, so that a question walks back
    from a binary search over only the tenures that may match (usually one
    or two).  For a single day, the time line cut where any tenure's answer
    changes: the segment a day falls in holds the positions of the holders
    that answer YES, of those that do not answer NO, and the tenures that
    the dates cannot decide (for the bulk answers of :mod:`isscoop._bulk`).
    """

    __slots__ = ("answers", "breaks", "certain", "possible", "tenures", "undecided", "walk_certain", "walk_possible")

    def __init__(self, tenures: list[tuple[int, tuple[int, int, int, int], Any]]) -> None:
        self.tenures = tenures
        self.walk_certain = self._order([(b[1], b[2], p) for p, b, _ in tenures])
        self.walk_possible = self._order([(b[0], b[3], p) for p, b, _ in tenures])
        points = sorted({NEG_INF, *(x for _, b, _ in tenures for x in (b[0], b[1], b[2] + 1, b[3] + 1))})
        breaks: list[int] = []
        certain: list[tuple[int, ...]] = []
        possible: list[tuple[int, ...]] = []
        undecided: list[tuple[object, ...]] = []
        for day in points:
            yes = tuple(sorted({p for p, b, _ in tenures if b[1] <= day <= b[2]}))
            maybe = tuple(sorted({p for p, b, _ in tenures if b[1] <= day <= b[2] or b[0] <= day <= b[3]}))
            unsure = tuple((p, t) for p, b, t in tenures if b[0] <= day <= b[3] and not b[1] <= day <= b[2])
            if breaks and (yes, maybe, unsure) == (certain[-1], possible[-1], undecided[-1]):
                continue  # the same answers as the segment before: one segment
            breaks.append(day)
            certain.append(yes)
            possible.append(maybe)
            undecided.append(unsure)
        self.breaks = array("q", breaks)
        self.certain, self.possible, self.undecided = certain, possible, undecided
        self.answers: tuple[list[Any], list[str]] | None = None  # kept by isscoop._bulk

    @staticmethod
    def _order(entries: list[tuple[int, int, int]]) -> tuple[list[int], list[int], list[int], list[int]]:
        entries.sort()
        starts = [s for s, _, _ in entries]
        ends = [e for _, e, _ in entries]
        running, reach = [], NEG_INF
        for e in ends:
            reach = max(reach, e)
            running.append(reach)
        return starts, ends, running, [p for _, _, p in entries]

    def holders(self, w_lo: int, w_hi: int, assume: Assume) -> tuple[int, ...]:
        """Positions of the officials whose tenure answers YES (or, ``"possible"``, not NO), ascending."""
        if w_lo == w_hi:  # one day: its segment's answer
            i = bisect_right(self.breaks, w_lo) - 1
            return self.certain[i] if assume == "certain" else self.possible[i]
        out: set[int] = set()
        for starts, ends, running, positions in (
            (self.walk_certain,) if assume == "certain" else (self.walk_certain, self.walk_possible)
        ):  # "possible": YES, or not ruled out by the NO test
            i = bisect_right(starts, w_hi) - 1
            while i >= 0 and running[i] >= w_lo:
                if ends[i] >= w_lo:
                    out.add(positions[i])
                i -= 1
        return tuple(sorted(out))


_NO_HEADS: Final = _HeadTimes([])


class _Index:
    """Lookup structures over one collection, each built on first use, under a lock.

    Whatever a question costs once per collection -- folding names, turning
    dates into day numbers, sorting -- is done here, once, so that a question
    asked for the first time costs about what a repeated one does.

    ``horizon`` is the dataset's: the time bounds of a record that has no
    horizon of its own (one built in Python) are read as if it had this one.
    """

    __slots__ = (
        "_folded",
        "_head_names",
        "_head_tenures",
        "_heads",
        "_hulls",
        "_ids",
        "_lock",
        "_named_postings",
        "_names",
        "_postings",
        "_sets",
        "_spans",
        "_time_rank",
        "dataset",
        "horizon",
        "items",
        "kind",
    )

    def __init__(self, items: tuple[Any, ...], kind: str = "record", dataset: Dataset | None = None) -> None:
        self.items = items
        self.kind = kind
        self.dataset = dataset
        self.horizon = dataset.horizon if dataset is not None else None
        self._lock = threading.RLock()
        self._ids: dict[str, int] | None = None
        self._names: dict[str, tuple[int, ...]] | None = None
        self._folded: dict[str, int] | None = None
        self._postings: dict[str, array[int]] | None = None
        self._sets: dict[str, frozenset[int] | tuple[int, ...] | bytes] | None = None
        self._head_tenures: dict[str, list[_Held]] | None = None
        self._heads: dict[str, _HeadTimes] | None = None
        self._head_names: dict[str, _HeadTimes] | None = None
        self._named_postings: dict[str, _Posting] | None = None
        self._spans: _Spans | None = None
        self._hulls: _Spans | None = None
        self._time_rank: array[int] | None = None

    def dated(self, p: int) -> Any:
        """Record ``p`` as the dataset reads it: with the dataset's horizon if it has none of its own."""
        return _at_horizon(self.items[p], self.horizon)

    def _build(self, slot: str, build: Callable[[], Any]) -> Any:
        with self._lock:
            value = getattr(self, slot)
            if value is None:
                value = build()
                setattr(self, slot, value)
        return value

    def ids(self) -> dict[str, int]:
        """Position of each record by id."""
        found = self._ids
        if found is None:
            found = self._build("_ids", lambda: {getattr(x, "id", ""): p for p, x in enumerate(self.items)})
        return found

    def names(self) -> dict[str, tuple[int, ...]]:
        """Positions of the records each folded name, alias or surname may mean."""

        def build() -> dict[str, tuple[int, ...]]:
            out: dict[str, list[int]] = {}
            for p, item in enumerate(self.items):
                for name in _names(item) + _extra_keys(item):
                    for key in _text.keys(name):
                        bucket = out.setdefault(key, [])
                        if not bucket or bucket[-1] != p:
                            bucket.append(p)
            return {k: tuple(v) for k, v in out.items()}

        found = self._names
        if found is None:
            found = self._build("_names", build)
        return found

    def folded(self) -> dict[str, int]:
        """The one record each case-folded name, acronym, alias or id finds by name (see :meth:`Query.get`).

        A text whose case-folded form is here finds that record without being
        folded any further: its keys are those of the name it was made from.
        Names that find several records, or none, are left out.
        """

        def build() -> dict[str, int]:
            names = self.names()
            out: dict[str, int] = {}
            for item in self.items:
                for name in _names(item):
                    folded = name.casefold()
                    if folded in out or folded.casefold() != folded:
                        continue
                    found: tuple[int, ...] = ()
                    for key in _text.keys(folded):
                        found = names.get(key, ())
                        if found:
                            break
                    if len(found) == 1:
                        out[folded] = found[0]
            return out

        found = self._folded
        if found is None:
            found = self._build("_folded", build)
        return found

    def postings(self) -> dict[str, array[int]]:
        """Positions of the records that involve each agency, official or program id."""

        def build() -> dict[str, array[int]]:
            out: dict[str, array[int]] = {}
            for p, item in enumerate(self.items):
                for ident in _involved_ids(item):
                    bucket = out.get(ident)
                    if bucket is None:
                        out[ident] = bucket = array("l")
                    bucket.append(p)
            return out

        found = self._postings
        if found is None:
            found = self._build("_postings", build)
        return found

    def posting_pair(self, ident: str) -> _Posting:
        """The positions of the records involving ``ident``: sorted, and as a set (a tuple when few)."""
        return (self._postings or self.postings()).get(ident, _NONE), self.posting(ident)

    def named_postings(self) -> dict[str, _Posting]:
        """The :meth:`posting_pair` of the agency each case-folded agency name finds (see :meth:`Dataset.resolve`)."""

        def build() -> dict[str, _Posting]:
            ds = self.dataset
            if ds is None:
                return {}
            return {name: self.posting_pair(agency.id) for name, agency in ds._agency_names().items()}

        found = self._named_postings
        if found is None:
            found = self._build("_named_postings", build)
        return found

    def posting(self, ident: str) -> frozenset[int] | tuple[int, ...] | bytes:
        """The records involving ``ident``, for membership tests (see :meth:`_posting_sets`)."""
        sets = self._sets
        if sets is None:
            sets = self._build("_sets", self._posting_sets)
        return sets.get(ident, ())

    def _posting_sets(self) -> dict[str, frozenset[int] | tuple[int, ...] | bytes]:
        """Each posting list for membership tests: a tuple when short, else a set; the longest as byte masks.

        A byte mask (one byte per record, 1 where the record is in the
        list) is tested at C speed and touches little memory; masks are kept
        for at most :data:`_MASKS` lists of at least 1/64 of the records.
        """
        n = len(self.items)
        postings = self.postings()
        longest = sorted((ident for ident, found in postings.items() if len(found) >= max(_SET_FROM, n // 64)),
                         key=lambda ident: -len(postings[ident]))[:_MASKS]  # fmt: skip
        out: dict[str, frozenset[int] | tuple[int, ...] | bytes] = {}
        for ident in longest:
            mask = bytearray(n)
            for p in postings[ident]:
                mask[p] = 1
            out[ident] = bytes(mask)
        shared = list(range(n))  # one int object per position, shared by every set
        pick = shared.__getitem__
        for ident, found in postings.items():
            if ident not in out:
                out[ident] = frozenset(map(pick, found)) if len(found) >= _SET_FROM else tuple(found)
        return out

    def head_tenures(self) -> dict[str, list[_Held]]:
        """For each agency, every head tenure held there, with its bounds narrowed by succession."""

        def build() -> dict[str, list[_Held]]:
            out: dict[str, list[_Held]] = {}
            for p, item in enumerate(self.items):
                for t in getattr(_at_horizon(item, self.horizon), "tenures", ()):
                    if t.head:
                        out.setdefault(t.agency.id, []).append(_Held(p=p, official=item, tenure=t, bounds=t.bounds()))
            return {agency: _succession(held) for agency, held in out.items()}

        found = self._head_tenures
        if found is None:
            found = self._build("_head_tenures", build)
        return found

    def heads(self) -> dict[str, _HeadTimes]:
        """For each agency id, the head tenures held there by position of the official, narrowed by succession."""

        def build() -> dict[str, _HeadTimes]:
            return {
                agency: _HeadTimes([(h.p, h.bounds, h) for h in held]) for agency, held in self.head_tenures().items()
            }

        found = self._heads
        if found is None:
            found = self._build("_heads", build)
        return found

    def head_names(self) -> dict[str, _HeadTimes]:
        """The head tenures of the agency each case-folded agency name finds (see :meth:`Dataset.resolve`)."""

        def build() -> dict[str, _HeadTimes]:
            ds = self.dataset
            if ds is None:
                return {}
            heads = self.heads()
            return {name: heads.get(agency.id, _NO_HEADS) for name, agency in ds._agency_names().items()}

        found = self._head_names
        if found is None:
            found = self._build("_head_names", build)
        return found

    def spans(self) -> _Spans:
        """Sorted time bounds for on/during/in-force questions."""
        found = self._spans
        if found is None:
            h = self.horizon
            found = self._build("_spans", lambda: _Spans(_span_bounds(_at_horizon(x, h)) for x in self.items))
        return found

    def hulls(self) -> _Spans:
        """One bound per record, from its first to its last time, for before/after questions."""
        found = self._hulls
        if found is None:
            h = self.horizon
            found = self._build("_hulls", lambda: _Spans((_hull(_at_horizon(x, h)),) for x in self.items))
        return found

    def time_rank(self) -> array[int]:
        """Each record's place on the timeline (first date, then id; undated last), by position."""

        def build() -> array[int]:
            items = self.items
            order = sorted(range(len(items)), key=lambda p: _time_key(items[p]))
            rank = array("l", [0]) * len(items)
            for r, p in enumerate(order):
                rank[p] = r
            return rank

        found = self._time_rank
        if found is None:
            found = self._build("_time_rank", build)
        return found


@attrs.frozen
class _Held:
    """One head tenure in the heads index: where its official is, and its time bounds.

    ``bounds`` are the tenure's own, narrowed by succession; ``successor`` and
    ``predecessor`` are the tenures that narrowed its end and its start.
    """

    p: int
    official: Any
    tenure: Any
    bounds: tuple[int, int, int, int]
    successor: _Held | None = None
    predecessor: _Held | None = None


def _succession(held: list[_Held]) -> list[_Held]:
    """Head tenures of one agency, each bounded by the others: a post held by one person at a time.

    Of two tenures held by different people, neither acting, the one with a
    day certainly held before a day certainly held in the other came first
    (the dataset's check allows no two such holders at once, the handover day
    aside).  So the earlier ends no later than the later's latest start, and
    the later begins no earlier than the earlier's earliest end.  This only
    narrows what is unknown: a tenure known from one attested day no longer
    reaches past its successor's start.
    """
    certain = [h for h in held if not h.tenure.acting and h.bounds[1] <= h.bounds[2]]
    if len(certain) < 2:
        return held
    narrowed: dict[int, _Held] = {}
    for t in certain:
        s_lo, s_hi, e_lo, e_hi = t.bounds
        after: _Held | None = None
        before: _Held | None = None
        for o in certain:
            if o is t or o.official.id == t.official.id:
                continue
            if t.bounds[1] < o.bounds[2] and o.bounds[1] < e_hi:  # t came first: it ends by o's start
                e_hi, after = o.bounds[1], o
            if o.bounds[1] < t.bounds[2] and o.bounds[2] > s_lo:  # o came first: t starts after o's end
                s_lo, before = o.bounds[2], o
        # consistent data only; else the tenure's own bounds stand
        if (after is not None or before is not None) and s_lo <= s_hi and e_lo <= e_hi:
            narrowed[id(t)] = attrs.evolve(t, bounds=(s_lo, s_hi, e_lo, e_hi), successor=after, predecessor=before)
    return [narrowed.get(id(h), h) for h in held]


@attrs.frozen
class _Window:
    """A deferred on/during selection over a whole collection: counted without listing.

    A "throughout" selection is kept with its ends swapped (``lo`` is the
    window's last day): the rule "starts by ``hi`` and ends on or after
    ``lo``" then says "starts by the first day and ends on or after the last".
    It cannot be counted by subtraction (:meth:`_Spans.count` assumes a window
    that is not swapped), so it is listed.
    """

    lo: int
    hi: int
    assume: Assume
    throughout: bool = False


def _fast_day(day: object) -> int | None:
    """The day ordinal of an ISO day string or a ``datetime.date``, read inline; ``None`` for anything else.

    The same day as :func:`day_window` gives for it; anything this does not
    read goes through :func:`day_window` (or :func:`span_window`), with
    their checks and errors.
    """
    if type(day) is str:
        if len(day) == 10 and day[4] == "-" and day[7] == "-":
            try:
                return datetime.date.fromisoformat(day).toordinal()
            except ValueError:
                return None
        return None
    if isinstance(day, datetime.date):  # a datetime (or pandas Timestamp) is a date too: its day counts
        return day.toordinal()
    return None


_Posting: TypeAlias = "tuple[array[int], frozenset[int] | tuple[int, ...] | bytes]"


def _both(a: _Posting, b: _Posting) -> tuple[int, ...]:
    """The positions in both posting lists, ascending.

    The shorter list (sorted) is filtered by the longer one as a set or a
    byte mask, at C speed: the cost is that of the shorter list, and the
    answer comes out in order, with no sorting.
    """
    if len(a[0]) > len(b[0]):
        a, b = b, a
    if not a[0]:
        return ()
    longer = b[1]
    if isinstance(longer, bytes):  # a byte mask: one byte per record
        return tuple(filter(longer.__getitem__, a[0]))
    members = longer if isinstance(longer, frozenset) else frozenset(longer)
    return tuple(filter(members.__contains__, a[0]))


class Query(Exportable, Generic[T]):
    """An immutable, ordered selection of records of one kind.

    Selections share their collection's indexes, which are built on first
    use: an id and name index for :meth:`get`, posting lists for
    :meth:`involving` and :meth:`between`, and sorted time bounds for
    :meth:`on`, :meth:`during`, :meth:`before`, :meth:`after` and
    :meth:`AgreementQuery.in_force`.  Selections are lazy views: ``len()``
    counts without building the records' list (a time selection over a whole
    collection is counted by binary search, and :meth:`between` by set
    intersection), and listing a large time selection picks the records
    from a byte mask built at C speed.

    >>> import isscoop
    >>> q = isscoop.agencies
    >>> q.get("NASA").name
    'National Aeronautics and Space Administration'
    >>> q.get("Роскосмос") is q.get("roscosmos")
    True
    """

    __slots__ = ("_index", "_sel", "_set", "_steps", "_window")

    def __init__(self, items: Iterable[T] = (), *, kind: str = "record", dataset: Dataset | None = None) -> None:
        self._index = _Index(tuple(items), kind, dataset)
        self._sel: tuple[int, ...] | None = None  # positions in order
        self._set: frozenset[int] | None = None  # the positions as a set (in position order unless _sel says)
        self._window: _Window | None = None  # a deferred time selection over every record
        # None for all three: every record, in order.
        self._steps: tuple[_Step, ...] = ()  # how the selection was made, for exists()

    def _view(self, sel: Iterable[int] | None, window: _Window | None = None) -> Self:
        q = object.__new__(type(self))
        q._index = self._index
        q._sel = None if sel is None else tuple(sel)
        q._set = None
        q._window = window
        q._steps = self._steps
        return q

    def _view_tuple(self, positions: tuple[int, ...]) -> Self:
        """A view of the records at ``positions``, in that order (a tuple the caller made)."""
        q = object.__new__(type(self))
        q._index, q._sel, q._set, q._window, q._steps = self._index, positions, None, None, self._steps
        return q

    def _view_set(self, members: frozenset[int]) -> Self:
        """A view of the records at ``members``, in position order (sorted only when listed)."""
        q = object.__new__(type(self))
        q._index, q._sel, q._set, q._window, q._steps = self._index, None, members, None, self._steps
        return q

    def _step(self, step: str, /, *args: Any, **kwargs: Any) -> Self:
        """This (new) selection, noting the step it was made by (see :meth:`exists`)."""
        self._steps = (*self._steps, (step, args, kwargs))
        return self

    @property
    def _kind(self) -> str:
        return self._index.kind

    @property
    def _dataset(self) -> Dataset | None:
        return self._index.dataset

    def _new(self, items: Iterable[T]) -> Self:
        """A query over the given records, which must come from this collection."""
        ids = self._index.ids()
        return self._view(ids[x.id] for x in items)

    def _everything(self) -> bool:
        return self._sel is None and self._set is None and self._window is None

    def _positions(self) -> tuple[int, ...]:
        sel = self._sel
        if sel is None:
            if self._set is not None:
                sel = tuple(sorted(self._set))
            elif self._window is not None:
                window = self._window
                sel = tuple(self._index.spans().positions(window.lo, window.hi, window.assume))
            else:
                return tuple(range(len(self._index.items)))
            self._sel = sel
        return sel

    def _unordered(self) -> frozenset[int] | tuple[int, ...]:
        """The selected positions, in any order (no sorting done for it)."""
        return self._set if self._set is not None and self._sel is None else self._positions()

    def _members(self) -> frozenset[int] | None:
        """The selected positions as a set; ``None`` when every record is selected."""
        if self._everything():
            return None
        if self._set is None:
            self._set = frozenset(self._positions())
        return self._set

    # -- the sequence protocol ------------------------------------------------
    def __len__(self) -> int:
        if self._sel is not None:
            return len(self._sel)
        if self._set is not None:
            return len(self._set)
        window = self._window
        if window is None:
            return len(self._index.items)
        spans = self._index.spans()
        if spans.single and not window.throughout:
            return spans.count(window.lo, window.hi, window.assume)
        return len(self._positions())

    def __iter__(self) -> Iterator[T]:
        items = self._index.items
        if self._sel is not None:
            return map(items.__getitem__, self._sel)
        if self._set is not None:
            return map(items.__getitem__, sorted(self._set))
        window = self._window
        if window is None:
            return iter(items)
        spans = self._index.spans()
        if spans.single:  # pick the records straight from the mask, at C speed
            return compress(items, spans.mask(window.lo, window.hi, window.assume))
        return map(items.__getitem__, self._positions())

    def __bool__(self) -> bool:
        return len(self) > 0

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: int | slice) -> T | Self:
        _check_index(index)
        if self._everything():
            if isinstance(index, slice):
                return self._view(range(len(self._index.items))[index])._step(_CUT)
            return cast(T, self._index.items[index])
        positions = self._positions()
        if isinstance(index, slice):
            return self._view(positions[index])._step(_CUT)
        return cast(T, self._index.items[positions[index]])

    def __contains__(self, item: object) -> bool:
        ident = item if isinstance(item, str) else getattr(item, "id", None)
        if not isinstance(ident, str):
            return False
        p = self._index.ids().get(ident)
        if p is None:
            return False
        members = self._members()
        if members is not None and p not in members:
            return False
        return isinstance(item, str) or self._index.items[p] is item or self._index.items[p] == item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Query):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        n = len(self)
        plural = self._kind if n == 1 else _plural(self._kind)
        shown = ", ".join(_label(x) for x in self[:5])
        more = ", ..." if n > 5 else ""
        return f"<Query: {n} {plural}{': ' if n else ''}{shown}{more}>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(x.id for x in self)

    # -- lookups ---------------------------------------------------------------
    @overload
    def get(self, key: str | T, *, on: SpanLike | None = None) -> T: ...
    @overload
    def get(self, key: str | T, default: T | None, *, on: SpanLike | None = None) -> T | None: ...
    def get(self, key: str | T, default: T | None = _MISSING, *, on: SpanLike | None = None) -> T | None:
        """The one record whose id, acronym, name or alias is ``key``.

        Case, accents and script (Latin or Cyrillic) do not matter.  An exact
        id wins.  No match raises :class:`~isscoop.NotFound` naming close
        matches, unless ``default`` is given; several raise
        :class:`~isscoop.Ambiguous`.

        With ``on``, a record that has dated names (an agency that was
        renamed) matches only a name that may have been in use within that
        day; its id always matches.

        >>> import isscoop
        >>> isscoop.agencies.get("Rosaviakosmos", on="2003").label
        'Roscosmos'
        >>> print(isscoop.agencies.get("Rosaviakosmos", None, on="2020"))
        None

        A record as ``key`` gives this collection's record with its id (the
        same record, or its version in this dataset).  Unless ``default`` is
        given, a record of another kind raises :class:`~isscoop.InvalidArgument`,
        and one whose id this dataset does not have raises
        :class:`~isscoop.NotFound` saying it comes from another dataset.  A
        name may be at most 1,000 characters.
        """
        index = self._index
        items = index.items
        if type(key) is str and on is None and self._sel is None and self._set is None and self._window is None:
            # the common case, for names never asked before too: an id, or a name folded once per collection
            if len(key) > MAX_NAME_CHARS or not key.isprintable():
                check_text(key, "key")
            p = (index._ids or index.ids()).get(key)
            if p is None:
                p = (index._folded or index.folded()).get(key.casefold())
            if p is not None:
                return cast(T, items[p])
        members = self._members()
        if on is not None:
            day_window(on)  # a bad day is refused before anything is looked up
        if not isinstance(key, str):
            if not isinstance(key, Record | Source):
                raise InvalidArgument(f"key: expected a name or id (a str) or a record, got {got(key)}")
            try:
                p = self._position_of(key, "key")
            except (InvalidArgument, NotFound):
                if default is not _MISSING:
                    return default
                raise
            if p is not None and (members is None or p in members):
                return cast(T, items[p])
            if default is not _MISSING:
                return default
            raise NotFound(key.id, self._kind)
        check_text(key, "key")
        p = index.ids().get(key)
        if p is not None and (members is None or p in members):
            return cast(T, items[p])
        found: list[T] = []
        names = self._index.names()
        for k in _text.keys(key):
            found = [items[q] for q in names.get(k, ()) if members is None or q in members]
            if on is not None:
                found = [x for x in found if _named_on(x, key, on)]
            if found:
                break
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Ambiguous(key, self._kind, [f"{x.id} ({_label(x)})" for x in found])
        if default is not _MISSING:
            return default
        raise NotFound(key, self._kind, self._close_matches(key))

    def _record_class(self) -> type[Record] | type[Source] | None:
        """The class of the records of this query, when it is one of the record kinds."""
        return _CLASSES.get(self._kind)

    def _position_of(self, record: object, what: str) -> int | None:
        """The position of the record with ``record``'s id, after checking its kind.

        ``None`` if this collection has no record with that id: from a
        dataset, that raises NotFound saying the record comes from another one.
        """
        cls = self._record_class()
        if not isinstance(record, cls or (Record, Source)):
            expected = f"a{'n' if self._kind[0] in 'aeiou' else ''} {self._kind}"
            if isinstance(record, Record | Source):
                raise InvalidArgument(f"{what}: expected {expected}, got the {record.kind_name} {cut(record.id)}")
            raise InvalidArgument(f"{what}: expected a name or id (a str) or {expected}, got {got(record)}")
        p = self._index.ids().get(record.id)
        if p is None and self._dataset is not None:
            raise NotFound(
                record.id,
                self._kind,
                message=f"{what}: the {self._kind} {cut(record.id)} is not in this dataset; it comes from another one",
            )
        return p

    def _close_matches(self, key: str) -> list[str]:
        if len(key) > 200:
            return []
        labels: dict[str, str] = {}
        for item in self:
            for name in _names(item):
                labels.setdefault(_text.fold(name), name)
        folded = _text.fold(key)
        hits = difflib.get_close_matches(folded, list(labels), n=3, cutoff=0.6)
        hits += [k for k in labels if folded and folded in k and k not in hits][: 3 - len(hits)]
        return [labels[h] for h in hits[:3]]

    def search(self, text: str) -> Self:
        """Records matching ``text``, best first: exact name, then prefix, then substring, then fuzzy.

        ``text`` may be at most 1,000 characters.
        """
        check_text(text, "text")
        wanted = _text.fold(text)
        if not wanted:
            return self._new(())
        variants = _text.keys(text)
        scored: list[tuple[float, int, T]] = []
        for pos, item in enumerate(self):
            best = 0.0
            for name in _names(item):
                for key in _text.keys(name):
                    for w in variants:
                        if key == w:
                            score = 1.0
                        elif key.startswith(w):
                            score = 0.9
                        elif w in key:
                            score = 0.8
                        else:
                            ratio = _ratio(w, key)
                            score = 0.7 * ratio if ratio >= 0.75 else 0.0
                        best = max(best, score)
            if best > 0:
                scored.append((-best, pos, item))
        scored.sort(key=lambda s: (s[0], s[1]))
        return self._new(item for _, _, item in scored)._step("search", text)

    # -- selection -------------------------------------------------------------
    def filter(self, predicate: Callable[[T], bool] | None = None, /, **fields: object) -> Self:
        """Records for which ``predicate`` is true and every ``field=value`` matches.

        Enum fields also match their string value: ``kind="heads_of_agency"``.
        A field the records do not have raises :class:`~isscoop.UnknownField`.
        """
        check_callable(predicate, "predicate")
        cls = self._record_class()
        for name in fields:
            if cls is not None and not hasattr(cls, name):
                raise UnknownField(f"{cls.__name__} has no field {cut(name)}")

        def match(item: T) -> bool:
            for name, wanted in fields.items():
                if not hasattr(item, name):
                    raise UnknownField(f"{type(item).__name__} has no field {cut(name)}")
                have = getattr(item, name)
                if isinstance(have, enum.Enum) and isinstance(wanted, str):
                    have = have.value
                if isinstance(wanted, Record | Source) and isinstance(have, Record | Source):
                    if have.id != wanted.id:
                        return False
                elif have != wanted:
                    return False
            if predicate is None:
                return True
            try:
                return bool(predicate(item))
            except TypeError as e:  # a function that does not take a record
                raise InvalidArgument(f"predicate: calling it with a {self._kind} failed: {cut(str(e), 150)}") from e

        return self._new(x for x in self if match(x))._step("filter", predicate, **fields)

    def _resolve(self, thing: object, what: str) -> str:
        """The id of the agency, official or program ``thing`` is or names."""
        ds = self._dataset
        if isinstance(thing, _PARTIES):
            if ds is not None:
                getattr(ds, thing.collection)._position_of(thing, what)
            return thing.id
        if isinstance(thing, Record | Source):
            raise InvalidArgument(
                f"{what}: expected an agency, official or program, got the {thing.kind_name} {cut(thing.id)}"
            )
        if isinstance(thing, str):
            check_text(thing, what)
            if ds is None:
                return thing
            found = ds.resolve(thing)
            if not isinstance(found, _PARTIES):
                raise NotFound(
                    thing,
                    "agency, official or program",
                    message=f"{what}: {cut(thing)} names the {found.kind_name} {cut(found.id)}, "
                    "not an agency, official or program",
                )
            return found.id
        raise InvalidArgument(f"{what}: expected an Agency, Official or Program (or its id or name), got {got(thing)}")

    def _keep_positions(self, candidates: Iterable[int]) -> Self:
        """A view of the candidate positions that this query selects, in this query's order."""
        wanted = candidates if isinstance(candidates, frozenset) else frozenset(candidates)
        members = self._members()
        if members is None:
            return self._view_set(wanted)
        if self._ordered():
            assert self._sel is not None
            return self._view(p for p in self._sel if p in wanted)
        return self._view_set(wanted & members)

    def _ordered(self) -> bool:
        """Whether the selection is in an order of its own (sorted, ranked) rather than position order."""
        sel = self._sel
        return sel is not None and list(sel) != sorted(sel)

    def involving(self, *things: object) -> Self:
        """Records that involve any of ``things`` (agencies, officials or programs, or their names)."""
        index = self._index
        postings = index._postings or index.postings()
        hits: set[int] = set()
        for ident in {self._resolve(t, "things") for t in things}:
            hits.update(postings.get(ident, ()))
        return self._keep_positions(hits)._step("involving", *things)

    def between(self, a: object, b: object) -> Self:
        """Records that involve both ``a`` and ``b``."""
        found = _both(self._posting_pair(a, "a"), self._posting_pair(b, "b"))
        if self._sel is None and self._set is None and self._window is None:
            return self._view_tuple(found)._step("between", a, b)
        return self._keep_positions(found)._step("between", a, b)

    def _posting_pair(self, thing: object, what: str) -> _Posting:
        """The records that involve ``thing`` (see :meth:`_Index.posting_pair`); an agency's name is found
        by the name folded once per dataset."""
        index = self._index
        if type(thing) is str:
            if len(thing) > MAX_NAME_CHARS or not thing.isprintable():
                check_text(thing, what)
            named = index._named_postings or index.named_postings()
            found = named.get(thing.casefold())
            if found is not None:
                return found
        return index.posting_pair(self._resolve(thing, what))

    def _in_window(self, lo: int, hi: int, assume: Assume, throughout: bool = False) -> Self:
        if type(assume) is not str or assume != "certain":
            _check_assume(assume)
        if throughout:
            lo, hi = hi, lo  # see _Window
        index = self._index
        sel = self._sel
        if sel is None and self._set is None and self._window is None:
            return self._view(None, _Window(lo, hi, assume, throughout))
        spans = index._spans or index.spans()
        chosen = sel if sel is not None else self._unordered()
        if len(chosen) * 8 < len(index.items):  # a small selection: test its records one by one, keeping its order
            if spans.single and assume == "certain":
                starts, ends = spans.s_hi, spans.e_lo
                kept = tuple([p for p in chosen if starts[p] <= hi and ends[p] >= lo])
            else:
                kept = tuple([p for p in chosen if spans.test(p, lo, hi, assume)])
            return self._view_tuple(kept) if sel is not None else self._view_set(frozenset(kept))
        return self._keep_positions(spans.positions(lo, hi, assume))

    def on(self, day: SpanLike, *, assume: Assume = "certain", throughout: bool = False) -> Self:
        """Records going on at some time within ``day`` (``throughout=True``: on every day of it).

        A partial ``day`` (``"2025-07"``) means any time in it; an interval
        (``"2025-07-31/2026-01-01"``, ``"../2025"``) any time from the first
        possible day of its start to the last possible day of its end (see
        :data:`~isscoop.SpanLike`).  By default only records for which that is
        certain are kept; ``assume="possible"`` also keeps those the dates
        cannot decide.  A record with several spans (an official's tenures) is
        going on throughout only if one span covers all of ``day``.
        """
        if type(assume) is not str or assume != "certain":
            _check_assume(assume)
        lo = _fast_day(day)
        if lo is None:
            lo, hi, _ = day_window(day)
        else:
            hi = lo
        return self._in_window(lo, hi, assume, throughout)._step("on", day, throughout=throughout)

    def during(self, start: SpanLike | None, end: SpanLike | None = _ONE, *, assume: Assume = "certain") -> Self:
        """Records going on at some time between ``start`` and ``end`` (``None``: unbounded).

        From the first possible day of ``start`` to the last possible day of
        ``end``.  With one argument, the span is that argument: a month, a
        year, or an interval (``during("2025-07")`` is ``during("2025-07",
        "2025-07")``, and the same as ``on("2025-07")``).
        """
        if end is _ONE:
            if start is None:
                return self._in_window(NEG_INF, POS_INF, assume)._step("during", None, None)
            lo, hi, _ = day_window(start)
        else:
            first = NEG_INF if start is None else _fast_day(start)
            last = POS_INF if end is None else _fast_day(end)
            if first is None or last is None or first > last:
                first, last, _ = span_window(start, end)  # raises if the end comes before the start
            lo, hi = first, last
        return self._in_window(lo, hi, assume)._step("during", start, end)

    def before(self, day: SpanLike, *, assume: Assume = "certain") -> Self:
        """Records that were over before ``day`` began (undated records: UNKNOWN).

        For an interval, before its first possible day.
        """
        lo, _, _ = day_window(day)
        _check_assume(assume)
        hulls = self._index.hulls()
        ends = hulls.e_hi if assume == "certain" else hulls.e_lo
        return self._keep_positions(p for p, end in enumerate(ends) if end < lo)._step("before", day)

    def after(self, day: SpanLike, *, assume: Assume = "certain") -> Self:
        """Records that began after ``day`` ended (undated records: UNKNOWN).

        For an interval, after its last possible day.
        """
        _, hi, _ = day_window(day)
        _check_assume(assume)
        hulls = self._index.hulls()
        starts = hulls.s_lo if assume == "certain" else hulls.s_hi
        return self._keep_positions(p for p, start in enumerate(starts) if start > hi)._step("after", day)

    # -- order and picking -----------------------------------------------------
    def sorted(self, key: Callable[[T], Any] | None = None, reverse: bool = False) -> Self:
        """Sorted by ``key``; by default in timeline order (first date, then id; undated last)."""
        check_callable(key, "key")
        check_flag(reverse, "reverse")
        if key is None:  # the timeline order, ranked once per collection
            index = self._index
            rank = index._time_rank or index.time_rank()
            chosen = self._sel if self._sel is not None else self._unordered()
            return self._view_tuple(tuple(sorted(chosen, key=rank.__getitem__, reverse=reverse)))
        items = self._index.items
        try:
            order = sorted(self._positions(), key=lambda p: key(items[p]), reverse=reverse)
        except TypeError as e:  # a key function that does not take a record, or gives values that cannot be ordered
            raise InvalidArgument(f"key: sorting by it failed: {cut(str(e), 150)}") from e
        return self._view(order)

    def first(self) -> T | None:
        """The first record, or ``None`` if there is none."""
        for item in self:
            return item
        return None

    def earliest(self) -> T | None:
        """The record that comes first on the timeline, or ``None``; undated records are skipped."""
        dated = [x for x in self if _time_key(x)[0] < POS_INF]
        return min(dated, key=_time_key) if dated else None

    def latest(self) -> T | None:
        """The record that comes last on the timeline, or ``None``; undated records are skipped."""
        dated = [x for x in self if _time_key(x)[0] < POS_INF]
        return max(dated, key=_time_key) if dated else None

    def one(self) -> T:
        """The only record; :class:`~isscoop.NotFound` if none, :class:`~isscoop.Ambiguous` if several."""
        items = tuple(self[:2])
        if len(items) == 1:
            return items[0]
        if not items:
            raise NotFound("(this query)", self._kind)
        raise Ambiguous("(this query)", self._kind, list(self.ids))

    # -- does anything match? ------------------------------------------------------
    def exists(self) -> Answer:
        """Does a record match this query?  YES, NO or UNKNOWN, with the reason.

        YES when a record certainly matches.  NO only when nothing matches,
        not even possibly, and the dataset declares :class:`~isscoop.Coverage`
        for the whole question: the kind of record, its scope (the agencies
        and programs of :meth:`between` and of :meth:`involving` one thing,
        the agency of :meth:`~isscoop.OfficialQuery.heads`, the meeting kind
        of ``filter(kind=...)``) and every day it asks about.  UNKNOWN
        otherwise, saying why: a record may match (a partial date, an open
        end past the horizon), no coverage is declared, or the question
        reaches past the dataset's horizon.  Narrowing further (a status, a
        predicate, a search) keeps a declaration valid; a slice does not.
        Both readings are asked whatever ``assume=`` the query was made with.

        >>> import isscoop
        >>> talks = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
        >>> talks.during("2018-10-11", "2025-07-30").exists().value
        Tri.NO
        >>> isscoop.meetings.between("NASA", "ESA").during("2018-10-11", "2025-07-30").exists().value
        Tri.UNKNOWN
        """
        if any(name == _CUT for name, _, _ in self._steps):
            return Answer(
                value=Tri.UNKNOWN,
                reason="the selection was cut by position (a slice), which no question describes",
            )
        for p in self._again("certain")._positions():
            return Answer(value=Tri.YES, reason=f"{self._who(p)} matches{self._why(p)}")
        for p in self._again("possible")._positions():
            return Answer(value=Tri.UNKNOWN, reason=f"{self._who(p)} may match{self._why(p)}")
        return self._covered()

    def _again(self, assume: Assume) -> Self:
        """The same selection made again from the whole collection, its time steps with ``assume``."""
        q = self._view(None)
        q._steps = ()
        for name, args, kwargs in self._steps:
            method = getattr(q, name)
            q = method(*args, **kwargs, assume=assume) if name in _TIMED else method(*args, **kwargs)
        return q

    def _who(self, p: int) -> str:
        item = self._index.items[p]
        return f"{_label(item)} ({item.id})"

    def _why(self, p: int) -> str:
        """``": reason"`` from record ``p``'s answer to the last time step, or nothing."""
        timed = [step for step in self._steps if step[0] in ("on", "during", "heads")]
        if not timed:
            return ""
        name, args, kwargs = timed[-1]
        if name == "heads":
            answers = [a for _, a in self._held_answers(kwargs["of"], kwargs["on"], kwargs["throughout"], p)]
            best = min(answers, key=lambda a: (a.value is not Tri.YES, a.value is not Tri.UNKNOWN), default=None)
            return f": {best.reason}" if best is not None else ""
        lo, hi, label = _step_window(name, args)
        answer = self._index.dated(p)._answer(lo, hi, label, kwargs.get("throughout", False))
        return f": {answer.reason}"

    def _held_answers(
        self, of: object, on: SpanLike, throughout: bool, p: int | None = None
    ) -> list[tuple[_Held, Answer]]:
        """Each head tenure at ``of`` (of record ``p``), with its answer for ``on``, narrowed by succession."""
        lo, hi, label = day_window(on)
        out = []
        for held in self._index.head_tenures().get(self._resolve(of, "of"), ()):
            if p is None or held.p == p:
                out.append((held, window_answer(held.bounds, lo, hi, label, held.tenure, throughout=throughout)))
        return out

    def _question(
        self,
    ) -> tuple[Covered | None, frozenset[str], frozenset[MeetingKind] | None, bool, int, int, str]:
        """What the selection asks, for coverage: the kind of record, the scope, the meeting kinds, whether
        only meetings held in person, the days, and the records asked about in words."""
        covered = _COVERED.get(self._kind)
        scope: set[str] = set()
        kinds: frozenset[MeetingKind] | None = None
        in_person = False
        lo, hi = NEG_INF, POS_INF
        for name, args, kwargs in self._steps:
            window: tuple[int, int] | None = None
            if name == "between":
                scope.update(self._resolve(a, "a") for a in args)
            elif name == "involving" and len(args) == 1:
                scope.add(self._resolve(args[0], "thing"))
            elif name == "filter" and "kind" in kwargs and self._kind == "meeting":
                wanted = _meeting_kinds(kwargs["kind"])
                kinds = wanted if kinds is None else kinds & wanted
            if name == "filter" and kwargs.get("in_person") is True and self._kind == "meeting":
                in_person = True
            elif name == "heads":
                covered = Covered.HEADS
                scope.add(self._resolve(kwargs["of"], "of"))
                window = day_window(kwargs["on"])[:2]
            elif name in ("on", "during"):
                window = _step_window(name, args)[:2]
            elif name == "before":
                window = (NEG_INF, day_window(args[0])[0] - 1)
            elif name == "after":
                window = (day_window(args[0])[1] + 1, POS_INF)
            if window is not None:
                lo, hi = max(lo, window[0]), min(hi, window[1])
        return covered, frozenset(scope), kinds, in_person, lo, hi, self._what(covered, scope, kinds, in_person)

    def _what(
        self, covered: Covered | None, scope: set[str], kinds: frozenset[MeetingKind] | None, in_person: bool
    ) -> str:
        """The records asked about, in words."""
        ds = self._dataset
        names = " and ".join(sorted(ds.resolve(i).label if ds is not None else i for i in scope))
        if covered is Covered.HEADS:
            return f"the heads of {names}"
        kind = " or ".join(sorted(k.adjective for k in kinds)) + " " if kinds else ""
        held = "in-person " if in_person else ""
        return f"{held}{kind}{_plural(self._kind)}" + (f" involving {names}" if names else "")

    def _declared(self) -> tuple[list[tuple[int, int, Coverage]], str | None]:
        """The days declared complete for this selection's question (sorted windows of the coverage that
        apply), or no windows and the reason none can apply."""
        covered, scope, kinds, in_person, _, _, what = self._question()
        ds = self._dataset
        if covered is None:
            return [], (
                f"coverage is declared only for meetings, agreements and the heads of an agency, not for {what}"
            )
        if ds is None:
            return [], "no dataset declares coverage here"
        windows = []
        for c in ds.coverage:
            if c.of is not covered or not c.scope() <= scope:
                continue
            if c.meeting_kinds and not (kinds and kinds <= set(c.meeting_kinds)):
                continue
            if c.in_person_only and not in_person:
                continue
            c_lo, c_hi = c.certain_days(ds.horizon)
            if c_lo <= c_hi:
                windows.append((c_lo, c_hi, c))
        windows.sort(key=lambda w: (w[0], w[1]))
        return windows, None if windows else f"no coverage is declared for {what}"

    def _unrecorded(self, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[Coverage], str]:
        """The days of ``[lo, hi]`` no coverage declares complete, the coverage that does for the others, and
        why the first such day is not covered."""
        windows, none = self._declared()
        gaps, used, reach = [], [], lo - 1
        for c_lo, c_hi, c in windows:
            if reach >= hi:
                break
            if c_hi <= reach:
                continue
            if c_lo > reach + 1:
                gaps.append((reach + 1, min(c_lo - 1, hi)))
            if c_lo <= hi:
                used.append(c)
            reach = max(reach, c_hi)
        if reach < hi:
            gaps.append((max(lo, reach + 1), hi))
        gaps = [(a, b) for a, b in gaps if a <= b]
        ds = self._dataset
        if not gaps:
            why = "; and ".join(f"{c.describe()} is declared recorded ({c.id})" for c in used)
        elif ds is not None and gaps[0][0] > ds.horizon.toordinal():
            why = f"it reaches past {ds.horizon.isoformat()}, the horizon of the data"
            why += " (the last day its facts were checked)"
        elif none is not None:
            why = none
        elif gaps[0][0] <= NEG_INF:
            why = "no coverage reaches back without end"
        else:
            what = self._question()[6]
            why = f"no coverage declares {what} recorded on {_ordinal_text(gaps[0][0])}"
        return gaps, used, why

    def _covered(self) -> Answer:
        """NO if coverage declares the whole question recorded, else UNKNOWN with the reason."""
        _, _, _, _, lo, hi, _ = self._question()
        if lo > hi:
            return Answer(value=Tri.NO, reason="nothing can match: the days asked about do not overlap")
        gaps, _, why = self._unrecorded(lo, hi)
        if not gaps:
            return Answer(value=Tri.NO, reason=f"nothing matches, even possibly, and {why}")
        if "horizon" in why:
            return Answer(value=Tri.UNKNOWN, reason=f"nothing is recorded, but the question {why}")
        return Answer(value=Tri.UNKNOWN, reason=f"nothing is recorded, and {why}: the data may not know")

    # -- how long since? -------------------------------------------------------------------
    def gap_before(self, day: SpanLike) -> Gap:
        """The last record of this query before ``day``, and how long before it: a :class:`~isscoop.Gap`.

        The last record is the latest that certainly matches and was certainly
        over before ``day`` began; the gap runs from the day it ended to
        ``day``, in years, months and days, with a shortest and a longest
        value where dates are partial or other records may match.  Where no
        :class:`~isscoop.Coverage` declares every matching record in between
        recorded, a later one may be missing: the gap could be shorter, and
        :meth:`Gap.judge <isscoop.Gap.judge>` takes that into account.
        Filter on ``status="held"`` to count only meetings that took place.

        >>> import isscoop
        >>> talks = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", in_person=True)
        >>> print(talks.gap_before("2025-07-31"))
        6 years, 9 months and 21 days since Bridenstine-Rogozin meeting at Baikonur (2018-10-10) to 2025-07-31
        """
        d_lo, d_hi, label = day_window(day)
        cut = any(name == _CUT for name, _, _ in self._steps)
        certain = self._positions() if cut else self._again("certain")._positions()
        maybe = self._positions() if cut else self._again("possible")._positions()
        ends = {p: _hull(self._index.dated(p))[2:] for p in {*certain, *maybe}}
        over = [p for p in certain if ends[p][1] < d_lo]  # certainly over before the day began
        last = max(over, key=lambda p: (ends[p][1], ends[p][0]), default=None)
        t_lo = max((ends[p][0] for p in over), default=NEG_INF)
        recorded: list[tuple[int, int]] = [(t_lo, max(ends[p][1] for p in over))] if over else []
        for p in maybe:
            e_lo, e_hi = ends[p]
            if p not in over and e_lo < d_lo and min(e_hi, d_lo - 1) >= max(e_lo, t_lo):
                recorded.append((max(e_lo, t_lo), min(e_hi, d_lo - 1)))
        if cut:
            gaps, why = [(t_lo + 1 if over else NEG_INF, d_lo - 1)], "the selection was cut by position (a slice)"
        else:
            gaps, _, why = self._unrecorded(t_lo + 1 if over else NEG_INF, d_lo - 1)
        complete = Answer(
            value=Tri.UNKNOWN if gaps else Tri.YES, reason=f"a later one may be missing: {why}" if gaps else why
        )
        possible = recorded + [g for g in gaps if g[0] <= g[1]]
        record = self._index.items[last] if last is not None else None
        shortest = longest = None
        if record is not None and recorded:
            latest = max(hi for _, hi in recorded)
            shortest = _duration(latest, d_lo)
            longest = _duration(t_lo, d_hi)
        what = self._question()[6]
        return Gap(
            day=label,
            last=record,
            last_end=_end_of(record) if record is not None else None,
            shortest=shortest,
            longest=longest,
            complete=complete,
            window=(d_lo, d_hi),
            possible=tuple(possible),
            recorded=tuple(recorded),
            what=what,
        )


class OfficialQuery(Query[Official]):
    """A :class:`Query` of officials, with :meth:`heads` and, for a whole column of rows, :meth:`heads_each`."""

    __slots__ = ()

    def heads(self, *, of: Agency | str, on: SpanLike, assume: Assume = "certain", throughout: bool = False) -> Self:
        """Who headed ``of`` at some time within ``on`` (``throughout=True``: all through it), acting heads included.

        ``on`` is a day, a month, a year or an interval (see :data:`~isscoop.SpanLike`).
        A head post is held by one person at a time: each tenure is bounded
        by the others of the agency, so that (with ``assume="possible"``) a
        head known from one attested day is not offered after the successor's
        start or before the predecessor's end; acting heads neither bound nor
        are bounded.  ``exists()`` on the result tells a vacancy the data
        declares it would know of (NO) from a question it does not cover.

        >>> import isscoop
        >>> [o.name for o in isscoop.officials.heads(of="NASA", on="2025-07-31")]
        ['Sean Duffy']
        """
        index = self._index
        times = None
        if type(of) is str:  # an agency's name, folded once per dataset (checked first, as _agency_id does)
            if len(of) > MAX_NAME_CHARS or not of.isprintable():
                check_text(of, "of")
            times = (index._head_names or index.head_names()).get(of.casefold())
        if times is None:
            times = (index._heads or index.heads()).get(self._agency_id(of), _NO_HEADS)
        if type(on) is str and len(on) == 10 and on[4] == "-" and on[7] == "-":  # _fast_day, inline: a hot path
            try:
                lo = hi = datetime.date.fromisoformat(on).toordinal()
            except ValueError:
                lo, hi, _ = day_window(on)
        else:
            lo, hi, _ = day_window(on)
        if throughout:
            lo, hi = hi, lo  # the rule of window_answer, for every day of the window (see _Window)
        if type(assume) is str and assume == "certain" and lo == hi:  # one day: its segment's holders
            found = times.certain[bisect_right(times.breaks, lo) - 1]
        else:
            _check_assume(assume)
            found = times.holders(lo, hi, assume)
        step = ("heads", (), {"of": of, "on": on, "throughout": throughout})
        if self._sel is None and self._set is None and self._window is None:
            q = object.__new__(type(self))  # a view of the (usually one) holder, made in place: a hot path
            q._index, q._sel, q._set, q._window, q._steps = index, found, None, None, (*self._steps, step)
            return q
        q = self._keep_positions(found)
        q._steps = (*q._steps, step)
        return q

    def heads_each(self, *, of: object, on: object) -> Column[tuple[Official, ...]]:
        """Who headed each row's agency on each row's day: one answer per row, in one call.

        ``of`` and ``on`` are columns of the same length -- sequences,
        pandas Series or NumPy arrays, at most 10,000,000 rows -- or one of
        them a single value for every row.  ``of`` holds agencies or their
        names, ``on`` days (ISO or EDTF text, a month, a year or an interval
        as :meth:`heads` takes them, ``datetime.date``, :class:`PartialDate`,
        or a ``datetime64`` column).  Each row's answer is the tuple of the
        officials who certainly headed the agency at some time that day
        (acting heads included) -- the answer of :meth:`heads` -- or, when
        nobody certainly did but the dates cannot rule out that someone did
        (``heads(..., assume="possible")`` finds someone),
        :attr:`Tri.UNKNOWN`, with the reason in :attr:`Column.reasons`.
        ``()`` is the certain answer that nobody did.  A row with no agency
        or no day (``None``, ``NaN``, ``NaT``) is UNKNOWN.

        >>> import isscoop
        >>> rows = isscoop.officials.heads_each(of=["NASA", "NASA", "ESA"], on=["2025-07-31", "2019-02", None])
        >>> rows.labels()
        ['Sean Duffy', 'Jim Bridenstine', None]
        >>> rows.reasons[2]
        'no day given'
        """
        index = self._index
        return _bulk.heads_each(of, on, self._agency_id, index._heads or index.heads(), index.items, self._members())

    def _agency_id(self, of: object) -> str:
        """The id of the agency ``of`` is or names."""
        ds = self._dataset
        if isinstance(of, Agency):
            if ds is not None:
                ds.agencies._position_of(of, "of")
            return of.id
        if isinstance(of, Record | Source):
            raise InvalidArgument(f"of: expected an agency, got the {of.kind_name} {cut(of.id)}")
        if not isinstance(of, str):
            raise InvalidArgument(f"of: expected an Agency (or its id or name), got {got(of)}")
        check_text(of, "of")
        return of if ds is None else ds.agencies.get(of).id


Statuses: TypeAlias = "str | MeetingStatus | Iterable[str | MeetingStatus] | None"


class MeetingQuery(Query[Meeting]):
    """A :class:`Query` of meetings whose date questions answer with meetings that took place.

    :meth:`on` and :meth:`during` keep held meetings only, unless ``status``
    names others (``"planned"``, ``"cancelled"``, a list of them, or
    ``None`` for any); visits (the trips during which meetings are held)
    come back only with ``visits=True``.  Other selections
    (:meth:`~Query.between`, :meth:`~Query.involving`, ...) keep every status.

    >>> import isscoop
    >>> isscoop.meetings.between("NASA", "Roscosmos").on("2025-07-31").ids
    ('bakanov-duffy-2025',)
    """

    __slots__ = ()

    def on(
        self,
        day: SpanLike,
        *,
        assume: Assume = "certain",
        throughout: bool = False,
        status: Statuses = "held",
        visits: bool = False,
    ) -> Self:
        """Meetings going on at some time within ``day`` (see :meth:`Query.on`), held ones unless
        ``status`` says otherwise; visits only with ``visits=True``."""
        wanted = _statuses(status)
        check_flag(visits, "visits")
        return self._kept(super().on(day, assume=assume, throughout=throughout), wanted, visits)

    def during(
        self,
        start: SpanLike | None,
        end: SpanLike | None = _ONE,
        *,
        assume: Assume = "certain",
        status: Statuses = "held",
        visits: bool = False,
    ) -> Self:
        """Meetings going on at some time between ``start`` and ``end`` (see :meth:`Query.during`),
        held ones unless ``status`` says otherwise; visits only with ``visits=True``."""
        wanted = _statuses(status)
        check_flag(visits, "visits")
        return self._kept(super().during(start, end, assume=assume), wanted, visits)

    def _kept(self, q: Self, wanted: frozenset[MeetingStatus] | None, visits: bool) -> Self:
        if wanted is None and visits:
            return q
        items = q._index.items
        return q._view(
            p
            for p in q._positions()
            if (wanted is None or items[p].status in wanted) and (visits or items[p].kind is not MeetingKind.VISIT)
        )


def _statuses(status: Statuses) -> frozenset[MeetingStatus] | None:
    if status is None or status == "any":
        return None
    choices = ", ".join(repr(m.value) for m in MeetingStatus)
    if isinstance(status, str | MeetingStatus):
        given: list[object] = [status]
    elif isinstance(status, list | tuple | set | frozenset) and len(status) <= len(MeetingStatus):
        given = list(status)
    else:
        raise InvalidArgument(f"status: expected {choices}, a list of them, or None, got {got(status)}")
    out = set()
    for s in given:
        if isinstance(s, MeetingStatus):
            out.add(s)
        elif isinstance(s, str) and s in MeetingStatus._value2member_map_:
            out.add(MeetingStatus(s))
        else:
            raise InvalidArgument(f"status: expected {choices}, a list of them, or None, got {got(s)}")
    return frozenset(out)


class AgreementQuery(Query[Agreement]):
    """A :class:`Query` of agreements, with :meth:`in_force`; for a whole column of rows,
    :meth:`in_force_each` and :meth:`participants_each`."""

    __slots__ = ()

    def in_force(self, *, on: SpanLike, assume: Assume = "certain", throughout: bool = False) -> Self:
        """Agreements that applied at some time within ``on`` (``throughout=True``: all through it).

        >>> import isscoop
        >>> "seat-swap-2022" in isscoop.agreements.in_force(on="2025-07-31")
        True
        """
        return self.on(on, assume=assume, throughout=throughout)

    def _position(self, key: object) -> int:
        """The position of the agreement ``key`` is or names (see :meth:`Query.get`)."""
        if not isinstance(key, str | Record | Source):
            raise InvalidArgument(f"agreements: expected agreements or their ids, titles or aliases, got {got(key)}")
        found = self.get(cast("str | Agreement", key))  # a record of another kind: InvalidArgument
        return self._index.ids()[found.id]

    def in_force_each(self, agreements: object, *, on: object) -> Column[Tri]:
        """Did each row's agreement apply at some time within each row's day? One answer per row.

        The columns are read as by :meth:`OfficialQuery.heads_each`;
        ``agreements`` holds agreements or their ids, titles or aliases.
        Each answer is :attr:`Tri.YES`, :attr:`Tri.NO` or
        :attr:`Tri.UNKNOWN` (with its reason), as
        :meth:`Agreement.in_force_on` answers.

        >>> import isscoop
        >>> rows = isscoop.agreements.in_force_each("us-russia-space-agreement-1992", on=["1991", "1995", "2022"])
        >>> rows.values
        (Tri.NO, Tri.UNKNOWN, Tri.YES)
        >>> rows.reasons[1]
        'start 1992-06-17'
        """
        index = self._index
        return _bulk.in_force_each(agreements, on, self._position, index.spans(), index.dated)

    def participants_each(self, agreements: object, *, on: object) -> Column[tuple[Agency, ...]]:
        """The parties that had joined each row's agreement by the end of each row's day. One answer per row.

        The rule of :meth:`Agreement.parties_on`: each answer is the tuple of
        the parties that had certainly joined, or :attr:`Tri.UNKNOWN` when a
        step that decides whether one had may or may not have been taken by
        then (its date is partial), with the reason.

        >>> import isscoop
        >>> rows = isscoop.agreements.participants_each(["seat-swap-2022"], on=["2023-01-01"])
        >>> rows.labels()
        ['NASA; Roscosmos']
        """
        index = self._index
        return _bulk.participants_each(agreements, on, self._position, index.dated)


def _duration(first: int, last: int) -> Duration | None:
    """The duration between two day ordinals, when both are days of ``datetime.date``."""
    if not (1 <= first <= last <= datetime.date.max.toordinal()):
        return None
    return Duration.between(datetime.date.fromordinal(first), datetime.date.fromordinal(last))


def _end_of(record: Any) -> PartialDate | None:
    """The day a record ended, as it gives it: its end, or its date for a record of one day."""
    start, end, _ = record.span()
    return cast("PartialDate | None", end or start)


def _step_window(name: str, args: tuple[Any, ...]) -> tuple[int, int, str]:
    """The days an ``on`` or ``during`` step asks about."""
    if name == "on" or args[1] is _ONE:
        return day_window(args[0]) if args[0] is not None else (NEG_INF, POS_INF, "/")
    return span_window(args[0], args[1])


def _meeting_kinds(value: object) -> frozenset[MeetingKind]:
    """The meeting kind ``filter(kind=value)`` keeps (none for a value that is not one)."""
    if isinstance(value, MeetingKind):
        return frozenset({value})
    try:
        return frozenset({MeetingKind(value)})
    except ValueError:
        return frozenset()


def _ratio(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()``, or 0.0 when even its upper bounds are under 0.75."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
        return 0.0
    return matcher.ratio()


def _check_index(index: object) -> None:
    """Reject an index that is neither an int nor a slice of ints."""
    if isinstance(index, slice):
        parts = (index.start, index.stop, index.step)
        if not all(p is None or isinstance(p, int) for p in parts):
            raise InvalidArgument(f"index: expected a slice of ints, got {got(index)}")
        if index.step == 0:
            raise InvalidRecord("index: a slice step cannot be zero")
    elif isinstance(index, bool) or not isinstance(index, int):
        raise InvalidArgument(f"index: expected an int or a slice, got {got(index)}")


def _named_on(item: object, key: str, on: SpanLike) -> bool:
    """Whether ``key`` may have named ``item`` within ``on``."""
    names = getattr(item, "names", ())
    if not names:
        return True
    wanted = _text.keys(key)
    return any(_text.keys(name) & wanted for n in names if not n.period.covers(on).no for name in (n.name, *n.aliases))


def _at_horizon(item: Any, horizon: datetime.date | None) -> Any:
    """``item``, or a copy with ``horizon`` if it is a record with no horizon of its own."""
    if horizon is None or not isinstance(item, Record) or item.horizon is not None:
        return item
    return attrs.evolve(item, horizon=horizon)


def _hull(item: object) -> tuple[int, int, int, int]:
    if isinstance(item, Record):
        return item._hull()
    return (NEG_INF, POS_INF, NEG_INF, POS_INF)


def _span_bounds(item: object) -> tuple[tuple[int, int, int, int], ...]:
    if isinstance(item, Record):
        return tuple(b for b, _ in item._spans())
    return ()


def _involved_ids(item: object) -> set[str]:
    if isinstance(item, Record):
        return {r.id for r in item._related()}
    return set()


def _time_key(item: object) -> tuple[int, int, int, str]:
    dates = item._dates() if isinstance(item, Record) else ()
    ident = str(getattr(item, "id", ""))
    if not dates:
        return (POS_INF, 0, 0, ident)
    return (*dates[0].sort_key(), ident)


def _label(item: object) -> str:
    if isinstance(item, Record):
        return item.label
    return str(getattr(item, "id", item))


def _plural(kind: str) -> str:
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


present_as_isscoop(globals())
