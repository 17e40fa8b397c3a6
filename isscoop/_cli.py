"""The command line: ``python -m isscoop`` (or ``isscoop``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ._errors import DatasetError, IsscoopError
from ._version import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isscoop",
        description=(
            "Typed, cited data about international space cooperation. "
            "With no command, print a brief of the bundled dataset and the NASA-Roscosmos story."
        ),
    )
    parser.add_argument("--version", action="version", version=f"isscoop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("brief", help="what the bundled dataset holds, and the NASA-Roscosmos story (the default)")
    validate = sub.add_parser("validate", help="check data files and list every problem")
    validate.add_argument("files", nargs="+", metavar="FILE", help="JSON files or folders in the isscoop format")
    validate.add_argument(
        "--with-bundled", action="store_true", help="check the files as an overlay on the bundled data"
    )
    validate.add_argument("--strict", action="store_true", help="a record with no source is an error")
    sub.add_parser("schema", help="print the JSON Schema (draft 2020-12) of the data files")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 invalid data, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.files, with_bundled=args.with_bundled, strict=args.strict)
        if args.command == "schema":
            import json

            from ._files import schema

            print(json.dumps(schema(), indent=2, ensure_ascii=False))
            return 0
        from ._brief import render
        from ._files import dataset

        sys.stdout.write(render(dataset()))
        return 0
    except IsscoopError as e:
        print(f"isscoop: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python from failing at exit
        return 0


def _validate(files: Sequence[str], *, with_bundled: bool, strict: bool) -> int:
    from ._files import load

    try:
        ds = load(*files, include_bundled=with_bundled, strict=strict)
    except DatasetError as e:
        print(e, file=sys.stderr)
        if not with_bundled and any("unknown reference" in p.message for p in e.problems):
            print("(to refer to bundled records by id, add --with-bundled)", file=sys.stderr)
        return 1
    print(f"ok: {ds!r}")
    return 0
