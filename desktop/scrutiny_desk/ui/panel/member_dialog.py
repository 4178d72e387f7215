"""Add or edit a panel member: name, role on the panel and e-mail address.

Choosing Chair while someone else chairs the panel is allowed: the dialog says that
the current chair will become a member, and the page hands the chair over in the same
undo step. The dialog does not save; ``save`` does, and the dialog closes once it has
(or stays open showing the problems the service found beside their fields).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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

from ...domain.enums import MemberRole
from ...domain.errors import Problem
from ...domain.people_records import MemberRecord
from ..shared.fields import (
    ProblemLabel,
    email_field_problem,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from ..shared.settings import Settings


@dataclass(frozen=True)
class MemberValues:
    name: str
    role: MemberRole
    email: str | None


#: Saves the values; the problems to show (empty once saved or refused for good).
MemberSave = Callable[[MemberValues], Sequence[Problem]]


class MemberDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: MemberSave,
        *,
        record: MemberRecord | None = None,
        chair: MemberRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberDialog")
        self.setWindowTitle(self.tr("Edit Panel Member") if record else self.tr("Add Panel Member"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        self._save = save
        self._record = record
        self._chair = chair if chair is None or record is None or chair.id != record.id else None

        self.name_edit = QLineEdit(record.name if record else "")
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("For example, Cllr Jane Smith"))
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Role on the panel"))
        for role, role_label in (
            (MemberRole.MEMBER, self.tr("Member")),
            (MemberRole.VICE_CHAIR, self.tr("Vice-chair")),
            (MemberRole.CHAIR, self.tr("Chair")),
        ):
            self.role_combo.addItem(role_label, role.value)
        self.role_combo.setCurrentIndex(
            self.role_combo.findData((record.role if record else MemberRole.MEMBER).value)
        )
        self.email_edit = QLineEdit((record.email or "") if record else "")
        self.email_edit.setAccessibleName(self.tr("E-mail address"))
        self.email_edit.setPlaceholderText(self.tr("name@council.gov.uk"))

        self.name_problem = ProblemLabel()
        self.role_note = QLabel()
        self.role_note.setWordWrap(True)
        self.role_note.hide()
        self.email_problem = ProblemLabel()
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field, below in (
            (self.tr("&Name:"), self.name_edit, self.name_problem),
            (self.tr("&Role:"), self.role_combo, self.role_note),
            (self.tr("&E-mail:"), self.email_edit, self.email_problem),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            form.addRow("", below)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if record else self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._touched: set[str] = set()
        self.name_edit.textEdited.connect(lambda: self._touch("name"))
        self.email_edit.textEdited.connect(lambda: self._touch("email"))
        self.role_combo.currentIndexChanged.connect(self._check)
        remember_geometry(
            self,
            lambda: settings.member_dialog_geometry,
            lambda g: setattr(settings, "member_dialog_geometry", g),
        )
        self._check()
        self.name_edit.setFocus()

    # The answer -------------------------------------------------------------------

    def values(self) -> MemberValues:
        return MemberValues(
            name=self.name_edit.text().strip(),
            role=MemberRole(self.role_combo.currentData()),
            email=self.email_edit.text().strip() or None,
        )

    def hands_over_chair(self) -> bool:
        """Saving makes this member chair in place of the present chair."""
        return self._chair is not None and self.values().role is MemberRole.CHAIR

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Problems the service found, each beside its field."""
        fields = {"name": self.name_problem, "email": self.email_problem}
        show_service_problems(problems, fields, self.general_problem)

    # Overrides --------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update({"name", "email"})
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    # Checking ---------------------------------------------------------------------

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._check()

    def _check(self, *_args: object) -> bool:
        name = required_text_problem(self.name_edit.text(), self.tr("the member's name"))
        email = email_field_problem(self.email_edit.text())
        self.name_problem.show_problem(name if "name" in self._touched else None)
        self.email_problem.show_problem(email if "email" in self._touched else None)
        self.general_problem.show_problem(None)
        if self.hands_over_chair():
            assert self._chair is not None
            self.role_note.setText(
                self.tr("{chair} chairs the panel now and will become a member.").format(
                    chair=self._chair.name
                )
            )
            self.role_note.show()
        else:
            self.role_note.hide()
        ok = name is None and email is None
        self.ok_button.setEnabled(ok)
        return ok
