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
import html
import importlib
import json
import os
import typing
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from . import _codec, _model
from ._codec import dump_record
from ._dates import PartialDate, Precision
from ._errors import InvalidRecord, MissingExtra
from ._model import EXPORT_COLUMNS, Event, Meeting, Record, Row, Source
from ._public import present_as_isscoop

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
    """The records an export works on: a dataset's records (sources aside), or the items themselves."""
    everything = getattr(items, "records", None)
    if callable(everything):  # a Dataset
        return [r for r in everything() if not isinstance(r, Source)]
    out: list[Record | Source] = []
    for x in items:  # type: ignore[union-attr]
        if not isinstance(x, Record | Source):
            text = repr(x)
            text = text if len(text) <= 60 else text[:57] + "..."
            raise TypeError(f"expected records (a Dataset, a Query or records), got {text} ({type(x).__name__})")
        out.append(x)
    return out


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
        out = {}
        for k, v in value.items():
            if k == "sources" and isinstance(v, list) and all(isinstance(x, str) for x in v):
                out[k] = [source_dict(by_id[x]) for x in v]
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
    records are ids, and every ``"sources"`` list holds the sources
    themselves as ``{"id", "url", "publisher", "published"}`` dicts (with
    ``"title"`` and ``"note"`` when the source has them).
    :func:`from_records` builds the records back.

    >>> import isscoop
    >>> from isscoop.export import to_records
    >>> [row] = to_records([isscoop.meetings.get("rogozin-us-visit-2019")])
    >>> row["type"], row["date"], row["status"], row["participants"]
    ('meeting', '2019-02', 'cancelled', ['dmitry-rogozin', 'jim-bridenstine'])
    >>> {"id", "url", "publisher", "published"} <= set(row["sources"][0])
    True
    """
    rows = []
    for r in records_of(items):
        by_id: dict[str, Source] = {}
        _sources_in(r, by_id, r)
        row = {"type": r.kind_name, **_expand_sources(dump_record(r), by_id)}
        rows.append(row)
    return rows


# -- CSV ------------------------------------------------------------------------------------

#: The CSV header of :func:`to_csv`, in order.
CSV_COLUMNS: tuple[str, ...] = EXPORT_COLUMNS
_LIST_COLUMNS = frozenset({"agencies", "officials", "programs", "sources"})
_DATE_COLUMNS = frozenset({"start", "end"})


def _csv_dict(row: Row) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in CSV_COLUMNS:
        if name == "start_precision":
            out[name] = _precision(row.start)
        elif name == "end_precision":
            out[name] = _precision(row.end)
        elif name == "open_end":
            out[name] = "true" if row.open_end else "false"
        else:
            value = getattr(row, name)
            if name in _LIST_COLUMNS:
                out[name] = ";".join(value)
            elif name in _DATE_COLUMNS:
                out[name] = _edtf(value)
            else:
                out[name] = str(value)
    return out


def to_csv(items: Items, path_or_file: str | os.PathLike[str] | IO[str]) -> None:
    """Write one CSV row per record, with the header :data:`CSV_COLUMNS`.

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
    ``start_precision``   ``year``, ``month`` or ``day`` (empty without a date)
    ``end_precision``     the same for ``end``
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

    :func:`read_csv` reads the file back with these types.
    """
    rows = [_csv_dict(r.columns()) for r in records_of(items)]
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "w", encoding="utf-8", newline="") as fh:
            _write_csv(fh, rows)
    else:
        _write_csv(path_or_file, rows)


def _write_csv(fh: IO[str], rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def read_csv(path_or_file: str | os.PathLike[str] | IO[str]) -> list[dict[str, Any]]:
    """Read a :func:`to_csv` file back, with typed values.

    ``start``/``end`` become :class:`~isscoop.PartialDate` (or ``None``),
    list columns become tuples of ids, ``open_end`` a bool, and empty cells
    ``None``.  Precision columns are checked against the dates.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, encoding="utf-8", newline="") as fh:
            return _read_csv(fh)
    return _read_csv(path_or_file)


def _read_csv(fh: IO[str]) -> list[dict[str, Any]]:
    reader = csv.DictReader(fh)
    if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
        got = ",".join(reader.fieldnames or ())
        raise InvalidRecord(f"expected the isscoop CSV header {','.join(CSV_COLUMNS)}, got {got[:80]!r}")
    out = []
    for raw in reader:
        row: dict[str, Any] = {}
        for name in CSV_COLUMNS:
            cell = raw[name]
            if name in _LIST_COLUMNS:
                row[name] = tuple(cell.split(";")) if cell else ()
            elif name in _DATE_COLUMNS:
                row[name] = PartialDate.parse(cell) if cell else None
            elif name == "open_end":
                row[name] = cell == "true"
            else:
                row[name] = cell or None
        for side in ("start", "end"):
            d = row[side]
            if (str(d.precision) if d else None) != row[f"{side}_precision"]:
                raise InvalidRecord(f"{row['id']}: {side}_precision {row[f'{side}_precision']!r} does not match {d}")
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
    pd: Any = require("pandas", "pandas", "to_dataframe()")
    if explode not in (None, "parties", "participants"):
        raise InvalidRecord(f"explode: expected None, 'parties' or 'participants', got {str(explode)[:40]!r}")
    rows = [r.columns() for r in records_of(items)]
    data: dict[str, list[Any]] = {}
    for name in CSV_COLUMNS:
        if name in ("start_precision", "end_precision"):
            side = name.split("_")[0]
            data[name] = [_precision(getattr(r, side)) or None for r in rows]
        elif name in _DATE_COLUMNS:
            dates = [getattr(r, name) for r in rows]
            data[name] = [_edtf(d) or None for d in dates]
            data[f"{name}_earliest"] = [d.earliest if d else None for d in dates]
            data[f"{name}_latest"] = [d.latest if d else None for d in dates]
        else:
            data[name] = [getattr(r, name) if name in _LIST_COLUMNS else (getattr(r, name) or None) for r in rows]
            if name == "open_end":
                data[name] = [r.open_end for r in rows]
    columns = []
    for name in CSV_COLUMNS:
        columns.append(name)
        if name in _DATE_COLUMNS:
            columns += [f"{name}_earliest", f"{name}_latest"]
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


def _tl_date(d: PartialDate) -> dict[str, Any]:
    out: dict[str, Any] = {"year": d.year}
    if d.month is not None:
        out["month"] = d.month
    if d.day is not None:
        out["day"] = d.day
    out["display_date"] = str(d)
    return out


def _credit(sources: Iterable[Source]) -> str:
    publishers = list(dict.fromkeys(s.publisher for s in sources))
    return ("Sources: " + "; ".join(publishers)) if publishers else ""


def _source_links(sources: Iterable[Source]) -> str:
    links = [f'<a href="{html.escape(s.url)}">{html.escape(s.publisher)}</a>' for s in sources]
    return ("<p>Sources: " + ", ".join(links) + "</p>") if links else ""


def events_of(records: Iterable[Record | Source]) -> Iterator[Event]:
    """The dated events of records, for TimelineJS and Markdown (see :meth:`isscoop.Record.timeline`)."""
    for r in records:
        if isinstance(r, Record):
            yield from r.timeline()


def to_timelinejs(items: Items, *, title: str = "isscoop timeline") -> dict[str, Any]:
    """A TimelineJS3 JSON document (``{"title": ..., "events": [...]}``).

    Each date is a TimelineJS date object whose optional ``month`` and
    ``day`` are only there when known: a month-precision date has no
    ``"day"``.  ``display_date`` shows the EDTF date (with ``~``/``?``).  The
    ``credit`` line names the publishers of the event's sources, and the
    text links to them.  Events are meetings, agreement steps, tenures and
    program milestones, in date order.

    >>> import isscoop
    >>> from isscoop.export import to_timelinejs
    >>> doc = to_timelinejs([isscoop.meetings.get("rogozin-us-visit-2019")])
    >>> doc["events"][0]["start_date"]
    {'year': 2019, 'month': 2, 'display_date': '2019-02'}
    """
    events = sorted(events_of(records_of(items)), key=lambda e: (e.start.sort_key(), e.uid))
    out = []
    for e in events:
        ev: dict[str, Any] = {
            "unique_id": e.uid,
            "start_date": _tl_date(e.start),
            "text": {
                "headline": html.escape(e.headline),
                "text": f"<p>{html.escape(e.text)}</p>" + _source_links(e.sources),
            },
            "group": e.group,
            "credit": _credit(e.sources),
        }
        if e.end is not None:
            ev["end_date"] = _tl_date(e.end)
        out.append(ev)
    return {
        "title": {"text": {"headline": html.escape(title), "text": "<p>Dates at their own precision.</p>"}},
        "events": out,
    }


# -- iCalendar ----------------------------------------------------------------------------


def to_ics(items: Items, *, name: str = "isscoop meetings") -> str:
    """Meetings as an iCalendar file (icalendar extra): one all-day ``VEVENT`` each.

    Days are ``VALUE=DATE`` values, so they fall on the right date in every
    time zone.  Records other than meetings are left out.

    **Partial dates are not invented into a day.**  A meeting known only to
    the month (or year) becomes an all-day event spanning that *whole* month
    (or year), its summary starts with ``[date known only to the month:
    2019-02]``, it is marked ``TRANSP:TRANSPARENT`` (it does not block the
    calendar) and carries ``X-ISSCOOP-PRECISION:month``.  An approximate or
    uncertain day (``2025-08-01~``) keeps its day and says so in the summary
    and description.  Every event has ``X-ISSCOOP-DATE`` with the EDTF date.
    """
    icalendar: Any = require("icalendar", "icalendar", "to_ics()")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//isscoop//isscoop meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    meetings = sorted((r for r in records_of(items) if isinstance(r, Meeting)), key=lambda m: (m.date.sort_key(), m.id))
    for m in meetings:
        ev = icalendar.Event()
        first = m.date.earliest
        last = (m.end or m.date).latest
        notes = []
        prefix = ""
        if m.date.precision is not Precision.DAY:
            prefix = f"[date known only to the {m.date.precision}: {m.date}] "
            notes.append(f"The date is known only to the {m.date.precision} ({m.date}); the event spans all of it.")
            ev.add("transp", "TRANSPARENT")
        elif m.date.qualified:
            prefix = f"[approximate date: {m.date}] "
        if m.end is not None and (m.end.qualified or m.end.precision is not Precision.DAY):
            notes.append(f"The end date is {m.end.describe()}.")
        status = "" if m.status.value == "held" else f" [{m.status}]"
        ev.add("uid", f"{m.id}@isscoop")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", first)
        ev.add("dtend", last + _dt.timedelta(days=1))
        ev.add("summary", f"{prefix}{m.title}{status}")
        if m.location is not None:
            ev.add("location", str(m.location))
        who = ", ".join(p.name for p in m.participants)
        lines = [f"{m.kind.label.capitalize()}: {who}." if who else f"{m.kind.label.capitalize()}.", *notes]
        lines += ["Sources:", *(f"- {s}" for s in m.sources)]
        ev.add("description", "\n".join(lines))
        ev.add("status", {"held": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}[m.status.value])
        if m.sources:
            ev.add("url", m.sources[0].url)
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
    milestones) in date order: the date at its own precision, the text, and
    ``[^n]`` footnote markers; the footnotes list the sources.

    >>> import isscoop
    >>> from isscoop.export import to_markdown
    >>> print(to_markdown(isscoop.meetings.filter(kind="heads_of_agency").between("NASA", "Roscosmos")))
    - **2018-10-10** Bridenstine-Rogozin meeting at Baikonur: ... [^1]...
    - **2025-07-31** Bakanov-Duffy talks: ...
    - **2026** Planned Isaacman-Bakanov talks ...
    <BLANKLINE>
    [^1]: ...
    """
    events = sorted(events_of(records_of(items)), key=lambda e: (e.start.sort_key(), e.uid))
    numbers: dict[str, int] = {}
    cited: list[Source] = []
    lines = [f"# {title}", ""] if title else []
    for e in events:
        marks = []
        for s in e.sources:
            if s.id not in numbers:
                numbers[s.id] = len(numbers) + 1
                cited.append(s)
            marks.append(f"[^{numbers[s.id]}]")
        when = f"{e.start}/{e.end}" if e.end is not None else str(e.start)
        text = f"{e.headline}: {e.text}".replace("\n", " ")
        lines.append(f"- **{when}** {_md_escape(text)} {''.join(marks)}".rstrip())
    if cited:
        lines.append("")
    for s in cited:
        when = f", {s.published}" if s.published else ""
        label = _md_escape(s.title or s.url)
        lines.append(f"[^{numbers[s.id]}]: {_md_escape(s.publisher)}{when}: [{label}]({s.url})")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    for ch in ("\\", "*", "_", "[", "]", "`"):
        text = text.replace(ch, "\\" + ch)
    return text


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
        elif isinstance(kind, _codec.Obj):
            value = _file_form(kind, value)
        out[key] = value
    return out


@functools.cache
def _claims_spec() -> _codec.ClaimsKind:
    """One claims kind for every record kind that takes claims: each field's value read with its own kind."""
    value_kinds: dict[str, _codec.Kind] = {}
    for spec in _codec.specs().values():
        for _, kind in spec.fields.values():
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
      ``"meetings"``, ``"agreements"``), a row per record, a column per
      field of the data file format (:func:`isscoop.schema`), read from the
      record kinds' declarations: references are ids, lists are lists,
      nested objects (tenures, history steps, participations) are structs;
    * ``"sources"``: the sources the records cite (and any given; of a
      dataset, all of them), keyed by ``id``; records refer to them by id in
      their ``sources`` lists;
    * ``"claims"``: every claim, keyed by ``record_type``, ``record_id`` and
      ``claim`` (its place among the record's claims), its ``value`` as
      text (an object, such as a location, as JSON);
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
    ['agencies', 'agreements', 'claims', 'meetings', 'officials', 'programs', 'records', 'sources']
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
        for i, claim in enumerate(dumped.get("claims", ())):
            value = claim["value"]
            row = {"record_type": r.kind_name, "record_id": r.id, "claim": i, **_arrow_row(claims.obj, claim)}
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
    keys = [pa.field("record_type", pa.string()), pa.field("record_id", pa.string()), pa.field("claim", pa.int32())]
    fields = [pa.field("value", pa.string()) if f.name == "value" else f for f in _arrow_fields(pa, claims.obj)]
    tables[CLAIMS_TABLE] = pa.Table.from_pylist(claim_rows, schema=pa.schema(keys + fields, metadata=meta))
    schema = pa.schema(_arrow_fields(pa, _row_spec()), metadata=meta)
    tables[RECORDS_TABLE] = pa.Table.from_pylist(summary, schema=schema)
    return tables


def to_parquet(items: Items, folder: str | os.PathLike[str]) -> list[str]:
    """Write the tables of :func:`to_arrow` into ``folder``, one ``<table>.parquet`` file each (parquet extra).

    Returns the paths written.  DuckDB, Polars and Spark read the files as
    they are; :func:`isscoop.export.read_parquet` builds the records back.
    """
    require("pyarrow", "parquet", "to_parquet()")
    pq: Any = importlib.import_module("pyarrow.parquet")
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, table in to_arrow(items).items():
        path = os.path.join(os.fspath(folder), f"{name}.parquet")
        pq.write_table(table, path)
        written.append(path)
    return written


def parquet_document(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The data file document (as :func:`isscoop.load` reads) of a folder that :func:`to_parquet` wrote."""
    require("pyarrow", "parquet", "read_parquet()")
    pq: Any = importlib.import_module("pyarrow.parquet")
    doc: dict[str, Any] = {"format_version": _codec.FORMAT_VERSION}
    claims: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    path = os.path.join(os.fspath(folder), f"{CLAIMS_TABLE}.parquet")
    if os.path.exists(path):
        claims_kind = _claims_spec()
        for row in pq.read_table(path).to_pylist():
            claim = _file_form(claims_kind.obj, row)
            value_kind = claims_kind.value_kinds.get(str(row.get("field")))
            value = row.get("value")
            claim["value"] = json.loads(value) if isinstance(value_kind, _codec.Obj) and value else value
            claims.setdefault((row["record_type"], row["record_id"]), []).append((row["claim"], claim))
    for collection, spec in _codec.specs().items():
        path = os.path.join(os.fspath(folder), f"{collection}.parquet")
        if not os.path.exists(path):
            continue
        table = pq.read_table(path)
        version = (table.schema.metadata or {}).get(b"isscoop_dataset_version")
        if version:
            doc["version"] = version.decode()
        kind_name = _codec._singular(collection)
        out = []
        for row in table.to_pylist():
            record = _file_form(spec, row)
            found = sorted(claims.get((kind_name, str(record.get("id"))), ()), key=lambda c: c[0])
            if found:
                record["claims"] = [c for _, c in found]
            out.append(record)
        doc[collection] = out
    return doc


present_as_isscoop(globals())
