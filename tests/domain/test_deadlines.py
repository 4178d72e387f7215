"""Publication deadlines in clear days, checked by hand against the calendar, on the real
England and Wales bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny_desk.domain.deadlines import (
    DeadlineState,
    count_clear_days,
    deadline_state,
    is_working_day,
    publication_deadline,
)
from scrutiny_desk.domain.records import DEFAULT_CLEAR_DAYS
from scrutiny_desk.services.calendar_rules import clear_day_exclusions, is_bank_holiday


def no_holidays(day: date) -> bool:
    return False


def deadline(meeting_day: date, clear_days: int = DEFAULT_CLEAR_DAYS) -> date:
    return publication_deadline(meeting_day, clear_days, is_bank_holiday)


def test_the_spec_example_published_monday_meets_tuesday_of_the_next_week() -> None:
    # Clear: Mon 7, Fri 4, Thu 3, Wed 2, Tue 1 December.
    assert deadline(date(2026, 12, 8)) == date(2026, 11, 30)
    assert date(2026, 11, 30).weekday() == 0
    assert count_clear_days(date(2026, 11, 30), date(2026, 12, 8), is_bank_holiday) == 5
    # A day later is a day short.
    assert count_clear_days(date(2026, 12, 1), date(2026, 12, 8), is_bank_holiday) == 4


def test_a_deadline_that_would_fall_at_the_weekend_moves_back_to_friday() -> None:
    # Meeting Monday 7 December: clear Fri 4 back to Mon 30 November, so publishing on
    # Sunday 29th would do on paper; the offices are shut, so the deadline is Friday 27th.
    assert deadline(date(2026, 12, 7)) == date(2026, 11, 27)


def test_a_meeting_the_day_after_easter_monday_2026() -> None:
    # Mon 6 Apr and Fri 3 Apr are bank holidays: clear Thu 2, Wed 1, Tue 31, Mon 30, Fri 27.
    assert deadline(date(2026, 4, 7)) == date(2026, 3, 26)


def test_a_monday_meeting_the_week_after_easter_monday_2026() -> None:
    # Clear Fri 10, Thu 9, Wed 8, Tue 7 April, then (past Easter) Thu 2 April.
    assert deadline(date(2026, 4, 13)) == date(2026, 4, 1)


def test_a_monday_meeting_after_the_spring_bank_holiday_2026() -> None:
    # Clear Fri 29 to Tue 26 May; Mon 25 is a bank holiday, so Fri 22 is the fifth.
    assert deadline(date(2026, 6, 1)) == date(2026, 5, 21)
    # Without the bank holiday, Mon 25 would be the fifth and Fri 22 the deadline.
    assert publication_deadline(date(2026, 6, 1), 5, no_holidays) == date(2026, 5, 22)


def test_a_meeting_after_easter_2027() -> None:
    # Clear Wed 31, Tue 30 March; Easter Mon 29, Good Fri 26; then Thu 25, Wed 24, Tue 23.
    assert deadline(date(2027, 4, 1)) == date(2027, 3, 22)


def test_a_meeting_after_christmas_and_new_year_2026() -> None:
    # Fri 25 Dec, Mon 28 Dec (Boxing Day substitute) and Fri 1 Jan are bank holidays:
    # clear Mon 4 Jan, Thu 31, Wed 30, Tue 29 and Thu 24 December.
    assert deadline(date(2027, 1, 5)) == date(2026, 12, 23)


def test_a_council_that_also_leaves_out_christmas_eve() -> None:
    with_eve = clear_day_exclusions(christmas_eve=True)
    assert publication_deadline(date(2027, 1, 5), 5, with_eve) == date(2026, 12, 22)
    assert publication_deadline(date(2027, 1, 5), 5, clear_day_exclusions()) == date(2026, 12, 23)


def test_a_meeting_after_christmas_and_new_year_2027() -> None:
    # Christmas falls at the weekend: Mon 27 and Tue 28 December are the substitute
    # days, and New Year's Day (a Saturday) moves to Mon 3 January 2028.
    # Clear Tue 4 Jan, Fri 31, Thu 30, Wed 29 and Fri 24 December.
    assert deadline(date(2028, 1, 5)) == date(2027, 12, 23)


def test_three_clear_days_as_in_wales() -> None:
    # Meeting Thursday 10 December 2026: clear Wed 9, Tue 8, Mon 7.
    assert deadline(date(2026, 12, 10), 3) == date(2026, 12, 4)


def test_zero_clear_days_is_the_working_day_before() -> None:
    assert deadline(date(2026, 12, 8), 0) == date(2026, 12, 7)
    assert deadline(date(2026, 12, 29), 0) == date(2026, 12, 24)


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        deadline(date(2026, 12, 8), -1)


def test_a_calendar_without_working_days_is_refused_not_looped_on() -> None:
    with pytest.raises(ValueError, match="no working day"):
        publication_deadline(date(2026, 12, 8), 5, lambda day: True)


def test_the_start_of_the_calendar_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="start of the calendar"):
        publication_deadline(date(1, 1, 3), 5, no_holidays)


def test_working_days() -> None:
    assert is_working_day(date(2026, 12, 24), is_bank_holiday)
    assert not is_working_day(date(2026, 12, 25), is_bank_holiday)
    assert not is_working_day(date(2026, 12, 26), is_bank_holiday)  # Saturday
    assert not is_working_day(date(2026, 12, 28), is_bank_holiday)  # substitute day


def test_clear_days_given_by_a_late_agenda() -> None:
    meeting = date(2026, 12, 8)
    assert count_clear_days(date(2026, 12, 3), meeting, is_bank_holiday) == 2
    assert count_clear_days(date(2026, 12, 7), meeting, is_bank_holiday) == 0
    assert count_clear_days(meeting, meeting, is_bank_holiday) == 0
    assert count_clear_days(date(2026, 12, 10), meeting, is_bank_holiday) == 0


# States ---------------------------------------------------------------------------------

DEADLINE = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("today", "published_on", "state"),
    [
        (date(2026, 11, 23), None, DeadlineState.DUE),
        (date(2026, 11, 29), None, DeadlineState.DUE),
        (date(2026, 11, 30), None, DeadlineState.DUE_TODAY),
        (date(2026, 12, 1), None, DeadlineState.OVERDUE),
        (date(2026, 12, 9), None, DeadlineState.OVERDUE),
        (date(2026, 11, 30), date(2026, 11, 27), DeadlineState.PUBLISHED),
        (date(2026, 11, 23), date(2026, 11, 20), DeadlineState.PUBLISHED),
        # Published late is still published; count_clear_days tells how late.
        (date(2026, 12, 4), date(2026, 12, 3), DeadlineState.PUBLISHED),
    ],
)
def test_deadline_state(today: date, published_on: date | None, state: DeadlineState) -> None:
    assert deadline_state(DEADLINE, today, published_on) is state


# Properties over the real calendar ------------------------------------------------------


@given(
    meeting_day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    clear_days=st.integers(min_value=0, max_value=10),
)
def test_the_deadline_is_the_last_working_day_that_leaves_enough_clear_days(
    meeting_day: date, clear_days: int
) -> None:
    found = deadline(meeting_day, clear_days)
    assert is_working_day(found, is_bank_holiday)
    assert count_clear_days(found, meeting_day, is_bank_holiday) >= clear_days
    day = found + timedelta(days=1)
    while day < meeting_day:
        if is_working_day(day, is_bank_holiday):
            assert count_clear_days(day, meeting_day, is_bank_holiday) < clear_days
        day += timedelta(days=1)
