"""``python -m isscoop``: see :mod:`isscoop.cli`.

With no arguments (the brief), the brief kept for this very code and data
(see :mod:`isscoop._startup`) is printed without importing the rest of
isscoop; otherwise the command line runs as usual.
"""

import sys

if sys.argv[1:] in ([], ["brief"]):
    from ._startup import cached_brief

    kept = cached_brief()
    if kept is not None:
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:  # as the command line writes: what the encoding cannot show, as escapes
            reconfigure(errors="backslashreplace")
        sys.stdout.write(kept)
        sys.exit(0)

from .cli import main

sys.exit(main())
