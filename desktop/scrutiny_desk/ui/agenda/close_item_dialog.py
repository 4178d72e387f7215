"""Close agenda items: hear them in private, say why, on which statutory ground, and
what the public papers show instead of the title.

The ground is one of the seven paragraphs of Schedule 12A to the Local Government Act
1972 that apply in the review's country (Part 1, paragraphs 1 to 7, in England; Part 4,
paragraphs 12 to 18, in Wales), chosen by its title (its wording is shown below the
list), or, for bodies that are not principal councils, typed as free text. The reason
is required; the public title may be left empty ("Closed session" is printed), and so
may its Welsh, which bilingual papers print beside it.
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
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import ItemRecord
from ...domain.enums import Country
from ...domain.errors import Problem
from ...domain.exemptions import (
    exemption_text,
    paragraphs_for,
    public_interest_test,
    standard_paragraph,
)
from ...domain.views import CLOSED_TITLE
from ..shared.fields import (
    ProblemLabel,
    cap_length,
    optional_text_problem,
    remember_geometry,
    required_text_problem,
    show_service_problems,
)
from ..shared.settings import Settings

#: The exemption list's entry for a ground typed by hand.
OTHER = "other"


@dataclass(frozen=True)
class ClosingValues:
    reason: str
    exemption: str | None
    public_title: str | None
    public_title_cy: str | None = None


#: Saves the values; the problems to show (empty once saved or refused for good).
ClosingSave = Callable[[ClosingValues], Sequence[Problem]]


class CloseItemDialog(QDialog):
    """Close one item (or change why it is closed), or close several at once."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        items: Sequence[ItemRecord],
        save: ClosingSave,
        *,
        reason: str = "",
        country: Country = Country.ENGLAND,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeItemDialog")
        self._paragraphs = paragraphs_for(country)
        self._public_interest = public_interest_test(country)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self._save = save
        editing = len(items) == 1 and items[0].is_closed
        one = items[0] if len(items) == 1 else None
        if editing:
            self.setWindowTitle(self.tr("Closed Item"))
        elif one is not None:
            self.setWindowTitle(self.tr("Close Item"))
        else:
            self.setWindowTitle(self.tr("Close Items"))

        if one is not None:
            intro = self.tr("Item {number}: {title}").format(number=one.number, title=one.title)
        else:
            intro = "\n".join(
                self.tr("Item {number}: {title}").format(number=i.number, title=i.title)
                for i in items
            )
        self.items_label = QLabel(intro)
        self.items_label.setWordWrap(True)
        bold = self.items_label.font()
        bold.setBold(True)
        self.items_label.setFont(bold)
        self.explanation = QLabel(
            self.tr(
                "A closed item is taken in private: the press and public are excluded for "
                "it, and public papers show only its public title and the ground."
            )
        )
        self.explanation.setWordWrap(True)

        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("closeReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for closing"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr("For example: the witness asked to give evidence in private.")
        )
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_edit.setPlainText((one.closed_reason or "") if editing and one else reason)

        self.exemption_combo = QComboBox()
        self.exemption_combo.setObjectName("exemptionChoice")
        self.exemption_combo.setAccessibleName(self.tr("Exemption"))
        for paragraph in self._paragraphs:
            self.exemption_combo.addItem(
                self.tr("Paragraph {number}: {title}").format(
                    number=paragraph.number, title=paragraph.title
                ),
                exemption_text(paragraph.number),
            )
        self.exemption_combo.addItem(self.tr("Another ground (type it below)"), OTHER)
        self.exemption_text = QLabel()
        self.exemption_text.setWordWrap(True)
        self.exemption_text.setObjectName("exemptionWording")
        self.exemption_text.setMinimumHeight(self.exemption_text.fontMetrics().lineSpacing() * 4)
        self.exemption_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.other_edit = QLineEdit()
        self.other_edit.setObjectName("exemptionOther")
        self.other_edit.setAccessibleName(self.tr("Other ground"))
        self.other_edit.setPlaceholderText(
            self.tr("For example: Local Government Act 1972, Schedule 12A, paragraph 12 (Wales)")
        )
        current = one.exemption if one is not None else None
        number = standard_paragraph(current)
        if number is not None and self._row_of(number) is not None:
            self.choose_paragraph(number)
        elif current:  # typed, or a paragraph of the other country's list: as typed
            self.exemption_combo.setCurrentIndex(len(self._paragraphs))
            self.other_edit.setText(current)
        else:
            self.exemption_combo.setCurrentIndex(0)

        self.public_edit = QLineEdit((one.public_title or "") if editing and one else "")
        self.public_edit.setObjectName("publicTitle")
        self.public_edit.setAccessibleName(self.tr("Public title"))
        self.public_edit.setPlaceholderText(
            self.tr("Left empty, papers show “{title}”").format(title=CLOSED_TITLE)
        )

        self.public_cy_edit = QLineEdit((one.public_title_cy or "") if editing and one else "")
        self.public_cy_edit.setObjectName("publicTitleCy")
        self.public_cy_edit.setAccessibleName(self.tr("Welsh public title"))
        self.public_cy_edit.setPlaceholderText(self.tr("Optional: printed beside the public title"))

        names = ("reason", "exemption", "public_title", "public_title_cy")
        self.problems = {name: ProblemLabel() for name in names}
        self.general_problem = ProblemLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field, problem in (
            (self.tr("&Reason:"), self.reason_edit, "reason"),
            (self.tr("&Exemption:"), self.exemption_combo, None),
            ("", self.exemption_text, None),
            (self.tr("&Other ground:"), self.other_edit, "exemption"),
            (self.tr("&Public title:"), self.public_edit, "public_title"),
            (self.tr("&Welsh public title:"), self.public_cy_edit, "public_title_cy"),
        ):
            label = QLabel(text)
            if text:
                label.setBuddy(field)
            form.addRow(label, field)
            if field is self.other_edit:
                self.other_label = label
            if problem is not None:
                form.addRow("", self.problems[problem])
            if field is self.public_edit:
                form.addRow("", cap_length(self.public_edit))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if editing:
            self.ok_button.setText(self.tr("Save"))
        else:
            self.ok_button.setText(
                self.tr("Close Item") if one is not None else self.tr("Close Items")
            )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.items_label)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._touched: set[str] = set()
        self.reason_edit.textChanged.connect(lambda: self._touch("reason"))
        self.other_edit.textEdited.connect(lambda _t: self._touch("exemption"))
        self.public_edit.textEdited.connect(lambda _t: self._touch("public_title"))
        self.public_cy_edit.textEdited.connect(lambda _t: self._touch("public_title_cy"))
        self.exemption_combo.currentIndexChanged.connect(self._on_exemption_changed)
        remember_geometry(
            self,
            lambda: settings.close_item_dialog_geometry,
            lambda g: setattr(settings, "close_item_dialog_geometry", g),
        )
        self._on_exemption_changed()
        self.adjustSize()
        self.reason_edit.setFocus()

    def values(self) -> ClosingValues:
        choice = self.exemption_combo.currentData()
        exemption = self.other_edit.text().strip() if choice == OTHER else choice
        return ClosingValues(
            reason=self.reason_edit.toPlainText().strip(),
            exemption=exemption or None,
            public_title=self.public_edit.text().strip() or None,
            public_title_cy=self.public_cy_edit.text().strip() or None,
        )

    def choose_paragraph(self, number: int) -> None:
        row = self._row_of(number)
        if row is not None:
            self.exemption_combo.setCurrentIndex(row)

    def _row_of(self, number: int) -> int | None:
        rows = [i for i, p in enumerate(self._paragraphs) if p.number == number]
        return rows[0] if rows else None

    def show_problems(self, problems: Sequence[Problem]) -> None:
        show_service_problems(problems, self.problems, self.general_problem)

    def accept(self) -> None:
        self._touched.update(self.problems)
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    def _on_exemption_changed(self, *_args: object) -> None:
        other = self.exemption_combo.currentData() == OTHER
        self.other_edit.setEnabled(other)
        self.other_label.setEnabled(other)
        row = self.exemption_combo.currentIndex()
        if other:
            self.exemption_text.setText(
                self.tr(
                    "Type the ground as it should be printed: the Act, schedule and paragraph "
                    "that apply to your body."
                )
            )
        else:
            paragraph = self._paragraphs[row]
            self.exemption_text.setText(
                self.tr("“{text}” Printed as: {citation}.").format(
                    text=paragraph.text, citation=paragraph.citation
                )
            )
        self.exemption_text.setToolTip(self._public_interest)
        self._check()

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._check()

    def _check(self) -> bool:
        other = self.exemption_combo.currentData() == OTHER
        found = {
            "reason": required_text_problem(
                self.reason_edit.toPlainText(), self.tr("why the item is heard in private")
            ),
            "exemption": required_text_problem(
                self.other_edit.text(), self.tr("the ground for closing it")
            )
            if other
            else None,
            "public_title": optional_text_problem(self.public_edit.text()),
            "public_title_cy": optional_text_problem(self.public_cy_edit.text()),
        }
        for name, problem in found.items():
            self.problems[name].show_problem(problem if name in self._touched else None)
        self.general_problem.show_problem(None)
        ok = not any(found.values())
        self.ok_button.setEnabled(ok)
        return ok
