"""Whether a SQLite file lies on a network share, where WAL mode is unsafe.

SQLite's WAL mode keeps its index in shared memory (the ``-shm`` file), which only
works among processes of one computer; on SMB or NFS two computers opening the file
can corrupt it, and file locking there is often unreliable too. The app warns the
clerk when it opens such a file. Linux reads the filesystem type of the mount that
holds the file from ``/proc/self/mountinfo``; Windows asks whether the drive is a
network drive, or sees a UNC path (``\\\\server\\share``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

MOUNTINFO = Path("/proc/self/mountinfo")
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ncpfs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gfs2",
        "ocfs2",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
    }
)
DRIVE_REMOTE = 4


def network_share(path: Path, mountinfo: Path = MOUNTINFO) -> str | None:
    """Why ``path`` is on a network share (e.g. "an nfs4 share mounted at /srv"), or
    None when it is on a local disk or cannot be told."""
    if sys.platform == "win32":
        return _windows_share(path)
    try:
        lines = mountinfo.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return share_in_mountinfo(_resolved(path), lines)


def share_in_mountinfo(path: Path, lines: Iterable[str]) -> str | None:
    """The network share holding ``path`` among the mounts of ``mountinfo`` lines:
    the deepest mount point above the path decides."""
    best: tuple[int, str, str] | None = None
    for line in lines:
        mount = parse_mountinfo_line(line)
        if mount is None:
            continue
        point, fstype = mount
        if _is_within(path, Path(point)) and (best is None or len(point) > best[0]):
            best = (len(point), point, fstype)
    if best is None:
        return None
    _length, point, fstype = best
    if fstype in NETWORK_FILESYSTEMS or fstype.split(".")[0] in {"nfs", "cifs", "smb3"}:
        return f"a {fstype} network share mounted at {point}"
    return None


def parse_mountinfo_line(line: str) -> tuple[str, str] | None:
    """(mount point, filesystem type) of one line of /proc/self/mountinfo, e.g.
    ``36 35 98:0 / /mnt/share rw,noatime shared:1 - cifs //server/share rw``.
    Optional fields come between the sixth field and the ``-``; the mount point has
    its spaces and backslashes escaped in octal (``\\040``)."""
    fields = line.split()
    if len(fields) < 7 or "-" not in fields[6:]:
        return None
    separator = fields.index("-", 6)
    if separator + 1 >= len(fields):
        return None
    return _unescape(fields[4]), fields[separator + 1]


def _unescape(text: str) -> str:
    out, n = [], 0
    while n < len(text):
        chunk = text[n + 1 : n + 4]
        if text[n] == "\\" and len(chunk) == 3 and all(c in "01234567" for c in chunk):
            out.append(chr(int(chunk, 8)))
            n += 4
        else:
            out.append(text[n])
            n += 1
    return "".join(out)


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.expanduser().absolute()


def _windows_share(path: Path) -> str | None:
    text = os.fspath(path.expanduser().absolute())
    unc = unc_share(text)
    if unc is not None:
        return f"the network share {unc}"
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    return _remote_drive(drive + "\\")


def unc_share(text: str) -> str | None:
    """``\\\\server\\share`` of a UNC path (also ``\\\\?\\UNC\\server\\share\\...``), else None."""
    parts = text.replace("/", "\\").split("\\")
    if text.startswith(("\\\\?\\UNC\\", "\\\\?\\unc\\")):
        parts = ["", "", *parts[4:]]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):
        return None
    if len(parts) < 4 or parts[0] or parts[1] or not parts[2] or not parts[3]:
        return None
    return f"\\\\{parts[2]}\\{parts[3]}"


def _remote_drive(root: str) -> str | None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOTE:
        return f"the network drive {root.rstrip(chr(92))}"
    return None
