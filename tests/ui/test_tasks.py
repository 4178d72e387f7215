"""The task runners: work off the GUI thread, outcomes on it, stale outcomes dropped."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.errors import NotFoundError
from scrutiny_desk.ui.shared.tasks import (
    SWITCH_INTERVAL_S,
    SynchronousTaskRunner,
    ThreadedTaskRunner,
)

pytestmark = pytest.mark.gui


class Outcomes:
    def __init__(self) -> None:
        self.done: list[object] = []
        self.errors: list[Exception] = []
        self.threads: list[int] = []

    def on_done(self, value: object) -> None:
        self.threads.append(threading.get_ident())
        self.done.append(value)

    def on_error(self, exc: Exception) -> None:
        self.threads.append(threading.get_ident())
        self.errors.append(exc)


def fail() -> None:
    raise NotFoundError("There is no review with id 7")


def test_synchronous_runner_delivers_results_and_errors(qapp: QApplication) -> None:
    runner = SynchronousTaskRunner()
    seen = Outcomes()
    runner.submit(lambda: 42, seen.on_done, seen.on_error)
    runner.submit(fail, seen.on_done, seen.on_error)
    assert seen.done == [42]
    assert [str(e) for e in seen.errors] == ["There is no review with id 7"]
    assert not runner.is_busy()


def test_synchronous_runner_reports_busy_around_each_task(qtbot: QtBot) -> None:
    runner = SynchronousTaskRunner()
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.submit(lambda: 1, lambda _v: None, lambda _e: None)
    assert states == [True, False]


def test_threaded_runner_works_on_another_thread_and_answers_on_this_one(qtbot: QtBot) -> None:
    runner = ThreadedTaskRunner()
    seen = Outcomes()
    worker: list[int] = []

    def work() -> str:
        worker.append(threading.get_ident())
        return "done"

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.submit(work, seen.on_done, seen.on_error)
        runner.submit(fail, seen.on_done, seen.on_error)
    qtbot.waitUntil(lambda: len(seen.threads) == 2, timeout=5000)
    main = threading.get_ident()
    assert worker and worker[0] != main
    assert seen.threads == [main, main]
    assert seen.done == ["done"]
    assert isinstance(seen.errors[0], NotFoundError)
    runner.shutdown()


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot: QtBot) -> None:
    runner = ThreadedTaskRunner()
    release = threading.Event()
    seen = Outcomes()

    def slow() -> str:
        release.wait(5)
        return "stale"

    runner.submit(slow, seen.on_done, seen.on_error, key="meetings")
    runner.submit(lambda: "fresh", seen.on_done, seen.on_error, key="meetings")
    qtbot.waitUntil(lambda: seen.done == ["fresh"], timeout=5000)
    release.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)  # let the stale outcome's queued event arrive, to be dropped
    assert seen.done == ["fresh"]
    assert not runner.is_busy()
    runner.shutdown()


def test_discard_drops_a_pending_outcome(qtbot: QtBot) -> None:
    runner = ThreadedTaskRunner()
    release = threading.Event()
    seen = Outcomes()
    runner.submit(lambda: release.wait(5), seen.on_done, seen.on_error, key="agenda")
    with qtbot.waitSignal(runner.busy_changed, timeout=1000):
        runner.discard("agenda")
    release.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)
    assert seen.done == [] and seen.errors == []
    runner.shutdown()


def test_shutdown_waits_for_running_work_and_starts_no_more(qtbot: QtBot) -> None:
    runner = ThreadedTaskRunner()
    finished = threading.Event()
    seen = Outcomes()

    def work() -> None:
        threading.Event().wait(0.1)
        finished.set()

    runner.submit(work, seen.on_done, seen.on_error)
    runner.shutdown()
    assert finished.is_set()
    qtbot.wait(20)
    assert seen.done == []  # nobody is waiting for it any more
    finished.clear()
    # A view asking for a reload while the window hides: dropped, not an exception.
    runner.submit(work, seen.on_done, seen.on_error, key="agenda")
    assert not runner.is_busy()
    assert runner.wait_for_done(1000)
    qtbot.wait(50)
    assert not finished.is_set()  # never started
    assert seen.done == [] and seen.errors == []


def test_held_work_starts_in_order_on_release_unless_superseded(qtbot: QtBot) -> None:
    """The window holds its runner until its first frame is painted (first_frame.py)."""
    runner = ThreadedTaskRunner(max_threads=1)
    started: list[str] = []
    seen = Outcomes()

    def work(name: str) -> str:
        started.append(name)
        return name

    runner.hold()
    runner.submit(lambda: work("stale"), seen.on_done, seen.on_error, key="meetings")
    runner.submit(lambda: work("reminder"), seen.on_done, seen.on_error)
    runner.submit(lambda: work("meetings"), seen.on_done, seen.on_error, key="meetings")
    assert runner.is_busy()
    assert runner.wait_for_done(1000)
    qtbot.wait(20)
    assert started == []  # held: nothing started
    runner.release()
    qtbot.waitUntil(lambda: len(seen.done) == 2, timeout=5000)
    assert started == ["reminder", "meetings"]  # the superseded one never ran
    assert seen.done == ["reminder", "meetings"]
    assert not runner.is_busy()
    runner.shutdown()


def test_shutdown_while_held_starts_nothing(qtbot: QtBot) -> None:
    runner = ThreadedTaskRunner()
    started: list[int] = []
    seen = Outcomes()
    runner.hold()
    runner.submit(lambda: started.append(1), seen.on_done, seen.on_error)
    runner.shutdown()
    runner.release()
    assert runner.wait_for_done(1000)
    qtbot.wait(20)
    assert started == [] and seen.done == []


def test_the_synchronous_runner_is_never_held(qapp: QApplication) -> None:
    runner = SynchronousTaskRunner()
    seen = Outcomes()
    runner.hold()
    runner.submit(lambda: 42, seen.on_done, seen.on_error)
    assert seen.done == [42]


def test_the_threaded_runner_shortens_the_switch_interval(qtbot: QtBot) -> None:
    """A worker running Python gives the GIL back to the GUI thread within 1 ms, not
    Python's default 5 ms (each call from Qt into Python waits that long at most)."""
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        runner = ThreadedTaskRunner()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S, rel=0.01)
        assert SWITCH_INTERVAL_S <= 0.001
        sys.setswitchinterval(0.0002)  # shorter already: kept
        ThreadedTaskRunner()
        assert sys.getswitchinterval() < 0.0003
        runner.shutdown()
    finally:
        sys.setswitchinterval(before)
