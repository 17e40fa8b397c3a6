"""The brief of ``python -m isscoop``, kept once rendered, so that start-up need not load the data again.

The brief depends only on the bundled data files and on isscoop's code.
Once rendered it is kept in the user's cache folder under a hash of the
bytes of both, and it is used only while both are byte for byte what they
were: editing a data file or the code renders it anew, from the data loaded
and checked as always.  Data a user gives (``--data``) never goes through
the cache.  ``ISSCOOP_NO_CACHE=1`` turns the cache off and
``ISSCOOP_CACHE_DIR`` moves it.

Reading the kept brief imports nothing of isscoop but its version, so that
it costs little more than starting Python.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys

from ._version import __version__

__all__: list[str] = []

_HERE = os.path.dirname(os.path.abspath(__file__))
#: A kept brief larger than this is not read (the brief of the bundled data is a few KiB).
_MAX_BYTES = 1 << 20


def _folder() -> str | None:
    """Where the brief is kept, or ``None`` when the cache is off."""
    if os.environ.get("ISSCOOP_NO_CACHE"):
        return None
    folder = os.environ.get("ISSCOOP_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "isscoop")
    return folder


def key(root: str = _HERE) -> str | None:
    """A hash of isscoop's version, the Python version, and every code and data file under ``root``."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    try:
        for sub in ("", "data"):
            folder = os.path.join(root, sub)
            for name in sorted(os.listdir(folder)):
                if name.endswith((".py", ".json")):
                    with open(os.path.join(folder, name), "rb") as fh:
                        digest.update(f"{sub}/{name}\0".encode() + fh.read() + b"\0")
    except OSError:
        return None  # not a plain folder of files (a zip, say): no cache
    return digest.hexdigest()


def _path() -> str | None:
    folder = _folder()
    found = None if folder is None else key()
    return None if folder is None or found is None else os.path.join(folder, f"brief-{found}.txt")


def cached_brief() -> str | None:
    """The brief kept for this code and data, or ``None``."""
    path = _path()
    if path is None:
        return None
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_BYTES:  # a FIFO or a device is never opened
            return None
        with open(path, encoding="utf-8") as fh:
            return fh.read(_MAX_BYTES)
    except (OSError, UnicodeDecodeError):
        return None


def keep_brief(text: str) -> None:
    """Keep the brief rendered from this code and data, written atomically (see :mod:`isscoop._atomic`);
    a cache that cannot be written is skipped."""
    path = _path()
    if path is None:
        return
    from ._atomic import write_files  # only when a brief is rendered: reading the kept one stays light

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_files([(path, text.encode("utf-8"))])
    except OSError:  # FileError is one too
        pass
