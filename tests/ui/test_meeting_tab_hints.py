"""What a meeting tab says while it has nothing to show: never "choose a review" (or "choose
a meeting") while the window has chosen one and its data is on its way (at the window's
start the first meeting is chosen long before the tab's read comes back), and still
what to do when the database has no review at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
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
    """Runs every task at once except the meeting tabs' reads, held until ``run_held``."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[int, Callable[[], Any]]] = []
        self._holding = False

    def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
        self._holding = options.get("key") in TAB_KEYS.values()
        return super().submit(work, on_done, on_error, **options)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._holding:
            self.held.append((task_id, work))
        else:
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


NOTHING_HINTS = {
    "agenda_tab": "Choose or add a review to see its meetings and agendas.",
    "attendance_tab": "Choose or add a review to see its meetings.",
    "minutes_tab": "Choose or add a review to see its meetings.",
    "live_notes_tab": "Choose a meeting to take notes at it.",
    "invitations_tab": "Choose a meeting to see what was issued for it.",
}


@pytest.mark.parametrize("name", sorted(TAB_KEYS))
def test_no_review_at_all_says_what_to_do(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services, name: str
) -> None:
    """The tab starts with no hint (the review is not known yet), then, the database
    having none, says what to do: the blank start must not last."""
    window = make_window(sqlite_services)
    tab = _tab(window, name)
    qtbot.waitUntil(lambda: tab.hint.text() == NOTHING_HINTS[name])
    assert tab.stack.currentWidget() is tab.hint
