"""The Overview's figures follow edits made anywhere in the window (issue #11): a note
and a recommendation added through the window's editor change what it says, on the
page in view and after leaving the page and coming back."""

from __future__ import annotations

from typing import Any

import pytest

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.live_notes.capture_step import CaptureNote
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def figure(window: MainWindow, label: str) -> str:
    """The number the Overview shows beside ``label``, as the clerk reads it."""
    lines = window.overview_page.browser.toPlainText().splitlines()
    glance = lines[lines.index("At a glance") :]
    return glance[glance.index(label) + 1]


def first_term(window: MainWindow) -> str:
    return window.services.reviews.terms_of_reference(1)[0].key


def add_note(window: MainWindow) -> None:
    """As the Live Notes tab saves one: its own step, through the window's editor."""
    step = CaptureNote(
        "Note",
        window.services.notes,
        1,
        "Overview test note",
        [first_term(window)],
        item=None,
        meeting=None,
        access=None,
    )
    assert window.editor.perform(step) is not None


class AddRecommendation(Step):
    def __init__(self, services: Services, text: str) -> None:
        super().__init__("Add recommendation")
        self._recs = services.recommendations
        self._text = text
        self._key = ""

    def do(self) -> Any:
        entry = self._recs.create(1, self._text)
        self._key = entry.key
        return entry

    def undo(self) -> Any:
        entry = self._recs.find(1, self._key)
        return self._recs.delete(entry.id, entry.version)


def add_recommendation(window: MainWindow) -> None:
    assert window.editor.perform(AddRecommendation(window.services, "Count the notes")) is not None


def test_a_note_and_a_recommendation_change_the_figures_in_view(window: MainWindow) -> None:
    window.show_page(PageId.OVERVIEW)
    notes, recs = int(figure(window, "Notes")), int(figure(window, "Recommendations"))
    add_note(window)
    add_recommendation(window)
    assert figure(window, "Notes") == f"{notes + 1:,}"
    assert figure(window, "Recommendations") == f"{recs + 1:,}"
    window.editor.stack.undo()
    window.editor.stack.undo()
    assert figure(window, "Notes") == f"{notes:,}"
    assert figure(window, "Recommendations") == f"{recs:,}"


def test_the_figures_catch_up_after_leaving_the_page_and_coming_back(
    window: MainWindow,
) -> None:
    window.show_page(PageId.OVERVIEW)
    notes, recs = int(figure(window, "Notes")), int(figure(window, "Recommendations"))
    window.show_page(PageId.NOTES)
    add_note(window)
    window.show_page(PageId.RECOMMENDATIONS)
    add_recommendation(window)
    window.show_page(PageId.OVERVIEW)
    assert figure(window, "Notes") == f"{notes + 1:,}"
    assert figure(window, "Recommendations") == f"{recs + 1:,}"
    window.show_page(PageId.MEETINGS)
    window.show_page(PageId.OVERVIEW)
    assert figure(window, "Notes") == f"{notes + 1:,}"
