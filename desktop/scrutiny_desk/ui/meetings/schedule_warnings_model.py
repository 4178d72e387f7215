"""Clash warnings of a review, one row each, for the warnings strip of the Meetings page;
and the warning sign and colour that every meetings view shares.

A clash is a warning, never a refusal: two meetings of the review at once, a room
another review has booked at the same time, or a witness booked into two overlapping
slots. Each row names the meetings involved by key, so a click can select one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)

from ...domain.meeting_records import ScheduleWarning

if TYPE_CHECKING:
    from ...domain.scheduling import ClashKind

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

#: The warning a row shows (a ``ScheduleWarning``).
WarningRole = Qt.ItemDataRole.UserRole + 10

# Dark red on a light window, light red on a dark one: readable on both.
_ALERT_ON_LIGHT = QColor(164, 38, 44)
_ALERT_ON_DARK = QColor(255, 153, 153)
_AMBER = QColor(214, 140, 0)


def alert_colour() -> QColor:
    """The text colour of something overdue: red that reads on the palette's base."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return _ALERT_ON_DARK if base.lightness() < 128 else _ALERT_ON_LIGHT


@cache
def warning_icon() -> QIcon:
    """An amber triangle with an exclamation mark, drawn here: no icon theme needed."""
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        u = size / 16
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(_AMBER.darker(125), 1.0 * u))
        painter.setBrush(QBrush(_AMBER))
        painter.drawPolygon(
            QPolygonF(
                [QPointF(8 * u, 1.5 * u), QPointF(15 * u, 14.5 * u), QPointF(1 * u, 14.5 * u)]
            )
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 30, 0))
        painter.drawRoundedRect(QRectF(7.1 * u, 5.2 * u, 1.8 * u, 5.2 * u), 0.8 * u, 0.8 * u)
        painter.drawEllipse(QPointF(8 * u, 12.3 * u), 1.05 * u, 1.05 * u)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class ScheduleWarningsModel(QAbstractListModel):
    """Holds ``ScheduleWarning`` records; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ScheduleWarning] = []

    def set_rows(self, warnings: Iterable[ScheduleWarning]) -> None:
        self.beginResetModel()
        self._rows = list(warnings)
        self.endResetModel()

    def record(self, row: int) -> ScheduleWarning:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        warning = self._rows[index.row()]
        if role == Role.DisplayRole:
            return warning.message
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self.tr("{kind}: {message}").format(
                kind=self.kind_label(warning.kind), message=warning.message
            )
        if role == Role.DecorationRole:
            return warning_icon()
        if role == WarningRole:
            return warning
        return None

    def kind_label(self, kind: ClashKind) -> str:
        from ...domain.scheduling import ClashKind  # with the first warning, not at start

        return {
            ClashKind.OVERLAP: self.tr("Meetings overlap"),
            ClashKind.VENUE: self.tr("Room booked twice"),
            ClashKind.WITNESS: self.tr("Witness booked twice"),
        }[kind]
