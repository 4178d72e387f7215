"""Add or edit someone at a meeting who is not on its panel: a substitute, an officer
in attendance or someone also present.

Kind, name, role or post, e-mail, whom a substitute attends for, and the items they
arrived at and left after. The fields are checked as the clerk types, with the rules
the services apply (a name is required, an e-mail address must look like one, a
substitute names the member they replace); what only the service can find (the member
replaced is recorded present) comes back beside its field and the dialog stays open.
The dialog does not save: ``save`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
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

from ...domain.enums import AttendeeKind
from ...domain.errors import Problem
from ..shared.fields import (
    ProblemLabel,
    email_field_problem,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from ..shared.settings import Settings
from .stay_choices import Choice, arrival_choices, departure_choices, item_key


@dataclass(frozen=True)
class AttendeeValues:
    kind: AttendeeKind
    name: str
    role: str | None
    email: str | None
    substitute_for: str | None  # a panel member's key; substitutes only
    arrived: str | None  # an item's key; None: from the start
    left: str | None  # an item's key; None: to the end


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttendeeDialog", text)


#: Saves the values; the problems to show (empty once saved or refused for good).
AttendeeSave = Callable[[AttendeeValues], Sequence[Problem]]


def kind_label(kind: AttendeeKind) -> str:
    return {
        AttendeeKind.SUBSTITUTE: _tr("Substitute"),
        AttendeeKind.OFFICER: _tr("Officer"),
        AttendeeKind.ALSO_PRESENT: _tr("Also present"),
    }[kind]


class AttendeeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: AttendeeSave,
        *,
        items: Sequence[Choice],
        members: Sequence[Choice],
        values: AttendeeValues | None = None,
        editing: bool = False,
    ) -> None:
        """``items``: the meeting's items in the order of business, (label, key);
        ``members``: the panel members a substitute may attend for, (name, key);
        ``values``: what the fields start with (an edit, or a substitute for someone)."""
        super().__init__(parent)
        self.setObjectName("attendeeDialog")
        self.setWindowTitle(
            self.tr("Edit Person at the Meeting")
            if editing
            else self.tr("Add Person at the Meeting")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._save = save
        start = values or AttendeeValues(AttendeeKind.OFFICER, "", None, None, None, None, None)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Attending as"))
        for kind in AttendeeKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(start.kind.value))
        self.name_edit = QLineEdit(start.name)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("For example, Cllr Jane Smith"))
        self.role_edit = QLineEdit(start.role or "")
        self.role_edit.setAccessibleName(self.tr("Role or post"))
        self.role_edit.setPlaceholderText(self.tr("For example, Head of Community Safety"))
        self.email_edit = QLineEdit(start.email or "")
        self.email_edit.setAccessibleName(self.tr("E-mail address"))
        self.email_edit.setPlaceholderText(self.tr("name@council.gov.uk"))
        self.for_combo = QComboBox()
        self.for_combo.setAccessibleName(self.tr("Substitute for"))
        self.for_combo.addItem(self.tr("(choose the member replaced)"), None)
        for name, key in members:
            self.for_combo.addItem(name, key)
        if start.substitute_for:
            self.for_combo.setCurrentIndex(max(self.for_combo.findData(start.substitute_for), 0))
        self.arrived_combo = QComboBox()
        self.arrived_combo.setAccessibleName(self.tr("Arrived at"))
        for label, key in arrival_choices(items):
            self.arrived_combo.addItem(label, key)
        self.arrived_combo.setCurrentIndex(max(self.arrived_combo.findData(start.arrived or ""), 0))
        self.left_combo = QComboBox()
        self.left_combo.setAccessibleName(self.tr("Left after"))
        for label, key in departure_choices(items):
            self.left_combo.addItem(label, key)
        self.left_combo.setCurrentIndex(max(self.left_combo.findData(start.left or ""), 0))

        self.name_problem = ProblemLabel()
        self.email_problem = ProblemLabel()
        self.for_problem = ProblemLabel()
        self.stay_problem = ProblemLabel()
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._for_label = QLabel(self.tr("Substitute &for:"))
        for text, field, below in (
            (self.tr("&Attending as:"), self.kind_combo, None),
            (self.tr("&Name:"), self.name_edit, self.name_problem),
            (self.tr("&Role or post:"), self.role_edit, None),
            (self.tr("&E-mail:"), self.email_edit, self.email_problem),
            (None, self.for_combo, self.for_problem),
            (self.tr("Arri&ved at:"), self.arrived_combo, None),
            (self.tr("&Left after:"), self.left_combo, self.stay_problem),
        ):
            title = QLabel(text) if text is not None else self._for_label
            title.setBuddy(field)
            form.addRow(title, field)
            if below is not None:
                form.addRow("", below)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if editing else self.tr("Add"))
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
        for edit in (self.name_edit, self.email_edit):
            edit.textChanged.connect(self._check)
        for combo in (self.kind_combo, self.for_combo, self.arrived_combo, self.left_combo):
            combo.currentIndexChanged.connect(self._check)
        remember_geometry(
            self,
            lambda: settings.attendee_dialog_geometry,
            lambda g: setattr(settings, "attendee_dialog_geometry", g),
        )
        self._check()
        self.name_edit.setFocus()

    # The answer -------------------------------------------------------------------

    def values(self) -> AttendeeValues:
        kind = AttendeeKind(self.kind_combo.currentData())
        return AttendeeValues(
            kind=kind,
            name=self.name_edit.text().strip(),
            role=self.role_edit.text().strip() or None,
            email=self.email_edit.text().strip() or None,
            substitute_for=self.for_combo.currentData()
            if kind is AttendeeKind.SUBSTITUTE
            else None,
            arrived=item_key(self.arrived_combo.currentData()),
            left=item_key(self.left_combo.currentData()),
        )

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Problems the service found, each beside its field."""
        fields = {
            "name": self.name_problem,
            "email": self.email_problem,
            "substitute_for": self.for_problem,
            "arrived": self.stay_problem,
            "left": self.stay_problem,
        }
        show_service_problems(problems, fields, self.general_problem)

    # Overrides --------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update({"name", "email", "substitute_for"})
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
        substitute = AttendeeKind(self.kind_combo.currentData()) is AttendeeKind.SUBSTITUTE
        self.for_combo.setEnabled(substitute)
        self._for_label.setEnabled(substitute)
        name = required_text_problem(self.name_edit.text(), self.tr("the person's name"))
        email = email_field_problem(self.email_edit.text())
        replaced = (
            self.tr("Choose the panel member this substitute attends for.")
            if substitute and self.for_combo.currentData() is None
            else None
        )
        arrived, left = self.arrived_combo.currentIndex(), self.left_combo.currentIndex()
        # Both lists follow the order of business; "To the end" is the last of its list.
        stay = (
            self.tr("They cannot leave before the item they arrived at.")
            if arrived > 0 and left < self.left_combo.count() - 1 and left < arrived - 1
            else None
        )
        self.name_problem.show_problem(name if "name" in self._touched else None)
        self.email_problem.show_problem(email if "email" in self._touched else None)
        self.for_problem.show_problem(replaced if "substitute_for" in self._touched else None)
        self.stay_problem.show_problem(stay)
        self.general_problem.show_problem(None)
        ok = name is None and email is None and replaced is None and stay is None
        self.ok_button.setEnabled(ok)
        return ok
