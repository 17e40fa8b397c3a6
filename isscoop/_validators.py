"""attrs validators and converters shared by the model.

Every message names the class and field, what was expected and what arrived.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from ._dates import DateLike, PartialDate, Period, to_partial_date
from ._errors import DateParseError, InvalidRecord, cut
from ._links import is_safe_url
from ._public import present_as_isscoop

ID_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_RE: Final = re.compile(r"[A-Z]{2}")

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def _got(value: object) -> str:
    return f"{cut(value, 80)} ({type(value).__name__})"


def fail(inst: object, name: str, expected: str, value: object) -> InvalidRecord:
    """The error for a bad field value."""
    error = InvalidRecord(f"{type(inst).__name__}.{name}: expected {expected}, got {_got(value)}")
    error.field = name
    return error


def ident(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise fail(inst, a.name, "an id of lowercase letters, digits and single hyphens", value)


def text(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise fail(inst, a.name, "a non-empty str", value)


def url(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    text(inst, a, value)
    if not is_safe_url(value):
        raise fail(inst, a.name, "an absolute http or https URL", value)


def opt_text(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        text(inst, a, value)


def flag(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise fail(inst, a.name, "a bool", value)


def opt_flag(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        flag(inst, a, value)


def country(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not COUNTRY_RE.fullmatch(value)):
        raise fail(inst, a.name, "an ISO 3166-1 alpha-2 code such as 'US', or None", value)


def of_type(kind: type | tuple[type, ...], expected: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise fail(inst, a.name, expected, value)

    return check


def opt_of_type(kind: type | tuple[type, ...], expected: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    inner = of_type(kind, expected)

    def check(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, a, value)

    return check


def tuple_of(kind: type | tuple[type, ...], expected: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise fail(inst, a.name, f"a tuple of {expected}", value)
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise fail(inst, f"{a.name}[{i}]", expected, item)

    return check


def texts(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise fail(inst, a.name, "a tuple of non-empty str", value)
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise fail(inst, f"{a.name}[{i}]", "a non-empty str", item)


def member(kind: type[E]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            choices = ", ".join(m.name for m in kind)
            raise fail(inst, a.name, f"a {kind.__name__} ({choices})", value)

    return check


VERSION_RE: Final = re.compile(r"[0-9]{4}\.[0-9]{1,2}\.[0-9]+")


def opt_version(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not VERSION_RE.fullmatch(value)):
        raise fail(inst, a.name, "a dataset version such as '2026.11.0', or None", value)


def opt_date(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, PartialDate):
        raise fail(inst, a.name, "a PartialDate or an EDTF date string, or None", value)


def to_tuple(value: Any) -> Any:
    """Lists (and other non-string iterables) become tuples; anything else is left for the validator."""
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(value)
    return value


def to_opt_date(value: DateLike | None) -> PartialDate | object | None:
    """Accept any date-like for a date field; leave bad values for the validator."""
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return to_partial_date(value)
    except DateParseError:
        return value


def to_opt_period(value: Period | str | None) -> Period | object | None:
    if isinstance(value, str):
        try:
            return Period.parse(value)
        except DateParseError:
            return value
    return value


present_as_isscoop(globals())
