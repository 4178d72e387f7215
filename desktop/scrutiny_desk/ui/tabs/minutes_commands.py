"""What the Minutes tab's actions do: saving a minute (one undo step per edit
session), approving and reopening the minutes, and the actions agreed. Each is
an undo step through ``workspace.editor``; ``MinutesTab`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from ...domain.agenda_records import ActionRecord, ItemRecord, MinutesRecord
from ...domain.enums import Access, MinutesStatus
from ...domain.errors import Problem, ScrutinyError
from ...domain.records import MeetingSummary
from ...services.actions import ActionChanges
from ..dialogs.approve_minutes_dialog import Approval, ApproveMinutesDialog, ReopenMinutesDialog

if TYPE_CHECKING:
    from .minutes_tab import MinutesTab

    _Base = MinutesTab
else:
    _Base = object

LIFECYCLE_CHANGED = ("minutes", "meetings")
ACTIONS_CHANGED = ("actions",)


class MinutesCommands(_Base):
    def save_minute(self) -> bool:
        """Save the minute being typed, if it changed: the first save of an edit session
        is an undo step, later ones amend it. False if the service refused it."""
        self._pause.stop()
        item = self._item
        if item is None or not self.is_dirty() or self.workspace.read_only:
            return True
        text = self.editor.toPlainText()
        kinds = self._minute_kinds(item, text)
        session = self._session
        if session is not None and session["key"] == item.key and self._session_on_top(session):
            return self._amend(item, text, session, kinds)
        original = self._base_text
        state = {"latest": text}

        def write(value: str) -> ItemRecord:
            record = self.services.agenda.find(item.review_id, item.key)
            return self.minutes_service.set_minute(record.id, record.version, value or None)

        def do() -> ItemRecord:
            saved = write(text)
            self._base_text = text
            return saved

        label = self.tr("Minute of item {number}").format(number=item.number)
        result, _problems = self.perform(
            label,
            do,
            lambda: write(original),
            lambda: write(state["latest"]),
            changed=kinds,
        )
        if result is None:
            return False
        stack = self.workspace.editor.stack
        self._session = {"key": item.key, "count": stack.count(), "text": label, "state": state}
        self._show_save_state()
        return True

    def _session_on_top(self, session: dict[str, Any]) -> bool:
        stack = self.workspace.editor.stack
        count = stack.count()
        return (
            count == session["count"]
            and stack.index() == count
            and stack.text(count - 1) == session["text"]
        )

    def _amend(
        self, item: ItemRecord, text: str, session: dict[str, Any], kinds: tuple[str, ...]
    ) -> bool:
        """A later save in the same edit session: the session's step now writes this."""
        editor = self.workspace.editor
        try:
            record = self.services.agenda.find(item.review_id, item.key)
            self.minutes_service.set_minute(record.id, record.version, text or None)
        except ScrutinyError as exc:
            editor.failed.emit(session["text"], str(exc))
            return False
        session["state"]["latest"] = text
        self._base_text = text
        editor.saved.emit(self.tr("Saved: {0}").format(session["text"]))
        editor.changed.emit(kinds)
        self._show_save_state()
        return True

    def _minute_kinds(self, item: ItemRecord, text: str) -> tuple[str, ...]:
        """A first minute makes the minutes a draft, clearing the last one makes them
        none: then the meetings list shows a new state too."""
        minutes = self._minutes
        if minutes is None:
            return ("minutes",)
        others = any((r.minute or "").strip() for r in self._model_items() if r.key != item.key)
        flips = (minutes.status is MinutesStatus.NONE and bool(text.strip())) or (
            minutes.status is MinutesStatus.DRAFT and not text.strip() and not others
        )
        return ("minutes", "meetings") if flips else ("minutes",)

    # The lifecycle --------------------------------------------------------------------------------

    def approve_minutes(self) -> None:
        meeting_id, review_id = self.meeting_id, self.review_id
        if meeting_id is None or review_id is None or not self.approve_action.isEnabled():
            return
        if not self.save_minute():
            return
        self.workspace.runner.submit(
            partial(self._read_for_approval, review_id, meeting_id),
            partial(self._open_approve_dialog, meeting_id),
            lambda exc: self.workspace.show_error(
                self.tr("The meetings could not be read"), str(exc)
            ),
            key="minutes-tab-approve",
        )

    def _read_for_approval(
        self, review_id: int, meeting_id: int
    ) -> tuple[MinutesRecord, list[MeetingSummary]]:
        return self.minutes_service.minutes(meeting_id), self.services.meetings.list(review_id)

    def _open_approve_dialog(
        self, meeting_id: int, data: tuple[MinutesRecord, list[MeetingSummary]]
    ) -> None:
        if meeting_id != self.meeting_id:
            return
        minutes, meetings = data
        self.approve_dialog = ApproveMinutesDialog(
            self.workspace.window,
            self.workspace.settings,
            minutes,
            meetings,
            partial(self._approve, meeting_id),
        )
        self.approve_dialog.finished.connect(lambda _r: setattr(self, "approve_dialog", None))
        self.approve_dialog.open()

    def _approve(self, meeting_id: int, approval: Approval) -> Sequence[Problem]:
        return self._lifecycle_step(
            meeting_id,
            self.tr("Approve the minutes"),
            lambda before: self.minutes_service.approve_minutes(
                meeting_id, before.version, approval.approved_on, approval.at_meeting_key
            ),
        )

    def reopen_minutes(self) -> None:
        meeting_id = self.meeting_id
        minutes = self._minutes
        if meeting_id is None or minutes is None or not self.reopen_action.isEnabled():
            return
        self.reopen_dialog = ReopenMinutesDialog(
            self.workspace.window,
            self.workspace.settings,
            minutes,
            partial(self._reopen, meeting_id),
        )
        self.reopen_dialog.finished.connect(lambda _r: setattr(self, "reopen_dialog", None))
        self.reopen_dialog.open()

    def _reopen(self, meeting_id: int, reason: str) -> Sequence[Problem]:
        return self._lifecycle_step(
            meeting_id,
            self.tr("Reopen the minutes"),
            lambda before: self.minutes_service.reopen_minutes(meeting_id, before.version, reason),
        )

    def _lifecycle_step(
        self, meeting_id: int, text: str, step: Callable[[MinutesRecord], MinutesRecord]
    ) -> Sequence[Problem]:
        """One step of the lifecycle; its undo reverts to the record read before it."""
        state: dict[str, MinutesRecord] = {}

        def do() -> MinutesRecord:
            before = self.minutes_service.minutes(meeting_id)
            after = step(before)
            state["before"] = before
            return after

        def undo() -> MinutesRecord:
            now = self.minutes_service.minutes(meeting_id)
            return self.minutes_service.revert_minutes(meeting_id, now.version, state["before"])

        _result, problems = self.perform(text, do, undo, do, changed=LIFECYCLE_CHANGED)
        return problems

    # Actions agreed ---------------------------------------------------------------------------

    def add_action(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or not self.add_action_action.isEnabled():
            return
        item = self._item
        access = Access.CLOSED if item is not None and item.is_closed else Access.OPEN
        text = self.tr("New action")
        state: dict[str, Any] = {}

        def add() -> ActionRecord:
            record = self.actions_service.add_action(meeting_id, text, access=access)
            state["key"], state["review"] = record.key, record.review_id
            self._select_action_key = self._edit_action_key = record.key
            return record

        def undo() -> None:
            record = self.actions_service.find(state["review"], state["key"])
            state["snapshot"] = self.actions_service.delete_action(record.id, record.version)

        self.perform(
            self.tr("Add an action"),
            add,
            undo,
            lambda: self.actions_service.restore_action(state["snapshot"]),
            changed=ACTIONS_CHANGED,
        )

    def delete_action(self) -> None:
        action = self.current_action()
        if action is None or not self.delete_action_action.isEnabled():
            return
        state: dict[str, Any] = {}

        def delete() -> None:
            record = self.actions_service.find(action.review_id, action.key)
            state["snapshot"] = self.actions_service.delete_action(record.id, record.version)

        self.perform(
            self.tr("Delete action “{text}”").format(text=_short(action.text)),
            delete,
            lambda: self.actions_service.restore_action(state["snapshot"]),
            delete,
            changed=ACTIONS_CHANGED,
        )

    def _on_action_edit_requested(self, action: ActionRecord, field: str, value: Any) -> None:
        QTimer.singleShot(0, self, partial(self.change_action, action, field, value))

    def change_action(self, action: ActionRecord, field: str, value: Any) -> None:
        """One change to an action (text, owner, due date, done, private): one undo step."""
        if self.workspace.read_only:
            return
        forward, backward = _action_changes(action, field, value)
        texts = {
            "text": self.tr("Change the action “{text}”"),
            "owner": self.tr("Owner of the action “{text}”"),
            "due": self.tr("Due date of the action “{text}”"),
            "status": self.tr("Mark the action “{text}” done")
            if value is not None and getattr(value, "value", "") == "done"
            else self.tr("Mark the action “{text}” not done"),
            "access": self.tr("Make the action “{text}” private")
            if value is Access.CLOSED
            else self.tr("Make the action “{text}” public"),
        }

        def apply(changes: ActionChanges) -> ActionRecord:
            record = self.actions_service.find(action.review_id, action.key)
            return self.actions_service.update_action(record.id, record.version, changes)

        self._select_action_key = action.key
        self.perform(
            texts[field].format(text=_short(action.text)),
            lambda: apply(forward),
            lambda: apply(backward),
            lambda: apply(forward),
            changed=ACTIONS_CHANGED,
        )


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _action_changes(
    action: ActionRecord, field: str, value: Any
) -> tuple[ActionChanges, ActionChanges]:
    if field == "text":
        return ActionChanges(text=value), ActionChanges(text=action.text)
    if field == "owner":
        forward = ActionChanges(owner=value) if value else ActionChanges(owner=None)
        backward = ActionChanges(owner=action.owner) if action.owner else ActionChanges(owner=None)
        return forward, backward
    if field == "due":
        due: date | None = value
        forward = ActionChanges(due=due) if due else ActionChanges(due=None)
        backward = ActionChanges(due=action.due) if action.due else ActionChanges(due=None)
        return forward, backward
    if field == "status":
        return ActionChanges(status=value), ActionChanges(status=action.status)
    return ActionChanges(access=value), ActionChanges(access=action.access)
