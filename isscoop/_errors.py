"""The exceptions isscoop raises: one root, each also a matching builtin."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ._public import present_as_isscoop

__all__ = [
    "Ambiguous",
    "DatasetError",
    "DateParseError",
    "IsscoopError",
    "NotFound",
    "Problem",
    "Undecidable",
]


def bulleted(title: str, items: Iterable[object]) -> str:
    """A title line, then one ``  - item`` line per item."""
    return "\n".join([title, *(f"  - {item}" for item in items)])


class IsscoopError(Exception):
    """Root of every exception raised by isscoop."""


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

    def __str__(self) -> str:
        return str(self.args[0])


class Ambiguous(IsscoopError, LookupError):
    """More than one record matches a key that should name exactly one."""

    def __init__(self, key: str, kind: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.kind = kind
        self.candidates = tuple(candidates)
        super().__init__(f"{key!r} matches {len(self.candidates)} {kind} records: " + ", ".join(self.candidates))

    def __str__(self) -> str:
        return str(self.args[0])


class DateParseError(IsscoopError, ValueError):
    """A string or object could not be read as a date or a period."""


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

    def __str__(self) -> str:
        return str(self.args[0])


present_as_isscoop(globals())
