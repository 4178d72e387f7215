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
            alone = meeting_lists.LISTS_BY_MEETING.compile(dialect=con.dialect)
            plan_alone = "\n".join(
                row[0]
                for row in con.exec_driver_sql(f"EXPLAIN {alone}", {"meeting": meeting_id}).all()
            )
            # and the lists are read as ever
            lists = meeting_lists.meeting_lists(
                con, meeting_id, review_id, key, start, MonthDay(5, 1)
            )
    finally:
        services.close()
    assert "Seq Scan on item_witnesses" not in plan, plan
    assert "Seq Scan on item_tor" not in plan, plan
    for table in ("item_witnesses", "item_tor", "meetings", "agenda_items", "witnesses"):
        assert f"Seq Scan on {table}" not in plan_alone, plan_alone
    assert lists.items


@postgresql
def test_the_statement_by_the_meeting_alone_reads_the_same_lists(
    db_target: str, sample_id: int
) -> None:
    """The statement sent with the meeting's row works out the review and the municipal
    year itself: for every meeting of the sample, the same rows as the statement given
    them."""
    services = Services.open(db_target)
    try:
        with services.db.engine.connect() as con:
            meetings = con.execute(
                select(orm.MeetingRow.id, orm.MeetingRow.review_id, orm.MeetingRow.start)
                .where(orm.MeetingRow.review_id == sample_id)
                .order_by(orm.MeetingRow.id)
            ).all()
            assert len(meetings) >= 8
            given = meeting_lists.LISTS_PG.compile(dialect=con.dialect)
            alone = meeting_lists.LISTS_BY_MEETING.compile(dialect=con.dialect)
            assert len(str(alone)) <= MAX_CACHED_STATEMENT_LENGTH  # as the engine compiles it
            counted = 0
            for meeting_id, review_id, start in meetings:
                params = meeting_lists.lists_params(meeting_id, review_id, start, MonthDay(5, 1))
                expected = sorted(map(tuple, con.exec_driver_sql(str(given), params).all()))
                found = con.exec_driver_sql(str(alone), {"meeting": meeting_id}).all()
                assert sorted(map(tuple, found)) == expected
                counted += any(row[0] == 8 for row in expected)  # meetings before it
    finally:
        services.close()
    assert counted >= 4


@postgresql
def test_the_server_works_out_the_municipal_year_as_the_app_does(db_target: str) -> None:
    """``meeting_lists.SINCE`` against ``lists_params``' ``since``: the same day, but on
    29 February of a year without one, where a year starting on 29 February is taken to
    start a year earlier (a bound as early or earlier: ``first_minute`` counts exactly)."""
    from datetime import date, timedelta

    starts = [
        datetime(2006, 1, 1, 0, 0) + timedelta(days=n, hours=n % 24) for n in range(0, 1500, 7)
    ]
    starts += [datetime(y, m, d, 9) for y in (2007, 2008) for m, d in ((2, 28), (2, 29), (3, 1))
               if not (y == 2007 and d == 29)]  # fmt: skip
    year_starts = [(5, 1), (1, 1), (2, 29), (12, 31), (4, 30), (9, 15)]
    services = Services.open(db_target)
    try:
        with services.db.engine.connect() as con:
            for month, day in year_starts:
                rows = con.exec_driver_sql(
                    f"SELECT h0.start, {meeting_lists.SINCE} FROM unnest(%(starts)s::timestamp[])"
                    " AS h0(start), (SELECT %(m)s::int AS year_start_month,"
                    " %(d)s::int AS year_start_day) AS r",
                    {"starts": starts, "m": month, "d": day},
                ).all()
                assert len(rows) == len(starts)
                for start, since in rows:
                    expected = meeting_lists.lists_params(0, 0, start, MonthDay(month, day))
                    app = expected["since"].date()
                    assert isinstance(since, date)
                    if (month, day) == (2, 29) and since != app:
                        assert since == app.replace(year=app.year - 1), (start, month, day)
                    else:
                        assert since == app, (start, month, day)
    finally:
        services.close()
