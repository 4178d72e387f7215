"""A colleague's change, shown in this window within a second.

``LiveUpdates`` (services) hears what other connections committed. On PostgreSQL its
listening socket wakes this object the moment a notice arrives (``QSocketNotifier``), with
a slow timer to come back after a lost connection; on a SQLite file a timer asks the
file's ``data_version`` every ``SQLITE_MS`` (a few microseconds, no table read). The
topics go to the window's own refresh path, the one an edit takes (``apply``), so every
page reads again what changed and keeps its selection.

An edit in progress is never thrown away: while an inline editor is open in a list, a
dialog is open over the window, or the clerk is typing in a field (a note being
captured, a details pane's text not yet saved), what arrived waits and is applied once
that is over (``editing_in_progress``): a refresh reads the record shown again, and
would put its saved text back over the typed one. Pages keep their selection by record
id across a refresh (``shared.paged``, and each page's ``reload``). Conflicts are unchanged: an
edit that started before the colleague's change is refused by the version counter with
the message naming who changed the record and when.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ...domain.topics import Topic, Topics
from ...services.live_updates import LiveUpdates

#: A text field's dynamic property: a refresh of its page never changes what is typed
#: in it, so a colleague's change need not wait for it.
KEEPS_TEXT = "refreshKeepsText"
#: How often a SQLite file is asked whether another connection committed.
SQLITE_MS = 300
#: How often, with a socket to watch, the window checks the connection is still there
#: and applies what waited for an edit to end.
SOCKET_MS = 1000


def editing_in_progress(window: QWidget) -> bool:
    """Is the clerk in the middle of something a refresh could throw away?"""
    if QApplication.activeModalWidget() is not None:
        return True
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible() and dialog.windowModality() != Qt.WindowModality.NonModal:
            return True
    for view in window.findChildren(QAbstractItemView):
        if view.state() == QAbstractItemView.State.EditingState:
            return True
    focus = window.focusWidget()  # the window's, whether or not it is active now
    return focus is not None and _typed_in(focus)


def _typed_in(widget: QWidget) -> bool:
    """A text field changed by the clerk since it was last filled (a search or filter
    box, with its clear button, holds no edit, nor does a field whose page's refresh
    leaves its text alone, marked ``KEEPS_TEXT``: the live notes' capture box)."""
    if widget.property(KEEPS_TEXT):
        return False
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly() and not widget.isClearButtonEnabled() and widget.isModified()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly() and widget.document().isModified()
    return False


class LiveRefresh(QObject):
    """Hears ``live`` for the window and hands it what changed (see the module)."""

    def __init__(
        self,
        window: QWidget,
        live: LiveUpdates,
        review_id: Callable[[], int | None],
        apply: Callable[[Topics], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._live = live
        self._review_id = review_id
        self._apply = apply
        self._pending: set[Topic] = set()
        self._arrived_at: float | None = None
        self._notifier: QSocketNotifier | None = None
        self._fd: int | None = None
        self._timer = QTimer(self)
        # Set before the first start: the socket check below changes it only when a
        # socket comes or goes, and a SQLite file never has one (an interval of 0 would
        # ask the file on every turn of the event loop, a core kept busy all day).
        self._timer.setInterval(SQLITE_MS)
        self._timer.timeout.connect(self.check)
        #: the last changes applied: (seconds from hearing it to the window having read
        #: it again, its topics), for tests
        self.applied: deque[tuple[float, Topics]] = deque(maxlen=50)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._live.start()
        self._watch_socket()
        self._timer.start()

    def stop(self) -> None:
        """Stop hearing (the window closes, or its database does)."""
        self._timer.stop()
        self._drop_notifier()
        self._live.close()
        self._pending.clear()

    def check(self) -> None:
        """Take what has arrived, then apply it unless an edit is in progress."""
        topics = self._live.poll(self._review_id())
        self._watch_socket()  # a lost connection closes its socket; a new one opens one
        if topics:
            if not self._pending:
                self._arrived_at = time.perf_counter()
            self._pending |= topics
        if not self._pending or editing_in_progress(self._window):
            return
        found, self._pending = frozenset(self._pending), set()
        began = self._arrived_at if self._arrived_at is not None else time.perf_counter()
        self._apply(found)
        self.applied.append((time.perf_counter() - began, found))

    def _watch_socket(self) -> None:
        fd = self._live.fileno()
        if fd == self._fd:
            return
        self._drop_notifier()
        self._fd = fd
        if fd is not None:
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.check)
        self._timer.setInterval(SOCKET_MS if fd is not None else SQLITE_MS)

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._fd = None
