"""The exceptions isscoop raises: one root, each also a matching builtin."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ._public import present_as_isscoop

__all__ = [
    "Ambiguous",
    "DatasetError",
    "DateParseError",
    "InvalidRecord",
    "IsscoopError",
    "IsscoopWarning",
    "MergeError",
    "MissingExtra",
    "NotFound",
    "Problem",
    "Undecidable",
    "UnsafeURL",
]


def bulleted(title: str, items: Iterable[object]) -> str:
    """A title line, then one ``  - item`` line per item."""
    return "\n".join([title, *(f"  - {item}" for item in items)])


class IsscoopError(Exception):
    """Root of every exception raised by isscoop.

    Every subclass also subclasses the matching builtin (``LookupError``,
    ``ValueError``, ``TypeError`` or ``ImportError``), and its ``str()`` is
    its message: one line, or a title line and one ``  - `` line per item.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


class IsscoopWarning(UserWarning):
    """A warning about data that loads but is not as it should be (e.g. a record with no source)."""


class NotFound(IsscoopError, LookupError):
    """No record matches a key.

    The message names the closest keys that do exist; so does the
    ``close_matches`` attribute, a tuple of str.
    """

    def __init__(self, key: str, kind: str, close_matches: Sequence[str] = ()) -> None:
        self.key = key
        self.kind = kind
        self.close_matches = tuple(close_matches)
        hint = "; close matches: " + ", ".join(repr(m) for m in self.close_matches) if self.close_matches else ""
        super().__init__(f"no {kind} matches {key!r}{hint}")


class Ambiguous(IsscoopError, LookupError):
    """More than one record matches a key that should name exactly one."""

    def __init__(self, key: str, kind: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.kind = kind
        self.candidates = tuple(candidates)
        super().__init__(f"{key!r} matches {len(self.candidates)} {kind} records: " + ", ".join(self.candidates))


class DateParseError(IsscoopError, ValueError):
    """A string or object could not be read as a date or a period."""


class InvalidRecord(IsscoopError, ValueError):
    """A record was built with a value of the wrong type or form.

    ``field`` names the attribute at fault, when there is one.
    """

    field: str | None = None


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
        where = self.file + (f":{self.line}" if self.line is not None else "")
        text = f"{where}: {self.path}: {self.message}"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        if self.got is not None:
            text += f", got {self.got}"
        return text


class DatasetError(IsscoopError, ValueError):
    """A dataset could not be built. Lists every problem found, not only the first.

    Nothing is loaded when this is raised.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(bulleted(f"{n} problem{'s' if n != 1 else ''} in the dataset:", self.problems))


class MergeError(IsscoopError, ValueError):
    """Two datasets give different values for a field that cannot hold competing claims.

    Lists every such field; nothing is merged.
    """

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


present_as_isscoop(globals())
