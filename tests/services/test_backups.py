"""Back up now, the daily backup, restore, and backups on PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from scrutiny_desk.domain.backup_records import BackupKind, parse_backup_name
from scrutiny_desk.domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    NewerDatabaseError,
)
from scrutiny_desk.paths import backup_dir
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.db import head_revision

DAY = datetime(2026, 12, 6, 9, 0, 0)


def _exports(services: Services) -> dict[int, bytes]:
    return {r.id: services.reviews.export_bytes(r.id) for r in services.reviews.list()}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_back_up_now_writes_a_checked_backup_in_the_backups_folder(
    sqlite_services: Services,
) -> None:
    written = sqlite_services.backups.back_up_now()
    assert written.parent == backup_dir()
    found = parse_backup_name(written)
    assert found is not None and found.kind is BackupKind.ON_DEMAND
    [listed] = sqlite_services.backups.list()
    assert (listed.file.path, listed.reviews, listed.meetings, listed.problem) == (
        written,
        0,
        0,
        None,
    )


def test_the_daily_backup_is_taken_once_a_day(sqlite_services: Services) -> None:
    backups = sqlite_services.backups
    first = backups.daily_if_due(now=DAY)
    assert first is not None and first.exists()
    assert backups.daily_if_due(now=DAY + timedelta(hours=8)) is None
    assert backups.back_up_now() is not None  # an on-demand one does not count
    following = backups.daily_if_due(now=DAY + timedelta(days=1))
    assert following is not None and following != first


def test_a_chosen_folder_is_used_from_then_on(sqlite_services: Services, tmp_path: Path) -> None:
    chosen = sqlite_services.backups.choose_folder(tmp_path / "on the share")
    written = sqlite_services.backups.back_up_now()
    assert written.parent == chosen == tmp_path / "on the share"
    # A second opening of the services (the command line) agrees on the folder.
    again = Services.open(sqlite_services.db.label)
    try:
        assert again.backups.folder() == chosen
    finally:
        again.close()


def test_restore_brings_back_exactly_the_data(sqlite_services: Services) -> None:
    services = sqlite_services
    review_id = services.reviews.import_sample()
    before = _exports(services)
    backup = services.backups.back_up_now()
    services.reviews.delete(review_id)
    services.review_edits.create_review("Town centre parking", "Place Panel")
    assert _exports(services) != before

    restored = services.backups.restore(backup)

    assert _exports(services) == before  # byte for byte, through the same open database
    assert (restored.backup, restored.revision, restored.upgraded) == (
        backup,
        head_revision(),
        False,
    )
    replaced = parse_backup_name(restored.replaced)
    assert replaced is not None and replaced.kind is BackupKind.BEFORE_RESTORE
    # What the restore replaced can itself be restored.
    services.backups.restore(restored.replaced)
    assert len(services.reviews.list()) == 1 and _exports(services) != before


def test_restore_refuses_bad_files_and_leaves_the_database_untouched(
    sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    services.review_edits.create_review("Adult social care", "Health Scrutiny Panel")
    before = _exports(services)
    live = Path(services.db.label)
    text = tmp_path / "agenda.txt"
    text.write_text("Item 1: apologies\n" * 40)
    newer = services.backups.back_up_now(tmp_path)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    cases = [
        (text, CorruptDatabaseError, "not a Scrutiny Desk database"),
        (newer, NewerDatabaseError, "newer version of Scrutiny Desk"),
        (tmp_path / "missing.sqlite3", DatabaseError, "cannot be read"),
        (live, DatabaseError, "the database itself"),
    ]
    digest = _digest(live)
    for path, error, message in cases:
        with pytest.raises(error, match=message):
            services.backups.restore(path)
    assert _exports(services) == before
    assert _digest(live) == digest
    assert services.backups.list() == []  # no before-restore backup was taken either


def test_a_backup_of_an_older_schema_is_restored_then_upgraded(
    sqlite_services: Services, tmp_path: Path
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from scrutiny_desk.store.db import alembic_config

    old = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{old}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    engine.dispose()
    restored = sqlite_services.backups.restore(old)
    assert (restored.revision, restored.upgraded) == ("0004", True)
    con = sqlite3.connect(sqlite_services.db.label)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
    finally:
        con.close()
    assert sqlite_services.reviews.list() == []


def test_backups_on_either_backend(services: Services, tmp_path: Path) -> None:
    """SQLite: a database file. PostgreSQL: every review as an interchange file in a
    dated folder, and restore is refused with what to do instead."""
    first = services.reviews.import_sample()
    second = services.review_edits.create_review("Town centre parking", "Place Panel").id
    written = services.backups.back_up_now(tmp_path)
    if services.db.dialect == "sqlite":
        assert written.is_file() and written.suffix == ".sqlite3"
        return
    assert written.is_dir() and written.name.endswith("-reviews")
    assert sorted(p.name for p in written.iterdir()) == sorted(
        [f"review-{first}.json", f"review-{second}.json"]
    )
    for review_id in (first, second):
        assert (written / f"review-{review_id}.json").read_bytes() == (
            services.reviews.export_bytes(review_id)
        )
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert services.backups.daily_if_due() is None
    assert services.backups.list() == [] and not services.backups.can_restore
    with pytest.raises(DatabaseError, match="not offered for a PostgreSQL database"):
        services.backups.restore(tmp_path / "anything.sqlite3")


def test_a_database_on_a_network_share_is_warned_about(sqlite_target: str, tmp_path: Path) -> None:
    from scrutiny_desk.services.backups import BackupService

    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:9 / {tmp_path} rw - cifs //c/s rw\n"
    )
    services = Services.open(sqlite_target)
    try:
        warning = BackupService(services.db, mountinfo).network_warning()
        assert warning is not None
        assert "cifs network share" in warning and "PostgreSQL" in warning
        assert BackupService(services.db, tmp_path / "none").network_warning() is None
    finally:
        services.close()


def test_an_interrupted_upgrade_is_read_from_the_database(sqlite_services: Services) -> None:
    assert sqlite_services.backups.interrupted_upgrade() is None
    sqlite_services.db.interrupted_upgrade = {  # type: ignore[attr-defined]
        "backup": "/backups/x-pre-upgrade-0005.sqlite3",
        "from": "0005",
        "started": "2026-12-06T11:15:00",
    }
    found = sqlite_services.backups.interrupted_upgrade()
    assert found is not None
    assert (found.backup, found.from_revision) == (
        Path("/backups/x-pre-upgrade-0005.sqlite3"),
        "0005",
    )


def test_the_daily_backup_of_a_sqlite_file_imports_no_codec(tmp_path: Path) -> None:
    """The daily backup starts as the window opens, on a worker beside the first reads:
    on SQLite it copies the file and needs neither the reviews' service nor the codec
    (compiling their modules held Python's lock for ~45 ms while the GUI painted)."""
    from tests.fresh_interpreter import modules_after

    target = tmp_path / "daily.sqlite3"
    loaded = modules_after(
        "from scrutiny_desk.services.container import Services\n"
        f"services = Services.open({str(target)!r})\n"
        "assert services.backups.daily_if_due() is not None\n"
        "services.close()\n",
        tmp_path / "home",
    )
    assert "scrutiny_desk.services.backups" in loaded
    assert not {"scrutiny_desk.services.reviews", "scrutiny_desk.services.codec"} & loaded
