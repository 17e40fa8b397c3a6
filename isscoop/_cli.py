"""The command line: ``python -m isscoop`` (or ``isscoop``)."""

from __future__ import annotations

import argparse
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 invalid data, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.files)
        from ._brief import render
        from ._dataset import dataset

        sys.stdout.write(render(dataset()))
        return 0
    except IsscoopError as e:
        print(f"isscoop: {e}", file=sys.stderr)
        return 1


def _validate(files: Sequence[str]) -> int:
    from ._dataset import load

    try:
        ds = load(*files)
    except DatasetError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"ok: {ds!r}")
    return 0
