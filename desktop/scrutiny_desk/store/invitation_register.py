"""The invitation register's rows: one meeting's issues read oldest first, and an
issue recorded with its recipients in the caller's transaction.

An issue is a record, never edited: recipients are kept by the key they had and the
name and address the file went to, so the register still names who holds an event
after a member leaves the panel or a witness is taken off the agenda. ``by`` is the
user the database writes as (``Database.user``, as the minutes history records it).

The meeting is read with its substitutes, officers and others present (format version
6, ``meeting_attendees``): substitutes and officers are invited like the panel.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..domain.enums import AttendeeKind
from ..domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from ..domain.meeting_rules import MAX_SEQUENCE
from ..domain.records import Attendee
from . import orm
from .meeting_papers import MeetingPapers, meeting_papers
from .queries import get_meeting_row


def meeting_and_register(
    session: Session, meeting_id: int, *, lock: bool = False
) -> tuple[MeetingPapers, tuple[CalendarIssue, ...]]:
    """The meeting as its papers print it (``meeting_papers``) with its attendees, and
    its register, read in one snapshot: what ``invitation_plan`` works from. With
    ``lock`` (before recording), the meeting's row is locked first (``FOR UPDATE`` on
    PostgreSQL; a SQLite write transaction already holds the database), so two clerks
    sending updates for one meeting take turns and the second sees the first's issues."""
    if lock:
        session.execute(
            select(orm.MeetingRow.id).where(orm.MeetingRow.id == meeting_id).with_for_update()
        )
    papers = meeting_papers(session, meeting_id)
    meeting = replace(papers.meeting, attendees=attendees(session, meeting_id))
    papers = replace(papers, review=replace(papers.review, meetings=(meeting,)))
    return papers, issues(session, meeting_id)


def attendees(session: Session, meeting_id: int) -> tuple[Attendee, ...]:
    """The meeting's substitutes, officers and others present, in their order, by key
    (a substitute's member, and the items of arrival and departure, by theirs)."""
    a, member = orm.AttendeeRow, orm.MemberRow
    arrived, left = aliased(orm.ItemRow), aliased(orm.ItemRow)
    rows = session.execute(
        select(a.key, a.kind, a.name, a.role, a.email, member.key, arrived.key, left.key)
        .outerjoin(member, member.id == a.substitute_for_id)
        .outerjoin(arrived, arrived.id == a.arrived_item_id)
        .outerjoin(left, left.id == a.left_item_id)
        .where(a.meeting_id == meeting_id)
        .order_by(a.position, a.id)
    )
    return tuple(
        Attendee(key, AttendeeKind(kind), name, role, email, member_key, arrived_key, left_key)
        for key, kind, name, role, email, member_key, arrived_key, left_key in rows
    )


def issues(session: Session, meeting_id: int) -> tuple[CalendarIssue, ...]:
    """The meeting's register, oldest first."""
    i, r = orm.CalendarIssueRow, orm.CalendarRecipientRow
    rows = session.execute(
        select(i).where(i.meeting_id == meeting_id).order_by(i.position, i.id)
    ).scalars()
    found = list(rows)
    recipients: dict[int, list[IssuedTo]] = {row.id: [] for row in found}
    if found:
        for rec in session.execute(
            select(r).where(r.issue_id.in_(list(recipients))).order_by(r.issue_id, r.position, r.id)
        ).scalars():
            recipients[rec.issue_id].append(
                IssuedTo(PersonKind(rec.person), rec.person_key, rec.name, rec.email)
            )
    return tuple(
        CalendarIssue(
            at=row.at_utc.replace(tzinfo=UTC).astimezone(
                timezone(timedelta(minutes=row.at_offset_minutes))
            ),
            by=row.by,
            kind=IssueKind(row.kind),
            uid=row.uid,
            sequence=row.sequence,
            recipients=tuple(recipients[row.id]),
            reason=row.reason,
        )
        for row in found
    )


def record(session: Session, meeting_id: int, issue: CalendarIssue) -> None:
    """Add ``issue`` at the end of the meeting's register, in the caller's transaction."""
    i = orm.CalendarIssueRow
    position = session.scalar(
        select(func.coalesce(func.max(i.position) + 1, 0)).where(i.meeting_id == meeting_id)
    )
    offset = issue.at.utcoffset() or timedelta(0)
    row = orm.CalendarIssueRow(
        meeting_id=meeting_id,
        position=int(position or 0),
        at_utc=issue.at.astimezone(UTC).replace(tzinfo=None),
        at_offset_minutes=int(offset.total_seconds() // 60),
        by=issue.by,
        kind=issue.kind.value,
        uid=issue.uid,
        sequence=issue.sequence,
        reason=issue.reason,
    )
    session.add(row)
    session.flush()
    session.add_all(
        orm.CalendarRecipientRow(
            issue_id=row.id,
            position=n,
            person=to.person.value,
            person_key=to.key,
            name=to.name,
            email=to.email,
        )
        for n, to in enumerate(issue.recipients)
    )
    session.flush()


def raise_sequence_to(session: Session, meeting_id: int, sequence: int) -> None:
    """Raise the meeting's calendar SEQUENCE to ``sequence`` (never lower it): a file
    was issued above it (``invitation_plan``: a cancellation to one person)."""
    row = get_meeting_row(session, meeting_id)
    wanted = min(sequence, MAX_SEQUENCE)
    if wanted > row.sequence:
        row.sequence = wanted
        session.flush()
