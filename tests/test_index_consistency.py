"""The lazy indexes answer exactly as each record's own three-valued rule.

Agreements answer "in force?" twice: with reasons in ``Agreement._answer``
and as bounds for the index in ``Agreement._spans``; this keeps them agreeing.
"""

from __future__ import annotations

import pytest

import isscoop
from isscoop import Assume, Tri
from isscoop._dates import day_window

DAYS = ["1950", "1992-06-17", "1998-01", "1999", "2001-03-27", "2018-10-10", "2019-02", "2021-04-03",
        "2022-07", "2022-07-14", "2025", "2025-05", "2025-05-15", "2025-07-31", "2026", "2031"]  # fmt: skip
KINDS = ["agencies", "officials", "programs", "meetings", "agreements"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("assume", ["certain", "possible"])
def test_index_matches_each_records_answer(kind: str, assume: Assume) -> None:
    collection = getattr(isscoop.dataset(), kind)
    for day in DAYS:
        lo, hi, label = day_window(day)
        wanted = {
            r.id
            for r in collection
            if (r._answer(lo, hi, label).value is Tri.YES)
            or (assume == "possible" and r._answer(lo, hi, label).value is Tri.UNKNOWN)
        }
        # meetings answer date questions with held meetings by default; every status and visits here
        if kind == "meetings":
            found = collection.on(day, assume=assume, status=None, visits=True)
        else:
            found = collection.on(day, assume=assume)
        assert set(found.ids) == wanted, (kind, day, assume)
        assert len(found) == len(wanted), (kind, day, assume)
        if kind == "meetings":
            held = {r.id for r in collection if r.id in wanted and r.status.value == "held" and r.kind.value != "visit"}
            assert set(collection.on(day, assume=assume).ids) == held, (kind, day, assume)
