"""When the meeting began and ended, on the Minutes tab ("The meeting ended at 4.32 pm").

Each is a tick ("Began", "Ended": recorded or not) and a time on the meeting's day;
ticking one records the meeting's scheduled start (or end) to correct. A change is
saved when the time field is left or Enter is pressed, one undo step each. An end
before the beginning is said beside the fields and not saved (the service refuses it
too). Frozen with the minutes while they are approved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QTimeEdit, QVBoxLayout, QWidget

from ...domain.agenda_records import MinutesRecord
from ...domain.procedure_records import MeetingTimesRecord
from ...domain.wording import clock
from ..shared.fields import ProblemLabel

Times = tuple[datetime | None, datetime | None]
#: Saves (began, ended) given the times before and after; False if it was refused.
TimesSave = Callable[[Times, Times], bool]


class MeetingTimes(QWidget):
    def __init__(self, save: TimesSave, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingTimes")
        self._save = save
        self._minutes: MinutesRecord | None = None
        self._stored: Times = (None, None)
        self._showing = False
        self.began_check = QCheckBox(self.tr("&Began at"))
        self.ended_check = QCheckBox(self.tr("En&ded at"))
        self.began_edit = self._time_edit(self.tr("Time the meeting began"))
        self.ended_edit = self._time_edit(self.tr("Time the meeting ended"))
        self.problem = ProblemLabel()
        self.problem.setObjectName("meetingTimesProblem")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for check, edit in (
            (self.began_check, self.began_edit),
            (self.ended_check, self.ended_edit),
        ):
            row.addWidget(check)
            row.addWidget(edit)
            row.addSpacing(16)
            check.toggled.connect(self._on_ticked)
            edit.editingFinished.connect(self.commit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def _time_edit(self, name: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(name)
        edit.setWrapping(True)
        return edit

    def present(self, times: MeetingTimesRecord | None, minutes: MinutesRecord | None) -> None:
        """Show the recorded times (keeping a time being typed while nothing changed)."""
        same = (
            minutes is not None
            and self._minutes is not None
            and minutes.meeting_id == self._minutes.meeting_id
        )
        self._minutes = minutes
        stored: Times = (times.began, times.ended) if times is not None else (None, None)
        if same and stored == self._stored and self._edited() != stored:
            return
        self._stored = stored
        self._showing = True
        try:
            for moment, check, edit, scheduled in (
                (stored[0], self.began_check, self.began_edit, self._scheduled(True)),
                (stored[1], self.ended_check, self.ended_edit, self._scheduled(False)),
            ):
                check.setChecked(moment is not None)
                shown = moment or scheduled
                edit.setTime(QTime(shown.hour, shown.minute) if shown else QTime(0, 0))
                edit.setEnabled(moment is not None and check.isEnabled())
                edit.setToolTip(clock(moment) if moment else "")
        finally:
            self._showing = False
        self.problem.show_problem(None)

    def set_writable(self, writable: bool) -> None:
        for check, edit in (
            (self.began_check, self.began_edit),
            (self.ended_check, self.ended_edit),
        ):
            check.setEnabled(writable)
            edit.setEnabled(writable and check.isChecked())

    def _scheduled(self, start: bool) -> datetime | None:
        minutes = self._minutes
        if minutes is None:
            return None
        return minutes.meeting_start if start else minutes.meeting_end

    def _edited(self) -> Times:
        """The times as the fields show them now, on the meeting's day."""
        minutes = self._minutes
        if minutes is None:
            return (None, None)
        day = minutes.meeting_start.date()

        def at(check: QCheckBox, edit: QTimeEdit) -> datetime | None:
            value = edit.time()
            return (
                datetime.combine(day, time(value.hour(), value.minute()))
                if check.isChecked()
                else None
            )

        return at(self.began_check, self.began_edit), at(self.ended_check, self.ended_edit)

    def _on_ticked(self, _ticked: bool) -> None:
        if self._showing:
            return
        self.began_edit.setEnabled(self.began_check.isChecked() and self.began_check.isEnabled())
        self.ended_edit.setEnabled(self.ended_check.isChecked() and self.ended_check.isEnabled())
        self.commit()

    def commit(self) -> bool:
        """Save the times shown if they changed and make sense. False if refused."""
        if self._showing or self._minutes is None:
            return True
        wanted = self._edited()
        if wanted == self._stored:
            self.problem.show_problem(None)
            return True
        began, ended = wanted
        if began is not None and ended is not None and ended < began:
            self.problem.show_problem(
                self.tr("The meeting cannot end ({ended}) before it began ({began}).").format(
                    ended=clock(ended), began=clock(began)
                )
            )
            return False
        self.problem.show_problem(None)
        before, self._stored = self._stored, wanted
        if not self._save(before, wanted):
            self._stored = before
            return False
        return True
