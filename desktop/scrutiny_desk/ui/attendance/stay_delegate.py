"""The cell editor of an arrival or a departure: the meeting's items in the order of
business, with "From the start" or "To the end"; choosing one applies it at once.

Only what makes sense is offered: no departure before the item the member arrived at,
no arrival after the item they left after (the services refuse both)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from ..shared.cell_editors import ChoiceDelegate
from .attendance_model import AttendanceColumn, AttendanceModel, Index
from .stay_choices import arrival_choices, departure_choices


class StayDelegate(ChoiceDelegate):
    def __init__(
        self, model: AttendanceModel, column: AttendanceColumn, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._column = column
        self._row = -1  # of the cell being edited

    def name(self) -> str:
        if self._column == AttendanceColumn.ARRIVED:
            return self.tr("Arrived at")
        return self.tr("Left after")

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self._row = index.row()
        return super().createEditor(parent, option, index)

    def choices(self, combo: QComboBox) -> list[tuple[str, object]]:
        items = self._model.items()
        keys = [key for _label, key in items]
        record = self._model.record(self._row) if 0 <= self._row < self._model.rowCount() else None
        if self._column == AttendanceColumn.ARRIVED:
            if record is not None and record.left in keys:
                items = items[: keys.index(record.left) + 1]
            return list(arrival_choices(items))
        if record is not None and record.arrived in keys:
            items = items[keys.index(record.arrived) :]
        return list(departure_choices(items))
