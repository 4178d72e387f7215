"""The actions agreed at the meeting, below the minute on the Minutes tab: what, who,
by when, done, private; edited in place, each change one undo step (through the tab's
``MinutesCommands``). Frozen with the minutes while they are approved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QVBoxLayout, QWidget

from ...domain.agenda_records import ActionRecord
from ..audit.history_action import add_history
from ..shared.actions_model import ActionColumn, ActionsModel
from ..shared.due_date_editor import DueDateDelegate
from ..shared.meeting_tab import ViewKeys
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .minutes_commands import MinutesCommands
from .tab_actions import make_action, text_button


class ActionsPane(QWidget):
    """``meeting`` says the meeting shown (its id and day) and ``closed_item`` whether
    the item whose minute is open is closed: an action agreed there is private."""

    def __init__(
        self,
        workspace: Workspace,
        commands: MinutesCommands,
        meeting: Callable[[], tuple[int | None, date | None]],
        closed_item: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.commands = commands
        self._meeting = meeting
        self._closed_item = closed_item
        self._select_key: str | None = None
        self._edit_key: str | None = None
        self.model = ActionsModel(self)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.view = record_table(
            self.model,
            self.tr("Actions agreed"),
            {
                ActionColumn.TEXT: STRETCH,
                ActionColumn.OWNER: FIT,
                ActionColumn.DUE: FIT,
                ActionColumn.DONE: FIT,
                ActionColumn.CLOSED: FIT,
            },
        )
        self.view.setObjectName("actionsView")
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setItemDelegateForColumn(
            ActionColumn.DUE, DueDateDelegate(self._default_due_date, self.view)
        )
        self.add_action = make_action(
            self,
            self.tr("Add &Action"),
            self.tr("Add an action agreed at this meeting and type what it is"),
            self.add,
            "Ctrl+Shift+T",
        )
        self.delete_action = make_action(
            self,
            self.tr("&Delete Action"),
            self.tr("Delete the selected action"),
            self.delete,
            "Del",
            target=self.view,
        )
        ViewKeys(self.view, [])  # F2 edits the action, not the meeting
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.add_action, self.delete_action])
        add_history(self.view, workspace, "actions", self.current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(caption(self.tr("Actions a&greed"), self.view))
        head.addStretch(1)
        head.addWidget(text_button(self.add_action))
        head.addWidget(text_button(self.delete_action))
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

    def _default_due_date(self) -> QDate:
        """Where a due-date calendar opens on an action with no date: today, or the
        meeting's day when that is later."""
        today = date.today()
        day = self._meeting()[1]
        day = max(today, day) if day else today
        return QDate(day.year, day.month, day.day)

    def follow(self, key: str, edit: bool) -> None:
        """Select this action when the reloaded list arrives (and edit its text)."""
        self._select_key = key
        if edit:
            self._edit_key = key

    def present(self, actions: list[ActionRecord]) -> None:
        current = self.current()
        wanted = self._select_key or (current.key if current else None)
        if actions != [self.model.record(r) for r in range(self.model.rowCount())]:
            self.model.set_rows(actions)
        row = self.model.row_of_key(wanted) if wanted else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, ActionColumn.TEXT))
            if self._select_key == wanted:
                self._select_key = None
        if self._edit_key is not None and self._edit_key == wanted:
            self._edit_key = None
            QTimer.singleShot(0, self, self._edit_current)

    def _edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and not self.workspace.read_only and self.model.editable:
            text = self.model.index(index.row(), ActionColumn.TEXT)
            self.view.setCurrentIndex(text)
            self.view.edit(text)

    def update_actions(self, writable: bool, locked: bool) -> None:
        self.add_action.setEnabled(writable and not locked)
        self.delete_action.setEnabled(writable and not locked and self.current() is not None)
        self.model.editable = not self.workspace.read_only and not locked

    def current(self) -> ActionRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def select(self, key: str) -> bool:
        """Make the action with this key current (False until its meeting's are shown)."""
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, ActionColumn.TEXT))
        return True

    def add(self) -> None:
        meeting_id = self._meeting()[0]
        if meeting_id is not None and self.add_action.isEnabled():
            self.commands.add_action(meeting_id, self._closed_item())

    def delete(self) -> None:
        action = self.current()
        if action is not None and self.delete_action.isEnabled():
            self.commands.delete_action(action)

    def _on_edit_requested(self, action: ActionRecord, field: str, value: Any) -> None:
        # After the delegate has closed its editor: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.change, action, field, value))

    def change(self, action: ActionRecord, field: str, value: Any) -> None:
        if not self.workspace.read_only:
            self.commands.change_action(action, field, value)
