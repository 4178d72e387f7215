"""The window's first frame before any background work.

A worker thread running Python (the first page of meetings, the retention reminder)
takes the interpreter's lock from the GUI thread whenever it calls into Python, as
Qt lays out and paints the window: its first appearance then stalls two or three
times as long as the painting alone. So the window holds its task runner until it
has painted its first frame, and the rows fill in right after it, as they would.

The same holds for the first meetings: as they arrive, the list selects one and asks
for its agenda and for the review's clash warnings. Started at once, those reads
import their services and the store's modules on the two workers (a few hundred
milliseconds of Python the first time) while the GUI thread lays out and paints the
rows, and every call from Qt into Python (each cell painted) waits for the lock:
the window stalled 80-200 ms. So the window holds its runner again from the moment the
first ids arrive until the GUI thread is idle again, the rows painted
(``hold_until_idle``); the workers then import while the GUI thread has nothing to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from ..shared.tasks import TaskRunner

#: at the latest, the work starts this long after the first event-loop turn, painted
#: or not (a window shown where nothing is ever exposed)
LATEST_MS = 1000
#: the GUI thread is idle once a timer of this interval has come on time (at most
#: ``ON_TIME_MS`` late) this many times in a row
IDLE_TICK_MS = 5
ON_TIME_MS = 3.0
IDLE_TICKS = 2


class AfterFirstFrame(QObject):
    """Calls ``then`` once: right after ``window`` paints for the first time; in the
    first turn of the event loop if the window is not shown by then; or ``LATEST_MS``
    after that turn, whichever comes first."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self._first_turn)

    def done(self) -> bool:
        return self._then is None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._window:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)  # once the whole frame is painted
        return False

    def _first_turn(self) -> None:
        if self._window.isVisible():
            QTimer.singleShot(LATEST_MS, self, self._call)
        else:
            self._call()

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()


class AfterIdle(QObject):
    """Calls ``then`` once the GUI thread has been idle: ``IDLE_TICKS`` ticks in a row
    of an ``IDLE_TICK_MS`` timer came at most ``ON_TIME_MS`` late, so whatever was
    pending ran before them (new rows laid out and painted, a layout done in a timer and
    painted again); at the latest ``LATEST_MS`` from now. It looks at no widget:
    looking up a list's viewport, a widget Qt made, costs 10-15 ms the first time
    (PySide resolves its type)."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then: Callable[[], None] | None = then
        self._on_time = 0
        self._last = time.perf_counter()
        self._ticks = QTimer(self)
        self._ticks.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticks.setInterval(IDLE_TICK_MS)
        self._ticks.timeout.connect(self._tick)
        self._ticks.start()
        QTimer.singleShot(LATEST_MS, self, self._call)

    def done(self) -> bool:
        return self._then is None

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - IDLE_TICK_MS
        self._last = now
        self._on_time = self._on_time + 1 if late <= ON_TIME_MS else 0
        if self._on_time >= IDLE_TICKS:
            self._call()

    def _call(self) -> None:
        then, self._then = self._then, None
        self._ticks.stop()
        if then is not None:
            then()


def hold_until_idle(runner: TaskRunner, parent: QObject) -> AfterIdle:
    """Start no work on ``runner`` until the GUI thread is idle (``AfterIdle``)."""
    runner.hold()
    return AfterIdle(parent, runner.release)
