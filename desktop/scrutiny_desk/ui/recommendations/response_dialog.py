"""Record Response…: the body's response to one recommendation of the report, with the
date it came, whether the recommendation was accepted, partly accepted or rejected, the
words of the response, and the date it was due when that differs from the report's
(the date the report went to its body plus the review's response period).

The dialog does not save; ``save`` does, and the dialog closes once it has (or stays
open showing the problems the service found beside the fields). A rejected response
sets the recommendation's status to rejected: the dialog says so before it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import RecommendationStatus, ResponseOutcome
from ...domain.errors import Problem
from ..shared.actions_model import NO_DATE
from ..shared.date_field import DateField
from ..shared.display import long_date
from ..shared.fields import ProblemLabel, optional_text_problem, show_service_problems

#: The outcomes in the order the dialog offers them, with their words.
OUTCOME_WORDS = {
    ResponseOutcome.ACCEPTED: "&Accepted",
    ResponseOutcome.PARTLY_ACCEPTED: "&Partly accepted",
    ResponseOutcome.REJECTED: "&Rejected",
}


@dataclass(frozen=True)
class ResponseValues:
    """What the clerk recorded. ``due`` None: the report's default due date."""

    outcome: ResponseOutcome
    responded_on: date
    response: str | None
    due: date | None


#: Saves the values; the problems to show (empty once saved).
ResponseSave = Callable[[ResponseValues], Sequence[Problem]]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ResponseDialog(QDialog):
    """``outcome``, ``responded_on``: what is recorded already (None: nothing yet);
    ``response``: the recommendation's response text so far; ``own_due``: its own due
    date, if it has one; ``default_due``: when the report's response period says it is
    due (None: the report has not gone to its body yet)."""

    def __init__(
        self,
        parent: QWidget,
        save: ResponseSave,
        *,
        heading: str,
        status: RecommendationStatus,
        outcome: ResponseOutcome | None = None,
        responded_on: date | None = None,
        response: str | None = None,
        own_due: date | None = None,
        default_due: date | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("responseDialog")
        self.setWindowTitle(self.tr("Record Response"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save
        self._status = status
        self._default_due = default_due

        title = QLabel(heading)
        title.setWordWrap(True)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)

        self.outcome_radios: dict[ResponseOutcome, QRadioButton] = {}
        self._outcomes = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        for outcome, words in OUTCOME_WORDS.items():
            radio = QRadioButton(self.tr(words))
            radio.setObjectName(f"outcome-{outcome.value}")
            self._outcomes.addButton(radio)
            self.outcome_radios[outcome] = radio
            outcome_row.addWidget(radio)
        outcome_row.addStretch(1)
        chosen = outcome or ResponseOutcome.ACCEPTED
        self.outcome_radios[chosen].setChecked(True)
        self._outcomes.buttonToggled.connect(self._on_outcome_toggled)
        self.status_note = QLabel()
        self.status_note.setObjectName("responseStatusNote")
        self.status_note.setWordWrap(True)

        self.date_edit = DateField()
        self.date_edit.setAccessibleName(self.tr("Date of the response"))
        self.date_edit.setToolTip(self.tr("Type a date such as 19/01/2027, or pick it"))
        self.date_edit.setDate(_qdate(responded_on or today or date.today()))

        self.text_edit = QPlainTextEdit(response or "")
        self.text_edit.setAccessibleName(self.tr("Words of the response"))
        self.text_edit.setPlaceholderText(
            self.tr("For example, the Authority accepts the recommendation and will report back.")
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(100)

        self.due_edit = DateField(no_date=NO_DATE, no_date_text=self.tr("As the report says"))
        self.due_edit.setAccessibleName(self.tr("Response due"))
        self.due_edit.setDate(_qdate(own_due) if own_due else NO_DATE)
        self.due_note = QLabel(self._due_words())
        self.due_note.setObjectName("responseDueNote")
        self.due_note.setWordWrap(True)

        self.problems = {name: ProblemLabel() for name in ("responded_on", "response", "due")}
        self.general_problem = ProblemLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Outcome:"), outcome_row)
        form.addRow("", self.status_note)
        for text, widget, name in (
            (self.tr("&Date:"), self.date_edit, "responded_on"),
            (self.tr("Res&ponse:"), self.text_edit, "response"),
            (self.tr("D&ue by:"), self.due_edit, "due"),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if name == "due":
                form.addRow("", self.due_note)
            form.addRow("", self.problems[name])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._check)
        self._on_outcome_toggled()
        self.outcome_radios[chosen].setFocus()

    # The answer --------------------------------------------------------------------

    def outcome(self) -> ResponseOutcome:
        for outcome, radio in self.outcome_radios.items():
            if radio.isChecked():
                return outcome
        return ResponseOutcome.ACCEPTED

    def values(self) -> ResponseValues:
        day = self.date_edit.date()
        due = self.due_edit.date()
        return ResponseValues(
            self.outcome(),
            date(day.year(), day.month(), day.day()),
            self.text_edit.toPlainText().strip() or None,
            None if due == NO_DATE else date(due.year(), due.month(), due.day()),
        )

    def accept(self) -> None:
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            show_service_problems(problems, self.problems, self.general_problem)
            return
        super().accept()

    # Slots ----------------------------------------------------------------------------

    def _on_outcome_toggled(self, *_args: object) -> None:
        rejected = self.outcome() is ResponseOutcome.REJECTED
        changes = rejected and self._status is not RecommendationStatus.REJECTED
        self.status_note.setText(
            self.tr("Recording it rejected sets the recommendation's status to rejected.")
            if changes
            else ""
        )
        self.status_note.setVisible(changes)

    def _check(self) -> bool:
        problem = optional_text_problem(self.text_edit.toPlainText())
        self.problems["response"].show_problem(problem)
        self.ok_button.setEnabled(problem is None)
        return problem is None

    def _due_words(self) -> str:
        if self._default_due is None:
            return self.tr(
                "The report has not gone to its body yet: set the date it went in Report "
                "Settings, or give a date here."
            )
        return self.tr(
            "Left blank, it is due on {date}, as the report's response period says."
        ).format(
            date=long_date(self._default_due)  # type: ignore[arg-type]
        )
