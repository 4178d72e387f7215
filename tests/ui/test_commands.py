"""The undo framework: one action, one step; refusals push nothing; a conflict during
undo clears the history and reloads."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.errors import ConflictError, Problem, ValidationError
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.commands import Editor
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from tests.ui.steps import CallStep

pytestmark = pytest.mark.gui


def test_action_is_one_undo_step(qtbot: QtBot) -> None:
    editor = Editor()
    state = {"value": 1}
    changes: list[frozenset[Topic]] = []
    editor.changed.connect(changes.append)

    def set_to(n: int) -> int:
        state["value"] = n
        return n

    assert editor.perform(CallStep("Set to 2", lambda: set_to(2), lambda: set_to(1))) == 2
    assert editor.stack.count() == 1 and state["value"] == 2
    editor.stack.undo()
    assert state["value"] == 1
    editor.stack.redo()
    assert state["value"] == 2
    assert changes == [frozenset()] * 3  # it wrote nothing to the database


def test_each_run_reports_the_topics_the_services_wrote(
    qtbot: QtBot, sample_services: Services
) -> None:
    editor = Editor()
    changes: list[frozenset[Topic]] = []
    editor.changed.connect(changes.append)
    review_id = sample_services.reviews.list()[0].id
    notes = sample_services.notes
    made = editor.perform(
        CallStep(
            "Take note",
            lambda: notes.capture(review_id, "Heard.", ["scale"], key="heard"),
            lambda: notes.delete(*_note(sample_services, review_id)),
            lambda: notes.capture(review_id, "Heard.", ["scale"], key="heard"),
        ),
    )
    assert made is not None
    editor.stack.undo()
    editor.stack.redo()
    assert changes[0] == changes[2] == frozenset({Topic.NOTES})
    # Deleting a note also clears the recommendations' and the report paragraphs' links
    # to it: the store reports every table that refers to a deleted row.
    assert changes[1] == frozenset({Topic.NOTES, Topic.RECOMMENDATIONS, Topic.REPORT})


def _note(services: Services, review_id: int) -> tuple[int, int]:
    [entry] = [
        e
        for e in services.notes.entries(services.notes.ids(review_id, NoteFilter(), "created"))
        if e.key == "heard"
    ]
    return entry.id, entry.version


def test_refused_action_pushes_nothing(qtbot: QtBot) -> None:
    editor = Editor()
    failures: list[tuple[str, str]] = []
    editor.failed.connect(lambda title, message: failures.append((title, message)))

    def refuse() -> None:
        raise ValidationError(Problem("title", "must not be empty"))

    assert editor.perform(CallStep("Rename", refuse, lambda: None)) is None
    assert editor.stack.count() == 0
    assert failures == [("Rename", "title: must not be empty")]


def test_conflict_during_undo_clears_history(qtbot: QtBot) -> None:
    editor = Editor()
    failures: list[str] = []
    editor.failed.connect(lambda _title, message: failures.append(message))

    def conflict() -> None:
        raise ConflictError("Meeting was changed by Alex at 10:02")

    editor.perform(CallStep("First", lambda: None, lambda: None))
    editor.perform(CallStep("Second", lambda: None, conflict))
    editor.stack.undo()
    assert failures == ["Meeting was changed by Alex at 10:02"]
    qtbot.waitUntil(lambda: editor.stack.count() == 0)


def test_perform_checked_gives_a_dialog_the_problems_of_refused_input(qtbot: QtBot) -> None:
    editor = Editor()
    problem = Problem("title", "must not be empty")

    def refuse() -> None:
        raise ValidationError([problem])

    assert editor.perform_checked(CallStep("Rename", refuse, lambda: None)) == (None, [problem])
    assert editor.stack.count() == 0
    assert editor.perform_checked(CallStep("Rename", lambda: 7, lambda: None)) == (7, [])
    assert editor.stack.count() == 1


def test_each_review_has_a_history_of_its_own(qtbot: QtBot) -> None:
    editor = Editor()
    state = {"a": 0, "b": 0}

    def set_to(owner: str, n: int) -> int:
        state[owner] = n
        return n

    editor.show_history(1)
    editor.perform(CallStep("Edit A", lambda: set_to("a", 1), lambda: set_to("a", 0)))
    editor.show_history(2)  # another review shown (imported, loaded or chosen)
    assert editor.stack.count() == 0
    editor.perform(CallStep("Edit B", lambda: set_to("b", 1), lambda: set_to("b", 0)))
    editor.show_history(1)
    assert editor.stack.undoText() == "Edit A"
    editor.stack.undo()
    assert state == {"a": 0, "b": 1}

    editor.keep_histories([1])  # review 2 has gone: so has its history
    editor.show_history(2)
    assert editor.stack.count() == 0


def test_a_step_done_on_a_worker_joins_the_history_it_was_asked_in(qtbot: QtBot) -> None:
    editor = Editor()
    runner = ThreadedTaskRunner()
    release = threading.Event()
    done: list[object] = []
    editor.show_history(1)
    editor.perform_later(
        runner,
        CallStep("Capture", lambda: release.wait(5), lambda: None),
        on_done=done.append,
        on_refused=lambda _problems: None,
    )
    editor.show_history(2)  # the clerk moved on while the capture waited
    release.set()
    qtbot.waitUntil(lambda: done == [True], timeout=5000)
    assert editor.stack.count() == 0
    editor.show_history(1)
    assert editor.stack.undoText() == "Capture"
    runner.shutdown()
