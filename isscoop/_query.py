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
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from . import _text
from ._dates import NEG_INF, POS_INF, Answer, DateLike, Tri, day_window, span_window
from ._errors import Ambiguous, NotFound
from ._model import Agency, Agreement, Assume, Official, Record, Source, _keep

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["AgreementQuery", "OfficialQuery", "Query"]

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


class Query(Generic[T]):
    """An immutable, ordered selection of records of one kind.

    >>> import isscoop
    >>> q = isscoop.agencies
    >>> q.get("NASA").name
    'National Aeronautics and Space Administration'
    >>> q.get("Роскосмос") is q.get("roscosmos")
    True
    """

    __slots__ = ("_dataset", "_index", "_items", "_kind", "_lock")

    def __init__(self, items: Iterable[T] = (), *, kind: str = "record", dataset: Dataset | None = None) -> None:
        self._items: tuple[T, ...] = tuple(items)
        self._kind = kind
        self._dataset = dataset
        self._index: dict[str, tuple[T, ...]] | None = None
        self._lock = threading.Lock()

    # -- the sequence protocol ------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: int | slice) -> T | Self:
        if isinstance(index, slice):
            return self._new(self._items[index])
        return self._items[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(getattr(x, "id", None) == item for x in self._items)
        return any(x is item for x in self._items) or item in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Query):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        n = len(self._items)
        plural = self._kind if n == 1 else _plural(self._kind)
        shown = ", ".join(_label(x) for x in self._items[:5])
        more = ", ..." if n > 5 else ""
        return f"<Query: {n} {plural}{': ' if n else ''}{shown}{more}>"

    def _new(self, items: Iterable[T]) -> Self:
        return type(self)(items, kind=self._kind, dataset=self._dataset)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(x.id for x in self._items)

    # -- lookups ---------------------------------------------------------------
    def _name_index(self) -> dict[str, tuple[T, ...]]:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    built: dict[str, list[T]] = {}
                    for item in self._items:
                        for name in _names(item) + _extra_keys(item):
                            for key in _text.keys(name):
                                bucket = built.setdefault(key, [])
                                if not any(b is item for b in bucket):
                                    bucket.append(item)
                    self._index = {k: tuple(v) for k, v in built.items()}
                index = self._index
        return index

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
        if not isinstance(key, str):
            if key in self:
                return key
            if default is not _MISSING:
                return default
            raise NotFound(repr(key), self._kind)
        for item in self._items:
            if item.id == key:
                return item
        found: tuple[T, ...] = ()
        for k in _text.keys(key):
            found = self._name_index().get(k, ())
            if on is not None:
                found = tuple(x for x in found if _named_on(x, key, on))
            if found:
                break
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Ambiguous(key, self._kind, [f"{x.id} ({_label(x)})" for x in found])
        if default is not _MISSING:
            return default
        raise NotFound(key, self._kind, self._close_matches(key))

    def _close_matches(self, key: str) -> list[str]:
        labels: dict[str, str] = {}
        for item in self._items:
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
        for pos, item in enumerate(self._items):
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

        return self._new(x for x in self._items if match(x))

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

    def involving(self, *things: object) -> Self:
        """Records that involve any of ``things`` (agencies, officials or programs, or their names)."""
        ids = {self._resolve(t) for t in things}
        return self._new(x for x in self._items if _involved_ids(x) & ids)

    def between(self, a: object, b: object) -> Self:
        """Records that involve both ``a`` and ``b``."""
        ida, idb = self._resolve(a), self._resolve(b)
        return self._new(x for x in self._items if {ida, idb} <= _involved_ids(x))

    def on(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records going on at some time within ``day``.

        A partial ``day`` (``"2025-07"``) means any time in it.  By default only
        records for which that is certain are kept; ``assume="possible"`` also
        keeps those the dates cannot decide.
        """
        lo, hi, label = day_window(day)
        return self._new(x for x in self._items if _keep(_answer(x, lo, hi, label), assume))

    def during(self, start: DateLike | None, end: DateLike | None, *, assume: Assume = "certain") -> Self:
        """Records going on at some time between ``start`` and ``end`` (``None``: unbounded)."""
        lo, hi, label = span_window(start, end)
        return self._new(x for x in self._items if _keep(_answer(x, lo, hi, label), assume))

    def before(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records that were over before ``day`` began."""
        lo, _, _ = day_window(day)

        def answer(x: T) -> Answer:
            _, _, e_lo, e_hi = _hull(x)
            if e_hi < lo:
                return Answer(value=Tri.YES, reason="over before")
            if e_lo >= lo:
                return Answer(value=Tri.NO, reason="not over before")
            return Answer(value=Tri.UNKNOWN, reason="dates too coarse")

        return self._new(x for x in self._items if _keep(answer(x), assume))

    def after(self, day: DateLike, *, assume: Assume = "certain") -> Self:
        """Records that began after ``day`` ended."""
        _, hi, _ = day_window(day)

        def answer(x: T) -> Answer:
            s_lo, s_hi, _, _ = _hull(x)
            if s_lo > hi:
                return Answer(value=Tri.YES, reason="began after")
            if s_hi <= hi:
                return Answer(value=Tri.NO, reason="began before")
            return Answer(value=Tri.UNKNOWN, reason="dates too coarse")

        return self._new(x for x in self._items if _keep(answer(x), assume))

    # -- order and picking -----------------------------------------------------
    def sorted(self, key: Callable[[T], Any] | None = None, reverse: bool = False) -> Self:
        """Sorted by ``key``; by default in timeline order (first date, then id; undated last)."""
        return self._new(sorted(self._items, key=key or _time_key, reverse=reverse))

    def first(self) -> T | None:
        """The first record, or ``None`` if there is none."""
        return self._items[0] if self._items else None

    def earliest(self) -> T | None:
        """The record that comes first on the timeline, or ``None``; undated records are skipped."""
        dated = [x for x in self._items if _time_key(x)[0] < POS_INF]
        return min(dated, key=_time_key) if dated else None

    def latest(self) -> T | None:
        """The record that comes last on the timeline, or ``None``; undated records are skipped."""
        dated = [x for x in self._items if _time_key(x)[0] < POS_INF]
        return max(dated, key=_time_key) if dated else None

    def one(self) -> T:
        """The only record; :class:`~isscoop.NotFound` if none, :class:`~isscoop.Ambiguous` if several."""
        if len(self._items) == 1:
            return self._items[0]
        if not self._items:
            raise NotFound("(this query)", self._kind)
        raise Ambiguous("(this query)", self._kind, [x.id for x in self._items])


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
        day_window(on)  # reject a bad date even when no official matches

        def held(o: Official) -> bool:
            return any(_keep(t.covers(on), assume) for t in o.tenures if t.head and t.agency.id == agency_id)

        return self._new(o for o in self if held(o))


class AgreementQuery(Query[Agreement]):
    """A :class:`Query` of agreements, with :meth:`in_force`."""

    __slots__ = ()

    def in_force(self, *, on: DateLike, assume: Assume = "certain") -> Self:
        """Agreements that applied at some time within ``on``.

        >>> import isscoop
        >>> "seat-swap-2022" in isscoop.agreements.in_force(on="2025-07-31")
        True
        """
        return self._new(a for a in self if _keep(a.in_force_on(on), assume))


def _named_on(item: object, key: str, on: DateLike) -> bool:
    """Whether ``key`` may have named ``item`` within ``on``."""
    names = getattr(item, "names", ())
    if not names:
        return True
    wanted = _text.keys(key)
    return any(_text.keys(name) & wanted for n in names if not n.period.covers(on).no for name in (n.name, *n.aliases))


def _answer(item: object, lo: int, hi: int, label: str) -> Answer:
    if isinstance(item, Record):
        return item._answer(lo, hi, label)
    return Answer(value=Tri.NO, reason=f"{_label(item)} has no dates")


def _hull(item: object) -> tuple[int, int, int, int]:
    spans = item._spans() if isinstance(item, Record) else ()
    if not spans:
        return POS_INF, POS_INF, NEG_INF, NEG_INF  # never before, never after
    return (
        min(b[0] for b, _ in spans),
        min(b[1] for b, _ in spans),
        max(b[2] for b, _ in spans),
        max(b[3] for b, _ in spans),
    )


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
