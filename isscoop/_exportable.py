"""Export methods shared by :class:`~isscoop.Query` and :class:`~isscoop.Dataset`.

Each method hands the records to the matching function of
:mod:`isscoop.export`, which imports its optional library (pandas,
icalendar, networkx) only when called.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any, Literal

from . import _export, _story

if TYPE_CHECKING:
    import networkx
    import pandas
    import pyarrow

__all__ = ["Exportable"]


class Exportable:
    """Adds ``to_records``, ``to_csv``, ``to_dataframe``, ``to_arrow``, ``to_parquet``, ``to_timelinejs``,
    ``to_ics``, ``to_networkx``, ``to_markdown`` and ``to_html`` to a collection of records."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per record, with a ``"type"`` key; dates stay EDTF strings."""
        return _export.to_records(self)  # type: ignore[arg-type]

    def to_csv(self, path_or_file: str | os.PathLike[str] | IO[str], *, raw: bool = False) -> None:
        """Write one CSV row per record; dates stay EDTF strings at their own precision.

        A cell a spreadsheet would run (one starting with ``=``, ``+``, ``-``,
        ``@``, tab or carriage return) gets a leading ``'``, unless ``raw=True``.
        """
        _export.to_csv(self, path_or_file, raw=raw)  # type: ignore[arg-type]

    def to_dataframe(self, *, explode: Literal["parties", "participants"] | None = None) -> pandas.DataFrame:
        """A pandas DataFrame, one row per record, or per party/participant with ``explode`` (pandas extra)."""
        return _export.to_dataframe(self, explode=explode)  # type: ignore[arg-type]

    def to_arrow(self) -> dict[str, pyarrow.Table]:
        """Arrow tables: one per record kind, with ``sources``, ``claims`` and ``records`` (parquet extra)."""
        return _export.to_arrow(self)  # type: ignore[arg-type]

    def to_parquet(self, folder: str | os.PathLike[str]) -> list[str]:
        """Write the :meth:`to_arrow` tables into ``folder``, one Parquet file each (parquet extra)."""
        return _export.to_parquet(self, folder)  # type: ignore[arg-type]

    def to_timelinejs(self, *, title: str = "isscoop timeline") -> dict[str, Any]:
        """TimelineJS3 JSON; a month-precision date has no ``day``."""
        return _export.to_timelinejs(self, title=title)  # type: ignore[arg-type]

    def to_ics(self, *, name: str = "isscoop meetings") -> str:
        """The meetings as an iCalendar file (icalendar extra); no day is invented for a partial date."""
        return _export.to_ics(self, name=name)  # type: ignore[arg-type]

    def to_networkx(self) -> networkx.MultiGraph[str]:
        """Agencies as nodes; meetings, agreements and shared programs as typed, dated edges (networkx extra)."""
        return _export.to_networkx(self)  # type: ignore[arg-type]

    def to_markdown(self, *, title: str | None = None) -> str:
        """A cited timeline in Markdown, with footnotes for the sources."""
        return _export.to_markdown(self, title=title)  # type: ignore[arg-type]

    def to_html(self, *, title: str = "isscoop story", picture: bool = True) -> str:
        """One self-contained HTML story page: the cited timeline, the picture, the claims, numbered footnotes."""
        return _story.to_html(self, title=title, picture=picture)  # type: ignore[arg-type]
