"""Creating, deleting and restoring whole meetings, and the plain reads that deadlines,
clash warnings and the venue completer need.

A meeting's rows (items and their witness and terms-of-reference links, attendance,
minutes history) are written through the session, so who made them is stamped; the
notes, actions and other meetings that pointed at a deleted meeting are unlinked
through the session too, so their version counters rise and an editor open on one of
them sees the change. A meeting's place in the list (``position``) is housekeeping,
not content: shifting it uses a bulk UPDATE that leaves other meetings' versions alone.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeAlias

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

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
from ..domain.meeting_records import (
    BookedItem,
    MeetingSnapshot,
    NoteLink,
    PlacedMeeting,
    TimedItem,
)
from ..domain.records import AgendaItem, Attendance, Meeting, MinutesHistoryEntry
from . import orm
from .queries import get_review_row

# The open transaction a service passes back in (``Database.writing()``); services name
# it by this alias, so that only the store imports SQLAlchemy.
Transaction: TypeAlias = Session


# Reading --------------------------------------------------------------------------


def review_settings(session: Session, review_id: int) -> tuple[str, int]:
    """(time zone, clear days) of a review; NotFoundError if there is none."""
    row = get_review_row(session, review_id)
    return row.timezone, row.clear_days


def find_meeting_id(session: Session, review_id: int, key: str) -> int:
    found = session.scalar(
        select(orm.MeetingRow.id).where(
            orm.MeetingRow.review_id == review_id, orm.MeetingRow.key == key
        )
    )
    if found is None:
        get_review_row(session, review_id)
        raise NotFoundError(f'Review {review_id} has no meeting with key "{key}"')
    return found


def meeting_keys_taken(session: Session, review_id: int, keys: Collection[str]) -> dict[str, str]:
    """key -> title of each of these keys already used by a meeting of the review."""
    return _taken(session, orm.MeetingRow, review_id, keys)


def item_keys_taken(session: Session, review_id: int, keys: Collection[str]) -> dict[str, str]:
    """key -> title of each of these keys already used by an agenda item of the review."""
    return _taken(session, orm.ItemRow, review_id, keys)


def _taken(session: Session, model: Any, review_id: int, keys: Collection[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    wanted = list(dict.fromkeys(keys))
    for n in range(0, len(wanted), 500):
        stmt = select(model.key, model.title).where(
            model.review_id == review_id, model.key.in_(wanted[n : n + 500])
        )
        found.update({key: title for key, title in session.execute(stmt)})
    return found


def timed_items(session: Session, meeting_id: int) -> list[TimedItem]:
    """The meeting's agenda items that have a slot, in agenda order."""
    stmt = (
        select(orm.ItemRow.key, orm.ItemRow.title, orm.ItemRow.start, orm.ItemRow.end)
        .where(orm.ItemRow.meeting_id == meeting_id, orm.ItemRow.start.is_not(None))
        .order_by(orm.ItemRow.position, orm.ItemRow.id)
    )
    return [
        TimedItem(k, t, s, e)
        for k, t, s, e in session.execute(stmt)
        if s is not None and e is not None
    ]


def _placed(row: Any) -> PlacedMeeting:
    return PlacedMeeting(
        id=row.id,
        review_id=row.review_id,
        key=row.key,
        title=row.title,
        start=row.start,
        end=row.end,
        venue=row.venue,
        status=MeetingStatus(row.status),
        version=row.version,
        agenda_published_on=row.agenda_published_on,
    )


_PLACED = (
    orm.MeetingRow.id,
    orm.MeetingRow.review_id,
    orm.MeetingRow.key,
    orm.MeetingRow.title,
    orm.MeetingRow.start,
    orm.MeetingRow.end,
    orm.MeetingRow.venue,
    orm.MeetingRow.status,
    orm.MeetingRow.version,
    orm.MeetingRow.agenda_published_on,
)


def placed_meetings(
    session: Session,
    review_id: int,
    *,
    between: tuple[datetime, datetime] | None = None,
    meeting_id: int | None = None,
) -> list[PlacedMeeting]:
    """The review's meetings (one, or those overlapping ``between``), in list order
    (by start, then position): one query of plain columns."""
    stmt = select(*_PLACED).where(orm.MeetingRow.review_id == review_id)
    if meeting_id is not None:
        stmt = stmt.where(orm.MeetingRow.id == meeting_id)
    if between is not None:
        stmt = stmt.where(orm.MeetingRow.start < between[1], orm.MeetingRow.end > between[0])
    stmt = stmt.order_by(orm.MeetingRow.start, orm.MeetingRow.position, orm.MeetingRow.id)
    return [_placed(row) for row in session.execute(stmt)]


def others_in_rooms(
    session: Session, review_id: int, between: tuple[datetime, datetime]
) -> list[tuple[PlacedMeeting, str]]:
    """Meetings of other reviews that have a venue and overlap ``between``, with the
    title of their review: the ones that can book a room twice."""
    stmt = (
        select(*_PLACED, orm.ReviewRow.title.label("review_title"))
        .join(orm.ReviewRow, orm.ReviewRow.id == orm.MeetingRow.review_id)
        .where(
            orm.MeetingRow.review_id != review_id,
            orm.MeetingRow.venue.is_not(None),
            orm.MeetingRow.status.not_in(
                (MeetingStatus.CANCELLED.value, MeetingStatus.POSTPONED.value)
            ),
            orm.MeetingRow.start < between[1],
            orm.MeetingRow.end > between[0],
        )
        .order_by(orm.MeetingRow.start, orm.MeetingRow.id)
    )
    return [(_placed(row), row.review_title) for row in session.execute(stmt)]


def booked_items(session: Session, meeting_ids: Collection[int]) -> list[BookedItem]:
    """The timed items of these meetings that have witnesses, with the witness keys."""
    found: dict[int, BookedItem] = {}
    witnesses: dict[int, list[str]] = defaultdict(list)
    ids = list(meeting_ids)
    for n in range(0, len(ids), 500):
        stmt = (
            select(
                orm.ItemRow.id,
                orm.ItemRow.meeting_id,
                orm.ItemRow.key,
                orm.ItemRow.title,
                orm.ItemRow.start,
                orm.ItemRow.end,
                orm.WitnessRow.key.label("witness"),
            )
            .join(orm.ItemWitness, orm.ItemWitness.item_id == orm.ItemRow.id)
            .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
            .where(
                orm.ItemRow.meeting_id.in_(ids[n : n + 500]),
                orm.ItemRow.start.is_not(None),
                orm.ItemRow.end.is_not(None),
            )
            .order_by(orm.ItemRow.meeting_id, orm.ItemRow.position, orm.ItemWitness.position)
        )
        for row in session.execute(stmt):
            witnesses[row.id].append(row.witness)
            found[row.id] = BookedItem(row.meeting_id, row.key, row.title, row.start, row.end, ())
    return [
        BookedItem(b.meeting_id, b.key, b.title, b.start, b.end, tuple(witnesses[item_id]))
        for item_id, b in found.items()
    ]


def witness_names(session: Session, review_id: int) -> dict[str, str]:
    stmt = select(orm.WitnessRow.key, orm.WitnessRow.name).where(
        orm.WitnessRow.review_id == review_id
    )
    return {key: name for key, name in session.execute(stmt)}


def venues(session: Session, review_id: int | None) -> list[tuple[str, datetime]]:
    """(venue, latest start) of every venue used (in one review, or in any when
    ``review_id`` is None), the most recently used first."""
    latest = func.max(orm.MeetingRow.start).label("latest")
    stmt = select(orm.MeetingRow.venue, latest).where(orm.MeetingRow.venue.is_not(None))
    if review_id is not None:
        stmt = stmt.where(orm.MeetingRow.review_id == review_id)
    stmt = stmt.group_by(orm.MeetingRow.venue).order_by(latest.desc(), orm.MeetingRow.venue)
    return [(venue, when) for venue, when in session.execute(stmt) if venue]


# A meeting whole, for a snapshot ----------------------------------------------------


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    for n in range(0, len(ids), size):
        yield list(ids[n : n + size])


def load_meetings(session: Session, rows: Sequence[orm.MeetingRow]) -> list[Meeting]:
    """The meetings as document records, with their items, attendance and minutes
    history; a few queries for any number of meetings."""
    meeting_ids = [r.id for r in rows]
    items: dict[int, list[orm.ItemRow]] = defaultdict(list)
    witnesses: dict[int, list[str]] = defaultdict(list)
    tor: dict[int, list[str]] = defaultdict(list)
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    history: dict[int, list[MinutesHistoryEntry]] = defaultdict(list)
    for chunk in _chunks(meeting_ids):
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
        for meeting_id, member, status in session.execute(
            select(orm.AttendanceRow.meeting_id, orm.MemberRow.key, orm.AttendanceRow.status)
            .join(orm.MemberRow, orm.MemberRow.id == orm.AttendanceRow.member_id)
            .where(orm.AttendanceRow.meeting_id.in_(chunk))
            .order_by(
                orm.AttendanceRow.meeting_id, orm.AttendanceRow.position, orm.AttendanceRow.id
            )
        ):
            attendance[meeting_id].append(Attendance(member, AttendanceStatus(status)))
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
    for chunk in _chunks([a for a in approvers if a is not None]):
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
                )
                for i in items[row.id]
            ),
            agenda_published_on=row.agenda_published_on,
            minutes_approved_at=(
                None
                if row.minutes_approved_at_id is None
                else approver_keys.get(row.minutes_approved_at_id)
            ),
            minutes_locked=row.minutes_locked,
            minutes_history=tuple(history[row.id]),
        )
        for row in rows
    ]


def load_meeting(session: Session, row: orm.MeetingRow) -> Meeting:
    """One meeting as a document record (see ``load_meetings``)."""
    return load_meetings(session, [row])[0]


def _meeting_rows(session: Session, meeting_ids: Sequence[int]) -> list[orm.MeetingRow]:
    """The rows of these meetings, in the order asked; NotFoundError for one missing."""
    found: dict[int, orm.MeetingRow] = {}
    for chunk in _chunks(meeting_ids):
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


def _item_keys_of(session: Session, meeting_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """item id -> (meeting id, item key) for every item of these meetings."""
    found: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(meeting_ids):
        for item_id, meeting_id, key in session.execute(
            select(orm.ItemRow.id, orm.ItemRow.meeting_id, orm.ItemRow.key).where(
                orm.ItemRow.meeting_id.in_(chunk)
            )
        ):
            found[item_id] = (meeting_id, key)
    return found


def _pointing_at(
    session: Session, model: Any, column: Any, ids: Sequence[int], *extra: Any
) -> list[Any]:
    """The rows of ``model`` whose ``column`` names one of ``ids``."""
    rows: list[Any] = []
    for chunk in _chunks(ids):
        rows += session.scalars(
            select(model).where(column.in_(chunk), *extra).order_by(model.position, model.id)
        )
    return rows


def snapshots(session: Session, meeting_ids: Sequence[int]) -> list[MeetingSnapshot]:
    """Everything deleting these meetings would take away, by key, in the order asked."""
    rows = _meeting_rows(session, meeting_ids)
    wanted = set(meeting_ids)
    items = _item_keys_of(session, meeting_ids)
    pointing = {
        note.id: note
        for note in [
            *_pointing_at(session, orm.NoteRow, orm.NoteRow.meeting_id, meeting_ids),
            *_pointing_at(session, orm.NoteRow, orm.NoteRow.item_id, list(items)),
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
    for action in _pointing_at(session, orm.ActionRow, orm.ActionRow.meeting_id, meeting_ids):
        assert action.meeting_id is not None
        actions[action.meeting_id].append(action.key)
    approved: dict[int, list[str]] = defaultdict(list)
    for other in _pointing_at(
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


# Writing ----------------------------------------------------------------------------


def next_position(session: Session, review_id: int) -> int:
    last = session.scalar(
        select(func.max(orm.MeetingRow.position)).where(orm.MeetingRow.review_id == review_id)
    )
    return 0 if last is None else last + 1


def _set_positions(session: Session, review_id: int, move: Callable[[int], int]) -> None:
    """Give every meeting of the review the position ``move(position)``, writing only the
    ones that change, in one statement; versions stay (a place in a list is not content)."""
    changes = [
        {"row_id": row_id, "new_position": move(position)}
        for row_id, position in session.execute(
            select(orm.MeetingRow.id, orm.MeetingRow.position).where(
                orm.MeetingRow.review_id == review_id
            )
        )
        if move(position) != position
    ]
    if changes:
        table: Any = orm.MeetingRow.__table__
        session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(position=bindparam("new_position")),
            changes,
        )
        for row in session.identity_map.values():
            if isinstance(row, orm.MeetingRow) and row.review_id == review_id:
                set_committed_value(row, "position", move(row.position))


def delete_meetings(session: Session, meeting_ids: Sequence[int]) -> None:
    """Delete the meetings and their rows, unlink what pointed at them (notes, actions,
    minutes approved at them), and close the gaps they leave in their reviews' lists:
    each later meeting moves up by the number deleted before it."""
    rows = _meeting_rows(session, meeting_ids)
    wanted = set(meeting_ids)
    item_ids = list(_item_keys_of(session, meeting_ids))
    items = set(item_ids)
    for note in [
        *_pointing_at(session, orm.NoteRow, orm.NoteRow.meeting_id, meeting_ids),
        *_pointing_at(session, orm.NoteRow, orm.NoteRow.item_id, item_ids),
    ]:
        if note.meeting_id in wanted:
            note.meeting_id = None
        if note.item_id in items:
            note.item_id = None
    for action in _pointing_at(session, orm.ActionRow, orm.ActionRow.meeting_id, meeting_ids):
        action.meeting_id = None
    for other in _pointing_at(
        session, orm.MeetingRow, orm.MeetingRow.minutes_approved_at_id, meeting_ids
    ):
        if other.id not in wanted:
            other.minutes_approved_at_id = None
    session.flush()
    for chunk in _chunks(item_ids):
        session.execute(delete(orm.ItemWitness).where(orm.ItemWitness.item_id.in_(chunk)))
        session.execute(delete(orm.ItemTor).where(orm.ItemTor.item_id.in_(chunk)))
        session.execute(delete(orm.ItemRow).where(orm.ItemRow.id.in_(chunk)))
    for chunk in _chunks(meeting_ids):
        session.execute(delete(orm.AttendanceRow).where(orm.AttendanceRow.meeting_id.in_(chunk)))
        session.execute(
            delete(orm.MinutesHistoryRow).where(orm.MinutesHistoryRow.meeting_id.in_(chunk))
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
        _set_positions(session, review_id, _closing(sorted(positions)))


def _closing(gaps: list[int]) -> Callable[[int], int]:
    """Where a meeting moves when the meetings at ``gaps`` (sorted) are taken out."""
    return lambda position: position - bisect_left(gaps, position)


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
        minutes_locked=m.minutes_locked,
    )


def _make_room(session: Session, review_id: int, positions: Sequence[int]) -> list[int]:
    """Open gaps at these places in the list (the inverse of closing them on delete);
    the places the new meetings take, in the order given. A place past the end of the
    list becomes the end."""
    count = session.scalar(
        select(func.count())
        .select_from(orm.MeetingRow)
        .where(orm.MeetingRow.review_id == review_id)
    )
    order = sorted(range(len(positions)), key=lambda n: positions[n])
    taken: list[int] = [0] * len(positions)
    for rank, n in enumerate(order):
        taken[n] = min(positions[n], (count or 0) + rank)
    ordered = sorted(taken)

    def move(position: int) -> int:
        for gap in ordered:
            if gap <= position:
                position += 1
        return position

    _set_positions(session, review_id, move)
    return taken


def insert_meetings(
    session: Session,
    review_id: int,
    meetings: Sequence[Meeting],
    positions: Sequence[int] | None = None,
) -> list[int]:
    """Write meetings with their items, links, attendance and history; their new ids.

    ``positions`` None appends them in order; otherwise each goes in at its place (as a
    restore puts back a meeting where it was) and the others move down. References
    to members, witnesses or terms of reference the review no longer has are left out.
    ``minutes_approved_at`` is not written here: the approving meeting may not exist
    yet (see ``relink``). A few statements however many meetings."""
    if positions is None:
        base = next_position(session, review_id)
        places = list(range(base, base + len(meetings)))
    else:
        places = _make_room(session, review_id, positions)
    rows = [_meeting_row(review_id, m, p) for m, p in zip(meetings, places, strict=True)]
    session.add_all(rows)
    session.flush()
    if not any(m.items or m.attendance or m.minutes_history for m in meetings):
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
    for m, row in zip(meetings, rows, strict=True):
        present = [a for a in m.attendance if a.member in keys.members]
        session.add_all(
            orm.AttendanceRow(
                meeting_id=row.id,
                member_id=keys.members[a.member],
                position=n,
                status=a.status.value,
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
        )
    session.flush()
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
