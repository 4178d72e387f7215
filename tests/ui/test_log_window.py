"""The log seen from the window: a failure the app did not expect is logged with its
traceback, the box says where the log is, and Help > Show Log Folder opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton

from scrutiny_desk import paths
from scrutiny_desk.domain.enums import Access
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.notes.notes_page import NotesPage
from scrutiny_desk.ui.shared.messages import unexpected_errors_reported
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.logged import read_log

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

#: A closed note's words, which the log must never hold.
SECRET = "Quillon-marsh informant named in closed session"


def error_box(window: MainWindow) -> QMessageBox:
    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "errorMessage"]
    return box


def test_a_failed_background_task_is_logged_and_the_box_names_the_log_folder(
    make_window: WindowFactory,
    sample_services: Services,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(sample_services)

    def broken_meeting_ids(_review_id: int, *_args: object) -> list[int]:
        raise RuntimeError(f"cannot list {SECRET}")

    monkeypatch.setattr(sample_services.listing, "meeting_ids", broken_meeting_ids)
    window.refresh_action.trigger()
    box = error_box(window)
    assert str(paths.log_dir()) in box.informativeText()
    assert box.icon() == QMessageBox.Icon.Critical
    text = read_log(log_file)
    assert "Background task " in text and "failed: RuntimeError" in text
    assert "in broken_meeting_ids" in text
    assert text.count("Traceback (most recent call last):") == 1  # once, however reported
    assert "Reported to the clerk from scrutiny_desk.ui." in text
    assert SECRET not in text
    box.close()


def test_an_exception_escaping_a_slot_is_logged_and_shown(
    make_window: WindowFactory,
    sample_services: Services,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Marking a closed note open, the service fails with a bug quoting the note:
    the exception leaves ``Editor.perform`` and the action's slot, PySide6 hands it to
    sys.excepthook, and the window's hook logs it and shows it."""
    notes = sample_services.notes
    notes.capture(1, SECRET, ["scale"], access=Access.CLOSED, key="qmclosed")
    window = make_window(sample_services)
    page = window.page(PageId.NOTES)
    assert isinstance(page, NotesPage)
    window.show_page(PageId.NOTES)
    page.show_review(1)
    assert page.reveal("qmclosed")

    def broken_update(*_args: object, **_changes: object) -> None:
        raise RuntimeError(f"could not save {SECRET}")

    monkeypatch.setattr(notes, "update", broken_update)
    with unexpected_errors_reported(lambda: window):
        page.access_action.trigger()
    box = error_box(window)
    assert "did not expect (RuntimeError)" in box.informativeText()
    assert str(paths.log_dir()) in box.informativeText()
    assert SECRET not in box.informativeText()
    text = read_log(log_file)
    assert "ERROR scrutiny_desk.ui.shared.messages: Uncaught exception in a slot: " in text
    assert text.count("Traceback (most recent call last):") == 1
    assert "in broken_update" in text and "in toggle_access" in text
    assert SECRET not in text
    assert notes.find(1, "qmclosed").closed  # nothing was saved
    box.close()


def test_the_box_offers_show_log_folder(
    make_window: WindowFactory,
    sample_services: Services,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window(sample_services)
    window.workspace.report_error("Export failed", RuntimeError("bug"))
    box = error_box(window)
    [button] = [b for b in box.findChildren(QPushButton) if b.objectName() == "showLogFolder"]
    assert button.text() == "Show Log Folder"
    button.click()
    assert opened == [QUrl.fromLocalFile(str(paths.log_dir()))]


def test_help_show_log_folder_makes_and_opens_it(
    make_window: WindowFactory,
    sqlite_services: Services,
    private_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window(sqlite_services)
    assert not (private_home / "logs").exists()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.show_log_action in help_menu.actions()
    window.show_log_action.trigger()
    assert (private_home / "logs").is_dir()
    assert opened == [QUrl.fromLocalFile(str(private_home / "logs"))]
