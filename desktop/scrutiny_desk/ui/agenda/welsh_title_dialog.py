"""Welsh Titles…: the Welsh of an agenda item's title, which bilingual papers print
beside the English (Welsh first), and, for a closed item, the Welsh of its public
title (an open item has no public title, so the field is disabled). The Close Item
dialog sets the Welsh public title too, beside the public title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import ItemRecord
from ...domain.errors import Problem
from ...domain.views import CLOSED_TITLE
from ..shared.fields import (
    ProblemLabel,
    cap_length,
    optional_text_problem,
    remember_geometry,
    show_service_problems,
)
from ..shared.settings import Settings

#: Saves the Welsh title and Welsh public title (None: none); the problems to show
#: (empty once saved).
WelshSave = Callable[["WelshTitles"], Sequence[Problem]]


@dataclass(frozen=True)
class WelshTitles:
    title_cy: str | None
    public_title_cy: str | None


class WelshTitleDialog(QDialog):
    def __init__(
        self, parent: QWidget, settings: Settings, item: ItemRecord, save: WelshSave
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welshTitleDialog")
        self.setWindowTitle(self.tr("Welsh Titles"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._save = save

        heading = QLabel(
            self.tr("Item {number}: {title}").format(number=item.number, title=item.title)
        )
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        note = QLabel(
            self.tr(
                "Bilingual papers print the Welsh title first, then the English; papers in "
                "Welsh print the Welsh title alone. Left empty, they print the English title."
            )
        )
        note.setWordWrap(True)
        self.title_cy_edit = QLineEdit(item.title_cy or "")
        self.title_cy_edit.setObjectName("itemTitleCy")
        self.title_cy_edit.setAccessibleName(self.tr("Welsh title"))
        self.public_cy_edit = QLineEdit(item.public_title_cy or "")
        self.public_cy_edit.setObjectName("itemPublicTitleCy")
        self.public_cy_edit.setAccessibleName(self.tr("Welsh public title"))
        self.public_cy_edit.setEnabled(item.is_closed)  # like the public title: closed items only
        self.public_cy_edit.setPlaceholderText(
            self.tr("Printed beside the public title “{title}”").format(
                title=item.public_title or CLOSED_TITLE
            )
            if item.is_closed
            else self.tr("Only a closed item has a public title")
        )
        self.problems = {"title_cy": ProblemLabel(), "public_title_cy": ProblemLabel()}
        self.general_problem = ProblemLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        label = QLabel(self.tr("&Welsh title:"))
        label.setBuddy(self.title_cy_edit)
        form.addRow(label, self.title_cy_edit)
        form.addRow("", self.problems["title_cy"])
        form.addRow("", cap_length(self.title_cy_edit))
        public_label = QLabel(self.tr("Welsh &public title:"))
        public_label.setBuddy(self.public_cy_edit)
        public_label.setEnabled(item.is_closed)
        form.addRow(public_label, self.public_cy_edit)
        form.addRow("", self.problems["public_title_cy"])
        form.addRow("", cap_length(self.public_cy_edit))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.title_cy_edit.textEdited.connect(lambda _t: self._check())
        self.public_cy_edit.textEdited.connect(lambda _t: self._check())
        remember_geometry(
            self,
            lambda: settings.welsh_titles_dialog_geometry,
            lambda g: setattr(settings, "welsh_titles_dialog_geometry", g),
        )
        self.title_cy_edit.setFocus()

    def values(self) -> WelshTitles:
        return WelshTitles(
            self.title_cy_edit.text().strip() or None,
            self.public_cy_edit.text().strip() or None,
        )

    def _check(self) -> bool:
        ok = True
        for name, edit in (
            ("title_cy", self.title_cy_edit),
            ("public_title_cy", self.public_cy_edit),
        ):
            problem = optional_text_problem(edit.text())
            self.problems[name].show_problem(problem)
            ok = ok and problem is None
        self.ok_button.setEnabled(ok)
        return ok

    def accept(self) -> None:
        if not self._check():
            return
        problems = self._save(self.values())
        if problems:
            show_service_problems(problems, self.problems, self.general_problem)
            return
        super().accept()
