"""Exports, published by :mod:`isscoop.export`: plain dicts, CSV, DataFrame, Arrow and Parquet, TimelineJS, iCalendar,
networkx, Markdown.

Every function takes a :class:`~isscoop.Dataset` (all its records of every
kind except sources, which come along with the records that cite them) or any
iterable of records, such as a :class:`~isscoop.Query`.  Dates stay at their
own precision everywhere: ``2025-07`` is written ``2025-07``, never
``2025-07-01``.

The optional libraries (pandas, pyarrow, icalendar, networkx) are imported inside the
functions that need them; without them, those functions raise
:class:`MissingExtra`, which says which extra to install.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import importlib
import io
import json
import os
import re
import typing
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast

import attrs

from . import _codec, _model
from ._args import check_opt_text, check_path, check_text, got, has_method, is_file_object, is_path
from ._atomic import MAX_FILE_BYTES, read_regular, write_files, write_stream
from ._codec import dump_record
from ._dates import PartialDate, Period, Precision
from ._errors import FileError, InvalidArgument, InvalidRecord, IsscoopError, MissingExtra, NotRegular, TooLarge, cut
from ._model import EXPORT_COLUMNS, Event, Meeting, Record, Row, Source, originals_first
from ._public import present_as_isscoop
from .safe import check_url, csv_cell, csv_uncell, html_link, html_text, md_link, md_text, one_line, plain_text

if TYPE_CHECKING:
    import networkx
    import pandas
    import pyarrow

    from ._dataset import Dataset

__all__ = [
    "CSV_COLUMNS",
    "read_csv",
    "to_arrow",
    "to_csv",
    "to_dataframe",
    "to_ics",
    "to_markdown",
    "to_networkx",
    "to_parquet",
    "to_records",
    "to_timelinejs",
]

Items: TypeAlias = "Dataset | Iterable[Record | Source]"


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import an optional library, or raise :class:`MissingExtra` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(what, module, extra) from None


# -- common helpers ----------------------------------------------------------------------


def records_of(items: Items) -> list[Record | Source]:
    """The records an export works on: a dataset's records (sources aside), or the items themselves.

    Anything else raises :class:`~isscoop.InvalidArgument`, at its first item that is not a record.
    """
    if getattr(type(items), "exports_every_record", False):  # a Dataset (the export layer sits below it)
        return [r for r in items.records() if not isinstance(r, Source)]  # type: ignore[union-attr]
    if isinstance(items, str | bytes | bytearray | dict) or is_file_object(items) or not isinstance(items, Iterable):
        raise InvalidArgument(f"items: expected records (a Dataset, a Query or records), got {got(items)}")
    out: list[Record | Source] = []
    for x in items:
        if not isinstance(x, Record | Source):
            raise InvalidArgument(f"items: expected records (a Dataset, a Query or records), got an item {got(x)}")
        out.append(x)
    return out


def _check_output(path_or_file: object, what: str = "path_or_file") -> None:
    """Reject a place to write that is neither a path nor a file object with ``write``."""
    if is_path(path_or_file):
        check_path(path_or_file, what)
    elif not has_method(path_or_file, "write"):
        raise InvalidArgument(f"{what}: expected a path or a file object with write(), got {got(path_or_file)}")


def write_text(path_or_file: str | os.PathLike[str] | IO[str], text: str) -> None:
    """Write ``text`` to a path (atomically, as UTF-8; see :func:`isscoop.dump`) or to a file object."""
    if isinstance(path_or_file, str | os.PathLike):
        write_files([(os.fspath(path_or_file), text.encode("utf-8"))])
    else:
        write_stream(path_or_file, text)


def _edtf(d: PartialDate | None) -> str:
    return "" if d is None else str(d)


def _precision(d: PartialDate | None) -> str:
    return "" if d is None else str(d.precision)


def _sources_in(obj: object, found: dict[str, Source], root: object) -> None:
    """Collect every Source inside ``obj`` (not inside other records it refers to)."""
    if isinstance(obj, Source):
        found.setdefault(obj.id, obj)
    elif isinstance(obj, tuple):
        for x in obj:
            _sources_in(x, found, root)
    elif attrs.has(type(obj)) and (obj is root or not isinstance(obj, Record)):
        for f in attrs.fields(type(obj)):  # type: ignore[misc,arg-type,unused-ignore]
            _sources_in(getattr(obj, f.name), found, root)


def source_dict(s: Source) -> dict[str, Any]:
    """A source as a plain dict: id, url, publisher, published (EDTF or None), and title/note if set."""
    out: dict[str, Any] = {"id": s.id, "url": s.url, "publisher": s.publisher, "published": _edtf(s.published) or None}
    if s.title is not None:
        out["title"] = s.title
    if s.note is not None:
        out["note"] = s.note
    return out


def _expand_sources(value: Any, by_id: dict[str, Source]) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k == "sources" and isinstance(v, list) and all(isinstance(x, str) for x in v):
                out[k] = [source_dict(by_id[x]) for x in v]
            elif k == "cites" and isinstance(v, dict):
                out[k] = {path: [source_dict(by_id[x]) for x in ids] for path, ids in v.items()}
            else:
                out[k] = _expand_sources(v, by_id)
        return out
    if isinstance(value, list):
        return [_expand_sources(v, by_id) for v in value]
    return value


# -- records ------------------------------------------------------------------------------


def to_records(items: Items) -> list[dict[str, Any]]:
    """Plain, JSON-ready dicts: one per record, with a ``"type"`` key.

    The fields are those of the data files (see :func:`isscoop.schema`):
    dates are EDTF strings at their own precision, references to other
    records are ids, and every ``"sources"`` list (and every list in a
    ``"cites"`` mapping) holds the sources themselves as ``{"id", "url",
    "publisher", "published"}`` dicts (with ``"title"`` and ``"note"`` when
    the source has them).  ``"citations"`` maps the path of every stated
    value to the ids of the sources that state it (see
    :meth:`isscoop.Record.sources_for`).  :func:`from_records` builds the
    records back.

    >>> import isscoop
    >>> from isscoop.export import to_records
    >>> [row] = to_records([isscoop.meetings.get("rogozin-us-visit-2019")])
    >>> row["type"], row["date"], row["status"], row["participants"]
    ('meeting', '2019-02', 'cancelled', ['dmitry-rogozin'])
    >>> {"id", "url", "publisher", "published"} <= set(row["sources"][0])
    True
    """
    rows = []
    for r in records_of(items):
        by_id: dict[str, Source] = {}
        _sources_in(r, by_id, r)
        row = {"type": r.kind_name, **_expand_sources(dump_record(r), by_id)}
        if isinstance(r, Record):
            row["citations"] = {path: [s.id for s in sources] for path, sources in r.citations()}
        rows.append(row)
    return rows


# -- CSV ------------------------------------------------------------------------------------

#: The typed companions of ``start`` and ``end``: the first and last day each could be (``YYYY-MM-DD``).
_DAY_COLUMNS: tuple[str, ...] = ("start_earliest", "start_latest", "end_earliest", "end_latest")
#: The CSV header of :func:`to_csv`, in order.
CSV_COLUMNS: tuple[str, ...] = (
    *EXPORT_COLUMNS[: EXPORT_COLUMNS.index("open_end")],
    *_DAY_COLUMNS,
    *EXPORT_COLUMNS[EXPORT_COLUMNS.index("open_end") :],
)
_LIST_COLUMNS = frozenset({"agencies", "officials", "programs", "sources"})
_DATE_COLUMNS = frozenset({"start", "end"})


def _day_text(d: PartialDate | None, last: bool) -> str:
    """The first (or last) day ``d`` could be, ``YYYY-MM-DD``; empty without a date."""
    if d is None:
        return ""
    day = _last_day(d) if last else _first_day(d)
    return "" if day is None else day.isoformat()


def _csv_dict(row: Row, raw: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in CSV_COLUMNS:
        if name == "start_precision":
            out[name] = _precision(row.start)
        elif name == "end_precision":
            out[name] = _precision(row.end)
        elif name == "open_end":
            out[name] = "true" if row.open_end else "false"
        elif name in _DAY_COLUMNS:
            side, which = name.split("_")
            out[name] = _day_text(getattr(row, side), which == "latest")
        else:
            value = getattr(row, name)
            if name in _LIST_COLUMNS:
                out[name] = ";".join(value)
            elif name in _DATE_COLUMNS:
                out[name] = _edtf(value)
            else:
                out[name] = str(value)
    return out if raw else {k: csv_cell(v) for k, v in out.items()}


def to_csv(items: Items, path_or_file: str | os.PathLike[str] | IO[str], *, raw: bool = False) -> None:
    """Write one CSV row per record, with the header :data:`CSV_COLUMNS`.

    **Formula-safe by default.**  A cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (after any ``'``) is one a
    spreadsheet may run as a formula, so it is written with a leading ``'``:
    ``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)`` and a label such as
    ``-5 °C`` is written ``'-5 °C``.  Every such cell is changed, whatever
    its column (negative numbers too; isscoop's own ids and EDTF dates never
    start with one of these characters).  :func:`read_csv` takes the quote
    off again.  ``raw=True`` writes every value exactly as it is, for
    programs that read CSV as data, never for a spreadsheet.

    Columns and their types (every cell is text; empty means none):

    ====================  ==========================================================
    ``type``              ``agency``, ``official``, ``program``, ``meeting``,
                          ``agreement`` (or ``source``)
    ``id``                the record's id
    ``label``             its name or title
    ``kind``              its kind (an enum value such as ``heads_of_agency``)
    ``status``            a meeting's status; an agreement's last general step
    ``start``             EDTF date at its own precision: a meeting's date, an
                          agreement's entry into force (else its signing), a
                          program's start, an official's first post, an
                          agency's founding
    ``end``               EDTF date: the matching end, empty if unknown or open
    ``start_precision``   ``year``, ``month``, ``season``, ``day``, ``decade`` or
                          ``century`` (empty without a date)
    ``end_precision``     the same for ``end``
    ``start_earliest``    the first day ``start`` could be, ``YYYY-MM-DD`` (empty
                          without a date): always a day, whatever the precision
    ``start_latest``      the last day ``start`` could be
    ``end_earliest``      the first day ``end`` could be
    ``end_latest``        the last day ``end`` could be
    ``open_end``          ``true`` when still going (an open end), else ``false``
    ``agencies``          ``;``-separated ids: a meeting's agencies, an
                          agreement's parties, a program's participants, an
                          official's agencies
    ``officials``         ``;``-separated ids: participants, signatories, crew
    ``programs``          ``;``-separated program ids
    ``location``          a meeting's place
    ``country``           its country code, or an agency's country
    ``sources``           ``;``-separated source ids
    ``note``              the record's note
    ====================  ==========================================================

    :func:`read_csv` reads the file back with these types.  Other readers
    guess a column's type from the rows they see (``start`` may look like a
    number when every date in it is a year); read ``start`` and ``end`` as
    text and the four day columns as dates, as the recipes show, and the
    types stay the same whatever the subset.
    A file at a path is written atomically, like :func:`isscoop.dump`: a
    failure leaves the old file as it was and raises :class:`~isscoop.FileError`.
    """
    _check_output(path_or_file)
    rows = [_csv_dict(r.columns(), raw) for r in records_of(items)]
    buffer = io.StringIO()
    _write_csv(buffer, rows)
    write_text(path_or_file, buffer.getvalue())


def _write_csv(fh: IO[str], rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    # The csv module quotes a cell with "\n" but not one with a lone "\r", which readers take for a line
    # break: a row with one is written with every cell quoted.
    quoted = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        (quoted if any("\r" in cell for cell in row.values()) else writer).writerow(row)


def read_csv(path_or_file: str | os.PathLike[str] | IO[str], *, raw: bool = False) -> list[dict[str, Any]]:
    """Read a :func:`to_csv` file back, with typed values.

    ``start``/``end`` become :class:`~isscoop.PartialDate` (or ``None``),
    list columns become tuples of ids, ``open_end`` a bool, and empty cells
    ``None``.  Precision columns are checked against the dates.  The ``'``
    that :func:`to_csv` puts before a formula character is taken off, unless
    ``raw=True`` (for a file written with ``raw=True``).  A path must
    name a regular file of at most 64 MiB (see :func:`isscoop.load`); one
    that cannot be read raises :class:`~isscoop.FileError`, and text that is
    not an isscoop CSV file raises :class:`~isscoop.InvalidRecord`.
    """
    if is_path(path_or_file):
        path = check_path(path_or_file, "path_or_file")
        try:
            text = read_regular(path).decode("utf-8-sig")
        except (NotRegular, TooLarge) as e:
            limit = f"at most {MAX_FILE_BYTES} bytes" if isinstance(e, TooLarge) else "a regular file"
            raise FileError(f"cannot read {cut(path, 100)}: it is {e}; expected {limit}", filename=path) from None
        except OSError as e:
            raise FileError(f"cannot read {cut(path, 100)}: {e.strerror or e}", cause=e, filename=path) from None
        except UnicodeDecodeError as e:
            raise InvalidRecord(f"{cut(path, 100)}: not UTF-8 text: {e.reason} at byte {e.start}") from None
        return _read_csv(io.StringIO(text, newline=""), raw)
    if not has_method(path_or_file, "read"):
        raise InvalidArgument(f"path_or_file: expected a path or a file object with read(), got {got(path_or_file)}")
    try:
        data = cast(Any, path_or_file).read(MAX_FILE_BYTES + 1)
        if isinstance(data, bytes):
            data = data.decode("utf-8-sig")
    except (OSError, ValueError) as e:  # a closed file gives ValueError; bad UTF-8 a UnicodeDecodeError
        raise FileError(f"cannot read the file object: {cut(str(e), 100)}") from None
    if not isinstance(data, str):
        raise InvalidArgument(f"path_or_file: read() returned {got(data)}, not text")
    if len(data) > MAX_FILE_BYTES:
        raise FileError(f"cannot read the file object: more than {MAX_FILE_BYTES} characters")
    return _read_csv(io.StringIO(data, newline=""), raw)


def _read_csv(fh: IO[str], raw: bool = False) -> list[dict[str, Any]]:
    try:
        return _parse_csv(fh, raw)
    except csv.Error as e:
        raise InvalidRecord(f"not an isscoop CSV file: {cut(str(e), 100)}") from None


def _parse_csv(fh: IO[str], raw: bool = False) -> list[dict[str, Any]]:
    reader = csv.DictReader(fh)
    fields = reader.fieldnames
    if tuple(fields or ()) != CSV_COLUMNS:
        header = ",".join(str(f) for f in fields or ())
        raise InvalidRecord(f"expected the isscoop CSV header {','.join(CSV_COLUMNS)}, got {cut(header, 80)}")
    out = []
    for cells in reader:
        row: dict[str, Any] = {}
        for name in CSV_COLUMNS:
            text = cells[name] if isinstance(cells[name], str) else ""
            cell = text if raw else csv_uncell(text)
            if name in _LIST_COLUMNS:
                row[name] = tuple(cell.split(";")) if cell else ()
            elif name in _DATE_COLUMNS:
                row[name] = PartialDate.parse(cell) if cell else None
            elif name == "open_end":
                row[name] = cell == "true"
            elif name in _DAY_COLUMNS:
                row[name] = _dt.date.fromisoformat(cell) if cell else None
            else:
                row[name] = cell or None
        for side in ("start", "end"):
            d = row[side]
            if (str(d.precision) if d else None) != row[f"{side}_precision"]:
                precision = cut(row[f"{side}_precision"])
                raise InvalidRecord(f"{cut(row['id'])}: {side}_precision {precision} does not match {d}")
            for which in ("earliest", "latest"):
                day = row[f"{side}_{which}"]
                if (day.isoformat() if day else "") != _day_text(d, which == "latest"):
                    raise InvalidRecord(f"{cut(row['id'])}: {side}_{which} {day} does not match {d}")
        out.append(row)
    return out


# -- pandas ---------------------------------------------------------------------------------


def to_dataframe(items: Items, *, explode: Literal["parties", "participants"] | None = None) -> pandas.DataFrame:
    """A pandas DataFrame with one row per record (pandas extra).

    The columns are those of :func:`to_csv`, typed: ``type``, ``kind`` and
    ``status`` are categories; ``start`` and ``end`` stay EDTF strings at
    their own precision, with ``start_precision``/``end_precision``
    (categories) and ``start_earliest``/``start_latest``/``end_earliest``/
    ``end_latest`` (``datetime64`` columns: the first and last day each date
    could be -- bounds, not a guessed day); ``open_end`` is boolean; the
    ``agencies``, ``officials``, ``programs`` and ``sources`` columns hold
    tuples of ids.

    ``explode="parties"`` gives one row per agency (column ``party``, for an
    agreement its parties, for a meeting its agencies), and
    ``explode="participants"`` one row per official (column
    ``participant``).  A record with none keeps one row with a missing value.
    """
    if explode is not None and not isinstance(explode, str):
        raise InvalidArgument(f"explode: expected None, 'parties' or 'participants', got {got(explode)}")
    if explode not in (None, "parties", "participants"):
        raise InvalidRecord(f"explode: expected None, 'parties' or 'participants', got {cut(explode)}")
    pd: Any = require("pandas", "pandas", "to_dataframe()")
    rows = [r.columns() for r in records_of(items)]
    data: dict[str, list[Any]] = {}
    for name in CSV_COLUMNS:
        if name in ("start_precision", "end_precision"):
            side = name.split("_")[0]
            data[name] = [_precision(getattr(r, side)) or None for r in rows]
        elif name in _DATE_COLUMNS:
            data[name] = [_edtf(getattr(r, name)) or None for r in rows]
        elif name in _DAY_COLUMNS:
            side, which = name.split("_")
            dates = [getattr(r, side) for r in rows]
            data[name] = [(_last_day(d) if which == "latest" else _first_day(d)) if d else None for d in dates]
        else:
            data[name] = [getattr(r, name) if name in _LIST_COLUMNS else (getattr(r, name) or None) for r in rows]
            if name == "open_end":
                data[name] = [r.open_end for r in rows]
    columns = list(CSV_COLUMNS)
    df = pd.DataFrame({c: data[c] for c in columns}, columns=columns)
    for c in ("type", "kind", "status", "start_precision", "end_precision"):
        df[c] = df[c].astype("category")
    for c in ("id", "label", "start", "end", "location", "country", "note"):
        df[c] = df[c].astype("string")
    for c in ("start_earliest", "start_latest", "end_earliest", "end_latest"):
        df[c] = pd.to_datetime(df[c])
    df["open_end"] = df["open_end"].astype("boolean")
    if explode is not None:
        column, new = ("agencies", "party") if explode == "parties" else ("officials", "participant")
        df = df.explode(column, ignore_index=True).rename(columns={column: new})
        df[new] = df[new].astype("string")
    return df  # type: ignore[no-any-return]


# -- TimelineJS ---------------------------------------------------------------------------


def _tl_date(d: PartialDate, *, last: bool = False, display: str | None = None) -> dict[str, Any]:
    """A TimelineJS date: the first day ``d`` could be at its own precision, or with ``last`` its last day."""
    out: dict[str, Any] = {}
    if last:
        day = _last_day(d)
        out = {"year": day.year, "month": day.month, "day": day.day}
    else:
        out["year"] = d.year
        if d.month is not None:
            out["month"] = d.month
        if d.day is not None:
            out["day"] = d.day
    out["display_date"] = display if display is not None else d.in_words()
    return out


def _last_day(d: PartialDate) -> _dt.date:
    """The last day ``d`` could be (qualifiers aside); the year 0000 has no ``datetime.date``, so 0001 stands in."""
    try:
        return d.latest
    except IsscoopError:
        return _dt.date(1, 1, 1)


def _first_day(d: PartialDate) -> _dt.date | None:
    try:
        return d.earliest
    except IsscoopError:
        return None


#: What an event that cites no page of its own says where its sources go.
_NO_SOURCE: Final = "none recorded for this event"


def _credit(sources: Iterable[Source]) -> str:
    publishers = list(dict.fromkeys(html_text(s.credit) for s in originals_first(sources)))
    return "Sources: " + ("; ".join(publishers) if publishers else _NO_SOURCE)


def _source_links(sources: Iterable[Source]) -> str:
    links = [html_link(s.credit, s.url) for s in originals_first(sources)]
    return "<p>Sources: " + (", ".join(links) if links else _NO_SOURCE) + "</p>"


def events_of(records: Iterable[Record | Source]) -> Iterator[Event]:
    """The dated events of records, for TimelineJS and Markdown (see :meth:`isscoop.Record.timeline`)."""
    for r in records:
        if isinstance(r, Record):
            yield from r.timeline()


def to_timelinejs(items: Items, *, title: str = "isscoop timeline") -> dict[str, Any]:
    """A TimelineJS3 JSON document (``{"title": ..., "events": [...]}``).

    Each ``start_date`` is a TimelineJS date object whose optional ``month``
    and ``day`` are only there when known: a month-precision date has no
    ``"day"``.  What a reader sees is in words, never EDTF marks:
    each date's ``display_date`` is "July 2025" or "about 2030", and the
    event's own ``display_date`` (which TimelineJS shows) the whole span:
    "from 2012, still in office".  The EDTF stays in each event's ``edtf``
    field (``{"start": ..., "end": ...}``).

    Spans show as spans: an event with an end, a date known only to the
    month or year (it spans that month or year instead of standing on its
    first day), and an open end (it runs to the latest day the document
    shows, and says it is still going).  Every slide's text ends with its
    sources, linked, and ``credit`` names their publishers (original
    first).  Events are meetings, agreement steps, tenures and program
    milestones, in date order (steps on one day in their lifecycle order).

    >>> import isscoop
    >>> from isscoop.export import to_timelinejs
    >>> doc = to_timelinejs([isscoop.meetings.get("rogozin-us-visit-2019")])
    >>> ev = doc["events"][0]
    >>> ev["start_date"], ev["end_date"]["day"], ev["edtf"]
    ({'year': 2019, 'month': 2, 'display_date': 'February 2019'}, 28, {'start': '2019-02', 'end': ''})
    """
    check_text(title, "title")
    events = sorted(events_of(records_of(items)), key=lambda e: (e.start.sort_key(), e.order, e.uid))
    horizon = max((_last_day(d) for e in events for d in (e.start, e.end) if d is not None), default=None)
    out = []
    for e in events:
        when = _event_words(e)
        ev: dict[str, Any] = {
            "unique_id": e.uid,
            "start_date": _tl_date(e.start),
            "display_date": when,
            "text": {
                "headline": html_text(e.headline),
                "text": f"<p>{html_text(when[:1].upper() + when[1:])}. {html_text(e.text)}</p>"
                + _source_links(e.sources),
            },
            "group": e.group,
            "credit": _credit(e.sources),
            "edtf": {"start": str(e.start), "end": _edtf(e.end)},
        }
        if e.end is not None:
            ev["end_date"] = _tl_date(e.end, last=True)
        elif _open(e) and horizon is not None:
            ev["end_date"] = {"year": horizon.year, "month": horizon.month, "day": horizon.day}
            ev["end_date"]["display_date"] = e.ongoing
        elif e.start.precision is not Precision.DAY:
            ev["end_date"] = _tl_date(e.start, last=True)
        out.append(ev)
    return {
        "title": {
            "text": {
                "headline": html_text(title),
                "text": "<p>Dates are as precise as their sources: a month stays a month, "
                "and a date that is only about right says so. Each slide lists its sources.</p>",
            }
        },
        "events": out,
    }


def _open(e: Event) -> bool:
    """Whether the event's span is known to be still going (an open end)."""
    return e.period is not None and e.period.open_end


def _event_words(e: Event) -> str:
    """When an event happened, in words."""
    if e.period is not None:
        return e.period.in_words(ongoing=e.ongoing)
    if e.end is not None:
        return Period(start=e.start, end=e.end).in_words()
    return e.start.in_words()


# -- iCalendar ----------------------------------------------------------------------------


def to_ics(items: Items, *, name: str = "isscoop meetings") -> str:
    """Meetings as an iCalendar file (icalendar extra): one all-day ``VEVENT`` each.

    Days are ``VALUE=DATE`` values, so they fall on the right date in every
    time zone.  Records other than meetings are left out.

    **Partial dates are not invented into a day.**  A meeting known only to
    the month (or year) becomes an all-day event spanning that *whole* month
    (or year), its summary starts with ``[date known only to the month:
    February 2019]``, it is marked ``TRANSP:TRANSPARENT`` (it does not block the
    calendar) and carries ``X-ISSCOOP-PRECISION:month``.  An approximate or
    uncertain day (``2025-08-01~``) keeps its day and says so in the summary
    and description.  Every event has ``X-ISSCOOP-DATE`` with the EDTF date.
    """
    check_text(name, "name")
    icalendar: Any = require("icalendar", "icalendar", "to_ics()")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//isscoop//isscoop meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", one_line(name))
    stamp = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    meetings = sorted((r for r in records_of(items) if isinstance(r, Meeting)), key=lambda m: (m.date.sort_key(), m.id))
    for m in meetings:
        ev = icalendar.Event()
        first = m.date.earliest
        last = (m.end or m.date).latest
        notes = []
        prefix = ""
        if m.date.precision is not Precision.DAY:
            words = m.date.in_words()
            prefix = f"[date known only to the {m.date.precision}: {words}] "
            notes.append(f"The date is known only to the {m.date.precision} ({words}); the event spans all of it.")
            ev.add("transp", "TRANSPARENT")
        elif m.date.qualified:
            prefix = f"[date not certain: {m.date.in_words()}] "
        if m.end is not None and (m.end.qualified or m.end.precision is not Precision.DAY):
            notes.append(f"The end date is known only as {m.end.in_words()}.")
        status = "" if m.status.value == "held" else f" [{m.status}]"
        ev.add("uid", f"{m.id}@isscoop")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", first)
        ev.add("dtend", last + _dt.timedelta(days=1))
        ev.add("summary", plain_text(f"{prefix}{m.title}{status}"))
        if m.location is not None:
            ev.add("location", plain_text(str(m.location)))
        who = ", ".join(p.name for p in m.participants)
        lines = [f"{m.kind.label.capitalize()}: {who}." if who else f"{m.kind.label.capitalize()}.", *notes]
        lines += ["Sources:", *(f"- {s.reference()}" for s in originals_first(m.sources))]
        ev.add("description", plain_text("\n".join(lines)))
        ev.add("status", {"held": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}[m.status.value])
        if m.sources:
            ev.add("url", check_url(m.sources[0].url))
        ev.add("x-isscoop-date", str(m.period) if m.end else str(m.date))
        ev.add("x-isscoop-precision", str(m.date.precision))
        cal.add_component(ev)
    return bytes(cal.to_ical()).decode("utf-8")


# -- networkx -------------------------------------------------------------------------------


def _pairs(ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    unique = list(dict.fromkeys(ids))
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            yield a, b


def _node(g: Any, a: Any) -> None:
    attrs_: dict[str, str] = {"label": a.label, "name": a.name, "kind": a.kind.value}
    if a.country:
        attrs_["country"] = a.country
    g.add_node(a.id, **attrs_)


def to_networkx(items: Items) -> networkx.MultiGraph[str]:
    """The cooperation network as a :class:`networkx.MultiGraph` (networkx extra).

    Nodes are agency ids, with ``label``, ``name``, ``kind`` and ``country``.
    Every meeting, agreement and shared program adds one edge per pair of
    agencies it involves, keyed by the record id, with ``type``
    (``"meeting"``, ``"agreement"`` or ``"program"``), ``kind``, ``title``,
    ``start`` and ``end`` (EDTF strings at their own precision, ``""`` when
    unknown), ``open_end`` and ``sources`` (``;``-separated ids).  All values
    are strings or booleans, so the graph can be written as GraphML.
    """
    nx: Any = require("networkx", "networkx", "to_networkx()")
    g = nx.MultiGraph()
    records = records_of(items)
    for r in records:
        if r.kind_name == "agency":
            _node(g, r)
    for r in records:
        data = r.edge_data() if isinstance(r, Record) else None
        if data is None:
            continue
        assert isinstance(r, Record)
        agencies = r.agencies_involved()
        start, end, open_end = r.span()
        for a in agencies:
            if a.id not in g:
                _node(g, a)
        for x, y in _pairs(a.id for a in agencies):
            g.add_edge(
                x,
                y,
                key=r.id,
                **data,
                start=_edtf(start),
                end=_edtf(end),
                open_end=open_end,
                sources=";".join(s.id for s in r.sources),
            )
    return g  # type: ignore[no-any-return]


# -- Markdown --------------------------------------------------------------------------------


def to_markdown(items: Items, *, title: str | None = None) -> str:
    """A cited timeline in Markdown, ready for an article.

    One line per event (meetings, agreement steps, tenures, program
    milestones) in date order: the date in words at its own precision
    ("February 2019", "about 2030"), the text, and ``[^n]`` footnote
    markers; the footnotes list the sources, original publishers first.

    >>> import isscoop
    >>> from isscoop.export import to_markdown
    >>> print(to_markdown(isscoop.meetings.filter(kind="heads_of_agency").between("NASA", "Roscosmos")))
    - **10 October 2018** Bridenstine-Rogozin meeting at Baikonur: ... [^1]...
    - **14 January 2019** Bridenstine-Rogozin teleconference: ...
    - **31 July 2025** Bakanov-Duffy talks: ...
    - **2026** Planned Isaacman-Bakanov talks ...
    <BLANKLINE>
    [^1]: ...
    """
    check_opt_text(title, "title")
    events = sorted(events_of(records_of(items)), key=lambda e: (e.start.sort_key(), e.order, e.uid))
    numbers: dict[str, int] = {}
    cited: list[Source] = []
    lines = [f"# {md_text(title)}", ""] if title else []
    for e in events:
        marks = []
        for s in originals_first(e.sources):
            if s.id not in numbers:
                numbers[s.id] = len(numbers) + 1
                cited.append(s)
            marks.append(f"[^{numbers[s.id]}]")
        when = md_text(_event_words(e))
        lines.append(f"- **{when}** {md_text(f'{e.headline}: {e.text}')} {''.join(marks)}".rstrip())
    if cited:
        lines.append("")
    for s in cited:
        when = f", {s.published.in_words()}" if s.published else ""
        # The closing "." keeps Python-Markdown from reading the line as a link definition.
        lines.append(f"[^{numbers[s.id]}]: {md_text(s.credit + when)}: {md_link(s.title or s.url, s.url)}.")
    return "\n".join(lines) + "\n"


# -- Arrow and Parquet --------------------------------------------------------------------

#: The table of every record's export columns (those of :func:`to_csv`, typed).
RECORDS_TABLE: Final = "records"
#: The table of every claim, keyed by its record's type and id and its place among the record's claims.
CLAIMS_TABLE: Final = "claims"
#: Days from the year 1 to 1970-01-01: Arrow counts days from 1970, isscoop from the year 1.
_EPOCH: Final = 719_163


def _derived(key: str, kind: _codec.Kind) -> list[tuple[str, str]]:
    """The columns a date or period field adds after its EDTF text: ``(name, form)``.

    A date adds its earliest day, its latest day and its precision (the
    first and last day it could be, qualifiers aside -- bounds, not a
    guessed day); a period adds those of its start and of its end, and
    whether its end is open.
    """
    if isinstance(kind, _codec.Date):
        return [(f"{key}_earliest", "day"), (f"{key}_latest", "day"), (f"{key}_precision", "text")]
    if isinstance(kind, _codec.PeriodKind):
        out = [(f"{key}_{side}_{part}", form) for side in ("start", "end") for part, form in _DATE_PARTS]
        return [*out, (f"{key}_open_end", "flag")]
    return []


_DATE_PARTS: Final = (("earliest", "day"), ("latest", "day"), ("precision", "text"))


def _arrow_type(pa: Any, kind: _codec.Kind) -> Any:
    """The Arrow type of a field kind's file form, read from the declaration."""
    if isinstance(kind, _codec.Flag):
        return pa.bool_()
    if isinstance(kind, _codec.ListOf):
        return pa.list_(_arrow_type(pa, kind.item))
    if isinstance(kind, _codec.MapOf):  # citations: field path -> source ids
        return pa.map_(pa.string(), _arrow_type(pa, kind.item))
    if isinstance(kind, _codec.RevisionsKind):  # earlier values, each as JSON text (their kinds differ)
        return pa.list_(pa.struct(_arrow_fields(pa, kind.obj)))
    if isinstance(kind, _codec.Obj):
        return pa.struct(_arrow_fields(pa, kind))
    return pa.string()  # ids, texts, links, codes, versions, enum values, references, EDTF dates and periods


def _arrow_fields(pa: Any, spec: _codec.Obj) -> list[Any]:
    """The Arrow fields of a declared kind: each field by its file key, with its derived date columns after it."""
    forms = {"day": pa.date32(), "text": pa.string(), "flag": pa.bool_()}
    out = []
    for key, (_, kind) in spec.fields.items():
        if isinstance(kind, _codec.ClaimsKind):
            continue  # claims have a table of their own
        out.append(pa.field(key, _arrow_type(pa, kind)))
        out += [pa.field(name, forms[form]) for name, form in _derived(key, kind)]
    return out


def _date_cells(text: str | None) -> list[Any]:
    if text is None:
        return [None, None, None]
    d = _codec._parse_date(text)
    lo, hi = d._span()
    return [lo - _EPOCH, hi - _EPOCH, str(d.precision)]


def _period_cells(text: str | None) -> list[Any]:
    if text is None:
        return [None] * 6 + [False]
    p = _codec._parse_period(text)
    return [*_date_cells(_edtf(p.start) or None), *_date_cells(_edtf(p.end) or None), p.open_end]


def _arrow_value(kind: _codec.Kind, value: Any) -> Any:
    """A value in its file form as an Arrow cell; an omitted flag, list or enum value shows its default."""
    shown = isinstance(kind, _codec.Flag | _codec.ListOf | _codec.EnumKind)
    if value is None and shown and kind.default is not None and kind.default is not _codec._OMIT:
        value = kind.dump(kind.default)
    if value is None:
        return None
    if isinstance(kind, _codec.ListOf):
        return [_arrow_value(kind.item, x) for x in value]
    if isinstance(kind, _codec.MapOf):
        return [(k, _arrow_value(kind.item, x)) for k, x in sorted(value.items())]
    if isinstance(kind, _codec.RevisionsKind):
        return [{**_arrow_row(kind.obj, x), "value": json.dumps(x.get("value"), ensure_ascii=False)} for x in value]
    if isinstance(kind, _codec.Obj):
        return _arrow_row(kind, value)
    return value


def _arrow_row(spec: _codec.Obj, dumped: dict[str, Any]) -> dict[str, Any]:
    """An object in its file form as an Arrow row, with the derived date columns."""
    out: dict[str, Any] = {}
    for key, (_, kind) in spec.fields.items():
        if isinstance(kind, _codec.ClaimsKind):
            continue
        value = dumped.get(key)
        out[key] = _arrow_value(kind, value)
        if isinstance(kind, _codec.Date):
            out.update(zip([n for n, _ in _derived(key, kind)], _date_cells(value), strict=True))
        elif isinstance(kind, _codec.PeriodKind):
            out.update(zip([n for n, _ in _derived(key, kind)], _period_cells(value), strict=True))
    return out


def _file_form(spec: _codec.Obj, row: dict[str, Any]) -> dict[str, Any]:
    """An Arrow row back in its file form: the derived columns and the empty cells left out."""
    out: dict[str, Any] = {}
    for key, (_, kind) in spec.fields.items():
        value = row.get(key)
        if value is None or isinstance(kind, _codec.ClaimsKind):
            continue
        if isinstance(kind, _codec.ListOf):
            value = [_file_form(kind.item, x) if isinstance(kind.item, _codec.Obj) else x for x in value]
        elif isinstance(kind, _codec.MapOf):
            value = {str(k): x for k, x in (value.items() if isinstance(value, dict) else value)}
        elif isinstance(kind, _codec.RevisionsKind):
            value = [{**_file_form(kind.obj, x), "value": _json_cell(x.get("value"))} for x in value]
        elif isinstance(kind, _codec.Obj):
            value = _file_form(kind, value)
        out[key] = value
    return out


def _json_cell(text: object) -> Any:
    """A cell that holds a value as JSON text, read back (a cell that is not JSON is refused)."""
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        raise InvalidRecord(f"a revision's value: expected JSON text, got {cut(text)}") from None


def _kinds_in(kind: _codec.Kind) -> Iterator[_codec.Kind]:
    """``kind`` and every kind inside it (list items, object fields, mapping values)."""
    yield kind
    if isinstance(kind, _codec.ListOf | _codec.MapOf):
        yield from _kinds_in(kind.item)
    elif isinstance(kind, _codec.Obj) and not isinstance(kind, _codec.ClaimsKind):
        for _, sub in kind.fields.values():
            yield from _kinds_in(sub)


def _claims_in(spec: _codec.Obj, dumped: dict[str, Any], path: str = "") -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(holder path, place, claim)`` for the claims of a record in file form and of the values inside it
    (a tenure's: ``"tenures[0]"``; a milestone of it: ``"tenures[0].milestones[1]"``; the record's own: ``""``)."""
    for key, (_, kind) in spec.fields.items():
        value = dumped.get(key)
        if not value:
            continue
        here = f"{path}.{key}" if path else key
        if isinstance(kind, _codec.ClaimsKind):
            for i, claim in enumerate(value):
                yield path, i, claim
        elif isinstance(kind, _codec.ListOf) and isinstance(kind.item, _codec.Obj):
            for j, item in enumerate(value):
                yield from _claims_in(kind.item, item, f"{here}[{j}]")
        elif isinstance(kind, _codec.Obj):
            yield from _claims_in(kind, value, here)


_HOLDER_STEP: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def _holder(record: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The object at a holder path of :func:`_claims_in` inside a record in file form, if it is there."""
    here: Any = record
    for step in path.split(".") if path else ():
        m = _HOLDER_STEP.fullmatch(step)
        if m is None or not isinstance(here, dict):
            return None
        here = here.get(m.group(1))
        if m.group(2) is not None:
            i = int(m.group(2))
            here = here[i] if isinstance(here, list) and i < len(here) else None
    return here if isinstance(here, dict) else None


@functools.cache
def _claims_spec() -> _codec.ClaimsKind:
    """One claims kind for every record kind that takes claims: each field's value read with its own kind."""
    value_kinds: dict[str, _codec.Kind] = {}
    for spec in _codec.specs().values():
        for kind in _kinds_in(spec):
            if isinstance(kind, _codec.ClaimsKind):
                value_kinds.update(kind.value_kinds)
    return _codec.ClaimsKind(value_kinds)


@functools.cache
def _row_spec() -> _codec.Obj:
    """The file kinds of the fields of an export row (:class:`~isscoop._model.Row`), read from its types."""
    hints = typing.get_type_hints(Row, globalns=vars(_model))
    fields: dict[str, tuple[str, _codec.Kind]] = {}
    for f in attrs.fields(Row):
        tp = hints[f.name]
        kind: _codec.Kind
        if tp is bool:
            kind = _codec.Flag()
        elif typing.get_origin(tp) is tuple:
            kind = _codec.ListOf(_codec.Text())
        elif PartialDate in typing.get_args(tp):
            kind = _codec.Date()
        else:
            kind = _codec.Text(optional=True)
        fields[f.name] = (f.name, kind)
    return _codec.Obj(Row, fields)


def _row_cells(row: Row) -> dict[str, Any]:
    """An export row in file form: dates as EDTF text, empty texts as missing."""
    out: dict[str, Any] = {}
    for f in attrs.fields(Row):
        value = getattr(row, f.name)
        if isinstance(value, PartialDate):
            value = str(value)
        out[f.name] = list(value) if isinstance(value, tuple) else (value if value != "" else None)
    return out


def to_arrow(items: Items) -> dict[str, pyarrow.Table]:
    """The records as Arrow tables (parquet extra): one per record kind, and the tables of claims and of all records.

    * one table per kind (``"agencies"``, ``"officials"``, ``"programs"``,
      ``"meetings"``, ``"agreements"``, ``"coverage"``), a row per record, a column per
      field of the data file format (:func:`isscoop.schema`), read from the
      record kinds' declarations: references are ids, lists are lists,
      nested objects (tenures, history steps, participations) are structs;
    * ``"sources"``: the sources the records cite (and any given; of a
      dataset, all of them), keyed by ``id``; records refer to them by id in
      their ``sources`` lists;
    * ``"claims"``: every claim, keyed by ``record_type``, ``record_id``,
      ``holder`` (``""`` for the record's own claims, else the path of the
      value inside it that holds them, such as ``"tenures[0]"``) and
      ``claim`` (its place among the holder's claims), its ``value`` as
      text (an object, such as a location, as JSON); citations (``cites``)
      are a map column, and earlier values (``revisions``) a list whose
      values are JSON text;
    * ``"records"``: every record's export columns (those of
      :func:`to_csv`, typed), one table for all kinds.

    A date stays EDTF text at its own precision, and beside it come
    ``<field>_earliest`` and ``<field>_latest`` (``date32``: the first and
    last day it could be, qualifiers aside) and ``<field>_precision``; a
    period adds those of its start and its end (``<field>_start_earliest``,
    ...) and ``<field>_open_end``.  :func:`to_parquet` writes the tables and
    :func:`isscoop.export.read_parquet` reads them back, losing nothing.

    >>> import isscoop
    >>> tables = isscoop.meetings.filter(kind="visit").to_arrow()
    >>> sorted(tables)
    ['agencies', 'agreements', 'claims', 'coverage', 'meetings', 'officials', 'programs', 'records', 'sources']
    >>> visits = tables["meetings"].to_pylist()
    >>> [(v["id"], v["date"], str(v["date_earliest"]), str(v["date_latest"]), v["date_precision"]) for v in visits]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('bakanov-us-visit-2025', '2025-07-29', '2025-07-29', '2025-07-29', 'day'),
     ('isaacman-baikonur-visit-2026', '2026', '2026-01-01', '2026-12-31', 'year'),
     ('rogozin-us-visit-2019', '2019-02', '2019-02-01', '2019-02-28', 'month')]
    """
    pa: Any = require("pyarrow", "parquet", "to_arrow()")
    records = records_of(items)
    specs = _codec.specs()
    claims = _claims_spec()
    rows: dict[str, list[dict[str, Any]]] = {collection: [] for collection in specs}
    claim_rows: list[dict[str, Any]] = []
    cited: dict[str, Source] = {}
    summary = []
    for r in records:
        spec = specs[r.collection]
        dumped = spec.dump(r)
        rows[r.collection].append(_arrow_row(spec, dumped))
        for path, i, claim in _claims_in(spec, dumped):
            value = claim["value"]
            row = {"record_type": r.kind_name, "record_id": r.id, "holder": path, "claim": i}
            row.update(_arrow_row(claims.obj, claim))
            row["value"] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
            claim_rows.append(row)
        _sources_in(r, cited, r)
        summary.append(_arrow_row(_row_spec(), _row_cells(r.columns())))
    if callable(getattr(items, "records", None)):  # a dataset: every source, cited or not
        cited.update((s.id, s) for s in items.sources)  # type: ignore[union-attr]
    given = {r.id for r in records if isinstance(r, Source)}
    rows["sources"] += [_arrow_row(specs["sources"], source_dict(s)) for k, s in cited.items() if k not in given]
    meta = {b"isscoop_format_version": str(_codec.FORMAT_VERSION).encode()}
    version = getattr(items, "version", None)
    if isinstance(version, str):
        meta[b"isscoop_dataset_version"] = version.encode()
    tables: dict[str, Any] = {}
    for collection, spec in specs.items():
        schema = pa.schema(_arrow_fields(pa, spec), metadata=meta)
        tables[collection] = pa.Table.from_pylist(sorted(rows[collection], key=lambda x: x["id"]), schema=schema)
    keys = [pa.field(name, pa.string()) for name in ("record_type", "record_id", "holder")]
    keys.append(pa.field("claim", pa.int32()))
    fields = [pa.field("value", pa.string()) if f.name == "value" else f for f in _arrow_fields(pa, claims.obj)]
    tables[CLAIMS_TABLE] = pa.Table.from_pylist(claim_rows, schema=pa.schema(keys + fields, metadata=meta))
    schema = pa.schema(_arrow_fields(pa, _row_spec()), metadata=meta)
    tables[RECORDS_TABLE] = pa.Table.from_pylist(summary, schema=schema)
    return tables


def to_parquet(items: Items, folder: str | os.PathLike[str]) -> list[str]:
    """Write the tables of :func:`to_arrow` into ``folder``, one ``<table>.parquet`` file each (parquet extra).

    Returns the paths written.  DuckDB, Polars and Spark read the files as
    they are; :func:`isscoop.export.read_parquet` builds the records back.
    The folder is made if it is not there; its files are written atomically
    and all or nothing, as :func:`isscoop.dump` writes a folder: after a
    failure every file is as it was and :class:`~isscoop.FileError` is raised.
    A dataset's horizon is kept in the files' metadata.
    """
    path = check_path(folder, "folder")
    tables = to_arrow(items)
    pa: Any = require("pyarrow", "parquet", "to_parquet()")
    pq: Any = importlib.import_module("pyarrow.parquet")
    horizon = getattr(items, "horizon", None) if getattr(type(items), "exports_every_record", False) else None
    files = []
    for name, table in tables.items():
        if isinstance(horizon, _dt.date):
            meta = dict(table.schema.metadata or {})
            meta[b"isscoop_horizon"] = horizon.isoformat().encode()
            table = table.replace_schema_metadata(meta)
        buffer = pa.BufferOutputStream()
        pq.write_table(table, buffer)
        files.append((os.path.join(path, f"{name}.parquet"), buffer.getvalue().to_pybytes()))
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        raise FileError(f"cannot make the folder {cut(path, 100)}: {e.strerror or e}", cause=e, filename=path) from None
    write_files(files, what="folder")
    return [written for written, _ in files]


def _read_table(pq: Any, pa: Any, path: str) -> Any:
    """The Parquet table in the regular file ``path`` (at most 64 MiB, see :func:`isscoop.load`)."""
    try:
        data = read_regular(path)
    except (NotRegular, TooLarge) as e:
        limit = f"at most {MAX_FILE_BYTES} bytes" if isinstance(e, TooLarge) else "a regular file"
        raise FileError(f"cannot read {cut(path, 100)}: it is {e}; expected {limit}", filename=path) from None
    except OSError as e:
        raise FileError(f"cannot read {cut(path, 100)}: {e.strerror or e}", cause=e, filename=path) from None
    try:
        return pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError, ValueError) as e:
        raise InvalidRecord(f"{cut(path, 100)}: not a Parquet file isscoop can read: {cut(str(e), 100)}") from None


def _place(claim: tuple[str, int, dict[str, Any]]) -> tuple[str, int]:
    return claim[0], claim[1]


def parquet_document(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The data file document (as :func:`isscoop.load` reads) of a folder that :func:`to_parquet` wrote.

    Only regular files are read, each of at most 64 MiB; a folder with none
    of the tables raises :class:`~isscoop.FileError`.
    """
    path = check_path(folder, "folder")
    pa: Any = require("pyarrow", "parquet", "read_parquet()")
    pq: Any = importlib.import_module("pyarrow.parquet")
    if not os.path.isdir(path):
        raise FileError(f"cannot read {cut(path, 100)}: expected a folder that to_parquet wrote", filename=path)
    doc: dict[str, Any] = {"format_version": _codec.FORMAT_VERSION}
    claims: dict[tuple[str, str], list[tuple[str, int, dict[str, Any]]]] = {}
    found_any = False
    claims_path = os.path.join(path, f"{CLAIMS_TABLE}.parquet")
    if os.path.lexists(claims_path):
        found_any = True
        claims_kind = _claims_spec()
        for row in _read_table(pq, pa, claims_path).to_pylist():
            claim = _file_form(claims_kind.obj, row)
            value_kind = claims_kind.value_kinds.get(str(row.get("field")))
            value = row.get("value")
            try:
                claim["value"] = json.loads(value) if isinstance(value_kind, _codec.Obj) and value else value
            except (TypeError, ValueError):
                raise InvalidRecord(f"{cut(claims_path, 100)}: a claim's value is not JSON: {cut(value)}") from None
            key = (str(row.get("record_type")), str(row.get("record_id")))
            claims.setdefault(key, []).append((str(row.get("holder") or ""), int(row.get("claim") or 0), claim))
    for collection, spec in _codec.specs().items():
        table_path = os.path.join(path, f"{collection}.parquet")
        if not os.path.lexists(table_path):
            continue
        found_any = True
        table = _read_table(pq, pa, table_path)
        meta = table.schema.metadata or {}
        for meta_key, field in ((b"isscoop_dataset_version", "version"), (b"isscoop_horizon", "horizon")):
            if meta.get(meta_key):
                doc[field] = meta[meta_key].decode("utf-8", "replace")
        kind_name = _codec._singular(collection)
        out = []
        for row in table.to_pylist():
            record = _file_form(spec, row)
            for holder_path, _, claim in sorted(claims.get((kind_name, str(record.get("id"))), ()), key=_place):
                holder = _holder(record, holder_path)
                if holder is None:
                    where = f"{cut(claims_path, 100)}: a claim's holder"
                    raise InvalidRecord(f"{where}: expected a value in its record, got {cut(holder_path)}")
                holder.setdefault("claims", []).append(claim)
            out.append(record)
        doc[collection] = out
    if not found_any:
        raise FileError(f"cannot read {cut(path, 100)}: it holds no table that to_parquet writes", filename=path)
    return doc


present_as_isscoop(globals())
