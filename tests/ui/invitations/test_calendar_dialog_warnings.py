"""The single invitation and cancellation dialogs (Meeting menu) show the same warnings
as Send Updates, for the recipient chosen; what they write is recorded as issued and the
Invitations tab reads the register again; a postponed meeting can send its cancellation."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.export_dialog import ExportDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from ..conftest import WindowFactory
from .scenario import MEETING, needing_invitations

pytestmark = pytest.mark.gui

NO_EMAIL = "Borough Commander (witness) has no e-mail address"
PRIVATE = "Service user asked to give evidence in private"


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    meeting_id = needing_invitations(sample_services, 1)
    window = make_window(sample_services)
    window.exports.opener = lambda _path: True
    assert window.select_meeting(meeting_id)
    return window


def open_dialog(window: MainWindow, action: str) -> ExportDialog:
    getattr(window.exports, action).trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def shown(dialog: ExportDialog) -> list[str]:
    return dialog.warnings_box.warnings() if dialog.warnings_box.isVisible() else []


def test_the_panel_invitation_warns_and_its_issue_reaches_the_invitations_tab(
    window: MainWindow, tmp_path: Path
) -> None:
    window.meeting_tabs.setCurrentWidget(window.invitations_tab)
    tab = window.invitations_tab
    before = {
        tab.model.index(r, 0).data(): tab.model.index(r, 4).data()
        for r in range(tab.model.rowCount())
    }
    assert before["Richard Sumray"] == "Not issued"

    dialog = open_dialog(window, "invite_action")
    warnings = shown(dialog)
    assert any(w.startswith(NO_EMAIL) for w in warnings)
    assert any(PRIVATE in w for w in warnings)
    dialog.path_edit.setText(str(tmp_path / "panel.eml"))
    dialog.accept()
    assert (tmp_path / "panel.eml").exists()

    after = {
        tab.model.index(r, 0).data(): tab.model.index(r, 4).data()
        for r in range(tab.model.rowCount())
    }
    assert after["Richard Sumray"] == "Up to date"
    assert after["Director of Drugs Strategy"] == "Not issued"  # a panel file reaches the panel


def test_a_witness_invitation_warns_of_that_witness_only(
    window: MainWindow, sample_services: Services
) -> None:
    user = sample_services.witness_edits.find_witness(1, "user")
    sample_services.witness_edits.update_witness(
        user.id, user.version, WitnessChanges(email="user@example.org")
    )
    dialog = open_dialog(window, "witness_invite_action")
    assert dialog.select_recipient(
        next(w.id for w in sample_services.witnesses.list(1) if w.key == "mps-drugs")
    )
    assert shown(dialog) == []
    assert dialog.select_recipient(user.id)
    warnings = shown(dialog)
    assert len(warnings) == 1 and PRIVATE in warnings[0]
    dialog.reject()


def test_a_postponed_meeting_sends_its_cancellation_with_the_warnings(
    make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    needing_invitations(sample_services, 1)
    meeting = sample_services.meeting_edits.find(1, MEETING)
    sample_services.meeting_edits.postpone_meeting(meeting.id, meeting.version)
    window = make_window(sample_services)
    window.exports.opener = lambda _path: True
    assert window.select_meeting(meeting.id)
    assert window.exports.cancellation_action.isEnabled()
    dialog = open_dialog(window, "cancellation_action")
    assert shown(dialog) == list(sample_services.invitations.warnings(meeting.id))
    dialog.path_edit.setText(str(tmp_path / "cancellation.ics"))
    dialog.accept()
    calendar = Calendar.from_ical((tmp_path / "cancellation.ics").read_bytes())
    assert str(calendar["METHOD"]) == "CANCEL"
    assert [i.kind.value for i in sample_services.invitations.issued(meeting.id)] == [
        "cancellation"
    ]
