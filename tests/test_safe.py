"""isscoop.safe: link-target checks and escaping, checked against real parsers and renderers."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import isscoop
from isscoop import safe as _safe
from isscoop._errors import IsscoopError

from .hostile import RENDERERS, Parsed

# -- link targets ---------------------------------------------------------------------------------

GOOD_URLS: Final = (
    "https://example.org",
    "http://example.org/",
    "HTTPS://EXAMPLE.ORG/A",
    "https://example.org:8443/a/b?c=d&e=f#g",
    "https://78.ru./news/2025-02-06/x",
    "https://ru.wikipedia.org/wiki/Роскосмос",
    "https://пример.рф/путь",
    "https://[2001:db8::1]:8080/x",
    "https://192.0.2.1/x",
    "https://example.org/a_(b)",
    "https://example.org/?q={{{x}}}|^",
    "https://example.org/a%20b'c",
    "https://sub_domain.example.org/",
)

BAD_URLS: Final = (
    ("javascript:document.title='PWN2'", "scheme is javascript:"),
    ("JavaScript:alert(1)", "scheme is javascript:"),
    ("java\tscript:alert(1)", "control"),
    (" javascript:alert(1)", "space"),
    ("javascript\x00:alert(1)", "control"),
    ("data:text/html,<script>alert(1)</script>", "'<'"),
    ("data:text/html;base64,PHNjcmlwdD4=", "scheme is data:"),
    ("file:///etc/passwd", "scheme is file:"),
    ("vbscript:msgbox(1)", "scheme is vbscript:"),
    ("ftp://example.org/x", "scheme is ftp:"),
    ("mailto:a@example.org", "scheme is mailto:"),
    ("/relative/path", "relative"),
    ("relative.html", "relative"),
    ("//example.org/x", "relative"),
    ("#top", "relative"),
    ("https:example.org", "no host"),
    ("https:/example.org", "no host"),
    ("https:///x", "no host"),
    ("http://", "no host"),
    ("https://?x", "no host"),
    ("https://user:pw@example.org/", "user name or password"),
    ("https://example.org@evil.example/", "user name or password"),
    ("https://exa mple.org/", "space"),
    ("https://example.org/\u202egnp.exe", "format"),
    ("https://example.org/\u200b", "format"),
    ("https://example.org/a\nb", "control"),
    ("https://example.org/\x7f", "control"),
    ("https://example.org\\evil.example/", "'\\\\'"),
    ('https://example.org/"onmouseover="x', "'\"'"),
    ("https://example.org/`x`", "'`'"),
    ("https://example.org/<x>", "'<'"),
    ("https://[not-ipv6]/", "IPv6"),
    ("https://[::1]x/", "after the IPv6"),
    ("https://example.org:99999/", "port"),
    ("https://example.org:8o/", "port"),
    ("https://exa%6dple.org/", "host name"),
    ("https://.example.org/", "host name"),
    ("https://example..org/", "host name"),
    ("", "empty"),
)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_good_urls_are_accepted_unchanged(url: str) -> None:
    assert _safe.check_url(url) is url
    assert _safe.is_safe_url(url)


@pytest.mark.parametrize(("url", "reason"), BAD_URLS, ids=[repr(u) for u, _ in BAD_URLS])
def test_bad_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(_safe.UnsafeURL) as info:
        _safe.check_url(url)
    assert reason in info.value.reason
    assert info.value.url == url
    assert isinstance(info.value, ValueError) and isinstance(info.value, IsscoopError)
    assert "expected an absolute http or https URL" in str(info.value)
    assert not _safe.is_safe_url(url)


@pytest.mark.parametrize("value", [None, 1, b"https://example.org", ["https://example.org"]])
def test_non_strings_are_refused(value: object) -> None:
    assert not _safe.is_safe_url(value)
    with pytest.raises(_safe.UnsafeURL, match="not a string"):
        _safe.check_url(value)  # type: ignore[arg-type]


def test_every_bundled_source_url_passes() -> None:
    for s in isscoop.sources:
        assert _safe.is_safe_url(s.url), s.url


@given(st.text(max_size=60))
@example("https://x")
@example("http://a.b/c")
def test_an_accepted_url_is_http_or_https_with_a_host_and_nothing_hidden(url: str) -> None:
    if not _safe.is_safe_url(url):
        with pytest.raises(_safe.UnsafeURL):
            _safe.check_url(url)
        return
    parts = urlsplit(url)
    assert parts.scheme.lower() in ("http", "https")
    assert url.lower().startswith(("http://", "https://"))
    assert parts.netloc and parts.hostname and "@" not in parts.netloc
    assert not any(unicodedata.category(ch)[0] in "CZ" for ch in url)
    assert not set(url) & set('"<>\\`')


_HOST_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9\-]{0,10}[a-z0-9])?", fullmatch=True)
_PATH_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"), exclude_characters='"<>\\`'
)


@st.composite
def urls(draw: st.DrawFn) -> str:
    """Absolute http(s) URLs with ASCII hosts and any printable path, query and fragment."""
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    host = ".".join(draw(st.lists(_HOST_LABEL, min_size=1, max_size=3)))
    port = draw(st.sampled_from(["", ":8080", ":1"]))
    tail = draw(st.text(_PATH_CHARS, max_size=30))
    return f"{scheme}://{host}{port}/{tail}"


@given(urls())
def test_generated_urls_are_accepted(url: str) -> None:
    assert _safe.check_url(url) == url


# -- plain text -------------------------------------------------------------------------------------


@given(st.text())
def test_plain_text_keeps_only_newlines_and_tabs_of_the_control_characters(text: str) -> None:
    out = _safe.plain_text(text)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in out)
    assert "\r" not in out and "\u2028" not in out
    if not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", text):
        assert out == text


# -- Markdown ---------------------------------------------------------------------------------------


def _shown(text: str) -> str:
    """The text a reader should see for ``md_text(text)``: one line, no control characters."""
    return _safe.one_line(text).replace("\t", " ")


MD_TRICKS: Final = (
    "<script>document.title='PWN'</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![img](https://example.org/x.png)",
    "<https://example.org>",
    "<a@example.org>",
    "*em* **strong** _em_ __strong__ ***both***",
    "`code` ``co`de``",
    "~~strike~~ ~single~",
    "a | b | c",
    "&amp; &lt;b&gt; &#60;script&#62; &#x3C;",
    "[ref]: https://example.org",
    "[ref][] [ref] [^1]",
    "\\*not em\\* \\\\",
    "a\\",
    "<!-- comment --> <![CDATA[x]]> <?php ?>",
    "line one\nline two\r\nthree\rfour\u2028five",
    "trailing two spaces  \nnext",
    "\x02wzxhzdk:0\x03 \x00 \x1b[31m",
    "\u202eevil\u202c \u2066isolate\u2069",
    "{: .class} {#id}",
    "$x$ ^sup^ ==mark==",
)
MD_LINE_STARTS: Final = (
    "# heading",
    "## heading ##",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "12) item",
    "٣. item",
    "---",
    "***",
    "___",
    "- - -",
    "=== ",
    "[x]: https://example.org",
    "<div>",
    "```",
    "~~~",
    "| a | b |",
    "[^1]: note",
)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("text", MD_TRICKS + MD_LINE_STARTS)
def test_md_text_renders_as_the_text_itself(renderer: str, text: str) -> None:
    for doc, want in ((f"a {_safe.md_text(text)} z", f"a {_shown(text)} z"), (_safe.md_text(text), _shown(text))):
        parsed = Parsed(RENDERERS[renderer](doc))
        assert [tag for tag, _ in parsed.tags] == ["p"], (doc, parsed.tags)
        assert parsed.text.strip() == want.strip(), doc


@given(st.text(max_size=40))
@example("a & b < c > d")
@example("1. x")
def test_md_text_renders_as_the_text_itself_in_every_renderer(text: str) -> None:
    doc = f"a {_safe.md_text(text)} z"
    for name, render in RENDERERS.items():
        parsed = Parsed(render(doc))
        assert [tag for tag, _ in parsed.tags] == ["p"], (name, doc, parsed.tags)
        assert parsed.text.strip() == f"a {_shown(text)} z", (name, doc)


@given(url=urls(), label=st.text(min_size=1, max_size=20))
@example(url="https://example.org/a_(b)?c=1&amp;d=2&e", label="[x](javascript:alert(1))")
@example(url="https://example.org/?q={x}|y^", label="`")
@example(url="https://example.org/#'x", label="l")
def test_md_link_renders_one_link_to_the_same_url(url: str, label: str) -> None:
    # Text after the link that could close a link title, had the URL opened one.
    tail = _safe.md_text(" 'x' ) \" y\" )")
    doc = f"see {_safe.md_link(label, url)} here{tail}"
    for name, render in RENDERERS.items():
        parsed = Parsed(render(doc))
        assert [tag for tag, _ in parsed.tags] == ["p", "a"], (name, doc, parsed.tags)
        href = parsed.tags[1][1]["href"]
        assert href is not None
        # Renderers may percent-encode what they like; decoded, it is the same URL.
        assert unquote(href) == unquote(url), (name, doc, href)
        assert parsed.text.strip() == f"see {_shown(label)} here 'x' ) \" y\" )", (name, doc)


@given(publisher=st.text(min_size=1, max_size=30), url=urls())
@example(publisher="javascript:x (y)", url="https://example.org/a")
@example(publisher="<script>x('y')</script>", url="https://example.org/a")
@example(publisher='javascript:x "y"', url="https://example.org/a")
def test_a_footnote_line_is_never_read_as_a_link_definition(publisher: str, url: str) -> None:
    # The shape of to_markdown's footnotes: the publisher's text comes first on a line that starts with [^n]:.
    doc = f"text [^1]\n\n[^1]: {_safe.md_text(publisher)}: {_safe.md_link('label', url)}.\n"
    for name, render in RENDERERS.items():
        hrefs = [a.get("href") or "" for tag, a in Parsed(render(doc)).tags if tag == "a"]
        assert [h for h in hrefs if not h.startswith("#")] and all(
            h.startswith("#") or unquote(h) == unquote(url) for h in hrefs
        ), (name, doc, hrefs)


def test_md_link_refuses_an_unsafe_url() -> None:
    with pytest.raises(_safe.UnsafeURL):
        _safe.md_link("x", "javascript:alert(1)")


# -- HTML -------------------------------------------------------------------------------------------


@given(st.text())
@example('"><script>alert(1)</script>')
@example("' onmouseover='alert(1)")
@example("&lt;b&gt; &amp;")
def test_html_text_and_attr_read_back_as_the_text(text: str) -> None:
    page = f"<p title=\"{_safe.html_attr(text)}\" data-x='{_safe.html_attr(text)}'>{_safe.html_text(text)}</p>"
    parsed = Parsed(page)
    assert [tag for tag, _ in parsed.tags] == ["p"]
    attrs = parsed.tags[0][1]
    want_attr = _safe._CONTROLS.sub("\ufffd", _safe.plain_text(text))
    assert attrs == {"title": want_attr, "data-x": want_attr}
    assert parsed.text == _safe._CONTROLS.sub("\ufffd", text)


@given(url=urls(), label=st.text(max_size=20))
def test_html_link_has_one_href_to_the_url(url: str, label: str) -> None:
    parsed = Parsed(_safe.html_link(label, url))
    assert [tag for tag, _ in parsed.tags] == ["a"]
    assert parsed.tags[0][1] == {"href": url, "rel": "noopener noreferrer"}
    with pytest.raises(_safe.UnsafeURL):
        _safe.html_link(label, "data:text/html,x")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(json_values)
@example("</script><script>alert(1)</script>")
@example({"a": "<!--", "b": "\u2028\u2029"})
def test_script_json_is_the_same_json_with_nothing_html_can_see(value: Any) -> None:
    text = _safe.script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def test_csp_hash_is_the_sha256_of_the_utf8_text() -> None:
    import base64
    import hashlib

    for script in ("", "document.title = 'ok';", "\n  window.x = 'é';\n"):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert _safe.csp_hash(script) == f"'sha256-{digest}'"
    # Known answer for the empty script, as browsers' consoles print it.
    assert _safe.csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_content_security_policy_allows_only_the_hashes() -> None:
    policy = _safe.content_security_policy(scripts=["a()", "a()", "b()"], styles=["p{}"])
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"{_safe.csp_hash('a()')} {_safe.csp_hash('b()')}"
    assert directives["style-src"] == _safe.csp_hash("p{}")
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'none'" in _safe.content_security_policy()


# -- CSV --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("-5 °C", "'-5 °C"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ("'=x", "''=x"),
        ("''-x", "'''-x"),
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("2025-07-31", "2025-07-31"),
        ("a=b", "a=b"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (" =x", " =x"),
    ],
)
def test_csv_cell(text: str, cell: str) -> None:
    assert _safe.csv_cell(text) == cell
    assert _safe.csv_uncell(cell) == text


@given(st.text())
def test_csv_cell_never_starts_with_a_formula_character_and_is_reversible(text: str) -> None:
    cell = _safe.csv_cell(text)
    assert not cell.startswith(_safe.FORMULA_STARTS)
    assert _safe.csv_uncell(cell) == text
    assert cell in (text, "'" + text)
    out = io.StringIO()
    csv.writer(out).writerow([cell, "x"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [cell, "x"]


# -- link targets in data files and in records built in Python ---------------------------------------


def _source_file(tmp_path: Any, url: str) -> Any:
    doc = {
        "format_version": 1,
        "sources": [
            {"id": "fine", "url": "https://example.org/fine", "publisher": "Fine"},
            {"id": "own", "url": url, "publisher": "Me"},
        ],
    }
    path = tmp_path / "overlay.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


NON_EMPTY_BAD_URLS: Final = [(u, r) for u, r in BAD_URLS if u]  # an empty string is a "wrong type" problem


@pytest.mark.parametrize(("url", "reason"), NON_EMPTY_BAD_URLS, ids=[repr(u) for u, _ in NON_EMPTY_BAD_URLS])
def test_loading_a_bad_link_target_is_a_problem_with_file_line_and_path(tmp_path: Any, url: str, reason: str) -> None:
    path = _source_file(tmp_path, url)
    with pytest.raises(isscoop.DatasetError) as info:
        isscoop.load(path, include_bundled=False)
    [problem] = info.value.problems
    assert problem.path == "$.sources[1].url"
    assert problem.file == str(path)
    text = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and text[problem.line - 1].strip() == "{"
    assert '"id": "own"' in text[problem.line]
    assert problem.message.startswith("unsafe link target") and reason in problem.message
    assert problem.expected == "an absolute http or https URL"
    assert f"{path}:{problem.line}: $.sources[1].url: unsafe link target" in str(info.value)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_loading_a_good_link_target_works(tmp_path: Any, url: str) -> None:
    ds = isscoop.load(_source_file(tmp_path, url), include_bundled=False)
    assert ds.sources[1].url == url


def test_the_schema_refuses_what_is_not_http_or_https() -> None:
    import jsonschema  # type: ignore[import-untyped,unused-ignore]

    validator = jsonschema.Draft202012Validator(isscoop.schema())
    for url, ok in (("https://example.org/a", True), ("javascript:alert(1)", False), ("/relative", False)):
        doc = {"format_version": 1, "sources": [{"id": "s", "url": url, "publisher": "p"}]}
        assert not list(validator.iter_errors(doc)) if ok else list(validator.iter_errors(doc)), url


@pytest.mark.parametrize(("url", "reason"), BAD_URLS[:12], ids=[repr(u) for u, _ in BAD_URLS[:12]])
def test_a_source_built_in_python_refuses_a_bad_link_target(url: str, reason: str) -> None:
    with pytest.raises(isscoop.InvalidRecord, match=r"Source\.url: expected an absolute http or https URL") as info:
        isscoop.Source(id="s", url=url, publisher="P")
    assert info.value.field == "url"
