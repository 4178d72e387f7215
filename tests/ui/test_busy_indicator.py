"""The status bar's busy indicator appears only for work that lasts, and never flickers
(``ui/window/busy_indicator.py``): shown at once, it flashed on and off at every short
read of a scrolled list and was painted in the window's first frame."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.busy_indicator import SHOW_AFTER_MS, SHOW_AT_LEAST_MS, BusyIndicator

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

#: Qt's coarse timers (the default) may fire up to 5% early.
COARSE = 0.95


_parents: list[QWidget] = []  # a parent lives until the test's end (qtbot closes it)


def _indicator(qtbot: QtBot) -> BusyIndicator:
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents[:] = [parent]
    indicator = BusyIndicator("Working", parent)
    parent.show()
    return indicator


def test_short_work_never_shows_it(qtbot: QtBot) -> None:
    indicator = _indicator(qtbot)
    for _ in range(3):  # three reads, one after another
        indicator.set_busy(True)
        qtbot.wait(30)
        indicator.set_busy(False)
        qtbot.wait(10)
    qtbot.wait(SHOW_AFTER_MS + 200)
    assert indicator.isHidden()


def test_work_that_lasts_shows_it_after_the_delay(qtbot: QtBot) -> None:
    indicator = _indicator(qtbot)
    began = time.monotonic()
    indicator.set_busy(True)
    assert indicator.isHidden()
    qtbot.waitUntil(indicator.isVisible, timeout=5_000)
    assert (time.monotonic() - began) * 1000 >= SHOW_AFTER_MS * COARSE
    assert indicator.accessibleName() == "Working"
    assert indicator.minimum() == indicator.maximum() == 0  # indeterminate


def test_once_shown_it_stays_long_enough_to_be_read(qtbot: QtBot) -> None:
    indicator = _indicator(qtbot)
    indicator.set_busy(True)
    qtbot.waitUntil(indicator.isVisible, timeout=5_000)
    shown = time.monotonic()
    indicator.set_busy(False)  # the work ends just after it appeared
    assert indicator.isVisible()
    qtbot.waitUntil(indicator.isHidden, timeout=5_000)
    assert (time.monotonic() - shown) * 1000 >= SHOW_AT_LEAST_MS * COARSE


def test_work_again_before_it_went_keeps_it(qtbot: QtBot) -> None:
    indicator = _indicator(qtbot)
    indicator.set_busy(True)
    qtbot.waitUntil(indicator.isVisible, timeout=5_000)
    indicator.set_busy(False)
    indicator.set_busy(True)  # the next task at once
    qtbot.wait(SHOW_AT_LEAST_MS + 100)
    assert indicator.isVisible()
    indicator.set_busy(False)
    qtbot.waitUntil(indicator.isHidden, timeout=5_000)


def test_the_window_shows_it_for_a_long_task_only(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    runner = ThreadedTaskRunner()
    window = make_window(sample_services, runner=runner)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    indicator = window.busy_indicator
    qtbot.waitUntil(indicator.isHidden, timeout=5_000)

    shows = _Shows()
    indicator.installEventFilter(shows)
    done: list[object] = []
    runner.submit(lambda: 1, done.append, lambda *_: None)  # a quick read
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    qtbot.wait(SHOW_AFTER_MS + 200)
    assert shows.count == 0  # not even a flash

    release = threading.Event()
    runner.submit(lambda: release.wait(10), done.append, lambda *_: None)
    qtbot.waitUntil(indicator.isVisible, timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: len(done) == 2 and indicator.isHidden(), timeout=5_000)
    assert shows.count == 1


class _Shows(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False
