"""Add or edit a dated progress update on a recommendation: the date and what happened.

The dialog does not save; ``save`` does, and the dialog closes once it has (or stays
open showing the problem the service found under the text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.recommendation_records import ProgressEntry
from ..shared.date_field import DateField
from ..shared.fields import ProblemLabel, remember_geometry, required_text_problem
from ..shared.settings import Settings


@dataclass(frozen=True)
class ProgressValues:
    day: date
    text: str


#: Saves the values; the problems to show (empty once saved).
ProgressSave = Callable[[ProgressValues], Sequence[Problem]]


class RecommendationProgressDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: ProgressSave,
        *,
        heading: str,
        record: ProgressEntry | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(
            self.tr("Edit Progress Update") if record else self.tr("Add Progress Update")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._save = save
        self._touched = False

        title = QLabel(heading)
        title.setWordWrap(True)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.date_edit = DateField()
        self.date_edit.setToolTip(self.tr("Type a date such as 19/01/2027, or pick it"))
        self.date_edit.setAccessibleName(self.tr("Date of the update"))
        day = record.date if record else (today or date.today())
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.text_edit = QPlainTextEdit(record.text if record else "")
        self.text_edit.setAccessibleName(self.tr("What has happened"))
        self.text_edit.setPlaceholderText(
            self.tr("For example, the pilot has been extended to four more boroughs.")
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(110)
        self.text_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        date_label = QLabel(self.tr("&Date:"))
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        text_label = QLabel(self.tr("&Progress:"))
        text_label.setBuddy(self.text_edit)
        form.addRow(text_label, self.text_edit)
        form.addRow("", self.text_problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if record else self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._on_text_changed)
        remember_geometry(
            self,
            lambda: settings.progress_dialog_geometry,
            lambda g: setattr(settings, "progress_dialog_geometry", g),
        )
        self._check()
        self.text_edit.setFocus()

    def values(self) -> ProgressValues:
        day = self.date_edit.date()
        return ProgressValues(
            date(day.year(), day.month(), day.day()), self.text_edit.toPlainText().strip()
        )

    def accept(self) -> None:
        self._touched = True
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            self.text_problem.show_problem(
                "\n".join(p.message[:1].upper() + p.message[1:] + "." for p in problems)
            )
            return
        super().accept()

    def _on_text_changed(self) -> None:
        self._touched = True
        self._check()

    def _check(self) -> bool:
        problem = required_text_problem(self.text_edit.toPlainText(), self.tr("what has happened"))
        self.text_problem.show_problem(problem if self._touched else None)
        self.ok_button.setEnabled(problem is None)
        return problem is None
