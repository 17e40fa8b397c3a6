"""The dataset: every record, checked as a whole; loading, dumping and the bundled data."""

from __future__ import annotations

import contextvars
import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from . import _codec
from ._errors import DatasetError, NotFound, Problem
from ._exportable import Exportable
from ._model import Agency, Agreement, Claim, Meeting, Official, Program, Record, Source, version_key
from ._public import present_as_isscoop
from ._query import AgreementQuery, OfficialQuery, Query
from ._validators import VERSION_RE, InvalidRecord

__all__ = ["Conflict", "Dataset"]

Locate = Callable[[str, int], tuple[str, str]]

#: Set while a loader that has just run :func:`integrity_problems` builds its dataset.
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


def _agencies(items: Iterable[Agency]) -> Query[Agency]:
    return Query(items, kind="agency")


def _officials(items: Iterable[Official]) -> OfficialQuery:
    return OfficialQuery(items, kind="official")


def _programs(items: Iterable[Program]) -> Query[Program]:
    return Query(items, kind="program")


def _meetings(items: Iterable[Meeting]) -> Query[Meeting]:
    return Query(items, kind="meeting")


def _agreements(items: Iterable[Agreement]) -> AgreementQuery:
    return AgreementQuery(items, kind="agreement")


def _sources(items: Iterable[Source]) -> Query[Source]:
    return Query(items, kind="source")


@attrs.frozen(kw_only=True, eq=True)
class Dataset(Exportable):
    """Every record of a dataset, checked together.

    Collections iterate in id order.  Building a dataset checks it as a whole
    (unique ids, references inside the dataset, one holder at a time for a
    head post) and raises :class:`~isscoop.DatasetError` listing every problem.

    >>> import isscoop
    >>> ds = isscoop.dataset()
    >>> ds.meetings.get("bakanov-duffy-2025").date
    PartialDate('2025-07-31')
    """

    agencies: Query[Agency] = attrs.field(factory=tuple, converter=_agencies)
    officials: OfficialQuery = attrs.field(factory=OfficialQuery, converter=_officials)
    programs: Query[Program] = attrs.field(factory=tuple, converter=_programs)
    meetings: Query[Meeting] = attrs.field(factory=tuple, converter=_meetings)
    agreements: AgreementQuery = attrs.field(factory=AgreementQuery, converter=_agreements)
    sources: Query[Source] = attrs.field(factory=tuple, converter=_sources)
    version: str | None = attrs.field(default=None)
    _resolved: dict[str, Record] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not _CHECKED.get():
            problems = integrity_problems(self._collections(), _default_locate)
            if problems:
                raise DatasetError(problems)
        for name in _codec.KINDS:
            q = getattr(self, name)
            ordered = sorted(q, key=lambda r: r.id)
            object.__setattr__(self, name, type(q)(ordered, kind=q._kind, dataset=self))

    def _collections(self) -> dict[str, tuple[Any, ...]]:
        return {name: tuple(getattr(self, name)) for name in _codec.KINDS}

    def records(self) -> Iterator[Record | Source]:
        """Every record, sources first, then agencies, officials, programs, meetings, agreements."""
        for name in _codec.KINDS:
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in _codec.KINDS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, n))} {n}" for n in _codec.KINDS)
        version = f" {self.version}" if self.version else ""
        return f"<Dataset{version}: {counts}>"

    def resolve(self, key: str) -> Record:
        """The agency, official, program, meeting or agreement that ``key`` names."""
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(key)
        return found

    def _resolve(self, key: str) -> Record:
        kinds = ("agencies", "officials", "programs", "meetings", "agreements")
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

    def unsourced(self) -> tuple[Record, ...]:
        """Records that cite no source."""
        return tuple(r for r in self.records() if isinstance(r, Record) and not r.sources)

    def __or__(self, other: Dataset) -> Dataset:
        """``base | overlay``: see :func:`isscoop.merge`."""
        if not isinstance(other, Dataset):
            return NotImplemented
        from ._files import merge

        return merge(self, other)

    def conflicts(self) -> tuple[Conflict, ...]:
        """Every field whose claims give more than one value, with all sides.

        >>> import isscoop
        >>> [f"{c.record.id}.{c.field}" for c in isscoop.dataset().conflicts()][:2]
        ['iss.planned_end', 'bakanov-duffy-2025.location']
        """
        found = []
        for record in self.records():
            if not isinstance(record, Record):
                continue
            for field in sorted({c.field for c in record.statements}):
                claims = record.claims(field)
                if len({str(c.value) for c in claims}) > 1:
                    found.append(Conflict(record=record, field=field, claims=claims))
        return tuple(found)

    def successors(self, agency: Agency | str) -> tuple[Agency, ...]:
        """Agencies that list ``agency`` among their predecessors."""
        wanted = agency if isinstance(agency, str) else agency.id
        return tuple(a for a in self.agencies if any(p.id == wanted for p in a.predecessors))

    def as_known_on(self, version: str) -> Dataset:
        """The dataset as release ``version`` had it: the records and claims known
        then, each claimed field set to the claim preferred then.

        Versions are ``YEAR.MONTH.N``; a record or claim with no ``added_in``
        has been there since the first release.  Records superseded by then
        are left out; the current version is this dataset itself.
        """
        if not VERSION_RE.fullmatch(version):
            raise InvalidRecord(f"version: expected a dataset version such as '2026.11.0', got {version!r}")
        if self.version is not None and version_key(version) > version_key(self.version):
            raise InvalidRecord(f"version: expected {self.version} or earlier, got {version!r}")
        if version == self.version:
            return self
        kept: dict[str, list[Any]] = {}
        for name in _codec.KINDS:
            items = getattr(self, name)
            kept[name] = [r.as_known_on(version) if isinstance(r, Record) else r for r in items if _known(r, version)]
        return _rebuild(kept, version)


def _known(record: Any, version: str) -> bool:
    return not isinstance(record, Record) or record.known_in(version)


def _rebuild(collections: dict[str, list[Any]], version: str) -> Dataset:
    """A dataset from records whose references may point at other versions of each other.

    Records are re-linked through the codec, so that every reference points
    at the object in the new dataset; references to records that are not
    there (added in a later release) are left out.
    """
    doc = _codec.encode(collections)
    doc = _codec.prune(doc, {r.id for items in collections.values() for r in items})
    ctx = _codec.Context()
    located = _codec.decode(doc, f"<dataset {version}>", ctx)
    built = _codec.build(located, ctx)
    if ctx.problems:
        raise DatasetError(ctx.problems)
    return Dataset(version=version, **{k: tuple(v) for k, v in built.items()})


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


def integrity_problems(collections: dict[str, tuple[Any, ...]], locate: Locate) -> list[Problem]:
    """Checks across records: unique ids, references inside the dataset, single holders."""
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
            for sub, ref in _references(r):
                check_ref(kind, i, sub, ref)

    problems.extend(_overlaps(collections.get("officials", ()), locate))
    return problems


def _references(r: Any) -> Iterator[tuple[str, Any]]:
    """``(json path suffix, referenced record)`` for every reference a record makes."""
    for j, s in enumerate(getattr(r, "sources", ())):
        yield f".sources[{j}]", s
    for j, c in enumerate(getattr(r, "statements", ())):
        for k, s in enumerate(c.sources):
            yield f".claims[{j}].sources[{k}]", s
        if c.stated_by is not None:
            yield f".claims[{j}].stated_by", c.stated_by
    if isinstance(r, Agency):
        for j, pred in enumerate(r.predecessors):
            yield f".predecessors[{j}]", pred
        for j, dated in enumerate(r.names):
            for k, s in enumerate(dated.sources):
                yield f".names[{j}].sources[{k}]", s
    if isinstance(r, Official):
        for j, t in enumerate(r.tenures):
            yield f".tenures[{j}].agency", t.agency
            for k, s in enumerate(t.sources):
                yield f".tenures[{j}].sources[{k}]", s
            for k, title in enumerate(t.titles):
                for n, s in enumerate(title.sources):
                    yield f".tenures[{j}].titles[{k}].sources[{n}]", s
    elif isinstance(r, Program):
        if r.lead:
            yield ".lead", r.lead
        if r.parent:
            yield ".parent", r.parent
        for j, p in enumerate(r.participations):
            yield f".participants[{j}].agency", p.agency
            for k, s in enumerate(p.sources):
                yield f".participants[{j}].sources[{k}]", s
        for j, c in enumerate(r.crew):
            yield f".crew[{j}].person", c.person
            yield f".crew[{j}].agency", c.agency
        for j, m in enumerate(r.milestones):
            for k, s in enumerate(m.sources):
                yield f".milestones[{j}].sources[{k}]", s
    elif isinstance(r, Meeting):
        for name in ("participants", "agencies", "programs"):
            for j, x in enumerate(getattr(r, name)):
                yield f".{name}[{j}]", x
    elif isinstance(r, Agreement):
        for name in ("parties", "signatories", "programs"):
            for j, x in enumerate(getattr(r, name)):
                yield f".{name}[{j}]", x
        if r.extends:
            yield ".extends", r.extends
        if r.supersedes:
            yield ".supersedes", r.supersedes
        for j, e in enumerate(r.events):
            if e.party:
                yield f".history[{j}].party", e.party
            for k, s in enumerate(e.sources):
                yield f".history[{j}].sources[{k}]", s


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


present_as_isscoop(globals())
