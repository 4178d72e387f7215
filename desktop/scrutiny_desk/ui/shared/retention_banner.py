"""The strip that says a review's retention date has passed, and leads to the Personal
Data page: on the Overview page and the Personal Data page itself. It asks nothing
and blocks nothing (a reminder, not a dialog); hidden while the date is to come.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from ...domain.personal_data_records import RetentionState
from .display import DATE_FORMAT
from .locked_banner import tint


def _tr(text: str) -> str:
    return QCoreApplication.translate("RetentionBanner", text)


def retention_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def retention_passed_text(state: RetentionState) -> str:
    """What the reminder says of a review whose date has passed."""
    assert state.effective is not None
    return _tr(
        "The retention date of this review, {day}, has passed: review the personal data "
        "it holds about witnesses and others present, and erase what is no longer needed."
    ).format(day=retention_day(state.effective))


class RetentionBanner(QFrame):
    """Hidden until ``show_state`` gets a review whose date has passed;
    ``open_requested`` when the clerk asks to see the personal data."""

    open_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, button: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        tint(self)
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(16, 16)
        )
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.button = QPushButton(_tr("Review &Personal Data…"))
        self.button.setAccessibleName(_tr("Review Personal Data"))
        self.button.clicked.connect(self.open_requested)
        self.button.setVisible(button)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_state(self, state: RetentionState | None, today: date) -> bool:
        """Show the reminder if ``state``'s date has passed by ``today``; whether it shows."""
        if state is None or not state.due(today):
            self.hide()
            return False
        text = retention_passed_text(state)
        self.text.setText(text)
        self.setAccessibleName(text)
        self.show()
        return True
