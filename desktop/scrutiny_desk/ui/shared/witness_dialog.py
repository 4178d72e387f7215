"""Add or edit a witness, and the question asked when a witness asks to be heard in
private while still listed under open items.

``WitnessDialog`` edits name, role, organisation, e-mail address, where the invitation
stands and whether they asked to give evidence in private. ``PrivateItemsDialog``
lists the open items the witness is heard under and offers to close them, with the
reason already written and the Schedule 12A paragraph to choose (or to choose later
on the agenda): "Close Items", "Keep Them Open", or Cancel to change nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Country, InvitationState
from ...domain.errors import Problem
from ...domain.exemptions import exemption_text, paragraphs_for
from ...domain.people_records import Appearance, WitnessRecord
from .display import long_date
from .fields import (
    ProblemLabel,
    email_field_problem,
    optional_text_problem,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from .settings import Settings


class InvitationLabels(QObject):
    """The words for each invitation state, in the order a clerk moves through them."""

    def label(self, state: InvitationState) -> str:
        return {
            InvitationState.TO_INVITE: self.tr("To invite"),
            InvitationState.INVITED: self.tr("Invited"),
            InvitationState.CONFIRMED: self.tr("Confirmed"),
            InvitationState.DECLINED: self.tr("Declined"),
            InvitationState.ATTENDED: self.tr("Attended"),
        }[state]

    def items(self) -> list[tuple[str, InvitationState]]:
        return [(self.label(state), state) for state in InvitationState]


@dataclass(frozen=True)
class WitnessValues:
    name: str
    role: str | None
    organisation: str | None
    email: str | None
    invitation: InvitationState
    private: bool


#: Saves the values; the problems to show (empty once saved or refused for good).
WitnessSave = Callable[[WitnessValues], Sequence[Problem]]


class WitnessDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: WitnessSave,
        *,
        record: WitnessRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("witnessDialog")
        self.setWindowTitle(self.tr("Edit Witness") if record else self.tr("Add Witness"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(500)
        self._save = save

        def line(value: str | None, name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(value or "")
            edit.setAccessibleName(name)
            edit.setPlaceholderText(placeholder)
            return edit

        self.name_edit = line(
            record.name if record else None,
            self.tr("Name"),
            self.tr("A person, or a post such as Director of Public Health"),
        )
        self.role_edit = line(record.role if record else None, self.tr("Role"))
        self.organisation_edit = line(
            record.organisation if record else None, self.tr("Organisation")
        )
        self.email_edit = line(
            record.email if record else None,
            self.tr("E-mail address"),
            self.tr("Their invitation is sent here"),
        )
        self.invitation_combo = QComboBox()
        self.invitation_combo.setAccessibleName(self.tr("Invitation"))
        for state_label, choice in InvitationLabels(self).items():
            self.invitation_combo.addItem(state_label, choice.value)
        state = record.invitation if record else InvitationState.TO_INVITE
        self.invitation_combo.setCurrentIndex(self.invitation_combo.findData(state.value))
        self.private_check = QCheckBox(self.tr("Asked to give evidence in &private"))
        self.private_check.setAccessibleName(self.tr("Asked to give evidence in private"))
        self.private_check.setChecked(bool(record and record.private))
        self.private_note = QLabel(
            self.tr("You will be asked whether to close the open items they are heard under.")
        )
        self.private_note.setWordWrap(True)
        self.private_note.setVisible(False)
        self._open_items = len(record.open_appearances) if record else 0

        self.problems: dict[str, ProblemLabel] = {
            name: ProblemLabel() for name in ("name", "role", "organisation", "email")
        }
        self.general_problem = ProblemLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field, problem in (
            (self.tr("&Name:"), self.name_edit, "name"),
            (self.tr("&Role:"), self.role_edit, "role"),
            (self.tr("&Organisation:"), self.organisation_edit, "organisation"),
            (self.tr("&E-mail:"), self.email_edit, "email"),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            form.addRow("", self.problems[problem])
        invitation_label = QLabel(self.tr("&Invitation:"))
        invitation_label.setBuddy(self.invitation_combo)
        form.addRow(invitation_label, self.invitation_combo)
        form.addRow("", self.private_check)
        form.addRow("", self.private_note)

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
        for name, edit in self._edits().items():
            edit.textEdited.connect(lambda _text, n=name: self._touch(n))
        self.private_check.toggled.connect(self._check)
        remember_geometry(
            self,
            lambda: settings.witness_dialog_geometry,
            lambda g: setattr(settings, "witness_dialog_geometry", g),
        )
        self._check()
        self.name_edit.setFocus()

    def _edits(self) -> dict[str, QLineEdit]:
        return {
            "name": self.name_edit,
            "role": self.role_edit,
            "organisation": self.organisation_edit,
            "email": self.email_edit,
        }

    def values(self) -> WitnessValues:
        return WitnessValues(
            name=self.name_edit.text().strip(),
            role=self.role_edit.text().strip() or None,
            organisation=self.organisation_edit.text().strip() or None,
            email=self.email_edit.text().strip() or None,
            invitation=InvitationState(self.invitation_combo.currentData()),
            private=self.private_check.isChecked(),
        )

    def set_values(self, values: WitnessValues) -> None:
        """Fill the fields (to give the clerk back what they typed)."""
        self.name_edit.setText(values.name)
        self.role_edit.setText(values.role or "")
        self.organisation_edit.setText(values.organisation or "")
        self.email_edit.setText(values.email or "")
        self.invitation_combo.setCurrentIndex(
            self.invitation_combo.findData(values.invitation.value)
        )
        self.private_check.setChecked(values.private)
        self._check()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        show_service_problems(problems, self.problems, self.general_problem)

    def accept(self) -> None:
        self._touched.update(self._edits())
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._check()

    def _check(self, *_args: object) -> bool:
        found = {
            "name": required_text_problem(self.name_edit.text(), self.tr("the witness's name")),
            "role": optional_text_problem(self.role_edit.text()),
            "organisation": optional_text_problem(self.organisation_edit.text()),
            "email": email_field_problem(self.email_edit.text()),
        }
        for name, problem in found.items():
            self.problems[name].show_problem(problem if name in self._touched else None)
        self.general_problem.show_problem(None)
        self.private_note.setVisible(self.private_check.isChecked() and self._open_items > 0)
        ok = not any(found.values())
        self.ok_button.setEnabled(ok)
        return ok


class PrivateAnswer(Enum):
    CLOSE = "close"  # set the flag and close the items
    KEEP_OPEN = "keep-open"  # set the flag only


@dataclass(frozen=True)
class ClosingDetails:
    reason: str
    exemption: str | None


class PrivateItemsDialog(QDialog):
    """ "X asked to give evidence in private. Close these items?" with the items listed.

    ``answer()`` is None when the clerk cancelled (nothing should change)."""

    def __init__(
        self,
        parent: QWidget,
        witness_name: str,
        items: Sequence[Appearance],
        country: Country = Country.ENGLAND,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("privateItemsDialog")
        self.setWindowTitle(self.tr("Evidence in Private"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self._answer: PrivateAnswer | None = None

        question = (
            self.tr("{name} asked to give evidence in private. Close this item?")
            if len(items) == 1
            else self.tr("{name} asked to give evidence in private. Close these items?")
        ).format(name=witness_name)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        bold = self.question.font()
        bold.setBold(True)
        self.question.setFont(bold)
        rows = "".join(
            f"<li>{html.escape(long_date(a.meeting_start))}, "
            f"{html.escape(a.meeting_title)}: <b>{html.escape(a.item_title)}</b></li>"
            for a in items
        )
        self.items_label = QLabel(f"<ul style='margin-left:-20px'>{rows}</ul>")
        self.items_label.setTextFormat(Qt.TextFormat.RichText)
        self.items_label.setWordWrap(True)
        self.items_label.setAccessibleName(
            "; ".join(f"{a.meeting_title}: {a.item_title}" for a in items)
        )
        self.explanation = QLabel(
            self.tr(
                "Closed items are taken in private: the public agenda shows only that they "
                "are closed, and the press and public are excluded for them."
            )
        )
        self.explanation.setWordWrap(True)

        self.reason_edit = QLineEdit(
            self.tr("{name} asked to give evidence in private.").format(name=witness_name)
        )
        self.reason_edit.setAccessibleName(self.tr("Reason for closing"))
        self.reason_problem = ProblemLabel()
        self.exemption_combo = QComboBox()
        self.exemption_combo.setAccessibleName(self.tr("Exemption"))
        self.exemption_combo.addItem(self.tr("Not chosen yet (choose on the agenda)"), "")
        for paragraph in paragraphs_for(country):  # the review's country's paragraphs
            self.exemption_combo.addItem(
                self.tr("Schedule 12A, {label}").format(label=paragraph.label),
                exemption_text(paragraph.number),
            )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)
        form.addRow("", self.reason_problem)
        exemption_label = QLabel(self.tr("E&xemption:"))
        exemption_label.setBuddy(self.exemption_combo)
        form.addRow(exemption_label, self.exemption_combo)

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(
            self.tr("&Close Items") if len(items) > 1 else self.tr("&Close Item"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.keep_button = self.buttons.addButton(
            self.tr("&Keep Them Open") if len(items) > 1 else self.tr("&Keep It Open"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setDefault(True)
        self.buttons.clicked.connect(self._on_clicked)
        self.reason_edit.textChanged.connect(self._check)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.items_label)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.close_button.setFocus()

    def answer(self) -> PrivateAnswer | None:
        return self._answer

    def details(self) -> ClosingDetails:
        return ClosingDetails(
            self.reason_edit.text().strip(), self.exemption_combo.currentData() or None
        )

    def _check(self) -> bool:
        problem = required_text_problem(
            self.reason_edit.text(), self.tr("why the items are closed")
        )
        self.reason_problem.show_problem(problem)
        self.close_button.setEnabled(problem is None)
        return problem is None

    def _on_clicked(self, button: QAbstractButton) -> None:
        if button is self.close_button:
            if self._check():
                self._answer = PrivateAnswer.CLOSE
                self.accept()
        elif button is self.keep_button:
            self._answer = PrivateAnswer.KEEP_OPEN
            self.accept()
        else:
            self.reject()
