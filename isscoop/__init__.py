"""isscoop: typed, cited data about international space cooperation.

``import isscoop`` loads no data.  The bundled dataset is read the first time
one of its collections is used:

>>> import isscoop
>>> isscoop.officials.heads(of="Roscosmos", on="2025-07-31").one().name
'Dmitry Bakanov'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from ._version import __version__

if TYPE_CHECKING:
    agencies: Query[Agency]
    officials: OfficialQuery
    programs: Query[Program]
    meetings: Query[Meeting]
    agreements: AgreementQuery
    sources: Query[Source]

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
        return getattr(dataset(), name)
    raise AttributeError(f"module 'isscoop' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _COLLECTIONS)


for _name in __all__:
    _obj = globals().get(_name)
    if isinstance(_obj, type) and _obj.__module__.startswith("isscoop._"):
        _obj.__module__ = "isscoop"
del _name, _obj
