"""Undo: every user edit is one thin QUndoCommand around one service call.

An action is a named ``Step`` of its feature (``DeleteNote``, ``RenameWitness`` ...)
holding the record's key and the values before and after. ``Editor.perform(step)``
runs ``step.do()`` at once (one service call, one transaction). If it raises, the
message is shown and nothing is pushed. If it succeeds, the step is pushed, and its
``undo()`` and later ``redo()`` call the services again. Steps find their records by
key, not id, and quote the version the last call returned, so an undo after a
colleague's change is refused by the version counter instead of overwriting it. When
that happens the message says who changed what, the window reloads, and the undo
history is cleared: a stack whose commands no longer match the database would be worse
than none.

The services say what changed: the topics each call's transactions wrote are recorded
(``services.changes.recording``) and ``Editor.changed`` tells the views; each view
declares the topics it shows. A refused edit because of a colleague's change reloads
everything.

Each review has an undo history of its own (``show_history``): Undo acts on the
history of the review shown, and the history of another survives while a review is
imported, loaded or looked at, to be undone when the clerk comes back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from ...domain.errors import ConflictError, Problem, ScrutinyError, ValidationError
from ...domain.topics import EVERYTHING, Topics
from ...services.changes import recording
from .tasks import TaskRunner


class Step:
    """One user action as an undo step. Subclasses are named for the action, keep the
    record's key and the values before and after, and call one service method in each of
    ``do``, ``undo`` and (when it differs from ``do``) ``redo``."""

    def __init__(self, text: str) -> None:
        self.text = text  # what Undo, Redo and the status bar say

    def do(self) -> Any:
        raise NotImplementedError

    def undo(self) -> Any:
        raise NotImplementedError

    def redo(self) -> Any:
        return self.do()


def _recorded(call: Callable[[], Any]) -> tuple[Any, Topics]:
    with recording() as topics:
        result = call()
    return result, frozenset(topics)


class _UndoCommand(QUndoCommand):
    def __init__(self, editor: Editor, step: Step) -> None:
        super().__init__(step.text)
        self._editor = editor
        self._step = step
        self._first = True  # the action itself already ran in Editor.perform

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._editor._run(self._step.redo, self.text(), again=True)

    def undo(self) -> None:
        self._editor._run(self._step.undo, self.text(), again=False)


class Editor(QObject):
    """The one way the GUI changes data: perform, undo, redo."""

    #: the topics (``domain.topics.Topic``) a change wrote, a frozenset, for views to reload
    changed = Signal(object)
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

    def clear_histories(self) -> None:
        """Forget every step of every review's history: after personal data is erased
        no undo may bring the erased words back, nor act on the records they named."""
        for history in self._histories.values():
            history.clear()

    def reload_all(self) -> None:
        """Everything may have changed (a review imported, restored or removed)."""
        self.changed.emit(EVERYTHING)

    def perform(self, step: Step) -> Any:
        """Run one action now; on success make it one undo step. Its result, or None
        when it was refused (the message has been shown through ``failed``)."""
        try:
            result, topics = _recorded(step.do)
        except ScrutinyError as exc:
            self._refused(step.text, exc)
            return None
        self.stack.push(_UndoCommand(self, step))
        self.saved.emit(self.tr("Saved: {0}").format(step.text))
        self.changed.emit(topics)
        return result

    def perform_later(
        self,
        runner: TaskRunner,
        step: Step,
        *,
        on_done: Callable[[Any], None],
        on_refused: Callable[[list[Problem]], None],
    ) -> None:
        """``perform_checked`` with ``do`` on a worker, for an action the clerk must
        never wait for on the GUI thread: a capture while another program holds the
        database waits there. Once it succeeds it becomes one undo step and
        ``on_done(result)`` runs; if refused, the message goes out as ``perform``'s
        does and ``on_refused`` gets the problems of refused input (or none)."""
        history = self.stack  # of the review it was asked in, whichever is shown when done

        def done(outcome: tuple[Any, Topics]) -> None:
            result, topics = outcome
            if any(history is kept for kept in self._histories.values()):  # review still there
                history.push(_UndoCommand(self, step))
            self.saved.emit(self.tr("Saved: {0}").format(step.text))
            self.changed.emit(topics)
            on_done(result)

        def refused(exc: Exception) -> None:
            if not isinstance(exc, ScrutinyError):
                raise exc
            self._refused(step.text, exc)
            on_refused(list(exc.problems) if isinstance(exc, ValidationError) else [])

        runner.submit(lambda: _recorded(step.do), done, refused)

    def commit_pending(self) -> None:
        """Ask every pane with an edit not yet saved to save it now, each its own step,
        while the undo history it belongs to is still there."""
        self.committing.emit()

    def perform_checked(self, step: Step) -> tuple[Any, list[Problem]]:
        """``perform`` for a dialog: its result (None if refused) and, when the service
        refused the input, the problems to show beside the dialog's fields."""
        captured: list[ValidationError] = []
        checked = _Checked(step, captured)
        result = self.perform(checked)
        if result is None and captured:
            return None, list(captured[0].problems)
        return result, []

    def _refused(self, text: str, exc: ScrutinyError) -> None:
        self.failed.emit(text, str(exc))
        if isinstance(exc, ConflictError):
            self.changed.emit(EVERYTHING)

    def _run(self, call: Callable[[], Any], text: str, *, again: bool) -> None:
        verb = self.tr("Redo") if again else self.tr("Undo")
        try:
            _result, topics = _recorded(call)
        except ScrutinyError as exc:
            self.failed.emit(f"{verb}: {text}", str(exc))
            # The stack is mid-step; clear it once Qt has finished this undo/redo.
            QTimer.singleShot(0, self.stack.clear)
            self.changed.emit(EVERYTHING)
            return
        self.saved.emit(f"{verb}: {text}")
        self.changed.emit(topics)


class _Checked(Step):
    """A step whose first run keeps the problems of refused input for a dialog."""

    def __init__(self, step: Step, captured: list[ValidationError]) -> None:
        super().__init__(step.text)
        self._step = step
        self._captured = captured

    def do(self) -> Any:
        try:
            return self._step.do()
        except ValidationError as exc:
            self._captured.append(exc)
            raise

    def undo(self) -> Any:
        return self._step.undo()

    def redo(self) -> Any:
        return self._step.redo()
