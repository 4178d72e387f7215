"""Creating, deleting and restoring whole meetings.

A meeting's rows (items and their witness and terms-of-reference links, attendance,
minutes history) are written through the session, so who made them is stamped; the
notes, actions and other meetings that pointed at a deleted meeting are unlinked
through the session too, so their version counters rise and an editor open on one of
them sees the change. A meeting's place in the list is kept by ``meeting_positions``;
the plain reads are in ``meeting_reads``, the snapshot a delete leaves for undo in
``meeting_snapshots``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeAlias

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.meeting_records import MeetingSnapshot
from ..domain.records import Meeting, Review, Vote
from . import minutes_edits, orm, procedure_insert, review_insert
from .meeting_positions import close_gaps_at, make_room_at, next_position
from .meeting_snapshots import chunks, item_keys_of, meeting_rows, pointing_at

# The open transaction a service passes back in (``Database.writing()``); services name
# it by this alias, so that only the store imports SQLAlchemy.
Transaction: TypeAlias = Session


def delete_meetings(session: Session, meeting_ids: Sequence[int]) -> None:
    """Delete the meetings and their rows, unlink what pointed at them (notes, actions,
    minutes approved at them), and close the gaps they leave in their reviews' lists:
    each later meeting moves up by the number deleted before it."""
    rows = meeting_rows(session, meeting_ids)
    wanted = set(meeting_ids)
    item_ids = list(item_keys_of(session, meeting_ids))
    items = set(item_ids)
    for note in [
        *pointing_at(session, orm.NoteRow, orm.NoteRow.meeting_id, meeting_ids),
        *pointing_at(session, orm.NoteRow, orm.NoteRow.item_id, item_ids),
    ]:
        if note.meeting_id in wanted:
            note.meeting_id = None
        if note.item_id in items:
            note.item_id = None
    for action in pointing_at(session, orm.ActionRow, orm.ActionRow.meeting_id, meeting_ids):
        action.meeting_id = None
    for other in pointing_at(
        session, orm.MeetingRow, orm.MeetingRow.minutes_approved_at_id, meeting_ids
    ):
        if other.id not in wanted:
            other.minutes_approved_at_id = None
    session.flush()
    for chunk in chunks(item_ids):
        session.execute(delete(orm.ItemWitness).where(orm.ItemWitness.item_id.in_(chunk)))
        session.execute(delete(orm.ItemTor).where(orm.ItemTor.item_id.in_(chunk)))
        session.execute(delete(orm.ItemRow).where(orm.ItemRow.id.in_(chunk)))
    for chunk in chunks(meeting_ids):
        session.execute(delete(orm.AttendanceRow).where(orm.AttendanceRow.meeting_id.in_(chunk)))
        session.execute(
            delete(orm.MinutesHistoryRow).where(orm.MinutesHistoryRow.meeting_id.in_(chunk))
        )
        issues = select(orm.CalendarIssueRow.id).where(orm.CalendarIssueRow.meeting_id.in_(chunk))
        session.execute(
            delete(orm.CalendarRecipientRow).where(orm.CalendarRecipientRow.issue_id.in_(issues))
        )
        session.execute(
            delete(orm.CalendarIssueRow).where(orm.CalendarIssueRow.meeting_id.in_(chunk))
        )
    # Meetings approved at one another: unlink first, so no DELETE meets a reference.
    for row in rows:
        if row.minutes_approved_at_id in wanted:
            row.minutes_approved_at_id = None
    session.flush()
    gaps: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        gaps[row.review_id].append(row.position)
        session.delete(row)
    session.flush()
    for review_id, positions in gaps.items():
        close_gaps_at(session, review_id, positions)


def delete_meeting(session: Session, meeting_id: int) -> None:
    delete_meetings(session, [meeting_id])


@dataclass
class ReviewKeys:
    """Key -> id of the rows of one review a meeting's rows refer to."""

    members: dict[str, int]
    witnesses: dict[str, int]
    tor: dict[str, int]

    @classmethod
    def load(cls, session: Session, review_id: int) -> ReviewKeys:
        def of(model: Any) -> dict[str, int]:
            stmt = select(model.key, model.id).where(model.review_id == review_id)
            return {key: row_id for key, row_id in session.execute(stmt)}

        return cls(of(orm.MemberRow), of(orm.WitnessRow), of(orm.TorRow))


def _meeting_row(review_id: int, m: Meeting, position: int) -> orm.MeetingRow:
    assert m.uid is not None
    return orm.MeetingRow(
        review_id=review_id,
        position=position,
        key=m.key,
        title=m.title,
        kind=m.kind.value,
        start=m.start,
        end=m.end,
        venue=m.venue,
        status=m.status.value,
        uid=m.uid,
        sequence=m.sequence,
        minutes_status=m.minutes_status.value,
        minutes_approved_on=m.minutes_approved_on,
        agenda_published_on=m.agenda_published_on,
        joining_link=m.joining_link,
        began=m.began,
        ended=m.ended,
        title_cy=m.title_cy,
        urgency=m.urgency,
    )


def _with_members(m: Meeting, members: dict[str, int]) -> Meeting:
    """The meeting's procedural record without what names a panel member the review no
    longer has (removed while the meeting was deleted): a substitute keeps attending
    without naming whom for, a declaration by the member goes, and a vote by name that
    counted them keeps its counts, not its names."""
    people = set(members) | {a.key for a in m.attendees}

    def vote(v: Vote | None) -> Vote | None:
        if v is None or all(c.person in people for c in v.casts):
            return v
        return replace(v, casts=())

    return replace(
        m,
        attendees=tuple(
            a
            if a.substitute_for is None or a.substitute_for in members
            else replace(a, substitute_for=None)
            for a in m.attendees
        ),
        declarations=tuple(d for d in m.declarations if d.member in people),
        items=tuple(
            replace(i, resolutions=tuple(replace(x, vote=vote(x.vote)) for x in i.resolutions))
            for i in m.items
        ),
    )


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def insert_meetings(
    session: Session,
    review_id: int,
    meetings: Sequence[Meeting],
    positions: Sequence[int] | None = None,
) -> list[int]:
    """Write meetings with their items, links, attendance, history and invitation
    register (kept whole: its recipients need not be members or witnesses now); their
    new ids.

    ``positions`` None appends them in order; otherwise each goes in at its place (as a
    restore puts back a meeting where it was) and the others move down. References
    to members, witnesses or terms of reference the review no longer has are left out.
    ``minutes_approved_at`` is not written here: the approving meeting may not exist
    yet (see ``relink``). A few statements however many meetings."""
    if positions is None:
        base = next_position(session, review_id)
        places = list(range(base, base + len(meetings)))
    else:
        places = make_room_at(session, review_id, positions)
    rows = [_meeting_row(review_id, m, p) for m, p in zip(meetings, places, strict=True)]
    session.add_all(rows)
    session.flush()
    for m, row in zip(meetings, rows, strict=True):
        if m.minutes_snapshot is not None:
            minutes_edits.set_snapshot(session, row.id, m.minutes_snapshot)
    review_insert.insert_registers(
        session, [(row.id, m) for m, row in zip(meetings, rows, strict=True)]
    )
    if not any(m.items or m.attendance or m.minutes_history or m.attendees for m in meetings):
        return [r.id for r in rows]
    keys = ReviewKeys.load(session, review_id)
    items = [
        (
            item,
            orm.ItemRow(
                review_id=review_id,
                meeting_id=row.id,
                position=n,
                key=item.key,
                title=item.title,
                kind=item.kind.value,
                access=item.access.value,
                closed_reason=item.closed_reason,
                public_title=item.public_title,
                exemption=item.exemption,
                start=item.start,
                end=item.end,
                minute=item.minute,
                standard=None if item.standard is None else item.standard.value,
                title_cy=item.title_cy,
                public_title_cy=item.public_title_cy,
            ),
        )
        for m, row in zip(meetings, rows, strict=True)
        for n, item in enumerate(m.items)
    ]
    session.add_all(item_row for _, item_row in items)
    session.flush()
    for item, item_row in items:
        known_witnesses = [keys.witnesses[k] for k in item.witnesses if k in keys.witnesses]
        session.add_all(
            orm.ItemWitness(item_id=item_row.id, witness_id=w, position=n)
            for n, w in enumerate(known_witnesses)
        )
        known_tor = [keys.tor[k] for k in item.tor if k in keys.tor]
        session.add_all(
            orm.ItemTor(item_id=item_row.id, tor_id=t, position=n) for n, t in enumerate(known_tor)
        )
    item_ids = {item.key: item_row.id for item, item_row in items}
    held = [(item_row.id, item.reports) for item, item_row in items if item.reports]
    review_insert.insert_item_reports(session, review_id, held)  # version 7
    for m, row in zip(meetings, rows, strict=True):
        present = [a for a in m.attendance if a.member in keys.members]
        session.add_all(
            orm.AttendanceRow(
                meeting_id=row.id,
                member_id=keys.members[a.member],
                position=n,
                status=a.status.value,
                arrived_item_id=item_ids.get(a.arrived) if a.arrived else None,
                left_item_id=item_ids.get(a.left) if a.left else None,
            )
            for n, a in enumerate(present)
        )
        session.add_all(
            orm.MinutesHistoryRow(
                meeting_id=row.id,
                position=n,
                at_utc=h.at.astimezone(UTC).replace(tzinfo=None),
                at_offset_minutes=_offset_minutes(h.at),
                by=h.by,
                event=h.event.value,
                note=h.note,
            )
            for n, h in enumerate(m.minutes_history)
            if h.snapshot is None
        )
        for n, h in enumerate(m.minutes_history):
            if h.snapshot is not None:  # a reopening, with the minutes it set aside
                minutes_edits.append_history_at(session, row.id, n, h)
    session.flush()
    procedure_insert.insert_procedure(  # attendees, declarations, resolutions and votes
        session,
        Review(title="", meetings=tuple(_with_members(m, keys.members) for m in meetings)),
        review_id,
        members=keys.members,
        meetings={m.key: row.id for m, row in zip(meetings, rows, strict=True)},
        items=item_ids,
    )
    return [r.id for r in rows]


def relink(session: Session, snapshots: Iterable[MeetingSnapshot]) -> None:
    """After restoring meetings, point back at them what pointed at them before: notes,
    actions, minutes approvals. A row that has since been deleted, or linked to
    something else, is left as it is."""
    snapshots = list(snapshots)
    if not snapshots:
        return
    review_id = snapshots[0].review_id
    meeting_ids: dict[str, int] = {
        key: meeting_id
        for key, meeting_id in session.execute(
            select(orm.MeetingRow.key, orm.MeetingRow.id).where(
                orm.MeetingRow.review_id == review_id
            )
        )
    }
    restored = {s.meeting.key for s in snapshots}
    item_ids: dict[str, int] = {
        key: item_id
        for key, item_id in session.execute(
            select(orm.ItemRow.key, orm.ItemRow.id)
            .join(orm.MeetingRow, orm.MeetingRow.id == orm.ItemRow.meeting_id)
            .where(orm.ItemRow.review_id == review_id, orm.MeetingRow.key.in_(list(restored)))
        )
    }
    links: dict[str, tuple[int | None, int | None]] = {}
    actions: dict[str, int] = {}
    approvals: dict[str, int] = {}
    for s in snapshots:
        here = meeting_ids[s.meeting.key]
        for link in s.notes:
            links[link.note] = (
                here if link.meeting else None,
                item_ids.get(link.item) if link.item else None,
            )
        actions.update({key: here for key in s.actions})
        approvals.update({key: here for key in s.approved_here})
        approver = s.meeting.minutes_approved_at
        if approver is not None and approver in meeting_ids:
            approvals[s.meeting.key] = meeting_ids[approver]
    if links:
        for note in session.scalars(
            select(orm.NoteRow).where(
                orm.NoteRow.review_id == review_id, orm.NoteRow.key.in_(list(links))
            )
        ):
            meeting_id, item_id = links[note.key]
            if note.meeting_id is None and note.item_id is None:
                note.meeting_id, note.item_id = meeting_id, item_id
    if actions:
        for action in session.scalars(
            select(orm.ActionRow).where(
                orm.ActionRow.review_id == review_id, orm.ActionRow.key.in_(list(actions))
            )
        ):
            if action.meeting_id is None:
                action.meeting_id = actions[action.key]
    if approvals:
        for meeting in session.scalars(
            select(orm.MeetingRow).where(
                orm.MeetingRow.review_id == review_id, orm.MeetingRow.key.in_(list(approvals))
            )
        ):
            if meeting.minutes_approved_at_id is None:
                meeting.minutes_approved_at_id = approvals[meeting.key]
    session.flush()


def shift_item_slots(session: Session, meeting_id: int, by: timedelta) -> bool:
    """Move the slots of the meeting's timed items by ``by``; whether any moved."""
    if not by:
        return False
    moved = False
    for item in session.scalars(
        select(orm.ItemRow).where(
            orm.ItemRow.meeting_id == meeting_id,
            orm.ItemRow.start.is_not(None),
            orm.ItemRow.end.is_not(None),
        )
    ):
        assert item.start is not None and item.end is not None
        item.start, item.end = item.start + by, item.end + by
        moved = True
    session.flush()
    return moved
