"""The Personal Data page in a real main window over the sample review: what is held
about a witness, the subject-access export, Erase Personal Data (confirmed, cancelled,
or left to edit a mention first) and the undo histories it clears; the retention
reminder; the Privacy tab of Review Details."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.personal_data_records import STANDARD_PRIVACY_NOTICE
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.personal_data.erase_dialog import EraseDialog
from scrutiny_desk.ui.personal_data.held_model import RevealRole
from scrutiny_desk.ui.personal_data.personal_data_page import PersonalDataPage
from scrutiny_desk.ui.shared.review_details import EditReviewDetails
from scrutiny_desk.ui.shared.review_dialog import ReviewDialog
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.witnesses.witnesses_model import WitnessColumn

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

NAME = "Director of Drugs Strategy"
EMAIL = "drugs.strategy@example.org"


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> PersonalDataPage:
    window.show_page(PageId.PERSONAL_DATA)
    page = window.page(PageId.PERSONAL_DATA)
    assert isinstance(page, PersonalDataPage)
    assert page.select_person("mps-drugs")
    return page


def section(page: PersonalDataPage, title: str) -> list[tuple[str, str]]:
    """The rows under a section heading of the held tree, as (what, details)."""
    model = page.held_model
    (row,) = [r for r in range(model.rowCount()) if model.item(r, 0).text() == title]
    heading = model.item(row, 0)
    return [
        (heading.child(n, 0).text(), heading.child(n, 1).text()) for n in range(heading.rowCount())
    ]


def witness_names(window: MainWindow) -> list[str]:
    window.show_page(PageId.WITNESSES)
    proxy = window.witnesses_page.proxy
    return [proxy.index(r, WitnessColumn.NAME).data() for r in range(proxy.rowCount())]


def edit_details(window: MainWindow, review_id: int, **after: object) -> None:
    """One undo step in that review's history, as Review Details saves it."""
    edits = window.services.review_edits
    before = edits.details(review_id)
    step = EditReviewDetails(
        edits,
        review_id,
        before.version,
        ReviewChanges(**{name: getattr(before, name) for name in after}),  # type: ignore[arg-type]
        ReviewChanges(**after),  # type: ignore[arg-type]
    )
    assert window.editor.perform(step) is not None


def open_erase(page: PersonalDataPage) -> EraseDialog:
    page.erase_button.click()
    dialog = page.erasure.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_page_lists_everything_held_about_a_witness(
    qtmodeltester, window: MainWindow, page: PersonalDataPage
) -> None:
    qtmodeltester.check(page.people)
    qtmodeltester.check(page.held_model)
    names = [p.name for p in page.people.records()]
    assert NAME in names and "Fauzia Ashraf-Malik" in names  # witnesses and officers
    assert page.held is not None and page.held.person.key == "mps-drugs"
    assert page.held_caption.text() == f"&Held about {NAME}"
    details = dict(section(page, "Recorded details"))
    assert details["Name"] == NAME and details["E-mail address"] == EMAIL
    assert len(section(page, "Notes linked to them")) == 2
    assert section(page, "Agenda items and meetings")
    mentions = section(page, "Mentions in free text")
    assert any(what.startswith("Recommendation 1") for what, _ in mentions)
    assert section(page, "Approved minutes naming them")
    assert page.retention_label.text().startswith("No retention date yet")
    assert not page.banner.isVisible()  # the sample is still reporting: no date yet


def test_opening_a_mention_goes_to_the_record_that_holds_it(
    window: MainWindow, page: PersonalDataPage
) -> None:
    model = page.held_model
    (row,) = [
        r for r in range(model.rowCount()) if model.item(r, 0).text() == "Mentions in free text"
    ]
    heading = model.index(row, 0)
    found = [
        model.index(n, 0, heading)
        for n in range(model.rowCount(heading))
        if model.index(n, 0, heading).data(RevealRole) == ("recommendation", "r1")
    ]
    assert found
    page.held_view.activated.emit(found[0])
    assert window.pages.currentWidget() is window.recommendations_page


@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_the_subject_access_export_writes_what_is_held(
    page: PersonalDataPage, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"subject access{suffix}"
    page.export_to(path)
    text = path.read_text(encoding="utf-8")
    assert NAME in text and EMAIL in text
    if suffix == ".json":
        json.loads(text)
    assert page.window().statusBar().currentMessage() == (
        f"Saved the subject access export to {path}."
    )


def test_erasing_after_confirmation_replaces_the_name_and_clears_every_undo_history(
    qtbot: QtBot, window: MainWindow, sample_services: Services
) -> None:
    second = sample_services.review_edits.create_review("Another review").id
    window.refresh_reviews(select=second)
    edit_details(window, second, summary="A second review's step")
    window.refresh_reviews(select=1)
    edit_details(window, 1, summary="A step before the erasure")
    assert window.undo_action.isEnabled()
    window.show_page(PageId.PERSONAL_DATA)
    page = window.page(PageId.PERSONAL_DATA)
    assert isinstance(page, PersonalDataPage) and page.select_person("mps-drugs")

    dialog = open_erase(page)
    assert dialog.warning.text().find("This cannot be undone.") < 20  # said first
    assert ("recommendation", "r1") in dialog.mention_targets()
    exception = dialog.findChild(QLabel, "eraseMinutesException")
    assert exception is not None and "statutory record" in exception.text()
    assert not dialog.erase_button.isEnabled() and dialog.cancel_button.isDefault()
    qtbot.keyClicks(dialog.confirm_edit, "Witness")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, " 1")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    assert page.erasure.erased is not None and page.erasure.erased.label == "Witness 1"
    assert page.outcome.isVisible() and "now “Witness 1”" in page.outcome.text()
    assert 'href="recommendation:r1"' in page.outcome.text()  # the mention left, to edit
    assert sample_services.witness_edits.find_witness(1, "mps-drugs").name == "Witness 1"
    names = witness_names(window)
    assert "Witness 1" in names and NAME not in names
    # Every history is empty, the other review's too; Undo has nothing to do.
    assert window.editor.stack.count() == 0
    assert all(stack.count() == 0 for stack in window.editor.group.stacks())
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.show_page(PageId.PERSONAL_DATA)
    erased = next(p for p in page.people.records() if p.key == "mps-drugs")
    assert erased.erased and erased.name == "Witness 1"
    assert page.current_person() == erased and not page.erase_button.isEnabled()
    page.outcome.linkActivated.emit("recommendation:r1")
    assert window.pages.currentWidget() is window.recommendations_page


def test_cancelling_the_confirmation_erases_nothing(
    qtbot: QtBot, window: MainWindow, page: PersonalDataPage, sample_services: Services
) -> None:
    edit_details(window, 1, summary="A step kept")
    window.show_page(PageId.PERSONAL_DATA)
    dialog = open_erase(page)
    qtbot.keyClicks(dialog.confirm_edit, "Witness 1")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and page.erasure.erased is None
    assert sample_services.witness_edits.find_witness(1, "mps-drugs").name == NAME
    assert window.editor.stack.count() == 1 and window.undo_action.isEnabled()


def test_going_to_a_mention_first_closes_the_confirmation_and_erases_nothing(
    window: MainWindow, page: PersonalDataPage, sample_services: Services
) -> None:
    dialog = open_erase(page)
    dialog.select_mention(dialog.mention_targets().index(("recommendation", "r1")))
    dialog.go_button.click()
    assert not dialog.isVisible()
    assert window.pages.currentWidget() is window.recommendations_page
    assert sample_services.witness_edits.find_witness(1, "mps-drugs").name == NAME


def test_a_review_past_its_retention_date_shows_a_reminder_leading_to_personal_data(
    window: MainWindow, sample_services: Services
) -> None:
    reminder = window.retention_reminder
    window.show_page(PageId.OVERVIEW)
    assert not reminder.button.isVisible()
    assert not window.overview_page.retention_banner.isVisible()
    edit_details(window, 1, retention_until=date(2024, 3, 31))
    assert reminder.button.isVisible()
    assert "31 Mar 2024" in reminder.button.toolTip()
    banner = window.overview_page.retention_banner
    assert banner.isVisible() and "has passed" in banner.text.text()
    banner.button.click()
    assert window.pages.currentWidget() is window.page(PageId.PERSONAL_DATA)
    window.show_page(PageId.OVERVIEW)
    reminder.button.click()
    assert window.pages.currentWidget() is window.page(PageId.PERSONAL_DATA)

    edit_details(window, 1, retention_until=date(2099, 1, 1))
    assert not reminder.button.isVisible()


def test_the_retention_date_and_privacy_notice_are_edited_in_review_details_as_one_step(
    qtbot: QtBot, window: MainWindow, page: PersonalDataPage, sample_services: Services
) -> None:
    page.retention_button.click()
    dialog = window.findChild(ReviewDialog, "reviewDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.privacy
    privacy = dialog.privacy
    assert not privacy.retention_check.isChecked() and privacy.standard_check.isChecked()
    assert privacy.notice_edit.toPlainText() == STANDARD_PRIVACY_NOTICE
    privacy.retention_check.setChecked(True)
    privacy.retention_edit.setDate(date(2031, 7, 31))
    privacy.standard_check.setChecked(False)
    privacy.notice_edit.setPlainText("Our own notice.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    details = sample_services.review_edits.details(1)
    assert (details.retention_until, details.privacy_notice) == (
        date(2031, 7, 31),
        "Our own notice.",
    )
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    details = sample_services.review_edits.details(1)
    assert (details.retention_until, details.privacy_notice) == (None, None)
