"""Hostile titles in one-line fields (issue 14): SUMMARY, LOCATION, CN, the e-mail's
Subject and display names are one line of at most MAX_TITLE characters with no
bidirectional controls, read back by icalendar, ical, libical and the email package;
DESCRIPTION and the body keep their line breaks but lose the bidirectional controls.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses

import pytest

from scrutiny_desk.domain.rules import MAX_TITLE
from scrutiny_desk.domain.views import CalendarView
from scrutiny_desk.exports.calendar_ics import (
    Attendee,
    panel_attendees,
    render_cancel,
    render_programme,
    render_request,
)
from scrutiny_desk.exports.email_eml import render_cancel_email, render_request_email
from scrutiny_desk.services import publishing

from .calendar_checks import NOW, ONE_LINE_FORBIDDEN, ORGANIZER, libical, libical_read, read_back
from .test_calendar_ics import small_review

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TITLES = {
    "10,000 characters": "Bus services " + "x" * 9_987,
    "10,000 non-ASCII": ("Ünïcödé ✓ 😀 שלום " * 600)[:10_000],
    "carriage returns": "Buses\rreview\r" * 30,
    "line feeds": "Buses\nreview\n" * 30,
    "CRLF": "Buses\r\nBcc: victim@example.org\r\n\r\nbody",
    "next line U+0085": "Buses\x85review\x85" * 30,
    "line separator U+2028": "Buses\u2028review\u2028" * 30,
    "paragraph separator U+2029": "Buses\u2029review\u2029" * 30,
    "vertical tab and form feed": "Buses\x0breview\x0c" * 30,
    "tabs": "Buses\treview\t" * 30,
    "bidi controls": f"Buses{BIDI}review{BIDI}" * 20,
    "right-to-left override": "Minutes \u202egpj.exe\u202c and \u2067שלום\u2069",
    "every one of them": f"a\r\n\x85\u2028\u2029\x0b\x0c\t{BIDI}b" * 300,
}


def hostile(title: str) -> tuple[CalendarView, CalendarView, tuple[Attendee, ...]]:
    """The small review with the title everywhere a one-line field comes from: the
    review's and the meeting's title, the venue, a member's and a witness's name."""
    review = small_review()
    mon = replace(review.meetings[1], title=title, venue=title)
    review = replace(
        review,
        title=title,
        panel=(replace(review.panel[0], name=title), *review.panel[1:]),
        witnesses=(replace(review.witnesses[0], name=title), *review.witnesses[1:]),
        meetings=(review.meetings[0], mon),
    )
    panel = publishing.calendar_view(review, "mon")
    return (
        panel,
        publishing.witness_calendar_view(review, "mon", "alice"),
        panel_attendees(panel.meeting),
    )


def check_ics(data: bytes) -> None:
    theirs, independent = read_back(data)
    for event, other in zip(theirs.events, independent.events, strict=True):
        values = [str(event["SUMMARY"]), other.summary]
        if "LOCATION" in event:
            values += [str(event["LOCATION"]), str(other.location)]
        people = [*other.attendees, other.organizer]
        assert all(p.common_name for p in people)  # every one is named, on one line
        values += [str(p.common_name) for p in people]
        for value in values:
            assert len(value) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(value), value
        assert not any(c in BIDI for c in str(event["DESCRIPTION"]))
    if libical() is not None:
        problems, events = libical_read(data)
        assert problems == []
        for read in events.values():
            for field in ("summary", "location"):
                value = read[field] or ""
                assert len(value) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(value)


def check_eml(data: bytes) -> None:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage) and message.defects == []
    assert "Bcc" not in message
    subject = str(message["Subject"])
    assert len(subject) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(subject), subject
    raw = email.message_from_bytes(data, policy=email.policy.compat32)
    for header in ("From", "To"):
        for name, _ in getaddresses([raw[header]]):
            shown = str(make_header(decode_header(name)))
            assert len(shown) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(shown), shown
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert not any(c in BIDI for c in str(body.get_content()))
    ics = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    payload = ics.get_payload(decode=True)
    assert isinstance(payload, bytes)
    check_ics(payload)


@pytest.mark.parametrize("title", list(TITLES.values()), ids=list(TITLES))
def test_hostile_titles_stay_on_one_line(title: str) -> None:
    panel, own, members = hostile(title)
    organizer = replace(ORGANIZER, name=title)
    alice = (Attendee(title, "alice@example.org"),)  # named as the caller chose
    for data in (
        render_request(panel, organizer, NOW, members),
        render_request(panel, organizer, NOW, members, update=True),
        render_cancel(panel, organizer, NOW, members),
        render_request(own, organizer, NOW, alice),
        render_cancel(own, organizer, NOW, alice, reason="You are no longer on the agenda."),
    ):
        check_ics(data)
    for data in (
        render_request_email(panel, organizer, NOW, members),
        render_request_email(panel, organizer, NOW, members, update=True),
        render_cancel_email(panel, organizer, NOW, members),
        render_request_email(own, organizer, NOW, alice),
    ):
        check_eml(data)


def test_the_programme_name_is_one_line() -> None:
    review = replace(small_review(), title=TITLES["every one of them"])
    data = render_programme(
        publishing.calendar_programme_view(review, publishing.Audience.PUBLIC), ORGANIZER, NOW
    )
    theirs, _ = read_back(data)
    for name in ("NAME", "X-WR-CALNAME"):
        value = str(theirs[name])
        assert len(value) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(value)
    check_ics(data)


def test_the_description_keeps_the_whole_title_and_its_line_breaks() -> None:
    title = "Line one\u2028line two\r\nline three " + "y" * 500
    panel, _, members = hostile(title)
    _, independent = read_back(render_request(panel, ORGANIZER, NOW, members))
    text = str(independent.events[0].description)
    assert "Line one\nline two\nline three " + "y" * 500 in text
    assert len(str(independent.events[0].summary)) == MAX_TITLE
