"""Saving a form field by field, as the rest of the app saves: no Save button to forget.

A details pane (the Recommendations editor, the Evidence details) hands each field to
``FieldCommits.watch``; the pane's page is called back with the field's name when the
clerk has finished with it:

- a line of text or a date: when it is left or Enter is pressed (``editingFinished``),
  and a date also when it is picked from the calendar;
- several lines of text: after a short pause in typing, and when it is left;
- a choice (drop-down, tick box, ticked list): at once.

The page then saves what changed as one step (one service call, one undo step).
``flush()`` saves at once what is still waiting; the page calls it when it is hidden,
when the review changes and when the window closes (``Editor.committing``), so no edit
is lost. While the pane fills itself from a record (``filling``), nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

#: The pause in typing after which several lines of text are saved.
PAUSE_MS = 1500


class FieldCommits(QObject):
    """Calls ``commit(name)`` when the clerk is done with a field (``name`` None from
    ``flush``: every field)."""

    def __init__(
        self,
        commit: Callable[[str | None], None],
        filling: Callable[[], bool],
        parent: QObject | None = None,
        pause_ms: int = PAUSE_MS,
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self._filling = filling
        self._typed: dict[QPlainTextEdit, str] = {}
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self._on_pause)
        self._waiting: str | None = None  # the multi-line field typed in, not yet saved

    def watch(self, name: str, widget: QWidget) -> None:
        """Save ``widget``'s value (the form's field ``name``) when the clerk is done."""
        done = partial(self._done, name)
        if isinstance(widget, QPlainTextEdit):
            self._typed[widget] = name
            widget.textChanged.connect(partial(self._on_typed, name))
            widget.installEventFilter(self)
        elif isinstance(widget, QDateEdit):
            widget.editingFinished.connect(done)
            if widget.calendarPopup():
                calendar = widget.calendarWidget()
                # After the popup has put the date in the field.
                calendar.clicked.connect(lambda _d: QTimer.singleShot(0, self, done))
                calendar.activated.connect(lambda _d: QTimer.singleShot(0, self, done))
        elif isinstance(widget, QLineEdit):
            widget.editingFinished.connect(done)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _row: done())
        elif isinstance(widget, QAbstractButton):
            widget.clicked.connect(lambda _checked=False: done())
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(lambda _item: done())
        else:  # pragma: no cover - a programming error
            raise TypeError(f"cannot watch a {type(widget).__name__}")

    @property
    def waiting(self) -> str | None:
        """The multi-line field typed in and waiting for the pause, if any."""
        return self._waiting

    def flush(self) -> None:
        """Save now whatever is waiting."""
        self._pause.stop()
        self._waiting = None
        if not self._filling():
            self._commit(None)

    def forget(self) -> None:
        """Drop the pause under way (the pane put back the saved values)."""
        self._pause.stop()
        self._waiting = None

    def _done(self, name: str) -> None:
        if self._filling():
            return
        if self._waiting is not None and self._waiting != name:
            self.flush()  # another field typed in and not yet paused: save it too
            return
        self._commit(name)

    def _on_typed(self, name: str) -> None:
        if self._filling():
            return
        self._waiting = name
        self._pause.start()

    def _on_pause(self) -> None:
        name, self._waiting = self._waiting, None
        if name is not None and not self._filling():
            self._commit(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._typed:
            name = self._typed[watched]  # type: ignore[index]
            if self._waiting == name:
                self._pause.stop()
                self._waiting = None
                if not self._filling():
                    self._commit(name)
        return super().eventFilter(watched, event)
