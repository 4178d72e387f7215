"""Records of the reports agenda items consider (agenda packs, issue 16): what the
window's reports pane lists and edits.

A ``ReportEntry`` carries the database id and the version an edit must quote back,
and describes where the report comes from (``source``) without its content: listing a
meeting's reports never reads their files. The pack reads the files of the reports its
audience may see, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .rules import megabytes

if TYPE_CHECKING:
    from .records import EvidenceFile

PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class ReportEntry:
    """One report of an item, as the reports pane shows it."""

    id: int
    key: str
    item_id: int
    item_key: str
    position: int  # 0, 1, 2 ... in the item's list
    title: str
    late: bool  # in the supplementary pack, not the main one
    #: "recommendations.pdf (1.2 MB)" for a held file, "Evidence: <title>" for a piece
    #: of evidence from the register
    source: str
    #: the key of the evidence whose file is printed; None for a held file
    evidence_key: str | None
    version: int


def held_source(name: str, size: int) -> str:
    """How the pane describes a held file: its name and size."""
    return f"{name} ({megabytes(size)})"


def evidence_source(title: str) -> str:
    """How the pane describes a report that is a piece of evidence."""
    return f"Evidence: {title}"


@dataclass(frozen=True)
class RemovedReport:
    """What removing a report took away, for undo to put back (``ReportService
    .restore``): the entry as it was, and its held file (None: it was evidence, named
    by ``entry.evidence_key``)."""

    review_id: int
    entry: ReportEntry
    file: EvidenceFile | None
