"""List positions: every ordered list keeps positions 0..n-1.

Two ways to keep them dense, for two kinds of table: rows with an ``id`` are
renumbered by id (``make_room``, ``close_gaps``, ``move_row``); link tables with a
composite key shift their positions with one UPDATE (``open_gap``, ``close_gap``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

# A row the clerk inserts or moves is written through the
# ORM (a moved row's version rises); rows that only shift to make room or close a gap
# are renumbered with one plain UPDATE that leaves their versions alone, so a colleague
# editing one of them is not told it changed when only its neighbour moved.


def _ordered_ids(session: Session, model: Any, scope: ColumnElement[bool]) -> list[int]:
    session.flush()
    return list(session.scalars(select(model.id).where(scope).order_by(model.position, model.id)))


def shift_rows(
    session: Session, model: Any, scope: ColumnElement[bool], wanted: dict[int, int]
) -> None:
    """Give rows in ``scope`` the positions in ``wanted`` (row id -> position) with
    one UPDATE that leaves their versions alone."""
    stmt = select(model.id, model.position).where(scope)
    current: dict[int, int] = {row_id: position for row_id, position in session.execute(stmt)}
    shifted = [{"row": i, "to": n} for i, n in wanted.items() if current.get(i) != n]
    if not shifted:
        return
    table = model.__table__
    session.execute(
        update(table).where(table.c.id == bindparam("row")).values(position=bindparam("to")),
        shifted,
    )
    ids = {s["row"] for s in shifted}
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model) and obj.id in ids:
            session.expire(obj, ["position"])


def make_room(session: Session, model: Any, scope: ColumnElement[bool], at: int | None) -> int:
    """Open a gap at ``at`` (None or past the end: at the end) for a row about to be
    inserted; the position it should take."""
    ids = _ordered_ids(session, model, scope)
    at = len(ids) if at is None else max(0, min(at, len(ids)))
    shift_rows(session, model, scope, {i: n if n < at else n + 1 for n, i in enumerate(ids)})
    return at


def close_gaps(session: Session, model: Any, scope: ColumnElement[bool]) -> None:
    """Positions 0..n-1 again, in stored order, after rows were deleted."""
    ids = _ordered_ids(session, model, scope)
    shift_rows(session, model, scope, {i: n for n, i in enumerate(ids)})


def move_row(
    session: Session, model: Any, scope: ColumnElement[bool], row_id: int, at: int
) -> None:
    """Move one row of the list to ``at`` (0..n-1), the others keeping their order."""
    ids = [i for i in _ordered_ids(session, model, scope) if i != row_id]
    ids.insert(at, row_id)
    shift_rows(session, model, scope, {i: n for n, i in enumerate(ids) if i != row_id})
    row = session.get(model, row_id)
    assert row is not None
    if row.position != at:
        row.position = at
        session.flush()


# Link tables (no id column): shift with one UPDATE.


def open_gap(session: Session, model: Any, scope: ColumnElement[bool], position: int) -> None:
    """Make room at ``position`` in the list ``scope`` selects."""
    t = model.__table__
    session.execute(
        update(t).where(scope, t.c.position >= position).values(position=t.c.position + 1)
    )


def close_gap(session: Session, model: Any, scope: ColumnElement[bool], position: int) -> None:
    """Close the gap a row at ``position`` left in the list ``scope`` selects."""
    t = model.__table__
    session.execute(
        update(t).where(scope, t.c.position > position).values(position=t.c.position - 1)
    )
