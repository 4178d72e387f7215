"""England and Wales bank holidays from the `holidays` package's bundled data."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from scrutiny_desk.services.calendar_rules import (
    bank_holiday_name,
    clear_day_exclusions,
    england_and_wales_holidays,
    holidays_between,
    is_bank_holiday,
)


def test_the_bank_holidays_of_2026_as_gov_uk_lists_them() -> None:
    assert dict(england_and_wales_holidays(range(2026, 2027))) == {
        date(2026, 1, 1): "New Year's Day",
        date(2026, 4, 3): "Good Friday",
        date(2026, 4, 6): "Easter Monday",
        date(2026, 5, 4): "May Day",
        date(2026, 5, 25): "Spring Bank Holiday",
        date(2026, 8, 31): "Late Summer Bank Holiday",
        date(2026, 12, 25): "Christmas Day",
        # Boxing Day is a Saturday; its bank holiday is the Monday.
        date(2026, 12, 28): "Boxing Day (substitute day)",
    }


def test_christmas_at_the_weekend_in_2027_moves_both_days() -> None:
    days = england_and_wales_holidays(range(2027, 2029))
    assert days[date(2027, 12, 27)] == "Christmas Day (substitute day)"
    assert days[date(2027, 12, 28)] == "Boxing Day (substitute day)"
    assert days[date(2028, 1, 3)] == "New Year's Day (substitute day)"
    assert date(2027, 12, 25) not in days
    assert date(2028, 1, 1) not in days


def test_one_off_bank_holidays_are_included() -> None:
    days = england_and_wales_holidays(range(2022, 2024))
    assert days[date(2022, 6, 3)] == "Platinum Jubilee of Elizabeth II"
    assert days[date(2022, 9, 19)] == "State Funeral of Queen Elizabeth II"
    assert days[date(2023, 5, 8)] == "Coronation of Charles III"


def test_no_scottish_or_northern_irish_holidays() -> None:
    days = england_and_wales_holidays(range(2026, 2027))
    assert date(2026, 1, 2) not in days  # Scotland's second of January
    assert date(2026, 11, 30) not in days  # St Andrew's Day
    assert date(2026, 3, 17) not in days  # St Patrick's Day
    assert date(2026, 8, 3) not in days  # Scotland's summer bank holiday


def test_england_and_wales_share_one_calendar() -> None:
    years = range(1990, 2101)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert dict(england) == dict(wales)


def test_only_weekdays_are_bank_holidays() -> None:
    days = england_and_wales_holidays(range(2000, 2051))
    assert all(day.weekday() < 5 for day in days)
    assert len(days) >= 8 * 51


def test_years_span_a_series_and_are_in_date_order() -> None:
    days = holidays_between(date(2026, 9, 1), date(2027, 7, 31))
    assert min(days) == date(2026, 1, 1)
    assert max(days) == date(2027, 12, 28)
    assert list(days) == sorted(days)


def test_results_are_cached_and_read_only() -> None:
    first = england_and_wales_holidays(range(2026, 2028))
    assert england_and_wales_holidays(range(2026, 2028)) is first
    with pytest.raises(TypeError):
        first[date(2026, 12, 24)] = "Christmas Eve"  # type: ignore[index]
    assert date(2026, 12, 24) not in england_and_wales_holidays(range(2026, 2028))


def test_years_without_data_have_no_bank_holidays() -> None:
    assert dict(england_and_wales_holidays(range(2101, 2103))) == {}
    assert dict(england_and_wales_holidays(range(0, 2))) == {}
    assert not is_bank_holiday(date(9999, 12, 27))


def test_one_day_at_a_time() -> None:
    assert is_bank_holiday(date(2027, 3, 29))
    assert not is_bank_holiday(date(2027, 3, 30))
    assert not is_bank_holiday(date(2026, 12, 26))  # a Saturday
    assert bank_holiday_name(date(2027, 3, 26)) == "Good Friday"
    assert bank_holiday_name(date(2027, 3, 25)) is None


def test_clear_day_exclusions() -> None:
    plain = clear_day_exclusions()
    with_eve = clear_day_exclusions(christmas_eve=True)
    assert plain(date(2026, 12, 25)) and with_eve(date(2026, 12, 25))
    assert not plain(date(2026, 12, 24))
    assert with_eve(date(2026, 12, 24))
    assert not with_eve(date(2026, 12, 23))
