"""Item models over domain records, and what they share: custom roles and formatting.

Dates and times are shown the way a UK committee clerk writes them on an agenda:
"Mon 26 Mar 2007" and "14:00–16:30", in 24-hour time, in the review's local time
(services already give naive local times). Names of days and months come from the
default ``QLocale``, so a translation can change them without touching the models.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from PySide6.QtCore import QDate, QLocale, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

#: The database id of the record shown in a row (an ``int``).
IdRole = Qt.ItemDataRole.UserRole + 1
#: A value that sorts the column correctly (a proxy model's ``sortRole``).
SortRole = Qt.ItemDataRole.UserRole + 2

DATE_FORMAT = "ddd d MMM yyyy"
TIME_FORMAT = "%H:%M"
EN_DASH = "\u2013"

# The warm tint behind closed (not public) business, blended into the palette's base
# colour so that it stays readable on light and dark themes alike.
_CLOSED_HUE = QColor(230, 140, 20)
_CLOSED_STRENGTH = 0.22


def long_date(value: datetime) -> str:
    """``Mon 26 Mar 2007``."""
    return QLocale().toString(QDate(value.year, value.month, value.day), DATE_FORMAT)


def time_range(start: datetime | None, end: datetime | None) -> str:
    """``14:00–16:30``; an end on a later day carries its date; no start, no text."""
    if start is None:
        return ""
    text = start.strftime(TIME_FORMAT)
    if end is None:
        return text
    if end.date() != start.date():
        return f"{text}{EN_DASH}{long_date(end)} {end.strftime(TIME_FORMAT)}"
    return f"{text}{EN_DASH}{end.strftime(TIME_FORMAT)}"


def sort_key_time(value: datetime | None) -> str:
    """A string that sorts in time order; a missing time sorts first."""
    return value.isoformat() if value is not None else ""


def closed_tint() -> QColor:
    """The background of closed business: the palette's base colour, warmed."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    s = _CLOSED_STRENGTH
    return QColor(
        round(base.red() * (1 - s) + _CLOSED_HUE.red() * s),
        round(base.green() * (1 - s) + _CLOSED_HUE.green() * s),
        round(base.blue() * (1 - s) + _CLOSED_HUE.blue() * s),
    )


@cache
def lock_icon() -> QIcon:
    """A padlock in the palette's text colour, drawn here: no icon theme or font needed."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        u = size / 16
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shackle = QPainterPath()
        shackle.moveTo(5 * u, 7.5 * u)
        shackle.lineTo(5 * u, 5.5 * u)
        shackle.arcTo(QRectF(5 * u, 2 * u, 6 * u, 7 * u), 180, -180)
        shackle.lineTo(11 * u, 7.5 * u)
        painter.setPen(QPen(colour, 1.7 * u))
        painter.drawPath(shackle)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(3 * u, 7 * u, 10 * u, 7.5 * u), 1.4 * u, 1.4 * u)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


#: A cell that can be selected but not edited, in a flat table.
READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def bold_font() -> QFont:
    """The application font, bold: for marked cells (closed business, the chair)."""
    font = QFont(QGuiApplication.font())
    font.setBold(True)
    return font


#: Overdue recommendations and actions.
OVERDUE_RED = QColor(190, 30, 45)


def one_line(text: str, limit: int = 160) -> str:
    """A text on one line, cut with an ellipsis past ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
