"""Report Settings…: the report's title (blank: "<review>: report of the scrutiny
panel"), the date it went to its body and to whom ("Full Authority"), and how many
months the body has to respond (two unless set): each recommendation's response is due
that long after the date it went, unless the recommendation has its own date.

The dialog does not save; ``save`` gets the fields that changed (as
``set_settings`` takes them) and the problems it returns are shown beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.report_entries import ReportSettings
from ..shared.actions_model import NO_DATE
from ..shared.date_field import DateField
from ..shared.fields import ProblemLabel, cap_length, optional_text_problem, show_service_problems

#: Saves the changed fields; the problems to show (empty once saved).
SettingsSave = Callable[[dict[str, Any]], Sequence[Problem]]
FIELDS = ("title", "submitted_on", "submitted_to", "response_months")


class ReportSettingsDialog(QDialog):
    def __init__(
        self, parent: QWidget, save: SettingsSave, settings: ReportSettings, default_title: str
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportSettingsDialog")
        self.setWindowTitle(self.tr("Report Settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save
        self._settings = settings

        self.title_edit = QLineEdit(settings.title or "")
        self.title_edit.setAccessibleName(self.tr("Title of the report"))
        self.title_edit.setPlaceholderText(default_title)
        title_cap = cap_length(self.title_edit)
        self.submitted_edit = DateField(no_date=NO_DATE, no_date_text=self.tr("Not yet"))
        self.submitted_edit.setAccessibleName(self.tr("Date it went to its body"))
        day = settings.submitted_on
        self.submitted_edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        self.to_edit = QLineEdit(settings.submitted_to or "")
        self.to_edit.setAccessibleName(self.tr("Body it went to"))
        self.to_edit.setPlaceholderText(self.tr("For example, Full Authority"))
        to_cap = cap_length(self.to_edit)
        self.months_spin = QSpinBox()
        self.months_spin.setAccessibleName(self.tr("Months to respond"))
        self.months_spin.setRange(1, 24)
        self.months_spin.setSuffix(self.tr(" months"))
        self.months_spin.setValue(settings.response_months)
        self.problems = {name: ProblemLabel() for name in FIELDS}
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, widget, name, note in (
            (self.tr("&Title:"), self.title_edit, "title", title_cap),
            (self.tr("&Went to its body on:"), self.submitted_edit, "submitted_on", None),
            (self.tr("Went t&o:"), self.to_edit, "submitted_to", to_cap),
            (self.tr("&Responses due after:"), self.months_spin, "response_months", None),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if note is not None:
                form.addRow("", note)
            form.addRow("", self.problems[name])
        explain = QLabel(
            self.tr(
                "Each recommendation's response is due this many months after the report "
                "went to its body, unless it has a date of its own (Record Response… on the "
                "Recommendations page)."
            )
        )
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        day = self.submitted_edit.date()
        return {
            "title": self.title_edit.text().strip() or None,
            "submitted_on": None if day == NO_DATE else date(day.year(), day.month(), day.day()),
            "submitted_to": self.to_edit.text().strip() or None,
            "response_months": self.months_spin.value(),
        }

    def changed(self) -> dict[str, Any]:
        """The fields that differ from the settings read."""
        return {k: v for k, v in self.values().items() if getattr(self._settings, k) != v}

    def accept(self) -> None:
        for name, edit in (("title", self.title_edit), ("submitted_to", self.to_edit)):
            problem = optional_text_problem(edit.text())
            self.problems[name].show_problem(problem)
            if problem:
                return
        changed = self.changed()
        if changed:
            problems = self._save(changed)
            if problems:
                show_service_problems(problems, self.problems, self.general_problem)
                return
        super().accept()
