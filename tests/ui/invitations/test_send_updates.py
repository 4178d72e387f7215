"""Meeting > Send Updates…: what will go to whom is listed before anything is written,
with the warnings; the form (.eml or .ics) and the folder are the clerk's; the files
written are exactly those listed, each recorded as issued; a change made meanwhile is
refused and listed again; then the window says what it wrote and offers the folder."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.invitations.send_updates_dialog import PlanModel, SendUpdatesDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from ..conftest import WindowFactory
from .scenario import MEETING, TAKEN_OFF, needing_updates

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def meeting_id(sample_services: Services, tmp_path: Path) -> int:
    return needing_updates(sample_services, 1, tmp_path / "first")


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services, meeting_id: int) -> MainWindow:
    window = make_window(sample_services)
    assert window.select_meeting(meeting_id)
    return window


def open_dialog(window: MainWindow) -> SendUpdatesDialog:
    assert window.send_updates.action.isEnabled()
    window.send_updates.action.trigger()
    dialog = window.send_updates.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def listed(dialog: SendUpdatesDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_plan_is_listed_with_its_warnings_before_anything_is_written(
    window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialog = open_dialog(window)
    panel = (
        "Richard Sumray, Rachel Whittaker, Richard Barnes, Joanne McCartney, "
        "Elizabeth Howlett, Damian Hockney, Aneeta Prem"
    )
    assert listed(dialog) == [
        ["Update", panel, "2027-01-25 update - panel.eml"],
        [
            "Cancellation (no longer on the agenda)",
            TAKEN_OFF,
            f"2027-01-25 cancellation - {TAKEN_OFF}.eml",
        ],
        [
            "Update",
            "Director of Drugs Strategy",
            "2027-01-25 update - Director of Drugs Strategy.eml",
        ],
    ]
    assert dialog.heading.text().endswith(": 3 files to write")
    assert dialog.email_radio.isChecked()
    assert dialog.warnings_box.isVisible()
    warnings = dialog.warnings_box.warnings()
    assert any(w.startswith("Borough Commander (witness) has no e-mail address") for w in warnings)
    assert any("Service user asked to give evidence in private" in w for w in warnings)
    assert list(out.iterdir()) == []  # nothing written by listing
    dialog.reject()
    assert list(out.iterdir()) == []


def test_calendar_files_are_written_as_listed_recorded_and_the_folder_offered(
    window: MainWindow, sample_services: Services, meeting_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    opened: list[Path] = []
    window.send_updates.opener = lambda path: opened.append(path) or True
    issued_before = len(sample_services.invitations.issued(meeting_id))
    dialog = open_dialog(window)
    dialog.ics_radio.setChecked(True)  # listed again, as calendar files
    names = [row[2] for row in listed(dialog)]
    assert names and all(name.endswith(".ics") for name in names)
    dialog.folder_edit.setText(str(out))
    dialog.write_button.click()

    assert window.send_updates.dialog is None
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    methods = {p.name: str(Calendar.from_ical(p.read_bytes())["METHOD"]) for p in out.iterdir()}
    assert methods[f"2027-01-25 cancellation - {TAKEN_OFF}.ics"] == "CANCEL"
    assert methods["2027-01-25 update - panel.ics"] == "REQUEST"
    assert len(sample_services.invitations.issued(meeting_id)) == issued_before + 3
    assert window.statusBar().currentMessage() == f"Wrote 3 files to {out}."
    box = window.send_updates.result_box
    assert box is not None and box.isVisible()
    assert "recorded as issued" in box.informativeText()
    open_button = next(b for b in box.buttons() if b.text() == "&Open Folder")
    open_button.click()
    assert opened == [out]
    assert window.settings.last_export_folder == str(out)


def test_e_mails_are_the_default(window: MainWindow, tmp_path: Path) -> None:
    window.send_updates.opener = lambda _path: True
    dialog = open_dialog(window)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.write_button.click()
    written = sorted(tmp_path.glob("2027-01-25 *.eml"))
    assert len(written) == 3
    message = message_from_bytes(written[0].read_bytes())
    assert message["To"]


def test_a_change_made_meanwhile_is_refused_and_listed_again(
    window: MainWindow, sample_services: Services, meeting_id: int, tmp_path: Path
) -> None:
    dialog = open_dialog(window)
    assert len(listed(dialog)) == 3
    # A colleague issues the updates from their own copy meanwhile.
    plan = sample_services.invitations.plan_updates(meeting_id)
    (tmp_path / "colleague").mkdir()
    sample_services.invitations.send_updates(meeting_id, tmp_path / "colleague", expected=plan)
    out = tmp_path / "out"
    out.mkdir()
    dialog.folder_edit.setText(str(out))
    dialog.write_button.click()
    assert window.send_updates.dialog is dialog and dialog.isVisible()
    assert "changed since" in (dialog.problem_label.problem() or "")
    assert listed(dialog) == []  # listed again: nothing left to send
    assert dialog.nothing_label.isVisible()
    assert not dialog.write_button.isEnabled()
    assert list(out.iterdir()) == []
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    dialog.reject()


def test_a_missing_folder_is_said_in_the_dialog(window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(window)
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    dialog.write_button.click()
    assert dialog.isVisible()
    assert "does not exist" in (dialog.problem_label.problem() or "")
    assert dialog.write_button.isEnabled()
    dialog.reject()


def test_a_held_meeting_has_nothing_to_send(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    held = sample_services.meeting_edits.find(1, "ev3")
    assert window.select_meeting(held.id)
    dialog = open_dialog(window)
    assert listed(dialog) == []
    assert dialog.nothing_label.isVisible()
    assert "held" in dialog.nothing_label.text()
    assert not dialog.write_button.isEnabled()
    dialog.reject()


def test_the_action_needs_a_meeting(
    make_window: WindowFactory, sample_services: Services, meeting_id: int
) -> None:
    window = make_window(sample_services)
    window.send_updates.update_action(None)
    assert not window.send_updates.action.isEnabled()
    meeting = sample_services.meeting_edits.find(1, MEETING)
    window.send_updates.update_action(meeting)
    assert window.send_updates.action.isEnabled()


def test_the_plan_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, sample_services: Services, meeting_id: int
) -> None:
    model = PlanModel()
    model.set_files(sample_services.invitations.plan_updates(meeting_id).files)
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
