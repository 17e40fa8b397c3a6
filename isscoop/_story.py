"""The HTML story page, published as :func:`isscoop.export.to_html`: one offline file a journalist can send as it is.

The page holds the cited timeline of the records, the timeline picture (a
PNG written into the page, when matplotlib is installed), the claims with
who stated them, when and on whose authority, and numbered footnotes for
the sources.  It loads nothing and runs nothing: no script at all, its one
stylesheet allowed by hash under a strict Content-Security-Policy, the
picture a ``data:`` image.  Every value is escaped with :mod:`isscoop.safe`
and every link target checked.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from ._args import check_flag, check_text
from ._dates import in_words
from ._errors import MissingExtra
from ._export import Items, _event_words, events_of, records_of
from ._model import Claim, Event, Record, Source, originals_first
from .safe import content_security_policy, html_attr, html_link, html_text

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["to_html"]

#: The page's only style (allowed by its hash).
STYLE: Final = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #222; max-width: 62rem; margin: 2rem auto;
       padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.lede, .legend, .note { color: #555; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
ol.timeline { list-style: none; padding: 0; }
ol.timeline li { margin: 0.4rem 0; padding-left: 12rem; text-indent: -12rem; }
ol.timeline .when { display: inline-block; width: 11.5rem; text-indent: 0; font-weight: bold; }
sup a { text-decoration: none; }
.footnotes { font-size: 0.9rem; }
.footnotes li:target, li:target { background: #fff6d5; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
td, th { border-bottom: 1px solid #eee; padding: 0.3rem; text-align: left; vertical-align: top; }
"""


class _Notes:
    """Numbered footnotes, with a back link from each footnote to every place that cites it."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.sources: list[Source] = []
        self.uses: dict[str, int] = {}

    def marks(self, sources: Iterable[Source]) -> str:
        out = []
        for s in originals_first(sources):
            if s.id not in self.numbers:
                self.numbers[s.id] = len(self.numbers) + 1
                self.sources.append(s)
            n = self.numbers[s.id]
            self.uses[s.id] = self.uses.get(s.id, 0) + 1
            out.append(f'<sup><a href="#fn-{n}" id="ref-{n}-{self.uses[s.id]}">[{n}]</a></sup>')
        return "".join(out)

    def html(self) -> str:
        items = []
        for s in self.sources:
            n = self.numbers[s.id]
            when = f", {s.published.in_words()}" if s.published else ""
            back = " ".join(f'<a href="#ref-{n}-{k}">&#8617;</a>' for k in range(1, self.uses[s.id] + 1))
            link = html_link(s.title or s.url, s.url)
            items.append(f'<li id="fn-{n}">{html_text(s.credit + when)}: {link} {back}</li>')
        return '<ol class="footnotes">\n' + "\n".join(items) + "\n</ol>"


def _picture(records: list[Record | Source]) -> tuple[str, bool]:
    """The timeline picture as an ``<img>`` with a ``data:`` PNG, or a note saying what is missing."""
    try:
        from . import plot

        fig = plot.timeline(records)
    except MissingExtra:
        note = 'The picture needs matplotlib: pip install "isscoop[plot]", then export again.'
        return f'<p class="note" id="no-picture">{html_text(note)}</p>', False
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    alt = "Timeline picture: agencies as lanes, heads' tenures and agreements as bars, meetings as points."
    return f'<figure><img src="data:image/png;base64,{data}" alt="{html_attr(alt)}"></figure>', True


def _event_html(e: Event, notes: _Notes) -> str:
    when = _event_words(e)
    return (
        f'<li data-edtf="{html_attr(str(e.start) + ("/" + str(e.end) if e.end else ""))}">'
        f'<span class="when">{html_text(when)}</span> <strong>{html_text(e.headline)}</strong>. '
        f"{html_text(e.text)} {notes.marks(e.sources)}</li>"
    )


def _claim_rows(records: list[Record | Source], notes: _Notes) -> list[str]:
    rows = []
    for r in records:
        if not isinstance(r, Record):
            continue
        claims: list[Claim] = sorted(r.claims(), key=lambda c: c.field)
        for c in claims:
            rows.append(
                f"<tr><td>{html_text(r.label)}</td><td>{html_text(c.field.replace('_', ' '))}</td>"
                f"<td>{html_text(in_words(c.value))}</td><td>{html_text(str(c.rank))}</td>"
                f"<td>{html_text(c.attribution())}</td><td>{notes.marks(c.sources)}</td></tr>"
            )
    return rows


def to_html(items: Items | Dataset, *, title: str = "isscoop story", picture: bool = True) -> str:
    """One self-contained HTML page telling the story of ``items``, with its sources.

    The page has the timeline of the records in date order (dates in words,
    the EDTF in each line's ``data-edtf``), the timeline picture (a PNG
    inside the page; with ``picture=False``, or without matplotlib, a note
    says it is left out), every claim with who stated it and when, and
    numbered footnotes that link back to where they are cited.  It uses no
    network and runs no script: open it in a browser or send it as it is.

    >>> import isscoop
    >>> from isscoop.export import to_html
    >>> page = to_html(isscoop.meetings.between("NASA", "Roscosmos"), title="NASA and Roscosmos", picture=False)
    >>> page.startswith("<!doctype html>"), "<script" in page, 'id="fn-1"' in page
    (True, False, True)
    """
    check_text(title, "title")
    check_flag(picture, "picture")
    records = records_of(items)
    notes = _Notes()
    events = sorted(events_of(records), key=lambda e: (e.start.sort_key(), e.order, e.uid))
    timeline = [_event_html(e, notes) for e in events]
    claims = _claim_rows(records, notes)
    figure, drawn = _picture(records) if picture else ('<p class="note" id="no-picture">No picture.</p>', False)
    counts = f"{len(events)} dated events from {len(records)} records"
    legend = (
        "Dates are as precise as their sources: a month stays a month, and a date that is only "
        "about right says so. A claim is one source's version of a value where sources disagree: "
        "preferred (the version the data follows), normal (another version, kept) or deprecated "
        "(kept, but believed wrong). Numbers in brackets are the sources, listed at the end."
    )
    body = [
        f"<h1>{html_text(title)}</h1>",
        f'<p class="lede">{html_text(counts)}, from the isscoop dataset.</p>',
        f'<p class="legend">{html_text(legend)}</p>',
        figure,
        "<h2>Timeline</h2>",
        '<ol class="timeline">',
        *timeline,
        "</ol>",
    ]
    if claims:
        body += [
            "<h2>Claims: where sources disagree</h2>",
            "<table><thead><tr><th>Record</th><th>Field</th><th>Value</th><th>Rank</th><th>Stated</th>"
            "<th>Sources</th></tr></thead><tbody>",
            *claims,
            "</tbody></table>",
        ]
    body += ["<h2>Sources</h2>", notes.html()]
    body.append(
        '<p class="note">Data: isscoop dataset (The isscoop developers), CC BY 4.0; '
        "the sources of each fact are listed with it.</p>"
    )
    csp = content_security_policy(styles=[STYLE], data_images=drawn)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html_attr(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
