"""Backups of a SQLite database: taken, checked, listed, pruned and restored.

Every copy goes through SQLite's online backup API, never a file copy, so a backup
taken while the app writes is consistent, and a restore writes into the live database
under SQLite's own write lock: no file is ever renamed over a live WAL database, whose
``-wal`` file would then belong to another database. A backup is written to a
temporary name beside its destination, checked (``PRAGMA integrity_check``), flushed
to disk and only then given its name, so a backup under its name is a good one.

Only the standard library's sqlite3 is used, so ``store.db`` can call
``pre_upgrade_backup`` before an upgrade without a circular import. The folder the
clerk chose for backups is kept in a small JSON file in the config folder
(``backups.json``), read here so that the window, the command line and the backup
taken before an upgrade all use the same one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..domain.backup_records import (
    DAILY_KEPT,
    BackupFile,
    BackupInfo,
    BackupKind,
    backup_name,
    parse_backup_name,
)
from ..domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
)
from ..paths import backup_dir, config_dir
from . import sqlite_files

CONFIG_FILE = "backups.json"
LOCK_TIMEOUT_S = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"


# The folder ----------------------------------------------------------------------


def backups_folder() -> Path:
    """The folder the clerk chose for backups, else ``paths.backup_dir()``."""
    try:
        chosen = json.loads((config_dir() / CONFIG_FILE).read_text("utf-8")).get("folder")
    except (OSError, ValueError, AttributeError):
        chosen = None
    return Path(chosen) if isinstance(chosen, str) and chosen.strip() else backup_dir()


def choose_backups_folder(folder: Path | None) -> None:
    """Keep backups in ``folder`` from now on (None: the default folder again)."""
    config = config_dir()
    data = {"folder": str(folder.expanduser().absolute())} if folder is not None else {}
    try:
        config.mkdir(parents=True, exist_ok=True)
        (config / CONFIG_FILE).write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise DatabaseError(
            f"The choice of backups folder could not be saved in {config}: {exc.strerror or exc}"
        ) from None


# Taking backups ------------------------------------------------------------------


def backup_sqlite(source: Path, destination: Path) -> None:
    """Copy the database ``source`` to ``destination`` through the backup API; the
    copy is checked before it takes its name, and refused (deleted) if damaged."""
    destination = destination.expanduser().absolute()
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
        )
    except OSError as exc:
        raise DatabaseError(
            f"No backup could be written in {destination.parent}: {exc.strerror}"
        ) from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        with (
            _closing(sqlite_files.connect_read_only(source)) as src,
            _closing(sqlite3.connect(temp)) as copy,
        ):
            src.backup(copy)
            # A copy of a WAL database would be a WAL database: make it one file.
            copy.execute("PRAGMA journal_mode=DELETE")
            problem = _integrity_problem(copy)
        if problem is not None:
            raise CorruptDatabaseError(
                f"The backup of {source} failed its check ({problem}), so it was not "
                f"kept: the database itself may be damaged. Restore it from an earlier backup."
            )
        sqlite_files.fsync_file(temp)
        os.replace(temp, destination)
        sqlite_files.fsync_folder(destination.parent)
    except sqlite3.Error as exc:
        _discard(temp)
        raise DatabaseError(f"{source} could not be backed up: {exc}") from None
    except OSError as exc:
        _discard(temp)
        raise DatabaseError(
            f"The backup {destination} could not be written: {exc.strerror or exc}"
        ) from None
    except BaseException:
        _discard(temp)
        raise


def take_backup(
    db_path: Path,
    folder: Path,
    kind: BackupKind,
    revision: str | None = None,
    now: datetime | None = None,
) -> Path:
    """A checked backup of ``db_path`` in ``folder``, named after the database."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"The backups folder {folder} cannot be made: {exc.strerror}") from None
    taken = (now or datetime.now()).replace(microsecond=0)
    counter = 0
    while True:
        target = folder / backup_name(db_path.stem, kind, taken, revision, counter)
        if not target.exists():
            break
        counter += 1
    backup_sqlite(db_path, target)
    return target


def pre_upgrade_backup(db_path: Path, folder: Path, revision: str | None) -> Path:
    """The backup taken before every schema upgrade of ``db_path`` (at ``revision``);
    never pruned."""
    return take_backup(db_path, folder, BackupKind.PRE_UPGRADE, revision)


# Reading the folder ----------------------------------------------------------------


def list_backups(folder: Path, db_path: Path) -> list[BackupFile]:
    """The backups of this database in ``folder``, newest first."""
    try:
        names = list(folder.iterdir())
    except OSError:
        return []
    found = [parse_backup_name(p) for p in names if p.is_file()]
    mine = [b for b in found if b is not None and b.database == db_path.stem]
    return sorted(mine, key=lambda b: (b.taken, b.path.name), reverse=True)


def prune_daily(folder: Path, db_path: Path, keep: int = DAILY_KEPT) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups of this database; the others
    (pre-upgrade, on-demand, before-restore) are never pruned. The paths deleted."""
    daily = [b for b in list_backups(folder, db_path) if b.kind is BackupKind.DAILY]
    removed = []
    for old in daily[keep:]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def describe(backup: BackupFile, known: set[str]) -> BackupInfo:
    """Size and how many reviews and meetings a backup holds (read-only); a
    ``problem`` instead if it could not be restored."""
    try:
        size = backup.path.stat().st_size
    except OSError as exc:
        return BackupInfo(backup, 0, None, None, None, exc.strerror or str(exc))
    try:
        revision = _schema_revision(backup.path, known, full_check=False)
        with _closing(sqlite_files.connect_read_only(backup.path)) as con:
            reviews = con.execute("SELECT count(*) FROM reviews").fetchone()[0]
            meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
    except DatabaseError as exc:
        return BackupInfo(backup, size, None, None, None, str(exc))
    except sqlite3.Error as exc:
        return BackupInfo(backup, size, None, None, None, f"it cannot be read ({exc})")
    return BackupInfo(backup, size, int(reviews), int(meetings), revision)


# Restoring -------------------------------------------------------------------------


def restorable_revision(path: Path, known: set[str]) -> str:
    """The schema revision of the Scrutiny Desk database ``path``, fully checked;
    CorruptDatabaseError, NewerDatabaseError or DatabaseError if it cannot be
    restored. Nothing is written."""
    return _schema_revision(path, known, full_check=True)


def restore_sqlite(source: Path, live: Path) -> None:
    """Write the backup ``source`` into the live database ``live`` through the backup
    API, holding the database's write lock throughout; check ``source`` first with
    ``restorable_revision``. On any failure the live database is left as it was."""
    with _closing(sqlite3.connect(live, timeout=LOCK_TIMEOUT_S, isolation_level=None)) as dest:
        try:
            # Fail fast (not in the backup API's endless retry) if another program writes.
            dest.execute("BEGIN IMMEDIATE")
            dest.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise LockedDatabaseError(
                f"{live} is being written by another program; close it there and try again. "
                "Nothing was restored."
            ) from exc
        try:
            with _closing(sqlite_files.connect_read_only(source)) as src:
                src.backup(dest)
        except sqlite3.Error as exc:
            raise DatabaseError(
                f"{source} could not be restored ({exc}); the database was left as it was."
            ) from None


def set_aside_damaged(live: Path, folder: Path) -> Path:
    """A plain copy of a database that cannot be opened (damaged), kept in ``folder``
    before a restore replaces it: the backup API cannot read it, and it may still
    hold something worth rescuing. Named as a before-restore backup."""
    folder.mkdir(parents=True, exist_ok=True)
    taken = datetime.now().replace(microsecond=0)
    counter = 0
    while (
        target := folder / backup_name(live.stem, BackupKind.BEFORE_RESTORE, taken, None, counter)
    ).exists():
        counter += 1
    shutil.copyfile(live, target)
    for suffix in ("-wal",):
        companion = live.with_name(live.name + suffix)
        if companion.exists():
            shutil.copyfile(companion, target.with_name(target.name + suffix))
    return target


def restore_over_damaged(source: Path, live: Path) -> None:
    """Restore into a database that cannot be opened, so no program can be using it.
    Its ``-wal`` and ``-shm`` files are removed first (SQLite would replay an old
    ``-wal`` onto the restored pages), and a file that is not SQLite at all is
    emptied in place; then the backup API writes the backup into it."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            live.with_name(live.name + suffix).unlink()
    with live.open("r+b") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            handle.truncate(0)
    restore_sqlite(source, live)


# Helpers --------------------------------------------------------------------------


def _schema_revision(path: Path, known: set[str], *, full_check: bool) -> str:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(f"{path} is not a Scrutiny Desk database (not an SQLite file)")
    try:
        with _closing(sqlite_files.connect_read_only(path)) as con:
            if full_check:
                problem = _integrity_problem(con)
                if problem is not None:
                    raise CorruptDatabaseError(f"{path} is damaged ({problem})")
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "reviews", "meetings"} <= tables:
                raise CorruptDatabaseError(f"{path} is not a Scrutiny Desk database")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"{path} is damaged or not a database ({exc})") from None
    if row is None:
        raise CorruptDatabaseError(f"{path} is not a Scrutiny Desk database (no schema version)")
    revision = str(row[0])
    if revision not in known:
        raise NewerDatabaseError(
            f"{path} was made by a newer version of Scrutiny Desk (schema {revision}); "
            "install the newer version to restore it"
        )
    return revision


def _integrity_problem(con: sqlite3.Connection) -> str | None:
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


@contextlib.contextmanager
def _closing(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield con
    finally:
        con.close()


def _discard(temp: Path) -> None:
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
