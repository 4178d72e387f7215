"""Dates as a clerk types them, and the date field every dialog uses.

``typed_date`` is the one reading of a typed date: day first, as in the UK
("19/01/2027", "19/1/27", "19.01.2027", "19-01-2027", "19 Jan 2027", or ISO
"2027-01-19"; a two-digit year is of this century). ``DateField`` shows a date in its
display format but also takes one typed that way, and its calendar
opens at this month when the field holds no date, not at the first date it could hold,
and stays within the window (Qt keeps it on the screen only, and off by a pixel).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QPoint, QTime
from PySide6.QtGui import QShowEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

#: What may stand in a date while it is being typed.
_TYPING = re.compile(r"^\s*[0-9A-Za-z]{1,9}([/.\- ][0-9A-Za-z]{0,9}([/.\- ]\d{0,4})?)?\s*$")
_FORMS = ("d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d MMM yyyy", "d MMMM yyyy", "yyyy-M-d")
_SHORT_FORMS = ("d/M/yy", "d-M-yy", "d.M.yy")

DISPLAY_FORMAT = "d MMM yyyy"


def typed_date(text: str) -> date | None:
    """The day typed in ``text``, None if it is not one or not a real day."""
    text = " ".join(text.split())
    for form in _FORMS:
        day = QDate.fromString(text, form)
        if day.isValid():
            return date(day.year(), day.month(), day.day())
    for form in _SHORT_FORMS:
        day = QDate.fromString(text, form)
        if day.isValid():
            return date(day.year() + (100 if day.year() < 2000 else 0), day.month(), day.day())
    return None


def _typed_qdate(text: str) -> QDate | None:
    day = typed_date(text)
    return None if day is None else QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """``today`` says what this month is (tests set a fixed day). With ``no_date``
    text, the field's minimum date stands for "no date" and shows that text."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        no_date: QDate | None = None,
        no_date_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.today: Callable[[], date] = date.today
        self.setCalendarPopup(True)
        self.setDisplayFormat(DISPLAY_FORMAT)
        if no_date is not None:
            self.setMinimumDate(no_date)
            self.setSpecialValueText(no_date_text)
        self._popup_watched = False
        self.editingFinished.connect(self._on_editing_finished)

    def is_blank(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    # Typing -----------------------------------------------------------------------

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if _typed_qdate(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if _TYPING.match(text):
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = _typed_qdate(text)
        if typed is not None:
            return QDateTime(typed, QTime(0, 0))
        return super().dateTimeFromText(text)

    def _on_editing_finished(self) -> None:
        """A date typed in figures is shown as every other date is, once it is done."""
        typed = _typed_qdate(self.text())
        if typed is not None:
            self.setDate(typed)
            self.lineEdit().setText(self.textFromDateTime(QDateTime(typed, QTime(0, 0))))

    # The calendar ---------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if not self._popup_watched:
            # The calendar's popup window, made by Qt the first time it is asked for.
            popup = self.calendarWidget().window()
            popup.installEventFilter(self)
            self._popup_watched = True
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if self.is_blank():
                today = self.today()
                self.calendarWidget().setCurrentPage(today.year, today.month)
            self._keep_inside(watched)
        return super().eventFilter(watched, event)

    def _keep_inside(self, popup: QWidget) -> None:
        """Keep the calendar within the window and the screen: beside the right edge
        of a field near it, above a field near the bottom."""
        area = self.screen().availableGeometry()
        window = self.window().geometry()
        if area.intersects(window):
            area = area.intersected(window)
        place = popup.geometry()
        x = max(area.left(), min(place.x(), area.right() + 1 - place.width()))
        y = place.y()
        if place.bottom() > area.bottom():
            y = max(area.top(), self.mapToGlobal(QPoint(0, 0)).y() - place.height())
        if (x, y) != (place.x(), place.y()):
            popup.move(x, y)
