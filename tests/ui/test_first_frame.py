"""The window's first frame is painted before any background work starts
(ui/window/first_frame.py): a worker running Python would take the interpreter's lock
from the GUI thread as it lays out and paints the window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


class RecordingRunner(ThreadedTaskRunner):
    """Notes, with the window's paints, when each piece of work really starts."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def _start(self, task_id: int, work: Any, priority: int = 0) -> None:
        if self._held is None:
            self.events.append("work")
        super()._start(task_id, work, priority)


class Paints(QObject):
    def __init__(self, window: QWidget, events: list[str]) -> None:
        super().__init__(window)
        self.events = events
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False


def test_a_shown_window_starts_its_loads_after_its_first_paint(
    qtbot: QtBot, sample_services: Services, settings: Settings
) -> None:
    events: list[str] = []
    window = MainWindow(sample_services, settings, RecordingRunner(events))
    qtbot.addWidget(window)
    Paints(window, events)
    assert events == []  # the meetings were asked for, not started
    window.show()
    qtbot.waitUntil(lambda: window.meetings_proxy.rowCount() == 8, timeout=10_000)
    assert events[0] == "paint" and "work" in events
    window.runner.shutdown()


def test_a_window_not_shown_loads_in_the_first_turn_of_the_event_loop(
    qtbot: QtBot, sample_services: Services, settings: Settings
) -> None:
    events: list[str] = []
    window = MainWindow(sample_services, settings, RecordingRunner(events))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.meetings_proxy.rowCount() == 8, timeout=10_000)
    assert "work" in events and "paint" not in events
    window.runner.shutdown()


def test_one_python_event_filter_watches_the_window_as_it_first_shows(
    qtbot: QtBot, sample_services: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every event of the window (a hundred as it first shows) goes through each Python
    filter on it; the backups and the search box watched it too, for nothing then."""
    on_window: list[str] = []
    install = QObject.installEventFilter

    def recording(target: QObject, watcher: QObject) -> None:
        if isinstance(target, MainWindow):
            on_window.append(type(watcher).__name__)
        install(target, watcher)

    monkeypatch.setattr(QObject, "installEventFilter", recording)
    window = MainWindow(sample_services, settings, ThreadedTaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert on_window == ["AfterFirstFrame"]
    qtbot.waitUntil(lambda: window.backup_actions.daily_checked, timeout=10_000)
    assert on_window == ["AfterFirstFrame"]
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "evidence")
    qtbot.waitUntil(window.search_box.results_shown, timeout=10_000)
    assert on_window[-1] == "SearchBox"  # while its list is down
    window.resize(window.width() + 40, window.height())
    assert not window.search_box.results_shown()
    window.runner.shutdown()
