"""The paragraphs of one section of the report, as the Report page lists them.

A section holds tens of paragraphs, not thousands: the model holds their entries as the
service read them. Each row shows the printed number, the first line of the text, open
or closed (closed rows tinted, with the padlock), how many notes and evidence it cites
and the recommendations it supports ("R1, R3"). A paragraph flagged for quoting closed
material word for word is marked with a warning and says why in its tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.report_entries import ParagraphEntry
from ..shared.display import READ_ONLY, closed_tint, lock_icon, one_line

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
#: The role of a row's paragraph key.
KeyRole = Qt.ItemDataRole.UserRole + 1


class ParagraphColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    ACCESS = 2
    CITES = 3
    SUPPORTS = 4


def tr(text: str) -> str:
    return QApplication.translate("ParagraphListModel", text)


def supported_numbers(entry: ParagraphEntry) -> str:
    """ "R1, R3": the recommendations' labels start with their number."""
    return ", ".join(ref.label.split(" ", 1)[0] for ref in entry.recommendations)


class ParagraphListModel(QAbstractTableModel):
    """``set_paragraphs`` fills it; ``flags_by_key`` marks the flagged paragraphs."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[ParagraphEntry] = []
        self._flags: dict[str, str] = {}

    def set_paragraphs(self, entries: Sequence[ParagraphEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def set_flags(self, flags: Mapping[str, str]) -> None:
        """Paragraph key -> why it is flagged (what it quotes)."""
        self._flags = dict(flags)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 0))

    def flagged(self, key: str) -> bool:
        return key in self._flags

    def row_of(self, key: str) -> int:
        for row, entry in enumerate(self.entries):
            if entry.key == key:
                return row
        return -1

    def entry(self, row: int) -> ParagraphEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ParagraphColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = ParagraphColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == KeyRole:
            return entry.key
        if role == Qt.ItemDataRole.BackgroundRole and entry.closed:
            return closed_tint()
        if role == Qt.ItemDataRole.DecorationRole:
            if column == ParagraphColumn.NUMBER and entry.key in self._flags:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if column == ParagraphColumn.ACCESS and entry.closed:
                return lock_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        return None

    def _display(self, entry: ParagraphEntry, column: ParagraphColumn) -> str:
        if column == ParagraphColumn.NUMBER:
            return entry.number or ""
        if column == ParagraphColumn.TEXT:
            return one_line(entry.text.split("\n", 1)[0], 120)
        if column == ParagraphColumn.ACCESS:
            return tr("Closed") if entry.closed else tr("Open")
        if column == ParagraphColumn.CITES:
            count = len(entry.notes) + len(entry.evidence)
            return str(count) if count else ""
        return supported_numbers(entry)

    def _tooltip(self, entry: ParagraphEntry, column: ParagraphColumn) -> str | None:
        if entry.key in self._flags and column in (ParagraphColumn.NUMBER, ParagraphColumn.TEXT):
            return tr("Quotes closed material word for word: {what}").format(
                what=self._flags[entry.key]
            )
        if column == ParagraphColumn.TEXT:
            return entry.text
        if column == ParagraphColumn.CITES and (entry.notes or entry.evidence):
            return "\n".join(ref.label for ref in (*entry.notes, *entry.evidence))
        if column == ParagraphColumn.SUPPORTS and entry.recommendations:
            return "\n".join(ref.label for ref in entry.recommendations)
        if column == ParagraphColumn.ACCESS and entry.closed_cited and not entry.closed:
            return tr("Cites closed material: the public report prints “evidence heard in private”")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(ParagraphColumn):
            return None
        return {
            ParagraphColumn.NUMBER: tr("No."),
            ParagraphColumn.TEXT: tr("Paragraph"),
            ParagraphColumn.ACCESS: tr("Access"),
            ParagraphColumn.CITES: tr("Cites"),
            ParagraphColumn.SUPPORTS: tr("Supports"),
        }[ParagraphColumn(section)]
