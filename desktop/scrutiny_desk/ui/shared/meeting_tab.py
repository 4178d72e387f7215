"""The tabs under the selected meeting: Agenda (editable), Attendance and Minutes.

Each is a ``MeetingTab`` (see ``ui.shared.workspace``): the window calls ``show_meeting`` when
the selection changes and ``reload(topics)`` after an edit of a topic it shows.
``MeetingTabBase`` holds
what they share: reading the meeting off the GUI thread, keeping what the clerk had
selected when the same meeting comes back (the window passes "no meeting" while it
reloads its list after an edit, so the clearing waits a moment), and performing one
undo step.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QStackedWidget, QStatusBar, QVBoxLayout, QWidget

from ...domain.errors import NotFoundError, Problem
from ...domain.topics import Topics
from .commands import Step
from .workspace import Workspace

#: How long "no meeting" waits before it clears the tab: the window reloads its
#: meetings after an edit and selects the same meeting again within this time.
CLEAR_DELAY_MS = 300


class ViewKeys(QObject):
    """Keys that belong to a table while it has the focus (Del, Ctrl+Up, Ctrl+Down).

    The page around the meeting tabs has shortcuts of its own on the same keys (Del
    deletes the selected meeting); a shortcut on the table too would make Qt refuse
    both as ambiguous. Taking the key in ShortcutOverride gives the table its action
    while it has the focus, and the page keeps its shortcut everywhere else."""

    def __init__(
        self, view: QWidget, actions: list[QAction], own: tuple[str, ...] = ("F2",)
    ) -> None:
        super().__init__(view)
        self._actions = actions
        # Keys the table handles itself (F2 edits the cell): no page shortcut takes them.
        self._own = [QKeySequence(k) for k in own]
        view.installEventFilter(self)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            if action.isEnabled() and action.shortcut().matches(pressed) == (
                QKeySequence.SequenceMatch.ExactMatch
            ):
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            action = self._action_for(event)
            if action is None and kind == QEvent.Type.ShortcutOverride:
                pressed = QKeySequence(event.keyCombination())
                if any(
                    k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for k in self._own
                ):
                    event.accept()  # the table's own keyPressEvent gets it
                    return True
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    action.trigger()
                return True
        return super().eventFilter(watched, event)


class MeetingTabBase(QWidget):
    """Subclasses set ``TOPICS`` (what they show) and ``LOAD_KEY`` and implement
    ``read`` (no Qt, runs off the GUI thread), ``present`` and ``present_nothing``."""

    #: Topics (``domain.topics``) whose change makes the tab read its meeting again.
    TOPICS: Topics = frozenset()
    #: The task-runner key of its reads: a newer read supersedes an older one.
    LOAD_KEY = "meeting-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.services = workspace.services
        self._review_id: int | None = None
        self._meeting_id: int | None = None
        self._shown_id: int | None = None  # whose data is on screen
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.setInterval(CLEAR_DELAY_MS)
        self._clear_timer.timeout.connect(self._on_clear_timeout)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(12, 12, 12, 12)
        self.hint.setAccessibleName(self.tr("No meeting"))
        self.body = QWidget()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # MeetingTab protocol ---------------------------------------------------------------

    def show_meeting(self, review_id: int | None, meeting_id: int | None) -> None:
        if meeting_id != self._meeting_id:
            self.leaving_meeting()
        self._review_id = review_id
        if meeting_id is None:
            self._meeting_id = None
            self.workspace.runner.discard(self.LOAD_KEY)
            self.update_actions()
            self._clear_timer.start()
            return
        self._clear_timer.stop()
        self._meeting_id = meeting_id
        if self._shown_id != meeting_id and self.stack.currentWidget() is self.hint:
            # No meeting on screen yet: the hint says what is coming, not a stale
            # "choose a review" from before the window knew its review.
            self.show_hint(self.tr("Loading the meeting…"))
        self.load()

    def reload(self, topics: Topics) -> None:
        if self._meeting_id is not None:
            self.load()

    # What subclasses provide -------------------------------------------------------------

    def read(self, meeting_id: int) -> Any:
        """Everything the tab shows of the meeting (off the GUI thread: services only)."""
        raise NotImplementedError

    def present(self, data: Any, same_meeting: bool) -> None:
        """Show what ``read`` returned; ``same_meeting``: keep the clerk's selection."""
        raise NotImplementedError

    def present_nothing(self) -> None:
        """No meeting is selected (or it is gone): empty models, a hint."""
        raise NotImplementedError

    def update_actions(self) -> None:
        """Enable what can be done now."""

    def start_empty(self) -> None:
        """The end of a subclass's constructor: empty models and disabled actions, and
        no hint until the window says which review and meeting to show (at the start
        the review is being read: "choose a review" would be wrong)."""
        self.present_nothing()
        self.update_actions()
        self.hint.clear()

    def leaving_meeting(self) -> None:
        """The tab is about to show another meeting (or none): save what is pending."""

    # Reading ------------------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    @property
    def review_id(self) -> int | None:
        return self._review_id

    def is_showing(self) -> bool:
        return self._meeting_id is not None and self._shown_id == self._meeting_id

    def writable(self) -> bool:
        return not self.workspace.read_only and self.is_showing()

    def load(self) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        self.workspace.runner.submit(
            partial(self.read, meeting_id),
            partial(self._on_loaded, meeting_id),
            partial(self._on_load_failed, meeting_id),
            key=self.LOAD_KEY,
        )

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.stack.setCurrentWidget(self.hint)

    def _on_loaded(self, meeting_id: int, data: Any) -> None:
        if meeting_id != self._meeting_id:
            return
        same = meeting_id == self._shown_id
        self._shown_id = meeting_id
        self.stack.setCurrentWidget(self.body)
        self.present(data, same)
        self.update_actions()

    def _on_load_failed(self, meeting_id: int, exc: Exception) -> None:
        if meeting_id != self._meeting_id:
            return
        self._shown_id = None
        self.present_nothing()
        self.update_actions()
        if not isinstance(exc, NotFoundError):
            self.workspace.report_error(self.tr("The meeting could not be read"), exc)

    def _on_clear_timeout(self) -> None:
        if self._meeting_id is None:
            self._shown_id = None
            self.present_nothing()
            self.update_actions()

    # Changing -----------------------------------------------------------------------------

    def perform(self, step: Step) -> tuple[Any, list[Problem]]:
        """One undo step; its result (None if refused) and, for a dialog, the problems
        to show beside its fields."""
        return self.workspace.editor.perform_checked(step)

    def say(self, message: str) -> None:
        """A line in the window's status bar."""
        bar = self.workspace.window.findChild(QStatusBar)
        if bar is not None:
            bar.showMessage(message)
