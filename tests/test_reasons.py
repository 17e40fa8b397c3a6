"""Reasons name the fact that decided an answer, and only facts of the record asked about."""

from __future__ import annotations

import isscoop
from isscoop import Tri


def test_a_recorded_participant_outside_the_period_is_not_called_unrecorded() -> None:
    crew12 = isscoop.programs.get("crew-12")
    nasa = isscoop.agencies.get("nasa")
    answer = crew12.includes(nasa, on="2025-07-31")
    assert answer.value is Tri.NO
    assert "not recorded" not in answer.reason
    assert answer.reason == "starts 2026-02-13, after 2025-07-31"


def test_an_agency_that_is_not_a_participant_is_called_unrecorded() -> None:
    crew12 = isscoop.programs.get("crew-12")
    answer = crew12.includes(isscoop.agencies.get("jaxa"), on="2026-02-20")
    assert answer.value is Tri.NO
    assert answer.reason == "JAXA is not recorded as a participant in Crew-12"


def test_the_accords_reason_names_a_step_taken_by_the_day_asked_about() -> None:
    accords = isscoop.agreements.get("artemis-accords")
    answer = accords.in_force_on("2025-08-01")
    assert answer.value is Tri.UNKNOWN
    assert "2025-10-27" not in answer.reason
    assert answer.reason == "signed (2025-07-24); no entry into force is recorded"  # Senegal, the last before the day
    assert "2025-10-27" in accords.in_force_on("2025-11").reason
