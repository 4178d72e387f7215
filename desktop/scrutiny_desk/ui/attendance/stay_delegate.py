"""The cell editor of an arrival or a departure: the meeting's items in the order of
business, with "From the start" or "To the end"; choosing one applies it at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ..shared.cell_editors import ChoiceDelegate
from .attendance_model import AttendanceColumn, AttendanceModel
from .stay_choices import arrival_choices, departure_choices


class StayDelegate(ChoiceDelegate):
    def __init__(
        self, model: AttendanceModel, column: AttendanceColumn, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._column = column

    def name(self) -> str:
        if self._column == AttendanceColumn.ARRIVED:
            return self.tr("Arrived at")
        return self.tr("Left after")

    def choices(self, combo: QComboBox) -> list[tuple[str, object]]:
        items = self._model.items()
        if self._column == AttendanceColumn.ARRIVED:
            return list(arrival_choices(items))
        return list(departure_choices(items))
