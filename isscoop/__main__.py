"""``python -m isscoop``: see :mod:`isscoop._cli`."""

import sys

from ._cli import main

sys.exit(main())
