"""Every reason's dates come from the record's own data (or from the question, or the horizon).

A reason that names a date nobody wrote -- the first day of a month written as a day, a signing after
the day asked about, a bound worked out from other dates -- points the reader at a fact that is not
there.  Hypothesis builds records of every kind with partial, qualified, open and unknown dates, asks
them about days, months, years and intervals, and checks each date in each reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Answer,
    Meeting,
    MeetingKind,
    Official,
    PartialDate,
    Participation,
    Period,
    Program,
    ProgramKind,
    StatusEvent,
    Tenure,
)

from .strategies import partial_dates

#: A date as reasons write it: a year, a month, a season or a day, perhaps qualified.
DATE_IN_TEXT = re.compile(r"(?<![\d-])\d{4}(?:-\d{2}){0,2}[~?%]?(?![\d])")

dates = partial_dates(min_year=1990, max_year=2030)
HORIZONS = st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
AGENCY = Agency(id="ag", name="Agency", kind=AgencyKind.SPACE_AGENCY)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.one_of(st.none(), dates))
    end_kind = draw(st.sampled_from(["date", "open", "unknown"]))
    end = draw(dates) if end_kind == "date" else None
    if start is not None and end is not None and start.bounds()[0] > end.bounds()[1]:
        start, end = end, start
    return Period(start=start, end=end, open_end=end_kind == "open")


@st.composite
def questions(draw: st.DrawFn) -> str:
    """A day, month or year, or an interval of them (open at either end)."""
    a = draw(partial_dates(min_year=1985, max_year=2035, qualifiers=False))
    form = draw(st.sampled_from(["one", "interval", "open start", "open end"]))
    if form == "one":
        return str(a)
    if form == "open start":
        return f"../{a}"
    if form == "open end":
        return f"{a}/.."
    b = draw(partial_dates(min_year=1985, max_year=2035, qualifiers=False))
    lo, hi = sorted([a, b], key=lambda d: d.bounds()[0])
    if lo.bounds()[0] > hi.bounds()[1]:
        lo, hi = hi, lo
    return f"{lo}/{hi}"


@st.composite
def tenures(draw: st.DrawFn) -> Tenure:
    return Tenure(
        post="Head",
        agency=AGENCY,
        period=draw(periods()),
        head=True,
        acting=draw(st.booleans()),
        attested=draw(st.lists(dates, max_size=2)),
    )


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    events = []
    for _ in range(draw(st.integers(0, 4))):
        status = draw(st.sampled_from(list(AgreementStatus)))
        if draw(st.booleans()):
            events.append(StatusEvent(status=status, date=draw(dates), party=draw(st.sampled_from([None, AGENCY]))))
        else:
            events.append(StatusEvent(status=status, known_by=draw(dates)))
    return Agreement(
        id="deal",
        title="Deal",
        kind=AgreementKind.CONTRACT,
        parties=[AGENCY],
        signed=draw(st.one_of(st.none(), dates)),
        end=draw(st.one_of(st.none(), dates)),
        events=events,
        horizon=draw(HORIZONS),
    )


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    start = draw(dates)
    end = draw(st.one_of(st.none(), dates))
    if end is not None and end.bounds()[1] < start.bounds()[0]:
        start, end = end, start
    return Meeting(id="m", title="Talks", kind=MeetingKind.VISIT, date=start, end=end, agencies=[AGENCY])


@st.composite
def programs(draw: st.DrawFn) -> Program:
    parts = [Participation(agency=AGENCY, role="partner", period=draw(st.one_of(st.none(), periods())))]
    return Program(
        id="p",
        name="Station",
        kind=ProgramKind.SPACE_STATION,
        period=draw(periods()),
        participations=parts,
        horizon=draw(HORIZONS),
    )


def _own_dates(obj: object) -> Iterator[str]:
    """Every date written in a record: its dates, its periods' ends, its steps, attested days, horizon."""
    if isinstance(obj, PartialDate):
        yield str(obj)
    elif isinstance(obj, dt.date):
        yield obj.isoformat()
    elif isinstance(obj, Period):
        yield from _own_dates(obj.start)
        yield from _own_dates(obj.end)
        yield from _own_dates(obj.ongoing_as_of)
    elif isinstance(obj, tuple):
        for x in obj:
            yield from _own_dates(x)
    elif isinstance(obj, (Tenure, StatusEvent, Participation, Agreement, Meeting, Program, Official, Agency)):
        for name in getattr(type(obj), "__attrs_attrs__", ()):
            if name.name not in ("agency", "party", "parties", "agencies", "sources", "statements"):
                yield from _own_dates(getattr(obj, name.name))


def _check(answer: Answer, record: object, question: str) -> None:
    allowed = set(_own_dates(record)) | set(DATE_IN_TEXT.findall(question))
    for found in DATE_IN_TEXT.findall(answer.reason):
        assert found in allowed, (found, answer, question, sorted(allowed))


SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(tenures(), HORIZONS, questions(), st.booleans())
def test_tenure_reasons(tenure: Tenure, horizon: dt.date | None, question: str, throughout: bool) -> None:
    official = Official(id="o", name="O", tenures=[tenure], horizon=horizon)
    t = official.tenures[0]
    _check(t.covers(question, throughout=throughout), official, question)
    _check(official.active_on(question, throughout=throughout), official, question)
    _check(t.period.covers(question, throughout=throughout), official, question)


@SETTINGS
@given(agreements(), questions(), st.booleans())
def test_agreement_reasons(deal: Agreement, question: str, throughout: bool) -> None:
    _check(deal.in_force_on(question, throughout=throughout), deal, question)


@SETTINGS
@given(meetings(), questions(), st.booleans())
def test_meeting_reasons(meeting: Meeting, question: str, throughout: bool) -> None:
    _check(meeting.active_on(question, throughout=throughout), meeting, question)


@SETTINGS
@given(programs(), questions())
def test_program_reasons(program: Program, question: str) -> None:
    _check(program.includes(AGENCY, on=question), program, question)
    _check(program.active_on(question), program, question)


@SETTINGS
@given(st.one_of(st.none(), dates), HORIZONS, questions())
def test_agency_reasons(founded: PartialDate | None, horizon: dt.date | None, question: str) -> None:
    agency = Agency(id="a", name="A", kind=AgencyKind.SPACE_AGENCY, founded=founded, horizon=horizon)
    _check(agency.active_on(question), agency, question)
