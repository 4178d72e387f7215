"""Add or edit a declaration of interest made at a meeting.

Who declared (a panel member or a substitute at the meeting), on which item (or on the
business generally), the nature of the interest and its category, and whether they
left the room. Choosing an entry of the declarer's register of interests fills the
nature and category from it; the clerk may still change them, or type a declaration
the register does not hold. The dialog does not save: ``save`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
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

from ...domain.enums import InterestCategory
from ...domain.errors import Problem
from ...domain.procedure_records import OfferedInterests
from ..shared.fields import (
    ProblemLabel,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from ..shared.interest_words import category_choices, category_label
from ..shared.settings import Settings
from .stay_choices import Choice


@dataclass(frozen=True)
class DeclarationValues:
    person: str  # a panel member's or a substitute's key
    item: str | None  # an item's key; None: the business generally
    nature: str
    category: InterestCategory
    left_room: bool


#: Saves the values; the problems to show (empty once saved or refused for good).
DeclarationSave = Callable[[DeclarationValues], Sequence[Problem]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeclarationDialog", text)


class DeclarationDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: DeclarationSave,
        *,
        people: Sequence[OfferedInterests],
        items: Sequence[Choice],
        values: DeclarationValues | None = None,
    ) -> None:
        """``people``: who may declare, each with their register entries
        (``services.declarations.offered``); ``items``: the meeting's items in the
        order of business, (label, key); ``values``: the declaration being edited."""
        super().__init__(parent)
        self.setObjectName("declarationDialog")
        editing = values is not None
        self.setWindowTitle(
            self.tr("Edit Declaration of Interest")
            if editing
            else self.tr("Add Declaration of Interest")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save
        self._people = {p.person: p for p in people}

        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName(self.tr("Member declaring"))
        for person in people:
            shown = (
                self.tr("{name} (substitute)").format(name=person.name)
                if person.substitute
                else person.name
            )
            self.person_combo.addItem(shown, person.person)
        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName(self.tr("Item"))
        self.item_combo.addItem(self.tr("General (the business of the meeting)"), None)
        for label, key in items:
            self.item_combo.addItem(label, key)
        self.register_combo = QComboBox()
        self.register_combo.setAccessibleName(self.tr("From the register of interests"))
        self.nature_edit = QLineEdit()
        self.nature_edit.setAccessibleName(self.tr("Nature of the interest"))
        self.nature_edit.setPlaceholderText(
            self.tr("For example, trustee of a charity that gave evidence")
        )
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(self.tr("Category"))
        for label, category in category_choices():
            self.category_combo.addItem(label, category.value)
        self.left_check = QCheckBox(self.tr("Left the &room for the item"))
        if values is not None:
            self.person_combo.setCurrentIndex(max(self.person_combo.findData(values.person), 0))
            if values.item:
                self.item_combo.setCurrentIndex(max(self.item_combo.findData(values.item), 0))
            self.nature_edit.setText(values.nature)
            self.category_combo.setCurrentIndex(self.category_combo.findData(values.category.value))
            self.left_check.setChecked(values.left_room)

        self.person_problem = ProblemLabel()
        self.item_problem = ProblemLabel()
        self.nature_problem = ProblemLabel()
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field, below in (
            (self.tr("&Member:"), self.person_combo, self.person_problem),
            (self.tr("&Item:"), self.item_combo, self.item_problem),
            (self.tr("From the re&gister:"), self.register_combo, None),
            (self.tr("&Nature:"), self.nature_edit, self.nature_problem),
            (self.tr("&Category:"), self.category_combo, None),
        ):
            title = QLabel(text)
            title.setBuddy(field)
            form.addRow(title, field)
            if below is not None:
                form.addRow("", below)
        form.addRow("", self.left_check)

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

        self._touched = False
        self._fill_register()
        self.person_combo.currentIndexChanged.connect(self._fill_register)
        self.register_combo.activated.connect(self._on_register_chosen)
        self.nature_edit.textEdited.connect(self._touch)
        self.nature_edit.textChanged.connect(lambda _text: self._check())
        remember_geometry(
            self,
            lambda: settings.declaration_dialog_geometry,
            lambda g: setattr(settings, "declaration_dialog_geometry", g),
        )
        self._check()
        self.person_combo.setFocus()

    # The register ------------------------------------------------------------------

    def _fill_register(self, *_args: object) -> None:
        """The chosen person's register entries, to fill the nature and category."""
        self.register_combo.clear()
        person = self._people.get(self.person_combo.currentData())
        entries = person.interests if person is not None else ()
        if not entries:
            none = (
                self.tr("(a substitute has no register here: type the interest)")
                if person is not None and person.substitute
                else self.tr("(nothing registered: type the interest)")
            )
            self.register_combo.addItem(none, None)
            self.register_combo.setEnabled(False)
            return
        self.register_combo.setEnabled(True)
        self.register_combo.addItem(self.tr("(not from the register: type it below)"), None)
        for entry in entries:
            self.register_combo.addItem(
                f"{entry.text} ({category_label(entry.category)})", entry.id
            )

    def _on_register_chosen(self, row: int) -> None:
        chosen = self.register_combo.itemData(row)
        person = self._people.get(self.person_combo.currentData())
        if chosen is None or person is None:
            return
        entry = next(e for e in person.interests if e.id == chosen)
        self.nature_edit.setText(entry.text)
        self.category_combo.setCurrentIndex(self.category_combo.findData(entry.category.value))
        self._touched = True
        self._check()

    # The answer -------------------------------------------------------------------

    def values(self) -> DeclarationValues:
        return DeclarationValues(
            person=self.person_combo.currentData(),
            item=self.item_combo.currentData(),
            nature=self.nature_edit.text().strip(),
            category=InterestCategory(self.category_combo.currentData()),
            left_room=self.left_check.isChecked(),
        )

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Problems the service found, each beside its field."""
        fields = {
            "person": self.person_problem,
            "member": self.person_problem,
            "item": self.item_problem,
            "nature": self.nature_problem,
        }
        show_service_problems(problems, fields, self.general_problem)

    # Overrides --------------------------------------------------------------------

    def accept(self) -> None:
        self._touched = True
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    # Checking ---------------------------------------------------------------------

    def _touch(self, *_args: object) -> None:
        self._touched = True
        self._check()

    def _check(self) -> bool:
        person = (
            None
            if self.person_combo.currentData() is not None
            else _tr("Nobody at this meeting can declare: record who was present first.")
        )
        nature = required_text_problem(self.nature_edit.text(), _tr("the nature of the interest"))
        self.person_problem.show_problem(person)
        self.nature_problem.show_problem(nature if self._touched else None)
        self.general_problem.show_problem(None)
        ok = person is None and nature is None
        self.ok_button.setEnabled(ok)
        return ok
