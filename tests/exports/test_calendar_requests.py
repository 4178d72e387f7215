"""The renderers the invitation register calls (issue 14): a REQUEST or a CANCEL for
the recipients it names, an update at the SEQUENCE it gives, a cancellation that says
why; and RFC 7986's joining link (CONFERENCE) and web page (URL, NAME,
REFRESH-INTERVAL). Every file is read back with icalendar and ical and checked by
libical's RFC 5546 restrictions."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import replace
from datetime import timedelta
from email.message import EmailMessage

import pytest

from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.views import Audience, CalendarView
from scrutiny_desk.exports.calendar_ics import (
    CANCELLED,
    NOT_ON_AGENDA,
    NOT_ON_PANEL,
    ONLINE,
    POSTPONED_CANCEL,
    UPDATED,
    WITHDRAWN,
    Attendee,
    render_cancel,
    render_programme,
    render_request,
)
from scrutiny_desk.exports.email_eml import render_cancel_email, render_request_email
from scrutiny_desk.services import publishing

from .calendar_checks import NOW, ORGANIZER, libical, libical_problems, method, one_event, read_back
from .test_calendar_ics import small_review

ADA = Attendee("Cllr Ada Chair", "ada@example.org")
ALICE = Attendee("Alice Witness", "alice@example.org")
LINK = "https://teams.example.org/l/meetup-join/19%3ameeting_" + "Nj" * 40 + "?context=%7b%7d"
PAGE = "https://www.anytown.example.gov.uk/scrutiny/knife-crime-review"


def checked(data: bytes) -> bytes:
    read_back(data)
    if libical() is not None:
        assert libical_problems(data) == []
    return data


def message(data: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage) and parsed.defects == []
    return parsed


def body(data: bytes) -> str:
    part = next(p for p in message(data).walk() if p.get_content_type() == "text/plain")
    return str(part.get_content()).replace("\r\n", "\n")


def with_status(status: MeetingStatus, **changes: object) -> Review:
    review = small_review()
    mon = replace(review.meetings[1], status=status, **changes)
    return replace(review, meetings=(review.meetings[0], mon, *review.meetings[2:]))


# Requests and updates ----------------------------------------------------------------


def test_a_request_goes_to_exactly_the_recipients_given() -> None:
    view = publishing.calendar_view(small_review(), "mon")
    data = checked(render_request(view, ORGANIZER, NOW, (ALICE, ADA)))
    _event, independent = one_event(data)
    assert method(data) == "REQUEST"
    assert [a.uri for a in independent.attendees] == [
        "mailto:alice@example.org",
        "mailto:ada@example.org",
    ]
    assert independent.uid == "mon-uid@example.org" and independent.sequence == 3
    assert UPDATED not in str(independent.description)


def test_an_update_keeps_the_uid_at_the_sequence_given() -> None:
    view = publishing.calendar_view(small_review(), "mon", sequence=7)
    data = checked(render_request(view, ORGANIZER, NOW, (ADA,), update=True))
    _, independent = one_event(data)
    assert independent.uid == "mon-uid@example.org" and independent.sequence == 7
    assert UPDATED in str(independent.description)
    mail = render_request_email(view, ORGANIZER, NOW, (ADA,), update=True)
    assert str(message(mail)["Subject"]).startswith("Updated invitation: Knife Crime Review")
    assert UPDATED in body(mail)


def test_a_witness_event_has_their_uid_sequence_and_slot() -> None:
    review = small_review()
    own = publishing.witness_calendar_view(review, "mon", "alice", sequence=4)
    assert own.witness is not None
    _, independent = one_event(checked(render_request(own, ORGANIZER, NOW, (ALICE,))))
    assert independent.uid == own.witness.uid != "mon-uid@example.org"
    assert independent.sequence == 4
    assert independent.dtstart == own.witness.slot_start_utc
    # The witness's event can be given with the panel's view too: its own UID wins.
    panel = publishing.calendar_view(review, "mon")
    _, same = one_event(render_request(panel, ORGANIZER, NOW, (ALICE,), witness=own.witness))
    assert same.uid == own.witness.uid


def test_recipients_are_needed_and_checked() -> None:
    view = publishing.calendar_view(small_review(), "mon")
    with pytest.raises(ValueError, match="at least one recipient"):
        render_request(view, ORGANIZER, NOW, ())
    with pytest.raises(ValueError, match="Mallory"):
        render_cancel(view, ORGANIZER, NOW, (Attendee("Mallory", "m@example.org\r\nBcc: x@y.z"),))
    with pytest.raises(ValueError, match="Mallory"):
        render_request_email(view, ORGANIZER, NOW, (Attendee("Mallory", "not an address"),))


@pytest.mark.parametrize("status", [MeetingStatus.POSTPONED, MeetingStatus.CANCELLED])
def test_no_request_for_a_meeting_that_will_not_take_place(status: MeetingStatus) -> None:
    view = publishing.calendar_view(with_status(status), "mon")
    with pytest.raises(ValueError, match="gets no invitation"):
        render_request(view, ORGANIZER, NOW, (ADA,))


# Cancellations say why ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason", "said", "prefix"),
    [
        (MeetingStatus.CANCELLED, None, CANCELLED, "Cancelled"),
        (MeetingStatus.POSTPONED, None, POSTPONED_CANCEL, "Postponed"),
        (MeetingStatus.SCHEDULED, None, WITHDRAWN, "Cancelled"),
        (MeetingStatus.SCHEDULED, NOT_ON_PANEL, NOT_ON_PANEL, "Cancelled"),
        (MeetingStatus.POSTPONED, NOT_ON_PANEL, NOT_ON_PANEL, "Cancelled"),
    ],
)
def test_a_cancellation_says_why(
    status: MeetingStatus, reason: str | None, said: str, prefix: str
) -> None:
    view = publishing.calendar_view(with_status(status), "mon", sequence=5)
    data = checked(render_cancel(view, ORGANIZER, NOW, (ADA,), reason=reason))
    event, independent = one_event(data)
    assert method(data) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert independent.uid == "mon-uid@example.org" and independent.sequence == 5
    lines = str(independent.description).split("\n")
    assert lines[3] == said  # after the body, the review and the meeting
    others = {CANCELLED, POSTPONED_CANCEL, WITHDRAWN, NOT_ON_PANEL, NOT_ON_AGENDA} - {said}
    assert not others & set(lines)
    mail = render_cancel_email(view, ORGANIZER, NOW, (ADA,), reason=reason)
    assert str(message(mail)["Subject"]).startswith(f"{prefix}: Knife Crime Review")
    assert said in body(mail)


def test_a_witness_taken_off_the_agenda_is_told_so() -> None:
    """The register keeps their UID: the view of a witness no longer on the agenda
    still gives it (their own items are none now)."""
    review = small_review()
    before = publishing.witness_calendar_view(review, "mon", "alice", sequence=3)
    mon = review.meetings[1]
    off = tuple(
        replace(i, witnesses=tuple(k for k in i.witnesses if k != "alice")) for i in mon.items
    )
    after_review = replace(review, meetings=(review.meetings[0], replace(mon, items=off)))
    after = publishing.witness_calendar_view(after_review, "mon", "alice", sequence=4)
    assert after.witness is not None and before.witness is not None
    assert after.witness.uid == before.witness.uid and after.meeting.items == ()
    data = checked(render_cancel(after, ORGANIZER, NOW, (ALICE,), reason=NOT_ON_AGENDA))
    _, independent = one_event(data)
    assert independent.uid == before.witness.uid and independent.sequence == 4
    assert NOT_ON_AGENDA in str(independent.description)
    # no session and no "(no items)" list for someone taken off: just the meeting
    assert "Your session" not in str(independent.description)
    assert "Your items" not in str(independent.description)
    assert "Meeting: " in str(independent.description)
    assert "Bob" not in str(independent.description)


# RFC 7986 ------------------------------------------------------------------------------


def online(venue: str | None = "Room 2") -> Review:
    return with_status(MeetingStatus.SCHEDULED, joining_link=LINK, venue=venue)


def conference_lines(data: bytes) -> list[str]:
    unfolded = data.replace(b"\r\n ", b"").decode().split("\r\n")
    return [line for line in unfolded if line.startswith("CONFERENCE")]


@pytest.mark.parametrize("kind", ["request", "cancel", "programme", "witness"])
def test_the_joining_link_is_a_conference_uri(kind: str) -> None:
    review = online()
    view = publishing.calendar_view(review, "mon")
    data = {
        "request": lambda: render_request(view, ORGANIZER, NOW, (ADA,)),
        "cancel": lambda: render_cancel(view, ORGANIZER, NOW, (ADA,)),
        "programme": lambda: render_programme(
            publishing.calendar_programme_view(review, Audience.PUBLIC), ORGANIZER, NOW
        ),
        "witness": lambda: render_request(
            publishing.witness_calendar_view(review, "mon", "alice"), ORGANIZER, NOW, (ALICE,)
        ),
    }[kind]()
    checked(data)
    (line,) = conference_lines(data)
    params, value = line.split(":", 1)[0], line.split(":", 1)[1]
    assert value == LINK  # whole: folded like any line, never broken
    assert sorted(params.split(";")[1:]) == [
        "FEATURE=AUDIO,VIDEO",
        "LABEL=Join online",
        "VALUE=URI",
    ]
    _, independent = read_back(data)
    event = next(e for e in independent.events if e.uid != "sat-uid@example.org")
    (conference,) = event.conference
    assert conference.uri == LINK and conference.label == "Join online"
    assert [f.value for f in conference.feature or []] == ["AUDIO", "VIDEO"]
    lines = str(event.description).split("\n")
    venue = lines.index("Venue: Room 2")
    assert lines[venue + 1] == f"Join online: {LINK}"


def test_an_online_meeting_without_a_venue() -> None:
    view = publishing.calendar_view(online(venue=None), "mon")
    _event, independent = one_event(checked(render_request(view, ORGANIZER, NOW, (ADA,))))
    assert independent.location == ONLINE
    assert f"Venue: {ONLINE}\nJoin online: {LINK}" in str(independent.description)
    assert f"Join online: {LINK}" in body(render_request_email(view, ORGANIZER, NOW, (ADA,)))


def test_no_link_no_conference() -> None:
    view = publishing.calendar_view(small_review(), "mon")
    data = render_request(view, ORGANIZER, NOW, (ADA,))
    assert conference_lines(data) == [] and b"Join online" not in data


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "https://example.org/a b", "https://x.org/\u202ea", "ftp://x.org"],
)
def test_a_link_that_is_not_a_web_address_is_refused(link: str) -> None:
    view = publishing.calendar_view(with_status(MeetingStatus.SCHEDULED, joining_link=link), "mon")
    with pytest.raises(ValueError, match="not a web address"):
        render_request(view, ORGANIZER, NOW, (ADA,))


@pytest.mark.parametrize(
    ("link", "uri"),
    [
        ("https://example.org/réunion", "https://example.org/r%C3%A9union"),
        ('https://example.org/"x"{1}', "https://example.org/%22x%22%7B1%7D"),
        ("https://example.org/a%20b?c=d#e", "https://example.org/a%20b?c=d#e"),
    ],
)
def test_a_link_with_letters_a_uri_cannot_hold_is_written_percent_encoded(
    link: str, uri: str
) -> None:
    """The editor accepts such a link (domain.links: an IRI); the file carries it as the
    URI it maps to (RFC 3987, 3.1), which every parser reads, and the escapes it already
    had are kept as they are."""
    view = publishing.calendar_view(with_status(MeetingStatus.SCHEDULED, joining_link=link), "mon")
    data = checked(render_request(view, ORGANIZER, NOW, (ADA,)))
    (line,) = conference_lines(data)
    assert line.split(":", 1)[1] == uri
    _, independent = read_back(data)
    (event,) = independent.events
    assert event.conference[0].uri == uri


def test_the_programme_names_its_web_page_and_asks_to_be_read_again() -> None:
    review = replace(online(), web_page=PAGE)
    data = checked(
        render_programme(
            publishing.calendar_programme_view(review, Audience.PUBLIC), ORGANIZER, NOW
        )
    )
    theirs, independent = read_back(data)
    head = data.split(b"BEGIN:VEVENT")[0].decode()
    assert "NAME:Knife Crime Review\r\n" in head and "X-WR-CALNAME:Knife Crime Review\r\n" in head
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in head
    assert "X-PUBLISHED-TTL:PT1H\r\n" in head
    assert f"URL:{PAGE}\r\n" in data.replace(b"\r\n ", b"").decode().split("BEGIN:VEVENT")[0]
    assert theirs["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert str(theirs["URL"]) == PAGE
    assert all(str(e.url) == PAGE for e in independent.events)
    assert len(re.findall(rb"\r\nURL:", data.replace(b"\r\n ", b""))) == 1 + len(independent.events)


def test_a_programme_without_a_web_page_has_no_url() -> None:
    data = render_programme(
        publishing.calendar_programme_view(small_review(), Audience.PANEL), ORGANIZER, NOW
    )
    assert b"URL:" not in data and b"REFRESH-INTERVAL" in data


def test_invitations_carry_no_programme_properties() -> None:
    """NAME, X-WR-CALNAME and REFRESH-INTERVAL belong to a subscribed calendar: Outlook
    opens a new calendar for a single invitation that has them."""
    view: CalendarView = publishing.calendar_view(replace(online(), web_page=PAGE), "mon")
    data = render_request(view, ORGANIZER, NOW, (ADA,))
    for name in (b"NAME:", b"X-WR-CALNAME", b"REFRESH-INTERVAL", b"X-PUBLISHED-TTL"):
        assert name not in data
