"""A meeting whole: read back as a document record (``load_meetings``), and
snapshotted by key before a delete so that undo can put back the meeting and what
pointed at it (``snapshots``).

A few queries however many meetings: ids go to the database in chunks of 500. The
helpers that find a meeting's rows and what points at them are shared with the
delete in ``meeting_edits``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..domain.enums import (
    Access,
    AttendanceStatus,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MinutesEvent,
    MinutesStatus,
)
from ..domain.errors import NotFoundError
from ..domain.invitation_records import CalendarIssue
from ..domain.meeting_records import MeetingSnapshot, NoteLink
from ..domain.records import (
    AgendaItem,
    Attendance,
    Attendee,
    Declaration,
    ItemReport,
    Meeting,
    MinutesHistoryEntry,
    Resolution,
)
from . import minutes_edits, orm, procedure_reads, report_reads
from .documents import registers

_arrived = aliased(orm.ItemRow)
_left = aliased(orm.ItemRow)


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))


def chunks(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    """The ids in lists of at most ``size``, each small enough for one IN clause."""
    for n in range(0, len(ids), size):
        yield list(ids[n : n + size])


def load_meetings(session: Session, rows: Sequence[orm.MeetingRow]) -> list[Meeting]:
    """The meetings as document records, with their items, attendance, minutes
    history and invitation register; a few queries for any number of meetings."""
    meeting_ids = [r.id for r in rows]
    items: dict[int, list[orm.ItemRow]] = defaultdict(list)
    witnesses: dict[int, list[str]] = defaultdict(list)
    tor: dict[int, list[str]] = defaultdict(list)
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    history: dict[int, list[MinutesHistoryEntry]] = defaultdict(list)
    issued: dict[int, tuple[CalendarIssue, ...]] = {}
    attendees: dict[int, tuple[Attendee, ...]] = {}
    declared: dict[int, tuple[Declaration, ...]] = {}
    resolutions: dict[int, tuple[Resolution, ...]] = {}
    reports: dict[int, tuple[ItemReport, ...]] = {}
    for chunk in chunks(meeting_ids):
        issued.update(registers(session, chunk))
        for item in session.scalars(
            select(orm.ItemRow)
            .where(orm.ItemRow.meeting_id.in_(chunk))
            .order_by(orm.ItemRow.meeting_id, orm.ItemRow.position, orm.ItemRow.id)
        ):
            items[item.meeting_id].append(item)
        for item_id, key in session.execute(
            select(orm.ItemWitness.item_id, orm.WitnessRow.key)
            .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
            .join(orm.ItemRow, orm.ItemRow.id == orm.ItemWitness.item_id)
            .where(orm.ItemRow.meeting_id.in_(chunk))
            .order_by(orm.ItemWitness.item_id, orm.ItemWitness.position)
        ):
            witnesses[item_id].append(key)
        for item_id, key in session.execute(
            select(orm.ItemTor.item_id, orm.TorRow.key)
            .join(orm.TorRow, orm.TorRow.id == orm.ItemTor.tor_id)
            .join(orm.ItemRow, orm.ItemRow.id == orm.ItemTor.item_id)
            .where(orm.ItemRow.meeting_id.in_(chunk))
            .order_by(orm.ItemTor.item_id, orm.ItemTor.position)
        ):
            tor[item_id].append(key)
        for meeting_id, member, status, arrived, left in session.execute(
            select(
                orm.AttendanceRow.meeting_id,
                orm.MemberRow.key,
                orm.AttendanceRow.status,
                _arrived.key,
                _left.key,
            )
            .join(orm.MemberRow, orm.MemberRow.id == orm.AttendanceRow.member_id)
            .outerjoin(_arrived, _arrived.id == orm.AttendanceRow.arrived_item_id)
            .outerjoin(_left, _left.id == orm.AttendanceRow.left_item_id)
            .where(orm.AttendanceRow.meeting_id.in_(chunk))
            .order_by(
                orm.AttendanceRow.meeting_id, orm.AttendanceRow.position, orm.AttendanceRow.id
            )
        ):
            attendance[meeting_id].append(
                Attendance(member, AttendanceStatus(status), arrived, left)
            )
        attendees.update(procedure_reads.attendees(session, chunk))
        declared.update(procedure_reads.declarations(session, chunk))
        resolutions.update(
            procedure_reads.resolutions(session, [i.id for m in chunk for i in items.get(m, ())])
        )
        reports.update(  # version 7: held files whole, so that a restore puts them back
            report_reads.reports(session, [i.id for m in chunk for i in items.get(m, ())])
        )
        for h in session.scalars(
            select(orm.MinutesHistoryRow)
            .where(orm.MinutesHistoryRow.meeting_id.in_(chunk))
            .order_by(
                orm.MinutesHistoryRow.meeting_id,
                orm.MinutesHistoryRow.position,
                orm.MinutesHistoryRow.id,
            )
        ):
            history[h.meeting_id].append(
                MinutesHistoryEntry(
                    at=_aware(h.at_utc, h.at_offset_minutes),
                    by=h.by,
                    event=MinutesEvent(h.event),
                    note=h.note,
                )
            )
    approvers = {r.minutes_approved_at_id for r in rows} - {None}
    approver_keys: dict[int, str] = {}
    for chunk in chunks([a for a in approvers if a is not None]):
        approver_keys.update(
            {
                meeting_id: key
                for meeting_id, key in session.execute(
                    select(orm.MeetingRow.id, orm.MeetingRow.key).where(
                        orm.MeetingRow.id.in_(chunk)
                    )
                )
            }
        )
    return [
        Meeting(
            key=row.key,
            title=row.title,
            kind=MeetingKind(row.kind),
            start=row.start,
            end=row.end,
            venue=row.venue,
            status=MeetingStatus(row.status),
            uid=row.uid,
            sequence=row.sequence,
            attendance=tuple(attendance[row.id]),
            minutes_status=MinutesStatus(row.minutes_status),
            minutes_approved_on=row.minutes_approved_on,
            items=tuple(
                AgendaItem(
                    key=i.key,
                    title=i.title,
                    kind=ItemKind(i.kind),
                    access=Access(i.access),
                    closed_reason=i.closed_reason,
                    public_title=i.public_title,
                    exemption=i.exemption,
                    start=i.start,
                    end=i.end,
                    witnesses=tuple(witnesses[i.id]),
                    tor=tuple(tor[i.id]),
                    minute=i.minute,
                    resolutions=resolutions.get(i.id, ()),
                    standard=procedure_reads.standard_item(i.standard),
                    title_cy=i.title_cy,
                    public_title_cy=i.public_title_cy,
                    reports=reports.get(i.id, ()),
                )
                for i in items[row.id]
            ),
            agenda_published_on=row.agenda_published_on,
            minutes_approved_at=(
                None
                if row.minutes_approved_at_id is None
                else approver_keys.get(row.minutes_approved_at_id)
            ),
            minutes_history=(  # read again with what each reopening set aside
                minutes_edits.minutes_history(session, row.id) if history[row.id] else ()
            ),
            minutes_snapshot=minutes_edits.approved_snapshot(session, row.id),
            joining_link=row.joining_link,
            issued=issued.get(row.id, ()),
            began=row.began,
            ended=row.ended,
            attendees=attendees.get(row.id, ()),
            declarations=declared.get(row.id, ()),
            title_cy=row.title_cy,
            urgency=row.urgency,
        )
        for row in rows
    ]


def load_meeting(session: Session, row: orm.MeetingRow) -> Meeting:
    """One meeting as a document record (see ``load_meetings``)."""
    return load_meetings(session, [row])[0]


def meeting_rows(session: Session, meeting_ids: Sequence[int]) -> list[orm.MeetingRow]:
    """The rows of these meetings, in the order asked; NotFoundError for one missing."""
    found: dict[int, orm.MeetingRow] = {}
    for chunk in chunks(meeting_ids):
        found.update(
            {
                r.id: r
                for r in session.scalars(select(orm.MeetingRow).where(orm.MeetingRow.id.in_(chunk)))
            }
        )
    for meeting_id in meeting_ids:
        if meeting_id not in found:
            raise NotFoundError(f"There is no meeting with id {meeting_id}")
    return [found[i] for i in meeting_ids]


def item_keys_of(session: Session, meeting_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """item id -> (meeting id, item key) for every item of these meetings."""
    found: dict[int, tuple[int, str]] = {}
    for chunk in chunks(meeting_ids):
        for item_id, meeting_id, key in session.execute(
            select(orm.ItemRow.id, orm.ItemRow.meeting_id, orm.ItemRow.key).where(
                orm.ItemRow.meeting_id.in_(chunk)
            )
        ):
            found[item_id] = (meeting_id, key)
    return found


def pointing_at(
    session: Session, model: Any, column: Any, ids: Sequence[int], *extra: Any
) -> list[Any]:
    """The rows of ``model`` whose ``column`` names one of ``ids``."""
    rows: list[Any] = []
    for chunk in chunks(ids):
        rows += session.scalars(
            select(model).where(column.in_(chunk), *extra).order_by(model.position, model.id)
        )
    return rows


def snapshots(session: Session, meeting_ids: Sequence[int]) -> list[MeetingSnapshot]:
    """Everything deleting these meetings would take away, by key, in the order asked."""
    rows = meeting_rows(session, meeting_ids)
    wanted = set(meeting_ids)
    items = item_keys_of(session, meeting_ids)
    pointing = {
        note.id: note
        for note in [
            *pointing_at(session, orm.NoteRow, orm.NoteRow.meeting_id, meeting_ids),
            *pointing_at(session, orm.NoteRow, orm.NoteRow.item_id, list(items)),
        ]
    }
    notes: dict[int, list[NoteLink]] = defaultdict(list)
    for note in sorted(pointing.values(), key=lambda n: (n.position, n.id)):
        item = None if note.item_id is None else items.get(note.item_id)
        owner = note.meeting_id if note.meeting_id in wanted else item[0] if item else None
        if owner is not None:
            notes[owner].append(
                NoteLink(
                    note.key,
                    note.meeting_id == owner,
                    item[1] if item is not None and item[0] == owner else None,
                )
            )
    actions: dict[int, list[str]] = defaultdict(list)
    for action in pointing_at(session, orm.ActionRow, orm.ActionRow.meeting_id, meeting_ids):
        assert action.meeting_id is not None
        actions[action.meeting_id].append(action.key)
    approved: dict[int, list[str]] = defaultdict(list)
    for other in pointing_at(
        session, orm.MeetingRow, orm.MeetingRow.minutes_approved_at_id, meeting_ids
    ):
        assert other.minutes_approved_at_id is not None
        approved[other.minutes_approved_at_id].append(other.key)
    return [
        MeetingSnapshot(
            review_id=row.review_id,
            meeting_id=row.id,
            position=row.position,
            meeting=meeting,
            notes=tuple(notes[row.id]),
            actions=tuple(actions[row.id]),
            approved_here=tuple(approved[row.id]),
        )
        for row, meeting in zip(rows, load_meetings(session, rows), strict=True)
    ]


def snapshot(session: Session, meeting_id: int) -> MeetingSnapshot:
    """Everything a delete of this meeting would take away, by key."""
    return snapshots(session, [meeting_id])[0]
