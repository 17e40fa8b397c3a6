"""What readers and their programs get: exports opened by real clients, and reader text without EDTF marks.

* the HTML story page in headless Chromium: it renders, logs no error,
  every footnote link resolves, the picture loads, and a screenshot is
  taken;
* TimelineJS itself (its npm package, from local files) shows the bundled
  export with no error, a slide per event, sources on every slide;
* a second iCalendar parser (``ics``), DuckDB's ``read_csv_auto`` and
  ``read_csv`` with the documented types, and a GraphML round trip through
  networkx;
* no reader-facing text of any export shows a raw EDTF mark (``2025-07``,
  ``2030~``, ``2025-01-28?``, ``2012/..``, ``1992/``), while the
  machine-readable fields keep the EDTF.

Chromium and TimelineJS are needed for the browser tests; ``.ci/run``
installs both.  Without them those tests are skipped, except under CI
(``CI=true``), where they fail.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

import pytest

import isscoop
from isscoop import export
from isscoop import safe as _safe

from .browser import Browser, headless, require

TIMELINEJS: Final = Path(__file__).resolve().parent / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
SHOTS: Final = Path(os.environ.get("ISSCOOP_SCREENSHOTS", "")) if os.environ.get("ISSCOOP_SCREENSHOTS") else None

#: Raw EDTF in running text: an ISO-like date, a qualifier after a digit, an interval slash or "..".
EDTF_MARK: Final = re.compile(r"\b\d{4}-\d{2}\b|\d[~?%](?!\w)|\d/|/\d|/\.\.|\.\./|\b\d{2,3}XX?\b")


def edtf_marks(text: str) -> list[str]:
    """The raw EDTF marks in a reader-facing text (an empty list when there are none)."""
    return EDTF_MARK.findall(text)


def test_the_mark_finder_finds_marks() -> None:
    for raw in ("2025-07", "2030~", "2025-01-28?", "2012/..", "(1992-02-25/)", "/2019", "201X"):
        assert edtf_marks(raw), raw
    for words in ("July 2025", "about 2030", "28 January 2025 (uncertain)", "from 2012, still going", "the 2010s"):
        assert edtf_marks(words) == [], words


def reader_text(text: str, ds: isscoop.Dataset) -> str:
    """``text`` without the sources' own words (a publisher may be "CSA 2020-21 Departmental Plan") and URLs:
    what isscoop itself wrote there."""
    # longest first across all sources, so that a short publisher name cannot cut into another's URL
    every = {words for s in ds.sources for words in (s.publisher, s.credit, s.title or "", s.url) if words}
    for words in sorted(every, key=len, reverse=True):
        text = text.replace(words, " ")
    return re.sub(r"https?://\S+", " ", text)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with headless() as b:
        yield b


class _Text(HTMLParser):
    """The text of an HTML fragment, without tags or attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    return " ".join(parser.parts)


# -- the HTML story page ---------------------------------------------------------------------------------

STORY_CHECK: Final = """
(async () => {
  await new Promise((done) => setTimeout(done, 200));
  const local = [...document.querySelectorAll('a[href^="#"]')];
  const missing = local.map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id));
  const img = document.querySelector("figure img");
  return {
    title: document.title,
    local: local.length,
    missing,
    footnotes: document.querySelectorAll("ol.footnotes li").length,
    events: document.querySelectorAll("ol.timeline li").length,
    claims: document.querySelectorAll("tbody tr").length,
    picture: img ? img.complete && img.naturalWidth > 0 : null,
    scripts: document.querySelectorAll("script").length,
    external: [...document.querySelectorAll("[src]")].map((e) => e.getAttribute("src").slice(0, 11))
      .filter((src) => !src.startsWith("data:image/")),
    styled: getComputedStyle(document.body).maxWidth,
    text: document.body.innerText,
  };
})()
"""


def test_story_page_in_chromium(bundled: isscoop.Dataset, browser: Browser, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    ds = bundled
    records = [*ds.meetings.between("NASA", "Roscosmos"), *ds.agreements.between("NASA", "Roscosmos")]
    records += [ds.programs.get("ISS"), ds.programs.get("Crew-11")]
    page = export.to_html(records, title="NASA and Roscosmos")
    path = tmp_path / "story.html"
    path.write_text(page, encoding="utf-8")
    shot = (SHOTS or tmp_path) / "story.png"
    report = browser.run(path.as_uri(), STORY_CHECK, screenshot=str(shot))
    value = report.value
    assert report.exceptions == () and report.dialogs == ()
    assert report.console == ()
    assert [line for line in report.log if "Refused" in line or "error" in line.lower()] == [], report.log
    assert value["title"] == "NASA and Roscosmos"
    assert value["missing"] == [] and value["local"] >= 2 * value["footnotes"] > 0  # marks and back links
    assert value["events"] == sum(len(list(r.timeline())) for r in records)
    assert value["claims"] >= 17  # the ISS end-of-life statements, the meeting place...
    assert value["picture"] is True
    assert value["scripts"] == 0 and value["external"] == []
    assert value["styled"] != "none"  # the stylesheet, allowed by its hash, applied
    assert edtf_marks(reader_text(value["text"], ds)) == [], edtf_marks(reader_text(value["text"], ds))
    assert "stated by Bill Nelson, 31 December 2021" in value["text"]
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000


def test_story_page_without_matplotlib_says_so(bundled: isscoop.Dataset) -> None:
    page = export.to_html(bundled.meetings.between("NASA", "Roscosmos"), picture=False)
    assert 'id="no-picture"' in page and "<img" not in page and "img-src" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and "default-src &#x27;none&#x27;" in csp.group(1)


def test_export_html_command(tmp_path: Path) -> None:
    from isscoop.cli import main

    out = tmp_path / "story.html"
    assert main(["export", "html", "--kind", "meetings", "--between", "NASA", "Roscosmos", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


# -- TimelineJS itself ------------------------------------------------------------------------------------

TIMELINE_PAGE: Final = """<!doctype html><html><head><meta charset="utf-8"><title>timeline</title>
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><div id="timeline" style="width: 1000px; height: 650px"></div>
<script type="application/json" id="data">{data}</script>
<script>
  const doc = JSON.parse(document.getElementById("data").textContent);
  window.timeline = new TL.Timeline("timeline", doc, {{hash_bookmark: false, language: "en"}});
</script></body></html>
"""
TIMELINE_CHECK: Final = """
(async () => {
  await new Promise((done) => setTimeout(done, 1500));
  const slides = [...document.querySelectorAll(".tl-slide")];
  return {
    slides: slides.length,
    texts: slides.map((s) => s.innerText),
    dates: [...document.querySelectorAll(".tl-headline-date")].map((d) => d.innerText),
  };
})()
"""


def test_timelinejs_renders_the_bundled_export(bundled: isscoop.Dataset, browser: Browser, tmp_path: Path) -> None:
    require(
        "TimelineJS (npm ci in tests/js)",
        (TIMELINEJS / "js" / "timeline.js").is_file() and (TIMELINEJS / "css" / "timeline.css").is_file(),
    )
    doc = export.to_timelinejs(bundled, title="Everything")
    page = TIMELINE_PAGE.format(
        css=(TIMELINEJS / "css" / "timeline.css").as_uri(),
        js=(TIMELINEJS / "js" / "timeline.js").as_uri(),
        data=_safe.script_json(doc),
    )
    path = tmp_path / "timeline.html"
    path.write_text(page, encoding="utf-8")
    report = browser.run(path.as_uri(), TIMELINE_CHECK, screenshot=str((SHOTS or tmp_path) / "timelinejs.png"))
    assert report.exceptions == () and report.dialogs == ()
    assert [c for c in report.console if "error" in c.lower() or "warn" in c.lower()] == [], report.console
    value = report.value
    assert value["slides"] == len(doc["events"]) + 1
    for text in value["texts"][1:]:  # every event's slide names its sources
        assert "Sources:" in text, text[:200]
    shown = reader_text("\n".join(value["texts"] + value["dates"]), bundled)
    assert edtf_marks(shown) == [], edtf_marks(shown)[:10]


def test_timelinejs_spans_and_open_ends(bundled: isscoop.Dataset) -> None:
    doc = export.to_timelinejs(bundled)
    by_id = {e["unique_id"]: e for e in doc["events"]}
    isaacman = next(e for e in doc["events"] if e["unique_id"].startswith("jared-isaacman"))
    assert "end_date" in isaacman and isaacman["display_date"] == "from 18 December 2025, still in office"
    assert isaacman["edtf"] == {"start": "2025-12-18", "end": ""}
    year_only = by_id["isaacman-bakanov-2026"]
    assert year_only["end_date"]["month"] == 12 and year_only["end_date"]["day"] == 31  # all of 2026, not 1 January
    for e in doc["events"]:  # what readers see has no EDTF; the machine-readable field keeps it
        seen = [e["display_date"], visible(e["text"]["headline"]), visible(e["text"]["text"]), e["credit"]]
        seen += [d["display_date"] for d in (e["start_date"], e.get("end_date")) if d]
        assert edtf_marks(reader_text(" | ".join(seen), bundled)) == [], (e["unique_id"], seen)
        isscoop.PartialDate.parse(e["edtf"]["start"])


def test_timelinejs_says_holds_the_post_once(bundled: isscoop.Dataset) -> None:
    texts = [e["text"]["text"] for e in export.to_timelinejs(bundled)["events"]]
    assert not [t for t in texts if "of Russia of Russia" in t]


# -- Markdown and iCalendar text -------------------------------------------------------------------------------


def test_markdown_reader_text_has_no_edtf(bundled: isscoop.Dataset) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt().render(export.to_markdown(bundled))
    assert edtf_marks(reader_text(visible(rendered).replace("\n", " "), bundled)) == []


def _ics_text_fields(text: str) -> list[str]:
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(text)
    out = []
    for ev in cal.walk("VEVENT"):
        out += [str(ev["summary"]), str(ev["description"])]
    return out


def test_ics_reader_text_has_no_edtf(bundled: isscoop.Dataset) -> None:
    fields = _ics_text_fields(export.to_ics(bundled))
    assert edtf_marks(reader_text(" | ".join(fields), bundled)) == []


def test_ics_second_parser(bundled: isscoop.Dataset) -> None:
    pytest.importorskip("icalendar")
    ics = pytest.importorskip("ics")
    text = export.to_ics(bundled)
    cal = ics.Calendar(text)
    events = sorted(cal.events, key=lambda e: (e.begin, e.name))
    assert len(events) == len(bundled.meetings)
    talks = next(e for e in events if e.name == "Bakanov-Duffy talks")
    assert talks.begin.date().isoformat() == "2025-07-31" and talks.all_day
    month = next(e for e in events if "Planned Rogozin visit" in e.name)
    assert month.name.startswith("[date known only to the month: February 2019]")
    assert month.begin.date().isoformat() == "2019-02-01" and month.end.date().isoformat() == "2019-03-01"
    assert talks.location == "Kennedy Space Center, Florida (US)"


# -- CSV in DuckDB, GraphML in networkx ------------------------------------------------------------------------

#: The types the recipes give DuckDB for an isscoop CSV, so that they stay the same whatever the rows.
DUCKDB_TYPES: Final = {
    "start": "VARCHAR",
    "end": "VARCHAR",
    "start_earliest": "DATE",
    "start_latest": "DATE",
    "end_earliest": "DATE",
    "end_latest": "DATE",
    "open_end": "BOOLEAN",
}


def _duckdb_types(path: Path, types: dict[str, str] | None) -> dict[str, str]:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    try:
        if types is None:
            rel = con.sql(f"SELECT * FROM read_csv_auto('{path}')")
        else:
            rel = con.sql(f"SELECT * FROM read_csv('{path}', header = true, types = {types!r})")
        return {name: str(kind) for name, kind in zip(rel.columns, rel.types, strict=True)}
    finally:
        con.close()


def test_csv_in_duckdb_with_stable_types(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    years = [bundled.meetings.get("isaacman-bakanov-2026"), bundled.meetings.get("isaacman-baikonur-visit-2026")]
    subsets: dict[str, isscoop.Dataset | list[isscoop.Meeting] | isscoop.Query[Any]] = {
        "all": bundled,
        "years only": years,
        "days only": bundled.meetings.filter(kind="heads_of_agency").before("2026"),
        "agreements": bundled.agreements,
    }
    documented = []
    for name, items in subsets.items():
        path = tmp_path / f"{name}.csv"
        export.to_csv(items, path)
        auto = _duckdb_types(path, None)  # read_csv_auto loads every subset
        assert list(auto) == list(export.CSV_COLUMNS), name
        documented.append(_duckdb_types(path, DUCKDB_TYPES))
    assert all(d == documented[0] for d in documented)
    assert documented[0]["start"] == "VARCHAR" and documented[0]["start_earliest"] == "DATE"


def test_csv_day_columns_in_duckdb(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "meetings.csv"
    export.to_csv(bundled.meetings, path)
    con = duckdb.connect()
    try:
        row = con.sql(
            f"SELECT start, start_precision, start_earliest, start_latest FROM read_csv('{path}', header = true, "
            f"types = {DUCKDB_TYPES!r}) WHERE id = 'rogozin-us-visit-2019'"
        ).fetchall()[0]
    finally:
        con.close()
    assert row is not None
    assert (row[0], row[1], row[2].isoformat(), row[3].isoformat()) == ("2019-02", "month", "2019-02-01", "2019-02-28")


def test_graphml_round_trip(bundled: isscoop.Dataset) -> None:
    nx = pytest.importorskip("networkx")
    g = export.to_networkx(bundled)
    text = "\n".join(nx.generate_graphml(g))
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    for node, data in g.nodes(data=True):
        assert back.nodes[node] == data
    edges = {(min(a, b), max(a, b), d["title"], d["start"]) for a, b, d in g.edges(data=True)}
    assert {(min(a, b), max(a, b), d["title"], d["start"]) for a, b, d in back.edges(data=True)} == edges
    seat = [d for _, _, d in back.edges(data=True) if d["title"].startswith("NASA-Roscosmos integrated crew")]
    assert seat and seat[0]["open_end"] is True and seat[0]["start"] == "2022-07-14"


def test_cli_counts_are_true(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("icalendar")
    from isscoop.cli import main

    out = tmp_path / "all.ics"
    assert main(["export", "ics", "-o", str(out)]) == 0
    said = capsys.readouterr()
    meetings = len(isscoop.dataset().meetings)
    assert f"wrote {meetings} meetings as ics" in said.out
    assert "left out" in said.err and "not meetings" in said.err
    assert out.read_text(encoding="utf-8").count("BEGIN:VEVENT") == meetings
    assert main(["export", "timelinejs", "--json", "-o", str(tmp_path / "t.json")]) == 0
    doc = json.loads(capsys.readouterr().out)
    events = len(json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["events"])
    assert doc["wrote"].startswith(f"{events} events from ")


def test_html_escapes_hostile_titles() -> None:
    page = export.to_html([], title="</title><script>alert(1)</script>", picture=False)
    assert "<script>" not in page and html.escape("</title>") in page
