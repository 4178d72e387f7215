"""Local wall-clock times in a review's zone: existence, UTC both ways, parsing, zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import available_timezones

import pytest

from scrutiny_desk.domain.localtime import (
    DEFAULT_TIMEZONE,
    exists_locally,
    format_instant,
    format_local,
    from_utc,
    is_known_zone,
    parse_date,
    parse_instant,
    parse_local,
    to_utc,
    zone,
)

LONDON = "Europe/London"
SPRING = date(2026, 3, 29)  # clocks go forward at 01:00 GMT
AUTUMN = date(2026, 10, 25)  # clocks go back at 02:00 BST


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def quarter_hours(day: date) -> list[datetime]:
    return [at(day, 0) + n * timedelta(minutes=15) for n in range(96)]


# Existence ---------------------------------------------------------------------------


def test_default_zone_is_london() -> None:
    assert DEFAULT_TIMEZONE == LONDON


@pytest.mark.parametrize("minute", [0, 1, 30, 59])
def test_the_skipped_spring_hour_does_not_exist(minute: int) -> None:
    assert not exists_locally(at(SPRING, 1, minute), LONDON)


@pytest.mark.parametrize("local", [at(SPRING, 0, 59), at(SPRING, 2, 0), at(SPRING, 3, 0)])
def test_times_around_the_skipped_hour_exist(local: datetime) -> None:
    assert exists_locally(local, LONDON)


def test_exactly_one_hour_of_quarter_hours_is_missing_each_year() -> None:
    missing = [t for t in quarter_hours(SPRING) if not exists_locally(t, LONDON)]
    assert missing == [at(SPRING, 1, m) for m in (0, 15, 30, 45)]
    assert all(exists_locally(t, LONDON) for t in quarter_hours(AUTUMN))
    assert all(exists_locally(t, LONDON) for t in quarter_hours(date(2026, 3, 28)))


def test_the_repeated_autumn_hour_exists() -> None:
    assert exists_locally(at(AUTUMN, 1, 30), LONDON)


def test_existence_depends_on_the_zone() -> None:
    # New York springs forward on 8 March 2026 at 02:00; London's hour is fine there.
    assert exists_locally(at(SPRING, 1, 30), "America/New_York")
    assert not exists_locally(datetime(2026, 3, 8, 2, 30), "America/New_York")
    assert exists_locally(at(SPRING, 1, 30), "UTC")


# To and from UTC -----------------------------------------------------------------------


def test_a_nonexistent_time_has_no_utc_instant() -> None:
    with pytest.raises(ValueError, match=r"2026-03-29T01:30 does not exist in Europe/London"):
        to_utc(at(SPRING, 1, 30), LONDON)


def test_an_ambiguous_time_means_its_first_occurrence() -> None:
    assert to_utc(at(AUTUMN, 1, 30), LONDON) == utc(2026, 10, 25, 0, 30)
    assert to_utc(at(AUTUMN, 1, 0), LONDON) == utc(2026, 10, 25, 0, 0)
    assert to_utc(at(AUTUMN, 0, 59), LONDON) == utc(2026, 10, 24, 23, 59)
    assert to_utc(at(AUTUMN, 2, 0), LONDON) == utc(2026, 10, 25, 2, 0)


def test_a_second_occurrence_given_with_fold_still_means_the_first() -> None:
    second = at(AUTUMN, 1, 30).replace(fold=1)
    assert to_utc(second, LONDON) == utc(2026, 10, 25, 0, 30)


def test_gmt_before_and_bst_after_the_spring_change() -> None:
    assert to_utc(datetime(2026, 3, 28, 10, 0), LONDON) == utc(2026, 3, 28, 10, 0)  # Saturday
    assert to_utc(datetime(2026, 3, 30, 10, 0), LONDON) == utc(2026, 3, 30, 9, 0)  # Monday


def test_to_utc_returns_an_aware_utc_instant() -> None:
    instant = to_utc(datetime(2026, 7, 1, 12, 0), LONDON)
    assert instant.utcoffset() == timedelta(0)
    assert instant == utc(2026, 7, 1, 11, 0)


def test_from_utc_gives_wall_clock_time() -> None:
    assert from_utc(utc(2026, 3, 28, 10, 0), LONDON) == datetime(2026, 3, 28, 10, 0)
    assert from_utc(utc(2026, 3, 30, 9, 0), LONDON) == datetime(2026, 3, 30, 10, 0)
    assert from_utc(utc(2026, 3, 29, 1, 0), LONDON) == at(SPRING, 2, 0)
    # Both 00:30Z and 01:30Z read 01:30 on the clock in London on 25 October 2026.
    assert from_utc(utc(2026, 10, 25, 0, 30), LONDON) == at(AUTUMN, 1, 30)
    assert from_utc(utc(2026, 10, 25, 1, 30), LONDON) == at(AUTUMN, 1, 30)
    assert from_utc(utc(2026, 10, 25, 1, 30), LONDON).tzinfo is None


def test_from_utc_accepts_any_aware_instant() -> None:
    kolkata = datetime(2026, 3, 30, 14, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert from_utc(kolkata, LONDON) == datetime(2026, 3, 30, 10, 0)


@pytest.mark.parametrize("day", [SPRING, AUTUMN], ids=["spring", "autumn"])
def test_local_to_utc_and_back_is_the_same_wall_clock(day: date) -> None:
    for local in quarter_hours(day):
        if exists_locally(local, LONDON):
            assert from_utc(to_utc(local, LONDON), LONDON) == local


def test_utc_to_local_and_back_loses_only_the_second_occurrence() -> None:
    start = utc(2026, 10, 24, 22, 0)
    for n in range(24):
        instant = start + n * timedelta(minutes=15)
        back = to_utc(from_utc(instant, LONDON), LONDON)
        in_second_occurrence = utc(2026, 10, 25, 1, 0) <= instant < utc(2026, 10, 25, 2, 0)
        assert back == (instant - timedelta(hours=1) if in_second_occurrence else instant)


# Parsing and formatting ------------------------------------------------------------------


def test_parse_local_reads_the_format() -> None:
    assert parse_local("2026-03-29T01:30") == at(SPRING, 1, 30)  # existence is not its job
    assert parse_local("0001-01-01T00:00") == datetime(1, 1, 1)
    assert parse_local("9999-12-31T23:59") == datetime(9999, 12, 31, 23, 59)
    assert parse_local("2026-03-29T01:30").tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-03-29",
        "2026-03-29 01:30",
        "2026-03-29T01:30:00",
        "2026-03-29T01:30Z",
        "2026-03-29T01:30+01:00",
        " 2026-03-29T01:30",
        "2026-03-29T01:30\n",
        "2026-02-29T10:00",
        "2026-03-29T24:00",
        "2026-03-29T10:60",
        "2026-13-01T10:00",
        "02026-03-29T01:30",
    ],
)
def test_parse_local_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a local date and time \(YYYY-MM-DDTHH:MM\)"):
        parse_local(text)


def test_parse_local_refuses_non_text() -> None:
    with pytest.raises(ValueError, match="is not a local date and time"):
        parse_local(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["2026-3-9T1:5", "2026-03-29T1:30", "2026-03-29t01:30"])
def test_parse_local_refuses_unpadded_or_lower_case(text: str) -> None:
    with pytest.raises(ValueError):
        parse_local(text)


def test_format_local_is_the_inverse_of_parse_local() -> None:
    for text in ("2026-10-25T01:30", "1000-01-01T00:00", "9999-12-31T23:59"):
        assert format_local(parse_local(text)) == text
    assert format_local(datetime(2026, 1, 2, 3, 4, 59, 999)) == "2026-01-02T03:04"


@pytest.mark.parametrize("text", ["0999-12-31T10:00", "0001-01-01T00:00"])
def test_format_local_pads_years_before_1000(text: str) -> None:
    assert format_local(parse_local(text)) == text


def test_parse_date() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    for text in ("2026-02-29", "2026-3-29", "20260329", "2026-03-29T00:00", "", "29/03/2026"):
        with pytest.raises(ValueError, match=r"is not a date \(YYYY-MM-DD\)"):
            parse_date(text)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(None)  # type: ignore[arg-type]


def test_parse_date_refuses_week_dates() -> None:
    with pytest.raises(ValueError):
        parse_date("2026-W13-7")


def test_parse_instant_needs_an_offset() -> None:
    assert parse_instant("2007-03-22T14:40:00Z") == utc(2007, 3, 22, 14, 40)
    assert parse_instant("2007-03-22T14:40:00Z").utcoffset() == timedelta(0)
    kathmandu = parse_instant("2007-03-22T14:40:00.123+05:45")
    assert kathmandu.utcoffset() == timedelta(hours=5, minutes=45)
    assert kathmandu.microsecond == 123000
    assert parse_instant("2007-03-22T14:40-03:30") == utc(2007, 3, 22, 18, 10)
    with pytest.raises(ValueError, match=r"has no UTC offset \(add one, e.g. \+00:00\)"):
        parse_instant("2007-03-22T14:40:00")
    for bad in ("", "yesterday", "2007-03-22T14:40:00+24:00", "2007-02-30T00:00:00Z"):
        with pytest.raises(ValueError, match="is not an ISO 8601 date and time"):
            parse_instant(bad)
    with pytest.raises(ValueError):
        parse_instant(None)  # type: ignore[arg-type]


def test_format_instant_always_writes_seconds_and_only_real_fractions() -> None:
    assert format_instant(utc(2007, 3, 22, 14, 40)) == "2007-03-22T14:40:00+00:00"
    assert format_instant(utc(2007, 3, 22, 14, 40, 5, 1)) == "2007-03-22T14:40:05.000001+00:00"
    assert format_instant(utc(2007, 3, 22, 14, 40, 5, 500000)) == (
        "2007-03-22T14:40:05.500000+00:00"
    )
    minus = datetime(2007, 3, 22, 14, 40, tzinfo=timezone(-timedelta(hours=3, minutes=30)))
    assert format_instant(minus) == "2007-03-22T14:40:00-03:30"


@pytest.mark.parametrize(
    "text",
    [
        "2007-03-22T14:40:00+00:00",
        "2007-03-22T14:40:00.000001-23:59",
        "2026-10-25T01:30:00+01:00",
        "2026-10-25T01:30:00+00:00",
    ],
)
def test_format_instant_round_trips_with_its_offset(text: str) -> None:
    parsed = parse_instant(text)
    assert format_instant(parsed) == text
    assert parse_instant(format_instant(parsed)).utcoffset() == parsed.utcoffset()


# Zones ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [LONDON, "UTC", "America/New_York", "Australia/Lord_Howe"])
def test_known_zones(name: str) -> None:
    assert is_known_zone(name)
    assert zone(name).key == name


@pytest.mark.parametrize(
    "name",
    [
        "",
        "../etc/passwd",
        "../../../../etc/passwd",
        "/etc/passwd",
        "/usr/share/zoneinfo/Europe/London",
        "Europe/../../etc/passwd",
        "Europe/London\x00",
        ".",
        "..",
        "Mars/Olympus",
        "europe/london",
        "Europe/London/",
        " Europe/London",
        "Europe\\London",
        "GMT+0 ; rm -rf /",
    ],
)
def test_unknown_and_hostile_zone_names_are_refused(name: str) -> None:
    assert not is_known_zone(name)
    with pytest.raises(ValueError, match=r"is not a (known )?time zone"):
        zone(name)
    with pytest.raises(ValueError):
        to_utc(datetime(2026, 7, 1, 12, 0), name)
    with pytest.raises(ValueError):
        from_utc(utc(2026, 7, 1, 12, 0), name)
    with pytest.raises(ValueError):
        exists_locally(datetime(2026, 7, 1, 12, 0), name)


@pytest.mark.skipif(
    "localtime" not in available_timezones(),
    reason="this system has no zoneinfo entry called 'localtime'",
)
def test_the_host_zone_alias_is_not_a_review_zone() -> None:
    assert not is_known_zone("localtime")
