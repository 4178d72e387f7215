"""Atomic writes: whole file or the old one, with the user's permissions; what a killed
write leaves is removed by the next write into its folder, and nothing else is."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.services import files
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.files import (
    STALE_AFTER_S,
    TEMPORARY_PREFIX,
    remove_leftovers,
    write_atomically,
)


def test_written_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomically(tmp_path / "agenda.pdf", b"%PDF-1.4")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_bytes() == b"%PDF-1.4"


def test_replaces_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert not list(tmp_path.glob(".*.part"))


def test_folder_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_atomically(tmp_path, b"x")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder to write into."""
    made = tmp_path / "papers"
    made.mkdir()
    return made


def test_a_write_leaves_no_temporary_file(folder: Path) -> None:
    write_atomically(folder / "a.json", b"new")
    assert [p.name for p in folder.iterdir()] == ["a.json"]


def test_a_file_written_in_pieces_is_their_bytes(folder: Path) -> None:
    path = write_atomically(folder / "a.json", (piece for piece in (b"{", b'"a": 1', b"}")))
    assert path.read_bytes() == b'{"a": 1}'


def test_a_failure_making_the_pieces_leaves_no_file(folder: Path) -> None:
    (folder / "a.json").write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        write_atomically(folder / "a.json", pieces())
    assert [p.name for p in folder.iterdir()] == ["a.json"]
    assert (folder / "a.json").read_bytes() == b"old"


def _finished_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftover(folder: Path, pid: int, host: str = files._HOST, age: float = 0.0) -> Path:
    """A temporary file as ``write_atomically`` names it, ``age`` seconds old."""
    path = folder / f"{TEMPORARY_PREFIX}{host}-{pid}-{os.urandom(4).hex()}_x.part"
    path.write_bytes(b"half a paper")
    if age:
        moment = time.time() - age
        os.utime(path, (moment, moment))
    return path


def test_only_leftovers_whose_writer_has_gone_are_removed(folder: Path) -> None:
    dead = _leftover(folder, _finished_pid())
    running = _leftover(folder, os.getppid())  # a live process, still writing
    own = _leftover(folder, os.getpid())  # another thread of this process, writing
    elsewhere = _leftover(folder, _finished_pid(), host="otherpc")  # cannot tell: keep
    old_elsewhere = _leftover(folder, 4321, host="otherpc", age=STALE_AFTER_S + 60)
    old_running = _leftover(folder, os.getppid(), age=STALE_AFTER_S + 60)  # an id used again
    foreign = [
        folder / "x.part",
        folder / ".agenda.pdf.a1b2c3d4.part",
        folder / f"{TEMPORARY_PREFIX}notes.txt",
        folder / "agenda.pdf",
    ]
    for path in foreign:
        path.write_bytes(b"not ours")
        os.utime(path, (0, 0))  # however old

    removed = remove_leftovers(folder)

    assert sorted(removed) == sorted([dead, old_elsewhere, old_running])
    assert sorted(folder.iterdir()) == sorted([running, own, elsewhere, *foreign])


_KILLED_MID_EXPORT = textwrap.dedent(
    """
    import os, sys, time
    from scrutiny_desk.services.container import Services

    services = Services.open(sys.argv[1])
    [review] = services.reviews.list()

    def hold(_fd):  # the bytes are written; the kill comes before the rename
        print("writing", flush=True)
        time.sleep(120)

    os.fsync = hold
    services.reviews.export_file(review.id, sys.argv[2])
    """
)


@pytest.mark.slow
def test_a_killed_export_leaves_nothing_after_the_next_one(
    sqlite_services: Services, sqlite_target: str, folder: Path
) -> None:
    review_id = sqlite_services.reviews.import_sample()
    (folder / "x.part").write_bytes(b"another program's download")
    target = folder / "drugs-scrutiny.json"
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_EXPORT, sqlite_target, str(target)],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "writing\n"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(30)
    assert child.returncode == -signal.SIGKILL
    [left] = [p.name for p in folder.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]
    assert f"-{child.pid}-" in left  # the killed export's own

    sqlite_services.reviews.export_file(review_id, target)

    assert sorted(p.name for p in folder.iterdir()) == ["drugs-scrutiny.json", "x.part"]
    assert target.read_bytes() == sqlite_services.reviews.export_bytes(review_id)
