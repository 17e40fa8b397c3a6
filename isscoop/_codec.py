"""The file format: JSON values to model objects and back, collecting every problem.

Decoding happens in two passes.  The first checks every value's type and form
and turns references into placeholders; the second builds the objects in
dependency order and resolves the placeholders.  Problems from both passes are
gathered with their file and JSON path; nothing is built if there is any.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from ._dates import PartialDate, Period
from ._errors import DateParseError, IsscoopError, Problem
from ._model import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Claim,
    CrewMember,
    DatedName,
    Location,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Milestone,
    Official,
    Participation,
    Program,
    ProgramKind,
    Rank,
    Record,
    Source,
    StatusEvent,
    Tenure,
)
from ._safe import UnsafeURL, check_url
from ._validators import COUNTRY_RE, ID_RE, VERSION_RE

FORMAT_VERSION: Final = 1
KINDS: Final = ("sources", "agencies", "officials", "programs", "meetings", "agreements")

#: The longest text value accepted, in characters.
MAX_TEXT: Final = 20_000
#: At most this many problems are listed; a file with more is refused all the same.
MAX_PROBLEMS: Final = 1000
#: The longest string that gets "did you mean" suggestions.
_MAX_HINT: Final = 200

_EDTF_DATE: Final = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?"
DATE_PATTERN: Final = f"^{_EDTF_DATE}$"
PERIOD_PATTERN: Final = f"^({_EDTF_DATE}|(({_EDTF_DATE})|\\.\\.)?/(({_EDTF_DATE})|\\.\\.)?)$"
ID_PATTERN: Final = "^[a-z0-9]+(-[a-z0-9]+)*$"
VERSION_PATTERN: Final = "^[0-9]{4}\\.[0-9]{1,2}\\.[0-9]+$"

_SURROGATE: Final = re.compile("[\ud800-\udfff]")

_BAD: Any = object()  # a value that failed; its problem is already recorded
_OMIT: Any = object()  # "not given": the model's default applies


class Ref:
    """A reference by id, resolved in the second pass."""

    __slots__ = ("id", "kinds", "path")

    def __init__(self, kinds: tuple[str, ...], ident: str, path: str) -> None:
        self.kinds = kinds
        self.id = ident
        self.path = path


class Context:
    """Problems gathered while decoding one or more files."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.file = "<data>"
        self.unlisted = 0

    def problem(self, path: str, message: str, expected: str | None = None, got: object = _OMIT) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            if self.unlisted == 0:
                self.problems.append(
                    Problem(
                        file=self.file, path="$", message=f"more than {MAX_PROBLEMS} problems; the rest are not listed"
                    )
                )
            self.unlisted += 1
            return
        got_text = None if got is _OMIT else _show(got)
        self.problems.append(Problem(file=self.file, path=path, message=message, expected=expected, got=got_text))


# Dates repeat a great deal in real data; their objects are immutable, so share them.
_parse_date = functools.lru_cache(maxsize=65536)(PartialDate.parse)
_parse_period = functools.lru_cache(maxsize=65536)(Period.parse)


def _key(key: str) -> str:
    """A JSON key as shown in a path: cut short if it is very long."""
    return key if len(key) <= _MAX_HINT else f"{key[:40]}...({len(key)} characters)"


def _close(word: object, choices: Iterable[str], n: int = 1) -> list[str]:
    """Close matches for short strings only (long ones would make difflib slow)."""
    if not isinstance(word, str) or len(word) > _MAX_HINT:
        return []
    return difflib.get_close_matches(word, list(choices), n=n)


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    if not nullable:
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _show(value: object) -> str:
    kind = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, int | float) else type(value).__name__
    )
    text = repr(value) if not isinstance(value, dict | list) else kind
    if len(text) > 60:
        text = text[:57] + "..."
    return text if text == kind else f"{text} ({kind})"


# -- field kinds ----------------------------------------------------------------


#: For each class, the JSON key of each attribute (to place a model error on its field).
_JSON_KEYS: dict[type, dict[str, str]] = {}


class Kind:
    """How one JSON value is read and written."""

    expected = "a value"
    default: Any = _OMIT  # _OMIT: required

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        return value

    def omit(self, value: Any) -> bool:
        """Whether ``dump`` leaves the key out (the value is the default)."""
        return self.default is not _OMIT and value == self.default

    def schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of the values this kind reads."""
        return {}


class Text(Kind):
    expected = "a non-empty string"

    def __init__(self, optional: bool = False) -> None:
        self.default = None if optional else _OMIT

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, str) or not raw.strip():
            ctx.problem(path, "wrong type", self.expected + (" or null" if self.default is None else ""), raw)
            return _BAD
        return _check_text(raw, path, ctx)

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "minLength": 1, "maxLength": MAX_TEXT}, self.default is None)


def _check_text(raw: str, path: str, ctx: Context) -> Any:
    if len(raw) > MAX_TEXT:
        ctx.problem(path, "text too long", f"at most {MAX_TEXT} characters", f"{len(raw)} characters")
        return _BAD
    if not raw.isascii():
        lone = _SURROGATE.search(raw)
        if lone is not None:
            ctx.problem(path, f"not valid Unicode text: a lone surrogate at character {lone.start()}")
            return _BAD
    return raw


class Url(Text):
    """A link target: an absolute http or https URL with a host (see :func:`isscoop._safe.check_url`)."""

    expected = "an absolute http or https URL"

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        value = super().load(raw, path, ctx)
        if isinstance(value, str):
            try:
                check_url(value)
            except UnsafeURL as e:
                ctx.problem(path, f"unsafe link target ({e.reason})", self.expected, raw)
                return _BAD
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\\s]+([/?#]\\S*)?$"}


class Ident(Kind):
    expected = "an id of lowercase letters, digits and single hyphens"

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if not isinstance(raw, str) or len(raw) > _MAX_HINT or not ID_RE.fullmatch(raw):
            ctx.problem(path, "bad id", self.expected, raw)
            return _BAD
        return raw

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": _MAX_HINT}


class Version(Kind):
    expected = 'a dataset version such as "2026.11.0", or null'
    default = None

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None:
            return None
        if not isinstance(raw, str) or not VERSION_RE.fullmatch(raw):
            ctx.problem(path, "bad version", self.expected, raw)
            return _BAD
        return raw

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": VERSION_PATTERN}, True)


class Country(Kind):
    expected = 'an ISO 3166-1 alpha-2 code such as "US", or null'
    default = None

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None:
            return None
        if not isinstance(raw, str) or not COUNTRY_RE.fullmatch(raw):
            ctx.problem(path, "bad country code", self.expected, raw)
            return _BAD
        return raw

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": "^[A-Z]{2}$"}, True)


class Flag(Kind):
    expected = "true or false"

    def __init__(self, default: bool | None = False) -> None:
        self.default = default

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, bool):
            ctx.problem(path, "wrong type", self.expected + (" or null" if self.default is None else ""), raw)
            return _BAD
        return raw

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "boolean"}, self.default is None)


class Date(Kind):
    expected = 'an EDTF date such as "2025", "2025-07" or "2025-07-31"'

    def __init__(self, optional: bool = True) -> None:
        self.default = None if optional else _OMIT

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, str):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        if len(raw) > _MAX_HINT:
            ctx.problem(path, "bad date: far too long", self.expected, raw)
            return _BAD
        try:
            return _parse_date(raw)
        except DateParseError as e:
            ctx.problem(path, f"bad date: {e}", self.expected, raw)
            return _BAD

    def dump(self, value: Any) -> Any:
        return None if value is None else str(value)

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": DATE_PATTERN}, self.default is None)


class PeriodKind(Kind):
    expected = 'an EDTF interval such as "2018-10-10/2025-07-31" or "2025-07-09/.."'

    def __init__(self, optional: bool = False) -> None:
        self.optional = optional
        self.default = None if optional else Period()

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None:
            return None if self.optional else Period()
        if not isinstance(raw, str):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        if len(raw) > _MAX_HINT:
            ctx.problem(path, "bad period: far too long", self.expected, raw)
            return _BAD
        try:
            return _parse_period(raw)
        except DateParseError as e:
            ctx.problem(path, f"bad period: {e}", self.expected, raw)
            return _BAD

    def dump(self, value: Any) -> Any:
        return None if value is None else str(value)

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": PERIOD_PATTERN}, True)


class EnumKind(Kind):
    def __init__(self, enum_type: type[enum.Enum], default: enum.Enum | None = None) -> None:
        self.enum_type = enum_type
        self.default = _OMIT if default is None else default
        self.expected = "one of " + ", ".join(f'"{m.value}"' for m in enum_type)

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        try:
            return self.enum_type(raw)
        except (ValueError, TypeError):
            close = _close(raw, [str(m.value) for m in self.enum_type])
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.problem(path, f"unknown value{hint}", self.expected, raw)
            return _BAD

    def dump(self, value: Any) -> Any:
        return value.value

    def schema(self) -> dict[str, Any]:
        return {"enum": [m.value for m in self.enum_type]}


class ListOf(Kind):
    def __init__(self, item: Kind) -> None:
        self.item = item
        self.default = ()
        self.expected = f"an array of {item.expected}"

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        return tuple(self.item.load(x, f"{path}[{i}]", ctx) for i, x in enumerate(raw))

    def dump(self, value: Any) -> Any:
        return [self.item.dump(x) for x in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


class RefKind(Kind):
    def __init__(self, *kinds: str, optional: bool = False) -> None:
        self.kinds = kinds
        self.default = None if optional else _OMIT
        self.expected = "the id of " + " or ".join(k.rstrip("s").replace("agencie", "agency") for k in kinds)

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, str) or not ID_RE.fullmatch(raw):
            ctx.problem(path, "bad reference", self.expected, raw)
            return _BAD
        return Ref(self.kinds, raw, path)

    def dump(self, value: Any) -> Any:
        return None if value is None else value.id

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": ID_PATTERN}, self.default is None)


class Obj(Kind):
    """A nested JSON object decoded into an attrs class."""

    def __init__(self, cls: type, fields: Mapping[str, tuple[str, Kind]], optional: bool = False) -> None:
        self.cls = cls
        self.fields = dict(fields)  # json key -> (attribute name, kind)
        self.default = None if optional else _OMIT
        self.expected = f"an object ({cls.__name__})"
        self._required = tuple(k for k, (_, kind) in self.fields.items() if kind.default is _OMIT)
        _JSON_KEYS.setdefault(cls, {}).update({attr: key for key, (attr, _) in self.fields.items()})
        self._required_set = frozenset(self._required)

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, dict):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        values: dict[str, Any] = {}
        ok = True
        fields = self.fields
        for key, item in raw.items():
            spec = fields.get(key)
            if spec is None:
                close = _close(key, fields)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                ctx.problem(f"{path}.{_key(key)}", f"unknown field{hint}", "one of: " + ", ".join(fields))
                ok = False
                continue
            attr, kind = spec
            value = kind.load(item, f"{path}.{key}", ctx)
            if value is not _BAD:
                values[attr] = value
            if ok and _bad(value):
                ok = False
        if not self._required_set.issubset(raw.keys()):
            for key in self._required:
                if key not in raw:
                    ctx.problem(f"{path}.{key}", "missing field", fields[key][1].expected)
                    ok = False
        return Pending(self.cls, values, path, ok)

    def dump(self, value: Any) -> Any:
        out = {}
        for key, (attr, kind) in self.fields.items():
            v = getattr(value, attr)
            if not kind.omit(v):
                out[key] = kind.dump(v)
        return dict(sorted(out.items()))

    def schema(self) -> dict[str, Any]:
        obj = {
            "type": "object",
            "properties": {key: kind.schema() for key, (_, kind) in self.fields.items()},
            "required": [key for key, (_, kind) in self.fields.items() if kind.default is _OMIT],
            "additionalProperties": False,
        }
        return _nullable(obj, self.default is None)


class ClaimsKind(Kind):
    """Claims, whose ``value`` is read with the kind of the field they are about."""

    def __init__(self, value_kinds: Mapping[str, Kind]) -> None:
        self.value_kinds = value_kinds
        self.default = ()
        self.expected = "an array of claim objects"
        fields: dict[str, tuple[str, Kind]] = {
            "field": ("field", EnumLike(tuple(value_kinds))),
            "value": ("value", _Raw()),
            "rank": ("rank", EnumKind(Rank, Rank.NORMAL)),
            "reason": ("reason", Text(optional=True)),
            "stated_by": ("stated_by", RefKind("officials", "agencies", optional=True)),
            "stated_on": ("stated_on", Date()),
            "sources": ("sources", ListOf(RefKind("sources"))),
            "note": ("note", Text(optional=True)),
            "added_in": ("added_in", Version()),
            "superseded_in": ("superseded_in", Version()),
        }
        self.obj = Obj(Claim, fields)

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        out = []
        for i, item in enumerate(raw):
            p = f"{path}[{i}]"
            pending = self.obj.load(item, p, ctx)
            if _bad(pending):
                out.append(pending)
                continue
            field = pending.values["field"]
            value = self.value_kinds[field].load(pending.values["value"], f"{p}.value", ctx)
            if value is _BAD or value is None:
                if value is None:
                    ctx.problem(f"{p}.value", "missing value", self.value_kinds[field].expected, None)
                out.append(_BAD)
                continue
            pending.values["value"] = value
            out.append(pending)
        return tuple(out)

    def schema(self) -> dict[str, Any]:
        item = self.obj.schema()
        item["properties"]["value"] = {"anyOf": [k.schema() for k in self.value_kinds.values()]}
        item["required"] = sorted({*item["required"], "field", "value"})
        return {"type": "array", "items": item}

    def dump(self, value: Any) -> Any:
        out = []
        for claim in value:
            d = self.obj.dump(claim)
            d["value"] = self.value_kinds[claim.field].dump(claim.value)
            out.append(dict(sorted(d.items())))
        return out


class EnumLike(Kind):
    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(f'"{c}"' for c in choices)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        if raw not in self.choices:
            ctx.problem(path, "not a field that takes claims", self.expected, raw)
            return _BAD
        return raw


class _Raw(Kind):
    expected = "a value"

    def load(self, raw: object, path: str, ctx: Context) -> Any:
        return raw


class Pending:
    """A decoded object waiting for its references to be resolved.

    ``ok`` is false when some of its values had problems: it is kept anyway,
    so that its id and its references can still be checked.
    """

    __slots__ = ("cls", "ok", "path", "values")

    def __init__(self, cls: type, values: dict[str, Any], path: str, ok: bool = True) -> None:
        self.cls = cls
        self.values = values
        self.path = path
        self.ok = ok


def _bad(value: Any) -> bool:
    """Whether a decoded value had a problem.

    Shallow on purpose: an object's ``ok`` already says whether anything
    inside it had one, and a list holds objects or plain values.
    """
    if value is _BAD:
        return True
    if type(value) is Pending:
        return not value.ok
    if type(value) is tuple:
        return any(x is _BAD or (type(x) is Pending and not x.ok) for x in value)
    return False


# -- the record specifications -------------------------------------------------------

_SOURCES = ListOf(RefKind("sources"))
_TEXTS = ListOf(Text())
_DATED_NAMES = ListOf(
    Obj(
        DatedName,
        {
            "aliases": ("aliases", _TEXTS),
            "name": ("name", Text()),
            "note": ("note", Text(optional=True)),
            "period": ("period", PeriodKind()),
            "sources": ("sources", _SOURCES),
        },
    )
)
_LOCATION = Obj(Location, {"place": ("place", Text()), "country": ("country", Country())}, optional=True)


def _record(cls: type, extra: dict[str, tuple[str, Kind]], claims: Mapping[str, Kind] | None = None) -> Obj:
    fields: dict[str, tuple[str, Kind]] = {"id": ("id", Ident())}
    fields.update(extra)
    fields["sources"] = ("sources", _SOURCES)
    fields["note"] = ("note", Text(optional=True))
    fields["added_in"] = ("added_in", Version())
    fields["superseded_in"] = ("superseded_in", Version())
    if claims is not None:
        fields["claims"] = ("statements", ClaimsKind(claims))
    return Obj(cls, dict(sorted(fields.items())))


SPECS: Final[dict[str, Obj]] = {
    "sources": Obj(
        Source,
        {
            "id": ("id", Ident()),
            "note": ("note", Text(optional=True)),
            "published": ("published", Date()),
            "publisher": ("publisher", Text()),
            "title": ("title", Text(optional=True)),
            "url": ("url", Url()),
        },
    ),
    "agencies": _record(
        Agency,
        {
            "name": ("name", Text()),
            "kind": ("kind", EnumKind(AgencyKind)),
            "acronym": ("acronym", Text(optional=True)),
            "country": ("country", Country()),
            "aliases": ("aliases", _TEXTS),
            "founded": ("founded", Date()),
            "names": ("names", _DATED_NAMES),
            "predecessors": ("predecessors", ListOf(RefKind("agencies"))),
        },
    ),
    "officials": _record(
        Official,
        {
            "name": ("name", Text()),
            "aliases": ("aliases", _TEXTS),
            "tenures": (
                "tenures",
                ListOf(
                    Obj(
                        Tenure,
                        {
                            "acting": ("acting", Flag()),
                            "agency": ("agency", RefKind("agencies")),
                            "attested": ("attested", ListOf(Date(optional=False))),
                            "head": ("head", Flag()),
                            "note": ("note", Text(optional=True)),
                            "period": ("period", PeriodKind()),
                            "post": ("post", Text()),
                            "sources": ("sources", _SOURCES),
                            "titles": ("titles", _DATED_NAMES),
                        },
                    )
                ),
            ),
        },
    ),
    "programs": _record(
        Program,
        {
            "name": ("name", Text()),
            "kind": ("kind", EnumKind(ProgramKind)),
            "aliases": ("aliases", _TEXTS),
            "lead": ("lead", RefKind("agencies", optional=True)),
            "parent": ("parent", RefKind("programs", optional=True)),
            "period": ("period", PeriodKind()),
            "planned_end": ("planned_end", Date()),
            "participants": (
                "participations",
                ListOf(
                    Obj(
                        Participation,
                        {
                            "agency": ("agency", RefKind("agencies")),
                            "note": ("note", Text(optional=True)),
                            "period": ("period", PeriodKind(optional=True)),
                            "role": ("role", Text()),
                            "sources": ("sources", _SOURCES),
                        },
                    )
                ),
            ),
            "crew": (
                "crew",
                ListOf(
                    Obj(
                        CrewMember,
                        {
                            "agency": ("agency", RefKind("agencies")),
                            "note": ("note", Text(optional=True)),
                            "person": ("person", RefKind("officials")),
                            "role": ("role", Text()),
                        },
                    )
                ),
            ),
            "milestones": (
                "milestones",
                ListOf(
                    Obj(
                        Milestone,
                        {
                            "date": ("date", Date(optional=False)),
                            "note": ("note", Text(optional=True)),
                            "sources": ("sources", _SOURCES),
                            "what": ("what", Text()),
                        },
                    )
                ),
            ),
        },
        claims={"planned_end": Date(optional=False), "period": PeriodKind()},
    ),
    "meetings": _record(
        Meeting,
        {
            "title": ("title", Text()),
            "kind": ("kind", EnumKind(MeetingKind)),
            "status": ("status", EnumKind(MeetingStatus, MeetingStatus.HELD)),
            "date": ("date", Date(optional=False)),
            "end": ("end", Date()),
            "location": ("location", _LOCATION),
            "in_person": ("in_person", Flag(default=None)),
            "participants": ("participants", ListOf(RefKind("officials"))),
            "agencies": ("agencies", ListOf(RefKind("agencies"))),
            "programs": ("programs", ListOf(RefKind("programs"))),
            "topics": ("topics", _TEXTS),
            "outcomes": ("outcomes", _TEXTS),
            "since_last_heads_meeting": ("since_last_heads_meeting", Text(optional=True)),
        },
        claims={
            "location": Obj(Location, _LOCATION.fields),
            "date": Date(optional=False),
            "since_last_heads_meeting": Text(),
        },
    ),
    "agreements": _record(
        Agreement,
        {
            "title": ("title", Text()),
            "kind": ("kind", EnumKind(AgreementKind)),
            "aliases": ("aliases", _TEXTS),
            "parties": ("parties", ListOf(RefKind("agencies"))),
            "signatories": ("signatories", ListOf(RefKind("officials"))),
            "programs": ("programs", ListOf(RefKind("programs"))),
            "signed": ("signed", Date()),
            "end": ("end", Date()),
            "extends": ("extends", RefKind("agreements", optional=True)),
            "supersedes": ("supersedes", RefKind("agreements", optional=True)),
            "history": (
                "events",
                ListOf(
                    Obj(
                        StatusEvent,
                        {
                            "date": ("date", Date()),
                            "end": ("end", Date()),
                            "known_by": ("known_by", Date()),
                            "note": ("note", Text(optional=True)),
                            "party": ("party", RefKind("agencies", optional=True)),
                            "sources": ("sources", _SOURCES),
                            "status": ("status", EnumKind(AgreementStatus)),
                        },
                    )
                ),
            ),
        },
        claims={"signed": Date(optional=False), "end": Date(optional=False)},
    ),
}


# -- building --------------------------------------------------------------------------


@attrs.define
class Located:
    """A decoded record and where it came from."""

    kind: str
    pending: Pending
    file: str
    index: int

    @property
    def id(self) -> str | None:
        """The record's id, or ``None`` if it had none that could be read."""
        ident = self.pending.values.get("id")
        return ident if isinstance(ident, str) else None


_SAME_KIND_REFS: Final = {
    "agencies": ("predecessors",),
    "programs": ("parent",),
    "agreements": ("extends", "supersedes"),
}


def _parents(item: Located) -> list[str]:
    """Ids of records of the same kind that this one refers to (built first)."""
    out = []
    for key in _SAME_KIND_REFS.get(item.kind, ()):
        ref = item.pending.values.get(key)
        for r in ref if isinstance(ref, tuple) else (ref,):
            if isinstance(r, Ref):
                out.append(r.id)
    return out


def build(located: Iterable[Located], ctx: Context, known: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
    """Build objects from decoded records, resolving references.

    ``known`` maps ids of already-built records (e.g. the bundled dataset) to
    objects that references may point at.  Returns the new objects by kind.
    """
    by_kind: dict[str, list[Located]] = {k: [] for k in KINDS}
    for item in located:
        by_kind[item.kind].append(item)
    table: dict[str, tuple[str, Any]] = {}  # id -> (kind, object)
    if known:
        for ident, obj in known.items():
            table[ident] = (_kind_of(obj), obj)
    out: dict[str, list[Any]] = {k: [] for k in KINDS}
    for item in located_all(by_kind):
        if item.id is not None and _bad(item.pending):
            table[item.id] = (item.kind, _BAD)

    for kind in KINDS:
        items = by_kind[kind]
        if kind in _SAME_KIND_REFS:
            items = _topological(items, ctx)
        for item in items:
            ctx.file = item.file
            obj = _construct(item.pending, table, ctx)
            if item.id is not None:
                table[item.id] = (kind, obj)
            if obj is not _BAD:
                out[kind].append(obj)
    return out


def located_all(by_kind: Mapping[str, list[Located]]) -> Iterator[Located]:
    for items in by_kind.values():
        yield from items


def _kind_of(obj: object) -> str:
    return {
        Source: "sources",
        Agency: "agencies",
        Official: "officials",
        Program: "programs",
        Meeting: "meetings",
        Agreement: "agreements",
    }[type(obj)]


def _topological(items: list[Located], ctx: Context) -> list[Located]:
    """Records ordered so that each comes after the records of its kind it refers to."""
    ids = {i.id: i for i in items if i.id is not None}
    state: dict[str, int] = {}  # 1: in progress, 2: done
    order: list[Located] = [i for i in items if i.id is None]
    for start in items:
        if start.id is None or start.id in state:
            continue
        stack: list[tuple[Located, list[str]]] = [(start, _parents(start))]
        state[start.id] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                state[str(node.id)] = 2
                order.append(node)
                continue
            nxt = ids.get(todo.pop())
            if nxt is None or nxt.id is None or state.get(nxt.id) == 2:
                continue
            if state.get(nxt.id) == 1:
                chain = [str(n.id) for n, _ in stack]
                ctx.file = nxt.file
                cycle = " -> ".join([*chain[chain.index(nxt.id) :], nxt.id])
                ctx.problem(nxt.pending.path, f"reference cycle: {cycle}")
                continue
            state[nxt.id] = 1
            stack.append((nxt, _parents(nxt)))
    return order


def _construct(pending: Pending, table: Mapping[str, tuple[str, Any]], ctx: Context) -> Any:
    ok = True

    def resolve(value: Any) -> Any:
        nonlocal ok
        if isinstance(value, Ref):
            hit = table.get(value.id)
            if hit is not None and hit[1] is _BAD and hit[0] in value.kinds:
                ok = False  # it refers to a record that has problems of its own
                return _BAD
            if hit is None or hit[0] not in value.kinds:
                close = _close(value.id, [k for k, (kind, _) in table.items() if kind in value.kinds], n=3)
                hint = f"; close matches: {', '.join(close)}" if close else ""
                what = " or ".join(value.kinds)
                ctx.problem(value.path, f"unknown reference{hint}", f"an id from {what}", value.id)
                ok = False
                return _BAD
            return hit[1]
        if isinstance(value, Pending):
            return _construct(value, table, ctx)
        if isinstance(value, tuple):
            return tuple(resolve(v) for v in value)
        return value

    values = {k: resolve(v) for k, v in pending.values.items()}
    if (
        not ok
        or not pending.ok
        or any(v is _BAD or (type(v) is tuple and any(x is _BAD for x in v)) for v in values.values())
    ):
        return _BAD
    try:
        return pending.cls(**values)
    except (IsscoopError, TypeError) as e:
        field = getattr(e, "field", None)
        key = _JSON_KEYS.get(pending.cls, {}).get(field or "", None)
        ctx.problem(f"{pending.path}.{key}" if key else pending.path, str(e))
        return _BAD


def decode(doc: object, file: str, ctx: Context) -> list[Located]:
    """Check one parsed JSON document and decode its records (first pass)."""
    ctx.file = file
    if not isinstance(doc, dict):
        ctx.problem("$", "wrong type", 'an object with "format_version" and record arrays', doc)
        return []
    version = doc.get("format_version", _OMIT)
    if version is _OMIT:
        ctx.problem("$.format_version", "missing field", f"{FORMAT_VERSION}")
    elif type(version) is not int or version != FORMAT_VERSION:
        ctx.problem("$.format_version", "unsupported format version", f"{FORMAT_VERSION}", version)
    out: list[Located] = []
    for key, value in doc.items():
        if key == "version":
            if not isinstance(value, str) or not VERSION_RE.fullmatch(value):
                ctx.problem("$.version", "bad version", 'a dataset version such as "2026.11.0"', value)
            continue
        if key == "description":
            if not isinstance(value, str):
                ctx.problem("$.description", "wrong type", "a string", value)
            else:
                _check_text(value, "$.description", ctx)
            continue
        if key == "format_version":
            continue
        if key not in SPECS:
            close = _close(key, SPECS)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.problem(f"$.{_key(key)}", f"unknown record type{hint}", "one of: " + ", ".join(KINDS))
            continue
        if not isinstance(value, list):
            ctx.problem(f"$.{key}", "wrong type", "an array of records", value)
            continue
        for i, raw in enumerate(value):
            pending = SPECS[key].load(raw, f"$.{key}[{i}]", ctx)
            if isinstance(pending, Pending):
                out.append(Located(key, pending, file, i))
    return out


def encode(records: Mapping[str, Iterable[Any]]) -> dict[str, Any]:
    """The JSON document for records by kind: canonical key and record order."""
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION}
    for kind in KINDS:
        items = sorted(records.get(kind, ()), key=lambda r: r.id)
        doc[kind] = [SPECS[kind].dump(r) for r in items]
    return doc


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file."""
    properties: dict[str, Any] = {
        "format_version": {"const": FORMAT_VERSION},
        "version": {"type": "string", "pattern": VERSION_PATTERN},
        "description": {"type": "string"},
    }
    for kind in KINDS:
        properties[kind] = {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "isscoop data file, format 1",
        "type": "object",
        "properties": properties,
        "required": ["format_version"],
        "additionalProperties": False,
        "$defs": {kind: SPECS[kind].schema() for kind in KINDS},
    }


def prune(doc: dict[str, Any], known: set[str]) -> dict[str, Any]:
    """``doc`` without references to ids outside ``known``.

    A missing id leaves a list; an optional reference to it becomes null; a
    nested object that cannot do without it (a tenure's agency) is left out.
    Used to view a dataset as an earlier release, before later records existed.
    """
    return {key: [_prune(SPECS[key], r, known) for r in v] if key in SPECS else v for key, v in doc.items()}


_DROP: Any = object()


def _prune(kind: Kind, value: Any, known: set[str]) -> Any:
    if isinstance(kind, RefKind):
        if isinstance(value, str) and value not in known:
            return None if kind.default is None else _DROP
        return value
    if isinstance(kind, ListOf) and isinstance(value, list):
        items = [_prune(kind.item, x, known) for x in value]
        return [x for x in items if x is not _DROP]
    if isinstance(kind, ClaimsKind) and isinstance(value, list):
        return [c for c in (_prune(kind.obj, x, known) for x in value) if c is not _DROP]
    if isinstance(kind, Obj) and isinstance(value, dict):
        out = {}
        for key, item in value.items():
            spec = kind.fields.get(key)
            pruned = _prune(spec[1], item, known) if spec is not None else item
            if pruned is _DROP:
                return _DROP
            out[key] = pruned
        return out
    return value


def dump_record(record: Record | Source) -> dict[str, Any]:
    """One record as its JSON object."""
    return dict(SPECS[_kind_of(record)].dump(record))


Loader = Callable[[object, str, Context], list[Located]]
