"""The details of the selected evidence, editable beside the register.

The form says what the clerk changed (``changes()``, field -> value as the service's
``update`` takes them) and what is wrong with it (``problems()``, shown beside the
field before anything is saved). The page saves each field when the clerk is done with
it (``ui.shared.field_commits``); ``set_saved`` then tells the form what is saved
without filling it again. A file dropped on it is offered to the page
(``file_dropped``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access, EvidenceKind
from ...domain.evidence_records import EvidenceEntry, human_size
from ..shared.date_field import DateField
from ..shared.display import bold_font, closed_tint, lock_icon
from ..shared.fields import ProblemLabel, cap_length, optional_text_problem, required_text_problem
from .evidence_model import KindLabels

KEY_ROLE = Qt.ItemDataRole.UserRole + 10


class EvidenceDetails(QFrame):
    """The form. ``show_entry`` fills it; ``edited`` fires on every change by the clerk."""

    edited = Signal()
    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDetails")
        self.setAcceptDrops(True)
        self.entry: EvidenceEntry | None = None
        self._filling = False
        self._editable = True

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        # Closed evidence is marked as closed business is everywhere: padlock, tint, words.
        self.closed_icon = QLabel()
        self.closed_icon.setPixmap(lock_icon().pixmap(16, 16))
        self.closed_badge = QLabel(self.tr("Closed: confidential"))
        self.closed_badge.setObjectName("closedBadge")
        self.closed_badge.setFont(bold_font())
        self.closed_badge.setAccessibleName(self.tr("Closed evidence"))

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_problem = ProblemLabel()
        self.source_problem = ProblemLabel()
        self.summary_problem = ProblemLabel()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of evidence"))
        for kind, label in KindLabels(self).labels().items():
            self.kind_combo.addItem(label, kind.value)
        self.witness_combo = QComboBox()
        # Long names must not widen the form past the page.
        self.witness_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.witness_combo.setMinimumContentsLength(16)
        self.witness_combo.setAccessibleName(self.tr("From witness"))
        self.witness_combo.setToolTip(self.tr("A witness from the register, if it came from one"))
        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName(self.tr("Source"))
        self.source_edit.setPlaceholderText(self.tr("Or who sent it, in words"))
        self.received_check = QCheckBox(self.tr("Rece&ived on"))
        self.received_check.setAccessibleName(self.tr("Date received is known"))
        self.received_edit = DateField()
        self.received_edit.setAccessibleName(self.tr("Date received"))
        self.closed_check = QCheckBox(self.tr("&Closed: confidential, not to be published"))
        self.closed_check.setAccessibleName(self.tr("Closed evidence"))
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setAccessibleName(self.tr("Summary"))
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setMinimumHeight(60)
        self.summary_edit.setMaximumHeight(90)
        self.tor_list = QListWidget()
        self.tor_list.setAccessibleName(self.tr("Terms of reference it answers"))
        self.tor_list.setToolTip(self.tr("Tick the terms of reference it answers (Space ticks)"))
        self.tor_list.setMinimumHeight(120)
        self.tor_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tor_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setAccessibleName(self.tr("Attached file"))
        self.file_buttons = QHBoxLayout()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_buddy(self.tr("&Title:"), self.title_edit), self.title_edit)
        form.addRow("", cap_length(self.title_edit))
        form.addRow("", self.title_problem)
        form.addRow(_buddy(self.tr("&Kind:"), self.kind_combo), self.kind_combo)
        form.addRow(_buddy(self.tr("&From witness:"), self.witness_combo), self.witness_combo)
        form.addRow(_buddy(self.tr("&Source:"), self.source_edit), self.source_edit)
        form.addRow("", self.source_problem)
        received = QHBoxLayout()
        received.addWidget(self.received_check)
        received.addWidget(self.received_edit)
        received.addStretch(1)
        form.addRow("", received)
        form.addRow("", self.closed_check)
        form.addRow(_buddy(self.tr("Su&mmary:"), self.summary_edit), self.summary_edit)
        form.addRow("", self.summary_problem)
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow("", self.file_buttons)

        tor_column = QVBoxLayout()
        tor_column.addWidget(_buddy(self.tr("Terms of &reference it answers:"), self.tor_list))
        tor_column.addWidget(self.tor_list, 1)
        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(form_column, 3)
        body.addLayout(tor_column, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        # The heading row stays at the top of the pane, however short the window: the
        # page puts its Put Back button here, where it is never scrolled or cut off.
        self.heading_row = top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.closed_icon)
        top.addWidget(self.closed_badge)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.title_edit.textEdited.connect(self._on_edited)
        self.kind_combo.activated.connect(self._on_edited)
        self.witness_combo.activated.connect(self._on_edited)
        self.source_edit.textEdited.connect(self._on_edited)
        self.received_check.toggled.connect(self._on_received_toggled)
        self.received_edit.dateChanged.connect(self._on_edited)
        self.closed_check.toggled.connect(self._on_edited)
        self.summary_edit.textChanged.connect(self._on_edited)
        self.tor_list.itemChanged.connect(self._on_edited)
        self.show_entry(None)

    # Filling ---------------------------------------------------------------------------

    def set_choices(
        self, witnesses: Sequence[tuple[str, str]], tor: Sequence[tuple[str, str, int]]
    ) -> None:
        """The register's witnesses (key, name) and the terms of reference (key, label
        "1.2 text", depth) to choose from."""
        choices = (tuple(witnesses), tuple(tor))
        if choices == getattr(self, "_choices", None):
            return
        self._choices = choices
        self._filling = True
        try:
            self.witness_combo.clear()
            self.witness_combo.addItem(self.tr("(none)"), None)
            for key, name in witnesses:
                self.witness_combo.addItem(name, key)
            self.tor_list.clear()
            for key, label, depth in tor:
                item = QListWidgetItem("    " * depth + label)
                item.setData(KEY_ROLE, key)
                item.setToolTip(label)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Unchecked)
                self.tor_list.addItem(item)
        finally:
            self._filling = False
        self.show_entry(self.entry)

    @property
    def filling(self) -> bool:
        """True while the form fills itself from a record."""
        return self._filling

    def set_saved(self, entry: EvidenceEntry) -> None:
        """The record as saved now, with what the fields show: only the heading and the
        closed mark follow (the fields, and the clerk's cursor, stay)."""
        self.entry = entry
        self.heading.setText(
            self.tr("{number}. {title}").format(number=entry.number, title=entry.title)
        )
        self._mark_closed(entry.is_closed)
        self._show_problems()

    def show_entry(self, entry: EvidenceEntry | None) -> None:
        self.entry = entry
        self._filling = True
        try:
            self._fill(entry)
        finally:
            self._filling = False
        self._update_state()

    def _fill(self, entry: EvidenceEntry | None) -> None:
        if entry is None:
            self.heading.setText(self.tr("No evidence selected"))
            self._mark_closed(False)
            for edit in (self.title_edit, self.source_edit):
                edit.clear()
            self.summary_edit.clear()
            self.received_check.setChecked(False)
            self.closed_check.setChecked(False)
            self.file_label.setText("")
            for row in range(self.tor_list.count()):
                self.tor_list.item(row).setCheckState(Qt.CheckState.Unchecked)
            return
        self.heading.setText(
            self.tr("{number}. {title}").format(number=entry.number, title=entry.title)
        )
        self._mark_closed(entry.is_closed)
        self.title_edit.setText(entry.title)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(entry.kind.value))
        witness = entry.witness.key if entry.witness else None
        found = self.witness_combo.findData(witness)
        if found < 0 and entry.witness is not None:  # not in the list read: show it anyway
            self.witness_combo.addItem(entry.witness.label, entry.witness.key)
            found = self.witness_combo.count() - 1
        self.witness_combo.setCurrentIndex(max(found, 0))
        self.source_edit.setText(entry.source or "")
        self.received_check.setChecked(entry.received is not None)
        if entry.received is not None:
            r = entry.received
            self.received_edit.setDate(QDate(r.year, r.month, r.day))
        self.closed_check.setChecked(entry.is_closed)
        self.summary_edit.setPlainText(entry.summary or "")
        keys = {t.key for t in entry.tor}
        for row in range(self.tor_list.count()):
            item = self.tor_list.item(row)
            checked = item.data(KEY_ROLE) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if entry.file is None:
            self.file_label.setText(
                self.tr("No file attached. Drop a file here or choose Attach File.")
            )
        else:
            self.file_label.setText(
                self.tr("{name}\n{size}, {type}").format(
                    name=entry.file.name,
                    size=human_size(entry.file.size),
                    type=entry.file.media_type,
                )
            )

    def _mark_closed(self, closed: bool) -> None:
        self.closed_icon.setVisible(closed)
        self.closed_badge.setVisible(closed)
        self.setAutoFillBackground(closed)
        palette = self.palette()
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QApplication.palette()
        palette.setColor(
            QPalette.ColorRole.Window,
            closed_tint() if closed else base.color(QPalette.ColorRole.Window),
        )
        self.setPalette(palette)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_state()

    def _update_state(self) -> None:
        enabled = self.entry is not None
        editable = enabled and self._editable
        for widget in (
            self.kind_combo,
            self.witness_combo,
            self.received_check,
            self.closed_check,
            self.tor_list,
        ):
            widget.setEnabled(editable)
        self.received_edit.setEnabled(editable and self.received_check.isChecked())
        for edit in (self.title_edit, self.source_edit):
            edit.setEnabled(enabled)
            edit.setReadOnly(not editable)
        self.summary_edit.setEnabled(enabled)
        self.summary_edit.setReadOnly(not editable)
        self._show_problems()

    # What the clerk changed -------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        received: date | None = None
        if self.received_check.isChecked():
            received = self.received_edit.date().toPython()  # type: ignore[assignment]
        tor = [
            self.tor_list.item(row).data(KEY_ROLE)
            for row in range(self.tor_list.count())
            if self.tor_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        return {
            "title": self.title_edit.text().strip(),
            "kind": EvidenceKind(self.kind_combo.currentData()),
            "witness": self.witness_combo.currentData(),
            "source": self.source_edit.text().strip() or None,
            "received": received,
            "access": Access.CLOSED if self.closed_check.isChecked() else Access.OPEN,
            "summary": self.summary_edit.toPlainText().strip() or None,
            "tor": tor,
        }

    def changes(self) -> dict[str, Any]:
        entry = self.entry
        if entry is None:
            return {}
        now = self.values()
        was: dict[str, Any] = {
            "title": entry.title,
            "kind": entry.kind,
            "witness": entry.witness.key if entry.witness else None,
            "source": entry.source,
            "received": entry.received,
            "access": entry.access,
            "summary": entry.summary,
            "tor": [t.key for t in entry.tor],
        }
        if sorted(now["tor"]) == sorted(was["tor"]):
            del now["tor"]  # the same items: keep the stored order
        return {name: value for name, value in now.items() if value != was[name]}

    def problems(self) -> dict[str, str]:
        """Field -> what is wrong with it, in words (before anything is saved)."""
        if self.entry is None:
            return {}
        found = {
            "title": required_text_problem(self.title_edit.text(), self.tr("a title")),
            "source": optional_text_problem(self.source_edit.text()),
            "summary": optional_text_problem(self.summary_edit.toPlainText()),
        }
        return {name: why for name, why in found.items() if why}

    def show_problem(self, field: str, message: str) -> None:
        """A problem only the service found (a ValidationError naming the field)."""
        label = {"source": self.source_problem, "summary": self.summary_problem}
        label.get(field, self.title_problem).show_problem(message)

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def _show_problems(self) -> None:
        problems = self.problems()
        self.title_problem.show_problem(problems.get("title"))
        self.source_problem.show_problem(problems.get("source"))
        self.summary_problem.show_problem(problems.get("summary"))

    def _on_received_toggled(self, checked: bool) -> None:
        self.received_edit.setEnabled(self._editable and checked)
        if checked and not self._filling and self.entry is not None and not self.entry.received:
            self._filling = True  # a day to start from: today, not 1 January 2000
            try:
                self.received_edit.setDate(QDate.currentDate())
            finally:
                self._filling = False
        self._on_edited()

    def _on_edited(self, *_args: object) -> None:
        if self._filling:
            return
        self._show_problems()
        self.edited.emit()

    # Drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(path)

    def _dropped_path(self, event: Any) -> str | None:
        if self.entry is None or not self._editable:
            return None
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
