"""Series of meetings set the way committees set them, previewed before they are made.

"The third Wednesday of every month from September to July, 2.00 pm to 4.30 pm": a
``SeriesRule`` says that, ``expand`` turns it into the dates to create and the dates
left out (bank holidays, months without meetings, days the clerk struck out), each with
its reason, so the clerk sees both lists before anything is saved.

The bank-holiday calendar is passed in as data (date to name): the domain knows no
calendar of its own, so the same rule previews the same way in tests and in the app.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple

from .enums import MeetingKind
from .errors import Problem, ValidationError
from .rules import text_problem
from .wording import MONTHS, WEEKDAYS, clock, day_month_year, joined

MAX_MEETINGS = 500
# Dates looked at before giving up on a rule that runs for centuries.
_SCAN_LIMIT = 20 * MAX_MEETINGS

_ORDINALS = ("first", "second", "third", "fourth")
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")


class SeriesKind(StrEnum):
    NTH_WEEKDAY_MONTHLY = "nth-weekday-monthly"  # the third Wednesday
    LAST_WEEKDAY_MONTHLY = "last-weekday-monthly"  # the last Friday
    WEEKLY = "weekly"  # every (N weeks on a) Tuesday
    MONTHLY_ON_DAY = "monthly-on-day"  # the 15th

    @property
    def uses_weekday(self) -> bool:
        return self is not SeriesKind.MONTHLY_ON_DAY


@dataclass(frozen=True)
class SeriesRule:
    """A series as the clerk describes it.

    ``first`` and ``last`` bound the series, both included. ``weekday`` (0 is Monday)
    serves the weekday kinds, ``ordinal`` (1 to 4) the nth-weekday kind and ``day``
    (1 to 28, a day every month has) the day-of-month kind. ``interval`` is in weeks for
    a weekly series and in months otherwise, counted from the month of ``first``.
    ``title`` may hold ``{n}`` (the meeting's number in the series, from
    ``first_number``), ``{date}``, ``{month}`` and ``{year}``.
    """

    kind: SeriesKind
    first: date
    last: date
    start: time
    end: time
    title: str
    weekday: int = 0
    ordinal: int = 1
    day: int = 1
    interval: int = 1
    venue: str | None = None
    meeting_kind: MeetingKind = MeetingKind.OTHER
    skip_months: frozenset[int] = field(default_factory=frozenset)
    first_number: int = 1

    def describe(self) -> str:
        """``The third Wednesday of every month from 16 September 2026 to 21 July 2027,
        2.00 pm to 4.30 pm``, with the months left out after a semicolon."""
        text = (
            f"{self._pattern()} from {day_month_year(self.first)} to {day_month_year(self.last)}, "
            f"{clock(self.start)} to {clock(self.end)}"
        )
        months = [MONTHS[m - 1] for m in sorted(self.skip_months) if 1 <= m <= 12]
        if months:
            text += f"; no meetings in {joined(months)}"
        return text

    def _pattern(self) -> str:
        n = self.interval
        weekday = WEEKDAYS[self.weekday] if 0 <= self.weekday <= 6 else "?"
        if self.kind is SeriesKind.WEEKLY:
            return f"Every {weekday}" if n == 1 else f"Every {_number(n)} weeks on {weekday}"
        if self.kind is SeriesKind.NTH_WEEKDAY_MONTHLY:
            nth = _ORDINALS[self.ordinal - 1] if 1 <= self.ordinal <= 4 else "?"
            which = f"The {nth} {weekday}"
        elif self.kind is SeriesKind.LAST_WEEKDAY_MONTHLY:
            which = f"The last {weekday}"
        else:
            which = f"The {ordinal_suffix(self.day)}"
        return (
            f"{which} of every month"
            if n == 1
            else f"{which} of the month, every {_number(n)} months"
        )


class PlannedMeeting(NamedTuple):
    """One meeting the series would create."""

    day: date
    title: str
    start: datetime
    end: datetime
    venue: str | None
    kind: MeetingKind


class SkippedDate(NamedTuple):
    """A date the pattern gives that will not have a meeting, and why."""

    day: date
    reason: str


@dataclass(frozen=True)
class SeriesPreview:
    rule: SeriesRule
    meetings: tuple[PlannedMeeting, ...]
    skipped: tuple[SkippedDate, ...]

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(m.day for m in self.meetings)


def check_series(rule: SeriesRule) -> list[Problem]:
    """Every way the rule is unusable, named by the field a clerk would correct."""
    problems: list[Problem] = []

    def add(path: str, message: str) -> None:
        problems.append(Problem(f"series.{path}", message))

    if not rule.title.strip():
        add("title", "must not be empty")
    elif why := text_problem(rule.title):
        add("title", why)
    if rule.venue is not None and (why := text_problem(rule.venue)):
        add("venue", why)
    if rule.end <= rule.start:
        add("end", f"must be after the start time ({clock(rule.start)})")
    if rule.last < rule.first:
        add("last", f"must be on or after the first date ({day_month_year(rule.first)})")
    if rule.kind.uses_weekday and not 0 <= rule.weekday <= 6:
        add("weekday", "must be a day of the week, Monday (0) to Sunday (6)")
    if rule.kind is SeriesKind.NTH_WEEKDAY_MONTHLY and not 1 <= rule.ordinal <= 4:
        add("ordinal", "must be first to fourth; for a fifth, choose the last weekday")
    if rule.kind is SeriesKind.MONTHLY_ON_DAY and not 1 <= rule.day <= 28:
        add("day", "must be from 1 to 28, a day every month has; or choose the last weekday")
    if rule.interval < 1:
        add("interval", "must be 1 or more")
    if any(not 1 <= m <= 12 for m in rule.skip_months):
        add("skip_months", "months are numbered 1 (January) to 12 (December)")
    if rule.first_number < 0:
        add("first_number", "must be 0 or more")
    return problems


def expand(
    rule: SeriesRule,
    holidays: Mapping[date, str],
    skip_dates: frozenset[date] = frozenset(),
) -> SeriesPreview:
    """The meetings the rule creates and the dates it leaves out, both in date order.

    ``holidays`` maps each bank holiday to its name and must cover the years from
    ``rule.first`` to ``rule.last``. A day-of-month series also leaves out weekends:
    "the 15th" means a working day. ValidationError if the rule is unusable or would
    make more than ``MAX_MEETINGS`` meetings.
    """
    problems = check_series(rule)
    if problems:
        raise ValidationError(problems)
    days: list[date] = []
    skipped: list[SkippedDate] = []
    for scanned, day in enumerate(_candidates(rule), start=1):
        if scanned > _SCAN_LIMIT:
            raise ValidationError(
                Problem(
                    "series.last",
                    f"The series runs too long: it would create more than {MAX_MEETINGS} meetings",
                )
            )
        reason = _skip_reason(rule, day, holidays, skip_dates)
        if reason is None:
            days.append(day)
        else:
            skipped.append(SkippedDate(day, reason))
    if len(days) > MAX_MEETINGS:
        raise ValidationError(
            Problem(
                "series.last",
                f"The series would create {len(days):,} meetings; the most is {MAX_MEETINGS}",
            )
        )
    meetings = tuple(
        PlannedMeeting(
            day=day,
            title=series_title(rule.title, day, rule.first_number + i),
            start=datetime.combine(day, rule.start),
            end=datetime.combine(day, rule.end),
            venue=rule.venue,
            kind=rule.meeting_kind,
        )
        for i, day in enumerate(days)
    )
    return SeriesPreview(rule, meetings, tuple(skipped))


def series_title(pattern: str, day: date, number: int) -> str:
    """The title with its placeholders filled; other braces are left as they are."""
    return (
        pattern.replace("{n}", str(number))
        .replace("{date}", day_month_year(day))
        .replace("{month}", MONTHS[day.month - 1])
        .replace("{year}", str(day.year))
    )


def _skip_reason(
    rule: SeriesRule, day: date, holidays: Mapping[date, str], skip_dates: frozenset[date]
) -> str | None:
    if day.month in rule.skip_months:
        return f"no meetings in {MONTHS[day.month - 1]}"
    name = holidays.get(day)
    if name is not None:
        return f"bank holiday: {name}"
    if day in skip_dates:
        return "left out of the series"
    if rule.kind is SeriesKind.MONTHLY_ON_DAY and day.weekday() >= 5:
        return f"falls on a {WEEKDAYS[day.weekday()]}"
    return None


def _candidates(rule: SeriesRule) -> Iterator[date]:
    """Every date the pattern gives from ``first`` to ``last``, before anything is left out."""
    if rule.kind is SeriesKind.WEEKLY:
        step = timedelta(weeks=rule.interval)
        day = rule.first + timedelta(days=(rule.weekday - rule.first.weekday()) % 7)
        while day <= rule.last:
            yield day
            if rule.last - day < step:
                return
            day += step
        return
    index = rule.first.year * 12 + rule.first.month - 1
    end = rule.last.year * 12 + rule.last.month - 1
    while index <= end:
        day = _in_month(rule, index // 12, index % 12 + 1)
        if rule.first <= day <= rule.last:
            yield day
        index += rule.interval


def _in_month(rule: SeriesRule, year: int, month: int) -> date:
    if rule.kind is SeriesKind.MONTHLY_ON_DAY:
        return date(year, month, rule.day)
    if rule.kind is SeriesKind.NTH_WEEKDAY_MONTHLY:
        offset = (rule.weekday - date(year, month, 1).weekday()) % 7
        return date(year, month, 1 + offset + 7 * (rule.ordinal - 1))
    last = _last_of_month(year, month)
    return last - timedelta(days=(last.weekday() - rule.weekday) % 7)


def _last_of_month(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


# The words of a series pattern (dates and times: ``wording``). -----------------------


def ordinal_suffix(n: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``23rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIXES.get(n % 10, "th")
    return f"{n}{suffix}"


def _number(n: int) -> str:
    return _NUMBERS[n - 2] if 2 <= n <= len(_NUMBERS) + 1 else str(n)
