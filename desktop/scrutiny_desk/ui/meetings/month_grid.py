"""The month grid under the Meetings calendar: a model of the six weeks on show and
a delegate that draws each day, so however many meetings a review has, the view holds
42 cells and paints only those.

``MonthModel`` offers the weeks as a 6 × 7 table, each cell a day with its meetings (a
tooltip lists them). ``MonthDelegate`` paints a day's number and a line per meeting,
its time and title, with a padlock and a warm tint for a meeting with closed business,
cancelled and postponed ones struck through, the selected one emphasised; in a cell too
low for lines, a dot per meeting beside the number and a tint on the day. A bank holiday
(England and Wales, ``services.calendar_rules``) has a green tint and its name beside
the number, and says so in its tooltip and to a screen reader.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain.enums import MeetingStatus
from ...domain.meeting_rules import will_not_take_place
from ...domain.summaries import MeetingSummary
from ...services.calendar_rules import bank_holiday_name
from ..shared.display import closed_tint, lock_icon, time_range
from ..shared.multi_data import RoleData, fill_roles
from .meetings_model import full_day

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

#: The day of a cell (a ``date``).
DateRole = Qt.ItemDataRole.UserRole + 20
#: The meetings of a cell's day, in time order (a list of ``MeetingSummary``).
MeetingsRole = Qt.ItemDataRole.UserRole + 21
#: Whether a cell's day is in the month shown (a ``bool``).
InMonthRole = Qt.ItemDataRole.UserRole + 22
#: The name of the bank holiday on a cell's day (a ``str``), or None.
HolidayRole = Qt.ItemDataRole.UserRole + 23

#: The tint of a bank holiday's cell, blended into the base colour.
HOLIDAY_TINT = QColor(60, 150, 80)

WEEKS = 6

DayIndex = dict[date, list[MeetingSummary]]


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def visible_meetings(
    meetings: list[MeetingSummary], fit: int, chosen: int | None
) -> list[MeetingSummary]:
    """The meetings a cell with room for ``fit`` lines shows (one line goes to "+n more"
    when they do not all fit); the chosen one always among them."""
    if len(meetings) <= fit:
        return list(meetings)
    shown = meetings[: max(fit - 1, 0)]
    if shown and chosen is not None and all(m.id != chosen for m in shown):
        picked = next((m for m in meetings if m.id == chosen), None)
        if picked is not None:
            shown[-1] = picked
    return shown


class MonthModel(QAbstractTableModel):
    """Six weeks around one month: a row a week, a column a weekday."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        first = QLocale().firstDayOfWeek().value  # 1 is Monday ... 7 is Sunday
        self._first_weekday = first - 1
        self._month = month_start(date.today())
        self._grid_start = self._start_of_grid(self._month)
        self._days: DayIndex = {}
        self.today: date = date.today()
        #: the meeting selected in the list (its id), emphasised where it is drawn
        self.chosen: int | None = None

    # What is shown ------------------------------------------------------------

    def month(self) -> date:
        return self._month

    def set_month(self, day: date) -> None:
        """Show the month of ``day``."""
        month = month_start(day)
        if month == self._month:
            return
        self.beginResetModel()
        self._month = month
        self._grid_start = self._start_of_grid(month)
        self.endResetModel()

    def set_days(self, days: DayIndex) -> None:
        """The meetings of each day (any days: only those on show are read)."""
        self._days = days
        self.dataChanged.emit(self.index(0, 0), self.index(WEEKS - 1, 6))

    def meetings_on(self, day: date) -> list[MeetingSummary]:
        return list(self._days.get(day, ()))

    def day_at(self, index: Index) -> date:
        return self._grid_start + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self._grid_start).days
        if not 0 <= offset < WEEKS * 7:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def first_day(self) -> date:
        return self._grid_start

    def last_day(self) -> date:
        return self._grid_start + timedelta(days=WEEKS * 7 - 1)

    def _start_of_grid(self, month: date) -> date:
        back = (month.weekday() - self._first_weekday) % 7
        return month - timedelta(days=back)

    # Qt model interface -------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else WEEKS

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 7

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
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        weekday = (self._first_weekday + section) % 7 + 1  # Qt: 1 is Monday
        if role == Role.DisplayRole:
            return QLocale().dayName(weekday, QLocale.FormatType.ShortFormat)
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return QLocale().dayName(weekday, QLocale.FormatType.LongFormat)
        if role == Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < WEEKS and 0 <= index.column() < 7):
            return None
        day = self.day_at(index)
        if role == Role.DisplayRole:
            return str(day.day)
        if role == DateRole:
            return day
        if role == MeetingsRole:
            return self.meetings_on(day)
        if role == InMonthRole:
            return (day.year, day.month) == (self._month.year, self._month.month)
        if role == HolidayRole:
            return bank_holiday_name(day)
        if role == Role.ToolTipRole:
            return self._tooltip(day)
        if role == Role.AccessibleTextRole:
            return self._tooltip(day).replace("\n", "; ")
        return None

    def multiData(self, index: Index, roleDataSpan: RoleData) -> None:
        fill_roles(self.data, index, roleDataSpan)  # one call per day painted, not seven

    def day_facts(self, index: Index) -> tuple[date, list[MeetingSummary], bool, str | None]:
        """What the delegate paints of a day: (the day, its meetings, whether it is in
        the month shown, its bank holiday's name), as ``data`` gives them."""
        day = self.day_at(index)
        in_month = (day.year, day.month) == (self._month.year, self._month.month)
        return day, self.meetings_on(day), in_month, bank_holiday_name(day)

    def count_in_month(self) -> int:
        month = (self._month.year, self._month.month)
        return sum(len(m) for day, m in self._days.items() if (day.year, day.month) == month)

    def _tooltip(self, day: date) -> str:
        meetings = self._days.get(day, ())
        lines = [full_day(day)]
        if day == self.today:
            lines[0] = self.tr("{day} (today)").format(day=lines[0])
        holiday = bank_holiday_name(day)
        if holiday is not None:
            lines.append(self.tr("Bank holiday: {name}").format(name=holiday))
        if not meetings:
            lines.append(self.tr("No meetings"))
        for m in meetings:
            line = f"{time_range(m.start, m.end)}  {m.title}"
            notes = []
            if m.status is MeetingStatus.CANCELLED:
                notes.append(self.tr("cancelled"))
            elif m.status is MeetingStatus.POSTPONED:
                notes.append(self.tr("postponed"))
            if m.closed_items:
                notes.append(self.tr("has closed business"))
            if notes:
                line += f" ({', '.join(notes)})"
            lines.append(line)
        return "\n".join(lines)


class MonthDelegate(QStyledItemDelegate):
    """Paints a day: its number, then a line for each meeting that fits; in a cell too
    low for a line, a dot for each meeting beside the number."""

    PADDING = 4
    DOTS = 5

    def line_height(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 4

    def lines_fit(self, rect: QRect, option: QStyleOptionViewItem) -> int:
        room = rect.height() - self._number_height(option) - 2
        return max(0, room // self.line_height(option))

    def line_rect(self, rect: QRect, option: QStyleOptionViewItem, line: int) -> QRect:
        top = rect.top() + self._number_height(option) + line * self.line_height(option)
        return QRect(
            rect.left() + self.PADDING,
            top,
            rect.width() - 2 * self.PADDING,
            self.line_height(option) - 2,
        )

    def meeting_at(
        self,
        rect: QRect,
        option: QStyleOptionViewItem,
        meetings: list[MeetingSummary],
        chosen: int | None,
        pos: QPoint,
    ) -> int | None:
        """The id of the meeting whose line is at ``pos``, or None."""
        shown = visible_meetings(meetings, self.lines_fit(rect, option), chosen)
        for line, meeting in enumerate(shown):
            if self.line_rect(rect, option, line).contains(pos):
                return meeting.id
        return None

    def _number_height(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 6

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(90, self._number_height(option) + 2 * self.line_height(option))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        model = index.model()
        if isinstance(model, MonthModel):  # straight from the model: no call through Qt
            day, meetings, in_month, holiday = model.day_facts(index)
        else:
            day = index.data(DateRole)
            meetings = index.data(MeetingsRole) or []
            in_month = bool(index.data(InMonthRole))
            holiday = index.data(HolidayRole)
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        today = isinstance(model, MonthModel) and day == model.today
        fit = self.lines_fit(rect, option)

        painter.save()
        base = palette.color(QPalette.ColorRole.Base)
        if holiday:
            base = _blend(base, HOLIDAY_TINT, 0.14)
        if not in_month:
            base = _blend(base, palette.color(QPalette.ColorRole.Window), 0.7)
        if meetings and fit == 0:  # no room for lines: the day itself is tinted
            base = _blend(base, palette.color(QPalette.ColorRole.Highlight), 0.08)
        if selected:
            base = _blend(base, palette.color(QPalette.ColorRole.Highlight), 0.22)
        painter.fillRect(rect, base)
        painter.setPen(_blend(palette.color(QPalette.ColorRole.Mid), base, 0.45))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        right = self._paint_number(painter, option, rect, day, in_month, bool(meetings), today)
        if fit == 0:
            self._paint_dots(painter, option, rect, right, meetings)
        elif holiday:
            self._paint_holiday(painter, option, rect, right, holiday)
        if fit:
            chosen = model.chosen if isinstance(model, MonthModel) else None
            shown = visible_meetings(meetings, fit, chosen)
            for line, meeting in enumerate(shown):
                area = self.line_rect(rect, option, line)
                self._paint_meeting(painter, option, area, meeting, meeting.id == chosen)
            hidden = len(meetings) - len(shown)
            if hidden > 0:
                more = self.line_rect(rect, option, len(shown))
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    more.adjusted(4, 0, 0, 0),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.tr("+%n more", "", hidden),
                )
        if option.state & QStyle.StateFlag.State_HasFocus:
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _paint_number(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        day: date,
        in_month: bool,
        busy: bool,
        today: bool,
    ) -> int:
        """Paint the day's number; where it ends (x)."""
        palette = option.palette
        font = QFont(option.font)
        font.setBold(busy or today)
        painter.setFont(font)
        text = str(day.day)
        if day.day == 1:
            text = QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")
        width = painter.fontMetrics().horizontalAdvance(text)
        area = QRect(
            rect.left() + self.PADDING + 2,
            rect.top() + 3,
            width + 1,
            option.fontMetrics.height() + 1,
        )
        if today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(area.adjusted(-4, 0, 4, 0), 4, 4)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        elif in_month:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(option.font)
        return area.right() + (8 if today else 4)

    def _paint_holiday(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, left: int, name: str
    ) -> None:
        """The bank holiday's name on the number's row, cut short to fit."""
        area = QRect(
            left + 2,
            rect.top() + 3,
            rect.right() - left - self.PADDING - 2,
            option.fontMetrics.height(),
        )
        if area.width() < 12:
            return
        font = QFont(option.font)
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        painter.setFont(font)
        painter.setPen(_blend(HOLIDAY_TINT, option.palette.color(QPalette.ColorRole.Text), 0.5))
        text = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(option.font)

    def _accent(self, option: QStyleOptionViewItem, meeting: MeetingSummary) -> QColor:
        palette = option.palette
        accent = palette.color(QPalette.ColorRole.Highlight)
        if will_not_take_place(meeting.status):
            return palette.color(QPalette.ColorRole.PlaceholderText)
        if meeting.status is MeetingStatus.HELD:
            return _blend(accent, palette.color(QPalette.ColorRole.Mid), 0.55)
        return accent

    def _paint_dots(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        left: int,
        meetings: list[MeetingSummary],
    ) -> None:
        size = max(6, option.fontMetrics.height() // 2)
        top = rect.top() + 3 + (option.fontMetrics.height() - size) // 2
        x = left + 4
        for meeting in meetings[: self.DOTS]:
            if x + size > rect.right() - self.PADDING:
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                closed_tint().darker(150) if meeting.closed_items else self._accent(option, meeting)
            )
            painter.drawEllipse(QRect(x, top, size, size))
            x += size + 3
        hidden = len(meetings) - self.DOTS
        if hidden > 0:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRect(x, rect.top() + 3, rect.right() - x, option.fontMetrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"+{hidden}",
            )

    def _paint_meeting(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        area: QRect,
        meeting: MeetingSummary,
        chosen: bool,
    ) -> None:
        palette = option.palette
        inactive = will_not_take_place(meeting.status)
        accent = self._accent(option, meeting)
        chip = (
            closed_tint()
            if meeting.closed_items
            else _blend(palette.color(QPalette.ColorRole.Base), accent, 0.12)
        )
        painter.setPen(QPen(accent, 1.5) if chosen else Qt.PenStyle.NoPen)
        painter.setBrush(chip)
        painter.drawRoundedRect(area.adjusted(1, 1, -1, -1) if chosen else area, 3, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRect(area.left(), area.top(), 3, area.height()), 1, 1)

        text_area = area.adjusted(7, 0, -3, 0)
        if meeting.closed_items:
            size = min(area.height() - 2, 14)
            icon_rect = QRect(
                text_area.right() - size, area.top() + (area.height() - size) // 2, size, size
            )
            lock_icon().paint(painter, icon_rect)
            text_area.setRight(icon_rect.left() - 3)
        font = QFont(option.font)
        font.setStrikeOut(inactive)
        font.setBold(chosen)
        painter.setFont(font)
        painter.setPen(
            palette.color(QPalette.ColorRole.PlaceholderText)
            if inactive
            else palette.color(QPalette.ColorRole.Text)
        )
        text = f"{meeting.start:%H:%M} {meeting.title}"
        elided = painter.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, text_area.width()
        )
        painter.drawText(
            text_area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.setFont(option.font)


def _blend(one: QColor, other: QColor, share: float) -> QColor:
    """``one`` with ``share`` of ``other`` mixed in."""
    return QColor(
        round(one.red() * (1 - share) + other.red() * share),
        round(one.green() * (1 - share) + other.green() * share),
        round(one.blue() * (1 - share) + other.blue() * share),
    )
