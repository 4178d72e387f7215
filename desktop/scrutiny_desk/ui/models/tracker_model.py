"""The follow-up tracker: recommendations being followed up and the actions agreed at
meetings, in one table.

Overdue follow-ups say so in words ("Overdue" after the status), in bold, and in red on
the due date and status. Finished ones (implemented, rejected, done) are greyed. An
action agreed in private is marked as closed business is everywhere: a lock, the warm
tint across the row and "Closed" in words. ``TrackerFilterModel`` keeps only the
overdue rows when asked and sorts on ``SortRole`` (due dates sort by date, rows with
no due date last).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from ...domain.recommendation_records import TrackerKind, TrackerRow
from . import READ_ONLY, IdRole, SortRole, bold_font, closed_tint, lock_icon, long_date
from .recommendations_model import OVERDUE_RED, one_line

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
#: Rows with no due date sort after every date.
NO_DUE = "9999-99-99"


class TrackerColumn(IntEnum):
    REFERENCE = 0
    TEXT = 1
    WHO = 2
    DUE = 3
    STATUS = 4
    PROGRESS = 5


class TrackerModel(QAbstractTableModel):
    """Holds ``TrackerRow`` rows; ``IdRole`` gives the row's place in the model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TrackerRow] = []

    def set_rows(self, rows: Iterable[TrackerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> TrackerRow:
        return self._rows[row]

    def records(self) -> list[TrackerRow]:
        return list(self._rows)

    def row_of(self, kind: TrackerKind, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.kind is kind and r.key == key), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(TrackerColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TrackerColumn):
            return None
        if role == Role.DisplayRole:
            return {
                TrackerColumn.REFERENCE: self.tr("Follow-up"),
                TrackerColumn.TEXT: self.tr("What"),
                TrackerColumn.WHO: self.tr("Lead / owner"),
                TrackerColumn.DUE: self.tr("Due"),
                TrackerColumn.STATUS: self.tr("Status"),
                TrackerColumn.PROGRESS: self.tr("Latest progress"),
            }[TrackerColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = TrackerColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(row, column) or None
        if role == Role.ToolTipRole:
            if column == TrackerColumn.TEXT:
                return row.text
            if column == TrackerColumn.PROGRESS and row.latest is not None:
                return row.latest.text
            return self._display(row, column) or None
        if role == Role.AccessibleTextRole:
            return self._display(row, column) or self._missing(column)
        if role == IdRole:
            return index.row()
        if role == SortRole:
            return self._sort_key(row, column)
        if role == Role.DecorationRole and column == TrackerColumn.REFERENCE and row.closed:
            return lock_icon()
        if role == Role.BackgroundRole and row.closed:
            return closed_tint()
        if row.overdue and column in (TrackerColumn.DUE, TrackerColumn.STATUS):
            if role == Role.ForegroundRole:
                return OVERDUE_RED
            if role == Role.FontRole:
                return bold_font()
        if role == Role.FontRole and row.closed and column == TrackerColumn.STATUS:
            return bold_font()
        if role == Role.ForegroundRole and row.done:
            return QGuiApplication.palette().placeholderText()
        return None

    def _display(self, row: TrackerRow, column: TrackerColumn) -> str:
        match column:
            case TrackerColumn.REFERENCE:
                return self.reference(row)
            case TrackerColumn.TEXT:
                return one_line(row.text, 120)
            case TrackerColumn.WHO:
                return row.who or ""
            case TrackerColumn.DUE:
                return long_date(row.due) if row.due else ""  # type: ignore[arg-type]
            case TrackerColumn.STATUS:
                return self.status(row)
            case TrackerColumn.PROGRESS:
                if row.latest is None:
                    return ""
                day = long_date(row.latest.date)  # type: ignore[arg-type]
                return f"{day}: {one_line(row.latest.text, 80)}"

    def reference(self, row: TrackerRow) -> str:
        if row.kind is TrackerKind.RECOMMENDATION:
            return self.tr("Recommendation {number}").format(number=row.number)
        return row.reference

    def status(self, row: TrackerRow) -> str:
        words = {
            "Agreed": self.tr("Agreed"),
            "In progress": self.tr("In progress"),
            "Implemented": self.tr("Implemented"),
            "Rejected": self.tr("Rejected"),
            "Open": self.tr("Open"),
            "Done": self.tr("Done"),
        }.get(row.status, row.status)
        if row.overdue:
            words = self.tr("{status} · Overdue").format(status=words)
        if row.closed:
            words = self.tr("{status} · Closed").format(status=words)
        return words

    def _sort_key(self, row: TrackerRow, column: TrackerColumn) -> Any:
        due = row.due.isoformat() if row.due else NO_DUE
        if column == TrackerColumn.DUE:
            return f"{due} {row.kind.value} {row.number or 0:04d} {row.key}"
        if column == TrackerColumn.REFERENCE:
            return f"{row.kind.value} {row.number or 0:04d} {due} {row.key}"
        return f"{self._display(row, column).casefold()} {due}"

    def _missing(self, column: TrackerColumn) -> str:
        return {
            TrackerColumn.WHO: self.tr("No lead or owner"),
            TrackerColumn.DUE: self.tr("No due date"),
            TrackerColumn.PROGRESS: self.tr("No progress reported"),
        }.get(column, "")


class TrackerFilterModel(QSortFilterProxyModel):
    """Sorts on ``SortRole``; ``set_overdue_only(True)`` keeps the overdue rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._overdue_only = False
        self.setSortRole(SortRole)

    @property
    def overdue_only(self) -> bool:
        return self._overdue_only

    def set_overdue_only(self, value: bool) -> None:
        if value != self._overdue_only:
            self.beginFilterChange()
            self._overdue_only = value
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._overdue_only:
            return True
        model = self.sourceModel()
        if not isinstance(model, TrackerModel) or source_row >= model.rowCount():
            return True
        return model.record(source_row).overdue
