"""The Agenda tab: the selected meeting's items in order, edited in place.

Add, remove and reorder items (drag and drop, Ctrl+Up and Ctrl+Down); change a title,
kind or slot in the table (F2 or a double-click); close an item (the reason, the
Schedule 12A paragraph and the public title) or reopen it; choose who is heard under
it and which terms of reference it addresses; add the standard opening items in one
action. Each is one undo step through ``workspace.editor``; undo and redo find the
item by its key (a removed and restored item has a new id) and quote the version they
read just before.

A strip above the table warns when an open item has a witness who asked to give
evidence in private, with a button to close such items.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import STANDARD_ITEMS, ItemRecord, MinutesRecord
from ...domain.enums import ItemKind
from ...domain.errors import Problem, ScrutinyError
from ...domain.people_records import WitnessRecord
from ...domain.records import TorItem
from ...domain.structure import walk_tor
from ...services.agenda import ItemChanges
from ..dialogs.close_item_dialog import CloseItemDialog, ClosingValues
from ..dialogs.item_people_dialog import ItemPeopleDialog
from ..dialogs.witness_dialog import WitnessValues
from ..models import closed_tint, long_date, time_range
from ..models.agenda_edit_model import AgendaEditColumn, AgendaEditModel
from ..widgets.tables import FIT, STRETCH, record_table
from ..workspace import Workspace
from . import MeetingTabBase, ViewKeys

Index = QModelIndex | QPersistentModelIndex
#: What an agenda edit changes, for the other views to reload.
CHANGED = ("agenda",)
#: A new slot's length when only one end is given.
DEFAULT_SLOT = timedelta(minutes=30)


class KindDelegate(QStyledItemDelegate):
    """The kinds of item in a list; choosing one applies it at once."""

    def __init__(self, model: AgendaEditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.tr("Kind of item"))
        for label, kind in self._model.kind_choices():
            combo.addItem(label, kind.value)
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


class TimeDelegate(QStyledItemDelegate):
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


class AgendaTab(MeetingTabBase):
    """A MeetingTab (see ``ui.workspace``): show_meeting and reload."""

    KINDS = frozenset({"review", "meetings", "agenda", "witnesses"})
    LOAD_KEY = "agenda-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("agendaTab")
        self.agenda = self.services.agenda
        self._minutes: MinutesRecord | None = None
        self._select_key: str | None = None  # select this item when it arrives
        self._edit_key: str | None = None  # and start editing its title
        self._keys_by_meeting: dict[int, str] = {}  # the item last selected in each meeting
        self.close_dialog: CloseItemDialog | None = None  # the dialogs open, for tests
        self.people_dialog: ItemPeopleDialog | None = None

        self.model = AgendaEditModel(self)
        self.model.editable = not workspace.read_only
        self.model.edit_requested.connect(self._on_edit_requested)
        self.model.move_requested.connect(self._on_move_requested)
        self.view = record_table(
            self.model,
            self.tr("Agenda items"),
            {
                AgendaEditColumn.NUMBER: FIT,
                AgendaEditColumn.ACCESS: FIT,
                AgendaEditColumn.TITLE: STRETCH,
                AgendaEditColumn.KIND: FIT,
                AgendaEditColumn.START: FIT,
                AgendaEditColumn.END: FIT,
                AgendaEditColumn.WITNESSES: STRETCH,
                AgendaEditColumn.TERMS: FIT,
            },
        )
        self.view.setObjectName("agendaEditView")
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setItemDelegateForColumn(
            AgendaEditColumn.KIND, KindDelegate(self.model, self.view)
        )
        for column in (AgendaEditColumn.START, AgendaEditColumn.END):
            self.view.setItemDelegateForColumn(column, TimeDelegate(self._default_time, self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)

        self.heading = QLabel()
        self.heading.setObjectName("agendaTabHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("agendaCounts")

        self._build_actions()
        self._build_privacy_strip()

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for action in self._button_actions():
            if action is None:
                buttons.addSpacing(12)
                continue
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
            self.buttons[action.objectName()] = button
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.counts_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.privacy_strip)
        layout.addWidget(self.view, 1)
        self.present_nothing()
        self.update_actions()

    # Building ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(
            name: str,
            text: str,
            tip: str,
            slot: Callable[[], Any],
            keys: str = "",
            on_view: bool = False,
        ) -> QAction:
            made = QAction(text, self)
            made.setObjectName(name)
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})" if keys else tip)
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setShortcutContext(
                    Qt.ShortcutContext.WidgetShortcut
                    if on_view
                    else Qt.ShortcutContext.WidgetWithChildrenShortcut
                )
            made.triggered.connect(lambda _checked=False: slot())
            if not on_view:
                self.addAction(made)
            return made

        self.add_action = action(
            "addItem",
            self.tr("&Add Item"),
            self.tr("Add an item after the selected one and type its title"),
            self.add_item,
            "Ctrl+Shift+I",
        )
        self.standard_action = action(
            "addStandardItems",
            self.tr("Add &Standard Items"),
            self.tr(
                "Add apologies for absence, declarations of interest and minutes of the "
                "previous meeting, where the agenda lacks them"
            ),
            self.add_standard_items,
            "Ctrl+Shift+O",
        )
        self.remove_action = action(
            "removeItem",
            self.tr("&Remove"),
            self.tr("Remove the selected item, with its witnesses and minute"),
            self.remove_item,
            "Del",
            on_view=True,
        )
        self.up_action = action(
            "moveItemUp",
            self.tr("Move &Up"),
            self.tr("Move the selected item up the agenda"),
            partial(self.move_item, -1),
            "Ctrl+Up",
            on_view=True,
        )
        self.down_action = action(
            "moveItemDown",
            self.tr("Move &Down"),
            self.tr("Move the selected item down the agenda"),
            partial(self.move_item, 1),
            "Ctrl+Down",
            on_view=True,
        )
        self.close_action = action(
            "closeItem",
            self.tr("&Close Item…"),
            self.tr(
                "Hear the selected item in private: the reason, the exemption and what "
                "public papers show (on a closed item: change those)"
            ),
            self.close_item,
            "Ctrl+Shift+X",
        )
        self.reopen_action = action(
            "reopenItem",
            self.tr("R&eopen"),
            self.tr("Hear the selected closed item in public again"),
            self.reopen_item,
            "Ctrl+Shift+R",
        )
        self.people_action = action(
            "itemPeople",
            self.tr("&Witnesses && ToR…"),
            self.tr("Choose who is heard under the selected item and the terms of reference"),
            self.edit_people,
            "Ctrl+Shift+W",
        )
        self.clear_slot_action = action(
            "clearSlot",
            self.tr("Clear &Time Slot"),
            self.tr("Take the selected item's start and end times away"),
            self.clear_slot,
        )
        self._view_keys = ViewKeys(
            self.view, [self.remove_action, self.up_action, self.down_action]
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for made in (
            self.add_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            self.close_action,
            self.reopen_action,
            self.people_action,
            self.clear_slot_action,
            self.standard_action,
        ):
            self.view.addAction(made)

    def _button_actions(self) -> list[QAction | None]:
        return [
            self.add_action,
            self.standard_action,
            self.remove_action,
            None,
            self.up_action,
            self.down_action,
            None,
            self.close_action,
            self.reopen_action,
            self.people_action,
        ]

    def _build_privacy_strip(self) -> None:
        self.privacy_strip = QFrame()
        self.privacy_strip.setObjectName("privacyStrip")
        self.privacy_strip.setFrameShape(QFrame.Shape.StyledPanel)
        self.privacy_strip.setAutoFillBackground(True)
        palette = self.privacy_strip.palette()
        palette.setColor(QPalette.ColorRole.Window, closed_tint())
        self.privacy_strip.setPalette(palette)
        icon = QLabel()
        icon.setPixmap(
            self.style()
            .standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
            .pixmap(18, 18)
        )
        self.privacy_text = QLabel()
        self.privacy_text.setWordWrap(True)
        self.privacy_button = QPushButton(self.tr("Close Them…"))
        self.privacy_button.setObjectName("closePrivateItems")
        self.privacy_button.setAccessibleName(self.tr("Close the items"))
        self.privacy_button.clicked.connect(self.close_private_items)
        strip = QHBoxLayout(self.privacy_strip)
        strip.setContentsMargins(8, 4, 8, 4)
        strip.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        strip.addWidget(self.privacy_text, 1)
        strip.addWidget(self.privacy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.privacy_strip.hide()

    # MeetingTabBase ------------------------------------------------------------------------

    def read(self, meeting_id: int) -> tuple[MinutesRecord, list[ItemRecord]]:
        return self.services.minutes.minutes(meeting_id), self.agenda.items(meeting_id)

    def present(self, data: tuple[MinutesRecord, list[ItemRecord]], same_meeting: bool) -> None:
        minutes, items = data
        current = self.current_item()
        wanted = self._select_key or (
            current.key
            if same_meeting and current
            else self._keys_by_meeting.get(minutes.meeting_id)
        )
        row = self.view.currentIndex().row() if same_meeting else 0
        day = minutes.meeting_start.date()
        if items != self.model.records() or minutes != self._minutes:
            self._minutes = minutes
            self.model.set_rows(items, day)
        self._show_heading(minutes, items)
        self._update_privacy_strip()
        if wanted is not None and self.select_item(wanted):
            if self._select_key == wanted:
                self._select_key = None
        elif self.model.rowCount() and not self.view.currentIndex().isValid():
            row = min(max(row, 0), self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(row, AgendaEditColumn.TITLE))
        if self._edit_key is not None and self._edit_key == (
            c.key if (c := self.current_item()) else None
        ):
            self._edit_key = None
            QTimer.singleShot(0, self, self._edit_current_title)

    def present_nothing(self) -> None:
        self._minutes = None
        self.model.set_rows([])
        self.privacy_strip.hide()
        if self.review_id is None:
            self.show_hint(self.tr("Choose or add a review to see its meetings and agendas."))
        else:
            self.show_hint(self.tr("Choose a meeting to edit its agenda."))

    def update_actions(self) -> None:
        writable = self.writable()
        item = self.current_item()
        row = self.view.currentIndex().row() if item else -1
        self.add_action.setEnabled(writable)
        self.standard_action.setEnabled(writable)
        for made in (self.remove_action, self.people_action, self.close_action):
            made.setEnabled(writable and item is not None)
        self.reopen_action.setEnabled(writable and item is not None and item.is_closed)
        self.clear_slot_action.setEnabled(writable and item is not None and item.has_slot)
        self.up_action.setEnabled(writable and row > 0)
        self.down_action.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)
        self.privacy_button.setEnabled(writable)
        if item is not None and item.is_closed:
            self.close_action.setText(self.tr("&Closed Item…"))
        else:
            self.close_action.setText(self.tr("&Close Item…"))

    # What is shown -------------------------------------------------------------------------

    def current_item(self) -> ItemRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def select_item(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        column = max(self.view.currentIndex().column(), 0)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _show_heading(self, minutes: MinutesRecord, items: Sequence[ItemRecord]) -> None:
        span = time_range(minutes.meeting_start, minutes.meeting_end)
        when = f"{long_date(minutes.meeting_start)}, {span}"
        self.heading.setText(
            "<p style='margin:0'><span style='font-size:large; font-weight:600'>"
            f"{html.escape(minutes.meeting_title)}</span><br>{html.escape(when)}</p>"
        )
        closed = sum(1 for i in items if i.is_closed)
        self.counts_label.setText(
            self.tr("{open} open, {closed} closed").format(open=len(items) - closed, closed=closed)
        )
        self.view.setAccessibleName(
            self.tr("Agenda of {meeting}").format(meeting=minutes.meeting_title)
        )

    def _update_privacy_strip(self) -> None:
        needing = self.items_needing_privacy()
        if not needing:
            self.privacy_strip.hide()
            return
        names = "; ".join(
            dict.fromkeys(
                w.label for i in needing for w in i.witnesses if w.key in i.private_witnesses
            )
        )
        if len(needing) == 1:
            text = self.tr(
                "Item {number}, “{title}”, is open, but {names} asked to give evidence in "
                "private. Close it so that it is taken in private."
            ).format(number=needing[0].number, title=needing[0].title, names=names)
            self.privacy_button.setText(self.tr("Close It…"))
        else:
            text = self.tr(
                "Items {numbers} are open, but {names} asked to give evidence in private. "
                "Close them so that they are taken in private."
            ).format(numbers=", ".join(str(i.number) for i in needing), names=names)
            self.privacy_button.setText(self.tr("Close Them…"))
        self.privacy_text.setText(text)
        self.privacy_strip.setAccessibleName(text)
        self.privacy_strip.show()

    def items_needing_privacy(self) -> list[ItemRecord]:
        return [r for r in self.model.records() if r.needs_privacy]

    def _default_time(self) -> QTime:
        """Where a slot editor starts on an item without one: the end of the slot
        before it, else the meeting's start."""
        minutes = self._minutes
        if minutes is None:
            return QTime(14, 0)
        moment = minutes.meeting_start
        row = self.view.currentIndex().row()
        for record in self.model.records()[: max(row, 0)]:
            if record.end is not None:
                moment = record.end
        return QTime(moment.hour, moment.minute)

    # Slots ------------------------------------------------------------------------------------

    def _on_current_changed(self, current: Index, _previous: Index) -> None:
        item = self.current_item()
        if item is not None and self.meeting_id is not None:
            self._keys_by_meeting[self.meeting_id] = item.key
        self.update_actions()

    def _on_activated(self, index: Index) -> None:
        if index.column() == AgendaEditColumn.ACCESS:
            self.close_item()
        elif index.column() in (AgendaEditColumn.WITNESSES, AgendaEditColumn.TERMS):
            self.edit_people()

    def _on_edit_requested(self, item: ItemRecord, field: str, value: Any) -> None:
        # After the delegate has closed its editor: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.change_item, item, field, value))

    def _on_move_requested(self, item: ItemRecord, position: int) -> None:
        QTimer.singleShot(0, self, partial(self.move_item_to, item, position))

    def _edit_current_title(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.writable():
            title = self.model.index(index.row(), AgendaEditColumn.TITLE)
            self.view.setCurrentIndex(title)
            self.view.edit(title)

    # Actions ------------------------------------------------------------------------------------

    def add_item(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or not self.add_action.isEnabled():
            return
        current = self.current_item()
        position = current.position + 1 if current is not None else None
        title = self.tr("New item")
        state: dict[str, Any] = {}

        def add() -> ItemRecord:
            record = self.agenda.add_item(meeting_id, title, ItemKind.OTHER, position)
            state["key"] = record.key
            state["review"] = record.review_id
            self._select_key = self._edit_key = record.key
            return record

        def undo() -> None:
            record = self.agenda.find(state["review"], state["key"])
            state["snapshot"] = self.agenda.remove_item(record.id, record.version)

        self.perform(
            self.tr("Add agenda item"),
            add,
            undo,
            lambda: self.agenda.restore_item(state["snapshot"]),
            changed=CHANGED,
        )

    def add_standard_items(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or not self.standard_action.isEnabled():
            return
        titles = {r.title.strip().casefold() for r in self.model.records()}
        if all(t.casefold() in titles for t in STANDARD_ITEMS):
            self.say(self.tr("The agenda has the standard items already."))
            return
        state: dict[str, Any] = {}

        def add() -> list[ItemRecord]:
            records = self.agenda.add_standard_items(meeting_id)
            state["keys"] = [r.key for r in records]
            state["review"] = records[0].review_id if records else None
            if records:
                self._select_key = records[0].key
            return records

        def undo() -> None:
            found = [self.agenda.find(state["review"], key) for key in state["keys"]]
            state["snapshots"] = self.agenda.remove_items([(r.id, r.version) for r in found])

        self.perform(
            self.tr("Add the standard items"),
            add,
            undo,
            lambda: self.agenda.restore_items(state["snapshots"]),
            changed=CHANGED,
        )

    def remove_item(self) -> None:
        item = self.current_item()
        if item is None or not self.remove_action.isEnabled():
            return
        state: dict[str, Any] = {}

        def remove(record: ItemRecord) -> None:
            state["snapshot"] = self.agenda.remove_item(record.id, record.version)

        self.perform(
            self.tr("Remove item “{title}”").format(title=item.title),
            lambda: remove(self._find(item)),
            lambda: self.agenda.restore_item(state["snapshot"]),
            lambda: remove(self._find(item)),
            changed=CHANGED,
        )

    def move_item(self, step: int) -> None:
        item = self.current_item()
        if item is None or self.workspace.read_only:
            return
        to = item.position + step
        if not 0 <= to < self.model.rowCount():
            return
        self.move_item_to(item, to)

    def move_item_to(self, item: ItemRecord, position: int) -> None:
        if self.workspace.read_only or position == item.position:
            return
        before = item.position

        def move(to: int) -> ItemRecord:
            record = self._find(item)
            return self.agenda.move_item(record.id, record.version, to)

        self._select_key = item.key
        self.perform(
            (
                self.tr("Move “{title}” up")
                if position < before
                else self.tr("Move “{title}” down")
            ).format(title=item.title),
            lambda: move(position),
            lambda: move(before),
            lambda: move(position),
            changed=CHANGED,
        )

    def change_item(self, item: ItemRecord, field: str, value: Any) -> None:
        """One in-place edit of the title, kind, start or end, as one undo step."""
        if self.workspace.read_only:
            return
        forward, backward, text = self._changes(item, field, value)
        if forward is None or backward is None:
            return

        def apply(changes: ItemChanges) -> ItemRecord:
            record = self._find(item)
            return self.agenda.update_item(record.id, record.version, changes)

        self._select_key = item.key
        self.perform(
            text,
            lambda: apply(forward),
            lambda: apply(backward),
            lambda: apply(forward),
            changed=CHANGED,
        )

    def _changes(
        self, item: ItemRecord, field: str, value: Any
    ) -> tuple[ItemChanges | None, ItemChanges | None, str]:
        if field == "title":
            return (
                ItemChanges(title=value),
                ItemChanges(title=item.title),
                self.tr("Rename item to “{title}”").format(title=value),
            )
        if field == "kind":
            return (
                ItemChanges(kind=value),
                ItemChanges(kind=item.kind),
                self.tr("Kind of “{title}”: {kind}").format(
                    title=item.title, kind=self.model.kind_label(value)
                ),
            )
        minutes = self._minutes
        if minutes is None or not isinstance(value, datetime):
            return None, None, ""
        text = self.tr("Time of “{title}”").format(title=item.title)
        backward = (
            ItemChanges(start=item.start, end=item.end)
            if item.has_slot
            else ItemChanges(clear_slot=True)
        )
        if field == "start":
            if item.has_slot and item.start is not None and item.end is not None:
                end = item.end if item.end > value else value + (item.end - item.start)
            else:
                end = value + DEFAULT_SLOT
            end = min(end, minutes.meeting_end) if value < minutes.meeting_end else end
            return ItemChanges(start=value, end=end), backward, text
        if item.has_slot and item.start is not None:
            start = item.start
        else:
            start = max(value - DEFAULT_SLOT, minutes.meeting_start)
        return ItemChanges(start=start, end=value), backward, text

    def clear_slot(self) -> None:
        item = self.current_item()
        if item is None or not item.has_slot or not self.clear_slot_action.isEnabled():
            return

        def apply(changes: ItemChanges) -> ItemRecord:
            record = self._find(item)
            return self.agenda.update_item(record.id, record.version, changes)

        self._select_key = item.key
        self.perform(
            self.tr("Clear the time of “{title}”").format(title=item.title),
            lambda: apply(ItemChanges(clear_slot=True)),
            lambda: apply(ItemChanges(start=item.start, end=item.end)),
            changed=CHANGED,
        )

    # Closing and reopening ------------------------------------------------------------------

    def close_item(self) -> None:
        item = self.current_item()
        if item is None or not self.close_action.isEnabled():
            return
        self._open_close_dialog([item])

    def close_private_items(self) -> None:
        items = self.items_needing_privacy()
        if not items or not self.writable():
            return
        self._open_close_dialog(
            items,
            reason=self.tr("The witness asked to give evidence in private."),
        )

    def _open_close_dialog(self, items: list[ItemRecord], reason: str = "") -> None:
        self.close_dialog = CloseItemDialog(
            self.workspace.window,
            self.workspace.settings,
            items,
            partial(self._close, items),
            reason=reason,
        )
        self.close_dialog.finished.connect(lambda _r: setattr(self, "close_dialog", None))
        self.close_dialog.open()

    def _close(self, items: list[ItemRecord], values: ClosingValues) -> Sequence[Problem]:
        """Close the items (or change why one is closed) as one undo step."""
        before = {i.key: i for i in items}
        closed: list[str] = []

        def close() -> list[ItemRecord]:
            closed.clear()
            done = []
            try:
                for item in items:
                    record = self._find(item)
                    done.append(
                        self.agenda.close_item(
                            record.id,
                            record.version,
                            values.reason,
                            values.exemption,
                            values.public_title,
                        )
                    )
                    closed.append(item.key)
            except ScrutinyError:
                put_back(closed)
                raise
            return done

        def put_back(keys: Sequence[str]) -> None:
            for key in reversed(list(keys)):
                old = before[key]
                record = self._find(old)
                if old.is_closed:
                    self.agenda.close_item(
                        record.id,
                        record.version,
                        old.closed_reason or "",
                        old.exemption,
                        old.public_title,
                    )
                else:
                    self.agenda.reopen_item(record.id, record.version)

        if len(items) == 1:
            text = (
                self.tr("Change why “{title}” is closed")
                if items[0].is_closed
                else self.tr("Close item “{title}”")
            ).format(title=items[0].title)
            self._select_key = items[0].key
        else:
            text = self.tr("Close {count} items").format(count=len(items))
        _result, problems = self.perform(
            text, close, lambda: put_back(list(before)), close, changed=CHANGED
        )
        return problems

    def reopen_item(self) -> None:
        item = self.current_item()
        if item is None or not item.is_closed or not self.reopen_action.isEnabled():
            return

        def reopen() -> ItemRecord:
            record = self._find(item)
            return self.agenda.reopen_item(record.id, record.version)

        def close_again() -> ItemRecord:
            record = self._find(item)
            return self.agenda.close_item(
                record.id,
                record.version,
                item.closed_reason or "",
                item.exemption,
                item.public_title,
            )

        self._select_key = item.key
        self.perform(
            self.tr("Reopen item “{title}”").format(title=item.title),
            reopen,
            close_again,
            reopen,
            changed=CHANGED,
        )

    # Witnesses and terms of reference ------------------------------------------------------------

    def edit_people(self) -> None:
        item = self.current_item()
        if item is None or not self.people_action.isEnabled():
            return
        review_id = item.review_id
        self.workspace.runner.submit(
            partial(self._read_people, review_id),
            partial(self._open_people_dialog, item),
            lambda exc: self.workspace.show_error(
                self.tr("The witnesses could not be read"), str(exc)
            ),
            key="agenda-tab-people",
        )

    def _read_people(self, review_id: int) -> tuple[list[WitnessRecord], list[tuple[str, TorItem]]]:
        witnesses = self.services.witness_edits.witnesses(review_id)
        terms = list(walk_tor(self.services.reviews.terms_of_reference(review_id)))
        return witnesses, terms

    def _open_people_dialog(
        self, item: ItemRecord, people: tuple[list[WitnessRecord], list[tuple[str, TorItem]]]
    ) -> None:
        if self.current_item() is None or self.current_item() != item:
            return  # the clerk moved on while the register was read
        witnesses, terms = people
        self.people_dialog = ItemPeopleDialog(
            self.workspace.window,
            self.workspace.settings,
            item,
            witnesses,
            terms,
            partial(self._save_people, item),
            partial(self._add_witness, item.review_id),
        )
        self.people_dialog.finished.connect(lambda _r: setattr(self, "people_dialog", None))
        self.people_dialog.open()

    def _save_people(
        self, item: ItemRecord, witnesses: tuple[str, ...], tor: tuple[str, ...]
    ) -> Sequence[Problem]:
        """The item's witnesses and terms of reference, as one undo step."""
        before_w = tuple(w.key for w in item.witnesses)
        before_t = tuple(t.key for t in item.tor)
        if (witnesses, tor) == (before_w, before_t):
            return []

        def apply(w: tuple[str, ...], t: tuple[str, ...], old_w: tuple[str, ...]) -> ItemRecord:
            record = self._find(item)
            if w != tuple(x.key for x in record.witnesses):
                record = self.agenda.set_item_witnesses(record.id, record.version, w)
            if t != tuple(x.key for x in record.tor):
                try:
                    record = self.agenda.set_item_tor(record.id, record.version, t)
                except ScrutinyError:
                    if w != old_w:  # put back the witnesses this step changed
                        self.agenda.set_item_witnesses(record.id, record.version, old_w)
                    raise
            return record

        self._select_key = item.key
        _result, problems = self.perform(
            self.tr("Witnesses and terms of reference of “{title}”").format(title=item.title),
            lambda: apply(witnesses, tor, before_w),
            lambda: apply(before_w, before_t, witnesses),
            lambda: apply(witnesses, tor, before_w),
            changed=CHANGED,
        )
        return problems

    def _add_witness(
        self, review_id: int, values: WitnessValues
    ) -> tuple[Sequence[Problem], WitnessRecord | None]:
        """A new witness in the register, made on the spot: its own undo step."""
        register = self.services.witness_edits
        state: dict[str, Any] = {}

        def add() -> WitnessRecord:
            added = register.add_witness(
                review_id,
                values.name,
                values.role,
                values.organisation,
                values.email,
                invitation=values.invitation,
                private=values.private,
            )
            state["key"] = added.key
            return added

        def undo() -> None:
            added = register.find_witness(review_id, state["key"])
            state["snapshot"] = register.remove_witness(added.id, added.version)

        result, problems = self.perform(
            self.tr("Add witness {name}").format(name=values.name),
            add,
            undo,
            lambda: register.restore_witness(state["snapshot"]),
            changed=("witnesses",),
        )
        return problems, result if isinstance(result, WitnessRecord) else None

    # Helpers ------------------------------------------------------------------------------------

    def _find(self, item: ItemRecord) -> ItemRecord:
        """The item as it is now (its id changes when it is removed and restored)."""
        return self.agenda.find(item.review_id, item.key)
