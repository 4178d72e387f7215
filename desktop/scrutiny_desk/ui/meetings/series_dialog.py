"""New Series: a run of meetings set the way committees set them, previewed before
anything is made.

The clerk describes the pattern ("the third Wednesday of every month from September to
July, 14:00 to 16:30"); the dialog says it back in a sentence and lists, as they
type, the dates it will create and the dates it leaves out with the reason (an England
and Wales bank holiday, a month without meetings, a date the clerk unticked), and any
clash with meetings already arranged. Unticking a date leaves it out; ticking a left-out
date puts it back. Create makes them all in one step, which one undo takes away.

The field checks are the domain's (``check_series``), at once; the preview is the
series service's, read through the task runner so typing never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MeetingKind
from ...domain.errors import Problem, ScrutinyError, ValidationError
from ...domain.meeting_records import SeriesPlan
from ...domain.recurrence import SeriesKind, SeriesRule, check_series
from ..shared.fields import ProblemLabel, cap_length, remember_geometry
from ..shared.settings import Settings
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.tasks import TaskRunner
from .meeting_fields import (
    WarningsBox,
    WhenFields,
    date_edit,
    from_qdate,
    kind_labels,
    problem_sentence,
)
from .series_dates_model import DateRow, SeriesDatesModel

#: Makes the series; the problems to show (empty once made).
SeriesSave = Callable[[SeriesRule, frozenset[date]], Sequence[Problem]]
#: What the series would make, without saving (the series service's ``preview``).
SeriesPreviewer = Callable[[SeriesRule, frozenset[date]], SeriesPlan]


def _months_on(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class SeriesDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        runner: TaskRunner,
        preview: SeriesPreviewer,
        save: SeriesSave,
        *,
        venues: Sequence[str] = (),
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seriesDialog")
        self.setWindowTitle(self.tr("New Series of Meetings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(1000, 600)
        self._runner = runner
        self._preview = preview
        self._save = save
        self._skip: set[date] = set()
        self._plan: SeriesPlan | None = None
        self._pending = False
        self._closed = False
        self.finished.connect(self._on_finished)

        first = _months_on(today or date.today(), 1)
        last = _months_on(first, 11) - timedelta(days=1)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Pattern"))
        for kind, label in (
            (SeriesKind.NTH_WEEKDAY_MONTHLY, self.tr("A weekday of the month (e.g. the third)")),
            (SeriesKind.LAST_WEEKDAY_MONTHLY, self.tr("The last weekday of the month")),
            (SeriesKind.WEEKLY, self.tr("Every week, or every few weeks")),
            (SeriesKind.MONTHLY_ON_DAY, self.tr("A date each month (e.g. the 15th)")),
        ):
            self.kind_combo.addItem(label, kind.value)
        self.ordinal_combo = QComboBox()
        self.ordinal_combo.setAccessibleName(self.tr("Which week of the month"))
        for n, label in enumerate(
            (self.tr("First"), self.tr("Second"), self.tr("Third"), self.tr("Fourth")), start=1
        ):
            self.ordinal_combo.addItem(label, n)
        self.ordinal_combo.setCurrentIndex(2)
        self.weekday_combo = QComboBox()
        self.weekday_combo.setAccessibleName(self.tr("Day of the week"))
        for n, label in enumerate(
            (
                self.tr("Monday"),
                self.tr("Tuesday"),
                self.tr("Wednesday"),
                self.tr("Thursday"),
                self.tr("Friday"),
                self.tr("Saturday"),
                self.tr("Sunday"),
            )
        ):
            self.weekday_combo.addItem(label, n)
        self.weekday_combo.setCurrentIndex(2)
        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 28)
        self.day_spin.setValue(15)
        self.day_spin.setAccessibleName(self.tr("Day of the month"))
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 12)
        self.interval_spin.setAccessibleName(self.tr("Every how many"))
        self.interval_unit = QLabel()
        self.first_edit = date_edit(first, self.tr("First date"))
        self.last_edit = date_edit(last, self.tr("Last date"))
        self.when = WhenFields(
            datetime.combine(first, time(14, 0)), datetime.combine(first, time(16, 30))
        )
        self.when.date_edit.hide()
        self.title_edit = QLineEdit(self.tr("Panel meeting {n}"))
        self.title_edit.setAccessibleName(self.tr("Title of each meeting"))
        self.title_hint = QLabel(
            self.tr("{n}: the meeting's number. Also {date}, {month} and {year}.")
        )
        self.title_hint.setEnabled(False)
        self.venue_edit = QLineEdit()
        self.venue_edit.setAccessibleName(self.tr("Venue"))
        completer = QCompleter(QStringListModel(list(venues), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.venue_edit.setCompleter(completer)
        self.meeting_kind_combo = QComboBox()
        self.meeting_kind_combo.setAccessibleName(self.tr("Kind of meeting"))
        for meeting_kind, label in kind_labels(self).items():
            self.meeting_kind_combo.addItem(label, meeting_kind.value)
        self.meeting_kind_combo.setCurrentIndex(
            self.meeting_kind_combo.findData(MeetingKind.DELIBERATIVE.value)
        )
        self.month_buttons: list[QToolButton] = []
        months = QGridLayout()
        months.setSpacing(2)
        months.setContentsMargins(0, 0, 0, 0)
        for month in range(1, 13):
            button = QToolButton()
            button.setText(QLocale().monthName(month, QLocale.FormatType.ShortFormat))
            button.setCheckable(True)
            button.setAccessibleName(
                self.tr("No meetings in {month}").format(
                    month=QLocale().monthName(month, QLocale.FormatType.LongFormat)
                )
            )
            button.toggled.connect(lambda _on: self._changed())
            button.setMinimumWidth(44)
            months.addWidget(button, (month - 1) // 6, (month - 1) % 6)
            self.month_buttons.append(button)
        months.setColumnStretch(6, 1)
        self.months_row = QWidget()
        self.months_row.setLayout(months)

        self.title_problem = ProblemLabel()
        self.dates_problem = ProblemLabel()
        self.pattern_problem = ProblemLabel()
        self.venue_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(form, self.tr("&Pattern:"), self.kind_combo)
        which = QHBoxLayout()
        which.setContentsMargins(0, 0, 0, 0)
        which.addWidget(self.ordinal_combo)
        which.addWidget(self.weekday_combo)
        which.addWidget(self.day_spin)
        which.addStretch(1)
        self.which_row = QWidget()
        self.which_row.setLayout(which)
        self._row(form, self.tr("O&n:"), self.which_row, buddy=self.ordinal_combo)
        every = QHBoxLayout()
        every.setContentsMargins(0, 0, 0, 0)
        every.addWidget(self.interval_spin)
        every.addWidget(self.interval_unit)
        every.addStretch(1)
        every_row = QWidget()
        every_row.setLayout(every)
        self._row(form, self.tr("&Every:"), every_row, buddy=self.interval_spin)
        form.addRow("", self.pattern_problem)
        span = QHBoxLayout()
        span.setContentsMargins(0, 0, 0, 0)
        span.addWidget(self.first_edit)
        to_label = QLabel(self.tr("to"))  # t&o is the end time's
        span.addWidget(to_label)
        span.addWidget(self.last_edit)
        span.addStretch(1)
        span_row = QWidget()
        span_row.setLayout(span)
        self._row(form, self.tr("&From:"), span_row, buddy=self.first_edit)
        form.addRow("", self.dates_problem)
        time_label = QLabel(self.tr("T&ime:"))
        time_label.setBuddy(self.when.start_edit)
        form.addRow(time_label, self.when.times)
        form.addRow("", self.when.start_problem)
        form.addRow("", self.when.end_problem)
        self._row(form, self.tr("&Title:"), self.title_edit)
        form.addRow("", cap_length(self.title_edit))
        form.addRow("", self.title_hint)
        form.addRow("", self.title_problem)
        self._row(form, self.tr("&Venue:"), self.venue_edit)
        form.addRow("", self.venue_problem)
        self._row(form, self.tr("&Kind:"), self.meeting_kind_combo)
        self._row(form, self.tr("No meeting&s in:"), self.months_row, buddy=self.month_buttons[0])

        self.description = QLabel()
        self.description.setObjectName("seriesDescription")
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        font = self.description.font()
        font.setItalic(True)
        self.description.setFont(font)
        self.planned_model = SeriesDatesModel((self.tr("Date"), self.tr("Meeting")), self)
        # Queued: the preview that follows replaces the rows the view is clicking on.
        self.planned_model.toggled.connect(self._on_toggled, Qt.ConnectionType.QueuedConnection)
        self.planned_view = record_table(
            self.planned_model, self.tr("Meetings to create"), {0: FIT, 1: STRETCH}
        )
        self.planned_caption = caption(self.tr("&Meetings to create"), self.planned_view)
        self.skipped_model = SeriesDatesModel((self.tr("Date"), self.tr("Left out because")), self)
        self.skipped_model.toggled.connect(self._on_toggled, Qt.ConnectionType.QueuedConnection)
        self.skipped_view = record_table(
            self.skipped_model, self.tr("Dates left out"), {0: FIT, 1: STRETCH}
        )
        self.skipped_view.setMaximumHeight(170)
        self.skipped_caption = caption(self.tr("Dates &left out"), self.skipped_view)
        self.skipped_note = QLabel()
        self.skipped_note.setWordWrap(True)
        self.warnings = WarningsBox()

        preview_column = QVBoxLayout()
        preview_column.addWidget(self.description)
        preview_column.addWidget(self.planned_caption)
        preview_column.addWidget(self.planned_view, 3)
        preview_column.addWidget(self.skipped_caption)
        preview_column.addWidget(self.skipped_note)
        preview_column.addWidget(self.skipped_view, 1)
        preview_column.addWidget(self.warnings)

        columns = QHBoxLayout()
        left_side = QWidget()
        left_side.setMaximumWidth(480)
        left = QVBoxLayout(left_side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addStretch(1)
        columns.addWidget(left_side, 4)
        columns.addSpacing(16)
        columns.addLayout(preview_column, 6)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.general_problem = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.buttons)

        for combo in (
            self.kind_combo,
            self.ordinal_combo,
            self.weekday_combo,
            self.meeting_kind_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        for spin in (self.day_spin, self.interval_spin):
            spin.valueChanged.connect(lambda _v: self._changed())
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(lambda _d: self._changed())
        self.when.changed.connect(self._changed)
        self.title_edit.textChanged.connect(lambda _t: self._changed())
        self.venue_edit.textChanged.connect(lambda _t: self._changed())
        remember_geometry(
            self,
            lambda: settings.series_dialog_geometry,
            lambda g: setattr(settings, "series_dialog_geometry", g),
        )
        self._changed()
        self.kind_combo.setFocus()

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, *, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    # The rule ---------------------------------------------------------------------

    def kind(self) -> SeriesKind:
        return SeriesKind(self.kind_combo.currentData())

    def rule(self) -> SeriesRule:
        return SeriesRule(
            kind=self.kind(),
            first=from_qdate(self.first_edit.date()),
            last=from_qdate(self.last_edit.date()),
            start=self.when.start().time(),
            end=self.when.end().time(),
            title=self.title_edit.text().strip(),
            weekday=int(self.weekday_combo.currentData()),
            ordinal=int(self.ordinal_combo.currentData()),
            day=self.day_spin.value(),
            interval=self.interval_spin.value(),
            venue=self.venue_edit.text().strip() or None,
            meeting_kind=MeetingKind(self.meeting_kind_combo.currentData()),
            skip_months=frozenset(
                n for n, button in enumerate(self.month_buttons, start=1) if button.isChecked()
            ),
        )

    def skip_dates(self) -> frozenset[date]:
        return frozenset(self._skip)

    def plan(self) -> SeriesPlan | None:
        """The preview shown (None while it is worked out or the rule has problems)."""
        return self._plan

    # Checking and previewing --------------------------------------------------------

    def _changed(self) -> None:
        kind = self.kind()
        self.ordinal_combo.setVisible(kind is SeriesKind.NTH_WEEKDAY_MONTHLY)
        self.weekday_combo.setVisible(kind.uses_weekday)
        self.day_spin.setVisible(kind is SeriesKind.MONTHLY_ON_DAY)
        weekly = kind is SeriesKind.WEEKLY
        n = self.interval_spin.value()
        self.interval_unit.setText(
            (self.tr("week") if n == 1 else self.tr("weeks"))
            if weekly
            else (self.tr("month") if n == 1 else self.tr("months"))
        )
        rule = self.rule()
        problems = check_series(rule)
        self._plan = None
        self.show_problems(problems)
        if problems:
            self._runner.discard("series-preview")
            self._pending = False
            self._show_plan(None)
            return
        self._pending = True
        self._update_ok()
        skip = self.skip_dates()
        preview = self._preview  # the worker touches no Qt object, not even this dialog
        self._runner.submit(
            lambda: preview(rule, skip),
            self._on_preview,
            self._on_preview_failed,
            key="series-preview",
        )

    def _on_preview(self, plan: SeriesPlan) -> None:
        if self._closed:
            return
        self._pending = False
        self._plan = plan
        self.show_problems([])
        self._show_plan(plan)

    def _on_preview_failed(self, exc: Exception) -> None:
        if self._closed:
            return
        self._pending = False
        self._plan = None
        if isinstance(exc, ValidationError):
            self.show_problems(exc.problems)
        elif isinstance(exc, ScrutinyError):
            self.show_problems([Problem("", str(exc))])
        else:
            self.show_problems([Problem("", self.tr("The dates could not be worked out"))])
        self._show_plan(None)

    def _show_plan(self, plan: SeriesPlan | None) -> None:
        if plan is None:
            self.description.setText(self.tr("Correct the pattern to see its dates."))
            self.planned_model.set_rows([])
            self.skipped_model.set_rows([])
            self.skipped_note.setText("")
            self.warnings.show_warnings([], "")
            self._update_ok()
            return
        preview = plan.preview
        self.description.setText(plan.description + ".")
        self.planned_model.set_rows(
            [
                DateRow(m.day, f"{m.start:%H:%M}–{m.end:%H:%M}  {m.title}", True, True)
                for m in preview.meetings
            ]
        )
        self.skipped_model.set_rows(
            [DateRow(s.day, s.reason, s.day in self._skip, False) for s in preview.skipped]
        )
        count = len(preview.meetings)
        self.planned_caption.setText(self.tr("&Meetings to create ({n})").format(n=count))
        self.skipped_caption.setText(
            self.tr("Dates &left out ({n})").format(n=len(preview.skipped))
        )
        self.skipped_note.setText(
            self.tr("No date is left out: no bank holiday falls on the pattern.")
            if not preview.skipped
            else self.tr(
                "Tick a date you left out to put it back; untick one above to leave it out."
            )
        )
        self.warnings.show_warnings(
            plan.warnings, self.tr("These are warnings only: you can still create the series.")
        )
        self._update_ok()

    def _update_ok(self) -> None:
        count = len(self._plan.preview.meetings) if self._plan else 0
        self.ok_button.setText(
            self.tr("Create 1 Meeting")
            if count == 1
            else self.tr("Create {n} Meetings").format(n=count)
        )
        self.ok_button.setEnabled(self._plan is not None and count > 0 and not self._pending)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        targets = {
            "series.title": (self.title_problem, self.tr("The title")),
            "series.venue": (self.venue_problem, self.tr("The venue")),
            "series.start": (self.when.start_problem, self.tr("The start time")),
            "series.end": (self.when.end_problem, self.tr("The end time")),
            "series.first": (self.dates_problem, self.tr("The first date")),
            "series.last": (self.dates_problem, self.tr("The last date")),
            "series.weekday": (self.pattern_problem, self.tr("The day of the week")),
            "series.ordinal": (self.pattern_problem, self.tr("The week of the month")),
            "series.day": (self.pattern_problem, self.tr("The day of the month")),
            "series.interval": (self.pattern_problem, self.tr("The interval")),
            "series.skip_months": (self.pattern_problem, self.tr("The months left out")),
        }
        shown: dict[int, list[str]] = {}
        labels = {id(label): label for label, _ in targets.values()}
        labels[id(self.general_problem)] = self.general_problem
        for problem in problems:
            label, subject = targets.get(
                problem.path, (self.general_problem, self.tr("The series"))
            )
            shown.setdefault(id(label), []).append(problem_sentence(subject, problem.message))
        for key, label in labels.items():
            label.show_problem(" ".join(shown.get(key, [])) or None)

    def problems(self) -> list[str]:
        labels = [
            self.pattern_problem,
            self.dates_problem,
            self.when.start_problem,
            self.when.end_problem,
            self.title_problem,
            self.venue_problem,
            self.general_problem,
        ]
        return [text for label in labels if (text := label.problem())]

    def _on_toggled(self, day: date, include: bool) -> None:
        if include:
            self._skip.discard(day)
        else:
            self._skip.add(day)
        self._changed()

    # Creating ---------------------------------------------------------------------

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        problems = self._save(self.rule(), self.skip_dates())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    def _on_finished(self, _result: int) -> None:
        self._closed = True
        self._runner.discard("series-preview")
