"""Temporal truth: three-valued answers, lifecycles, claims, and "as known on"."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Claim,
    Location,
    Meeting,
    MeetingKind,
    PartialDate,
    Rank,
    Source,
    StatusEvent,
    Tri,
)

from .strategies import partial_dates

# -- three-valued answers -------------------------------------------------------------


def test_month_precision_agreement_is_unknown_inside_its_month_with_a_reason() -> None:
    memo = isscoop.agreements.get("ilrs-power-station-memorandum-2025")
    answer = memo.in_force_on("2025-05-15")
    assert answer.value is Tri.UNKNOWN
    assert "2025-05" in answer.reason
    assert memo.in_force_on("2025-04-30").value is Tri.NO


def test_month_precision_tenure_start_is_unknown_inside_the_month() -> None:
    borisov = isscoop.officials.get("yury-borisov")
    special = [t for t in borisov.tenures if t.agency.id == "russia"]
    assert special, "Borisov's special-representative post is in the data"
    start = special[0].period.start
    assert start is not None and start.precision is isscoop.Precision.MONTH
    answer = special[0].covers(f"{start}-10")
    assert answer.value is Tri.UNKNOWN
    assert answer.reason == f"start known only to the month: {start}"


def test_meeting_order_with_partial_dates() -> None:
    cancelled = isscoop.meetings.get("rogozin-us-visit-2019").date
    assert cancelled.precedes("2019-03-01").value is Tri.YES
    assert cancelled.precedes("2019-02-10").value is Tri.UNKNOWN
    assert cancelled.precedes("2018-10-10").value is Tri.NO


def test_boolean_helpers_never_guess() -> None:
    certain = isscoop.agreements.in_force(on="2025-05-15")
    possible = isscoop.agreements.in_force(on="2025-05-15", assume="possible")
    assert "ilrs-power-station-memorandum-2025" not in certain
    assert "ilrs-power-station-memorandum-2025" in possible
    assert set(certain.ids) <= set(possible.ids)
    with pytest.raises(isscoop.InvalidRecord, match="assume"):
        isscoop.agreements.in_force(on="2025-05-15", assume="likely")  # type: ignore[arg-type]


def test_in_operator_decides_or_raises() -> None:
    swap = isscoop.agreements.get("seat-swap-2022")
    assert "2025-07-31" in swap
    assert "2022-01-01" not in swap
    with pytest.raises(isscoop.Undecidable, match="no entry into force"):
        _ = "2025-05-15" in isscoop.agreements.get("ilrs-power-station-memorandum-2025")
    tenure = isscoop.officials.get("sean-duffy").tenures[1]
    assert "2025-08-01" in tenure.period
    assert "2025-07" in tenure.period  # at some time within July 2025
    assert "2025-07-08" not in tenure.period
    with pytest.raises(isscoop.Undecidable, match="start known only to the month"):
        _ = "2025-02-10" in isscoop.Period.parse("2025-02/2025-05-22")


@given(partial_dates(min_year=1900, max_year=2100), partial_dates(min_year=1900, max_year=2100))
def test_precedes_agrees_with_bounds(a: PartialDate, b: PartialDate) -> None:
    a_lo, a_hi = a.bounds()
    b_lo, b_hi = b.bounds()
    answer = a.precedes(b)
    # some day a could be is before some day b could be, and some is not
    could_precede = a_lo < b_hi
    could_not = a_hi >= b_lo
    if answer.value is Tri.YES:
        assert not could_not
    elif answer.value is Tri.NO:
        assert not could_precede
    else:
        assert could_precede and could_not


@given(
    partial_dates(min_year=1990, max_year=2030, qualifiers=False),
    st.dates(dt.date(1985, 1, 1), dt.date(2035, 12, 31)),
)
def test_covers_agrees_with_the_day_range(start: PartialDate, day: dt.date) -> None:
    period = isscoop.Period(start=start, open_end=True)
    answer = period.covers(day)
    if answer.value is Tri.YES:
        assert start.latest <= day
    elif answer.value is Tri.NO:
        assert start.earliest > day
    else:
        assert start.earliest <= day < start.latest


# -- lifecycles -----------------------------------------------------------------------


def test_understanding_is_only_agreed_in_principle() -> None:
    deal = isscoop.agreements.get("iss-2028-2030-understanding-2025")
    assert deal.status_on("2025-07-30") is None
    assert deal.status_on("2025-07-31") in {AgreementStatus.AGREED_IN_PRINCIPLE, AgreementStatus.PENDING_APPROVAL}
    assert deal.in_force_on("2025-08-15").value is Tri.NO
    assert next(e.status for e in deal.history()) is AgreementStatus.AGREED_IN_PRINCIPLE


def test_party_steps_and_parties_on() -> None:
    accords = isscoop.agreements.get("artemis-accords")
    founders = accords.parties_on("2020-10-13")
    assert "united-states" in {p.id for p in founders}
    assert "hungary" not in {p.id for p in founders}
    assert "hungary" in {p.id for p in accords.parties_on("2025-10-22")}
    assert accords.status_on("2021-01-01", party="ukraine") is AgreementStatus.SIGNED
    assert accords.status_on("2020-11-01", party="ukraine") is None
    # Estonia is known only to have signed by 13 October 2024
    assert "estonia" in {p.id for p in accords.parties_on("2024-10-13")}
    assert "estonia" not in {p.id for p in accords.parties_on("2024-09-30")}
    assert len(accords.parties_on("2025-11-01")) == 59


def test_supplements_extend_the_2022_arrangement() -> None:
    for ident in ("seat-swap-supplement-2023-07", "seat-swap-supplement-2023-12", "seat-swap-supplement-2025"):
        extends = isscoop.agreements.get(ident).extends
        assert extends is not None and extends.id == "seat-swap-2022"


def _agency(ident: str) -> Agency:
    return Agency(id=ident, name=ident.upper(), kind=AgencyKind.SPACE_AGENCY)


def test_expiry_and_termination_end_force() -> None:
    a, b = _agency("aa"), _agency("bb")
    ag = Agreement(
        id="ab",
        title="A-B",
        kind=AgreementKind.MEMORANDUM_OF_UNDERSTANDING,
        parties=(a, b),
        end="2020-12-31",
        events=(
            StatusEvent(status=AgreementStatus.SIGNED, date="2010-05"),
            StatusEvent(status=AgreementStatus.IN_FORCE, date="2010-06-01"),
        ),
    )
    assert ag.in_force_on("2015").value is Tri.YES
    assert ag.in_force_on("2010-05-20").value is Tri.NO
    assert ag.in_force_on("2021-01-01").value is Tri.NO
    assert ag.status_on("2021-01-01") is AgreementStatus.EXPIRED
    ended = attrs.evolve(ag, end=None, events=(*ag.events, StatusEvent(status=AgreementStatus.TERMINATED, date="2018")))
    assert ended.in_force_on("2019-03-01").value is Tri.NO
    assert ended.in_force_on("2018-06-01").value is Tri.UNKNOWN
    assert ended.status_on("2019") is AgreementStatus.TERMINATED


# -- claims ---------------------------------------------------------------------------


def test_conflicts_cover_the_known_disagreements() -> None:
    found = {f"{c.record.id}.{c.field}": c for c in isscoop.conflicts()}
    place = found["bakanov-duffy-2025.location"]
    assert set(place.sides) == {"Kennedy Space Center, Florida (US)", "Houston, Texas (US)"}
    assert all(claim.sources for claim in place.claims)
    framing = found["bakanov-duffy-2025.since_last_heads_meeting"]
    assert {"since 2018", "eight years", "more than seven years"} <= set(framing.sides)
    ends = found["iss.planned_end"]
    assert {"2028", "2030"} <= set(ends.sides)
    swap = found["seat-swap-supplement-2025.end"]
    assert set(swap.sides) == {"2026", "2027"}


def test_plain_attribute_is_the_preferred_claim() -> None:
    talks = isscoop.meetings.get("bakanov-duffy-2025")
    preferred = [c for c in talks.claims("location") if c.rank is Rank.PREFERRED]
    assert len(preferred) == 1 and preferred[0].value == talks.location
    assert preferred[0].reason


def _planned_ends(before: str) -> set[tuple[str, str]]:
    iss = isscoop.programs.get("iss")
    return {
        (c.stated_by.id, str(c.value))
        for c in iss.claims("planned_end", stated_before=before)
        if c.stated_by is not None and c.rank is not Rank.DEPRECATED
    }


def test_iss_planned_end_as_stated_over_time() -> None:
    summer_2022 = _planned_ends("2022-08-01")
    assert ("bill-nelson", "2030") in summer_2022
    assert ("yury-borisov", "2024") in summer_2022
    assert not any(who == "dmitry-bakanov" for who, _ in summer_2022)
    spring_2023 = _planned_ends("2023-05-01")
    assert ("yury-borisov", "2028") in spring_2023
    assert summer_2022 < spring_2023
    summer_2025 = _planned_ends("2025-08-01")
    assert ("dmitry-bakanov", "2028") in summer_2025
    assert spring_2023 < summer_2025
    assert not any(str(v) == "2028" and who == "dmitry-bakanov" for who, v in _planned_ends("2025-07-28"))


def test_claims_of_a_field_without_claims_is_an_error() -> None:
    with pytest.raises(isscoop.InvalidRecord, match="fields with claims"):
        isscoop.meetings.get("bakanov-duffy-2025").claims("title")


# -- as known on ------------------------------------------------------------------------


def _versioned() -> isscoop.Dataset:
    """Release 2026.12.0 corrects a meeting's place and adds a meeting; 2026.11.0 is the first."""
    src = Source(id="src-a", url="https://example.org/a", publisher="Example")
    fix = Source(id="src-b", url="https://example.org/b", publisher="Example")
    nasa = attrs.evolve(_agency("nasa"), sources=(src,))
    houston = Location(place="Houston", country="US")
    ksc = Location(place="Kennedy Space Center", country="US")
    talks = Meeting(
        id="talks",
        title="Talks",
        kind=MeetingKind.HEADS_OF_AGENCY,
        date="2025-07-31",
        agencies=(nasa,),
        location=ksc,
        sources=(src,),
        statements=(
            Claim(field="location", value=houston, rank=Rank.PREFERRED, sources=(src,), superseded_in="2026.12.0"),
            Claim(field="location", value=houston, rank=Rank.DEPRECATED, reason="wrong", sources=(src,),
                  added_in="2026.12.0"),
            Claim(field="location", value=ksc, rank=Rank.PREFERRED, sources=(fix,), added_in="2026.12.0"),
        ),
    )  # fmt: skip
    later = Meeting(
        id="later", title="Later", kind=MeetingKind.VISIT, date="2026-01", sources=(fix,), added_in="2026.12.0"
    )
    return isscoop.Dataset(agencies=(nasa,), meetings=(talks, later), sources=(src, fix), version="2026.12.0")


def test_as_known_on_reproduces_the_earlier_release() -> None:
    ds = _versioned()
    assert ds.meetings.get("talks").location == Location(place="Kennedy Space Center", country="US")
    old = ds.as_known_on("2026.11.0")
    assert old.version == "2026.11.0"
    assert old.meetings.get("talks").location == Location(place="Houston", country="US")
    assert [c.rank for c in old.meetings.get("talks").claims("location")] == [Rank.PREFERRED]
    assert "later" not in old.meetings
    assert ds.as_known_on("2026.12.0") is ds
    # queries answer as they did then
    assert old.meetings.on("2026-01", visits=True).ids == ()
    assert ds.meetings.on("2026-01", visits=True).ids == ("later",)


def test_as_known_on_rejects_future_and_malformed_versions() -> None:
    ds = _versioned()
    with pytest.raises(isscoop.InvalidRecord, match=r"2026\.12\.0 or earlier"):
        ds.as_known_on("2027.1.0")
    with pytest.raises(isscoop.InvalidRecord, match="dataset version"):
        ds.as_known_on("last year")


def test_superseded_claims_are_hidden_unless_asked() -> None:
    talks = _versioned().meetings.get("talks")
    assert len(talks.claims("location")) == 2
    assert len(talks.claims("location", superseded=True)) == 3


def test_versioned_dataset_round_trips_through_files(tmp_path: object) -> None:
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    ds = _versioned()
    isscoop.dump(ds, tmp_path / "all.json")
    again = isscoop.load(tmp_path / "all.json")
    assert again == ds
    assert again.as_known_on("2026.11.0") == ds.as_known_on("2026.11.0")


# -- identity over time ---------------------------------------------------------------


def test_agency_names_over_time() -> None:
    roscosmos = isscoop.agencies.get("roscosmos")
    assert roscosmos.name_on("1995") == "Russian Space Agency"
    assert roscosmos.name_on("2003-05-01") == "Russian Aviation and Space Agency"
    assert roscosmos.name_on("2010") == "Federal Space Agency"
    assert roscosmos.name_on("2020") == "State Corporation for Space Activities Roscosmos"
    assert roscosmos.name_on("1999-08") is None  # the renaming year is known only to the year
    assert isscoop.agencies.get("Rosaviakosmos", on="2003") is roscosmos
    assert isscoop.agencies.get("Rosaviakosmos", None, on="2020") is None
    assert isscoop.agencies.get("roscosmos", on="1995") is roscosmos  # ids are timeless
    with pytest.raises(isscoop.NotFound):
        isscoop.agencies.get("Federal Space Agency", on="2020-06-01")
