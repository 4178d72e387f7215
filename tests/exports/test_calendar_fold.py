"""Calendar files are folded as icalendar folds them (``calendar_ics.ical``): a line of
ASCII is cut by slicing, any other by icalendar itself, and every file is the bytes
``Calendar.to_ical()`` writes, whatever sits at the 74th octet (an escape's backslash,
a caret of a parameter's escape, a multi-byte letter)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vCalAddress

from scrutiny_desk.exports import calendar_ics

from .test_calendar_ics import every_kind


def _calendar(description: str, name: str = "Ann") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//test//fold//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", "fold@example.org")
    event.add("dtstamp", datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    event.add("summary", description[:200])
    event.add("description", description)
    attendee = vCalAddress("mailto:ann@example.org")
    attendee.params["CN"] = name
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar


@pytest.mark.parametrize("at", range(60, 80))
@pytest.mark.parametrize("escape", ["\\", ",", ";", "\n", "^", "é", "👩"])
def test_an_escape_or_a_wide_letter_at_every_place_near_the_fold(at: int, escape: str) -> None:
    text = "x" * at + escape + "y" * 200 + escape + "z" * 75
    calendar = _calendar(text, name="Ann" + "^" * (at % 7) + '"quoted"' * (at % 3))
    assert calendar_ics.ical(calendar) == calendar.to_ical()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab ,;:\\^\n\"'é€👩\t"),
        min_size=0,
        max_size=400,
    )
)
def test_any_text_is_folded_as_icalendar_folds_it(text: str) -> None:
    calendar = _calendar(text)
    assert calendar_ics.ical(calendar) == calendar.to_ical()


@pytest.mark.parametrize("kind", list(every_kind()))
def test_every_kind_of_file_is_what_icalendar_writes(kind: str) -> None:
    data = every_kind()[kind]
    assert calendar_ics.ical(Calendar.from_ical(data)) == Calendar.from_ical(data).to_ical()
