"""What the GUI thread is spared after the window has first shown (issue 13: no stall
over 50 ms): the first use of an edit service happens on the worker, and the pages'
modules are imported in idle turns once the first meetings have arrived
(``ui/window/warm_up.py``), not when the clerk first goes to a page. Timings live in
``tests/bench_gui.py``; these tests check the behaviour only.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import TaskRunner, ThreadedTaskRunner, _name
from scrutiny_desk.ui.window.first_frame import AfterIdle
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.window.warm_up import MODULES

from ..fresh_interpreter import last_line_after, window_start
from .conftest import WindowFactory

pytestmark = pytest.mark.gui


class HeldRunner(TaskRunner):
    """Runs every task at once except those under ``key``, held until ``run_held``."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.held: list[tuple[int, Callable[[], Any]]] = []
        self._holding = False

    def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
        self._holding = options.get("key") == self.key
        return super().submit(work, on_done, on_error, **options)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._holding:
            self.held.append((task_id, work))
        else:
            self._finish(task_id, True, work())

    def run_held(self) -> None:
        for task_id, work in self.held:
            self._finish(task_id, True, work())
        self.held.clear()


def test_the_clash_warnings_make_their_service_on_the_worker(
    make_window: WindowFactory, sample_services: Services
) -> None:
    """The meetings list asks for the review's clash warnings once its rows are in;
    the edit service that reads them (and its modules) is made by the work on the
    worker thread, not on the GUI thread as the list's rows arrive."""
    sample_services.__dict__.pop("meeting_edits", None)  # not made yet, as at a start
    runner = HeldRunner("meeting-warnings")
    window = make_window(sample_services, runner)
    assert window.meetings_page.model.rowCount() > 0
    assert len(runner.held) == 1  # the warnings' read, not run yet
    assert "meeting_edits" not in sample_services.__dict__
    runner.run_held()  # the worker's part
    assert "meeting_edits" in sample_services.__dict__


class StartsAndPaints(ThreadedTaskRunner):
    """Notes when each piece of work really starts (``work <what it calls>``), with
    the paints of one widget and the resets of one model (``watch``)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def watch(self, widget: QObject, model: QObject) -> None:
        widget.installEventFilter(self)
        model.modelAboutToBeReset.connect(lambda: self.events.append("rows"))  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._held is None:
            self.events.append(f"work {_name(work)}")
        super()._start(task_id, work, priority)


def test_what_the_first_meetings_ask_for_starts_once_they_are_painted(
    qtbot: QtBot, sample_services: Services, settings: Settings
) -> None:
    """The first meetings arrive; the list selects one, whose agenda is read, and asks
    for the review's clash warnings. Those reads import their services and the store's
    modules on the workers: they start once the list has painted its new rows, not
    while the GUI thread lays them out and paints them (waiting for Python's lock at
    every cell)."""
    runner = StartsAndPaints()
    window = MainWindow(sample_services, settings, runner)
    qtbot.addWidget(window)
    page = window.meetings_page
    runner.watch(page.view.viewport(), page.model)
    window.show()
    agenda = window.agenda_tab
    qtbot.waitUntil(lambda: agenda.is_showing(), timeout=10_000)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    events = runner.events
    arrived = len(events) - 1 - events[::-1].index("rows")  # the review's meetings
    after = events[arrived:]
    started = [e for e in after if e.startswith("work")]
    assert "work AgendaTab.read" in started and "work _clash_warnings" in started
    first_work = after.index(started[0])
    assert "paint" in after[:first_work], events
    window.runner.shutdown()


def test_after_idle_waits_while_the_gui_thread_is_busy(qtbot: QtBot) -> None:
    """``AfterIdle`` (the hold on the first meetings' reads) calls back only once the
    event loop has had nothing to do for a while, not between turns of busy work."""
    events: list[str] = []
    owner = QObject()

    def busy(turns: int) -> None:
        time.sleep(0.02)  # a turn of work: laying out and painting rows
        events.append("busy")
        if turns > 1:
            QTimer.singleShot(0, lambda: busy(turns - 1))

    QTimer.singleShot(0, lambda: busy(4))
    waiting = AfterIdle(owner, lambda: events.append("idle"))
    qtbot.waitUntil(waiting.done, timeout=5_000)
    assert events == ["busy"] * 4 + ["idle"]


def test_no_warm_up_with_the_synchronous_runner(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window: MainWindow = make_window(sample_services)
    assert window.warm_up is None  # tests run their imports as they come


def test_a_closed_window_warms_up_no_more(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    runner = ThreadedTaskRunner()
    window = make_window(sample_services, runner)
    warm = window.warm_up
    assert warm is not None
    warm.start()
    window.close()
    assert warm.done
    qtbot.wait(50)
    assert warm.imported == []


def test_the_pages_modules_are_imported_once_the_first_meetings_are_in(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """In a fresh interpreter (here every module is imported already): nothing is
    warmed before the first meetings arrive, nor while the runner is busy; then every
    page and meeting tab is built without importing anything, and what the warm-up
    imported is out of the collector's sight."""
    db = tmp_path / "clerk.sqlite3"
    shutil.copy(sqlite_template, db)
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    script = window_start(
        db,
        runtime,
        """
        import json, sys, time
        from PySide6.QtCore import QEventLoop
        from scrutiny_desk.ui.window.pages import ORDER
        from scrutiny_desk.ui.window.warm_up import MODULES

        services.reviews.import_sample()
        window = MainWindow(services, Settings())
        warm = window.warm_up
        loaded = []
        window.meetings_page.model.loaded.connect(loaded.append)
        window.show()

        def pump(until, seconds=30.0):
            end = time.monotonic() + seconds
            while not until() and time.monotonic() < end:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

        pump(lambda: bool(loaded))
        before_meetings = list(warm.imported)
        # Busy for a while (a slow read): nothing is imported meanwhile.
        while_busy = []
        window.runner.submit(
            lambda: time.sleep(0.6), lambda _: while_busy.append(list(warm.imported)), print
        )
        pump(lambda: bool(while_busy))
        while_busy = while_busy[0]
        pump(lambda: warm.done)
        done = warm.done
        warmed = set(sys.modules)
        for page in ORDER:
            window.page(page)
        for tab in ("attendance", "minutes", "live_notes", "invitations"):
            window._meeting_tab(tab)
        import gc
        in_sight = {id(o) for o in gc.get_objects()}  # the collector's: not the frozen
        unfrozen = [m for m in warm.imported if id(vars(sys.modules[m])) in in_sight]
        built = sorted(m for m in set(sys.modules) - warmed if m.startswith("scrutiny_desk"))
        window.runner.shutdown()
        window.close()
        services.close()
        print(json.dumps(dict(
            before_meetings=before_meetings, while_busy=while_busy, done=done,
            imported=warm.imported, built=built, unfrozen=unfrozen,
            missing=[m for m in MODULES if m not in warmed],
        )))
        """,
    )
    found = json.loads(last_line_after(script, tmp_path))
    assert found["before_meetings"] == []
    assert found["while_busy"] == []
    assert found["done"]
    assert found["missing"] == []
    assert found["built"] == []  # every page's modules were imported by the warm-up
    assert set(MODULES) <= set(found["imported"])
    assert len(found["imported"]) == len(set(found["imported"]))  # each once
    # What the imports made lives as long as the process: frozen (``start_gc``), no
    # later full collection walks it on the GUI thread (one took 36 ms in the bench).
    assert found["unfrozen"] == []
