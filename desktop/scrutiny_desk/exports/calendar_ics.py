"""Calendar files (.ics): invitations, cancellations and the published programme.

Every time is written in UTC. Outlook shifts events by an hour when it reads the
VTIMEZONE that icalendar generates for Europe/London, and a naive time or a TZID
without its VTIMEZONE means something different in every client; an instant in UTC
means the same thing everywhere, and the client shows it in the reader's own zone.

Invitations follow RFC 5546 (iTIP), and libical's restriction check holds them to it:
REQUEST and CANCEL carry an ORGANIZER and the ATTENDEEs, a CANCEL carries the UID and
SEQUENCE of what it cancels, a PUBLISH has an ORGANIZER and no ATTENDEE. What a view
does not hold, nobody receives: confidentiality is decided in ``services.publishing``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from icalendar import Calendar, Event, vCalAddress, vDuration, vUri
from icalendar.parser import Contentline

from ..domain.enums import MeetingStatus
from ..domain.links import link_problem
from ..domain.meeting_rules import will_not_take_place
from ..domain.one_line import one_line, without_bidi_controls
from ..domain.views import (
    CalendarProgramme,
    CalendarView,
    ItemView,
    MeetingView,
    PersonView,
    WitnessView,
)
from ..domain.wording import N_
from .paper_text import ENGLISH, PaperText

PRODID = "-//Scrutiny Desk//Scrutiny Desk 0.1//EN"
NO_MEMBER_EMAIL = "No panel member has an e-mail address; add one under Panel to send invitations"
# What the calendar texts say, in the review's papers' language (``text``):
NOT_FOR_PUBLICATION = N_("NOT FOR PUBLICATION: this entry shows closed business")
ONLINE = N_("Online meeting")
CANCELLED = N_("This meeting has been cancelled.")
POSTPONED = N_("This meeting has been postponed.")
POSTPONED_CANCEL = N_(
    "This meeting has been postponed; a new invitation will follow when it is rescheduled."
)
WITHDRAWN = N_("This invitation has been withdrawn.")
UPDATED = N_("This invitation has been updated: it replaces the one issued before.")
NOT_ON_AGENDA = N_("You are no longer on the agenda of this meeting.")
NOT_ON_PANEL = N_("You are no longer a member of this panel.")
#: how often a subscribed programme is read again (RFC 7986, and Outlook's own property)
REFRESH = timedelta(hours=1)

# RFC 5545 forbids control characters in TEXT (the `ical` parser refuses them). Line
# breaks (Word's manual line break VT and page break FF, NEL, the Unicode line and
# paragraph separators) become LF; the rest are dropped.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
# An address that is safe in a mailto: URI and in a message header as it stands:
# no spaces, quotes, brackets, "%" or "?", ASCII only (the message is not SMTPUTF8).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# A web address as a URI value: printable ASCII without spaces, quotes or angle brackets.
_URI = re.compile(r"https?://[!#-;=?-\[\]_a-z~]+", re.IGNORECASE)
# What a URI may hold as it stands (RFC 3986: reserved and unreserved characters, and
# "%" for the escapes a link already has); everything else is percent-encoded.
_URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


@dataclass(frozen=True)
class Organizer:
    """Who sends the invitations: usually the review's contact officer."""

    email: str
    name: str | None


@dataclass(frozen=True)
class Attendee:
    """A recipient, checked: a one-line name (or None) and a usable address."""

    name: str | None
    email: str


# Text --------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Text as a calendar can carry it in a multi-line place (DESCRIPTION, a mail body):
    line breaks as LF, no control or bidirectional control characters, no spaces or tabs
    at either end (libical drops those when it reads a value)."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", without_bidi_controls(text))).strip(" \t")


def _span(start: datetime, end: datetime, text: PaperText = ENGLISH) -> str:
    return text.each(lambda one: _one_span(start, end, one))


def _one_span(start: datetime, end: datetime, one: PaperText) -> str:
    first, begins, ends = one.long_date(start.date()), f"{start:%H:%M}", f"{end:%H:%M}"
    if start.date() == end.date():
        return one("{date}, {start} to {end}", date=first, start=begins, end=ends)
    last = one.long_date(end.date())
    return one(
        "{date}, {start} to {end_date}, {end}", date=first, start=begins, end_date=last, end=ends
    )


def summary(view: MeetingView, text: PaperText = ENGLISH) -> str:
    """The SUMMARY: "Review: Meeting", on one line, at most ``MAX_TITLE`` characters."""
    return one_line(f"{view.review_title}: {text.title(view.title, view.title_cy)}")


def location(view: CalendarView, text: PaperText = ENGLISH) -> str | None:
    """The LOCATION: the venue on one line; "Online meeting" for a meeting with a
    joining link and no venue."""
    venue = one_line(view.meeting.venue or "")
    if not venue and view.joining_link:
        return text(ONLINE)
    return venue or None


def agenda_text(view: MeetingView, *, cancelled: bool = False, text: PaperText = ENGLISH) -> str:
    """The meeting and its agenda as plain text: the DESCRIPTION and the mail body."""
    return event_text(CalendarView(view), cancelled=cancelled, text=text)


def witness_agenda_text(
    view: WitnessView, *, cancelled: bool = False, text: PaperText = ENGLISH
) -> str:
    """What a witness is told: their own slot, then their own items only."""
    return event_text(CalendarView(view.meeting, witness=view), cancelled=cancelled, text=text)


def event_text(
    view: CalendarView,
    *,
    cancelled: bool = False,
    update: bool = False,
    reason: str | None = None,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> str:
    """The DESCRIPTION and the mail body, from one function so they cannot drift apart.
    ``witness`` (by default the view's) gives their own slot; ``reason`` says why a
    cancellation reaches this person when the meeting itself goes ahead; ``text``: the
    review's papers' language."""
    meeting, own = view.meeting, witness or view.witness
    lines = [text(NOT_FOR_PUBLICATION)] if view.confidential else []
    title = text.title(meeting.title, meeting.title_cy)
    lines += [x for x in (meeting.body, meeting.review_title, title) if x and x.strip()]
    status = status_line(
        meeting.status, cancelled=cancelled, update=update, reason=reason, text=text
    )
    if status:
        lines.append(status)
    # a witness taken off the agenda has no session and no items to be told of
    withdrawn = own is not None and not meeting.items
    span = _span(meeting.start, meeting.end, text)
    zone = meeting.timezone
    if own is not None and not withdrawn:
        session = _span(own.slot_start, own.slot_end, text)
        lines.append(text("Your session: {span} ({zone})", span=session, zone=zone))
        lines.append(text("Meeting: {span}", span=span))
    elif withdrawn:
        lines.append(text("Meeting: {span} ({zone})", span=span, zone=zone))
    else:
        lines.append(f"{span} ({zone})")
    venue = meeting.venue if meeting.venue and meeting.venue.strip() else None
    if venue or view.joining_link:
        lines.append(text("Venue: {venue}", venue=venue or text(ONLINE)))
    if view.joining_link:
        lines.append(text("Join online: {link}", link=_link(view.joining_link)))
    if not withdrawn:
        lines += ["", text("Agenda") if own is None else text("Your items on the agenda")]
        lines += [line for item in meeting.items for line in _item_lines(item, view.numbered, text)]
        if not meeting.items:
            lines.append(text("(no items)"))
    contact = meeting.contact
    if contact is not None and (contact.name or contact.email or contact.phone):
        parts = (contact.name, contact.role, contact.email, contact.phone)
        lines += ["", text("Contact: {who}", who=", ".join(p for p in parts if p))]
    if view.privacy_notice and (witness or view.witness) is not None:
        lines += ["", view.privacy_notice]  # the review's own wording, as it set it
    return clean_text("\n".join(lines))


def status_line(
    status: MeetingStatus,
    *,
    cancelled: bool = False,
    update: bool = False,
    reason: str | None = None,
    text: PaperText = ENGLISH,
) -> str | None:
    """Why the file comes: the meeting cancelled or postponed, this person no longer
    invited (``reason``: ``NOT_ON_AGENDA`` or ``NOT_ON_PANEL`` are translated, any other
    prints as given), or an update."""
    if cancelled and reason and reason.strip():
        return text(reason)
    if status is MeetingStatus.CANCELLED:
        return text(CANCELLED)
    if status is MeetingStatus.POSTPONED:
        return text(POSTPONED_CANCEL) if cancelled else text(POSTPONED)
    if cancelled:
        return text(WITHDRAWN)
    return text(UPDATED) if update else None


def _item_lines(item: ItemView, numbered: bool, text: PaperText = ENGLISH) -> list[str]:
    slot = f"{item.start:%H:%M}–{item.end:%H:%M}  " if item.start and item.end else ""
    closed = text(" (closed)") if item.closed else ""
    number = f"{item.number}. " if numbered else "- "
    title = text.title(item.title, item.title_cy)
    lines = _indented(f"{number}{slot}{title}{closed}", first="")
    if item.closed and item.exemption:
        lines += _indented(text("Exemption: {exemption}", exemption=item.exemption))
    for person in item.witnesses:
        lines += _indented(text("Witness: {person}", person=person.label))
    return lines


def _indented(text: str, first: str = "   ") -> list[str]:
    head, *rest = text.split("\n")
    return [first + head, *("   " + line for line in rest)]


def _link(value: str) -> str:
    """A joining link or web page as a URI value: http or https, no white space. A link
    the clerk typed may hold letters a URI cannot (``https://example.org/réunion``: an
    IRI, which ``domain.links`` accepts); they are written percent-encoded in UTF-8, as
    RFC 3987 (3.1) maps an IRI to a URI, and the link still leads to the same page.
    The editing services check the rest; a file from elsewhere may not have been."""
    stripped = value.strip()
    # the one rule of what a link may be (a file from elsewhere may break it)
    link = "" if link_problem(stripped) else quote(stripped, safe=_URI_SAFE)
    if _URI.fullmatch(link) is None:
        raise ValueError(
            f'The link "{one_line(stripped, 80)}" is not a web address that can be used '
            "(http:// or https://, no spaces); correct it to write calendar files"
        )
    return link


# Addresses ---------------------------------------------------------------------------


def attendee(name: str | None, email: str | None, who: str) -> Attendee | None:
    """A checked recipient, None without an address; ValueError naming ``who`` for an
    address that cannot be used."""
    address = (email or "").strip()
    if not address:
        return None
    if len(address) > 254 or _EMAIL.fullmatch(address) is None:
        raise ValueError(
            f'The e-mail address of {one_line(who)} ("{one_line(address)}") is '
            "not one that can be used; correct it to send invitations"
        )
    return Attendee(one_line(name or "") or None, address)


def organizer_address(organizer: Organizer) -> Attendee:
    checked = attendee(organizer.name, organizer.email, "the organiser")
    if checked is None:
        raise ValueError(
            "The organiser has no e-mail address; add the contact officer's "
            "e-mail address to send invitations"
        )
    return checked


def panel_attendees(view: MeetingView) -> tuple[Attendee, ...]:
    """Every member with an e-mail address, each address once; ValueError if none."""
    found: dict[str, Attendee] = {}
    for member in view.members:
        checked = attendee(member.name, member.email, member.name)
        if checked is not None:
            found.setdefault(checked.email.lower(), checked)
    if not found:
        raise ValueError(NO_MEMBER_EMAIL)
    return tuple(found.values())


def witness_attendee(view: WitnessView) -> Attendee:
    witness: PersonView = view.witness
    checked = attendee(witness.name, witness.email, witness.name)
    if checked is None:
        raise ValueError(
            f"{one_line(witness.name)} has no e-mail address; add one under "
            "Witnesses to send them an invitation"
        )
    return checked


def _cal_address(person: Attendee, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    # icalendar writes '"' and "^" as RFC 6868 escapes (^' and ^^), which Outlook does
    # not read: it shows them as they are, or breaks on the quote.
    name = one_line((person.name or "").replace('"', "").replace("^", ""))
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key.upper()] = value
    return address


# Files -------------------------------------------------------------------------------
#
# ``render_request`` and ``render_cancel`` write one event for the recipients the
# caller names (the invitation register decides who needs what); the older functions
# below them are the whole panel's or one witness's, and call them.


def render_request(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    *,
    update: bool = False,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> bytes:
    """A REQUEST: an invitation, or with ``update`` the same event again (same UID, the
    SEQUENCE the view carries). ``witness`` (by default the view's): that witness's own
    event, with their UID, SEQUENCE and slot."""
    own = witness or view.witness
    said = event_text(view, update=update, witness=own, text=text)
    return request_with(view, organizer, now, attendees, said, own, text)


def request_with(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    said: str,
    witness: WitnessView | None,
    text: PaperText = ENGLISH,
) -> bytes:
    """``render_request`` with its DESCRIPTION (``event_text``) drawn already: the
    e-mail's body is the same text (``email_eml``)."""
    _invitable(view.meeting)
    event = _event(view, now, said, MeetingStatus.SCHEDULED, witness, text)
    _address(event, organizer, recipients(attendees))
    return _calendar("REQUEST", [event])


def render_cancel(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    *,
    reason: str | None = None,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> bytes:
    """A CANCEL of the event's UID at the view's SEQUENCE. Its text says why: the
    meeting cancelled or postponed, or ``reason`` (``NOT_ON_AGENDA``,
    ``NOT_ON_PANEL``) when the meeting goes ahead without these people."""
    own = witness or view.witness
    said = event_text(view, cancelled=True, reason=reason, witness=own, text=text)
    return cancel_with(view, organizer, now, attendees, said, own, text)


def cancel_with(
    view: CalendarView,
    organizer: Organizer,
    now: datetime,
    attendees: Sequence[Attendee],
    said: str,
    witness: WitnessView | None,
    text: PaperText = ENGLISH,
) -> bytes:
    """``render_cancel`` with its DESCRIPTION (``event_text``) drawn already."""
    event = _event(view, now, said, MeetingStatus.CANCELLED, witness, text)
    _address(event, organizer, recipients(attendees))
    return _calendar("CANCEL", [event])


def render_programme(
    view: CalendarProgramme, organizer: Organizer, now: datetime, *, text: PaperText = ENGLISH
) -> bytes:
    """Every meeting of the review, for subscribing or importing: no attendees. A
    subscribing client reads it again every ``REFRESH``."""
    events = []
    for meeting in view.events:
        said = event_text(meeting, text=text)
        event = _event(meeting, now, said, meeting.meeting.status, text=text)
        if meeting.web_page:
            event.add("url", vUri(_link(meeting.web_page)))
        _address(event, organizer, ())
        events.append(event)
    return _calendar("PUBLISH", events, programme=view)


def recipients(attendees: Sequence[Attendee]) -> tuple[Attendee, ...]:
    """The recipients checked again as they are written (the caller may have built
    them itself): names on one line, addresses usable in a header and a mailto: URI;
    ValueError naming an address that is not."""
    if not attendees:
        raise ValueError("An invitation or cancellation needs at least one recipient")
    checked = []
    for person in attendees:
        found = attendee(person.name, person.email, person.name or person.email)
        if found is None:
            raise ValueError(f"{one_line(person.name or '')} has no e-mail address")
        checked.append(found)
    return tuple(checked)


def _invitable(view: MeetingView) -> None:
    if will_not_take_place(view.status):
        raise ValueError(
            f'"{one_line(view.title)}" is {view.status.value}: it gets no '
            "invitation (send a cancellation to withdraw earlier ones)"
        )


_STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def _utc(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be an aware date and time, not a naive one")
    return value.astimezone(UTC).replace(microsecond=0)


def _event(
    view: CalendarView,
    now: datetime,
    description: str,
    status: MeetingStatus,
    witness: WitnessView | None = None,
    text: PaperText = ENGLISH,
) -> Event:
    """The meeting's event, or with ``witness`` that witness's own: its UID, SEQUENCE
    and slot."""
    meeting = view.meeting
    if witness is None:
        uid, sequence = meeting.uid, meeting.sequence
        start, end = meeting.start_utc, meeting.end_utc
    else:
        uid, sequence = witness.uid, witness.sequence
        start, end = witness.slot_start_utc, witness.slot_end_utc
    event = Event()
    event.add("uid", clean_text(uid))
    event.add("sequence", sequence)
    event.add("dtstamp", _utc(now, "now"))
    event.add("dtstart", _utc(start, "the start"))
    event.add("dtend", _utc(end, "the end"))
    event.add("summary", summary(meeting, text))
    place = location(view, text)
    if place:  # libical drops a blank LOCATION with a parse error
        event.add("location", place)
    event.add("description", description)
    event.add("status", _STATUS[status])
    if view.confidential:
        event.add("class", "CONFIDENTIAL")
    if view.joining_link:
        # RFC 7986: a URI value, folded like any other line by icalendar.
        label = text("Join online")
        features = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label}
        event.add("conference", vUri(_link(view.joining_link), params=features))
    return event


def _address(event: Event, organizer: Organizer, attendees: Iterable[Attendee]) -> None:
    event.add("organizer", _cal_address(organizer_address(organizer)))
    for person in attendees:
        event.add(
            "attendee",
            _cal_address(person, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE"),
        )


def _calendar(
    method: str, events: list[Event], programme: CalendarProgramme | None = None
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if programme is not None:  # only for many events: Outlook opens a new calendar for it
        name = one_line(programme.review_title)
        if name:
            calendar.add("name", name)  # RFC 7986
            calendar.add("x-wr-calname", name)  # what Outlook and Google read
        if programme.web_page:
            calendar.add("url", vUri(_link(programme.web_page)))
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))  # Outlook's own
    for event in events:
        calendar.add_component(event)
    return ical(calendar)


def ical(calendar: Calendar) -> bytes:
    """``calendar.to_ical()``, byte for byte: its content lines folded as icalendar
    folds them (RFC 5545: every 74 octets, moving a ``\\`` or ``^`` that would end a
    line to the next, so no escape is split), but a line of ASCII at a time by slicing
    rather than a character at a time; any other line by icalendar itself
    (tests/exports/test_calendar_fold.py holds the two to the same bytes)."""
    return b"\r\n".join(_folded(line) for line in calendar.content_lines() if line) + b"\r\n"


def _folded(line: Contentline) -> bytes:
    if not line.isascii():
        folded: bytes = line.to_ical()  # type: ignore[no-untyped-call]
        return folded
    if len(line) <= _FOLD_AT:
        return line.encode("ascii")
    parts, start, end = [], 0, len(line)
    while end - start > _FOLD_AT:
        cut = start + _FOLD_AT
        if line[cut - 1] in _ESCAPES:  # an escape's first character starts the next line
            cut -= 1
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return "\r\n ".join(parts).encode("ascii")


_FOLD_AT = 74
"""The octets of a folded line, its break and the next line's space aside (icalendar
folds before the octet that would make 75)."""
_ESCAPES = "\\^"
"""What begins an escape: TEXT's backslash, a parameter's caret (RFC 6868)."""
