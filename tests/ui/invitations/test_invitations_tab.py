"""The meeting's Invitations tab: the register as a checked Qt model, per person what was
last issued and where they stand, the warnings, read again when the register changes
(files issued outside the undo history) and when the agenda or the meeting does."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from scrutiny_desk.domain.invitation_records import LineState
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_steps import SetItemPeople
from scrutiny_desk.ui.invitations.register_model import LineRole, RegisterColumn, RegisterModel
from scrutiny_desk.ui.window.main_window import MainWindow

from ..conftest import WindowFactory
from .scenario import (
    ITEM,
    TAKEN_OFF,
    needing_invitations,
    needing_updates,
    take_off,
    with_attendees,
)

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def rows(model: RegisterModel) -> dict[str, list[str]]:
    """Person -> the texts of the other columns."""
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, model.columnCount())]
        for r in range(model.rowCount())
    }


def show_invitations(window: MainWindow, meeting_id: int) -> None:
    assert window.select_meeting(meeting_id)
    window.meeting_tabs.setCurrentWidget(window.invitations_tab)
    assert window.invitations_tab.is_showing()


def test_the_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, sample_services: Services, tmp_path: Path
) -> None:
    meeting_id = needing_updates(sample_services, 1, tmp_path)
    model = RegisterModel()
    model.set_lines(sample_services.invitations.register(meeting_id))
    assert model.rowCount() == 11
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    line = model.index(0, 0).data(LineRole)
    assert line.name == model.index(0, RegisterColumn.PERSON).data()


def test_it_shows_who_is_invited_what_was_issued_and_the_warnings(
    make_window: WindowFactory, sample_services: Services
) -> None:
    meeting_id = needing_invitations(sample_services, 1)
    window = make_window(sample_services)
    show_invitations(window, meeting_id)
    tab = window.invitations_tab
    shown = rows(tab.model)
    assert shown["Richard Sumray"] == [
        "Panel member",
        "richard.sumray@example.org",
        "Nothing issued",
        "Not issued",
    ]
    assert shown["Borough Commander"] == [
        "Witness",
        "none",
        "Nothing issued",
        "No e-mail: left out",
    ]
    assert tab.summary_label.text() == (
        "9 people need an invitation, update or cancellation. 2 left out: no e-mail address."
    )
    warnings = tab.warnings_box.warnings()
    assert tab.warnings_box.isVisible()
    assert any(w.startswith("Borough Commander (witness) has no e-mail address") for w in warnings)
    assert any("Service user asked to give evidence in private" in w for w in warnings)
    assert tab.send_button.isEnabled()
    every_text = " ".join(t for texts in shown.values() for t in texts)
    assert " sent" not in every_text.lower()


def test_it_reads_again_after_updates_are_issued_and_after_the_agenda_changes(
    make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    meeting_id = needing_invitations(sample_services, 1)
    window = make_window(sample_services)
    show_invitations(window, meeting_id)
    tab = window.invitations_tab
    window.send_updates.opener = lambda _path: True
    tab.send_button.click()
    dialog = window.send_updates.dialog
    assert dialog is not None
    dialog.folder_edit.setText(str(tmp_path))
    dialog.write_button.click()
    assert window.send_updates.dialog is None
    # Issued outside the undo history, yet the tab has read the register again.
    shown = rows(tab.model)
    assert shown["Richard Sumray"][3] == "Up to date"
    assert shown["Richard Sumray"][2].startswith("Invitation, ")
    assert shown["Richard Sumray"][2].endswith(f", by {sample_services.db.user}")
    assert tab.summary_label.text().startswith(
        "Nobody needs an invitation, update or cancellation."
    )
    assert window.editor.stack.count() == 0  # issuing files is not an undoable edit

    # An agenda edit through the Editor: the witness taken off now holds an older copy.
    item = sample_services.agenda.find(1, ITEM)
    tor = tuple(t.key for t in item.tor)
    before = (tuple(w.key for w in item.witnesses), tor)
    step = SetItemPeople(
        sample_services.agenda, item, before, (("mps-drugs", "borough", "user"), tor)
    )
    assert window.editor.perform(step) is not None
    shown = rows(tab.model)
    assert shown[TAKEN_OFF][0] == "Witness (off the agenda)"
    assert shown[TAKEN_OFF][3] == "To be cancelled"
    assert tab.model.index(0, RegisterColumn.STATE).data(Qt.ItemDataRole.ToolTipRole)


def test_cancelled_lines_say_so(
    make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    meeting_id = needing_updates(sample_services, 1, tmp_path / "first")
    (tmp_path / "again").mkdir()
    plan = sample_services.invitations.plan_updates(meeting_id)
    sample_services.invitations.send_updates(meeting_id, tmp_path / "again", expected=plan)
    window = make_window(sample_services)
    show_invitations(window, meeting_id)
    shown = rows(window.invitations_tab.model)
    assert shown[TAKEN_OFF][2].startswith("Cancellation (no longer on the agenda), ")
    assert shown[TAKEN_OFF][3] == "Cancelled"
    lines = {line.name: line for line in sample_services.invitations.register(meeting_id)}
    assert lines[TAKEN_OFF].state is LineState.CANCELLED


def test_substitutes_and_officers_are_listed_with_how_they_attend_and_sent_with_the_panel(
    make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    meeting_id = needing_invitations(sample_services, 1)
    member = with_attendees(sample_services, 1, meeting_id)
    window = make_window(sample_services)
    show_invitations(window, meeting_id)
    tab = window.invitations_tab
    shown = rows(tab.model)
    assert shown["Cllr Gil Amos"] == [
        f"Substitute for {member}",
        "gil@example.org",
        "Nothing issued",
        "Not issued",
    ]
    assert shown["Hal Ray"][:2] == ["Officer: Scrutiny Officer", "hal@example.org"]
    assert "Cllr Ida Voss" not in shown  # also present: not invited
    assert tab.summary_label.text().startswith("11 people need an invitation")

    # Send Updates lists them in the panel's file and issues it.
    window.send_updates.opener = lambda _path: True
    tab.send_button.click()
    dialog = window.send_updates.dialog
    assert dialog is not None
    model = dialog.model
    panel = next(
        model.index(r, 1).data()
        for r in range(model.rowCount())
        if model.index(r, 2).data().endswith("invitation - panel.eml")
    )
    assert panel.endswith(", Cllr Gil Amos, Hal Ray")
    dialog.folder_edit.setText(str(tmp_path))
    dialog.write_button.click()
    shown = rows(tab.model)
    assert shown["Cllr Gil Amos"][2].startswith("Invitation, ")
    assert shown["Cllr Gil Amos"][3] == shown["Hal Ray"][3] == "Up to date"

    # Taken off the meeting: the tab reads again when attendance changes, and the
    # substitute is sent a cancellation by the key they had.
    take_off(sample_services, "sub-gil")
    window.editor.changed.emit(frozenset({Topic.ATTENDANCE}))
    shown = rows(tab.model)
    assert shown["Cllr Gil Amos"][0] == "Substitute or officer (no longer attending)"
    assert shown["Cllr Gil Amos"][3] == "To be cancelled"
    assert tab.summary_label.text().startswith("1 person needs an invitation, update or")
    (tmp_path / "again").mkdir()
    plan = sample_services.invitations.plan_updates(meeting_id)
    sample_services.invitations.send_updates(meeting_id, tmp_path / "again", expected=plan)
    window.editor.changed.emit(frozenset({Topic.INVITATIONS}))
    shown = rows(tab.model)
    assert shown["Cllr Gil Amos"][2].startswith("Cancellation (no longer attending), ")
    assert shown["Cllr Gil Amos"][3] == "Cancelled"
    assert shown["Hal Ray"][3] == "Up to date"
