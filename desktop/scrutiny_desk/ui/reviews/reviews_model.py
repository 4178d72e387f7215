"""The reviews in the database, for the review switcher."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.enums import ReviewStatus
from ...domain.summaries import ReviewSummary
from ..shared.display import IdRole, SortRole

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class ReviewsModel(QAbstractListModel):
    """Holds ``ReviewSummary`` records, labelled by title.

    Two reviews may share a title (a review imported twice, or the same topic in two
    years): those labels carry the review's id so the switcher never shows twins."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewSummary] = []
        self._shared_titles: set[str] = set()

    def set_rows(self, records: Iterable[ReviewSummary]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        counts = Counter(r.title for r in self._rows)
        self._shared_titles = {title for title, n in counts.items() if n > 1}
        self.endResetModel()

    def record(self, row: int) -> ReviewSummary:
        return self._rows[row]

    def row_of(self, review_id: int) -> int | None:
        for row, review in enumerate(self._rows):
            if review.id == review_id:
                return row
        return None

    def label(self, review: ReviewSummary) -> str:
        if review.title in self._shared_titles:
            return self.tr("{title} (review {id})").format(title=review.title, id=review.id)
        return review.title

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        review = self._rows[index.row()]
        if role == Role.DisplayRole:
            return self.label(review)
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self._description(review)
        if role == IdRole:
            return review.id
        if role == SortRole:
            return review.title.casefold()
        return None

    def _description(self, review: ReviewSummary) -> str:
        meetings = (
            self.tr("%n meeting", "", review.meeting_count)
            if review.meeting_count == 1
            else self.tr("%n meetings", "", review.meeting_count)
        )
        parts = [self.label(review)]
        if review.body:
            parts.append(review.body)
        parts.append(self.status_label(review.status))
        parts.append(meetings)
        return " · ".join(parts)

    def status_label(self, status: ReviewStatus) -> str:
        return {
            ReviewStatus.SCOPING: self.tr("Scoping"),
            ReviewStatus.EVIDENCE: self.tr("Taking evidence"),
            ReviewStatus.REPORTING: self.tr("Reporting"),
            ReviewStatus.MONITORING: self.tr("Monitoring"),
            ReviewStatus.CLOSED: self.tr("Closed"),
        }[status]
