"""The editor beside the recommendations list: one recommendation's fields, the terms
of reference and notes it is linked to, and its dated progress updates.

The form only shows and reads values: ``show_record`` fills it, ``values()`` says what
the fields hold now (as the service's ``update`` takes them), ``show_problems`` puts
each message beside its field, and ``edited`` fires on every change by the clerk. The
page saves each field when the clerk is done with it (``ui.shared.field_commits``)
and owns the actions; it puts their buttons in the empty rows left for them
(``tor_buttons``, ``notes_buttons``, ``progress_buttons``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import RecommendationStatus
from ...domain.errors import Problem
from ...domain.recommendation_records import ProgressEntry, RecommendationEntry
from ..shared.actions_model import NO_DATE
from ..shared.date_field import DateField
from ..shared.display import closed_tint, lock_icon, long_date
from ..shared.fields import ProblemLabel
from ..shared.tables import caption
from .recommendations_model import status_label

#: The text field shows at least and at most this many lines (then it scrolls).
TEXT_LINES = (4, 12)

#: The fields the editor saves, named as the service's ``update`` takes them.
FIELDS = ("text", "lead", "due", "status", "response")


def qdate(value: date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date | None:
    if value == NO_DATE or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())


def changed_values(record: RecommendationEntry, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the saved record."""
    return {name: value for name, value in values.items() if getattr(record, name) != value}


class RecommendationEditor(QWidget):
    """The form. ``edited`` fires when the clerk changes a field (not while filling)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationEditor")
        self._filling = False
        self.heading = QLabel()
        self.heading.setObjectName("recommendationHeading")
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.overdue_label = ProblemLabel()
        self.overdue_label.setObjectName("recommendationOverdue")
        self.overdue_label.setAccessibleName(self.tr("Overdue"))
        self._build_fields()
        self._build_links()
        self._build_progress()
        self.tor_buttons = QHBoxLayout()
        self.notes_buttons = QHBoxLayout()
        self.progress_buttons = QHBoxLayout()
        self.response_row = QVBoxLayout()  # when the response is due, and Record Response…

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, widget, name in (
            (self.tr("Te&xt:"), self.text_edit, "text"),
            (self.tr("&Lead:"), self.lead_edit, "lead"),
            (self.tr("Due &by:"), self.due_edit, "due"),
            (self.tr("St&atus:"), self.status_combo, "status"),
            (self.tr("Res&ponse:"), self.response_edit, "response"),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            form.addRow("", self.problems[name])
        form.addRow("", self.response_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.overdue_label)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(caption(self.tr("Terms of reference"), self.tor_list))
        layout.addWidget(self.tor_list)
        layout.addLayout(self.tor_buttons)
        layout.addWidget(caption(self.tr("Supporting notes"), self.notes_list))
        layout.addWidget(self.notes_list)
        layout.addLayout(self.notes_buttons)
        layout.addWidget(caption(self.tr("Progress updates"), self.progress_table))
        layout.addWidget(self.progress_table, 1)
        layout.addLayout(self.progress_buttons)

        for signal in (
            self.text_edit.textChanged,
            self.lead_edit.textChanged,
            self.due_edit.dateChanged,
            self.status_combo.currentIndexChanged,
            self.response_edit.textChanged,
        ):
            signal.connect(self._on_field_changed)

    def _build_fields(self) -> None:
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Text of the recommendation"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(TEXT_LINES[0] * self.fontMetrics().lineSpacing() + 12)
        self.text_edit.document().documentLayout().documentSizeChanged.connect(
            self._fit_text_height
        )
        self.lead_edit = QLineEdit()
        self.lead_edit.setAccessibleName(self.tr("Lead"))
        self.lead_edit.setPlaceholderText(self.tr("Who is to carry it out"))
        self.due_edit = DateField(no_date=NO_DATE, no_date_text=self.tr("No date"))
        self.due_edit.setAccessibleName(self.tr("Due date"))
        self.due_edit.setToolTip(self.tr("Type a date such as 19/01/2027, or pick it"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in RecommendationStatus:
            self.status_combo.addItem(status_label(status), status.value)
        self.response_edit = QPlainTextEdit()
        self.response_edit.setAccessibleName(self.tr("Response"))
        self.response_edit.setPlaceholderText(self.tr("The response of those asked to act"))
        self.response_edit.setTabChangesFocus(True)
        self.response_edit.setFixedHeight(56)
        self.problems = {name: ProblemLabel() for name in FIELDS}
        for name, problem in self.problems.items():
            problem.setObjectName(f"{name}Problem")

    def _build_links(self) -> None:
        self.tor_list = QListWidget()
        self.tor_list.setObjectName("recommendationTor")
        self.tor_list.setAccessibleName(self.tr("Terms of reference it answers"))
        self.tor_list.setMaximumHeight(90)
        self.tor_list.setWordWrap(True)
        self.notes_list = QListWidget()
        self.notes_list.setObjectName("recommendationNotes")
        self.notes_list.setAccessibleName(self.tr("Notes that support it"))
        self.notes_list.setMaximumHeight(110)
        self.notes_list.setWordWrap(True)

    def _build_progress(self) -> None:
        self.progress_table = QTableWidget(0, 2)
        self.progress_table.setObjectName("recommendationProgress")
        self.progress_table.setAccessibleName(self.tr("Progress updates"))
        self.progress_table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Progress")])
        self.progress_table.verticalHeader().hide()
        self.progress_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.progress_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.progress_table.setTabKeyNavigation(False)
        self.progress_table.setWordWrap(True)
        header = self.progress_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.progress_table.setMinimumHeight(120)

    def _fit_text_height(self, *_size: object) -> None:
        """The text field grows with the text, so the whole of it shows (up to a point:
        a very long one scrolls)."""
        edit = self.text_edit
        least, most = TEXT_LINES
        lines = int(edit.document().documentLayout().documentSize().height())  # in lines
        shown = min(max(lines, least), most)
        margins = edit.contentsMargins()
        frame = 2 * edit.frameWidth() + margins.top() + margins.bottom()
        padding = 2 * int(edit.document().documentMargin())
        edit.setFixedHeight(shown * edit.fontMetrics().lineSpacing() + frame + padding + 2)

    def tab_chain(self) -> Sequence[QWidget]:
        """The editor's controls in the order Tab visits them."""
        return (
            self.text_edit,
            self.lead_edit,
            self.due_edit,
            self.status_combo,
            self.response_edit,
            self.tor_list,
            self.notes_list,
            self.progress_table,
        )

    # Showing a record ------------------------------------------------------------------

    @property
    def filling(self) -> bool:
        """True while the form fills itself from a record."""
        return self._filling

    def show_record(
        self,
        record: RecommendationEntry | None,
        empty_heading: str = "",
        keep: Collection[str] = (),
    ) -> None:
        """Fill the form from the record (None: nothing to edit, ``empty_heading`` says
        why), leaving the fields named in ``keep`` (edits not saved yet) as they are. A
        field that shows the value already is not touched (the cursor stays). Filling
        does not fire ``edited``."""
        self._filling = True
        try:
            self.setEnabled(record is not None)
            if record is None:
                self.heading.setText(empty_heading)
                for widget in (self.text_edit, self.response_edit):
                    widget.setPlainText("")
                self.lead_edit.clear()
                self.due_edit.setDate(NO_DATE)
                self.tor_list.clear()
                self.notes_list.clear()
                self.progress_table.setRowCount(0)
                self.overdue_label.show_problem(None)
                return
            self.heading.setText(self.tr("Recommendation {number}").format(number=record.number))
            shown = self.values()
            self.put_values(
                {
                    name: getattr(record, name)
                    for name in FIELDS
                    if name not in keep and getattr(record, name) != shown[name]
                }
            )
            self.overdue_label.show_problem(
                self.tr("Overdue: it was due on {date} and is still {status}.").format(
                    date=long_date(record.due),  # type: ignore[arg-type]
                    status=status_label(record.status).lower(),
                )
                if record.overdue
                else None
            )
            self._fill_links(record)
            self._fill_progress(record)
        finally:
            self._filling = False

    def _fill_links(self, record: RecommendationEntry) -> None:
        self.tor_list.clear()
        for ref in record.tor:
            self.tor_list.addItem(ref.label)
        if not record.tor:
            self.tor_list.addItem(self.tr("None chosen yet"))
        self.notes_list.clear()
        for ref in record.notes:
            closed = ref.key in record.closed_notes
            item = QListWidgetItem(
                self.tr("{text} (closed)").format(text=ref.label) if closed else ref.label
            )
            if closed:
                item.setIcon(lock_icon())
                item.setBackground(closed_tint())
            self.notes_list.addItem(item)
        if not record.notes:
            self.notes_list.addItem(self.tr("None chosen yet"))

    def _fill_progress(self, record: RecommendationEntry) -> None:
        table = self.progress_table
        table.setRowCount(len(record.progress))
        for row, update in enumerate(record.progress):
            table.setItem(row, 0, QTableWidgetItem(long_date(update.date)))  # type: ignore[arg-type]
            item = QTableWidgetItem(update.text)
            item.setToolTip(update.text)
            table.setItem(row, 1, item)
        table.resizeRowsToContents()

    def chosen_progress(self, record: RecommendationEntry | None) -> ProgressEntry | None:
        """The record's progress update selected in the table, if any."""
        row = self.progress_table.currentRow()
        if record is None or not 0 <= row < len(record.progress):
            return None
        if not self.progress_table.selectionModel().hasSelection():
            return None
        return record.progress[row]

    def set_writable(self, writable: bool) -> None:
        for widget in (self.text_edit, self.response_edit):
            widget.setReadOnly(not writable)
        self.lead_edit.setReadOnly(not writable)
        self.due_edit.setReadOnly(not writable)
        self.status_combo.setEnabled(writable)

    # The values ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text_edit.toPlainText().strip(),
            "lead": self.lead_edit.text().strip() or None,
            "due": pydate(self.due_edit.date()),
            "status": RecommendationStatus(self.status_combo.currentData()),
            "response": self.response_edit.toPlainText().strip() or None,
        }

    def put_values(self, values: dict[str, Any]) -> None:
        """Show these values in the fields (not saved); each change fires ``edited``
        unless the form is filling. A field already showing its value is left alone."""
        shown = self.values()
        for name, value in values.items():
            if name in shown and shown[name] == value:
                continue
            if name == "text":
                self.text_edit.setPlainText(value)
            elif name == "lead":
                self.lead_edit.setText(value or "")
            elif name == "due":
                self.due_edit.setDate(qdate(value))
            elif name == "status":
                self.status_combo.setCurrentIndex(self.status_combo.findData(value.value))
            elif name == "response":
                self.response_edit.setPlainText(value or "")

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Each problem beside its field, as a sentence; no problems clears them."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            message = problem.message[:1].upper() + problem.message[1:] + "."
            by_field.setdefault(problem.path, []).append(message)
        for name, label in self.problems.items():
            label.show_problem("\n".join(by_field.get(name, [])) or None)

    def _on_field_changed(self, *_args: object) -> None:
        if not self._filling:
            self.edited.emit()
