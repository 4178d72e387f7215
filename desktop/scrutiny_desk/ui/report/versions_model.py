"""The report's versions in the order made: number, why it was made, when, the meeting
that considers it, and how many comments and decisions are recorded on it. A review
makes a handful of versions, so the model holds them all.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from ...domain.enums import ReportPurpose
from ...domain.report_version_records import VersionEntry
from ..shared.display import SortRole, long_date
from ..shared.records_table import Column, RecordTableModel


def purpose_label(purpose: ReportPurpose) -> str:
    """Why a version was made, in words, translatable."""
    words = {
        ReportPurpose.COMMENT: QT_TRANSLATE_NOOP("ReportVersions", "For comment"),
        ReportPurpose.MEETING: QT_TRANSLATE_NOOP("ReportVersions", "For a meeting"),
        ReportPurpose.FINAL: QT_TRANSLATE_NOOP("ReportVersions", "Final report"),
    }
    return QCoreApplication.translate("ReportVersions", str(words[purpose]))


def version_label(entry: VersionEntry) -> str:
    """ "Version 0.2 (for a meeting)"; "Final report"."""
    if entry.purpose is ReportPurpose.FINAL:
        return purpose_label(entry.purpose)
    return QCoreApplication.translate("ReportVersions", "Version {number} ({purpose})").format(
        number=entry.number, purpose=purpose_label(entry.purpose).lower()
    )


class VersionColumn(IntEnum):
    NUMBER = 0
    PURPOSE = 1
    MADE = 2
    MEETING = 3
    COMMENTS = 4
    DECISIONS = 5


def _count(n: int) -> str:
    return str(n) if n else ""


class VersionsModel(RecordTableModel[VersionEntry]):
    """Holds ``VersionEntry`` rows, oldest first; ``row_of_key`` finds one by number."""

    def __init__(self, parent: QObject | None = None) -> None:
        tr = self.tr
        right = Qt.AlignmentFlag.AlignRight
        super().__init__(
            [
                Column(tr("Version"), lambda v: v.number),
                Column(tr("Purpose"), lambda v: purpose_label(v.purpose)),
                Column(
                    tr("Made"),
                    lambda v: long_date(v.made),
                    roles={SortRole: lambda v: v.made.isoformat()},
                ),
                Column(
                    tr("Meeting"),
                    lambda v: v.meeting.label if v.meeting else "",
                    accessible=lambda v: v.meeting.label if v.meeting else tr("No meeting"),
                ),
                Column(
                    tr("Comments"),
                    lambda v: _count(v.comments),
                    accessible=lambda v: str(v.comments),
                    align=right,
                    roles={SortRole: lambda v: v.comments},
                ),
                Column(
                    tr("Decisions"),
                    lambda v: _count(v.considerations),
                    accessible=lambda v: str(v.considerations),
                    header_tip=tr("Paragraphs on which a meeting's decision is recorded"),
                    align=right,
                    roles={SortRole: lambda v: v.considerations},
                ),
            ],
            parent=parent,
        )

    def row_of_key(self, key: str) -> int | None:
        """The row of the version numbered ``key`` ("0.2", "final")."""
        return next((n for n, v in enumerate(self.records()) if v.number == key), None)
