"""The exceptions isscoop raises: one root, each also a matching builtin."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence
from typing import ClassVar, Final

import attrs

from ._public import present_as_isscoop

__all__ = [
    "Ambiguous",
    "DatasetError",
    "DateParseError",
    "FileError",
    "InvalidArgument",
    "InvalidRecord",
    "IsscoopError",
    "IsscoopWarning",
    "MergeError",
    "MissingExtra",
    "NotFound",
    "Problem",
    "Undecidable",
    "UnknownField",
    "UnsafeURL",
]

#: The longest an error message gets, in characters.
MAX_MESSAGE: Final = 299
#: The longest a line of an error that lists items (:class:`DatasetError`, :class:`MergeError`) gets;
#: the values in each line are cut much shorter, so lines are rarely near this.
MAX_LISTED_LINE: Final = 1000

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxfrozenset = _SHORT.maxdict = 4


def cut(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters.

    A value that had to be cut says how long it was, so that a message never
    echoes a huge argument.  Making the text is bounded work too: only the
    start of a long string is looked at, containers are shown by their first
    items, and a ``repr`` that fails gives the type's name.

    >>> cut("NASA")
    "'NASA'"
    >>> cut("x" * 1_000_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (1,000,000 characters)"
    >>> cut(list(range(10**6)))
    '[0, 1, 2, 3, ...] (a list of 1,000,000 items)'
    """
    size = ""
    try:
        if isinstance(value, str | bytes | bytearray):
            text = repr(value[: limit + 1])
            if len(value) > limit:
                size = f"{len(value):,} {'characters' if isinstance(value, str) else 'bytes'}"
        elif isinstance(value, int) and value.bit_length() > 256:
            text, size = f"<{type(value).__name__}>", f"{value.bit_length():,} bits"
        else:
            text = _SHORT.repr(value)
            if isinstance(value, list | tuple | dict | set | frozenset) and len(value) > 4:
                size = f"a {type(value).__name__} of {len(value):,} items"
    except Exception:  # a broken or hostile repr
        text = f"<{type(value).__name__} object>"
    if len(text) > limit:
        text = text[: limit - 5] + "..."
        size = size or type(value).__name__
    return f"{text} ({size})" if size else text


def fit(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` cut in the middle to at most ``limit`` characters, saying how many were cut.

    >>> fit("a" * 20 + "b" * 1000 + "c" * 20, 100)
    'aaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbb [... 970 characters cut ...] bbbbcccccccccccccccccccc'
    """
    if len(message) <= limit:
        return message
    removed = len(message) - limit + 30
    for _ in range(3):  # the marker's own length depends on the number in it
        marker = f" [... {removed:,} characters cut ...] "
        removed = len(message) - (limit - len(marker))
    keep = limit - len(marker)
    head = keep * 2 // 3
    return message[:head] + marker + message[len(message) - (keep - head) :]


def bulleted(title: str, items: Iterable[object]) -> str:
    """A title line, then one ``  - item`` line per item."""
    return "\n".join([title, *(f"  - {item}" for item in items)])


class IsscoopError(Exception):
    """Root of every exception raised by isscoop.

    Every subclass also subclasses the matching builtin (``LookupError``,
    ``ValueError``, ``TypeError``, ``OSError`` or ``ImportError``), and its
    ``str()`` is its message: one line, or a title line and one ``  - `` line
    per item.  A message is under 300 characters (an error that lists items
    has a line per item instead): values in it are cut short, saying how long
    they were.
    """

    #: Whether the message is a list, one item a line (each line is kept short, rather than the whole).
    _listing: ClassVar[bool] = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        if args and isinstance(args[0], str):
            if self._listing:
                message = "\n".join(fit(line, MAX_LISTED_LINE) for line in args[0].split("\n"))
            else:
                message = fit(args[0])
            args = (message, *args[1:])
        super().__init__(*args, **kwargs)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


class IsscoopWarning(UserWarning):
    """A warning about data that loads but is not as it should be (e.g. a record with no source)."""


class NotFound(IsscoopError, LookupError):
    """No record matches a key.

    The message names the closest keys that do exist; so does the
    ``close_matches`` attribute, a tuple of str.
    """

    def __init__(self, key: str, kind: str, close_matches: Sequence[str] = (), *, message: str | None = None) -> None:
        self.key = key
        self.kind = kind
        self.close_matches = tuple(close_matches)
        hint = "; close matches: " + ", ".join(cut(m) for m in self.close_matches) if self.close_matches else ""
        super().__init__(message or f"no {kind} matches {cut(key, 80)}{hint}")


class Ambiguous(IsscoopError, LookupError):
    """More than one record matches a key that should name exactly one."""

    def __init__(self, key: str, kind: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.kind = kind
        self.candidates = tuple(candidates)
        more = len(self.candidates) - 5
        shown = ", ".join(self.candidates[:5]) + (f" and {more} more" if more > 0 else "")
        super().__init__(f"{cut(key, 80)} matches {len(self.candidates)} {kind} records: {shown}")


class DateParseError(IsscoopError, ValueError):
    """A string or object could not be read as a date or a period."""


class InvalidRecord(IsscoopError, ValueError):
    """A record was built with a value of the wrong type or form, or an argument has the wrong form.

    ``field`` names the attribute at fault, when there is one.  An argument
    of the right type but a wrong value (``assume="maybe"``, a name longer
    than the cap, a path with a NUL character) raises this error too.
    """

    field: str | None = None


class InvalidArgument(IsscoopError, TypeError):
    """An argument of the wrong type: a number where a name goes, a list where a record goes,
    a record of the wrong kind (an official where an agency goes).

    The message names the argument, what was expected and what arrived (cut short).
    """


class UnknownField(InvalidArgument, AttributeError):
    """:meth:`Query.filter <isscoop.Query.filter>` was given a field the records do not have.

    It is an :class:`InvalidArgument`, and an ``AttributeError`` as well.
    """


class FileError(IsscoopError, OSError):
    """A file could not be written (or read), and nothing was changed.

    Raised by :func:`~isscoop.dump`, by the exports that write files and by
    :func:`isscoop.export.read_csv`; a file that :func:`~isscoop.load` cannot
    read is one of the problems of a :class:`DatasetError` instead.  ``errno``,
    ``strerror`` and ``filename`` are those of the operating system's error,
    when there was one.
    """

    def __init__(self, message: str, *, cause: OSError | None = None, filename: str | None = None) -> None:
        super().__init__(message)
        if cause is not None:
            self.errno = cause.errno
            self.strerror = cause.strerror
        self.filename = filename


class Undecidable(IsscoopError, ValueError):
    """A yes/no question has no certain answer with the data's precision.

    Raised by ``bool()`` of :attr:`isscoop.Tri.UNKNOWN` and by the ``in``
    operator when the dates are too coarse to decide.
    """


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a data file.

    ``path`` is a JSON path such as ``$.meetings[3].participants[1]``.
    """

    file: str
    path: str
    message: str
    expected: str | None = None
    got: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        file = self.file
        if len(file) > 120:
            file = f"...{file[-100:]} (a path of {len(file):,} characters)"
        where = file + (f":{self.line}" if self.line is not None else "")
        text = f"{where}: {self.path}: {self.message}"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        if self.got is not None:
            text += f", got {self.got}"
        return text if text.isprintable() else _printable(text)


def _printable(text: str) -> str:
    """``text`` with line breaks, other control characters and lone surrogates escaped, so it stays one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DatasetError(IsscoopError, ValueError):
    """A dataset could not be built. Lists every problem found, not only the first.

    Nothing is loaded when this is raised.
    """

    _listing = True

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(bulleted(f"{n} problem{'s' if n != 1 else ''} in the dataset:", self.problems))


class MergeError(IsscoopError, ValueError):
    """Two datasets give different values for a field that cannot hold competing claims.

    Lists every such field; nothing is merged.
    """

    _listing = True

    def __init__(self, conflicts: Iterable[str]) -> None:
        self.conflicts = tuple(conflicts)
        n = len(self.conflicts)
        super().__init__(bulleted(f"{n} conflicting field{'s' if n != 1 else ''}; nothing was merged:", self.conflicts))


class MissingExtra(IsscoopError, ImportError):
    """An optional library is not installed; the message says which extra to install.

    >>> print(MissingExtra("to_dataframe()", "pandas", "pandas"))
    to_dataframe() needs pandas, which is not installed; install it with: pip install "isscoop[pandas]"
    """

    def __init__(self, what: str, module: str, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f'{what} needs {module}, which is not installed; install it with: pip install "isscoop[{extra}]"',
            name=module,
        )


class UnsafeURL(IsscoopError, ValueError):
    """A link target that is not an absolute ``http`` or ``https`` URL with a host.

    ``url`` is the value and ``reason`` says what is wrong with it.

    >>> print(UnsafeURL("file:///etc/passwd", "its scheme is file:, not http: or https:"))
    unsafe link target 'file:///etc/passwd': its scheme is file:, ...; expected an absolute http or https URL
    """

    def __init__(self, url: object, reason: str) -> None:
        self.url = url
        self.reason = reason
        shown = repr(url)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"unsafe link target {shown}: {reason}; expected an absolute http or https URL")


class NotRegular(OSError):
    """The path names something other than a regular file: a FIFO, a device, a socket, a folder."""


class TooLarge(OSError):
    """The file is larger than the limit; ``size`` is how large it is (or at least how much was read)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


present_as_isscoop(globals())
