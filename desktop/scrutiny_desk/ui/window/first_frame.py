"""The window's first frame before any background work.

A worker thread running Python (the first page of meetings, the retention reminder)
takes the interpreter's lock from the GUI thread whenever it calls into Python, as
Qt lays out and paints the window: its first appearance then stalls two or three
times as long as the painting alone. So the window holds its task runner until it
has painted its first frame, and the rows fill in right after it, as they would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: at the latest, the work starts this long after the first event-loop turn, painted
#: or not (a window shown where nothing is ever exposed)
LATEST_MS = 1000


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
