"""The Meeting menu's undo steps with a meeting's joining link (format version 5):
from the editor to the database, one user action one undo step, and the changes a step
holds are only what the clerk changed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.records import MeetingSummary
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.ui.meetings.meeting_commands import changes_between, reverse_of
from scrutiny_desk.ui.meetings.meeting_dialog import MeetingDialog, MeetingValues
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

LINK = "https://meet.example.org/j/482-001"


def values_of(m: MeetingSummary) -> MeetingValues:
    """What the editor holds when opened on ``m``."""
    return MeetingValues(m.title, m.kind, m.start, m.end, m.venue, m.status, m.joining_link)


def test_only_the_link_changed_is_saved_and_emptied_is_cleared(
    sample_services: Services,
) -> None:
    ev1 = sample_services.meeting_edits.find(1, "ev1")
    assert changes_between(ev1, values_of(ev1)) == MeetingChanges()
    added = changes_between(ev1, replace(values_of(ev1), joining_link=LINK))
    assert added == MeetingChanges(joining_link=LINK)
    assert reverse_of(ev1, added) == MeetingChanges(joining_link="")  # none before: clear
    linked = replace(ev1, joining_link=LINK)
    assert changes_between(linked, replace(values_of(linked), joining_link=None)) == MeetingChanges(
        joining_link=""
    )


def test_a_joining_link_typed_in_the_editor_is_one_undo_step(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window: MainWindow = make_window(sample_services)
    ev1 = sample_services.meeting_edits.find(1, "ev1")
    assert window.select_meeting(ev1.id)
    window.meetings_page.meeting_prompts.edit_meeting()
    dialog = window.meetings_page.meeting_prompts.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    assert dialog.link_edit.text() == ""
    qtbot.keyClicks(dialog.link_edit, LINK)
    qtbot.waitUntil(lambda: not dialog.deferred.timer.isActive(), timeout=2000)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    linked = sample_services.meeting_edits.find(1, "ev1")
    assert (linked.joining_link, linked.sequence) == (LINK, ev1.sequence + 1)
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    back = sample_services.meeting_edits.find(1, "ev1")
    assert (back.joining_link, back.sequence) == (None, ev1.sequence + 2)
    window.editor.stack.redo()
    assert sample_services.meeting_edits.find(1, "ev1").joining_link == LINK
