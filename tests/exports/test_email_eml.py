"""Invitation messages: read back with the standard library's modern parser."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny_desk.domain.one_line import one_line
from scrutiny_desk.domain.rules import MAX_TITLE
from scrutiny_desk.domain.views import Audience, MeetingView, WitnessView
from scrutiny_desk.exports.calendar_ics import (
    NO_MEMBER_EMAIL,
    Organizer,
    agenda_text,
    witness_agenda_text,
)
from scrutiny_desk.services import publishing

from .calendar_checks import NOW, ONE_LINE_FORBIDDEN, ORGANIZER, read_back
from .test_calendar_ics import HOSTILE, panel, sample, small_review
from .whole_panel import (
    render_cancellation,
    render_cancellation_email,
    render_invite,
    render_invite_email,
    render_witness_cancellation,
    render_witness_cancellation_email,
    render_witness_invite,
    render_witness_invite_email,
)


def witness(meeting: str, key: str, sequence: int = 0) -> WitnessView:
    return publishing.witness_view(sample(), meeting, key, sequence)


def parse(data: bytes) -> EmailMessage:
    """Check the raw shape, then parse: CRLF line ends, no line over 998 octets."""
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    data.decode("ascii")  # 7-bit clean: non-ASCII travels encoded
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.defects == []
    return message


def parts(message: EmailMessage) -> tuple[EmailMessage, EmailMessage, EmailMessage]:
    """The body text, the inline calendar part and the attachment, checking the tree."""
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert isinstance(alternative, EmailMessage) and isinstance(attachment, EmailMessage)
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar = alternative.iter_parts()
    assert isinstance(text, EmailMessage) and isinstance(calendar, EmailMessage)
    assert text.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert not calendar.is_attachment()
    assert attachment.is_attachment() and attachment.get_filename() == "invite.ics"
    assert attachment.get_content_type() in ("application/ics", "text/calendar")
    for part in message.walk():
        assert part.defects == []
    return text, calendar, attachment


def body_text(part: EmailMessage) -> str:
    """The text as written: MIME text travels with CRLF line ends (RFC 2046)."""
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n").removesuffix("\n")


def check_message(data: bytes, ics: bytes, method: str, body: str) -> EmailMessage:
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert parsedate_to_datetime(str(message["Date"])) == NOW.replace(microsecond=0)
    assert people(data, "From") == [('Fauzia "Fuzzy" Ashraf-Malik', ORGANIZER.email)]
    assert message["From"].addresses[0].addr_spec == ORGANIZER.email
    assert message["Message-ID"].endswith("@example.org>")
    text, calendar, attachment = parts(message)
    assert calendar.get_params() == [
        ("text/calendar", ""),
        ("method", method),
        ("charset", "UTF-8"),
    ]
    assert f"Content-Type: text/calendar; method={method}; charset=UTF-8\r\n".encode() in data
    assert calendar.get_content() == ics.decode("utf-8")
    assert calendar.get_payload(decode=True) == ics  # byte for byte: CRLFs kept
    assert attachment.get_payload(decode=True) == ics
    read_back(ics)
    assert body_text(text) == body
    return message


def people(data: bytes, header: str) -> list[tuple[str, str]]:
    """Names and addresses as RFC 2047 reads them. (The modern parser puts a space
    between adjacent encoded words in a display name, which RFC 2047 section 6.2 says
    to ignore; Outlook and Thunderbird do ignore it.)"""
    raw = email.message_from_bytes(data, policy=email.policy.compat32)[header]
    return [
        (str(make_header(decode_header(name))), address) for name, address in getaddresses([raw])
    ]


MONDAY = ", Monday 30 March 2026 10:00"


def check_subject(subject: str, prefix: str, summary: str, when: str) -> None:
    """One line of at most MAX_TITLE characters: the prefix, the summary on one line
    (cut short with an ellipsis if it must be) and the date and time in full."""
    assert len(subject) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(subject), subject
    assert subject.startswith(f"{prefix}: ") and subject.endswith(when)
    shown = subject.removeprefix(f"{prefix}: ").removesuffix(when)
    whole = one_line(summary, cap=10**6)
    if shown != whole:
        assert len(subject) >= MAX_TITLE - 1 and shown.endswith("…"), subject
        assert whole.startswith(shown.removesuffix("…"))


def test_invite_email_for_the_panel() -> None:
    view = panel("ev3")
    data = render_invite_email(view, ORGANIZER, NOW)
    message = check_message(data, render_invite(view, ORGANIZER, NOW), "REQUEST", agenda_text(view))
    assert people(data, "To") == [(m.name, str(m.email)) for m in view.members if m.email]
    assert message["Subject"] == (
        "Invitation: Drugs Scrutiny: Evidence session 3: criminal "
        "justice and treatment, Monday 26 March 2007 14:00"
    )
    body = body_text(parts(message)[0])
    assert "4. 14:15–15:00  Evidence from the Crown Prosecution Service" in body
    assert "6. 16:00–16:45  Evidence from a former drug user (closed)" in body


def test_cancellation_email() -> None:
    view = panel("ev2")
    data = render_cancellation_email(view, ORGANIZER, NOW)
    message = check_message(
        data, render_cancellation(view, ORGANIZER, NOW), "CANCEL", agenda_text(view, cancelled=True)
    )
    assert str(message["Subject"]).startswith("Cancelled: Drugs Scrutiny: Evidence session 2")
    assert len(people(data, "To")) == 7
    assert "This meeting has been cancelled." in body_text(parts(message)[0])


def test_witness_invite_email_goes_to_the_witness_only() -> None:
    view = witness("ev3", "cps", 1)
    data = render_witness_invite_email(view, ORGANIZER, NOW)
    message = check_message(
        data, render_witness_invite(view, ORGANIZER, NOW), "REQUEST", witness_agenda_text(view)
    )
    assert people(data, "To") == [("Head of Drugs Casework", "cps.drugs@example.org")]
    assert message["Subject"] == (
        "Invitation: Drugs Scrutiny: Evidence session 3: criminal "
        "justice and treatment, Monday 26 March 2007 14:15"
    )
    body = body_text(parts(message)[0])
    for other in ("Chief Officer", "Service user", "Richard Sumray"):
        assert other not in body


def test_witness_cancellation_email() -> None:
    view = witness("ev2", "probation", 1)
    data = render_witness_cancellation_email(view, ORGANIZER, NOW)
    message = check_message(
        data,
        render_witness_cancellation(view, ORGANIZER, NOW),
        "CANCEL",
        witness_agenda_text(view, cancelled=True),
    )
    assert people(data, "To") == [("Chief Officer", "probation@example.org")]
    assert str(message["Subject"]).startswith("Cancelled: ")


Render = Callable[[MeetingView, Organizer, datetime], bytes]


@pytest.mark.parametrize("render", [render_invite_email, render_cancellation_email])
def test_no_member_email_is_an_error(render: Render) -> None:
    review = small_review()
    nobody = replace(review, panel=tuple(replace(m, email=None) for m in review.panel))
    with pytest.raises(ValueError, match=NO_MEMBER_EMAIL):
        render(publishing.meeting_view(nobody, "mon", Audience.PANEL), ORGANIZER, NOW)


def test_witness_without_email_is_an_error() -> None:
    with pytest.raises(ValueError, match="Service user has no e-mail address"):
        render_witness_invite_email(witness("ev3", "user"), ORGANIZER, NOW)


def test_same_input_gives_the_same_message() -> None:
    view = panel("ev3")
    assert render_invite_email(view, ORGANIZER, NOW) == render_invite_email(view, ORGANIZER, NOW)


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "t" * 10_000,
        ("Ünïcödé ✓ 😀 " * 800)[:10_000],
        "a\r\nBcc: victim@example.org\r\n\r\nbody",
        "=?utf-8?q?x?=",
    ],
)
def test_hostile_text_in_headers_and_body(text: str) -> None:
    review = small_review()
    members = (replace(review.panel[0], name=f"{text} Ada"), *review.panel[1:])
    review = replace(
        review,
        title=text,
        panel=members,
        meetings=(replace(review.meetings[1], title=text, venue=text),),
    )
    view = publishing.meeting_view(review, "mon", Audience.PANEL)
    organizer = Organizer("clerk@example.org", text)
    data = render_invite_email(view, organizer, NOW)
    message = parse(data)
    assert "Bcc" not in message and message["X-Unsent"] == "1"
    check_subject(str(message["Subject"]), "Invitation", f"{text}: {text}", MONDAY)
    names = [name for name, _ in people(data, "To")]
    assert names == [one_line(f"{text} Ada"), "Cllr Cy Member"]
    assert people(data, "From") == [(one_line(text), "clerk@example.org")]
    text_part, calendar, _ = parts(message)
    assert body_text(text_part) == agenda_text(view)
    assert calendar.get_payload(decode=True) == render_invite(view, organizer, NOW)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
        min_size=1,
        max_size=200,
    )
)
def test_any_text_in_headers_reads_back(text: str) -> None:
    assert_headers_read_back(text)


def assert_headers_read_back(text: str) -> None:
    review = small_review()
    members = (replace(review.panel[0], name=text), *review.panel[1:])
    review = replace(review, title=text, panel=members)
    view = publishing.meeting_view(review, "mon", Audience.PANEL)
    data = render_invite_email(view, Organizer("clerk@example.org", text), NOW)
    message = parse(data)
    head = data.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n")), head
    summary = f"{text}: After the clocks go forward"
    check_subject(str(message["Subject"]), "Invitation", summary, MONDAY)
    name = one_line(text)
    assert people(data, "To") == [(name, "ada@example.org"), ("Cllr Cy Member", "cy@example.org")]
    assert people(data, "From") == [(name, "clerk@example.org")]
    assert body_text(parts(message)[0]) == agenda_text(view)
