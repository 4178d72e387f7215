"""The whole panel's invitation and a witness's own, drawn as the calendar tests have
always drawn them: every member with an e-mail address (``panel_attendees``), or the
witness. The app itself names its recipients from the register (``render_request``,
``render_cancel``); these are the tests' shorthand for the common case."""

from __future__ import annotations

from datetime import datetime

from scrutiny_desk.domain.views import CalendarView, MeetingView, WitnessView
from scrutiny_desk.exports.calendar_ics import (
    Organizer,
    panel_attendees,
    render_cancel,
    render_request,
    witness_attendee,
)
from scrutiny_desk.exports.email_eml import render_cancel_email, render_request_email


def render_invite(view: MeetingView | CalendarView, organizer: Organizer, now: datetime) -> bytes:
    """The whole panel's invitation: every member with an e-mail address."""
    cal = as_calendar_view(view)
    return render_request(cal, organizer, now, panel_attendees(cal.meeting))


def render_cancellation(
    view: MeetingView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal = as_calendar_view(view)
    return render_cancel(cal, organizer, now, panel_attendees(cal.meeting))


def render_witness_invite(
    view: WitnessView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal, own = as_witness_event(view)
    return render_request(cal, organizer, now, (witness_attendee(own),))


def render_witness_cancellation(
    view: WitnessView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal, own = as_witness_event(view)
    return render_cancel(cal, organizer, now, (witness_attendee(own),))


def as_calendar_view(view: MeetingView | CalendarView) -> CalendarView:
    """A bare MeetingView as an unmarked event with no link (the older callers')."""
    return view if isinstance(view, CalendarView) else CalendarView(view)


def as_witness_event(view: WitnessView | CalendarView) -> tuple[CalendarView, WitnessView]:
    """A witness's event and their own view (UID, SEQUENCE, slot)."""
    cal = view if isinstance(view, CalendarView) else CalendarView(view.meeting, witness=view)
    if cal.witness is None:
        raise ValueError("a witness's invitation needs the witness's view")
    return cal, cal.witness


def render_invite_email(
    view: MeetingView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal = as_calendar_view(view)
    return render_request_email(cal, organizer, now, panel_attendees(cal.meeting))


def render_cancellation_email(
    view: MeetingView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal = as_calendar_view(view)
    return render_cancel_email(cal, organizer, now, panel_attendees(cal.meeting))


def render_witness_invite_email(
    view: WitnessView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal, own = as_witness_event(view)
    return render_request_email(cal, organizer, now, (witness_attendee(own),))


def render_witness_cancellation_email(
    view: WitnessView | CalendarView, organizer: Organizer, now: datetime
) -> bytes:
    cal, own = as_witness_event(view)
    return render_cancel_email(cal, organizer, now, (witness_attendee(own),))
