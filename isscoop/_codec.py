"""The file format: JSON values to model objects and back, collecting every problem.

Nothing here is written per record kind: every specification is derived from
the model's declarations (:data:`isscoop._model.KINDS`, the attrs fields, their
types and their metadata), as cattrs derives (de)structuring from attrs.

Loading is one walk: each record is checked, its references resolved against
the records built before it, and its object built, with every problem
gathered with its file and JSON path.  Kinds are built in the order of
:data:`~isscoop._model.KINDS`, and records that refer to records of their own
kind after those.  Nothing is returned if there is any problem.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Final

import attrs

from . import _model
from ._dates import DATE_PATTERN, PERIOD_PATTERN, PartialDate, Period
from ._errors import DateParseError, IsscoopError, Problem, UnsafeURL
from ._links import check_url
from ._model import FORM, KEY, NOT_IN_FILES, Claim, Record, Source
from ._validators import COUNTRY_RE, ID_RE, VERSION_RE

FORMAT_VERSION: Final = 1

#: The longest text value accepted, in characters.
MAX_TEXT: Final = 20_000
#: At most this many problems are listed; a file with more is refused all the same.
MAX_PROBLEMS: Final = 1000
#: The longest string that gets "did you mean" suggestions.
_MAX_HINT: Final = 200

ID_PATTERN: Final = "^[a-z0-9]+(-[a-z0-9]+)*$"
#: A file's horizon: one exact day, the last on which its facts were checked.
HORIZON_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
VERSION_PATTERN: Final = "^[0-9]{4}\\.[0-9]{1,2}\\.[0-9]+$"

_SURROGATE: Final = re.compile("[\ud800-\udfff]")

_BAD: Any = object()  # a value that failed; its problem is already recorded
_DONE: Any = ("", "", None)  # a raw record already built
_OMIT: Any = object()  # "not given": the model's default applies


class Context:
    """Problems gathered while loading, and the records built so far (by id: kind and object)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.file = "<data>"
        self.unlisted = 0
        self.table: dict[str, tuple[str, Any]] = {}

    def problem(self, path: JsonPath, message: str, expected: str | None = None, got: object = _OMIT) -> None:
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
        self.problems.append(
            Problem(file=self.file, path=_where(path), message=message, expected=expected, got=got_text)
        )


JsonPath = str | tuple[Any, str | int]
"""A JSON path: a string, or ``(parent path, key or index)``, written out only when a problem needs it."""


def _where(path: JsonPath) -> str:
    parts = []
    while type(path) is tuple:
        path, key = path
        parts.append(f"[{key}]" if type(key) is int else f".{key}")
    assert isinstance(path, str)
    return path + "".join(reversed(parts))


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


def read_horizon(value: object) -> date | None:
    """A file's ``"horizon"``: an exact day (``"2026-03-10"``); ``None`` if it is not one."""
    if not isinstance(value, str) or not re.fullmatch(HORIZON_PATTERN[1:-1], value):
        return None
    try:
        d = PartialDate.parse(value)
    except DateParseError:
        return None
    return d.to_date() if d.bounds()[0] >= 1 else None


# -- field kinds ----------------------------------------------------------------


#: For each class, the JSON key of each attribute (to place a model error on its field).
_JSON_KEYS: dict[type, dict[str, str]] = {}


class Kind:
    """How one JSON value is read and written."""

    expected = "a value"
    default: Any = _OMIT  # _OMIT: required

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        return value

    def omit(self, value: Any) -> bool:
        """Whether ``dump`` leaves the key out (the value is the default)."""
        return self.default is not _OMIT and value == self.default

    def schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of the values this kind reads."""
        return {}

    def required(self) -> Kind:
        """The same kind with no default: a claim's value must be given."""
        return self


class Text(Kind):
    expected = "a non-empty string"

    def __init__(self, optional: bool = False) -> None:
        self.default = None if optional else _OMIT

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, str) or not raw.strip():
            ctx.problem(path, "wrong type", self.expected + (" or null" if self.default is None else ""), raw)
            return _BAD
        return _check_text(raw, path, ctx)

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "minLength": 1, "maxLength": MAX_TEXT}, self.default is None)

    def required(self) -> Kind:
        return type(self)()


def _check_text(raw: str, path: JsonPath, ctx: Context) -> Any:
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
    """A link target: an absolute http or https URL with a host (see :func:`isscoop.safe.check_url`)."""

    expected = "an absolute http or https URL"

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if not isinstance(raw, str) or len(raw) > _MAX_HINT or not ID_RE.fullmatch(raw):
            ctx.problem(path, "bad id", self.expected, raw)
            return _BAD
        return raw

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": _MAX_HINT}


class Version(Kind):
    expected = 'a dataset version such as "2026.11.0", or null'
    default = None

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def required(self) -> Kind:
        return Date(optional=False)


class PeriodKind(Kind):
    expected = 'an EDTF interval such as "2018-10-10/2025-07-31" or "2025-07-09/.."'

    def __init__(self, optional: bool = False) -> None:
        self.optional = optional
        self.default = None if optional else Period()

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
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

    def required(self) -> Kind:
        return PeriodKind()


class EnumKind(Kind):
    def __init__(self, enum_type: type[enum.Enum], default: enum.Enum | None = None) -> None:
        self.enum_type = enum_type
        self._members = {m.value: m for m in enum_type if isinstance(m.value, str)}
        self.default = _OMIT if default is None else default
        self.expected = "one of " + ", ".join(f'"{m.value}"' for m in enum_type)

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if type(raw) is str:
            member = self._members.get(raw)
            if member is not None:
                return member
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

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        load = self.item.load
        items = tuple([load(x, (path, i), ctx) for i, x in enumerate(raw)])
        for x in items:  # every item was read (so every problem is listed); one bad item spoils the list
            if x is _BAD:
                return _BAD
        return items

    def dump(self, value: Any) -> Any:
        return [self.item.dump(x) for x in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


def _singular(collection: str) -> str:
    return _model.kind_named(collection).kind_name


class RefKind(Kind):
    """A reference by id to a record built earlier in the same load (or given as known)."""

    def __init__(self, *kinds: str, optional: bool = False) -> None:
        self.kinds = kinds
        self.default = None if optional else _OMIT
        self.expected = "the id of " + " or ".join(_singular(k) for k in kinds)

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if type(raw) is str:
            hit = ctx.table.get(raw)  # the table holds only well-formed ids
            if hit is not None and hit[0] in self.kinds:
                return hit[1]  # the object, or _BAD for a record with problems of its own
        if raw is None and self.default is None:
            return None
        if not isinstance(raw, str) or not ID_RE.fullmatch(raw):
            ctx.problem(path, "bad reference", self.expected, raw)
            return _BAD
        close = _close(raw, [k for k, (kind, _) in ctx.table.items() if kind in self.kinds], n=3)
        hint = f"; close matches: {', '.join(close)}" if close else ""
        ctx.problem(path, f"unknown reference{hint}", f"an id from {' or '.join(self.kinds)}", raw)
        return _BAD

    def dump(self, value: Any) -> Any:
        return None if value is None else value.id

    def schema(self) -> dict[str, Any]:
        return _nullable({"type": "string", "pattern": ID_PATTERN}, self.default is None)


def _constructor(cls: type) -> Callable[[dict[str, Any]], Any]:
    """A function that builds ``cls`` from values the codec has checked.

    The model's per-field validators and converters would only check them
    again, so they are skipped; its whole-record checks
    (``__attrs_post_init__``) still run.  Like attrs' own ``__init__``, the
    function is written out per class from its field names (never from data).
    """
    scope: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "cls": cls, "_missing": _missing}
    lines = ["def construct(values):", "    obj = _new(cls)", "    get = values.get"]
    for i, a in enumerate(f for f in attrs.fields(cls) if f.init):
        assert a.name.isidentifier()
        if a.default is attrs.NOTHING:
            lines.append(
                f"    _set(obj, {a.name!r}, values[{a.name!r}] if {a.name!r} in values else _missing({a.name!r}))"
            )
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            scope[f"_factory{i}"] = a.default.factory
            lines.append(f"    _set(obj, {a.name!r}, values[{a.name!r}] if {a.name!r} in values else _factory{i}())")
        else:
            scope[f"_default{i}"] = a.default
            lines.append(f"    _set(obj, {a.name!r}, get({a.name!r}, _default{i}))")
    for i, a in enumerate(attrs.fields(cls)):
        if not a.init and a.default is not attrs.NOTHING and not isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            scope[f"_fixed{i}"] = a.default
            lines.append(f"    _set(obj, {a.name!r}, _fixed{i})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    obj.__attrs_post_init__()")
    lines.append("    return obj")
    exec("\n".join(lines), scope)
    construct: Callable[[dict[str, Any]], Any] = scope["construct"]
    return construct


def _missing(name: str) -> Any:
    raise TypeError(f"missing field {name!r}")


class Obj(Kind):
    """A JSON object built into an attrs class."""

    def __init__(self, cls: type, fields: Mapping[str, tuple[str, Kind]], optional: bool = False) -> None:
        self.cls = cls
        self.fields = dict(fields)  # json key -> (attribute name, kind)
        self.default = None if optional else _OMIT
        self.expected = f"an object ({cls.__name__})"
        self._required = tuple(k for k, (_, kind) in self.fields.items() if kind.default is _OMIT)
        self._required_set = frozenset(self._required)
        #: Fields that are not in files (a record's horizon): carried over as they are when re-linking.
        self.hidden = tuple(a.name for a in attrs.fields(cls) if a.init and a.metadata.get(NOT_IN_FILES))
        _JSON_KEYS.setdefault(cls, {}).update({attr: key for key, (attr, _) in self.fields.items()})
        self._construct = _constructor(cls)

    def required(self) -> Kind:
        return Obj(self.cls, self.fields)

    def load(self, raw: object, path: JsonPath, ctx: Context, base: Any = None) -> Any:
        """The built object, or ``_BAD``; with ``base``, fields not given are taken from it."""
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
                ctx.problem((path, _key(key)), f"unknown field{hint}", "one of: " + ", ".join(fields))
                ok = False
                continue
            attr, kind = spec
            value = kind.load(item, (path, key), ctx)
            if value is _BAD:
                ok = False
            else:
                values[attr] = value
        if base is not None:
            for key, (attr, _) in fields.items():
                if key not in raw and attr not in ("statements", "sources"):
                    values[attr] = getattr(base, attr)
        elif not self._required_set.issubset(raw.keys()):
            for key in self._required:
                if key not in raw:
                    ctx.problem((path, key), "missing field", fields[key][1].expected)
                    ok = False
        if not ok:
            return _BAD
        try:
            return self._construct(values)
        except (IsscoopError, TypeError) as e:
            field = getattr(e, "field", None)
            key = _JSON_KEYS.get(self.cls, {}).get(field or "", None)
            ctx.problem((path, key) if key else path, str(e))
            return _BAD

    def dump(self, value: Any) -> Any:
        if value is None:
            return None
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


class _ValuesByField(Kind):
    """A list of objects that each name a field of the record (``field``) and hold a value for it (``value``),
    read with that field's own kind: claims, and earlier values (revisions)."""

    def __init__(
        self, cls: type, value_kinds: Mapping[str, Kind], *, noun: str, message: str, nullable: bool, required: str
    ) -> None:
        self.value_kinds = dict(value_kinds)
        self.default = ()
        self.expected = f"an array of {noun} objects"
        self.nullable = nullable
        self.required_key = required
        fields = derived_fields(cls, skip=("field", "value"))
        fields["field"] = ("field", EnumLike(tuple(value_kinds), message))
        self.obj = Obj(cls, dict(sorted({**fields, "value": ("value", _Raw())}.items())))
        self.objs = {
            name: Obj(cls, dict(sorted({**fields, "value": ("value", _Nullable(kind) if nullable else kind)}.items())))
            for name, kind in self.value_kinds.items()
        }

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        out = []
        for i, item in enumerate(raw):
            p = (path, i)
            field = item.get("field") if isinstance(item, dict) else None
            obj = self.objs.get(field) if isinstance(field, str) else None
            if obj is None:  # no usable field: report everything the generic form finds
                self.obj.load(item, p, ctx)
                out.append(_BAD)
                continue
            assert isinstance(item, dict)
            assert isinstance(field, str)
            if not self.nullable and "value" in item and item["value"] is None:
                self.obj.load(item, p, ctx)  # the other fields' problems
                ctx.problem((p, "value"), "missing value", self.value_kinds[field].expected, None)
                out.append(_BAD)
                continue
            out.append(obj.load(item, p, ctx))
        return _BAD if any(c is _BAD for c in out) else tuple(out)

    def kind_of(self, item: Any) -> Kind:
        """The kind of an item's value: that of the field it names."""
        return self.value_kinds[item.field]

    def schema(self) -> dict[str, Any]:
        item = self.obj.schema()
        kinds = [k.schema() for k in self.value_kinds.values()]
        item["properties"]["value"] = {"anyOf": [{"type": "null"}, *kinds] if self.nullable else kinds}
        item["required"] = sorted({*item["required"], "field", self.required_key})
        return {"type": "array", "items": item}

    def dump(self, value: Any) -> Any:
        out = []
        for x in value:
            d = self.obj.dump(x)
            d["value"] = self.kind_of(x).dump(x.value)
            out.append(dict(sorted(d.items())))
        return out


class ClaimsKind(_ValuesByField):
    """Claims, whose ``value`` is read with the kind of the field they are about."""

    def __init__(self, value_kinds: Mapping[str, Kind]) -> None:
        super().__init__(
            Claim, value_kinds, noun="claim", message="not a field that takes claims", nullable=False, required="value"
        )


class MapOf(Kind):
    """A JSON object whose keys are free text and whose values all have one kind (``Mapping[str, X]``).

    With ``owner``, every key must be a field path of that class (a
    citation's ``"period.start"``); other keys are unknown fields.  It is read
    into the model's read-only, hashable mapping (:class:`~isscoop.Cites`),
    so that the records that hold one stay hashable.
    """

    def __init__(self, item: Kind, owner: type | None = None) -> None:
        self.item = item
        self.owner = owner
        self.default = _model.Cites()
        self.expected = f"an object whose values are {item.expected}"

    def _bad_key(self, key: str) -> str | None:
        """Why ``key`` is not a field path of the owner, or ``None``."""
        if self.owner is None:
            return None
        try:
            _model._attr_of(self.owner, _model._parse_path(key)[0][0])
        except IsscoopError:
            names = [f.name for f in attrs.fields(self.owner)]
            first = key.split(".")[0].split("[")[0]
            close = _close(first, names)
            return f"unknown field{f' (did you mean {close[0]!r}?)' if close else ''}"
        return None

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if raw is None:
            return _model.Cites()
        if not isinstance(raw, dict):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        out = {}
        ok = True
        for key, value in raw.items():
            if not key.strip() or len(key) > _MAX_HINT:
                ctx.problem((path, _key(key)), "bad key", f"a non-empty key of at most {_MAX_HINT} characters", key)
                ok = False
                continue
            why = self._bad_key(key)
            if why is not None:
                ctx.problem((path, key), why, f"a field path of {self.owner.__name__}")  # type: ignore[union-attr]
                ok = False
                continue
            loaded = self.item.load(value, (path, key), ctx)
            if loaded is _BAD:
                ok = False
            else:
                out[key] = loaded
        return _model.Cites(out) if ok else _BAD

    def dump(self, value: Any) -> Any:
        return {k: self.item.dump(v) for k, v in sorted(value.items())}

    def omit(self, value: Any) -> bool:
        return not value

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.item.schema()}


class RevisionsKind(_ValuesByField):
    """Revisions, whose ``value`` is read with the kind of the field they revise (``None`` allowed)."""

    def __init__(self, value_kinds: Mapping[str, Kind]) -> None:
        super().__init__(
            _model.Revision,
            value_kinds,
            noun="revision",
            message="not a field of the record",
            nullable=True,
            required="superseded_in",
        )


class _Nullable(Kind):
    """Another kind that also takes ``null`` (an earlier value may have been empty)."""

    def __init__(self, inner: Kind) -> None:
        self.inner = inner
        self.expected = inner.expected + " or null"

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if raw is None and (self.inner.default is None or self.inner.default is _OMIT):
            return None
        return self.inner.load(raw, path, ctx)  # an empty form of the kind (an unknown period, an empty list)


class EnumLike(Kind):
    def __init__(self, choices: tuple[str, ...], message: str = "not a field that takes claims") -> None:
        self.choices = choices
        self.message = message
        self.expected = "one of " + ", ".join(f'"{c}"' for c in choices)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        if not isinstance(raw, str):
            ctx.problem(path, "wrong type", self.expected, raw)
            return _BAD
        if raw not in self.choices:
            close = _close(raw, self.choices)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.problem(path, f"{self.message}{hint}", self.expected, raw)
            return _BAD
        return raw


class _Raw(Kind):
    expected = "a value"

    def load(self, raw: object, path: JsonPath, ctx: Context) -> Any:
        return raw


# -- derived specifications --------------------------------------------------------------


def _hints(cls: type) -> dict[str, Any]:
    """The field types of a class, resolved in the model's names and its own module's."""
    names = dict(vars(_model))
    home = sys.modules.get(cls.__module__)
    if home is not None and home.__name__ != "isscoop":
        names.update(vars(home))
    return typing.get_type_hints(cls, globalns=names)


def _is_record(tp: Any) -> bool:
    """Whether a field of type ``tp`` refers to a record (every record kind is read by reference)."""
    return tp in _model.KINDS or (isinstance(tp, type) and issubclass(tp, Record))


def _kind_for(tp: Any, field: attrs.Attribute[Any], owner: type) -> Kind:
    """The kind that reads and writes a field of type ``tp``, from the type and the field's metadata."""
    optional = False
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        optional = len(present) < len(args)
        if len(present) > 1:
            if all(_is_record(a) for a in present):
                return RefKind(*(a.collection for a in present), optional=optional)
            raise TypeError(f"{owner.__name__}.{field.name}: no file form for {tp}")
        tp = present[0]
        args = typing.get_args(tp)
    if typing.get_origin(tp) in (Mapping, dict):
        return MapOf(_kind_for(args[1], field, owner).required(), owner if field.name == "cites" else None)
    if typing.get_origin(tp) is tuple:
        if args[0] is _model.Revision:
            hints = _hints(owner)
            return RevisionsKind(
                {
                    f.name: _kind_for(hints[f.name], f, owner)
                    for f in attrs.fields(owner)
                    if f.init and f.name not in _model._BOOKKEEPING and not f.metadata.get(NOT_IN_FILES)
                }
            )
        if args[0] is Claim:
            claimable = sorted(getattr(owner, "claimable", ()))
            hints = _hints(owner)
            fields = {f.name: f for f in attrs.fields(owner)}
            return ClaimsKind({name: _kind_for(hints[name], fields[name], owner).required() for name in claimable})
        return ListOf(_kind_for(args[0], field, owner).required())
    form = field.metadata.get(FORM)
    has_default = field.default is not attrs.NOTHING
    if tp is str:
        if form == "id":
            return Ident()
        if form == "country":
            return Country()
        if form == "version":
            return Version()
        return (Url if form == "url" else Text)(optional=optional)
    if tp is bool:
        return Flag(default=field.default if has_default else False)
    if tp is PartialDate:
        return Date(optional=optional)
    if tp is Period:
        return PeriodKind(optional=optional)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        default = field.default if has_default and isinstance(field.default, enum.Enum) else None
        return EnumKind(tp, default)
    if _is_record(tp):
        return RefKind(tp.collection, optional=optional)
    if attrs.has(tp):
        return Obj(tp, derived_fields(tp), optional=optional)
    raise TypeError(f"{owner.__name__}.{field.name}: no file form for {tp}")


def derived_fields(cls: type, skip: tuple[str, ...] = ()) -> dict[str, tuple[str, Kind]]:
    """Each field of an attrs class by its file name, with its kind, in name order.

    The claims of a record kind that has no claimable fields are left out, and
    so are the fields named in ``skip``.
    """
    hints = _hints(cls)
    out: dict[str, tuple[str, Kind]] = {}
    for f in attrs.fields(cls):
        if not f.init or f.name in skip or f.metadata.get(NOT_IN_FILES):
            continue
        if hints[f.name] == tuple[Claim, ...] and not getattr(cls, "claimable", None):
            continue
        out[f.metadata.get(KEY, f.name)] = (f.name, _kind_for(hints[f.name], f, cls))
    return dict(sorted(out.items()))


@functools.cache
def _specs_for(kinds: tuple[type, ...]) -> dict[str, Obj]:
    return {cls.collection: Obj(cls, derived_fields(cls)) for cls in kinds}  # type: ignore[attr-defined]


def specs() -> dict[str, Obj]:
    """The specification of every record kind in data files, by collection, in build order.

    Derived from :data:`isscoop._model.KINDS` (and cached for it).
    """
    return _specs_for(_model.KINDS)


def collections() -> tuple[str, ...]:
    """The collections of a data file, in the order their records are built."""
    return tuple(specs())


# -- references --------------------------------------------------------------------------


def references(kind: Kind, value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """``(JSON path, record)`` for every reference inside ``value`` read with ``kind``."""
    if value is None:
        return
    if isinstance(kind, RefKind):
        yield path, value
    elif isinstance(kind, ListOf | ClaimsKind):
        item = kind.item if isinstance(kind, ListOf) else kind.obj
        for i, x in enumerate(value):
            yield from references(item, x, f"{path}[{i}]")
    elif isinstance(kind, MapOf):
        for k, x in value.items():
            yield from references(kind.item, x, f"{path}.{k}")
    elif isinstance(kind, RevisionsKind):
        for i, r in enumerate(value):
            yield from references(kind.kind_of(r), r.value, f"{path}[{i}].value")
    elif isinstance(kind, Obj):
        for key, (attr, sub) in kind.fields.items():
            yield from references(sub, getattr(value, attr), f"{path}.{key}")


def _has_refs(kind: Kind) -> bool:
    if isinstance(kind, RefKind):
        return True
    if isinstance(kind, ListOf | MapOf):
        return _has_refs(kind.item)
    if isinstance(kind, ClaimsKind | RevisionsKind):
        return True
    if isinstance(kind, Obj):
        return any(_has_refs(k) for _, k in kind.fields.values())
    return False


@functools.cache
def _ref_fields(spec: Obj) -> tuple[tuple[str, str, Kind], ...]:
    """``(key, attribute, kind)`` of the fields of ``spec`` that can hold references."""
    return tuple((key, attr, kind) for key, (attr, kind) in spec.fields.items() if _has_refs(kind))


def record_references(record: Record | Source) -> Iterator[tuple[str, Any]]:
    """``(JSON path suffix, record)`` for every reference a record makes, read from its declaration."""
    for key, attr, kind in _ref_fields(specs()[record.collection]):
        yield from references(kind, getattr(record, attr), f".{key}")


def same_kind_keys(collection: str) -> tuple[str, ...]:
    """The top-level keys of a kind that refer to records of the same kind (``extends``, ``parent``)."""
    out = []
    for key, (_, kind) in specs()[collection].fields.items():
        target = kind.item if isinstance(kind, ListOf) else kind
        if isinstance(target, RefKind) and collection in target.kinds:
            out.append(key)
    return tuple(out)


def relink(obj: Any, table: Mapping[str, Any], prune: bool = False) -> Any:
    """``obj`` with every reference pointing at the record of that id in ``table``.

    Returns ``obj`` itself when nothing changes.  With ``prune``, references
    to ids not in ``table`` are dropped: from a list, to ``None`` where the
    field is optional, and a nested object that cannot do without one is
    dropped itself (``_BAD`` is returned for it).
    """
    return _relink(specs()[obj.collection], obj, table, prune)


def _relink(kind: Kind, value: Any, table: Mapping[str, Any], prune: bool) -> Any:
    if value is None:
        return None
    if isinstance(kind, RefKind):
        new = table.get(value.id)
        if new is None:
            if not prune:
                return value
            return None if kind.default is None else _BAD
        return new
    if isinstance(kind, ListOf | ClaimsKind):
        item = kind.item if isinstance(kind, ListOf) else kind.obj
        if isinstance(item, RefKind) and not prune:  # the common case: a list of ids, such as sources
            get = table.get
            items = [get(x.id, x) for x in value]
        else:
            items = [_relink(item, x, table, prune) for x in value]
        kept = tuple(x for x in items if x is not _BAD)
        return value if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)) else kept
    if isinstance(kind, MapOf):
        pairs = {k: _relink(kind.item, x, table, prune) for k, x in value.items()}
        if all(pairs[k] is x for k, x in value.items()):
            return value
        return _model.Cites({k: x for k, x in pairs.items() if x is not _BAD})
    if isinstance(kind, RevisionsKind):
        revised = []
        for r in value:
            new = _relink(kind.kind_of(r), r.value, table, prune)
            if new is _BAD:
                new = None
            revised.append(r if new is r.value else attrs.evolve(r, value=new))
        return value if all(a is b for a, b in zip(revised, value, strict=True)) else tuple(revised)
    if isinstance(kind, Obj):
        changes = {}
        for _, attr, sub in _ref_fields(kind):
            old = getattr(value, attr)
            new = _relink(sub, old, table, prune)
            if new is _BAD:
                return _BAD
            if new is not old:
                changes[attr] = new
        if not changes:
            return value
        values = {name: getattr(value, name) for name, _ in kind.fields.values()}
        values.update((name, getattr(value, name)) for name in kind.hidden)
        return kind._construct({**values, **changes})  # same checked values, new references
    return value


# -- loading -----------------------------------------------------------------------------


@attrs.frozen
class Where:
    """Where a loaded record came from."""

    file: str
    path: str


def _parents(keys: tuple[str, ...], raw: object) -> list[str]:
    """Ids of records of the same kind that a raw record refers to under ``keys`` (built first)."""
    out: list[str] = []
    if not isinstance(raw, dict):
        return out
    for key in keys:
        ref = raw.get(key)
        for r in ref if isinstance(ref, list) else (ref,):
            if isinstance(r, str):
                out.append(r)
    return out


RawRecord = tuple[str, str, object]  # file, path, the parsed JSON value


def _topological(keys: tuple[str, ...], items: list[RawRecord], ctx: Context) -> list[RawRecord]:
    """Raw records ordered so that each comes after the records of its kind it refers to (under ``keys``)."""
    if not any(_parents(keys, item[2]) for item in items):
        return items
    ids: dict[str, RawRecord] = {}
    for item in items:
        ident = item[2].get("id") if isinstance(item[2], dict) else None
        if isinstance(ident, str):
            ids.setdefault(ident, item)
    state: dict[int, int] = {}  # id(item) -> 1: in progress, 2: done
    order: list[RawRecord] = []
    for start in items:
        if id(start) in state:
            continue
        stack: list[tuple[RawRecord, list[str]]] = [(start, _parents(keys, start[2]))]
        state[id(start)] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                state[id(node)] = 2
                order.append(node)
                continue
            nxt = ids.get(todo.pop())
            if nxt is None or state.get(id(nxt)) == 2:
                continue
            if state.get(id(nxt)) == 1:
                chain = [_raw_id(n) for n, _ in stack]
                ctx.file = nxt[0]
                cycle = " -> ".join([*chain[chain.index(_raw_id(nxt)) :], _raw_id(nxt)])
                ctx.problem(nxt[1], f"reference cycle: {cycle}")
                continue
            state[id(nxt)] = 1
            stack.append((nxt, _parents(keys, nxt[2])))
    return order


def _raw_id(item: RawRecord) -> str:
    raw = item[2]
    ident = raw.get("id") if isinstance(raw, dict) else None
    return ident if isinstance(ident, str) else "?"


def check_document(doc: object, file: str, ctx: Context) -> dict[str, list[Any]]:
    """Check one parsed JSON document's top level; its record arrays by collection."""
    ctx.file = file
    if not isinstance(doc, dict):
        ctx.problem("$", "wrong type", 'an object with "format_version" and record arrays', doc)
        return {}
    version = doc.get("format_version", _OMIT)
    if version is _OMIT:
        ctx.problem("$.format_version", "missing field", f"{FORMAT_VERSION}")
    elif type(version) is not int or version != FORMAT_VERSION:
        ctx.problem("$.format_version", "unsupported format version", f"{FORMAT_VERSION}", version)
    out: dict[str, list[Any]] = {}
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
        if key == "horizon":
            if read_horizon(value) is None:
                ctx.problem("$.horizon", "bad horizon", 'a day such as "2026-03-10"', value)
            continue
        if key == "format_version":
            continue
        if key not in specs():
            close = _close(key, specs())
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.problem(f"$.{_key(key)}", f"unknown record type{hint}", "one of: " + ", ".join(collections()))
            continue
        if not isinstance(value, list):
            ctx.problem(f"$.{key}", "wrong type", "an array of records", value)
            continue
        out[key] = value
    return out


@attrs.define
class Built:
    """What a load built: the new records by collection, and where each came from."""

    collections: dict[str, list[Any]]
    where: dict[int, Where]  # id(object) -> where it came from

    def locate(self, collection: str, index: int) -> tuple[str, str]:
        w = self.where.get(id(self.collections[collection][index]))
        return (w.file, w.path) if w is not None else ("<Dataset>", f"$.{collection}[{index}]")


def build(docs: Iterable[tuple[str, object]], ctx: Context, known: Mapping[str, Any] | None = None) -> Built:
    """Check and build every record of parsed documents in one walk.

    ``known`` maps ids of already-built records (e.g. the bundled dataset) to
    objects that references may point at; a record with a known id of the
    same kind corrects it, and needs only the fields it changes (the others
    are taken from the known record).  Each raw record is released once
    built, so the parsed documents and the objects are not all alive at once.
    """
    all_specs = specs()
    arrays: dict[str, list[RawRecord]] = {c: [] for c in all_specs}
    seen: set[str] = set()
    for file, doc in docs:
        for collection, items in check_document(doc, file, ctx).items():
            into = arrays[collection]
            for i, raw in enumerate(items):
                ident = raw.get("id") if type(raw) is dict else None
                if type(ident) is str:
                    if ident in seen:
                        ctx.problem(f"$.{collection}[{i}].id", "duplicate id", "an id used once in the dataset", ident)
                        continue
                    seen.add(ident)
                into.append((file, f"$.{collection}[{i}]", raw))
            items.clear()  # the parsed records now live only in ``arrays``
    if known:
        for known_id, obj in known.items():
            ctx.table[known_id] = (obj.collection, obj)
    out = Built(collections={c: [] for c in all_specs}, where={})
    for collection, obj_spec in all_specs.items():
        items = arrays[collection]
        keys = same_kind_keys(collection)
        if keys:
            items = _topological(keys, items, ctx)
        arrays[collection] = []
        table = ctx.table
        built = out.collections[collection]
        for i, (file, path, raw) in enumerate(items):
            items[i] = _DONE  # release the parsed record as soon as it is built
            ctx.file = file
            ident = raw.get("id") if isinstance(raw, dict) else None
            base = None
            if isinstance(ident, str):
                hit = table.get(ident)
                if hit is not None and hit[0] == collection and hit[1] is not _BAD:
                    base = hit[1]
            obj = obj_spec.load(raw, path, ctx, base)
            if isinstance(ident, str) and ID_RE.fullmatch(ident):
                table[ident] = (collection, obj)
            if obj is not _BAD:
                built.append(obj)
                out.where[id(obj)] = Where(file, path)
    return out


# -- writing ------------------------------------------------------------------------------


def encode(records: Mapping[str, Iterable[Any]]) -> dict[str, Any]:
    """The JSON document for records by collection: canonical key and record order."""
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION}
    for collection, obj_spec in specs().items():
        items = sorted(records.get(collection, ()), key=lambda r: r.id)
        doc[collection] = [obj_spec.dump(r) for r in items]
    return doc


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file."""
    properties: dict[str, Any] = {
        "format_version": {"const": FORMAT_VERSION},
        "version": {"type": "string", "pattern": VERSION_PATTERN},
        "horizon": {"type": "string", "pattern": HORIZON_PATTERN},
        "description": {"type": "string"},
    }
    for collection in collections():
        properties[collection] = {"type": "array", "items": {"$ref": f"#/$defs/{collection}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "isscoop data file, format 1",
        "type": "object",
        "properties": properties,
        "required": ["format_version"],
        "additionalProperties": False,
        "$defs": {collection: obj_spec.schema() for collection, obj_spec in specs().items()},
    }


def dump_record(record: Record | Source) -> dict[str, Any]:
    """One record as its JSON object."""
    return dict(specs()[record.collection].dump(record))
