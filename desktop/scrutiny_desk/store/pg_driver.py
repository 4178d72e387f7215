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

The connection goes back to the pool as it came, not autocommit; an error of the driver
is the error a session would have raised (a clash ConflictError, else DatabaseError),
and a connection the error broke is not used again. The pool does not ping the
connection at checkout (sessions' checkouts it still does): a read that finds it
dropped runs once more on another (``Reader``), a trip saved on every read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import ClauseElement

from ..domain.errors import ConflictError, DatabaseError

if TYPE_CHECKING:
    from .db import Database

_COMPILED: dict[int, tuple[ClauseElement, str]] = {}
_T = TypeVar("_T")


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
    sql = str(statement.compile(dialect=dialect))
    _COMPILED[id(statement)] = (statement, sql)
    return sql


class Reader:
    """Runs statements built with SQLAlchemy on a driver's cursor: ``named`` gives
    named tuples (a column by its label, as a SQLAlchemy row), ``together`` sends
    several at once, ``rows`` runs SQL text; ``execute`` a statement whose rows are
    not wanted (a write).

    The connection comes from the pool without the pool's ping (a trip to the server,
    for every checkout): a read that finds it dropped (the server restarted, the
    backend ended) before any answer gives it up and runs once more on a connection
    the pool checks (``_retried``: safe, each statement reads in autocommit); a write
    on it is first pinged as the pool would have (it may not run twice)."""

    def __init__(self, lease: _Lease, dialect: Dialect) -> None:
        self._lease = lease
        self.dialect = dialect

    @property
    def cursor(self) -> Any:
        return self._lease.cursor

    def named(self, statement: ClauseElement, params: Mapping[str, Any]) -> list[Any]:
        from psycopg.rows import namedtuple_row

        sql = compiled(statement, self.dialect)

        def run() -> list[Any]:
            cursor = self._lease.cursor
            cursor.row_factory = namedtuple_row
            return list(cursor.execute(sql, params).fetchall())

        return self._retried(run)

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows (tuples) of ``sql``, never prepared on the server (see
        ``search_index._ask_postgres``)."""
        from psycopg.rows import tuple_row

        def run() -> list[Any]:
            cursor = self._lease.cursor
            cursor.row_factory = tuple_row
            return list(cursor.execute(sql, params, prepare=False).fetchall())

        return self._retried(run)

    def together(
        self, *statements: tuple[ClauseElement, Mapping[str, Any], bool]
    ) -> list[list[Any]]:
        """The rows of each (statement, parameters, named), the statements sent at once
        and their rows read back at once (psycopg's pipeline: one trip to the server
        for all, a wait for each being what a small read costs most in a busy desk)."""
        from psycopg.rows import namedtuple_row, tuple_row

        if not statements:
            return []
        sent = [(compiled(st, self.dialect), params, named) for st, params, named in statements]

        def run() -> list[list[Any]]:
            connection = self._lease.cursor.connection
            cursors = [
                connection.cursor(row_factory=namedtuple_row if named else tuple_row)
                for _, _, named in sent
            ]
            try:
                with connection.pipeline():
                    for cursor, (sql, params, _) in zip(cursors, sent, strict=True):
                        cursor.execute(sql, params)
                return [list(cursor.fetchall()) for cursor in cursors]
            finally:
                for cursor in cursors:
                    cursor.close()

        return self._retried(run)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> None:
        if not self._lease.checked:  # the pool's ping, not skipped for a write
            self._retried(lambda: self._lease.cursor.execute(";"))
        self._lease.cursor.execute(sql, params)

    def _retried(self, run: Callable[[], _T]) -> _T:
        """``run()``; the first statement on an unchecked connection once more on a
        checked one if the connection turned out dropped."""
        from psycopg import OperationalError

        lease = self._lease
        if lease.checked:
            return run()
        try:
            found = run()
        except OperationalError:
            if not lease.dropped():
                raise
            lease.renew()
            found = run()
        lease.checked = True
        return found


@dataclass
class _Held:
    """The pooled connection ``holding`` keeps for ``db`` (None until first used)."""

    db: Database
    pooled: Any = None


_HELD: ContextVar[_Held | None] = ContextVar("scrutiny_desk_pg_held", default=None)


@contextmanager
def holding(db: Database) -> Iterator[None]:
    """Within the block, ``reader(db)`` uses one pooled connection, checked out at its
    first use and given back at the end: an export's read and its audit row, the file
    drawn in between, make one checkout, not two. Nothing is held on SQLite, or within
    another such block (the outer one holds)."""
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


#: Set while ``reader`` checks a connection out: the pool's ping is skipped (``_Lease``).
_UNPINGED: ContextVar[bool] = ContextVar("scrutiny_desk_pg_unpinged", default=False)


def _skip_ping(dialect: Dialect) -> None:
    """Make the engine's pre-ping (``pool_pre_ping``, kept for sessions) a no-op while
    ``_UNPINGED`` is set, once per dialect: a reader handles a dropped connection
    itself (``Reader._retried``), the pool's ping would cost it a trip each time."""
    if getattr(dialect, "_scrutiny_desk_ping", None) is not None:
        return
    ping = dialect.do_ping

    def do_ping(dbapi_connection: Any) -> bool:
        return True if _UNPINGED.get() else ping(dbapi_connection)

    dialect._scrutiny_desk_ping = ping  # type: ignore[attr-defined]
    dialect.do_ping = do_ping  # type: ignore[method-assign]


class _Lease:
    """The pooled connection a ``reader`` block uses (``holding``'s, if any): its
    driver's cursor, in autocommit; ``checked`` once a statement ran on it (or the
    pool pinged it)."""

    def __init__(self, db: Database, held: _Held | None) -> None:
        self.db = db
        self.held = held
        self.pooled: Any = None
        self.cursor: Any = None
        self.checked = False
        if held is not None and held.pooled is not None:
            self._use(held.pooled)
            self.checked = True  # used in this block already
        else:
            self._checkout(pinged=False)

    def _checkout(self, *, pinged: bool) -> None:
        from sqlalchemy.exc import DBAPIError

        engine = self.db.engine
        try:
            if pinged:
                pooled = engine.raw_connection()
            else:
                _skip_ping(engine.dialect)
                token = _UNPINGED.set(True)
                try:
                    pooled = engine.raw_connection()
                finally:
                    _UNPINGED.reset(token)
        except DBAPIError as exc:
            raise DatabaseError(
                f"The database could not be used: {_first_line(exc.orig)}"
            ) from None
        if self.held is not None:
            self.held.pooled = pooled
        self._use(pooled)

    def _use(self, pooled: Any) -> None:
        driver = pooled.driver_connection
        assert driver is not None
        driver.autocommit = True
        self.pooled = pooled
        self.cursor = driver.cursor()

    def dropped(self) -> bool:
        """Whether the driver's connection is gone (closed, or broken by an error)."""
        driver = self.pooled.driver_connection
        return driver is None or driver.closed or driver.broken

    def renew(self) -> None:
        """Give up the dropped connection (never used again) for one the pool checks."""
        self.discard()
        self._checkout(pinged=True)
        self.checked = True

    def discard(self) -> None:
        """Invalidate the connection (broken): not used again, not given back."""
        pooled, self.pooled, self.cursor = self.pooled, None, None
        pooled.invalidate()
        pooled.close()
        if self.held is not None:
            self.held.pooled = None

    def release(self) -> None:
        """The connection back as it came, not autocommit; to the pool unless held."""
        pooled = self.pooled
        if pooled is None:
            return
        driver = pooled.driver_connection
        if driver is not None and not driver.closed:
            self.cursor.close()
            driver.autocommit = False
        if self.held is None:
            pooled.close()


@contextmanager
def reader(db: Database) -> Iterator[Reader]:
    """A driver's cursor on a pooled connection of ``db`` (PostgreSQL), in autocommit:
    the one ``holding`` keeps, if any."""
    from psycopg import Error, IntegrityError  # not at import: a SQLite desk never loads it

    held = _HELD.get()
    if held is not None and held.db is not db:
        held = None
    lease = _Lease(db, held)
    try:
        yield Reader(lease, db.engine.dialect)
    except IntegrityError as exc:
        raise ConflictError(
            f"The change clashes with data already saved: {_first_line(exc)}"
        ) from None
    except Error as exc:
        if lease.pooled is not None and lease.dropped():
            lease.discard()  # not used again; an error of a statement leaves it usable
        raise DatabaseError(f"The database could not be used: {_first_line(exc)}") from None
    finally:
        lease.release()


def _first_line(exc: BaseException | None) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
