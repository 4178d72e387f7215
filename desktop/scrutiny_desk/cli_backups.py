"""The command line's backup commands: ``backup``, ``restore FILE`` and ``backups``,
and the notes printed on stderr when a database is opened (a network share, an
interrupted upgrade). ``cli.py`` adds them to its parser and its handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .domain.backup_records import BackupInfo
from .domain.errors import CorruptDatabaseError, ScrutinyError
from .domain.wording import plural
from .services.backups import restore_unopenable
from .services.container import Services, database_target

EXIT_OK = 0


def print_database_notes(services: Services) -> None:
    """What the clerk must know about the database just opened, on stderr."""
    warning = services.backups.network_warning()
    if warning:
        print(f"scrutiny-desk: warning: {warning}", file=sys.stderr)
    interrupted = services.backups.interrupted_upgrade()
    if interrupted is not None:
        offer = (
            f" The backup taken before it is {interrupted.backup}; to go back to it: "
            f"scrutiny-desk restore {interrupted.backup}"
            if interrupted.backup
            else ""
        )
        print(
            "scrutiny-desk: note: the last upgrade of this database (from schema "
            f"{interrupted.from_revision or '?'}, started {interrupted.started or '?'}) "
            "was interrupted; the database was rolled back to how it was before it." + offer,
            file=sys.stderr,
        )


def backup(services: Services, args: argparse.Namespace) -> int:
    print(services.backups.back_up_now(args.folder))
    return EXIT_OK


def restore(services: Services, args: argparse.Namespace) -> int:
    restored = services.backups.restore(args.file, args.folder)
    print(f"Restored {restored.backup} into {services.db.label}")
    print(f"The database as it was before is in {restored.replaced}", file=sys.stderr)
    if restored.upgraded:
        print(
            f"The backup was made by an earlier version (schema {restored.revision}); "
            "the database was upgraded after restoring it.",
            file=sys.stderr,
        )
    return EXIT_OK


def restore_damaged(args: argparse.Namespace, refused: ScrutinyError) -> int | None:
    """``restore`` when the database could not be opened because it is damaged: the
    backup API writes the backup over it (the damaged file is kept aside first).
    None if that is not the case (the refusal is then reported as usual)."""
    target = database_target(args.db)
    if not isinstance(refused, CorruptDatabaseError) or "://" in target:
        return None
    live = Path(target).expanduser().absolute()
    if not live.is_file():
        return None
    restored = restore_unopenable(live, args.file, args.folder)
    print(f"Restored {restored.backup} into {live}")
    print(f"The damaged database was kept as {restored.replaced}", file=sys.stderr)
    return EXIT_OK


def list_backups(services: Services, args: argparse.Namespace) -> int:
    folder = args.folder or services.backups.folder()
    if not services.backups.is_sqlite:
        print(
            f"On PostgreSQL, scrutiny-desk backup writes folders of review files into "
            f"{folder}; the server itself is backed up by its administrator.",
            file=sys.stderr,
        )
        return EXIT_OK
    infos = services.backups.list(args.folder)
    if args.json:
        print(json.dumps([_as_json(i) for i in infos], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not infos:
        print(f"No backups of this database in {folder}", file=sys.stderr)
        return EXIT_OK
    for info in infos:
        reviews = plural(info.reviews, "review")
        meetings = plural(info.meetings, "meeting")
        held = info.problem or f"{reviews}, {meetings}"
        print(
            f"{info.file.taken:%Y-%m-%d %H:%M:%S}  {info.file.kind.value:<14}  "
            f"{_size(info.size):>8}  {held}  {info.file.path}"
        )
    return EXIT_OK


def _as_json(info: BackupInfo) -> dict[str, Any]:
    return {
        "file": str(info.file.path),
        "taken": info.file.taken.isoformat(),
        "kind": info.file.kind.value,
        "size": info.size,
        "reviews": info.reviews,
        "meetings": info.meetings,
        "revision": info.revision,
        "problem": info.problem,
    }


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
