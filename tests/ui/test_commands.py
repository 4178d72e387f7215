"""The undo framework: one action, one step; refusals push nothing; a conflict during
undo clears the history and reloads."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.errors import ConflictError, Problem, ValidationError
from scrutiny_desk.ui.commands import Editor

pytestmark = pytest.mark.gui


def test_action_is_one_undo_step(qtbot: QtBot) -> None:
    editor = Editor()
    state = {"value": 1}
    changes: list[tuple[str, ...]] = []
    editor.changed.connect(changes.append)

    def set_to(n: int) -> int:
        state["value"] = n
        return n

    assert (
        editor.perform("Set to 2", lambda: set_to(2), lambda: set_to(1), changed=["meetings"]) == 2
    )
    assert editor.stack.count() == 1 and state["value"] == 2
    editor.stack.undo()
    assert state["value"] == 1
    editor.stack.redo()
    assert state["value"] == 2
    assert changes == [("meetings",)] * 3


def test_refused_action_pushes_nothing(qtbot: QtBot) -> None:
    editor = Editor()
    failures: list[tuple[str, str]] = []
    editor.failed.connect(lambda title, message: failures.append((title, message)))

    def refuse() -> None:
        raise ValidationError(Problem("title", "must not be empty"))

    assert editor.perform("Rename", refuse, lambda: None) is None
    assert editor.stack.count() == 0
    assert failures == [("Rename", "title: must not be empty")]


def test_conflict_during_undo_clears_history(qtbot: QtBot) -> None:
    editor = Editor()
    failures: list[str] = []
    editor.failed.connect(lambda _title, message: failures.append(message))

    def conflict() -> None:
        raise ConflictError("Meeting was changed by Alex at 10:02")

    editor.perform("First", lambda: None, lambda: None)
    editor.perform("Second", lambda: None, conflict)
    editor.stack.undo()
    assert failures == ["Meeting was changed by Alex at 10:02"]
    qtbot.waitUntil(lambda: editor.stack.count() == 0)


def test_perform_checked_gives_a_dialog_the_problems_of_refused_input(qtbot: QtBot) -> None:
    editor = Editor()
    problem = Problem("title", "must not be empty")

    def refuse() -> None:
        raise ValidationError([problem])

    assert editor.perform_checked("Rename", refuse, lambda: None) == (None, [problem])
    assert editor.stack.count() == 0
    assert editor.perform_checked("Rename", lambda: 7, lambda: None) == (7, [])
    assert editor.stack.count() == 1
