"""An agreement's history includes, marked as such, the steps of the agreements that extend, amend or
supersede it."""

from __future__ import annotations

import io
import json

import isscoop
from isscoop import Agency, AgencyKind, Agreement, AgreementKind, AgreementStatus, StatusEvent, Tri

NASA = Agency(id="nasa", name="NASA", kind=AgencyKind.SPACE_AGENCY)


def _deal(
    ident: str,
    *steps: tuple[AgreementStatus, str],
    extends: Agreement | None = None,
    amends: Agreement | None = None,
    supersedes: Agreement | None = None,
) -> Agreement:
    events = [StatusEvent(status=status, date=date) for status, date in steps]
    return Agreement(
        id=ident,
        title=ident,
        kind=AgreementKind.SUPPLEMENT,
        parties=[NASA],
        events=events,
        extends=extends,
        amends=amends,
        supersedes=supersedes,
    )


def test_the_seat_swap_history_shows_its_extensions_in_date_order() -> None:
    swap = isscoop.agreements.get("seat-swap-2022")
    steps = swap.history()
    own = swap.history(extensions=False)
    assert own == tuple(sorted(swap.events, key=StatusEvent.sort_key))
    later = [e for e in steps if e.via is not None]
    assert {e.via for e in later} >= {
        "seat-swap-supplement-2023-07",
        "seat-swap-supplement-2023-12",
        "seat-swap-supplement-2025",
    }
    assert all(e.link == "extends seat-swap-2022" for e in later)
    assert [e.sort_key() for e in steps] == sorted(e.sort_key() for e in steps)
    assert all(e.via is None for e in own)
    assert "[seat-swap-supplement-2025, which extends seat-swap-2022]" in [str(e) for e in steps][-2]
    # the steps of later agreements do not change the agreement's own answers
    assert swap.status_on("2025-07-31") is AgreementStatus.IN_FORCE
    assert swap.in_force_on("2024").value is Tri.YES


def test_extensions_point_at_the_datasets_own_record() -> None:
    swap = isscoop.agreements.get("seat-swap-2022")
    for ident in ("seat-swap-supplement-2023-07", "seat-swap-supplement-2023-12", "seat-swap-supplement-2025"):
        assert isscoop.agreements.get(ident).extends is swap


def test_chains_amendments_and_supersession_are_followed() -> None:
    base = _deal("base", (AgreementStatus.IN_FORCE, "2000"))
    first = _deal("first", (AgreementStatus.SIGNED, "2005"), extends=base)
    second = _deal("second", (AgreementStatus.SIGNED, "2010"), extends=first)
    fix = _deal("fix", (AgreementStatus.AMENDED, "2007"), amends=base)
    new = _deal("new", (AgreementStatus.IN_FORCE, "2020"), supersedes=base)
    ds = isscoop.Dataset(agencies=[NASA], agreements=[base, first, second, fix, new])
    got = [(str(e.date), e.via, e.link) for e in ds.agreements.get("base").history()]
    assert got == [
        ("2000", None, None),
        ("2005", "first", "extends base"),
        ("2007", "fix", "amends base"),
        ("2010", "second", "extends first"),
        ("2020", "new", "supersedes base"),
    ]
    assert [e.via for e in ds.agreements.get("first").history()] == [None, "second"]
    assert ds.agreements.get("second").extends is ds.agreements.get("first")
    assert ds.agreements.get("first").extends is ds.agreements.get("base")
    # outside a dataset, an agreement knows only its own steps
    assert base.history() == base.history(extensions=False)
    assert ds.agreements.get("new").supersedes == base


def test_a_party_filter_applies_to_the_steps_of_extensions_too() -> None:
    esa = Agency(id="esa", name="ESA", kind=AgencyKind.INTERGOVERNMENTAL_ORGANIZATION)
    base = _deal("base", (AgreementStatus.IN_FORCE, "2000"))
    ext = Agreement(
        id="ext",
        title="ext",
        kind=AgreementKind.SUPPLEMENT,
        parties=[NASA, esa],
        extends=base,
        events=[
            StatusEvent(status=AgreementStatus.SIGNED, date="2005", party=esa),
            StatusEvent(status=AgreementStatus.SIGNED, date="2006", party=NASA),
        ],
    )
    ds = isscoop.Dataset(agencies=[NASA, esa], agreements=[base, ext])
    assert [str(e.date) for e in ds.agreements.get("base").history("esa")] == ["2005"]
    assert ds.agreements.get("base").history("esa", extensions=False) == ()


def test_extension_marks_are_not_written_to_files_and_a_new_supplement_joins_over_the_bundled_data() -> None:
    out = io.StringIO()
    isscoop.dump(isscoop.dataset(), out)
    assert '"via"' not in out.getvalue() and '"link"' not in out.getvalue()
    overlay = {
        "format_version": 1,
        "sources": [{"id": "src-new", "url": "https://example.org/new", "publisher": "Example"}],
        "agreements": [
            {
                "id": "seat-swap-supplement-2026",
                "title": "Another supplement",
                "kind": "supplement",
                "parties": ["nasa", "roscosmos"],
                "extends": "seat-swap-2022",
                "history": [{"status": "signed", "date": "2026-02"}],
                "sources": ["src-new"],
            }
        ],
    }
    ds = isscoop.load(io.StringIO(json.dumps(overlay)), include_bundled=True)
    assert "seat-swap-supplement-2026" in {e.via for e in ds.agreements.get("seat-swap-2022").history()}
    bundled = isscoop.agreements.get("seat-swap-2022").history()
    assert "seat-swap-supplement-2026" not in {e.via for e in bundled}
    assert ds.agreements.get("seat-swap-supplement-2026").extends is ds.agreements.get("seat-swap-2022")
