"""A month calendar of the same meetings the list shows, drawn, not built of widgets.

``MeetingsCalendar`` reads only the meetings of the weeks on show (``load(first,
last)``: the list's filter, a date range, one indexed query of a few dozen rows; on
the runner's worker thread when it has one), indexes them by day and shows them in a
``month_grid`` view, with the month's name, arrows to turn it and a button for
today. It reads them again when the month turns and when the page says the list
changed (``refresh``); while hidden it waits until it is shown.

Clicking a meeting's line (or a day: its first meeting) selects that meeting in the
list; Enter or a double-click edits it, or on an empty day starts a new meeting there.
Page Up and Page Down turn the month; Home goes to today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.summaries import MeetingSummary
from ..shared.tasks import SynchronousTaskRunner, TaskRunner
from .month_grid import DayIndex, MeetingsRole, MonthDelegate, MonthModel, add_months


class _MonthView(QTableView):
    """The grid: Page Up and Page Down turn the month, Home goes to today, and a click
    on a meeting's line says which meeting (``pressed_meeting`` while the click is
    handled; ``meeting_clicked`` when the day was current already)."""

    turn = Signal(int)
    go_today = Signal()
    meeting_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pressed_meeting: int | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_PageUp:
            self.turn.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.turn.emit(1)
        elif key == Qt.Key.Key_Home and not event.modifiers():
            self.go_today.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        left = event.button() == Qt.MouseButton.LeftButton
        self.pressed_meeting = self.meeting_at(index, pos) if index.isValid() and left else None
        was_current = index.isValid() and index == self.currentIndex()
        try:
            super().mousePressEvent(event)
            if was_current and self.pressed_meeting is not None:
                self.meeting_clicked.emit(self.pressed_meeting)
        finally:
            self.pressed_meeting = None

    def meeting_at(self, index: QModelIndex, pos: QPoint) -> int | None:
        """The id of the meeting whose line is at ``pos`` in that day, or None."""
        delegate = self.itemDelegate()
        model = self.model()
        if not isinstance(delegate, MonthDelegate) or not isinstance(model, MonthModel):
            return None
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        meetings = index.data(MeetingsRole) or []
        return delegate.meeting_at(self.visualRect(index), option, meetings, model.chosen, pos)


class MeetingsCalendar(QWidget):
    """A month of the meetings ``load(first_day, last_day)`` gives (the list's filter)."""

    #: a meeting was chosen (its id): select it in the list
    meeting_chosen = Signal(int)
    #: Enter or a double-click on a meeting (its id): edit it
    meeting_activated = Signal(int)
    #: Enter or a double-click on a day without meetings: a new meeting that day
    day_activated = Signal(object)

    def __init__(
        self,
        load: Callable[[date, date], list[MeetingSummary]],
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsCalendar")
        self._load = load
        self._runner = None if isinstance(runner, SynchronousTaskRunner) else runner
        self._dirty = True
        self._waiting = False  # the weeks on show are being read
        self._pending_choice: tuple[date, int | None] | None = None
        self._chosen: int | None = None  # the meeting selected in the list
        self.model = MonthModel(self)
        self.view = _MonthView()
        self.view.setObjectName("monthGrid")
        self.view.setModel(self.model)
        self.view.setItemDelegate(MonthDelegate(self.view))
        self.view.setAccessibleName(self.tr("Meetings calendar"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setTabKeyNavigation(False)
        self.view.setCornerButtonEnabled(False)
        self.view.setMouseTracking(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setMinimumSectionSize(24)
        # Six weeks always fit: the rows share the height, so never a scroll bar.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.turn.connect(self.turn_month)
        self.view.go_today.connect(self.go_to_today)
        self.view.meeting_clicked.connect(self._on_meeting_clicked)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_month_reset)

        self.previous_button = self._nav_button(
            Qt.ArrowType.LeftArrow, self.tr("Previous month"), self.tr("Page Up")
        )
        self.previous_button.clicked.connect(lambda: self.turn_month(-1))
        self.next_button = self._nav_button(
            Qt.ArrowType.RightArrow, self.tr("Next month"), self.tr("Page Down")
        )
        self.next_button.clicked.connect(lambda: self.turn_month(1))
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Today"))
        self.today_button.setAccessibleName(self.tr("Go to today"))
        self.today_button.setToolTip(self.tr("Go to today (Home)"))
        self.today_button.setAutoRaise(True)
        self.today_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.today_button.clicked.connect(self.go_to_today)
        self.month_label = QLabel()
        self.month_label.setObjectName("calendarMonth")
        font = self.month_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.month_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("calendarSummary")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.month_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(8)
        bar.addWidget(self.today_button)
        bar.addStretch(1)
        bar.addWidget(self.summary_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self._on_month_reset()

    def _nav_button(self, arrow: Qt.ArrowType, name: str, keys: str) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.setAutoRaise(True)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys})")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # The days ------------------------------------------------------------------

    def refresh(self) -> None:
        """The list changed: read the weeks on show again (when shown)."""
        self._dirty = True
        if self.isVisible():
            self.rebuild()

    def rebuild(self) -> None:
        """Read the meetings of the weeks on show and index them by day (each day's
        meetings in time order)."""
        self._dirty = False
        first, last = self.model.first_day(), self.model.last_day()
        if self._runner is None:
            self._set_meetings(self._load(first, last))
            return
        self._waiting = True
        self._runner.submit(
            partial(self._load, first, last),
            partial(self._on_weeks_read, first),
            lambda _exc: self._on_weeks_read(first, []),
            key=f"calendar-{id(self)}",
            priority=1,
        )

    def _on_weeks_read(self, first: date, meetings: list[MeetingSummary]) -> None:
        self._waiting = False
        if first != self.model.first_day():
            self._dirty = True  # the month turned meanwhile, while hidden
            return
        self._set_meetings(meetings)
        if self._pending_choice is not None:
            day, meeting_id = self._pending_choice
            self._pending_choice = None
            self._choose_on(day, meeting_id)

    def _set_meetings(self, meetings: list[MeetingSummary]) -> None:
        days: DayIndex = defaultdict(list)
        for meeting in meetings:
            days[meeting.start.date()].append(meeting)
        for on_day in days.values():
            on_day.sort(key=lambda m: (m.start, m.end, m.title))
        self.model.set_days(dict(days))
        self._update_summary()

    def meetings_on(self, day: date) -> list[MeetingSummary]:
        """That day's meetings (a day off the weeks on show is read on its own)."""
        if not self.model.first_day() <= day <= self.model.last_day():
            return sorted(self._load(day, day), key=lambda m: (m.start, m.end, m.title))
        if self._dirty:
            self.rebuild()
        return self.model.meetings_on(day)

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.rebuild()
        super().showEvent(event)

    def set_today(self, today: date) -> None:
        self.model.today = today
        self.view.viewport().update()

    # Navigation ----------------------------------------------------------------

    def month(self) -> date:
        return self.model.month()

    def show_month(self, day: date) -> None:
        self.model.set_month(day)

    def turn_month(self, months: int) -> None:
        current = self.selected_date()
        target = add_months(self.model.month(), months)
        if current is not None:
            target = _same_day_in(target, current.day)
        self.show_date(target, self._chosen)
        self._choose_on(target)

    def go_to_today(self) -> None:
        self.show_date(self.model.today, self._chosen)
        self._choose_on(self.model.today)

    def show_date(self, day: date, meeting_id: int | None = None) -> None:
        """Show the month of ``day`` with that day current (emits nothing); the
        meeting selected in the list is ``meeting_id``."""
        self._set_chosen(meeting_id)
        self.model.set_month(day)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                self.model.index_of(day), selection.SelectionFlag.ClearAndSelect
            )
        finally:
            selection.blockSignals(False)
        self.view.viewport().update()

    def selected_date(self) -> date | None:
        index = self.view.currentIndex()
        return self.model.day_at(index) if index.isValid() else None

    def _on_month_reset(self) -> None:
        self.refresh()  # other weeks on show
        month = self.model.month()
        self.month_label.setText(QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy"))
        self.month_label.setAccessibleName(self.month_label.text())
        self._update_summary()

    def _update_summary(self) -> None:
        count = self.model.count_in_month()
        text = (
            self.tr("No meetings this month")
            if count == 0
            else self.tr("1 meeting this month")
            if count == 1
            else self.tr("%n meetings this month", "", count)
        )
        self.summary_label.setText(text)

    # Choosing ------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._choose_on(self.model.day_at(current), self.view.pressed_meeting)

    def _choose_on(self, day: date, meeting_id: int | None = None) -> None:
        """A day became current: select the meeting whose line was clicked, else its
        first meeting, unless the meeting selected is already on that day."""
        if self._waiting:
            self._pending_choice = (day, meeting_id)  # when the weeks have been read
            return
        meetings = self.meetings_on(day)
        clicked = next((m for m in meetings if m.id == meeting_id), None)
        if clicked is not None:
            chosen = clicked
        elif not meetings or any(m.id == self._chosen for m in meetings):
            return
        else:
            chosen = meetings[0]
        if chosen.id != self._chosen:
            self._set_chosen(chosen.id)
            self.meeting_chosen.emit(chosen.id)

    def _on_meeting_clicked(self, meeting_id: int) -> None:
        if meeting_id != self._chosen:
            self._set_chosen(meeting_id)
            self.meeting_chosen.emit(meeting_id)

    def _set_chosen(self, meeting_id: int | None) -> None:
        self._chosen = meeting_id
        self.model.chosen = meeting_id
        self.view.viewport().update()

    def _on_activated(self, index: QModelIndex) -> None:
        day = self.model.day_at(index)
        meetings = self.meetings_on(day)
        if not meetings:
            self.day_activated.emit(day)
            return
        chosen = next((m for m in meetings if m.id == self._chosen), meetings[0])
        self.meeting_activated.emit(chosen.id)


def _same_day_in(month: date, day: int) -> date:
    """That day of ``month``, or its last day if the month is shorter."""
    last = (add_months(month, 1) - timedelta(days=1)).day
    return month.replace(day=min(day, last))
