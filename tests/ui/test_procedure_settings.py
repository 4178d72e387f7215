"""The Procedure tab of Review Details: quorum, minute numbering and the start of the
municipal year, shown, checked as the clerk types, saved as one undo step with the
rest of the details, and undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.records import MAY_DAY, MonthDay
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.reviews.review_actions import ReviewActions
from scrutiny_desk.ui.shared.review_dialog import ReviewDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def actions(window: MainWindow) -> ReviewActions:
    return ReviewActions(window.workspace, window.shown, window.reviews_model)


def opened(actions: ReviewActions) -> ReviewDialog:
    actions.edit_action.trigger()
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def procedure_tab(dialog: ReviewDialog) -> int:
    return dialog.tabs.indexOf(dialog.procedure)


def test_the_settings_are_saved_and_undone_in_one_step(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    before = services.review_edits.details(1)
    assert (before.quorum, before.minute_numbers, before.year_start) == (3, True, MAY_DAY)
    dialog = opened(actions)
    page = dialog.procedure
    dialog.tabs.setCurrentIndex(procedure_tab(dialog))
    assert page.quorum_spin.value() == 3 and page.numbers_check.isChecked()
    assert (page.day_spin.value(), page.month_combo.currentText()) == (1, "May")
    page.quorum_spin.setFocus()
    page.quorum_spin.selectAll()
    qtbot.keyClicks(page.quorum_spin, "4")
    page.day_spin.setValue(15)
    page.month_combo.setCurrentIndex(page.month_combo.findText("June"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    details = services.review_edits.details(1)
    assert (details.quorum, details.minute_numbers, details.year_start) == (
        4,
        True,
        MonthDay(6, 15),
    )
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    details = services.review_edits.details(1)
    assert (details.quorum, details.year_start) == (3, MAY_DAY)
    window.editor.stack.redo()
    assert services.review_edits.details(1).quorum == 4

    # Numbering off: the day the year starts is kept but cannot be changed meanwhile.
    dialog = opened(actions)
    page = dialog.procedure
    assert page.quorum_spin.value() == 4 and page.month_combo.currentText() == "June"
    page.numbers_check.click()
    assert not page.day_spin.isEnabled() and not page.month_combo.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    details = services.review_edits.details(1)
    assert (details.minute_numbers, details.year_start) == (False, MonthDay(6, 15))
    window.editor.stack.undo()
    assert services.review_edits.details(1).minute_numbers is True


def test_a_day_the_month_does_not_have_is_refused_beside_the_field(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    before = window.services.review_edits.details(1)
    dialog = opened(actions)
    page = dialog.procedure
    page.month_combo.setCurrentIndex(page.month_combo.findText("April"))
    page.day_spin.setValue(31)
    assert page.year_start_problem.problem() == (
        "The day the municipal year starts must be a day from 1 to 30 of that month."
    )
    assert not dialog.ok_button.isEnabled()
    assert not dialog.tabs.tabIcon(procedure_tab(dialog)).isNull()  # the tab is marked
    dialog.accept()  # Enter on a disabled Save: still nothing saved
    assert dialog.isVisible()
    page.day_spin.setValue(30)
    assert page.year_start_problem.problem() is None and dialog.ok_button.isEnabled()
    dialog.reject()
    assert window.services.review_edits.details(1) == before
    assert window.editor.stack.count() == 0


def test_every_setting_has_an_accessible_name_and_a_label(actions: ReviewActions) -> None:
    dialog = opened(actions)
    page = dialog.procedure
    for widget in (page.quorum_spin, page.numbers_check, page.day_spin, page.month_combo):
        assert widget.accessibleName()
    assert dialog.tabs.tabText(dialog.tabs.count() - 2) == "P&rocedure"  # after the lists
