"""Hostile data through every export, rendered by real renderers and a real browser: nothing a data file says runs.

A data file puts each payload of :data:`tests.hostile.PAYLOADS` into every
text field of records of every kind.  It is loaded as a user loads a
colleague's file, exported, and:

* Markdown is rendered by Python-Markdown, markdown-it-py and mistune, each
  at its defaults, and each page is opened in headless Chromium;
* TimelineJS JSON is shown by TimelineJS itself (from its npm package, from
  local files) in headless Chromium, and by a plain page that puts its
  HTML into the DOM with ``innerHTML`` (as older TimelineJS versions and
  hand-made embeds do);
* an HTML page written with :mod:`isscoop.safe`'s helpers, under the strict
  Content-Security-Policy they build, is opened in headless Chromium;
* iCalendar is parsed back with icalendar; CSV with the csv module.

In each page, every link that does not lead to an http(s) URL or a fragment
of the page is clicked.  A payload that ran would have set its markers
(``document.title``, a ``PWN<n>`` global, a console message) or opened a
dialog; none may.  Positive controls run the same pages on exports with
the escaping switched off and check that the markers *are* set then, so a
pass means something.

Chromium and TimelineJS are needed; ``.ci/run`` installs both.  Without them
these tests are skipped, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import pytest

import isscoop
from isscoop import _export as export
from isscoop import safe as _safe

from .browser import Browser, PageReport, headless, require
from .hostile import MARK, PAYLOADS, RENDERERS, TEMPLATES, Parsed, hostile_document, js, text_values

ROOT: Final = Path(__file__).resolve().parent.parent
TIMELINEJS: Final = Path(__file__).resolve().parent / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CLEAN_TITLE: Final = "clean page"
BAD_SCHEMES: Final = ("javascript:", "data:", "vbscript:")

#: Payloads that run by themselves once their HTML is live, however it got into the page (the positive controls).
SELF_RUNNING: Final = frozenset(n for n, t in enumerate(TEMPLATES) if t.startswith('<img src=x onerror="{js}'))
#: Payloads that run when their link is followed (the checks follow every link that is not http(s)).
LINK_RUNNING: Final = frozenset(n for n, t in enumerate(TEMPLATES) if t.startswith('<a href="javascript:{js}"'))


# -- fixtures -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "colleague-overlay.json"
    path.write_text(json.dumps(hostile_document(), indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(hostile_file: Path) -> isscoop.Dataset:
    return isscoop.load(hostile_file, include_bundled=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with headless() as b:
        yield b


@pytest.fixture(scope="module")
def timelinejs() -> Path:
    require(
        "TimelineJS (npm ci in tests/js)",
        (TIMELINEJS / "js" / "timeline.js").is_file() and (TIMELINEJS / "css" / "timeline.css").is_file(),
    )
    return TIMELINEJS


@pytest.fixture
def pages(tmp_path: Path) -> Callable[[str, str], str]:
    """Write an HTML page to a file and return its file:// URL."""

    def write(name: str, html: str) -> str:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        return path.as_uri()

    return write


def _page(body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{CLEAN_TITLE}</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


# What a page did, read after it loaded: markers, URL-bearing attributes, event-handler attributes, links.
CHECK: Final = """
(async () => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  await sleep(%(settle)d);
  const urlAttributes = ["href", "src", "action", "formaction", "data", "poster", "xlink:href", "background",
                         "codebase", "cite", "longdesc", "srcset", "ping", "srcdoc"];
  const unsafeTargets = [], handlers = [], followed = [], relative = [], tags = {};
  for (const el of document.querySelectorAll("*")) {
    if (el.closest("[data-harness]")) continue;
    const tag = el.tagName.toLowerCase();
    tags[tag] = (tags[tag] || 0) + 1;
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, "").toLowerCase();
      if (name.startsWith("on")) handlers.push(tag + " " + name);
      if (urlAttributes.includes(name) && /^(javascript|data|vbscript):/.test(value)) {
        unsafeTargets.push(tag + " " + name + "=" + a.value.slice(0, 60));
      }
      if (tag === "meta" && name === "content" && /url=/.test(value)) unsafeTargets.push("meta refresh " + value);
    }
  }
  const links = [...document.querySelectorAll("a, area")].filter(
    (a) => !a.closest("[data-harness]") && (a.hasAttribute("href") || a.hasAttribute("xlink:href")));
  const hrefs = [];
  for (const a of links) {
    const raw = a.getAttribute("href") ?? a.getAttribute("xlink:href");
    let url;
    try { url = new URL(raw, document.baseURI); } catch (e) { relative.push(raw); continue; }
    hrefs.push(url.href);
    if (url.protocol === "http:" || url.protocol === "https:") continue;
    if (url.protocol === location.protocol && url.pathname === location.pathname) continue;  // this page
    if (url.protocol === location.protocol) { relative.push(raw); continue; }
    followed.push(raw.slice(0, 60));
    if (a.click) a.click(); else a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
    await sleep(0);  // let a javascript: link run before the next click replaces its navigation
  }
  await sleep(%(after)d);
  return {
    title: document.title,
    marks: Object.keys(window).filter((k) => k.startsWith("%(mark)s")).sort(),
    unsafeTargets, handlers, followed, relative, tags,
    links: links.length,
    hrefs,
    slides: document.querySelectorAll(".tl-slide").length,
    own: document.documentElement.dataset.own || null,
    text: document.body ? document.body.innerText : "",
  };
})()
"""


def check(browser: Browser, url: str, *, settle: int = 100, after: int = 150) -> tuple[PageReport, dict[str, Any]]:
    report = browser.run(url, CHECK % {"settle": settle, "after": after, "mark": MARK})
    assert isinstance(report.value, dict)
    return report, report.value


def ran(report: PageReport, value: dict[str, Any]) -> set[int]:
    """The numbers of the payloads that ran, by any of their markers."""
    found = {int(m.removeprefix(MARK)) for m in value["marks"] if m.removeprefix(MARK).isdigit()}
    found |= {int(n) for n in re.findall(rf"{MARK}(\d+)", value["title"])}
    for line in (*report.console, *report.exceptions):
        found |= {int(n) for n in re.findall(rf"{MARK}(\d+)", line)}
    return found


def assert_nothing_ran(report: PageReport, value: dict[str, Any]) -> None:
    assert ran(report, value) == set(), f"payloads ran: {sorted(ran(report, value))}"
    assert value["title"] == CLEAN_TITLE
    assert value["marks"] == []
    assert report.dialogs == ()
    assert not [line for line in report.console if MARK in line]
    assert value["unsafeTargets"] == [], value["unsafeTargets"]
    assert value["handlers"] == [], value["handlers"]
    assert value["followed"] == [] and value["relative"] == []
    for tag in ("script", "iframe", "object", "embed", "img", "svg", "math", "form", "input", "video", "base"):
        assert tag not in value["tags"], (tag, value["tags"])


# -- Markdown -------------------------------------------------------------------------------------------


def _markdown(ds: isscoop.Dataset) -> str:
    return export.to_markdown(ds, title=PAYLOADS[0])


def _link_targets(markdown_text: str) -> list[str]:
    """Every link and image target in a Markdown document, as a CommonMark parser sees it (nothing dropped)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt()
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    targets = []
    stack = list(md.parse(markdown_text))
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        for name in ("href", "src"):
            value = token.attrGet(name)
            if value is not None:
                targets.append(str(value))
    return targets


def test_markdown_link_targets_are_only_the_sources(hostile: isscoop.Dataset) -> None:
    text = _markdown(hostile)
    targets = _link_targets(text)
    assert len(targets) == len(re.findall(r"^\[\^\d+\]: ", text, re.M)) == len(hostile.sources)
    assert all(_safe.is_safe_url(t) for t in targets), [t for t in targets if not _safe.is_safe_url(t)]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_rendered_has_no_live_html(hostile: isscoop.Dataset, renderer: str) -> None:
    parsed = Parsed(RENDERERS[renderer](_markdown(hostile)))
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {"h1", "ul", "li", "strong", "p", "a", "sup", "section", "ol", "hr", "div"}, tags
    for tag, attributes in parsed.tags:
        assert not [a for a in attributes if a.startswith("on")], (tag, attributes)
        if tag == "a":
            href = attributes.get("href") or ""
            assert href.startswith(("http://", "https://", "#")), href
    for n, template in enumerate(TEMPLATES):  # every payload is there, as text
        visible = _safe.one_line(template.replace("{js}", js(n))).replace("\t", " ")
        assert visible in parsed.text, (n, template)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_in_a_browser_runs_no_payload(
    hostile: isscoop.Dataset, browser: Browser, pages: Callable[[str, str], str], renderer: str
) -> None:
    url = pages("markdown.html", _page(RENDERERS[renderer](_markdown(hostile))))
    report, value = check(browser, url)
    assert_nothing_ran(report, value)
    assert value["links"] >= len(hostile.sources)
    assert PAYLOADS[1].split('"')[0] in value["text"]  # the payloads are shown as text


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_positive_control_unescaped_payloads_do_run(
    hostile: isscoop.Dataset,
    browser: Browser,
    pages: Callable[[str, str], str],
    renderer: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The escaping switched off, as before this change: the same page must show payloads running.
    monkeypatch.setattr(export, "md_text", lambda text: text.replace("\n", " ").replace("\r", " "))
    url = pages("markdown-unescaped.html", _page(RENDERERS[renderer](_markdown(hostile))))
    report, value = check(browser, url)
    assert ran(report, value) >= SELF_RUNNING | LINK_RUNNING, sorted(ran(report, value))
    assert value["title"].startswith(MARK) and report.dialogs and value["handlers"]


# -- TimelineJS ---------------------------------------------------------------------------------------------


def _timeline(ds: isscoop.Dataset) -> dict[str, Any]:
    return export.to_timelinejs(ds, title=PAYLOADS[0])


def _html_fields(doc: dict[str, Any]) -> list[str]:
    fields = [doc["title"]["text"]["headline"], doc["title"]["text"]["text"]]
    for e in doc["events"]:
        fields += [e["text"]["headline"], e["text"]["text"], e["credit"], e["group"]]
        fields += [d["display_date"] for d in (e["start_date"], e.get("end_date")) if d]
    return fields


def test_timelinejs_html_is_only_isscoop_markup(hostile: isscoop.Dataset) -> None:
    doc = _timeline(hostile)
    links = 0
    for fragment in _html_fields(doc):
        parsed = Parsed(fragment)
        for tag, attributes in parsed.tags:
            assert tag in ("p", "a"), (tag, fragment[:200])
            if tag == "a":
                links += 1
                assert set(attributes) == {"href", "rel"}
                assert _safe.is_safe_url(attributes["href"]), attributes
            else:
                assert attributes == {}
    assert links == sum(len(e.sources) for e in export.events_of(export.records_of(hostile)))
    for e in doc["events"]:
        assert Parsed(e["credit"]).tags == [], e["credit"]  # credit is text: no markup at all
        assert e["credit"].startswith("Sources: ")
    # Every string of the document is either one of these HTML fields or plain data (ids, dates, groups).
    html_strings = set(_html_fields(doc))
    for value in text_values(doc):
        assert value in html_strings or Parsed(value).tags == [], value[:200]


TIMELINE_PAGE: Final = """
<link rel="stylesheet" href="{css}">
<script src="{js}" data-harness></script>
"""
TIMELINE_BODY: Final = """
<div id="timeline" style="width: 1000px; height: 700px"></div>
<script type="application/json" id="data" data-harness>{data}</script>
<script data-harness>
  const doc = JSON.parse(document.getElementById("data").textContent);
  window.timeline = new TL.Timeline("timeline", doc, {{hash_bookmark: false, language: "en"}});
  document.documentElement.dataset.own = "ran";
</script>
"""


def _timeline_page(doc: dict[str, Any], dist: Path) -> str:
    head = TIMELINE_PAGE.format(css=(dist / "css" / "timeline.css").as_uri(), js=(dist / "js" / "timeline.js").as_uri())
    return _page(TIMELINE_BODY.format(data=_safe.script_json(doc)), head)


INNER_HTML_BODY: Final = """
<div id="out"></div>
<script type="application/json" id="data" data-harness>{data}</script>
<script data-harness>
  const doc = JSON.parse(document.getElementById("data").textContent);
  const out = document.getElementById("out");
  const show = (html) => {{ const div = document.createElement("div"); div.innerHTML = html; out.appendChild(div); }};
  show("<h1>" + doc.title.text.headline + "</h1>" + doc.title.text.text);
  for (const e of doc.events) {{
    show("<h2>" + e.text.headline + "</h2>" + e.text.text + "<small>" + e.credit + "</small>");
    show("<time>" + e.start_date.display_date + "</time><span>" + e.group + "</span>");
  }}
  document.documentElement.dataset.own = "ran";
</script>
"""


def test_timelinejs_in_timelinejs_runs_no_payload(
    hostile: isscoop.Dataset, browser: Browser, timelinejs: Path, pages: Callable[[str, str], str]
) -> None:
    doc = _timeline(hostile)
    report, value = check(browser, pages("timeline.html", _timeline_page(doc, timelinejs)), settle=1500)
    assert value["own"] == "ran", report
    assert_nothing_ran(report, value)
    # TimelineJS built a slide for the title and for every event, with its text shown as text.
    assert value["slides"] == len(doc["events"]) + 1
    web = [h for h in value["hrefs"] if h.startswith(("http://", "https://"))]
    assert len(web) == _source_links(hostile) + web.count("https://timeline.knightlab.com/"), Counter(web)


def test_timelinejs_in_a_plain_inner_html_page_runs_no_payload(
    hostile: isscoop.Dataset, browser: Browser, pages: Callable[[str, str], str]
) -> None:
    doc = _timeline(hostile)
    url = pages("inner.html", _page(INNER_HTML_BODY.format(data=_safe.script_json(doc))))
    report, value = check(browser, url)
    assert value["own"] == "ran"
    assert_nothing_ran(report, value)
    assert len(value["hrefs"]) == _source_links(hostile)
    assert all(h.startswith("https://") for h in value["hrefs"])


def _source_links(ds: isscoop.Dataset) -> int:
    """How many source links the TimelineJS text holds."""
    return sum(len(e.sources) for e in export.events_of(export.records_of(ds)))


def _unescaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch the TimelineJS escaping off, as before this change."""
    monkeypatch.setattr(export, "html_text", lambda text: text)
    monkeypatch.setattr(export, "html_link", lambda label, url: f'<a href="{url}">{label}</a>')


def test_timelinejs_positive_control_unescaped_payloads_do_run_in_a_plain_page(
    hostile: isscoop.Dataset, browser: Browser, pages: Callable[[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _unescaped(monkeypatch)
    url = pages("inner-unescaped.html", _page(INNER_HTML_BODY.format(data=_safe.script_json(_timeline(hostile)))))
    report, value = check(browser, url)
    assert ran(report, value) >= SELF_RUNNING | LINK_RUNNING, sorted(ran(report, value))
    assert value["unsafeTargets"] and value["followed"] and report.dialogs


def test_timelinejs_positive_control_the_timeline_page_sees_a_payload_that_gets_through(
    hostile: isscoop.Dataset,
    browser: Browser,
    timelinejs: Path,
    pages: Callable[[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # TimelineJS 3.9 cleans headline and text itself (DOMPurify), so unescaped text alone proves little there.
    # This control checks that the checks work in the TimelineJS page: TimelineJS renders the unescaped
    # export, and a payload then put into that page's DOM by innerHTML is seen running.
    _unescaped(monkeypatch)
    doc = _timeline(hostile)
    page = _timeline_page(doc, timelinejs).replace(
        'document.documentElement.dataset.own = "ran";',
        'document.documentElement.dataset.own = "ran";'
        " for (const e of doc.events) {"
        ' const extra = document.createElement("div"); extra.innerHTML = e.credit; document.body.appendChild(extra); }',
    )
    report, value = check(browser, pages("timeline-unescaped.html", page), settle=1500)
    assert value["own"] == "ran"
    assert ran(report, value) >= SELF_RUNNING, (value["marks"], report.console)


# -- an HTML page written with the helpers, under their Content-Security-Policy -----------------------------

OWN_SCRIPT: Final = 'document.documentElement.dataset.own = "ran";'


def _story_page(ds: isscoop.Dataset, *, escape: bool = True, policy: bool = True) -> str:
    text = _safe.html_text if escape else (lambda s: s)
    attr = _safe.html_attr if escape else (lambda s: s)
    items = []
    for e in sorted(export.events_of(export.records_of(ds)), key=lambda e: e.uid):
        links = ", ".join(
            _safe.html_link(s.publisher, s.url) if escape else f'<a href="{s.url}">{s.publisher}</a>' for s in e.sources
        )
        items.append(
            f'<li id="{attr(e.uid)}" title="{attr(e.headline)}" data-group=\'{attr(e.group)}\'>'
            f"<time>{text(str(e.start))}</time> <b>{text(e.headline)}</b> {text(e.text)} ({links})</li>"
        )
    data = _safe.script_json(export.to_records(ds)[:5])
    csp = _safe.html_attr(_safe.content_security_policy([OWN_SCRIPT]))
    head = f'<meta http-equiv="Content-Security-Policy" content="{csp}">' if policy else ""
    body = (
        f"<h1>{text(PAYLOADS[0])}</h1><ul>{''.join(items)}</ul>"
        f'<script type="application/json" id="data" data-harness>{data}</script>'
        f"<script data-harness>{OWN_SCRIPT}</script>"
    )
    return _page(body, head)


def test_html_helpers_page_under_its_csp_runs_only_its_own_script(
    hostile: isscoop.Dataset, browser: Browser, pages: Callable[[str, str], str]
) -> None:
    report, value = check(browser, pages("story.html", _story_page(hostile)))
    assert value["own"] == "ran"  # the hash lets the page's own script run
    assert_nothing_ran(report, value)
    assert not [line for line in report.log if "Content Security Policy" in line], report.log  # nothing to block


def test_html_helpers_positive_controls(
    hostile: isscoop.Dataset, browser: Browser, pages: Callable[[str, str], str]
) -> None:
    # Unescaped and without the policy, payloads run.
    report, value = check(browser, pages("story-open.html", _story_page(hostile, escape=False, policy=False)))
    assert ran(report, value) >= SELF_RUNNING | LINK_RUNNING, sorted(ran(report, value))
    # Unescaped under the policy: the policy blocks them (and says so), and the page's own script still runs.
    report, value = check(browser, pages("story-csp.html", _story_page(hostile, escape=False)))
    assert value["own"] == "ran"
    assert not ran(report, value)
    assert [line for line in report.log if "Content Security Policy" in line]


# -- iCalendar ----------------------------------------------------------------------------------------------

ICS_PROPERTIES: Final = frozenset(
    {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "URL", "TRANSP"}
    | {"X-ISSCOOP-DATE", "X-ISSCOOP-PRECISION"}
)


def test_ics_text_stays_text(hostile: isscoop.Dataset) -> None:
    icalendar = pytest.importorskip("icalendar")
    text = export.to_ics(hostile, name=PAYLOADS[-2])
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")  # unfolded
    assert len(events) == len(hostile.meetings) == lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    assert str(cal["X-WR-CALNAME"]) == _safe.one_line(PAYLOADS[-2])
    by_uid = {str(e["UID"]): e for e in events}
    for m in hostile.meetings:
        ev = by_uid[f"{m.id}@isscoop"]
        assert set(ev) <= ICS_PROPERTIES, set(ev) - ICS_PROPERTIES
        assert str(ev["SUMMARY"]).endswith(_safe.plain_text(m.title))
        assert str(ev["LOCATION"]) == _safe.plain_text(str(m.location))
        assert str(ev["URL"]) == m.sources[0].url and _safe.is_safe_url(str(ev["URL"]))
    # Every line is one property of ours: nothing a value said became a line of its own.
    names = {re.split(r"[;:]", line, maxsplit=1)[0] for line in lines if line}
    assert names <= ICS_PROPERTIES | {"BEGIN", "END", "PRODID", "VERSION", "X-WR-CALNAME"}, names
    assert [line for line in lines if line.startswith(("BEGIN:", "END:"))] == (
        ["BEGIN:VCALENDAR"] + ["BEGIN:VEVENT", "END:VEVENT"] * len(events) + ["END:VCALENDAR"]
    )
    assert not [line for line in lines if line.startswith("URL:") and not _safe.is_safe_url(line[4:])]
    assert _ics_controls(text) == []


def _ics_controls(text: str) -> list[str]:
    """RFC 5545 allows no control character in a value but tab (lines end with CRLF)."""
    return re.findall("[\x00-\x08\x0a-\x1f\x7f]", text.replace("\r\n", ""))


def test_ics_positive_control_without_plain_text_control_characters_get_through(
    hostile: isscoop.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("icalendar")
    monkeypatch.setattr(export, "plain_text", lambda text: text)
    assert _ics_controls(export.to_ics(hostile))


# -- CSV -----------------------------------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _formula_cells(text: str) -> list[str]:
    return [cell for cell in _cells(text) if cell.startswith(_safe.FORMULA_STARTS)]


def test_csv_has_no_cell_a_spreadsheet_would_run(hostile: isscoop.Dataset) -> None:
    out = io.StringIO()
    export.to_csv(hostile, out)
    assert _formula_cells(out.getvalue()) == []
    rows = export.read_csv(io.StringIO(out.getvalue()))
    labels = {r["id"]: r["label"] for r in rows}
    for m in hostile.meetings:  # read_csv gives the true values back
        assert labels[m.id] == m.title
    # The same through Dataset.to_csv and Query.to_csv.
    for owner in (hostile, hostile.meetings):
        out = io.StringIO()
        owner.to_csv(out)
        assert _formula_cells(out.getvalue()) == []


def test_csv_raw_output_keeps_formulas_and_records_keep_true_values(hostile: isscoop.Dataset) -> None:
    out = io.StringIO()
    export.to_csv(hostile, out, raw=True)
    raw_formulas = _formula_cells(out.getvalue())  # the positive control: the check does find them
    assert {c for c in raw_formulas if c in PAYLOADS} == {p for p in PAYLOADS if p.startswith(_safe.FORMULA_STARTS)}
    labels = {r["id"]: r["label"] for r in export.read_csv(io.StringIO(out.getvalue()), raw=True)}
    assert all(labels[m.id] == m.title for m in hostile.meetings)
    out = io.StringIO()
    hostile.to_csv(out, raw=True)
    assert _formula_cells(out.getvalue()) == raw_formulas
    titles = {r["id"]: r["title"] for r in export.to_records(hostile) if r["type"] == "meeting"}
    assert all(titles[m.id] == m.title for m in hostile.meetings)
    pd = pytest.importorskip("pandas")
    df = export.to_dataframe(hostile)
    assert isinstance(df, pd.DataFrame)
    assert set(df["label"]) >= {p for p in PAYLOADS if p.startswith(_safe.FORMULA_STARTS)}


def test_cli_export_csv_is_formula_safe_unless_raw(hostile_file: Path) -> None:
    command = [sys.executable, "-m", "isscoop", "export", "csv", "--data", str(hostile_file), "--kind", "meetings"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    safe = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    raw = subprocess.run([*command, "--raw"], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    assert len(_cells(safe.stdout)) == len(_cells(raw.stdout)) > len(PAYLOADS)
    assert _formula_cells(safe.stdout) == []
    assert _formula_cells(raw.stdout)
    other = subprocess.run([*command[:4], "markdown", "--raw"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert other.returncode == 2 and "--raw is for csv only" in other.stderr


# -- exports check link targets again ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x", "/relative"])
def test_exports_refuse_a_link_target_smuggled_past_the_model(target: str) -> None:
    meeting = isscoop.meetings.get("bakanov-duffy-2025")
    source = meeting.sources[0]
    url = source.url
    object.__setattr__(source, "url", target)  # what no constructor allows
    try:
        for write in (export.to_markdown, export.to_timelinejs):
            with pytest.raises(_safe.UnsafeURL):
                write([meeting])
        if _has("icalendar"):
            with pytest.raises(_safe.UnsafeURL):
                export.to_ics([meeting])
    finally:
        object.__setattr__(source, "url", url)


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True
