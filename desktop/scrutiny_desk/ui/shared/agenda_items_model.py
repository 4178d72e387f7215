"""The agenda of one meeting as the clerk edits it, and the same items beside the minutes.

``AgendaEditModel`` holds ``ItemRecord`` rows in agenda order (the order the clerk
arranges; the printed number is shown beside it). Title, kind and the slot's start and
end are edited in place; drag and drop moves a row. The model saves nothing itself: it
asks with ``edit_requested`` and ``move_requested`` and the Agenda tab makes each
change one undo step, then hands the fresh rows back.

Closed business never passes for public business: "Closed" in bold with a lock, the
warm tint across the row, and the reason, exemption and public title in every tooltip.
An open item whose witness asked to be heard in private carries a warning sign.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.enums import ItemKind
from .display import (
    READ_ONLY,
    IdRole,
    SortRole,
    bold_font,
    closed_tint,
    lock_icon,
    sort_key_time,
)
from .multi_data import RoleData, fill_roles

if TYPE_CHECKING:
    from ...domain.agenda_records import ItemRecord
    from ...domain.records import NamedRef

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: What a dragged agenda row carries: its key, as UTF-8.
ITEM_MIME = "application/x-scrutiny-desk-agenda-item"


class ItemKindLabels(QObject):
    """The words for each kind of item."""

    def label(self, kind: ItemKind) -> str:
        return {
            ItemKind.PROCEDURAL: self.tr("Procedural"),
            ItemKind.EVIDENCE: self.tr("Evidence"),
            ItemKind.REPORT: self.tr("Report"),
            ItemKind.OTHER: self.tr("Other"),
        }[kind]

    def items(self) -> list[tuple[str, ItemKind]]:
        return [(self.label(kind), kind) for kind in ItemKind]


class AgendaEditColumn(IntEnum):
    NUMBER = 0
    ACCESS = 1
    TITLE = 2
    KIND = 3
    START = 4
    END = 5
    WITNESSES = 6
    TERMS = 7


_EDITABLE = {
    AgendaEditColumn.TITLE: "title",
    AgendaEditColumn.KIND: "kind",
    AgendaEditColumn.START: "start",
    AgendaEditColumn.END: "end",
}
# Qt asks for flags and cells thousands of times as a table paints and sizes itself:
# the columns by number and the flags are worked out once (a Python enum made from a
# number, or two flags or-ed together, costs microseconds each time).
_EDIT_COLUMNS = tuple(AgendaEditColumn)
_DRAGGABLE = READ_ONLY | Qt.ItemFlag.ItemIsDragEnabled
_DRAGGABLE_EDITABLE = _DRAGGABLE | Qt.ItemFlag.ItemIsEditable


def closed_notes(item: ItemRecord) -> list[str]:
    """What a tooltip says of a closed item: that it is closed, why, and what is printed."""
    tr = QApplication.translate
    notes = [tr("AgendaEditModel", "CLOSED: taken in private, not open to the public")]
    if item.exemption:
        notes.append(
            tr("AgendaEditModel", "Exemption: {exemption}").format(exemption=item.exemption)
        )
    if item.closed_reason:
        notes.append(tr("AgendaEditModel", "Reason: {reason}").format(reason=item.closed_reason))
    notes.append(
        tr("AgendaEditModel", "Public papers show: {title}").format(title=item.printed_public_title)
    )
    return notes


def tor_number(ref: NamedRef) -> str:
    """The number of a term of reference ("3.4") from its label ("3.4 Text")."""
    return ref.label.split(" ", 1)[0]


class AgendaEditModel(QAbstractTableModel):
    """Holds ``ItemRecord`` rows in agenda order; ``set_rows`` replaces them."""

    #: The clerk changed a cell: (item, field, value). Fields: "title" (str), "kind"
    #: (ItemKind), "start" and "end" (datetime on the meeting's day).
    edit_requested = Signal(object, str, object)
    #: The clerk dropped an item at a new place: (item, new position).
    move_requested = Signal(object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRecord] = []
        self._kinds = ItemKindLabels(self)
        self._day: date | None = None
        self.editable = True

    # Records ----------------------------------------------------------------------

    def set_rows(self, records: Iterable[ItemRecord], day: date | None = None) -> None:
        """The items in agenda order; ``day`` is the meeting's, for the slot editors."""
        self.beginResetModel()
        self._rows = sorted(records, key=lambda r: r.position)
        self._day = day
        self.endResetModel()

    def record(self, row: int) -> ItemRecord:
        return self._rows[row]

    def records(self) -> list[ItemRecord]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.key == key), None)

    def kind_label(self, kind: ItemKind) -> str:
        return self._kinds.label(kind)

    def kind_choices(self) -> list[tuple[str, ItemKind]]:
        return self._kinds.items()

    # Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AgendaEditColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never on one.
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return READ_ONLY
        return _DRAGGABLE_EDITABLE if index.column() in _EDITABLE else _DRAGGABLE

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AgendaEditColumn):
            return None
        column = AgendaEditColumn(section)
        if role == Role.DisplayRole:
            return {
                AgendaEditColumn.NUMBER: self.tr("No."),
                AgendaEditColumn.ACCESS: self.tr("Access"),
                AgendaEditColumn.TITLE: self.tr("Item"),
                AgendaEditColumn.KIND: self.tr("Kind"),
                AgendaEditColumn.START: self.tr("Starts"),
                AgendaEditColumn.END: self.tr("Ends"),
                AgendaEditColumn.WITNESSES: self.tr("Witnesses"),
                AgendaEditColumn.TERMS: self.tr("Terms of ref."),
            }[column]
        if role == Role.ToolTipRole:
            return {
                AgendaEditColumn.NUMBER: self.tr(
                    "The number printed on papers: open items first, then closed ones"
                ),
                AgendaEditColumn.ACCESS: self.tr(
                    "Open items are taken in public; closed items are taken in private and "
                    "are not published"
                ),
                AgendaEditColumn.TITLE: self.tr("Press F2 or double-click to change the title"),
                AgendaEditColumn.KIND: self.tr("Press F2 or double-click to change the kind"),
                AgendaEditColumn.START: self.tr("When the item's slot starts (F2 to change)"),
                AgendaEditColumn.END: self.tr("When the item's slot ends (F2 to change)"),
                AgendaEditColumn.WITNESSES: self.tr("Who gives evidence under the item"),
                AgendaEditColumn.TERMS: self.tr(
                    "The terms of reference the item addresses, by number"
                ),
            }[column]
        if role == Role.TextAlignmentRole and column in (
            AgendaEditColumn.NUMBER,
            AgendaEditColumn.START,
            AgendaEditColumn.END,
        ):
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = _EDIT_COLUMNS[index.column()]
        if role == Role.DisplayRole:
            return self._display(item, column)
        if role == Role.EditRole:
            return self._edit_value(item, column)
        if role == Role.ToolTipRole:
            return self._tooltip(item, column)
        if role == Role.AccessibleTextRole:
            return self._spoken(item, column)
        if role == IdRole:
            return item.id
        if role == SortRole:
            return self._sort_value(item, column)
        if role == Role.TextAlignmentRole and column in (
            AgendaEditColumn.NUMBER,
            AgendaEditColumn.START,
            AgendaEditColumn.END,
        ):
            return _RIGHT
        if item.is_closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == AgendaEditColumn.ACCESS:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        elif (
            item.needs_privacy and column == AgendaEditColumn.ACCESS and role == Role.DecorationRole
        ):
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def multiData(self, index: Index, roleDataSpan: RoleData) -> None:
        fill_roles(self.data, index, roleDataSpan)  # one call per cell painted, not seven

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """A change typed in the table is asked for, not stored: the tab saves it."""
        if (
            not self.editable
            or role != Role.EditRole
            or not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or index.column() not in _EDITABLE
        ):
            return False
        item = self._rows[index.row()]
        column = AgendaEditColumn(index.column())
        field = _EDITABLE[column]
        wanted: Any
        if column == AgendaEditColumn.TITLE:
            wanted = str(value).strip()
            if not wanted or wanted == item.title:
                return False
        elif column == AgendaEditColumn.KIND:
            try:
                wanted = ItemKind(value)
            except ValueError:
                return False
            if wanted is item.kind:
                return False
        else:
            wanted = self._moment(value)
            if wanted is None or wanted == getattr(item, field):
                return False
        self.edit_requested.emit(item, field, wanted)
        return True

    # Drag and drop ------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ITEM_MIME, QByteArray(self._rows[rows[0]].key.encode("utf-8")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return (
            self.editable
            and action == Qt.DropAction.MoveAction
            and data.hasFormat(ITEM_MIME)
            and self._dropped_row(data) is not None
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the move; return False so that the view removes nothing itself (the
        tab saves the move and hands back the rows in their new order)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = self._dropped_row(data)
        assert source is not None
        before = parent.row() if parent.isValid() else row
        if before < 0 or before > len(self._rows):
            before = len(self._rows)
        position = before - 1 if before > source else before
        if position != source:
            self.move_requested.emit(self._rows[source], position)
        return False

    def _dropped_row(self, data: QMimeData) -> int | None:
        key = bytes(data.data(ITEM_MIME).data()).decode("utf-8", errors="replace")
        return self.row_of_key(key) if key else None

    # Cells ------------------------------------------------------------------------------

    def _moment(self, value: Any) -> datetime | None:
        """A time from the editor, on the meeting's day."""
        if self._day is None:
            return None
        if isinstance(value, QTime):
            if not value.isValid():
                return None
            value = time(value.hour(), value.minute())
        if isinstance(value, datetime):
            return value
        if isinstance(value, time):
            return datetime.combine(self._day, value.replace(second=0, microsecond=0))
        return None

    def _edit_value(self, item: ItemRecord, column: AgendaEditColumn) -> Any:
        match column:
            case AgendaEditColumn.TITLE:
                return item.title
            case AgendaEditColumn.KIND:
                return item.kind.value
            case AgendaEditColumn.START if item.start is not None:
                return QTime(item.start.hour, item.start.minute)
            case AgendaEditColumn.END if item.end is not None:
                return QTime(item.end.hour, item.end.minute)
            case _:
                return self._display(item, column)

    def _display(self, item: ItemRecord, column: AgendaEditColumn) -> str:
        match column:
            case AgendaEditColumn.NUMBER:
                return str(item.number)
            case AgendaEditColumn.ACCESS:
                return self.tr("Closed") if item.is_closed else self.tr("Open")
            case AgendaEditColumn.TITLE:
                return item.title
            case AgendaEditColumn.KIND:
                return self.kind_label(item.kind)
            case AgendaEditColumn.START:
                return self._clock(item.start)
            case AgendaEditColumn.END:
                return self._clock(item.end)
            case AgendaEditColumn.WITNESSES:
                return "; ".join(w.label for w in item.witnesses)
            case AgendaEditColumn.TERMS:
                return ", ".join(tor_number(t) for t in item.tor)

    def _clock(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        if self._day is not None and moment.date() != self._day:
            return moment.strftime("%d/%m %H:%M")
        return moment.strftime("%H:%M")

    def _tooltip(self, item: ItemRecord, column: AgendaEditColumn) -> str | None:
        lines: list[str] = []
        match column:
            case AgendaEditColumn.TITLE:
                lines.append(item.title)
            case AgendaEditColumn.WITNESSES:
                lines.extend(w.label for w in item.witnesses)
                if not lines:
                    lines.append(self.tr("No witnesses yet: choose them with Witnesses & ToR…"))
            case AgendaEditColumn.TERMS:
                lines.extend(t.label for t in item.tor)
            case AgendaEditColumn.ACCESS if not item.is_closed:
                lines.append(self.tr("Open to the public"))
                if item.needs_privacy:
                    lines.append(self._privacy_note(item))
            case _:
                pass
        if item.is_closed:
            if lines:
                lines.append("")
            lines.extend(closed_notes(item))
        return "\n".join(lines) or None

    def _privacy_note(self, item: ItemRecord) -> str:
        names = [w.label for w in item.witnesses if w.key in item.private_witnesses]
        return self.tr(
            "Warning: {names} asked to give evidence in private, but the item is open. "
            "Close it to take it in private."
        ).format(names="; ".join(names))

    def _spoken(self, item: ItemRecord, column: AgendaEditColumn) -> str:
        match column:
            case AgendaEditColumn.NUMBER:
                return self.tr("Item {number}").format(number=item.number)
            case AgendaEditColumn.ACCESS if item.is_closed:
                return self.tr("Closed to the public")
            case AgendaEditColumn.ACCESS if item.needs_privacy:
                return self.tr("Open to the public; a witness asked to be heard in private")
            case AgendaEditColumn.ACCESS:
                return self.tr("Open to the public")
            case AgendaEditColumn.TITLE if item.is_closed:
                return self.tr("{title}, closed item").format(title=item.title)
            case AgendaEditColumn.START | AgendaEditColumn.END if not item.has_slot:
                return self.tr("No time set")
            case AgendaEditColumn.WITNESSES if not item.witnesses:
                return self.tr("No witnesses")
            case AgendaEditColumn.TERMS if not item.tor:
                return self.tr("No terms of reference")
            case _:
                return self._display(item, column)

    def _sort_value(self, item: ItemRecord, column: AgendaEditColumn) -> Any:
        match column:
            case AgendaEditColumn.NUMBER:
                return item.number
            case AgendaEditColumn.ACCESS:
                return int(item.is_closed)
            case AgendaEditColumn.START:
                return sort_key_time(item.start)
            case AgendaEditColumn.END:
                return sort_key_time(item.end)
            case _:
                return self._display(item, column).casefold()


class MinuteColumn(IntEnum):
    NUMBER = 0
    TITLE = 1
    MINUTE = 2


class MinuteItemsModel(QAbstractTableModel):
    """The items beside the minutes editor, in printed order (the minutes' numbering),
    each saying whether its minute is written."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRecord] = []

    def set_rows(self, records: Iterable[ItemRecord]) -> None:
        self.beginResetModel()
        self._rows = sorted(records, key=lambda r: r.number)
        self.endResetModel()

    def record(self, row: int) -> ItemRecord:
        return self._rows[row]

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.key == key), None)

    def written_count(self) -> int:
        return sum(1 for r in self._rows if (r.minute or "").strip())

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(MinuteColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MinuteColumn):
            return None
        if role == Role.DisplayRole:
            return {
                MinuteColumn.NUMBER: self.tr("No."),
                MinuteColumn.TITLE: self.tr("Item"),
                MinuteColumn.MINUTE: self.tr("Minute"),
            }[MinuteColumn(section)]
        if role == Role.TextAlignmentRole and section == MinuteColumn.NUMBER:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = MinuteColumn(index.column())
        written = bool((item.minute or "").strip())
        if role == Role.DisplayRole:
            match column:
                case MinuteColumn.NUMBER:
                    return str(item.number)
                case MinuteColumn.TITLE:
                    return item.title
                case MinuteColumn.MINUTE:
                    if written:
                        return self.tr("Written")
                    # a standard item with no minute of its own prints the record's words
                    return self.tr("From the record") if item.standard else self.tr("Not yet")
        if role == Role.ToolTipRole:
            lines = [item.title]
            if item.is_closed:
                lines += ["", *closed_notes(item)]
            return "\n".join(lines)
        if role == Role.AccessibleTextRole:
            match column:
                case MinuteColumn.NUMBER:
                    return self.tr("Item {number}").format(number=item.number)
                case MinuteColumn.TITLE if item.is_closed:
                    return self.tr("{title}, closed item").format(title=item.title)
                case MinuteColumn.MINUTE:
                    if written:
                        return self.tr("Minute written")
                    return (
                        self.tr("Minute worded from the record")
                        if item.standard
                        else self.tr("No minute yet")
                    )
                case _:
                    return item.title
        if role == IdRole:
            return item.id
        if role == SortRole:
            return item.number
        if role == Role.TextAlignmentRole and column == MinuteColumn.NUMBER:
            return _RIGHT
        if role == Role.FontRole and column == MinuteColumn.MINUTE and not written:
            font = QFont(QGuiApplication.font())
            font.setItalic(True)
            return font
        if item.is_closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if role == Role.DecorationRole and column == MinuteColumn.TITLE:
                return lock_icon()
        return None


__all__ = [
    "ITEM_MIME",
    "AgendaEditColumn",
    "AgendaEditModel",
    "ItemKindLabels",
    "MinuteColumn",
    "MinuteItemsModel",
    "closed_notes",
]
