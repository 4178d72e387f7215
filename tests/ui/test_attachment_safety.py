"""Attachments on the Evidence page that could trick the clerk: a name hiding its type
is refused before the file is read; a file that runs a program is never opened, only
saved on request; copies opened have names and paths Windows accepts (under 260
characters, even from a deep SCRUTINY_DESK_HOME)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from scrutiny_desk.domain.file_names import WINDOWS_MAX_PATH
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.evidence import evidence_files
from scrutiny_desk.ui.evidence.evidence_page import EvidencePage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

PROGRAM = b"MZ\x90\x00 a program"


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> EvidencePage:
    shown = window.page(PageId.EVIDENCE)
    assert isinstance(shown, EvidencePage)
    shown.show_review(window.current_review_id())
    window.show_page(PageId.EVIDENCE)
    shown.select_evidence("borough-survey")
    return shown


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What the page handed to the system's viewer (nothing starts)."""
    handed: list[Path] = []

    def open_url(url: QUrl) -> bool:
        handed.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return handed


def attach(page: EvidencePage, folder: Path, name: str, content: bytes) -> None:
    source = folder / name
    source.write_bytes(content)
    page.files.attach_path(str(source))
    assert page.files.error is None, page.files.error and page.files.error.informativeText()


def stored_name(window: MainWindow) -> str | None:
    entry = window.workspace.services.evidence.find(1, "borough-survey")
    return entry.file.name if entry.file else None


def test_a_name_that_hides_its_type_is_refused_before_reading(
    page: EvidencePage, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disguised = tmp_path / "pwned\u202etxt.exe"  # shows as "pwnedexe.txt"
    disguised.write_bytes(PROGRAM)
    read: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: read.append(p) or real_read(p))
    steps = window.editor.stack.count()

    page.files.attach_path(str(disguised))

    error = page.files.error
    assert error is not None and error.isVisible()
    assert error.windowTitle() == "The file could not be attached"
    text = error.informativeText()
    assert text.startswith("pwned[U+202E]txt.exe has a name that contains U+202E")
    assert "\u202e" not in text  # the message cannot be rearranged by the name
    error.close()
    assert disguised not in read
    assert stored_name(window) is None
    assert window.editor.stack.count() == steps


def test_a_program_is_not_opened_and_the_clerk_may_save_a_copy(
    page: EvidencePage,
    window: MainWindow,
    tmp_path: Path,
    opened: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attach(page, tmp_path, "Survey results.exe", PROGRAM)
    target = tmp_path / "kept" / "Survey results.exe"
    target.parent.mkdir()
    asked: list[str] = []

    def save_dialog(parent: object, title: str, suggested: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)

    page.files.open_action.trigger()

    box = page.files.question
    assert box is not None and box.isVisible()
    assert box.text() == "Survey results.exe can run a program on this computer."
    assert "not opened from Scrutiny Desk" in box.informativeText()
    default = box.defaultButton()
    assert default is not None and default.text() == "Save a Copy…"
    assert [b.text() for b in box.buttons()] and len(box.buttons()) == 2  # no "Open Anyway"
    assert opened == []
    assert not asked  # nothing saved before the clerk answers

    default.click()

    assert opened == []
    assert [Path(s).name for s in asked] == ["Survey results.exe"]
    assert target.read_bytes() == PROGRAM
    assert window.statusBar().currentMessage() == f"Saved a copy: {target}"


def test_a_program_is_not_opened_when_the_clerk_cancels(
    page: EvidencePage,
    window: MainWindow,
    tmp_path: Path,
    opened: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attach(page, tmp_path, "MINUTES.PDF.LNK", b"L\x00\x00\x00 a shortcut")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no save dialog was asked for")
    )
    page.files.open_file()
    box = page.files.question
    assert box is not None and "MINUTES.PDF.LNK can run a program" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert opened == []
    copies = evidence_files.opened_files_dir()
    assert not copies.exists() or not any(copies.iterdir())  # not even copied


def test_a_document_still_opens_at_once(
    page: EvidencePage, tmp_path: Path, opened: list[Path]
) -> None:
    attach(page, tmp_path, "CON.pdf", b"%PDF-1.4")
    page.files.open_file()
    assert page.files.question is None
    (copy,) = opened
    assert copy.name == "CON_.pdf"  # Windows would open the console, not a file
    assert copy.read_bytes() == b"%PDF-1.4"


def test_a_program_replaced_since_the_list_was_read_is_not_opened(
    page: EvidencePage, window: MainWindow, opened: list[Path]
) -> None:
    """A colleague on the shared database put a program where a document was."""
    services = window.workspace.services
    entry = services.evidence.find(1, "borough-survey")
    services.evidence.attach_file(entry.id, entry.version, "report.pdf", b"%PDF-1.4")
    page.show_review(1)
    page.select_evidence("borough-survey")
    fresh = services.evidence.find(1, "borough-survey")
    services.evidence.attach_file(fresh.id, fresh.version, "report.scr", PROGRAM)
    shown = page.current_evidence()
    assert shown is not None and shown.file is not None and shown.file.name == "report.pdf"

    page.files.open_file()

    assert opened == []
    box = page.files.question
    assert box is not None and box.text().startswith("report.scr can run a program")
    folder = evidence_files.opened_files_dir()
    assert not any(folder.iterdir())  # the copy made was removed at once


def deep_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, length: int) -> Path:
    """SCRUTINY_DESK_HOME at ``length`` characters, as on a deep network share."""
    base = str(tmp_path / "share")
    home = Path(base + "/" + "d" * (length - len(base) - 1))
    home.mkdir(parents=True)
    assert len(str(home)) == length
    monkeypatch.setenv("SCRUTINY_DESK_HOME", str(home))
    return home


LONG_NAME = (
    "Borough Commanders' returns on drug-related arrests, referrals to treatment and "
    "outcomes by ward, 2005-06 and 2006-07, with the panel's questions.pdf"
)


def test_a_copy_opened_from_a_deep_cache_keeps_its_path_under_260(
    page: EvidencePage, tmp_path: Path, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    attach(page, tmp_path, LONG_NAME, b"%PDF-1.4 long")
    home = deep_home(monkeypatch, tmp_path, 150)
    page.files.open_file()
    (copy,) = opened
    assert copy.is_relative_to(home / "cache" / "opened")
    assert len(str(copy)) == WINDOWS_MAX_PATH - 1
    assert copy.suffix == ".pdf" and copy.name.startswith("Borough Commanders' returns")
    assert copy.read_bytes() == b"%PDF-1.4 long"


def test_a_cache_too_deep_for_any_name_uses_the_temporary_folder(
    page: EvidencePage, tmp_path: Path, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    attach(page, tmp_path, LONG_NAME, b"%PDF-1.4 long")
    home = deep_home(monkeypatch, tmp_path, 230)
    temporary = tmp_path / "temp"
    temporary.mkdir()
    monkeypatch.setattr(evidence_files.tempfile, "tempdir", str(temporary))
    page.files.open_file()
    (copy,) = opened
    assert not copy.is_relative_to(home)
    assert copy.is_relative_to(temporary / "scrutiny-desk-opened")
    assert len(str(copy)) < WINDOWS_MAX_PATH and copy.suffix == ".pdf"
    assert stat.S_IMODE(copy.stat().st_mode) == stat.S_IRUSR  # read-only, as ever
