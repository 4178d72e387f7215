"""Temporary files written before a rename, and removing those whose writer died.

A file is written under a temporary name in its folder and renamed when complete (an
export, a new database). A process killed half-way cannot remove its temporary file,
so the next writer into that folder does. Only files named here are touched
(``<prefix><host>-<pid>-<anything>``, never another program's ``.part`` file), and only
when their writer has certainly gone: its process no longer runs on this computer, or
the file is older than the caller's limit (a writer on another computer sharing the
folder, or a process id used again since).

Standard library only, so both ``store`` and ``services`` use it.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sys
import time
from pathlib import Path

HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:20] or "host"


def name_start(prefix: str) -> str:
    """How this process's temporary names begin: ``<prefix><host>-<pid>-``."""
    return f"{prefix}{HOST}-{os.getpid()}-"


def remove_leftovers(
    folder: Path, prefix: str, stale_after_s: float, now: float | None = None
) -> list[Path]:
    """Remove the temporary files named with ``prefix`` in ``folder`` whose writer has
    gone; the files removed. Best effort: a file that cannot be removed stays."""
    ours = re.compile(rf"^{re.escape(prefix)}([A-Za-z0-9]*)-(\d+)-.+$")
    moment = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(folder) if name.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        match = ours.match(name)
        if match is None:
            continue
        candidate = folder / name
        try:
            age = moment - candidate.stat().st_mtime
        except OSError:
            continue
        host, pid = match.group(1), int(match.group(2))
        gone = host == HOST and pid != os.getpid() and not running(pid)
        if gone or age > stale_after_s:
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def running(pid: int) -> bool:
    """Whether a process with this id runs on this computer; True when unsure."""
    if sys.platform == "win32":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else, or we cannot tell
        return True
    return True


def _running_on_windows(pid: int) -> bool:
    # os.kill would end the process on Windows: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.OpenProcess.restype = ctypes.c_void_p  # a handle is pointer-sized
    kernel32.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong)]
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(ctypes.get_last_error() == 5)  # type: ignore[attr-defined,unused-ignore]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
