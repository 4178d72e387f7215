"""Ready-to-send invitation messages (.eml) that carry the calendar file.

Outlook opens a message marked ``X-Unsent: 1`` as a draft the clerk can check and
send. It acts on the ``text/calendar; method=...`` part inside multipart/alternative
and shows the plain-text body, not the DESCRIPTION, so the agenda goes in the body
too; other clients take the same file from the ``invite.ics`` attachment. The body
and the DESCRIPTION come from one function, so they cannot drift apart.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from email import quoprimime
from email.policy import EmailPolicy
from email.utils import format_datetime

from ..domain.enums import MeetingStatus
from ..domain.one_line import one_line
from ..domain.rules import MAX_TITLE
from ..domain.views import CalendarView, MeetingView, WitnessView
from .calendar_ics import (
    Attendee,
    Organizer,
    cancel_with,
    event_text,
    organizer_address,
    recipients,
    request_with,
    summary,
)
from .paper_text import ENGLISH, PaperText

ATTACHMENT_NAME = "invite.ics"
_MESSAGE_ID_NAMESPACE = uuid.UUID("0f3b8c52-7d1e-4a61-b0d9-5c2e8a4f7b13")


# SMTP: CRLF line ends, 7-bit (non-ASCII text goes quoted-printable or base64). The
# calendar part's Content-Type is written as Exchange and Gmail write it,
# ``text/calendar; method=REQUEST; charset=UTF-8``, unquoted: some mail clients match
# the method literally.
_POLICY = EmailPolicy(linesep="\r\n", cte_type="7bit")
_MAX_LINE = 78
_MAX_WORD = 60
_WORD_OCTETS = 42  # 56 base64 characters: "Subject: " and the word fit in 78
_LINE_ENDS = re.compile("\r\n|\r|\n")


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
    body = event_text(view, update=update, witness=own, text=text)  # the DESCRIPTION too
    ics = request_with(view, organizer, now, attendees, body, own, text)
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
    body = event_text(view, cancelled=True, reason=reason, witness=own, text=text)
    ics = cancel_with(view, organizer, now, attendees, body, own, text)
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
    checked = recipients(to_whom)
    to = [
        token
        for n, person in enumerate(checked, start=1)
        for token in _mailbox(person, last=n == len(checked))
    ]
    mixed, alternative = f"mixed-{digest.hex}", f"alternative-{digest.hex}"
    cte, payload = _text_body(body)
    calendar = _base64(ics)  # base64 keeps the file's CRLFs and folded lines as written
    nl = _POLICY.linesep
    # The same file gives the same bytes: fixed boundaries, one MIME-Version.
    lines = [
        _header("From", _mailbox(sender, last=True))
        + _header("To", to)
        + _header("Subject", _words(subject(prefix, view.meeting, start, text)))
        + f"Date: {format_datetime(now.astimezone(UTC))}{nl}",
        _message_id(f"<{digest}@{sender.email.rpartition('@')[2]}>"),
        f"X-Unsent: 1{nl}",
        f"MIME-Version: 1.0{nl}",
        f'Content-Type: multipart/mixed;{nl} boundary="{mixed}"{nl}',
        f"Sensitivity: {SENSITIVITY}{nl}" if view.confidential else "",
        f"{nl}--{mixed}{nl}",
        f'Content-Type: multipart/alternative;{nl} boundary="{alternative}"{nl}',
        f"{nl}--{alternative}{nl}",
        f'Content-Type: text/plain; charset="utf-8"{nl}',
        f"Content-Transfer-Encoding: {cte}{nl}{nl}",
        payload,
        f"{nl}--{alternative}{nl}",
        f"Content-Transfer-Encoding: base64{nl}",
        f"Content-Type: text/calendar; method={method}; charset=UTF-8{nl}{nl}",
        calendar,
        f"{nl}--{alternative}--{nl}",
        f"{nl}--{mixed}{nl}",
        f"Content-Type: application/ics{nl}",
        f"Content-Transfer-Encoding: base64{nl}",
        f'Content-Disposition: attachment; filename="{ATTACHMENT_NAME}"{nl}{nl}',
        calendar,
        f"{nl}--{mixed}--{nl}",
    ]
    return "".join(lines).encode("ascii")


# The MIME structure is written here as the standard library's EmailMessage writes it
# (``set_content`` of the text, ``add_alternative`` of the calendar, ``add_attachment``
# of the file, under the SMTP policy above) and its parser reads it: the same bytes,
# without building and parsing every header as objects to write them out again
# (tests/exports/test_email_eml_bytes.py holds the two to the same bytes).


def _message_id(value: str) -> str:
    line = f"Message-ID: {value}"
    if len(line) <= _MAX_LINE:
        return line + _POLICY.linesep
    # a long domain: folded as the standard library folds it
    header = _POLICY.header_factory("Message-ID", value)
    return _POLICY.fold_binary("Message-ID", header).decode("ascii")


def _text_body(body: str) -> tuple[str, str]:
    """The text part's transfer encoding and payload as ``set_content`` chooses them
    under a 7-bit policy (``email.contentmanager``): as it is if every line is ASCII
    and short enough, else quoted-printable or base64, whichever the first ten lines
    make shorter. Line ends CRLF."""
    lines = body.encode("utf-8").splitlines()
    crlf = _POLICY.linesep.encode("ascii")
    normal = b"\n".join(lines) + b"\n"
    if max((len(x) for x in lines), default=0) <= _MAX_LINE and normal.isascii():
        return "7bit", _crlf(normal.decode("ascii"))
    sniff = crlf.join(lines[:10]) + crlf
    sniff_qp = quoprimime.body_encode(sniff.decode("latin-1"), _MAX_LINE)
    if len(sniff_qp) > len(binascii.b2a_base64(sniff)):
        return "base64", _base64(crlf.join(lines) + crlf)
    if len(lines) <= 10:
        return "quoted-printable", _crlf(sniff_qp)
    return "quoted-printable", _crlf(quoprimime.body_encode(normal.decode("latin-1"), _MAX_LINE))


def _base64(data: bytes) -> str:
    """Base64 in lines of 76 characters, each ending CRLF."""
    step = _MAX_LINE // 4 * 3
    return "".join(
        binascii.b2a_base64(data[i : i + step]).decode("ascii")[:-1] + _POLICY.linesep
        for i in range(0, len(data), step)
    )


def _crlf(text: str) -> str:
    """Every line end (CRLF, CR or LF) as CRLF, as the generator writes a payload."""
    return _POLICY.linesep.join(_LINE_ENDS.split(text))


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
