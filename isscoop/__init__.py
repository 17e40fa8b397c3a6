"""isscoop: typed, cited data about international space cooperation.

``import isscoop`` loads no data.  The bundled dataset is read the first time
one of its collections is used:

>>> import isscoop
>>> isscoop.officials.heads(of="Roscosmos", on="2025-07-31").one().name
'Dmitry Bakanov'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._dataset import Conflict, Dataset
    from ._dates import Answer, DateLike, PartialDate, Period, Precision, Tri, to_partial_date
    from ._errors import (
        Ambiguous,
        DatasetError,
        DateParseError,
        IsscoopError,
        NotFound,
        Problem,
        Undecidable,
    )
    from ._export import MissingExtra
    from ._files import IsscoopWarning, MergeError, conflicts, dataset, dump, load, merge, schema
    from ._model import (
        Agency,
        AgencyKind,
        Agreement,
        AgreementKind,
        AgreementStatus,
        Assume,
        Claim,
        CrewMember,
        DatedName,
        Location,
        Meeting,
        MeetingKind,
        MeetingStatus,
        Milestone,
        Official,
        Participation,
        Program,
        ProgramKind,
        Rank,
        Record,
        Source,
        StatusEvent,
        Tenure,
    )
    from ._query import AgreementQuery, OfficialQuery, Query
    from ._validators import InvalidRecord

    agencies: Query[Agency]
    officials: OfficialQuery
    programs: Query[Program]
    meetings: Query[Meeting]
    agreements: AgreementQuery
    sources: Query[Source]

#: Where each public name lives.  Modules are imported on first use, so that
#: ``import isscoop`` stays as cheap as possible.
_HOME: dict[str, str] = {
    **dict.fromkeys(["Conflict", "Dataset"], "_dataset"),
    **dict.fromkeys(["Answer", "DateLike", "PartialDate", "Period", "Precision", "Tri", "to_partial_date"], "_dates"),
    **dict.fromkeys(
        ["Ambiguous", "DatasetError", "DateParseError", "IsscoopError", "NotFound", "Problem", "Undecidable"],
        "_errors",
    ),
    **dict.fromkeys(
        ["IsscoopWarning", "MergeError", "conflicts", "dataset", "dump", "load", "merge", "schema"], "_files"
    ),
    **dict.fromkeys(
        [
            "Agency",
            "AgencyKind",
            "Agreement",
            "AgreementKind",
            "AgreementStatus",
            "Assume",
            "Claim",
            "CrewMember",
            "DatedName",
            "Location",
            "Meeting",
            "MeetingKind",
            "MeetingStatus",
            "Milestone",
            "Official",
            "Participation",
            "Program",
            "ProgramKind",
            "Rank",
            "Record",
            "Source",
            "StatusEvent",
            "Tenure",
        ],
        "_model",
    ),
    **dict.fromkeys(["AgreementQuery", "OfficialQuery", "Query"], "_query"),
    "InvalidRecord": "_validators",
    "MissingExtra": "_export",
}

__all__ = [
    "Agency",
    "AgencyKind",
    "Agreement",
    "AgreementKind",
    "AgreementQuery",
    "AgreementStatus",
    "Ambiguous",
    "Answer",
    "Assume",
    "Claim",
    "Conflict",
    "CrewMember",
    "Dataset",
    "DatasetError",
    "DateLike",
    "DateParseError",
    "DatedName",
    "InvalidRecord",
    "IsscoopError",
    "IsscoopWarning",
    "Location",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "MergeError",
    "Milestone",
    "MissingExtra",
    "NotFound",
    "Official",
    "OfficialQuery",
    "PartialDate",
    "Participation",
    "Period",
    "Precision",
    "Problem",
    "Program",
    "ProgramKind",
    "Query",
    "Rank",
    "Record",
    "Source",
    "StatusEvent",
    "Tenure",
    "Tri",
    "Undecidable",
    "__version__",
    "agencies",
    "agreements",
    "conflicts",
    "dataset",
    "dump",
    "load",
    "meetings",
    "merge",
    "officials",
    "programs",
    "schema",
    "sources",
    "to_partial_date",
]

_COLLECTIONS = frozenset({"agencies", "officials", "programs", "meetings", "agreements", "sources"})


def __getattr__(name: str) -> Any:
    if name in _COLLECTIONS:
        return getattr(__getattr__("dataset")(), name)
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'isscoop' has no attribute {name!r}")
    module = importlib.import_module(f"isscoop.{home}")
    for public, where in _HOME.items():
        if where == home:
            globals()[public] = getattr(module, public)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
