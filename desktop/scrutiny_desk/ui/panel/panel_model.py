"""The panel of a review, and one member's attendance across its meetings.

The chair is marked in words ("Chair") and in bold, so it reads the same to a screen
reader as on screen. An attendance record counts only meetings that were held: a
cancelled or postponed meeting had no attendance to record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from ...domain.enums import AttendanceStatus, MeetingStatus, MemberRole
from ...domain.people_records import MemberRecord
from ..shared.display import IdRole, SortRole, bold_font, long_date, sort_key_time

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


def _flags(index: Index) -> Qt.ItemFlag:
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    )


class PanelColumn(IntEnum):
    NAME = 0
    ROLE = 1
    EMAIL = 2


class PanelModel(QAbstractTableModel):
    """Holds ``MemberRecord`` rows in panel order; ``set_rows`` replaces them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRecord] = []

    def set_rows(self, records: Iterable[MemberRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> MemberRecord:
        return self._rows[row]

    def records(self) -> list[MemberRecord]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, m in enumerate(self._rows) if m.key == key), None)

    def chair(self) -> MemberRecord | None:
        return next((m for m in self._rows if m.role is MemberRole.CHAIR), None)

    def role_label(self, role: MemberRole) -> str:
        return {
            MemberRole.CHAIR: self.tr("Chair"),
            MemberRole.VICE_CHAIR: self.tr("Vice-chair"),
            MemberRole.MEMBER: self.tr("Member"),
        }[role]

    # Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(PanelColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _flags(index)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PanelColumn):
            return None
        if role == Role.DisplayRole:
            return {
                PanelColumn.NAME: self.tr("Name"),
                PanelColumn.ROLE: self.tr("Role"),
                PanelColumn.EMAIL: self.tr("E-mail"),
            }[PanelColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        member = self._rows[index.row()]
        column = PanelColumn(index.column())
        if role in (Role.DisplayRole, Role.ToolTipRole):
            return self._display(member, column) or None
        if role == Role.AccessibleTextRole:
            text = self._display(member, column)
            if column == PanelColumn.EMAIL and not text:
                return self.tr("No e-mail address")
            return text
        if role == IdRole:
            return member.id
        if role == SortRole:
            if column == PanelColumn.ROLE:
                return list(MemberRole).index(member.role)
            return self._display(member, column).casefold()
        if role == Role.FontRole and member.role is MemberRole.CHAIR:
            return bold_font()
        return None

    def _display(self, member: MemberRecord, column: PanelColumn) -> str:
        match column:
            case PanelColumn.NAME:
                return member.name
            case PanelColumn.ROLE:
                return self.role_label(member.role)
            case PanelColumn.EMAIL:
                return member.email or ""


@dataclass(frozen=True)
class AttendanceRow:
    """One meeting in a member's record: what the attendance table shows."""

    meeting_title: str
    start: datetime
    meeting_status: MeetingStatus
    status: AttendanceStatus | None  # None: nothing recorded


class AttendanceColumn(IntEnum):
    DATE = 0
    MEETING = 1
    STATUS = 2


class AttendanceModel(QAbstractTableModel):
    """A member's attendance, one row per meeting of the review, by date."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendanceRow] = []

    def set_rows(self, rows: Iterable[AttendanceRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: r.start)
        self.endResetModel()

    def record(self, row: int) -> AttendanceRow:
        return self._rows[row]

    def summary(self) -> str:
        """ "Present at 5 of 6 meetings held", counting held meetings only."""
        held = [r for r in self._rows if r.meeting_status is MeetingStatus.HELD]
        present = sum(1 for r in held if r.status is AttendanceStatus.PRESENT)
        if not held:
            return self.tr("No meetings have been held yet.")
        if len(held) == 1:
            return self.tr("Present at {present} of 1 meeting held").format(present=present)
        return self.tr("Present at {present} of {held} meetings held").format(
            present=present, held=len(held)
        )

    def status_label(self, row: AttendanceRow) -> str:
        if row.meeting_status is MeetingStatus.CANCELLED:
            return self.tr("Meeting cancelled")
        if row.meeting_status is MeetingStatus.POSTPONED:
            return self.tr("Meeting postponed")
        if row.status is None:
            if row.meeting_status is MeetingStatus.SCHEDULED:
                return self.tr("Not held yet")
            return self.tr("Not recorded")
        return {
            AttendanceStatus.PRESENT: self.tr("Present"),
            AttendanceStatus.APOLOGIES: self.tr("Apologies"),
            AttendanceStatus.ABSENT: self.tr("Absent"),
        }[row.status]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AttendanceColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _flags(index)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AttendanceColumn):
            return None
        if role == Role.DisplayRole:
            return {
                AttendanceColumn.DATE: self.tr("Date"),
                AttendanceColumn.MEETING: self.tr("Meeting"),
                AttendanceColumn.STATUS: self.tr("Attendance"),
            }[AttendanceColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = AttendanceColumn(index.column())
        if role in (Role.DisplayRole, Role.ToolTipRole, Role.AccessibleTextRole):
            match column:
                case AttendanceColumn.DATE:
                    return long_date(row.start)
                case AttendanceColumn.MEETING:
                    return row.meeting_title
                case AttendanceColumn.STATUS:
                    return self.status_label(row)
        if role == SortRole:
            if column == AttendanceColumn.DATE:
                return sort_key_time(row.start)
            return str(self.data(index)).casefold()
        if role == Role.ForegroundRole and row.meeting_status is not MeetingStatus.HELD:
            return QGuiApplication.palette().placeholderText()
        return None
