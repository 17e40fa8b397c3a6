"""Link targets: the one check every URL in the data passes (an absolute http or https URL with a host)."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Final

from ._errors import UnsafeURL

__all__ = ["SCHEMES", "check_url", "is_safe_url"]

#: The only schemes a link target may have.
SCHEMES: Final = ("http", "https")
# ASCII characters that RFC 3986 never allows unencoded in a URL and that HTML or Markdown give a
# meaning to ('{', '}', '|' and '^' are not allowed either, but browsers take them as they are).
_NOT_IN_URLS: Final = frozenset('"<>\\`')
_SCHEME_RE: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_LABEL_RE: Final = re.compile(r"[\w\-]+")
_PORT_RE: Final = re.compile(r"[0-9]{0,5}")


def _url_problem(url: object) -> str | None:
    """What is wrong with a link target, or ``None`` when it is an absolute http(s) URL with a host."""
    if not isinstance(url, str):
        return f"it is a {type(url).__name__}, not a string"
    if not url:
        return "it is empty"
    for i, ch in enumerate(url):
        if unicodedata.category(ch)[0] in "CZ":
            return f"it has a space, control or format character (U+{ord(ch):04X}) at character {i}"
        if ch in _NOT_IN_URLS:
            return f"it has {ch!r} at character {i}, which a URL must percent-encode"
    m = _SCHEME_RE.match(url)
    if m is None:
        return "it has no scheme: a relative link"
    scheme = m.group(1).lower()
    if scheme not in SCHEMES:
        return f"its scheme is {scheme}:, not http: or https:"
    rest = url[m.end() :]
    if not rest.startswith("//"):
        return f"it has no host: '//' must follow {scheme}:"
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    return _authority_problem(authority)


def _authority_problem(authority: str) -> str | None:
    if not authority:
        return "it has no host"
    if "@" in authority:
        return "it has a user name or password before the host"
    if authority.startswith("["):
        end = authority.find("]")
        try:
            ipaddress.IPv6Address(authority[1:end] if end > 0 else "?")
        except ValueError:
            return "its host is not a valid IPv6 address in brackets"
        port = authority[end + 1 :]
        if port and not port.startswith(":"):
            return "it has text after the IPv6 address"
        port = port[1:]
    else:
        host, _, port = authority.partition(":")
        labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
        if not host or not all(_LABEL_RE.fullmatch(label) for label in labels):
            return "its host is not a host name or an IP address"
    if not _PORT_RE.fullmatch(port) or (port and int(port) > 65535):
        return "its port is not a number from 0 to 65535"
    return None


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute ``http``/``https`` URL with a host, else raise :class:`UnsafeURL`.

    Refused: any other scheme (``javascript:``, ``data:``, ``file:``,
    ``vbscript:``...), relative links, a missing host, a user name or
    password before the host, spaces, control or format characters (such as
    bidi controls) anywhere, and a double quote, angle bracket, backslash or
    backtick (a URL must percent-encode them; HTML and Markdown give them a
    meaning).  Non-ASCII letters (internationalised names and paths) are
    accepted.

    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    isscoop.UnsafeURL: unsafe link target 'javascript:alert(1)': its scheme is javascript:, ...
    """
    problem = _url_problem(url)
    if problem is not None:
        raise UnsafeURL(url, problem)
    return url


def is_safe_url(url: object) -> bool:
    """Whether :func:`check_url` accepts ``url``."""
    return _url_problem(url) is None
