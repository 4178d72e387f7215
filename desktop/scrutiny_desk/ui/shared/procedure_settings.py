"""The Procedure tab of Review Details: the quorum, whether minutes are numbered, the
day the municipal year starts (from which minute numbers run: "12/26"), the papers'
language and the body's country (``papers_language``).

A page of its own so the review dialog stays small: the dialog adds it as a tab, gives
it its problem labels and the way it marks a field touched, and takes its values
(``ProcedureValues``, the base of the dialog's ``ReviewValues``) and its problems. The
checks are the services' own (``domain.procedure``); the service checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Country, PaperLanguage
from ...domain.people_records import ReviewDetails
from ...domain.procedure import quorum_problem, year_start_problem
from ...domain.records import DEFAULT_QUORUM, MAY_DAY, MonthDay
from ...domain.wording import MONTHS
from .fields import ProblemLabel
from .papers_language import LanguageFields

#: The largest quorum the services take (``procedure.quorum_problem``).
MAX_QUORUM = 100


@dataclass(frozen=True, kw_only=True)
class ProcedureValues:
    """The review's procedure settings, as ``ReviewDetails`` names them."""

    quorum: int = DEFAULT_QUORUM
    minute_numbers: bool = True
    year_start: MonthDay = MAY_DAY
    language: PaperLanguage = PaperLanguage.ENGLISH
    country: Country = Country.ENGLAND


class ProcedurePage(QWidget):
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
        self.setObjectName("procedurePage")
        tab = tabs.addTab(self, self.tr("P&rocedure"))

        self.quorum_spin = QSpinBox()
        self.quorum_spin.setRange(1, MAX_QUORUM)
        self.quorum_spin.setAccessibleName(self.tr("Quorum"))
        self.quorum_spin.setToolTip(
            self.tr("Panel members and substitutes who must be present for business")
        )
        self.numbers_check = QCheckBox(self.tr("&Number the minutes through the municipal year"))
        self.numbers_check.setAccessibleName(self.tr("Number the minutes"))
        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 31)
        self.day_spin.setAccessibleName(self.tr("Day the municipal year starts"))
        self.month_combo = QComboBox()
        self.month_combo.setAccessibleName(self.tr("Month the municipal year starts"))
        for number, month in enumerate(MONTHS, start=1):
            self.month_combo.addItem(month, number)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        quorum_label = QLabel(self.tr("&Quorum:"))
        quorum_label.setBuddy(self.quorum_spin)
        quorum_row = QHBoxLayout()
        quorum_row.addWidget(self.quorum_spin)
        quorum_row.addWidget(QLabel(self.tr("panel members or substitutes present")))
        quorum_row.addStretch(1)
        form.addRow(quorum_label, quorum_row)
        self.quorum_problem = ProblemLabel()
        form.addRow("", self.quorum_problem)
        form.addRow(
            "",
            _note(
                self.tr(
                    "The number of panel members (or their substitutes) who must be present for "
                    "the meeting to do business. The Attendance tab shows at each item whether it "
                    "was quorate, and the minutes say where it was not."
                )
            ),
        )
        form.addRow("", self.numbers_check)
        start_row = QHBoxLayout()
        start_row.addWidget(self.day_spin)
        start_row.addWidget(self.month_combo)
        start_row.addStretch(1)
        start_label = QLabel(self.tr("Municipal &year starts on:"))
        start_label.setBuddy(self.day_spin)
        form.addRow(start_label, start_row)
        self.year_start_problem = ProblemLabel()
        form.addRow("", self.year_start_problem)
        form.addRow(
            "",
            _note(
                self.tr(
                    "Minute numbers run from 1 each municipal year, which usually starts at the "
                    "annual meeting in May: minute 12 of 2026/27 prints as “12/26”. Approved "
                    "minutes keep the numbers they were approved with."
                )
            ),
        )
        self.language = LanguageFields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.fill(details)  # before its changes are connected: nothing is touched yet
        problems["quorum"], problems["year_start"] = self.quorum_problem, self.year_start_problem
        tab_of["quorum"] = tab_of["year_start"] = tab
        self.quorum_spin.valueChanged.connect(lambda _v: touch("quorum"))
        self.numbers_check.toggled.connect(self._on_numbers_toggled)
        self.numbers_check.toggled.connect(lambda _v: touch("minute_numbers"))
        self.day_spin.valueChanged.connect(lambda _v: touch("year_start"))
        self.month_combo.currentIndexChanged.connect(lambda _v: touch("year_start"))
        self.language.connect_changes(touch)

    def fill(self, details: ReviewDetails | None) -> None:
        """Show the review's settings (the defaults for a new review)."""
        values = (
            ProcedureValues(
                quorum=details.quorum,
                minute_numbers=details.minute_numbers,
                year_start=details.year_start,
                language=details.language,
                country=details.country,
            )
            if details is not None
            else ProcedureValues()
        )
        self.quorum_spin.setValue(values.quorum)
        self.numbers_check.setChecked(values.minute_numbers)
        self._on_numbers_toggled(values.minute_numbers)
        self.month_combo.setCurrentIndex(self.month_combo.findData(values.year_start.month))
        self.day_spin.setValue(values.year_start.day)
        self.language.fill(values.language, values.country)

    def values(self) -> dict[str, Any]:
        """The settings as ``ProcedureValues`` fields (keyword arguments of ReviewValues)."""
        return {
            "quorum": self.quorum_spin.value(),
            "minute_numbers": self.numbers_check.isChecked(),
            "year_start": MonthDay(int(self.month_combo.currentData()), self.day_spin.value()),
            "language": self.language.language(),
            "country": self.language.country(),
        }

    def problems(self) -> dict[str, str | None]:
        """Every problem now, by field key, in words."""
        why = year_start_problem(int(self.month_combo.currentData()), self.day_spin.value())
        return {
            "quorum": _sentence(self.tr("The quorum"), quorum_problem(self.quorum_spin.value())),
            "year_start": _sentence(self.tr("The day the municipal year starts"), why),
        }

    def _on_numbers_toggled(self, numbered: bool) -> None:
        self.day_spin.setEnabled(numbered)
        self.month_combo.setEnabled(numbered)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)  # as wide as the form allows, then as tall as it needs
    label.setSizePolicy(policy)
    return label


def _sentence(subject: str, why: str | None) -> str | None:
    return f"{subject} {why}." if why else None
