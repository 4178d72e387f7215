"""A meeting's place in its review's list (``position``): the end of the list, gaps
opened for meetings put back, gaps closed after a delete.

A place in a list is housekeeping, not content: positions shift with one bulk UPDATE
that leaves the meetings' version counters alone, so a colleague editing one of them
is not told it changed when only its neighbour moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from . import orm


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


def close_gaps_at(session: Session, review_id: int, positions: Sequence[int]) -> None:
    """Close the gaps left by the meetings taken out at ``positions``: each later
    meeting moves up by the number taken out before it."""
    _set_positions(session, review_id, _closing(sorted(positions)))


def _closing(gaps: list[int]) -> Callable[[int], int]:
    """Where a meeting moves when the meetings at ``gaps`` (sorted) are taken out."""
    return lambda position: position - bisect_left(gaps, position)


def make_room_at(session: Session, review_id: int, positions: Sequence[int]) -> list[int]:
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
