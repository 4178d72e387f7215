"""Undo: every user edit is one thin QUndoCommand around one service call.

``Editor.perform(text, do, undo, redo=None, changed=...)`` runs ``do()`` at once (one
service call, one transaction). If it raises, the message is shown and nothing is
pushed. If it succeeds, a command is pushed whose ``undo()`` and later ``redo()`` call
the services again. Commands find their records by key, not id, and quote the version
the last call returned, so an undo after a colleague's change is refused by the
version counter instead of overwriting it. When that happens the message says who
changed what, the window reloads, and the undo history is cleared: a stack whose
commands no longer match the database would be worse than none.

Services say what changed; ``Editor.changed`` tells the views which kinds of data to
reload (``"meetings"``, ``"agenda"``, ``"witnesses"``, ``"panel"``, ``"review"``).

Each review has an undo history of its own (``show_history``): Undo acts on the
history of the review shown, and the history of another survives while a review is
imported, loaded or looked at, to be undone when the clerk comes back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from ..domain.errors import ConflictError, Problem, ScrutinyError, ValidationError
from .tasks import TaskRunner

ALL_KINDS = ("review", "meetings", "agenda", "witnesses", "panel")


class _ServiceCommand(QUndoCommand):
    def __init__(
        self,
        editor: Editor,
        text: str,
        undo: Callable[[], Any],
        redo: Callable[[], Any],
        kinds: tuple[str, ...],
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._undo = undo
        self._redo = redo
        self._kinds = kinds
        self._first = True  # the action itself already ran in Editor.perform

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._editor._run(self._redo, self.text(), self._kinds, again=True)

    def undo(self) -> None:
        self._editor._run(self._undo, self.text(), self._kinds, again=False)


class Editor(QObject):
    """The one way the GUI changes data: perform, undo, redo."""

    #: kinds of data that changed, for views to reload
    changed = Signal(tuple)
    #: what was saved, for the status bar
    saved = Signal(str)
    #: a refused edit: (title, message)
    failed = Signal(str, str)
    #: save now every edit still being typed (before the review changes or the
    #: window closes): details panes that save field by field connect to it
    committing = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Undo and Redo actions made from the group act on the history shown.
        self.group = QUndoGroup(self)
        self._histories: dict[Hashable, QUndoStack] = {}
        self.show_history(None)

    @property
    def stack(self) -> QUndoStack:
        """The history shown: new steps go on it, Undo and Redo act on it."""
        shown = self.group.activeStack()
        assert shown is not None
        return shown

    def show_history(self, owner: Hashable) -> None:
        """Show the undo history of ``owner`` (a review's id; None when there is no
        review), a new one if it has none yet; the others are kept as they are."""
        history = self._histories.get(owner)
        if history is None:
            history = self._histories[owner] = QUndoStack(self)
            self.group.addStack(history)
        self.group.setActiveStack(history)

    def keep_histories(self, owners: Iterable[Hashable]) -> None:
        """Forget the histories of all but these owners (and the one shown): their
        reviews have gone, and so have the records their steps would change."""
        keep = set(owners)
        for owner, history in list(self._histories.items()):
            if owner not in keep and history is not self.group.activeStack():
                del self._histories[owner]
                self.group.removeStack(history)
                history.deleteLater()

    def perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
        changed: Iterable[str] = ALL_KINDS,
    ) -> Any:
        """Run one action now; on success make it one undo step. Its result, or None
        when it was refused (the message has been shown through ``failed``)."""
        kinds = tuple(changed)
        try:
            result = do()
        except ScrutinyError as exc:
            self.failed.emit(text, str(exc))
            if isinstance(exc, ConflictError):
                self.changed.emit(ALL_KINDS)
            return None
        self.stack.push(_ServiceCommand(self, text, undo, redo or do, kinds))
        self.saved.emit(self.tr("Saved: {0}").format(text))
        self.changed.emit(kinds)
        return result

    def perform_later(
        self,
        runner: TaskRunner,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
        changed: Iterable[str] = ALL_KINDS,
        *,
        on_done: Callable[[Any], None],
        on_refused: Callable[[list[Problem]], None],
    ) -> None:
        """``perform_checked`` with ``do`` on a worker, for an action the clerk must
        never wait for on the GUI thread: a capture while another program holds the
        database waits there. Once it succeeds it becomes one undo step and
        ``on_done(result)`` runs; if refused, the message goes out as ``perform``'s
        does and ``on_refused`` gets the problems of refused input (or none)."""
        kinds = tuple(changed)
        history = self.stack  # of the review it was asked in, whichever is shown when done

        def done(result: Any) -> None:
            if any(history is kept for kept in self._histories.values()):  # review still there
                history.push(_ServiceCommand(self, text, undo, redo or do, kinds))
            self.saved.emit(self.tr("Saved: {0}").format(text))
            self.changed.emit(kinds)
            on_done(result)

        def refused(exc: Exception) -> None:
            if not isinstance(exc, ScrutinyError):
                raise exc
            self.failed.emit(text, str(exc))
            if isinstance(exc, ConflictError):
                self.changed.emit(ALL_KINDS)
            on_refused(list(exc.problems) if isinstance(exc, ValidationError) else [])

        runner.submit(do, done, refused)

    def commit_pending(self) -> None:
        """Ask every pane with an edit not yet saved to save it now, each its own step,
        while the undo history it belongs to is still there."""
        self.committing.emit()

    def perform_checked(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
        changed: Iterable[str] = ALL_KINDS,
    ) -> tuple[Any, list[Problem]]:
        """``perform`` for a dialog: its result (None if refused) and, when the service
        refused the input, the problems to show beside the dialog's fields."""
        captured: list[ValidationError] = []

        def run() -> Any:
            try:
                return do()
            except ValidationError as exc:
                captured.append(exc)
                raise

        result = self.perform(text, run, undo, redo, changed)
        if result is None and captured:
            return None, list(captured[0].problems)
        return result, []

    def _run(
        self, call: Callable[[], Any], text: str, kinds: tuple[str, ...], *, again: bool
    ) -> None:
        verb = self.tr("Redo") if again else self.tr("Undo")
        try:
            call()
        except ScrutinyError as exc:
            self.failed.emit(f"{verb}: {text}", str(exc))
            # The stack is mid-step; clear it once Qt has finished this undo/redo.
            QTimer.singleShot(0, self.stack.clear)
            self.changed.emit(ALL_KINDS)
            return
        self.saved.emit(f"{verb}: {text}")
        self.changed.emit(kinds)
