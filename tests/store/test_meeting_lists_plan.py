"""The lists statement's plan on PostgreSQL does not depend on the statistics
(``store.meeting_lists``): a database just filled by a bulk import, not yet analysed,
reads a meeting's witnesses and terms of reference by the index on its items' ids, as
an analysed one does, never by scanning every review's links (issue 13: tens of
milliseconds a paper at three times office scale)."""

from __future__ import annotations

from datetime import datetime

import pytest
from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql as pg_dialect

from scrutiny_desk.domain.records import MonthDay
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import meeting_lists, orm

postgresql = pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)


def test_the_postgresql_statement_is_one_psycopg_keeps_converted() -> None:
    dialect = pg_dialect.dialect(paramstyle="pyformat")  # type: ignore[no-untyped-call]
    compiled = str(meeting_lists.LISTS_PG.compile(dialect=dialect))
    assert "%(meeting)s" in compiled
    assert len(compiled) <= MAX_CACHED_STATEMENT_LENGTH


@postgresql
def test_the_lists_are_read_by_the_meetings_items_without_statistics(
    db_target: str, sample_id: int
) -> None:
    services = Services.open(db_target)
    try:
        with services.db.engine.begin() as con:
            # as after a bulk import: no table analysed yet
            con.execute(
                text(
                    "DELETE FROM pg_statistic WHERE starelid IN (SELECT oid FROM pg_class"
                    " WHERE relnamespace = 'public'::regnamespace)"
                )
            )
            con.execute(
                text(
                    "UPDATE pg_class SET reltuples = -1 WHERE relnamespace = 'public'::regnamespace"
                )
            )
        with services.db.engine.connect() as con:
            meeting_id, review_id, key, start = con.execute(
                select(
                    orm.MeetingRow.id,
                    orm.MeetingRow.review_id,
                    orm.MeetingRow.key,
                    orm.MeetingRow.start,
                )
                .where(orm.MeetingRow.review_id == sample_id)
                .order_by(orm.MeetingRow.start)
            ).first()  # type: ignore[misc]
            statement = meeting_lists.LISTS_PG.compile(dialect=con.dialect)
            params = {
                "meeting": meeting_id,
                "review": review_id,
                "since": datetime(2000, 1, 1),
                "until": start,
            }
            plan = "\n".join(
                row[0] for row in con.exec_driver_sql(f"EXPLAIN {statement}", params).all()
            )
            # and the lists are read as ever
            lists = meeting_lists.meeting_lists(
                con, meeting_id, review_id, key, start, MonthDay(5, 1)
            )
    finally:
        services.close()
    assert "Seq Scan on item_witnesses" not in plan, plan
    assert "Seq Scan on item_tor" not in plan, plan
    assert lists.items
