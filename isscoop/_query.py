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
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Final, Generic, Self, TypeAlias, TypeVar, cast, overload

import attrs

from . import _text
from ._args import check_callable, check_flag, check_text, got
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
    """Lookup structures over one collection, each built on first use, under a lock.

    ``horizon`` is the dataset's: the time bounds of a record that has no
    horizon of its own (one built in Python) are read as if it had this one.
    """

    __slots__ = ("_built", "_lock", "horizon", "items")

    def __init__(self, items: tuple[Any, ...], horizon: datetime.date | None = None) -> None:
        self.items = items
        self.horizon = horizon
        self._lock = threading.Lock()
        self._built: dict[str, Any] = {}

    def dated(self, p: int) -> Any:
        """Record ``p`` as the dataset reads it: with the dataset's horizon if it has none of its own."""
        return _at_horizon(self.items[p], self.horizon)

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
        """For each agency, the position and time bounds of every head tenure held there.

        The bounds are narrowed by succession (see :func:`_succession`).
        """
        self.head_tenures()
        return cast("dict[str, list[tuple[int, tuple[int, int, int, int]]]]", self._built["heads"])

    def head_tenures(self) -> dict[str, list[_Held]]:
        """For each agency, every head tenure held there, with its bounds narrowed by succession."""

        def build() -> dict[str, list[_Held]]:
            out: dict[str, list[_Held]] = {}
            for p, item in enumerate(self.items):
                for t in getattr(_at_horizon(item, self.horizon), "tenures", ()):
                    if t.head:
                        out.setdefault(t.agency.id, []).append(_Held(p=p, official=item, tenure=t, bounds=t.bounds()))
            return {agency: _succession(held) for agency, held in out.items()}

        built = cast("dict[str, list[_Held]]", self._get("head_tenures", build))
        plain = self._built.get("heads")
        if plain is None:
            with self._lock:
                plain = self._built.setdefault(
                    "heads", {agency: [(h.p, h.bounds) for h in held] for agency, held in built.items()}
                )
        return built

    def spans(self) -> _Spans:
        """Sorted time bounds for on/during/in-force questions."""
        h = self.horizon
        return cast(_Spans, self._get("spans", lambda: _Spans(_span_bounds(_at_horizon(x, h)) for x in self.items)))

    def hulls(self) -> _Spans:
        """One bound per record, from its first to its last time, for before/after questions."""
        h = self.horizon
        return cast(_Spans, self._get("hulls", lambda: _Spans((_hull(_at_horizon(x, h)),) for x in self.items)))


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

    __slots__ = ("_dataset", "_index", "_kind", "_sel", "_selset", "_steps", "_window")

    def __init__(self, items: Iterable[T] = (), *, kind: str = "record", dataset: Dataset | None = None) -> None:
        self._index = _Index(tuple(items), dataset.horizon if dataset is not None else None)
        self._kind = kind
        self._dataset = dataset
        self._sel: tuple[int, ...] | None = None  # positions in order; None: every record, in order
        self._window: _Window | None = None  # a deferred time selection over every record
        self._selset: frozenset[int] | None = None
        self._steps: tuple[_Step, ...] = ()  # how the selection was made, for exists()

    def _view(self, sel: Iterable[int] | None, window: _Window | None = None) -> Self:
        q = object.__new__(type(self))
        q._index, q._kind, q._dataset = self._index, self._kind, self._dataset
        q._sel = None if sel is None else tuple(sel)
        q._window = window
        q._selset = None
        q._steps = self._steps
        return q

    def _step(self, step: str, /, *args: Any, **kwargs: Any) -> Self:
        """This (new) selection, noting the step it was made by (see :meth:`exists`)."""
        self._steps = (*self._steps, (step, args, kwargs))
        return self

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
            if spans.single and not window.throughout:
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
        _check_index(index)
        if self._sel is None and self._window is None:
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
        items = self._index.items
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
        for ident in {self._resolve(t, "things") for t in things}:
            hits.update(postings.get(ident, ()))
        return self._keep_positions(hits)._step("involving", *things)

    def between(self, a: object, b: object) -> Self:
        """Records that involve both ``a`` and ``b``."""
        index = self._index
        both = index.posting_set(self._resolve(a, "a")) & index.posting_set(self._resolve(b, "b"))
        return self._keep_positions(both)._step("between", a, b)

    def _in_window(self, lo: int, hi: int, assume: Assume, throughout: bool = False) -> Self:
        _check_assume(assume)
        if throughout:
            lo, hi = hi, lo  # see _Window
        if self._sel is None and self._window is None:
            return self._view(None, _Window(lo, hi, assume, throughout))
        members = self._positions()
        spans = self._index.spans()
        if len(members) * 8 < len(self._index.items):
            return self._view(p for p in members if spans.test(p, lo, hi, assume))
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
        _check_assume(assume)
        lo, hi, _ = day_window(day)
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
            lo, hi, _ = span_window(start, end)  # raises if the end comes before the start
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
        items = self._index.items
        try:
            order = sorted(self._positions(), key=lambda p: (key or _time_key)(items[p]), reverse=reverse)
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
    """A :class:`Query` of officials, with :meth:`heads`."""

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
        agency_id = self._agency_id(of)
        lo, hi, _ = day_window(on)
        if throughout:
            lo, hi = hi, lo  # the rule of _within, for every day of the window (see _Window)
        _check_assume(assume)

        tenures = self._index.heads().get(agency_id, ())
        chosen = {p for p, bounds in tenures if _within(bounds, lo, hi, assume)}
        return self._keep_positions(chosen)._step("heads", of=of, on=on, throughout=throughout)

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
    """A :class:`Query` of agreements, with :meth:`in_force`."""

    __slots__ = ()

    def in_force(self, *, on: SpanLike, assume: Assume = "certain", throughout: bool = False) -> Self:
        """Agreements that applied at some time within ``on`` (``throughout=True``: all through it).

        >>> import isscoop
        >>> "seat-swap-2022" in isscoop.agreements.in_force(on="2025-07-31")
        True
        """
        return self.on(on, assume=assume, throughout=throughout)


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


def _within(bounds: tuple[int, int, int, int], lo: int, hi: int, assume: Assume) -> bool:
    """The rule of :func:`isscoop._dates.window_answer`, without the reason: YES (or, "possible", not NO)."""
    s_lo, s_hi, e_lo, e_hi = bounds
    if assume == "certain":
        return s_hi <= hi and e_lo >= lo
    return s_lo <= hi and e_hi >= lo


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
