"""Publish for the Web from the Meeting and Review menus: the folder written by the
real service on the sample review (a synchronous task runner), the reason for urgency
asked when the agenda is late and printed once given, and the message saying where
the files are, whose button opens the folder."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.publishing.web_publish import WebPublishing
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_exports import EV3, show_meeting

pytestmark = pytest.mark.gui

REVIEW_TITLE = "Tackling drugs supply in London"


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    shown = make_window(sample_services)
    show_meeting(shown, EV3)
    meeting = shown.current_meeting()
    assert meeting is not None  # its agenda not yet published, so publishing stamps it
    sample_services.meeting_edits.unmark_agenda_published(meeting.id, meeting.version)
    return shown


@pytest.fixture
def web(window: MainWindow, tmp_path: Path) -> WebPublishing:
    publishing = window.web_publishing
    publishing.opened = []  # type: ignore[attr-defined]
    publishing.opener = lambda folder: publishing.opened.append(folder) is None  # type: ignore[attr-defined]
    return publishing


def choose(web: WebPublishing, folder: Path) -> None:
    def chooser(_parent: QWidget, _title: str, _start: Path) -> Path:
        return folder

    web.choose_folder = chooser


def test_publish_for_the_web_writes_the_folder_and_offers_to_open_it(
    window: MainWindow, web: WebPublishing, tmp_path: Path
) -> None:
    meeting = window.current_meeting()
    assert meeting is not None
    web.today = lambda: meeting.start.date() - timedelta(days=30)  # in good time
    folder = tmp_path / "ev3"
    choose(web, folder)
    assert web.publish_meeting_action.isEnabled()
    web.publish_meeting_action.trigger()

    assert web.urgency_dialog is None  # not late: nothing asked
    names = sorted(p.name for p in folder.iterdir())
    assert {"agenda.html", "agenda.pdf", "minutes.html", "minutes.pdf"} <= set(names)
    assert "<html" in (folder / "agenda.html").read_text(encoding="utf-8").lower()
    box = web.notice
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert str(folder) in box.text() and "agenda.html" in box.text()
    web.open_button.click()
    assert web.opened == [folder]  # type: ignore[attr-defined]
    deadline = window.services.meeting_edits.deadline(meeting.id, web.today())
    assert deadline.published_on == web.today()


def test_a_late_agenda_asks_the_reason_for_urgency_then_prints_it(
    qtbot: QtBot, window: MainWindow, web: WebPublishing, tmp_path: Path
) -> None:
    meeting = window.current_meeting()
    assert meeting is not None
    web.today = lambda: meeting.start.date() - timedelta(days=3)  # Friday before a Monday
    folder = tmp_path / "late"
    choose(web, folder)
    web.publish_meeting_action.trigger()

    dialog = web.urgency_dialog
    assert dialog is not None and dialog.isVisible()
    assert not folder.exists()  # refused: nothing written
    text = dialog.explanation.text()
    assert "gives 0 clear days" in text and "requires 5" in text, text
    assert not dialog.ok_button.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason_edit, "The consultation closes on Friday.")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    QApplication.processEvents()

    assert web.urgency_dialog is None
    assert (folder / "agenda.html").exists()
    agenda = (folder / "agenda.html").read_text(encoding="utf-8")
    assert "The consultation closes on Friday." in agenda


def test_cancelling_the_reason_publishes_nothing(
    window: MainWindow, web: WebPublishing, tmp_path: Path
) -> None:
    meeting = window.current_meeting()
    assert meeting is not None
    web.today = lambda: meeting.start.date() - timedelta(days=1)
    folder = tmp_path / "cancelled"
    choose(web, folder)
    web.publish_meeting_action.trigger()
    dialog = web.urgency_dialog
    assert dialog is not None
    dialog.reject()
    assert web.urgency_dialog is None and not folder.exists()
    assert window.services.meeting_edits.deadline(meeting.id, web.today()).published_on is None


def test_publish_review_writes_coverage_and_action_plan(
    window: MainWindow, web: WebPublishing, tmp_path: Path
) -> None:
    folder = tmp_path / "review"
    choose(web, folder)
    web.update_review_action()
    assert web.publish_review_action.isEnabled()
    web.publish_review_action.trigger()
    names = {p.name for p in folder.iterdir()}
    assert {"coverage.html", "coverage.pdf", "action-plan.html", "action-plan.pdf"} <= names
    assert web.notice is not None and "coverage.html" in web.notice.text()


def test_publish_actions_are_in_the_menus(window: MainWindow, web: WebPublishing) -> None:
    assert web.publish_meeting_action in window.meeting_menu.actions()
    review_menus = [
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Review"
    ]
    assert any(web.publish_review_action in m.actions() for m in review_menus if m)
