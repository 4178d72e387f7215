"""The agenda of one meeting, in printed order, for the read-only agenda table.

Closed business (exempt information, taken in private) must never pass for public
business: its row carries a "Closed" badge with a lock, a warm tint across the whole
row, and its exemption, reason and public wording in every cell's tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication

from ..shared.display import IdRole, SortRole, closed_tint, lock_icon, sort_key_time, time_range

if TYPE_CHECKING:
    from ...domain.records import AgendaEntry, NamedRef

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AgendaColumn(IntEnum):
    NUMBER = 0
    ACCESS = 1
    TIME = 2
    TITLE = 3
    WITNESSES = 4
    TERMS = 5


class AgendaModel(QAbstractTableModel):
    """Holds ``AgendaEntry`` records in printed order; ``set_rows`` replaces them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaEntry] = []

    # Records ------------------------------------------------------------------

    def set_rows(self, records: Iterable[AgendaEntry]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> AgendaEntry:
        return self._rows[row]

    def closed_count(self) -> int:
        return sum(1 for entry in self._rows if entry.is_closed)

    # Qt model interface -------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AgendaColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AgendaColumn):
            return None
        column = AgendaColumn(section)
        if role == Role.DisplayRole:
            return self._header(column)
        if role == Role.ToolTipRole:
            return self._header_tip(column)
        if role == Role.TextAlignmentRole:
            if column in (AgendaColumn.NUMBER, AgendaColumn.TIME):
                return _RIGHT
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = AgendaColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(entry, column)
        if role == Role.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Role.AccessibleTextRole:
            return self._spoken(entry, column)
        if role == IdRole:
            return entry.id
        if role == SortRole:
            return self._sort_value(entry, column)
        if role == Role.TextAlignmentRole and column in (AgendaColumn.NUMBER, AgendaColumn.TIME):
            return _RIGHT
        if entry.is_closed:
            return self._closed_style(column, role)
        return None

    # Cells ----------------------------------------------------------------------

    def _header(self, column: AgendaColumn) -> str:
        return {
            AgendaColumn.NUMBER: self.tr("No."),
            AgendaColumn.ACCESS: self.tr("Access"),
            AgendaColumn.TIME: self.tr("Time"),
            AgendaColumn.TITLE: self.tr("Item"),
            AgendaColumn.WITNESSES: self.tr("Witnesses"),
            AgendaColumn.TERMS: self.tr("Terms of reference"),
        }[column]

    def _header_tip(self, column: AgendaColumn) -> str | None:
        if column == AgendaColumn.ACCESS:
            return self.tr(
                "Open items are taken in public; closed items are taken in "
                "private and are not published"
            )
        if column == AgendaColumn.TERMS:
            return self.tr("The terms of reference the item addresses, by number")
        return None

    def _display(self, entry: AgendaEntry, column: AgendaColumn) -> str:
        match column:
            case AgendaColumn.NUMBER:
                return str(entry.number)
            case AgendaColumn.ACCESS:
                return self.tr("Closed") if entry.is_closed else self.tr("Open")
            case AgendaColumn.TIME:
                return time_range(entry.start, entry.end)
            case AgendaColumn.TITLE:
                return entry.title
            case AgendaColumn.WITNESSES:
                return "; ".join(w.label for w in entry.witnesses)
            case AgendaColumn.TERMS:
                return ", ".join(_tor_number(t) for t in entry.tor)

    def _tooltip(self, entry: AgendaEntry, column: AgendaColumn) -> str | None:
        lines: list[str] = []
        match column:
            case AgendaColumn.TITLE:
                lines.append(entry.title)
            case AgendaColumn.WITNESSES:
                lines.extend(w.label for w in entry.witnesses)
            case AgendaColumn.TERMS:
                lines.extend(t.label for t in entry.tor)
            case AgendaColumn.ACCESS if not entry.is_closed:
                lines.append(self.tr("Open to the public"))
            case _:
                pass
        if entry.is_closed:
            if lines:
                lines.append("")
            lines.extend(self._closed_notes(entry))
        return "\n".join(lines) or None

    def _closed_notes(self, entry: AgendaEntry) -> list[str]:
        notes = [self.tr("CLOSED: taken in private, not open to the public")]
        if entry.exemption:
            notes.append(self.tr("Exemption: {exemption}").format(exemption=entry.exemption))
        if entry.closed_reason:
            notes.append(self.tr("Reason: {reason}").format(reason=entry.closed_reason))
        if entry.public_title:
            notes.append(
                self.tr("Published agenda shows: {title}").format(title=entry.public_title)
            )
        return notes

    def _spoken(self, entry: AgendaEntry, column: AgendaColumn) -> str:
        text = self._display(entry, column)
        match column:
            case AgendaColumn.NUMBER:
                text = self.tr("Item {number}").format(number=entry.number)
            case AgendaColumn.ACCESS:
                text = (
                    self.tr("Closed to the public")
                    if entry.is_closed
                    else self.tr("Open to the public")
                )
            case AgendaColumn.TITLE if entry.is_closed:
                text = self.tr("{title}, closed item").format(title=entry.title)
            case AgendaColumn.WITNESSES if not entry.witnesses:
                text = self.tr("No witnesses")
            case AgendaColumn.TERMS if not entry.tor:
                text = self.tr("No terms of reference")
            case AgendaColumn.TIME if entry.start is None:
                text = self.tr("No time set")
            case _:
                pass
        return text

    def _sort_value(self, entry: AgendaEntry, column: AgendaColumn) -> Any:
        match column:
            case AgendaColumn.NUMBER:
                return entry.number
            case AgendaColumn.ACCESS:
                return int(entry.is_closed)
            case AgendaColumn.TIME:
                return sort_key_time(entry.start)
            case _:
                return self._display(entry, column).casefold()

    def _closed_style(self, column: AgendaColumn, role: int) -> Any:
        if role == Role.BackgroundRole:
            return closed_tint()
        if role == Role.FontRole and column == AgendaColumn.ACCESS:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == Role.DecorationRole and column == AgendaColumn.ACCESS:
            return lock_icon()
        return None


def _tor_number(ref: NamedRef) -> str:
    """The printed number of a term of reference ("3.4") from its label ("3.4 Text")."""
    return ref.label.split(" ", 1)[0]
