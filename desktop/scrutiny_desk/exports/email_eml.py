"""Ready-to-send invitation messages (.eml) that carry the calendar file.

Outlook opens a message marked ``X-Unsent: 1`` as a draft the clerk can check and
send. It acts on the ``text/calendar; method=...`` part inside multipart/alternative
and shows the plain-text body, not the DESCRIPTION, so the agenda goes in the body
too; other clients take the same file from the ``invite.ics`` attachment. The body
and the DESCRIPTION come from one function, so they cannot drift apart.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime

from ..domain.enums import MeetingStatus
from ..domain.one_line import one_line
from ..domain.rules import MAX_TITLE
from ..domain.views import CalendarView, MeetingView, WitnessView
from .calendar_ics import (
    Attendee,
    Organizer,
    event_text,
    organizer_address,
    recipients,
    render_cancel,
    render_request,
    summary,
)
from .paper_text import ENGLISH, PaperText

ATTACHMENT_NAME = "invite.ics"
_MESSAGE_ID_NAMESPACE = uuid.UUID("0f3b8c52-7d1e-4a61-b0d9-5c2e8a4f7b13")


class _InvitePolicy(EmailPolicy):
    """SMTP (CRLF line ends, 7-bit: non-ASCII text goes quoted-printable or base64), but
    the calendar part's Content-Type is written as Exchange and Gmail write it,
    ``text/calendar; method=REQUEST; charset=UTF-8``: the standard library quotes every
    parameter value, and some mail clients match the method literally."""

    def fold_binary(self, name: str, value: str) -> bytes:
        content_type = getattr(value, "content_type", None)
        params = getattr(value, "params", None)
        if name.lower() == "content-type" and content_type == "text/calendar" and params:
            pairs = "; ".join(f"{key}={params[key]}" for key in params)
            return f"{name}: {content_type}; {pairs}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


_POLICY = _InvitePolicy(linesep="\r\n", cte_type="7bit")
_MAX_LINE = 78
_MAX_WORD = 60
_WORD_OCTETS = 42  # 56 base64 characters: "Subject: " and the word fit in 78


#: Outlook shows it as "Confidential" in the message list and the reading pane.
SENSITIVITY = "Company-Confidential"


def render_request_email(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    *,
    update: bool = False,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> bytes:
    """``calendar_ics.render_request`` in a ready-to-send message to ``attendees``
    (``text``: the review's papers' language)."""
    own = witness or view.witness
    ics = render_request(view, organizer, now, attendees, update=update, witness=own, text=text)
    body = event_text(view, update=update, witness=own, text=text)
    prefix = text("Updated invitation") if update else text("Invitation")
    return _message(prefix, view, own, organizer, attendees, body, ics, "REQUEST", now, text)


def render_cancel_email(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    *,
    reason: str | None = None,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> bytes:
    """``calendar_ics.render_cancel`` in a ready-to-send message to ``attendees``: its
    Subject says "Postponed" for a postponed meeting, else "Cancelled"."""
    own = witness or view.witness
    ics = render_cancel(view, organizer, now, attendees, reason=reason, witness=own, text=text)
    body = event_text(view, cancelled=True, reason=reason, witness=own, text=text)
    postponed = view.meeting.status is MeetingStatus.POSTPONED and not (reason or "").strip()
    prefix = text("Postponed") if postponed else text("Cancelled")
    return _message(prefix, view, own, organizer, attendees, body, ics, "CANCEL", now, text)


def subject(prefix: str, view: MeetingView, start: datetime, text: PaperText = ENGLISH) -> str:
    """e.g. "Invitation: Drugs Scrutiny: Scoping meeting, Monday 20 November 2006 14:00",
    at most ``MAX_TITLE`` characters: the summary is cut short to fit, never the date."""
    head, tail = f"{prefix}: ", f", {text.long_date(start.date())} {start:%H:%M}"
    return head + one_line(summary(view, text), MAX_TITLE - len(head) - len(tail)) + tail


def _message(
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
    sender = organizer_address(organizer)
    start = view.meeting.start if witness is None else witness.slot_start
    digest = uuid.uuid5(_MESSAGE_ID_NAMESPACE, ics.decode("utf-8"))
    message = EmailMessage(policy=_POLICY)
    message["Date"] = format_datetime(now.astimezone(UTC))
    message["Message-ID"] = f"<{digest}@{sender.email.rpartition('@')[2]}>"
    message["X-Unsent"] = "1"
    message.set_content(body)
    # base64 keeps the file's CRLFs and folded lines exactly as written.
    message.add_alternative(
        ics, maintype="text", subtype="calendar", params={"method": method, "charset": "UTF-8"}
    )
    message.add_attachment(ics, maintype="application", subtype="ics", filename=ATTACHMENT_NAME)
    # The same file gives the same bytes: fixed boundaries, one MIME-Version.
    message.set_boundary(f"mixed-{digest.hex}")
    alternative, _ = message.iter_parts()
    alternative.set_boundary(f"alternative-{digest.hex}")
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]
    if view.confidential:
        message["Sensitivity"] = SENSITIVITY
    checked = recipients(to_whom)
    to = [
        token
        for n, person in enumerate(checked, start=1)
        for token in _mailbox(person, last=n == len(checked))
    ]
    heading = (
        _header("From", _mailbox(sender, last=True))
        + _header("To", to)
        + _header("Subject", _words(subject(prefix, view.meeting, start, text)))
    )
    return heading.encode("ascii") + message.as_bytes()


# Headers with people's names and meeting titles in them are written here, not by the
# standard library: its folder drops or adds spaces in long or non-ASCII subjects and
# names, and writes display names that its own parser then fails to read.


def _header(name: str, tokens: Sequence[str]) -> str:
    """One header, folded before a token wherever a line would pass 78 characters."""
    lines = [f"{name}:"]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > _MAX_LINE and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += " " + token
    return _POLICY.linesep.join(lines) + _POLICY.linesep


def _words(text: str) -> list[str]:
    """Unstructured text (the subject): its words, or RFC 2047 words if it needs them."""
    words = text.split(" ")
    if _is_plain(text) and all(0 < len(w) <= _MAX_WORD for w in words):
        return words
    return _encoded_words(text)


def _mailbox(person: Attendee, last: bool) -> list[str]:
    tokens = [f"<{person.email}>"]
    if person.name:
        quoted = '"{}"'.format(person.name.replace("\\", "\\\\").replace('"', '\\"'))
        plain = _is_plain(person.name) and len(quoted) <= _MAX_WORD
        tokens[:0] = [quoted] if plain else _encoded_words(person.name)
    if not last:
        tokens[-1] += ","
    return tokens


def _is_plain(text: str) -> bool:
    return text.isascii() and text.isprintable() and "=?" not in text


def _encoded_words(text: str) -> list[str]:
    """Base64 encoded words of whole characters, at most 42 octets each (68 characters
    written); a reader joins adjacent encoded words without the space between them."""
    chunks = [""]
    for char in text:
        if len((chunks[-1] + char).encode("utf-8")) > _WORD_OCTETS:
            chunks.append("")
        chunks[-1] += char
    return [
        f"=?utf-8?b?{base64.b64encode(c.encode('utf-8')).decode('ascii')}?=" for c in chunks if c
    ]
