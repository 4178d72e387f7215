"""The one statement a meeting's papers read their lists with stays short enough for
psycopg to keep its conversion (``store.meeting_lists``)."""

from __future__ import annotations

from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH
from sqlalchemy.dialects import postgresql

from scrutiny_desk.store import meeting_lists


def test_the_lists_statement_is_one_psycopg_keeps_converted() -> None:
    """psycopg converts a statement's placeholders again at every execution once it is
    longer than it caches (0.7 ms of a paper's read on PostgreSQL when it was)."""
    dialect = postgresql.dialect(paramstyle="pyformat")  # type: ignore[no-untyped-call]
    compiled = str(meeting_lists.LISTS.compile(dialect=dialect))
    assert "%(meeting)s" in compiled  # compiled as psycopg receives it
    assert len(compiled) <= MAX_CACHED_STATEMENT_LENGTH


def test_the_statement_by_the_meeting_alone_is_one_psycopg_keeps_converted() -> None:
    """PostgreSQL's statement that works out the review and the municipal year from the
    meeting (sent with the meeting's row, ``meeting_papers.read_papers``), as psycopg
    receives it."""
    from scrutiny_desk.store import pg_driver

    compiled = pg_driver.compiled(meeting_lists.LISTS_BY_MEETING)
    assert "%(meeting)s" in compiled and "%(review)s" not in compiled
    assert len(compiled) <= MAX_CACHED_STATEMENT_LENGTH
