"""Series of meetings: the dates a rule gives, what it leaves out and why, and the
refusals a clerk sees, on real England and Wales bank holidays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from scrutiny_desk.domain.enums import MeetingKind
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.recurrence import (
    MAX_MEETINGS,
    SeriesKind,
    SeriesPreview,
    SeriesRule,
    SkippedDate,
    expand,
    ordinal_suffix,
    series_title,
)
from scrutiny_desk.services.calendar_rules import holidays_between

WED, FRI, MON = 2, 4, 0

THIRD_WEDNESDAY = SeriesRule(
    SeriesKind.NTH_WEEKDAY_MONTHLY,
    first=date(2026, 9, 1),
    last=date(2027, 7, 31),
    start=time(14, 0),
    end=time(16, 30),
    title="Panel meeting",
    weekday=WED,
    ordinal=3,
    venue="Committee Room 1",
    meeting_kind=MeetingKind.EVIDENCE,
)


def preview(rule: SeriesRule, skip_dates: frozenset[date] = frozenset()) -> SeriesPreview:
    return expand(rule, holidays_between(rule.first, rule.last), skip_dates)


def problems(rule: SeriesRule) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        preview(rule)
    return {p.path: p.message for p in caught.value.problems}


# The patterns --------------------------------------------------------------------------


def test_third_wednesday_september_to_july_gives_eleven_meetings_none_in_august() -> None:
    result = preview(THIRD_WEDNESDAY)
    assert result.dates == (
        date(2026, 9, 16),
        date(2026, 10, 21),
        date(2026, 11, 18),
        date(2026, 12, 16),
        date(2027, 1, 20),
        date(2027, 2, 17),
        date(2027, 3, 17),
        date(2027, 4, 21),
        date(2027, 5, 19),
        date(2027, 6, 16),
        date(2027, 7, 21),
    )
    assert all(d.weekday() == WED and 15 <= d.day <= 21 for d in result.dates)
    assert result.skipped == ()
    first = result.meetings[0]
    assert first.start == datetime(2026, 9, 16, 14, 0)
    assert first.end == datetime(2026, 9, 16, 16, 30)
    assert first.venue == "Committee Room 1"
    assert first.kind is MeetingKind.EVIDENCE
    assert first.title == "Panel meeting"


def test_nth_weekday_when_the_month_starts_on_that_weekday() -> None:
    # 1 July 2026 is a Wednesday: the first Wednesday is the 1st, the fourth the 22nd.
    rule = replace(THIRD_WEDNESDAY, first=date(2026, 7, 1), last=date(2026, 7, 31), ordinal=1)
    assert preview(rule).dates == (date(2026, 7, 1),)
    assert preview(replace(rule, ordinal=4)).dates == (date(2026, 7, 22),)


def test_a_first_date_after_that_months_occurrence_starts_the_next_month() -> None:
    rule = replace(THIRD_WEDNESDAY, first=date(2026, 9, 17), last=date(2026, 11, 30))
    assert preview(rule).dates == (date(2026, 10, 21), date(2026, 11, 18))


def test_last_friday_of_the_month() -> None:
    rule = replace(
        THIRD_WEDNESDAY,
        kind=SeriesKind.LAST_WEEKDAY_MONTHLY,
        weekday=FRI,
        first=date(2027, 1, 1),
        last=date(2027, 4, 30),
    )
    # The last Friday of March 2027 is Good Friday (26 March).
    result = preview(rule)
    assert result.dates == (date(2027, 1, 29), date(2027, 2, 26), date(2027, 4, 30))
    assert result.skipped == (SkippedDate(date(2027, 3, 26), "bank holiday: Good Friday"),)


def test_last_weekday_in_february_of_a_leap_year() -> None:
    rule = replace(
        THIRD_WEDNESDAY,
        kind=SeriesKind.LAST_WEEKDAY_MONTHLY,
        weekday=1,
        first=date(2028, 2, 1),
        last=date(2028, 2, 29),
    )
    assert preview(rule).dates == (date(2028, 2, 29),)


def test_every_second_month_counts_from_the_first_month() -> None:
    rule = replace(THIRD_WEDNESDAY, interval=2)
    assert [d.month for d in preview(rule).dates] == [9, 11, 1, 3, 5, 7]


def test_weekly_on_fridays_skips_and_lists_christmas_and_new_year() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 12, 1),  # a Tuesday: the first Friday is the 4th
        last=date(2027, 1, 15),
        start=time(10, 0),
        end=time(12, 0),
        title="Evidence session {n}",
        weekday=FRI,
    )
    result = preview(rule)
    assert result.dates == (
        date(2026, 12, 4),
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2027, 1, 8),
        date(2027, 1, 15),
    )
    assert result.skipped == (
        SkippedDate(date(2026, 12, 25), "bank holiday: Christmas Day"),
        SkippedDate(date(2027, 1, 1), "bank holiday: New Year's Day"),
    )
    # Numbering runs over the meetings made, not the dates skipped.
    assert [m.title for m in result.meetings] == [f"Evidence session {n}" for n in range(1, 6)]


def test_every_two_weeks_on_monday_loses_easter_monday_2027() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2027, 3, 15),
        last=date(2027, 4, 30),
        start=time(18, 0),
        end=time(20, 0),
        title="Panel",
        weekday=MON,
        interval=2,
    )
    result = preview(rule)
    assert result.dates == (date(2027, 3, 15), date(2027, 4, 12), date(2027, 4, 26))
    assert result.skipped == (SkippedDate(date(2027, 3, 29), "bank holiday: Easter Monday"),)


def test_a_substitute_bank_holiday_is_named_as_such() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 12, 21),
        last=date(2026, 12, 31),
        start=time(10, 0),
        end=time(11, 0),
        title="Stand-up",
        weekday=MON,
    )
    assert preview(rule).skipped == (
        SkippedDate(date(2026, 12, 28), "bank holiday: Boxing Day (substitute day)"),
    )


def test_weekly_series_ending_on_the_last_date_includes_it() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 10, 7),
        last=date(2026, 10, 21),
        start=time(9, 0),
        end=time(10, 0),
        title="Panel",
        weekday=WED,
    )
    assert preview(rule).dates == (date(2026, 10, 7), date(2026, 10, 14), date(2026, 10, 21))


def test_monthly_on_the_15th_leaves_out_weekends() -> None:
    rule = SeriesRule(
        SeriesKind.MONTHLY_ON_DAY,
        first=date(2026, 9, 1),
        last=date(2026, 12, 31),
        start=time(10, 0),
        end=time(12, 0),
        title="Budget panel",
        day=15,
    )
    result = preview(rule)
    # 15 November 2026 is a Sunday.
    assert result.dates == (date(2026, 9, 15), date(2026, 10, 15), date(2026, 12, 15))
    assert result.skipped == (SkippedDate(date(2026, 11, 15), "falls on a Sunday"),)


def test_months_without_meetings_are_left_out_and_listed() -> None:
    rule = replace(
        THIRD_WEDNESDAY,
        first=date(2026, 6, 1),
        last=date(2026, 10, 31),
        skip_months=frozenset({8}),
    )
    result = preview(rule)
    assert result.dates == (
        date(2026, 6, 17),
        date(2026, 7, 15),
        date(2026, 9, 16),
        date(2026, 10, 21),
    )
    assert result.skipped == (SkippedDate(date(2026, 8, 19), "no meetings in August"),)


def test_a_month_left_out_is_the_reason_given_even_on_a_bank_holiday() -> None:
    rule = SeriesRule(
        SeriesKind.LAST_WEEKDAY_MONTHLY,
        first=date(2026, 7, 1),
        last=date(2026, 9, 30),
        start=time(10, 0),
        end=time(11, 0),
        title="Panel",
        weekday=MON,
        skip_months=frozenset({8}),
    )
    # The last Monday of August 2026 is the Late Summer Bank Holiday.
    assert preview(rule).skipped == (SkippedDate(date(2026, 8, 31), "no meetings in August"),)


def test_dates_struck_out_by_the_clerk_are_listed() -> None:
    result = preview(THIRD_WEDNESDAY, frozenset({date(2026, 12, 16), date(2026, 12, 17)}))
    assert date(2026, 12, 16) not in result.dates
    assert len(result.dates) == 10
    assert result.skipped == (SkippedDate(date(2026, 12, 16), "left out of the series"),)


def test_a_series_can_come_out_empty() -> None:
    rule = replace(THIRD_WEDNESDAY, first=date(2026, 9, 17), last=date(2026, 10, 20))
    result = preview(rule)
    assert result.meetings == ()
    assert result.skipped == ()


def test_the_holiday_calendar_is_data_passed_in() -> None:
    rule = replace(THIRD_WEDNESDAY, first=date(2026, 9, 1), last=date(2026, 10, 31))
    result = expand(rule, {date(2026, 10, 21): "Council closure day"})
    assert result.dates == (date(2026, 9, 16),)
    assert result.skipped == (SkippedDate(date(2026, 10, 21), "bank holiday: Council closure day"),)


def test_a_series_reaching_the_end_of_the_calendar_does_not_overflow() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(9999, 12, 1),
        last=date(9999, 12, 31),
        start=time(10, 0),
        end=time(11, 0),
        title="Panel",
        weekday=4,
    )
    assert preview(rule).dates[-1] == date(9999, 12, 31)


# Titles --------------------------------------------------------------------------------


def test_title_placeholders() -> None:
    day = date(2026, 9, 16)
    assert series_title("{n}. {month} {year}", day, 3) == "3. September 2026"
    assert series_title("Panel, {date}", day, 1) == "Panel, 16 September 2026"
    # Anything else in braces is text, not a format field.
    assert series_title("{0} {x.__class__} {", day, 1) == "{0} {x.__class__} {"


def test_numbering_can_continue_an_earlier_series() -> None:
    result = preview(replace(THIRD_WEDNESDAY, title="Meeting {n}", first_number=12))
    assert result.meetings[0].title == "Meeting 12"
    assert result.meetings[-1].title == "Meeting 22"


# Describing the rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        (
            {"first": date(2026, 9, 16), "last": date(2027, 7, 21)},
            "The third Wednesday of every month from 16 September 2026 to 21 July 2027, "
            "2.00 pm to 4.30 pm",
        ),
        (
            {"kind": SeriesKind.LAST_WEEKDAY_MONTHLY, "weekday": FRI, "interval": 2},
            "The last Friday of the month, every two months from 1 September 2026 to "
            "31 July 2027, 2.00 pm to 4.30 pm",
        ),
        (
            {"kind": SeriesKind.WEEKLY, "start": time(10), "end": time(12)},
            "Every Wednesday from 1 September 2026 to 31 July 2027, 10.00 am to 12.00 noon",
        ),
        (
            {"kind": SeriesKind.WEEKLY, "interval": 3, "weekday": MON},
            "Every three weeks on Monday from 1 September 2026 to 31 July 2027, 2.00 pm to 4.30 pm",
        ),
        (
            {"kind": SeriesKind.MONTHLY_ON_DAY, "day": 22, "skip_months": frozenset({12, 8})},
            "The 22nd of every month from 1 September 2026 to 31 July 2027, 2.00 pm to "
            "4.30 pm; no meetings in August and December",
        ),
    ],
)
def test_describe(changes: dict[str, object], text: str) -> None:
    assert replace(THIRD_WEDNESDAY, **changes).describe() == text  # type: ignore[arg-type]


def test_ordinal_suffixes() -> None:
    assert [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "28th",
    ]  # fmt: skip


# Refusals ------------------------------------------------------------------------------


def test_end_time_must_be_after_start_time() -> None:
    found = problems(replace(THIRD_WEDNESDAY, end=time(14, 0)))
    assert found == {"series.end": "must be after the start time (2.00 pm)"}


def test_last_date_must_not_be_before_the_first() -> None:
    found = problems(replace(THIRD_WEDNESDAY, last=date(2026, 8, 31)))
    assert found == {"series.last": "must be on or after the first date (1 September 2026)"}


def test_too_many_meetings_is_refused_with_the_count() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 1, 5),
        last=date(2037, 12, 31),
        start=time(10, 0),
        end=time(11, 0),
        title="Panel",
        weekday=MON,
    )
    found = problems(rule)
    message = found["series.last"]
    assert message.startswith("The series would create ")
    assert message.endswith(f"meetings; the most is {MAX_MEETINGS}")
    count = int(message.split()[4].replace(",", ""))
    assert 560 < count < 626  # 626 Mondays, less the bank holidays among them


def test_a_series_of_exactly_the_most_is_allowed() -> None:
    week = timedelta(weeks=1)
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 1, 3),  # Saturdays: no bank holidays to lose
        last=date(2026, 1, 3) + (MAX_MEETINGS - 1) * week,
        start=time(10, 0),
        end=time(11, 0),
        title="Panel",
        weekday=5,
    )
    assert len(preview(rule).dates) == MAX_MEETINGS
    with pytest.raises(ValidationError, match="would create 501 meetings"):
        preview(replace(rule, last=rule.last + week))


def test_a_series_for_centuries_is_refused_without_counting_every_date() -> None:
    rule = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2026, 1, 1),
        last=date(9999, 12, 31),
        start=time(10, 0),
        end=time(11, 0),
        title="Panel",
        weekday=MON,
    )
    message = expand_problems(rule)["series.last"]
    assert message == f"The series runs too long: it would create more than {MAX_MEETINGS} meetings"


def expand_problems(rule: SeriesRule) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        expand(rule, {})
    return {p.path: p.message for p in caught.value.problems}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"title": "  "}, "series.title"),
        ({"title": "Panel\x00"}, "series.title"),
        ({"venue": "Room\ud800"}, "series.venue"),
        ({"weekday": 7}, "series.weekday"),
        ({"weekday": -1}, "series.weekday"),
        ({"ordinal": 5}, "series.ordinal"),
        ({"ordinal": 0}, "series.ordinal"),
        ({"kind": SeriesKind.MONTHLY_ON_DAY, "day": 29}, "series.day"),
        ({"kind": SeriesKind.MONTHLY_ON_DAY, "day": 0}, "series.day"),
        ({"interval": 0}, "series.interval"),
        ({"skip_months": frozenset({13})}, "series.skip_months"),
        ({"first_number": -1}, "series.first_number"),
    ],
)
def test_each_unusable_field_is_named(changes: dict[str, object], path: str) -> None:
    assert list(expand_problems(replace(THIRD_WEDNESDAY, **changes))) == [path]  # type: ignore[arg-type]


def test_fields_a_kind_does_not_use_are_not_checked() -> None:
    # A day-of-month series has no weekday; a weekly one has no ordinal.
    monthly = replace(THIRD_WEDNESDAY, kind=SeriesKind.MONTHLY_ON_DAY, day=10, weekday=9)
    result = expand(monthly, {})
    assert len(result.dates) + len(result.skipped) == 11
    weekly = replace(THIRD_WEDNESDAY, kind=SeriesKind.WEEKLY, ordinal=9)
    assert expand(weekly, {}).dates[0] == date(2026, 9, 2)


def test_every_problem_is_reported_at_once() -> None:
    rule = replace(THIRD_WEDNESDAY, title="", end=time(9), last=date(2026, 1, 1))
    assert set(expand_problems(rule)) == {"series.title", "series.end", "series.last"}
