"""Typed, immutable, chainable queries over records.

Every collection of the dataset (``isscoop.agencies``, ``isscoop.meetings``,
...) is a :class:`Query`.  Every method returns a new query or a record; none
changes anything.  A query iterates in the order it was made from: the
dataset's collections are in id order, and :meth:`Query.sorted` orders by time.
"""

from __future__ import annotations

import difflib
import enum
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Generic, Self, TypeAlias, TypeVar, cast, overload

import attrs

from . import _text
from ._dates import (
    NEG_INF,
    POS_INF,
    Answer,
    DateLike,
    Tri,
    day_window,
    span_window,
    to_partial_date,
)
from ._errors import Ambiguous, InvalidRecord, NotFound
from ._exportable import Exportable
from ._model import Agency, Agreement, Assume, Meeting, MeetingKind, MeetingStatus, Official, Record, Source, _keep
from ._public import present_as_isscoop

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["AgreementQuery", "MeetingQuery", "OfficialQuery", "Query"]

T = TypeVar("T", bound="Record | Source")
_MISSING: Any = object()


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


class _Spans:
    """Sorted bounds of the times records were going on, for on/during/in-force questions.

    Each entry is one span of one record (an official has one per tenure).
    An entry answers YES for a window when ``s_hi <= w_hi and e_lo >= w_lo``
    and NO when ``s_lo > w_hi or e_hi < w_lo`` -- the same rule as
    :func:`isscoop._dates.window_answer` -- so counting and listing need only
    binary searches over sorted arrays.
    """

    __slots__ = (
        "e_hi",
        "e_hi_sorted",
        "e_lo",
        "e_lo_order",
        "e_lo_sorted",
        "irregular_no",
        "irregular_yes",
        "offsets",
        "pos",
        "regular_e_hi",
        "regular_e_lo",
        "s_hi",
        "s_hi_order",
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
        self.s_hi_order = array("l", sorted(range(n), key=s_hi.__getitem__))
        self.s_hi_sorted = array("q", (s_hi[i] for i in self.s_hi_order))
        self.e_lo_order = array("l", sorted(range(n), key=e_lo.__getitem__))
        self.e_lo_sorted = array("q", (e_lo[i] for i in self.e_lo_order))
        self.s_lo_sorted = array("q", sorted(s_lo))
        self.e_hi_sorted = array("q", sorted(e_hi))
        # Entries where a YES (NO) window test cannot be counted by subtraction.
        self.irregular_yes = array("l", (i for i in range(n) if s_hi[i] > e_lo[i]))
        self.irregular_no = array("l", (i for i in range(n) if s_lo[i] > e_hi[i]))
        self.regular_e_lo = array("q", sorted(e_lo[i] for i in range(n) if s_hi[i] <= e_lo[i]))
        self.regular_e_hi = array("q", sorted(e_hi[i] for i in range(n) if s_lo[i] <= e_hi[i]))

    def count(self, w_lo: int, w_hi: int, assume: Assume) -> int:
        """How many entries answer YES (or, ``"possible"``, not NO); for one entry per record."""
        if assume == "certain":
            total = bisect_right(self.s_hi_sorted, w_hi) - bisect_left(self.regular_e_lo, w_lo)
            return total - sum(1 for i in self.irregular_yes if self.s_hi[i] <= w_hi and self.e_lo[i] < w_lo)
        total = bisect_right(self.s_lo_sorted, w_hi) - bisect_left(self.regular_e_hi, w_lo)
        return total - sum(1 for i in self.irregular_no if self.s_lo[i] <= w_hi and self.e_hi[i] < w_lo)

    def test(self, p: int, w_lo: int, w_hi: int, assume: Assume) -> bool:
        """Whether record ``p`` has an entry that answers YES (or, ``"possible"``, not NO)."""
        if assume == "certain":
            s_hi, e_lo = self.s_hi, self.e_lo
            return any(s_hi[i] <= w_hi and e_lo[i] >= w_lo for i in range(self.offsets[p], self.offsets[p + 1]))
        s_lo, e_hi = self.s_lo, self.e_hi
        return any(s_lo[i] <= w_hi and e_hi[i] >= w_lo for i in range(self.offsets[p], self.offsets[p + 1]))

    def positions(self, w_lo: int, w_hi: int, assume: Assume) -> list[int]:
        """Positions of the records with an entry that answers YES (or not NO), ascending."""
        pos = self.pos
        if assume == "certain":
            n_a = bisect_right(self.s_hi_sorted, w_hi)
            n_b = len(self.e_lo_sorted) - bisect_left(self.e_lo_sorted, w_lo)
            if n_a <= n_b:
                e_lo = self.e_lo
                hits = [pos[i] for i in self.s_hi_order[:n_a] if e_lo[i] >= w_lo]
            else:
                s_hi = self.s_hi
                hits = [pos[i] for i in self.e_lo_order[len(self.e_lo_sorted) - n_b :] if s_hi[i] <= w_hi]
        else:
            s_lo, e_hi = self.s_lo, self.e_hi
            hits = [pos[i] for i in range(len(pos)) if s_lo[i] <= w_hi and e_hi[i] >= w_lo]
        # With one span per record the positions are already distinct.
        return sorted(hits) if self.single else sorted(set(hits))


class _Index:
    """Lookup structures over one collection, each built on first use, under a lock."""

    __slots__ = ("_built", "_lock", "items")

    def __init__(self, items: tuple[Any, ...]) -> None:
        self.items = items
        self._lock = threading.Lock()
        self._built: dict[str, Any] = {}

    def _get(self, name: str, build: Callable[[], Any]) -> Any:
        value = self._built.get(name)
        if value is None:
            with self._lock:
                value = self._built.get(name)
                if value is None:
                    value = build()
                    self._built[name] = value
        return value

    def ids(self) -> dict[str, int]:
        """Position of each record by id."""
        return cast(
            dict[str, int], self._get("ids", lambda: {getattr(x, "id", ""): p for p, x in enumerate(self.items)})
        )

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

        return cast("dict[str, tuple[int, ...]]", self._get("names", build))

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

        return cast("dict[str, array[int]]", self._get("postings", build))

    def remembered(self) -> dict[str, int]:
        """Positions of records found by name before (names repeat in real use)."""
        return cast("dict[str, int]", self._get("remembered", dict))

    def posting_set(self, ident: str) -> frozenset[int]:
        """The posting list of ``ident`` as a set, kept once asked for (queries repeat)."""
        sets = cast("dict[str, frozenset[int]]", self._get("posting_sets", dict))
        found = sets.get(ident)
        if found is None:
            found = sets[ident] = frozenset(self.postings().get(ident, ()))
        return found

    def heads(self) -> dict[str, list[tuple[int, tuple[int, int, int, int]]]]:
        """For each agency, the position and time bounds of every head tenure held there."""

        def build() -> dict[str, list[tuple[int, tuple[int, int, int, int]]]]:
            out: dict[str, list[tuple[int, tuple[int, int, int, int]]]] = {}
            for p, item in enumerate(self.items):
                for t in getattr(item, "tenures", ()):
                    if t.head:
                        out.setdefault(t.agency.id, []).append((p, t.bounds()))
            return out

        return cast("dict[str, list[tuple[int, tuple[int, int, int, int]]]]", self._get("heads", build))

    def spans(self) -> _Spans:
        """Sorted time bounds for on/during/in-force questions."""
        return cast(_Spans, self._get("spans", lambda: _Spans(_span_bounds(x) for x in self.items)))

    def hulls(self) -> _Spans:
        """One bound per record, from its first to its last time, for before/after questions."""
        return cast(_Spans, self._get("hulls", lambda: _Spans((_hull(x),) for x in self.items)))


@attrs.frozen
class _Window:
    """A deferred on/during selection over a whole collection: counted without listing."""

    lo: int
    hi: int
    assume: Assume


class Query(Exportable, Generic[T]):
    """An immutable, ordered selection of records of one kind.

    Selections share their collection's indexes, which are built on first
    use: an id and name index for :meth:`get`, posting lists for
    :meth:`involving` and :meth:`between`, and sorted time bounds for
    :meth:`on`, :meth:`during`, :meth:`before`, :meth:`after` and
    :meth:`AgreementQuery.in_force`.  ``len()`` of a time selection over a
    whole collection counts without building the records' list.

    >>> import isscoop
    >>> q = isscoop.agencies
    >>> q.get("NASA").name
    'National Aeronautics and Space Administration'
    >>> q.get("Роскосмос") is q.get("roscosmos")
    True
    """

    __slots__ = ("_dataset", "_index", "_kind", "_sel", "_selset", "_window")

    def __init__(self, items: Iterable[T] = (), *, kind: str = "record", dataset: Dataset | None = None) -> None:
        self._index = _Index(tuple(items))
        self._kind = kind
        self._dataset = dataset
        self._sel: tuple[int, ...] | None = None  # positions in order; None: every record, in order
        self._window: _Window | None = None  # a deferred time selection over every record
        self._selset: frozenset[int] | None = None

    def _view(self, sel: Iterable[int] | None, window: _Window | None = None) -> Self:
        q = object.__new__(type(self))
        q._index, q._kind, q._dataset = self._index, self._kind, self._dataset
        q._sel = None if sel is None else tuple(sel)
        q._window = window
        q._selset = None
        return q

    def _new(self, items: Iterable[T]) -> Self:
        """A query over the given records, which must come from this collection."""
        ids = self._index.ids()
        return self._view(ids[x.id] for x in items)

    def _positions(self) -> tuple[int, ...]:
        sel = self._sel
        if sel is None:
            window = self._window
            if window is None:
                return tuple(range(len(self._index.items)))
            sel = tuple(self._index.spans().positions(window.lo, window.hi, window.assume))
            self._sel, self._window = sel, None
        return sel

    def _members(self) -> frozenset[int] | None:
        """The selected positions as a set; ``None`` when every record is selected."""
        if self._sel is None and self._window is None:
            return None
        if self._selset is None:
            self._selset = frozenset(self._positions())
        return self._selset

    # -- the sequence protocol ------------------------------------------------
    def __len__(self) -> int:
        if self._sel is None:
            window = self._window
            if window is None:
                return len(self._index.items)
            spans = self._index.spans()
            if spans.single:
                return spans.count(window.lo, window.hi, window.assume)
        return len(self._positions())

    def __iter__(self) -> Iterator[T]:
        items = self._index.items
        if self._sel is None and self._window is None:
            return iter(items)
        return (items[p] for p in self._positions())

    def __bool__(self) -> bool:
        return len(self) > 0

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: int | slice) -> T | Self:
        if self._sel is None and self._window is None:
            if isinstance(index, slice):
                return self._view(range(len(self._index.items))[index])
            return cast(T, self._index.items[index])
        positions = self._positions()
        if isinstance(index, slice):
            return self._view(positions[index])
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
    def get(self, key: str | T, *, on: DateLike | None = None) -> T: ...
    @overload
    def get(self, key: str | T, default: T | None, *, on: DateLike | None = None) -> T | None: ...
    def get(self, key: str | T, default: T | None = _MISSING, *, on: DateLike | None = None) -> T | None:
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
        """
        items = self._index.items
        members = self._members()
        if not isinstance(key, str):
            if key in self:
                return key
            if default is not _MISSING:
                return default
            raise NotFound(repr(key), self._kind)
        if on is None and members is None:
            remembered = self._index.remembered().get(key)
            if remembered is not None:
                return cast(T, items[remembered])
        p = self._index.ids().get(key)
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
            if on is None and members is None:
                self._index.remembered()[key] = self._index.ids()[found[0].id]
            return found[0]
        if len(found) > 1:
            raise Ambiguous(key, self._kind, [f"{x.id} ({_label(x)})" for x in found])
        if default is not _MISSING:
            return default
        raise NotFound(key, self._kind, self._close_matches(key))

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
        """Records matching ``text``, best first: exact name, then prefix, then substring, then fuzzy."""
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
                            ratio = difflib.SequenceMatcher(None, w, key).ratio()
                            score = 0.7 * ratio if ratio >= 0.75 else 0.0
                        best = max(best, score)
            if best > 0:
                scored.append((-best, pos, item))
        scored.sort(key=lambda s: (s[0], s[1]))
        return self._new(item for _, _, item in scored)

    # -- selection -------------------------------------------------------------
    def filter(self, predicate: Callable[[T], bool] | None = None, /, **fields: object) -> Self:
        """Records for which ``predicate`` is true and every ``field=value`` matches.

        Enum fields also match their string value: ``kind="heads_of_agency"``.
        """

        def match(item: T) -> bool:
            for name, wanted in fields.items():
                if not hasattr(item, name):
                    raise AttributeError(f"{type(item).__name__} has no field {name!r}")
                have = getattr(item, name)
                if isinstance(have, enum.Enum) and isinstance(wanted, str):
                    have = have.value
                if isinstance(wanted, Record | Source) and isinstance(have, Record | Source):
                    if have.id != wanted.id:
                        return False
                elif have != wanted:
                    return False
            return predicate is None or bool(predicate(item))

        return self._new(x for x in self if match(x))

    def _resolve(self, thing: object) -> str:
        if isinstance(thing, Record):
            return thing.id
        if isinstance(thing, str):
            ds = self._dataset
            if ds is None:
                return thing
            return ds.resolve(thing).id
        raise TypeError(
            f"expected an Agency, Official or Program (or its id or name), got {thing!r} ({type(thing).__name__})"
        )

    def _keep_positions(self, candidates: Iterable[int]) -> Self:
        """A view of the candidate positions that this query selects, in this query's order."""
        members = self._members()
        if members is None:
            return self._view(sorted(set(candidates)))
        wanted = set(candidates)
        if self._sel is not None and len(wanted) * 4 < len(self._sel) and self._ordered():
            return self._view(p for p in self._sel if p in wanted)
        if self._ordered():
            return self._view(p for p in self._positions() if p in wanted)
        return self._view(sorted(wanted & members))

    def _ordered(self) -> bool:
        """Whether the selection is in an order of its own (sorted, ranked) rather than position order."""
        sel = self._sel
        return sel is not None and any(a > b for a, b in pairwise(sel))

    def involving(self, *things: object) -> Self:
        """Records that involve any of ``things`` (agencies, officials or programs, or their names)."""
        postings = self._index.postings()
        hits: set[int] = set()
        for ident in {self._resolve(t) for t in things}:
            hits.update(postings.get(ident, ()))
        return self._keep_positions(hits)

    def between(self, a: object, b: object) -> Self:
        """Records that involve both ``a`` and ``b``."""
        index = self._index
        return self._keep_positions(index.posting_set(self._resolve(a)) & index.posting_set(self._resolve(b)))

    def _in_window(self, lo: int, hi: int, assume: Assume) -> Self:
        if assume not in ("certain", "possible"):
            _keep(Answer(value=Tri.NO, reason=""), assume)  # raises with the message
        if self._sel is None and self._window is None:
            return self._view(None, _Window(lo, hi, assume))
        members = self._positions()
        spans = self._index.spans()
        if len(members) * 8 < len(self._index.items):
            return self._view(p for p in members if spans.test(p, lo, hi, assume))
        return self._keep_positions(spans.positions(lo, hi, assume))

    def on(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records going on at some time within ``day``.

        A partial ``day`` (``"2025-07"``) means any time in it.  By default only
        records for which that is certain are kept; ``assume="possible"`` also
        keeps those the dates cannot decide.
        """
        return self._in_window(*to_partial_date(day).bounds(), assume)

    def during(self, start: DateLike | None, end: DateLike | None, *, assume: Assume = "certain") -> Self:
        """Records going on at some time between ``start`` and ``end`` (``None``: unbounded)."""
        lo = NEG_INF if start is None else to_partial_date(start).bounds()[0]
        hi = POS_INF if end is None else to_partial_date(end).bounds()[1]
        if lo > hi:
            span_window(start, end)  # raises, naming both dates
        return self._in_window(lo, hi, assume)

    def before(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records that were over before ``day`` began (undated records: UNKNOWN)."""
        lo, _, _ = day_window(day)
        _keep(Answer(value=Tri.NO, reason=""), assume)
        hulls = self._index.hulls()
        ends = hulls.e_hi if assume == "certain" else hulls.e_lo
        return self._keep_positions(p for p, end in enumerate(ends) if end < lo)

    def after(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records that began after ``day`` ended (undated records: UNKNOWN)."""
        _, hi, _ = day_window(day)
        _keep(Answer(value=Tri.NO, reason=""), assume)
        hulls = self._index.hulls()
        starts = hulls.s_lo if assume == "certain" else hulls.s_hi
        return self._keep_positions(p for p, start in enumerate(starts) if start > hi)

    # -- order and picking -----------------------------------------------------
    def sorted(self, key: Callable[[T], Any] | None = None, reverse: bool = False) -> Self:
        """Sorted by ``key``; by default in timeline order (first date, then id; undated last)."""
        items = self._index.items
        order = sorted(self._positions(), key=lambda p: (key or _time_key)(items[p]), reverse=reverse)
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


class OfficialQuery(Query[Official]):
    """A :class:`Query` of officials, with :meth:`heads`."""

    __slots__ = ()

    def heads(self, *, of: Agency | str, on: DateLike, assume: Assume = "certain") -> Self:
        """Who headed ``of`` at some time within ``on``, acting heads included.

        >>> import isscoop
        >>> [o.name for o in isscoop.officials.heads(of="NASA", on="2025-07-31")]
        ['Sean Duffy']
        """
        agency_id = self._resolve(of)
        lo, hi = to_partial_date(on).bounds()

        _keep(Answer(value=Tri.NO, reason=""), assume)  # reject a bad assume value

        tenures = self._index.heads().get(agency_id, ())
        return self._keep_positions({p for p, bounds in tenures if _within(bounds, lo, hi, assume)})


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

    def on(self, day: DateLike, *, assume: Assume = "certain", status: Statuses = "held", visits: bool = False) -> Self:
        """Meetings going on at some time within ``day`` (see :meth:`Query.on`), held ones unless
        ``status`` says otherwise; visits only with ``visits=True``."""
        return self._kept(super().on(day, assume=assume), status, visits)

    def during(
        self,
        start: DateLike | None,
        end: DateLike | None,
        *,
        assume: Assume = "certain",
        status: Statuses = "held",
        visits: bool = False,
    ) -> Self:
        """Meetings going on at some time between ``start`` and ``end`` (see :meth:`Query.during`),
        held ones unless ``status`` says otherwise; visits only with ``visits=True``."""
        return self._kept(super().during(start, end, assume=assume), status, visits)

    def _kept(self, q: Self, status: Statuses, visits: bool) -> Self:
        wanted = _statuses(status)
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
    given = [status] if isinstance(status, str | MeetingStatus) else list(status)
    out = set()
    for s in given:
        try:
            out.add(s if isinstance(s, MeetingStatus) else MeetingStatus(s))
        except ValueError:
            choices = ", ".join(repr(m.value) for m in MeetingStatus)
            raise InvalidRecord(f"status: expected {choices}, a list of them, or None, got {str(s)[:40]!r}") from None
    return frozenset(out)


class AgreementQuery(Query[Agreement]):
    """A :class:`Query` of agreements, with :meth:`in_force`."""

    __slots__ = ()

    def in_force(self, *, on: DateLike, assume: Assume = "certain") -> Self:
        """Agreements that applied at some time within ``on``.

        >>> import isscoop
        >>> "seat-swap-2022" in isscoop.agreements.in_force(on="2025-07-31")
        True
        """
        return self.on(on, assume=assume)


def _within(bounds: tuple[int, int, int, int], lo: int, hi: int, assume: Assume) -> bool:
    """The rule of :func:`isscoop._dates.window_answer`, without the reason: YES (or, "possible", not NO)."""
    s_lo, s_hi, e_lo, e_hi = bounds
    if assume == "certain":
        return s_hi <= hi and e_lo >= lo
    return s_lo <= hi and e_hi >= lo


def _named_on(item: object, key: str, on: DateLike) -> bool:
    """Whether ``key`` may have named ``item`` within ``on``."""
    names = getattr(item, "names", ())
    if not names:
        return True
    wanted = _text.keys(key)
    return any(_text.keys(name) & wanted for n in names if not n.period.covers(on).no for name in (n.name, *n.aliases))


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
