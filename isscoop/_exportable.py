"""Export methods shared by :class:`~isscoop.Query` and :class:`~isscoop.Dataset`.

Each method hands the records to the matching function of
:mod:`isscoop._export`, which imports its optional library (pandas,
icalendar, networkx) only when called.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx
    import pandas

__all__ = ["Exportable"]


class Exportable:
    """Adds ``to_records``, ``to_csv``, ``to_dataframe``, ``to_timelinejs``,
    ``to_ics``, ``to_networkx`` and ``to_markdown`` to a collection of records."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per record, with a ``"type"`` key; dates stay EDTF strings."""
        from ._export import to_records

        return to_records(self)  # type: ignore[arg-type]

    def to_csv(self, path_or_file: str | os.PathLike[str] | IO[str], *, raw: bool = False) -> None:
        """Write one CSV row per record; dates stay EDTF strings at their own precision.

        A cell a spreadsheet would run (one starting with ``=``, ``+``, ``-``,
        ``@``, tab or carriage return) gets a leading ``'``, unless ``raw=True``.
        """
        from ._export import to_csv

        to_csv(self, path_or_file, raw=raw)  # type: ignore[arg-type]

    def to_dataframe(self, *, explode: Literal["parties", "participants"] | None = None) -> pandas.DataFrame:
        """A pandas DataFrame, one row per record, or per party/participant with ``explode`` (pandas extra)."""
        from ._export import to_dataframe

        return to_dataframe(self, explode=explode)  # type: ignore[arg-type]

    def to_timelinejs(self, *, title: str = "isscoop timeline") -> dict[str, Any]:
        """TimelineJS3 JSON; a month-precision date has no ``day``."""
        from ._export import to_timelinejs

        return to_timelinejs(self, title=title)  # type: ignore[arg-type]

    def to_ics(self, *, name: str = "isscoop meetings") -> str:
        """The meetings as an iCalendar file (icalendar extra); no day is invented for a partial date."""
        from ._export import to_ics

        return to_ics(self, name=name)  # type: ignore[arg-type]

    def to_networkx(self) -> networkx.MultiGraph[str]:
        """Agencies as nodes; meetings, agreements and shared programs as typed, dated edges (networkx extra)."""
        from ._export import to_networkx

        return to_networkx(self)  # type: ignore[arg-type]

    def to_markdown(self, *, title: str | None = None) -> str:
        """A cited timeline in Markdown, with footnotes for the sources."""
        from ._export import to_markdown

        return to_markdown(self, title=title)  # type: ignore[arg-type]
