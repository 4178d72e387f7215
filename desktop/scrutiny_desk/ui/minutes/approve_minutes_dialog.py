"""Approve a meeting's minutes (the date, at which meeting), which freezes them, and
reopen them for a correction (the reason, which is recorded with the approved minutes).

Minutes are approved as a correct record at the same meeting or a later one, usually
the next: the list offers this meeting and the later ones that took place or will,
with the next chosen; the date follows the chosen meeting until the clerk changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import MinutesRecord
from ...domain.errors import Problem
from ...domain.meeting_rules import will_not_take_place
from ...domain.records import MeetingSummary
from ...domain.wording import day_month_year
from ..shared.date_field import DateField
from ..shared.fields import ProblemLabel, remember_geometry, required_text_problem
from ..shared.settings import Settings


@dataclass(frozen=True)
class Approval:
    approved_on: date
    at_meeting_key: str | None


ApprovalSave = Callable[[Approval], Sequence[Problem]]
ReopenSave = Callable[[str], Sequence[Problem]]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _first_upper(problem: Problem) -> str:
    return problem.message[:1].upper() + problem.message[1:] + "."


class ApproveMinutesDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        minutes: MinutesRecord,
        meetings: Sequence[MeetingSummary],
        save: ApprovalSave,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approveMinutesDialog")
        self.setWindowTitle(self.tr("Approve Minutes"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save
        self._held_on = minutes.meeting_start.date()

        self.intro = QLabel(
            self.tr(
                "Record that the minutes of “{meeting}” were agreed as a correct record. "
                "Approving freezes them as they print now: every paper of the approved "
                "minutes prints this record, and a later change needs the minutes "
                "reopened, which is recorded with its reason."
            ).format(meeting=minutes.meeting_title)
        )
        self.intro.setWordWrap(True)

        self.meeting_combo = QComboBox()
        self.meeting_combo.setObjectName("approvingMeeting")
        self.meeting_combo.setAccessibleName(self.tr("Approved at meeting"))
        self._days: list[date] = []
        later = sorted(
            (m for m in meetings if m.start >= minutes.meeting_start),
            key=lambda m: m.start,
        )
        default: int | None = None  # the next meeting, if there is one
        for m in later:
            if will_not_take_place(m.status):
                continue
            label = self.tr("{date}: {title}").format(
                date=day_month_year(m.start.date()), title=m.title
            )
            if m.id == minutes.meeting_id:
                label = self.tr("{label} (this meeting)").format(label=label)
            self.meeting_combo.addItem(label, m.key)
            self._days.append(m.start.date())
            if default is None and m.id != minutes.meeting_id:
                default = self.meeting_combo.count() - 1
        if default is None:
            default = 0
        self.meeting_combo.addItem(self.tr("Not recorded"), None)
        self._days.append(max(date.today(), self._held_on))
        self.meeting_combo.setCurrentIndex(default)

        self.date_edit = DateField()
        self.date_edit.setObjectName("approvedOn")
        self.date_edit.setAccessibleName(self.tr("Approved on"))
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setDate(_qdate(self._days[default]))
        self._date_touched = False

        self.problems = {"approved_on": ProblemLabel(), "at_meeting": ProblemLabel()}
        self.general_problem = ProblemLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        meeting_label = QLabel(self.tr("&At meeting:"))
        meeting_label.setBuddy(self.meeting_combo)
        form.addRow(meeting_label, self.meeting_combo)
        form.addRow("", self.problems["at_meeting"])
        date_label = QLabel(self.tr("Approved &on:"))
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        form.addRow("", self.problems["approved_on"])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Approve and Lock"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.meeting_combo.currentIndexChanged.connect(self._on_meeting_changed)
        self.date_edit.userDateChanged.connect(self._on_date_edited)
        remember_geometry(
            self,
            lambda: settings.approve_minutes_dialog_geometry,
            lambda g: setattr(settings, "approve_minutes_dialog_geometry", g),
        )
        self._check()
        self.meeting_combo.setFocus()

    def values(self) -> Approval:
        return Approval(_date(self.date_edit.date()), self.meeting_combo.currentData())

    def accept(self) -> None:
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            general = []
            for problem in problems:
                label = self.problems.get(problem.path)
                if label is not None:
                    label.show_problem(_first_upper(problem))
                else:
                    general.append(str(problem))
            self.general_problem.show_problem("\n".join(general) or None)
            return
        super().accept()

    def _on_meeting_changed(self, row: int) -> None:
        if not self._date_touched and 0 <= row < len(self._days):
            self.date_edit.setDate(_qdate(self._days[row]))
        self._check()

    def _on_date_edited(self, _value: QDate) -> None:
        self._date_touched = True
        self._check()

    def _check(self) -> bool:
        problem = None
        if _date(self.date_edit.date()) < self._held_on:
            problem = self.tr("Must be on or after the day of the meeting ({day}).").format(
                day=day_month_year(self._held_on)
            )
        self.problems["approved_on"].show_problem(problem)
        self.problems["at_meeting"].show_problem(None)
        self.general_problem.show_problem(None)
        self.ok_button.setEnabled(problem is None)
        return problem is None


class ReopenMinutesDialog(QDialog):
    """Why the approved minutes are reopened: what reopening means, and the reason,
    which goes into their history with the approved minutes as they printed."""

    def __init__(
        self, parent: QWidget, settings: Settings, minutes: MinutesRecord, save: ReopenSave
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reopenMinutesDialog")
        self.setWindowTitle(self.tr("Reopen Minutes"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(500)
        self._save = save
        when = (
            self.tr(" on {date}").format(date=day_month_year(minutes.approved_on))
            if minutes.approved_on
            else ""
        )
        self.intro = QLabel(
            self.tr(
                "The minutes of “{meeting}” were approved{when} as a correct record.\n\n"
                "Reopening them returns them to draft: they are no longer approved, and "
                "papers print them as DRAFT until they are approved again. The approved "
                "minutes are kept in the minutes history exactly as they were printed, "
                "with your name, the time and this reason."
            ).format(meeting=minutes.meeting_title, when=when)
        )
        self.intro.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reopenReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for reopening"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr("For example: to correct the spelling of a witness's name.")
        )
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_problem = ProblemLabel()
        self.general_problem = ProblemLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        label = QLabel(self.tr("&Reason:"))
        label.setBuddy(self.reason_edit)
        form.addRow(label, self.reason_edit)
        form.addRow("", self.reason_problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Reopen Minutes"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._touched = False
        self.reason_edit.textChanged.connect(self._on_text_changed)
        remember_geometry(
            self,
            lambda: settings.approve_minutes_dialog_geometry,
            lambda g: setattr(settings, "approve_minutes_dialog_geometry", g),
        )
        self._check()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        self._touched = True
        if not self._check():
            return
        problems = self._save(self.reason())
        if problems:
            reason = [p for p in problems if p.path == "reason"]
            if reason:
                self.reason_problem.show_problem(_first_upper(reason[0]))
            others = [str(p) for p in problems if p.path != "reason"]
            self.general_problem.show_problem("\n".join(others) or None)
            return
        super().accept()

    def _on_text_changed(self) -> None:
        self._touched = True
        self._check()

    def _check(self) -> bool:
        problem = required_text_problem(
            self.reason_edit.toPlainText(), self.tr("why the minutes are reopened")
        )
        self.reason_problem.show_problem(problem if self._touched else None)
        self.general_problem.show_problem(None)
        self.ok_button.setEnabled(problem is None)
        return problem is None
