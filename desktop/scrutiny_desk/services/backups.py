"""Backing up and restoring the database: what File > Back Up Now, File > Restore From
Backup, the daily backup and ``scrutiny-desk backup``/``restore`` all call.

On SQLite a backup is a checked copy of the database file (``store.backups``) in the
backups folder: the folder the clerk chose (kept in ``backups.json`` in the config
folder, so the window, the command line and the backup taken before an upgrade agree)
or ``paths.backup_dir()``. A restore first backs up the database it replaces.

On PostgreSQL the server is the administrator's to back up (``pg_dump``); a backup
here writes every review in the interchange format into a dated folder, which can be
imported again review by review. Restoring a PostgreSQL database is not offered.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path

from ..domain.backup_records import (
    BackupInfo,
    BackupKind,
    InterruptedUpgrade,
    Restored,
)
from ..domain.errors import DatabaseError, ReadOnlyError
from ..store import backups as store
from ..store.db import Database, head_revision, known_revisions, open_database
from ..store.network_share import MOUNTINFO, network_share
from .files import write_atomically

_STAMP = "%Y-%m-%dT%H%M%S"


def restore_unopenable(
    live: Path, backup: str | os.PathLike[str], folder: Path | None = None
) -> Restored:
    """Restore ``backup`` over a SQLite database that cannot be opened because it is
    damaged (what the damaged-database message tells the clerk to do). The damaged
    file is set aside in the backups folder first, copied as it is."""
    source = Path(backup).expanduser().absolute()
    if source == live.absolute():
        raise DatabaseError(f"{source} is the database itself, not a backup of it")
    revision = store.restorable_revision(source, known_revisions())
    replaced = store.set_aside_damaged(live, folder or store.backups_folder())
    store.restore_over_damaged(source, live)
    upgraded = revision != head_revision()
    if upgraded:
        open_database(live).close()
    return Restored(source, replaced, revision, upgraded)


class BackupService:
    def __init__(self, db: Database, mountinfo: Path = MOUNTINFO) -> None:
        self.db = db
        self._mountinfo = mountinfo

    # Where -------------------------------------------------------------------------

    @property
    def is_sqlite(self) -> bool:
        return self.db.dialect == "sqlite"

    def database_file(self) -> Path | None:
        """The SQLite file of the database, or None on PostgreSQL."""
        return Path(self.db.label) if self.is_sqlite else None

    def folder(self) -> Path:
        """Where backups go: the folder the clerk chose, else the default one."""
        return store.backups_folder()

    def choose_folder(self, folder: Path | None) -> Path:
        """Keep backups in ``folder`` from now on (None: the default); the folder."""
        store.choose_backups_folder(folder)
        return self.folder()

    @property
    def can_restore(self) -> bool:
        return self.is_sqlite and not self.db.read_only

    # Backing up ----------------------------------------------------------------------

    def back_up_now(self, folder: Path | None = None) -> Path:
        """An on-demand backup (kept until the clerk deletes it): the file written, or
        on PostgreSQL the folder of review files."""
        target = folder or self.folder()
        path = self.database_file()
        if path is None:
            return self._export_reviews(target)
        return store.take_backup(path, target, BackupKind.ON_DEMAND)

    def daily_if_due(self, folder: Path | None = None, now: datetime | None = None) -> Path | None:
        """Today's backup of a SQLite database, unless one was taken today; keeps the
        last 14 daily ones. None if none was due (or on PostgreSQL)."""
        path = self.database_file()
        if path is None:
            return None
        target = folder or self.folder()
        moment = now or datetime.now()
        daily = [b for b in store.list_backups(target, path) if b.kind is BackupKind.DAILY]
        if any(b.taken.date() == moment.date() for b in daily):
            return None
        written = store.take_backup(path, target, BackupKind.DAILY, now=moment)
        store.prune_daily(target, path)
        return written

    def list(self, folder: Path | None = None) -> list[BackupInfo]:
        """The backups of this SQLite database, newest first, with what each holds."""
        path = self.database_file()
        if path is None:
            return []
        known = known_revisions()
        return [store.describe(b, known) for b in store.list_backups(folder or self.folder(), path)]

    # Restoring -----------------------------------------------------------------------

    def restore(self, backup: str | os.PathLike[str], folder: Path | None = None) -> Restored:
        """Write ``backup`` into this database, after backing up the database as it is
        now. A backup from an older version is upgraded at once, as any database is
        when it is opened. Refused, with the database untouched, for a file that is not
        a Scrutiny Desk database, is damaged, or was made by a newer version."""
        live = self.database_file()
        if live is None:
            raise DatabaseError(
                "Restoring is not offered for a PostgreSQL database: the server's "
                "administrator restores it (pg_restore). A review can be imported again "
                "from a backup folder's review files."
            )
        if self.db.read_only:
            raise ReadOnlyError(
                f"{self.db.label} is open read-only ({self.db.read_only_reason}); "
                "nothing can be restored into it"
            )
        source = Path(backup).expanduser().absolute()
        if source == live.absolute():
            raise DatabaseError(f"{source} is the database itself, not a backup of it")
        revision = store.restorable_revision(source, known_revisions())
        replaced = store.take_backup(live, folder or self.folder(), BackupKind.BEFORE_RESTORE)
        store.restore_sqlite(source, live)
        upgraded = revision != head_revision()
        if upgraded:
            open_database(live).close()
        return Restored(source, replaced, revision, upgraded)

    # Warnings ------------------------------------------------------------------------

    def network_warning(self) -> str | None:
        """What to tell the clerk when the SQLite file lies on a network share."""
        path = self.database_file()
        reason = network_share(path, self._mountinfo) if path is not None else None
        if reason is None:
            return None
        return (
            f"The database {path} is on {reason}. SQLite cannot share a file safely over "
            "a network: two computers using it, or a dropped connection, can damage it. "
            "Keep the database on this computer's own disk (you may choose the share as "
            "the backups folder), or use the shared PostgreSQL database to work on one "
            "database together."
        )

    def interrupted_upgrade(self) -> InterruptedUpgrade | None:
        """The upgrade that an earlier run started and did not finish, if any."""
        marker = getattr(self.db, "interrupted_upgrade", None)
        if not isinstance(marker, dict):
            return None
        backup = marker.get("backup")
        return InterruptedUpgrade(
            Path(backup) if isinstance(backup, str) and backup else None,
            str(marker.get("from") or ""),
            str(marker.get("started") or ""),
        )

    # PostgreSQL ----------------------------------------------------------------------

    def _export_reviews(self, folder: Path) -> Path:
        """Every review as an interchange file in ``<database>-<time>-reviews``; the
        folder takes its name only once every file is written."""
        name = self.db.label.rsplit("/", 1)[-1].split("?", 1)[0] or "postgresql"
        stamp = datetime.now().strftime(_STAMP)
        target = folder / f"{name}-{stamp}-reviews"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{name}-{stamp}-reviews.{counter}"
        partial = folder / f".{target.name}.part"
        try:
            partial.mkdir(parents=True)
        except OSError as exc:
            raise DatabaseError(f"The backup folder {target} cannot be made: {exc}") from None
        # Here, not at the top: a SQLite backup (the daily one, started as the window
        # opens) needs neither the reviews' service nor the codec it imports.
        from .reviews import ReviewService

        reviews = ReviewService(self.db)
        try:
            for summary in reviews.list():
                write_atomically(
                    partial / f"review-{summary.id}.json", reviews.export_bytes(summary.id)
                )
            partial.rename(target)
        except BaseException:
            with contextlib.suppress(OSError):
                shutil.rmtree(partial)
            raise
        return target
