"""Who attended one meeting: one row per panel member, one column per answer.

Present, Apologies and Absent are three columns of which at most one is ticked, like
radio buttons (``RadioDelegate`` draws and toggles them). The model saves nothing: a
click asks with ``attendance_requested`` and the Attendance tab makes it one undo step.
Choosing the ticked answer again clears it (nothing recorded).

A member present also has an arrival and a departure: the item they arrived at ("From
the start" when none) and the item they left after ("To the end"), chosen in the cell
(``stay_requested``); a member not present has neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
)

from ...domain.agenda_records import AttendanceRecord
from ...domain.enums import AttendanceStatus, MemberRole
from ..shared.display import READ_ONLY, IdRole, SortRole
from .stay_choices import Choice, from_the_start, item_key, to_the_end

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


class AttendanceColumn(IntEnum):
    MEMBER = 0
    ROLE = 1
    PRESENT = 2
    APOLOGIES = 3
    ABSENT = 4
    ARRIVED = 5
    LEFT = 6


STAY_COLUMNS = (AttendanceColumn.ARRIVED, AttendanceColumn.LEFT)


STATUS_COLUMNS = {
    AttendanceColumn.PRESENT: AttendanceStatus.PRESENT,
    AttendanceColumn.APOLOGIES: AttendanceStatus.APOLOGIES,
    AttendanceColumn.ABSENT: AttendanceStatus.ABSENT,
}


class AttendanceLabels(QObject):
    def status(self, status: AttendanceStatus | None) -> str:
        if status is None:
            return self.tr("Not recorded")
        return {
            AttendanceStatus.PRESENT: self.tr("Present"),
            AttendanceStatus.APOLOGIES: self.tr("Apologies"),
            AttendanceStatus.ABSENT: self.tr("Absent"),
        }[status]

    def role(self, role: MemberRole) -> str:
        return {
            MemberRole.CHAIR: self.tr("Chair"),
            MemberRole.VICE_CHAIR: self.tr("Vice-chair"),
            MemberRole.MEMBER: self.tr("Member"),
        }[role]


def _check_state(value: Any) -> Qt.CheckState | None:
    if isinstance(value, Qt.CheckState):
        return value
    try:
        return Qt.CheckState(int(value))
    except (TypeError, ValueError):
        return None


class AttendanceModel(QAbstractTableModel):
    """Holds ``AttendanceRecord`` rows in panel order."""

    #: The clerk chose an answer for a member: (record, status or None to clear).
    attendance_requested = Signal(object, object)
    #: The clerk chose when a member present arrived or left: (record, arrived, left),
    #: item keys or None.
    stay_requested = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendanceRecord] = []
        self._items: list[Choice] = []  # the meeting's items in the order of business
        self.labels = AttendanceLabels(self)
        self.editable = True

    def set_rows(self, records: Iterable[AttendanceRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def set_items(self, items: Iterable[Choice]) -> None:
        """The meeting's items in the order of business, (label, key): what an arrival
        or a departure names."""
        self._items = list(items)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, AttendanceColumn.ARRIVED),
                self.index(len(self._rows) - 1, AttendanceColumn.LEFT),
            )

    def items(self) -> list[Choice]:
        return list(self._items)

    def stay_text(self, record: AttendanceRecord, column: AttendanceColumn) -> str:
        """ "From the start", "To the end" or the item; nothing for a member not present."""
        if record.status is not AttendanceStatus.PRESENT:
            return ""
        key = record.arrived if column == AttendanceColumn.ARRIVED else record.left
        if key is None:
            return from_the_start() if column == AttendanceColumn.ARRIVED else to_the_end()
        return next((label for label, k in self._items if k == key), key)

    def record(self, row: int) -> AttendanceRecord:
        return self._rows[row]

    def records(self) -> list[AttendanceRecord]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.member_key == key), None)

    def counts(self) -> dict[AttendanceStatus | None, int]:
        counts: dict[AttendanceStatus | None, int] = {s: 0 for s in AttendanceStatus}
        counts[None] = 0
        for record in self._rows:
            counts[record.status] += 1
        return counts

    def summary(self) -> str:
        """``5 present, 2 apologies`` (absent and not recorded only when there are any).

        Only "apology" changes with its number; this local choice stands until the
        domain words module says plurals for every page."""
        counts = self.counts()
        if not self._rows:
            return self.tr("The panel has no members.")
        apologies = counts[AttendanceStatus.APOLOGIES]
        parts = [
            self.tr("{n} present").format(n=counts[AttendanceStatus.PRESENT]),
            (self.tr("{n} apology") if apologies == 1 else self.tr("{n} apologies")).format(
                n=apologies
            ),
        ]
        if counts[AttendanceStatus.ABSENT]:
            parts.append(self.tr("{n} absent").format(n=counts[AttendanceStatus.ABSENT]))
        if counts[None]:
            parts.append(self.tr("{n} not recorded").format(n=counts[None]))
        return ", ".join(parts)

    # Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AttendanceColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.editable and index.column() in STATUS_COLUMNS:
            return READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
        if (
            self.editable
            and index.column() in STAY_COLUMNS
            and self._items
            and 0 <= index.row() < len(self._rows)
            and self._rows[index.row()].status is AttendanceStatus.PRESENT
        ):
            return READ_ONLY | Qt.ItemFlag.ItemIsEditable
        return READ_ONLY

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AttendanceColumn):
            return None
        column = AttendanceColumn(section)
        if role == Role.DisplayRole:
            if column in STATUS_COLUMNS:
                return self.labels.status(STATUS_COLUMNS[column])
            return {
                AttendanceColumn.MEMBER: self.tr("Member"),
                AttendanceColumn.ROLE: self.tr("Role"),
                AttendanceColumn.ARRIVED: self.tr("Arrived at"),
                AttendanceColumn.LEFT: self.tr("Left after"),
            }[column]
        if role == Role.ToolTipRole and column in STATUS_COLUMNS:
            return self.tr("Click, or press Space, to choose; again to clear")
        if role == Role.ToolTipRole and column in STAY_COLUMNS:
            return self.tr("For a member present: double-click, or press F2, to choose the item")
        if role == Role.TextAlignmentRole and column in STATUS_COLUMNS:
            return _CENTRE
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = AttendanceColumn(index.column())
        status = STATUS_COLUMNS.get(column)
        if role == Role.DisplayRole:
            if column == AttendanceColumn.MEMBER:
                return record.member_name
            if column == AttendanceColumn.ROLE:
                return self.labels.role(record.member_role)
            if column in STAY_COLUMNS:
                return self.stay_text(record, column)
            return None
        if role == Role.EditRole and column in STAY_COLUMNS:
            return (record.arrived if column == AttendanceColumn.ARRIVED else record.left) or ""
        if role == Role.CheckStateRole and status is not None:
            return Qt.CheckState.Checked if record.status is status else Qt.CheckState.Unchecked
        if role == Role.ToolTipRole and column in STAY_COLUMNS and self.stay_text(record, column):
            # The whole item, however narrow the column.
            label = self.headerData(column, Qt.Orientation.Horizontal)
            return self.tr("{name}: {label} {stay}").format(
                name=record.member_name, label=label.lower(), stay=self.stay_text(record, column)
            )
        if role == Role.ToolTipRole:
            return self.tr("{name}: {status}").format(
                name=record.member_name, status=self.labels.status(record.status)
            )
        if role == Role.AccessibleTextRole:
            if status is not None:
                chosen = record.status is status
                return self.tr("{status}: {answer}").format(
                    status=self.labels.status(status),
                    answer=self.tr("chosen") if chosen else self.tr("not chosen"),
                )
            if column == AttendanceColumn.MEMBER:
                return self.tr("{name}, {status}").format(
                    name=record.member_name, status=self.labels.status(record.status)
                )
            if column in STAY_COLUMNS:
                return self.stay_text(record, column) or self.tr("Not present")
            return self.labels.role(record.member_role)
        if role == IdRole:
            return index.row()
        if role == SortRole:
            if status is not None:
                return int(record.status is status)
            return record.member_name.casefold()
        if role == Role.TextAlignmentRole and status is not None:
            return _CENTRE
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """A click is asked for, not stored: the tab saves it."""
        if role == Role.EditRole and index.column() in STAY_COLUMNS:
            return self._ask_stay(index, value)
        if (
            not self.editable
            or role != Role.CheckStateRole
            or not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or index.column() not in STATUS_COLUMNS
        ):
            return False
        state = _check_state(value)
        if state is None:
            return False
        record = self._rows[index.row()]
        status = STATUS_COLUMNS[AttendanceColumn(index.column())]
        wanted = status if state == Qt.CheckState.Checked else None
        if wanted is None and record.status is not status:
            return False
        if wanted is record.status:
            return False
        self.attendance_requested.emit(record, wanted)
        return True

    def _ask_stay(self, index: Index, value: Any) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        record = self._rows[index.row()]
        arrived, left = record.arrived, record.left
        if index.column() == AttendanceColumn.ARRIVED:
            arrived = item_key(value)
        else:
            left = item_key(value)
        if (arrived, left) == (record.arrived, record.left):
            return False
        self.stay_requested.emit(record, arrived, left)
        return True


class RadioDelegate(QStyledItemDelegate):
    """Draws a checkable cell as a radio button, centred, and toggles it on a click
    anywhere in the cell or on Space."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        state = _check_state(index.data(Role.CheckStateRole))
        if state is None:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # The cell's background and selection, without the check box.
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        item.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        radio = QStyleOptionButton()
        radio.state = QStyle.StateFlag.State_Enabled
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            radio.state = QStyle.StateFlag.State_None
        radio.state |= (
            QStyle.StateFlag.State_On
            if state == Qt.CheckState.Checked
            else QStyle.StateFlag.State_Off
        )
        size = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, widget)
        rect = option.rect  # type: ignore[attr-defined]
        radio.rect = QRect(
            rect.x() + (rect.width() - size) // 2,
            rect.y() + (rect.height() - size) // 2,
            size,
            size,
        )
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorRadioButton, radio, painter, widget)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
                return False
            if not option.rect.contains(event.position().toPoint()):  # type: ignore[attr-defined]
                return False
        elif event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            # Swallow them so that a double-click does not toggle twice.
            return event.type() == QEvent.Type.MouseButtonDblClick
        elif event.type() == QEvent.Type.KeyPress:
            if not isinstance(event, QKeyEvent) or event.key() not in (
                Qt.Key.Key_Space,
                Qt.Key.Key_Select,
            ):
                return False
        else:
            return False
        state = _check_state(index.data(Role.CheckStateRole))
        wanted = (
            Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        )
        return model.setData(index, wanted, Role.CheckStateRole)
