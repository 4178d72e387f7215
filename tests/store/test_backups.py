"""SQLite backups: checked copies through the backup API, named, pruned, restored."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from scrutiny_desk.domain.backup_records import (
    BackupKind,
    backup_name,
    parse_backup_name,
)
from scrutiny_desk.domain.errors import (
    CorruptDatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
)
from scrutiny_desk.paths import backup_dir
from scrutiny_desk.store import backups
from scrutiny_desk.store.db import head_revision, known_revisions
from scrutiny_desk.store.network_share import (
    network_share,
    parse_mountinfo_line,
    share_in_mountinfo,
    unc_share,
)

DAY = datetime(2026, 12, 6, 11, 15, 0)


@pytest.fixture
def sample_db(sqlite_target: str, sample_id: int) -> Path:
    """A migrated SQLite database holding the sample review (one review, 8 meetings)."""
    return Path(sqlite_target)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _damaged_database(path: Path) -> None:
    """A database whose index page is overwritten: every page copies, the check fails."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a TEXT)")
    con.execute("CREATE INDEX t_a ON t (a)")
    con.executemany("INSERT INTO t VALUES (?)", [(f"row {n:05}",) for n in range(3000)])
    con.commit()
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 't_a'").fetchone()[0]
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)


def test_a_backup_is_a_checked_single_file_copy(sqlite_target: str, tmp_path: Path) -> None:
    live = Path(sqlite_target)
    written = backups.take_backup(live, tmp_path / "backups", BackupKind.ON_DEMAND, now=DAY)
    assert written.name == "scrutiny-desk-2026-12-06T111500-on-demand.sqlite3"
    assert _rows(written, "PRAGMA journal_mode") == [("delete",)]
    assert _rows(written, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(written, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    # Nothing but the backup is left in the folder (no temporary file, no journal).
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [written.name]


def test_the_integrity_check_refuses_a_damaged_copy(tmp_path: Path) -> None:
    source = tmp_path / "damaged.sqlite3"
    _damaged_database(source)
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(CorruptDatabaseError, match="failed its check"):
        backups.backup_sqlite(source, folder / "copy.sqlite3")
    assert list(folder.iterdir()) == []


def test_pre_upgrade_backups_are_named_for_their_database_and_revision(
    sqlite_target: str, tmp_path: Path
) -> None:
    written = backups.pre_upgrade_backup(Path(sqlite_target), tmp_path, "0005")
    found = parse_backup_name(written)
    assert found is not None
    assert (found.database, found.kind, found.revision) == (
        "scrutiny-desk",
        BackupKind.PRE_UPGRADE,
        "0005",
    )
    assert written.name.startswith("scrutiny-desk-") and written.name.endswith(
        "-pre-upgrade-0005.sqlite3"
    )
    # Two in the same second do not overwrite each other.
    again = backups.pre_upgrade_backup(Path(sqlite_target), tmp_path, "0005")
    assert again != written and again.exists() and written.exists()


def test_pruning_keeps_14_daily_backups_and_every_other_kind(
    sqlite_target: str, tmp_path: Path
) -> None:
    live, folder = Path(sqlite_target), tmp_path / "backups"
    for day in range(20):
        backups.take_backup(live, folder, BackupKind.DAILY, now=DAY + timedelta(days=day))
    upgrade = backups.take_backup(live, folder, BackupKind.PRE_UPGRADE, "0004", now=DAY)
    on_demand = backups.take_backup(live, folder, BackupKind.ON_DEMAND, now=DAY)
    replaced = backups.take_backup(live, folder, BackupKind.BEFORE_RESTORE, now=DAY)
    other = folder / backup_name("another-database", BackupKind.DAILY, DAY)
    other.write_bytes(b"")

    removed = backups.prune_daily(folder, live)

    assert len(removed) == 6
    left = backups.list_backups(folder, live)
    daily = [b for b in left if b.kind is BackupKind.DAILY]
    assert [b.taken for b in daily] == [DAY + timedelta(days=d) for d in range(19, 5, -1)]
    assert {upgrade, on_demand, replaced} <= {b.path for b in left}
    assert other.exists()  # another database's backups are not this one's to prune


def test_a_listing_says_what_each_backup_holds(sample_db: Path, tmp_path: Path) -> None:
    written = backups.take_backup(sample_db, tmp_path, BackupKind.ON_DEMAND)
    (tmp_path / "notes.txt").write_text("not a backup")
    [found] = backups.list_backups(tmp_path, sample_db)
    info = backups.describe(found, known_revisions())
    assert (info.file.path, info.reviews, info.meetings, info.problem) == (written, 1, 8, None)
    assert info.size == written.stat().st_size


def test_restore_refuses_what_is_not_a_database_of_a_known_schema(
    sqlite_target: str, tmp_path: Path
) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("minutes of the last meeting\n" * 10)
    with pytest.raises(CorruptDatabaseError, match="not a Scrutiny Desk database"):
        backups.restorable_revision(text, known_revisions())
    foreign = tmp_path / "foreign.sqlite3"
    _rows(foreign, "CREATE TABLE things (a)")
    with pytest.raises(CorruptDatabaseError, match="not a Scrutiny Desk database"):
        backups.restorable_revision(foreign, known_revisions())
    newer = backups.take_backup(Path(sqlite_target), tmp_path, BackupKind.ON_DEMAND)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        backups.restorable_revision(newer, known_revisions())
    damaged = tmp_path / "damaged.sqlite3"
    _damaged_database(damaged)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        backups.restorable_revision(damaged, known_revisions())


def test_restore_writes_the_backup_into_the_live_wal_database(
    sample_db: Path, tmp_path: Path
) -> None:
    written = backups.take_backup(sample_db, tmp_path, BackupKind.ON_DEMAND)
    con = sqlite3.connect(sample_db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("DELETE FROM meetings")
    con.commit()
    con.close()
    backups.restore_sqlite(written, sample_db)
    assert _rows(sample_db, "SELECT count(*) FROM meetings") == [(8,)]
    assert _rows(sample_db, "PRAGMA journal_mode") == [("wal",)]
    assert _rows(sample_db, "PRAGMA integrity_check") == [("ok",)]


def test_the_chosen_backups_folder_is_kept_outside_qt(tmp_path: Path) -> None:
    assert backups.backups_folder() == backup_dir()
    backups.choose_backups_folder(tmp_path / "chosen")
    assert backups.backups_folder() == tmp_path / "chosen"
    backups.choose_backups_folder(None)
    assert backups.backups_folder() == backup_dir()


# Network shares -------------------------------------------------------------------

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
41 22 0:40 / /srv/clerks rw,relatime shared:20 - nfs4 files:/export/clerks rw,vers=4.2
42 41 8:2 / /srv/clerks/local rw,relatime shared:21 - ext4 /dev/sdb1 rw
43 22 0:41 / /mnt/council\\040share rw,relatime - cifs //council/share rw
44 22 0:42 / /home/clerk/remote rw,nosuid shared:22 master:3 - fuse.sshfs clerk@host: rw
45 22 0:43 / /media/usb rw - vfat /dev/sdc1 rw
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/clerk/scrutiny.sqlite3", None),
        ("/srv/clerks/scrutiny.sqlite3", "a nfs4 network share mounted at /srv/clerks"),
        ("/srv/clerks/local/scrutiny.sqlite3", None),
        ("/mnt/council share/db.sqlite3", "a cifs network share mounted at /mnt/council share"),
        ("/home/clerk/remote/db.sqlite3", "a fuse.sshfs network share mounted at "
         "/home/clerk/remote"),
        ("/media/usb/db.sqlite3", None),
        ("/srv/clerksother/db.sqlite3", None),
    ],
)  # fmt: skip
def test_the_mount_holding_a_path_decides(path: str, expected: str | None) -> None:
    assert share_in_mountinfo(Path(path), MOUNTINFO.splitlines()) == expected


def test_a_fake_mountinfo_file_is_read(tmp_path: Path) -> None:
    fake = tmp_path / "mountinfo"
    fake.write_text(
        f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n50 22 0:50 / {tmp_path} rw - smb3 //s/x rw\n"
    )
    assert network_share(tmp_path / "db.sqlite3", fake) == (
        f"a smb3 network share mounted at {tmp_path}"
    )
    assert network_share(Path("/elsewhere/db.sqlite3"), fake) is None
    assert network_share(tmp_path / "db.sqlite3", tmp_path / "missing") is None


def test_mountinfo_lines_are_parsed_with_optional_fields_and_escapes() -> None:
    assert parse_mountinfo_line("36 35 98:0 / /a\\040b rw master:1 shared:2 - nfs h:/x rw") == (
        "/a b",
        "nfs",
    )
    assert parse_mountinfo_line("36 35 98:0 / /a rw - ") is None
    assert parse_mountinfo_line("garbage") is None


def test_unc_paths_name_their_share() -> None:
    assert unc_share("\\\\council\\clerks\\db.sqlite3") == "\\\\council\\clerks"
    assert unc_share("\\\\?\\UNC\\council\\clerks\\db.sqlite3") == "\\\\council\\clerks"
    assert unc_share("\\\\?\\C:\\db.sqlite3") is None
    assert unc_share("C:\\db.sqlite3") is None


def test_restore_waits_for_no_writer_and_refuses_while_one_holds_the_lock(
    sqlite_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = Path(sqlite_target)
    written = backups.take_backup(live, tmp_path, BackupKind.ON_DEMAND)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM alembic_version")
    monkeypatch.setattr(backups, "LOCK_TIMEOUT_S", 0.2)
    try:
        with pytest.raises(LockedDatabaseError, match="Nothing was restored"):
            backups.restore_sqlite(written, live)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _rows(live, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
