"""Review > Publish Programme to Folder… and the programme kept current: the file is
written when the folder is chosen, written again after an edit to a meeting (and its
undo), not after an unrelated edit; a folder that cannot take it is refused in the
dialog and loses nothing; a rewrite that fails is said once in the status bar, with no
box, and the edit stays saved. Every file is read back with icalendar."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk import paths
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.services.programme_feeds import CONFIG_FILE
from scrutiny_desk.ui.meetings.meeting_commands import EditMeeting
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

from ..conftest import WindowFactory
from ..steps import CallStep

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def summaries(path: Path) -> list[str]:
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def publish_to(window: MainWindow, folder: Path) -> None:
    window.programme.choose_folder()
    dialog = window.programme.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.folder_edit.setText(str(folder))
    dialog.publish_button.click()


def rename_responses(window: MainWindow, title: str) -> None:
    services = window.services
    review_id = window.current_review_id()
    assert review_id is not None
    before = services.meeting_edits.find(review_id, "responses")
    step = EditMeeting(services.meeting_edits, before, MeetingChanges(title=title), lambda _k: None)
    assert window.editor.perform(step) is not None


def boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_choosing_a_folder_writes_the_programme_and_an_edit_rewrites_it(
    window: MainWindow, tmp_path: Path
) -> None:
    review_id = window.current_review_id()
    assert review_id is not None
    publish_to(window, tmp_path)
    assert window.programme.dialog is None  # closed once written
    written = tmp_path / "Drugs Scrutiny - programme.ics"
    assert "Published the programme to" in window.statusBar().currentMessage()
    assert any("Evidence session 1" in s for s in summaries(written))

    rename_responses(window, "Responses to the report")
    assert any("Responses to the report" in s for s in summaries(written))
    window.undo_action.trigger()
    assert not any("Responses to the report" in s for s in summaries(written))
    assert any("Consideration of responses to the draft report" in s for s in summaries(written))
    window.redo_action.trigger()
    assert any("Responses to the report" in s for s in summaries(written))
    assert window.services.programme_feeds.folder(review_id) == tmp_path


def test_an_unrelated_edit_does_not_rewrite_it(window: MainWindow, tmp_path: Path) -> None:
    publish_to(window, tmp_path)
    written = tmp_path / "Drugs Scrutiny - programme.ics"
    written.write_bytes(b"left as it was")
    review_id = window.current_review_id()
    assert review_id is not None
    notes = window.services.notes
    captured: list[int] = []

    def capture() -> object:
        note = notes.capture(review_id, "A note on the papers", ["scale"])
        captured.append(note.id)
        return note

    def delete() -> object:
        return notes.delete(captured[-1], notes.get(captured[-1]).version)

    assert window.editor.perform(CallStep("Capture a note", capture, delete)) is not None
    assert written.read_bytes() == b"left as it was"
    rename_responses(window, "Responses, renamed")
    assert any("Responses, renamed" in s for s in summaries(written))


def test_a_missing_folder_is_refused_in_the_dialog_and_loses_nothing(
    window: MainWindow, tmp_path: Path
) -> None:
    review_id = window.current_review_id()
    assert review_id is not None
    publish_to(window, tmp_path)
    window.programme.choose_folder()
    dialog = window.programme.dialog
    assert dialog is not None
    assert str(tmp_path) in dialog.current_label.text()
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    dialog.publish_button.click()
    assert dialog.isVisible()  # stays open, the problem beside the folder
    assert "does not exist" in (dialog.problem_label.problem() or "")
    assert dialog.publish_button.isEnabled()
    assert window.services.programme_feeds.folder(review_id) == tmp_path
    assert not boxes(window)
    dialog.reject()


def test_stop_publishing(window: MainWindow, tmp_path: Path) -> None:
    review_id = window.current_review_id()
    assert review_id is not None
    publish_to(window, tmp_path)
    written = tmp_path / "Drugs Scrutiny - programme.ics"
    window.programme.choose_folder()
    dialog = window.programme.dialog
    assert dialog is not None and dialog.stop_button.isVisible()
    dialog.stop_button.click()
    assert window.programme.dialog is None
    assert window.services.programme_feeds.folder(review_id) is None
    written.write_bytes(b"the last one")
    rename_responses(window, "Responses, renamed")
    assert written.read_bytes() == b"the last one"


def test_a_failed_rewrite_is_said_once_in_the_status_bar_and_the_edit_is_kept(
    window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    publish_to(window, folder)
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()  # the shared drive went away

    rename_responses(window, "Responses, renamed")
    said = window.statusBar().currentMessage()
    assert said.startswith("The programme could not be written again:")
    assert "does not exist" in said
    assert not boxes(window)
    review_id = window.current_review_id()
    assert review_id is not None
    assert window.services.meeting_edits.find(review_id, "responses").title == (
        "Responses, renamed"
    )

    window.statusBar().showMessage("Something else")
    rename_responses(window, "Responses, renamed again")
    assert window.statusBar().currentMessage() == "Saved: Edit meeting “Responses, renamed again”"

    folder.mkdir()  # back again: written, and said so
    rename_responses(window, "Responses, back")
    assert "written again" in window.statusBar().currentMessage()
    assert any("Responses, back" in s for s in summaries(folder / "Drugs Scrutiny - programme.ics"))


def test_edits_in_quick_succession_end_with_the_last_one_written(
    make_window: WindowFactory,
    sample_services: Services,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feeds = sample_services.programme_feeds
    rewrite = feeds.rewrite
    threads: list[threading.Thread] = []

    def on_a_worker(review_id: int) -> Path | None:
        threads.append(threading.current_thread())
        return rewrite(review_id)

    monkeypatch.setattr(feeds, "rewrite", on_a_worker)
    window = make_window(sample_services, runner=ThreadedTaskRunner())
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    publish_to(window, tmp_path)
    qtbot.waitUntil(lambda: window.programme.dialog is None)
    written = tmp_path / "Drugs Scrutiny - programme.ics"
    for n in range(1, 6):  # each rewrite may start while the one before still runs
        rename_responses(window, f"Responses, version {n}")
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=20000)
    titles = summaries(written)
    assert any("Responses, version 5" in s for s in titles)
    assert not any("version 4" in s for s in titles)
    assert threads and threading.main_thread() not in threads  # never on the GUI thread


def test_a_broken_settings_file_is_said_once_in_the_status_bar(
    window: MainWindow, tmp_path: Path
) -> None:
    publish_to(window, tmp_path)
    config = paths.config_dir() / CONFIG_FILE
    config.write_text("{ broken", "utf-8")
    rename_responses(window, "Responses, renamed")
    said = window.statusBar().currentMessage()
    assert said.startswith("The programme folders kept in") and "could not be read" in said
    rename_responses(window, "Responses, renamed again")
    assert window.statusBar().currentMessage().startswith("Saved: ")  # not again
    assert not boxes(window)
