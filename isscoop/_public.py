"""Show re-exported classes as ``isscoop.X`` (in ``help()``, reprs and the docs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def present_as_isscoop(namespace: Mapping[str, Any], names: Iterable[str]) -> None:
    """Set ``__module__`` to ``"isscoop"`` on the classes among ``names``."""
    for name in names:
        obj = namespace.get(name)
        if isinstance(obj, type):
            obj.__module__ = "isscoop"
