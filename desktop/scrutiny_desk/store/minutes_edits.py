"""Storage for a meeting's minutes, attendance and actions.

Functions here take the caller's session (the service's one transaction) and return
domain records; they check nothing the service has not checked already.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from ..domain.agenda_records import (
    AttendanceRecord,
    MemberAttendance,
    MinutesRecord,
)
from ..domain.enums import (
    AttendanceStatus,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
)
from ..domain.errors import NotFoundError
from ..domain.records import MinutesHistoryEntry
from ..domain.view_codec import MinutesSnapshot, snapshot_from_texts, view_text
from . import orm, queries
from .positions import close_gaps, make_room

# Meetings and their minutes ------------------------------------------------------------


def _lock(session: Session, meeting_id: int) -> orm.MeetingRow:
    row = session.execute(
        select(orm.MeetingRow)
        .where(orm.MeetingRow.id == meeting_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    return row


def lock_meeting(session: Session, meeting_id: int) -> MinutesRecord:
    """Lock the meeting row until the transaction ends (on PostgreSQL; SQLite has one
    writer anyway), so that list positions and minutes are changed from a settled
    state; the meeting's minutes as they stand."""
    _lock(session, meeting_id)
    return minutes_record(session, meeting_id)


def refuse_if_approved(session: Session, meeting_id: int | None) -> None:
    """Refuse (MinutesLockedError) an edit that would change the minutes of the meeting
    while they are approved; the rule is ``agenda_records.refuse_if_approved``."""
    if meeting_id is not None:
        lock_meeting(session, meeting_id).refuse_if_locked()


def require_review(session: Session, review_id: int) -> None:
    if session.get(orm.ReviewRow, review_id) is None:
        raise NotFoundError(f"There is no review with id {review_id}")


def checked_meeting(session: Session, meeting_id: int, expected_version: int) -> MinutesRecord:
    """Lock the meeting and check the version the clerk started from; its minutes."""
    minutes = lock_meeting(session, meeting_id)
    queries.check_version(
        session,
        "meeting",
        meeting_id,
        expected_version,
        f'The minutes of "{minutes.meeting_title}"',
    )
    return minutes


def raise_sequence(session: Session, meeting_id: int) -> None:
    """The meeting's invitations change: its calendar SEQUENCE (and version) rise."""
    queries.update_meeting(session, meeting_id, {}, bump_sequence=True)


def meeting_when(session: Session, review_id: int, key: str) -> tuple[str, datetime] | None:
    """(title, start) of the meeting with that key in the review."""
    found = session.execute(
        select(orm.MeetingRow.title, orm.MeetingRow.start).where(
            orm.MeetingRow.review_id == review_id, orm.MeetingRow.key == key
        )
    ).first()
    return None if found is None else (found[0], found[1])


def meeting_id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.MeetingRow.id).where(
            orm.MeetingRow.review_id == review_id, orm.MeetingRow.key == key
        )
    )


def minutes_record(session: Session, meeting_id: int) -> MinutesRecord:
    session.flush()
    m = session.get(orm.MeetingRow, meeting_id)
    if m is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    review = session.get(orm.ReviewRow, m.review_id)
    assert review is not None
    at = session.get(orm.MeetingRow, m.minutes_approved_at_id) if m.minutes_approved_at_id else None
    history = minutes_history(session, meeting_id)
    return MinutesRecord(
        meeting_id=m.id,
        review_id=m.review_id,
        meeting_key=m.key,
        meeting_title=m.title,
        meeting_start=m.start,
        meeting_end=m.end,
        meeting_status=MeetingStatus(m.status),
        timezone=review.timezone,
        status=MinutesStatus(m.minutes_status),
        approved_on=m.minutes_approved_on,
        approved_at=at.key if at else None,
        approved_at_title=at.title if at else None,
        history=history,
        version=m.version,
        snapshot=approved_snapshot(session, meeting_id),
    )


def minutes_history(session: Session, meeting_id: int) -> tuple[MinutesHistoryEntry, ...]:
    """The meeting's minutes history, oldest first, each reopening with the approved
    minutes it set aside."""
    rows = session.scalars(
        select(orm.MinutesHistoryRow)
        .where(orm.MinutesHistoryRow.meeting_id == meeting_id)
        .order_by(orm.MinutesHistoryRow.position, orm.MinutesHistoryRow.id)
    ).all()
    kept = {
        s.history_id: s
        for s in session.scalars(
            select(orm.MinutesSnapshotRow).where(
                orm.MinutesSnapshotRow.meeting_id == meeting_id,
                orm.MinutesSnapshotRow.history_id.is_not(None),
            )
        )
    }
    return tuple(
        MinutesHistoryEntry(
            at=h.at_utc.replace(tzinfo=UTC).astimezone(
                timezone(timedelta(minutes=h.at_offset_minutes))
            ),
            by=h.by,
            event=MinutesEvent(h.event),
            note=h.note,
            snapshot=_snapshot(kept[h.id]) if h.id in kept else None,
        )
        for h in rows
    )


def _snapshot(row: orm.MinutesSnapshotRow) -> MinutesSnapshot:
    return snapshot_from_texts(row.public, row.panel)


def _snapshot_row(
    meeting_id: int, history_id: int | None, snapshot: MinutesSnapshot
) -> orm.MinutesSnapshotRow:
    return orm.MinutesSnapshotRow(
        meeting_id=meeting_id,
        history_id=history_id,
        public=view_text(snapshot.public),
        panel=view_text(snapshot.panel),
    )


def approved_snapshot(session: Session, meeting_id: int) -> MinutesSnapshot | None:
    """The meeting's approved minutes as they print (None: not approved, or approved
    before snapshots were kept and not read since: see migration 0007)."""
    row = session.scalar(
        select(orm.MinutesSnapshotRow).where(
            orm.MinutesSnapshotRow.meeting_id == meeting_id,
            orm.MinutesSnapshotRow.history_id.is_(None),
        )
    )
    return None if row is None else _snapshot(row)


def set_snapshot(session: Session, meeting_id: int, snapshot: MinutesSnapshot | None) -> None:
    """Keep ``snapshot`` as the meeting's approved minutes (None: there are none)."""
    session.execute(
        delete(orm.MinutesSnapshotRow).where(
            orm.MinutesSnapshotRow.meeting_id == meeting_id,
            orm.MinutesSnapshotRow.history_id.is_(None),
        )
    )
    if snapshot is not None:
        session.add(_snapshot_row(meeting_id, None, snapshot))
    session.flush()


def set_minutes_state(
    session: Session,
    meeting_id: int,
    *,
    status: MinutesStatus,
    approved_on: date | None,
    approved_at: str | None,
) -> None:
    """Set the lifecycle fields; ``approved_at`` is the key of a meeting of the review."""
    row = _lock(session, meeting_id)
    row.minutes_status = status.value
    row.minutes_approved_on = approved_on
    row.minutes_approved_at_id = (
        None if approved_at is None else meeting_id_for(session, row.review_id, approved_at)
    )
    session.flush()


def append_history(session: Session, meeting_id: int, entry: MinutesHistoryEntry) -> None:
    count = session.scalar(
        select(func.count()).where(orm.MinutesHistoryRow.meeting_id == meeting_id)
    )
    append_history_at(session, meeting_id, int(count or 0), entry)


def append_history_at(
    session: Session, meeting_id: int, position: int, entry: MinutesHistoryEntry
) -> None:
    """Write one history entry at ``position`` (with the minutes a reopening set aside)."""
    offset = entry.at.utcoffset() or timedelta(0)
    row = orm.MinutesHistoryRow(
        meeting_id=meeting_id,
        position=position,
        at_utc=entry.at.astimezone(UTC).replace(tzinfo=None),
        at_offset_minutes=int(offset.total_seconds() // 60),
        by=entry.by,
        event=entry.event.value,
        note=entry.note,
    )
    session.add(row)
    session.flush()
    if entry.snapshot is not None:
        session.add(_snapshot_row(meeting_id, row.id, entry.snapshot))
        session.flush()


def drop_last_history(session: Session, meeting_id: int) -> None:
    last = session.scalar(
        select(orm.MinutesHistoryRow.id)
        .where(orm.MinutesHistoryRow.meeting_id == meeting_id)
        .order_by(orm.MinutesHistoryRow.position.desc(), orm.MinutesHistoryRow.id.desc())
        .limit(1)
    )
    if last is not None:
        session.execute(
            delete(orm.MinutesSnapshotRow).where(orm.MinutesSnapshotRow.history_id == last)
        )
        session.execute(delete(orm.MinutesHistoryRow).where(orm.MinutesHistoryRow.id == last))


def has_minutes(session: Session, meeting_id: int) -> bool:
    """Whether any item of the meeting has a minute with some text in it."""
    session.flush()
    return any(
        (text or "").strip()
        for text in session.scalars(
            select(orm.ItemRow.minute).where(
                orm.ItemRow.meeting_id == meeting_id, orm.ItemRow.minute.is_not(None)
            )
        )
    )


def write_minute(session: Session, item_id: int, text: str | None) -> None:
    """Set an item's minute (its version rises if the text changes)."""
    row = session.get(orm.ItemRow, item_id)
    if row is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}")
    if row.minute != text:
        row.minute = text
        session.flush()


# Attendance ---------------------------------------------------------------------------


def attendance_records(session: Session, meeting_id: int) -> list[AttendanceRecord]:
    """One row per panel member, in panel order."""
    m = session.get(orm.MeetingRow, meeting_id)
    if m is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    a = aliased(orm.AttendanceRow)
    stmt = (
        select(orm.MemberRow, a)
        .outerjoin(a, (a.member_id == orm.MemberRow.id) & (a.meeting_id == meeting_id))
        .where(orm.MemberRow.review_id == m.review_id)
        .order_by(orm.MemberRow.position, orm.MemberRow.id)
    )
    items = dict(
        session.execute(
            select(orm.ItemRow.id, orm.ItemRow.key).where(orm.ItemRow.meeting_id == meeting_id)
        ).all()
    )
    return [
        AttendanceRecord(
            meeting_id=meeting_id,
            member_key=member.key,
            member_name=member.name,
            member_role=MemberRole(member.role),
            status=AttendanceStatus(row.status) if row else None,
            version=row.version if row else None,
            position=row.position if row else None,
            arrived=items.get(row.arrived_item_id) if row and row.arrived_item_id else None,
            left=items.get(row.left_item_id) if row and row.left_item_id else None,
        )
        for member, row in session.execute(stmt)
    ]


def member_for(session: Session, review_id: int, key: str) -> tuple[int, str] | None:
    """(id, name) of the panel member with that key in the review."""
    found = session.execute(
        select(orm.MemberRow.id, orm.MemberRow.name).where(
            orm.MemberRow.review_id == review_id, orm.MemberRow.key == key
        )
    ).first()
    return None if found is None else (found[0], found[1])


def _attendance_row(session: Session, meeting_id: int, member_id: int) -> orm.AttendanceRow | None:
    return session.scalar(
        select(orm.AttendanceRow).where(
            orm.AttendanceRow.meeting_id == meeting_id,
            orm.AttendanceRow.member_id == member_id,
        )
    )


def attendance_id(session: Session, meeting_id: int, member_id: int) -> int | None:
    row = _attendance_row(session, meeting_id, member_id)
    return None if row is None else row.id


def set_attendance(
    session: Session,
    meeting_id: int,
    member_id: int,
    status: AttendanceStatus | None,
    position: int | None,
) -> None:
    """Record, change or (None) remove a member's attendance. A new record goes at
    ``position`` in the meeting's list, else in panel order."""
    scope = orm.AttendanceRow.meeting_id == meeting_id
    row = _attendance_row(session, meeting_id, member_id)
    if row is not None:
        if status is None:
            session.delete(row)
            close_gaps(session, orm.AttendanceRow, scope)
        elif row.status != status.value:
            row.status = status.value
            session.flush()
        return
    if status is None:
        return
    if position is None:
        member = session.get(orm.MemberRow, member_id)
        assert member is not None
        position = int(
            session.scalar(
                select(func.count())
                .select_from(orm.AttendanceRow)
                .join(orm.MemberRow, orm.MemberRow.id == orm.AttendanceRow.member_id)
                .where(scope, orm.MemberRow.position < member.position)
            )
            or 0
        )
    at = make_room(session, orm.AttendanceRow, scope, position)
    session.add(
        orm.AttendanceRow(
            meeting_id=meeting_id, member_id=member_id, position=at, status=status.value
        )
    )
    session.flush()


def member_attendance(session: Session, review_id: int, member_id: int) -> list[MemberAttendance]:
    a = aliased(orm.AttendanceRow)
    stmt = (
        select(orm.MeetingRow, a.status)
        .outerjoin(a, (a.meeting_id == orm.MeetingRow.id) & (a.member_id == member_id))
        .where(orm.MeetingRow.review_id == review_id)
        .order_by(orm.MeetingRow.start, orm.MeetingRow.position)
    )
    return [
        MemberAttendance(
            meeting_id=m.id,
            meeting_key=m.key,
            meeting_title=m.title,
            start=m.start,
            meeting_status=MeetingStatus(m.status),
            status=AttendanceStatus(status) if status else None,
        )
        for m, status in session.execute(stmt)
    ]
