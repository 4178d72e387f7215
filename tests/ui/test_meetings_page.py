"""The Meetings page, end to end: the real window, dialogs and services on a SQLite
copy of the sample review, with a synchronous task runner.

Each workflow is driven through the widgets (typing, clicking, keys, the actions), the
database is checked through the services after every step, then the step is undone
and redone and the database checked again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.deadlines import DeadlineState
from scrutiny_desk.domain.enums import MeetingKind, MeetingStatus
from scrutiny_desk.domain.records import MeetingSummary
from scrutiny_desk.domain.recurrence import SeriesKind
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.ui.meetings.meeting_dialog import DuplicateDialog, MeetingDialog, PublishedDialog
from scrutiny_desk.ui.meetings.meetings_model import MeetingColumn
from scrutiny_desk.ui.meetings.meetings_page import MeetingsPage
from scrutiny_desk.ui.meetings.schedule_warnings_model import alert_colour
from scrutiny_desk.ui.meetings.series_dialog import SeriesDialog
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

from ..bench import big_review
from .conftest import WindowFactory, open_read_only
from .invitations import scenario

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole
TODAY = date(2026, 11, 26)  # a Thursday
EV3 = "Evidence session 3: criminal justice and treatment"
VENUE = "Committee Room 1, 10 Dean Farrar Street"


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    shown = make_window(sample_services)
    shown.meetings_page.today = lambda: TODAY
    shown.meetings_page.reload(frozenset({Topic.MEETINGS}))
    return shown


@pytest.fixture
def ev3_reopened(sample_services: Services) -> None:
    """Evidence session 3's minutes reopened before the window opens: while they are
    approved the meeting's details they print cannot change (issue 10)."""
    meeting = sample_services.meeting_edits.find(1, "ev3")
    record = sample_services.minutes.minutes(meeting.id)
    sample_services.minutes.reopen_minutes(meeting.id, record.version, "To make a correction")


def page_of(window: MainWindow) -> MeetingsPage:
    return window.meetings_page


def meetings(window: MainWindow) -> list[MeetingSummary]:
    return window.services.meetings.list(window.current_review_id() or 0)


def by_title(window: MainWindow, title: str) -> MeetingSummary:
    return next(m for m in meetings(window) if m.title == title)


def titles_shown(window: MainWindow) -> list[str]:
    proxy = window.meetings_proxy
    return [proxy.index(r, MeetingColumn.TITLE).data() for r in range(proxy.rowCount())]


def add_meeting(
    window: MainWindow,
    title: str,
    start: datetime,
    hours: float = 2,
    venue: str | None = VENUE,
) -> MeetingSummary:
    """A meeting arranged by a colleague, then read again by the page."""
    made = window.services.meeting_edits.create_meeting(
        window.current_review_id() or 0,
        title,
        MeetingKind.EVIDENCE,
        start,
        start + timedelta(hours=hours),
        venue,
    )
    page_of(window).reload(frozenset({Topic.MEETINGS}))
    return made


def undo(window: MainWindow) -> None:
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()


def redo(window: MainWindow) -> None:
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()


def meeting_dialog(window: MainWindow) -> MeetingDialog:
    dialog = page_of(window).meeting_prompts.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    return dialog


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# New Meeting -----------------------------------------------------------------------------


def test_create_a_meeting_then_undo_and_redo_it(qtbot: QtBot, window: MainWindow) -> None:
    page = page_of(window)
    window.meetings_view.setFocus()
    qtbot.keyClick(
        window.meetings_view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = meeting_dialog(window)
    assert dialog.windowTitle() == "New Meeting"
    assert not dialog.ok_button.isEnabled()  # no title yet
    assert dialog.problems() == []  # ... but nothing nags before the clerk types

    qtbot.keyClicks(dialog.title_edit, "Evidence session 5: housing")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(MeetingKind.EVIDENCE.value))
    dialog.when.date_edit.setDate(QDate(2027, 1, 13))
    dialog.when.start_edit.setTime(QTime(10, 0))
    dialog.when.end_edit.setTime(QTime(12, 30))
    assert dialog.when.length_label.text() == "2 h 30 min"
    dialog.venue_edit.setText("Room 3, Town Hall")  # typing would pop the completer up
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Create Meeting"
    click(qtbot, dialog.ok_button)

    made = by_title(window, "Evidence session 5: housing")
    assert (made.start, made.end) == (datetime(2027, 1, 13, 10), datetime(2027, 1, 13, 12, 30))
    assert (made.kind, made.venue, made.status) == (
        MeetingKind.EVIDENCE,
        "Room 3, Town Hall",
        MeetingStatus.SCHEDULED,
    )
    assert made.sequence == 0
    assert len(meetings(window)) == 9
    assert not dialog.isVisible()
    assert window.current_meeting() == made  # the new meeting is selected
    assert window.statusBar().currentMessage() == "Saved: New meeting “Evidence session 5: housing”"
    assert page.model.deadline(made.id).state is DeadlineState.DUE

    undo(window)
    assert "Evidence session 5: housing" not in [m.title for m in meetings(window)]
    assert "Evidence session 5: housing" not in titles_shown(window)

    redo(window)
    again = by_title(window, "Evidence session 5: housing")
    assert (again.key, again.uid) == (made.key, made.uid)  # the same meeting, for calendars
    assert again.sequence == made.sequence + 1
    assert window.current_meeting() == again


def test_a_double_click_on_an_empty_calendar_day_starts_a_meeting_that_day(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    page.calendar_action.trigger()
    calendar = page.calendar
    assert calendar.month() == date(2006, 11, 1)  # the month of the first meeting
    index = calendar.model.index_of(date(2006, 11, 29))
    view = calendar.view
    qtbot.waitUntil(lambda: view.visualRect(index).height() > 20)  # laid out
    centre = view.visualRect(index).center()
    # QTest's double-click is the second click of two, as a person's is.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = meeting_dialog(window)
    assert dialog.when.start().date() == date(2006, 11, 29)
    dialog.reject()


def test_the_venue_completer_offers_venues_already_used(window: MainWindow) -> None:
    page_of(window).meeting_actions.new_action.trigger()
    dialog = meeting_dialog(window)
    completer = dialog.venue_edit.completer()
    completer.setCompletionPrefix("dean farrar")
    assert completer.currentCompletion() == VENUE
    dialog.reject()


# Edit Meeting -------------------------------------------------------------------------


def test_edit_checks_as_the_clerk_types_then_saves_one_undo_step(
    ev3_reopened: None, qtbot: QtBot, window: MainWindow
) -> None:
    ev3 = by_title(window, EV3)
    assert window.select_meeting(ev3.id)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_F2)
    dialog = meeting_dialog(window)
    assert dialog.windowTitle() == "Edit Meeting"
    assert dialog.title_edit.text() == EV3
    assert dialog.ok_button.isEnabled()

    dialog.when.end_edit.setTime(QTime(13, 0))  # before the start
    assert not dialog.ok_button.isEnabled()
    assert dialog.when.end_problem.isVisible()
    assert dialog.problems() == ["The end time must be after the start (14:00)."]
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, " ")
    assert "A meeting needs a title." in dialog.problems()
    click(qtbot, dialog.ok_button)  # disabled: nothing happens
    assert dialog.isVisible()
    assert by_title(window, EV3) == ev3  # nothing was saved

    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Evidence session 3: justice and treatment")
    dialog.when.end_edit.setTime(QTime(17, 30))
    assert dialog.problems() == []
    assert dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)

    edited = by_title(window, "Evidence session 3: justice and treatment")
    assert edited.key == ev3.key
    assert edited.end == datetime(2007, 3, 26, 17, 30)
    assert edited.sequence == ev3.sequence + 1  # calendars take the change
    assert window.current_meeting() == edited

    undo(window)
    back = by_title(window, EV3)
    assert (back.end, back.key, back.uid) == (ev3.end, ev3.key, ev3.uid)
    redo(window)
    assert by_title(window, "Evidence session 3: justice and treatment").end == edited.end


def test_moving_a_meeting_moves_its_end_and_its_agenda(
    ev3_reopened: None, qtbot: QtBot, window: MainWindow
) -> None:
    ev3 = by_title(window, EV3)
    window.select_meeting(ev3.id)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_Return)  # Enter edits, too
    dialog = meeting_dialog(window)
    dialog.when.start_edit.setTime(QTime(15, 0))
    assert dialog.when.end_edit.time() == QTime(18, 0)  # three hours still
    click(qtbot, dialog.ok_button)
    moved = by_title(window, EV3)
    assert (moved.start, moved.end) == (datetime(2007, 3, 26, 15), datetime(2007, 3, 26, 18))
    timed = [e.start for e in window.services.meetings.agenda(moved.id) if e.start]
    assert min(timed) == datetime(2007, 3, 26, 15, 15)  # the slots moved with it
    undo(window)
    assert by_title(window, EV3).start == ev3.start


def test_a_clash_is_a_warning_in_the_editor_not_a_refusal(qtbot: QtBot, window: MainWindow) -> None:
    add_meeting(window, "Briefing", datetime(2027, 2, 3, 14), venue="Room 2")
    visit = add_meeting(window, "Site visit", datetime(2027, 2, 3, 9), venue="Room 2")
    window.select_meeting(visit.id)
    page_of(window).meeting_actions.edit_action.trigger()
    dialog = meeting_dialog(window)
    assert not dialog.warnings.isVisible()
    dialog.when.start_edit.setTime(QTime(14, 30))
    qtbot.waitUntil(dialog.warnings.isVisible)  # once the pause in typing is over
    assert dialog.warnings.messages() == [
        "Briefing (14:00–16:00) overlaps Site visit (14:30–16:30) on 3 February 2027, "
        "both in Room 2."
    ]
    assert dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)
    assert by_title(window, "Site visit").start == datetime(2027, 2, 3, 14, 30)


# Duplicate, Postpone, Cancel ----------------------------------------------------------------


def test_duplicate_asks_the_new_date_and_copies_the_agenda(
    qtbot: QtBot, window: MainWindow
) -> None:
    ev3 = by_title(window, EV3)
    window.select_meeting(ev3.id)
    page_of(window).meeting_actions.duplicate_action.trigger()
    dialog = page_of(window).meeting_prompts.dialog
    assert isinstance(dialog, DuplicateDialog)
    assert dialog.when.start() == datetime(2007, 4, 2, 14)  # a week later, by default
    dialog.when.date_edit.setDate(QDate(2027, 3, 22))
    click(qtbot, dialog.ok_button)

    copies = [m for m in meetings(window) if m.title == EV3]
    assert len(copies) == 2
    copy = next(m for m in copies if m.id != ev3.id)
    assert (copy.start, copy.end, copy.venue) == (
        datetime(2027, 3, 22, 14),
        datetime(2027, 3, 22, 17),
        ev3.venue,
    )
    assert (copy.open_items, copy.closed_items, copy.status) == (5, 1, MeetingStatus.SCHEDULED)
    assert copy.uid != ev3.uid
    assert window.current_meeting() == copy

    undo(window)
    assert [m.id for m in meetings(window) if m.title == EV3] == [ev3.id]
    redo(window)
    back = next(m for m in meetings(window) if m.title == EV3 and m.id != ev3.id)
    assert (back.key, back.uid) == (copy.key, copy.uid)


def test_postpone_then_cancel_raise_the_sequence_and_undo_puts_them_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    made = add_meeting(window, "Evidence session 5", datetime(2027, 1, 20, 14))
    page = page_of(window)
    window.select_meeting(made.id)
    assert page.meeting_actions.postpone_action.isEnabled()

    page.meeting_actions.postpone_action.trigger()
    postponed = by_title(window, "Evidence session 5")
    assert (postponed.status, postponed.sequence) == (MeetingStatus.POSTPONED, 1)
    assert not page.meeting_actions.postpone_action.isEnabled()
    row = page.model.row_of(postponed.id)
    assert page.model.index(row, MeetingColumn.STATUS).data() == "Postponed"
    assert page.model.index(row, MeetingColumn.DEADLINE).data() == "Not needed"
    undo(window)
    assert by_title(window, "Evidence session 5").status is MeetingStatus.SCHEDULED

    page.meeting_actions.cancel_action.trigger()
    question = page.meeting_prompts.confirmation
    assert question is not None
    assert question.text() == "Cancel the meeting “Evidence session 5” on Wed 20 Jan 2027?"
    assert "You can undo this with Ctrl+Z" in question.informativeText()
    click(qtbot, page.meeting_prompts.confirm_button())
    cancelled = by_title(window, "Evidence session 5")
    assert cancelled.status is MeetingStatus.CANCELLED
    assert cancelled.sequence > postponed.sequence
    assert window.exports.cancellation_action.isEnabled()  # now a cancellation can be sent
    undo(window)
    assert by_title(window, "Evidence session 5").status is MeetingStatus.SCHEDULED
    redo(window)
    assert by_title(window, "Evidence session 5").status is MeetingStatus.CANCELLED


def test_a_held_meeting_cannot_be_postponed_or_cancelled(window: MainWindow) -> None:
    window.select_meeting(by_title(window, EV3).id)
    actions = page_of(window).meeting_actions
    assert not actions.postpone_action.isEnabled()
    assert not actions.cancel_action.isEnabled()
    assert actions.edit_action.isEnabled() and actions.delete_action.isEnabled()


# Delete -------------------------------------------------------------------------------


def test_delete_asks_first_and_undo_restores_the_meeting_and_its_agenda(
    qtbot: QtBot, window: MainWindow
) -> None:
    ev3 = by_title(window, EV3)
    window.select_meeting(ev3.id)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_Delete)
    page = page_of(window)
    question = page.meeting_prompts.confirmation
    assert question is not None and question.isVisible()
    assert "agenda of 6 items" in question.informativeText()
    assert "You can undo this" in question.informativeText()
    assert len(meetings(window)) == 8  # nothing yet
    click(qtbot, page.meeting_prompts.confirm_button())

    assert EV3 not in [m.title for m in meetings(window)]
    assert EV3 not in titles_shown(window)
    assert window.current_meeting() is not None  # the next meeting is selected

    undo(window)
    back = by_title(window, EV3)
    assert (back.key, back.uid, back.open_items, back.closed_items) == (
        ev3.key,
        ev3.uid,
        5,
        1,
    )
    assert window.current_meeting() == back
    redo(window)
    assert EV3 not in [m.title for m in meetings(window)]


def test_answering_no_deletes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.select_meeting(by_title(window, EV3).id)
    page = page_of(window)
    page.meeting_actions.delete_action.trigger()
    question = page.meeting_prompts.confirmation
    assert question is not None
    question.reject()
    assert len(meetings(window)) == 8
    assert not window.undo_action.isEnabled()


def test_deleting_a_meeting_whose_invitations_are_held_says_to_cancel_it_first(
    qtbot: QtBot, window: MainWindow, sample_services: Services, tmp_path: Path
) -> None:
    """Once the meeting is deleted no cancellation can be issued for it, so the question
    says who still holds an invitation (the register) before anything is deleted."""
    meeting_id = scenario.needing_invitations(sample_services, 1)
    plan = sample_services.invitations.plan_updates(meeting_id)
    sample_services.invitations.send_updates(meeting_id, tmp_path, expected=plan)
    window.meetings_page.reload(frozenset({Topic.MEETINGS}))
    holders = sample_services.invitations.holders(meeting_id)
    assert len(holders) == 9  # seven members and two witnesses with addresses

    window.select_meeting(meeting_id)
    page = page_of(window)
    page.meeting_actions.delete_action.trigger()
    question = page.meeting_prompts.confirmation
    assert question is not None
    detail = question.informativeText()
    assert "9 people hold invitations issued for it (Richard Sumray, " in detail
    assert "cancel it and use Send Updates first" in detail
    question.reject()
    assert sample_services.invitations.holders(meeting_id) == holders  # nothing deleted

    window.select_meeting(by_title(window, EV3).id)  # nothing was issued for it
    page.meeting_actions.delete_action.trigger()
    question = page.meeting_prompts.confirmation
    assert question is not None and "invitation" not in question.informativeText()
    question.reject()


# Deadlines ---------------------------------------------------------------------------------


def test_an_overdue_agenda_is_red_and_mark_published_records_the_day(
    qtbot: QtBot, window: MainWindow
) -> None:
    made = add_meeting(window, "Evidence session 5", datetime(2026, 12, 2, 14))
    page = page_of(window)
    window.select_meeting(made.id)
    cell = page.model.index(page.model.row_of(made.id), MeetingColumn.DEADLINE)
    assert cell.data() == "OVERDUE: due Tue 24 Nov"
    assert cell.data(Role.ForegroundRole) == alert_colour()
    assert not cell.data(Role.DecorationRole).isNull()  # the warning sign
    assert cell.data(Role.FontRole).bold()
    assert page.deadline_notice.isVisible()
    assert page.deadline_text.text() == (
        "The agenda should have been published by Tuesday 24 November 2026 (5 clear working "
        "days before the meeting) and is not marked published."
    )

    page.meeting_actions.published_action.trigger()
    dialog = page.meeting_prompts.dialog
    assert isinstance(dialog, PublishedDialog)
    assert dialog.published_on() == TODAY
    dialog.date_edit.setDate(QDate(2026, 12, 3))  # after the meeting
    assert not dialog.ok_button.isEnabled()
    assert "cannot be published after the meeting" in dialog.problem.text()
    dialog.date_edit.setDate(QDate(2026, 11, 23))
    click(qtbot, dialog.ok_button)

    deadline = window.services.meeting_edits.deadline(made.id, TODAY)
    assert deadline.published_on == date(2026, 11, 23)
    assert by_title(window, "Evidence session 5").sequence == 0  # invitations unchanged
    cell = page.model.index(page.model.row_of(made.id), MeetingColumn.DEADLINE)
    assert cell.data() == "Published Mon 23 Nov"
    assert not page.deadline_notice.isVisible()

    undo(window)
    assert window.services.meeting_edits.deadline(made.id, TODAY).published_on is None
    assert page.deadline_notice.isVisible()
    redo(window)
    assert window.services.meeting_edits.deadline(made.id, TODAY).published_on == date(2026, 11, 23)


def test_deadlines_read_as_a_clerk_writes_them(window: MainWindow) -> None:
    page = page_of(window)
    add_meeting(window, "Panel meeting", datetime(2027, 1, 20, 14))

    def cell(title: str) -> str:
        row = page.model.row_of(by_title(window, title).id)
        return page.model.index(row, MeetingColumn.DEADLINE).data()

    assert cell("Panel meeting") == "Publish by Tue 12 Jan"
    assert cell(EV3) == "Published Fri 16 Mar"
    assert cell("Evidence session 2: research and treatment") == "Not needed"  # cancelled
    row = page.model.row_of(by_title(window, "Panel meeting").id)
    assert page.model.index(row, MeetingColumn.DEADLINE).data(Role.ToolTipRole) == (
        "The agenda must be published by Tuesday 12 January 2027, 5 clear working days "
        "before the meeting."
    )


# Filter --------------------------------------------------------------------------------------


def test_filter_by_status_and_by_words_of_the_title_or_venue(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    assert page.count_label.text() == "8 meetings"
    page.status_combo.setCurrentIndex(page.status_combo.findText("Cancelled"))
    assert titles_shown(window) == ["Evidence session 2: research and treatment"]
    assert page.count_label.text() == "1 of 8 meetings"
    assert window.current_meeting().title == "Evidence session 2: research and treatment"  # type: ignore[union-attr]

    page.status_combo.setCurrentIndex(page.status_combo.findText("Held"))
    qtbot.keyClicks(page.filter_edit, "EVIDENCE treatment")
    assert titles_shown(window) == [EV3]
    page.status_combo.setCurrentIndex(0)  # All
    assert sorted(titles_shown(window)) == sorted(
        [EV3, "Evidence session 2: research and treatment"]
    )
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "custody suite")  # words of the venue
    assert titles_shown(window) == ["Visit to a borough Drug Intervention Programme"]
    page.filter_edit.clear()
    assert len(titles_shown(window)) == 8


def test_ctrl_f_goes_to_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is page_of(window).filter_edit


# Calendar ---------------------------------------------------------------------------------------


def test_the_calendar_shows_the_month_of_the_meeting_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    ev3 = by_title(window, EV3)
    window.select_meeting(ev3.id)
    window.meetings_view.setFocus()
    qtbot.keyClick(
        window.meetings_view,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    calendar = page.calendar
    assert page.stack.currentWidget() is calendar
    assert window.focusWidget() is calendar.view
    assert window.settings.meetings_view == "calendar"
    assert calendar.month_label.text() == "March 2007"
    assert calendar.summary_label.text() == "1 meeting this month"
    assert calendar.selected_date() == date(2007, 3, 26)
    assert [m.id for m in calendar.meetings_on(date(2007, 3, 26))] == [ev3.id]

    day = calendar.model.index_of(date(2007, 3, 26))
    tip = day.data(Role.ToolTipRole)
    assert tip.splitlines() == [
        "Monday 26 March 2007",
        f"14:00–17:00  {EV3} (has closed business)",
    ]
    assert calendar.model.index_of(date(2007, 3, 27)).data(Role.ToolTipRole).endswith("No meetings")
    assert calendar.model.headerData(0, Qt.Orientation.Horizontal) == "Mon"

    # Page Down turns the month; clicking a day selects its meeting in the list.
    qtbot.keyClick(calendar.view, Qt.Key.Key_PageDown)
    assert calendar.month_label.text() == "April 2007"
    index = calendar.model.index_of(date(2007, 4, 23))
    view = calendar.view
    qtbot.waitUntil(lambda: view.visualRect(index).height() > 20)  # laid out
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert window.current_meeting().title == "Evidence session 4: research and organised crime"  # type: ignore[union-attr]
    # Enter edits the meeting chosen there.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = meeting_dialog(window)
    assert dialog.title_edit.text() == "Evidence session 4: research and organised crime"
    dialog.reject()

    # The list follows back.
    page.list_action.trigger()
    assert page.stack.currentWidget() is window.meetings_view


def test_the_calendar_draws_the_filtered_meetings_and_follows_edits(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    page.show_view("calendar")
    calendar = page.calendar
    assert calendar.meetings_on(date(2007, 2, 26))  # cancelled, still shown
    page.status_combo.setCurrentIndex(page.status_combo.findText("Held"))
    assert calendar.meetings_on(date(2007, 2, 26)) == []
    page.status_combo.setCurrentIndex(0)
    made = add_meeting(window, "Briefing", datetime(2007, 3, 26, 10))
    assert [m.title for m in calendar.meetings_on(date(2007, 3, 26))] == ["Briefing", EV3]
    window.select_meeting(made.id)
    assert calendar.model.chosen == made.id


def test_the_view_chosen_is_remembered(
    make_window: WindowFactory, sample_services: Services
) -> None:
    first = make_window(sample_services)
    first.meetings_page.calendar_action.trigger()
    first.close()
    again = make_window(sample_services)
    assert again.meetings_page.stack.currentWidget() is again.meetings_page.calendar
    assert again.meetings_page.calendar_action.isChecked()


# Clash warnings ------------------------------------------------------------------------------


def test_clashes_are_listed_and_a_click_selects_the_meeting(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    assert not page.warnings_strip.isVisible()
    add_meeting(window, "Briefing", datetime(2027, 2, 3, 14))
    add_meeting(window, "Site visit", datetime(2027, 2, 3, 15))
    assert page.warnings_strip.isVisible()
    assert page.warnings_heading.text() == "<b>1 clash:</b>"
    index = page.warnings_model.index(0, 0)
    assert index.data() == (
        "Briefing (14:00–16:00) overlaps Site visit (15:00–17:00) on 3 February 2027, "
        f"both in {VENUE}"
    )
    view = page.warnings_view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert window.current_meeting().title == "Briefing"  # type: ignore[union-attr]


# New Series ----------------------------------------------------------------------------------


def series_dialog(window: MainWindow) -> SeriesDialog:
    page_of(window).meeting_actions.series_action.trigger()
    dialog = page_of(window).meeting_prompts.dialog
    assert isinstance(dialog, SeriesDialog) and dialog.isVisible()
    return dialog


def test_a_series_is_previewed_then_made_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    dialog = series_dialog(window)
    dialog.kind_combo.setCurrentIndex(
        dialog.kind_combo.findData(SeriesKind.NTH_WEEKDAY_MONTHLY.value)
    )
    dialog.ordinal_combo.setCurrentIndex(dialog.ordinal_combo.findText("Third"))
    dialog.weekday_combo.setCurrentIndex(dialog.weekday_combo.findText("Wednesday"))
    dialog.first_edit.setDate(QDate(2026, 9, 1))
    dialog.last_edit.setDate(QDate(2027, 7, 31))
    dialog.when.start_edit.setTime(QTime(14, 0))
    dialog.when.end_edit.setTime(QTime(16, 30))
    dialog.venue_edit.setText("Committee Room 1")

    assert dialog.description.text() == (
        "The third Wednesday of every month from 1 September 2026 to 31 July 2027, "
        "2.00 pm to 4.30 pm."
    )
    assert dialog.planned_model.rowCount() == 11
    assert dialog.planned_model.index(0, 0).data() == "Wed 16 Sept 2026"
    assert dialog.planned_model.index(0, 1).data() == "14:00–16:30  Panel meeting 1"
    assert dialog.skipped_model.rowCount() == 0
    assert dialog.skipped_note.isVisible()
    assert dialog.skipped_note.text() == (
        "No date is left out: no bank holiday falls on the pattern."
    )
    assert dialog.ok_button.text() == "Create 11 Meetings"
    assert len(meetings(window)) == 8  # a preview saves nothing
    click(qtbot, dialog.ok_button)

    made = [m for m in meetings(window) if m.title.startswith("Panel meeting")]
    assert len(made) == 11
    assert {(m.start.time(), m.end.time(), m.venue) for m in made} == {
        (datetime(1, 1, 1, 14).time(), datetime(1, 1, 1, 16, 30).time(), "Committee Room 1")
    }
    assert made[0].start == datetime(2026, 9, 16, 14)
    assert window.current_meeting().title == "Panel meeting 1"  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Saved: New series of 11 meetings"

    undo(window)
    assert not [m for m in meetings(window) if m.title.startswith("Panel meeting")]
    redo(window)
    again = [m for m in meetings(window) if m.title.startswith("Panel meeting")]
    assert [(m.key, m.uid) for m in again] == [(m.key, m.uid) for m in made]


def test_a_series_leaves_out_bank_holidays_and_dates_unticked(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = series_dialog(window)
    dialog.kind_combo.setCurrentIndex(
        dialog.kind_combo.findData(SeriesKind.LAST_WEEKDAY_MONTHLY.value)
    )
    dialog.weekday_combo.setCurrentIndex(dialog.weekday_combo.findText("Monday"))
    dialog.first_edit.setDate(QDate(2027, 1, 1))
    dialog.last_edit.setDate(QDate(2027, 12, 31))
    dialog.title_edit.setText("Panel meeting ({month})")
    skipped = [
        (dialog.skipped_model.index(r, 0).data(), dialog.skipped_model.index(r, 1).data())
        for r in range(dialog.skipped_model.rowCount())
    ]
    assert skipped == [
        ("Mon 29 Mar 2027", "bank holiday: Easter Monday"),
        ("Mon 31 May 2027", "bank holiday: Spring Bank Holiday"),
        ("Mon 30 Aug 2027", "bank holiday: Late Summer Bank Holiday"),
        ("Mon 27 Dec 2027", "bank holiday: Christmas Day (substitute day)"),
    ]
    assert dialog.planned_model.rowCount() == 8
    assert dialog.skipped_caption.text() == "Dates &left out (4)"

    # Untick January: it moves to the dates left out; tick it to put it back.
    january = dialog.planned_model.index(0, 0)
    assert january.data(Role.CheckStateRole) == Qt.CheckState.Checked
    dialog.planned_model.setData(january, Qt.CheckState.Unchecked, Role.CheckStateRole)
    qtbot.waitUntil(lambda: dialog.planned_model.rowCount() == 7)
    first = dialog.skipped_model.index(0, 0)
    assert (first.data(), dialog.skipped_model.index(0, 1).data()) == (
        "Mon 25 Jan 2027",
        "left out of the series",
    )
    assert first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not dialog.skipped_model.index(1, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    # No meetings in November either.
    dialog.month_buttons[10].click()
    assert dialog.planned_model.rowCount() == 6
    assert dialog.description.text().endswith("; no meetings in November.")
    click(qtbot, dialog.ok_button)

    made = [m for m in meetings(window) if m.title.startswith("Panel meeting")]
    assert [m.start.date() for m in made] == [
        date(2027, 2, 22),
        date(2027, 4, 26),
        date(2027, 6, 28),
        date(2027, 7, 26),
        date(2027, 9, 27),
        date(2027, 10, 25),
    ]
    assert made[0].title == "Panel meeting (February)"
    undo(window)
    assert not [m for m in meetings(window) if m.title.startswith("Panel meeting")]


# Read-only, keyboard, models, scale ------------------------------------------------------------


def test_a_read_only_database_offers_no_planning(
    make_window: WindowFactory, read_only_copy
) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        window.select_meeting(services.meetings.list(1)[0].id)
        assert not any(a.isEnabled() for a in window.meetings_page.meeting_actions.actions())
        window.meetings_page.meeting_prompts.new_meeting()
        assert window.meetings_page.meeting_prompts.dialog is None
        window.close()
    finally:
        services.close()


def test_actions_have_shortcuts_tooltips_and_accessible_buttons(window: MainWindow) -> None:
    page = page_of(window)
    actions = page.meeting_actions
    assert actions.new_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert actions.edit_action.shortcut() == QKeySequence("F2")
    assert actions.delete_action.shortcut() == QKeySequence("Del")
    assert actions.duplicate_action.shortcut() == QKeySequence("Ctrl+D")
    assert "(F2 or Enter)" in actions.edit_action.toolTip()
    assert "(Ctrl+Shift+N)" in actions.new_action.toolTip()
    for action in actions.actions():
        assert action.statusTip(), action.text()
        button = page.toolbar.widgetForAction(action)
        assert button is not None and button.accessibleName() == action.iconText()
    for widget in (page.filter_edit, page.status_combo, page.view, page.calendar.view):
        assert widget.accessibleName(), widget
    assert [a.iconText() for a in actions.actions()] == [
        "New Meeting",
        "New Series",
        "Edit",
        "Duplicate",
        "Postpone",
        "Cancel Meeting",
        "Delete",
        "Mark Published",
    ]


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    add_meeting(window, "Briefing", datetime(2027, 2, 3, 14))
    add_meeting(window, "Site visit", datetime(2027, 2, 3, 15))
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.warnings_model)
    qtmodeltester.check(page.calendar.model)
    page.status_combo.setCurrentIndex(page.status_combo.findText("Held"))
    qtbot.keyClicks(page.filter_edit, "evidence")
    page.show_view("calendar")
    page.calendar.turn_month(1)
    page.reload(frozenset({Topic.MEETINGS}))


def test_three_thousand_meetings_are_read_a_page_at_a_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    big = big_review(3_000, 0, 1, 0)
    big = replace(
        big,
        meetings=tuple(
            replace(
                m,
                title=f"Meeting {n}: {'housing' if n % 3 else 'transport'}",
                start=datetime(2020, 1, 6, 14) + timedelta(days=n // 3),
                end=datetime(2020, 1, 6, 16) + timedelta(days=n // 3),
            )
            for n, m in enumerate(big.meetings)
        ),
    )
    review_id = window.services.reviews.import_bytes(codec.encode(big))
    window.refresh_reviews(select=review_id)
    QApplication.processEvents()
    assert page.model.rowCount() == 3_000
    assert page.count_label.text() == "3000 meetings"
    # Only the rows on show were read: a page or two of 200, never the 3,000.
    assert 0 < len(page.model.cached()) <= 400
    page.show_view("calendar")
    page.calendar.show_date(date(2021, 6, 1))
    qtbot.keyClicks(page.filter_edit, "transport")
    QApplication.processEvents()
    assert page.model.rowCount() == 1_000
    assert page.count_label.text() == "1000 of 3000 meetings"
    assert len(page.calendar.meetings_on(date(2021, 5, 16))) == 1  # meeting 1503
    assert len(page.model.cached()) <= 400
    # The calendar draws 42 cells; it builds no widget per meeting or per day.
    assert page.calendar.model.rowCount() * page.calendar.model.columnCount() == 42
    assert len(page.calendar.findChildren(QWidget)) < 40


def test_a_double_click_in_the_list_edits_the_meeting(qtbot: QtBot, window: MainWindow) -> None:
    row = titles_shown(window).index(EV3)
    view = window.meetings_view
    centre = view.visualRect(window.meetings_proxy.index(row, MeetingColumn.TITLE)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = meeting_dialog(window)
    assert dialog.title_edit.text() == EV3
    dialog.reject()
    assert not window.undo_action.isEnabled()  # Cancel saved nothing


def test_with_the_threaded_runner_the_list_and_calendar_read_off_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    runner = ThreadedTaskRunner()
    window = make_window(sample_services, runner)
    page = page_of(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 8 and not runner.is_busy())
    assert page.model.is_read(0)  # the first page came with the ids
    assert page.count_label.text() == "8 meetings"
    page.show_view("calendar")
    calendar = page.calendar
    calendar.show_date(date(2007, 3, 16))
    qtbot.waitUntil(lambda: calendar.summary_label.text() == "1 meeting this month")
    calendar.turn_month(1)  # 16 April: the visit (and evidence session 4 on the 23rd)
    qtbot.waitUntil(lambda: calendar.summary_label.text() == "2 meetings this month")
    # The day's meeting is chosen once the weeks on show have been read.
    qtbot.waitUntil(lambda: getattr(page.current_meeting(), "key", None) == "visit")
    qtbot.keyClicks(page.filter_edit, "visit")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.waitUntil(lambda: calendar.summary_label.text() == "1 meeting this month")
    assert page.count_label.text() == "1 of 8 meetings"
    window.close()


# Daily flow: no database per keystroke, bank holidays, and what refreshes the page ------------


def test_typing_a_title_reads_the_database_once_after_the_pause_on_the_runner(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrutiny_desk.ui.meetings.meeting_dialog import CHECK_KEY

    page = page_of(window)
    page.meeting_actions.new_action.trigger()
    dialog = meeting_dialog(window)
    qtbot.waitUntil(lambda: not dialog.deferred.timer.isActive(), timeout=2000)
    db = window.services.db
    runner = window.workspace.runner
    reads: list[str] = []  # "gui" or "runner", one per transaction begun
    checks: list[str] = []  # the runner tasks of the dialog's check
    on_runner = [False]
    opened = db.reading
    submit = runner.submit

    def reading(*args: object, **kwargs: object) -> object:
        reads.append("runner" if on_runner[0] else "gui")
        return opened(*args, **kwargs)  # type: ignore[arg-type]

    def submitted(work, on_done, on_error, *, key=None, priority=0):  # type: ignore[no-untyped-def]
        def tracked():  # type: ignore[no-untyped-def]
            on_runner[0] = True
            try:
                return work()
            finally:
                on_runner[0] = False

        if key == CHECK_KEY:
            checks.append(key)
        return submit(tracked, on_done, on_error, key=key, priority=priority)

    monkeypatch.setattr(db, "reading", reading)
    monkeypatch.setattr(db, "writing", lambda *a, **k: pytest.fail("a write while typing"))
    monkeypatch.setattr(runner, "submit", submitted)
    qtbot.keyClicks(dialog.title_edit, "Evidence 4")  # ten characters
    assert dialog.title_edit.text() == "Evidence 4"
    assert reads == [] and checks == []  # nothing on the GUI thread, nothing yet at all
    assert dialog.ok_button.isEnabled()  # the fields alone say it can be saved
    qtbot.waitUntil(lambda: bool(checks), timeout=2000)
    qtbot.wait(50)
    assert checks == [CHECK_KEY]  # one check once typing paused...
    assert reads == ["runner"]  # ...one read transaction, on the runner
    dialog.reject()


def test_each_topic_the_page_declares_refreshes_it_after_a_real_edit(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.steps import CallStep

    page = page_of(window)
    services = window.services
    review_id = window.current_review_id() or 0
    ev3 = add_meeting(window, "Briefing", datetime(2027, 2, 3, 14))  # its minutes not approved
    reloaded: list[frozenset[Topic]] = []
    reload = page.reload
    monkeypatch.setattr(page, "reload", lambda topics: (reloaded.append(topics), reload(topics)))
    listing = services.listing
    reads: list[int] = []
    ids = listing.meeting_ids
    monkeypatch.setattr(listing, "meeting_ids", lambda *a: (reads.append(1), ids(*a))[1])

    edits = {
        Topic.MEETINGS: lambda: services.meeting_edits.edit_meeting(
            ev3.id, ev3.version, MeetingChanges(title="Briefing 1")
        ),
        Topic.AGENDA: lambda: services.agenda.add_item(ev3.id, "Any other business"),
        Topic.WITNESSES: lambda: services.witness_edits.add_witness(review_id, "A. Witness"),
    }
    assert set(edits) == set(MeetingsPage.TOPICS)
    for topic, edit in edits.items():
        reloaded.clear()
        reads.clear()
        assert window.workspace.editor.perform(CallStep(f"{topic}", edit, lambda: None))
        assert any(topic in topics for topics in reloaded), topic
        assert reads, topic  # the list was read again


def test_the_calendar_marks_bank_holidays(window: MainWindow) -> None:
    from scrutiny_desk.ui.meetings.month_grid import HolidayRole, MonthModel

    model = MonthModel()
    model.set_month(date(2027, 5, 1))
    holiday = model.index_of(date(2027, 5, 31))
    assert holiday.data(HolidayRole) == "Spring Bank Holiday"
    assert "Bank holiday: Spring Bank Holiday" in holiday.data(Qt.ItemDataRole.ToolTipRole)
    assert "Bank holiday: Spring Bank Holiday" in holiday.data(Qt.ItemDataRole.AccessibleTextRole)
    ordinary = model.index_of(date(2027, 5, 27))
    assert ordinary.data(HolidayRole) is None
    assert "Bank holiday" not in ordinary.data(Qt.ItemDataRole.ToolTipRole)


def test_the_clash_warnings_are_read_after_the_meetings_arrive(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """Two reads at once share Python's one lock: the list the clerk waits for comes
    first, the whole review's clash warnings once it is on screen."""
    runner = ThreadedTaskRunner()
    submitted: list[tuple[str, bool]] = []
    submit = runner.submit
    window: MainWindow | None = None

    def recorded(work: object, *args: object, **kwargs: object) -> int:
        name = getattr(getattr(work, "func", work), "__qualname__", "")
        page = window.meetings_page if window is not None else None
        submitted.append((name, page is not None and page.model.rowCount() > 0))
        return submit(work, *args, **kwargs)  # type: ignore[arg-type]

    runner.submit = recorded  # type: ignore[method-assign]
    window = make_window(sample_services, runner=runner)
    page = window.meetings_page
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    warnings = [listed for name, listed in submitted if name == "_clash_warnings"]
    assert warnings == [True]  # asked for once, with the list already on screen
    assert page.model.rowCount() == 8
