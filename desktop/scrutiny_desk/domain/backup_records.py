"""Backups of a database as the clerk sees them: which kind, when, what they hold.

A backup's name says whose it is and what it is
(``scrutiny-desk-2026-12-06T111500-pre-upgrade-0005.sqlite3``), so the folder can be
read, pruned and listed without opening any file. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path


class BackupKind(StrEnum):
    """Why a backup was taken, which decides how long it is kept.

    Only daily backups are pruned (the last ``DAILY_KEPT`` stay). A pre-upgrade
    backup is the way back from a schema upgrade, an on-demand one was asked for by
    the clerk, and a before-restore one is the only copy of what a restore replaced:
    those are kept until the clerk deletes them."""

    DAILY = "daily"
    ON_DEMAND = "on-demand"
    PRE_UPGRADE = "pre-upgrade"
    BEFORE_RESTORE = "before-restore"


DAILY_KEPT = 14
SUFFIX = ".sqlite3"
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<database>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})"
    r"-(?P<kind>daily|on-demand|pre-upgrade|before-restore)"
    r"(?:-(?P<revision>[A-Za-z0-9_]+))?(?:\.(?P<counter>\d+))?\.sqlite3$"
)


@dataclass(frozen=True)
class BackupFile:
    """A backup file, as its name describes it (``taken`` is local wall-clock time)."""

    path: Path
    database: str
    taken: datetime
    kind: BackupKind
    revision: str | None = None


@dataclass(frozen=True)
class BackupInfo:
    """A backup and what it holds, read through a read-only connection. ``problem``
    says why it cannot be restored (damaged, not a Scrutiny Desk database, newer);
    the counts are None then."""

    file: BackupFile
    size: int
    reviews: int | None
    meetings: int | None
    revision: str | None
    problem: str | None = None


def backup_name(
    database: str,
    kind: BackupKind,
    taken: datetime,
    revision: str | None = None,
    counter: int = 0,
) -> str:
    """The file name of a backup of the database named ``database`` (its stem)."""
    name = f"{database}-{taken.strftime(_STAMP)}-{kind.value}"
    if revision:
        name += f"-{_safe(revision)}"
    if counter:
        name += f".{counter}"
    return name + SUFFIX


def parse_backup_name(path: Path) -> BackupFile | None:
    """The backup a file's name describes, or None if it is not a backup's name."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return BackupFile(path, match["database"], taken, BackupKind(match["kind"]), match["revision"])


def _safe(revision: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", revision)


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup written into the database, the backup of what
    it replaced, the backup's schema revision, and whether the schema was upgraded
    after (a backup from an older version of the app)."""

    backup: Path
    replaced: Path
    revision: str
    upgraded: bool


@dataclass(frozen=True)
class InterruptedUpgrade:
    """An upgrade of the schema that did not finish (the app was stopped mid-way);
    the database was rolled back to how it was before. ``backup`` is the pre-upgrade
    backup, if the marker named one."""

    backup: Path | None
    from_revision: str
    started: str
