"""The GUI at office scale: a real MainWindow, the real threaded task runner, offscreen.

Run by ``make bench`` (after the service figures, on the same database) or alone:
``python -m tests.bench_gui [--db ...]`` (builds 3,000 meetings, 30,000 items and
2,000 witnesses first). A 5 ms heartbeat timer measures the GUI thread's stalls: the
time between two of its ticks (at most one period more than the stall). Two figures
of issue 13 come from it: the stall of the window's first appearance (from ``show()``
until the event loop turns again after the window's first paint: polishing, laying
out and painting it, and whatever ran before that paint), as a ratio to an empty
PySide6 window's measured the same way in fresh processes in the same run, at most
1.5; and the longest stall after that, over everything below, at most 50 ms (a frame
budget). The first appearance is timed whole, not by the heartbeat: a tick's lateness
leaves out the first 5 ms of a stall, all but ~0.5 ms of the empty window's (its line
prints the heartbeat's reading too).
Targets live here, never in timed tests; each line says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget

from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.listing_records import MeetingFilter
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.meetings.meetings_model import MeetingColumn
from scrutiny_desk.ui.shared.paged import PagedTableModel
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

# name -> target in milliseconds (the time until the clerk sees the result)
TARGETS = {
    "GUI: first meetings on screen": 1000.0,
    "GUI: slowest read on the GUI thread": 25.0,
    "GUI: slowest page to arrive": 300.0,
    "GUI: calendar month": 100.0,
    "GUI: sort meetings by title": 300.0,
    "GUI: sort meetings by items": 300.0,
    "GUI: filter meetings by words": 300.0,
    "GUI: filter meetings by status": 300.0,
    "GUI: witness register on screen": 500.0,
    "GUI: filter witnesses": 300.0,
    "GUI: agenda of a meeting": 300.0,
    "GUI: longest stall after first appearance": 50.0,
    # The reads themselves, alone (best of 5): what the GUI thread would wait for.
    "meeting ids (3,000), by start": 100.0,
    "meeting ids, by items": 150.0,
    "meeting ids, words filter": 100.0,
    "page of 200 meetings + deadlines": 25.0,
    "one meeting (a selected row)": 10.0,
    "calendar weeks (42 days)": 10.0,
    "witness ids (2,000)": 50.0,
    "page of 100 witnesses": 25.0,
}
HEARTBEAT_MS = 5
FIRST_SHOW_RUNS = 5
FIRST_SHOW_TARGET = 1.5  # the window's first appearance, as a ratio to an empty window's
ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
HELD = MeetingStatus.HELD.value


class Heartbeat(QObject):
    """A 5 ms timer; how late each tick comes is how long the GUI thread was busy.

    ``watch(window)`` before showing it: until the window has been painted, and the
    tick after that, the stalls count as its first appearance (``first``: show(),
    layout, the first paint, as lateness); every later stall counts in ``worst``, as
    the time between two ticks."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.first = 0.0  # the longest stall of the first appearance
        self.appearing = False
        self.appeared = False
        self._painted = False
        #: when the event loop first turned after the watched window's first paint
        self.painted_at: float | None = None
        self.worst = 0.0  # the longest stall after the first appearance
        self.worst_busy = 0.0  # the GUI thread's own CPU time between two ticks
        self.phase = "opening the window"
        self.by_phase: dict[str, float] = {}

    def watch(self, window: QWidget) -> None:
        """Count the stalls until ``window`` has painted as its appearance."""
        self.appearing = True
        window.installEventFilter(self)  # the window's own events only: cheap

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.appearing:
            self._painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_paint)  # runs once the whole frame is painted
        return False

    def _after_paint(self) -> None:
        self.painted_at = time.perf_counter()

    def start(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu = time.thread_time()
        gap = (now - self.last) * 1000
        late = gap - HEARTBEAT_MS
        if self.appearing:
            self.first = max(self.first, late)
            if self._painted:  # this tick came after the paint: it has appeared
                self.appearing, self.appeared = False, True
        else:
            # A stall is counted as the whole time between two ticks: at most one period
            # more than the stall itself (the lateness would be up to one period less).
            self.worst = max(self.worst, gap)
            self.worst_busy = max(self.worst_busy, (cpu - self.last_cpu) * 1000)
            self.by_phase[self.phase] = max(self.by_phase.get(self.phase, 0.0), gap)
        self.last_cpu = cpu
        self.last = now


def report(name: str, ms: float) -> bool:
    target = TARGETS[name]
    ok = ms <= target
    print(f"{name:<38} {ms:9.1f} ms  target {target:5.0f} ms  {'PASS' if ok else 'FAIL'}")
    return ok


def wait_until(done: Callable[[], bool], timeout_s: float = 30.0) -> float:
    """Run the event loop (as the app does) until ``done()``; the milliseconds taken."""
    began = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)

    def check() -> None:
        if done() or time.perf_counter() - began > timeout_s:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    if not done():
        loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError("the GUI did not get there in time")
    return (time.perf_counter() - began) * 1000


def settle(ms: int = 50) -> None:
    """Let queued work (repaints, late results) run for a while."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shown(model: PagedTableModel, view: QTableView) -> Callable[[], bool]:
    """The ids have arrived and the rows on show have been read."""

    def done() -> bool:
        if not model.is_loaded():
            return False
        top = max(view.rowAt(0), 0)
        bottom = view.rowAt(view.viewport().height() - 1)
        bottom = model.rowCount() - 1 if bottom < 0 else bottom
        return all(model.is_read(row) for row in range(top, bottom + 1))

    return done


def requery(model: PagedTableModel, view: QTableView, change: Callable[[], None]) -> float:
    """Change the query (sort or filter) and wait until the new rows are shown."""
    loaded: list[int] = []
    model.loaded.connect(loaded.append)
    began = time.perf_counter()
    change()
    wait_until(lambda: bool(loaded) and shown(model, view)())
    model.loaded.disconnect(loaded.append)
    return (time.perf_counter() - began) * 1000


def reads(services: Services, review_id: int) -> list[bool]:
    """The list reads alone, with nothing else running."""
    from .bench import best_of  # here: bench imports this module

    listing = services.listing
    ids = listing.meeting_ids(review_id)
    middle = ids[len(ids) // 2]
    day = listing.meetings([middle], date.today())[0].meeting.start.date()
    wids = listing.witness_ids(review_id)
    words = MeetingFilter(text="meeting 15")
    return [
        report("meeting ids (3,000), by start", best_of(5, lambda: listing.meeting_ids(review_id))),
        report(
            "meeting ids, by items",
            best_of(5, lambda: listing.meeting_ids(review_id, order="items", descending=True)),
        ),
        report(
            "meeting ids, words filter", best_of(5, lambda: listing.meeting_ids(review_id, words))
        ),
        report(
            "page of 200 meetings + deadlines",
            best_of(5, lambda: listing.meetings(ids[1000:1200], date.today())),
        ),
        report(
            "one meeting (a selected row)",
            best_of(5, lambda: listing.meetings([middle], date.today())),
        ),
        report(
            "calendar weeks (42 days)",
            best_of(
                5,
                lambda: listing.meetings_between(
                    review_id, MeetingFilter(), day, day + timedelta(days=41)
                ),
            ),
        ),
        report("witness ids (2,000)", best_of(5, lambda: listing.witness_ids(review_id))),
        report("page of 100 witnesses", best_of(5, lambda: listing.witnesses(wids[1000:1100]))),
    ]


def run(target: str, review_id: int) -> bool:
    """Open the window on ``review_id`` in ``target``; print the figures. All PASS?"""
    app = QApplication.instance() or QApplication([])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    services = Services.open(target)
    results = reads(services, review_id)
    settings = Settings()
    settings.last_review_id = review_id
    settings.meetings_view = "list"
    heartbeat = Heartbeat()
    # The bench's own poll (``shown``) asks a table for its viewport: PySide's first
    # such call resolves the widget's type (10-15 ms, once per process). Paid here, on a
    # table of the bench's, not inside the window's opening that the heartbeat measures.
    QTableView().viewport()

    began = time.perf_counter()
    window = MainWindow(services, settings, ThreadedTaskRunner())
    window.resize(1280, 800)
    built = (time.perf_counter() - began) * 1000
    # The heartbeat counts from show(): building the window comes before any event
    # loop (the app builds it before its event loop starts).
    heartbeat.watch(window)
    heartbeat.start()
    window.show()
    page = window.meetings_page
    model = page.model
    wait_until(shown(model, page.view))
    results.append(report("GUI: first meetings on screen", (time.perf_counter() - began) * 1000))
    print(f"{'  of it building the window':<38} {built:9.1f} ms")
    print(f"{'  meetings in the list':<38} {model.rowCount():9d}")
    # The other pages' first reads (the Overview reads the whole review) run on until
    # the runner is idle; what follows measures the lists alone.
    wait_until(lambda: not window.runner.is_busy())
    print(f"{'  every page of the window read':<38} {(time.perf_counter() - began) * 1000:9.1f} ms")

    # Scroll through the list: each new stretch of rows is a page read.
    heartbeat.phase = "scrolling the meetings"
    view = page.view
    for fraction in (0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 0.0):
        bar = view.verticalScrollBar()
        bar.setValue(int(bar.maximum() * fraction))
        wait_until(shown(model, view))
    slowest = max(ms for _first, _rows, ms in model.page_reads)
    results.append(report("GUI: slowest page to arrive", slowest))
    print(
        f"{'  page reads / rows read':<38} {len(model.page_reads):9d} / "
        f"{sum(rows for _f, rows, _ms in model.page_reads)}"
    )

    heartbeat.phase = "sorting and filtering the meetings"
    results.append(
        report(
            "GUI: sort meetings by title",
            requery(
                model,
                view,
                lambda: view.sortByColumn(MeetingColumn.TITLE, Qt.SortOrder.AscendingOrder),
            ),
        )
    )
    results.append(
        report(
            "GUI: sort meetings by items",
            requery(
                model,
                view,
                lambda: view.sortByColumn(MeetingColumn.ITEMS, Qt.SortOrder.DescendingOrder),
            ),
        )
    )
    view.sortByColumn(MeetingColumn.DATE, Qt.SortOrder.AscendingOrder)
    settle()
    results.append(
        report(
            "GUI: filter meetings by words",
            requery(model, view, lambda: page.filter_edit.setText("meeting 15")),
        )
    )
    print(f"{'  meetings shown':<38} {model.rowCount():9d}")
    page.filter_edit.clear()
    settle()
    combo = page.status_combo
    results.append(
        report(
            "GUI: filter meetings by status",
            requery(
                model, view, lambda: combo.setCurrentIndex(combo.findData(MeetingStatus.HELD.value))
            ),
        )
    )
    combo.setCurrentIndex(0)
    settle()

    # The calendar reads the weeks on show (on the worker thread).
    heartbeat.phase = "turning the calendar's months"
    page.show_view("calendar")
    calendar = page.calendar
    months = []
    for _ in range(6):
        before = calendar.summary_label.text()
        started = time.perf_counter()
        calendar.turn_month(-1)
        wait_until(lambda b=before: calendar.summary_label.text() != b or not calendar._waiting)
        months.append((time.perf_counter() - started) * 1000)
    results.append(report("GUI: calendar month", max(months)))
    page.show_view("list")
    settle()

    # The agenda of a meeting in the middle of the list.
    heartbeat.phase = "opening a meeting's agenda"
    middle = model.id_at(model.rowCount() // 2)
    assert middle is not None
    tab = window.agenda_tab  # in view
    began = time.perf_counter()
    window.select_meeting(middle)
    # Until the tab shows that meeting's agenda: its rows, not the previous meeting's
    # still on screen, and not until the runner is idle (the daily backup of a fresh
    # home folder runs on it then, and made this figure 0.5 s twice in make bench).
    wait_until(lambda: tab.meeting_id == middle and tab.is_showing() and tab.model.rowCount() > 0)
    results.append(report("GUI: agenda of a meeting", (time.perf_counter() - began) * 1000))

    heartbeat.phase = "showing and filtering the witnesses"
    witnesses = window.witnesses_page.model
    began = time.perf_counter()
    window.show_page(PageId.WITNESSES)  # built now: it reads its register as it shows
    wait_until(shown(witnesses, window.witnesses_page.view))
    results.append(report("GUI: witness register on screen", (time.perf_counter() - began) * 1000))
    print(f"{'  witnesses in the register':<38} {witnesses.rowCount():9d}")
    results.append(
        report(
            "GUI: filter witnesses",
            requery(
                witnesses,
                window.witnesses_page.view,
                lambda: window.witnesses_page.filter_edit.setText("witness 19"),
            ),
        )
    )
    slowest = max((ms for _first, _rows, ms in witnesses.page_reads), default=0.0)
    print(f"{'  slowest witness page to arrive':<38} {slowest:9.1f} ms")
    settle(100)
    blocking = [ms for m in (model, witnesses) for _rows, ms in m.blocking_reads]
    results.append(report("GUI: slowest read on the GUI thread", max(blocking, default=0.0)))
    print(f"{'  reads on the GUI thread':<38} {len(blocking):9d}")

    print(f"{'  stall of the first appearance':<38} {heartbeat.first:9.1f} ms")
    results.append(report("GUI: longest stall after first appearance", heartbeat.worst))
    # A stall is the GUI thread's own work, or waiting for Python's lock (the GIL) or
    # for a core: its CPU time between two ticks tells which.
    print(f"{'  of it the GUI thread working, at most':<38} {heartbeat.worst_busy:9.1f} ms")
    print(f"{'  load average of the machine':<38} {os.getloadavg()[0]:9.2f}")
    for phase, late in sorted(heartbeat.by_phase.items(), key=lambda p: -p[1]):
        print(f"  {'stall while ' + phase:<36} {late:9.1f} ms")
    heartbeat.timer.stop()
    window.close()
    services.close()
    del app
    return all(results)


def _first_show(kind: str, target: str, review_id: int) -> tuple[float, float]:
    """In a fresh process: build a window (the app's on ``review_id``, or an empty one
    with a table), show it, and return (its whole stall, how late the heartbeat's first
    tick came), in ms. The whole stall runs from ``show()`` to the first timer the
    event loop runs after the window's first paint (queued during that paint)."""
    app = QApplication.instance() or QApplication([])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    services = None
    if kind == "app":
        services = Services.open(target)
        settings = Settings()
        settings.last_review_id = review_id
        settings.meetings_view = "list"
        window: QMainWindow = MainWindow(services, settings, ThreadedTaskRunner())
    else:
        window = QMainWindow()
        view = QTableView()
        view.setModel(QStandardItemModel(0, 7))
        window.setCentralWidget(view)
    window.resize(1280, 800)
    heartbeat = Heartbeat()
    heartbeat.watch(window)  # its one event filter on the window, as on the floor's
    heartbeat.start()  # show() itself is part of the appearance: polish, layout, sizes
    began = time.perf_counter()
    window.show()
    wait_until(lambda: heartbeat.appeared and heartbeat.painted_at is not None)
    assert heartbeat.painted_at is not None
    window.close()
    if services is not None:
        services.close()
    del app
    return (heartbeat.painted_at - began) * 1000, heartbeat.first


def first_show(target: str, review_id: int) -> bool:
    """The window's first appearance against an empty window's, in fresh processes."""

    def one(kind: str) -> tuple[float, float]:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.bench_gui",
                "--db",
                target,
                "--review",
                str(review_id),
                "--first-show",
                kind,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        whole, late = done.stdout.strip().splitlines()[-1].split()
        return float(whole), float(late)

    floors, apps = [], []
    for _ in range(FIRST_SHOW_RUNS):  # interleaved: a burst of load hits both alike
        floors.append(one("floor"))
        apps.append(one("app"))
    figure = statistics.median(whole for whole, _ in apps)
    floor = statistics.median(whole for whole, _ in floors)
    ratio = figure / floor
    ok = ratio <= FIRST_SHOW_TARGET
    print(
        f"{'GUI: stall of the first appearance':<38} {figure:9.1f} ms  floor {floor:6.1f} ms  "
        f"ratio {ratio:4.2f}  target {FIRST_SHOW_TARGET:.1f}  {'PASS' if ok else 'FAIL'}"
    )
    late_app = statistics.median(late for _, late in apps)
    late_floor = statistics.median(late for _, late in floors)
    print(
        f"{'  the heartbeat late by':<38} {late_app:9.1f} ms  floor {late_floor:6.1f} ms  "
        "(the stall less its first 5 ms)"
    )
    return ok


def main() -> int:
    from scrutiny_desk.services import codec

    from .bench import big_review

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    parser.add_argument("--review", type=int, help="the review to show (default: build one)")
    parser.add_argument("--first-show", choices=("floor", "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_show:
        whole, late = _first_show(args.first_show, args.db, args.review)
        print(whole, late)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRUTINY_DESK_HOME"] = tmp
        target = args.db or str(Path(tmp) / "bench.sqlite3")
        review_id = args.review
        if review_id is None:
            services = Services.open(target)
            review_id = services.reviews.import_bytes(codec.encode(big_review(3000, 10, 2000, 0)))
            services.close()
        shown_ok = run(target, review_id)
        return 0 if first_show(target, review_id) and shown_ok else 1


def run_apart(target: str, review_id: int) -> bool:
    """``run`` in a process of its own, as the app runs: not in one whose heap is full
    of a benchmark's 100,000 notes (the garbage collector would walk them all), with
    the first appearance against its floor (``main``). All PASS?"""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench_gui", "--db", target, "--review", str(review_id)],
        check=False,
    )
    return done.returncode == 0


if __name__ == "__main__":
    sys.exit(main())
