"""The Attendance tab in a real main window over the sample review: answers chosen by
mouse and keyboard, each one undo step, checked in the database."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import AttendanceStatus
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.attendance.attendance_model import AttendanceColumn
from scrutiny_desk.ui.attendance.attendance_tab import AttendanceTab
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    """The tab, its workspace and the window refer to each other: collect them now, so
    that no window of this test outlives it (test_app counts the windows)."""
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_tab(window: MainWindow, meeting_key: str) -> AttendanceTab:
    tab = window.attendance_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    window.activateWindow()
    QApplication.processEvents()
    tab.view.setFocus()
    return tab


def status(services: Services, meeting_id: int, key: str) -> AttendanceStatus | None:
    return next(a.status for a in services.minutes.attendance(meeting_id) if a.member_key == key)


def click_cell(qtbot: QtBot, tab: AttendanceTab, key: str, column: AttendanceColumn) -> None:
    row = tab.model.row_of_key(key)
    assert row is not None
    index = tab.model.index(row, column)
    qtbot.mouseClick(
        tab.view.viewport(), Qt.MouseButton.LeftButton, pos=tab.view.visualRect(index).center()
    )


def test_one_row_per_member_and_the_model_is_sound(window: MainWindow, qtmodeltester) -> None:
    tab = open_tab(window, "recs")
    qtmodeltester.check(tab.model, force_py=True)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 7
    assert tab.model.index(0, AttendanceColumn.MEMBER).data() == "Richard Sumray"
    assert tab.model.index(0, AttendanceColumn.ROLE).data() == "Chair"
    assert tab.summary_label.text() == "6 present, 1 apology"
    present = tab.model.index(0, AttendanceColumn.PRESENT)
    assert present.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert present.data(Qt.ItemDataRole.AccessibleTextRole) == "Present: chosen"


def test_record_attendance_by_mouse_and_keyboard_with_undo(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    meeting_id = tab.meeting_id
    assert meeting_id is not None

    # A click on Absent: one step.
    click_cell(qtbot, tab, "whittaker", AttendanceColumn.ABSENT)
    qtbot.waitUntil(lambda: status(services, meeting_id, "whittaker") is AttendanceStatus.ABSENT)
    assert tab.summary_label.text() == "5 present, 1 apology, 1 absent"
    assert window.editor.stack.count() == 1
    window.undo_action.trigger()
    assert status(services, meeting_id, "whittaker") is AttendanceStatus.PRESENT
    window.redo_action.trigger()
    assert status(services, meeting_id, "whittaker") is AttendanceStatus.ABSENT

    # Space on the Apologies cell of the selected member (one who votes by name on no
    # resolution: such a voter must stay present for the item).
    row = tab.model.row_of_key("prem")
    assert row is not None
    tab.view.setCurrentIndex(tab.model.index(row, AttendanceColumn.APOLOGIES))
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: status(services, meeting_id, "prem") is AttendanceStatus.APOLOGIES)

    # Ctrl+0 records nothing; its undo puts the record back where it was.
    qtbot.keyClick(tab.view, Qt.Key.Key_0, CTRL)
    assert status(services, meeting_id, "prem") is None
    assert tab.summary_label.text() == "4 present, 1 apology, 1 absent, 1 not recorded"
    window.undo_action.trigger()
    assert status(services, meeting_id, "prem") is AttendanceStatus.APOLOGIES
    members = [a.member for a in services.reviews.document(1).meetings[6].attendance]
    assert members.index("prem") == 6
    window.undo_action.trigger()
    assert status(services, meeting_id, "prem") is AttendanceStatus.PRESENT
    assert window.editor.stack.count() == 3  # three steps, the last two undone


def test_the_rest_present_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "responses")
    meeting_id = tab.meeting_id
    assert meeting_id is not None
    assert tab.summary_label.text() == "0 present, 0 apologies, 7 not recorded"
    tab.set_current(AttendanceStatus.APOLOGIES)  # the first member
    qtbot.keyClick(tab.view, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    statuses = [a.status for a in services.minutes.attendance(meeting_id)]
    assert statuses == [AttendanceStatus.APOLOGIES] + [AttendanceStatus.PRESENT] * 6
    assert tab.summary_label.text() == "6 present, 1 apology"
    window.undo_action.trigger()
    statuses = [a.status for a in services.minutes.attendance(meeting_id)]
    assert statuses == [AttendanceStatus.APOLOGIES] + [None] * 6


def test_approved_minutes_freeze_the_attendance(window: MainWindow) -> None:
    tab = open_tab(window, "ev3")
    assert tab.locked_banner.isVisible()
    assert "Reopen them on the Minutes tab" in tab.locked_text.text()
    assert not tab.model.flags(tab.model.index(0, AttendanceColumn.ABSENT)) & (
        Qt.ItemFlag.ItemIsUserCheckable
    )
    assert not tab.present_action.isEnabled()
    assert tab.summary_label.text() == "5 present, 2 apologies"
