"""Storage for who was at a meeting besides its panel: substitutes, officers and others
also present, the arrivals and departures of everyone by item, and the meeting's times;
and the meeting as the rules of procedure read it (``meeting_facts``), which the
declarations and resolutions storage use too.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.enums import (
    Access,
    AttendanceStatus,
    AttendeeKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    StandardItem,
)
from ..domain.errors import NotFoundError
from ..domain.procedure_records import AttendeeRecord
from ..domain.records import AgendaItem, Attendance, Attendee, Meeting
from ..domain.structure import printed_numbers
from . import orm
from .positions import close_gaps, make_room

AR = orm.AttendeeRow


def _scope(meeting_id: int) -> Any:
    return AR.meeting_id == meeting_id


# The meeting as the rules read it ---------------------------------------------------


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting as ``domain.procedure`` reads it (items in agenda order, attendance
    with stays, attendees), with the ids and names behind its keys."""

    meeting_id: int
    review_id: int
    meeting: Meeting
    member_ids: dict[str, int]  # every panel member of the review, by key
    member_names: dict[str, str]
    attendee_ids: dict[str, int]  # this meeting's attendees, by key
    item_ids: dict[str, int]  # this meeting's items, by key
    item_titles: dict[str, str]
    numbers: dict[str, int]  # item key -> printed number

    @property
    def names(self) -> dict[str, str]:
        """Every person's name by key: panel members and this meeting's attendees."""
        return self.member_names | {a.key: a.name for a in self.meeting.attendees}

    @property
    def item_keys(self) -> dict[int, str]:
        return {i: k for k, i in self.item_ids.items()}

    @property
    def member_keys(self) -> dict[int, str]:
        return {i: k for k, i in self.member_ids.items()}

    def attendee(self, key: str) -> Attendee | None:
        return next((a for a in self.meeting.attendees if a.key == key), None)

    def status_of(self, member_key: str) -> AttendanceStatus | None:
        found = next((a for a in self.meeting.attendance if a.member == member_key), None)
        return None if found is None else found.status

    def item_id(self, key: str | None) -> int | None:
        return None if key is None else self.item_ids[key]


def meeting_facts(session: Session, meeting_id: int) -> MeetingFacts:
    session.flush()
    m = session.get(orm.MeetingRow, meeting_id)
    if m is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    members = session.execute(
        select(orm.MemberRow.id, orm.MemberRow.key, orm.MemberRow.name)
        .where(orm.MemberRow.review_id == m.review_id)
        .order_by(orm.MemberRow.position, orm.MemberRow.id)
    ).all()
    member_keys = {i: k for i, k, _n in members}
    rows = session.scalars(
        select(orm.ItemRow)
        .where(orm.ItemRow.meeting_id == meeting_id)
        .order_by(orm.ItemRow.position, orm.ItemRow.id)
    ).all()
    items = tuple(
        AgendaItem(
            key=r.key,
            title=r.title,
            kind=ItemKind(r.kind),
            access=Access(r.access),
            public_title=r.public_title,
            standard=StandardItem(r.standard) if r.standard else None,
        )
        for r in rows
    )
    item_keys = {r.id: r.key for r in rows}
    attendance = tuple(
        Attendance(
            member=member_keys[a.member_id],
            status=AttendanceStatus(a.status),
            arrived=item_keys.get(a.arrived_item_id) if a.arrived_item_id else None,
            left=item_keys.get(a.left_item_id) if a.left_item_id else None,
        )
        for a in session.scalars(
            select(orm.AttendanceRow)
            .where(orm.AttendanceRow.meeting_id == meeting_id)
            .order_by(orm.AttendanceRow.position, orm.AttendanceRow.id)
        )
    )
    attendee_rows = session.scalars(
        select(AR).where(_scope(meeting_id)).order_by(AR.position, AR.id)
    ).all()
    attendees = tuple(_attendee(r, member_keys, item_keys) for r in attendee_rows)
    meeting = Meeting(
        key=m.key,
        title=m.title,
        kind=MeetingKind(m.kind),
        start=m.start,
        end=m.end,
        status=MeetingStatus(m.status),
        attendance=attendance,
        items=items,
        began=m.began,
        ended=m.ended,
        attendees=attendees,
    )
    return MeetingFacts(
        meeting_id=meeting_id,
        review_id=m.review_id,
        meeting=meeting,
        member_ids={k: i for i, k, _n in members},
        member_names={k: n for _i, k, n in members},
        attendee_ids={r.key: r.id for r in attendee_rows},
        item_ids={r.key: r.id for r in rows},
        item_titles={r.key: r.title for r in rows},
        numbers=printed_numbers(items),
    )


def _attendee(r: orm.AttendeeRow, members: dict[int, str], items: dict[int, str]) -> Attendee:
    return Attendee(
        key=r.key,
        kind=AttendeeKind(r.kind),
        name=r.name,
        role=r.role,
        email=r.email,
        substitute_for=members.get(r.substitute_for_id) if r.substitute_for_id else None,
        arrived=items.get(r.arrived_item_id) if r.arrived_item_id else None,
        left=items.get(r.left_item_id) if r.left_item_id else None,
    )


def attendee_key_taken(session: Session, review_id: int, key: str) -> bool:
    """Whether an attendee of any meeting of the review, or a panel member, has the key
    (a declaration or a vote names either by key)."""
    for model in (AR, orm.MemberRow):
        if session.scalar(select(model.id).where(model.review_id == review_id, model.key == key)):
            return True
    return False


# Reading ------------------------------------------------------------------------------


def attendee_records(session: Session, meeting_id: int) -> list[AttendeeRecord]:
    facts = meeting_facts(session, meeting_id)
    rows = session.scalars(select(AR).where(_scope(meeting_id)).order_by(AR.position, AR.id))
    out: list[AttendeeRecord] = []
    for r, a in zip(rows, facts.meeting.attendees, strict=True):
        out.append(
            AttendeeRecord(
                id=r.id,
                review_id=r.review_id,
                meeting_id=meeting_id,
                key=a.key,
                position=r.position,
                kind=a.kind,
                name=a.name,
                role=a.role,
                email=a.email,
                substitute_for=a.substitute_for,
                substitute_for_name=facts.member_names.get(a.substitute_for or ""),
                arrived=a.arrived,
                arrived_number=facts.numbers.get(a.arrived or ""),
                left=a.left,
                left_number=facts.numbers.get(a.left or ""),
                version=r.version,
            )
        )
    return out


def attendee_record(session: Session, attendee_id: int) -> AttendeeRecord:
    meeting_id = attendee_meeting(session, attendee_id)
    return next(r for r in attendee_records(session, meeting_id) if r.id == attendee_id)


def attendee_meeting(session: Session, attendee_id: int) -> int:
    found = session.scalar(select(AR.meeting_id).where(AR.id == attendee_id))
    if found is None:
        raise NotFoundError(f"There is no attendee with id {attendee_id}")
    return found


def attendee_meeting_or_none(session: Session, attendee_id: int) -> int | None:
    return session.scalar(select(AR.meeting_id).where(AR.id == attendee_id))


# Writing ------------------------------------------------------------------------------


def _ids(facts: MeetingFacts, a: Attendee) -> dict[str, Any]:
    return {
        "substitute_for_id": facts.member_ids[a.substitute_for] if a.substitute_for else None,
        "arrived_item_id": facts.item_id(a.arrived),
        "left_item_id": facts.item_id(a.left),
    }


def insert_attendee(
    session: Session, facts: MeetingFacts, attendee: Attendee, position: int | None
) -> int:
    """A new attendee (keys the service checked) at ``position`` (None: the end)."""
    at = make_room(session, AR, _scope(facts.meeting_id), position)
    row = AR(
        review_id=facts.review_id,
        meeting_id=facts.meeting_id,
        position=at,
        key=attendee.key,
        kind=attendee.kind.value,
        name=attendee.name,
        role=attendee.role,
        email=attendee.email,
        **_ids(facts, attendee),
    )
    session.add(row)
    session.flush()
    return row.id


def update_attendee(
    session: Session, facts: MeetingFacts, attendee_id: int, attendee: Attendee
) -> None:
    """Write the attendee as ``attendee`` says (its version rises if anything changed)."""
    row = session.get(AR, attendee_id)
    assert row is not None
    values: dict[str, Any] = {
        "kind": attendee.kind.value,
        "name": attendee.name,
        "role": attendee.role,
        "email": attendee.email,
        **_ids(facts, attendee),
    }
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        session.flush()


def delete_attendee(session: Session, attendee_id: int) -> None:
    """Delete the attendee (the database takes their declarations and casts with them;
    the caller recounts the votes) and close the gap in the meeting's list."""
    row = session.get(AR, attendee_id)
    assert row is not None
    meeting_id = row.meeting_id
    session.delete(row)
    session.flush()
    close_gaps(session, AR, _scope(meeting_id))


# Stays and times ----------------------------------------------------------------------


def attendance_row_id(session: Session, meeting_id: int, member_id: int) -> int | None:
    return session.scalar(
        select(orm.AttendanceRow.id).where(
            orm.AttendanceRow.meeting_id == meeting_id,
            orm.AttendanceRow.member_id == member_id,
        )
    )


def set_stay(
    session: Session, attendance_id: int, arrived_item_id: int | None, left_item_id: int | None
) -> None:
    row = session.get(orm.AttendanceRow, attendance_id)
    assert row is not None
    if (row.arrived_item_id, row.left_item_id) != (arrived_item_id, left_item_id):
        row.arrived_item_id = arrived_item_id
        row.left_item_id = left_item_id
        session.flush()


def set_times(
    session: Session, meeting_id: int, began: datetime | None, ended: datetime | None
) -> None:
    row = session.get(orm.MeetingRow, meeting_id)
    assert row is not None
    if (row.began, row.ended) != (began, ended):
        row.began = began
        row.ended = ended
        session.flush()


def stays_at(session: Session, item_ids: Sequence[int]) -> list[tuple[str, bool, int]]:
    """(person key, arrived, item id) of every arrival or departure recorded at these
    items: panel members' and attendees'."""
    out: list[tuple[str, bool, int]] = []
    if not item_ids:
        return out
    a, m = orm.AttendanceRow, orm.MemberRow
    for column, arrived in ((a.arrived_item_id, True), (a.left_item_id, False)):
        for key, item_id in session.execute(
            select(m.key, column).join(m, m.id == a.member_id).where(column.in_(item_ids))
        ):
            out.append((key, arrived, item_id or 0))
    for column, arrived in ((AR.arrived_item_id, True), (AR.left_item_id, False)):
        for key, item_id in session.execute(select(AR.key, column).where(column.in_(item_ids))):
            out.append((key, arrived, item_id or 0))
    return out


def restore_stay(
    session: Session, facts: MeetingFacts, person: str, arrived: bool, item_id: int
) -> None:
    """Point a person's arrival (or departure) at an item again, if it names none now."""
    column = "arrived_item_id" if arrived else "left_item_id"
    row: Any
    if person in facts.member_ids:
        row = session.scalar(
            select(orm.AttendanceRow).where(
                orm.AttendanceRow.meeting_id == facts.meeting_id,
                orm.AttendanceRow.member_id == facts.member_ids[person],
            )
        )
    else:
        row = session.get(AR, facts.attendee_ids[person]) if person in facts.attendee_ids else None
    if row is not None and getattr(row, column) is None:
        setattr(row, column, item_id)
        session.flush()
