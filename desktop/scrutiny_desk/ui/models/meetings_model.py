"""The meetings of one review, one row each, for the meetings table and its calendar;
and the filter in front of them (status and words of the title or venue).

Each row may carry its agenda's publication deadline (``AgendaDeadline``, computed by
the service with the list): "Publish by Mon 19 Mar", "Published 16 Mar", or OVERDUE in
red with a warning sign when the deadline has passed and the agenda is not marked
published.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...domain.deadlines import DeadlineState
from ...domain.enums import MeetingKind, MeetingStatus, MinutesStatus
from ...domain.meeting_records import AgendaDeadline
from ...domain.records import MeetingSummary
from . import IdRole, SortRole, lock_icon, long_date, sort_key_time, time_range
from .schedule_warnings_model import alert_colour, warning_icon

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
    DEADLINE = 6


SHORT_DATE = "ddd d MMM"
FULL_DATE = "dddd d MMMM yyyy"


def short_day(day: date) -> str:
    """``Mon 19 Mar``: the deadline column beside the meeting's own full date."""
    return QLocale().toString(QDate(day.year, day.month, day.day), SHORT_DATE)


def full_day(day: date) -> str:
    """``Monday 19 March 2007``."""
    return QLocale().toString(QDate(day.year, day.month, day.day), FULL_DATE)


class MeetingsModel(QAbstractTableModel):
    """Holds ``MeetingSummary`` records and their deadlines; ``set_rows`` replaces them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []
        self._deadlines: dict[int, AgendaDeadline] = {}
        self._by_id: dict[int, int] = {}
        self._by_key: dict[str, int] = {}
        self._search: list[str] = []

    # Records ------------------------------------------------------------------

    def set_rows(
        self, records: Iterable[MeetingSummary], deadlines: Iterable[AgendaDeadline] = ()
    ) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._deadlines = {d.meeting_id: d for d in deadlines}
        self._by_id = {m.id: row for row, m in enumerate(self._rows)}
        self._by_key = {m.key: row for row, m in enumerate(self._rows)}
        self._search = [f"{m.title}\n{m.venue or ''}".casefold() for m in self._rows]
        self.endResetModel()

    def record(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def records(self) -> list[MeetingSummary]:
        return list(self._rows)

    def row_of(self, meeting_id: int) -> int | None:
        return self._by_id.get(meeting_id)

    def row_of_key(self, key: str) -> int | None:
        return self._by_key.get(key)

    def deadline(self, meeting_id: int) -> AgendaDeadline | None:
        """The agenda deadline of that meeting, if the list was loaded with deadlines."""
        return self._deadlines.get(meeting_id)

    def search_text(self, row: int) -> str:
        """The title and venue of a row, case-folded, for the filter."""
        return self._search[row]

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
        if column == MeetingColumn.DEADLINE:
            return self._deadline_style(meeting, role)
        if role == Role.ForegroundRole and meeting.status in _DID_NOT_HAPPEN:
            return _muted()
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
            MeetingColumn.DEADLINE: self.tr("Agenda deadline"),
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
            case MeetingColumn.DEADLINE:
                return self.deadline_label(meeting)

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
            case MeetingColumn.DEADLINE:
                return self.deadline_description(meeting)

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
            case MeetingColumn.DEADLINE:
                found = self._deadlines.get(meeting.id)
                return found.deadline.isoformat() if found else ""

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

    # Deadlines ------------------------------------------------------------------

    def deadline_label(self, meeting: MeetingSummary) -> str:
        found = self._deadlines.get(meeting.id)
        if found is None:
            return ""
        if found.published_on is not None:
            text = self.tr("Published {day}").format(day=short_day(found.published_on))
            return self.tr("{text} (late)").format(text=text) if found.warning else text
        if meeting.status in _DID_NOT_HAPPEN:
            return self.tr("Not needed")
        if found.warning and found.state is DeadlineState.DUE_TODAY:
            return self.tr("Publish today")
        if found.warning and found.state is DeadlineState.OVERDUE:
            return self.tr("OVERDUE: due {day}").format(day=short_day(found.deadline))
        if found.state is DeadlineState.OVERDUE:  # the meeting has taken place
            return self.tr("Not recorded")
        return self.tr("Publish by {day}").format(day=short_day(found.deadline))

    def deadline_description(self, meeting: MeetingSummary) -> str:
        found = self._deadlines.get(meeting.id)
        if found is None:
            return self.tr("The agenda deadline is being worked out")
        if found.warning:
            return found.warning
        days = (
            self.tr("%n clear working day", "", found.clear_days)
            if found.clear_days == 1
            else self.tr("%n clear working days", "", found.clear_days)
        )
        if found.published_on is not None:
            return self.tr("The agenda was published on {day}.").format(
                day=full_day(found.published_on)
            )
        if meeting.status in _DID_NOT_HAPPEN:
            return self.tr("No agenda is needed: the meeting is {status}.").format(
                status=self.status_label(meeting.status).lower()
            )
        if found.state is DeadlineState.OVERDUE:
            return self.tr(
                "The meeting has taken place; the agenda's publication was not recorded "
                "(it was due by {day})."
            ).format(day=full_day(found.deadline))
        return self.tr("The agenda must be published by {day}, {days} before the meeting.").format(
            day=full_day(found.deadline), days=days
        )

    def _deadline_style(self, meeting: MeetingSummary, role: int) -> Any:
        found = self._deadlines.get(meeting.id)
        if found is None:
            return None
        urgent = found.warning is not None and found.published_on is None
        if role == Role.DecorationRole and found.warning:
            return warning_icon()
        if role == Role.ForegroundRole:
            if urgent:
                return alert_colour()
            if meeting.status in _DID_NOT_HAPPEN or found.state is DeadlineState.OVERDUE:
                return _muted()
        if role == Role.FontRole and urgent:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        return None


def _muted() -> Any:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


class MeetingsFilterModel(QSortFilterProxyModel):
    """Sorts by ``SortRole`` and keeps the meetings of one status (None: all) whose
    title or venue holds every word typed, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._status: MeetingStatus | None = None
        self._words: tuple[str, ...] = ()

    def set_status(self, status: MeetingStatus | None) -> None:
        if status != self._status:
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def status(self) -> MeetingStatus | None:
        return self._status

    def is_filtering(self) -> bool:
        return self._status is not None or bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, MeetingsModel) or source_parent.isValid():
            return True
        if self._status is not None and model.record(source_row).status is not self._status:
            return False
        if self._words:
            text = model.search_text(source_row)
            return all(word in text for word in self._words)
        return True
