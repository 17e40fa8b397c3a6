"""Show re-exported classes as ``isscoop.X`` (in ``help()``, reprs and the docs)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any


def present_as_isscoop(namespace: Mapping[str, Any]) -> None:
    """Set ``__module__`` to ``"isscoop"`` on the classes of a module that ``isscoop`` re-exports."""
    public = set(getattr(sys.modules.get("isscoop"), "__all__", ()))
    module = namespace["__name__"]
    for name, obj in namespace.items():
        if name in public and isinstance(obj, type) and obj.__module__ == module:
            obj.__module__ = "isscoop"
