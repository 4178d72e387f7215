"""Writing files safely: to a temporary name in the same folder, then renamed over the
target, so a reader never sees half a file and a failure leaves no partial file. A
target another program holds open (Windows will not replace it) is named as such, and
the old file stays as it was.

A process killed while it writes cannot remove its temporary file, so each write first
removes the leftovers of earlier ones in its folder. Only files named by this module
are touched (``.scrutiny-desk-part-<host>-<pid>-<random>.part``, never another
program's ``.part`` file), and only when their writer has certainly gone: its process
no longer runs on this computer, or the file is older than ``STALE_AFTER_S`` (a writer
on another computer sharing the folder, or a process id used again since).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .. import leftovers
from ..domain.errors import ExportError

TEMPORARY_PREFIX = ".scrutiny-desk-part-"
"""Every file a write makes before it is complete starts with this."""

STALE_AFTER_S = 3600.0
"""A temporary file untouched this long is a leftover, whoever wrote it."""

_HOST = leftovers.HOST

OPEN_ELSEWHERE = (
    "is open in another program, perhaps Word or a PDF viewer: close it there and try again"
)


def write_atomically(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` (or its pieces, as they come: a long file need not be held whole)."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise ExportError(f"Cannot write {target}: it is a folder")
    remove_leftovers(folder)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=leftovers.name_start(TEMPORARY_PREFIX), suffix=".part", dir=folder
        )
    except OSError as exc:
        raise ExportError(f"Cannot write {target}: {_why(exc, folder)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data) if isinstance(data, bytes) else handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a saved paper follows the user's umask.
        os.chmod(temp_name, 0o666 & ~_umask())
        if target.exists() and not os.access(target, os.W_OK):
            raise ExportError(f"Cannot replace {target}: the file is read-only")
        _replace(temp_name, target)
    except ExportError:
        _discard(temp_name)
        raise
    except OSError as exc:
        _discard(temp_name)
        raise ExportError(f"Cannot write {target}: {_why(exc, target)}") from None
    except BaseException:  # making the pieces failed: no partial file left
        _discard(temp_name)
        raise
    return target


def _replace(temp_name: str, target: Path) -> None:
    """Rename the finished file over ``target``. Windows refuses to replace a file
    another program holds open (winerror 32, or 5), as Word and PDF viewers do with the
    paper they show; the folder is writable (the temporary file was made in it) and the
    file is not read-only (checked), so a refusal now means just that."""
    try:
        os.replace(temp_name, target)
    except PermissionError:
        if not target.exists():
            raise
        raise ExportError(f"{target} {OPEN_ELSEWHERE}.") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _why(exc: OSError, where: Path) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"you may not write to {where}"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EBUSY, errno.ETXTBSY) or getattr(exc, "winerror", None) == 32:
        return f"the file {OPEN_ELSEWHERE}"
    return exc.strerror or str(exc)


def _discard(temp_name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp_name)


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of earlier writes into ``folder`` whose writer has
    gone; the files removed. Best effort: a file that cannot be removed stays."""
    return leftovers.remove_leftovers(folder, TEMPORARY_PREFIX, STALE_AFTER_S, now)
