"""What the Minutes tab's actions do: saving a minute (one undo step per edit session),
approving and reopening the minutes, and the actions agreed; each a named step of
``minutes_steps`` through ``workspace.editor``.

An object the tab owns, given the workspace and how to follow an action (select it,
and perhaps start editing its text, when the reloaded list arrives). Every method is
told the records it acts on; the tab decides what is selected and enabled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QObject

from ...domain.agenda_records import ActionRecord, ItemRecord, MinutesRecord
from ...domain.enums import Access
from ...domain.errors import Problem, ScrutinyError
from ...domain.records import MeetingSummary
from ...services.actions import ActionChanges
from ...services.changes import recording
from ..shared.commands import Step
from ..shared.workspace import Workspace
from .approve_minutes_dialog import Approval, ApproveMinutesDialog, ReopenMinutesDialog
from .decision_steps import SetMeetingTimes, Times, UseRecordedWording
from .minutes_steps import (
    AddAction,
    ApproveMinutes,
    ChangeAction,
    DeleteAction,
    ReopenMinutes,
    SaveMinute,
    short,
)


@dataclass
class _Session:
    """An edit session of one minute: its step, and where it sits on the undo stack."""

    step: SaveMinute
    count: int


class MinutesCommands(QObject):
    def __init__(
        self,
        workspace: Workspace,
        follow_action: Callable[[str, bool], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.services = workspace.services
        self._follow_action = follow_action  # (key, edit its text)
        self._session: _Session | None = None
        self.approve_dialog: ApproveMinutesDialog | None = None  # the dialogs open, for tests
        self.reopen_dialog: ReopenMinutesDialog | None = None

    def perform(self, step: Step) -> tuple[Any, list[Problem]]:
        return self.workspace.editor.perform_checked(step)

    # The minute -----------------------------------------------------------------------------

    @property
    def in_session(self) -> bool:
        """A minute has been saved in the edit session going on."""
        return self._session is not None

    def end_session(self) -> None:
        """The clerk moved to another item or meeting: the next save is a new step."""
        self._session = None

    def save_minute(self, item: ItemRecord, before: str, text: str) -> bool:
        """Save ``text`` as the item's minute (``before``: the text stored before). The
        first save of an edit session is an undo step; later ones amend it while it is
        the latest step. False if the service refused it."""
        session = self._session
        if session is not None and session.step.key == item.key and self._on_top(session):
            return self._amend(session, text)
        step = SaveMinute(self.services.agenda, self.services.minutes, item, before, text)
        result, _problems = self.perform(step)
        if result is None:
            return False
        self._session = _Session(step, self.workspace.editor.stack.count())
        return True

    def _on_top(self, session: _Session) -> bool:
        stack = self.workspace.editor.stack
        count = stack.count()
        return (
            count == session.count
            and stack.index() == count
            and stack.text(count - 1) == session.step.text
        )

    def _amend(self, session: _Session, text: str) -> bool:
        """A later save in the same edit session: the session's step now writes this."""
        editor = self.workspace.editor
        try:
            with recording() as topics:
                session.step.amend(text)
        except ScrutinyError as exc:
            editor.failed.emit(session.step.text, str(exc))
            return False
        editor.saved.emit(self.tr("Saved: {0}").format(session.step.text))
        editor.changed.emit(frozenset(topics))
        return True

    def use_recorded_wording(self, item: ItemRecord, wording: str) -> bool:
        """The standard item's empty minute becomes its recorded wording: one step."""
        self.end_session()
        step = UseRecordedWording(self.services.agenda, self.services.minutes, item, wording)
        return self.perform(step)[0] is not None

    def set_times(self, meeting_id: int, before: Times, after: Times) -> bool:
        """When the meeting began and ended: one step. False if refused."""
        began, ended = before[0] != after[0], before[1] != after[1]
        text = (
            self.tr("Times the meeting began and ended")
            if began and ended
            else self.tr("Time the meeting began")
            if began
            else self.tr("Time the meeting ended")
        )
        step = SetMeetingTimes(self.services.attendees, meeting_id, before, after, text)
        return self.perform(step)[0] is not None

    # The lifecycle --------------------------------------------------------------------------

    def approve(self, review_id: int, meeting_id: int, still_shown: Callable[[int], bool]) -> None:
        """Read the meetings off the GUI thread, then ask when (and at which meeting)
        the minutes were approved, unless the clerk has moved to another meeting."""

        def read(data: tuple[MinutesRecord, list[MeetingSummary]]) -> None:
            if still_shown(meeting_id):
                self._open_approve_dialog(meeting_id, data)

        def failed(exc: Exception) -> None:
            self.workspace.report_error(self.tr("The meetings could not be read"), exc)

        self.workspace.runner.submit(
            partial(self._read_for_approval, review_id, meeting_id),
            read,
            failed,
            key="minutes-tab-approve",
        )

    def _read_for_approval(
        self, review_id: int, meeting_id: int
    ) -> tuple[MinutesRecord, list[MeetingSummary]]:
        return self.services.minutes.minutes(meeting_id), self.services.meetings.list(review_id)

    def _open_approve_dialog(
        self, meeting_id: int, data: tuple[MinutesRecord, list[MeetingSummary]]
    ) -> None:
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
        step = ApproveMinutes(
            self.services.minutes, meeting_id, approval.approved_on, approval.at_meeting_key
        )
        return self.perform(step)[1]

    def reopen(self, meeting_id: int, minutes: MinutesRecord) -> None:
        """Ask why, then reopen the approved minutes for a correction."""
        self.reopen_dialog = ReopenMinutesDialog(
            self.workspace.window,
            self.workspace.settings,
            minutes,
            partial(self._reopen, meeting_id),
        )
        self.reopen_dialog.finished.connect(lambda _r: setattr(self, "reopen_dialog", None))
        self.reopen_dialog.open()

    def _reopen(self, meeting_id: int, reason: str) -> Sequence[Problem]:
        return self.perform(ReopenMinutes(self.services.minutes, meeting_id, reason))[1]

    # Actions agreed ---------------------------------------------------------------------------

    def add_action(self, meeting_id: int, closed: bool) -> None:
        """A new action, private when agreed under a closed item; its text ready to type."""
        self.perform(
            AddAction(
                self.services.actions,
                meeting_id,
                self.tr("New action"),
                Access.CLOSED if closed else Access.OPEN,
                follow=lambda key: self._follow_action(key, True),
            )
        )

    def delete_action(self, action: ActionRecord) -> None:
        self.perform(DeleteAction(self.services.actions, action))

    def change_action(self, action: ActionRecord, field: str, value: Any) -> None:
        """One change to an action (text, owner, due date, done, private): one undo step."""
        after, before = _action_changes(action, field, value)
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
        self._follow_action(action.key, False)
        self.perform(
            ChangeAction(
                self.services.actions,
                action,
                before,
                after,
                texts[field].format(text=short(action.text)),
            )
        )


def _action_changes(
    action: ActionRecord, field: str, value: Any
) -> tuple[ActionChanges, ActionChanges]:
    """The change asked for and the change that undoes it."""
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
