"""A crash at any moment of creating or upgrading a database loses nothing (issue 10).

A process opening a database is killed (SIGKILL, as a power cut or the task manager
would) at a random moment; the database must then open, with all its data. Measured on
main before the fix: 13 of 46 killed creations and 6 of 66 killed upgrades from schema
0001 left a database the app refused for ever (an empty ``alembic_version`` with some
tables; a leftover ``_alembic_tmp_*`` table).

The killed processes come from a fork server that has imported the app already, so a
try costs the work itself, not an interpreter's start.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from scrutiny_desk.store import sqlite_files
from scrutiny_desk.store.db import head_revision, open_database

from .old_schemas import schema_0001_with_data

TRIES = 30
pytestmark = pytest.mark.slow


def _open(path: str, backups: str) -> None:
    open_database(path, backup_folder=Path(backups)).close()


def _context() -> mp.context.ForkServerContext:
    ctx = mp.get_context("forkserver")
    # Alembic too: the app imports it only to build or upgrade (store/db.py), and a
    # try's kill should fall in that work, not in the import before it.
    ctx.set_forkserver_preload(
        ["scrutiny_desk.store.db", "scrutiny_desk.store.backups", "alembic.command"]
    )
    return ctx


def _time_one(ctx: mp.context.ForkServerContext, path: Path, backups: Path) -> float:
    started = time.monotonic()
    p = ctx.Process(target=_open, args=(str(path), str(backups)))
    p.start()
    p.join(120)
    assert p.exitcode == 0
    return time.monotonic() - started


def _killed_while_opening(
    ctx: mp.context.ForkServerContext, path: Path, backups: Path, delay: float
) -> None:
    p = ctx.Process(target=_open, args=(str(path), str(backups)))
    p.start()
    time.sleep(delay)
    p.kill()
    p.join(30)


def _stored_revision(path: Path) -> str | None:
    """The schema revision in the file, read without opening it as the app does."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: killed before its first revision
        return None
    finally:
        con.close()
    return None if row is None else str(row[0])


def _revision(path: Path) -> str:
    db = open_database(str(path), backup_folder=path.parent / "backups")
    try:
        with db.reading() as session:
            return str(session.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        db.close()


def test_a_database_killed_while_it_is_created_opens_afterwards(tmp_path: Path) -> None:
    ctx = _context()
    backups = tmp_path / "backups"
    rng = random.Random(1010)
    duration = _time_one(ctx, tmp_path / "timing.sqlite3", backups)
    interrupted = 0
    for n in range(TRIES):
        folder = tmp_path / f"try{n}"
        folder.mkdir()
        path = folder / "new.sqlite3"
        _killed_while_opening(ctx, path, backups, rng.uniform(0.0, duration))
        if any(p.name.startswith(sqlite_files.TEMPORARY_PREFIX) for p in folder.iterdir()):
            interrupted += 1
        assert not path.exists() or path.stat().st_size > 0
        assert _revision(path) == head_revision()
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
        assert leftovers == [], leftovers  # the next creation cleared the dead one's file
    assert interrupted >= 5, f"only {interrupted} of {TRIES} kills came mid-creation"


ITEMS = 300


def _holds_all_its_data(path: Path) -> None:
    from scrutiny_desk.services.container import Services

    services = Services(open_database(str(path), backup_folder=path.parent / "backups"))
    try:
        review = services.reviews.document(1)
        assert review.title == "Old review"
        assert [w.name for w in review.witnesses] == ["Old witness"]
        (meeting,) = review.meetings
        assert meeting.uid == "old-uid"
        assert len(meeting.items) == ITEMS
        assert all(i.witnesses == ("w1",) for i in meeting.items)
    finally:
        services.close()


def test_a_database_killed_while_it_is_upgraded_opens_afterwards_with_all_its_data(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template-0001.sqlite3"
    schema_0001_with_data(f"sqlite:///{template}", ITEMS)
    ctx = _context()
    rng = random.Random(2020)
    timing = tmp_path / "timing.sqlite3"
    shutil.copyfile(template, timing)
    duration = _time_one(ctx, timing, tmp_path / "timing-backups")
    interrupted = 0
    for n in range(TRIES):
        folder = tmp_path / f"try{n}"
        folder.mkdir()
        path = folder / "old.sqlite3"
        shutil.copyfile(template, path)
        _killed_while_opening(ctx, path, folder / "backups", rng.uniform(0.0, duration))
        marker = sqlite_files.read_upgrade_marker(path)
        if marker is not None and _stored_revision(path) == head_revision():
            marker = None  # killed after the upgrade committed, before its marker went
        if marker is not None:
            interrupted += 1
        db = open_database(str(path), backup_folder=folder / "backups")
        try:
            assert db.interrupted_upgrade == marker
            if marker is not None and marker["backup"]:
                assert Path(marker["backup"]).exists()
        finally:
            db.close()
        assert not sqlite_files.marker_path(path).exists()
        assert _revision(path) == head_revision()
        _holds_all_its_data(path)
    assert interrupted >= 5, f"only {interrupted} of {TRIES} kills came mid-upgrade"


def test_a_marker_left_after_the_upgrade_committed_is_cleared_not_reported(
    tmp_path: Path,
) -> None:
    """Killed between the upgrade's commit and the marker's removal: the database is
    upgraded, so the next opening removes the marker and says nothing was rolled back."""
    path = tmp_path / "upgraded.sqlite3"
    open_database(str(path), backup_folder=tmp_path / "backups").close()
    sqlite_files.write_upgrade_marker(path, "", "0001")
    db = open_database(str(path), backup_folder=tmp_path / "backups")
    try:
        assert db.interrupted_upgrade is None
    finally:
        db.close()
    assert not sqlite_files.marker_path(path).exists()
