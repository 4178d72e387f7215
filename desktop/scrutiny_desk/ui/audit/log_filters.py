"""The review log's filters: what was done, by whom, to what kind of record, between
which days, and words in the record's name.

The first four go to the database as an ``AuditQuery`` (the log is read again when
one changes); the words filter the entries read, at once, because a record's name is
not in the trail (it is the record's present label). The people and kinds offered are
those the review's trail holds, read with the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...domain.audit_records import AuditAction, AuditQuery
from ..shared.date_field import DateField
from .trail_words import action_words

#: The earliest day a date filter may hold: it stands for "any day".
NO_DAY = QDate(2000, 1, 1)


def _day(field: DateField) -> date | None:
    if field.is_blank():
        return None
    day = field.date()
    return date(day.year(), day.month(), day.day())


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in this computer's local time, as a UTC time."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class LogFilters(QWidget):
    #: a filter the database applies changed: read the log again
    changed = Signal()
    #: the words typed changed: filter the entries read
    words_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogFilters")
        self.action_combo = self._combo(self.tr("Action"), self.tr("Any action"))
        for action, words in action_words().items():
            self.action_combo.addItem(words, action)
        self.person_combo = self._combo(self.tr("Person"), self.tr("Anyone"))
        self.kind_combo = self._combo(self.tr("Kind of record"), self.tr("Any record"))
        self.since_edit = self._day_field(self.tr("From"))
        self.until_edit = self._day_field(self.tr("Until"))
        self.words_edit = QLineEdit()
        self.words_edit.setObjectName("auditLogWords")
        self.words_edit.setClearButtonEnabled(True)
        self.words_edit.setPlaceholderText(self.tr("Record's name contains…"))
        self.words_edit.setAccessibleName(self.tr("Show entries whose record's name contains"))
        self.words_edit.textChanged.connect(self.words_changed)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (self.tr("&Action:"), self.action_combo),
            (self.tr("&Person:"), self.person_combo),
            (self.tr("&Kind:"), self.kind_combo),
            (self.tr("Fr&om:"), self.since_edit),
            (self.tr("&Until:"), self.until_edit),
            (self.tr("&Name:"), self.words_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1 if field is self.words_edit else 0)

    def _combo(self, name: str, anything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(anything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def _day_field(self, name: str) -> DateField:
        field = DateField(no_date=NO_DAY, no_date_text=self.tr("Any day"))
        field.setAccessibleName(name)
        field.setDate(NO_DAY)
        field.dateChanged.connect(lambda _d: self.changed.emit())
        return field

    # What is asked for ----------------------------------------------------------------

    def query(self, review_id: int, limit: int) -> AuditQuery:
        since, until = _day(self.since_edit), _day(self.until_edit)
        action = self.action_combo.currentData()
        return AuditQuery(
            review_id=review_id,
            action=AuditAction(action) if action is not None else None,
            actor=self.person_combo.currentData(),
            record_kind=self.kind_combo.currentData(),
            since=None if since is None else local_midnight(since),
            until=None if until is None else local_midnight(until + timedelta(days=1)),
            limit=limit,
        )

    def words(self) -> str:
        return self.words_edit.text()

    def is_filtered(self) -> bool:
        combos = (self.action_combo, self.person_combo, self.kind_combo)
        days = (self.since_edit, self.until_edit)
        return (
            any(c.currentIndex() > 0 for c in combos)
            or not all(d.is_blank() for d in days)
            or bool(self.words().strip())
        )

    def set_choices(self, people: Iterable[str], kinds: Iterable[tuple[str, str]]) -> None:
        """The people and kinds of record (table, words) the review's trail holds; the
        one chosen stays chosen, and stays offered even when no longer there."""
        self._refill(self.person_combo, [(p, p) for p in people])
        self._refill(self.kind_combo, [(words, kind) for kind, words in kinds])

    def choose(self, combo: QComboBox, data: object) -> bool:
        row = combo.findData(data)
        if row >= 0:
            combo.setCurrentIndex(row)
        return row >= 0

    @staticmethod
    def _refill(combo: QComboBox, choices: list[tuple[str, object]]) -> None:
        chosen, chosen_text = combo.currentData(), combo.currentText()
        if chosen is not None and all(data != chosen for _t, data in choices):
            choices.append((chosen_text, chosen))
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in choices:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        finally:
            combo.blockSignals(False)
