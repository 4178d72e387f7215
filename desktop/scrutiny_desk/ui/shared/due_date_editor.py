"""An action's due date in its cell (``DueDateDelegate``): typed the way a clerk writes
one (19/01/2027) or chosen on a calendar that opens at a useful month, not at the "No
date" sentinel's January 2000. Apart from ``cell_editors`` (the agenda's editors): only
the Minutes tab uses it, and the start does not import it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from .actions_model import NO_DATE
from .cell_editors import ReadableDelegate
from .date_field import typed_date

Index = QModelIndex | QPersistentModelIndex

#: How a due date is shown in its editor: day/month/year, as in the UK.
DUE_DATE_FORMAT = "dd/MM/yyyy"


class DueDateEditor(QWidget):
    """A due date typed as a clerk writes it (19/01/2027, 19/1/27, 19-01-2027, or
    "19 Jan 2027"; empty for none), with a button (or Alt+Down, F4) for a calendar.

    Not a QDateEdit: typing over its "No date" text goes wrong, and its calendar opens
    at the sentinel's January 2000. This calendar opens at the date, else at the month
    of ``default()``, and is kept on the screen."""

    def __init__(self, default: Callable[[], QDate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default = default
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("No date"))
        self.line.setAccessibleName(self.tr("Due date"))
        self.line.setToolTip(
            self.tr("Type a date such as 19/01/2027 (empty: no date), or choose one (Alt+Down)")
        )
        self.line.setFrame(False)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setAccessibleName(self.tr("Choose the due date on a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.setAutoFillBackground(True)
        self.calendar: QCalendarWidget | None = None  # while it is open
        self.line.installEventFilter(self)

    def sizeHint(self) -> QSize:
        sample = self.line.fontMetrics().horizontalAdvance("00/00/00000")
        return QSize(sample + self.button.sizeHint().width() + 8, self.line.sizeHint().height())

    def set_date(self, day: QDate | None) -> None:
        valid = day is not None and day.isValid() and day != NO_DATE
        self.line.setText(day.toString(DUE_DATE_FORMAT) if day is not None and valid else "")

    def date(self) -> QDate | None:
        """The date typed (NO_DATE when empty), or None when it cannot be read."""
        return read_date(self.line.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setObjectName("dueDateCalendar")
        calendar.setGridVisible(True)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        day = self.date()
        if day is not None and day != NO_DATE:
            calendar.setSelectedDate(day)
        else:
            opening = self._default()
            calendar.setCurrentPage(opening.year(), opening.month())
        calendar.clicked.connect(self._on_calendar_chosen)
        calendar.activated.connect(self._on_calendar_chosen)
        calendar.destroyed.connect(lambda _o=None: setattr(self, "calendar", None))
        self.calendar = calendar
        # A popup is shown at its minimum size, which cuts the days to "...": give it
        # room for "Wed" and two-digit days, then place it at the size it took.
        cell = calendar.fontMetrics().horizontalAdvance("Wed") + 28  # bold headers
        hint = calendar.sizeHint()
        calendar.resize(max(hint.width(), cell * 7), max(hint.height(), cell * 6))
        calendar.show()
        calendar.move(self._calendar_place(calendar.frameGeometry().size()))
        calendar.setFocus()

    def _calendar_place(self, size: QSize) -> QPoint:
        """Below the editor, or above it near the screen's foot; never past its sides."""
        screen = self.screen().availableGeometry()
        below = self.mapToGlobal(QPoint(0, self.height()))
        x = min(max(below.x(), screen.left()), screen.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > screen.bottom() + 1:
            y = max(self.mapToGlobal(QPoint(0, 0)).y() - size.height(), screen.top())
        return QPoint(x, y)

    def _on_calendar_chosen(self, day: QDate) -> None:
        self.set_date(day)
        if self.calendar is not None:
            self.calendar.close()
        self.line.setFocus()
        self.line.selectAll()


def read_date(text: str) -> QDate | None:
    """A date as a clerk types it (``date_field.typed_date``), NO_DATE for nothing,
    None if unreadable."""
    if not text.strip():
        return NO_DATE
    day = typed_date(text)
    return None if day is None else QDate(day.year, day.month, day.day)


class DueDateDelegate(ReadableDelegate):
    """An action's due date (``DueDateEditor``). A date that cannot be read leaves the
    due date as it was; an empty one clears it."""

    def __init__(self, default: Callable[[], QDate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default = default

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return DueDateEditor(self._default, parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, DueDateEditor):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.set_date(value if isinstance(value, QDate) else None)
            editor.line.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, DueDateEditor):
            day = editor.date()
            if day is not None:
                model.setData(index, day, Qt.ItemDataRole.EditRole)
