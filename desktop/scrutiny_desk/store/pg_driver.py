"""PostgreSQL: a few statements run through the driver on a pooled connection, without
a session (issue 13).

A paper's read and its audit row are a handful of small statements, and on PostgreSQL
what this process spends on them is mostly not their rows: a session's begin and
rollback (a trip each), SQLAlchemy's execution and result setup for every statement.
Here they run on a pooled connection through psycopg's own cursor, in autocommit: each
statement reads a snapshot of its own, as it would in the READ COMMITTED transaction a
session opens, and a single INSERT is its own transaction. Statements built with
SQLAlchemy are compiled once for psycopg (``compiled``) and their rows are the driver's
(tuples, or named tuples with the same names as SQLAlchemy's rows): the tables' types
have no result processing on psycopg, so the values are the same.

A write that must read what it writes from (the invitation register's next position,
what a witness was last issued) runs in one transaction instead (``transaction``): its
read sent at once, its statements and the COMMIT sent at once after it
(``Reader.writes``).

The connection goes back to the pool as it came, not autocommit and out of any
transaction; an error of the driver
is the error a session would have raised (a clash ConflictError, else DatabaseError),
and a connection the error broke is not used again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import ClauseElement

from ..domain.errors import ConflictError, DatabaseError

if TYPE_CHECKING:
    from .db import Database

_COMPILED: dict[int, tuple[ClauseElement, str]] = {}
_LITERALS: dict[int, tuple[ClauseElement, dict[str, Any]]] = {}


def compiled(statement: ClauseElement, dialect: Dialect | None = None) -> str:
    """The statement's text for psycopg (named ``%(name)s`` parameters), as ``dialect``
    (the engine's; by default psycopg's) compiles it, once per statement (which must be
    built once, at import: the cache keeps it)."""
    found = _COMPILED.get(id(statement))
    if found is not None and found[0] is statement:
        return found[1]
    if dialect is None:
        from sqlalchemy.dialects.postgresql import psycopg

        dialect = psycopg.dialect()  # type: ignore[no-untyped-call]
    done = statement.compile(dialect=dialect)
    sql = str(done)
    _COMPILED[id(statement)] = (statement, sql)
    _LITERALS[id(statement)] = (statement, _literals(done))
    return sql


def _literals(done: Any) -> dict[str, Any]:
    """The values a compiled statement carries itself (a literal in its WHERE, a LIMIT):
    sent with the caller's parameters, which name only its ``bindparam``s."""
    given = {done.bind_names[bind] for bind in done.binds.values() if not bind.required}
    return {name: done.params[name] for name in given}


def _with_literals(statement: ClauseElement, params: Mapping[str, Any]) -> Mapping[str, Any]:
    """``params`` and the statement's own literals (``compiled`` has run for it)."""
    found = _LITERALS.get(id(statement))
    if found is None or found[0] is not statement or not found[1]:
        return params
    return {**found[1], **params}


class Reader:
    """Runs statements built with SQLAlchemy on a driver's cursor: ``named`` gives
    named tuples (a column by its label, as a SQLAlchemy row), ``together`` sends
    several at once."""

    def __init__(self, cursor: Any, dialect: Dialect) -> None:
        self.cursor = cursor
        self.dialect = dialect

    def named(self, statement: ClauseElement, params: Mapping[str, Any]) -> list[Any]:
        from psycopg.rows import namedtuple_row

        cursor = self.cursor
        cursor.row_factory = namedtuple_row
        sql = compiled(statement, self.dialect)
        return list(cursor.execute(sql, _with_literals(statement, params)).fetchall())

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows (tuples) of ``sql``, never prepared on the server (see
        ``search_index._ask_postgres``)."""
        from psycopg.rows import tuple_row

        cursor = self.cursor
        cursor.row_factory = tuple_row
        return list(cursor.execute(sql, params, prepare=False).fetchall())

    def together(
        self, *statements: tuple[ClauseElement, Mapping[str, Any], bool]
    ) -> list[list[Any]]:
        """The rows of each (statement, parameters, named), the statements sent at once
        and their rows read back at once (psycopg's pipeline: one trip to the server
        for all, a wait for each being what a small read costs most in a busy desk)."""
        from psycopg.rows import namedtuple_row, tuple_row

        if not statements:
            return []
        connection = self.cursor.connection
        cursors = [
            connection.cursor(row_factory=namedtuple_row if named else tuple_row)
            for _, _, named in statements
        ]
        try:
            with connection.pipeline():
                for cursor, (statement, params, _) in zip(cursors, statements, strict=True):
                    sql = compiled(statement, self.dialect)
                    cursor.execute(sql, _with_literals(statement, params))
            return [list(cursor.fetchall()) for cursor in cursors]
        finally:
            for cursor in cursors:
                cursor.close()

    def writes(self, *statements: tuple[str, Mapping[str, Any]]) -> None:
        """Run each (SQL, parameters) for its effect, sent at once (psycopg's pipeline):
        a failing statement fails the ones after it, and is raised here."""
        with self.cursor.connection.pipeline():
            for sql, params in statements:
                self.cursor.execute(sql, params)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> None:
        self.cursor.execute(sql, params)


@dataclass
class _Held:
    """The pooled connection ``holding`` keeps for ``db`` (None until first used)."""

    db: Database
    pooled: Any = None


_HELD: ContextVar[_Held | None] = ContextVar("scrutiny_desk_pg_held", default=None)


@contextmanager
def holding(db: Database) -> Iterator[None]:
    """Within the block, ``reader(db)`` uses one pooled connection, checked out (and so
    pinged by the pool) at its first use and given back at the end: an export's read
    and its audit row, the file drawn in between, make one checkout, not two. Nothing
    is held on SQLite, or within another such block (the outer one holds)."""
    if db.dialect != "postgresql" or _HELD.get() is not None:
        yield
        return
    held = _Held(db)
    token = _HELD.set(held)
    try:
        yield
    finally:
        _HELD.reset(token)
        if held.pooled is not None:
            held.pooled.close()


@contextmanager
def reader(db: Database) -> Iterator[Reader]:
    """A driver's cursor on a pooled connection of ``db`` (PostgreSQL), in autocommit:
    the one ``holding`` keeps, if any."""
    with _driven(db, autocommit=True) as found:
        yield found


@contextmanager
def transaction(db: Database) -> Iterator[Reader]:
    """A driver's cursor on a pooled connection of ``db`` (PostgreSQL; the one
    ``holding`` keeps, if any) in one transaction, as a write session's (READ
    COMMITTED, begun by the first statement): committed when the block ends,
    rolled back if the block fails, whatever the error, so the connection goes back to
    the pool out of any transaction. Its errors are mapped as ``reader``'s."""
    with _driven(db, autocommit=False) as found:
        driver = found.cursor.connection
        try:
            yield found
        except BaseException:
            if not driver.closed and not driver.broken:
                with suppress(Exception):  # the error that failed the block is the one told
                    driver.rollback()
            raise
        driver.commit()


@contextmanager
def _driven(db: Database, *, autocommit: bool) -> Iterator[Reader]:
    """``reader``'s and ``transaction``'s connection, its errors mapped."""
    from psycopg import Error, IntegrityError  # not at import: a SQLite desk never loads it
    from sqlalchemy.exc import DBAPIError

    held = _HELD.get()
    if held is not None and held.db is not db:
        held = None
    try:
        pooled = held.pooled if held is not None and held.pooled is not None else None
        if pooled is None:
            pooled = db.engine.raw_connection()
            if held is not None:
                held.pooled = pooled
    except DBAPIError as exc:
        raise DatabaseError(f"The database could not be used: {_first_line(exc.orig)}") from None
    try:
        driver = pooled.driver_connection
        assert driver is not None
        driver.autocommit = autocommit
        try:
            with driver.cursor() as cursor:
                yield Reader(cursor, db.engine.dialect)
        finally:
            if not driver.closed:
                driver.autocommit = False
    except IntegrityError as exc:
        raise ConflictError(
            f"The change clashes with data already saved: {_first_line(exc)}"
        ) from None
    except Error as exc:
        driver = pooled.driver_connection
        if driver is None or driver.closed or driver.broken:
            pooled.invalidate()  # not used again; an error of a statement leaves it usable
            if held is not None:
                held.pooled = None
                pooled.close()
        raise DatabaseError(f"The database could not be used: {_first_line(exc)}") from None
    finally:
        if held is None:
            pooled.close()


def _first_line(exc: BaseException | None) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
