"""Atomic writes: whole file or the old one, with the user's permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.services.files import write_atomically


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
