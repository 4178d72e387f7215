"""Each topic a page or meeting tab declares (``TOPICS``) makes it read again after a
real edit of that topic through the window's editor: Overview, Notes, Coverage, the
Live Notes tab and the search box's results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.coverage.coverage_page import CoveragePage
from scrutiny_desk.ui.live_notes.live_notes_tab import LiveNotesTab
from scrutiny_desk.ui.notes.notes_page import NotesPage
from scrutiny_desk.ui.overview.overview_page import OverviewPage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .topic_edits import EDITS, perform_edit

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    """Count the calls of ``owner.name`` (a service's read) from now on."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_every_declared_topic_has_an_edit() -> None:
    for widget in (OverviewPage, NotesPage, CoveragePage, LiveNotesTab):
        assert widget.TOPICS.issubset(EDITS), widget


@pytest.mark.parametrize("topic", sorted(OverviewPage.TOPICS, key=lambda t: t.value))
def test_overview(window: MainWindow, monkeypatch: pytest.MonkeyPatch, topic: Topic) -> None:
    window.show_page(PageId.OVERVIEW)
    reads = count_calls(monkeypatch, window.services.reviews, "overview")
    perform_edit(window, topic)
    assert reads


@pytest.mark.parametrize("topic", sorted(NotesPage.TOPICS, key=lambda t: t.value))
def test_notes_page(window: MainWindow, monkeypatch: pytest.MonkeyPatch, topic: Topic) -> None:
    window.show_page(PageId.NOTES)
    reads = count_calls(monkeypatch, window.services.notes, "ids")
    perform_edit(window, topic)
    assert reads


@pytest.mark.parametrize("topic", sorted(CoveragePage.TOPICS, key=lambda t: t.value))
def test_coverage(window: MainWindow, monkeypatch: pytest.MonkeyPatch, topic: Topic) -> None:
    window.show_page(PageId.COVERAGE)
    reads = count_calls(monkeypatch, window.services.coverage, "matrix")
    perform_edit(window, topic)
    assert reads


@pytest.mark.parametrize("topic", sorted(LiveNotesTab.TOPICS, key=lambda t: t.value))
def test_live_notes_tab(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, topic: Topic
) -> None:
    window.show_page(PageId.MEETINGS)
    tab = window.live_notes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    assert window.select_meeting(window.services.meeting_edits.find(1, "ev1").id)
    qtbot.waitUntil(tab.is_showing)
    reads = count_calls(monkeypatch, tab, "read")
    perform_edit(window, topic)
    qtbot.waitUntil(lambda: bool(reads))


def test_the_edits_show_on_the_pages(window: MainWindow) -> None:
    """Not only read again: what the clerk sees changes."""
    window.show_page(PageId.NOTES)
    notes = window.notes_page.model.rowCount()
    perform_edit(window, Topic.NOTES)
    assert window.notes_page.model.rowCount() == notes + 1
    window.show_page(PageId.COVERAGE)
    before = window.coverage_page.summary.text()
    perform_edit(window, Topic.NOTES)
    assert window.coverage_page.summary.text() != before


def test_search_results_follow_a_note_saved(qtbot: QtBot, window: MainWindow) -> None:
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "topic test")
    qtbot.waitUntil(lambda: box.results is not None)
    assert box.results is not None
    before = len(box.results.hits)
    perform_edit(window, Topic.NOTES)  # "Topic test note"
    qtbot.waitUntil(lambda: box.results is not None and len(box.results.hits) == before + 1)
