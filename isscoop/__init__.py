"""isscoop: typed, cited data about international space cooperation.

``import isscoop`` loads no data.  The bundled dataset is read the first time
one of its collections is used:

>>> import isscoop
>>> isscoop.officials.heads(of="Roscosmos", on="2025-07-31").one().name
'Dmitry Bakanov'
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._bulk import Column
    from ._dataset import Conflict, Dataset, merge
    from ._dates import Answer, DateLike, PartialDate, Period, Precision, SpanLike, Tri, to_partial_date
    from ._errors import (
        Ambiguous,
        DatasetError,
        DateParseError,
        FileError,
        InvalidArgument,
        InvalidRecord,
        IsscoopError,
        IsscoopWarning,
        MergeError,
        MissingExtra,
        NotFound,
        Problem,
        Undecidable,
        UnknownField,
        UnsafeURL,
    )
    from ._files import conflicts, dataset, dump, load, schema
    from ._gap import Duration, Gap
    from ._model import (
        Agency,
        AgencyKind,
        Agreement,
        AgreementKind,
        AgreementStatus,
        Assume,
        Cites,
        Claim,
        Coverage,
        Covered,
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
        Revision,
        Role,
        Source,
        StatusEvent,
        Tenure,
    )
    from ._query import AgreementQuery, MeetingQuery, OfficialQuery, Query

    agencies: Query[Agency]
    officials: OfficialQuery
    programs: Query[Program]
    meetings: MeetingQuery
    agreements: AgreementQuery
    sources: Query[Source]
    coverage: Query[Coverage]

#: The modules behind the public names, cheapest first.  A name is looked up in
#: their ``__all__`` lists on first use, so that ``import isscoop`` imports
#: nothing but the version.
_MODULES: tuple[str, ...] = ("_errors", "_dates", "_model", "_gap", "_bulk", "_query", "_dataset", "_files")

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
    "Cites",
    "Claim",
    "Column",
    "Conflict",
    "Coverage",
    "Covered",
    "CrewMember",
    "Dataset",
    "DatasetError",
    "DateLike",
    "DateParseError",
    "DatedName",
    "Duration",
    "FileError",
    "Gap",
    "InvalidArgument",
    "InvalidRecord",
    "IsscoopError",
    "IsscoopWarning",
    "Location",
    "Meeting",
    "MeetingKind",
    "MeetingQuery",
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
    "Revision",
    "Role",
    "Source",
    "SpanLike",
    "StatusEvent",
    "Tenure",
    "Tri",
    "Undecidable",
    "UnknownField",
    "UnsafeURL",
    "__version__",
    "agencies",
    "agreements",
    "conflicts",
    "coverage",
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


def __getattr__(name: str) -> Any:
    if name.startswith("_") or name not in __all__:
        raise AttributeError(f"module 'isscoop' has no attribute {name!r}")
    for home in _MODULES:
        importlib.import_module(f"isscoop.{home}")
        module = sys.modules[f"isscoop.{home}"]
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    # what remains are the bundled dataset's collections: isscoop.agencies, ...
    return getattr(__getattr__("dataset")(), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
