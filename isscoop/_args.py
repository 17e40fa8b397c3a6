"""Checks of the arguments of public functions: their types, and caps on text and paths.

Every text argument is checked here before any parser, index or file
system call sees it, so that a hostile value costs at most a scan of its
first few thousand characters:

* a date string is at most :data:`MAX_DATE_CHARS` characters;
* an id is at most :data:`MAX_ID_CHARS` characters;
* a name, title, URL, search text or label is at most :data:`MAX_NAME_CHARS`;
* a path is at most :data:`MAX_PATH_CHARS` characters, and has no NUL;
* a column of rows (the ``*_each`` questions) is at most :data:`MAX_ROWS` rows long.

Text may not hold control characters other than whitespace (tabs and line
breaks), nor lone surrogates: they are never part of a name or a date, and
they cannot be printed.  A value of the wrong type raises
:class:`~isscoop.InvalidArgument` (a ``TypeError``); a value of the right
type but the wrong form raises :class:`~isscoop.InvalidRecord` (a
``ValueError``), or :class:`~isscoop.DateParseError` for a date.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sized
from typing import Any, Final, cast

from ._errors import DateParseError, InvalidArgument, InvalidRecord, cut

#: The longest date string any date argument takes (the data files' cap too).
MAX_DATE_CHARS: Final = 200
#: The longest id an argument may be (the data files' cap too).
MAX_ID_CHARS: Final = 200
#: The longest name, title, URL, search text or label an argument may be.
MAX_NAME_CHARS: Final = 1000
#: The longest path an argument may be.
MAX_PATH_CHARS: Final = 4096
#: The most rows a column argument may have (``heads_each``, ``in_force_each``, ``participants_each``).
MAX_ROWS: Final = 10_000_000

# C0 and C1 control characters that are not whitespace, DEL, and lone surrogates.
_BAD_CHARS: Final = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")


def type_name(value: object) -> str:
    """The name of a value's type, for messages."""
    return type(value).__name__


def got(value: object) -> str:
    """What arrived, for a message: the value cut short, and its type."""
    return f"{cut(value)} ({type_name(value)})"


def text_problem(value: str, cap: int) -> str | None:
    """Why ``value`` cannot be a text argument (too long, a control character), or ``None``."""
    if len(value) > cap:
        return f"expected at most {cap:,} characters, got {cut(value)}"
    bad = _BAD_CHARS.search(value)
    if bad is not None:
        return (
            f"expected text without control characters, got U+{ord(bad.group()):04X} "
            f"at position {bad.start()} of {cut(value)}"
        )
    return None


def check_text(value: object, what: str, cap: int = MAX_NAME_CHARS) -> str:
    """``value`` if it is a str within ``cap`` characters, with no control characters."""
    if type(value) is str and len(value) <= cap and value.isprintable():
        return value  # printable text has no control character and no lone surrogate: the common case, at C speed
    if not isinstance(value, str):
        raise InvalidArgument(f"{what}: expected a str, got {got(value)}")
    problem = text_problem(value, cap)
    if problem is not None:
        raise InvalidRecord(f"{what}: {problem}")
    return value


def check_opt_text(value: object, what: str, cap: int = MAX_NAME_CHARS) -> str | None:
    """``value`` if it is ``None`` or passes :func:`check_text`."""
    return None if value is None else check_text(value, what, cap)


def check_date_text(value: object, what: str | None = None) -> None:
    """Raise :class:`~isscoop.DateParseError` if ``value`` is a str too long or with control characters."""
    if isinstance(value, str):
        problem = text_problem(value, MAX_DATE_CHARS)
        if problem is not None:
            raise DateParseError(f"{what}: {problem}" if what else problem)


def check_flag(value: object, what: str) -> bool:
    """``value`` if it is a bool."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{what}: expected True or False, got {got(value)}")
    return value


def check_callable(value: object, what: str) -> Any:
    """``value`` if it is ``None`` or callable."""
    if value is not None and not callable(value):
        raise InvalidArgument(f"{what}: expected a function or None, got {got(value)}")
    return value


def check_rows(value: object, what: str) -> int:
    """The length of the column ``value``, if it is at most :data:`MAX_ROWS` rows."""
    try:
        n = len(cast(Sized, value))
    except TypeError:  # a NumPy array of no dimensions, say
        raise InvalidArgument(f"{what}: expected a column of rows or one value, got {got(value)}") from None
    if n > MAX_ROWS:
        raise InvalidRecord(f"{what}: expected at most {MAX_ROWS:,} rows, got {n:,}")
    return n


def check_path(value: object, what: str) -> str:
    """The path ``value`` names, as a str: a non-empty str or ``os.PathLike`` of str, with no NUL."""
    if isinstance(value, os.PathLike):
        try:
            value = os.fspath(value)
        except Exception as e:  # a PathLike whose __fspath__ fails
            raise InvalidArgument(f"{what}: expected a path, got a PathLike that fails: {cut(e)}") from None
    if not isinstance(value, str):
        raise InvalidArgument(f"{what}: expected a path (a str or os.PathLike), got {got(value)}")
    if not value:
        raise InvalidRecord(f"{what}: expected a file or folder name, got ''")
    if len(value) > MAX_PATH_CHARS:
        raise InvalidRecord(f"{what}: expected a path of at most {MAX_PATH_CHARS:,} characters, got {cut(value)}")
    if "\x00" in value:
        raise InvalidRecord(f"{what}: expected a path without NUL characters, got {cut(value)}")
    try:
        os.fsencode(value)
    except UnicodeError:
        raise InvalidRecord(f"{what}: expected a path the file system can encode, got {cut(value)}") from None
    return value


def is_path(value: object) -> bool:
    """Whether ``value`` is meant as a path (a str or an ``os.PathLike``), rather than a file object."""
    return isinstance(value, str | os.PathLike)


def is_file_object(value: object) -> bool:
    """Whether ``value`` is an open (or closed) file object, which is never a collection of records."""
    return isinstance(value, io.IOBase)


def has_method(value: object, name: str) -> bool:
    """Whether ``value`` has a callable attribute ``name`` (a file object's ``read`` or ``write``)."""
    try:
        return callable(getattr(value, name, None))
    except Exception:  # a property that fails
        return False
