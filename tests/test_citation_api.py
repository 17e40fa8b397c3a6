"""Per-fact citation, revisions, visits and roles, on small hand-made records.

The bundled data's own check (every stated value has a source of its own)
is in ``test_citations.py``.
"""

from __future__ import annotations

import io
import json

import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Claim,
    CrewMember,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Milestone,
    Official,
    Participation,
    Program,
    ProgramKind,
    Rank,
    Revision,
    Role,
    Source,
    Tenure,
)
from isscoop.export import from_records, to_records

A = Source(id="src-a", url="https://example.org/a", publisher="Example A")
B = Source(id="src-b", url="https://example.org/b", publisher="Example B")
C = Source(id="src-c", url="https://example.org/c", publisher="Example C (copy on Mirror)")


def _agency(**changes: object) -> Agency:
    fields: dict[str, object] = {
        "id": "nasa",
        "name": "National Aeronautics and Space Administration",
        "acronym": "NASA",
        "kind": AgencyKind.SPACE_AGENCY,
        "country": "US",
        "founded": "1958-07-29",
        "sources": (A, B),
        "cites": {"name": (A,), "acronym": (A,), "kind": (A,), "country": (A,), "founded": (B,)},
    }
    fields.update(changes)
    return Agency(**fields)  # type: ignore[arg-type]


def test_sources_for_a_field_is_its_own_citation() -> None:
    nasa = _agency()
    assert nasa.sources_for("founded") == (B,)
    assert nasa.sources_for("name") == (A,)
    assert set(nasa.sources_for("founded")) < set(nasa.sources)
    assert nasa.uncited() == ()
    assert dict(nasa.citations())["founded"] == (B,)


def test_a_field_with_no_citation_has_no_sources() -> None:
    nasa = _agency(cites={"name": (A,)})
    assert nasa.sources_for("founded") == ()
    assert set(nasa.uncited()) == {"kind", "acronym", "country", "founded"}


def test_cites_must_name_fields_of_the_record() -> None:
    with pytest.raises(isscoop.InvalidRecord, match="cites"):
        _agency(cites={"foundd": (A,)})
    with pytest.raises(isscoop.UnknownField, match="field path: expected a field of Agency, got 'nothing'"):
        _agency().sources_for("nothing")


def test_a_claimed_field_is_cited_by_its_preferred_claim() -> None:
    nasa = _agency(
        cites={"name": (A,), "acronym": (A,), "kind": (A,), "country": (A,)},
        statements=(
            Claim(field="founded", value=isscoop.PartialDate.parse("1958-07-29"), rank=Rank.PREFERRED, sources=(B,)),
            Claim(field="founded", value=isscoop.PartialDate.parse("1958-10-01"), rank=Rank.NORMAL, sources=(C,)),
        ),
    )
    assert nasa.sources_for("founded") == (B,)
    assert nasa.sources_for("claims[1]") == (C,)
    assert nasa.uncited() == ()


def _official() -> Official:
    nasa = _agency()
    tenure = Tenure(
        post="Administrator",
        agency=nasa,
        period="2021-05-03/2025-01-20",
        head=True,
        sources=(A,),
        cites={"period.start": (A,), "period.end": (B,)},
        milestones=(Milestone(date="2021-04-29", what="confirmed", sources=(C,)),),
    )
    return Official(id="bill-nelson", name="Bill Nelson", tenures=(tenure,), sources=(A, B, C), cites={"name": (A,)})


def test_nested_values_have_paths() -> None:
    nelson = _official()
    assert nelson.sources_for("tenures[0]") == (A,)
    assert nelson.sources_for("tenures[0].period.start") == (A,)
    assert nelson.sources_for("tenures[0].period.end") == (B,)
    assert nelson.sources_for("tenures[0].period") == (A, B)
    assert nelson.sources_for("tenures[0].milestones[0]") == (C,)
    assert nelson.tenures[0].sources_for("period.end") == (B,)
    assert {p for p, _ in nelson.citations()} == {
        "name",
        "tenures[0]",
        "tenures[0].period.start",
        "tenures[0].period.end",
        "tenures[0].milestones[0]",
    }
    assert nelson.uncited() == ()


def test_a_tenure_bound_without_its_own_citation_is_uncited() -> None:
    nasa = _agency()
    tenure = Tenure(post="Administrator", agency=nasa, period="2021-05-03/..", head=True, sources=(A,))
    nelson = Official(id="x", name="X", tenures=(tenure,), sources=(A,), cites={"name": (A,)})
    assert nelson.uncited() == ("tenures[0].period.start", "tenures[0].period.end")
    whole = Tenure(post="Administrator", agency=nasa, period="2021-05-03/..", sources=(A,), cites={"period": (B,)})
    assert whole.sources_for("period.end") == (B,)


def test_tenure_period_claims() -> None:
    nasa = _agency()
    tenure = Tenure(
        post="Director General",
        agency=nasa,
        period="2021-03-01/..",
        statements=(
            Claim(field="period", value=isscoop.Period.parse("2021-03-01/.."), rank=Rank.PREFERRED, sources=(A,)),
            Claim(field="period", value=isscoop.Period.parse("2021-07/.."), rank=Rank.NORMAL, sources=(B,)),
        ),
    )
    assert [str(c.value) for c in tenure.claims("period")] == ["2021-03-01/..", "2021-07/.."]
    with pytest.raises(isscoop.InvalidRecord, match="preferred claim"):
        Tenure(
            post="x",
            agency=nasa,
            period="2021-07/..",
            statements=(Claim(field="period", value=isscoop.Period.parse("2021-03-01/.."), rank=Rank.PREFERRED),),
        )


def test_list_items_by_id_and_by_position() -> None:
    duffy = Official(id="sean-duffy", name="Sean Duffy", sources=(A,), cites={"name": (A,)})
    bakanov = Official(id="dmitry-bakanov", name="Dmitry Bakanov", sources=(A,), cites={"name": (A,)})
    talks = Meeting(
        id="talks",
        title="Talks",
        kind=MeetingKind.HEADS_OF_AGENCY,
        date="2025-07-31",
        participants=(bakanov, duffy),
        roles=(Role(person=bakanov, role="visitor", sources=(A,)), Role(person=duffy, role="host", sources=(B,))),
        outcomes=("one", "two"),
        sources=(A, B, C),
        cites={"title": (A,), "kind": (A,), "date": (A,), "outcomes": (C,), "outcomes[1]": (B,)},
    )
    assert talks.sources_for("participants[sean-duffy]") == (B,)
    assert talks.sources_for("participants[0]") == (A,)
    assert talks.sources_for("outcomes[0]") == (C,)
    assert talks.sources_for("outcomes[1]") == (B,)
    assert talks.role_of("sean-duffy") == "host"
    assert talks.uncited() == ()
    with pytest.raises(isscoop.InvalidRecord, match="participants"):
        Meeting(
            id="m",
            title="M",
            kind=MeetingKind.WORKING_LEVEL,
            date="2025",
            roles=(Role(person=duffy, role="host"),),
        )


def test_crew_and_participations_cite_their_own_sources() -> None:
    nasa = _agency()
    kim = Official(id="jonny-kim", name="Jonny Kim")
    flight = Program(
        id="soyuz",
        name="Soyuz",
        kind=ProgramKind.CREW_MISSION,
        period="2025-04-08/2025-12-09",
        participations=(
            Participation(
                agency=nasa, role="crew", period="2025-04-08/2025-12-09", sources=(A,), cites={"period": (B,)}
            ),
        ),
        crew=(CrewMember(person=kim, agency=nasa, role="flight engineer", sources=(C,)),),
        sources=(A, B, C),
    )
    assert flight.sources_for("participations[0].period.start") == (B,)
    assert flight.sources_for("participants[nasa]") == (A,)  # the data-file name, by agency id
    assert flight.sources_for("crew[jonny-kim]") == (C,)
    assert set(flight.uncited()) == {"name", "kind", "period.start", "period.end"}


def test_an_undated_program_is_never_going_on() -> None:
    plan = Program(id="p", name="P", kind=ProgramKind.CREW_MISSION)
    ds = isscoop.Dataset(programs=(plan,))
    assert ds.programs.on("1990", assume="possible").ids == ()
    assert not plan.dated


def test_revisions_give_back_the_earlier_value() -> None:
    nasa = _agency()
    duffy = Official(id="sean-duffy", name="Sean Duffy", sources=(A,))
    bakanov = Official(id="dmitry-bakanov", name="Dmitry Bakanov", sources=(A,))
    visit = Meeting(
        id="visit",
        title="Visit",
        kind=MeetingKind.VISIT,
        date="2025-07-29",
        end="2025-08-01~",
        participants=(bakanov,),
        agencies=(nasa,),
        revisions=(Revision(field="participants", value=(bakanov, duffy), superseded_in="2026.12.0"),),
        sources=(A,),
    )
    talks = Meeting(
        id="talks", title="Talks", kind=MeetingKind.HEADS_OF_AGENCY, date="2025-07-31", part_of=visit, agencies=(nasa,),
        participants=(bakanov, duffy), added_in="2026.12.0", sources=(A,),
    )  # fmt: skip
    ds = isscoop.Dataset(
        agencies=(nasa,), officials=(duffy, bakanov), meetings=(visit, talks), sources=(A, B, C), version="2026.12.0"
    )
    old = ds.as_known_on("2026.11.0")
    assert [p.id for p in old.meetings.get("visit").participants] == ["dmitry-bakanov", "sean-duffy"]
    assert old.meetings.get("visit").revisions == ()
    assert "talks" not in old.meetings
    assert [p.id for p in ds.meetings.get("visit").participants] == ["dmitry-bakanov"]
    # date questions answer with held meetings; the visit only when asked for
    assert ds.meetings.on("2025-07-31").ids == ("talks",)
    assert ds.meetings.on("2025-07-31", visits=True).ids == ("talks", "visit")
    assert ds.meetings.get("talks").part_of is ds.meetings.get("visit")
    # revisions, cites and roles survive a round trip through a file
    text = io.StringIO()
    isscoop.dump(ds, text)
    again = isscoop.load(io.StringIO(text.getvalue()))
    assert again == ds
    assert again.as_known_on("2026.11.0") == old
    doc = json.loads(text.getvalue())
    assert doc["meetings"][1]["revisions"][0]["value"] == ["dmitry-bakanov", "sean-duffy"]


def test_revision_of_a_field_the_record_lacks_is_refused() -> None:
    with pytest.raises(isscoop.InvalidRecord, match="revisions"):
        _agency(revisions=(Revision(field="title", value="x", superseded_in="2026.12.0"),))
    with pytest.raises(isscoop.InvalidRecord, match="superseded_in"):
        Revision(field="name", value="x")


def test_meeting_queries_keep_held_meetings_unless_asked() -> None:
    nasa = _agency()
    held = Meeting(id="a", title="A", kind=MeetingKind.HEADS_OF_AGENCY, date="2019-01-14", agencies=(nasa,))
    off = Meeting(
        id="b", title="B", kind=MeetingKind.VISIT, date="2019-02", status=MeetingStatus.CANCELLED, agencies=(nasa,)
    )
    plan = Meeting(id="c", title="C", kind=MeetingKind.HEADS_OF_AGENCY, date="2019", status=MeetingStatus.PLANNED)
    ds = isscoop.Dataset(agencies=(nasa,), meetings=(held, off, plan), sources=(A, B, C))
    assert ds.meetings.during("2019", "2019").ids == ("a",)
    assert ds.meetings.during("2019", "2019", status="planned").ids == ("c",)
    assert ds.meetings.during("2019", "2019", status=None, visits=True).ids == ("a", "b", "c")
    assert ds.meetings.on("2019-02", status=("cancelled",), visits=True, assume="possible").ids == ("b",)
    assert ds.meetings.involving("nasa").ids == ("a", "b")
    with pytest.raises(isscoop.InvalidArgument, match="status: expected 'held', 'planned', 'cancelled'"):
        ds.meetings.on("2019", status="done")


def test_to_records_cites_per_fact_and_reads_back() -> None:
    nasa = _agency()
    ds = isscoop.Dataset(agencies=(nasa,), sources=(A, B, C))
    [row] = to_records(ds)
    assert row["cites"]["founded"][0]["id"] == "src-b"
    assert row["citations"]["founded"] == ["src-b"]
    assert from_records([row, *to_records(ds.sources)]) == ds


def test_a_source_states_its_own_fields() -> None:
    assert A.sources_for("publisher") == (A,)


def test_every_bundled_record_is_hashable_with_its_citations() -> None:
    # frozen records hash; their citations are read into the hashable Cites, not a dict
    ds = isscoop.dataset()
    nasa = ds.agencies.get("NASA")
    overlay = isscoop.merge(ds, isscoop.Dataset(sources=list(nasa.sources), agencies=[nasa]))
    for d in (ds, overlay, ds.as_known_on("2026.11.0")):
        for r in d.records():
            hash(r)
            assert isinstance(getattr(r, "cites", isscoop.Cites()), isscoop.Cites), r.id
