"""The reports of the selected agenda item, as a table: title, where it comes from
("recommendations.pdf (1.2 MB)" or "Evidence: …") and whether it is late (printed in
the supplementary pack). Editing a title asks for a rename (``rename_requested``); the
pane makes it an undo step, and the model shows it once the agenda is read again."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.report_records import ReportEntry

Index = QModelIndex | QPersistentModelIndex


class ReportColumn(IntEnum):
    TITLE = 0
    SOURCE = 1
    LATE = 2


class ReportsModel(QAbstractTableModel):
    #: (report, new title) typed in the title cell
    rename_requested = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportEntry] = []
        self.editable = True
        self._headers = {
            ReportColumn.TITLE: self.tr("Report"),
            ReportColumn.SOURCE: self.tr("Source"),
            ReportColumn.LATE: self.tr("Pack"),
        }

    def set_rows(self, rows: Sequence[ReportEntry]) -> None:
        if list(rows) == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ReportEntry]:
        return list(self._rows)

    def entry(self, row: int) -> ReportEntry:
        return self._rows[row]

    def row_of_key(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.key == key), None)

    # QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ReportColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(ReportColumn):
                return self._headers[ReportColumn(section)]
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() == ReportColumn.TITLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = ReportColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column is ReportColumn.TITLE:
                return entry.title
            if column is ReportColumn.SOURCE:
                return entry.source
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Late (supplementary)") if entry.late else self.tr("Main")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is ReportColumn.LATE:
                return (
                    self.tr(
                        "Not ready when the agenda was published: printed in the "
                        "supplementary pack, whose pages follow on from the main pack's"
                    )
                    if entry.late
                    else self.tr("Printed in the agenda pack after the agenda")
                )
            return entry.title if column is ReportColumn.TITLE else entry.source
        if role == Qt.ItemDataRole.AccessibleTextRole:
            late = self.tr(", late") if entry.late else ""
            return self.tr("{title}, {source}{late}").format(
                title=entry.title, source=entry.source, late=late
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() != ReportColumn.TITLE
            or not self.editable
            or not isinstance(value, str)
        ):
            return False
        entry = self._rows[index.row()]
        title = value.strip()
        if title and title != entry.title:
            self.rename_requested.emit(entry, title)
        return False  # shown once the rename is saved and the agenda read again
