"""Storage for declarations of interest made at meetings.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already. The person is named by key: a
panel member's or a substitute's at the meeting (``MeetingFacts`` maps them to ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.enums import InterestCategory
from ..domain.errors import NotFoundError
from ..domain.procedure_records import DeclarationRecord, PositionedDeclaration
from ..domain.records import Declaration
from . import orm
from .attendee_edits import MeetingFacts, meeting_facts
from .positions import close_gaps, make_room

D = orm.DeclarationRow


def _scope(meeting_id: int) -> Any:
    return D.meeting_id == meeting_id


def meeting_of(session: Session, declaration_id: int) -> int | None:
    return session.scalar(select(D.meeting_id).where(D.id == declaration_id))


def _person(facts: MeetingFacts, row: D, attendees: dict[int, str]) -> str:
    if row.member_id is not None:
        return facts.member_keys[row.member_id]
    return attendees[row.attendee_id or 0]


def declarations_of(session: Session, facts: MeetingFacts) -> list[tuple[D, Declaration]]:
    session.flush()
    attendees = {i: k for k, i in facts.attendee_ids.items()}
    items = facts.item_keys
    rows = session.scalars(
        select(D).where(_scope(facts.meeting_id)).order_by(D.position, D.id)
    ).all()
    return [
        (
            r,
            Declaration(
                member=_person(facts, r, attendees),
                item=items[r.item_id] if r.item_id else None,
                nature=r.nature,
                category=InterestCategory(r.category),
                left_room=r.left_room,
            ),
        )
        for r in rows
    ]


def declaration_records(session: Session, meeting_id: int) -> list[DeclarationRecord]:
    facts = meeting_facts(session, meeting_id)
    names = facts.names
    return [
        DeclarationRecord(
            id=r.id,
            meeting_id=meeting_id,
            position=r.position,
            person=d.member,
            person_name=names.get(d.member, d.member),
            substitute=r.attendee_id is not None,
            item=d.item,
            item_number=facts.numbers.get(d.item) if d.item else None,
            item_title=facts.item_titles.get(d.item) if d.item else None,
            nature=d.nature,
            category=d.category,
            left_room=d.left_room,
            version=r.version,
        )
        for r, d in declarations_of(session, facts)
    ]


def declaration_record(session: Session, declaration_id: int) -> DeclarationRecord:
    meeting_id = meeting_of(session, declaration_id)
    if meeting_id is None:
        raise NotFoundError(f"There is no declaration with id {declaration_id}")
    return next(r for r in declaration_records(session, meeting_id) if r.id == declaration_id)


def _values(facts: MeetingFacts, d: Declaration) -> dict[str, Any]:
    member = facts.member_ids.get(d.member)
    return {
        "member_id": member,
        "attendee_id": None if member is not None else facts.attendee_ids[d.member],
        "item_id": facts.item_id(d.item),
        "nature": d.nature,
        "category": d.category.value,
        "left_room": d.left_room,
    }


def insert_declaration(
    session: Session, facts: MeetingFacts, declaration: Declaration, position: int | None
) -> int:
    at = make_room(session, D, _scope(facts.meeting_id), position)
    row = D(meeting_id=facts.meeting_id, position=at, **_values(facts, declaration))
    session.add(row)
    session.flush()
    return row.id


def update_declaration(
    session: Session, facts: MeetingFacts, declaration_id: int, declaration: Declaration
) -> None:
    row = session.get(D, declaration_id)
    assert row is not None
    changed = False
    for name, value in _values(facts, declaration).items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        session.flush()


def delete_declaration(session: Session, declaration_id: int) -> None:
    row = session.get(D, declaration_id)
    assert row is not None
    meeting_id = row.meeting_id
    session.delete(row)
    session.flush()
    close_gaps(session, D, _scope(meeting_id))


def entries(
    session: Session,
    facts: MeetingFacts,
    *,
    item_ids: Sequence[int] = (),
    attendee_id: int | None = None,
) -> list[PositionedDeclaration]:
    """The meeting's declarations on these items, or by this attendee, with their places."""
    return [
        PositionedDeclaration(facts.meeting.key, r.position, d)
        for r, d in declarations_of(session, facts)
        if (r.item_id is not None and r.item_id in item_ids)
        or (attendee_id is not None and r.attendee_id == attendee_id)
    ]


def close_meeting_gaps(session: Session, meeting_id: int) -> None:
    """Positions 0..n-1 again after the database took declarations away with a row."""
    close_gaps(session, D, _scope(meeting_id))
