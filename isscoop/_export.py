"""Exports, published by :mod:`isscoop.export`: plain dicts, CSV, DataFrame, TimelineJS, iCalendar, networkx, Markdown.

Every function takes a :class:`~isscoop.Dataset` (all its records of every
kind except sources, which come along with the records that cite them) or any
iterable of records, such as a :class:`~isscoop.Query`.  Dates stay at their
own precision everywhere: ``2025-07`` is written ``2025-07``, never
``2025-07-01``.

The optional libraries (pandas, icalendar, networkx) are imported inside the
functions that need them; without them, those functions raise
:class:`MissingExtra`, which says which extra to install.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import importlib
import os
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from ._codec import dump_record
from ._dates import PartialDate, Precision
from ._errors import InvalidRecord, MissingExtra
from ._model import EXPORT_COLUMNS, Event, Meeting, Record, Row, Source
from ._public import present_as_isscoop

if TYPE_CHECKING:
    import networkx
    import pandas

    from ._dataset import Dataset

__all__ = [
    "CSV_COLUMNS",
    "read_csv",
    "to_csv",
    "to_dataframe",
    "to_ics",
    "to_markdown",
    "to_networkx",
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
    - **2019-01-14** Bridenstine-Rogozin teleconference: ...
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


present_as_isscoop(globals())
