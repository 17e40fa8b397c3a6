"""Running the command line in-process, for the tests."""

from __future__ import annotations

import contextlib
import io

from isscoop import cli


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``(exit status, stdout, stderr)`` of ``isscoop ARGS``; argparse's exits count as statuses."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(args)
        except SystemExit as e:
            status = int(e.code or 0)
    return status, out.getvalue(), err.getvalue()
