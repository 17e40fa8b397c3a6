"""The brief that ``python -m isscoop`` prints: what the data holds, then the NASA–Roscosmos story.

Also the pieces the command line shares with it: the legend of date marks
and claim ranks, and the numbering of sources (:class:`Citer`), which lists
each fact's sources with the original publishers first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Final

from ._dataset import Dataset
from ._dates import in_words
from ._model import KINDS, Agreement, DatedName, Entry, Milestone, Record, Source, StatusEvent, Tenure, originals_first

#: One line that explains the date marks, the claim ranks and the source markers.
LEGEND: Final = (
    "Legend: 2025-07 a month, 2028~ about 2028, 2025-01-28? uncertain, 2012/.. still going, 1992/ end unknown, "
    "/2019 start unknown; claims ranked preferred (the version followed), normal (another version, kept) or "
    "deprecated (kept, believed wrong); [n] a source, listed at the end."
)


class Citer:
    """Numbers sources in order of first use, for ``[n]`` markers and the list at the end."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.cited: list[Source] = []

    def marks(self, sources: Iterable[Source]) -> str:
        """``[1][2]`` for every one of ``sources``, original publishers first."""
        out = []
        for s in originals_first(sources):
            if s.id not in self.numbers:
                self.numbers[s.id] = len(self.numbers) + 1
                self.cited.append(s)
            out.append(f"[{self.numbers[s.id]}]")
        return "".join(out)

    def lines(self) -> list[str]:
        """The list of the sources cited so far, numbered."""
        if not self.cited:
            return []
        return ["", "Sources:", *(f"  [{self.numbers[s.id]}] {source_line(s)}" for s in self.cited)]


def source_line(s: Source) -> str:
    """A source for readers: ``"Reuters, via Daily8, 4 April 2021: https://..."``."""
    return s.reference()


def fact_words(value: object) -> str:
    """A fact's value as a reader says it: dates in words, a post with its period, a step with its day."""
    if isinstance(value, Tenure):
        acting = "Acting " if value.acting and not value.post.lower().startswith("acting") else ""
        return f"{acting}{value.post}, {value.agency.label}, {value.period.in_words(ongoing='still in office')}"
    if isinstance(value, StatusEvent):
        when = value.date.in_words() if value.date is not None else f"by {in_words(value.known_by)}"
        who = f" ({value.party.label})" if value.party else ""
        end = f", to {value.end.in_words()}" if value.end else ""
        return f"{when}: {value.status.label}{who}{end}"
    if isinstance(value, Milestone):
        return f"{value.date.in_words()}: {value.what}"
    if isinstance(value, DatedName):
        return f"{value.name} ({value.period.in_words()})"
    return in_words(value)


def story(ds: Dataset, a: str = "nasa", b: str = "roscosmos") -> list[Entry]:
    """Timeline entries about agencies ``a`` and ``b``, in date order.

    Steps on the same day come in their lifecycle order (signed before in
    force, launch before docking), and a gap in the recorded succession of
    an agency's heads is an entry of its own (kind ``"gap"``).
    """
    pair = frozenset({a, b})
    records: list[Record] = list(ds.officials)
    records += ds.meetings.between(a, b)
    records += [ag for ag in ds.agreements if _concerns(ag, pair)]
    records += [p for p in ds.programs if pair <= {x.agency.id for x in p.participations}]
    entries = [e for r in records for e in r.entries(pair) if e.kind != "tenure-end"]
    entries += succession_gaps(ds, [a, b])
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.order, e.text))


def succession_gaps(ds: Dataset, agencies: Iterable[str]) -> list[Entry]:
    """Where the data does not say who headed an agency between two recorded heads.

    Each gap is an entry dated at the next head's start, ordered before it.
    """
    out = []
    for agency in agencies:
        heads: list[tuple[Tenure, str]] = sorted(
            ((t, o.name) for o in ds.officials for t in o.tenures if t.head and t.agency.id == agency and t.start),
            key=lambda x: x[0].start.sort_key() if x[0].start else (0, 0, 0),
        )
        for (t, name), (nxt, next_name) in itertools.pairwise(heads):
            assert nxt.start is not None
            assert t.start is not None
            if t.period.open_end:
                continue
            label = t.agency.label
            if t.end is None:
                text = (
                    f"Gap in the record: {name} headed {label} from {t.start.in_words()}, end unknown; "
                    f"no head is recorded until {next_name}"
                )
            elif t.end.bounds()[1] + 1 < nxt.start.bounds()[0]:
                text = (
                    f"Gap in the record: no head of {label} is recorded from {t.end.in_words()} "
                    f"until {nxt.start.in_words()}"
                )
            else:
                continue
            out.append(Entry(date=nxt.start, kind="gap", text=text, sources=(), order=-1))
    return out


def _concerns(ag: Agreement, pair: frozenset[str]) -> bool:
    ids = {p.id for p in ag.parties}
    return pair <= ids or {"united-states", "russia"} <= ids


def render(ds: Dataset, *, width: int = 100) -> str:
    """The whole brief as text."""
    lines = [
        f"isscoop dataset {ds.version or '(unversioned)'}",
        "  "
        + ", ".join(f"{len(getattr(ds, n))} {n}" for n in [*(c.collection for c in KINDS[1:]), KINDS[0].collection]),
        f"  Checked to {ds.horizon.isoformat()}, its horizon: what is still going on then is unknown after it.",
        "  Covers: NASA-Roscosmos contacts 2018-2026, among them the July 2025 visit and talks; the heads of NASA,",
        "  Roscosmos, ESA, JAXA, CSA, CNSA and ISRO since 2018; the integrated-crew flights from 2022; ISS",
        "  end-of-life statements; the 1998 ISS agreements, the seat swap, the Artemis Accords and the ILRS.",
        "  Dates are shown at their own precision; each line cites the pages that state it.",
        "  " + LEGEND,
        "",
        "NASA and Roscosmos, in date order:",
    ]
    cite = Citer()
    for e in story(ds):
        when = "..." if e.kind == "gap" else str(e.date)
        lines.append(f"  {when:<11} {e.text} {cite.marks(e.sources)}".rstrip())
    lines += cite.lines()
    return "\n".join(lines) + "\n"
