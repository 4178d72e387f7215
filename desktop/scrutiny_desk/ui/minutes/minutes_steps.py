"""The Minutes tab's actions as undo steps: a minute's text, approving and reopening
the minutes, and the actions agreed.

Each holds the service, the record's key and the values before and after. A minute is
typed in bursts: the first save of an edit session is a ``SaveMinute`` step and later
saves ``amend`` it, so one Undo takes the whole session's typing away.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from ...domain.agenda_records import ActionRecord, ActionSnapshot, ItemRecord, MinutesRecord
from ...domain.enums import Access
from ...services.actions import ActionChanges, ActionService
from ...services.agenda import AgendaService
from ...services.minutes import MinutesService
from ..shared.commands import Step

_CONTEXT = "MinutesTab"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SaveMinute(Step):
    """The minute of an item, from the text stored before the edit session to the
    latest text saved in it."""

    def __init__(
        self,
        agenda: AgendaService,
        minutes: MinutesService,
        item: ItemRecord,
        before: str,
        after: str,
    ) -> None:
        super().__init__(tr("Minute of item {number}").format(number=item.number))
        self._agenda, self._minutes = agenda, minutes
        self.key = item.key
        self._review_id = item.review_id
        self._before, self._after = before, after

    def _write(self, text: str) -> ItemRecord:
        record = self._agenda.find(self._review_id, self.key)
        return self._minutes.set_minute(record.id, record.version, text or None)

    def do(self) -> ItemRecord:
        return self._write(self._after)

    def undo(self) -> ItemRecord:
        return self._write(self._before)

    def amend(self, text: str) -> ItemRecord:
        """A later save in the same edit session: write it now, and redo writes it too."""
        saved = self._write(text)
        self._after = text
        return saved


class _LifecycleStep(Step):
    """A step of the minutes' lifecycle; its undo reverts to the record read before."""

    def __init__(self, minutes: MinutesService, meeting_id: int, text: str) -> None:
        super().__init__(text)
        self._minutes = minutes
        self._meeting_id = meeting_id
        self._before: MinutesRecord | None = None

    def change(self, before: MinutesRecord) -> MinutesRecord:
        raise NotImplementedError

    def do(self) -> MinutesRecord:
        before = self._minutes.minutes(self._meeting_id)
        after = self.change(before)
        self._before = before
        return after

    def undo(self) -> MinutesRecord:
        assert self._before is not None
        now = self._minutes.minutes(self._meeting_id)
        return self._minutes.revert_minutes(self._meeting_id, now.version, self._before)


class ApproveMinutes(_LifecycleStep):
    def __init__(
        self,
        minutes: MinutesService,
        meeting_id: int,
        approved_on: date,
        at_meeting_key: str | None,
    ) -> None:
        super().__init__(minutes, meeting_id, tr("Approve the minutes"))
        self._approved_on, self._at_meeting_key = approved_on, at_meeting_key

    def change(self, before: MinutesRecord) -> MinutesRecord:
        return self._minutes.approve_minutes(
            self._meeting_id, before.version, self._approved_on, self._at_meeting_key
        )


class ReopenMinutes(_LifecycleStep):
    def __init__(self, minutes: MinutesService, meeting_id: int, reason: str) -> None:
        super().__init__(minutes, meeting_id, tr("Reopen the minutes"))
        self._reason = reason

    def change(self, before: MinutesRecord) -> MinutesRecord:
        return self._minutes.reopen_minutes(self._meeting_id, before.version, self._reason)


def short(text: str, length: int = 40) -> str:
    """An action's text cut to fit an undo text."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class AddAction(Step):
    """A new action agreed at the meeting; undo deletes it, redo restores it."""

    def __init__(
        self,
        actions: ActionService,
        meeting_id: int,
        text: str,
        access: Access,
        follow: Callable[[str], None] = lambda _key: None,
    ) -> None:
        super().__init__(tr("Add an action"))
        self._actions = actions
        self._meeting_id, self._text, self._access = meeting_id, text, access
        self._follow = follow  # told the new action's key before the views reload
        self.added: ActionRecord | None = None
        self._snapshot: ActionSnapshot | None = None

    def do(self) -> ActionRecord:
        self.added = self._actions.add_action(self._meeting_id, self._text, access=self._access)
        self._follow(self.added.key)
        return self.added

    def undo(self) -> None:
        assert self.added is not None
        record = self._actions.find(self.added.review_id, self.added.key)
        self._snapshot = self._actions.delete_action(record.id, record.version)

    def redo(self) -> ActionRecord:
        assert self._snapshot is not None
        return self._actions.restore_action(self._snapshot)


class DeleteAction(Step):
    def __init__(self, actions: ActionService, action: ActionRecord) -> None:
        super().__init__(tr("Delete action “{text}”").format(text=short(action.text)))
        self._actions = actions
        self._review_id, self._key = action.review_id, action.key
        self._snapshot: ActionSnapshot | None = None

    def do(self) -> None:
        record = self._actions.find(self._review_id, self._key)
        self._snapshot = self._actions.delete_action(record.id, record.version)

    def undo(self) -> ActionRecord:
        assert self._snapshot is not None
        return self._actions.restore_action(self._snapshot)


class ChangeAction(Step):
    """One change to an action: its text, owner, due date, whether done or private."""

    def __init__(
        self,
        actions: ActionService,
        action: ActionRecord,
        before: ActionChanges,
        after: ActionChanges,
        text: str,
    ) -> None:
        super().__init__(text)
        self._actions = actions
        self._review_id, self._key = action.review_id, action.key
        self._before, self._after = before, after

    def _apply(self, changes: ActionChanges) -> ActionRecord:
        record = self._actions.find(self._review_id, self._key)
        return self._actions.update_action(record.id, record.version, changes)

    def do(self) -> ActionRecord:
        return self._apply(self._after)

    def undo(self) -> ActionRecord:
        return self._apply(self._before)
