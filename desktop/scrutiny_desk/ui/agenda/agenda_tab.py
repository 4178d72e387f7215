"""The Agenda tab: the selected meeting's items in order, edited in place.

Add, remove and reorder items (drag and drop, Ctrl+Up and Ctrl+Down); change a title,
kind or slot in the table (F2 or a double-click); close an item (the reason, the
Schedule 12A paragraph and the public title) or reopen it; choose who is heard under
it and which terms of reference it addresses; add the standard opening items in one
action. Each is one undo step through ``workspace.editor``; undo and redo find the
item by its key (a removed and restored item has a new id) and quote the version they
read just before.

Below the table, the reports pane lists the selected item's reports
(``reports_pane``); Welsh Titles… edits the Welsh of its title and public title. A
strip above the table warns when an open item has a witness who asked to give evidence
in private, with a button to close such items.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.topics import Topic
from ..audit.history_action import add_history
from ..shared.agenda_items_model import AgendaEditColumn, AgendaEditModel
from ..shared.cell_editors import KindDelegate, TimeDelegate, TitleDelegate
from ..shared.display import long_date, time_range
from ..shared.locked_banner import LockedBanner
from ..shared.meeting_tab import MeetingTabBase, ViewKeys
from ..shared.tables import FIT, STRETCH, record_table
from ..shared.workspace import Workspace
from .agenda_commands import AgendaCommands
from .privacy_strip import PrivacyStrip
from .reports_pane import ReportsPane

if TYPE_CHECKING:
    from ...domain.agenda_records import ItemRecord, MinutesRecord
    from ...domain.report_records import ReportEntry
    from ...services.agenda import AgendaService
    from .close_item_dialog import CloseItemDialog
    from .item_people_dialog import ItemPeopleDialog

Index = QModelIndex | QPersistentModelIndex


class AgendaTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload. What its
    actions do is ``self.commands`` (``AgendaCommands``); the tab lays out, shows and
    decides what is selected and what can be done now."""

    TOPICS = frozenset(
        {
            Topic.REVIEW,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
            Topic.TERMS,
            Topic.EVIDENCE,  # a report from the register is named by the evidence's title
        }
    )
    LOAD_KEY = "agenda-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("agendaTab")
        self._minutes: MinutesRecord | None = None
        self._select_key: str | None = None  # select this item when it arrives
        self._edit_key: str | None = None  # and start editing its title
        self._keys_by_meeting: dict[int, str] = {}  # the item last selected in each meeting

        self.model = AgendaEditModel(self)
        self.commands = AgendaCommands(workspace, self.model.kind_label, self._follow, self)
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
        self.view.setItemDelegateForColumn(AgendaEditColumn.TITLE, TitleDelegate(self.view))
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
        self._build_locked_banner()

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
        layout.addWidget(self.locked_banner)
        layout.addLayout(buttons)
        layout.addWidget(self.privacy_strip)
        self.reports_pane = ReportsPane(workspace)  # the selected item's reports, below
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.reports_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 180])  # in proportion: the agenda first
        layout.addWidget(self.splitter, 1)
        self.start_empty()

    # Building ---------------------------------------------------------------------------

    @property
    def agenda(self) -> AgendaService:
        """The agenda service, asked for when a meeting's items are first read."""
        return self.services.agenda

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
            self.tr(
                "Hear the selected closed item in public again (asks first, saying what "
                "would become public; its notes stay closed)"
            ),
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
        self.welsh_action = action(
            "welshTitles",
            self.tr("Welsh T&itles…"),
            self.tr("The Welsh of the selected item's title (and of a closed item's public title)"),
            self.edit_welsh_titles,
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
            self.welsh_action,
            self.clear_slot_action,
            self.standard_action,
        ):
            self.view.addAction(made)
        add_history(self.view, self.workspace, "agenda_items", self.current_item)

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
            self.welsh_action,
        ]

    def _build_privacy_strip(self) -> None:
        self.privacy_strip = PrivacyStrip()
        self.privacy_text, self.privacy_button = self.privacy_strip.text, self.privacy_strip.button
        self.privacy_button.clicked.connect(self.close_private_items)

    def _build_locked_banner(self) -> None:
        self.locked_banner = LockedBanner("agendaLocked")
        self.locked_text = self.locked_banner.text

    # MeetingTabBase ------------------------------------------------------------------------

    def read(self, meeting_id: int) -> tuple[MinutesRecord, list[ItemRecord], list[ReportEntry]]:
        reports = self.services.reports.list_for_meeting(meeting_id)
        return self.services.minutes.minutes(meeting_id), self.agenda.items(meeting_id), reports

    def present(
        self, data: tuple[MinutesRecord, list[ItemRecord], list[ReportEntry]], same_meeting: bool
    ) -> None:
        minutes, items, reports = data
        self.reports_pane.set_reports(reports)
        current = self.current_item()
        wanted = self._select_key or (
            current.key
            if same_meeting and current
            else self._keys_by_meeting.get(minutes.meeting_id)
        )
        row = self.view.currentIndex().row() if same_meeting else 0
        day = minutes.meeting_start.date()
        editable = not self.workspace.read_only and not minutes.locked
        if items != self.model.records() or minutes != self._minutes:
            self._minutes = minutes
            self.model.editable = editable
            self.model.set_rows(items, day)
        self._show_heading(minutes, items)
        self._show_locked(minutes)
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
        self.reports_pane.set_reports([])
        self.privacy_strip.hide()
        self.locked_banner.hide()
        if self.review_id is None:
            self.show_hint(self.tr("Choose or add a review to see its meetings and agendas."))
        else:
            self.show_hint(self.tr("Choose a meeting to edit its agenda."))

    def writable(self) -> bool:
        """Shown, and neither the database read-only nor the minutes approved."""
        minutes = self._minutes
        return super().writable() and minutes is not None and not minutes.locked

    def update_actions(self) -> None:
        writable = self.writable()
        item = self.current_item()
        row = self.view.currentIndex().row() if item else -1
        self.add_action.setEnabled(writable)
        self.standard_action.setEnabled(writable)
        for made in (self.remove_action, self.people_action, self.close_action, self.welsh_action):
            made.setEnabled(writable and item is not None)
        self.reports_pane.show_item(item, writable)
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

    def _show_locked(self, minutes: MinutesRecord) -> None:
        """While the minutes are approved the agenda they record is read-only."""
        if not minutes.locked:
            self.locked_banner.hide()
            return
        locked = self.tr(
            "The minutes of this meeting are approved, so its agenda cannot be changed."
        )
        if not self.workspace.read_only:  # a reader cannot reopen them: not offered
            locked += " " + self.tr(
                "Reopen them on the Minutes tab to correct it (the reopening is recorded "
                "with its reason)."
            )
        self.locked_banner.say(locked)

    def _update_privacy_strip(self) -> None:
        self.privacy_strip.show_for(self.items_needing_privacy())

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

    def _follow(self, key: str, edit: bool) -> None:
        """Select this item when the reloaded agenda arrives (and edit its title)."""
        self._select_key = key
        if edit:
            self._edit_key = key

    # Actions: what is selected, then ``self.commands`` ------------------------------------------

    @property
    def close_dialog(self) -> CloseItemDialog | None:
        return self.commands.close_dialog

    @property
    def people_dialog(self) -> ItemPeopleDialog | None:
        return self.commands.people_dialog

    @property
    def open_question(self) -> QMessageBox | None:
        return self.commands.open_question

    def add_item(self) -> None:
        if self.meeting_id is not None and self.add_action.isEnabled():
            self.commands.add_item(self.meeting_id, self.current_item())

    def add_standard_items(self) -> None:
        if self.meeting_id is not None and self.standard_action.isEnabled():
            self.commands.add_standard_items(
                self.meeting_id, [r.title for r in self.model.records()]
            )

    def remove_item(self) -> None:
        item = self.current_item()
        if item is not None and self.remove_action.isEnabled():
            self.commands.remove_item(item)

    def move_item(self, step: int) -> None:
        item = self.current_item()
        if item is not None and 0 <= item.position + step < self.model.rowCount():
            self.move_item_to(item, item.position + step)

    def move_item_to(self, item: ItemRecord, position: int) -> None:
        if self.writable():
            self.commands.move_item(item, position)

    def change_item(self, item: ItemRecord, field: str, value: Any) -> None:
        if self.writable():
            self.commands.change_item(item, field, value, self._minutes)

    def clear_slot(self) -> None:
        item = self.current_item()
        if item is not None and item.has_slot and self.clear_slot_action.isEnabled():
            self.commands.clear_slot(item)

    def close_item(self) -> None:
        item = self.current_item()
        if item is not None and self.close_action.isEnabled():
            self.commands.close_items([item])

    def close_private_items(self) -> None:
        items = self.items_needing_privacy()
        if items and self.writable():
            self.commands.close_items(
                items, reason=self.tr("The witness asked to give evidence in private.")
            )

    def reopen_item(self) -> None:
        item = self.current_item()
        if item is not None and item.is_closed and self.reopen_action.isEnabled():
            self.commands.reopen_item(item)

    def edit_welsh_titles(self) -> None:
        item = self.current_item()
        if item is not None and self.welsh_action.isEnabled():
            self.commands.edit_welsh_titles(item)

    def edit_people(self) -> None:
        item = self.current_item()
        if item is not None and self.people_action.isEnabled():
            self.commands.edit_people(item, lambda asked: self.current_item() == asked)
