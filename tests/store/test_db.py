"""Opening databases: created, upgraded, or refused untouched with a clear message."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
    ReadOnlyError,
)
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.db import head_revision, open_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(str(path))
    try:
        with db.reading() as session:
            from sqlalchemy import text

            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
        assert not db.read_only
        assert db.engine.hide_parameters  # errors never quote the values written
    finally:
        db.close()


def test_sqlite_url_and_plain_path_are_the_same_database(tmp_path: Path) -> None:
    path = tmp_path / "same.sqlite3"
    with_path = Services.open(str(path))
    review_id = with_path.reviews.import_sample()
    with_path.close()
    with_url = Services.open(f"sqlite:///{path}")
    assert [r.id for r in with_url.reviews.list()] == [review_id]
    with_url.close()


def test_newer_database_is_refused_and_left_untouched(sqlite_target: str) -> None:
    path = Path(sqlite_target)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(NewerDatabaseError, match="newer version of Scrutiny Desk"):
        open_database(sqlite_target)
    assert _digest(path) == before


def test_newer_postgres_database_is_refused(postgres) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, text

    name = postgres.create()
    try:
        engine = create_engine(postgres.url(name))
        with engine.begin() as con:
            con.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        engine.dispose()
        with pytest.raises(NewerDatabaseError):
            open_database(postgres.url(name))
    finally:
        postgres.drop(name)


@pytest.mark.parametrize(
    "content",
    [
        b"this is a text file, not a database\n" * 20,
        b"SQLite format 3\x00" + b"\xff" * 4000,
        b"\x00" * 4096,
    ],
    ids=["text", "damaged-sqlite", "zeros"],
)
def test_corrupt_or_foreign_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(content)
    with pytest.raises((CorruptDatabaseError, DatabaseError)) as caught:
        open_database(str(path))
    assert "untouched" in str(caught.value) or "cannot be opened" in str(caught.value)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_truncated_database_is_refused_untouched(sqlite_target: str) -> None:
    path = Path(sqlite_target)
    services = Services.open(sqlite_target)
    services.reviews.import_sample()
    services.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = _digest(path)
    with pytest.raises(DatabaseError):
        open_database(sqlite_target)
    assert _digest(path) == before


def test_other_applications_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(CorruptDatabaseError, match="not a Scrutiny Desk database"):
        open_database(str(path))
    assert _digest(path) == before


def test_a_database_another_program_is_writing_opens_and_reads_at_once(
    sqlite_target: str,
) -> None:
    """WAL: readers never wait for a writer; a write waits for the lock, then says so."""
    holder = sqlite3.connect(sqlite_target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE alembic_version SET version_num = version_num")
    try:
        services = Services.open(sqlite_target)
        try:
            assert services.reviews.list() == []
            with pytest.raises(LockedDatabaseError, match="busy"):
                services.reviews.import_sample()
        finally:
            services.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_file_locked_in_rollback_journal_mode_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LockedDatabaseError, match="locked by another program"):
            open_database(str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(str(tmp_path / "no" / "such" / "db.sqlite3"))


def test_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="not supported"):
        open_database("mysql://user@host/db")


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="Cannot connect"):
        open_database(f"postgresql+psycopg://nobody@/nodb?host={tmp_path}&connect_timeout=2")


def test_read_only_file_opens_read_only_and_refuses_edits(
    sqlite_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(sqlite_target)
    services = Services.open(sqlite_target)
    review_id = services.reviews.import_sample()
    services.close()
    before = _digest(path)
    # Tests run as root, which may write anything: ask for the answer a clerk would get.
    real_access = __import__("os").access
    monkeypatch.setattr(
        "scrutiny_desk.store.db.os.access",
        lambda p, mode: False if mode == 2 else real_access(p, mode),
    )
    path.chmod(0o444)
    try:
        services = Services.open(sqlite_target)
        assert services.db.read_only
        assert [r.id for r in services.reviews.list()] == [review_id]
        assert services.reviews.export_bytes(review_id)
        with pytest.raises(ReadOnlyError, match="read-only"):
            services.reviews.import_sample()
        services.close()
    finally:
        path.chmod(0o644)
    assert _digest(path) == before
