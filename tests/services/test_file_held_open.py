"""An export over a file another program holds open, as Windows refuses it: replacing
the file raises PermissionError (winerror 32). Simulated by making ``os.replace`` raise
it; the clerk is told what to do, the old file is untouched, no temporary file stays."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import files
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.files import write_atomically

HELD_OPEN = "is open in another program, perhaps Word or a PDF viewer: close it there"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "papers"
    made.mkdir()
    return made


def refuse_to_replace(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """``os.replace`` as Windows answers it while the target is open elsewhere."""
    tried: list[tuple[str, str]] = []

    def replace(source: str, target: str | os.PathLike[str]) -> None:
        tried.append((str(source), str(target)))
        raise PermissionError(
            errno.EACCES,
            "The process cannot access the file because it is being used by another process",
        )

    monkeypatch.setattr(files.os, "replace", replace)
    return tried


def test_a_target_held_open_is_named_and_left_untouched(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "2007-03-26 Evidence session 3 - agenda.pdf"
    target.write_bytes(b"old agenda")
    tried = refuse_to_replace(monkeypatch)
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"new agenda")
    assert str(caught.value) == f"{target} {HELD_OPEN} and try again."
    assert len(tried) == 1 and tried[0][1] == str(target)
    assert target.read_bytes() == b"old agenda"
    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # temp file removed
    assert not Path(tried[0][0]).exists()


def test_a_new_file_refused_is_not_said_to_be_open(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file there to be open: the refusal is about the folder."""
    refuse_to_replace(monkeypatch)
    with pytest.raises(ExportError) as caught:
        write_atomically(folder / "agenda.pdf", b"new")
    assert "open in another program" not in str(caught.value)
    assert "you may not write to" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_exporting_an_agenda_over_a_paper_held_open(
    sqlite_services: Services, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the export service, as the window and the command line call it."""
    services = sqlite_services
    review_id = services.reviews.import_sample()
    meeting = services.meetings.list(review_id)[0]
    target = folder / "agenda.pdf"
    services.exports.agenda(meeting.id, Audience.PUBLIC, target)
    first = target.read_bytes()
    assert first.startswith(b"%PDF")

    refuse_to_replace(monkeypatch)
    with pytest.raises(ExportError, match=HELD_OPEN):
        services.exports.agenda(meeting.id, Audience.PUBLIC, target)
    assert target.read_bytes() == first
    assert [p.name for p in folder.iterdir()] == ["agenda.pdf"]
