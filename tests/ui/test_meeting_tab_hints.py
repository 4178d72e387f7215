"""What a meeting tab says while it has nothing to show: never "choose a review" (or "choose
a meeting") while the window has chosen one and its data is on its way (at the window's
start the first meeting is chosen long before the tab's read comes back), nor before the
window has a review; a review with no meetings still reaches them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.meeting_tab import MeetingTabBase
from scrutiny_desk.ui.shared.tasks import TaskRunner

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

TAB_KEYS = {
    "agenda_tab": "agenda-tab",
    "attendance_tab": "attendance-tab",
    "minutes_tab": "minutes-tab",
    "live_notes_tab": "live-notes-tab",
    "invitations_tab": "invitations-tab",
}


class TabReadsHeld(TaskRunner):
    """Runs every task at once except the meeting tabs' reads, held until ``run_held``;
    with ``lists=True`` the lists' reads (the meetings) are held too, until
    ``run_lists``: the order of a start on the threaded runner, where the review is
    shown long before its meetings arrive."""

    def __init__(self, lists: bool = False) -> None:
        super().__init__()
        self.lists = lists
        self.held: list[tuple[int, Callable[[], Any]]] = []
        self.held_lists: list[tuple[int, Callable[[], Any]]] = []
        self._holding: list[tuple[int, Callable[[], Any]]] | None = None

    def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
        key = options.get("key") or ""
        self._holding = (
            self.held
            if key in TAB_KEYS.values()
            else self.held_lists
            if self.lists and key.startswith("paged-")
            else None
        )
        return super().submit(work, on_done, on_error, **options)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._holding is not None:
            self._holding.append((task_id, work))
        else:
            self._finish(task_id, True, work())

    def run_lists(self) -> None:
        self.lists = False
        while self.held_lists:
            task_id, work = self.held_lists.pop(0)
            self._finish(task_id, True, work())

    def run_held(self) -> None:
        held, self.held = self.held, []
        for task_id, work in held:
            self._finish(task_id, True, work())


def _tab(window: Any, name: str) -> MeetingTabBase:
    """The tab, built if not yet, brought into view (where it reads what is chosen)."""
    tab = getattr(window, name)
    assert isinstance(tab, MeetingTabBase), name
    window.meeting_tabs.setCurrentWidget(tab)
    return tab


@pytest.mark.parametrize("name", sorted(TAB_KEYS))
def test_a_meeting_on_its_way_is_not_choose_a_review(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services, name: str
) -> None:
    runner = TabReadsHeld()
    window = make_window(sample_services, runner)
    qtbot.waitUntil(lambda: window.current_meeting() is not None)
    tab = _tab(window, name)
    qtbot.waitUntil(lambda: tab.meeting_id is not None)
    assert not tab.is_showing()
    assert tab.stack.currentWidget() is tab.hint
    assert tab.hint.text() == "Loading the meeting…"
    runner.run_held()
    qtbot.waitUntil(tab.is_showing)
    assert tab.stack.currentWidget() is tab.body


def test_no_review_at_all_hides_the_tabs(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    """With no review the window shows its empty state (import, sample, new review), so
    no tab is told anything nor shows a hint."""
    window = make_window(sqlite_services)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty_state)
    assert not window.agenda_tab.isVisible()
    assert window.agenda_tab.review_id is None


def test_a_review_with_no_meetings_tells_the_tabs(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    """At the start the tabs hear nothing until a review is shown; a review with no
    meeting to choose still reaches them, once its (empty) list is read."""
    sqlite_services.review_edits.create_review("Empty review")
    window = make_window(sqlite_services)
    tab = window.agenda_tab
    qtbot.waitUntil(lambda: tab.hint.text() == "Choose a meeting to edit its agenda.")
    assert tab.review_id == window.current_review_id() is not None


def test_the_start_never_says_choose_a_review(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services, monkeypatch: Any
) -> None:
    """From the window's construction until its first meeting's agenda is on screen,
    with the reads held past the tabs' clear delay, the Agenda tab never asks for a
    review or a meeting (it has both): every hint it is given is recorded."""
    said: list[str] = []
    window_made = False

    def show_hint(tab: MeetingTabBase, text: str) -> None:
        if window_made:  # what the constructors set is replaced before any paint
            said.append(text)
        QLabel.setText(tab.hint, text)
        tab.stack.setCurrentWidget(tab.hint)

    monkeypatch.setattr(MeetingTabBase, "show_hint", show_hint)
    runner = TabReadsHeld(lists=True)
    window = make_window(sample_services, runner)
    window_made = True
    tab = window.agenda_tab
    qtbot.wait(2 * 300)  # past the tabs' clear delay, the review shown, no meeting yet
    assert window.current_review_id() is not None and window.current_meeting() is None
    runner.run_lists()
    qtbot.waitUntil(lambda: window.current_meeting() is not None)
    qtbot.wait(2 * 300)
    assert tab.hint.text() == "Loading the meeting…"
    runner.run_held()
    qtbot.waitUntil(tab.is_showing)
    assert not [text for text in said if text.startswith("Choose")], said
