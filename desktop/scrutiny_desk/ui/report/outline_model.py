"""The report's outline as a tree: chapters, and the sections the clerk writes in.

Built from ``ReportParagraphService.places`` (the places in the report's order, each
with its chapter, heading and paragraph count). A chapter is a top-level row; a place
without a heading is the chapter's own opening paragraphs (the foreword, the summary,
a findings chapter's text before its sections), chosen by choosing the chapter row.
When paragraphs have lost their place (their terms-of-reference item was deleted), a
last row "Not placed" says how many, marked with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.report_entries import PlaceEntry
from .draft_read import UNPLACED

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: The role of a row's place (str, or None for a chapter without opening paragraphs).
PlaceRole = Qt.ItemDataRole.UserRole + 1


class OutlineColumn(IntEnum):
    SECTION = 0
    PARAGRAPHS = 1


@dataclass
class _Row:
    label: str
    place: str | None
    count: int
    parent: int | None  # index of the parent row in the model's list, None at the top
    children: list[int] = field(default_factory=list)
    warning: bool = False


def chapter_label(entry: PlaceEntry) -> str:
    return (
        entry.chapter_title if entry.chapter is None else f"{entry.chapter}  {entry.chapter_title}"
    )


def section_label(entry: PlaceEntry) -> str:
    title = entry.title or ""
    return title if entry.tor_number is None else f"{entry.tor_number}  {title}"


class OutlineModel(QAbstractItemModel):
    """Chapters and sections; ``place_of(index)`` and ``index_of(place)`` map rows and
    places."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._top: list[int] = []

    def set_places(self, places: Sequence[PlaceEntry], unplaced: int = 0) -> None:
        self.beginResetModel()
        self._rows, self._top = [], []
        chapters: dict[tuple[int | None, str], int] = {}
        for entry in places:
            chapter_key = (entry.chapter, entry.chapter_title)
            top = chapters.get(chapter_key)
            if top is None:
                top = chapters[chapter_key] = len(self._rows)
                self._rows.append(_Row(chapter_label(entry), None, 0, None))
                self._top.append(top)
            if entry.title is None:  # the chapter's own opening paragraphs
                self._rows[top].place = entry.place
                self._rows[top].count += entry.paragraphs
                continue
            row = len(self._rows)
            self._rows.append(_Row(section_label(entry), entry.place, entry.paragraphs, top))
            self._rows[top].children.append(row)
        if unplaced:
            self._top.append(len(self._rows))
            self._rows.append(
                _Row(
                    QApplication.translate("OutlineModel", "Not placed"),
                    UNPLACED,
                    unplaced,
                    None,
                    warning=True,
                )
            )
        self.endResetModel()

    def place_of(self, index: Index) -> str | None:
        return self._rows[index.internalId()].place if index.isValid() else None

    def index_of(self, place: str) -> QModelIndex:
        """The row of that place (invalid when the outline has none)."""
        for number, row in enumerate(self._rows):
            if row.place == place:
                return self._index_of_row(number)
        return QModelIndex()

    def places(self) -> list[tuple[str, str]]:
        """(place, label) of every row with a place, in order, the chapter's label
        before its sections' (for a picker)."""
        found = []
        for top in self._top:
            for number in (top, *self._rows[top].children):
                row = self._rows[number]
                if row.place is not None and row.place != UNPLACED:
                    indent = "" if row.parent is None else "    "
                    found.append((row.place, indent + row.label))
        return found

    def _index_of_row(self, number: int) -> QModelIndex:
        row = self._rows[number]
        siblings = self._top if row.parent is None else self._rows[row.parent].children
        return self.createIndex(siblings.index(number), 0, number)

    # QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        siblings = self._top if not parent.isValid() else self._rows[parent.internalId()].children
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if not (0 <= row < len(siblings) and 0 <= column < len(OutlineColumn)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        up = self._rows[child.internalId()].parent
        return QModelIndex() if up is None else self._index_of_row(up)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        return len(self._rows[parent.internalId()].children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(OutlineColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.internalId()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == OutlineColumn.SECTION:
                return row.label
            return str(row.count) if row.count or row.place is not None else ""
        if role == PlaceRole:
            return row.place
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.warning:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.warning:
                return row.label
            return QApplication.translate(
                "OutlineModel",
                "Paragraphs whose terms-of-reference item was deleted: move them to a "
                "section, or put the item back",
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == OutlineColumn.PARAGRAPHS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            OutlineColumn.SECTION: QApplication.translate("OutlineModel", "Section"),
            OutlineColumn.PARAGRAPHS: QApplication.translate("OutlineModel", "Paragraphs"),
        }
        return titles.get(OutlineColumn(section)) if 0 <= section < len(OutlineColumn) else None
