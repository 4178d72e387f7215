"""The Overview page over the sample review: what it says, that it escapes what clerks
type, and that Review Details changes it (and undo changes it back)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.overview.overview_page import OverviewPage
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.conftest import EXAMPLE
from tests.ui.steps import CallStep

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui


def build(window: MainWindow) -> OverviewPage:
    page = window.page(PageId.OVERVIEW)
    assert isinstance(page, OverviewPage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.OVERVIEW)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> OverviewPage:
    return build(window)


def text(page: OverviewPage) -> str:
    """What the page says, without the empty paragraph the layout table starts with."""
    return page.browser.toPlainText().strip()


def test_the_review_at_a_glance(page: OverviewPage) -> None:
    shown = text(page)
    assert shown.startswith("Drugs Scrutiny\nMetropolitan Police Authority · Status: Reporting")
    assert "The Metropolitan Police Authority (MPA) has completed" in shown
    # Terms of reference numbered as papers number them.
    assert "1\tEnsure the MPS has a consistent" in shown.replace("\n", "\t")
    assert "1.2\tIdentifying the various approaches" in shown.replace("\n", "\t")
    assert "2.1\tConsidering the types of performance targets" in shown.replace("\n", "\t")
    assert "Not covered by the review" in shown
    assert "Serious and Organised Crime Agency (SOCA)" in shown
    assert "Home Office" in shown


def test_the_figures_milestones_and_contact(page: OverviewPage) -> None:
    flat = text(page).replace("\n", "\t")
    for label, value in (
        ("Meetings held", "6"),
        ("Meetings to come", "0"),
        ("Postponed", "1"),
        ("Cancelled", "1"),
        ("Witnesses", "8"),
        ("Recommendations", "6"),
    ):
        assert f"{label}\t{value}" in flat, label
    assert "☑\tThu 31 May 2007\tDraft submitted to Full Authority (done)" in flat
    assert "☐\tThu 27 Sept 2007\tFinal report agreed" in flat
    assert "Fauzia Ashraf-Malik\tPolicy and Development Officer" in flat
    assert "Minicom: 020 7202 0173" in flat
    assert "mailto:scrutiny@example.org" in page.browser.toHtml()


def test_what_clerks_type_is_shown_as_text_not_markup(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["review"]["title"] = "<b>Fish & Chips</b> <img src='x'>"
    data["review"]["summary"] = "First <i>paragraph</i>.\n\nSecond & last."
    sqlite_services.reviews.import_bytes(json.dumps(data).encode())
    page = build(make_window(sqlite_services))
    shown = text(page)
    assert shown.startswith("<b>Fish & Chips</b> <img src='x'>\n")
    assert "First <i>paragraph</i>.\nSecond & last." in shown


def test_edit_review_details_from_the_page_then_undo(
    qtbot: QtBot, window: MainWindow, page: OverviewPage
) -> None:
    assert page.edit_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.summary_edit.setPlainText("A shorter summary.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.services.review_edits.details(1).summary == "A shorter summary."
    assert "A shorter summary." in text(page)
    assert "The Metropolitan Police Authority (MPA) has completed" not in text(page)

    window.editor.stack.undo()
    assert "The Metropolitan Police Authority (MPA) has completed" in text(page)
    window.editor.stack.redo()
    assert "A shorter summary." in text(page)


def test_other_changes_update_the_figures(window: MainWindow, page: OverviewPage) -> None:
    window.editor.perform(
        CallStep(
            "Add witness",
            lambda: window.services.witness_edits.add_witness(1, "Chief Executive", key="ceo"),
            lambda: None,
        ),
    )
    assert "Witnesses\t9" in text(page).replace("\n", "\t")


def test_no_review_and_read_only(make_window: WindowFactory, read_only_copy) -> None:
    window = make_window(open_read_only(read_only_copy))
    page = build(window)
    assert "Drugs Scrutiny" in text(page)
    assert not page.edit_button.isEnabled()
    page.show_review(None)
    assert text(page) == "No review is open."
    assert not page.edit_button.isEnabled()


def test_the_page_reads_off_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services, runner=ThreadedTaskRunner())
    qtbot.waitUntil(lambda: window.current_review_id() == 1, timeout=10_000)
    page = build(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=10_000)
    assert text(page).startswith("Drugs Scrutiny")
    assert page.browser.accessibleName() == "Overview of the review"
    assert page.edit_button.accessibleName() == "Edit Review Details"
