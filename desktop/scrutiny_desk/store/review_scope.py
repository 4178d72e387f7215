"""Which reviews a write session touched, decided from the rows it wrote.

Tracked only in sessions that ask (``TRACK`` in ``session.info``: ``Database.writing``
sets it when something runs before commit, such as a shared database's public
projection): an ORM row gives its review through its ``review_id`` or, for a row that
has none (an agenda item's witness link), through the foreign keys up to a table that
has; an ORM ``update``/``delete`` statement is asked, before it runs, which reviews its
WHERE clause reaches; an ``insert`` statement's values name its parents.

The review of a record read up its foreign keys (here and by the audit trail, which
names the review of every row it records) is kept for the rest of the transaction
(``reviews_where``): writing an invitation asks the review of its meeting three times.
What is kept is only ever what the database says now: it goes when the transaction
ends (committed or rolled back; a new one starts with nothing) and whenever a statement
that may move or remove a row runs on the connection (anything but a SELECT or a plain
INSERT: an UPDATE, a DELETE, an upsert, a rollback to a savepoint), so a record moved to
another review, or an id freed and taken again, is read afresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Engine, Table, bindparam, event, select
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from . import orm

TRACK = "scrutiny_desk.track_reviews"  # session.info key: track this session
TOUCHED = "scrutiny_desk.reviews"  # session.info key: the review ids written so far
KNOWN = "scrutiny_desk.review_of"  # session.info key: reviews read, this transaction
WRITES = "scrutiny_desk.moving_writes"  # connection.info key: statements that may move rows
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
    found = reviews_where(session, parent, parent_column, value)
    record_id = values.get("id")
    if found and isinstance(record_id, int) and "id" in orm.Base.metadata.tables[table_name].c:
        _remember(session, (table_name, "id", record_id), found)  # a part's parent, next
    return set(found)


def reviews_where(session: Session, table_name: str, column: str, value: Any) -> frozenset[int]:
    """The reviews of the rows of ``table_name`` whose ``column`` is ``value`` (one row:
    ``column`` is its id, or what a foreign key points at), read up its foreign keys
    once in a transaction (module docstring)."""
    key = (table_name, column, value)
    known = _known(session)
    found = known.get(key)
    if found is None:
        query = _reviews_by(table_name, column)
        rows = session.connection().execute(query, {"value": value}).scalars()
        found = frozenset(r for r in rows if r is not None)
        if found:  # a row not there (yet) is asked again
            known[key] = found
    return found


def remember(session: Session, table_name: str, record_id: int, review_id: int) -> None:
    """The review of a record, just read in this session's transaction by a statement
    that asked for it anyway: ``reviews_where`` need not ask again."""
    _remember(session, (table_name, "id", record_id), frozenset({review_id}))


def _remember(session: Session, key: tuple[str, str, Any], found: frozenset[int]) -> None:
    _known(session)[key] = found


def _known(session: Session) -> dict[tuple[str, str, Any], frozenset[int]]:
    """The reviews read in this transaction, as long as no statement that may move or
    remove a row has run on its connection since they were read."""
    writes = session.connection().info.get(WRITES, 0)
    found = session.info.get(KNOWN)
    if found is None or found[0] != writes:
        found = session.info[KNOWN] = (writes, {})
    known: dict[tuple[str, str, Any], frozenset[int]] = found[1]
    return known


@cache
def _reviews_by(table_name: str, column: str) -> Any:
    table = orm.Base.metadata.tables[table_name]
    return _select_reviews(table).where(table.c[column] == bindparam("value"))


#: What cannot move a row to another review or free its id: a SELECT (FOR UPDATE, or
#: calling a function: pg_notify, the export log) and an INSERT that is not an upsert.
_KEEPS = re.compile(r"\s*(SELECT|INSERT\s+INTO)\b", re.I)


@event.listens_for(Engine, "after_cursor_execute")
def _executed(
    connection: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
) -> None:
    """Count the statements that may move or remove rows: what was read before one of
    them is read again (``_known``). Only the statement's start is matched, and an
    upsert looked for at C speed: an import's inserts are long."""
    found = _KEEPS.match(statement)
    if found is None or (found.group(1)[0] in "Ii" and _upsert(statement)):
        connection.info[WRITES] = connection.info.get(WRITES, 0) + 1


def _upsert(statement: str) -> bool:
    return "ON CONFLICT" in statement or "on conflict" in statement[-300:].lower()


@event.listens_for(Session, "after_transaction_create")
@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    """Nothing read in one transaction (or a savepoint) is kept past its end. (A flush
    opens a transaction of its own inside the session's: not a new one.)"""
    if transaction.parent is None or transaction.nested:
        session.info.pop(KNOWN, None)


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
