"""The domain: agencies, officials, meetings, programs, agreements and their sources.

Every class is a frozen, slotted, keyword-only attrs class.  Records refer to
each other as objects (``meeting.participants`` holds :class:`Official`
objects, not ids).  The model knows nothing about JSON, files, exports or queries.

**One declaration per record kind.**  Each record class is the only place its
kind is declared: its ``collection`` and ``kind_name``, its attrs fields
(with their types, defaults and validators), which fields refer to other
records (a field typed with a record class, such as ``Agency`` or
``tuple[Source, ...]``), and in field metadata the two things types cannot
say: ``KEY`` (the field's name in data files, when it differs) and ``FORM``
(the form of a text field: an id, a country code, a version, a link).
:data:`KINDS` lists the record kinds in the order they may refer to each
other.  The codec, the JSON Schema, the integrity checks, the exports and the
command line all read these declarations; behaviour they need per kind
(time spans, status, involved agencies, a description, timeline events,
export columns) is a method of the class.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date as _date
from typing import Any, ClassVar, Final, Literal, Self, TypeAlias

import attrs

from . import _validators as v
from ._args import MAX_ID_CHARS, check_flag, check_opt_text, check_text, got
from ._dates import (
    NEG_INF,
    POS_INF,
    Answer,
    DateLike,
    Described,
    PartialDate,
    Period,
    SpanLike,
    Tri,
    day_window,
    in_words,
    to_partial_date,
    window_answer,
)
from ._errors import InvalidArgument, InvalidRecord, IsscoopError, Undecidable, UnknownField, cut
from ._public import present_as_isscoop


def _to_day(value: object) -> object:
    """A ``datetime.datetime`` horizon as its day; anything else is left for the validator."""
    from datetime import datetime as _datetime

    return value.date() if isinstance(value, _datetime) else value


__all__ = [
    "Agency",
    "AgencyKind",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "Assume",
    "Cites",
    "Claim",
    "Coverage",
    "Covered",
    "CrewMember",
    "DatedName",
    "Location",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Milestone",
    "Official",
    "Participation",
    "Program",
    "ProgramKind",
    "Rank",
    "Record",
    "Revision",
    "Role",
    "Source",
    "StatusEvent",
    "Tenure",
]

#: Field metadata: the field's name in data files and exports, when it differs from the attribute's.
KEY: Final = "isscoop_key"
#: Field metadata: the form of a text field: ``"id"``, ``"country"``, ``"version"`` or ``"url"``.
FORM: Final = "isscoop_form"
#: Field metadata: the field is not written in data files (it comes from the file as a whole).
NOT_IN_FILES: Final = "isscoop_not_in_files"


def _meta(key: str | None = None, form: str | None = None) -> dict[str, str]:
    out = {}
    if key is not None:
        out[KEY] = key
    if form is not None:
        out[FORM] = form
    return out


Assume: TypeAlias = Literal["certain", "possible"]
"""How a yes/no query treats an UNKNOWN answer: ``"certain"`` (the default)
keeps only records where the answer is YES; ``"possible"`` also keeps the
UNKNOWN ones."""


def _keep(answer: Answer, assume: Assume) -> bool:
    if assume == "certain":
        return answer.value is Tri.YES
    if assume == "possible":
        return answer.value is not Tri.NO
    raise InvalidRecord(f"assume: expected 'certain' or 'possible', got {cut(assume)}")


def _check_assume(assume: object) -> None:
    """Reject an ``assume=`` that is not ``"certain"`` or ``"possible"`` (before any answer is asked)."""
    if not isinstance(assume, str):
        raise InvalidArgument(f"assume: expected 'certain' or 'possible', got {got(assume)}")
    if assume not in ("certain", "possible"):
        raise InvalidRecord(f"assume: expected 'certain' or 'possible', got {cut(assume)}")


def _check_party(party: object, what: str = "party", *, names: bool = True) -> None:
    """Reject a party that is not an :class:`Agency` (or, with ``names``, an agency's id or name)."""
    if isinstance(party, Agency):
        return
    if names and isinstance(party, str):
        check_text(party, what)
        return
    if isinstance(party, Record):
        expected = "an agency" if names else "an Agency"
        raise InvalidArgument(f"{what}: expected {expected}, got the {party.kind_name} {cut(party.id)}")
    if names:
        raise InvalidArgument(f"{what}: expected an Agency, or its id or name, got {got(party)}")
    hint = f"; look a name up first: isscoop.agencies.get({cut(party)})" if isinstance(party, str) else ""
    raise InvalidArgument(f"{what}: expected an Agency, got {got(party)}{hint}")


def _check_day(day: object, what: str = "day") -> None:
    """Reject a day argument that is not a day, month, year or interval (answers that do not
    need it would not look at it)."""
    if what == "stated_before":
        to_partial_date(day, field=what)  # type: ignore[arg-type]
    else:
        day_window(day)  # type: ignore[arg-type]


def _check_ids(ids: object, what: str) -> None:
    """Reject a set of record ids that is not a collection of str."""
    if isinstance(ids, str | bytes) or not isinstance(ids, frozenset | set | tuple | list):
        raise InvalidArgument(f"{what}: expected a set of record ids, got {got(ids)}")
    for ident in ids:
        if not isinstance(ident, str):
            raise InvalidArgument(f"{what}: expected a set of record ids (str), got an item {got(ident)}")
        if len(ident) > MAX_ID_CHARS:
            raise InvalidRecord(f"{what}: expected ids of at most {MAX_ID_CHARS} characters, got {cut(ident)}")


def _check_version(version: object) -> None:
    """Reject a dataset version that is not a str such as ``'2026.11.0'``."""
    if not isinstance(version, str):
        raise InvalidArgument(f"version: expected a dataset version such as '2026.11.0', got {got(version)}")
    if not v.VERSION_RE.fullmatch(version):
        raise InvalidRecord(f"version: expected a dataset version such as '2026.11.0', got {cut(version)}")


def _any(answers: Iterator[Answer], empty_reason: str) -> Answer:
    """YES if any answer is YES, NO if all are NO, else UNKNOWN (with the deciding reason)."""
    unknown: Answer | None = None
    last_no: Answer | None = None
    for a in answers:
        if a.value is Tri.YES:
            return a
        if a.value is Tri.UNKNOWN and unknown is None:
            unknown = a
        elif a.value is Tri.NO:
            last_no = a
    if unknown is not None:
        return unknown
    # An Answer is falsy when it is NO: test for None, not truth, to keep the deciding reason.
    return last_no if last_no is not None else Answer(value=Tri.NO, reason=empty_reason)


def version_key(version: str) -> tuple[int, ...]:
    """``"2026.11.0"`` as ``(2026, 11, 0)``, for ordering dataset versions."""
    return tuple(int(part) for part in version.split("."))


def _known_in(added: str | None, superseded: str | None, version: str) -> bool:
    key = version_key(version)
    if added is not None and version_key(added) > key:
        return False
    return superseded is None or version_key(superseded) > key


def _opt(value: object) -> str:
    return "None" if value is None else repr(str(value))


class _Enum(enum.Enum):
    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The value in words: ``"agreed in principle"``."""
        return str(self.value).replace("_", " ")

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class AgencyKind(_Enum):
    """What kind of body an :class:`Agency` is."""

    SPACE_AGENCY = "space_agency"
    STATE_CORPORATION = "state_corporation"
    INTERGOVERNMENTAL_ORGANIZATION = "intergovernmental_organization"
    STATE = "state"
    GOVERNMENT_DEPARTMENT = "government_department"
    COMPANY = "company"


class ProgramKind(_Enum):
    """What kind of undertaking a :class:`Program` is."""

    SPACE_STATION = "space_station"
    STATION_MODULE = "station_module"
    LUNAR_STATION = "lunar_station"
    EXPLORATION_PROGRAM = "exploration_program"
    CREW_MISSION = "crew_mission"
    CARGO_MISSION = "cargo_mission"
    SPACECRAFT = "spacecraft"
    INFRASTRUCTURE = "infrastructure"
    OTHER = "other"


class AgreementKind(_Enum):
    """The legal form of an :class:`Agreement`."""

    INTERGOVERNMENTAL_AGREEMENT = "intergovernmental_agreement"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    IMPLEMENTING_ARRANGEMENT = "implementing_arrangement"
    NO_EXCHANGE_OF_FUNDS_ARRANGEMENT = "no_exchange_of_funds_arrangement"
    SUPPLEMENT = "supplement"
    JOINT_STATEMENT = "joint_statement"
    PRINCIPLES = "principles"
    UNDERSTANDING_ANNOUNCED = "understanding_announced"
    CONTRACT = "contract"


class AgreementStatus(_Enum):
    """A step in an agreement's life, as recorded in :attr:`Agreement.events`."""

    PROPOSED = "proposed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    PENDING_APPROVAL = "pending_approval"
    SIGNED = "signed"
    PROVISIONALLY_APPLIED = "provisionally_applied"
    IN_FORCE = "in_force"
    EXTENDED = "extended"
    AMENDED = "amended"
    SUSPENDED = "suspended"
    WITHDRAWAL_NOTIFIED = "withdrawal_notified"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    DECLINED = "declined"


#: The lifecycle order of statuses, for steps on the same day.
_STATUS_ORDER: Final = {s: i for i, s in enumerate(AgreementStatus)}

#: Statuses under which an agreement applies.
IN_FORCE_STATUSES = frozenset(
    {
        AgreementStatus.PROVISIONALLY_APPLIED,
        AgreementStatus.IN_FORCE,
        AgreementStatus.EXTENDED,
        AgreementStatus.AMENDED,
        AgreementStatus.WITHDRAWAL_NOTIFIED,
    }
)
#: Statuses that end an agreement for everyone.
ENDING_STATUSES = frozenset({AgreementStatus.EXPIRED, AgreementStatus.TERMINATED, AgreementStatus.WITHDRAWN})
#: Statuses before an agreement is signed.
PRE_SIGNATURE_STATUSES = frozenset(
    {
        AgreementStatus.PROPOSED,
        AgreementStatus.AGREED_IN_PRINCIPLE,
        AgreementStatus.PENDING_APPROVAL,
    }
)


class MeetingKind(_Enum):
    """What kind of contact a :class:`Meeting` was."""

    HEADS_OF_AGENCY = "heads_of_agency"
    WORKING_LEVEL = "working_level"
    VISIT = "visit"
    SIGNING = "signing"
    STATEMENT = "statement"

    @property
    def adjective(self) -> str:
        """The kind before a noun: ``"heads-of-agency"``."""
        return str(self.value).replace("_", "-")


class Covered(_Enum):
    """What a :class:`Coverage` declares complete."""

    MEETINGS = "meetings"
    AGREEMENTS = "agreements"
    HEADS = "heads"


class MeetingStatus(_Enum):
    """Whether a :class:`Meeting` took place."""

    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Rank(_Enum):
    """How much weight a :class:`Claim` carries among the claims for one field."""

    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"


#: The columns every record kind exports (the CSV header), in order.
EXPORT_COLUMNS: Final = (
    "type",
    "id",
    "label",
    "kind",
    "status",
    "start",
    "end",
    "start_precision",
    "end_precision",
    "open_end",
    "agencies",
    "officials",
    "programs",
    "location",
    "country",
    "sources",
    "note",
)


@attrs.frozen(kw_only=True)
class Row:
    """A record as one export row: the values behind :data:`EXPORT_COLUMNS` (precisions aside)."""

    type: str
    id: str
    label: str
    kind: str = ""
    status: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    open_end: bool = False
    agencies: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    location: str = ""
    country: str = ""
    sources: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen(kw_only=True)
class Event:
    """One dated thing a timeline shows: a meeting, an agreement step, a tenure, a milestone, a founding."""

    record: Record
    start: PartialDate
    end: PartialDate | None
    headline: str
    text: str
    group: str
    sources: tuple[Source, ...]
    uid: str
    order: int = 0  # among steps on the same day: signed before in force, launch before docking
    period: Period | None = None  # for a span whose ends may be open or unknown (a tenure)
    ongoing: str = "still going"  # words for an open end


@attrs.frozen(kw_only=True)
class Entry:
    """One line of a story: a date at its own precision, what happened, and its sources.

    ``kind`` is ``"tenure"``, ``"tenure-end"``, ``"meeting"``, ``"agreement"``,
    ``"program"`` or ``"claim"``.
    """

    date: PartialDate
    kind: str
    text: str
    sources: tuple[Source, ...]
    order: int = 0  # among steps on the same day: signed before in force, launch before docking


@attrs.frozen(kw_only=True)
class Mark:
    """Something a timeline picture draws in the lanes of its agencies: a bar over a span, or a point.

    ``start`` is the first day, or with ``reported`` the date by which it
    had happened.  A bar ends at ``end``, or is ``"open"`` (still going) or
    ``"unknown"`` (``end_kind``); a point may last until ``until``.
    """

    kind: str  # "tenure", "acting", "meeting" or "agreement"
    lane: tuple[Agency, ...]
    label: str
    start: PartialDate
    bar: bool = False
    end: PartialDate | None = None
    end_kind: str = "closed"
    until: PartialDate | None = None
    reported: bool = False
    heads: bool = False
    status: str = "held"
    start_known: bool = True  # False: the bar starts at some unknown time after ``start``


#: Words that place steps of a program or a post in their order on one day, earlier steps first.
_STEP_WORDS: Final = (
    "nominat", "confirm", "appoint", "sworn", "scrub", "launch", "dock", "hatch", "arriv", "crew change",
    "handover", "undock", "depart", "splashdown", "landing", "land",
)  # fmt: skip


def step_order(what: str) -> int:
    """Where a step named ``what`` comes among steps on the same day: nomination before
    confirmation, a scrub before the launch, launch before docking, undocking before
    splashdown.  The longest step word found decides; other steps come in between (0).

    >>> [step_order(w) for w in ("launch", "docking", "undocking", "splashdown")]
    [6, 7, 12, 14]
    """
    text = what.casefold()
    found = [(len(w), i + 1) for i, w in enumerate(_STEP_WORDS) if w in text]
    return max(found)[1] if found else 0


def _claim_words(c: Claim) -> str:
    """A claim's value, with who stated it and when if recorded: ``"Houston, Texas (US), per NASA"``."""
    who = f", per {c.stated_by.label}" if c.stated_by is not None else ""
    when = f", stated {c.stated_on.in_words()}" if c.stated_on is not None else ""
    return f"{in_words(c.value)}{who}{when}"


def shorten(title: str, aliases: tuple[str, ...] = (), limit: int = 44) -> str:
    """The title, or its shortest alias when the title is too long, cut to ``limit`` characters."""
    best = title if len(title) <= limit else min((title, *aliases), key=len)
    return best if len(best) <= limit else best[: limit - 1] + "…"


def _ids(records: Iterator[Record] | tuple[Record, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.id for r in records))


Fact: TypeAlias = "tuple[str, object, tuple[Source, ...]]"
"""A line of a record's description: a label, a value and the sources that state it."""


@attrs.frozen(kw_only=True, repr=False)
class Source:
    """Where a fact comes from: a page with its publisher and, if shown, its date."""

    collection: ClassVar[str] = "sources"
    kind_name: ClassVar[str] = "source"

    id: str = attrs.field(validator=v.ident, metadata=_meta(form="id"))
    url: str = attrs.field(validator=v.url, metadata=_meta(form="url"))
    publisher: str = attrs.field(validator=v.text)
    published: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    title: str | None = attrs.field(default=None, validator=v.opt_text)
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    def __str__(self) -> str:
        when = f", {self.published}" if self.published else ""
        return f"{self.publisher}{when}: {self.url}"

    def __repr__(self) -> str:
        return f"Source(id={self.id!r}, publisher={self.publisher!r}, published={_opt(self.published)})"

    @property
    def label(self) -> str:
        """The page's title, or its publisher."""
        return self.title or self.publisher

    def reference(self) -> str:
        """The source for readers, original publisher first, date in words:
        ``"Reuters, via Daily8, 4 April 2021: https://..."``."""
        when = f", {self.published.in_words()}" if self.published else ""
        title = f' "{self.title}"' if self.title else ""
        return f"{self.credit}{when}{title}: {self.url}"

    @property
    def copy_of(self) -> tuple[str, str] | None:
        """``(original publisher, where the copy is)`` for a page that copies another
        publisher's text (a publisher written ``"Reuters (copy on Daily8)"``), else ``None``."""
        m = _COPY.fullmatch(self.publisher)
        return (m[1], m[2]) if m else None

    @property
    def credit(self) -> str:
        """The publisher as readers see it, the original first and the copy second.

        >>> Source(id="s", url="https://example.org/", publisher="Reuters (copy on Daily8)").credit
        'Reuters, via Daily8'
        """
        copy = self.copy_of
        return f"{copy[0]}, via {copy[1]}" if copy else self.publisher

    def columns(self) -> Row:
        """The record as one export row (the columns of :func:`isscoop.export.to_csv`)."""
        return Row(type="source", id=self.id, label=self.label, start=self.published, note=self.note or "")

    def sources_for(self, field: str) -> tuple[Source, ...]:
        """A page states its own address, publisher, date and title: ``(self,)`` for any of its fields."""
        _attr_of(Source, _parse_path(check_text(field, "field", cap=_MAX_PATH_CHARS))[0][0])
        return (self,)


_sources = v.tuple_of(Source, "Source")
#: A publisher written as "Original (copy on Mirror)".
_COPY: Final = re.compile(r"(.+?) \(copy on ([^()]+)\)")


def originals_first(sources: Iterable[Source]) -> tuple[Source, ...]:
    """The sources, each once, with pages of the original publishers before copies on other sites."""
    unique = list({s.id: s for s in sources}.values())
    return tuple(sorted(unique, key=lambda s: s.copy_of is not None))


# -- per-fact citation ------------------------------------------------------------------


class Cites(Mapping[str, "tuple[Source, ...]"]):
    """Which sources state which value of an object: field paths mapped to sources.

    A read-only, hashable mapping, stored under ``cites`` in data files.  Keys
    are field paths as :meth:`Record.sources_for` reads them (``"founded"``,
    ``"period.start"``, ``"parties[australia]"``, ``"outcomes[2]"``).

    >>> Cites()
    Cites({})
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Iterable[Source]] | None = None) -> None:
        self._data: dict[str, tuple[Source, ...]] = {k: tuple(s) for k, s in (data or {}).items()}

    def __getitem__(self, key: str) -> tuple[Source, ...]:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{k!r}: {[s.id for s in v]}" for k, v in self._data.items())
        return f"Cites({{{inner}}})"


def _to_cites(value: object) -> object:
    """Mappings become :class:`Cites`, their lists tuples; anything else is left for the validator."""
    if isinstance(value, Cites):
        return value
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(s, list | tuple) and all(isinstance(x, Source) for x in s)
        for k, s in value.items()
    ):
        return Cites(value)
    return value


def _check_cites(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Cites):
        raise v.fail(inst, a.name, "a mapping of field paths to tuples of Source", value)
    for key in value:
        try:
            segments = _parse_path(key)
            _attr_of(type(inst), segments[0][0])
        except IsscoopError as e:
            raise v.fail(inst, f"{a.name}[{key!r}]", "a field path of this object", key) from e


#: The longest field path :meth:`Record.sources_for` reads.
_MAX_PATH_CHARS: Final = 200
_PATH_SEGMENT: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\[\]]+)\])?")

#: Fields that are bookkeeping, not stated values: they need no source of their own.
_BOOKKEEPING: Final = frozenset(
    {"id", "sources", "statements", "revisions", "cites", "note", "added_in", "superseded_in", "horizon"}
)


@functools.lru_cache(maxsize=4096)
def _parse_path(path: str) -> tuple[tuple[str, str | None], ...]:
    if not isinstance(path, str) or not path:
        raise InvalidRecord(
            f"field path: expected a path such as 'founded' or 'tenures[0].period.start', got {cut(path)}"
        )
    out = []
    for part in path.split("."):
        m = _PATH_SEGMENT.fullmatch(part)
        if m is None:
            raise InvalidRecord(f"field path: expected NAME or NAME[INDEX] between dots, got {cut(part)}")
        out.append((m.group(1), m.group(2)))
    return tuple(out)


@functools.cache
def _names_of(cls: type) -> dict[str, str]:
    """Attribute names of an attrs class by attribute name and by data-file key."""
    out: dict[str, str] = {}
    for f in attrs.fields(cls):
        out[f.name] = f.name
        out.setdefault(f.metadata.get(KEY, f.name), f.name)
    return out


def _attr_of(cls: type, name: str) -> str:
    found = _names_of(cls).get(name)
    if found is None:
        raise UnknownField(f"field path: expected a field of {cls.__name__}, got {cut(name)}")
    return found


def _nested(obj: object) -> bool:
    """Whether ``obj`` is a value inside a record that cites its own sources (a tenure, a step)."""
    return attrs.has(type(obj)) and hasattr(obj, "sources") and not isinstance(obj, Source | Record)


def _item_key(item: object, position: int) -> str:
    return item.id if isinstance(item, Record | Source) else str(position)


def _pick(owner: object, attr: str, value: object, index: str) -> object:
    """The item of a tuple field named by position or by id (a record's, or the record a nested item is about)."""
    if not isinstance(value, tuple):
        raise InvalidRecord(f"field path: {type(owner).__name__}.{attr} is not a list, got an index [{index}]")
    if index.isdigit():
        i = int(index)
        if i < len(value):
            return value[i]
    else:
        for item in value:
            if isinstance(item, Record | Source) and item.id == index:
                return item
            if _nested(item) and any(
                isinstance(getattr(item, f.name), Record) and getattr(item, f.name).id == index
                for f in attrs.fields(type(item))
            ):
                return item
    raise InvalidRecord(f"field path: {type(owner).__name__}.{attr} has no item [{index}]")


def _union(groups: Iterable[tuple[Source, ...]]) -> tuple[Source, ...]:
    out: dict[str, Source] = {}
    for group in groups:
        for s in group:
            out.setdefault(s.id, s)
    return tuple(out.values())


def _item_sources(owner: object, attr: str, item: object, position: int) -> tuple[Source, ...]:
    """The sources of one item of a list field, as a whole."""
    cites = getattr(owner, "cites", None) or {}
    found = cites.get(f"{attr}[{_item_key(item, position)}]")
    if found:
        return found  # type: ignore[no-any-return]
    if _nested(item):
        return item.sources  # type: ignore[attr-defined,no-any-return]
    if isinstance(item, Record):
        hook = getattr(owner, "_sources_of_item", None)
        if hook is not None:
            return hook(attr, item)  # type: ignore[no-any-return]
    return ()


def _field_sources(owner: object, attr: str, value: object) -> tuple[Source, ...]:
    """The sources of a whole field that has no citation of its own under its name."""
    if attr in getattr(owner, "claimable", ()):
        for c in getattr(owner, "statements", ()):
            if c.field == attr and c.rank is Rank.PREFERRED and c.current:
                return c.sources  # type: ignore[no-any-return]
    if _nested(value):
        return value.sources  # type: ignore[attr-defined,no-any-return]
    if isinstance(value, tuple):
        return _union(_item_sources(owner, attr, item, i) for i, item in enumerate(value))
    if isinstance(value, Period):
        cites = getattr(owner, "cites", None) or {}
        return _union(cites.get(f"{attr}.{side}", ()) for side in ("start", "end"))
    return ()


def _resolve(owner: object, segments: tuple[tuple[str, str | None], ...]) -> tuple[Source, ...]:
    (name, index), rest = segments[0], segments[1:]
    attr = _attr_of(type(owner), name)
    value = getattr(owner, attr)
    cites = getattr(owner, "cites", None) or {}
    here = attr if index is None else f"{attr}[{index}]"
    found: tuple[Source, ...] = cites.get(here + "".join(f".{n}" + (f"[{i}]" if i else "") for n, i in rest), ())
    if found:
        return found
    if index is not None:
        item = _pick(owner, attr, value, index)
        if rest:
            if _nested(item):
                found = _resolve(item, rest)
        else:
            position = value.index(item) if isinstance(value, tuple) else 0
            found = _item_sources(owner, attr, item, position)
            if not found and isinstance(item, Record):
                found = cites.get(f"{attr}[{item.id}]", ())
    elif rest:
        if _nested(value):
            found = _resolve(value, rest)
    else:
        found = _field_sources(owner, attr, value)
    if not found and index is not None and rest:
        found = cites.get(here, ())
    if not found and (index is not None or rest):
        found = cites.get(attr, ())
    if not found and getattr(type(owner), "cited_as_a_whole", False):
        found = owner.sources  # type: ignore[attr-defined]
    return found


def _is_default(field: attrs.Attribute[Any], value: object) -> bool:
    if value is None or value == () or value == "":
        return True
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return False
        default = default.factory()
    return default is not attrs.NOTHING and type(value) is type(default) and bool(value == default)


def _citations(obj: object, prefix: str, top: bool) -> Iterator[str]:
    """The path of every stated value inside ``obj`` (see :meth:`Record.citations`)."""
    own_bounds = top or hasattr(obj, "cites")
    for f in attrs.fields(type(obj)):  # type: ignore[arg-type]
        if not f.init or f.name in _BOOKKEEPING:
            continue
        value = getattr(obj, f.name)
        if _is_default(f, value):
            continue
        path = prefix + f.name
        if isinstance(value, Period):
            if own_bounds:
                if value.start is not None:
                    yield f"{path}.start"
                if value.end is not None or value.open_end:
                    yield f"{path}.end"
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                p = f"{path}[{_item_key(item, i)}]"
                if _nested(item):
                    yield p
                    yield from _citations(item, p + ".", top=False)
                elif top or isinstance(item, PartialDate):
                    yield p
        elif top:
            yield path
    for i, c in enumerate(getattr(obj, "statements", ())):
        if c.current:
            yield f"{prefix}statements[{i}]"


def _claim_facts(obj: Any, indent: str) -> list[tuple[str, object, tuple[Source, ...]]]:
    """Lines for the current claims of a value inside a record (a tenure's period, a step's date)."""
    return [(f"{indent}claim {c.field}", f"{c.value} ({c.rank})", c.sources) for c in obj.statements if c.current]


def claim_holders(obj: object, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``(path prefix, object)`` for ``obj`` and every value inside it that can hold claims."""
    if hasattr(obj, "statements") and getattr(type(obj), "claimable", None):
        yield prefix, obj
    for f in attrs.fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if f.name in _BOOKKEEPING or not isinstance(value, tuple):
            continue
        for i, item in enumerate(value):
            if _nested(item):
                yield from claim_holders(item, f"{prefix}{f.name}[{i}].")


class _Cited:
    """Per-fact citation, for records and for the values inside them that cite sources."""

    __slots__ = ()

    def sources_for(self, field: str) -> tuple[Source, ...]:
        """The sources that state one value: a field, or a path into the record.

        ``field`` names a field (``"founded"``), an item of a list by
        position or by id (``"tenures[0]"``, ``"parties[australia]"``,
        ``"participants[sean-duffy]"``), or a value inside one
        (``"tenures[0].period.start"``, ``"participations[1].period.end"``).
        Data-file names work too (``"participants[0]"`` for a program's
        participations, ``"history[2]"``, ``"claims[0]"``).

        A value's sources are, in order: those listed for its path under
        :attr:`cites`; for an item that cites its own sources (a tenure, a
        participation, a lifecycle step, a milestone, a crew member, a
        claim), its ``sources``; for a claimed field, its preferred claim's;
        and lastly those listed for the field or item that holds it (a
        ``"period"`` citation covers both its ends).  ``()`` if none.

        >>> import isscoop
        >>> nasa = isscoop.agencies.get("NASA")
        >>> set(nasa.sources_for("founded")) < set(nasa.sources)
        True
        """
        return _resolve(self, _parse_path(check_text(field, "field", cap=_MAX_PATH_CHARS)))

    def citations(self) -> Iterator[tuple[str, tuple[Source, ...]]]:
        """``(path, sources)`` for every stated value: each field with a value, each
        item of a list, each end of a period, each current claim.

        Bookkeeping (ids, notes, versions) is left out, and so are the
        details of a nested value that cites its sources as a whole (a
        step's status and date), unless it has its own :attr:`cites`.  A
        value whose sources are ``()`` has no source of its own.
        """
        for path in _citations(self, "", top=isinstance(self, Record)):
            yield path, self.sources_for(path)

    def uncited(self) -> tuple[str, ...]:
        """Paths of the stated values that no source of their own supports."""
        return tuple(path for path, sources in self.citations() if not sources)


@attrs.frozen(kw_only=True)
class Location:
    """A place in words, with its country code when it has one."""

    place: str = attrs.field(validator=v.text)
    country: str | None = attrs.field(default=None, validator=v.country, metadata=_meta(form="country"))

    def __str__(self) -> str:
        return f"{self.place} ({self.country})" if self.country else self.place


ClaimValue: TypeAlias = "str | PartialDate | Period | Location"


@attrs.frozen(kw_only=True, repr=False)
class Claim:
    """One stated value of a field, with who stated it, when, and on whose authority.

    A record's plain attribute holds the preferred claim's value; all claims,
    including the ones that disagree, are in :meth:`Record.claims`.
    """

    field: str = attrs.field(validator=v.text)
    value: ClaimValue = attrs.field(
        validator=v.of_type((str, PartialDate, Period, Location), "a str, PartialDate, Period or Location")
    )
    rank: Rank = attrs.field(default=Rank.NORMAL, validator=v.member(Rank))
    reason: str | None = attrs.field(default=None, validator=v.opt_text)
    stated_by: Official | Agency | None = attrs.field(default=None)
    stated_on: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    note: str | None = attrs.field(default=None, validator=v.opt_text)
    added_in: str | None = attrs.field(default=None, validator=v.opt_version, metadata=_meta(form="version"))
    superseded_in: str | None = attrs.field(default=None, validator=v.opt_version, metadata=_meta(form="version"))

    @property
    def current(self) -> bool:
        """True unless a later dataset version superseded this claim."""
        return self.superseded_in is None

    def known_in(self, version: str) -> bool:
        """Whether this claim was part of dataset ``version``."""
        _check_version(version)
        return _known_in(self.added_in, self.superseded_in, version)

    def attribution(self) -> str:
        """Who stated the claim and when, in words, saying which is not recorded.

        ``"stated by Bill Nelson, 31 December 2021"``, ``"stated by Roscosmos (date not recorded)"``,
        ``"stated June 2024 (speaker not recorded)"`` or ``"speaker and date not recorded"``.
        """
        who = self.stated_by.label if self.stated_by is not None else None
        when = self.stated_on.in_words() if self.stated_on is not None else None
        if who and when:
            return f"stated by {who}, {when}"
        if who:
            return f"stated by {who} (date not recorded)"
        if when:
            return f"stated {when} (speaker not recorded)"
        return "speaker and date not recorded"

    def __repr__(self) -> str:
        who = f", stated_by={self.stated_by.id!r}" if self.stated_by else ""
        when = f", stated_on={str(self.stated_on)!r}" if self.stated_on else ""
        return f"Claim(field={self.field!r}, value={str(self.value)!r}, rank={self.rank!r}{who}{when})"

    @stated_by.validator
    def _check_stated_by(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Official | Agency):
            raise v.fail(self, a.name, "an Official, an Agency or None", value)


def _required_version(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise v.fail(inst, a.name, "the dataset version that replaced this value, such as '2026.12.0'", value)
    v.opt_version(inst, a, value)


@attrs.frozen(kw_only=True, repr=False)
class Revision:
    """A field's value as earlier releases had it, before a correction replaced it.

    The value held from ``added_in`` (or the first release) until the
    release ``superseded_in``; the record's plain attribute holds today's
    value.  :meth:`Record.as_known_on` puts revised values back.  Only values
    are revised this way: sources, citations and notes are always today's.
    """

    field: str = attrs.field(validator=v.text)
    value: Any = attrs.field(default=None)
    superseded_in: str | None = attrs.field(default=None, validator=_required_version, metadata=_meta(form="version"))
    added_in: str | None = attrs.field(default=None, validator=v.opt_version, metadata=_meta(form="version"))
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    def known_in(self, version: str) -> bool:
        """Whether this was the field's value in dataset ``version``."""
        _check_version(version)
        return _known_in(self.added_in, self.superseded_in, version)

    def __repr__(self) -> str:
        return f"Revision(field={self.field!r}, superseded_in={self.superseded_in!r})"


def _check_claims(obj: Any) -> None:
    """Each claim is about a claimable field; one current preferred claim per field, equal to the field."""
    preferred: dict[str, Claim] = {}
    claimable = type(obj).claimable
    for i, c in enumerate(obj.statements):
        if c.field not in claimable:
            allowed = ", ".join(sorted(claimable)) or "none"
            raise v.fail(obj, f"statements[{i}].field", f"one of: {allowed}", c.field)
        if c.rank is Rank.PREFERRED and c.current:
            if c.field in preferred:
                raise v.fail(obj, f"statements[{i}].rank", f"one preferred claim for {c.field!r}", "a second")
            preferred[c.field] = c
            if getattr(obj, c.field) != c.value:
                raise v.fail(obj, c.field, f"the preferred claim's value {c.value!s}", getattr(obj, c.field))


def _claims_of(obj: Any, field: str | None, stated_before: DateLike | None, superseded: bool) -> tuple[Claim, ...]:
    """The claims ``claims()`` returns, for a record or a value inside one (its arguments checked here)."""
    check_opt_text(field, "field")
    if stated_before is not None:
        _check_day(stated_before, "stated_before")
    check_flag(superseded, "superseded")
    claimable = type(obj).claimable
    if field is not None and field not in claimable:
        allowed = ", ".join(sorted(claimable)) or "none"
        raise InvalidRecord(f"{type(obj).__name__} has no claims for {cut(field)}; fields with claims: {allowed}")
    found = [c for c in obj.statements if (field is None or c.field == field) and (superseded or c.current)]
    if stated_before is not None:
        found = [c for c in found if c.stated_on is not None and c.stated_on.precedes(stated_before).yes]
    order = {Rank.PREFERRED: 0, Rank.NORMAL: 1, Rank.DEPRECATED: 2}
    return tuple(sorted(found, key=lambda c: (order[c.rank], c.stated_on.sort_key() if c.stated_on else (0, 0, 0))))


@attrs.frozen(kw_only=True, repr=False)
class DatedName(_Cited):
    """A name or title in use over a period, e.g. an agency's former name."""

    name: str = attrs.field(validator=v.text)
    period: Period = attrs.field(factory=Period, converter=v.to_opt_period, validator=v.of_type(Period, "a Period"))
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"

    def __repr__(self) -> str:
        return f"DatedName(name={self.name!r}, period={str(self.period)!r})"


def _names_ongoing(names: tuple[DatedName, ...], horizon: _date | None) -> tuple[DatedName, ...]:
    """The dated names with their open ends going on as of ``horizon`` (the same tuple if none changes)."""
    out = tuple(n if n.period.ongoing(horizon) is n.period else attrs.evolve(n, period=n.period.ongoing(horizon))
                for n in names)  # fmt: skip
    return names if all(a is b for a, b in zip(out, names, strict=True)) else out


def _name_on(names: tuple[DatedName, ...], day: SpanLike, assume: Assume) -> str | None:
    """The first name certainly in use within ``day``; with ``assume="possible"``,
    else the only name that may have been."""
    _check_assume(assume)
    answers = [(n, n.period.covers(day)) for n in names]
    for n, answer in answers:
        if answer.yes:
            return n.name
    maybe = [n for n, answer in answers if answer.unknown]
    if assume == "possible" and len(maybe) == 1:
        return maybe[0].name
    _keep(Answer(value=Tri.NO, reason=""), assume)  # reject a bad assume value
    return None


@attrs.frozen(kw_only=True, repr=False)
class Record(_Cited):
    """What every record has: an id, its sources, its claims and a note.

    :attr:`sources` lists every source the record cites; :attr:`cites` says
    which of them state which value, and :meth:`sources_for` answers for
    one value.  :attr:`revisions` keeps values that a later release
    corrected.

    ``horizon`` is the last day the facts of the file the record was read
    from were checked (see :attr:`Dataset.horizon <isscoop.Dataset.horizon>`):
    an open end in the record (a tenure ``2025-02-06/..``, an agreement in
    force with no end, an agency's existence) is going on up to that day and
    unknown after it.  It is not written in data files -- a file declares it
    once -- and does not take part in ``==``.  A record built in Python has
    none unless given, and its open ends then go on without end.
    """

    #: The fields that may carry competing claims.
    claimable: ClassVar[frozenset[str]] = frozenset()
    #: Whether every value of the record cites all its sources (a declaration, not a report).
    cited_as_a_whole: ClassVar[bool] = False
    #: The name of the record type, for messages.
    kind_name: ClassVar[str] = "record"
    #: The name of the record type's collection (``isscoop.agencies``, ``"agencies"`` in data files).
    collection: ClassVar[str] = "records"

    id: str = attrs.field(validator=v.ident, metadata=_meta(form="id"))
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    cites: Mapping[str, tuple[Source, ...]] = attrs.field(factory=Cites, converter=_to_cites, validator=_check_cites)
    statements: tuple[Claim, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Claim, "Claim"), metadata=_meta(key="claims")
    )
    revisions: tuple[Revision, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Revision, "Revision")
    )
    note: str | None = attrs.field(default=None, validator=v.opt_text)
    added_in: str | None = attrs.field(default=None, validator=v.opt_version, metadata=_meta(form="version"))
    superseded_in: str | None = attrs.field(default=None, validator=v.opt_version, metadata=_meta(form="version"))
    horizon: datetime.date | None = attrs.field(
        default=None,
        converter=_to_day,
        validator=v.opt_of_type(_date, "a datetime.date or None"),
        eq=False,
        repr=False,
        metadata={NOT_IN_FILES: True},
    )

    def __attrs_post_init__(self) -> None:
        if self.horizon is not None:
            self._carry_horizon()
        _check_claims(self)
        names = _names_of(type(self))  # type: ignore[arg-type]
        for i, r in enumerate(self.revisions):
            if names.get(r.field) != r.field or r.field in _BOOKKEEPING:
                expected = "a field of the record (not id, sources or a note)"
                raise v.fail(self, f"revisions[{i}].field", expected, r.field)

    def _carry_horizon(self) -> None:
        """Give the record's open-ended periods its :attr:`horizon` (on a record being built)."""

    def _with_horizon(self, horizon: _date) -> None:
        """Set the horizon of a record that has just been read from a file and is seen by no one yet."""
        object.__setattr__(self, "horizon", horizon)
        self._carry_horizon()

    @property
    def current(self) -> bool:
        """True unless a later dataset version superseded this record."""
        return self.superseded_in is None

    def known_in(self, version: str) -> bool:
        """Whether this record was part of dataset ``version``."""
        _check_version(version)
        return _known_in(self.added_in, self.superseded_in, version)

    def as_known_on(self, version: str) -> Self:
        """This record as dataset ``version`` had it: the claims it had then
        (those superseded later count as current), each claimed field set
        to the claim preferred then, and each revised field set back to the
        value it had then (see :class:`Revision`)."""
        _check_version(version)
        key = version_key(version)
        kept = []
        for c in self.statements:
            if c.added_in is not None and version_key(c.added_in) > key:
                continue
            if c.superseded_in is not None and version_key(c.superseded_in) > key:
                c = attrs.evolve(c, superseded_in=None)
            kept.append(c)
        active = tuple(kept)
        changes: dict[str, Any] = {"statements": active, "superseded_in": None}
        for field in {c.field for c in self.statements}:
            preferred = [c for c in active if c.field == field and c.rank is Rank.PREFERRED and c.current]
            if preferred:
                changes[field] = preferred[0].value
            elif any(c.field == field and c.rank is Rank.PREFERRED for c in self.statements if c.current):
                changes[field] = None
        if self.revisions:
            for r in sorted(self.revisions, key=lambda r: version_key(r.superseded_in or "0.0.0"), reverse=True):
                if r.known_in(version):
                    changes[r.field] = r.value
            changes["revisions"] = tuple(
                r for r in self.revisions if r.superseded_in is not None and version_key(r.superseded_in) <= key
            )
        return attrs.evolve(self, **changes)

    def _sources_of_item(self, field: str, item: Record) -> tuple[Source, ...]:
        """The sources for one record in a list field (a party, a participant), when the record says."""
        return ()

    @property
    def label(self) -> str:
        """The record's name or title."""
        return str(getattr(self, "name", None) or getattr(self, "title", None) or self.id)

    def claims(
        self, field: str | None = None, *, stated_before: DateLike | None = None, superseded: bool = False
    ) -> tuple[Claim, ...]:
        """Every claim about ``field`` (all fields if ``None``): preferred, then normal, then deprecated.

        Within a rank, undated claims come first, then by the date stated.
        ``stated_before`` keeps only claims certainly stated before that day
        (what was believed then).  Claims that a later dataset version
        superseded are left out unless ``superseded=True``.
        """
        return _claims_of(self, field, stated_before, superseded)

    # -- time ---------------------------------------------------------------
    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        """``(bounds, what)`` pairs for the times this record was going on."""
        return ()

    def _answer(self, lo: int, hi: int, label: str, throughout: bool = False) -> Answer:
        return _any(
            (window_answer(b, lo, hi, label, what, throughout=throughout) for b, what in self._spans()),
            f"{self.label} has no dates",
        )

    def _hull(self) -> tuple[int, int, int, int]:
        """From the first to the last of its times, for before/after; undated: unbounded."""
        spans = self._spans()
        if not spans:
            return (NEG_INF, POS_INF, NEG_INF, POS_INF)
        return (
            min(b[0] for b, _ in spans),
            min(b[1] for b, _ in spans),
            max(b[2] for b, _ in spans),
            max(b[3] for b, _ in spans),
        )

    def active_on(self, day: SpanLike, *, throughout: bool = False) -> Answer:
        """Was this record going on at some time within ``day`` (``throughout=True``: all through it)?

        YES, NO or UNKNOWN, with a reason.  ``day`` may be an interval (see
        :data:`~isscoop.SpanLike`); a record with several spans (an official's
        tenures) is going on throughout only if one span covers all of it.
        """
        return self._answer(*day_window(day), throughout=throughout)

    def _related(self) -> Iterator[Record]:
        """Records this one involves (agencies, officials, programs)."""
        return iter(())

    def _dates(self) -> tuple[PartialDate, ...]:
        """Dates that place this record on a timeline, earliest first."""
        return ()

    # -- what exports, pictures and the command line read -----------------------------
    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        """``(start, end, open_end)``: when the record began and ended, as exports show it."""
        return None, None, False

    def status_text(self) -> str:
        """The record's status in one word (a meeting's status, an agreement's lifecycle status)."""
        return ""

    def agencies_involved(self) -> tuple[Agency, ...]:
        """The agencies the record involves, in recorded order, each once."""
        return ()

    def lane_agencies(self) -> tuple[Agency, ...]:
        """The agencies whose lanes the record is drawn in, on a timeline picture."""
        return ()

    def edge_data(self) -> dict[str, str] | None:
        """What a network edge between its agencies says about the record; ``None``: it links no agencies."""
        return None

    def columns(self) -> Row:
        """The record as one export row (the columns of :func:`isscoop.export.to_csv`)."""
        start, end, open_end = self.span()
        kind = getattr(self, "kind", None)
        return Row(
            type=self.kind_name,
            id=self.id,
            label=self.label,
            kind=kind.value if isinstance(kind, enum.Enum) else "",
            status=self.status_text(),
            start=start,
            end=end,
            open_end=open_end,
            agencies=_ids(self.agencies_involved()),
            sources=tuple(s.id for s in self.sources),
            note=self.note or "",
        )

    def timeline(self) -> Iterator[Event]:
        """The dated events a timeline export shows for this record."""
        return iter(())

    def entries(self, agencies: frozenset[str]) -> Iterator[Entry]:
        """Story lines about this record as it concerns the agencies with ids ``agencies``."""
        _check_ids(agencies, "agencies")
        return iter(())

    def marks(self, lanes: frozenset[str]) -> Iterator[Mark]:
        """What a timeline picture with lanes for the agencies ``lanes`` draws for this record."""
        _check_ids(lanes, "lanes")
        return iter(())

    def facts(self) -> list[Fact]:
        """The record's description, one fact per line, each with the sources that state it."""
        return []

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        name = "name" if hasattr(self, "name") else "title"
        return f"{type(self).__name__}(id={self.id!r}, {name}={getattr(self, name)!r})"


@attrs.frozen(kw_only=True, repr=False)
class Agency(Record):
    """A space agency, a state corporation, a state, a ministry or a company.

    ``country`` is an ISO 3166-1 alpha-2 code, or ``None`` for an
    intergovernmental body such as ESA.  ``founded`` may carry claims when
    sources date the founding differently (an act signed, an agency
    opened); ``ended`` is set for a body that no longer exists (merged into
    a successor, which lists it among its ``predecessors``).
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"founded"})
    kind_name: ClassVar[str] = "agency"
    collection: ClassVar[str] = "agencies"

    name: str = attrs.field(validator=v.text)
    kind: AgencyKind = attrs.field(validator=v.member(AgencyKind))
    acronym: str | None = attrs.field(default=None, validator=v.opt_text)
    country: str | None = attrs.field(default=None, validator=v.country, metadata=_meta(form="country"))
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    founded: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    ended: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    names: tuple[DatedName, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(DatedName, "DatedName")
    )
    predecessors: tuple[Agency, ...] = attrs.field(factory=tuple, converter=v.to_tuple)

    @predecessors.validator
    def _check_predecessors(self, a: attrs.Attribute[Any], value: object) -> None:
        v.tuple_of(Agency, "Agency")(self, a, value)

    def name_on(self, day: SpanLike, *, assume: Assume = "certain") -> str | None:
        """The agency's name at some time within ``day``.

        :attr:`names` lists dated names, main names first; the first one
        certainly in use is given.  A day they do not decide gives ``None``
        (or, with ``assume="possible"``, the one name that may fit).  With no
        dated names, the name is :attr:`name`.

        >>> import isscoop
        >>> roscosmos = isscoop.agencies.get("roscosmos")
        >>> roscosmos.name_on("2003-05-01"), roscosmos.name_on("1999-08")
        ('Russian Aviation and Space Agency', None)
        """
        _check_day(day)
        _check_assume(assume)
        if not self.names:
            day_window(day)  # the day is read all the same: a form isscoop cannot read is refused
            return self.name
        return _name_on(self.names, day, assume)

    def _carry_horizon(self) -> None:
        names = _names_ongoing(self.names, self.horizon)
        if names is not self.names:
            object.__setattr__(self, "names", names)

    @property
    def period(self) -> Period:
        """From its founding to its end (open while it exists, up to its ``horizon``)."""
        if self.ended is not None:
            return Period(start=self.founded, end=self.ended)
        return Period(start=self.founded, open_end=True, ongoing_as_of=self.horizon)

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        p = self.period
        return ((p.bounds(), Described(text=str(self), start=p.start, end=p.end, ongoing_as_of=self.horizon)),)

    def _related(self) -> Iterator[Record]:
        yield self

    def _dates(self) -> tuple[PartialDate, ...]:
        return (self.founded,) if self.founded else ()

    @property
    def label(self) -> str:
        return self.acronym or self.name

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        return self.founded, self.ended, self.ended is None

    def columns(self) -> Row:
        return attrs.evolve(super().columns(), country=self.country or "")

    def timeline(self) -> Iterator[Event]:
        if self.founded is not None:
            yield Event(
                record=self,
                start=self.founded,
                end=None,
                headline=f"{self.label} founded",
                text=self.name,
                group="Agencies",
                sources=self.sources_for("founded"),
                uid=self.id,
            )

    def facts(self) -> list[Fact]:
        cite = self.sources_for
        out: list[Fact] = [
            ("name", self.name, cite("name")),
            ("acronym", self.acronym, cite("acronym") if self.acronym else ()),
            ("kind", self.kind.label, cite("kind")),
            ("country", self.country, cite("country") if self.country else ()),
            ("founded", self.founded, cite("founded") if self.founded else ()),
            ("ended", self.ended, cite("ended") if self.ended else ()),
        ]
        out += [("named", n, n.sources) for n in self.names]
        out += [("predecessor", p.label, cite(f"predecessors[{p.id}]")) for p in self.predecessors]
        return out


@attrs.frozen(kw_only=True, repr=False)
class Milestone(_Cited):
    """A dated step: a launch, a scrub, a docking, a landing; a nomination or a confirmation.

    When sources disagree on the day, :meth:`claims` holds each version
    (``date`` is the preferred one).
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"date"})

    date: PartialDate = attrs.field(
        converter=v.to_opt_date, validator=v.of_type(PartialDate, "a PartialDate or EDTF date string")
    )
    what: str = attrs.field(validator=v.text)
    note: str | None = attrs.field(default=None, validator=v.opt_text)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    statements: tuple[Claim, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Claim, "Claim"), metadata=_meta(key="claims")
    )

    def __attrs_post_init__(self) -> None:
        _check_claims(self)

    def claims(self, field: str | None = None, *, superseded: bool = False) -> tuple[Claim, ...]:
        """Every claim about the step's ``date``, preferred first (see :meth:`Record.claims`)."""
        return _claims_of(self, field, None, superseded)

    def __str__(self) -> str:
        return f"{self.date} {self.what}"

    def __repr__(self) -> str:
        return f"Milestone(date={str(self.date)!r}, what={self.what!r})"


@attrs.frozen(kw_only=True, repr=False)
class Tenure(_Cited):
    """A post held by an :class:`Official`: title, agency, period, and whether acting.

    ``head`` marks the post that leads the agency (one holder at a time,
    acting holders aside).  ``attested`` lists dates on which the post is
    known to have been held, for tenures whose start or end is unknown.
    ``milestones`` are the steps to and in the post (nominated, confirmed,
    sworn in, reappointed).  ``sources`` state the tenure as a whole;
    ``cites`` gives the sources of each end (``"period.start"``,
    ``"period.end"``).  Disagreeing periods are :meth:`claims`.
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"period"})

    post: str = attrs.field(validator=v.text)
    agency: Agency = attrs.field(validator=v.of_type(Agency, "an Agency"))
    period: Period = attrs.field(factory=Period, converter=v.to_opt_period, validator=v.of_type(Period, "a Period"))
    acting: bool = attrs.field(default=False, validator=v.flag)
    head: bool = attrs.field(default=False, validator=v.flag)
    attested: tuple[PartialDate, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(PartialDate, "PartialDate")
    )
    titles: tuple[DatedName, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(DatedName, "DatedName")
    )
    milestones: tuple[Milestone, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Milestone, "Milestone")
    )
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    cites: Mapping[str, tuple[Source, ...]] = attrs.field(factory=Cites, converter=_to_cites, validator=_check_cites)
    statements: tuple[Claim, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Claim, "Claim"), metadata=_meta(key="claims")
    )
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    def __attrs_post_init__(self) -> None:
        _check_claims(self)

    def claims(self, field: str | None = None, *, superseded: bool = False) -> tuple[Claim, ...]:
        """Every claim about the tenure's ``period``, preferred first (see :meth:`Record.claims`)."""
        return _claims_of(self, field, None, superseded)

    def post_on(self, day: SpanLike, *, assume: Assume = "certain") -> str | None:
        """The post's title at some time within ``day``: from :attr:`titles` when the
        title changed during the tenure, else :attr:`post`."""
        _check_day(day)
        _check_assume(assume)
        if not self.titles:
            day_window(day)  # the day is read all the same: a form isscoop cannot read is refused
            return self.post
        return _name_on(self.titles, day, assume)

    @property
    def start(self) -> PartialDate | None:
        return self.period.start

    @property
    def ongoing_as_of(self) -> datetime.date | None:
        """The horizon an open-ended tenure is known to be held up to (see :class:`~isscoop.Period`)."""
        return self.period.ongoing_as_of

    def _ongoing(self, horizon: _date | None) -> Tenure:
        period = self.period.ongoing(horizon)
        titles = _names_ongoing(self.titles, horizon)
        if period is self.period and titles is self.titles:
            return self
        return attrs.evolve(self, period=period, titles=titles)

    @property
    def end(self) -> PartialDate | None:
        return self.period.end

    @property
    def end_known(self) -> bool:
        """True when the end is a date or is known to be open (still in post when last checked)."""
        return self.period.end_known

    @property
    def first_attested(self) -> PartialDate | None:
        return min(self.attested, default=None)

    @property
    def last_attested(self) -> PartialDate | None:
        return max(self.attested, default=None, key=lambda d: (d.latest, d.earliest))

    def bounds(self) -> tuple[int, int, int, int]:
        """The period's bounds, narrowed by the attested dates."""
        s_lo, s_hi, e_lo, e_hi = self.period.bounds()
        if self.attested:
            first_hi = min(d.bounds()[1] for d in self.attested)
            last_lo = max(d.bounds()[0] for d in self.attested)
            s_hi = min(s_hi, first_hi)
            e_lo = max(e_lo, last_lo)
        return s_lo, s_hi, e_lo, e_hi

    def covers(self, day: SpanLike, *, throughout: bool = False) -> Answer:
        """Did the holder hold this post at some time within ``day`` (``throughout=True``: all through it)?

        >>> from isscoop import Agency, AgencyKind, Tenure
        >>> nasa = Agency(id="nasa", name="NASA", kind=AgencyKind.SPACE_AGENCY)
        >>> t = Tenure(post="Administrator", agency=nasa, period="2021-05-03/2025-01-20")
        >>> t.covers("2023-04-26")
        Answer(YES, 'Administrator, NASA, 2021-05-03/2025-01-20 covers 2023-04-26')
        """
        return window_answer(self.bounds(), *day_window(day), self, throughout=throughout)

    def __str__(self) -> str:
        acting = "Acting " if self.acting and not self.post.lower().startswith("acting") else ""
        return f"{acting}{self.post}, {self.agency.label}, {self.period}"

    def __repr__(self) -> str:
        return (
            f"Tenure(post={self.post!r}, agency={self.agency.id!r}, "
            f"period={str(self.period)!r}, acting={self.acting!r})"
        )


@attrs.frozen(kw_only=True, repr=False)
class Official(Record):
    """A person in the dataset: an agency head, a minister, a president, a crew member."""

    kind_name: ClassVar[str] = "official"
    collection: ClassVar[str] = "officials"

    name: str = attrs.field(validator=v.text)
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    tenures: tuple[Tenure, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Tenure, "Tenure")
    )

    def _carry_horizon(self) -> None:
        tenures = tuple(t._ongoing(self.horizon) for t in self.tenures)
        if any(a is not b for a, b in zip(tenures, self.tenures, strict=True)):
            object.__setattr__(self, "tenures", tenures)

    def tenures_on(self, day: SpanLike, *, assume: Assume = "certain") -> tuple[Tenure, ...]:
        """The posts held at some time within ``day``."""
        _check_day(day)
        _check_assume(assume)
        return tuple(t for t in self.tenures if _keep(t.covers(day), assume))

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        return tuple((t.bounds(), t) for t in self.tenures)

    def _related(self) -> Iterator[Record]:
        yield self
        for t in self.tenures:
            yield t.agency

    def _dates(self) -> tuple[PartialDate, ...]:
        return tuple(sorted(t.start for t in self.tenures if t.start))

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        starts = [t.start for t in self.tenures if t.start is not None]
        last = max(self.tenures, key=lambda t: t.period.bounds()[3], default=None)
        return (
            min(starts) if starts else None,
            last.end if last else None,
            bool(last and last.period.open_end),
        )

    def agencies_involved(self) -> tuple[Agency, ...]:
        return tuple({t.agency.id: t.agency for t in self.tenures}.values())

    def lane_agencies(self) -> tuple[Agency, ...]:
        return tuple({t.agency.id: t.agency for t in self.tenures if t.head}.values())

    def timeline(self) -> Iterator[Event]:
        for i, t in enumerate(self.tenures):
            if t.start is None:
                continue
            acting = "acting " if t.acting else ""
            yield Event(
                record=self,
                start=t.start,
                end=t.end,
                headline=f"{self.name}: {acting}{t.post}, {t.agency.label}",
                text=f"{self.name}: {acting}{t.post}, {t.agency.name}.",
                group="Officials",
                sources=_union((t.sources_for("period.start"), t.sources_for("period.end") if t.end_known else ())),
                uid=f"{self.id}-{i}",
                period=t.period,
                ongoing="still in office",
            )

    def entries(self, agencies: frozenset[str]) -> Iterator[Entry]:
        _check_ids(agencies, "agencies")
        for t in self.tenures:
            if not (t.head and t.agency.id in agencies):
                continue
            acting = "acting " if t.acting else ""
            if t.start is not None:
                text = f"{self.name} becomes {acting}head of {t.agency.label} ({t.post})"
                yield Entry(date=t.start, kind="tenure", text=text, sources=t.sources_for("period.start"))
            if t.end is not None:
                text = f"{self.name} leaves the post of {t.post}, {t.agency.label}"
                yield Entry(date=t.end, kind="tenure-end", text=text, sources=t.sources_for("period.end"))

    def marks(self, lanes: frozenset[str]) -> Iterator[Mark]:
        _check_ids(lanes, "lanes")
        for t in self.tenures:
            if not t.head or t.agency.id not in lanes or t.start is None:
                continue
            yield Mark(
                kind="acting" if t.acting else "tenure",
                lane=(t.agency,),
                label=self.name + (" (acting)" if t.acting else ""),
                start=t.start,
                bar=True,
                end=t.end,
                end_kind="closed" if t.end is not None else ("open" if t.period.open_end else "unknown"),
            )

    def facts(self) -> list[Fact]:
        out: list[Fact] = [("name", self.name, self.sources_for("name"))]
        for t in self.tenures:
            acting = "acting " if t.acting and "acting" not in t.post.lower() else ""
            out.append(("post", f"{acting}{t.post}, {t.agency.label}", t.sources))
            if t.start is not None:
                out.append(("  from", t.start, t.sources_for("period.start")))
            if t.end is not None or t.period.open_end:
                out.append(("  to", t.end or "still in post when last checked", t.sources_for("period.end")))
            out += [("  attested", d, t.sources_for(f"attested[{i}]")) for i, d in enumerate(t.attested)]
            out += _claim_facts(t, "  ")
            for m in t.milestones:
                out.append(("  step", f"{m.date} {m.what}", m.sources))
                out += _claim_facts(m, "    ")
        return out


@attrs.frozen(kw_only=True, repr=False)
class Participation(_Cited):
    """An agency's part in a :class:`Program`, over a period (``None``: the program's own).

    ``sources`` state the part as a whole; ``cites`` gives the sources of
    each end of the period (``"period.start"``, ``"period.end"``).
    """

    def __repr__(self) -> str:
        return f"Participation(agency={self.agency.id!r}, role={self.role!r}, period={_opt(self.period)})"

    agency: Agency = attrs.field(validator=v.of_type(Agency, "an Agency"))
    role: str = attrs.field(validator=v.text)
    period: Period | None = attrs.field(
        default=None, converter=v.to_opt_period, validator=v.opt_of_type(Period, "a Period or None")
    )
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    cites: Mapping[str, tuple[Source, ...]] = attrs.field(factory=Cites, converter=_to_cites, validator=_check_cites)
    note: str | None = attrs.field(default=None, validator=v.opt_text)


@attrs.frozen(kw_only=True, repr=False)
class CrewMember(_Cited):
    """A person who flew on a crew mission, for an agency, in a role.

    ``leg`` is ``"launch"`` or ``"return"`` for someone who flew only one
    way on this spacecraft (``None``: both ways, or not known to differ).
    """

    def __repr__(self) -> str:
        return f"CrewMember(person={self.person.id!r}, agency={self.agency.id!r}, role={self.role!r})"

    person: Official = attrs.field(validator=v.of_type(Official, "an Official"))
    agency: Agency = attrs.field(validator=v.of_type(Agency, "an Agency"))
    role: str = attrs.field(validator=v.text)
    leg: str | None = attrs.field(default=None, validator=v.opt_text)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    @leg.validator
    def _check_leg(self, a: attrs.Attribute[Any], value: object) -> None:
        if value not in (None, "launch", "return"):
            raise v.fail(self, a.name, "'launch', 'return' or None", value)


@attrs.frozen(kw_only=True, repr=False)
class Program(Record):
    """A shared undertaking: a station, a lunar project, a crew mission, a spacecraft.

    A crew mission's :attr:`period` runs from launch to landing (an open end:
    still flying when last checked).  :attr:`parent` places a mission under
    its program (Crew-11 under the ISS).  ``planned_duration`` is how long
    it was meant to last, in words ("about eight months"), with a claim for
    each version when sources differ.  A program with no dates at all is
    never "going on" for a date question.
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"planned_end", "period", "planned_duration"})
    kind_name: ClassVar[str] = "program"
    collection: ClassVar[str] = "programs"

    name: str = attrs.field(validator=v.text)
    kind: ProgramKind = attrs.field(validator=v.member(ProgramKind))
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    lead: Agency | None = attrs.field(default=None, validator=v.opt_of_type(Agency, "an Agency or None"))
    parent: Program | None = attrs.field(default=None)
    period: Period = attrs.field(factory=Period, converter=v.to_opt_period, validator=v.of_type(Period, "a Period"))
    planned_end: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    planned_duration: str | None = attrs.field(default=None, validator=v.opt_text)
    participations: tuple[Participation, ...] = attrs.field(
        factory=tuple,
        converter=v.to_tuple,
        validator=v.tuple_of(Participation, "Participation"),
        metadata=_meta(key="participants"),
    )
    crew: tuple[CrewMember, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(CrewMember, "CrewMember")
    )
    milestones: tuple[Milestone, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Milestone, "Milestone")
    )

    @parent.validator
    def _check_parent(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Program):
            raise v.fail(self, a.name, "a Program or None", value)

    def _carry_horizon(self) -> None:
        period = self.period.ongoing(self.horizon)
        if period is not self.period:
            object.__setattr__(self, "period", period)
        parts = tuple(
            p if p.period is None or p.period.ongoing(self.horizon) is p.period
            else attrs.evolve(p, period=p.period.ongoing(self.horizon))
            for p in self.participations
        )  # fmt: skip
        if any(a is not b for a, b in zip(parts, self.participations, strict=True)):
            object.__setattr__(self, "participations", parts)

    def includes(self, agency: Agency, *, on: SpanLike) -> Answer:
        """Did ``agency`` take part in this program at some time within ``on``?"""
        _check_party(agency, "agency", names=False)
        lo, hi, label = day_window(on)
        return _any(
            (
                window_answer((p.period or self.period).bounds(), lo, hi, label, p.period or self.period)
                for p in self.participations
                if p.agency.id == agency.id
            ),
            f"{agency.label} is not recorded as a participant in {self.name}",
        )

    def participants(self, *, on: SpanLike | None = None, assume: Assume = "certain") -> tuple[Agency, ...]:
        """The agencies taking part (at some time within ``on``, if given), in recorded order."""
        if on is not None:
            _check_day(on, "on")
        _check_assume(assume)
        seen: dict[str, Agency] = {}
        for p in self.participations:
            if on is None or _keep(self.includes(p.agency, on=on), assume):
                seen.setdefault(p.agency.id, p.agency)
        return tuple(seen.values())

    @property
    def dated(self) -> bool:
        """Whether anything is known of the program's period (a start, an end, or an open side)."""
        p = self.period
        return p.start is not None or p.end is not None or p.open_start or p.open_end

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        if not self.dated:
            return ()
        return ((self.period.bounds(), self.period),)

    def _related(self) -> Iterator[Record]:
        yield self
        if self.lead:
            yield self.lead
        for p in self.participations:
            yield p.agency
        for c in self.crew:
            yield c.person
            yield c.agency
        if self.parent:
            yield self.parent

    def _dates(self) -> tuple[PartialDate, ...]:
        return (self.period.start,) if self.period.start else ()

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        return self.period.start, self.period.end, self.period.open_end

    def agencies_involved(self) -> tuple[Agency, ...]:
        return tuple({p.agency.id: p.agency for p in self.participations}.values())

    def edge_data(self) -> dict[str, str] | None:
        return {"type": "program", "kind": self.kind.value, "status": "", "title": self.name}

    def columns(self) -> Row:
        return attrs.evolve(
            super().columns(),
            officials=_ids(c.person for c in self.crew),
            programs=(self.parent.id,) if self.parent else (),
        )

    def timeline(self) -> Iterator[Event]:
        for i, m in enumerate(self.milestones):
            yield Event(
                record=self,
                start=m.date,
                end=None,
                headline=f"{self.name}: {m.what}",
                text=m.note or f"{self.name}: {m.what}.",
                group="Programs",
                sources=m.sources,
                uid=f"{self.id}-{i}",
                order=step_order(m.what),
            )

    def entries(self, agencies: frozenset[str]) -> Iterator[Entry]:
        _check_ids(agencies, "agencies")
        for m in self.milestones:
            text = f"{self.name}: {m.what}"
            yield Entry(date=m.date, kind="program", text=text, sources=m.sources, order=step_order(m.what))
        for c in self.claims("planned_end"):
            if c.stated_on is not None and c.rank is not Rank.DEPRECATED:
                who = c.stated_by.label if c.stated_by else "Speaker not recorded"
                text = f"{who}: {self.name} to end {in_words(c.value)} (claim, {c.rank})"
                yield Entry(date=c.stated_on, kind="claim", text=text, sources=c.sources)

    def facts(self) -> list[Fact]:
        cite = self.sources_for
        p = self.period
        out: list[Fact] = [
            ("kind", self.kind.label, cite("kind")),
            ("lead", self.lead.label if self.lead else None, cite("lead") if self.lead else ()),
            ("part of", self.parent.label if self.parent else None, cite("parent") if self.parent else ()),
            ("from", p.start, cite("period.start") if p.start else ()),
            ("to", p.end or ("still going when last checked" if p.open_end else None), cite("period.end")),
            ("planned end", self.planned_end, cite("planned_end") if self.planned_end else ()),
            ("planned", self.planned_duration, cite("planned_duration") if self.planned_duration else ()),
        ]
        for x in self.participations:
            when = f" ({x.period})" if x.period else ""
            out.append(
                (
                    "agency",
                    f"{x.agency.label}: {x.role}{when}",
                    _union(
                        (
                            x.sources,
                            *(x.sources_for(f"period.{side}") for side in ("start", "end") if x.period is not None),
                        )
                    ),
                )
            )
        for c in self.crew:
            leg = f", {c.leg} only" if c.leg else ""
            out.append(("crew", f"{c.person.name} ({c.agency.label}, {c.role}{leg})", c.sources))
        for m in self.milestones:
            out.append(("milestone", m, m.sources))
            out += _claim_facts(m, "  ")
        return out


@attrs.frozen(kw_only=True, repr=False)
class Role(_Cited):
    """The part one person had in a :class:`Meeting`: host, visitor, delegation member."""

    person: Official = attrs.field(validator=v.of_type(Official, "an Official"))
    role: str = attrs.field(validator=v.text)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    note: str | None = attrs.field(default=None, validator=v.opt_text)

    def __repr__(self) -> str:
        return f"Role(person={self.person.id!r}, role={self.role!r})"


@attrs.frozen(kw_only=True, repr=False)
class Meeting(Record):
    """A meeting, visit or signing between officials of agencies.

    ``date`` is the day (or first day) it happened or was planned for; a
    multi-day visit also has an ``end``.  A visit (kind ``visit``) is the
    trip; the meetings held during it are records of their own that point
    to it with ``part_of``.  ``participants`` lists only the people who were
    there (or, for a planned or cancelled one, who were to be), and
    ``roles`` says in what part each came (host, visitor, delegation
    member), with the sources that place them there.
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"location", "date", "since_last_heads_meeting"})
    kind_name: ClassVar[str] = "meeting"
    collection: ClassVar[str] = "meetings"

    title: str = attrs.field(validator=v.text)
    kind: MeetingKind = attrs.field(validator=v.member(MeetingKind))
    date: PartialDate = attrs.field(
        converter=v.to_opt_date, validator=v.of_type(PartialDate, "a PartialDate or EDTF date string")
    )
    end: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    status: MeetingStatus = attrs.field(default=MeetingStatus.HELD, validator=v.member(MeetingStatus))
    location: Location | None = attrs.field(default=None, validator=v.opt_of_type(Location, "a Location or None"))
    in_person: bool | None = attrs.field(default=None, validator=v.opt_flag)
    participants: tuple[Official, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Official, "Official")
    )
    agencies: tuple[Agency, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Agency, "Agency")
    )
    programs: tuple[Program, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Program, "Program")
    )
    topics: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    outcomes: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    since_last_heads_meeting: str | None = attrs.field(default=None, validator=v.opt_text)
    part_of: Meeting | None = attrs.field(default=None)
    roles: tuple[Role, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Role, "Role"))

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.end is not None and self.end.bounds()[1] < self.date.bounds()[0]:
            raise v.fail(self, "end", f"a date on or after the start {self.date}", str(self.end))
        people = {p.id for p in self.participants}
        for i, r in enumerate(self.roles):
            if r.person.id not in people:
                raise v.fail(self, f"roles[{i}].person", "one of the meeting's participants", r.person.id)

    @part_of.validator
    def _check_part_of(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Meeting):
            raise v.fail(self, a.name, "a Meeting (the visit it was part of) or None", value)

    def role_of(self, person: Official | str) -> str | None:
        """The part ``person`` (an official or an id) had, if recorded."""
        wanted = person.id if isinstance(person, Official) else check_text(person, "person", cap=MAX_ID_CHARS)
        return next((r.role for r in self.roles if r.person.id == wanted), None)

    def _sources_of_item(self, field: str, item: Record) -> tuple[Source, ...]:
        if field == "participants":
            return _union(r.sources for r in self.roles if r.person.id == item.id)
        return ()

    @property
    def period(self) -> Period:
        """From ``date`` to ``end`` (or ``date`` alone)."""
        return Period(start=self.date, end=self.end or self.date)

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        return ((self.period.bounds(), self.period),)

    def _related(self) -> Iterator[Record]:
        yield self
        yield from self.participants
        yield from self.agencies
        yield from self.programs
        if self.part_of is not None:
            yield self.part_of

    def _dates(self) -> tuple[PartialDate, ...]:
        return (self.date,)

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        return self.date, self.end, False

    def status_text(self) -> str:
        return self.status.value

    def agencies_involved(self) -> tuple[Agency, ...]:
        return tuple({a.id: a for a in self.agencies}.values())

    def lane_agencies(self) -> tuple[Agency, ...]:
        return self.agencies_involved()

    def edge_data(self) -> dict[str, str] | None:
        return {"type": "meeting", "kind": self.kind.value, "status": self.status.value, "title": self.title}

    def columns(self) -> Row:
        return attrs.evolve(
            super().columns(),
            officials=_ids(self.participants),
            programs=_ids(self.programs),
            location=self.location.place if self.location else "",
            country=(self.location.country or "") if self.location else "",
        )

    def _summary(self) -> tuple[str, str]:
        """``(who, status mark)``: the people present, and `` [planned]`` or `` [cancelled]``."""
        status = "" if self.status is MeetingStatus.HELD else f" [{self.status}]"
        return ", ".join(p.name for p in self.participants), status

    def timeline(self) -> Iterator[Event]:
        who, status = self._summary()
        where = f" at {self.location}" if self.location else ""
        yield Event(
            record=self,
            start=self.date,
            end=self.end,
            headline=self.title + status,
            text=f"{self.kind.label.capitalize()}: {who or ', '.join(a.label for a in self.agencies)}{where}.",
            group="Meetings",
            sources=self._when_sources(),
            uid=self.id,
        )

    def _when_sources(self) -> tuple[Source, ...]:
        """The sources that date it (and, for a multi-day one, its end)."""
        return _union((self.sources_for("date"), self.sources_for("end") if self.end else ()))

    def entries(self, agencies: frozenset[str]) -> Iterator[Entry]:
        _check_ids(agencies, "agencies")
        who, status = self._summary()
        where = f" at {self.location}" if self.location else ""
        others = [c for c in self.claims("location") if c.rank is not Rank.PREFERRED]
        if others:
            where += " (other reports: " + "; ".join(_claim_words(c) for c in others) + ")"
        text = f"{self.title}: {who}{where}{status}"
        yield Entry(date=self.date, kind="meeting", text=text, sources=self._when_sources())

    def marks(self, lanes: frozenset[str]) -> Iterator[Mark]:
        _check_ids(lanes, "lanes")
        lane = tuple(a for a in self.agencies_involved() if a.id in lanes)
        if lane:
            when = self.date.in_words(short=True) if self.end is None else self.period.in_words(short=True)
            yield Mark(
                kind="meeting",
                lane=lane,
                label=f"{when} {shorten(self.title)}",
                start=self.date,
                until=self.end,
                heads=self.kind is MeetingKind.HEADS_OF_AGENCY and self.in_person is not False,
                status=self.status.value,
            )

    def facts(self) -> list[Fact]:
        cite = self.sources_for
        out: list[Fact] = [
            ("kind", self.kind.label, cite("kind")),
            ("date", self.period if self.end else self.date, self._when_sources()),
            ("status", self.status.label, cite("status") if self.status is not MeetingStatus.HELD else ()),
            ("part of", self.part_of.title if self.part_of else None, cite("part_of") if self.part_of else ()),
            ("location", self.location, cite("location") if self.location else ()),
            ("in person", None if self.in_person is None else ("yes" if self.in_person else "no"), cite("in_person")),
        ]
        out += [("agency", a.label, cite(f"agencies[{a.id}]")) for a in self.agencies]
        for p in self.participants:
            role = self.role_of(p)
            out.append(("person", f"{p.name} ({role})" if role else p.name, cite(f"participants[{p.id}]")))
        out += [("topic", t, cite(f"topics[{i}]")) for i, t in enumerate(self.topics)]
        out += [("outcome", o, cite(f"outcomes[{i}]")) for i, o in enumerate(self.outcomes)]
        return out


@attrs.frozen(kw_only=True, repr=False)
class StatusEvent(_Cited):
    """A dated step in an agreement's life.

    ``date`` is when it happened; when only a report date is known, ``date``
    is ``None`` and ``known_by`` says the step had happened by then.
    ``party`` marks a step taken by one party only.  ``end`` is the new end
    date set by an extension.  When sources disagree on the day,
    :meth:`claims` holds each version (``date`` is the preferred one).

    In an agreement's :meth:`~Agreement.history`, a step of another agreement
    that extends, amends or supersedes it is marked as such: ``via`` is that
    agreement's id and ``link`` how it is related (``"extends
    seat-swap-2022"``).  Neither is written in data files.
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"date"})

    status: AgreementStatus = attrs.field(validator=v.member(AgreementStatus))
    date: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    known_by: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    party: Agency | None = attrs.field(default=None, validator=v.opt_of_type(Agency, "an Agency or None"))
    end: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=_sources)
    statements: tuple[Claim, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Claim, "Claim"), metadata=_meta(key="claims")
    )
    note: str | None = attrs.field(default=None, validator=v.opt_text)
    via: str | None = attrs.field(default=None, validator=v.opt_text, metadata={NOT_IN_FILES: True})
    link: str | None = attrs.field(default=None, validator=v.opt_text, metadata={NOT_IN_FILES: True})

    def __attrs_post_init__(self) -> None:
        if self.date is None and self.known_by is None:
            raise v.fail(self, "date", "a date, or a known_by date when the day is unknown", None)
        _check_claims(self)

    def claims(self, field: str | None = None, *, superseded: bool = False) -> tuple[Claim, ...]:
        """Every claim about the step's ``date``, preferred first (see :meth:`Record.claims`)."""
        return _claims_of(self, field, None, superseded)

    def bounds(self) -> tuple[int, int]:
        """First and last possible day of the step, as ordinals."""
        if self.date is not None:
            return self.date.bounds()
        assert self.known_by is not None
        return NEG_INF, self.known_by.bounds()[1]

    def sort_key(self) -> tuple[int, int, int]:
        """Order of steps: by first possible day (a step known only "by" a date sorts at that date),
        then by the lifecycle on one day: signed before in force."""
        lo, hi = self.bounds()
        return (hi if self.date is None else lo, hi, _STATUS_ORDER[self.status])

    @property
    def when(self) -> str:
        """The date as text: ``2025-07-31``, or ``by 2025-01-11``."""
        return str(self.date) if self.date is not None else f"by {self.known_by}"

    def __repr__(self) -> str:
        party = f", party={self.party.id!r}" if self.party else ""
        via = f", via={self.via!r}" if self.via else ""
        return f"StatusEvent(status={self.status!r}, when={self.when!r}{party}{via})"

    def __str__(self) -> str:
        who = f" ({self.party.label})" if self.party else ""
        end = f", to {self.end}" if self.end else ""
        via = f" [{self.via}, which {self.link}]" if self.via else ""
        return f"{self.when} {self.status.label}{who}{end}{via}"


@attrs.frozen(kw_only=True, repr=False)
class Agreement(Record):
    """An agreement, memorandum, arrangement or announced understanding between parties.

    :attr:`events` lists dated lifecycle steps (:meth:`history` gives them in
    date order); :meth:`status_on` and
    :meth:`in_force_on` read them.
    """

    claimable: ClassVar[frozenset[str]] = frozenset({"signed", "end"})
    kind_name: ClassVar[str] = "agreement"
    collection: ClassVar[str] = "agreements"

    title: str = attrs.field(validator=v.text)
    kind: AgreementKind = attrs.field(validator=v.member(AgreementKind))
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=v.to_tuple, validator=v.texts)
    parties: tuple[Agency, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Agency, "Agency")
    )
    signatories: tuple[Official, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Official, "Official")
    )
    programs: tuple[Program, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Program, "Program")
    )
    signed: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    end: PartialDate | None = attrs.field(default=None, converter=v.to_opt_date, validator=v.opt_date)
    extends: Agreement | None = attrs.field(default=None)
    amends: Agreement | None = attrs.field(default=None)
    supersedes: Agreement | None = attrs.field(default=None)
    events: tuple[StatusEvent, ...] = attrs.field(
        factory=tuple,
        converter=v.to_tuple,
        validator=v.tuple_of(StatusEvent, "StatusEvent"),
        metadata=_meta(key="history"),
    )
    #: Steps of the agreements that extend, amend or supersede this one, marked (set by its dataset).
    _later: tuple[StatusEvent, ...] = attrs.field(default=(), init=False, eq=False, repr=False)

    @extends.validator
    @amends.validator
    @supersedes.validator
    def _check_extends(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Agreement):
            raise v.fail(self, a.name, "an Agreement or None", value)

    def history(self, party: Agency | str | None = None, *, extensions: bool = True) -> tuple[StatusEvent, ...]:
        """Every lifecycle step in date order; with ``party``, only that party's own steps.

        The steps of the agreements in the same dataset that extend, amend or
        supersede this one (and of those that extend them, and so on) are
        included, marked with their agreement (:attr:`StatusEvent.via`), unless
        ``extensions=False``.  An agreement built in Python, in no dataset, has
        only its own.

        >>> import isscoop
        >>> [str(e) for e in isscoop.agreements.get("iss-iga-1998").history()]
        ['1998-01-29 signed', '2001-03-27 in force']
        >>> for step in isscoop.agreements.get("seat-swap-2022").history()[2:4]:
        ...     print(step)
        2023-07 signed [seat-swap-supplement-2023-07, which extends seat-swap-2022]
        2023-12 signed [seat-swap-supplement-2023-12, which extends seat-swap-2022]
        """
        if party is not None:
            _check_party(party)
        steps = (*self.events, *self._later) if extensions else self.events
        if party is not None:
            wanted = party if isinstance(party, str) else party.id
            steps = tuple(e for e in steps if e.party is not None and wanted in (e.party.id, e.party.label))
        return tuple(sorted(steps, key=StatusEvent.sort_key))

    def _events(self) -> list[StatusEvent]:
        """Steps that concern the agreement as a whole, in date order.

        With no such steps, the parties' own steps (declines aside) stand for them.
        """
        general = [e for e in self.events if e.party is None]
        if not general:
            general = [e for e in self.events if e.status is not AgreementStatus.DECLINED]
        return sorted(general, key=StatusEvent.sort_key)

    def status_on(self, day: SpanLike, *, party: Agency | str | None = None) -> AgreementStatus | None:
        """The status after the last step certainly taken by the end of ``day`` (of an interval: by its end).

        After the agreement's :attr:`end` with no later step, it is
        :attr:`AgreementStatus.EXPIRED`.  ``None`` if no step had been taken yet.
        With ``party``, that party's own status: its last own step, or the
        agreement's status if it has none.
        """
        _, hi, _ = day_window(day)
        if party is not None:
            _check_party(party)
        if party is not None:
            own = [e for e in self.history(party, extensions=False) if e.bounds()[1] <= hi]
            if own:
                return own[-1].status
            if self.history(party, extensions=False):
                return None
        done = [e for e in self._events() if e.bounds()[1] <= hi]
        status = done[-1].status if done else None
        if status in IN_FORCE_STATUSES and self.end is not None and self.end.bounds()[1] < hi:
            return AgreementStatus.EXPIRED
        return status

    def _force_bounds(self) -> tuple[tuple[int, int, int, int], str, PartialDate | None, PartialDate | None] | str:
        """The bounds of the time in force, words for it and the dates its start and end come from;
        or the reason there is none."""
        events = self._events()
        starts = [e for e in events if e.status in IN_FORCE_STATUSES]
        if not starts:
            if not events:
                return "no lifecycle steps are recorded"
            last = events[-1]
            if last.status in PRE_SIGNATURE_STATUSES:
                return f"not in force: {last.status.label} ({last.when})"
            if last.status in ENDING_STATUSES:
                return f"not in force: {last.status.label} ({last.when})"
            return f"{last.status.label} ({last.when}); no entry into force is recorded"
        first = starts[0]
        s_lo, s_hi = first.bounds()
        start = first.date
        if s_lo == NEG_INF and self.signed is not None:
            s_lo, start = self.signed.bounds()[0], self.signed
        e_lo, e_hi = POS_INF, POS_INF
        end: PartialDate | None = None
        for e in events:
            if e.status in ENDING_STATUSES:
                e_lo, e_hi = e.bounds()
                end = e.date or e.known_by
                break
        if self.end is not None:
            lo, hi = self.end.bounds()
            if hi < e_hi:
                e_lo, e_hi, end = lo, hi, self.end
        if e_lo == POS_INF and self.horizon is not None:  # no end recorded: in force up to the horizon
            horizon = self.horizon.toordinal()
            e_lo = max(horizon, s_lo)
            s_hi = min(s_hi, e_lo)
        since = f"from {first.date}" if first.date is not None else f"by {first.known_by}"
        return (s_lo, s_hi, e_lo, e_hi), f"in force {since}", start, end

    @property
    def period_in_force(self) -> Period | None:
        """When the agreement applied, as far as the history says; ``None`` if never."""
        starts = [e for e in self._events() if e.status in IN_FORCE_STATUSES]
        if not starts:
            return None
        ending = [e.date for e in self._events() if e.status in ENDING_STATUSES and e.date]
        end = ending[0] if ending else self.end
        return Period(start=starts[0].date, end=end, open_end=end is None, ongoing_as_of=None if end else self.horizon)

    def in_force_on(self, day: SpanLike, *, throughout: bool = False) -> Answer:
        """Did the agreement apply at some time within ``day`` (``throughout=True``: all through it)?

        YES, NO or UNKNOWN, with a reason; ``day`` may be an interval (see :data:`~isscoop.SpanLike`).
        """
        return self._answer(*day_window(day), throughout=throughout)

    def _answer(self, lo: int, hi: int, label: str, throughout: bool = False) -> Answer:
        fb = self._force_bounds()
        if isinstance(fb, str):
            events = self._events()
            edge = lo if throughout else hi  # throughout: every day must be in force, the first one too
            if events and edge < events[0].bounds()[0]:
                return Answer(value=Tri.NO, reason=f"no step taken before {events[0].when}")
            value = Tri.NO if fb.startswith("not in force") else Tri.UNKNOWN
            if value is Tri.UNKNOWN and events:
                # name the last step taken by the end of the day asked about, not a later one
                done = [e for e in events if e.bounds()[1] <= hi]
                step = done[-1] if done else events[0]
                fb = f"{step.status.label} ({step.when}); no entry into force is recorded"
            return Answer(value=value, reason=fb)
        bounds, what, start, end = fb
        open_as_of = self.horizon if bounds[3] == POS_INF else None
        described = Described(text=what, start=start, end=end, ongoing_as_of=open_as_of)
        return window_answer(bounds, lo, hi, label, described, throughout=throughout)

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        """Bounds that answer "in force?" exactly as :meth:`in_force_on` does.

        An agreement never in force has bounds that are never YES: NO
        throughout if it has not gone past agreement in principle (or has
        ended), else NO before its first step and UNKNOWN from then on.
        """
        fb = self._force_bounds()
        if not isinstance(fb, str):
            return ((fb[0], self),)
        if fb.startswith("not in force"):
            return (((POS_INF, POS_INF, NEG_INF, NEG_INF), self),)
        events = self._events()
        first = events[0].bounds()[0] if events else NEG_INF
        return (((first, POS_INF, first, POS_INF), self),)

    def _hull(self) -> tuple[int, int, int, int]:
        fb = self._force_bounds()
        if not isinstance(fb, str):
            return fb[0]
        events = self._events()
        if not events:
            return super()._hull()
        first, last = events[0].bounds(), events[-1].bounds()
        return (first[0], first[1], last[0], last[1])

    def __contains__(self, day: object) -> bool:
        """``day in agreement``: was it in force then?

        Raises :class:`~isscoop.Undecidable` if the dates cannot tell.
        """
        if not isinstance(day, str | _date | PartialDate | Period):
            return False
        answer = self.in_force_on(day)
        if answer.unknown:
            raise Undecidable(f"cannot tell whether {self.id} was in force on {day}: {answer.reason}")
        return answer.yes

    def parties_on(self, day: SpanLike) -> tuple[Agency, ...]:
        """Parties that had certainly joined (signed, or a step of their own) by the end of ``day`` (or interval).

        Parties with no step of their own count from the agreement's first step.
        """
        _, hi, _ = day_window(day)
        joined = []
        general = self._events()
        general_start = general[0].bounds()[1] if general else POS_INF
        for party in self.parties:
            own = [e for e in self.events if e.party == party]
            if own:
                done = [e for e in own if e.bounds()[1] <= hi]
                if done and done[-1].status not in ENDING_STATUSES | {AgreementStatus.DECLINED}:
                    joined.append(party)
            elif general_start <= hi:
                joined.append(party)
        return tuple(joined)

    def _with_later(self, steps: tuple[StatusEvent, ...]) -> None:
        """Set the steps of later agreements, on an agreement its dataset has just built."""
        object.__setattr__(self, "_later", steps)

    def _sources_of_item(self, field: str, item: Record) -> tuple[Source, ...]:
        if field == "parties":
            return _union(e.sources for e in self.events if e.party is not None and e.party.id == item.id)
        return ()

    def _related(self) -> Iterator[Record]:
        yield self
        yield from self.parties
        yield from self.signatories
        yield from self.programs
        for e in self.events:
            if e.party is not None:
                yield e.party

    def _dates(self) -> tuple[PartialDate, ...]:
        dated = [e.date for e in self.events if e.date]
        if self.signed:
            dated.append(self.signed)
        return tuple(sorted(dated))

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        """Its time in force if it had one, else its first step.

        A step known only to have happened *by* a report date has no date of
        its own: the start is then the signing date, or ``None`` (see
        :meth:`known_by`).
        """
        period = self.period_in_force
        if period is not None:
            return period.start or self.signed, period.end, period.open_end
        events = self._events()
        return self.signed or (events[0].date if events else None), None, False

    def known_by(self) -> PartialDate | None:
        """The report date by which the first undated step had happened, if that is all there is."""
        for e in self.history(extensions=False):
            if e.date is not None:
                return None
            if e.known_by is not None:
                return e.known_by
        return None

    def last_status(self) -> AgreementStatus | None:
        """The status after the last step that concerns the agreement as a whole (the rule of :meth:`status_on`)."""
        events = self._events()
        return events[-1].status if events else None

    def status_text(self) -> str:
        status = self.last_status()
        return status.value if status is not None else ""

    def agencies_involved(self) -> tuple[Agency, ...]:
        return tuple({a.id: a for a in self.parties}.values())

    def lane_agencies(self) -> tuple[Agency, ...]:
        return self.agencies_involved()

    def edge_data(self) -> dict[str, str] | None:
        return {"type": "agreement", "kind": self.kind.value, "status": self.status_text(), "title": self.title}

    def columns(self) -> Row:
        return attrs.evolve(super().columns(), officials=_ids(self.signatories), programs=_ids(self.programs))

    def timeline(self) -> Iterator[Event]:
        parties = ", ".join(p.label for p in self.parties)
        for i, e in enumerate(self.history(extensions=False)):
            if e.date is None:
                continue
            who = f" ({e.party.label})" if e.party else ""
            end = f", to {e.end.in_words()}" if e.end else ""
            yield Event(
                record=self,
                start=e.date,
                end=None,
                headline=f"{self.title}: {e.status.label}{who}{end}",
                text=f"{self.kind.label.capitalize()} between {parties}.",
                group="Agreements",
                sources=e.sources,
                uid=f"{self.id}-{i}",
                order=_STATUS_ORDER[e.status],
            )

    def entries(self, agencies: frozenset[str]) -> Iterator[Entry]:
        _check_ids(agencies, "agencies")
        for e in self.events:
            if e.date is None or e.party is not None:
                continue
            end = f", to {e.end.in_words()}" if e.end else ""
            text = f"{self.title}: {e.status.label}{end}"
            yield Entry(date=e.date, kind="agreement", text=text, sources=e.sources, order=_STATUS_ORDER[e.status])

    def marks(self, lanes: frozenset[str]) -> Iterator[Mark]:
        _check_ids(lanes, "lanes")
        lane = tuple(a for a in self.agencies_involved() if a.id in lanes)
        start, end, open_end = self.span()
        reported = self.known_by() if start is None else None
        first = start or reported
        if not lane or first is None:
            return
        when = start.in_words(short=True) if start is not None else f"by {in_words(reported, short=True)}"
        label = shorten(self.title, self.aliases)
        if self.period_in_force is None:  # never in force: a point at its first step
            yield Mark(kind="agreement", lane=lane, label=f"{when} {label}", start=first, reported=start is None)
            return
        if self.period_in_force.start is None:  # in force from a day not recorded: the bar starts at the signing
            since = f"signed {when}, in force from a date not recorded" if start is not None else "start unknown"
        else:
            since = f"in force from {when}"
        yield Mark(
            kind="agreement",
            lane=lane,
            label=f"{label} ({since})",
            start=first,
            reported=start is None,
            start_known=self.period_in_force.start is not None,
            bar=True,
            end=end,
            end_kind="closed" if end is not None else ("open" if open_end else "unknown"),
        )

    def facts(self) -> list[Fact]:
        cite = self.sources_for
        out: list[Fact] = [
            ("kind", self.kind.label, cite("kind")),
            ("signed", self.signed, cite("signed") if self.signed else ()),
            ("end", self.end, cite("end") if self.end else ()),
        ]
        general = [p for p in self.parties if not any(e.party == p for e in self.events)]
        if general:
            sources = _union(cite(f"parties[{p.id}]") for p in general)
            out.append(("parties", ", ".join(p.label for p in general), sources))
        out += [("signatory", o.name, cite(f"signatories[{o.id}]")) for o in self.signatories]
        for e in self.history():
            out.append(("step", e, e.sources))
            out += _claim_facts(e, "  ")
        return out


@attrs.frozen(kw_only=True, repr=False)
class Coverage(Record):
    """A declaration that the dataset records *every* record of a kind, in a scope, over a window.

    ``of`` says which records: meetings, agreements, or the heads of an
    agency.  The scope is every record involving all of ``agencies`` and all
    of ``programs`` (one agency, a pair, a program; for heads, the one agency
    whose head post it is), and, for meetings, of one of ``meeting_kinds``
    (none: every kind), and with ``in_person_only`` only those held in
    person (a question must then ask for ``in_person=True``).  ``window`` is when: ``2018-10-10/2025-07-31``, or
    ``2018-04-23/..``, up to the horizon of the data.  Its sources are the
    pages that support that the window was checked, and its ``note`` says
    what the declaration rests on.

    Coverage is what lets :meth:`Query.exists() <isscoop.Query.exists>` answer
    NO: nothing matches, and the data says it would know.  A question
    outside every coverage stays UNKNOWN.

    >>> import isscoop
    >>> c = isscoop.coverage.get("coverage-nasa-roscosmos-heads-meetings-2018-2025")
    >>> c.of, [a.label for a in c.agencies], str(c.window)
    (Covered.MEETINGS, ['NASA', 'Roscosmos'], '2018-10-10/2025-07-31')
    """

    kind_name: ClassVar[str] = "coverage"
    collection: ClassVar[str] = "coverage"
    #: A declaration rests on all its sources together: each of its values cites them all.
    cited_as_a_whole: ClassVar[bool] = True

    title: str = attrs.field(validator=v.text)
    of: Covered = attrs.field(validator=v.member(Covered))
    window: Period = attrs.field(converter=v.to_opt_period, validator=v.of_type(Period, "a Period"))
    agencies: tuple[Agency, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Agency, "Agency")
    )
    programs: tuple[Program, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(Program, "Program")
    )
    meeting_kinds: tuple[MeetingKind, ...] = attrs.field(
        factory=tuple, converter=v.to_tuple, validator=v.tuple_of(MeetingKind, "MeetingKind")
    )
    in_person_only: bool = attrs.field(default=False, validator=v.flag)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.in_person_only and self.of is not Covered.MEETINGS:
            raise v.fail(self, "in_person_only", "False unless it covers meetings", self.in_person_only)
        w = self.window
        if (w.start is None and not w.open_start) or (w.end is None and not w.open_end):
            raise v.fail(self, "window", "a window with a date or '..' at each end (an unknown end covers nothing)", w)
        if self.meeting_kinds and self.of is not Covered.MEETINGS:
            raise v.fail(self, "meeting_kinds", "no meeting kinds unless it covers meetings", self.meeting_kinds)
        if self.of is Covered.HEADS and len(self.agencies) != 1:
            raise v.fail(self, "agencies", "the one agency whose heads it covers", self.agencies)

    def _carry_horizon(self) -> None:
        window = self.window.ongoing(self.horizon)
        if window is not self.window:
            object.__setattr__(self, "window", window)

    def scope(self) -> frozenset[str]:
        """The ids of the agencies and programs a record must involve to be covered."""
        return frozenset(r.id for r in (*self.agencies, *self.programs))

    def certain_days(self, horizon: _date | None = None) -> tuple[int, int]:
        """The first and last day the window certainly covers, as day ordinals.

        A partial start counts from its last possible day, a partial end up to
        its first; an open end reaches the horizon (the window's own, else
        ``horizon``, else without end).
        """
        window = self.window if self.window.ongoing_as_of is not None else self.window.ongoing(horizon)
        _, s_hi, e_lo, _ = window.bounds()
        return s_hi, e_lo

    def describe(self) -> str:
        """The declaration in words: ``every heads-of-agency meeting involving NASA and Roscosmos, 2018-10-10/..``."""
        held = "in-person " if self.in_person_only else ""
        what = {
            Covered.MEETINGS: held + " or ".join(k.adjective for k in self.meeting_kinds) + " meeting"
            if self.meeting_kinds
            else held + "meeting",
            Covered.AGREEMENTS: "agreement",
            Covered.HEADS: "head",
        }[self.of]
        names = " and ".join(r.label for r in (*self.agencies, *self.programs))
        scope = (f" of {names}" if self.of is Covered.HEADS else f" involving {names}") if names else ""
        end = (
            f"{self.window.ongoing_as_of} (the horizon)"
            if self.window.ongoing_as_of
            else str(self.window).split("/")[1]
        )
        start = str(self.window).split("/")[0]
        return f"every {what}{scope} from {start} to {end}"

    def _spans(self) -> tuple[tuple[tuple[int, int, int, int], object], ...]:
        return ((self.window.bounds(), self.window),)

    def _related(self) -> Iterator[Record]:
        yield self
        yield from self.agencies
        yield from self.programs

    def _dates(self) -> tuple[PartialDate, ...]:
        return (self.window.start,) if self.window.start else ()

    def span(self) -> tuple[PartialDate | None, PartialDate | None, bool]:
        return self.window.start, self.window.end, self.window.open_end

    def agencies_involved(self) -> tuple[Agency, ...]:
        return tuple({a.id: a for a in self.agencies}.values())

    def columns(self) -> Row:
        return attrs.evolve(super().columns(), kind=self.of.value, programs=_ids(self.programs))

    def facts(self) -> list[Fact]:
        return [
            ("covers", self.describe(), self.sources),
            ("of", self.of.label, ()),
            ("agencies", ", ".join(a.label for a in self.agencies), ()),
            ("programs", ", ".join(p.label for p in self.programs), ()),
            ("meeting kinds", ", ".join(k.label for k in self.meeting_kinds), ()),
            ("window", self.window, ()),
        ]


#: Every record kind, in the order they may refer to each other: a kind refers
#: only to kinds before it, or to records of its own kind.
KINDS: Final[tuple[type[Source] | type[Record], ...]] = (
    Source,
    Agency,
    Official,
    Program,
    Meeting,
    Agreement,
    Coverage,
)


def kind_named(collection: str) -> type[Source] | type[Record]:
    """The record class whose collection is ``collection`` (``"agencies"``: :class:`Agency`)."""
    for cls in KINDS:
        if cls.collection == collection:
            return cls
    raise InvalidRecord(
        f"record kind: expected one of {', '.join(c.collection for c in KINDS)}, got {collection[:40]!r}"
    )


present_as_isscoop(globals())
