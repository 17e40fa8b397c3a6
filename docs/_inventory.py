"""Write an offline intersphinx inventory for the few Python names the docs link to.

The build machine has no network, so the inventory is generated here instead
of being downloaded.  Every entry points at its page on docs.python.org.
"""

from __future__ import annotations

import zlib
from pathlib import Path

#: (name, role, page#anchor) for the standard-library names the API mentions.
ENTRIES = [
    ("datetime.date", "py:class", "library/datetime.html#datetime.date"),
    ("datetime.datetime", "py:class", "library/datetime.html#datetime.datetime"),
    ("str", "py:class", "library/stdtypes.html#str"),
    ("int", "py:class", "library/functions.html#int"),
    ("bool", "py:class", "library/functions.html#bool"),
    ("object", "py:class", "library/functions.html#object"),
    ("tuple", "py:class", "library/stdtypes.html#tuple"),
    ("list", "py:class", "library/stdtypes.html#list"),
    ("dict", "py:class", "library/stdtypes.html#dict"),
    ("slice", "py:class", "library/functions.html#slice"),
    ("type", "py:class", "library/functions.html#type"),
    ("ValueError", "py:exception", "library/exceptions.html#ValueError"),
    ("LookupError", "py:exception", "library/exceptions.html#LookupError"),
    ("TypeError", "py:exception", "library/exceptions.html#TypeError"),
    ("Exception", "py:exception", "library/exceptions.html#Exception"),
    ("enum.Enum", "py:class", "library/enum.html#enum.Enum"),
    ("enum.IntEnum", "py:class", "library/enum.html#enum.IntEnum"),
    ("typing.Generic", "py:class", "library/typing.html#typing.Generic"),
    ("typing.Any", "py:data", "library/typing.html#typing.Any"),
    ("typing.Literal", "py:data", "library/typing.html#typing.Literal"),
    ("collections.abc.Callable", "py:class", "library/collections.abc.html#collections.abc.Callable"),
    ("collections.abc.Iterable", "py:class", "library/collections.abc.html#collections.abc.Iterable"),
    ("collections.abc.Iterator", "py:class", "library/collections.abc.html#collections.abc.Iterator"),
    ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
    ("typing.IO", "py:class", "library/typing.html#typing.IO"),
    ("None", "py:data", "library/constants.html#None"),
    ("True", "py:data", "library/constants.html#True"),
    ("False", "py:data", "library/constants.html#False"),
]


def write(folder: Path) -> Path:
    """Write ``python.inv`` into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in ENTRIES)
    header = (
        "# Sphinx inventory version 2\n"
        "# Project: Python\n"
        "# Version: 3\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    path = folder / "python.inv"
    path.write_bytes(header.encode() + zlib.compress(body.encode()))
    return path
