"""One meeting's review, cut down to what that meeting's papers print.

An agenda, minutes or invitation prints one meeting: its items, the witnesses and
terms of reference on them, its attendance and actions, and the review's own details
(title, body, time zone, contact, panel, terms of reference, exclusion wording).
Reading the whole review for that (``documents.load_review``: every note, every
evidence file's bytes, every other meeting's items) made a paper cost what the review
holds; this reads only the meeting's rows, by the indexes on their meeting, so a paper
costs what its meeting holds.

The ``Review`` it returns holds that meeting alone, the witnesses on its items and
those who asked to give evidence in private (whom ``publishing.private_witnesses_named``
looks for, also in approved minutes kept as they printed), and the meeting's actions;
its notes, evidence, recommendations and other meetings are left empty, and the
meeting's minutes history and kept minutes are not read (minutes print from
``minutes_edits``). ``publishing`` builds the same views from it as from the whole
review (tests/services/test_meeting_papers.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
)
from ..domain.errors import NotFoundError
from ..domain.records import Action, AgendaItem, Attendance, Meeting, Review, Witness
from . import orm
from .documents import load_review_head


@dataclass(frozen=True)
class MeetingPapers:
    """A meeting's id, review id and key, and its review cut down to it."""

    meeting_id: int
    review_id: int
    key: str
    review: Review

    @property
    def meeting(self) -> Meeting:
        return self.review.meetings[0]


def meeting_papers(session: Session, meeting_id: int) -> MeetingPapers:
    """What the meeting's papers print, read for that meeting alone."""
    m = orm.MeetingRow
    row = session.execute(
        select(
            m.review_id,
            m.key,
            m.title,
            m.kind,
            m.start,
            m.end,
            m.venue,
            m.status,
            m.uid,
            m.sequence,
            m.minutes_status,
            m.minutes_approved_on,
            m.agenda_published_on,
            m.minutes_approved_at_id,
        ).where(m.id == meeting_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    approved_at = (
        None
        if row.minutes_approved_at_id is None
        else session.scalar(select(m.key).where(m.id == row.minutes_approved_at_id))
    )
    meeting = Meeting(
        key=row.key,
        title=row.title,
        kind=MeetingKind(row.kind),
        start=row.start,
        end=row.end,
        venue=row.venue,
        status=MeetingStatus(row.status),
        uid=row.uid,
        sequence=row.sequence,
        attendance=_attendance(session, meeting_id),
        minutes_status=MinutesStatus(row.minutes_status),
        minutes_approved_on=row.minutes_approved_on,
        items=_items(session, meeting_id),
        agenda_published_on=row.agenda_published_on,
        minutes_approved_at=approved_at,
    )
    review = replace(
        load_review_head(session, row.review_id),
        witnesses=_witnesses(session, row.review_id, meeting_id),
        meetings=(meeting,),
        actions=_actions(session, meeting_id, row.key),
    )
    return MeetingPapers(meeting_id, row.review_id, row.key, review)


def _items(session: Session, meeting_id: int) -> tuple[AgendaItem, ...]:
    i = orm.ItemRow
    witnesses: dict[int, list[str]] = defaultdict(list)
    for item_id, key in session.execute(
        select(orm.ItemWitness.item_id, orm.WitnessRow.key)
        .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
        .join(i, i.id == orm.ItemWitness.item_id)
        .where(i.meeting_id == meeting_id)
        .order_by(orm.ItemWitness.item_id, orm.ItemWitness.position)
    ):
        witnesses[item_id].append(key)
    tor: dict[int, list[str]] = defaultdict(list)
    for item_id, key in session.execute(
        select(orm.ItemTor.item_id, orm.TorRow.key)
        .join(orm.TorRow, orm.TorRow.id == orm.ItemTor.tor_id)
        .join(i, i.id == orm.ItemTor.item_id)
        .where(i.meeting_id == meeting_id)
        .order_by(orm.ItemTor.item_id, orm.ItemTor.position)
    ):
        tor[item_id].append(key)
    rows = session.execute(
        select(
            i.id,
            i.key,
            i.title,
            i.kind,
            i.access,
            i.closed_reason,
            i.public_title,
            i.exemption,
            i.start,
            i.end,
            i.minute,
        )
        .where(i.meeting_id == meeting_id)
        .order_by(i.position, i.id)
    )
    return tuple(
        AgendaItem(
            key=r.key,
            title=r.title,
            kind=ItemKind(r.kind),
            access=Access(r.access),
            closed_reason=r.closed_reason,
            public_title=r.public_title,
            exemption=r.exemption,
            start=r.start,
            end=r.end,
            witnesses=tuple(witnesses.get(r.id, ())),
            tor=tuple(tor.get(r.id, ())),
            minute=r.minute,
        )
        for r in rows
    )


def _witnesses(session: Session, review_id: int, meeting_id: int) -> tuple[Witness, ...]:
    """The witnesses on the meeting's items, and every witness of the review who asked
    to give evidence in private, in the review's order."""
    w = orm.WitnessRow
    on_items = (
        select(orm.ItemWitness.witness_id)
        .join(orm.ItemRow, orm.ItemRow.id == orm.ItemWitness.item_id)
        .where(orm.ItemRow.meeting_id == meeting_id)
    )
    rows = session.execute(
        select(w.key, w.name, w.role, w.organisation, w.email, w.invitation, w.private)
        .where(w.review_id == review_id, or_(w.id.in_(on_items), w.private))
        .order_by(w.position, w.id)
    )
    return tuple(
        Witness(
            r.key,
            r.name,
            r.role,
            r.organisation,
            r.email,
            InvitationState(r.invitation),
            r.private,
        )
        for r in rows
    )


def _attendance(session: Session, meeting_id: int) -> tuple[Attendance, ...]:
    a = orm.AttendanceRow
    rows = session.execute(
        select(orm.MemberRow.key, a.status)
        .join(orm.MemberRow, orm.MemberRow.id == a.member_id)
        .where(a.meeting_id == meeting_id)
        .order_by(a.position)
    )
    return tuple(Attendance(key, AttendanceStatus(status)) for key, status in rows)


def _actions(session: Session, meeting_id: int, meeting_key: str) -> tuple[Action, ...]:
    a = orm.ActionRow
    rows = session.execute(
        select(a.key, a.text, a.owner, a.due, a.status, a.access)
        .where(a.meeting_id == meeting_id)
        .order_by(a.position, a.id)
    )
    return tuple(
        Action(
            key=r.key,
            text=r.text,
            owner=r.owner,
            due=r.due,
            status=ActionStatus(r.status),
            meeting=meeting_key,
            access=Access(r.access),
        )
        for r in rows
    )
