"""The meeting editor, and the two small questions the Meeting menu asks: the date of
a duplicate, and the day an agenda was published.

Every change is checked at once from the fields alone (``field_problems``: a title,
an end after the start) and the day (a weekend or a bank holiday is a warning); what
needs the database (``check``: the problems saving would meet, and the clashes it would
make) runs once typing pauses, on the task runner (``DeferredCheck``), so no keystroke
waits on the database. Each problem is shown in words under its field and keeps OK
disabled; clashes and days are warnings in an amber box, never a refusal. A problem
only the save can find comes back from ``save`` and is shown the same way, with the
dialog open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MeetingKind, MeetingStatus
from ...domain.errors import Problem
from ...domain.links import link_problems
from ...domain.meeting_records import ScheduleWarning
from ...domain.records import MeetingSummary
from ..shared.display import long_date, time_range
from ..shared.fields import ProblemLabel, cap_length, remember_geometry
from ..shared.settings import Settings
from ..shared.tasks import TaskRunner
from .deferred_check import DeferredCheck, field_problems
from .meeting_fields import (
    WarningsBox,
    WhenFields,
    date_edit,
    day_warnings,
    from_qdate,
    kind_labels,
    problem_sentence,
    status_labels,
)
from .meetings_model import full_day


@dataclass(frozen=True)
class MeetingValues:
    """What the editor holds: a meeting's editable fields."""

    title: str
    kind: MeetingKind
    start: datetime
    end: datetime
    venue: str | None
    status: MeetingStatus
    joining_link: str | None = None  # an online or hybrid meeting's
    title_cy: str | None = None  # the Welsh title bilingual papers print
    urgency: str | None = None  # kept as it is: publishing for the web asks for it


#: The problems saving these values would meet, and the clashes they would make; it
#: reads the database, so the dialogs run it on the task runner.
MeetingCheck = Callable[[MeetingValues], tuple[Sequence[Problem], Sequence[ScheduleWarning]]]
#: Saves the values; the problems to show (empty once saved, or refused for good).
MeetingSave = Callable[[MeetingValues], Sequence[Problem]]

#: The task key of the dialogs' deferred checks: a newer check supersedes an older one.
CHECK_KEY = "meeting-dialog-check"


def _field_problems(values: MeetingValues) -> list[Problem]:
    problems = field_problems(values.title, values.start, values.end, values.venue)
    return problems + link_problems("joining_link", values.joining_link)


class _Checks:
    """What a dialog knows of its values: the field problems of the values shown, and
    the last outcome of the deferred check (for the values it checked)."""

    def __init__(self) -> None:
        self.fields: list[Problem] = []
        self.checked: MeetingValues | None = None
        self.problems: list[Problem] = []
        self.warnings: list[ScheduleWarning] = []

    def problems_of(self, values: MeetingValues) -> list[Problem]:
        """The deferred check's problems when it checked these very values (they
        include the field problems), else the field problems."""
        return self.problems if self.checked == values else self.fields


class MeetingDialog(QDialog):
    """New Meeting and Edit Meeting."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        runner: TaskRunner,
        check: MeetingCheck,
        save: MeetingSave,
        *,
        record: MeetingSummary | None = None,
        venues: Sequence[str] = (),
        day: date | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.setWindowTitle(self.tr("Edit Meeting") if record else self.tr("New Meeting"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save
        self._touched: set[str] = set() if record is None else {"title", "start", "end", "venue"}
        self._checks = _Checks()
        self.deferred = DeferredCheck(runner, check, CHECK_KEY, self)
        self.deferred.checked.connect(self._on_checked)
        self.finished.connect(lambda _r: self.deferred.cancel())

        when = day or today or date.today()
        start = record.start if record else datetime.combine(when, time(14, 0))
        end = record.end if record else datetime.combine(when, time(16, 0))
        self.title_edit = QLineEdit(record.title if record else "")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("For example: Evidence session 2: housing"))
        self.title_cy_edit = QLineEdit(record.title_cy or "" if record else "")
        self.title_cy_edit.setObjectName("meetingTitleCy")
        self.title_cy_edit.setAccessibleName(self.tr("Welsh title"))
        self.title_cy_edit.setPlaceholderText(self.tr("Optional: printed beside the title"))
        self._urgency = record.urgency if record else None
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of meeting"))
        for kind, label in kind_labels(self).items():
            self.kind_combo.addItem(label, kind.value)
        kind = record.kind if record else MeetingKind.EVIDENCE
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.when = WhenFields(start, end, days=(end.date() - start.date()).days)
        self.venue_edit = QLineEdit(record.venue or "" if record else "")
        self.venue_edit.setAccessibleName(self.tr("Venue"))
        self.venue_edit.setPlaceholderText(self.tr("A room, a site visit address, or Online"))
        completer = QCompleter(QStringListModel(list(venues), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.venue_edit.setCompleter(completer)
        self.link_edit = QLineEdit(record.joining_link or "" if record else "")
        self.link_edit.setAccessibleName(self.tr("Joining link"))
        self.link_edit.setPlaceholderText(self.tr("An online or hybrid meeting's https:// link"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status, label in status_labels(self).items():
            self.status_combo.addItem(label, status.value)
        status = record.status if record else MeetingStatus.SCHEDULED
        self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))

        self.title_problem = ProblemLabel()
        self.venue_problem = ProblemLabel()
        self.link_problem = ProblemLabel()
        self.general_problem = ProblemLabel()
        self.warnings = WarningsBox()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(form, self.tr("&Title:"), self.title_edit, self.title_problem)
        form.addRow("", cap_length(self.title_edit))
        self.title_cy_problem = ProblemLabel()
        self._row(form, self.tr("&Welsh title:"), self.title_cy_edit, self.title_cy_problem)
        self._row(form, self.tr("&Kind:"), self.kind_combo)
        self.when.add_rows(form, self.tr("&Date:"), self.tr("T&ime:"))
        self._row(form, self.tr("&Venue:"), self.venue_edit, self.venue_problem)
        self._row(form, self.tr("&Joining link:"), self.link_edit, self.link_problem)
        self._row(form, self.tr("&Status:"), self.status_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if record else self.tr("Create Meeting"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.title_edit.textEdited.connect(lambda _t: self._touch("title"))
        self.title_cy_edit.textEdited.connect(lambda _t: self._touch("title_cy"))
        self.venue_edit.textEdited.connect(lambda _t: self._touch("venue"))
        self.link_edit.textEdited.connect(lambda _t: self._touch("joining_link"))
        self.when.changed.connect(lambda: self._touch("start", "end"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._check())
        self.status_combo.currentIndexChanged.connect(lambda _i: self._check())
        remember_geometry(
            self,
            lambda: settings.meeting_dialog_geometry,
            lambda g: setattr(settings, "meeting_dialog_geometry", g),
        )
        self.setTabOrder(self.title_edit, self.title_cy_edit)
        self.setTabOrder(self.title_cy_edit, self.kind_combo)
        self.setTabOrder(self.kind_combo, self.when.date_edit)
        self.setTabOrder(self.when.date_edit, self.when.start_edit)
        self.setTabOrder(self.when.start_edit, self.when.end_edit)
        self.setTabOrder(self.when.end_edit, self.venue_edit)
        self.setTabOrder(self.venue_edit, self.link_edit)
        self.setTabOrder(self.link_edit, self.status_combo)
        self._check()
        self.title_edit.setFocus()

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, problem: ProblemLabel | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)
        if problem is not None:
            form.addRow("", problem)

    # Values ---------------------------------------------------------------------

    def values(self) -> MeetingValues:
        return MeetingValues(
            title=self.title_edit.text().strip(),
            kind=MeetingKind(self.kind_combo.currentData()),
            start=self.when.start(),
            end=self.when.end(),
            venue=self.venue_edit.text().strip() or None,
            status=MeetingStatus(self.status_combo.currentData()),
            joining_link=self.link_edit.text().strip() or None,
            title_cy=self.title_cy_edit.text().strip() or None,
            urgency=self._urgency,
        )

    def problems(self) -> list[str]:
        """The problems shown, for tests and for screen readers."""
        labels = [
            self.title_problem,
            self.when.date_problem,
            self.when.start_problem,
            self.when.end_problem,
            self.venue_problem,
            self.link_problem,
            self.general_problem,
        ]
        return [text for label in labels if (text := label.problem())]

    # Checking -------------------------------------------------------------------

    def _touch(self, *names: str) -> None:
        self._touched.update(names)
        self._check()

    def _check(self) -> None:
        """At once what the fields say; what the database says once typing pauses."""
        values = self.values()
        self._checks.fields = _field_problems(values)
        self._show_checks(values)
        self.deferred.request(values)

    def _on_checked(
        self, values: MeetingValues, problems: list[Problem], warnings: list[ScheduleWarning]
    ) -> None:
        if values != self.values():
            return  # typing went on: a newer check is on its way
        self._checks.checked, self._checks.problems = values, problems
        self._checks.warnings = warnings
        self._show_checks(values)

    def _show_checks(self, values: MeetingValues) -> None:
        problems = self._checks.problems_of(values)
        self.show_problems(problems, only_touched=True)
        self.warnings.show_warnings(
            self._checks.warnings,  # the last clashes found, until the next check says
            self.tr("These are warnings only: you can still save."),
            day_warnings(self, values.start.date()),
        )
        self.ok_button.setEnabled(not problems)

    def show_problems(self, problems: Sequence[Problem], *, only_touched: bool = False) -> None:
        subjects = {
            "title": self.tr("The title"),
            "start": self.tr("The start time"),
            "end": self.tr("The end time"),
            "venue": self.tr("The venue"),
            "joining_link": self.tr("The joining link"),
            "title_cy": self.tr("The Welsh title"),
        }
        shown: dict[str, list[str]] = {}
        for problem in problems:
            path = problem.path if problem.path in subjects else ""
            if only_touched and path and path not in self._touched:
                continue
            subject = subjects.get(path, self.tr("This meeting"))
            shown.setdefault(path, []).append(problem_sentence(subject, problem.message))
        self.title_problem.show_problem(" ".join(shown.get("title", [])) or None)
        self.venue_problem.show_problem(" ".join(shown.get("venue", [])) or None)
        self.link_problem.show_problem(" ".join(shown.get("joining_link", [])) or None)
        self.title_cy_problem.show_problem(" ".join(shown.get("title_cy", [])) or None)
        self.when.show_problem("start", " ".join(shown.get("start", [])) or None)
        self.when.show_problem("end", " ".join(shown.get("end", [])) or None)
        self.general_problem.show_problem(" ".join(shown.get("", [])) or None)

    def accept(self) -> None:
        self._touched.update({"title", "title_cy", "start", "end", "venue", "joining_link"})
        self._check()
        if not self.ok_button.isEnabled():
            return
        self.deferred.cancel()  # the save checks everything again, in its transaction
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()


class DuplicateDialog(QDialog):
    """Duplicate: the new date and times of the copy; the rest is copied."""

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        source: MeetingSummary,
        check: MeetingCheck,
        save: MeetingSave,
        *,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateMeetingDialog")
        self.setWindowTitle(self.tr("Duplicate Meeting"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        self._source = source
        self._save = save
        self._checks = _Checks()
        self.deferred = DeferredCheck(runner, check, CHECK_KEY, self)
        self.deferred.checked.connect(self._on_checked)
        self.finished.connect(lambda _r: self.deferred.cancel())
        new_day = day or source.start.date() + timedelta(days=7)
        by = datetime.combine(new_day, time()) - datetime.combine(source.start.date(), time())
        self.when = WhenFields(source.start + by, source.end + by)
        intro = QLabel(
            self.tr(
                "A copy of “{title}” ({when}) with its agenda, on a new date. Minutes and "
                "attendance are not copied."
            ).format(
                title=source.title,
                when=f"{long_date(source.start)}, {time_range(source.start, source.end)}",
            )
        )
        intro.setWordWrap(True)
        self.general_problem = ProblemLabel()
        self.warnings = WarningsBox()
        form = QFormLayout()
        self.when.add_rows(form, self.tr("New &date:"), self.tr("T&ime:"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Duplicate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.when.changed.connect(self._check)
        self._check()
        self.when.date_edit.setFocus()

    def values(self) -> MeetingValues:
        s = self._source
        return MeetingValues(
            s.title, s.kind, self.when.start(), self.when.end(), s.venue, MeetingStatus.SCHEDULED
        )

    def problems(self) -> list[str]:
        labels = [self.when.start_problem, self.when.end_problem, self.general_problem]
        return [text for label in labels if (text := label.problem())]

    def _check(self) -> None:
        """At once what the fields say; what the database says once typing pauses."""
        values = self.values()
        self._checks.fields = _field_problems(values)
        self._show_checks(values)
        self.deferred.request(values)

    def _on_checked(
        self, values: MeetingValues, problems: list[Problem], warnings: list[ScheduleWarning]
    ) -> None:
        if values != self.values():
            return  # the date or times changed again: a newer check is on its way
        self._checks.checked, self._checks.problems = values, problems
        self._checks.warnings = warnings
        self._show_checks(values)

    def _show_checks(self, values: MeetingValues) -> None:
        problems = self._checks.problems_of(values)
        self.show_problems(problems)
        self.warnings.show_warnings(
            self._checks.warnings,
            self.tr("These are warnings only: you can still duplicate it."),
            day_warnings(self, values.start.date()),
        )
        self.ok_button.setEnabled(not problems)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.when.clear_problems()
        general = []
        for problem in problems:
            subject = self.tr("The end time") if problem.path == "end" else self.tr("The start")
            text = problem_sentence(subject, problem.message)
            if not self.when.show_problem(problem.path, text):
                general.append(problem_sentence(self.tr("The copy"), problem.message))
        self.general_problem.show_problem(" ".join(general) or None)

    def accept(self) -> None:
        self._check()
        if not self.ok_button.isEnabled():
            return
        self.deferred.cancel()  # the save checks everything again, in its transaction
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()


#: Records the day (None: not published); the problems to show.
PublishedSave = Callable[[date | None], Sequence[Problem]]


class PublishedDialog(QDialog):
    """Mark Agenda Published: the day it was published (today unless changed)."""

    def __init__(
        self,
        parent: QWidget,
        meeting: MeetingSummary,
        published_on: date | None,
        today: date,
        save: PublishedSave,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPublishedDialog")
        self.setWindowTitle(self.tr("Mark Agenda Published"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(420)
        self._meeting_day = meeting.start.date()
        self._save = save
        intro = QLabel(
            self.tr("The day the agenda of “{title}” ({day}) was published.").format(
                title=meeting.title, day=full_day(self._meeting_day)
            )
        )
        intro.setWordWrap(True)
        initial = published_on or min(today, self._meeting_day)
        self.date_edit = date_edit(initial, self.tr("Published on"))
        self.problem = ProblemLabel()
        form = QFormLayout()
        label = QLabel(self.tr("&Published on:"))
        label.setBuddy(self.date_edit)
        form.addRow(label, self.date_edit)
        form.addRow("", self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Mark Published"))
        self.clear_button: QPushButton | None = None
        if published_on is not None:
            self.clear_button = self.buttons.addButton(
                self.tr("Mark &Not Published"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.clear_button.clicked.connect(self._on_clear)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(lambda _d: self._check())
        self._check()
        self.date_edit.setFocus()

    def published_on(self) -> date:
        return from_qdate(self.date_edit.date())

    def _check(self) -> None:
        late = self.published_on() > self._meeting_day
        self.problem.show_problem(
            self.tr("The agenda cannot be published after the meeting ({day}).").format(
                day=full_day(self._meeting_day)
            )
            if late
            else None
        )
        self.ok_button.setEnabled(not late)

    def _finish(self, on: date | None) -> None:
        problems = self._save(on)
        if problems:
            self.problem.show_problem(
                " ".join(problem_sentence(self.tr("The day"), p.message) for p in problems)
            )
            return
        super().accept()

    def _on_clear(self) -> None:
        self._finish(None)

    def accept(self) -> None:
        self._check()
        if self.ok_button.isEnabled():
            self._finish(self.published_on())
