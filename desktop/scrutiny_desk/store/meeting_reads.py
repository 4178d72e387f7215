"""The plain reads of meetings that deadlines, clash warnings, key checks and the
venue completer need: plain columns, one query each (in chunks of 500 ids or keys).

Functions take the caller's session and return domain records, never ORM rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError
from ..domain.meeting_records import BookedItem, PlacedMeeting, TimedItem
from ..domain.meeting_rules import NOT_TAKING_PLACE
from . import orm
from .meeting_rows import placed_meeting
from .queries import get_review_row


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
    return [placed_meeting(row) for row in session.execute(stmt)]


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
            orm.MeetingRow.status.not_in([s.value for s in NOT_TAKING_PLACE]),
            orm.MeetingRow.start < between[1],
            orm.MeetingRow.end > between[0],
        )
        .order_by(orm.MeetingRow.start, orm.MeetingRow.id)
    )
    return [(placed_meeting(row), row.review_title) for row in session.execute(stmt)]


def clash_candidates(
    session: Session, review_id: int
) -> tuple[list[PlacedMeeting], list[tuple[PlacedMeeting, str]], list[BookedItem]]:
    """What the review's clash warnings are computed from, less every slot that overlaps
    no other: (the review's meetings, other reviews' meetings in rooms with their
    review's title, the timed items with witnesses), each in the order and with the
    fields ``placed_meetings``, ``others_in_rooms`` and ``booked_items`` give.

    Every clash is a pair of slots whose times overlap, so the warnings of these are
    those of the whole review; SQL finds them (a meeting or item overlaps another when
    the latest end before it, or the next start after it, in order of start, falls
    inside it), and Python builds records only for the few that do, not for every
    meeting of the review. With no meeting taking place: nothing."""
    m = orm.MeetingRow
    live = m.status.not_in([s.value for s in NOT_TAKING_PLACE])
    first, last = session.execute(
        select(func.min(m.start), func.max(m.end)).where(m.review_id == review_id, live)
    ).one()
    if first is None:
        return [], [], []
    # The meetings that can clash: the review's own taking place, and those of other
    # reviews in a room at the same time (as ``others_in_rooms`` reads them).
    slots = (
        select(m.id, m.start, m.end)
        .where(
            live,
            m.end > m.start,  # an empty slot overlaps nothing
            or_(
                m.review_id == review_id,
                and_(m.venue.is_not(None), m.start < last, m.end > first),
            ),
        )
        .cte("slots")
    )
    overlapping = _overlapping_ids(slots.c.id, slots.c.start, slots.c.end)
    # The timed items with witnesses of the review's meetings taking place.
    item = orm.ItemRow
    with_witness = exists().where(orm.ItemWitness.item_id == item.id)
    timed = (
        select(item.id, item.start, item.end)
        .join(m, m.id == item.meeting_id)
        .where(m.review_id == review_id, live, item.end > item.start, with_witness)
        .cte("timed")
    )
    items_overlapping = _overlapping_ids(timed.c.id, timed.c.start, timed.c.end)
    meetings_of_items = select(item.meeting_id).where(item.id.in_(items_overlapping))

    own = (
        select(*_PLACED)
        .where(
            m.review_id == review_id,
            or_(m.id.in_(overlapping), m.id.in_(meetings_of_items)),
        )
        .order_by(m.start, m.position, m.id)
    )
    others = (
        select(*_PLACED, orm.ReviewRow.title.label("review_title"))
        .join(orm.ReviewRow, orm.ReviewRow.id == m.review_id)
        .where(m.review_id != review_id, m.id.in_(overlapping))
        .order_by(m.start, m.id)
    )
    # Each item keeps its place in the list ``booked_items`` gives (the warnings' order
    # breaks ties by it): over the review's meetings taking place by start, position
    # and id, read in chunks of 500 meetings, each chunk by meeting and position.
    ranked = (
        select(
            m.id.label("meeting_id"),
            (func.row_number().over(order_by=(m.start, m.position, m.id)) - 1).label("rank"),
        )
        .where(m.review_id == review_id, live)
        .cte("ranked")
    )
    numbered = (
        select(
            item.id.label("item_id"),
            (
                func.row_number().over(
                    order_by=(ranked.c.rank // 500, item.meeting_id, item.position, item.id)
                )
                - 1
            ).label("place"),
        )
        .join(ranked, ranked.c.meeting_id == item.meeting_id)
        .where(item.start.is_not(None), item.end.is_not(None), with_witness)
        .cte("numbered")
    )
    booked = (
        select(
            item.id,
            item.meeting_id,
            item.key,
            item.title,
            item.start,
            item.end,
            orm.WitnessRow.key.label("witness"),
            numbered.c.place,
        )
        .join(numbered, numbered.c.item_id == item.id)
        .join(orm.ItemWitness, orm.ItemWitness.item_id == item.id)
        .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
        .where(item.id.in_(items_overlapping))
        .order_by(numbered.c.place, orm.ItemWitness.position)
    )
    return (
        [placed_meeting(row) for row in session.execute(own)],
        [(placed_meeting(row), row.review_title) for row in session.execute(others)],
        _in_place(session.execute(booked).all(), first),
    )


def _overlapping_ids(key: Any, start: Any, end: Any) -> Any:
    """The keys of the slots (key, start, end; none empty) that overlap another."""
    order = (start, end, key)
    flagged = select(
        key.label("key"),
        start.label("start"),
        end.label("end"),
        func.max(end).over(order_by=order, rows=(None, -1)).label("ends_before"),
        func.lead(start).over(order_by=order).label("starts_after"),
    ).subquery()
    return select(flagged.c.key).where(
        or_(flagged.c.ends_before > flagged.c.start, flagged.c.starts_after < flagged.c.end)
    )


def _in_place(rows: Sequence[Any], when: datetime) -> list[BookedItem]:
    """Booked items from rows of an item, one of its witnesses and the item's place,
    each at its place: a hole (an item of no meeting) where an item stood that
    overlaps nothing."""
    found: dict[int, BookedItem] = {}
    witnesses: dict[int, list[str]] = defaultdict(list)
    places: dict[int, int] = {}
    for row in rows:
        witnesses[row.id].append(row.witness)
        found[row.id] = BookedItem(row.meeting_id, row.key, row.title, row.start, row.end, ())
        places[row.id] = row.place
    hole = BookedItem(0, "", "", when, when, ())
    placed: list[BookedItem] = []
    for item_id, b in found.items():
        placed.extend([hole] * (places[item_id] - len(placed)))
        placed.append(
            BookedItem(b.meeting_id, b.key, b.title, b.start, b.end, tuple(witnesses[item_id]))
        )
    return placed


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
