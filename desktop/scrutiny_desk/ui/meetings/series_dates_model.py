"""The dates a New Series preview lists: the meetings it will create (ticked; untick
one to leave it out) and the dates it leaves out, with the reason (a date the clerk
left out can be ticked to put it back). The model only says which date was toggled;
the dialog decides what follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..shared.display import long_date

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


@dataclass(frozen=True)
class DateRow:
    """One date of the preview, as a row."""

    day: date
    text: str  # the time and title of a planned meeting, or why a date is left out
    checkable: bool
    checked: bool


class SeriesDatesModel(QAbstractTableModel):
    """The dates of a preview: planned (ticked; untick to leave one out) or left out
    with the reason (a date the clerk left out can be ticked to put it back)."""

    #: a date was ticked (True: put it in) or unticked (False: leave it out)
    toggled = Signal(object, bool)

    def __init__(self, headers: tuple[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[DateRow] = []

    def set_rows(self, rows: Sequence[DateRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def day(self, row: int) -> date:
        return self._rows[row].day

    def texts(self) -> list[str]:
        return [f"{long_date_of(r.day)}  {r.text}" for r in self._rows]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == 0 and self._rows[index.row()].checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < 2 and role == Role.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Role.DisplayRole, Role.ToolTipRole, Role.AccessibleTextRole):
            return long_date_of(row.day) if index.column() == 0 else row.text
        if role == Role.CheckStateRole and index.column() == 0 and row.checkable:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if (
            role != Role.CheckStateRole
            or not index.isValid()
            or index.column() != 0
            or not self._rows[index.row()].checkable
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggled.emit(self._rows[index.row()].day, checked)
        return True


def long_date_of(day: date) -> str:
    return long_date(datetime.combine(day, time()))
