"""The first look reads what the store reads: the same SQL, the same rows, the same
types; and it declines every file the store must open first."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select
from sqlalchemy.dialects import sqlite

from scrutiny_desk.store import (
    clean_close,
    listing,
    meeting_reads,
    orm,
    personal_data_reads,
    queries,
    sqlite_files,
)
from scrutiny_desk.store import first_look as fl
from scrutiny_desk.store.db import open_database
from scrutiny_desk.store.first_look import FirstLook
from scrutiny_desk.store.meeting_rows import placed_meeting, summary_of


def _compiled(stmt: Select[Any]) -> tuple[str, tuple[Any, ...]]:
    compiled = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    assert compiled.positiontup is not None
    return str(compiled), tuple(params[name] for name in compiled.positiontup)


def _left_cleanly(path: str) -> Path:
    """The file as the app leaves it: opened and closed cleanly by the store."""
    open_database(path).close()
    return Path(path)


def test_the_reviews_read_is_the_stores_statement() -> None:
    assert _compiled(queries.reviews_statement()) == (fl.REVIEWS_SQL, (0,))


def test_the_meeting_ids_read_is_the_stores_default_order_and_filter() -> None:
    stmt = listing.meeting_ids_statement(7, None, (), "start", False)
    assert _compiled(stmt) == (fl.MEETING_IDS_SQL, (7,))


def test_the_meetings_read_is_the_stores_page_of_meetings() -> None:
    text, params = _compiled(listing.meetings_by_id_statement([3, 5]))
    assert text == fl.MEETINGS_SQL.format(ids="?, ?")
    assert params == (*fl.MEETINGS_CONSTANTS, 3, 5, 3, 5)


def test_every_date_and_time_column_read_is_converted_as_the_store_does() -> None:
    """The sample may leave a column empty: the converters are checked against the
    statements' column types as well (a new Boolean or Date column needs one)."""
    kinds = {}
    for stmt in (
        queries.reviews_statement(),
        listing.meetings_by_id_statement([1]),
    ):
        for column in stmt.selected_columns:
            kinds[column.key] = type(column.type).__name__
    assert {k for k, v in kinds.items() if v == "DateTime"} <= fl._DATETIMES
    assert {k for k, v in kinds.items() if v == "Date"} <= fl._DATES
    assert not {k for k, v in kinds.items() if v in ("Boolean", "Numeric", "JSON")}
    read = ("title", "status", "timezone", "clear_days", "retention_until", "version")
    review = {c.key: type(c.type).__name__ for c in orm.ReviewRow.__table__.c if c.key in read}
    assert len(review) == len(read)
    assert {k for k, v in review.items() if v == "Date"} <= fl._DATES
    assert {k for k, v in review.items() if v == "DateTime"} <= fl._DATETIMES


def _same(first: Any, store: Any) -> None:
    """Equal, and of the same types column by column."""
    assert first == store
    assert type(first) is type(store)
    for name in getattr(first, "__dataclass_fields__", ()):
        a, b = getattr(first, name), getattr(store, name)
        assert type(a) is type(b), (name, a, b)


def test_the_first_look_reads_what_the_store_reads(sqlite_target: str, sample_id: int) -> None:
    path = _left_cleanly(sqlite_target)
    look = FirstLook.open(path)
    assert look is not None
    db = open_database(sqlite_target)
    try:
        with db.reading() as session:
            reviews = queries.list_reviews(session)
            ids = listing.meeting_ids(session, sample_id, None, (), "start", False)
            found = listing.meetings_by_id(session, ids)
            settings = meeting_reads.review_settings(session, sample_id)
            retention = personal_data_reads.retention(session, sample_id)
            raw = {row.id: row for row in session.execute(listing.meetings_by_id_statement(ids))}
    finally:
        db.close()
    assert ids and len(reviews) == 1
    first_reviews = look.reviews()
    assert len(first_reviews) == len(reviews)
    for mine, theirs in zip(first_reviews, reviews, strict=True):
        _same(mine, theirs)
    assert look.meeting_ids(sample_id) == ids
    rows = look.meetings(ids)
    assert len(rows) == len(raw)
    for row in rows:
        store_row = raw[row.id]
        assert list(vars(row)) == list(store_row._fields)
        for name in store_row._fields:
            a, b = getattr(row, name), getattr(store_row, name)
            assert a == b and type(a) is type(b), (name, a, b)
    by_id = {summary.id: (summary, placed) for summary, placed in found}
    for row in rows:
        _same(summary_of(row), by_id[row.id][0])
        _same(placed_meeting(row), by_id[row.id][1])
    assert look.review_settings(sample_id) == settings
    _same(look.retention(sample_id), retention)
    assert look.review(sample_id + 1000) is None


def test_a_file_left_cleanly_at_head_gets_a_first_look(sqlite_target: str) -> None:
    path = _left_cleanly(sqlite_target)
    look = FirstLook.open(path)
    assert look is not None and look.unchanged()
    assert clean_close.as_left(path)  # looking forgets nothing: the store's open takes it


def test_no_first_look_at_a_file_not_closed_cleanly(sqlite_target: str) -> None:
    assert FirstLook.open(Path(sqlite_target)) is None  # copied in: no record


def test_no_first_look_with_an_upgrade_marker(sqlite_target: str) -> None:
    path = _left_cleanly(sqlite_target)
    sqlite_files.write_upgrade_marker(path, "backup.sqlite3", "0001")
    assert FirstLook.open(path) is None


def test_no_first_look_at_a_schema_not_at_head(sqlite_target: str) -> None:
    path = _left_cleanly(sqlite_target)
    record = clean_close._record_path(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = 'older'")
    con.close()
    clean_close.remember(path)  # as if left so, to test the schema check alone
    assert record.exists()
    assert FirstLook.open(path) is None


def test_no_first_look_at_a_read_only_file(
    sqlite_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _left_cleanly(sqlite_target)
    monkeypatch.setattr(fl.os, "access", lambda p, mode: Path(p) != path)  # even as root
    assert FirstLook.open(path) is None


def test_no_first_look_at_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "not-a-database.sqlite3"
    path.write_bytes(b"x" * 4096)
    clean_close.remember(path)
    assert FirstLook.open(path) is None
    assert FirstLook.open(tmp_path / "missing.sqlite3") is None


def test_a_change_by_another_program_is_seen(sqlite_target: str, sample_id: int) -> None:
    path = _left_cleanly(sqlite_target)
    look = FirstLook.open(path)
    assert look is not None
    with sqlite3.connect(path) as con:
        con.execute("UPDATE reviews SET title = title || '!'")
    con.close()
    assert not look.unchanged()
