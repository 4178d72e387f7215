"""A whole review written straight to the driver (store/bulk_insert.py) leaves the very
rows, audit trail and topics that the session's Core insert left, on both backends;
outside a whole review the session's insert (and its hooks) is used as before."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, event, select

from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import bulk_insert, changes, orm, review_insert

from ..conftest import BACKENDS, PostgresServer
from ..services.test_codec_write import every_field_set

SAMPLE = resource_path("samples/drugs-scrutiny.json")
_IGNORED = {"audit_log": {"id", "at_utc", "actor"}}  # when and by whom: not the rows'


@pytest.fixture(params=BACKENDS)
def two_databases(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[tuple[str, str]]:
    """Two fresh, migrated databases on the same backend."""
    if request.param == "sqlite":
        paths = [tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"]
        for path in paths:
            shutil.copyfile(sqlite_template, path)
        yield str(paths[0]), str(paths[1])
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    names = [server.create(), server.create()]
    try:
        yield server.url(names[0]), server.url(names[1])
    finally:
        for name in names:
            server.drop(name)


@contextmanager
def through_the_session() -> Iterator[None]:
    """Whole reviews written as before: every row through the session's Core insert."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk_insert, "writing_whole", lambda _session: nullcontext())
        yield


def dump(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (every column, in key order), the audit trail's without its
    times and actor."""
    found = {}
    with services.db.reading() as session:
        for table in orm.Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in _IGNORED.get(table.name, ())]
            order = list(table.primary_key.columns) or columns
            query = select(*columns).order_by(*order)
            found[table.name] = [tuple(row) for row in session.execute(query)]
    return found


def imported(target: str, data: bytes) -> tuple[dict[str, list[tuple[Any, ...]]], set[Topic]]:
    services = Services.open(target)
    try:
        with recording() as topics:
            services.reviews.import_bytes(data)
        return dump(services), set(topics)
    finally:
        services.close()


def inserted(target: str, review: Review) -> dict[str, list[tuple[Any, ...]]]:
    services = Services.open(target)
    try:
        with services.db.writing() as session:
            review_insert.insert_review(session, review)
        return dump(services)
    finally:
        services.close()


def test_an_import_writes_the_rows_and_topics_it_wrote_through_the_session(
    two_databases: tuple[str, str],
) -> None:
    data = SAMPLE.read_bytes()
    direct, direct_topics = imported(two_databases[0], data)
    with through_the_session():
        before, before_topics = imported(two_databases[1], data)
    assert direct == before
    assert direct_topics == before_topics
    assert len(direct["audit_log"]) == 1 and "imported" in direct["audit_log"][0]  # one row
    assert sum(map(len, direct.values())) > 300  # the sample's rows, in many tables


def test_every_field_of_every_record_is_written_as_through_the_session(
    two_databases: tuple[str, str],
) -> None:
    """Dates, times, booleans, nulls and defaults: the column processors and defaults
    the session's insert applied are applied (a review with every field set, two
    copies of every list)."""
    review = every_field_set(2)
    review = replace(
        review, meetings=tuple(replace(m, uid=str(uuid.uuid4())) for m in review.meetings)
    )
    direct = inserted(two_databases[0], review)
    with through_the_session():
        before = inserted(two_databases[1], review)
    assert direct == before
    written = {name for name, rows in direct.items() if rows}
    assert {"calendar_recipients", "vote_casts", "item_reports", "meeting_attendees"} <= written


def test_outside_a_whole_review_rows_go_through_the_session(services: Services) -> None:
    """Restored rows (a meeting's register, its procedure) are inserted by the same
    calls: there they keep the session's hooks; within a whole review the driver has
    them, and the topics they change are noted all the same."""
    review_id = services.reviews.import_bytes(SAMPLE.read_bytes())
    executed: list[str] = []

    def seen(state: Any) -> None:
        if state.is_insert:
            executed.append(state.statement.table.name)

    def row(text: str) -> dict[str, Any]:
        return {"review_id": review_id, "position": 90, "text": text, "version": 1}

    with services.db.writing() as session:
        event.listen(session, "do_orm_execute", seen)
        bulk_insert.insert_rows(session, orm.ExclusionRow, [row("a")])
        with bulk_insert.writing_whole(session):
            bulk_insert.insert_rows(session, orm.ExclusionRow, [row("b")])
            bulk_insert.insert_values(
                session, orm.MilestoneRow, ("review_id", "position", "title"), []
            )
        written = changes.written(session)
        bulk_insert.insert_values(
            session,
            orm.ExclusionRow,
            ("review_id", "position", "text", "version"),
            [(review_id, 91, "c", 1)],
        )
        texts = session.execute(
            select(orm.ExclusionRow.text).where(orm.ExclusionRow.position >= 90)
        ).scalars()
        assert sorted(texts) == ["a", "b", "c"]
        session.rollback()
    assert executed == ["exclusions", "exclusions"]  # "a" and "c", not "b"
    assert Topic.REVIEW in written


def test_a_default_that_is_not_a_value_is_refused() -> None:
    """A column whose default is computed (none is, now) would need the session's
    insert: the statement refuses it rather than leave it out."""
    from sqlalchemy import Column, Integer, MetaData, Text
    from sqlalchemy.dialects import sqlite

    table = Table(
        "t", MetaData(), Column("id", Integer, primary_key=True), Column("x", Text, default=str)
    )
    with pytest.raises(ValueError, match="only scalar defaults"):
        bulk_insert._statement(sqlite.dialect(), table, ("id",))
    sql, _, defaults = bulk_insert._statement(sqlite.dialect(), table, ("id", "x"))
    assert (sql, defaults) == ("INSERT INTO t (id, x) VALUES (?, ?)", ())


def test_an_import_that_fails_once_its_rows_are_written_leaves_none(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows handed straight to the driver are in the import's one transaction: a
    failure after the last of them takes every one away."""
    before = dump(services)

    def fails(*_args: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(review_insert, "insert_report", fails)  # after every other table
    with pytest.raises(RuntimeError, match="disk is full"):
        services.reviews.import_bytes(SAMPLE.read_bytes())
    assert dump(services) == before
