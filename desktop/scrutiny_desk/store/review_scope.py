"""Which reviews a write session touched, decided from the rows it wrote.

Tracked only in sessions that ask (``TRACK`` in ``session.info``: ``Database.writing``
sets it when something runs before commit, such as a shared database's public
projection): an ORM row gives its review through its ``review_id`` or, for a row that
has none (an agenda item's witness link), through the foreign keys up to a table that
has; an ORM ``update``/``delete`` statement is asked, before it runs, which reviews its
WHERE clause reaches; an ``insert`` statement's values name its parents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Table, event, select
from sqlalchemy.orm import ORMExecuteState, Session

from . import orm

TRACK = "scrutiny_desk.track_reviews"  # session.info key: track this session
TOUCHED = "scrutiny_desk.reviews"  # session.info key: the review ids written so far
_IGNORED = frozenset({"audit_log", "public_reviews", "public_papers", "alembic_version"})


def touched_reviews(session: Session) -> set[int]:
    """The ids of the reviews this session has written to (or deleted) so far."""
    return set(session.info.get(TOUCHED, ()))


def _note(session: Session, ids: Iterable[int | None]) -> None:
    session.info.setdefault(TOUCHED, set()).update(i for i in ids if i is not None)


@cache
def _path(table_name: str) -> tuple[tuple[str, str, str], ...] | None:
    """The foreign-key steps (column, parent table, parent column) from a table to one
    with a ``review_id`` (or to ``reviews``); () when the table has one itself; None
    when no path leads to a review. The shortest path wins."""
    tables = orm.Base.metadata.tables
    todo: list[tuple[str, tuple[tuple[str, str, str], ...]]] = [(table_name, ())]
    seen = {table_name}
    while todo:
        name, steps = todo.pop(0)
        table = tables[name]
        if name == "reviews" or "review_id" in table.c:
            return steps
        for key in sorted(table.foreign_keys, key=lambda k: (k.parent.nullable, k.parent.name)):
            parent = key.column.table.name
            if parent not in seen:
                seen.add(parent)
                todo.append((parent, (*steps, (key.parent.name, parent, key.column.name))))
    return None


def _review_column(table: Table) -> Any:
    return table.c.id if table.name == "reviews" else table.c.review_id


def reviews_of_values(session: Session, table_name: str, values: Mapping[str, Any]) -> set[int]:
    """The review of a row with these column values (a new or an ORM row)."""
    if table_name in _IGNORED:
        return set()
    path = _path(table_name)
    if path is None:
        return set()
    if not path:
        value = values.get("id" if table_name == "reviews" else "review_id")
        return {value} if isinstance(value, int) else set()
    column, parent, parent_column = path[0]
    value = values.get(column)
    if value is None:
        return set()
    tables = orm.Base.metadata.tables
    query = _select_reviews(tables[parent]).where(tables[parent].c[parent_column] == value)
    return {r for r in session.execute(query).scalars() if r is not None}


def _select_reviews(table: Table) -> Any:
    """SELECT the review id of rows of ``table``, joined up its path."""
    path = _path(table.name) or ()
    tables = orm.Base.metadata.tables
    source: Any = table
    current = table
    for column, parent, parent_column in path:
        parent_table = tables[parent]
        source = source.join(parent_table, current.c[column] == parent_table.c[parent_column])
        current = parent_table
    return select(_review_column(current)).select_from(source).distinct()


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    if not session.info.get(TRACK):
        return
    for rows in (session.new, session.dirty, session.deleted):
        for row in rows:
            table = getattr(row, "__table__", None)
            if table is None:
                continue
            values = {c.key: getattr(row, c.key, None) for c in row.__mapper__.column_attrs}
            _note(session, reviews_of_values(session, table.name, values))


@event.listens_for(Session, "do_orm_execute")
def _executing(state: ORMExecuteState) -> None:
    session = state.session
    if not session.info.get(TRACK) or not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    if not isinstance(table, Table) or table.name in _IGNORED or _path(table.name) is None:
        return
    if state.is_insert:
        params: Any = state.parameters
        rows: list[Mapping[str, Any]] = (
            list(params) if isinstance(params, list) else [params] if params else []
        )
        for row in rows:
            _note(session, reviews_of_values(session, table.name, row))
        return
    query = _select_reviews(table)
    where = getattr(state.statement, "whereclause", None)
    if where is not None:
        query = query.where(where)
    # An executemany update (WHERE id = :meeting, a list of parameter sets) is asked
    # once per set: the WHERE clause's parameters come from each.
    params = state.parameters
    for given in params if isinstance(params, list) else [params or {}]:
        _note(session, session.execute(query, given).scalars())
