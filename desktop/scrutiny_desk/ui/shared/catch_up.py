"""What pages and meeting tabs out of view missed, told to them when they come into view.

At start-up, after choosing a meeting and after every edit, only the widget in view
reads: the others would read on workers at the same moment, and the GUI thread would
wait for Python's lock behind them. A widget that comes into view is then told what it
missed: the subject it should now show (a review, a meeting), or, if it shows that
already, the topics it shows that changed since (``reload(topics)``). A widget is
told only of the topics it declares (``TOPICS``), and not at all if none changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from ...domain.topics import Topic, Topics

S = TypeVar("S")
_NOTHING_YET = object()  # before the first subject (None is a subject: "no review")


class CatchUp(Generic[S]):
    def __init__(self, show: Callable[[QWidget, S], None]) -> None:
        self._show = show
        self._subject: object = _NOTHING_YET
        #: widget id -> (the subject it shows, topics it shows changed since)
        self._state: dict[int, tuple[object, set[Topic]]] = {}

    def show(self, subject: S, in_view: QWidget | None) -> None:
        """The subject changed: the widget in view shows it now, the others later."""
        self._subject = subject
        self.bring_up_to_date(in_view)

    def changed(self, widgets: list[QWidget], in_view: QWidget | None, topics: Topics) -> None:
        """These topics changed: the widget in view reloads if it shows one of them,
        the others note it."""
        for widget in widgets:
            shown = topics_shown(widget, topics)
            if not shown:
                continue
            if widget is in_view:
                widget.reload(shown)  # type: ignore[attr-defined]
            elif id(widget) in self._state:
                self._state[id(widget)][1].update(shown)

    def bring_up_to_date(self, widget: QWidget | None) -> None:
        """A widget comes into view: tell it what it missed."""
        if widget is None or self._subject is _NOTHING_YET:
            return
        shown, missed = self._state.get(id(widget), (_NOTHING_YET, set()))
        if shown != self._subject:
            self._show(widget, self._subject)  # type: ignore[arg-type]
        elif missed:
            widget.reload(frozenset(missed))  # type: ignore[attr-defined]
        self._state[id(widget)] = (self._subject, set())


def topics_shown(widget: QWidget, topics: Topics) -> Topics:
    """Those of ``topics`` the widget shows (its ``TOPICS``)."""
    return topics & getattr(widget, "TOPICS", frozenset())
