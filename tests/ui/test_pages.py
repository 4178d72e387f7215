"""The navigation list's pages are built when first shown or asked for
(``ui/window/pages.py``): a start builds the Meetings page alone, and a page built
later reads the review shown, edits made before it included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.evidence.evidence_page import EvidencePage
from scrutiny_desk.ui.notes.notes_page import NotesPage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.terms.terms_page import TermsPage
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.window.pages import ORDER, page_title

from .conftest import WindowFactory
from .topic_edits import perform_edit

pytestmark = pytest.mark.gui


def test_a_start_builds_the_meetings_page_alone(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    assert window._pages.built() == [window.meetings_page]
    assert window.pages.count() == 1
    assert window.pages.currentWidget() is window.meetings_page
    # Every page is in the navigation list all the same, in its place.
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [page_title(page) for page in ORDER]
    assert window.navigation.currentRow() == ORDER.index(PageId.MEETINGS)


def test_choosing_a_page_builds_it_once_and_it_reads_the_review(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.navigation.setCurrentRow(ORDER.index(PageId.NOTES))
    notes = window.pages.currentWidget()
    assert isinstance(notes, NotesPage)
    assert notes.model.rowCount() > 0  # the sample's notes, read as it came into view
    window.show_page(PageId.MEETINGS)
    window.show_page(PageId.NOTES)
    assert window.notes_page is notes and window.page(PageId.NOTES) is notes
    assert window.pages.count() == 2


def test_an_edit_builds_no_page_and_a_page_built_after_it_shows_it(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    review_id = window.current_review_id()
    assert review_id is not None
    before = len(sample_services.notes.ids(review_id, NoteFilter()))
    perform_edit(window, Topic.NOTES)  # a note added through the editor
    assert window._pages.built() == [window.meetings_page]
    window.show_page(PageId.NOTES)
    assert window.notes_page.model.rowCount() == before + 1


def test_asking_for_a_page_builds_it_without_showing_it(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    coverage = window.coverage_page
    assert window._pages.is_built(PageId.COVERAGE)
    assert window.pages.currentWidget() is window.meetings_page
    window.show_page(PageId.COVERAGE)
    assert window.pages.currentWidget() is coverage
    assert coverage.summary.text()  # it read the review as it came into view


# The three other ways to a page a start has not built: its Go menu action, its
# shortcut and Go To (a search result, a coverage cell, the follow-up list).


def _not_built_yet(window: MainWindow, page: PageId) -> None:
    assert not window._pages.is_built(page)
    assert window.pages.currentWidget() is window.meetings_page


def _in_view(window: MainWindow, page: PageId) -> object:
    """The page in view, and the navigation list showing it chosen."""
    assert window.navigation.currentRow() == ORDER.index(page)
    assert window._pages.is_built(page)
    return window.pages.currentWidget()


def test_the_go_menu_builds_a_page_not_built_yet(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    _not_built_yet(window, PageId.TERMS)
    action = next(a for a in window.go_menu.actions() if a.data() == PageId.TERMS)
    action.trigger()
    terms = _in_view(window, PageId.TERMS)
    assert isinstance(terms, TermsPage)
    assert terms.model.rowCount() > 0  # the sample's terms of reference, read as it came


def test_a_page_shortcut_builds_a_page_not_built_yet(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(window.isActiveWindow)
    _not_built_yet(window, PageId.EVIDENCE)
    key = ORDER.index(PageId.EVIDENCE) + 1  # Ctrl+1 .. Ctrl+0 in navigation order
    qtbot.keyClick(
        window.meetings_view, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.ControlModifier
    )
    evidence = _in_view(window, PageId.EVIDENCE)
    assert isinstance(evidence, EvidencePage)
    assert evidence.model.rowCount() > 0


def test_go_to_builds_the_page_of_a_record_and_selects_it(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    _not_built_yet(window, PageId.NOTES)
    assert window.reveal("note", "n3")
    notes = _in_view(window, PageId.NOTES)
    assert isinstance(notes, NotesPage)
    note = notes.current_note()
    assert note is not None and note.key == "n3"
