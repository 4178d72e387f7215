"""Actions: the follow-ups agreed at meetings, who owns them and when they are due.

Actions form one list per review (the interchange format keeps them there), each
naming the meeting that agreed it. A closed action never appears in public papers.
The actions of a meeting print in its minutes, so they cannot be added, changed or
deleted while its minutes are approved.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date

from ..domain.agenda_records import ActionRecord, ActionSnapshot
from ..domain.changes import KEEP, Keep, given_changes
from ..domain.enums import Access, ActionStatus
from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.records import Action
from ..domain.rules import text_problem
from ..store import action_edits as store
from ..store import minutes_edits, queries
from ..store.db import Database


@dataclass(frozen=True)
class ActionChanges:
    """The editable fields of an action; a field left at ``KEEP`` stays as it is
    (``domain.changes``), and None empties the owner or the due date."""

    text: str | Keep = KEEP
    owner: str | Keep | None = KEEP
    due: date | Keep | None = KEEP
    status: ActionStatus | Keep = KEEP
    access: Access | Keep = KEEP


class ActionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_meeting(self, meeting_id: int) -> builtins.list[ActionRecord]:
        """The actions agreed at a meeting, in the review's order."""
        with self.db.reading() as session:
            queries.get_meeting(session, meeting_id)
            return store.meeting_actions(session, meeting_id)

    def for_review(self, review_id: int) -> builtins.list[ActionRecord]:
        """Every action of the review, in its order."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            return store.review_actions(session, review_id)

    def get(self, action_id: int) -> ActionRecord:
        with self.db.reading() as session:
            return store.action_record(session, action_id)

    def id_for(self, review_id: int, key: str) -> int:
        with self.db.reading() as session:
            found = store.action_id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no action with key "{key}" in this review')
        return found

    def find(self, review_id: int, key: str) -> ActionRecord:
        return self.get(self.id_for(review_id, key))

    def add_action(
        self,
        meeting_id: int,
        text: str,
        owner: str | None = None,
        due: date | None = None,
        access: Access = Access.OPEN,
        key: str | None = None,
    ) -> ActionRecord:
        """A new open action agreed at the meeting, at the end of the review's list."""
        with self.db.writing() as session:
            meeting = minutes_edits.lock_meeting(session, meeting_id)
            meeting.refuse_if_locked()
            problems = _text_problems(text, owner)
            if key is None:
                key = store.new_action_key(session, meeting.review_id)
            else:
                taken = store.action_id_for(session, meeting.review_id, key) is not None
                problems += key_problems(key, taken, "action")
            if problems:
                raise ValidationError(problems)
            action = Action(
                key=key,
                text=text,
                owner=_blank_to_none(owner),
                due=due,
                status=ActionStatus.OPEN,
                meeting=meeting.meeting_key,
                access=access,
            )
            action_id = store.insert_action(session, meeting.review_id, action, meeting_id, None)
            return store.action_record(session, action_id)

    def update_action(
        self, action_id: int, expected_version: int, changes: ActionChanges
    ) -> ActionRecord:
        with self.db.writing() as session:
            action = store.checked_action(session, action_id, expected_version)
            minutes_edits.refuse_if_approved(session, action.meeting_id)
            values = given_changes(changes)
            problems = _text_problems(values.get("text"), values.get("owner"))
            if problems:
                raise ValidationError(problems)
            if "owner" in values:
                values["owner"] = _blank_to_none(values["owner"])
            store.update_action(session, action_id, values)
            return store.action_record(session, action_id)

    def delete_action(self, action_id: int, expected_version: int) -> ActionSnapshot:
        """Delete an action; a snapshot for ``restore_action``."""
        with self.db.writing() as session:
            action = store.checked_action(session, action_id, expected_version)
            minutes_edits.refuse_if_approved(session, action.meeting_id)
            return store.delete_action(session, action_id)

    def restore_action(self, snapshot: ActionSnapshot) -> ActionRecord:
        """Put a deleted action back with its key, at its place in the list."""
        action = snapshot.action
        with self.db.writing() as session:
            minutes_edits.require_review(session, snapshot.review_id)
            meeting_id = None
            if action.meeting is not None:
                meeting_id = minutes_edits.meeting_id_for(
                    session, snapshot.review_id, action.meeting
                )
                if meeting_id is None:
                    raise ConflictError(
                        "The meeting that agreed this action has been deleted, so the action "
                        "cannot be put back."
                    )
                minutes_edits.refuse_if_approved(session, meeting_id)
            problems = _text_problems(action.text, action.owner)
            problems += key_problems(
                action.key,
                lambda k: store.action_id_for(session, snapshot.review_id, k) is not None,
                "action",
            )
            if problems:
                raise ValidationError(problems)
            action_id = store.insert_action(
                session, snapshot.review_id, action, meeting_id, snapshot.position
            )
            return store.action_record(session, action_id)


def _blank_to_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def _text_problems(text: str | None, owner: str | None) -> list[Problem]:
    problems: list[Problem] = []
    if text is not None:
        if not text.strip():
            problems.append(Problem("text", "must not be empty"))
        elif why := text_problem(text):
            problems.append(Problem("text", why))
    if owner is not None and (why := text_problem(owner)):
        problems.append(Problem("owner", why))
    return problems
