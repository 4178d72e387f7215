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
first ids arrive until the list has painted them (``hold_until_painted``); the
workers then import while the GUI thread is idle.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from ..shared.tasks import TaskRunner

#: at the latest, the work starts this long after the first event-loop turn, painted
#: or not (a window shown where nothing is ever exposed)
LATEST_MS = 1000
#: the list has painted its rows once no paint has followed for this long
QUIET_MS = 20


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


class AfterPainted(QObject):
    """Calls ``then`` once: when ``widget`` has painted and then not again for
    ``QUIET_MS`` (a table paints its new rows, lays out its scroll bars in a timer and
    paints again); in the next turn of the event loop if it is not visible; or
    ``LATEST_MS`` from now, whichever comes first."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setTimerType(Qt.TimerType.PreciseTimer)
        self._quiet.timeout.connect(self._call)
        if not widget.isVisible():
            QTimer.singleShot(0, self, self._call)
            return
        widget.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._call)

    def done(self) -> bool:
        return self._then is None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._widget:
            self._quiet.start(QUIET_MS)  # again if it paints again meanwhile
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._quiet.stop()
            self._widget.removeEventFilter(self)
            then()


def hold_until_painted(runner: TaskRunner, widget: QWidget) -> AfterPainted:
    """Start no work on ``runner`` until ``widget`` has painted what it shows now
    (``AfterPainted``)."""
    runner.hold()
    return AfterPainted(widget, runner.release)
