"""The dataset: every record, checked as a whole; merging, and earlier releases.

Merging and earlier releases work on the built records: a record that
changes is rebuilt with :func:`attrs.evolve`, and the records that refer to
it are re-linked to the new object (see :func:`isscoop._codec.relink`);
nothing is turned back into JSON.
"""

from __future__ import annotations

import contextvars
import datetime
import datetime as _dt
import heapq
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final

import attrs

from . import _codec
from ._args import check_text, got, is_file_object
from ._dates import NEG_INF, POS_INF, SpanLike, span_window
from ._errors import DatasetError, InvalidArgument, InvalidRecord, MergeError, NotFound, Problem, cut
from ._exportable import Exportable
from ._model import (
    KINDS,
    Agency,
    Agreement,
    Claim,
    Coverage,
    Meeting,
    Official,
    Program,
    Rank,
    Record,
    Source,
    StatusEvent,
    _check_version,
    claim_holders,
    version_key,
)
from ._public import present_as_isscoop
from ._query import AgreementQuery, MeetingQuery, OfficialQuery, Query

__all__ = ["Conflict", "Dataset", "merge"]

#: At most this many names found the slow way are remembered (names that no index answers).
_REMEMBER: Final = 4096

Locate = Callable[[str, int], tuple[str, str]]

#: Set while a loader that has just checked its records builds its dataset.
_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("isscoop_checked", default=False)


def checked_dataset(**fields: Any) -> Dataset:
    """A :class:`Dataset` from collections whose integrity the caller has already checked."""
    token = _CHECKED.set(True)
    try:
        return Dataset(**fields)
    finally:
        _CHECKED.reset(token)


def _default_locate(kind: str, index: int) -> tuple[str, str]:
    return "<Dataset>", f"$.{kind}[{index}]"


def _of(cls: type[Record] | type[Source], items: object) -> tuple[Any, ...]:
    """The records given for a collection, checked to be records of its kind."""
    if isinstance(items, str | bytes | Mapping) or is_file_object(items) or not isinstance(items, Iterable):
        raise InvalidArgument(f"{cls.collection}: expected {cls.__name__} records, got {got(items)}")
    out = []
    for x in items:
        if not isinstance(x, cls):
            raise InvalidArgument(f"{cls.collection}: expected {cls.__name__} records, got an item {got(x)}")
        out.append(x)
    return tuple(out)


def _agencies(items: Iterable[Agency]) -> Query[Agency]:
    return Query(_of(Agency, items), kind="agency")


def _officials(items: Iterable[Official]) -> OfficialQuery:
    return OfficialQuery(_of(Official, items), kind="official")


def _programs(items: Iterable[Program]) -> Query[Program]:
    return Query(_of(Program, items), kind="program")


def _meetings(items: Iterable[Meeting]) -> MeetingQuery:
    return MeetingQuery(_of(Meeting, items), kind="meeting")


def _agreements(items: Iterable[Agreement]) -> AgreementQuery:
    return AgreementQuery(_of(Agreement, items), kind="agreement")


def _sources(items: Iterable[Source]) -> Query[Source]:
    return Query(_of(Source, items), kind="source")


def _version(_: object, __: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None:
        _check_version(value)


def _coverage(items: Iterable[Coverage]) -> Query[Coverage]:
    return Query(_of(Coverage, items), kind="coverage")


@attrs.frozen(kw_only=True, eq=True)
class Dataset(Exportable):
    """Every record of a dataset, checked together.

    Collections iterate in id order.  Building a dataset checks it as a whole
    (unique ids, references inside the dataset, one holder at a time for a
    head post) and raises :class:`~isscoop.DatasetError` listing every problem.

    Every dataset has a :attr:`horizon`: the last day its facts were checked
    (see the "Time and truth" page of the docs).  The dataset's queries read
    a record built in Python with no horizon of its own (see
    :class:`~isscoop.Record`) as if it had the dataset's; the record itself
    is kept as given.

    >>> import isscoop
    >>> ds = isscoop.dataset()
    >>> ds.meetings.get("bakanov-duffy-2025").date
    PartialDate('2025-07-31')
    """

    #: Exports of a dataset take all its records of every kind (sources come along with them).
    exports_every_record: ClassVar[bool] = True

    agencies: Query[Agency] = attrs.field(factory=tuple, converter=_agencies)
    officials: OfficialQuery = attrs.field(factory=OfficialQuery, converter=_officials)
    programs: Query[Program] = attrs.field(factory=tuple, converter=_programs)
    meetings: MeetingQuery = attrs.field(factory=MeetingQuery, converter=_meetings)
    agreements: AgreementQuery = attrs.field(factory=AgreementQuery, converter=_agreements)
    sources: Query[Source] = attrs.field(factory=tuple, converter=_sources)
    coverage: Query[Coverage] = attrs.field(factory=tuple, converter=_coverage)
    version: str | None = attrs.field(default=None, validator=_version)
    _horizon: datetime.date | None = attrs.field(default=None, alias="horizon")
    _resolved: dict[str, Record] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _by_name: dict[str, Record] | None = attrs.field(default=None, init=False, eq=False, repr=False)
    _referrers: dict[str, tuple[str, ...]] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not _CHECKED.get():
            problems = integrity_problems(self._collections(), _default_locate)
            if problems:
                raise DatasetError(problems)
        if self._horizon is None:
            object.__setattr__(self, "_horizon", derived_horizon(self.records()))
        elif not isinstance(self._horizon, _dt.date):
            raise InvalidRecord(f"horizon: expected a datetime.date, got {cut(self._horizon)}")
        elif isinstance(self._horizon, _dt.datetime):
            object.__setattr__(self, "_horizon", self._horizon.date())
        agreements = _with_extensions(tuple(self.agreements))
        for cls in KINDS:
            q = getattr(self, cls.collection)
            items = agreements if cls is Agreement and agreements is not None else q
            ordered = sorted(items, key=lambda r: r.id)
            object.__setattr__(self, cls.collection, type(q)(ordered, kind=q._index.kind, dataset=self))

    @property
    def horizon(self) -> datetime.date:
        """The last day the dataset's facts were checked.

        An open end (a head still in office, an agreement still in force) is
        going on up to this day and unknown after it; a question about a later
        day that depends on one answers UNKNOWN.  A dataset read from files has
        the horizon they declare (``"horizon": "2026-03-10"``; the earliest, if
        several do); when none does, the latest day one of their sources was
        published, or for files laid over other data that data's horizon, or
        the latest day any of their records' dates (a meeting, a step, the
        start or end of a tenure) could begin.  A dataset
        built in Python takes ``horizon=``, or else the earliest horizon its
        records carry, or the same derived one.

        >>> import isscoop
        >>> isscoop.dataset().horizon
        datetime.date(2026, 5, 22)
        """
        assert self._horizon is not None
        return self._horizon

    def _collections(self) -> dict[str, tuple[Any, ...]]:
        return {cls.collection: tuple(getattr(self, cls.collection)) for cls in KINDS}

    def records(self) -> Iterator[Record | Source]:
        """Every record, sources first, then agencies, officials, programs, meetings, agreements, coverage."""
        for cls in KINDS:
            yield from getattr(self, cls.collection)

    def __len__(self) -> int:
        return sum(len(getattr(self, cls.collection)) for cls in KINDS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, c.collection))} {c.collection}" for c in KINDS)
        version = f" {self.version}" if self.version else ""
        return f"<Dataset{version}: {counts}>"

    def resolve(self, key: str) -> Record:
        """The agency, official, program, meeting or agreement that ``key`` names (at most 1,000 characters)."""
        check_text(key, "key")
        names = self._by_name
        found = (self._agency_names() if names is None else names).get(key.casefold())
        if found is None:
            found = self._resolved.get(key)
            if found is None:
                found = self._resolve(key)
                if len(self._resolved) >= _REMEMBER:
                    self._resolved.clear()
                self._resolved[key] = found
        return found

    def _agency_names(self) -> dict[str, Record]:
        """The agency each case-folded agency name, acronym, alias or id finds, built once.

        :meth:`resolve` tries the ids of every kind first, then the agencies'
        names, so the agencies' own index of folded names
        (:meth:`isscoop._query._Index.folded`) is the answer for every text
        that folds to one of its keys, unless that key is another record's
        id.  A name never asked before then costs one dict lookup.
        """
        found = self._by_name
        if found is None:
            agencies = self.agencies._index
            own = agencies.ids()
            others = [getattr(self, c.collection)._index.ids() for c in KINDS if c not in (Agency, Source)]
            found = {
                folded: agencies.items[p]
                for folded, p in agencies.folded().items()
                if own.get(folded, p) == p and not any(folded in ids for ids in others)
            }
            object.__setattr__(self, "_by_name", found)
        return found

    def _resolve(self, key: str) -> Record:
        kinds = [cls.collection for cls in KINDS if issubclass(cls, Record)]
        for name in kinds:
            q = getattr(self, name)
            p = q._index.ids().get(key)
            if p is not None:
                return q._index.items[p]  # type: ignore[no-any-return]
        for name in kinds:
            found = getattr(self, name).get(key, None)
            if found is not None:
                return found  # type: ignore[no-any-return]
        close: list[str] = []
        for name in kinds:
            try:
                getattr(self, name).get(key)
            except NotFound as e:
                close.extend(e.close_matches)
        raise NotFound(key, "record", close[:3])

    def referrers(self) -> dict[str, tuple[str, ...]]:
        """For each record id, the ids of the records that refer to it (built once, then kept)."""
        if not self._referrers:
            found: dict[str, list[str]] = {}
            for r in self.records():
                for _, ref in _codec.record_references(r):
                    found.setdefault(ref.id, []).append(r.id)
            self._referrers.update({k: tuple(dict.fromkeys(v)) for k, v in found.items()})
            self._referrers.setdefault("", ())  # built, even for a dataset where nothing refers to anything
        return self._referrers

    def unsourced(self) -> tuple[Record, ...]:
        """Records that cite no source."""
        return tuple(r for r in self.records() if isinstance(r, Record) and not r.sources)

    def uncited(self) -> tuple[tuple[Record, str], ...]:
        """Every stated value that no source of its own supports, as ``(record, path)``.

        See :meth:`Record.citations` for what counts as a stated value and
        :meth:`Record.sources_for` for how a value finds its sources.

        >>> import isscoop
        >>> isscoop.dataset().uncited()
        ()
        """
        return tuple((r, path) for r in self.records() if isinstance(r, Record) for path in r.uncited())

    def __or__(self, other: Dataset) -> Dataset:
        """``base | overlay``: see :func:`isscoop.merge`."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return merge(self, other)

    def conflicts(self) -> tuple[Conflict, ...]:
        """Every field whose claims give more than one value, with all sides.

        >>> import isscoop
        >>> [f"{c.record.id}.{c.field}" for c in isscoop.dataset().conflicts() if c.record.kind_name == "meeting"][:2]
        ['bakanov-duffy-2025.location', 'bakanov-duffy-2025.since_last_heads_meeting']
        >>> [c.field for c in isscoop.dataset().conflicts() if c.record.id == "josef-aschbacher"]
        ['tenures[0].period']

        A claim inside a record (a tenure's period, a step's day) is named by
        its path, as :meth:`Record.sources_for` reads it.
        """
        found = []
        for record in self.records():
            if not isinstance(record, Record):
                continue
            for prefix, holder in claim_holders(record):
                for field in sorted({c.field for c in holder.statements}):
                    claims = holder.claims(field)
                    if len({str(c.value) for c in claims}) > 1:
                        found.append(Conflict(record=record, field=prefix + field, claims=claims))
        return tuple(found)

    def timeline(
        self,
        *agencies: Agency | str,
        kinds: Sequence[str] = ("meetings", "agreements", "tenures"),
        start: SpanLike | None = None,
        end: SpanLike | None = None,
    ) -> list[Record]:
        """The records a timeline of ``agencies`` shows: what involves all of them, within the dates.

        ``kinds`` picks from ``"meetings"``, ``"agreements"``, ``"tenures"``
        (officials who headed one of the agencies) and ``"programs"``.  With
        ``start``/``end``, records certainly outside the dates are left out.

        >>> import isscoop
        >>> [r.id for r in isscoop.dataset().timeline("NASA", "Roscosmos", kinds=["meetings"], start="2025")][:2]
        ['bakanov-bowersox-2025', 'bakanov-duffy-2025']
        """
        allowed = ("meetings", "agreements", "tenures", "programs")
        if isinstance(kinds, str) or not isinstance(kinds, list | tuple | set | frozenset):
            raise InvalidArgument(f"kinds: expected a list of some of {', '.join(allowed)}, got {got(kinds)}")
        bad = [k for k in kinds if not isinstance(k, str) or k not in allowed]
        if bad:
            raise InvalidRecord(f"kinds: expected some of {', '.join(allowed)}, got {cut(kinds)}")
        ids = [self.agencies.get(a).id for a in agencies]
        out: list[Record] = []
        if "tenures" in kinds:
            out.extend(o for o in self.officials if any(t.head and t.agency.id in ids for t in o.tenures))
        for collection in ("meetings", "agreements", "programs"):
            if collection in kinds:
                q = getattr(self, collection)
                for a in ids:
                    q = q.involving(a)
                out.extend(q)
        if start is not None or end is not None:
            window = span_window(start, end)
            out = [r for r in out if not r._answer(*window).no]
        return out

    def successors(self, agency: Agency | str) -> tuple[Agency, ...]:
        """Agencies that list ``agency`` (an Agency, or its id or name) among their predecessors."""
        wanted = self.agencies.get(agency).id
        return tuple(a for a in self.agencies if any(p.id == wanted for p in a.predecessors))

    def as_known_on(self, version: str) -> Dataset:
        """The dataset as release ``version`` had it: the records and claims known
        then, each claimed field set to the claim preferred then.

        Versions are ``YEAR.MONTH.N``; a record or claim with no ``added_in``
        has been there since the first release.  Records superseded by then
        are left out; the current version is this dataset itself.
        """
        _check_version(version)
        if self.version is not None and version_key(version) > version_key(self.version):
            raise InvalidRecord(f"version: expected {self.version} or earlier, got {version!r}")
        if version == self.version:
            return self
        kept = [
            r.as_known_on(version) if isinstance(r, Record) else r
            for r in self.records()
            if not isinstance(r, Record) or r.known_in(version)
        ]
        return Dataset(version=version, horizon=self.horizon, **_by_collection(relink_all(kept, prune=True)))


def _later_steps(agreements: tuple[Agreement, ...]) -> dict[str, tuple[StatusEvent, ...]]:
    """For each agreement, the steps of the agreements that extend, amend or supersede it, however
    indirectly, each marked with its agreement and how it is related."""
    ids = {a.id for a in agreements}
    children: dict[str, list[Agreement]] = {}
    for a in agreements:
        for relation in ("extends", "amends", "supersedes"):
            parent = getattr(a, relation)
            if parent is not None and parent.id in ids and parent.id != a.id:
                children.setdefault(parent.id, []).append(a)
    out: dict[str, tuple[StatusEvent, ...]] = {}
    for parent in children:
        steps: list[StatusEvent] = []
        seen = {parent}
        todo = list(children[parent])
        while todo:
            child = todo.pop(0)
            if child.id in seen:
                continue
            seen.add(child.id)
            link = "; ".join(
                f"{relation} {getattr(child, relation).id}"
                for relation in ("extends", "amends", "supersedes")
                if getattr(child, relation) is not None
            )
            steps += [attrs.evolve(e, via=child.id, link=link) for e in child.events]
            todo += children.get(child.id, [])
        out[parent] = tuple(steps)
    return out


def _with_extensions(agreements: tuple[Agreement, ...]) -> list[Agreement] | None:
    """The agreements, each that others extend, amend or supersede carrying their steps; ``None`` if no
    agreement changes.  An agreement whose steps change is a new object (records shared with other
    datasets never change), and the agreements that refer to it are re-linked to it."""
    wanted = _later_steps(agreements)
    stale = {a.id for a in agreements if a._later != wanted.get(a.id, ())}
    if not stale:
        return None
    fresh = [attrs.evolve(a) if a.id in stale else a for a in agreements]
    relinked = relink_all(fresh, only=stale | _referring(list(fresh), stale))
    out = [a for a in relinked if isinstance(a, Agreement)]
    for a in out:
        if a._later != wanted.get(a.id, ()):
            a._with_later(wanted.get(a.id, ()))  # a new object: evolved or re-linked just now
    return out


def _own_horizons(ds: Dataset) -> Dataset:
    """``ds``, or a copy in which each record with no horizon (built in Python) has the dataset's.

    Merging keeps each record's own horizon, so that the merged dataset answers
    about a record as the dataset it came from did.
    """
    if not any(isinstance(r, Record) and r.horizon is None for r in ds.records()):
        return ds
    records = _with_horizon(ds.records(), ds.horizon)
    return checked_dataset(version=ds.version, horizon=ds.horizon, **_by_collection(records))


def _with_horizon(records: Iterable[Record | Source], horizon: _dt.date) -> list[Record | Source]:
    """The records, each that has no horizon (one built in Python) given ``horizon``, re-linked."""
    given = list(records)
    stamped = {r.id: attrs.evolve(r, horizon=horizon) for r in given if isinstance(r, Record) and r.horizon is None}
    return relink_all([stamped.get(r.id, r) for r in given], only=set(stamped) | _referring(given, set(stamped)))


def _referring(records: list[Record | Source], changed: set[str]) -> set[str]:
    """The ids of the records that refer, however indirectly, to one with an id in ``changed``."""
    referrers: dict[str, list[str]] = {}
    for r in records:
        for _, ref in _codec.record_references(r):
            referrers.setdefault(ref.id, []).append(r.id)
    out: set[str] = set()
    todo = list(changed)
    while todo:
        for ident in referrers.get(todo.pop(), ()):
            if ident not in out:
                out.add(ident)
                todo.append(ident)
    return out


def derived_horizon(records: Iterable[Record | Source], fallback: _dt.date | None = None) -> _dt.date:
    """The horizon of records that declare none: what is assumed when a file gives no ``"horizon"``.

    In order: the earliest horizon the records carry (from the files they
    were read from); else the latest day on which one of the sources was
    published (the first day of that date); else ``fallback`` (for files laid
    over other data, that data's horizon); else the latest first day of any
    date the records give (a meeting, a step, the start of a tenure); else
    ``datetime.date.min``: nothing is known to have been checked.
    """
    horizons: list[_dt.date] = []
    published = 0
    latest = 0
    for r in records:
        if isinstance(r, Source):
            if r.published is not None:
                published = max(published, r.published.bounds()[0])
            continue
        if r.horizon is not None:
            horizons.append(r.horizon)
        for d in r._dates():
            latest = max(latest, d.bounds()[0])
        s_lo, _, e_lo, _ = r._hull()  # the earliest the last of its times could end, if it ends
        latest = max(latest, *(x if NEG_INF < x < POS_INF else 0 for x in (s_lo, e_lo)))
    if horizons:
        return min(horizons)
    if published >= 1:
        return _dt.date.fromordinal(published)
    if fallback is not None:
        return fallback
    if latest >= 1:
        return _dt.date.fromordinal(latest)
    return _dt.date.min


def _by_collection(records: Iterable[Record | Source]) -> dict[str, tuple[Any, ...]]:
    out: dict[str, list[Any]] = {cls.collection: [] for cls in KINDS}
    for r in records:
        out[r.collection].append(r)
    return {k: tuple(v) for k, v in out.items()}


def _in_build_order(records: Iterable[Record | Source]) -> list[Record | Source]:
    """Records by kind in the order of :data:`~isscoop._model.KINDS`; within a kind, each after
    the records of its kind it refers to (a cycle is left to the integrity check)."""
    grouped: dict[str, list[Any]] = {cls.collection: [] for cls in KINDS}
    for r in records:
        grouped[r.collection].append(r)
    out: list[Record | Source] = []
    for collection, items in grouped.items():
        keys = _codec.same_kind_keys(collection)
        if not keys:
            out.extend(items)
            continue
        fields = _codec.specs()[collection].fields
        attrs_ = [fields[key][0] for key in keys]
        ids = {r.id: r for r in items}
        done: set[str] = set()
        for start in items:
            stack = [(start, False)]
            while stack:
                r, expanded = stack.pop()
                if r.id in done:
                    continue
                if expanded:
                    done.add(r.id)
                    out.append(r)
                    continue
                stack.append((r, True))
                for attr in attrs_:
                    value = getattr(r, attr)
                    for ref in value if isinstance(value, tuple) else (value,):
                        if ref is not None and ref.id in ids and ref.id not in done and ids[ref.id] is not r:
                            stack.append((ids[ref.id], False))
    return out


def relink_all(
    records: Iterable[Record | Source], prune: bool = False, only: set[str] | None = None
) -> list[Record | Source]:
    """The records, each rebuilt where needed so that its references point at the records given.

    With ``prune``, references to records that are not given are dropped
    (see :func:`isscoop._codec.relink`); a record that cannot do without one
    is left out.  With ``only``, just the records with those ids are looked
    at (the others are known to point at the records given already).
    """
    given = list(records)
    table: dict[str, Any] = {r.id: r for r in given}
    todo = _in_build_order(given if only is None else [r for r in given if r.id in only])
    for r in todo:
        new = _codec.relink(r, table, prune)
        if new is _codec._BAD:
            del table[r.id]
            continue
        table[r.id] = new
    return list(table.values())


@attrs.frozen(kw_only=True)
class Conflict:
    """A field whose claims disagree: the record, the field, and every claim."""

    record: Record
    field: str
    claims: tuple[Claim, ...]

    @property
    def sides(self) -> dict[str, tuple[Claim, ...]]:
        """The claims grouped by value (as text), preferred value first."""
        out: dict[str, list[Claim]] = {}
        for c in self.claims:
            out.setdefault(str(c.value), []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    def __repr__(self) -> str:
        return f"Conflict({self.record.id}.{self.field}: {' | '.join(self.sides)})"


def integrity_problems(
    collections: dict[str, tuple[Any, ...]], locate: Locate, only: set[str] | None = None
) -> list[Problem]:
    """Checks across records: unique ids, references inside the dataset, single holders.

    With ``only``, the references and head tenures of just those records are
    checked: the others are known to be consistent among themselves.
    """
    problems: list[Problem] = []

    def add(kind: str, index: int, sub: str, message: str, expected: str | None = None, got: str | None = None) -> None:
        file, path = locate(kind, index)
        problems.append(Problem(file=file, path=path + sub, message=message, expected=expected, got=got))

    by_id: dict[str, Any] = {}
    for kind, items in collections.items():
        for i, r in enumerate(items):
            if r.id in by_id:
                add(kind, i, ".id", "duplicate id", "an id used once in the dataset", repr(r.id))
            else:
                by_id[r.id] = r

    def check_ref(kind: str, i: int, sub: str, ref: Any) -> None:
        have = by_id.get(ref.id)
        if have is None:
            add(kind, i, sub, "refers to a record that is not in the dataset", "an id in the dataset", repr(ref.id))
        elif have is not ref and have != ref:
            add(
                kind, i, sub, "refers to a different version of a record", f"the dataset's {ref.id!r}", "another object"
            )

    for kind, items in collections.items():
        for i, r in enumerate(items):
            if only is None or r.id in only:
                for sub, ref in _codec.record_references(r):
                    check_ref(kind, i, sub, ref)

    officials = collections.get("officials", ())
    if only is None or any(o.id in only for o in officials):
        problems.extend(_overlaps(officials, locate))
    return problems


def overlap_problems(collections: Mapping[str, tuple[Any, ...]], locate: Locate) -> list[Problem]:
    """The one check a freshly loaded dataset still needs: one holder of a head post at a time.

    (Loading checks ids and references as it builds each record.)
    """
    return _overlaps(collections.get("officials", ()), locate)


def _overlaps(officials: Iterable[Official], locate: Locate) -> list[Problem]:
    """Two people certainly holding the same head post at once, neither acting.

    Sharing the handover day is allowed.  Each agency's tenures are swept in
    order of their latest possible start, so the check takes O(n log n).
    """
    by_agency: dict[str, list[tuple[int, int, int, Official, int]]] = {}
    for i, o in enumerate(officials):
        for j, t in enumerate(o.tenures):
            if t.head and not t.acting:
                _, s_hi, e_lo, _ = t.bounds()
                by_agency.setdefault(t.agency.id, []).append((s_hi, e_lo, i, o, j))
    problems = []
    for agency, entries in by_agency.items():
        entries.sort(key=lambda e: e[0])
        running: list[tuple[int, int, Official, int]] = []  # heap of (e_lo, order, official, tenure)
        for order, (s_hi, e_lo, i, o, j) in enumerate(entries):
            while running and running[0][0] <= s_hi:
                heapq.heappop(running)
            if s_hi < e_lo:
                for _, _, other, k in running:
                    if other.id == o.id:
                        continue
                    file, path = locate("officials", i)
                    problems.append(
                        Problem(
                            file=file,
                            path=f"{path}.tenures[{j}].period",
                            message=f"overlaps {other.id}'s tenure as {other.tenures[k].post} of {agency}",
                            expected="one holder of a head post at a time (acting holders aside)",
                            got=str(o.tenures[j].period),
                        )
                    )
                heapq.heappush(running, (e_lo, order, o, j))
    return problems


# -- merging ------------------------------------------------------------------------------


def merge(base: Dataset, overlay: Dataset) -> Dataset:
    """``base`` with ``overlay`` laid over it; neither is changed.

    Records with new ids are added.  A record whose id is in ``base``
    corrects it field by field: sources and claims are combined; a field that
    can hold claims and differs becomes competing claims (the overlay's value
    preferred, with the overlay record's sources; the base value kept as a
    normal claim); a field that is empty on one side takes the other's value.
    Any other difference raises :class:`~isscoop.MergeError` listing every one.
    ``base | overlay`` does the same.  The result has ``overlay``'s version
    if it has one, and the earlier of the two horizons (every fact of the
    result was checked by then); each record keeps its own (a record the
    overlay gives or corrects, the overlay's).  (Files laid over the bundled data with
    :func:`~isscoop.load` go further: a newer version marks what they add.)
    """
    if not isinstance(base, Dataset) or not isinstance(overlay, Dataset):
        wrong = base if not isinstance(base, Dataset) else overlay
        raise InvalidArgument(f"merge: expected two Datasets, got {got(wrong)}")
    base, overlay = _own_horizons(base), _own_horizons(overlay)
    records, _ = merged_records(base, list(overlay.records()), None)
    horizon = min(d.horizon for d in ([d for d in (base, overlay) if len(d)] or [base]))  # empty: checked nothing
    return Dataset(version=overlay.version or base.version, horizon=horizon, **_by_collection(records))


def newer(version: str | None, than: str | None) -> bool:
    """Whether ``version`` is a later release than ``than`` (both given)."""
    return version is not None and than is not None and version_key(version) > version_key(than)


def merged_records(
    base: Dataset, overlay: Iterable[Record | Source], version: str | None
) -> tuple[list[Record | Source], set[str]]:
    """``(records, ids changed)``: ``base``'s records with ``overlay``'s laid over them, re-linked.

    When ``version`` is newer than ``base``'s, what the overlay adds or
    changes is marked with it (``added_in``/``superseded_in``), so that the
    result's ``as_known_on(base.version)`` gives ``base``'s answers back.  Raises :class:`~isscoop.MergeError` listing
    every field that cannot be merged.
    """
    stamp = version if newer(version, base.version) else None
    by_id: dict[str, Record | Source] = {r.id: r for r in base.records()}
    changed: set[str] = set()
    corrected: set[str] = set()
    problems: list[str] = []
    for r in overlay:
        old = by_id.get(r.id)
        if old is r:
            continue
        if old is None or old.collection != r.collection:
            by_id[r.id] = _stamped(r, stamp)
        else:
            by_id[r.id] = _merge_record(old, r, stamp, problems)
            corrected.add(r.id)
        changed.add(r.id)
    if problems:
        raise MergeError(problems)
    # records only added are referred to by nothing in base: just they and what refers to a correction
    return relink_all(by_id.values(), only=changed | _affected(base, corrected)), changed


def _affected(base: Dataset, changed: set[str]) -> set[str]:
    """The records of ``base`` that ``changed`` replaces, and every record that refers to one of
    them, however indirectly."""
    if not changed:
        return set()
    referrers = base.referrers()
    out = set(changed)
    todo = list(changed)
    while todo:
        for r in referrers.get(todo.pop(), ()):
            if r not in out:
                out.add(r)
                todo.append(r)
    return out


def _stamped(record: Record | Source, version: str | None) -> Record | Source:
    """A record the overlay adds, marked as added in ``version`` (with its claims)."""
    if version is None or not isinstance(record, Record) or record.added_in is not None:
        return record
    claims = tuple(c if c.added_in else attrs.evolve(c, added_in=version) for c in record.statements)
    return attrs.evolve(record, added_in=version, statements=claims)


def _merge_record(old: Any, new: Any, version: str | None, problems: list[str]) -> Any:
    spec = _codec.specs()[old.collection]
    claimable: frozenset[str] = getattr(type(old), "claimable", frozenset())
    changes: dict[str, Any] = {}
    claims: list[Claim] = []
    if isinstance(old, Record):
        changes["sources"] = old.sources + tuple(s for s in new.sources if s not in old.sources)
        claims = list(old.statements)
        for c in new.statements:
            if c not in claims:
                claims.append(c if version is None or c.added_in else attrs.evolve(c, added_in=version))
        if new.revisions:
            changes["revisions"] = old.revisions + tuple(r for r in new.revisions if r not in old.revisions)
        if new.cites:
            cites = {k: tuple(v) for k, v in old.cites.items()}
            for k, extra in new.cites.items():
                cites[k] = cites.get(k, ()) + tuple(x for x in extra if x not in cites.get(k, ()))
            changes["cites"] = cites
    for key, (attr, kind) in spec.fields.items():
        if attr in ("id", "sources", "statements", "revisions", "cites"):
            continue
        have, value = getattr(old, attr), getattr(new, attr)
        if kind.dump(have) == kind.dump(value) or kind.omit(value) or value in (None, (), False):
            continue
        if kind.omit(have) or have in (None, (), False):
            changes[attr] = value
        elif attr in claimable:
            _correct(claims, attr, have, value, old.sources, new.sources, version)
            changes[attr] = value
        else:
            before, after = json.dumps(kind.dump(have)), json.dumps(kind.dump(value))
            problems.append(f"{old.collection} {old.id!r}, field {key!r}: {before} vs {after}")
    if isinstance(old, Record) and claims:
        changes["statements"] = tuple(claims)
    if isinstance(old, Record) and new.horizon is not None and new.horizon != old.horizon:
        changes["horizon"] = new.horizon  # the file that corrects a record has checked it last
    return attrs.evolve(old, **changes)


def _correct(
    claims: list[Claim],
    field: str,
    have: Any,
    value: Any,
    old_sources: tuple[Source, ...],
    new_sources: tuple[Source, ...],
    version: str | None,
) -> None:
    """Make ``value`` the preferred claim for ``field``, keeping ``have`` as a normal one.

    With a ``version``, nothing is changed in place: a claim that loses its
    preference is superseded in ``version`` and comes back as a normal claim
    added then, so that the earlier release can still be told.
    """
    reason = "correction laid over the earlier value"

    def replace(i: int, **changes: Any) -> None:
        c = claims[i]
        if version is None:
            claims[i] = attrs.evolve(c, **changes)
        else:
            claims[i] = attrs.evolve(c, superseded_in=version)
            claims.append(attrs.evolve(c, **changes, added_in=version, superseded_in=None))

    for i, c in enumerate(list(claims)):
        if c.field == field and c.rank is Rank.PREFERRED and c.current:
            replace(i, rank=Rank.NORMAL)
    if not any(c.field == field and c.value == have and c.current for c in claims):
        if version is None:
            claims.append(Claim(field=field, value=have, rank=Rank.NORMAL, sources=old_sources))
        else:  # the earlier value was preferred until now
            claims.append(
                Claim(field=field, value=have, rank=Rank.PREFERRED, sources=old_sources, superseded_in=version)
            )
            claims.append(Claim(field=field, value=have, rank=Rank.NORMAL, sources=old_sources, added_in=version))
    same = [i for i, c in enumerate(claims) if c.field == field and c.value == value and c.current]
    if same:
        extra = tuple(s for s in new_sources if s not in claims[same[0]].sources)
        replace(same[0], rank=Rank.PREFERRED, reason=reason, sources=claims[same[0]].sources + extra)
    else:
        claims.append(
            Claim(field=field, value=value, rank=Rank.PREFERRED, reason=reason, sources=new_sources, added_in=version)
        )


present_as_isscoop(globals())
