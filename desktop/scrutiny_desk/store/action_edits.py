"""Storage for actions: the follow-ups agreed at meetings, one list per review.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from ..domain.agenda_records import ActionRecord, ActionSnapshot
from ..domain.enums import Access, ActionStatus
from ..domain.errors import NotFoundError
from ..domain.records import Action
from . import orm, queries
from .positions import close_gaps, make_room


def _action_records(session: Session, where: ColumnElement[bool]) -> list[ActionRecord]:
    stmt = (
        select(orm.ActionRow, orm.MeetingRow.key, orm.MeetingRow.title)
        .outerjoin(orm.MeetingRow, orm.MeetingRow.id == orm.ActionRow.meeting_id)
        .where(where)
        .order_by(orm.ActionRow.position, orm.ActionRow.id)
    )
    return [
        ActionRecord(
            id=a.id,
            review_id=a.review_id,
            key=a.key,
            position=a.position,
            text=a.text,
            owner=a.owner,
            due=a.due,
            status=ActionStatus(a.status),
            meeting_id=a.meeting_id,
            meeting_key=meeting_key,
            meeting_title=meeting_title,
            access=Access(a.access),
            version=a.version,
        )
        for a, meeting_key, meeting_title in session.execute(stmt)
    ]


def review_actions(session: Session, review_id: int) -> list[ActionRecord]:
    return _action_records(session, orm.ActionRow.review_id == review_id)


def meeting_actions(session: Session, meeting_id: int) -> list[ActionRecord]:
    return _action_records(session, orm.ActionRow.meeting_id == meeting_id)


def action_record(session: Session, action_id: int) -> ActionRecord:
    session.flush()
    found = _action_records(session, orm.ActionRow.id == action_id)
    if not found:
        raise NotFoundError(f"There is no action with id {action_id}")
    return found[0]


def _action_row(session: Session, action_id: int) -> orm.ActionRow:
    row = session.get(orm.ActionRow, action_id)
    if row is None:
        raise NotFoundError(f"There is no action with id {action_id}")
    return row


def _lock_list(session: Session, review_id: int) -> None:
    """Hold the review row until the transaction ends (PostgreSQL), so that positions
    in its list of actions are computed from a settled list."""
    session.execute(select(orm.ReviewRow.id).where(orm.ReviewRow.id == review_id).with_for_update())


def checked_action(session: Session, action_id: int, expected_version: int) -> ActionRecord:
    """The action, after checking the version the clerk started from."""
    if session.get(orm.ActionRow, action_id) is None:  # check_version says so
        queries.check_version(session, "action", action_id, expected_version, "The action")
    action = action_record(session, action_id)
    queries.check_version(
        session, "action", action_id, expected_version, f'The action "{_short(action.text)}"'
    )
    return action


def _short(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 60 else line[:57] + "..."


def new_action_key(session: Session, review_id: int) -> str:
    while True:
        key = f"a-{uuid.uuid4().hex[:8]}"
        if action_id_for(session, review_id, key) is None:
            return key


def update_action(session: Session, action_id: int, values: dict[str, object]) -> None:
    """Set checked values (enumerations by value); the version rises if any changed."""
    row = _action_row(session, action_id)
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, (Access, ActionStatus)) else value)
    session.flush()


def action_id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.ActionRow.id).where(
            orm.ActionRow.review_id == review_id, orm.ActionRow.key == key
        )
    )


def insert_action(
    session: Session, review_id: int, action: Action, meeting_id: int | None, position: int | None
) -> int:
    """A new action at ``position`` in the review's list (None: at the end)."""
    _lock_list(session, review_id)
    at = make_room(session, orm.ActionRow, orm.ActionRow.review_id == review_id, position)
    row = orm.ActionRow(
        review_id=review_id,
        position=at,
        key=action.key,
        text=action.text,
        owner=action.owner,
        due=action.due,
        status=action.status.value,
        meeting_id=meeting_id,
        access=action.access.value,
    )
    session.add(row)
    session.flush()
    return row.id


def delete_action(session: Session, action_id: int) -> ActionSnapshot:
    row = _action_row(session, action_id)
    _lock_list(session, row.review_id)
    meeting_key = (
        session.scalar(select(orm.MeetingRow.key).where(orm.MeetingRow.id == row.meeting_id))
        if row.meeting_id is not None
        else None
    )
    snapshot = ActionSnapshot(
        review_id=row.review_id,
        position=row.position,
        action=Action(
            key=row.key,
            text=row.text,
            owner=row.owner,
            due=row.due,
            status=ActionStatus(row.status),
            meeting=meeting_key,
            access=Access(row.access),
        ),
    )
    review_id = row.review_id
    session.delete(row)
    close_gaps(session, orm.ActionRow, orm.ActionRow.review_id == review_id)
    return snapshot
