"""Add or edit an entry of a member's register of interests: what the interest is and
its category (disclosable pecuniary, other registrable, non-registrable).

The dialog does not save: ``save`` does, and the dialog closes once it has (or stays
open showing the problems the service found beside their fields).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import InterestCategory
from ...domain.errors import Problem
from ...domain.procedure_records import InterestRecord
from ..shared.fields import (
    ProblemLabel,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from ..shared.interest_words import category_choices
from ..shared.settings import Settings

#: Saves (text, category); the problems to show (empty once saved or refused for good).
InterestSave = Callable[[str, InterestCategory], Sequence[Problem]]


class InterestDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        member_name: str,
        save: InterestSave,
        *,
        record: InterestRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("interestDialog")
        self.setWindowTitle(
            self.tr("Edit Registered Interest") if record else self.tr("Add Registered Interest")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(500)
        self._save = save

        self.member_label = QLabel(
            self.tr("An interest of {name}, as registered.").format(name=member_name)
        )
        self.member_label.setWordWrap(True)
        self.text_edit = QLineEdit(record.text if record else "")
        self.text_edit.setAccessibleName(self.tr("Interest"))
        self.text_edit.setPlaceholderText(
            self.tr("For example, trustee of a drug and alcohol charity")
        )
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(self.tr("Category"))
        for shown, category in category_choices():
            self.category_combo.addItem(shown, category.value)
        if record is not None:
            self.category_combo.setCurrentIndex(self.category_combo.findData(record.category.value))
        self.text_problem = ProblemLabel()
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field in (
            (self.tr("&Interest:"), self.text_edit),
            (self.tr("&Category:"), self.category_combo),
        ):
            title = QLabel(text)
            title.setBuddy(field)
            form.addRow(title, field)
            if field is self.text_edit:
                form.addRow("", self.text_problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if record else self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.member_label)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._touched = False
        self.text_edit.textEdited.connect(self._touch)
        self.text_edit.textChanged.connect(lambda _text: self._check())
        remember_geometry(
            self,
            lambda: settings.interest_dialog_geometry,
            lambda g: setattr(settings, "interest_dialog_geometry", g),
        )
        self._check()
        self.text_edit.setFocus()

    def values(self) -> tuple[str, InterestCategory]:
        return (
            self.text_edit.text().strip(),
            InterestCategory(self.category_combo.currentData()),
        )

    def show_problems(self, problems: Sequence[Problem]) -> None:
        show_service_problems(problems, {"text": self.text_problem}, self.general_problem)

    def accept(self) -> None:
        self._touched = True
        if not self._check():
            return
        problems = self._save(*self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    def _touch(self, *_args: object) -> None:
        self._touched = True
        self._check()

    def _check(self) -> bool:
        problem = required_text_problem(self.text_edit.text(), self.tr("the interest"))
        self.text_problem.show_problem(problem if self._touched else None)
        self.general_problem.show_problem(None)
        self.ok_button.setEnabled(problem is None)
        return problem is None
