"""The Minutes tab in a real main window over the sample review: a minute written, an
action agreed, the minutes approved, locked, unlocked with a recorded reason and locked
again, all through the widgets, checked in the database, undone and redone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access, ActionStatus, MinutesEvent, MinutesStatus
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.minutes import minutes_tab
from scrutiny_desk.ui.minutes.minutes_tab import MinutesTab
from scrutiny_desk.ui.shared.actions_model import ActionColumn
from scrutiny_desk.ui.shared.agenda_items_model import MinuteColumn
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


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_tab(window: MainWindow, meeting_key: str) -> MinutesTab:
    tab = window.minutes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    window.activateWindow()
    QApplication.processEvents()
    return tab


def click_item(qtbot: QtBot, tab: MinutesTab, title: str) -> None:
    rows = [tab.items_model.record(r).title for r in range(tab.items_model.rowCount())]
    index = tab.items_model.index(rows.index(title), MinuteColumn.TITLE)
    qtbot.mouseClick(
        tab.items_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=tab.items_view.visualRect(index).center(),
    )


def minute(services: Services, key: str) -> str | None:
    return services.agenda.find(1, key).minute


def test_the_items_beside_the_minutes_and_sound_models(window: MainWindow, qtmodeltester) -> None:
    tab = open_tab(window, "ev3")
    for model in (tab.items_model, tab.actions_model):
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)
    assert tab.items_model.rowCount() == 6
    last = tab.items_model.index(5, MinuteColumn.TITLE)
    assert last.data() == "Evidence from a former drug user"
    assert last.data(Qt.ItemDataRole.BackgroundRole) is not None  # closed: tinted
    assert tab.actions_model.rowCount() == 1
    done = tab.actions_model.index(0, ActionColumn.DONE)
    assert done.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Approved: frozen, read-only under a banner saying when and where.
    assert tab.locked_banner.isVisible()
    assert tab.locked_text.text() == (
        "Approved on 16 April 2007 at Visit to a borough Drug Intervention Programme: "
        "these are the minutes as approved, kept exactly as they print. To change "
        "anything, reopen the minutes (Reopen Minutes…; the reason is recorded)."
    )
    assert tab.editor.isReadOnly()
    assert not tab.approve_action.isEnabled()
    assert tab.reopen_action.isEnabled()
    assert not tab.add_action_action.isEnabled()  # the actions agreed are frozen too
    assert "Approved" in tab.history_label.text()


def test_a_minute_is_one_undo_step_per_edit_session(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    tab._pause.setInterval(100)  # a short pause, for the test
    click_item(qtbot, tab, "Draft recommendations")
    before = minute(services, "recs-recommendations")
    assert tab.editor.toPlainText() == before
    assert not tab.editor.isReadOnly()
    tab.editor.setFocus()
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, " Agreed unanimously.")
    assert minute(services, "recs-recommendations") == before  # not per keystroke
    # A pause saves ...
    qtbot.waitUntil(
        lambda: minute(services, "recs-recommendations") == f"{before} Agreed unanimously."
    )
    assert window.editor.stack.count() == 1
    # ... more typing, then leaving the item, saves again in the same step.
    qtbot.keyClicks(tab.editor, " The Chair thanked officers.")
    click_item(qtbot, tab, "Summary of evidence and emerging findings")
    expected = f"{before} Agreed unanimously. The Chair thanked officers."
    assert minute(services, "recs-recommendations") == expected
    assert window.editor.stack.count() == 1
    assert tab.editor.toPlainText() == minute(services, "recs-findings")

    window.undo_action.trigger()
    assert minute(services, "recs-recommendations") == before
    window.redo_action.trigger()
    assert minute(services, "recs-recommendations") == expected

    # A new session on the same item is a new step.
    click_item(qtbot, tab, "Draft recommendations")
    tab.editor.setFocus()
    tab.editor.selectAll()
    qtbot.keyClicks(tab.editor, "Replaced.")
    tab.items_view.setFocus()  # focus leaves the editor
    assert minute(services, "recs-recommendations") == "Replaced."
    assert window.editor.stack.count() == 2
    window.undo_action.trigger()
    assert minute(services, "recs-recommendations") == expected
    assert tab.editor.toPlainText() == expected


def test_actions_agreed_added_edited_and_deleted(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    meeting_id = tab.meeting_id
    assert meeting_id is not None
    before = len(services.actions.for_meeting(meeting_id))
    tab.actions_view.setFocus()
    qtbot.keyClick(tab.actions_view, Qt.Key.Key_T, CTRL_SHIFT)
    actions = services.actions.for_meeting(meeting_id)
    assert len(actions) == before + 1 and actions[-1].text == "New action"
    key = actions[-1].key
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    line = QApplication.focusWidget()
    line.selectAll()
    qtbot.keyClicks(line, "Send the draft report to the Home Office")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.actions.find(1, key).text.startswith("Send the draft"))

    row = tab.actions_model.row_of_key(key)
    assert row is not None
    model = tab.actions_model
    model.setData(model.index(row, ActionColumn.OWNER), "Scrutiny officer")
    qtbot.waitUntil(lambda: services.actions.find(1, key).owner == "Scrutiny officer")
    model.setData(model.index(row, ActionColumn.DUE), QDate(2007, 6, 1))
    qtbot.waitUntil(lambda: services.actions.find(1, key).due == date(2007, 6, 1))
    model.setData(
        model.index(row, ActionColumn.DONE), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: services.actions.find(1, key).status is ActionStatus.DONE)
    model.setData(
        model.index(row, ActionColumn.CLOSED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: services.actions.find(1, key).access is Access.CLOSED)
    assert model.index(row, ActionColumn.CLOSED).data() == "Closed"
    window.undo_action.trigger()
    assert services.actions.find(1, key).access is Access.OPEN
    window.undo_action.trigger()
    assert services.actions.find(1, key).status is ActionStatus.OPEN
    window.undo_action.trigger()
    assert services.actions.find(1, key).due is None
    window.redo_action.trigger()
    assert services.actions.find(1, key).due == date(2007, 6, 1)

    tab.actions_view.setCurrentIndex(model.index(row, ActionColumn.TEXT))
    qtbot.keyClick(tab.actions_view, Qt.Key.Key_Delete)
    assert len(services.actions.for_meeting(meeting_id)) == before
    window.undo_action.trigger()
    assert services.actions.find(1, key).owner == "Scrutiny officer"


def test_approve_lock_unlock_with_a_reason_and_lock_again(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    meeting_id = tab.meeting_id
    assert meeting_id is not None
    assert tab.status_label.text() == "Draft minutes"

    tab.items_view.setFocus()
    qtbot.keyClick(tab.items_view, Qt.Key.Key_A, CTRL_SHIFT)
    dialog = tab.approve_dialog
    assert dialog is not None and dialog.isVisible()
    # The only later meeting was postponed: this meeting is offered, with its date.
    assert dialog.meeting_combo.currentData() == "recs"
    assert dialog.date_edit.date() == QDate(2007, 5, 14)
    dialog.date_edit.setDate(QDate(2007, 5, 1))  # before the meeting: refused in words
    assert not dialog.ok_button.isEnabled()
    assert "on or after the day of the meeting" in dialog.problems["approved_on"].text()
    dialog.date_edit.setDate(QDate(2007, 5, 21))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    record = services.minutes.minutes(meeting_id)
    assert record.status is MinutesStatus.APPROVED and record.locked
    assert record.approved_on == date(2007, 5, 21) and record.approved_at == "recs"
    assert tab.editor.isReadOnly()
    assert tab.locked_text.text().startswith(
        "Approved on 21 May 2007 at Deliberative meeting: agreeing recommendations: "
        "these are the minutes as approved"
    )
    window.undo_action.trigger()
    record = services.minutes.minutes(meeting_id)
    assert record.status is MinutesStatus.DRAFT and not record.locked and record.history == ()
    assert not tab.editor.isReadOnly()
    window.redo_action.trigger()
    assert services.minutes.minutes(meeting_id).locked

    # Reopen: the dialog says what it means, the reason is required and recorded.
    approved = services.minutes.minutes(meeting_id)
    tab.reopen_action.trigger()
    reopen = tab.reopen_dialog
    assert reopen is not None and reopen.isVisible()
    assert "returns them to draft" in reopen.intro.text()
    assert "kept in the minutes history" in reopen.intro.text()
    assert not reopen.ok_button.isEnabled()  # no reason, no reopening
    qtbot.keyClicks(reopen.reason_edit, "   ")
    assert not reopen.ok_button.isEnabled()
    reopen.accept()  # Enter with a blank reason: refused, and says why
    assert reopen.isVisible() and reopen.reason_problem.isVisible()
    assert services.minutes.minutes(meeting_id).locked
    reopen.reason_edit.clear()
    qtbot.keyClicks(reopen.reason_edit, "To correct the name of a witness.")
    qtbot.mouseClick(reopen.ok_button, Qt.MouseButton.LeftButton)
    record = services.minutes.minutes(meeting_id)
    assert not record.locked and record.status is MinutesStatus.DRAFT
    assert [e.event for e in record.history] == [MinutesEvent.APPROVED, MinutesEvent.REOPENED]
    assert record.history[-1].note == "To correct the name of a witness."
    assert record.history[-1].snapshot == approved.snapshot
    assert "Reopened" in tab.history_label.text()
    assert "To correct the name of a witness." in tab.history_label.text()
    assert not tab.editor.isReadOnly()
    assert tab.approve_action.isEnabled() and not tab.reopen_action.isEnabled()
    window.undo_action.trigger()  # the reopening, exactly: approved with its record
    record = services.minutes.minutes(meeting_id)
    assert record.locked and record.history == approved.history
    assert record.snapshot == approved.snapshot
    assert tab.editor.isReadOnly()


def test_a_cancelled_meeting_has_no_minutes(window: MainWindow) -> None:
    tab = open_tab(window, "ev2")
    assert tab.stack.currentWidget() is tab.hint
    assert tab.hint.text().startswith("“")
    assert "was cancelled, so it has no minutes" in tab.hint.text()
    assert not tab.approve_action.isEnabled() and not tab.reopen_action.isEnabled()
    assert not tab.add_action_action.isEnabled()


def test_the_pause_is_a_pause(window: MainWindow) -> None:
    assert minutes_tab.PAUSE_MS >= 1000
