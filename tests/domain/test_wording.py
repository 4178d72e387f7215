"""The English words of the domain's messages: dates, times, counts, "a"/"an", lists."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from scrutiny_desk.domain.wording import (
    a_or_an,
    clock,
    day_month_year,
    joined,
    long_date,
    plural,
    short_date,
    word_for,
)

DAY = date(2027, 1, 19)


def test_the_three_dates_each_have_their_own_name() -> None:
    assert long_date(DAY) == "Tuesday 19 January 2027"
    assert day_month_year(DAY) == "19 January 2027"
    assert short_date(DAY) == "19 Jan 2027"


def test_a_datetime_is_a_date_too() -> None:
    assert long_date(datetime(2027, 1, 19, 14, 0)) == "Tuesday 19 January 2027"


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (time(10, 0), "10.00 am"),
        (time(14, 30), "2.30 pm"),
        (time(12, 0), "12.00 noon"),
        (time(0, 0), "12.00 midnight"),
        (time(0, 5), "12.05 am"),
        (datetime(2027, 1, 19, 9, 5), "9.05 am"),
    ],
)
def test_times_as_council_papers_write_them(moment: time | datetime, words: str) -> None:
    assert clock(moment) == words


@pytest.mark.parametrize(
    ("count", "singular", "words"),
    [
        (0, "recommendation", "0 recommendations"),
        (1, "recommendation", "1 recommendation"),
        (2, "recommendation", "2 recommendations"),
        (1, "apology", "1 apology"),
        (2, "apology", "2 apologies"),
        (1, "action", "1 action"),
        (3, "witness", "3 witnesses"),
        (2, "day", "2 days"),
        (1200, "note", "1,200 notes"),
    ],
)
def test_plurals(count: int, singular: str, words: str) -> None:
    assert plural(count, singular) == words


def test_an_irregular_plural_is_given() -> None:
    assert plural(2, "piece of evidence", "pieces of evidence") == "2 pieces of evidence"
    assert plural(1, "piece of evidence", "pieces of evidence") == "1 piece of evidence"
    assert word_for(2, "Witness:", "Witnesses:") == "Witnesses:"
    assert word_for(1, "has", "have") == "has"


def test_one_recommendation_and_one_action() -> None:
    words = joined([plural(1, "recommendation"), plural(1, "action")])
    assert words == "1 recommendation and 1 action"


@pytest.mark.parametrize(
    ("noun", "words"),
    [
        ("recommendation", "a recommendation"),
        ("action", "an action"),
        ("agenda item", "an agenda item"),
        ("evidence item", "an evidence item"),
        ("item", "an item"),
        ("user", "a user"),
        ("hour", "an hour"),
        ("witness", "a witness"),
    ],
)
def test_a_or_an(noun: str, words: str) -> None:
    assert a_or_an(noun) == words


def test_joined() -> None:
    assert joined([]) == ""
    assert joined(["a"]) == "a"
    assert joined(["a", "b"]) == "a and b"
    assert joined(["a", "b", "c"]) == "a, b and c"
    assert joined(["a", "b"], "or") == "a or b"
