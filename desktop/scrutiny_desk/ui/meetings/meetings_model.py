"""The meetings of one review, one row each, for the meetings table: a paged model
(``ui.shared.paged``) whose ids are filtered (status, words of the title or venue) and
sorted in SQL, and whose rows are read a page at a time.

Each row carries its agenda's publication deadline (``AgendaDeadline``, computed by
the service with the page): "Publish by Mon 19 Mar", "Published 16 Mar", or OVERDUE in
red with a warning sign when the deadline has passed and the agenda is not marked
published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QLocale, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...domain.deadlines import DeadlineState
from ...domain.enums import MeetingKind, MeetingStatus, MinutesStatus
from ...domain.listing_records import ListedMeeting
from ...domain.meeting_records import AgendaDeadline
from ...domain.meeting_rules import will_not_take_place
from ...domain.summaries import MeetingSummary
from ..shared.display import lock_icon, long_date, time_range
from ..shared.paged import Order, PagedTableModel
from ..shared.records_table import Column
from ..shared.tasks import TaskRunner
from .schedule_warnings_model import alert_colour, warning_icon

Role = Qt.ItemDataRole


class MeetingColumn(IntEnum):
    DATE = 0
    TIME = 1
    TITLE = 2
    VENUE = 3
    STATUS = 4
    ITEMS = 5
    DEADLINE = 6


SHORT_DATE = "ddd d MMM"
FULL_DATE = "dddd d MMMM yyyy"


def short_day(day: date) -> str:
    """``Mon 19 Mar``: the deadline column beside the meeting's own full date."""
    return QLocale().toString(QDate(day.year, day.month, day.day), SHORT_DATE)


def full_day(day: date) -> str:
    """``Monday 19 March 2007``."""
    return QLocale().toString(QDate(day.year, day.month, day.day), FULL_DATE)


class MeetingsModel(PagedTableModel[MeetingSummary]):
    """The ids of a review's meetings (filtered and sorted in SQL, see ``set_query``);
    the rows, with their agenda deadlines, read a page at a time by ``fetch``."""

    def __init__(
        self,
        runner: TaskRunner,
        fetch: Callable[[Sequence[int]], Iterable[ListedMeeting]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            runner,
            (),
            fetch=fetch,
            order=Order("start"),
            row_roles={Role.ForegroundRole: _muted_if_not_held},
            parent=parent,
        )
        self._deadlines: dict[int, AgendaDeadline] = {}
        right = Qt.AlignmentFlag.AlignRight
        self.columns = (
            Column(self.tr("Date"), lambda m: long_date(m.start), self._when, sort="start"),
            Column(
                self.tr("Time"),
                lambda m: time_range(m.start, m.end),
                self._when,
                sort="time",
                align=right,
            ),
            Column(self.tr("Title"), lambda m: m.title, self._title_tip, sort="title"),
            Column(
                self.tr("Venue"),
                lambda m: m.venue or "",
                lambda m: m.venue or self.tr("No venue given"),
                sort="venue",
            ),
            Column(
                self.tr("Status"),
                lambda m: self.status_label(m.status),
                self._status_tip,
                sort="status",
            ),
            Column(
                self.tr("Items"),
                self._items_label,
                self._items_description,
                sort="items",
                roles={Role.DecorationRole: lambda m: lock_icon() if m.closed_items else None},
            ),
            Column(
                self.tr("Agenda deadline"),
                self.deadline_label,
                self.deadline_description,
                sort="start",  # the deadline falls the same clear days before each start
                roles={
                    role: partial(self._deadline_style, role=role)
                    for role in (Role.DecorationRole, Role.ForegroundRole, Role.FontRole)
                },
            ),
        )

    def accept_rows(self, rows: Iterable[ListedMeeting]) -> list[MeetingSummary]:
        """A page of meetings; their deadlines are kept beside them."""
        listed = list(rows)
        for row in listed:
            self._deadlines[row.meeting.id] = row.deadline
        return [row.meeting for row in listed]

    def row_of(self, meeting_id: int) -> int | None:
        return self.row_of_id(meeting_id)

    def deadline(self, meeting_id: int) -> AgendaDeadline | None:
        """The agenda deadline of that meeting, as of its row's last page read."""
        row = self.row_of_id(meeting_id)
        if row is not None:
            self.record(row)  # reads its page if need be
        return self._deadlines.get(meeting_id)

    # Cells ----------------------------------------------------------------------

    def _when(self, meeting: MeetingSummary) -> str:
        return self.tr("{date}, {start} to {end}").format(
            date=long_date(meeting.start),
            start=f"{meeting.start:%H:%M}",
            end=f"{meeting.end:%H:%M}",
        )

    def _title_tip(self, meeting: MeetingSummary) -> str:
        return self.tr("{title} ({kind})").format(
            title=meeting.title, kind=self.kind_label(meeting.kind)
        )

    def _status_tip(self, meeting: MeetingSummary) -> str:
        return self.tr("{status}; {minutes}").format(
            status=self.status_label(meeting.status),
            minutes=self._minutes_label(meeting.minutes_status),
        )

    # Words ----------------------------------------------------------------------

    def status_label(self, status: MeetingStatus) -> str:
        return {
            MeetingStatus.SCHEDULED: self.tr("Scheduled"),
            MeetingStatus.HELD: self.tr("Held"),
            MeetingStatus.POSTPONED: self.tr("Postponed"),
            MeetingStatus.CANCELLED: self.tr("Cancelled"),
        }[status]

    def kind_label(self, kind: MeetingKind) -> str:
        return {
            MeetingKind.EVIDENCE: self.tr("evidence session"),
            MeetingKind.DELIBERATIVE: self.tr("deliberative meeting"),
            MeetingKind.VISIT: self.tr("visit"),
            MeetingKind.OTHER: self.tr("meeting"),
        }[kind]

    def _minutes_label(self, status: MinutesStatus) -> str:
        return {
            MinutesStatus.NONE: self.tr("no minutes yet"),
            MinutesStatus.DRAFT: self.tr("minutes in draft"),
            MinutesStatus.APPROVED: self.tr("minutes approved"),
        }[status]

    def _items_label(self, meeting: MeetingSummary) -> str:
        n_open, n_closed = meeting.open_items, meeting.closed_items
        if not n_open and not n_closed:
            return self.tr("No items")
        opened = self.tr("%n open", "", n_open)
        if not n_closed:
            return opened
        closed = self.tr("%n closed", "", n_closed)
        return self.tr("{open}, {closed}").format(open=opened, closed=closed)

    def _items_description(self, meeting: MeetingSummary) -> str:
        n_open, n_closed = meeting.open_items, meeting.closed_items
        if not n_open and not n_closed:
            return self.tr("No agenda items yet")
        opened = (
            self.tr("%n open item", "", n_open)
            if n_open == 1
            else self.tr("%n open items", "", n_open)
        )
        if not n_closed:
            return opened
        closed = (
            self.tr("%n closed item, not open to the public", "", n_closed)
            if n_closed == 1
            else self.tr("%n closed items, not open to the public", "", n_closed)
        )
        return self.tr("{open} and {closed}").format(open=opened, closed=closed)

    # Deadlines ------------------------------------------------------------------

    def deadline_label(self, meeting: MeetingSummary) -> str:
        found = self._deadlines.get(meeting.id)
        if found is None:
            return ""
        if found.published_on is not None:
            text = self.tr("Published {day}").format(day=short_day(found.published_on))
            return self.tr("{text} (late)").format(text=text) if found.warning else text
        if will_not_take_place(meeting.status):
            return self.tr("Not needed")
        if found.warning and found.state is DeadlineState.DUE_TODAY:
            return self.tr("Publish today")
        if found.warning and found.state is DeadlineState.OVERDUE:
            return self.tr("OVERDUE: due {day}").format(day=short_day(found.deadline))
        if found.state is DeadlineState.OVERDUE:  # the meeting has taken place
            return self.tr("Not recorded")
        return self.tr("Publish by {day}").format(day=short_day(found.deadline))

    def deadline_description(self, meeting: MeetingSummary) -> str:
        found = self._deadlines.get(meeting.id)
        if found is None:
            return self.tr("The agenda deadline is being worked out")
        if found.warning:
            return found.warning
        days = (
            self.tr("%n clear working day", "", found.clear_days)
            if found.clear_days == 1
            else self.tr("%n clear working days", "", found.clear_days)
        )
        if found.published_on is not None:
            return self.tr("The agenda was published on {day}.").format(
                day=full_day(found.published_on)
            )
        if will_not_take_place(meeting.status):
            return self.tr("No agenda is needed: the meeting is {status}.").format(
                status=self.status_label(meeting.status).lower()
            )
        if found.state is DeadlineState.OVERDUE:
            return self.tr(
                "The meeting has taken place; the agenda's publication was not recorded "
                "(it was due by {day})."
            ).format(day=full_day(found.deadline))
        return self.tr("The agenda must be published by {day}, {days} before the meeting.").format(
            day=full_day(found.deadline), days=days
        )

    def _deadline_style(self, meeting: MeetingSummary, role: int) -> Any:
        """The deadline cell's sign, colour and weight: urgent in bold red."""
        found = self._deadlines.get(meeting.id)
        if found is None:
            return None
        urgent = found.warning is not None and found.published_on is None
        if role == Role.DecorationRole and found.warning:
            return warning_icon()
        if role == Role.ForegroundRole:
            if urgent:
                return alert_colour()
            if will_not_take_place(meeting.status) or found.state is DeadlineState.OVERDUE:
                return _muted()
        if role == Role.FontRole and urgent:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        return None


def _muted() -> Any:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def _muted_if_not_held(meeting: MeetingSummary) -> Any:
    """Postponed and cancelled meetings are greyed across the row."""
    return _muted() if will_not_take_place(meeting.status) else None
