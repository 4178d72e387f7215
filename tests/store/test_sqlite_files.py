"""The SQLite file: made whole, leftovers of dead creations removed, read without
writing and never older data in silence."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from scrutiny_desk import leftovers
from scrutiny_desk.domain.errors import DatabaseError
from scrutiny_desk.store import clean_close, sqlite_files
from scrutiny_desk.store.db import head_revision, open_database


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        pid -= 1


def test_only_leftovers_of_dead_creations_are_removed(tmp_path: Path) -> None:
    prefix = sqlite_files.TEMPORARY_PREFIX
    dead = tmp_path / f"{prefix}{leftovers.HOST}-{_dead_pid()}-abcd1234.sqlite3"
    running = tmp_path / f"{prefix}{leftovers.HOST}-{os.getpid()}-abcd1234.sqlite3"
    foreign = [tmp_path / "report.pdf.part", tmp_path / ".other-program.tmp"]
    for p in (dead, running, *foreign):
        p.write_bytes(b"x")
    assert sqlite_files.remove_leftovers(tmp_path) == [dead]
    assert not dead.exists() and running.exists()
    assert all(p.exists() for p in foreign)


def test_a_creation_killed_after_naming_the_file_leaves_nothing_once_it_is_opened(
    tmp_path: Path,
) -> None:
    """Killed between taking the target's name (a hard link) and removing its
    temporary name: the database is whole, and opening it removes the second name."""
    path = tmp_path / "new.sqlite3"
    open_database(str(path), backup_folder=tmp_path / "backups").close()
    prefix = sqlite_files.TEMPORARY_PREFIX
    second = tmp_path / f"{prefix}{leftovers.HOST}-{_dead_pid()}-abcd1234.sqlite3"
    os.link(path, second)
    clean_close.forget(path)  # the killed creation never closed it
    db = open_database(str(path), backup_folder=tmp_path / "backups")
    try:
        assert not second.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    finally:
        db.close()


def test_a_failed_creation_leaves_no_database_and_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "new.sqlite3"

    def build(temporary: Path) -> None:
        sqlite3.connect(temporary).execute("CREATE TABLE half (x)").connection.close()
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        sqlite_files.create_atomically(path, build)
    assert os.listdir(folder) == []


def test_an_empty_file_is_replaced_by_a_whole_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    open_database(str(path)).close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
    finally:
        con.close()


def _wal_with_unsaved_changes(path: Path) -> sqlite3.Connection:
    """A WAL database whose latest committed row lives only in its -wal file."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    return con  # kept open: closing would fold the -wal file into the database


def test_read_only_without_the_shm_file_refuses_rather_than_show_older_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where SQLite cannot make the -shm file (a folder one may not write), the -wal
    file cannot be read; the immutable fallback would then miss committed data."""
    path = tmp_path / "db.sqlite3"
    holder = _wal_with_unsaved_changes(path)
    real_connect = sqlite3.connect

    def no_shm(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if "mode=ro" in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_files.sqlite3, "connect", no_shm)
    try:
        assert (path.with_name(path.name + "-wal")).stat().st_size > 0
        with pytest.raises(DatabaseError, match=r"db\.sqlite3-wal that cannot be read"):
            sqlite_files.connect_read_only(path)
    finally:
        holder.close()
    # once the changes are in the database file, the immutable reading is whole
    con = sqlite_files.connect_read_only(path)
    try:
        assert con.execute("SELECT x FROM t").fetchall() == [(1,)]
    finally:
        con.close()
