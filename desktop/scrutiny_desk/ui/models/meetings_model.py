"""The meetings of one review, one row each, for the meetings table."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from ...domain.enums import MeetingKind, MeetingStatus, MinutesStatus
from ...domain.records import MeetingSummary
from . import IdRole, SortRole, lock_icon, long_date, sort_key_time, time_range

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

# The order a clerk expects when sorting by status: what is coming, then what was not.
_STATUS_ORDER = {
    MeetingStatus.SCHEDULED: 0,
    MeetingStatus.HELD: 1,
    MeetingStatus.POSTPONED: 2,
    MeetingStatus.CANCELLED: 3,
}
_DID_NOT_HAPPEN = (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED)


class MeetingColumn(IntEnum):
    DATE = 0
    TIME = 1
    TITLE = 2
    VENUE = 3
    STATUS = 4
    ITEMS = 5


class MeetingsModel(QAbstractTableModel):
    """Holds ``MeetingSummary`` records; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []

    # Records ------------------------------------------------------------------

    def set_rows(self, records: Iterable[MeetingSummary]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int | None:
        for row, meeting in enumerate(self._rows):
            if meeting.id == meeting_id:
                return row
        return None

    # Qt model interface -------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(MeetingColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MeetingColumn):
            return None
        column = MeetingColumn(section)
        if role == Role.DisplayRole:
            return self._header(column)
        if role == Role.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if column == MeetingColumn.TIME
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        meeting = self._rows[index.row()]
        column = MeetingColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(meeting, column)
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self._description(meeting, column)
        if role == IdRole:
            return meeting.id
        if role == SortRole:
            return self._sort_value(meeting, column)
        if role == Role.TextAlignmentRole and column == MeetingColumn.TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.DecorationRole and column == MeetingColumn.ITEMS and meeting.closed_items:
            return lock_icon()
        if role == Role.ForegroundRole and meeting.status in _DID_NOT_HAPPEN:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    # Cells ----------------------------------------------------------------------

    def _header(self, column: MeetingColumn) -> str:
        return {
            MeetingColumn.DATE: self.tr("Date"),
            MeetingColumn.TIME: self.tr("Time"),
            MeetingColumn.TITLE: self.tr("Title"),
            MeetingColumn.VENUE: self.tr("Venue"),
            MeetingColumn.STATUS: self.tr("Status"),
            MeetingColumn.ITEMS: self.tr("Items"),
        }[column]

    def _display(self, meeting: MeetingSummary, column: MeetingColumn) -> str:
        match column:
            case MeetingColumn.DATE:
                return long_date(meeting.start)
            case MeetingColumn.TIME:
                return time_range(meeting.start, meeting.end)
            case MeetingColumn.TITLE:
                return meeting.title
            case MeetingColumn.VENUE:
                return meeting.venue or ""
            case MeetingColumn.STATUS:
                return self.status_label(meeting.status)
            case MeetingColumn.ITEMS:
                return self._items_label(meeting)

    def _description(self, meeting: MeetingSummary, column: MeetingColumn) -> str:
        match column:
            case MeetingColumn.DATE | MeetingColumn.TIME:
                return self.tr("{date}, {start} to {end}").format(
                    date=long_date(meeting.start),
                    start=f"{meeting.start:%H:%M}",
                    end=f"{meeting.end:%H:%M}",
                )
            case MeetingColumn.TITLE:
                return self.tr("{title} ({kind})").format(
                    title=meeting.title, kind=self.kind_label(meeting.kind)
                )
            case MeetingColumn.VENUE:
                return meeting.venue or self.tr("No venue given")
            case MeetingColumn.STATUS:
                return self.tr("{status}; {minutes}").format(
                    status=self.status_label(meeting.status),
                    minutes=self._minutes_label(meeting.minutes_status),
                )
            case MeetingColumn.ITEMS:
                return self._items_description(meeting)

    def _sort_value(self, meeting: MeetingSummary, column: MeetingColumn) -> Any:
        match column:
            case MeetingColumn.DATE:
                return sort_key_time(meeting.start)
            case MeetingColumn.TIME:
                return f"{meeting.start:%H:%M}{meeting.end:%H:%M}{sort_key_time(meeting.start)}"
            case MeetingColumn.TITLE:
                return meeting.title.casefold()
            case MeetingColumn.VENUE:
                return (meeting.venue or "").casefold()
            case MeetingColumn.STATUS:
                return _STATUS_ORDER[meeting.status]
            case MeetingColumn.ITEMS:
                return (meeting.open_items + meeting.closed_items) * 10_000 + meeting.closed_items

    # Words ----------------------------------------------------------------------

    def status_label(self, status: MeetingStatus) -> str:
        return {
            MeetingStatus.SCHEDULED: self.tr("Scheduled"),
            MeetingStatus.HELD: self.tr("Held"),
            MeetingStatus.POSTPONED: self.tr("Postponed"),
            MeetingStatus.CANCELLED: self.tr("Cancelled"),
        }[status]

    def kind_label(self, kind: MeetingKind) -> str:
        return {
            MeetingKind.EVIDENCE: self.tr("evidence session"),
            MeetingKind.DELIBERATIVE: self.tr("deliberative meeting"),
            MeetingKind.VISIT: self.tr("visit"),
            MeetingKind.OTHER: self.tr("meeting"),
        }[kind]

    def _minutes_label(self, status: MinutesStatus) -> str:
        return {
            MinutesStatus.NONE: self.tr("no minutes yet"),
            MinutesStatus.DRAFT: self.tr("minutes in draft"),
            MinutesStatus.APPROVED: self.tr("minutes approved"),
        }[status]

    def _items_label(self, meeting: MeetingSummary) -> str:
        n_open, n_closed = meeting.open_items, meeting.closed_items
        if not n_open and not n_closed:
            return self.tr("No items")
        opened = self.tr("%n open", "", n_open)
        if not n_closed:
            return opened
        closed = self.tr("%n closed", "", n_closed)
        return self.tr("{open}, {closed}").format(open=opened, closed=closed)

    def _items_description(self, meeting: MeetingSummary) -> str:
        n_open, n_closed = meeting.open_items, meeting.closed_items
        if not n_open and not n_closed:
            return self.tr("No agenda items yet")
        opened = (
            self.tr("%n open item", "", n_open)
            if n_open == 1
            else self.tr("%n open items", "", n_open)
        )
        if not n_closed:
            return opened
        closed = (
            self.tr("%n closed item, not open to the public", "", n_closed)
            if n_closed == 1
            else self.tr("%n closed items, not open to the public", "", n_closed)
        )
        return self.tr("{open} and {closed}").format(open=opened, closed=closed)
