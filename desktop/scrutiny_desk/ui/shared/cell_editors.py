"""Cell editors of the meeting tabs: an item's title, kind and slot times (an action's
due date is ``due_date_editor``'s, the Minutes tab's alone, so the start leaves it).

A table sizes its columns to what they show ("14:00", "Other"), which is narrower than
an editor with its arrows or calendar button: each editor here is as wide as it needs
to be to read, growing to the right over the next column, or to the left where the
table ends.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTimeEdit,
    QWidget,
)

from .agenda_items_model import AgendaEditColumn, AgendaEditModel

Index = QModelIndex | QPersistentModelIndex


def readable_geometry(editor: QWidget, cell: QRect) -> QRect:
    """The cell, widened to the editor's size hint when narrower, kept inside the
    table's viewport (the editor's parent) where it can be."""
    rect = QRect(cell)
    rect.setWidth(max(cell.width(), editor.sizeHint().width()))
    rect.setHeight(max(cell.height(), editor.minimumSizeHint().height()))
    viewport = editor.parentWidget()
    if viewport is not None and rect.right() > viewport.width() - 1:
        rect.moveRight(max(viewport.width() - 1, cell.right()))
        if rect.left() < 0:
            rect.moveLeft(0)
    return rect


class ReadableDelegate(QStyledItemDelegate):
    """A delegate whose editor is never narrower than it needs to be to read."""

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(readable_geometry(editor, option.rect))  # type: ignore[attr-defined]  # QStyleOptionViewItem has rect; the stubs miss it


class TitleDelegate(ReadableDelegate):
    """A title typed in the table: at most ``MAX_TITLE`` characters, as in the dialogs."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        from .fields import cap_cell_editor  # with the first edit: not at start

        edit = QLineEdit(parent)
        edit.setFrame(False)
        cap_cell_editor(edit)
        return edit


class ChoiceDelegate(ReadableDelegate):
    """A list to choose from in a cell; choosing one applies it at once. Subclasses
    say what it is called and give the choices as (label, value) pairs."""

    def name(self) -> str:
        raise NotImplementedError

    def choices(self, combo: QComboBox) -> list[tuple[str, object]]:
        raise NotImplementedError

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.name())
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, value in self.choices(combo):
            combo.addItem(label, value)
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class KindDelegate(ChoiceDelegate):
    """The kinds of item in a list."""

    def __init__(self, model: AgendaEditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def name(self) -> str:
        return self.tr("Kind of item")

    def choices(self, combo: QComboBox) -> list[tuple[str, object]]:
        return [(label, kind.value) for label, kind in self._model.kind_choices()]


class TimeDelegate(ReadableDelegate):
    """A 24-hour clock for a slot's start or end, on the meeting's day."""

    def __init__(self, default: Callable[[], QTime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default = default

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QTimeEdit(parent)
        editor.setDisplayFormat("HH:mm")
        editor.setAccessibleName(
            self.tr("Slot starts")
            if index.column() == AgendaEditColumn.START
            else self.tr("Slot ends")
        )
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QTimeEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setTime(value if isinstance(value, QTime) else self._default())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QTimeEdit):
            model.setData(index, editor.time(), Qt.ItemDataRole.EditRole)
