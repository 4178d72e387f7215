"""Whether a SQLite file is just as this app left it when it last closed it cleanly.

``PRAGMA quick_check`` reads every page of the file: 0.2 s at office scale on every
start, growing with the file. What it finds happens while the file is not in the app's
hands (a crash half-way through a write to a disk that lies about flushing, a file
truncated or damaged by a copy, a sync tool or another program), so it runs only when
that may have happened.

When the app closes a database it could write, cleanly and with no error from the
file along the way, it notes the file's size, modification time and SQLite header in
the cache folder (the record is worth nothing but a skipped check: losing it costs one
check). The next opening that finds the file exactly so, and no write-ahead log with
anything in it, skips the check and forgets the record, so a crash while the database
is open leads to the check next time. Anything else runs it before anything is
written: no record (a first opening on this account, a file copied in or restored), a
different size, time or header (written by another program, truncated, replaced), or a
``-wal`` file with frames in it (the app died with changes in it, or another program
has the database open).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from ..paths import cache_dir

HEADER_BYTES = 100  # SQLite's database header: page size, change counter, page count
FOLDER = "closed-cleanly"


def _record_path(path: Path) -> Path:
    key = hashlib.sha256(os.fsencode(path.absolute())).hexdigest()[:32]
    return cache_dir() / FOLDER / f"{key}.json"


def _fingerprint(path: Path) -> dict[str, object] | None:
    """What the file is now, or None if it cannot be read."""
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
    except OSError:
        return None
    return {
        "path": str(path.absolute()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "header": header.hex(),
    }


def _wal_has_frames(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def remember(path: Path) -> None:
    """The app has just closed ``path`` cleanly: note how it left it."""
    found = _fingerprint(path)
    if found is None:
        return
    record = _record_path(path)
    temporary = record.with_name(record.name + ".tmp")
    with contextlib.suppress(OSError):  # a cache that cannot be written costs a check
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(found), encoding="utf-8")
        os.replace(temporary, record)


def forget(path: Path) -> None:
    """The file may have gone wrong while open: the next opening checks it."""
    with contextlib.suppress(OSError):
        _record_path(path).unlink()


def fingerprint(path: Path) -> dict[str, object] | None:
    """What the file is now (size, modification time, header), or None if it cannot be
    read: equal fingerprints, no change in between."""
    return _fingerprint(path)


def as_left(path: Path) -> bool:
    """Whether ``path`` is as the app left it at its last clean close, as ``take``
    says, but nothing is forgotten: a look before the store opens it for writing (the
    first look) asks this; ``take`` still runs when the store opens it."""
    try:
        noted = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not _wal_has_frames(path) and noted == _fingerprint(path)


def take(path: Path) -> bool:
    """Whether ``path`` is as the app left it at its last clean close (the check can
    be skipped); the record is forgotten either way, until the next clean close."""
    record = _record_path(path)
    try:
        noted = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    forget(path)
    return not _wal_has_frames(path) and noted == _fingerprint(path)
