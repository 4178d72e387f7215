"""The daily backup waits until the window's runner is idle (``BackupActions._when_idle``):
idle twice before the first check runs (a read, then the read it asked for, both done
in one turn) must do the work once, not fail on the second check."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.ui.reviews.backup_actions import BackupActions

pytestmark = pytest.mark.gui


class _Runner(QObject):
    busy_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.busy = True

    def is_busy(self) -> bool:
        return self.busy


class _Actions(QObject):
    """What ``_when_idle`` reads of the backup actions: the runner and the window."""

    def __init__(self, runner: _Runner, window: QWidget) -> None:
        super().__init__()
        self.workspace = SimpleNamespace(runner=runner)
        self.window = window


def test_idle_twice_before_the_check_does_the_work_once(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    runner = _Runner()
    actions = _Actions(runner, window)
    done: list[str] = []
    BackupActions._when_idle(actions, lambda: done.append("backup"))  # type: ignore[arg-type]
    assert done == []  # busy: it waits
    runner.busy = False
    runner.busy_changed.emit(False)
    runner.busy = True
    runner.busy_changed.emit(True)
    runner.busy = False
    runner.busy_changed.emit(False)  # two checks queued
    qtbot.wait(20)
    assert done == ["backup"]
    runner.busy_changed.emit(False)  # no longer listening
    qtbot.wait(20)
    assert done == ["backup"]
