"""The reason for urgency: asked when an agenda is published later than the review's
clear days allow.

An agenda open to inspection for fewer clear days than the law requires may still be
considered if the chair accepts that the business is urgent, and the agenda must say
why. The dialog says how many clear days publishing now gives and how many the review
requires, and takes the reason the agenda will print; publishing is then tried again
with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..shared.fields import remember_geometry
from ..shared.settings import Settings


class UrgencyDialog(QDialog):
    """Asks for the reason for urgency; ``reason()`` once accepted."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        *,
        meeting: str,
        published: date,
        given: int,
        required: int,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("urgencyDialog")
        self.setWindowTitle(self.tr("Reason for Urgency"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self.given, self.required = given, required

        if given == 1:
            gives = self.tr("Published on {day}, the agenda of “{meeting}” gives 1 clear day")
        else:
            gives = self.tr("Published on {day}, the agenda of “{meeting}” gives {n} clear days")
        day = QLocale().toString(QDate(published), QLocale.FormatType.LongFormat)
        self.explanation = QLabel(
            gives.format(day=day, meeting=meeting, n=given)
            + self.tr(
                "; the review requires {required}. The meeting may consider it only as a "
                "matter of urgency, and the agenda must say why."
            ).format(required=required)
        )
        self.explanation.setObjectName("urgencyExplanation")
        self.explanation.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("urgencyReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for urgency"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr(
                "For example: the consultation closes before the next meeting, so the "
                "panel's response cannot wait."
            )
        )
        self.reason_edit.setMinimumHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        label = QLabel(self.tr("&Reason for urgency, printed on the agenda:"))
        label.setBuddy(self.reason_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Publish"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason())))

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.buttons)
        remember_geometry(
            self,
            lambda: settings.urgency_dialog_geometry,
            lambda g: setattr(settings, "urgency_dialog_geometry", g),
        )
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if self.reason():
            super().accept()
