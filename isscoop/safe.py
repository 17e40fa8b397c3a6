"""Keeping data text: link-target checks and escaping for each export format.

Whatever a data file says must reach a reader as text.  This module holds
the pure, dependency-free rules the exports use:

* :func:`check_url` accepts a link target only when it is an absolute
  ``http`` or ``https`` URL with a host, and nothing in it that a browser
  would quietly reinterpret (spaces, control or format characters, or a
  quote, angle bracket, backslash or backtick, which a URL must
  percent-encode).
* :func:`md_text` and :func:`md_link` write Markdown: no value can open an
  HTML tag, an entity, a link, an image, emphasis, code or an autolink.
* :func:`html_text`, :func:`html_attr` and :func:`html_link` write HTML.
* :func:`csv_cell` stops a spreadsheet from running a cell as a formula.
* :func:`csp_hash` and :func:`content_security_policy` build a strict
  Content-Security-Policy that allows a page's own inline code by hash.
* :func:`script_json` writes JSON that is safe inside a ``<script>`` element.
* :func:`plain_text` keeps line breaks and drops other control characters
  (for iCalendar and other plain-text formats).

>>> check_url("https://example.org/a?b=1#c")
'https://example.org/a?b=1#c'
>>> is_safe_url("javascript:alert(1)")
False
>>> md_text("<b>[x](y)</b> & *z*")
'&lt;b&gt;\\\\[x\\\\](y)&lt;/b&gt; &amp; \\\\*z\\\\*'
>>> csv_cell("=1+1"), csv_cell("plain")
("'=1+1", 'plain')
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from typing import Final

from ._errors import UnsafeURL
from ._links import SCHEMES, check_url, is_safe_url

__all__ = [
    "FORMULA_STARTS",
    "SCHEMES",
    "UnsafeURL",
    "check_url",
    "content_security_policy",
    "csp_hash",
    "csv_cell",
    "csv_uncell",
    "html_attr",
    "html_link",
    "html_text",
    "is_safe_url",
    "md_link",
    "md_text",
    "one_line",
    "plain_text",
    "script_json",
]

#: A CSV cell starting with one of these is one a spreadsheet may run as a formula (OWASP's list).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

# -- text without control characters -------------------------------------------------------

_LINE_BREAKS: Final = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """``text`` with every line break as ``"\\n"`` and other control characters (tab aside) as U+FFFD.

    >>> plain_text("a\\r\\nb\\rc\\x00d\\x1b[31m")
    'a\\nb\\nc\\ufffdd\\ufffd[31m'
    """
    return _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """``text`` on one line: every line break a space, other control characters (tab aside) U+FFFD.

    >>> one_line("a\\r\\nb\\x00")
    'a b\\ufffd'
    """
    return _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub(" ", text))


# -- Markdown -------------------------------------------------------------------------------

# Backslash escapes that both CommonMark and Python-Markdown honour; entities for the rest.
_MD_ESCAPES: Final = {
    **{ch: "\\" + ch for ch in "\\`*_[]#{}"},
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "~": "&#126;",
    "|": "&#124;",
    "^": "&#94;",
    "\t": " ",
}
_MD_TABLE: Final = str.maketrans(_MD_ESCAPES)
_MD_LIST_START: Final = re.compile(r"([+\-])|(\d+)([.)])")


def md_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, on one line.

    ``<``, ``>`` and ``&`` become entities, so no HTML tag, comment or entity
    can start; every character that can open a link, an image, emphasis,
    code, an autolink, a footnote, a heading, a table or strikethrough is
    escaped (with ``[`` escaped, ``!`` and parentheses cannot start
    anything).  Line breaks become spaces and control characters U+FFFD.

    Where a line starts is the caller's business: Python-Markdown reads any
    line that starts with ``[x]:`` and ends with ``)`` or a quote as a link
    definition, whatever is escaped in it (see :func:`md_link`).  A leading ``-``, ``+``,
    ``1.`` or ``1)`` is escaped too, so the text cannot start a list.

    >>> md_text("![img](javascript:x) `code` ~~gone~~")
    '!\\\\[img\\\\](javascript:x) \\\\`code\\\\` &#126;&#126;gone&#126;&#126;'
    >>> md_text("- 1. two\\nlines")
    '\\\\- 1. two lines'
    """
    out = one_line(text).translate(_MD_TABLE)
    m = _MD_LIST_START.match(out)
    if m is not None:
        out = "\\" + out if m.group(1) else m.group(2) + "\\" + out[m.end(2) :]
    return out


_MD_URL_CHARS: Final = {"(": "%28", ")": "%29", "'": "%27"}
_ENTITY_LIKE: Final = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _md_url(url: str) -> str:
    # Parentheses, which delimit a Markdown link target, and "'", which Python-Markdown takes for the
    # start of a link title, are percent-encoded (the same URL to a browser); so is an '&' that would
    # start an entity, so that no renderer decodes one.
    url = _ENTITY_LIKE.sub("%26", url)
    return "".join(_MD_URL_CHARS.get(ch, ch) for ch in url)


def md_link(label: str, url: str) -> str:
    """A Markdown link to a checked URL (:func:`check_url`), with an escaped label.

    Do not end a line that starts with ``[...]:`` with it: Python-Markdown
    would read that line as a link definition (end it with a ``.``).

    >>> md_link("NASA [*]", "https://example.org/a_(b)")
    '[NASA \\\\[\\\\*\\\\]](https://example.org/a_%28b%29)'
    """
    return f"[{md_text(label)}]({_md_url(check_url(url))})"


# -- HTML --------------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content: ``&``, ``<``, ``>`` and both quotes become references.

    Control characters other than tab and line breaks become U+FFFD.

    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(_CONTROLS.sub("\ufffd", text), quote=True)


def html_attr(text: str) -> str:
    """``text`` escaped for a quoted HTML attribute value (either quote); line breaks become ``&#10;``.

    >>> html_attr('" onmouseover="x')
    '&quot; onmouseover=&quot;x'
    """
    return html_text(plain_text(text)).replace("\n", "&#10;")


def html_link(label: str, url: str) -> str:
    """An ``<a>`` element to a checked URL (:func:`check_url`), with an escaped label.

    >>> html_link("A & B", "https://example.org/?a=1&b=2")
    '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">A &amp; B</a>'
    """
    return f'<a href="{html_attr(check_url(url))}" rel="noopener noreferrer">{html_text(label)}</a>'


_SCRIPT_JSON: Final = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` appears raw.

    >>> script_json({"a": "</script><script>alert(1)</script>"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.translate(_SCRIPT_JSON)


def csp_hash(script_text: str) -> str:
    """The CSP source expression that allows one inline ``<script>`` (or ``<style>``): ``'sha256-...'``.

    The hash is over the element's exact text (UTF-8), between the tags.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(script_text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(
    scripts: Iterable[str] = (), styles: Iterable[str] = (), *, data_images: bool = False
) -> str:
    """A strict Content-Security-Policy that allows only these inline scripts and styles, by hash.

    Nothing else loads or runs: no other script, style, image, frame, font,
    form target, plugin or ``<base>``.  ``data_images=True`` also allows
    images written into the page as ``data:`` URLs (a picture embedded in
    the page; still nothing from the network).  Put it in the
    ``Content-Security-Policy`` header, or in a ``<meta http-equiv>`` element
    before any script.

    >>> content_security_policy(scripts=["go()"])  # doctest: +ELLIPSIS
    "default-src 'none'; script-src 'sha256-...'; style-src 'none'; base-uri 'none'; form-action 'none'"
    >>> content_security_policy(data_images=True).endswith("img-src data:")
    True
    """
    script_src = " ".join(dict.fromkeys(csp_hash(s) for s in scripts)) or "'none'"
    style_src = " ".join(dict.fromkeys(csp_hash(s) for s in styles)) or "'none'"
    policy = f"default-src 'none'; script-src {script_src}; style-src {style_src}; base-uri 'none'; form-action 'none'"
    return policy + ("; img-src data:" if data_images else "")


# -- CSV ---------------------------------------------------------------------------------------

_FORMULA_RE: Final = re.compile("'*[=+\\-@\t\r]")
_NEUTRALISED_RE: Final = re.compile("'+[=+\\-@\t\r]")


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs: a leading ``'`` when ``text`` starts with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return (after any ``'``).

    Negative numbers are neutralised too (``-5`` becomes ``'-5``).  Adding a
    quote also to text that already starts with quotes before such a
    character makes the change reversible: :func:`csv_uncell` undoes it.

    >>> [csv_cell(x) for x in ("-5", "@SUM(A1)", "'=x", "2025-07", "it's")]
    ["'-5", "'@SUM(A1)", "''=x", '2025-07', "it's"]
    """
    return "'" + text if _FORMULA_RE.match(text) else text


def csv_uncell(cell: str) -> str:
    """The text :func:`csv_cell` was given.

    >>> csv_uncell(csv_cell("=1+1")), csv_uncell(csv_cell("'=x")), csv_uncell("'plain")
    ('=1+1', "'=x", "'plain")
    """
    return cell[1:] if _NEUTRALISED_RE.match(cell) else cell
