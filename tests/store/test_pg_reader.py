"""PostgreSQL: ``pg_driver.reader`` after the server ended a pooled connection (a
restart, an administrator's pg_terminate_backend): the next search, paper's read and
audit row succeed on another connection (the pool pings each checkout); a connection
lost within a block is a DatabaseError and the next reader works. The search's
statement texts, made once per shape, still follow DENSE (issue 13)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from scrutiny_desk.domain.errors import DatabaseError
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import audit, meeting_papers, pg_driver, search_index
from scrutiny_desk.store.db import Database

from ..services.test_search import _corpus

postgresql = pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)


@pytest.fixture
def pg(postgres: Any) -> Iterator[Services]:
    name = postgres.create()
    services = Services.open(postgres.url(name))
    try:
        yield services
    finally:
        services.close()
        postgres.drop(name)


def _pooled_backend(db: Database) -> int:
    """The server process of the connection the next reader gets from the pool."""
    with pg_driver.reader(db) as read:
        return int(read.cursor.connection.info.backend_pid)


def _end_backend(db: Database, pid: int) -> None:
    """End a server process, as a restart or an administrator does, from a connection
    of its own (not the pool's), and wait until it is gone (so the connection is dead,
    not dying, when next used)."""
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as con:
        assert con.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
        for _ in range(500):
            found = con.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))
            if found.fetchone() == (0,):
                return
            time.sleep(0.01)
    pytest.fail(f"backend {pid} did not end")


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every statement psycopg's cursors send from now on."""
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def counted(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted)
    return sent


def test_a_search_after_the_server_ended_its_connection_succeeds(pg: Services) -> None:
    """The pooled connection a search would use was ended by the server: the search
    runs on another, and gives the same hits; the dead one is not given back."""
    review_id = pg.reviews.import_bytes(codec.encode(_corpus()))
    before = pg.search.search(review_id, "the")
    pid = _pooled_backend(pg.db)
    assert pg.db.engine.pool.checkedin() == 1  # type: ignore[attr-defined]  # the one used next
    _end_backend(pg.db, pid)
    assert pg.search.search(review_id, "the") == before
    assert _pooled_backend(pg.db) != pid
    assert pg.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert pg.search.search(review_id, "the") == before


def test_a_papers_read_and_an_audit_row_after_the_server_ended_the_connection(
    pg: Services,
) -> None:
    """The paper's read (same reader) runs on another connection too; an audit row is
    written once."""
    review_id = pg.reviews.import_bytes(codec.encode(_corpus()))
    meeting_id = pg.meetings.list(review_id)[0].id
    before = meeting_papers.read_papers(pg.db, meeting_id)
    _end_backend(pg.db, _pooled_backend(pg.db))
    assert meeting_papers.read_papers(pg.db, meeting_id) == before

    def rows() -> int:
        with pg.db.engine.connect() as con:
            return int(con.execute(text("SELECT count(*) FROM audit_log")).scalar_one())

    count = rows()
    _end_backend(pg.db, _pooled_backend(pg.db))
    audit.append_export(pg.db, {"paper": "agenda"}, "meetings", meeting_id, review_id)
    assert rows() == count + 1


def test_a_connection_lost_after_its_first_statement_is_an_error_not_a_retry(
    pg: Services,
) -> None:
    """Only a block's first statement is run again: a connection that drops later in
    the block (its earlier rows may be read already) is the DatabaseError a session
    would raise, and the next reader works."""
    with pytest.raises(DatabaseError, match="could not be used"):
        with pg_driver.reader(pg.db) as read:
            assert read.rows("SELECT 1", {}) == [(1,)]
            _end_backend(pg.db, int(read.cursor.connection.info.backend_pid))
            read.rows("SELECT 2", {})
    with pg_driver.reader(pg.db) as read:
        assert read.rows("SELECT 3", {}) == [(3,)]
    assert pg.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_held_connection_ended_between_reads_is_replaced(pg: Services) -> None:
    """Within ``holding``, the first read's connection ended before the second: that one
    fails (its connection was proven by the first), the block's next reads get
    another."""
    with pg_driver.holding(pg.db):
        with pg_driver.reader(pg.db) as read:
            pid = int(read.cursor.connection.info.backend_pid)
        _end_backend(pg.db, pid)
        with pytest.raises(DatabaseError):
            with pg_driver.reader(pg.db) as read:
                read.rows("SELECT 1", {})
        with pg_driver.reader(pg.db) as read:
            assert read.rows("SELECT 1", {}) == [(1,)]
            assert read.cursor.connection.info.backend_pid != pid
    assert pg.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_statements_made_once_still_follow_dense(
    pg: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search's statement texts are made once per shape (``search_index._counted``,
    ``_tops``): a kind is still read by its hits or by a walk as DENSE says."""
    review_id = pg.reviews.import_bytes(codec.encode(_corpus()))
    assert pg.search.search(review_id, "the").hits
    sent = _sent(monkeypatch)
    for dense, walked in ((10**9, False), (0, True), (10**9, False)):
        monkeypatch.setattr(search_index, "DENSE", dense)
        sent.clear()
        assert pg.search.search(review_id, "the").hits
        sent[:] = [sql for sql in sent if sql != ";"]  # the pool's ping of the checkout
        assert len(sent) == 2 and ("search_index" in sent[1]) is walked, (dense, sent)
