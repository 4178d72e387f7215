"""The cell editors of the Agenda and Minutes tabs in a real window: wide enough to
read, the due-date calendar opening at a useful month inside the screen, and a due
date typed the way a clerk writes one."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_tab import AgendaTab
from scrutiny_desk.ui.minutes.minutes_tab import MinutesTab
from scrutiny_desk.ui.shared.actions_model import ActionColumn
from scrutiny_desk.ui.shared.agenda_items_model import AgendaEditColumn
from scrutiny_desk.ui.shared.date_field import DateField, typed_date
from scrutiny_desk.ui.shared.due_date_editor import DueDateEditor, read_date
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    window = make_window(sample_services)
    window.resize(1100, 700)
    return window


def show_meeting(window: MainWindow, tab: AgendaTab | MinutesTab, key: str) -> None:
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    QApplication.processEvents()


def open_editor(view: QAbstractItemView, index: QModelIndex) -> QWidget:
    view.setCurrentIndex(index)
    view.edit(index)
    QApplication.processEvents()
    editor = view.indexWidget(index) or view.focusWidget()
    assert editor is not None and editor is not view
    return editor


def test_agenda_editors_are_wide_enough_to_read(window: MainWindow) -> None:
    tab = window.agenda_tab
    show_meeting(window, tab, "recs")  # draft minutes: the agenda can be changed
    view, model = tab.view, tab.model
    for column, kind in (
        (AgendaEditColumn.KIND, QComboBox),
        (AgendaEditColumn.START, QTimeEdit),
        (AgendaEditColumn.END, QTimeEdit),
    ):
        index = model.index(1, column)
        editor = open_editor(view, index)
        assert isinstance(editor, kind)
        assert editor.width() >= editor.sizeHint().width()
        assert editor.geometry().right() < view.viewport().width()  # inside the table
        if isinstance(editor, QTimeEdit):
            assert editor.text() == editor.time().toString("HH:mm")  # all of it shows
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)


def due_date_editor(window: MainWindow) -> tuple[MinutesTab, DueDateEditor, QModelIndex]:
    tab = window.minutes_tab
    show_meeting(window, tab, "recs")  # draft minutes: the actions can be changed
    assert tab.add_action_action.isEnabled()
    tab.add_action_action.trigger()  # a new action has no due date; its text is edited
    QApplication.processEvents()
    row = tab.actions_view.currentIndex().row()
    index = tab.actions_model.index(row, ActionColumn.DUE)
    editor = open_editor(tab.actions_view, index)
    assert isinstance(editor, DueDateEditor)
    return tab, editor, index


#: A popup on the offscreen platform: it cannot raise it or grab the keyboard for it.
POPUP_NOISE = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


@pytest.mark.qt_log_ignore(POPUP_NOISE)
def test_the_due_date_editor_reads_and_opens_its_calendar_at_a_useful_month(
    window: MainWindow, qtbot: QtBot
) -> None:
    tab, editor, _index = due_date_editor(window)
    assert editor.line.text() == "" and editor.line.placeholderText() == "No date"
    assert editor.width() >= editor.sizeHint().width()
    assert editor.geometry().right() < tab.actions_view.viewport().width()

    qtbot.keyClick(editor.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = editor.calendar
    assert calendar is not None and calendar.isVisible()
    today = date.today()
    meeting_day = tab._minutes.meeting_start.date() if tab._minutes else today
    expected = max(today, meeting_day)
    assert (calendar.yearShown(), calendar.monthShown()) == (expected.year, expected.month)
    assert editor.line.text() == ""  # opening it chose nothing
    screen = calendar.screen().availableGeometry()
    assert screen.contains(calendar.frameGeometry())  # not cut off
    calendar.close()


def test_the_calendar_opens_near_the_screen_edge_inside_it(window: MainWindow) -> None:
    _tab, editor, _index = due_date_editor(window)
    screen = editor.screen().availableGeometry()
    size = QSize(300, 220)
    corner = editor.mapFromGlobal(QPoint(screen.right() - 40, screen.bottom() - 10))
    editor.move(editor.mapToParent(corner))  # the editor at the screen's corner
    place = editor._calendar_place(size)
    assert screen.contains(QRect(place, size))


def test_a_typed_due_date_is_taken(window: MainWindow, qtbot: QtBot) -> None:
    tab, editor, index = due_date_editor(window)
    qtbot.keyClicks(editor.line, "19/01/2027")
    assert editor.date() == QDate(2027, 1, 19)
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: tab.actions_model.record(index.row()).due == date(2027, 1, 19), timeout=2000
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("19/01/2027", QDate(2027, 1, 19)),
        ("19/1/27", QDate(2027, 1, 19)),
        ("19-01-2027", QDate(2027, 1, 19)),
        ("19 Jan 2027", QDate(2027, 1, 19)),
        ("  ", QDate(2000, 1, 1)),
        ("31/02/2027", None),
        ("soon", None),
    ],
)
def test_dates_as_clerks_type_them(typed: str, read: QDate | None) -> None:
    assert read_date(typed) == read


def test_every_date_field_takes_a_typed_date(qtbot: QtBot) -> None:
    """The review's milestones, an approval date and evidence received use the one
    date field, which takes 19/01/2027 as a clerk types it."""
    field = DateField()
    qtbot.addWidget(field)
    field.lineEdit().selectAll()
    qtbot.keyClicks(field, "19/01/2027")
    field.editingFinished.emit()
    assert field.date() == QDate(2027, 1, 19)
    for text, day in [
        ("19/1/27", date(2027, 1, 19)),
        ("19.01.2027", date(2027, 1, 19)),
        ("19 Jan 2027", date(2027, 1, 19)),
        ("2027-01-19", date(2027, 1, 19)),
        ("31/02/2027", None),
        ("soon", None),
    ]:
        assert typed_date(text) == day, text
