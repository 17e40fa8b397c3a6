"""The command line: ``python -m isscoop`` (or ``isscoop``).

Every command prints readable text by default and JSON with ``--json``.
Dates are printed at their own precision; ``[n]`` marks a source, listed
at the end.  Exit status: 0 when all is well, 1 when a name matches nothing,
the data is invalid or a file cannot be written, 2 for a usage error (an
argument of the wrong form, such as a date that is not a date).  An error is
one line on standard error (after the usage synopsis, for a usage error),
never a traceback; invalid data lists one problem a line.

Output never fails on the terminal's encoding: characters it cannot show
are written as backslash escapes, and ``--json`` output is plain ASCII
(``\\uXXXX`` escapes) when standard output is not UTF-8.  ``export -o``
writes its file atomically (see :func:`isscoop.dump`).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from . import _export as ex
from . import _startup, export
from ._args import got
from ._atomic import write_files
from ._brief import LEGEND, Citer, fact_words, render, story
from ._dates import Answer, PartialDate, Period, SpanLike, in_words, span_window, to_partial_date, to_window
from ._errors import (
    DatasetError,
    DateParseError,
    InvalidArgument,
    InvalidRecord,
    IsscoopError,
    NotFound,
    cut,
    fit,
)
from ._files import dataset, load, schema
from ._model import KINDS, Agency, Agreement, Meeting, Official, Record, Source
from ._query import MeetingQuery
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
    "export": "write records as JSON, CSV, TimelineJS, iCalendar, Markdown, GraphML or an HTML story page",
    "validate": "check data files and list every problem",
    "schema": "print the JSON Schema (draft 2020-12) of the data files",
}
TIMELINE_KINDS = ("meetings", "agreements", "tenures", "programs")
EXPORT_FORMATS = ("records", "json", "csv", "timelinejs", "ics", "markdown", "graphml", "html")
RECORD_KINDS = tuple(cls.collection for cls in KINDS if issubclass(cls, Record))


def _date(text: str) -> PartialDate | Period:
    """A ``--on``/``--from``/``--to`` value: one date or an EDTF interval, as the API's ``on=`` reads it."""
    try:
        to_window(text)  # refuses what on= refuses, with the same message
        return Period.parse(text.strip()) if "/" in text else to_partial_date(text)
    except DateParseError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


_ON_HELP = "a day, month or year (at some time in it), or an EDTF interval such as 2025-07-31/2026-01-01 or ../2025"


def _choices(allowed: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    def parse(text: str) -> tuple[str, ...]:
        parts = tuple(p.strip() for p in text.split(",") if p.strip())
        bad = [p for p in parts if p not in allowed]
        if bad or not parts:
            expected = f"expected a comma-separated list of {', '.join(allowed)}"
            raise argparse.ArgumentTypeError(f"{expected}, got {cut(text)}")
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
    timeline.add_argument(
        "--from", dest="start", type=_date, metavar="D", help="from the first day of D (a date or an interval)"
    )
    timeline.add_argument("--to", dest="end", type=_date, metavar="D", help="up to the last day of D")
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
    heads.add_argument("--on", type=_date, required=True, metavar="D", help=_ON_HELP)
    heads.add_argument("--throughout", action="store_true", help="heads all through D, not at some time in it")
    heads.add_argument(
        "--possible", action="store_true", help="also list heads the dates cannot rule out (marked 'possibly')"
    )


def _add_in_force(add: _Add) -> None:
    in_force = add("in-force", data=True)
    in_force.add_argument("--on", type=_date, required=True, metavar="D", help=_ON_HELP)
    in_force.add_argument(
        "--throughout", action="store_true", help="agreements in force all through D, not at some time in it"
    )
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
    export.add_argument(
        "--from", dest="start", type=_date, metavar="D", help="only records going on from the first day of D"
    )
    export.add_argument(
        "--to", dest="end", type=_date, metavar="D", help="only records going on up to the last day of D"
    )
    export.add_argument("--search", metavar="TEXT", help="only records whose names match TEXT")
    export.add_argument(
        "--raw", action="store_true", help="csv: no leading ' before cells a spreadsheet would run as formulas"
    )
    export.add_argument("--title", metavar="TEXT", help="html: the page's title (default: isscoop story)")


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


class _Parser(argparse.ArgumentParser):
    """An argument parser whose error line is short, however long the value it quotes."""

    #: The parser of each command, to report a usage error found after parsing.
    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {fit(' '.join(message.split()), 250)}\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog="isscoop",
        description=(
            "Typed, cited data about international space cooperation. "
            "With no command, print a brief of the bundled dataset and the NASA-Roscosmos story."
        ),
        epilog="Exit status: 0 ok, 1 not found or invalid data, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"isscoop {__version__}")
    parser.commands = {}
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")
    data = _Parser(add_help=False)
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
        description = COMMANDS[name].capitalize() + "."
        command = sub.add_parser(name, help=COMMANDS[name], description=description, parents=parents)
        parser.commands[name] = command
        return command

    for declare in _ARGUMENTS.values():
        declare(lambda name, *, data=False: add(name, data_files=data))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 not found or invalid data, 2 usage).

    ``argv`` is a list of str (by default ``sys.argv[1:]``).  A usage error
    found by the argument parser (``--help`` and ``--version`` too) ends in
    ``SystemExit`` as with any argparse program.
    """
    if argv is not None and (
        isinstance(argv, str) or not isinstance(argv, list | tuple) or not all(isinstance(a, str) for a in argv)
    ):
        raise InvalidArgument(f"argv: expected a list of str, got {got(argv)}")
    with _output_that_cannot_fail():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "raw", False) and args.format != "csv":
        parser.error(f"--raw is for csv only, not {args.format}")
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
    except (InvalidArgument, InvalidRecord, DateParseError) as e:  # an argument of the wrong form
        parser.commands.get(command, parser).error(str(e))
    except IsscoopError as e:
        print(f"isscoop: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("isscoop: interrupted", file=sys.stderr)
        return 130
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


@contextlib.contextmanager
def _output_that_cannot_fail() -> Iterator[None]:
    """Standard output and error write what their encoding cannot show as backslash escapes."""
    changed = []
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="backslashreplace")
                changed.append(stream)
    try:
        yield
    finally:
        for stream in changed:
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="strict")


def _unicode_stdout() -> bool:
    """Whether standard output can write every character (a UTF encoding, or text in memory)."""
    encoding = getattr(sys.stdout, "encoding", None)
    if not isinstance(encoding, str):
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _json_text(doc: object) -> str:
    """JSON text for standard output: as UTF-8 when it can take it, else ASCII with escapes."""
    return json.dumps(doc, indent=2, ensure_ascii=not _unicode_stdout())


def _print_json(doc: object) -> None:
    print(_json_text(doc))


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
    cite = Citer()
    if isinstance(r, Source):
        lines = [f"source {r.id}", f"  publisher:  {r.credit}", f"  url:        {r.url}"]
        if r.published:
            lines.append(f"  published:  {r.published.in_words()} ({r.published})")
        if r.title:
            lines.append(f"  title:      {r.title}")
        return lines
    label_field = "title" if hasattr(r, "title") else "name"
    lines = [f"{r.kind_name} {r.id}: {r.label} {cite.marks(r.sources_for(label_field))}".rstrip()]
    unmarked = False

    def field(name: str, value: str) -> None:
        lines.append(f"  {name + ':':<12}{value}" if len(name) < 11 else f"  {name}: {value}")

    for name, value, sources in r.facts():
        if value in (None, "", ()):
            continue
        unmarked = unmarked or not sources
        field(name, f"{fact_words(value)} {cite.marks(sources)}".rstrip())
    for c in sorted(r.claims(), key=lambda c: c.field):
        said = f"{in_words(c.value)} ({c.rank}), {c.attribution()}"
        field(f"claim {c.field.replace('_', ' ')}", f"{said} {cite.marks(c.sources)}".rstrip())
    if r.note:
        field("note", r.note)
    lines += ["", LEGEND]
    if unmarked:
        lines.append("Lines without [n] have no sources of their own: the record's, on its first line, state them.")
    return lines + cite.lines()


def _search(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    hits: list[Record] = []
    for kind in args.kind:
        hits.extend(getattr(ds, kind).search(args.text))
    if as_json:
        _print_json([{"type": r.kind_name, "id": r.id, "label": r.label} for r in hits])
        return 0
    if not hits:
        print(f"isscoop: nothing matches {cut(args.text)}", file=sys.stderr)
        return 1
    for r in hits:
        print(f"{r.kind_name:<10} {r.id:<40} {r.label}")
    return 0


# -- timeline -------------------------------------------------------------------------------


def _timeline_entries(
    ds: Dataset, agencies: Sequence[Agency], kinds: Sequence[str], start: SpanLike | None, end: SpanLike | None
) -> list[tuple[PartialDate, str, str, tuple[Source, ...]]]:
    ids = frozenset(a.id for a in agencies)
    entries = [
        (e.date, e.kind.removesuffix("-end"), e.text, e.sources, e.order)
        for r in ds.timeline(*agencies, kinds=kinds)
        for e in r.entries(ids)
        if e.kind != "claim"
    ]
    lo, hi, _ = span_window(start, end)
    kept = [e for e in entries if e[0].bounds()[1] >= lo and e[0].bounds()[0] <= hi]
    return [e[:4] for e in sorted(kept, key=lambda e: (e[0].sort_key(), e[4], e[2]))]


def _plot_window(
    entries: Sequence[tuple[PartialDate, str, str, tuple[Source, ...]]],
    start: PartialDate | None,
    end: PartialDate | None,
) -> tuple[PartialDate | None, PartialDate | None]:
    """The dates a timeline picture shows: those asked for, else from the first to the last event listed.

    Heads' tenures do not widen the window (a head in office since 1992 would squeeze the
    story into a corner), unless the timeline lists nothing else.
    """
    events = [d for d, kind, _, _ in entries if kind != "tenure"] or [d for d, *_ in entries]
    if not events:
        return start, end
    first = min(events, key=lambda d: d.bounds()[0])
    last = max(events, key=lambda d: d.bounds()[1])
    return (start if start is not None else first), (end if end is not None else last)


def _agency(ds: Dataset, key: str) -> Agency:
    return ds.agencies.get(key)


def _timeline(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    agencies = [_agency(ds, args.a)] + ([_agency(ds, args.b)] if args.b else [])
    if args.start is not None and args.end is not None:
        try:
            span_window(args.start, args.end)
        except DateParseError:
            raise DateParseError(f"--to {args.end} is before --from {args.start}") from None
    entries = _timeline_entries(ds, agencies, args.kind, args.start, args.end)
    if args.plot:
        from . import plot

        records = ds.timeline(*agencies, kinds=args.kind, start=args.start, end=args.end)
        start, end = _plot_window(entries, args.start, args.end)
        plot.timeline(records, path=args.plot, agencies=agencies, start=start, end=end)
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
    cite = Citer()
    for d, _, text, src in entries:
        print(f"  {d!s:<11} {text} {cite.marks(src)}".rstrip())
    if entries:
        print(LEGEND)
    _print_lines(cite.lines())
    return 0


# -- heads and in-force ----------------------------------------------------------------------


def _heads(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    agency = _agency(ds, args.agency)
    when = {"on": args.on, "throughout": args.throughout}
    query = ds.officials.heads(of=agency, **when)
    certain = list(query)
    uncertain = [o for o in ds.officials.heads(of=agency, **when, assume="possible") if o not in certain]
    possible = uncertain if args.possible else []
    rows: list[tuple[Official, bool]] = [(o, True) for o in certain] + [(o, False) for o in possible]
    found = query.exists()
    if as_json:
        out = []
        for o, sure in rows:
            for t in _head_tenures(ds, o, agency, args.on, args.throughout):
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
        exists = {"value": found.value.value, "reason": found.reason}
        _print_json(
            {"agency": agency.id, "on": str(args.on), "throughout": args.throughout, "heads": out, "exists": exists}
        )
        return 0
    print(f"Head of {agency.label} {_when(args.on, args.throughout)}:")
    if not certain:
        print(_none_line("no head recorded", found, bool(uncertain), args.possible))
    cite = Citer()
    for o, sure in rows:
        for t in _head_tenures(ds, o, agency, args.on, args.throughout):
            maybe = "" if sure else "possibly "
            acting = "acting, " if t.acting and "acting" not in t.post.lower() else ""
            period = t.period.in_words(ongoing="still in office")
            print(f"  {maybe}{o.name}: {t.post}, {acting}{period} {cite.marks(t.sources or o.sources)}".rstrip())
    _print_lines(cite.lines())
    return 0


def _when(on: object, throughout: bool) -> str:
    """``on 31 July 2025``, ``at some time from 31 July 2025 to 1 January 2026``, ``throughout July 2025``."""
    if throughout:
        return f"throughout {in_words(on)}"
    return f"{'at some time' if isinstance(on, Period) else 'on'} {in_words(on)}"


def _head_tenures(ds: Dataset, o: Official, agency: Agency, on: SpanLike, throughout: bool) -> list[Any]:
    """``o``'s head tenures at ``agency`` that the dates (and succession) do not rule out for ``on``."""
    held = ds.officials._held_answers(agency, on, throughout)
    return [h.tenure for h, answer in held if h.official.id == o.id and not answer.no]


def _none_line(none: str, found: Answer, maybe: bool, listed: bool) -> str:
    """What is printed when nothing is certain: covered, not covered, or possible, with the reason."""
    if found.no:
        return f"  {none} (covered): {found.reason}"
    if maybe:
        return f"  none certain: {found.reason}" + ("" if listed else " (--possible lists them)")
    return f"  not covered by the data: {found.reason}"


def _in_force(ds: Dataset, args: argparse.Namespace, as_json: bool) -> int:
    query = ds.agreements
    if args.between:
        a, b = (_agency(ds, x) for x in args.between)
        query = query.between(a, b)
    when = {"on": args.on, "throughout": args.throughout}
    chosen = query.in_force(**when)
    certain = list(chosen)
    uncertain = [x for x in query.in_force(**when, assume="possible") if x not in certain]
    possible = uncertain if args.possible else []
    rows: list[tuple[Agreement, bool]] = [(x, True) for x in certain] + [(x, False) for x in possible]
    found = chosen.exists()
    if as_json:
        _print_json(
            {
                "on": str(args.on),
                "throughout": args.throughout,
                "exists": {"value": found.value.value, "reason": found.reason},
                "agreements": [
                    {
                        "id": x.id,
                        "title": x.title,
                        "certain": sure,
                        "reason": x.in_force_on(args.on, throughout=args.throughout).reason,
                        "parties": [p.id for p in x.parties],
                        "sources": [s.id for s in x.sources],
                    }
                    for x, sure in rows
                ],
            }
        )
        return 0
    between = f" between {args.between[0]} and {args.between[1]}" if args.between else ""
    print(f"In force{between} {_when(args.on, args.throughout)}:")
    if not certain:
        print(_none_line("none in force", found, bool(uncertain), args.possible))
    cite = Citer()
    for x, sure in rows:
        maybe = "" if sure else "possibly "
        reason = x.in_force_on(args.on, throughout=args.throughout).reason
        print(f"  {maybe}{x.id}: {x.title} ({reason}) {cite.marks(x.sources)}".rstrip())
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
            if isinstance(q, MeetingQuery):  # an export keeps planned and cancelled meetings, and visits
                q = q.during(args.start, args.end, assume="possible", status=None, visits=True)
            else:
                q = q.during(args.start, args.end, assume="possible")
        if args.search:
            q = q.search(args.search)
        records.extend(q)
    fmt = args.format
    text: str
    ascii_only = args.output == "-" and not _unicode_stdout()
    if fmt in ("records", "json"):
        text = json.dumps(ex.to_records(records), indent=2, ensure_ascii=ascii_only) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        ex.to_csv(records, buf, raw=args.raw)
        text = buf.getvalue()
    elif fmt == "timelinejs":
        text = json.dumps(ex.to_timelinejs(records), indent=2, ensure_ascii=ascii_only) + "\n"
    elif fmt == "ics":
        text = ex.to_ics(records)
    elif fmt == "markdown":
        text = ex.to_markdown(records)
    elif fmt == "html":
        text = export.to_html(records, title=args.title or "isscoop story")
    else:  # graphml
        nx: Any = ex.require("networkx", "networkx", "export graphml")
        text = "\n".join(nx.generate_graphml(ex.to_networkx(records))) + "\n"
    _write(args.output, text)
    written, left_out = _export_counts(fmt, records)
    if as_json:
        _print_json(
            {"format": fmt, "output": args.output, "records": len(records), "wrote": written, "left_out": left_out}
        )
        return 0
    if args.output != "-":
        print(f"wrote {written} as {fmt} to {args.output}")
    if left_out:
        print(f"isscoop: left out {left_out}", file=sys.stderr)
    return 0


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _export_counts(fmt: str, records: Sequence[Record]) -> tuple[str, str]:
    """What an export wrote and what it left out, in words, counted from the records the format holds."""
    if fmt == "ics":
        meetings = sum(isinstance(r, Meeting) for r in records)
        others = len(records) - meetings
        note = f"{_plural(others, 'record')} that are not meetings (an iCalendar file holds meetings only)"
        return _plural(meetings, "meeting"), note if others else ""
    if fmt in ("timelinejs", "markdown", "html"):
        events = [list(r.timeline()) for r in records]
        undated = sum(not e for e in events)
        note = f"{_plural(undated, 'record')} with no dated event (a timeline shows dated events only)"
        return f"{_plural(sum(map(len, events)), 'event')} from {_plural(len(records) - undated, 'record')}", (
            note if undated else ""
        )
    if fmt == "graphml":
        ties = sum(r.edge_data() is not None and len(r.agencies_involved()) > 1 for r in records)
        agencies = sum(isinstance(r, Agency) for r in records)
        others = len(records) - ties - agencies
        note = f"{_plural(others, 'record')} that tie no two agencies (a network holds agencies and their ties)"
        return f"{_plural(agencies, 'agency', 'agencies')} and the ties of {_plural(ties, 'record')}", (
            note if others else ""
        )
    return _plural(len(records), "record"), ""


def _write(output: str, text: str) -> None:
    if output == "-":
        sys.stdout.write(text)
        return
    from ._args import check_path

    write_files([(check_path(output, "-o"), text.encode("utf-8"))], what="-o")


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
