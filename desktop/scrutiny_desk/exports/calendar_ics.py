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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress

from ..domain.enums import MeetingStatus
from ..domain.meeting_rules import will_not_take_place
from ..domain.views import ItemView, MeetingView, PersonView, ProgrammeView, WitnessView
from ..domain.wording import long_date

PRODID = "-//Scrutiny Desk//Scrutiny Desk 0.1//EN"
NO_MEMBER_EMAIL = "No panel member has an e-mail address; add one under Panel to send invitations"

# RFC 5545 forbids control characters in TEXT (the `ical` parser refuses them). Word's
# manual line break (VT) and page break (FF) become line breaks; the rest are dropped.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
# An address that is safe in a mailto: URI and in a message header as it stands:
# no spaces, quotes, brackets, "%" or "?", ASCII only (the message is not SMTPUTF8).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


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
    """Text as a calendar can carry it: line breaks as LF, no control characters, no
    spaces or tabs at either end (libical drops those when it reads a value)."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text)).strip(" \t")


def one_line(text: str) -> str:
    """Text for a single-line place (a CN, a display name, a subject)."""
    return " ".join(clean_text(text).split())


def _span(start: datetime, end: datetime) -> str:
    if start.date() == end.date():
        return f"{long_date(start)}, {start:%H:%M} to {end:%H:%M}"
    return f"{long_date(start)}, {start:%H:%M} to {long_date(end)}, {end:%H:%M}"


def summary(view: MeetingView) -> str:
    return clean_text(f"{view.review_title}: {view.title}")


def agenda_text(view: MeetingView, *, cancelled: bool = False) -> str:
    """The meeting and its agenda as plain text: the DESCRIPTION and the mail body."""
    return _agenda(view, None, cancelled)


def witness_agenda_text(view: WitnessView, *, cancelled: bool = False) -> str:
    """What a witness is told: their own slot, then their own items only."""
    return _agenda(view.meeting, (view.slot_start, view.slot_end), cancelled)


def _agenda(view: MeetingView, slot: tuple[datetime, datetime] | None, cancelled: bool) -> str:
    lines = [x for x in (view.body, view.review_title, view.title) if x and x.strip()]
    status = _status_line(view.status, cancelled)
    if status:
        lines.append(status)
    if slot is not None:
        lines.append(f"Your session: {_span(*slot)} ({view.timezone})")
        lines.append(f"Meeting: {_span(view.start, view.end)}")
    else:
        lines.append(f"{_span(view.start, view.end)} ({view.timezone})")
    if view.venue and view.venue.strip():
        lines.append(f"Venue: {view.venue}")
    lines += ["", "Agenda" if slot is None else "Your items on the agenda"]
    lines += [line for item in view.items for line in _item_lines(item)]
    if not view.items:
        lines.append("(no items)")
    contact = view.contact
    if contact is not None and (contact.name or contact.email or contact.phone):
        parts = (contact.name, contact.role, contact.email, contact.phone)
        lines += ["", "Contact: " + ", ".join(p for p in parts if p)]
    return clean_text("\n".join(lines))


def _status_line(status: MeetingStatus, cancelled: bool) -> str | None:
    if status is MeetingStatus.CANCELLED:
        return "This meeting has been cancelled."
    if status is MeetingStatus.POSTPONED:
        return "This meeting has been postponed."
    return "This invitation has been withdrawn." if cancelled else None


def _item_lines(item: ItemView) -> list[str]:
    slot = f"{item.start:%H:%M}–{item.end:%H:%M}  " if item.start and item.end else ""
    closed = " (closed)" if item.closed else ""
    lines = _indented(f"{item.number}. {slot}{item.title}{closed}", first="")
    if item.closed and item.exemption:
        lines += _indented(f"Exemption: {item.exemption}")
    for person in item.witnesses:
        lines += _indented(f"Witness: {person.label}")
    return lines


def _indented(text: str, first: str = "   ") -> list[str]:
    head, *rest = text.split("\n")
    return [first + head, *("   " + line for line in rest)]


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
    if person.name:
        # icalendar writes '"' and "^" as RFC 6868 escapes (^' and ^^), which Outlook
        # does not read: it shows them as they are, or breaks on the quote.
        address.params["CN"] = person.name.replace('"', "").replace("^", "")
    for key, value in params.items():
        address.params[key.upper()] = value
    return address


# Files -------------------------------------------------------------------------------


def render_invite(view: MeetingView, organizer: Organizer, now: datetime) -> bytes:
    _invitable(view)
    event = _event(view, now, agenda_text(view), MeetingStatus.SCHEDULED)
    _address(event, organizer, panel_attendees(view))
    return _calendar("REQUEST", [event])


def render_cancellation(view: MeetingView, organizer: Organizer, now: datetime) -> bytes:
    event = _event(view, now, agenda_text(view, cancelled=True), MeetingStatus.CANCELLED)
    _address(event, organizer, panel_attendees(view))
    return _calendar("CANCEL", [event])


def render_witness_invite(view: WitnessView, organizer: Organizer, now: datetime) -> bytes:
    _invitable(view.meeting)
    text = witness_agenda_text(view)
    event = _event(view.meeting, now, text, MeetingStatus.SCHEDULED, witness=view)
    _address(event, organizer, (witness_attendee(view),))
    return _calendar("REQUEST", [event])


def render_witness_cancellation(view: WitnessView, organizer: Organizer, now: datetime) -> bytes:
    text = witness_agenda_text(view, cancelled=True)
    event = _event(view.meeting, now, text, MeetingStatus.CANCELLED, witness=view)
    _address(event, organizer, (witness_attendee(view),))
    return _calendar("CANCEL", [event])


def render_programme(view: ProgrammeView, organizer: Organizer, now: datetime) -> bytes:
    """Every meeting of the review, for subscribing or importing: no attendees."""
    events = []
    for meeting in view.meetings:
        event = _event(meeting, now, agenda_text(meeting), meeting.status)
        _address(event, organizer, ())
        events.append(event)
    return _calendar("PUBLISH", events, name=one_line(view.review_title))


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
    view: MeetingView,
    now: datetime,
    description: str,
    status: MeetingStatus,
    witness: WitnessView | None = None,
) -> Event:
    """The meeting's event, or with ``witness`` that witness's own: its UID, SEQUENCE
    and slot."""
    if witness is None:
        uid, sequence, start, end = view.uid, view.sequence, view.start_utc, view.end_utc
    else:
        uid, sequence = witness.uid, witness.sequence
        start, end = witness.slot_start_utc, witness.slot_end_utc
    event = Event()
    event.add("uid", clean_text(uid))
    event.add("sequence", sequence)
    event.add("dtstamp", _utc(now, "now"))
    event.add("dtstart", _utc(start, "the start"))
    event.add("dtend", _utc(end, "the end"))
    event.add("summary", summary(view))
    venue = clean_text(view.venue or "")
    if venue.strip():  # libical drops a blank LOCATION with a parse error
        event.add("location", venue)
    event.add("description", description)
    event.add("status", _STATUS[status])
    return event


def _address(event: Event, organizer: Organizer, attendees: Iterable[Attendee]) -> None:
    event.add("organizer", _cal_address(organizer_address(organizer)))
    for person in attendees:
        event.add(
            "attendee",
            _cal_address(person, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE"),
        )


def _calendar(method: str, events: list[Event], name: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:  # only for many events: Outlook opens a new calendar for it
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
