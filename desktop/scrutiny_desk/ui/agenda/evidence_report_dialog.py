"""From Evidence Register…: choose a piece of the review's evidence whose PDF an item's
pack prints, as one of its reports.

Only evidence holding a PDF is listed (a pack can append nothing else); closed evidence
is marked, since a closed item's reports are left out of public packs but an open
item's are not. Double-click or Add chooses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.evidence_records import EvidenceEntry
from ...domain.report_records import PDF_MEDIA_TYPE
from ...domain.rules import megabytes
from ..shared.fields import remember_geometry
from ..shared.settings import Settings


def has_pdf(entry: EvidenceEntry) -> bool:
    file = entry.file
    return file is not None and (
        file.media_type == PDF_MEDIA_TYPE or file.name.lower().endswith(".pdf")
    )


class EvidenceReportDialog(QDialog):
    """``chosen()``: the evidence picked, once accepted."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        item_title: str,
        evidence: Sequence[EvidenceEntry],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceReportDialog")
        self.setWindowTitle(self.tr("Report from the Evidence Register"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(520, 360)
        self._evidence = [e for e in evidence if has_pdf(e)]

        intro = QLabel(
            self.tr(
                "Choose the evidence whose PDF the pack prints as a report of “{title}”. "
                "Only evidence with a PDF attached is listed."
            ).format(title=item_title)
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("evidenceReportList")
        self.list.setAccessibleName(self.tr("Evidence with a PDF"))
        for entry in self._evidence:
            assert entry.file is not None
            text = self.tr("{number}. {title} ({name}, {size})").format(
                number=entry.number,
                title=entry.title,
                name=entry.file.name,
                size=megabytes(entry.file.size),
            )
            if entry.is_closed:
                text += self.tr(" [closed]")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(row)
        self.empty_label = QLabel(
            self.tr(
                "No evidence in this review has a PDF attached yet: attach one on the "
                "Evidence page first."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not self._evidence)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add Report"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.ok_button.setEnabled(row >= 0))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        if self._evidence:
            self.list.setCurrentRow(0)
        else:
            self.ok_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        remember_geometry(
            self,
            lambda: settings.evidence_report_dialog_geometry,
            lambda g: setattr(settings, "evidence_report_dialog_geometry", g),
        )

    def chosen(self) -> EvidenceEntry | None:
        row = self.list.currentRow()
        return self._evidence[row] if 0 <= row < len(self._evidence) else None

    def choose(self, evidence_id: int) -> bool:
        for row, entry in enumerate(self._evidence):
            if entry.id == evidence_id:
                self.list.setCurrentRow(row)
                return True
        return False
