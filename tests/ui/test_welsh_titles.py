"""Welsh titles in the window: a meeting's (Edit Meeting), an item's and a closed item's
public title (Welsh Titles… and the Close Item dialog), each saved as one undo step;
and the exemption list that follows the review's country."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Country
from scrutiny_desk.domain.exemptions import exemption_text
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.meetings.meeting_dialog import MeetingDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_reports_pane import open_item

pytestmark = pytest.mark.gui

CY_MEETING = "Cyfarfod trafod: cytuno ar argymhellion"
CY_ITEM = "Crynodeb o'r dystiolaeth a'r canfyddiadau"


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def test_a_meetings_welsh_title_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    recs = services.meeting_edits.find(1, "recs")
    assert window.select_meeting(recs.id)
    prompts = window.meetings_page.meeting_prompts
    prompts.edit_meeting()
    dialog = prompts.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    assert dialog.title_cy_edit.text() == ""
    qtbot.keyClicks(dialog.title_cy_edit, CY_MEETING)
    qtbot.waitUntil(lambda: not dialog.deferred.timer.isActive(), timeout=2000)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    saved = services.meeting_edits.find(1, "recs")
    assert (saved.title_cy, saved.title) == (CY_MEETING, recs.title)
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    assert services.meeting_edits.find(1, "recs").title_cy is None
    window.editor.stack.redo()
    assert services.meeting_edits.find(1, "recs").title_cy == CY_MEETING


def test_an_items_welsh_title_and_a_closed_items_welsh_public_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_item(window)
    tab.welsh_action.trigger()
    dialog = tab.commands.welsh_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.public_cy_edit.isEnabled()  # an open item has no public title
    qtbot.keyClicks(dialog.title_cy_edit, CY_ITEM)
    dialog.ok_button.click()
    assert services.agenda.find(1, "recs-findings").title_cy == CY_ITEM
    window.editor.stack.undo()
    assert services.agenda.find(1, "recs-findings").title_cy is None
    window.editor.stack.redo()

    # Closed: the Close Item dialog takes the Welsh public title beside the public one.
    tab.close_action.trigger()
    close = tab.close_dialog
    assert close is not None
    qtbot.keyClicks(close.reason_edit, "Commercial information in the report.")
    qtbot.keyClicks(close.public_edit, "Findings (exempt)")
    qtbot.keyClicks(close.public_cy_edit, "Canfyddiadau (eithriedig)")
    close.ok_button.click()
    item = services.agenda.find(1, "recs-findings")
    assert item.is_closed and item.public_title_cy == "Canfyddiadau (eithriedig)"
    assert item.title_cy == CY_ITEM  # closing keeps the Welsh title

    # Welsh Titles… on the closed item: the public title's Welsh is enabled and saved.
    assert tab.select_item("recs-findings")
    tab.welsh_action.trigger()
    dialog = tab.commands.welsh_dialog
    assert dialog is not None and dialog.public_cy_edit.isEnabled()
    assert dialog.public_cy_edit.text() == "Canfyddiadau (eithriedig)"
    dialog.public_cy_edit.setText("Canfyddiadau")
    dialog.ok_button.click()
    item = services.agenda.find(1, "recs-findings")
    assert (item.public_title_cy, item.public_title, item.closed_reason) == (
        "Canfyddiadau",
        "Findings (exempt)",
        "Commercial information in the report.",
    )
    window.editor.stack.undo()
    assert services.agenda.find(1, "recs-findings").public_title_cy == "Canfyddiadau (eithriedig)"
    # Reopening and undoing it keeps the Welsh public title.
    window.editor.stack.redo()
    tab.commands.reopen_item(services.agenda.find(1, "recs-findings"))
    question = tab.open_question
    assert question is not None and question.isVisible()
    accept = next(
        b for b in question.buttons() if question.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    assert not services.agenda.find(1, "recs-findings").is_closed
    window.editor.stack.undo()
    assert services.agenda.find(1, "recs-findings").public_title_cy == "Canfyddiadau"


def test_the_exemption_list_follows_the_reviews_country(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_item(window)
    tab.close_action.trigger()
    dialog = tab.close_dialog
    assert dialog is not None
    assert dialog.exemption_combo.itemText(0).startswith("Paragraph 1:")
    dialog.reject()

    details = services.review_edits.details(1)
    services.review_edits.update_details(1, details.version, ReviewChanges(country=Country.WALES))
    tab.close_action.trigger()
    dialog = tab.close_dialog
    assert dialog is not None
    texts = [dialog.exemption_combo.itemText(i) for i in range(dialog.exemption_combo.count())]
    assert texts[0].startswith("Paragraph 12:") and texts[6].startswith("Paragraph 18:")
    dialog.choose_paragraph(14)
    assert dialog.values().exemption == exemption_text(14)
    assert "Part 4" in dialog.exemption_text.text()
    assert "Part 5" in dialog.exemption_text.toolTip()
    qtbot.keyClicks(dialog.reason_edit, "Business affairs of a supplier.")
    dialog.ok_button.click()
    assert services.agenda.find(1, "recs-findings").exemption == exemption_text(14)
