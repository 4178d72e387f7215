"""Invitation messages are written byte for byte as the standard library's EmailMessage
wrote them before ``email_eml`` wrote the MIME structure itself: the reference below is
that code, kept here, and every message is drawn both ways."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from email.policy import EmailPolicy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience, CalendarView, WitnessView
from scrutiny_desk.exports import email_eml
from scrutiny_desk.exports.calendar_ics import Attendee, Organizer, organizer_address, recipients
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText
from scrutiny_desk.services import publishing

from .calendar_checks import NOW, ORGANIZER
from .test_calendar_ics import HOSTILE, panel, sample, small_review
from .whole_panel import (
    render_cancellation_email,
    render_invite_email,
    render_witness_cancellation_email,
    render_witness_invite_email,
)


class _InvitePolicy(EmailPolicy):
    """The policy the message was made under: SMTP, 7-bit, and the calendar part's
    Content-Type written unquoted, as Exchange and Gmail write it."""

    def fold_binary(self, name: str, value: str) -> bytes:
        content_type = getattr(value, "content_type", None)
        params = getattr(value, "params", None)
        if name.lower() == "content-type" and content_type == "text/calendar" and params:
            pairs = "; ".join(f"{key}={params[key]}" for key in params)
            return f"{name}: {content_type}; {pairs}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


_POLICY = _InvitePolicy(linesep="\r\n", cte_type="7bit")


def reference_message(
    prefix: str,
    view: CalendarView,
    witness: WitnessView | None,
    organizer: Organizer,
    to_whom: Sequence[Attendee],
    body: str,
    ics: bytes,
    method: str,
    now: datetime,
    text: PaperText = ENGLISH,
) -> bytes:
    """``email_eml._message`` as it was, by the standard library's EmailMessage."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    sender = organizer_address(organizer)
    start = view.meeting.start if witness is None else witness.slot_start
    digest = uuid.uuid5(email_eml._MESSAGE_ID_NAMESPACE, ics.decode("utf-8"))
    message = EmailMessage(policy=_POLICY)
    message["Date"] = format_datetime(now.astimezone(UTC))
    message["Message-ID"] = f"<{digest}@{sender.email.rpartition('@')[2]}>"
    message["X-Unsent"] = "1"
    message.set_content(body)
    message.add_alternative(
        ics, maintype="text", subtype="calendar", params={"method": method, "charset": "UTF-8"}
    )
    message.add_attachment(
        ics, maintype="application", subtype="ics", filename=email_eml.ATTACHMENT_NAME
    )
    message.set_boundary(f"mixed-{digest.hex}")
    alternative, _ = message.iter_parts()
    alternative.set_boundary(f"alternative-{digest.hex}")
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]
    if view.confidential:
        message["Sensitivity"] = email_eml.SENSITIVITY
    checked = recipients(to_whom)
    to = [
        token
        for n, person in enumerate(checked, start=1)
        for token in email_eml._mailbox(person, last=n == len(checked))
    ]
    heading = (
        email_eml._header("From", email_eml._mailbox(sender, last=True))
        + email_eml._header("To", to)
        + email_eml._header(
            "Subject", email_eml._words(email_eml.subject(prefix, view.meeting, start, text))
        )
    )
    return heading.encode("ascii") + message.as_bytes()


@pytest.fixture
def same_bytes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[], bytes]], bytes]]:
    """Draw a message as the product does and by the reference: the same bytes."""

    def check(draw: Callable[[], bytes]) -> bytes:
        written = draw()
        with monkeypatch.context() as m:
            m.setattr(email_eml, "_message", reference_message)
            expected = draw()
        assert written == expected
        return written

    yield check


Same = Callable[[Callable[[], bytes]], bytes]


def witness(meeting: str, key: str, sequence: int = 0) -> WitnessView:
    return publishing.witness_view(sample(), meeting, key, sequence)


def test_the_panel_and_witness_messages(same_bytes: Same) -> None:
    same_bytes(lambda: render_invite_email(panel("ev3"), ORGANIZER, NOW))
    same_bytes(lambda: render_cancellation_email(panel("ev2"), ORGANIZER, NOW))
    same_bytes(lambda: render_witness_invite_email(witness("ev3", "cps", 1), ORGANIZER, NOW))
    same_bytes(
        lambda: render_witness_cancellation_email(witness("ev2", "probation", 1), ORGANIZER, NOW)
    )


def test_an_update_a_reason_and_a_confidential_entry(same_bytes: Same) -> None:
    view = CalendarView(panel("ev3"), confidential=True, joining_link="https://example.org/j")
    people = (Attendee("Ada", "ada@example.org"), Attendee(None, "b@example.org"))
    data = same_bytes(lambda: email_eml.render_request_email(view, ORGANIZER, NOW, people))
    assert b"\r\nSensitivity: Company-Confidential\r\n\r\n--mixed-" in data
    same_bytes(lambda: email_eml.render_request_email(view, ORGANIZER, NOW, people, update=True))
    same_bytes(lambda: email_eml.render_cancel_email(view, ORGANIZER, NOW, people, reason="Moved"))


def test_welsh_and_a_time_away_from_utc(same_bytes: Same) -> None:
    view = CalendarView(panel("ev3"))
    now = datetime(2026, 6, 1, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5)))
    welsh = PaperText(PaperLanguage.BILINGUAL)
    people = (Attendee("Dafydd ap Gwilym", "d@example.org"),)
    same_bytes(lambda: email_eml.render_request_email(view, ORGANIZER, now, people, text=welsh))


@pytest.mark.parametrize("length", [1, 20, 27, 28, 29, 40, 63, 120])
def test_an_organiser_with_a_long_domain(same_bytes: Same, length: int) -> None:
    """The Message-ID carries the organiser's domain; a long one is folded."""
    domain = ("d" * length)[:63] + (".example.org" if length < 64 else ".a" + "b" * 50 + ".org")
    organizer = Organizer(f"clerk@{domain}", "Clerk")
    same_bytes(lambda: render_invite_email(panel("ev3"), organizer, NOW))


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "t" * 10_000,
        ("Ünïcödé ✓ 😀 " * 800)[:10_000],
        "a\r\nBcc: victim@example.org\r\n\r\nbody",
        "=?utf-8?q?x?=",
        "Café",  # a short message with a non-ASCII line
        "x" * 70,  # a short message with a long line
        "=" * 90,
        "trailing space \nand tab\t",
    ],
)
@pytest.mark.parametrize("items", [True, False])
def test_any_text_in_the_headers_and_body(same_bytes: Same, text: str, items: bool) -> None:
    """Long lines, non-ASCII text and few lines (quoted-printable or base64, chosen on
    the first ten lines) as the standard library chose them."""
    draw_text(same_bytes, text, items)


def draw_text(same_bytes: Same, text: str, items: bool) -> None:
    review = small_review()
    meeting = review.meetings[1]
    members = (replace(review.panel[0], name=f"{text} Ada"), *review.panel[1:])
    review = replace(
        review,
        title=text,
        panel=members,
        meetings=(replace(meeting, title=text, venue=text, items=meeting.items if items else ()),),
    )
    view = publishing.meeting_view(review, "mon", Audience.PANEL)
    organizer = Organizer("clerk@example.org", text)
    same_bytes(lambda: render_invite_email(view, organizer, NOW))
    same_bytes(lambda: render_cancellation_email(view, organizer, NOW))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
        min_size=1,
        max_size=300,
    ),
    st.booleans(),
)
def test_any_text_gives_the_same_bytes(text: str, items: bool) -> None:
    with pytest.MonkeyPatch.context() as m:

        def check(draw: Callable[[], bytes]) -> bytes:
            written = draw()
            m.setattr(email_eml, "_message", reference_message)
            expected = draw()
            m.undo()
            assert written == expected
            return written

        draw_text(check, text, items)
