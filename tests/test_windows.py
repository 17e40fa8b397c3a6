"""Days and ranges as users write them: every date-taking public function reads a day, a month, a
year or an EDTF interval as documented, or refuses the form with a DateParseError; nothing is read as
its first day.

The meaning of an ``on=`` argument (see ``isscoop.SpanLike``): one date is *at some time within it*;
an interval runs from the first possible day of its start to the last possible day of its end, ``..``
unbounded; ``throughout=True`` asks about every day of it.  Functions that need one date refuse an
interval.  Expected answers here come from the record's own dates and plain ``datetime`` arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    DateParseError,
    Meeting,
    MeetingKind,
    Official,
    PartialDate,
    Participation,
    Period,
    Program,
    ProgramKind,
    Source,
    StatusEvent,
    Tenure,
    Tri,
)

from .clitools import run_cli

SRC = Source(id="src", url="https://example.org/", publisher="Example")
NASA = Agency(id="nasa", name="NASA", kind=AgencyKind.SPACE_AGENCY, sources=[SRC])

#: The three forms the issue names, and one a question cannot use (an unknown end).
INTERVAL, OPEN_START, MONTH, UNKNOWN_END = "2025-07-31/2026-01-01", "../2025", "2025-07", "2025-07-31/"


def _tenure(period: str, acting: bool = False) -> Tenure:
    return Tenure(post="Administrator", agency=NASA, period=period, head=True, acting=acting)


def _official(ident: str, period: str, acting: bool = False) -> Official:
    return Official(id=ident, name=ident.title(), tenures=[_tenure(period, acting)], sources=[SRC])


def _meeting(ident: str, date: str, end: str | None = None) -> Meeting:
    kind = MeetingKind.WORKING_LEVEL  # a meeting, not a visit: date questions keep it
    return Meeting(id=ident, title=ident, kind=kind, date=date, end=end, agencies=[NASA], sources=[SRC])


def _agreement(ident: str, start: str, end: str | None = None) -> Agreement:
    return Agreement(
        id=ident,
        title=ident,
        kind=AgreementKind.MEMORANDUM_OF_UNDERSTANDING,
        parties=[NASA],
        end=end,
        events=[StatusEvent(status=AgreementStatus.IN_FORCE, date=start)],
        sources=[SRC],
    )


@pytest.fixture(scope="module")
def ds() -> isscoop.Dataset:
    officials = [
        _official("early", "2019-01-01/2024-12-31"),  # over before every window below but ../2025
        _official("july", "2025-07-10/2025-07-20"),  # inside July 2025 only
        _official("late", "2025-12-01/2026-02-01"),  # meets the interval's end
        _official("after", "2026-01-02/2026-03-01", acting=True),  # one day after the interval
    ]
    meetings = [
        _meeting("m-june", "2025-06-30"),
        _meeting("m-july", "2025-07-15"),
        _meeting("m-aug", "2025-08-01"),
        _meeting("m-jan", "2026-01-01"),
        _meeting("m-jan2", "2026-01-02"),
        _meeting("m-2024", "2024-03-03"),
    ]
    agreements = [_agreement("a-old", "2010-01-01", "2025-07-30"), _agreement("a-new", "2025-07-31")]
    return isscoop.Dataset(
        sources=[SRC], agencies=[NASA], officials=officials, meetings=meetings, agreements=agreements
    )


def _days(text: str) -> tuple[int, int]:
    """First and last day of an on= argument, by hand: ``..`` as far out."""
    if "/" not in text:
        d = PartialDate.parse(text)
        return d.earliest.toordinal(), d.latest.toordinal()
    a, b = text.split("/")
    lo = dt.date.min.toordinal() if a == ".." else PartialDate.parse(a).earliest.toordinal()
    hi = dt.date.max.toordinal() if b == ".." else PartialDate.parse(b).latest.toordinal()
    return lo, hi


def _meets(record_days: tuple[int, int], text: str) -> bool:
    lo, hi = _days(text)
    return record_days[0] <= hi and record_days[1] >= lo


def _within(record_days: tuple[int, int], text: str) -> bool:
    lo, hi = _days(text)
    return record_days[0] <= lo and record_days[1] >= hi


def _span(first: str, last: str) -> tuple[int, int]:
    return dt.date.fromisoformat(first).toordinal(), dt.date.fromisoformat(last).toordinal()


SPANS = {
    "early": _span("2019-01-01", "2024-12-31"),
    "july": _span("2025-07-10", "2025-07-20"),
    "late": _span("2025-12-01", "2026-02-01"),
    "after": _span("2026-01-02", "2026-03-01"),
}
MEETING_DAYS = {
    "m-june": "2025-06-30",
    "m-july": "2025-07-15",
    "m-aug": "2025-08-01",
    "m-jan": "2026-01-01",
    "m-jan2": "2026-01-02",
    "m-2024": "2024-03-03",
}

FORMS = [INTERVAL, OPEN_START, MONTH, "2025", "2025-07-31"]


# -- queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", FORMS)
def test_on_and_heads_read_each_form_as_documented(ds: isscoop.Dataset, text: str) -> None:
    want = {k for k, span in SPANS.items() if _meets(span, text)}
    assert set(ds.officials.on(text).ids) == want
    assert set(ds.officials.heads(of="nasa", on=text).ids) == want
    whole = {k for k, span in SPANS.items() if _within(span, text)}
    assert set(ds.officials.on(text, throughout=True).ids) == whole
    assert set(ds.officials.heads(of="nasa", on=text, throughout=True).ids) == whole
    days = {k: _span(v, v) for k, v in MEETING_DAYS.items()}
    assert set(ds.meetings.on(text).ids) == {k for k, span in days.items() if _meets(span, text)}
    assert len(ds.meetings.on(text, throughout=True)) == len([k for k, span in days.items() if _within(span, text)])


@pytest.mark.parametrize("text", FORMS)
def test_during_with_one_argument_is_that_span(ds: isscoop.Dataset, text: str) -> None:
    assert ds.meetings.during(text).ids == ds.meetings.on(text).ids
    assert ds.officials.during(text).ids == ds.officials.on(text).ids


def test_during_runs_from_the_start_of_its_start_to_the_end_of_its_end(ds: isscoop.Dataset) -> None:
    assert set(ds.meetings.during("2025-07", "2025-08").ids) == {"m-july", "m-aug"}
    # an interval as a side: its start, or its end, counts
    assert set(ds.meetings.during(INTERVAL, "2026-01-02").ids) == {"m-aug", "m-jan", "m-jan2"}
    assert set(ds.meetings.during(None, MONTH).ids) == {"m-2024", "m-june", "m-july"}
    assert ds.meetings.during(None).ids == ds.meetings.ids
    with pytest.raises(DateParseError, match="on or after the start"):
        ds.meetings.during("2026", "2025")


def test_before_and_after_use_the_start_and_the_end_of_an_interval(ds: isscoop.Dataset) -> None:
    assert set(ds.meetings.before(INTERVAL).ids) == {"m-2024", "m-june", "m-july"}
    assert set(ds.meetings.after(INTERVAL).ids) == {"m-jan2"}
    assert set(ds.meetings.before(MONTH).ids) == {"m-2024", "m-june"}
    assert set(ds.meetings.after(MONTH).ids) == {"m-aug", "m-jan", "m-jan2"}
    assert ds.meetings.before(OPEN_START).ids == ()


def test_in_force_reads_each_form(ds: isscoop.Dataset) -> None:
    assert set(ds.agreements.in_force(on=INTERVAL).ids) == {"a-new"}
    assert set(ds.agreements.in_force(on="2025-07").ids) == {"a-old", "a-new"}
    assert set(ds.agreements.in_force(on="2025-07", throughout=True).ids) == set()
    assert set(ds.agreements.in_force(on=OPEN_START).ids) == {"a-old", "a-new"}
    assert ds.agreements.in_force(on=Period.parse(INTERVAL)).ids == ds.agreements.in_force(on=INTERVAL).ids


def test_get_on_takes_an_interval() -> None:
    assert isscoop.agencies.get("Rosaviakosmos", on="2003/2005").id == "roscosmos"
    assert isscoop.agencies.get("Rosaviakosmos", None, on="2010/2020") is None


# -- records ----------------------------------------------------------------------------------------


def test_record_methods_read_each_form() -> None:
    tenure = _tenure("2025-07-10/2025-07-20")
    assert tenure.covers(MONTH).value is Tri.YES
    assert tenure.covers(MONTH, throughout=True).value is Tri.NO
    assert tenure.covers(INTERVAL).value is Tri.NO
    assert tenure.covers(OPEN_START).value is Tri.YES
    assert tenure.covers("2025-07-12/2025-07-18", throughout=True).value is Tri.YES
    period = Period.parse("2025-07-10/2025-07-20")
    assert period.covers(INTERVAL).value is Tri.NO
    assert period.overlaps(OPEN_START, None).value is Tri.YES
    assert period.overlaps(INTERVAL, None).value is Tri.NO
    official = _official("o", "2025-07-10/2025-07-20")
    assert official.tenures_on(MONTH) == official.tenures
    assert official.tenures_on(INTERVAL) == ()
    assert official.active_on(OPEN_START).value is Tri.YES
    assert official.active_on(MONTH, throughout=True).value is Tri.NO
    assert tenure.post_on(INTERVAL) == "Administrator"
    assert NASA.name_on(INTERVAL) == "NASA"
    program = Program(
        id="p",
        name="P",
        kind=ProgramKind.OTHER,
        period="2025-07-10/2025-07-20",
        participations=[Participation(agency=NASA, role="lead")],
        sources=[SRC],
    )
    assert program.includes(NASA, on=MONTH).value is Tri.YES
    assert program.includes(NASA, on=INTERVAL).value is Tri.NO
    assert program.participants(on=OPEN_START) == (NASA,)


def test_agreement_methods_read_each_form() -> None:
    a = _agreement("a", "2025-07-31", "2025-12-31")
    assert a.in_force_on(INTERVAL).value is Tri.YES
    assert a.in_force_on(INTERVAL, throughout=True).value is Tri.NO
    assert a.in_force_on("2025-08/2025-11", throughout=True).value is Tri.YES
    assert a.in_force_on(MONTH).value is Tri.YES
    assert a.in_force_on(OPEN_START).value is Tri.YES
    assert a.status_on(MONTH) is AgreementStatus.IN_FORCE  # by the end of July
    assert a.status_on("2025-07-30") is None
    assert a.status_on(INTERVAL) is AgreementStatus.EXPIRED  # by the end of 2026-01-01
    assert a.parties_on(OPEN_START) == (NASA,)
    assert a.parties_on("../2024") == ()
    assert INTERVAL in a
    assert "2024/2024-06" not in a
    assert Period.parse(INTERVAL) in a  # a Period is read, not silently refused
    assert Period.parse(INTERVAL) in Period.parse("2025/2026")


def test_dataset_timeline_and_the_story_take_intervals() -> None:
    ds = isscoop.dataset()
    a = [r.id for r in ds.timeline("NASA", "Roscosmos", kinds=["meetings"], start="2025-07-31/2026-01-01")]
    b = [r.id for r in ds.timeline("NASA", "Roscosmos", kinds=["meetings"], start="2025-07-31")]
    assert a == b
    c = [r.id for r in ds.timeline("NASA", "Roscosmos", kinds=["meetings"], end=OPEN_START)]
    assert c == [r.id for r in ds.timeline("NASA", "Roscosmos", kinds=["meetings"], end="2025-12-31")]


# -- one date only --------------------------------------------------------------------------------------

ONE_DATE: list[tuple[str, Callable[[str], Any]]] = [
    ("to_partial_date", isscoop.to_partial_date),
    ("PartialDate.parse", PartialDate.parse),
    ("PartialDate.from_text", PartialDate.from_text),
    ("PartialDate.precedes", lambda x: PartialDate.parse("2025").precedes(x)),
    ("Period.between", lambda x: Period.between(x, None)),
    ("Record.claims(stated_before=)", lambda x: isscoop.programs.get("iss").claims("planned_end", stated_before=x)),
]


@pytest.mark.parametrize(("name", "call"), ONE_DATE, ids=[n for n, _ in ONE_DATE])
def test_functions_that_need_one_date_refuse_an_interval(name: str, call: Callable[[str], Any]) -> None:
    for text in (INTERVAL, OPEN_START):
        with pytest.raises(DateParseError, match="interval"):
            call(text)
    call(MONTH)  # a month is one (partial) date


# -- refused forms ------------------------------------------------------------------------------------

SPAN_TAKING: list[tuple[str, Callable[[str], Any]]] = [
    ("Query.on", lambda x: isscoop.meetings.on(x)),
    ("Query.during", lambda x: isscoop.meetings.during(x)),
    ("Query.during(start, end)", lambda x: isscoop.meetings.during(x, "2026")),
    ("Query.before", lambda x: isscoop.meetings.before(x)),
    ("Query.after", lambda x: isscoop.meetings.after(x)),
    ("Query.get(on=)", lambda x: isscoop.agencies.get("Roscosmos", on=x)),
    ("OfficialQuery.heads", lambda x: isscoop.officials.heads(of="NASA", on=x)),
    ("AgreementQuery.in_force", lambda x: isscoop.agreements.in_force(on=x)),
    ("Period.covers", lambda x: Period.parse("2025/2026").covers(x)),
    ("Period.overlaps", lambda x: Period.parse("2025/2026").overlaps(x, None)),
    ("Tenure.covers", lambda x: _tenure("2025/2026").covers(x)),
    ("Tenure.post_on", lambda x: isscoop.officials.get("Bakanov").tenures[0].post_on(x)),
    ("Official.tenures_on", lambda x: isscoop.officials.get("Bakanov").tenures_on(x)),
    ("Agency.name_on", lambda x: isscoop.agencies.get("roscosmos").name_on(x)),
    ("Record.active_on", lambda x: isscoop.meetings.get("bakanov-duffy-2025").active_on(x)),
    ("Program.includes", lambda x: isscoop.programs.get("iss").includes(NASA, on=x)),
    ("Program.participants", lambda x: isscoop.programs.get("iss").participants(on=x)),
    ("Agreement.in_force_on", lambda x: isscoop.agreements.get("seat-swap-2022").in_force_on(x)),
    ("Agreement.status_on", lambda x: isscoop.agreements.get("seat-swap-2022").status_on(x)),
    ("Agreement.parties_on", lambda x: isscoop.agreements.get("seat-swap-2022").parties_on(x)),
    ("Dataset.timeline", lambda x: isscoop.dataset().timeline("NASA", start=x)),
    ("Query.gap_before", lambda x: isscoop.meetings.between("NASA", "Roscosmos").gap_before(x)),
    ("plot.timeline", lambda x: _plot(x)),
]


def _plot(x: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from isscoop import plot

    records = isscoop.dataset().timeline("NASA", "Roscosmos", kinds=["meetings"])
    plot.timeline(records, start=x, end=x if x != UNKNOWN_END else None)
    plt.close("all")


@pytest.mark.parametrize(("name", "call"), SPAN_TAKING, ids=[n for n, _ in SPAN_TAKING])
def test_every_span_taking_function_reads_the_forms_and_refuses_an_unknown_end(
    name: str, call: Callable[[str], Any]
) -> None:
    for text in (INTERVAL, OPEN_START, MONTH):
        call(text)
    for bad in (UNKNOWN_END, "/2025", "2025-07-31T10:00", "July 2025 to August 2025"):
        with pytest.raises(DateParseError):
            call(bad)


def test_a_month_is_never_read_as_its_first_day() -> None:
    q = isscoop.meetings.between("NASA", "Roscosmos")
    assert q.on("2025-07").ids != q.on("2025-07-01").ids
    assert "bakanov-duffy-2025" in q.on("2025-07")
    assert "bakanov-duffy-2025" not in q.on("2025-07-01")


def test_an_unknown_end_is_refused_with_the_reason() -> None:
    with pytest.raises(DateParseError, match=r"the end is left empty, which means unknown"):
        isscoop.meetings.on(UNKNOWN_END)
    with pytest.raises(DateParseError, match=r"the start is left empty"):
        isscoop.officials.heads(of="NASA", on="/2025")


# -- the command line ---------------------------------------------------------------------------------


_run = run_cli


@pytest.mark.parametrize("text", [INTERVAL, OPEN_START, MONTH])
def test_the_cli_reads_the_same_forms(text: str) -> None:
    import json

    status, out, _ = _run(["heads", "NASA", "--on", text, "--json"])
    assert status == 0
    got = {h["official"] for h in json.loads(out)["heads"]}
    assert got == set(isscoop.officials.heads(of="NASA", on=text).ids)
    status, out, _ = _run(["in-force", "--on", text, "--json"])
    assert status == 0
    assert {a["id"] for a in json.loads(out)["agreements"]} == set(isscoop.agreements.in_force(on=text).ids)
    status, out, _ = _run(["export", "records", "--kind", "meetings", "--from", text, "--to", text])
    assert status == 0
    exported = {r["id"] for r in json.loads(out)}
    everything = isscoop.meetings.during(text, text, assume="possible", status=None, visits=True)
    assert exported == set(everything.ids)
    status, out, _ = _run(["timeline", "NASA", "Roscosmos", "--from", text, "--to", text, "--json"])
    assert status == 0


def test_the_cli_throughout_flag() -> None:
    import json

    status, out, _ = _run(["heads", "NASA", "--on", "2025", "--throughout", "--json"])
    assert status == 0 and json.loads(out)["heads"] == []
    status, out, _ = _run(["heads", "NASA", "--on", "2025-08", "--throughout", "--json"])
    assert [h["official"] for h in json.loads(out)["heads"]] == ["sean-duffy"]


@pytest.mark.parametrize("bad", [UNKNOWN_END, "2025-13", "July 2025 to August 2025"])
def test_the_cli_refuses_what_the_api_refuses(bad: str) -> None:
    status, _, err = _run(["heads", "NASA", "--on", bad])
    assert status == 2
    assert "isscoop heads: error: argument --on" in err
