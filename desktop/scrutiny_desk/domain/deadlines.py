"""When a meeting's agenda must be published, counted in clear days.

An agenda is open to inspection a number of clear days before its meeting (five in
England, three in Wales). Clear days leave out the day of publication, the day of the
meeting, weekends and bank holidays (R v Swansea CC ex p Elitestone, 1993): published
on a Monday, the earliest meeting is the Tuesday of the following week.

The deadline is also a working day. Publishing on a Sunday could leave enough clear
days on paper, but the council's offices are closed, so the papers are not open to
inspection and a clerk cannot plan on it: a deadline that would fall on a weekend or
bank holiday moves back to the working day before.

Bank holidays (and, where a council treats it so, Christmas Eve) come in as a callable,
so the domain holds no calendar of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum

# Enough to step over any run of holidays a real calendar has; a guard against a
# calendar that names every day a holiday.
_MAX_STEPS = 400

IsHoliday = Callable[[date], bool]
_DAY = timedelta(days=1)


class DeadlineState(StrEnum):
    PUBLISHED = "published"
    DUE = "due"
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"


def is_working_day(day: date, is_holiday: IsHoliday) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and not is_holiday(day)


def publication_deadline(meeting_day: date, clear_days: int, is_holiday: IsHoliday) -> date:
    """The last working day on which publishing still leaves ``clear_days`` clear days.

    A meeting on Tuesday 8 December 2026 with five clear days: Monday 7, Friday 4,
    Thursday 3, Wednesday 2 and Tuesday 1 December are clear, so the deadline is Monday
    30 November. ValueError for a negative count or a calendar with no working days.
    """
    if clear_days < 0:
        raise ValueError(f"clear days must be 0 or more, not {clear_days}")
    day = _step_back(meeting_day)
    counted = 0
    for _ in range(_MAX_STEPS + clear_days * 7):
        if counted == clear_days and is_working_day(day, is_holiday):
            return day
        if counted < clear_days and is_working_day(day, is_holiday):
            counted += 1
        day = _step_back(day)
    raise ValueError(f"no working day found before {meeting_day.isoformat()}")


def count_clear_days(published_on: date, meeting_day: date, is_holiday: IsHoliday) -> int:
    """The clear days between publication and meeting: what a late agenda actually gave."""
    day = published_on + _DAY
    counted = 0
    while day < meeting_day:
        if is_working_day(day, is_holiday):
            counted += 1
        day += _DAY
    return counted


def deadline_state(deadline: date, today: date, published_on: date | None) -> DeadlineState:
    """Published once marked so (even late: see ``count_clear_days``); otherwise due,
    due today, or overdue once the deadline has passed."""
    if published_on is not None:
        return DeadlineState.PUBLISHED
    if today < deadline:
        return DeadlineState.DUE
    if today == deadline:
        return DeadlineState.DUE_TODAY
    return DeadlineState.OVERDUE


def _step_back(day: date) -> date:
    try:
        return day - _DAY
    except OverflowError:
        raise ValueError("the meeting is too near the start of the calendar") from None
