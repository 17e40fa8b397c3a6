"""Exports: every record kind as plain dicts, CSV, a DataFrame, Arrow tables and Parquet files, TimelineJS,
iCalendar, networkx, Markdown and HTML.

The same functions are methods of every :class:`~isscoop.Query` and
:class:`~isscoop.Dataset` (``isscoop.meetings.to_csv(path)``); this module
also reads exports back (:func:`isscoop.export.read_csv`, :func:`isscoop.export.from_records`,
:func:`isscoop.export.read_parquet`).

>>> import isscoop
>>> from isscoop import export
>>> rows = export.to_records(isscoop.meetings.filter(kind="heads_of_agency"))
>>> export.from_records(rows, include_bundled=True).meetings.get("bakanov-duffy-2025").date
PartialDate('2025-07-31')
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from ._args import check_flag, got, is_file_object
from ._dataset import Dataset
from ._errors import InvalidArgument, InvalidRecord, MissingExtra, cut
from ._export import (
    CSV_COLUMNS,
    parquet_document,
    read_csv,
    source_dict,
    to_arrow,
    to_csv,
    to_dataframe,
    to_ics,
    to_markdown,
    to_networkx,
    to_parquet,
    to_records,
    to_timelinejs,
)
from ._files import dataset, load
from ._model import KINDS
from ._story import to_html

__all__ = [
    "CSV_COLUMNS",
    "MissingExtra",
    "from_records",
    "read_csv",
    "read_parquet",
    "to_arrow",
    "to_csv",
    "to_dataframe",
    "to_html",
    "to_ics",
    "to_markdown",
    "to_networkx",
    "to_parquet",
    "to_records",
    "to_timelinejs",
]


def _collapse_sources(value: Any, found: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k == "sources" and isinstance(v, list) and all(isinstance(x, dict) for x in v):
                for s in v:
                    found.setdefault(str(s.get("id")), _plain(s))
                out[k] = [s.get("id") for s in v]
            elif k == "cites" and isinstance(v, dict):
                collapsed = _collapse_sources({p: {"sources": x} for p, x in v.items()}, found)
                out[k] = {p: x["sources"] for p, x in collapsed.items()}
            else:
                out[k] = _collapse_sources(v, found)
        return out
    if isinstance(value, list):
        return [_collapse_sources(v, found) for v in value]
    return value


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def from_records(rows: Iterable[dict[str, Any]], *, include_bundled: bool = False) -> Dataset:
    """A :class:`~isscoop.Dataset` from :func:`to_records` dicts (the inverse of :func:`to_records`).

    Records may refer to records that are not among ``rows`` only with
    ``include_bundled=True``, which lays them over the bundled data (see
    :func:`isscoop.load`).  Problems raise :class:`~isscoop.DatasetError`;
    ``rows`` that are not dicts raise :class:`~isscoop.InvalidArgument`, and
    values that are not plain JSON data (or are nested too deeply) raise
    :class:`~isscoop.InvalidRecord`.
    """
    check_flag(include_bundled, "include_bundled")
    if isinstance(rows, str | bytes | Mapping) or is_file_object(rows) or not isinstance(rows, Iterable):
        raise InvalidArgument(f"rows: expected an iterable of dicts, got {got(rows)}")
    doc: dict[str, Any] = {"format_version": 1}
    sources: dict[str, dict[str, Any]] = {}
    kinds = {cls.kind_name: cls.collection for cls in KINDS}
    for row in rows:
        if not isinstance(row, Mapping):
            raise InvalidArgument(f"rows: expected dicts, got an item {got(row)}")
        row = dict(row)
        kind = kinds.get(row.pop("type", "")) if isinstance(row.get("type"), str) else None
        if kind is None:
            raise InvalidRecord(f"type: expected one of {', '.join(kinds)}, got {cut(row)}")
        if kind == "sources":
            sources.setdefault(str(row.get("id")), _plain(row))
            continue
        row.pop("citations", None)  # derived from the rest
        try:
            doc.setdefault(kind, []).append(_collapse_sources(row, sources))
        except RecursionError:
            raise InvalidRecord(f"rows: a {kind[:-1]} row is nested too deeply") from None
    if include_bundled:  # sources the bundled data already has need not be repeated
        bundled = {x.id: x for x in dataset().sources}
        sources = {k: v for k, v in sources.items() if k not in bundled or _plain(source_dict(bundled[k])) != v}
    if sources:
        doc["sources"] = list(sources.values())
    try:
        text = json.dumps(doc)
    except (TypeError, ValueError, RecursionError) as e:
        raise InvalidRecord(f"rows: expected plain JSON data (dicts, lists, str, numbers, bools, None): {e}") from None
    stream = io.StringIO(text)
    stream.name = "<records>"
    return load(stream, include_bundled=include_bundled)


def read_parquet(folder: str | os.PathLike[str], *, include_bundled: bool = False) -> Dataset:
    """A :class:`~isscoop.Dataset` from a folder that :func:`to_parquet` wrote (parquet extra).

    The files are read back into the data file format and loaded as
    :func:`isscoop.load` loads a file, with every check: problems raise
    :class:`~isscoop.DatasetError`.  Records may refer to records that are
    not in the files only with ``include_bundled=True``, as with
    :func:`from_records`.  A dataset written and read back is equal to
    the one written, its horizon too.  Only regular files of at most 64 MiB
    are read (see :func:`isscoop.load`); a folder that holds none of the
    tables, or a file that cannot be read, raises :class:`~isscoop.FileError`.
    """
    check_flag(include_bundled, "include_bundled")
    doc = parquet_document(folder)
    if include_bundled and "sources" in doc:  # sources the bundled data already has need not be repeated
        bundled = {x.id: _plain(source_dict(x)) for x in dataset().sources}
        doc["sources"] = [s for s in doc["sources"] if bundled.get(s.get("id")) != s]
    stream = io.StringIO(json.dumps(doc))
    stream.name = os.fspath(folder)
    return load(stream, include_bundled=include_bundled)
