"""The papers' language and the body's country on the Procedure tab of Review Details:
shown, saved as one undo step with the rest of the details, undone and redone; a new
review takes them too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Country, PaperLanguage
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
    QApplication.processEvents()
    return dialog


def test_language_and_country_are_saved_and_undone_in_one_step(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    before = services.review_edits.details(1)
    assert (before.language, before.country) == (PaperLanguage.ENGLISH, Country.ENGLAND)
    dialog = opened(actions)
    fields = dialog.procedure.language
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(dialog.procedure))
    assert fields.language_combo.currentText() == "English"
    assert fields.country_combo.currentText() == "England"
    texts = [fields.language_combo.itemText(i) for i in range(fields.language_combo.count())]
    assert texts == ["English", "Cymraeg (Welsh)", "Bilingual: Welsh first, then English"]
    fields.language_combo.setCurrentIndex(2)
    fields.country_combo.setCurrentIndex(fields.country_combo.findText("Wales"))
    assert dialog.changes().language is PaperLanguage.BILINGUAL
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    details = services.review_edits.details(1)
    assert (details.language, details.country) == (PaperLanguage.BILINGUAL, Country.WALES)
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    details = services.review_edits.details(1)
    assert (details.language, details.country) == (PaperLanguage.ENGLISH, Country.ENGLAND)
    window.editor.stack.redo()
    assert services.review_edits.details(1).language is PaperLanguage.BILINGUAL

    # Shown again as saved, and only the language changed is a change.
    dialog = opened(actions)
    fields = dialog.procedure.language
    assert fields.language() is PaperLanguage.BILINGUAL and fields.country() is Country.WALES
    fields.language_combo.setCurrentIndex(1)
    changes = dialog.changes()
    assert changes.language is PaperLanguage.WELSH
    assert changes == type(changes)(language=PaperLanguage.WELSH)
    dialog.reject()


def test_a_new_review_takes_its_language_and_country(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    actions.new_action.trigger()
    dialog = actions.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.title_edit, "Adolygiad: bysiau gwledig")
    fields = dialog.procedure.language
    fields.language_combo.setCurrentIndex(1)
    fields.country_combo.setCurrentIndex(1)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    made = [r for r in window.services.reviews.list() if r.title == "Adolygiad: bysiau gwledig"]
    assert len(made) == 1
    details = window.services.review_edits.details(made[0].id)
    assert (details.language, details.country) == (PaperLanguage.WELSH, Country.WALES)
