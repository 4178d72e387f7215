"""The status bar's busy indicator: shown only for work that lasts.

Most of what the task runner does (a page of rows, a meeting's agenda, a search) is
over in tens of milliseconds. An indicator shown at once flashed on and off at each of
those reads (every stretch of a scrolled list), telling the clerk nothing, and each time
laid out the status bar again and painted the animated bar: at a start it was the
dearest single widget of the window's first frame. So, as desktop applications do with
a busy indicator, it appears only once work has gone on for ``SHOW_AFTER_MS``, and once
shown it stays for at least ``SHOW_AT_LEAST_MS`` so that it never flickers.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressBar, QWidget

SHOW_AFTER_MS = 400
SHOW_AT_LEAST_MS = 300


class BusyIndicator(QProgressBar):
    """An indeterminate bar; ``set_busy`` as the work starts and ends."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setMaximumWidth(120)
        self.setMaximumHeight(14)
        self.setTextVisible(False)
        self.setAccessibleName(accessible_name)
        self.hide()
        self._busy = False
        self._shown_at = 0.0
        self._appear = QTimer(self)
        self._appear.setSingleShot(True)
        self._appear.setInterval(SHOW_AFTER_MS)
        self._appear.timeout.connect(self._on_appear)
        self._disappear = QTimer(self)
        self._disappear.setSingleShot(True)
        self._disappear.timeout.connect(self.hide)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self._disappear.stop()  # work again before it went: it stays
            if self.isHidden() and not self._appear.isActive():
                self._appear.start()
            return
        self._appear.stop()
        if self.isHidden():
            return
        shown_for = (time.monotonic() - self._shown_at) * 1000
        if shown_for >= SHOW_AT_LEAST_MS:
            self.hide()
        else:
            self._disappear.start(int(SHOW_AT_LEAST_MS - shown_for) + 1)

    def _on_appear(self) -> None:
        if self._busy:
            self._shown_at = time.monotonic()
            self.show()
