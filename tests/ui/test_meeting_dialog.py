"""The meeting editor and the Duplicate and Mark Agenda Published questions, on their
own: checks run as the clerk types, problems appear beside their fields in words, OK
waits until there are none, clashes warn without refusing, and a problem only the save
finds keeps the dialog open with the message beside its field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import MeetingKind, MeetingStatus
from scrutiny_desk.domain.errors import Problem
from scrutiny_desk.domain.links import link_problems
from scrutiny_desk.domain.meeting_records import ScheduleWarning
from scrutiny_desk.domain.records import MeetingSummary
from scrutiny_desk.domain.scheduling import ClashKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.meetings.meeting_dialog import (
    DuplicateDialog,
    MeetingDialog,
    MeetingValues,
    PublishedDialog,
)
from scrutiny_desk.ui.meetings.meeting_fields import from_qdate, problem_sentence
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner

pytestmark = pytest.mark.gui

EV3 = "Evidence session 3: criminal justice and treatment"
CLASH = ScheduleWarning(ClashKind.OVERLAP, "Briefing (14:00–16:00) overlaps Visit (15:00–17:00)")


class Recorder:
    """A check that refuses an empty title, an end before the start and a bad joining
    link (as ``check_meeting`` does), warns of a clash at 15:00, and a save that records
    what it was given."""

    def __init__(self, refuse: Sequence[Problem] = ()) -> None:
        self.checked: list[MeetingValues] = []
        self.saved: list[MeetingValues] = []
        self.refuse = list(refuse)

    def check(self, values: MeetingValues) -> tuple[list[Problem], list[ScheduleWarning]]:
        self.checked.append(values)
        problems = []
        if not values.title.strip():
            problems.append(Problem("title", "a meeting needs a title"))
        if values.end <= values.start:
            problems.append(Problem("end", f"must be after the start ({values.start:%H:%M})"))
        problems += link_problems("joining_link", values.joining_link)
        warnings = [CLASH] if values.start.hour == 15 else []
        return problems, warnings

    def save(self, values: MeetingValues) -> Sequence[Problem]:
        self.saved.append(values)
        refused, self.refuse = self.refuse, []
        return refused


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def runner() -> SynchronousTaskRunner:
    return SynchronousTaskRunner()


def settle(qtbot: QtBot, dialog: MeetingDialog | DuplicateDialog) -> None:
    """Wait out the pause after typing, after which the database check runs."""
    qtbot.waitUntil(lambda: not dialog.deferred.timer.isActive(), timeout=2000)


@pytest.fixture
def ev3(sample_services: Services) -> MeetingSummary:
    return next(m for m in sample_services.meetings.list(1) if m.title == EV3)


def test_problems_read_as_sentences() -> None:
    assert problem_sentence("The end time", "must be after the start (14:00)") == (
        "The end time must be after the start (14:00)."
    )
    assert problem_sentence("The title", "a meeting needs a title") == "A meeting needs a title."
    assert problem_sentence("The title", "is longer than 10,000 characters") == (
        "The title is longer than 10,000 characters."
    )
    assert problem_sentence("x", "Already a sentence.") == "Already a sentence."


def test_a_new_meeting_waits_for_a_title_then_saves(
    runner: SynchronousTaskRunner, qtbot: QtBot, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(
        parent,
        settings,
        runner,
        checks.check,
        checks.save,
        day=date(2027, 1, 13),
        venues=["Room 2"],
    )
    dialog.open()
    assert dialog.windowTitle() == "New Meeting"
    assert dialog.when.start() == datetime(2027, 1, 13, 14)
    assert dialog.when.end() == datetime(2027, 1, 13, 16)
    assert dialog.status_combo.currentText() == "Scheduled"
    assert dialog.kind_combo.currentText() == "Evidence session"
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems() == []  # the empty title is not nagged about yet

    qtbot.keyClicks(dialog.title_edit, "  ")
    assert dialog.problems() == ["A meeting needs a title."]
    assert dialog.title_problem.isVisible()
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Briefing")
    assert dialog.problems() == []
    assert dialog.ok_button.isEnabled()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Held"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert checks.saved == [
        MeetingValues(
            "Briefing",
            MeetingKind.EVIDENCE,
            datetime(2027, 1, 13, 14),
            datetime(2027, 1, 13, 16),
            None,
            MeetingStatus.HELD,
        )
    ]
    assert not dialog.isVisible()


def test_an_end_before_the_start_is_explained_and_blocks_ok(
    runner: SynchronousTaskRunner, parent: QWidget, settings: Settings, ev3: MeetingSummary
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save, record=ev3)
    dialog.open()
    assert dialog.windowTitle() == "Edit Meeting"
    assert dialog.ok_button.text() == "Save"
    assert dialog.venue_edit.text() == ev3.venue
    assert dialog.ok_button.isEnabled()
    dialog.when.end_edit.setTime(QTime(13, 30))
    assert not dialog.ok_button.isEnabled()
    assert dialog.when.end_problem.text() == "The end time must be after the start (14:00)."
    assert dialog.when.length_label.text() == ""
    dialog.accept()  # Enter with OK disabled: nothing is saved
    assert checks.saved == [] and dialog.isVisible()


def test_moving_the_start_keeps_the_length(
    runner: SynchronousTaskRunner, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save)
    dialog.when.start_edit.setTime(QTime(10, 0))
    assert dialog.when.end_edit.time() == QTime(12, 0)
    assert dialog.when.length_label.text() == "2 h"
    dialog.when.end_edit.setTime(QTime(10, 45))
    assert dialog.when.length_label.text() == "45 min"


def test_clashes_warn_but_do_not_block(
    qtbot: QtBot, runner: SynchronousTaskRunner, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(
        parent, settings, runner, checks.check, checks.save, day=date(2027, 1, 13)
    )
    dialog.open()
    dialog.title_edit.setText("Visit")
    dialog.when.start_edit.setTime(QTime(15, 0))
    settle(qtbot, dialog)
    assert dialog.warnings.isVisible()
    assert dialog.warnings.messages() == [CLASH.message + "."]
    assert "you can still save" in dialog.warnings.text.text()
    assert dialog.ok_button.isEnabled()


def test_a_problem_only_the_save_finds_keeps_the_dialog_open(
    runner: SynchronousTaskRunner,
    qtbot: QtBot,
    parent: QWidget,
    settings: Settings,
    ev3: MeetingSummary,
) -> None:
    checks = Recorder(refuse=[Problem("venue", "is longer than 10,000 characters")])
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save, record=ev3)
    dialog.open()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.venue_problem.text() == "The venue is longer than 10,000 characters."
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(checks.saved) == 2


def test_the_dialog_remembers_its_size(
    runner: SynchronousTaskRunner, qtbot: QtBot, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    first = MeetingDialog(parent, settings, runner, checks.check, checks.save)
    first.open()
    first.resize(700, 480)
    first.reject()
    again = MeetingDialog(parent, settings, runner, checks.check, checks.save)
    assert (again.width(), again.height()) == (700, 480)


def test_fields_have_accessible_names_and_tab_in_order(
    runner: SynchronousTaskRunner, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save)
    fields = [
        dialog.title_edit,
        dialog.title_cy_edit,
        dialog.kind_combo,
        dialog.when.date_edit,
        dialog.when.start_edit,
        dialog.when.end_edit,
        dialog.venue_edit,
        dialog.link_edit,
        dialog.status_combo,
    ]
    assert [f.accessibleName() for f in fields] == [
        "Title",
        "Welsh title",
        "Kind of meeting",
        "Date",
        "Start time",
        "End time",
        "Venue",
        "Joining link",
        "Status",
    ]
    assert _tab_order(dialog)[: len(fields)] == fields


def _tab_order(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits, from the first field."""
    order: list[QWidget] = []
    current = dialog.nextInFocusChain()
    while current is not dialog and len(order) < 100:
        inner = current.objectName().startswith("qt_")  # a spin box's own line edit
        if (
            current.focusPolicy() & Qt.FocusPolicy.TabFocus
            and current.isVisibleTo(dialog)
            and not inner
        ):
            order.append(current)
        current = current.nextInFocusChain()
    return order


def test_duplicate_offers_a_week_later_and_checks_the_new_times(
    runner: SynchronousTaskRunner, qtbot: QtBot, parent: QWidget, ev3: MeetingSummary
) -> None:
    checks = Recorder()
    dialog = DuplicateDialog(parent, runner, ev3, checks.check, checks.save)
    dialog.open()
    assert dialog.when.start() == datetime(2007, 4, 2, 14)
    assert dialog.when.end() == datetime(2007, 4, 2, 17)
    dialog.when.end_edit.setTime(QTime(9, 0))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems() == ["The end time must be after the start (14:00)."]
    dialog.when.end_edit.setTime(QTime(17, 0))
    dialog.when.date_edit.setDate(QDate(2027, 3, 22))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (values,) = checks.saved
    assert (values.title, values.start, values.venue) == (
        EV3,
        datetime(2027, 3, 22, 14),
        ev3.venue,
    )


def test_mark_published_defaults_to_today_and_can_clear_the_day(
    qtbot: QtBot, parent: QWidget, ev3: MeetingSummary
) -> None:
    saved: list[date | None] = []
    today = date(2007, 3, 20)
    dialog = PublishedDialog(parent, ev3, None, today, lambda on: saved.append(on) or [])
    dialog.open()
    assert dialog.published_on() == today
    assert dialog.clear_button is None  # nothing to clear yet
    dialog.date_edit.setDate(QDate(2007, 3, 27))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == (
        "The agenda cannot be published after the meeting (Monday 26 March 2007)."
    )
    dialog.date_edit.setDate(QDate(2007, 3, 16))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert saved == [date(2007, 3, 16)]

    published = PublishedDialog(
        parent, ev3, date(2007, 3, 16), today, lambda on: saved.append(on) or []
    )
    published.open()
    assert published.published_on() == date(2007, 3, 16)
    assert published.clear_button is not None
    qtbot.mouseClick(published.clear_button, Qt.MouseButton.LeftButton)
    assert saved[-1] is None
    assert not published.isVisible()


def mnemonics(widget: QWidget) -> list[str]:
    """The Alt+letter keys of the labels and buttons in ``widget``."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        text = child.text().replace("&&", "")
        if "&" in text and child.isVisibleTo(widget):
            keys.append(text[text.index("&") + 1].lower())
    return keys


def test_each_alt_key_reaches_one_field(
    runner: SynchronousTaskRunner, parent: QWidget, settings: Settings, ev3: MeetingSummary
) -> None:
    checks = Recorder()
    for dialog in (
        MeetingDialog(parent, settings, runner, checks.check, checks.save, record=ev3),
        DuplicateDialog(parent, runner, ev3, checks.check, checks.save),
    ):
        keys = mnemonics(dialog)
        assert len(keys) == len(set(keys)), keys


def test_a_typed_date_is_taken_in_every_date_field(
    qtbot: QtBot,
    runner: SynchronousTaskRunner,
    parent: QWidget,
    settings: Settings,
    ev3: MeetingSummary,
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(
        parent, settings, runner, checks.check, checks.save, day=date(2027, 1, 13)
    )
    published = PublishedDialog(parent, ev3, None, date(2007, 3, 20), lambda _on: [])
    for edit, typed, wanted in (
        (dialog.when.date_edit, "19/01/2027", date(2027, 1, 19)),
        (dialog.when.date_edit, "3/2/27", date(2027, 2, 3)),
        (published.date_edit, "16.03.2007", date(2007, 3, 16)),
    ):
        edit.lineEdit().selectAll()
        qtbot.keyClicks(edit, typed)
        assert from_qdate(edit.date()) == wanted, typed
    assert dialog.when.start() == datetime(2027, 2, 3, 14)
    dialog.when.date_edit.interpretText()  # as leaving the field does
    assert dialog.when.date_edit.text() == "Wed 3 Feb 2027"  # shown in the usual way again


def test_the_date_picker_opens_at_today_or_the_meetings_date(
    runner: SynchronousTaskRunner, parent: QWidget, settings: Settings, ev3: MeetingSummary
) -> None:
    checks = Recorder()
    today = date(2027, 1, 13)
    new = MeetingDialog(parent, settings, runner, checks.check, checks.save, today=today)
    edit = MeetingDialog(parent, settings, runner, checks.check, checks.save, record=ev3)
    for dialog, wanted in ((new, today), (edit, ev3.start.date())):
        dialog.open()
        field = dialog.when.date_edit
        assert from_qdate(field.date()) == wanted
        calendar = field.calendarWidget()
        assert calendar is not None and from_qdate(calendar.selectedDate()) == wanted
        assert (calendar.yearShown(), calendar.monthShown()) == (wanted.year, wanted.month)
        dialog.reject()


def test_a_weekend_or_a_bank_holiday_is_warned_of_at_once(
    qtbot: QtBot,
    runner: SynchronousTaskRunner,
    parent: QWidget,
    settings: Settings,
    ev3: MeetingSummary,
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(
        parent, settings, runner, checks.check, checks.save, day=date(2027, 1, 13)
    )
    dialog.open()
    assert dialog.warnings.isHidden()  # a Wednesday
    dialog.when.date_edit.setDate(QDate(2027, 1, 16))
    assert dialog.warnings.messages() == ["Saturday 16 January 2027 is at the weekend."]
    dialog.when.date_edit.setDate(QDate(2027, 5, 31))
    assert dialog.warnings.messages() == [
        "Monday 31 May 2027 is a bank holiday: Spring Bank Holiday."
    ]
    assert dialog.warnings.accessibleName().startswith("Monday 31 May 2027 is a bank holiday")
    qtbot.keyClicks(dialog.title_edit, "Briefing")
    assert dialog.ok_button.isEnabled()  # a warning, not a refusal
    duplicate = DuplicateDialog(
        parent, runner, ev3, checks.check, checks.save, day=date(2027, 12, 27)
    )
    assert duplicate.warnings.messages() == [
        "Monday 27 December 2027 is a bank holiday: Christmas Day (substitute day)."
    ]


LINK = "https://meet.example.org/j/482-001?pwd=abc"


def test_a_joining_link_is_checked_as_typed_and_saved(
    runner: SynchronousTaskRunner, qtbot: QtBot, parent: QWidget, settings: Settings
) -> None:
    checks = Recorder()
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save)
    dialog.open()
    qtbot.keyClicks(dialog.title_edit, "Online briefing")
    qtbot.keyClicks(dialog.link_edit, "meet.example.org/j/1")
    assert dialog.problems() == [
        "The joining link must be a web address starting https:// (or http://)."
    ]
    assert dialog.link_problem.isVisible() and not dialog.ok_button.isEnabled()
    settle(qtbot, dialog)  # the database check's outcome keeps it
    assert not dialog.ok_button.isEnabled()
    dialog.link_edit.clear()
    qtbot.keyClicks(dialog.link_edit, f" {LINK} ")
    assert dialog.problems() == [] and dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [v.joining_link for v in checks.saved] == [LINK]
    assert not dialog.isVisible()


def test_a_meetings_joining_link_is_shown_and_a_refusal_lands_beside_it(
    runner: SynchronousTaskRunner,
    qtbot: QtBot,
    parent: QWidget,
    settings: Settings,
    ev3: MeetingSummary,
) -> None:
    linked = replace(ev3, joining_link=LINK)
    checks = Recorder(refuse=[Problem("joining_link", "must not contain spaces")])
    dialog = MeetingDialog(parent, settings, runner, checks.check, checks.save, record=linked)
    dialog.open()
    assert dialog.link_edit.text() == LINK and dialog.values().joining_link == LINK
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.link_problem.text() == "The joining link must not contain spaces."
    dialog.link_edit.clear()  # blank is no link
    assert dialog.values().joining_link is None
