"""The SQLite file itself: made whole or not at all, marked while it is upgraded, read
without writing.

The sqlite3 driver used to commit each DDL statement on its own, so a process killed
while it created a database left a file with some tables and an empty version table,
refused for ever after. A new database is therefore built under a temporary name
beside the target and given the target's name only when complete; a leftover from a
build that died is removed by the next one. An upgrade leaves a marker beside the
file while it runs, so the next opening can tell the clerk it was interrupted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .. import leftovers
from ..domain.errors import DatabaseError

TEMPORARY_PREFIX = ".scrutiny-desk-new-"
"""Every file a creation writes before it is complete starts with this."""

STALE_AFTER_S = 600.0
"""A creation's temporary file older than this whose process has gone is a leftover."""

UPGRADE_MARKER_SUFFIX = ".upgrading"


def create_atomically(path: Path, build: Callable[[Path], None]) -> None:
    """Make the database at ``path`` with ``build``, in one piece.

    ``build`` writes the whole schema into a temporary file in the same folder; it
    then takes the target's name in one step (a hard link, so a database another
    process created meanwhile is never replaced; an empty file is). A build that fails
    or is killed leaves only its temporary file, removed by the next creation."""
    remove_leftovers(path.parent)
    start = leftovers.name_start(TEMPORARY_PREFIX)
    temporary = path.with_name(f"{start}{uuid.uuid4().hex[:8]}.sqlite3")
    try:
        build(temporary)
        fsync_file(temporary)
        try:
            os.link(temporary, path)
        except FileExistsError:
            if path.stat().st_size == 0:  # an empty file a person made: ours replaces it
                os.replace(temporary, path)
        except OSError:  # no hard links here (some network and FAT file systems)
            if not path.exists() or path.stat().st_size == 0:
                os.replace(temporary, path)
        fsync_folder(path.parent)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files of creations that died (their process has gone, or they
    are older than ``STALE_AFTER_S``); only files with this module's own prefix."""
    return leftovers.remove_leftovers(folder, TEMPORARY_PREFIX, STALE_AFTER_S, now)


def fsync_file(path: Path) -> None:
    """Make the file's content durable before it is renamed into place."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fsync_file(folder)


# The upgrade marker -----------------------------------------------------------------


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + UPGRADE_MARKER_SUFFIX)


def write_upgrade_marker(path: Path, backup: str, revision: str) -> None:
    """Say, beside the database, that an upgrade from ``revision`` has begun."""
    content = {
        "backup": backup,
        "from": revision,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    marker = marker_path(path)
    temporary = marker.with_name(marker.name + ".tmp")
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, marker)


def remove_upgrade_marker(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        marker_path(path).unlink()


def read_upgrade_marker(path: Path) -> dict[str, str] | None:
    """The marker an upgrade that never finished left, or None."""
    try:
        raw = marker_path(path).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    try:
        found = json.loads(raw)
    except ValueError:
        found = {}
    if not isinstance(found, dict):
        found = {}
    return {k: str(found.get(k, "")) for k in ("backup", "from", "started")}


# Reading without writing -------------------------------------------------------------


def connect_read_only(path: Path, timeout: float = 2.0) -> sqlite3.Connection:
    """A connection that never writes to the file.

    In a folder where SQLite cannot create the ``-shm`` file of a WAL database, it
    cannot read the ``-wal`` file either; opening the main file as immutable would then
    show older data in silence. That is refused when the ``-wal`` file holds anything."""
    uri = path.absolute().as_uri()
    try:
        con = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return con
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseError(
            f"{path} has changes in {wal.name} that cannot be read from a folder you may not "
            "write to. Open it once where you may write to its folder (or ask for write "
            "access), so the changes are written into the database file."
        )
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)
