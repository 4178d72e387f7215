"""The fields a meeting is set with, shared by the meeting editor, Duplicate, Mark
Agenda Published and New Series: a date and the start and end times kept in step
(``WhenFields``), clash warnings in an amber box (``WarningsBox``), the labels of
meeting kinds and statuses, and a service's reason said as a sentence.

A date field (``shared.date_field.DateField``) shows "Tue 19 Jan 2027" but also takes a
date typed as a clerk writes it (19/01/2027, 19/1/27, 19.01.2027, 2027-01-19), and its calendar
opens at the date it holds. ``day_warnings`` says when a meeting falls on a weekend
or an England and Wales bank holiday (the bank holidays of ``services.calendar_rules``,
a table in memory: no database, cheap enough for every keystroke).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QWidget,
)

from ...domain.deadlines import is_working_day
from ...domain.enums import MeetingKind, MeetingStatus
from ...domain.meeting_records import ScheduleWarning
from ...services.calendar_rules import bank_holiday_name, is_bank_holiday
from ..shared.date_field import DateField
from ..shared.fields import ProblemLabel
from .meetings_model import full_day
from .schedule_warnings_model import warning_icon

DATE_DISPLAY = "ddd d MMM yyyy"
TIME_DISPLAY = "HH:mm"

_SUBJECTS = ("must ", "is ", "contains ", "cannot ", "would ")


def problem_sentence(subject: str, message: str) -> str:
    """A service's reason as a sentence: "must be after ..." becomes "The end time must
    be after ...", "a meeting needs a title" becomes "A meeting needs a title."."""
    text = message.strip()
    text = f"{subject} {text}" if text.startswith(_SUBJECTS) else text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_qtime(moment: time | datetime) -> QTime:
    return QTime(moment.hour, moment.minute)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def kind_labels(owner: QWidget) -> dict[MeetingKind, str]:
    return {
        MeetingKind.EVIDENCE: owner.tr("Evidence session"),
        MeetingKind.DELIBERATIVE: owner.tr("Deliberative meeting"),
        MeetingKind.VISIT: owner.tr("Visit"),
        MeetingKind.OTHER: owner.tr("Other meeting"),
    }


def status_labels(owner: QWidget) -> dict[MeetingStatus, str]:
    return {
        MeetingStatus.SCHEDULED: owner.tr("Scheduled"),
        MeetingStatus.HELD: owner.tr("Held"),
        MeetingStatus.POSTPONED: owner.tr("Postponed"),
        MeetingStatus.CANCELLED: owner.tr("Cancelled"),
    }


#: Dates as a clerk types them, tried in this order (day first, as in the UK).
def date_edit(value: date, name: str) -> QDateEdit:
    edit = DateField()
    edit.setDate(to_qdate(value))
    edit.setDisplayFormat(DATE_DISPLAY)
    edit.setAccessibleName(name)
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setMaximumDate(QDate(9998, 12, 31))
    edit.setToolTip(edit.tr("Pick a day, or type one such as 19/01/2027"))
    return edit


def day_warnings(owner: QWidget, day: date) -> list[str]:
    """Why a single meeting on ``day`` may be a mistake: a weekend or a bank holiday
    (England and Wales). Warnings only: such a meeting can still be arranged."""
    if is_working_day(day, is_bank_holiday):
        return []
    name = bank_holiday_name(day)
    if name is not None:
        return [owner.tr("{day} is a bank holiday: {name}").format(day=full_day(day), name=name)]
    return [owner.tr("{day} is at the weekend").format(day=full_day(day))]


def time_edit(value: time | datetime, name: str) -> QTimeEdit:
    edit = QTimeEdit(to_qtime(value))
    edit.setDisplayFormat(TIME_DISPLAY)
    edit.setAccessibleName(name)
    edit.setWrapping(True)
    return edit


class WarningsBox(QFrame):
    """Clash warnings in an amber box: said plainly, and saving stays allowed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clashWarnings")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#clashWarnings { background: rgba(214, 140, 0, 0.12); "
            "border: 1px solid rgba(214, 140, 0, 0.55); border-radius: 4px; }"
        )
        icon = QLabel()
        icon.setPixmap(warning_icon().pixmap(18, 18))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_warnings(
        self, warnings: Sequence[ScheduleWarning], note: str, days: Sequence[str] = ()
    ) -> None:
        """The clashes, and ``days``: what ``day_warnings`` says of the date."""
        if not warnings and not days:
            self.text.clear()
            self.setAccessibleName("")
            self.hide()
            return
        lines = [line + "." for line in days] + [w.message + "." for w in warnings]
        self.text.setText("\n".join([*lines, note]))
        self.setAccessibleName(self.text.text())
        self.show()

    def messages(self) -> list[str]:
        shown = not self.isHidden()
        return self.text.text().splitlines()[:-1] if shown else []


class WhenFields(QWidget):
    """The date, the start and end times, their length, and a problem under each.

    Moving the start moves the end with it, keeping the meeting's length."""

    changed = Signal()

    def __init__(
        self, start: datetime, end: datetime, parent: QWidget | None = None, *, days: int = 0
    ) -> None:
        super().__init__(parent)
        self._days = days  # a meeting that ends on a later day keeps ending then
        self.date_edit = date_edit(start.date(), self.tr("Date"))
        self.start_edit = time_edit(start, self.tr("Start time"))
        self.end_edit = time_edit(end, self.tr("End time"))
        self.length_label = QLabel()
        self.length_label.setObjectName("meetingLength")
        self.date_problem = ProblemLabel()
        self.start_problem = ProblemLabel()
        self.end_problem = ProblemLabel()
        self._last_start = self.start_edit.time()
        to_label = QLabel(self.tr("t&o"))
        to_label.setBuddy(self.end_edit)

        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        times.addWidget(self.start_edit)
        times.addWidget(to_label)
        times.addWidget(self.end_edit)
        times.addSpacing(8)
        times.addWidget(self.length_label, 1)
        self.times = QWidget()
        self.times.setLayout(times)

        self.date_edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.start_edit.timeChanged.connect(self._on_start_changed)
        self.end_edit.timeChanged.connect(lambda _t: self._update_length())
        self.end_edit.timeChanged.connect(lambda _t: self.changed.emit())
        self._update_length()

    def add_rows(self, form: QFormLayout, date_text: str, time_text: str) -> None:
        date_label = QLabel(date_text)
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        form.addRow("", self.date_problem)
        time_label = QLabel(time_text)
        time_label.setBuddy(self.start_edit)
        form.addRow(time_label, self.times)
        form.addRow("", self.start_problem)
        form.addRow("", self.end_problem)

    def start(self) -> datetime:
        return datetime.combine(
            from_qdate(self.date_edit.date()), from_qtime(self.start_edit.time())
        )

    def end(self) -> datetime:
        day = from_qdate(self.date_edit.date())
        with suppress(OverflowError):
            day += timedelta(days=self._days)
        return datetime.combine(day, from_qtime(self.end_edit.time()))

    def set_times(self, start: datetime, end: datetime) -> None:
        self._days = (end.date() - start.date()).days
        self.date_edit.setDate(to_qdate(start.date()))
        self.start_edit.blockSignals(True)
        self.start_edit.setTime(to_qtime(start))
        self.start_edit.blockSignals(False)
        self._last_start = self.start_edit.time()
        self.end_edit.setTime(to_qtime(end))
        self._update_length()

    def show_problem(self, path: str, text: str | None) -> bool:
        label = {"start": self.start_problem, "end": self.end_problem}.get(path)
        if label is None:
            return False
        label.show_problem(text)
        return True

    def clear_problems(self) -> None:
        for label in (self.date_problem, self.start_problem, self.end_problem):
            label.show_problem(None)

    def _on_start_changed(self, new: QTime) -> None:
        old = self._last_start
        self._last_start = new
        end = self.end_edit.time()
        if self._days == 0 and old < end:
            moved = end.addSecs(old.secsTo(new))
            if moved > new:  # the same length still ends on the day
                self.end_edit.blockSignals(True)
                self.end_edit.setTime(moved)
                self.end_edit.blockSignals(False)
        self._update_length()
        self.changed.emit()

    def _update_length(self) -> None:
        minutes = int((self.end() - self.start()).total_seconds() // 60)
        if minutes <= 0:
            self.length_label.clear()
            return
        hours, rest = divmod(minutes, 60)
        if hours and rest:
            text = self.tr("{h} h {m} min").format(h=hours, m=rest)
        elif hours:
            text = self.tr("{h} h").format(h=hours)
        else:
            text = self.tr("{m} min").format(m=rest)
        self.length_label.setText(text)
