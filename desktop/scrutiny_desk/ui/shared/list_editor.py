"""A short editable list inside a dialog: a table with Add, Remove, Move Up and Move Down.

The review details dialog edits its exclusions, interfaces and milestones this way.
Each column is text, a date or a tick box; the rows are plain Python values, and the
dialog turns them into domain records. Nothing is saved until the dialog is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .date_field import DateField
from .display import long_date

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    CHECK = "check"


@dataclass(frozen=True)
class ListColumn:
    title: str
    kind: Kind = Kind.TEXT
    stretch: bool = False
    tooltip: str = ""


class ListModel(QAbstractTableModel):
    """Rows of values (``str`` for text, ``date`` for dates, ``bool`` for ticks)."""

    def __init__(self, columns: Sequence[ListColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[list[Any]] = []

    def set_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self.beginResetModel()
        self._rows = [list(row) for row in rows]
        self.endResetModel()

    def values(self) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._rows]

    def blank_row(self) -> list[Any]:
        blank = {Kind.TEXT: "", Kind.DATE: date.today(), Kind.CHECK: False}
        return [blank[c.kind] for c in self.columns]

    def insert(self, row: int, values: Sequence[Any] | None = None) -> int:
        row = max(0, min(row, len(self._rows)))
        self.beginInsertRows(_ROOT, row, row)
        self._rows.insert(row, list(values) if values is not None else self.blank_row())
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()

    def move(self, row: int, to: int) -> bool:
        """Move ``row`` to position ``to`` (one step up or down)."""
        if not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)) or row == to:
            return False
        # Qt counts the destination before the move: one further when moving down.
        destination = to + 1 if to > row else to
        self.beginMoveRows(_ROOT, row, row, _ROOT, destination)
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        return True

    # Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Role.DisplayRole:
            return self.columns[section].title
        if role == Role.ToolTipRole:
            return self.columns[section].tooltip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.columns[index.column()].kind is Kind.CHECK:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        match column.kind:
            case Kind.TEXT if role in (Role.DisplayRole, Role.EditRole, Role.ToolTipRole):
                return value
            case Kind.DATE if role in (Role.DisplayRole, Role.AccessibleTextRole):
                return long_date(value)
            case Kind.DATE if role == Role.EditRole:
                return QDate(value.year, value.month, value.day)
            case Kind.CHECK if role == Role.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            case Kind.CHECK if role == Role.AccessibleTextRole:
                return self.tr("Yes") if value else self.tr("No")
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        kind = self.columns[index.column()].kind
        if kind is Kind.CHECK and role == Role.CheckStateRole:
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif kind is Kind.DATE and role == Role.EditRole and isinstance(value, QDate):
            new = value.toPython()
        elif kind is Kind.TEXT and role == Role.EditRole and isinstance(value, str):
            new = value
        else:
            return False
        self._rows[index.row()][index.column()] = new
        self.dataChanged.emit(index, index, [role, Role.DisplayRole])
        return True


class _DateDelegate(QStyledItemDelegate):
    """Dates edited with a calendar to pick from, written the British way."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = DateField(parent)
        editor.setDisplayFormat("d MMM yyyy")
        editor.setAccessibleName(self.tr("Date"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            editor.setDate(index.data(Role.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Role.EditRole)


class _ListTable(QTableView):
    """Enter edits the current cell, and ends that edit: it never reaches the dialog,
    whose default button would save the whole dialog half-way through a list."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if self.state() != QAbstractItemView.State.EditingState and index.isValid():
                self.edit(index)
            event.accept()
            return
        super().keyPressEvent(event)


class ListEditor(QWidget):
    """The table of a ``ListModel`` with buttons (and shortcuts) to change the list."""

    changed = Signal()

    def __init__(
        self, columns: Sequence[ListColumn], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = ListModel(columns, self)
        self.view = _ListTable()
        self.view.setModel(self.model)
        self.view.setAccessibleName(name)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)  # an exclusion is a sentence or two: show it whole
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setCornerButtonEnabled(False)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        for number, column in enumerate(columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else (QHeaderView.ResizeMode.ResizeToContents)
            )
            header.setSectionResizeMode(number, mode)
            if column.kind is Kind.DATE:
                self.view.setItemDelegateForColumn(number, _DateDelegate(self.view))

        self.add_action = self._action(
            self.tr("&Add"), QKeySequence(Qt.Key.Key_Insert), self.add_row
        )
        self.remove_action = self._action(
            self.tr("Re&move"), QKeySequence(QKeySequence.StandardKey.Delete), self.remove_row
        )
        self.up_action = self._action(
            self.tr("Move &Up"), QKeySequence("Ctrl+Up"), lambda: self.move_row(-1)
        )
        self.down_action = self._action(
            self.tr("Move Do&wn"), QKeySequence("Ctrl+Down"), lambda: self.move_row(1)
        )
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in (self.add_action, self.remove_action, self.up_action, self.down_action):
            action.setIconText(action.text())  # keep the mnemonic on the button
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setAccessibleName(
                self.tr("{action} ({list})").format(
                    action=action.text().replace("&", ""), list=name
                )
            )
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.model.dataChanged.connect(self._on_model_changed)
        self.model.rowsInserted.connect(self._on_model_changed)
        self.model.rowsRemoved.connect(self._on_model_changed)
        self.model.rowsMoved.connect(self._on_model_changed)
        self.model.modelReset.connect(self._on_model_changed)
        self.view.selectionModel().currentRowChanged.connect(self._update_actions)
        self._update_actions()

    def _action(self, text: str, shortcut: QKeySequence, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(
            f"{text.replace('&', '')} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def set_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self.model.set_rows(rows)

    def values(self) -> list[tuple[Any, ...]]:
        return self.model.values()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        """A blank row after the current one (at the end if none), its first cell open."""
        current = self.current_row()
        row = self.model.insert(current + 1 if current >= 0 else self.model.rowCount())
        first_text = next((n for n, c in enumerate(self.model.columns) if c.kind is Kind.TEXT), 0)
        index = self.model.index(row, first_text)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove(row)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def move_row(self, step: int) -> None:
        row = self.current_row()
        column = max(self.view.currentIndex().column(), 0)
        if row >= 0 and self.model.move(row, row + step):
            self.view.setCurrentIndex(self.model.index(row + step, column))

    def _on_model_changed(self, *_args: object) -> None:
        self._update_actions()
        self.changed.emit()

    def _update_actions(self, *_args: object) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        enabled = self.isEnabled()
        self.remove_action.setEnabled(enabled and row >= 0)
        self.up_action.setEnabled(enabled and row > 0)
        self.down_action.setEnabled(enabled and 0 <= row < count - 1)
