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
