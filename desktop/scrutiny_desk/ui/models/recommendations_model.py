"""The review's recommendations in their order: number, text, lead, due date, status.

An overdue recommendation (agreed or in progress, its due date passed) is marked in
words ("Overdue" beside its status, which a screen reader reads too), in bold, and in
the palette's red on its due date and status. A recommendation holds at most a few
dozen rows, so the model holds them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication

from ...domain.enums import RecommendationStatus
from ...domain.recommendation_records import RecommendationEntry
from . import READ_ONLY, IdRole, SortRole, bold_font, long_date

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
#: Overdue text: a red that reads on light and dark bases alike.
OVERDUE_RED = QColor(190, 30, 45)


def status_label(status: RecommendationStatus) -> str:
    """The status in words, translatable."""
    words = {
        RecommendationStatus.DRAFT: QT_TRANSLATE_NOOP("Recommendations", "Draft"),
        RecommendationStatus.AGREED: QT_TRANSLATE_NOOP("Recommendations", "Agreed"),
        RecommendationStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Recommendations", "In progress"),
        RecommendationStatus.IMPLEMENTED: QT_TRANSLATE_NOOP("Recommendations", "Implemented"),
        RecommendationStatus.REJECTED: QT_TRANSLATE_NOOP("Recommendations", "Rejected"),
    }
    return QCoreApplication.translate("Recommendations", str(words[status]))


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class RecommendationColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    LEAD = 2
    DUE = 3
    STATUS = 4


class RecommendationsModel(QAbstractTableModel):
    """Holds ``RecommendationEntry`` rows in the review's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecommendationEntry] = []

    def set_rows(self, records: Iterable[RecommendationEntry]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> RecommendationEntry:
        return self._rows[row]

    def records(self) -> list[RecommendationEntry]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.key == key), None)

    # Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(RecommendationColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RecommendationColumn):
            return None
        if role == Role.DisplayRole:
            return {
                RecommendationColumn.NUMBER: self.tr("No."),
                RecommendationColumn.TEXT: self.tr("Recommendation"),
                RecommendationColumn.LEAD: self.tr("Lead"),
                RecommendationColumn.DUE: self.tr("Due"),
                RecommendationColumn.STATUS: self.tr("Status"),
            }[RecommendationColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        column = RecommendationColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(rec, column) or None
        if role == Role.ToolTipRole:
            if column == RecommendationColumn.TEXT:
                return rec.text
            return self._display(rec, column) or None
        if role == Role.AccessibleTextRole:
            return self._display(rec, column) or self._missing(column)
        if role == IdRole:
            return rec.id
        if role == SortRole:
            if column == RecommendationColumn.NUMBER:
                return rec.number
            if column == RecommendationColumn.DUE:
                return rec.due.isoformat() if rec.due else ""
            return self._display(rec, column).casefold()
        if role == Role.TextAlignmentRole and column == RecommendationColumn.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if rec.overdue and column in (RecommendationColumn.DUE, RecommendationColumn.STATUS):
            if role == Role.ForegroundRole:
                return OVERDUE_RED
            if role == Role.FontRole:
                return bold_font()
        draft = rec.status is RecommendationStatus.DRAFT
        if role == Role.ForegroundRole and draft and column == RecommendationColumn.STATUS:
            return QGuiApplication.palette().placeholderText()
        return None

    def _display(self, rec: RecommendationEntry, column: RecommendationColumn) -> str:
        match column:
            case RecommendationColumn.NUMBER:
                return str(rec.number)
            case RecommendationColumn.TEXT:
                return one_line(rec.text)
            case RecommendationColumn.LEAD:
                return rec.lead or ""
            case RecommendationColumn.DUE:
                return long_date(rec.due) if rec.due else ""  # type: ignore[arg-type]
            case RecommendationColumn.STATUS:
                words = status_label(rec.status)
                return self.tr("{status} · Overdue").format(status=words) if rec.overdue else words

    def _missing(self, column: RecommendationColumn) -> str:
        if column == RecommendationColumn.LEAD:
            return self.tr("No lead")
        if column == RecommendationColumn.DUE:
            return self.tr("No due date")
        return ""
