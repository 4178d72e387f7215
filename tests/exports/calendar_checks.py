"""What every calendar file is checked for: read back by icalendar and by the independent
`ical` parser, and, where Debian's libical3 is installed, held to RFC 5546 by libical's
restriction check (through ctypes)."""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

import icalendar
import pytest
from ical.calendar import Calendar as IcalCalendar
from ical.calendar_stream import IcsCalendarStream

from scrutiny_desk.exports.calendar_ics import PRODID, Organizer

NOW = datetime(2026, 11, 26, 9, 30, 15, 123456, tzinfo=UTC)
#: what no one-line field (SUMMARY, LOCATION, CN, Subject) may hold: line breaks, tabs,
#: controls and bidirectional controls
ONE_LINE_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f\x85\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
ORGANIZER = Organizer("scrutiny@example.org", 'Fauzia "Fuzzy" Ashraf-Malik')

# Reading a file back ----------------------------------------------------------------


def read_back(data: bytes) -> tuple[icalendar.Calendar, IcalCalendar]:
    """Check the file's shape, then parse it with both libraries."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # each folded piece is whole UTF-8: no split characters
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    assert unfolded[:4] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
    ]
    assert unfolded[4] in ("METHOD:REQUEST", "METHOD:CANCEL", "METHOD:PUBLISH")
    for line in unfolded:
        assert not line.startswith(("TZID", "BEGIN:VTIMEZONE")) and ";TZID=" not in line
        if line.startswith(("DTSTART", "DTEND", "DTSTAMP")):
            assert re.fullmatch(r"[A-Z]+:\d{8}T\d{6}Z", line), f"{line} is not in UTC"

    theirs = icalendar.Calendar.from_ical(data)
    independent = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert independent.prodid == PRODID and independent.version == "2.0"
    assert len(independent.events) == len(theirs.events)
    for event in independent.events:
        assert isinstance(event.dtstart, datetime) and event.dtstart.utcoffset() is not None
        assert isinstance(event.dtend, datetime) and event.dtend.utcoffset() is not None
        assert event.dtstamp == NOW.replace(microsecond=0)
    return theirs, independent


def one_event(data: bytes) -> tuple[icalendar.Event, Any]:
    theirs, independent = read_back(data)
    assert len(theirs.events) == 1 and len(independent.events) == 1
    return theirs.events[0], independent.events[0]


def method(data: bytes) -> str:
    return str(read_back(data)[1].method)


# libical ---------------------------------------------------------------------------


ICAL_VEVENT_COMPONENT = 4  # libical's icalcomponent_kind


@cache
def libical() -> ctypes.CDLL | None:
    for name in (ctypes.util.find_library("ical"), "/usr/lib/x86_64-linux-gnu/libical.so.3"):
        if name:
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                continue
            lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
            lib.icalparser_parse_string.restype = ctypes.c_void_p
            lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
            lib.icalrestriction_check.restype = ctypes.c_int
            lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
            lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
            lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
            lib.icalcomponent_free.restype = None
            for walk in ("icalcomponent_get_first_component", "icalcomponent_get_next_component"):
                getattr(lib, walk).argtypes = [ctypes.c_void_p, ctypes.c_int]
                getattr(lib, walk).restype = ctypes.c_void_p
            for field in ("uid", "summary", "location", "description"):
                getter = getattr(lib, f"icalcomponent_get_{field}")
                getter.argtypes = [ctypes.c_void_p]
                getter.restype = ctypes.c_char_p
            return lib
    return None


needs_libical = pytest.mark.skipif(
    libical() is None,
    reason="libical3 is not installed (Debian: apt-get install "
    "libical3); its RFC 5546 check was not run",
)


def libical_read(data: bytes) -> tuple[list[str], dict[str, dict[str, str | None]]]:
    """What libical finds wrong, and the text values it read, by UID.

    Its parser and its iTIP restriction check both add X-LIC-ERROR properties; only the
    restriction check also says so in its result."""
    lib = libical()
    assert lib is not None
    component = lib.icalparser_parse_string(data)
    assert component, "libical could not parse the file at all"
    events: dict[str, dict[str, str | None]] = {}
    try:
        ok = lib.icalrestriction_check(component)
        # libical 3.0.16 can split a UTF-8 sequence when it re-folds its own output;
        # what it read is right (compared below), so decode leniently for the search.
        text = lib.icalcomponent_as_ical_string(component).decode("utf-8", "replace")
        event = lib.icalcomponent_get_first_component(component, ICAL_VEVENT_COMPONENT)
        while event:
            values = {
                field: getattr(lib, f"icalcomponent_get_{field}")(event)
                for field in ("uid", "summary", "location", "description")
            }
            read = {k: None if v is None else v.decode("utf-8") for k, v in values.items()}
            events[str(read["uid"])] = read
            event = lib.icalcomponent_get_next_component(component, ICAL_VEVENT_COMPONENT)
    finally:
        lib.icalcomponent_free(component)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    errors = [line for line in unfolded if line.startswith("X-LIC-ERROR")]
    if ok != 1:
        assert any("INVALID-ITIP" in e for e in errors), errors
    return errors, events


def libical_problems(data: bytes) -> list[str]:
    return libical_read(data)[0]
