"""The actions agreed at one meeting: what, who, by when, done or not, and whether it
was agreed in private.

Text, owner and due date are edited in place; Done and Closed are tick boxes. The
model saves nothing: it asks with ``edit_requested`` and the Minutes tab makes each
change one undo step. An action agreed in private is marked as closed business is
everywhere: "Closed" in bold with a lock and the warm tint across the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.agenda_records import ActionRecord
from ...domain.enums import Access, ActionStatus
from .display import READ_ONLY, IdRole, SortRole, bold_font, closed_tint, lock_icon, long_date

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
#: The date a due-date editor shows for "no date" (its minimum, with special text).
NO_DATE = QDate(2000, 1, 1)


class ActionColumn(IntEnum):
    TEXT = 0
    OWNER = 1
    DUE = 2
    DONE = 3
    CLOSED = 4


_TEXT_FIELDS = {ActionColumn.TEXT: "text", ActionColumn.OWNER: "owner", ActionColumn.DUE: "due"}
_TICKS = {ActionColumn.DONE: "status", ActionColumn.CLOSED: "access"}


def _checked(value: Any) -> bool | None:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return Qt.CheckState(int(value)) == Qt.CheckState.Checked
    except (TypeError, ValueError):
        return None


class ActionsModel(QAbstractTableModel):
    """Holds ``ActionRecord`` rows in the review's order."""

    #: The clerk changed a cell: (action, field, value). Fields: "text" (str), "owner"
    #: (str, "" to clear), "due" (date or None), "status" (ActionStatus), "access" (Access).
    edit_requested = Signal(object, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRecord] = []
        self.editable = True

    def set_rows(self, records: Iterable[ActionRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> ActionRecord:
        return self._rows[row]

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.key == key), None)

    # Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ActionColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return READ_ONLY
        if index.column() in _TICKS:
            return READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
        return READ_ONLY | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ActionColumn):
            return None
        column = ActionColumn(section)
        if role == Role.DisplayRole:
            return {
                ActionColumn.TEXT: self.tr("Action"),
                ActionColumn.OWNER: self.tr("Owner"),
                ActionColumn.DUE: self.tr("Due"),
                ActionColumn.DONE: self.tr("Done"),
                ActionColumn.CLOSED: self.tr("Private"),
            }[column]
        if role == Role.ToolTipRole:
            return {
                ActionColumn.TEXT: self.tr("What was agreed (F2 to change)"),
                ActionColumn.OWNER: self.tr("Who is to do it (F2 to change)"),
                ActionColumn.DUE: self.tr("By when (F2 to change)"),
                ActionColumn.DONE: self.tr("Ticked when the action is done"),
                ActionColumn.CLOSED: self.tr(
                    "Ticked when the action was agreed in private: it is never published"
                ),
            }[column]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        action = self._rows[index.row()]
        column = ActionColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(action, column)
        if role == Role.EditRole:
            if column == ActionColumn.DUE:
                due = action.due
                return QDate(due.year, due.month, due.day) if due else NO_DATE
            return self._display(action, column)
        if role == Role.CheckStateRole:
            if column == ActionColumn.DONE:
                done = action.status is ActionStatus.DONE
                return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
            if column == ActionColumn.CLOSED:
                return Qt.CheckState.Checked if action.is_closed else Qt.CheckState.Unchecked
            return None
        if role == Role.ToolTipRole:
            text = self._display(action, column) or None
            if action.is_closed:
                note = self.tr("CLOSED: agreed in private, never published")
                return f"{text}\n\n{note}" if text else note
            return text
        if role == Role.AccessibleTextRole:
            return self._spoken(action, column)
        if role == IdRole:
            return action.id
        if role == SortRole:
            if column == ActionColumn.DUE:
                return action.due.isoformat() if action.due else ""
            return self._display(action, column).casefold()
        if action.is_closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == ActionColumn.CLOSED:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """A change is asked for, not stored: the tab saves it."""
        if not self.editable or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        action = self._rows[index.row()]
        column = ActionColumn(index.column())
        if role == Role.CheckStateRole and column in _TICKS:
            checked = _checked(value)
            if checked is None:
                return False
            if column == ActionColumn.DONE:
                status = ActionStatus.DONE if checked else ActionStatus.OPEN
                if status is action.status:
                    return False
                self.edit_requested.emit(action, "status", status)
            else:
                access = Access.CLOSED if checked else Access.OPEN
                if access is action.access:
                    return False
                self.edit_requested.emit(action, "access", access)
            return True
        if role != Role.EditRole or column not in _TEXT_FIELDS:
            return False
        if column == ActionColumn.DUE:
            due = _date(value)
            if due == action.due:
                return False
            self.edit_requested.emit(action, "due", due)
            return True
        text = str(value).strip()
        if column == ActionColumn.TEXT:
            if not text or text == action.text:
                return False
            self.edit_requested.emit(action, "text", text)
            return True
        if text == (action.owner or ""):
            return False
        self.edit_requested.emit(action, "owner", text)
        return True

    # Cells ----------------------------------------------------------------------------

    def _display(self, action: ActionRecord, column: ActionColumn) -> str:
        match column:
            case ActionColumn.TEXT:
                return action.text
            case ActionColumn.OWNER:
                return action.owner or ""
            case ActionColumn.DUE:
                return long_date(action.due) if action.due else ""  # type: ignore[arg-type]
            case ActionColumn.DONE:
                return ""
            case ActionColumn.CLOSED:
                return self.tr("Closed") if action.is_closed else ""

    def _spoken(self, action: ActionRecord, column: ActionColumn) -> str:
        match column:
            case ActionColumn.OWNER if not action.owner:
                return self.tr("No owner")
            case ActionColumn.DUE if not action.due:
                return self.tr("No due date")
            case ActionColumn.DONE:
                return (
                    self.tr("Done") if action.status is ActionStatus.DONE else self.tr("Not done")
                )
            case ActionColumn.CLOSED:
                return (
                    self.tr("Agreed in private, closed")
                    if action.is_closed
                    else self.tr("Agreed in public")
                )
            case _:
                return self._display(action, column)


def _date(value: Any) -> date | None:
    if isinstance(value, QDate):
        if not value.isValid() or value == NO_DATE:
            return None
        return date(value.year(), value.month(), value.day())
    if isinstance(value, date):
        return value
    return None
