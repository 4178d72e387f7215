"""Make Version…: freeze the working draft as the next version of the report, for
comment by the panel, for consideration at a meeting (which meeting), or as the final
report; with a note of the clerk's ("sent to members 14 May").

The dialog says the number the version will take ("0.3", "final") and that it is frozen
once made, so that minutes citing its paragraph numbers keep citing the same words. It
does not save; ``save`` does, and the dialog closes once it has (or stays open showing
the problem the service found).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import ReportPurpose
from ...domain.errors import Problem
from ...domain.records import NamedRef
from ...domain.report_version_records import next_number
from ..shared.fields import ProblemLabel, cap_length, optional_text_problem


@dataclass(frozen=True)
class VersionValues:
    purpose: ReportPurpose
    meeting_key: str | None
    note: str | None


VersionSave = Callable[[VersionValues], Sequence[Problem]]


class MakeVersionDialog(QDialog):
    """``numbers``: the versions made so far; ``meetings``: the review's meetings, in
    date order (the first one still to come chosen first: ``upcoming``)."""

    def __init__(
        self,
        parent: QWidget,
        save: VersionSave,
        *,
        numbers: Sequence[str],
        meetings: Sequence[NamedRef],
        upcoming: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("makeVersionDialog")
        self.setWindowTitle(self.tr("Make Version"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(500)
        self._save = save
        self._numbers = list(numbers)

        self.radios = {
            ReportPurpose.COMMENT: QRadioButton(self.tr("For &comment by the panel")),
            ReportPurpose.MEETING: QRadioButton(self.tr("For consideration at a &meeting")),
            ReportPurpose.FINAL: QRadioButton(self.tr("The &final report")),
        }
        self._purposes = QButtonGroup(self)
        for purpose, radio in self.radios.items():
            radio.setObjectName(f"purpose-{purpose.value}")
            self._purposes.addButton(radio)
        self.radios[ReportPurpose.COMMENT].setChecked(True)
        self.meeting_combo = QComboBox()
        self.meeting_combo.setObjectName("versionMeeting")
        self.meeting_combo.setAccessibleName(self.tr("Meeting that considers it"))
        for meeting in meetings:
            self.meeting_combo.addItem(meeting.label, meeting.key)
        if upcoming is not None:
            self.meeting_combo.setCurrentIndex(max(self.meeting_combo.findData(upcoming), 0))
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("versionNote")
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("For example, sent to members on 14 May"))
        note_cap = cap_length(self.note_edit)
        self.number_label = QLabel()
        self.number_label.setObjectName("versionNumber")
        self.number_label.setWordWrap(True)
        self.problem = ProblemLabel()

        box = QVBoxLayout()
        for purpose, radio in self.radios.items():
            box.addWidget(radio)
            if purpose is ReportPurpose.MEETING:
                box.addWidget(self.meeting_combo)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Purpose:"), box)
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, self.note_edit)
        form.addRow("", note_cap)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Make Version"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.number_label)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._purposes.buttonToggled.connect(self._on_purpose_toggled)
        self._on_purpose_toggled()

    def purpose(self) -> ReportPurpose:
        return next(p for p, radio in self.radios.items() if radio.isChecked())

    def values(self) -> VersionValues:
        purpose = self.purpose()
        meeting = self.meeting_combo.currentData() if purpose is ReportPurpose.MEETING else None
        return VersionValues(purpose, meeting, self.note_edit.text().strip() or None)

    def accept(self) -> None:
        problem = optional_text_problem(self.note_edit.text())
        meeting = self.purpose() is ReportPurpose.MEETING
        if problem is None and meeting and self.meeting_combo.currentIndex() < 0:
            problem = self.tr("Choose the meeting that considers it.")
        if problem is not None:
            self.problem.show_problem(problem)
            return
        problems = self._save(self.values())
        if problems:
            self.problem.show_problem("\n".join(str(p) for p in problems))
            return
        super().accept()

    def _on_purpose_toggled(self, *_args: object) -> None:
        purpose = self.purpose()
        self.meeting_combo.setEnabled(purpose is ReportPurpose.MEETING)
        if not self.meeting_combo.count():
            self.radios[ReportPurpose.MEETING].setToolTip(
                self.tr("The review has no meetings to consider it at")
            )
            self.radios[ReportPurpose.MEETING].setEnabled(False)
        number = next_number(self._numbers, purpose)
        self.ok_button.setEnabled(number is not None)
        if number is None:
            text = self.tr("The final report has been made: no version follows it.")
        elif purpose is ReportPurpose.FINAL:
            text = self.tr(
                "The working draft will be frozen as the final report: its paragraphs and "
                "numbers will not change after this, and no version follows it."
            )
        else:
            text = self.tr(
                "The working draft will be frozen as version {number}: minutes citing its "
                "paragraph numbers will keep citing the same words."
            ).format(number=number)
        self.number_label.setText(text)
