"""The command line: ``python -m isscoop`` (or ``isscoop``).

Every command prints readable text by default and JSON with ``--json``.
Dates are printed at their own precision; ``[n]`` marks a source, listed
at the end.  Exit status: 0 when all is well, 1 when a name matches nothing
or the data is invalid, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from . import _export as ex
from . import _startup
from ._brief import render, story
from ._dates import PartialDate, span_window, to_partial_date
from ._errors import DatasetError, DateParseError, IsscoopError, NotFound
from ._files import dataset, load, schema
from ._model import KINDS, Agency, Agreement, Official, Record, Source
from ._version import __version__

if TYPE_CHECKING:
    from ._dataset import Dataset

#: Every command, with its one-line help (the docs test checks each is documented).
COMMANDS: dict[str, str] = {
    "brief": "what the bundled dataset holds, and the NASA-Roscosmos story (the default)",
    "show": "one record in full: an agency, official, program, meeting, agreement or source",
    "search": "records whose names or titles match some text, best first",
    "timeline": "a cited timeline of one agency, or of two agencies together",
    "heads": "who headed an agency on a date (acting heads included)",
    "in-force": "agreements in force on a date",
    "export": "write records as JSON, CSV, TimelineJS, iCalendar, Markdown or GraphML",
    "validate": "check data files and list every problem",
    "schema": "print the JSON Schema (draft 2020-12) of the data files",
}
TIMELINE_KINDS = ("meetings", "agreements", "tenures", "programs")
EXPORT_FORMATS = ("records", "json", "csv", "timelinejs", "ics", "markdown", "graphml")
RECORD_KINDS = tuple(cls.collection for cls in KINDS if issubclass(cls, Record))


def _date(text: str) -> PartialDate:
    try:
        return to_partial_date(text)
    except DateParseError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _choices(allowed: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    def parse(text: str) -> tuple[str, ...]:
        parts = tuple(p.strip() for p in text.split(",") if p.strip())
        bad = [p for p in parts if p not in allowed]
        if bad or not parts:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(allowed)}, got {text!r}")
        return parts

    return parse


def _add_brief(add: _Add) -> None:
    add("brief", data=True)


def _add_show(add: _Add) -> None:
    show = add("show", data=True)
    show.add_argument("key", metavar="ID-or-name", help="a record id, name, acronym or alias (e.g. NASA)")


def _add_search(add: _Add) -> None:
    search = add("search", data=True)
    search.add_argument("text", metavar="TEXT", help="text to look for in names, titles and aliases")
    search.add_argument(
        "--kind", type=_choices(RECORD_KINDS), default=RECORD_KINDS, help="record types to search (comma-separated)"
    )


def _add_timeline(add: _Add) -> None:
    timeline = add("timeline", data=True)
    timeline.add_argument("a", metavar="A", help="an agency (id, acronym or name)")
    timeline.add_argument("b", metavar="B", nargs="?", help="a second agency: only what involves both")
    timeline.add_argument("--from", dest="start", type=_date, metavar="D", help="from this date (EDTF or words)")
    timeline.add_argument("--to", dest="end", type=_date, metavar="D", help="up to this date")
    timeline.add_argument(
        "--kind",
        type=_choices(TIMELINE_KINDS),
        default=("meetings", "agreements", "tenures"),
        help="what to show, comma-separated from: " + ", ".join(TIMELINE_KINDS) + " (default: all but programs)",
    )
    timeline.add_argument(
        "--plot", metavar="FILE", help="also draw the timeline picture into FILE (.png or .svg; plot extra)"
    )


def _add_heads(add: _Add) -> None:
    heads = add("heads", data=True)
    heads.add_argument("agency", metavar="AGENCY", help="an agency (id, acronym or name)")
    heads.add_argument("--on", type=_date, required=True, metavar="D", help="the date (a day, month or year)")
    heads.add_argument(
        "--possible", action="store_true", help="also list heads the dates cannot rule out (marked 'possibly')"
    )


def _add_in_force(add: _Add) -> None:
    in_force = add("in-force", data=True)
    in_force.add_argument("--on", type=_date, required=True, metavar="D", help="the date (a day, month or year)")
    in_force.add_argument("--between", nargs=2, metavar=("A", "B"), help="only agreements involving both A and B")
    in_force.add_argument(
        "--possible", action="store_true", help="also list agreements the dates cannot rule out (marked 'possibly')"
    )


def _add_export(add: _Add) -> None:
    export = add("export", data=True)
    export.add_argument("format", metavar="FORMAT", choices=EXPORT_FORMATS, help="one of: " + ", ".join(EXPORT_FORMATS))
    export.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write (default: - for stdout)")
    export.add_argument(
        "--kind", type=_choices(RECORD_KINDS), default=RECORD_KINDS, help="record types (comma-separated)"
    )
    export.add_argument(
        "--involving", action="append", default=[], metavar="X", help="only records involving X (repeatable)"
    )
    export.add_argument("--between", nargs=2, metavar=("A", "B"), help="only records involving both A and B")
    export.add_argument("--from", dest="start", type=_date, metavar="D", help="only records going on from D")
    export.add_argument("--to", dest="end", type=_date, metavar="D", help="only records going on up to D")
    export.add_argument("--search", metavar="TEXT", help="only records whose names match TEXT")


def _add_validate(add: _Add) -> None:
    validate = add("validate")
    validate.add_argument("files", nargs="+", metavar="FILE", help="JSON files or folders in the isscoop format")
    validate.add_argument(
        "--with-bundled", action="store_true", help="check the files as an overlay on the bundled data"
    )
    validate.add_argument("--strict", action="store_true", help="a record with no source is an error")


def _add_schema(add: _Add) -> None:
    add("schema")


class _Add(Protocol):
    def __call__(self, name: str, *, data: bool = False) -> argparse.ArgumentParser: ...


#: How each command's arguments are declared, in the order ``--help`` lists them.
_ARGUMENTS: dict[str, Callable[[_Add], None]] = {
    "brief": _add_brief,
    "show": _add_show,
    "search": _add_search,
    "timeline": _add_timeline,
    "heads": _add_heads,
    "in-force": _add_in_force,
    "export": _add_export,
    "validate": _add_validate,
    "schema": _add_schema,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isscoop",
        description=(
            "Typed, cited data about international space cooperation. "
            "With no command, print a brief of the bundled dataset and the NASA-Roscosmos story."
        ),
        epilog="Exit status: 0 ok, 1 not found or invalid data, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"isscoop {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="FILE",
        help="also read these data files, laid over the bundled data (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, *, data_files: bool = False) -> argparse.ArgumentParser:
        parents = [common, data] if data_files else [common]
        return sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name].capitalize() + ".", parents=parents)

    for declare in _ARGUMENTS.values():
        declare(lambda name, *, data=False: add(name, data_files=data))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 not found or invalid data, 2 usage)."""
    args = _parser().parse_args(argv)
    command = args.command or "brief"
    as_json = bool(getattr(args, "json", False))
    try:
        if command == "validate":
            return _validate(args.files, with_bundled=args.with_bundled, strict=args.strict, as_json=as_json)
        if command == "schema":
            _print_json(schema())
            return 0
        if command == "brief" and not as_json and not getattr(args, "data", []):
            sys.stdout.write(_bundled_brief())
            return 0
        ds = _dataset(getattr(args, "data", []))
        handler = _HANDLERS[command]
        return handler(ds, args, as_json)
    except IsscoopError as e:
        print(f"isscoop: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        if isinstance(e, BrokenPipeError):  # e.g. piped into `head`
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python from failing at exit
            return 0
        print(f"isscoop: {e}", file=sys.stderr)
        return 1


def _dataset(files: Sequence[str]) -> Dataset:
    return load(*files, include_bundled=True) if files else dataset()


def _print_lines(lines: list[str]) -> None:
    if lines:
        print("\n".join(lines))


def _print_json(doc: object) -> None:
    print(json.dumps(doc, indent=2, ensure_ascii=False))


class _Citer:
    """Numbers sources in order of first use, for ``[n]`` markers and the list at the end."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.cited: list[Source] = []

    def marks(self, sources: Iterable[Source], limit: int = 3) -> str:
        out = []
        for s in list(sources)[:limit]:
            if s.id not in self.numbers:
                self.numbers[s.id] = len(self.numbers) + 1
                self.cited.append(s)
            out.append(f"[{self.numbers[s.id]}]")
        return "".join(out)

    def lines(self) -> list[str]:
        if not self.cited:
            return []
        return ["", "Sources:", *(f"  [{self.numbers[s.id]}] {s}" for s in self.cited)]


# -- brief ------------------------------------------------------------------------------------


def _brief(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    if as_json:
        _print_json({"version": ds.version, "story": [_entry_json(e) for e in story(ds)]})
    else:
        sys.stdout.write(render(ds))
    return 0


def _bundled_brief() -> str:
    """The brief of the bundled data: kept once rendered, for this code and data (see :mod:`isscoop._startup`)."""
    text = _startup.cached_brief()
    if text is None:
        text = render(dataset())
        _startup.keep_brief(text)
    return text


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "date": str(e.date),
        "precision": str(e.date.precision),
        "text": e.text,
        "sources": [s.id for s in e.sources],
    }


# -- show and search ------------------------------------------------------------------------


def _find(ds: Dataset, key: str) -> Record | Source:
    for s in ds.sources:
        if s.id == key:
            return s
    try:
        return ds.resolve(key)
    except NotFound:
        try:
            ds.agencies.get(key)
        except NotFound as e:
            if e.close_matches:
                raise e from None
        raise


def _show(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    record = _find(ds, args.key)
    if as_json:
        _print_json(ex.to_records([record])[0])
        return 0
    print("\n".join(_describe(record)))
    return 0


def _describe(r: Record | Source) -> list[str]:
    cite = _Citer()
    if isinstance(r, Source):
        lines = [f"source {r.id}", f"  publisher:  {r.publisher}", f"  url:        {r.url}"]
        if r.published:
            lines.append(f"  published:  {r.published}")
        if r.title:
            lines.append(f"  title:      {r.title}")
        return lines
    lines = [f"{r.kind_name} {r.id}: {r.label} {cite.marks(r.sources)}".rstrip()]

    def field(name: str, value: object) -> None:
        if value not in (None, "", ()):
            lines.append(f"  {name + ':':<12}{value}" if len(name) < 11 else f"  {name}: {value}")

    for name, value, sources in r.facts():
        field(name, f"{value} {cite.marks(sources)}".rstrip() if sources else value)
    for c in r.statements:
        if c.current:
            field(f"claim {c.field}", f"{c.value} ({c.rank}) {cite.marks(c.sources)}".rstrip())
    field("note", r.note)
    return lines + cite.lines()


def _search(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    hits: list[Record] = []
    for kind in args.kind:
        hits.extend(getattr(ds, kind).search(args.text))
    if as_json:
        _print_json([{"type": r.kind_name, "id": r.id, "label": r.label} for r in hits])
        return 0
    if not hits:
        print(f"isscoop: nothing matches {args.text!r}", file=sys.stderr)
        return 1
    for r in hits:
        print(f"{r.kind_name:<10} {r.id:<40} {r.label}")
    return 0


# -- timeline -------------------------------------------------------------------------------


def _timeline_entries(
    ds: Dataset, agencies: Sequence[Agency], kinds: Sequence[str], start: PartialDate | None, end: PartialDate | None
) -> list[tuple[PartialDate, str, str, tuple[Source, ...]]]:
    ids = frozenset(a.id for a in agencies)
    entries = [
        (e.date, e.kind.removesuffix("-end"), e.text, e.sources)
        for r in ds.timeline(*agencies, kinds=kinds)
        for e in r.entries(ids)
        if e.kind != "claim"
    ]
    lo, hi, _ = span_window(start, end)
    kept = [e for e in entries if e[0].bounds()[1] >= lo and e[0].bounds()[0] <= hi]
    return sorted(kept, key=lambda e: (e[0].sort_key(), e[2]))


def _agency(ds: Dataset, key: str) -> Agency:
    return ds.agencies.get(key)


def _timeline(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    agencies = [_agency(ds, args.a)] + ([_agency(ds, args.b)] if args.b else [])
    if args.start is not None and args.end is not None and args.start.bounds()[0] > args.end.bounds()[1]:
        raise DateParseError(f"--to {args.end} is before --from {args.start}")
    entries = _timeline_entries(ds, agencies, args.kind, args.start, args.end)
    if args.plot:
        from . import plot

        records = ds.timeline(*agencies, kinds=args.kind, start=args.start, end=args.end)
        plot.timeline(records, path=args.plot, agencies=agencies, start=args.start, end=args.end)
    if as_json:
        _print_json(
            [
                {"date": str(d), "precision": str(d.precision), "kind": k, "text": t, "sources": [s.id for s in src]}
                for d, k, t, src in entries
            ]
        )
        return 0
    names = " and ".join(a.label for a in agencies)
    print(f"{names}, in date order ({len(entries)} entries):")
    cite = _Citer()
    for d, _, text, src in entries:
        print(f"  {d!s:<11} {text} {cite.marks(src)}".rstrip())
    _print_lines(cite.lines())
    return 0


# -- heads and in-force ----------------------------------------------------------------------


def _heads(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    agency = _agency(ds, args.agency)
    certain = list(ds.officials.heads(of=agency, on=args.on))
    possible = [o for o in ds.officials.heads(of=agency, on=args.on, assume="possible") if o not in certain]
    if not args.possible:
        possible = []
    rows: list[tuple[Official, bool]] = [(o, True) for o in certain] + [(o, False) for o in possible]
    if as_json:
        out = []
        for o, sure in rows:
            for t in _head_tenures(o, agency, args.on):
                out.append(
                    {
                        "official": o.id,
                        "name": o.name,
                        "post": t.post,
                        "acting": t.acting,
                        "period": str(t.period),
                        "certain": sure,
                        "sources": [s.id for s in t.sources or o.sources],
                    }
                )
        _print_json({"agency": agency.id, "on": str(args.on), "heads": out})
        return 0
    print(f"Head of {agency.label} on {args.on}:")
    if not rows:
        print("  (none certain)")
    cite = _Citer()
    for o, sure in rows:
        for t in _head_tenures(o, agency, args.on):
            maybe = "" if sure else "possibly "
            acting = "acting, " if t.acting and "acting" not in t.post.lower() else ""
            print(f"  {maybe}{o.name}: {t.post}, {acting}{t.period} {cite.marks(t.sources or o.sources)}".rstrip())
    _print_lines(cite.lines())
    return 0


def _head_tenures(o: Official, agency: Agency, on: PartialDate) -> list[Any]:
    return [t for t in o.tenures if t.head and t.agency.id == agency.id and not t.covers(on).no]


def _in_force(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    query = ds.agreements
    if args.between:
        a, b = (_agency(ds, x) for x in args.between)
        query = query.between(a, b)
    certain = list(query.in_force(on=args.on))
    possible = [x for x in query.in_force(on=args.on, assume="possible") if x not in certain] if args.possible else []
    rows: list[tuple[Agreement, bool]] = [(x, True) for x in certain] + [(x, False) for x in possible]
    if as_json:
        _print_json(
            {
                "on": str(args.on),
                "agreements": [
                    {
                        "id": x.id,
                        "title": x.title,
                        "certain": sure,
                        "reason": x.in_force_on(args.on).reason,
                        "parties": [p.id for p in x.parties],
                        "sources": [s.id for s in x.sources],
                    }
                    for x, sure in rows
                ],
            }
        )
        return 0
    between = f" between {args.between[0]} and {args.between[1]}" if args.between else ""
    print(f"In force{between} on {args.on}:")
    if not rows:
        print("  (none certain)")
    cite = _Citer()
    for x, sure in rows:
        maybe = "" if sure else "possibly "
        print(f"  {maybe}{x.id}: {x.title} ({x.in_force_on(args.on).reason}) {cite.marks(x.sources)}".rstrip())
    _print_lines(cite.lines())
    return 0


# -- export ---------------------------------------------------------------------------------------


def _export(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    records: list[Record] = []
    for kind in args.kind:
        q = getattr(ds, kind)
        for x in args.involving:
            q = q.involving(ds.resolve(x))
        if args.between:
            q = q.between(ds.resolve(args.between[0]), ds.resolve(args.between[1]))
        if args.start is not None or args.end is not None:
            q = q.during(args.start, args.end, assume="possible")
        if args.search:
            q = q.search(args.search)
        records.extend(q)
    fmt = args.format
    text: str
    if fmt in ("records", "json"):
        text = json.dumps(ex.to_records(records), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        ex.to_csv(records, buf)
        text = buf.getvalue()
    elif fmt == "timelinejs":
        text = json.dumps(ex.to_timelinejs(records), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "ics":
        text = ex.to_ics(records)
    elif fmt == "markdown":
        text = ex.to_markdown(records)
    else:  # graphml
        nx: Any = ex.require("networkx", "networkx", "export graphml")
        text = "\n".join(nx.generate_graphml(ex.to_networkx(records))) + "\n"
    _write(args.output, text)
    if as_json:
        _print_json({"format": fmt, "output": args.output, "records": len(records)})
    elif args.output != "-":
        print(f"wrote {len(records)} records as {fmt} to {args.output}")
    return 0


def _write(output: str, text: str) -> None:
    if output == "-":
        sys.stdout.write(text)
        return
    out: IO[str]
    with open(output, "w", encoding="utf-8", newline="") as out:
        out.write(text)


# -- validate -------------------------------------------------------------------------------------


def _validate(files: Sequence[str], *, with_bundled: bool, strict: bool, as_json: bool = False) -> int:
    try:
        ds = load(*files, include_bundled=with_bundled, strict=strict)
    except DatasetError as e:
        if as_json:
            _print_json({"ok": False, "problems": [_problem_json(p) for p in e.problems]})
            return 1
        print(e, file=sys.stderr)
        if not with_bundled and any("unknown reference" in p.message for p in e.problems):
            print("(to refer to bundled records by id, add --with-bundled)", file=sys.stderr)
        return 1
    if as_json:
        counts = {cls.collection: len(getattr(ds, cls.collection)) for cls in KINDS}
        _print_json({"ok": True, "problems": [], "counts": counts})
        return 0
    print(f"ok: {ds!r}")
    return 0


def _problem_json(p: Any) -> dict[str, Any]:
    return {k: getattr(p, k) for k in ("file", "line", "path", "message", "expected", "got")}


_HANDLERS: dict[str, Callable[[Dataset, argparse.Namespace, bool], int]] = {
    "brief": _brief,
    "show": _show,
    "search": _search,
    "timeline": _timeline,
    "heads": _heads,
    "in-force": _in_force,
    "export": _export,
}
