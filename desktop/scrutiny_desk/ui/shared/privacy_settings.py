"""The Privacy tab of Review Details: how long the review keeps the personal data of
its witnesses and others present (its retention date), and the privacy notice that
invitations to witnesses carry.

A page of its own, as the Procedure tab is, so the review dialog stays small: the
dialog adds it as a tab, gives it its problem labels and the way it marks a field
touched, and takes its values (``PrivacyValues``, a base of ``ReviewValues``) and its
problems. Both values are saved with the rest of the details: one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.people_records import ReviewDetails
from ...domain.personal_data_records import RETENTION_YEARS, STANDARD_PRIVACY_NOTICE
from .date_field import DateField
from .fields import ProblemLabel, required_text_problem


@dataclass(frozen=True, kw_only=True)
class PrivacyValues:
    """The review's personal-data settings, as ``ReviewDetails`` names them."""

    retention_until: date | None = None  # None: six years after the review closes
    privacy_notice: str | None = None  # None: the standard notice

    @property
    def has_privacy(self) -> bool:
        """Either differs from a new review's default."""
        return self.retention_until is not None or self.privacy_notice is not None


class PrivacyPage(QWidget):
    """Added to ``tabs`` at once, showing ``details`` (None: a new review's defaults);
    ``problems`` and ``tab_of`` are the dialog's maps of field keys to problem labels
    and tabs, ``touch(key)`` marks a field changed."""

    def __init__(
        self,
        tabs: QTabWidget,
        problems: dict[str, ProblemLabel],
        tab_of: dict[str, int],
        touch: Callable[[str], None],
        details: ReviewDetails | None,
    ) -> None:
        super().__init__()
        self.setObjectName("privacyPage")
        self.tab = tabs.addTab(self, self.tr("Privac&y"))

        self.retention_check = QCheckBox(self.tr("&Keep personal data until a date of your own:"))
        self.retention_check.setAccessibleName(self.tr("Set a retention date"))
        self.retention_edit = DateField()
        self.retention_edit.setAccessibleName(self.tr("Retention date"))
        self.retention_edit.setToolTip(self.tr("Type a date such as 19/01/2033, or pick it"))
        date_row = QHBoxLayout()
        date_row.addWidget(self.retention_check)
        date_row.addWidget(self.retention_edit)
        date_row.addStretch(1)
        retention = QGroupBox(self.tr("Retention of personal data"))
        retention_layout = QVBoxLayout(retention)
        retention_layout.addLayout(date_row)
        retention_layout.addWidget(
            _note(
                self.tr(
                    "Without a date of your own, the personal data of witnesses and others "
                    "present is kept for six years after the review closes, as minutes "
                    "are. Once the date passes, the window reminds you to review it on the "
                    "Personal Data page and erase what is no longer needed."
                )
            )
        )

        self.standard_check = QCheckBox(self.tr("Use the &standard notice"))
        self.standard_check.setAccessibleName(self.tr("Use the standard privacy notice"))
        self.notice_edit = QPlainTextEdit()
        self.notice_edit.setAccessibleName(self.tr("Privacy notice"))
        self.notice_edit.setTabChangesFocus(True)
        self.notice_problem = ProblemLabel()
        notice_label = QLabel(self.tr("&Notice:"))
        notice_label.setBuddy(self.notice_edit)
        notice = QGroupBox(self.tr("Privacy notice in invitations to witnesses"))
        notice_layout = QVBoxLayout(notice)
        notice_layout.addWidget(
            _note(
                self.tr(
                    "A short notice each invitation to a witness carries: what the council "
                    "holds about them, why, for how long, and how to ask for a copy or for "
                    "its erasure."
                )
            )
        )
        notice_layout.addWidget(self.standard_check)
        notice_layout.addWidget(notice_label)
        notice_layout.addWidget(self.notice_edit, 1)
        notice_layout.addWidget(self.notice_problem)

        layout = QVBoxLayout(self)
        layout.addWidget(retention)
        layout.addWidget(notice, 1)

        self.fill(details)  # before its changes are connected: nothing is touched yet
        problems["privacy_notice"] = self.notice_problem
        tab_of["privacy_notice"] = tab_of["retention_until"] = self.tab
        self.retention_check.toggled.connect(self.retention_edit.setEnabled)
        self.retention_check.toggled.connect(lambda _v: touch("retention_until"))
        self.retention_edit.dateChanged.connect(lambda _d: touch("retention_until"))
        self.standard_check.toggled.connect(self._on_standard_toggled)
        self.standard_check.toggled.connect(lambda _v: touch("privacy_notice"))
        self.notice_edit.textChanged.connect(lambda: touch("privacy_notice"))

    def fill(self, details: ReviewDetails | None) -> None:
        """Show the review's settings (the defaults for a new review)."""
        until = details.retention_until if details is not None else None
        notice = details.privacy_notice if details is not None else None
        self.retention_check.setChecked(until is not None)
        self.retention_edit.setEnabled(until is not None)
        shown = until or _six_years_on(date.today())
        self.retention_edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.standard_check.setChecked(notice is None)
        self.notice_edit.setPlainText(notice or STANDARD_PRIVACY_NOTICE)
        self.notice_edit.setReadOnly(notice is None)

    def values(self) -> dict[str, Any]:
        """The settings as ``PrivacyValues`` fields (keyword arguments of ReviewValues)."""
        until = None
        if self.retention_check.isChecked():
            day = self.retention_edit.date()
            until = date(day.year(), day.month(), day.day())
        notice = None
        if not self.standard_check.isChecked():
            notice = self.notice_edit.toPlainText().strip() or None
        return {"retention_until": until, "privacy_notice": notice}

    def problems(self) -> dict[str, str | None]:
        """Every problem now, by field key, in words."""
        if self.standard_check.isChecked():
            return {"privacy_notice": None}
        return {
            "privacy_notice": required_text_problem(
                self.notice_edit.toPlainText(), self.tr("the privacy notice")
            )
        }

    def _on_standard_toggled(self, standard: bool) -> None:
        self.notice_edit.setReadOnly(standard)
        if standard:
            self.notice_edit.setPlainText(STANDARD_PRIVACY_NOTICE)


def _six_years_on(day: date) -> date:
    try:
        return day.replace(year=day.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + RETENTION_YEARS, day=28)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
