"""``python -m isscoop``: see :mod:`isscoop.cli`."""

import sys

from .cli import main

sys.exit(main())
