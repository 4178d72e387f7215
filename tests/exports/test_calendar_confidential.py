"""Who sees what in calendar files (issue 14): the review's setting "calendar entries
show public titles only", both ways, on the shipped sample and on a review with a
canary string in every closed place.

Calendars are shared with assistants and delegates, and a published programme with
whoever has its address. With the setting on (the default) no calendar file carries a
closed item's real title, its reason, minute, slot or witnesses, nor names a witness
who asked to give evidence in private, even the panel's. With it off the panel's files
carry the panel's view, marked (CLASS:CONFIDENTIAL, "NOT FOR PUBLICATION", the e-mail's
Sensitivity header). A private witness's own invitation always shows public titles and
nothing of other items. Every file is read back with icalendar, ical and libical.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import datetime
from email.header import decode_header, make_header
from email.message import EmailMessage
from functools import cache

import pytest

from scrutiny_desk.domain.enums import Access, ItemKind, MeetingKind, MeetingStatus, MemberRole
from scrutiny_desk.domain.records import AgendaItem, Contact, Meeting, Member, Review, Witness
from scrutiny_desk.domain.views import Audience, CalendarView
from scrutiny_desk.exports.calendar_ics import (
    NOT_FOR_PUBLICATION,
    Attendee,
    panel_attendees,
    render_cancel,
    render_programme,
    render_request,
)
from scrutiny_desk.exports.email_eml import render_cancel_email, render_request_email
from scrutiny_desk.services import publishing

from .calendar_checks import NOW, ORGANIZER, libical, libical_problems, read_back
from .test_calendar_ics import sample

# Canaries: each is in one closed place only.
CLOSED_TITLE = "CANARYCLOSEDTITLE"
CLOSED_REASON = "CANARYCLOSEDREASON"
CLOSED_MINUTE = "CANARYCLOSEDMINUTE"
CLOSED_WITNESS = "CANARYCLOSEDWITNESS"  # heard only under the closed item, not private
CLOSED_WITNESS_ORG = "CANARYCLOSEDORGANISATION"
PRIVATE_NAME = "CANARYPRIVATENAME"  # asked to give evidence in private, on an open item
PRIVATE_ORG = "CANARYPRIVATEORGANISATION"
PRIVATE_CLOSED = "CANARYPRIVATECLOSED"  # private, heard under the closed item
CLOSED_TIMES = ("11:07", "11:53")  # the closed item's slot, as calendars print times
PUBLIC_TITLE = "Evidence heard in confidence"
OPEN_TITLE = "Evidence from the bus operator"

CLOSED_CANARIES = (CLOSED_TITLE, CLOSED_WITNESS, CLOSED_WITNESS_ORG, PRIVATE_CLOSED)
PRIVATE_CANARIES = (PRIVATE_NAME, PRIVATE_ORG, PRIVATE_CLOSED)
NEVER = (CLOSED_REASON, CLOSED_MINUTE)  # no calendar file prints reasons or minutes
EVERY_CANARY = (*CLOSED_CANARIES, *PRIVATE_CANARIES, *NEVER, *CLOSED_TIMES)


def at(hour: int, minute: int = 0, day: int = 12) -> datetime:
    return datetime(2027, 1, day, hour, minute)


def canary_review(public_titles: bool) -> Review:
    items = (
        AgendaItem("apologies", "Apologies for absence", ItemKind.PROCEDURAL),
        AgendaItem(
            "open",
            OPEN_TITLE,
            ItemKind.EVIDENCE,
            start=at(10, 15),
            end=at(11),
            witnesses=("operator", "private"),
            minute="The operator described the timetable.",
        ),
        AgendaItem(
            "closed",
            CLOSED_TITLE,
            ItemKind.EVIDENCE,
            Access.CLOSED,
            closed_reason=CLOSED_REASON,
            public_title=PUBLIC_TITLE,
            exemption="Schedule 12A, paragraph 1",
            start=at(11, 7),
            end=at(11, 53),
            witnesses=("closed", "private-closed"),
            minute=CLOSED_MINUTE,
        ),
    )
    meeting = Meeting(
        "session",
        "Evidence session",
        MeetingKind.EVIDENCE,
        at(10),
        at(12, 30),
        venue="Committee Room 2",
        uid="session@example.org",
        sequence=2,
        items=items,
    )
    return Review(
        title="Bus Services Review",
        body="Testshire County Council",
        contact=Contact(name="Sam Clerk", email="scrutiny@example.org"),
        panel=(
            Member("chair", "Cllr Ada Chair", MemberRole.CHAIR, "ada@example.org"),
            Member("member", "Cllr Ben Member", MemberRole.MEMBER, "ben@example.org"),
        ),
        witnesses=(
            Witness("operator", "Olive Operator", "Director", "Testshire Buses", "o@example.org"),
            Witness("private", PRIVATE_NAME, None, PRIVATE_ORG, "p@example.org", private=True),
            Witness("closed", CLOSED_WITNESS, None, CLOSED_WITNESS_ORG, "c@example.org"),
            Witness("private-closed", PRIVATE_CLOSED, None, None, "pc@example.org", private=True),
        ),
        meetings=(
            meeting,
            replace(
                meeting,
                key="plain",
                title="Site visit",
                start=at(10, day=19),
                end=at(12, day=19),
                uid="plain@example.org",
                items=items[:1],
            ),
            replace(
                meeting,
                key="called-off",
                title="Called-off session",
                start=at(10, day=26),
                end=at(12, 30, day=26),
                uid="called-off@example.org",
                status=MeetingStatus.CANCELLED,
                items=tuple(
                    replace(
                        i,
                        start=i.start and i.start.replace(day=26),
                        end=i.end and i.end.replace(day=26),
                    )
                    for i in items
                ),
            ),
        ),
        calendar_public_titles=public_titles,
    )


# Reading what a reader would see ---------------------------------------------------------


def ics_text(data: bytes) -> str:
    """Everything in a calendar file a reader could see: unfolded and unescaped."""
    read_back(data)
    if libical() is not None:
        assert libical_problems(data) == []
    return data.replace(b"\r\n ", b"").decode().replace("\\n", "\n").replace("\\", "")


def eml_parts(data: bytes) -> tuple[EmailMessage, str, str]:
    """The message, its body and every header decoded, and the calendar part's text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage) and message.defects == []
    raw = email.message_from_bytes(data, policy=email.policy.compat32)
    headers = " ".join(str(make_header(decode_header(v))) for _, v in raw.items())
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    calendar = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    ics = calendar.get_payload(decode=True)
    assert isinstance(ics, bytes)
    return message, f"{headers}\n{body.get_content()}", ics_text(ics)


def description(data: bytes) -> str:
    _, independent = read_back(data)
    (event,) = independent.events
    return str(event.description)


def marked(data: bytes) -> bool:
    """CLASS:CONFIDENTIAL on the event, and NOT FOR PUBLICATION opening its text."""
    confidential = b"CLASS:CONFIDENTIAL\r\n" in data
    assert confidential == description(data).startswith(NOT_FOR_PUBLICATION + "\n")
    return confidential


def absent(text: str, canaries: tuple[str, ...], what: str) -> None:
    found = [c for c in canaries if c in text]
    assert not found, f"{what} carries {found}"


# The files -----------------------------------------------------------------------------


@cache
def panel_files(public_titles: bool) -> dict[str, bytes]:
    review = canary_review(public_titles)
    invite = publishing.calendar_view(review, "session")
    cancel = publishing.calendar_view(review, "called-off")
    members = panel_attendees(invite.meeting)
    return {
        "invite.ics": render_request(invite, ORGANIZER, NOW, members),
        "invite.eml": render_request_email(invite, ORGANIZER, NOW, members),
        "update.ics": render_request(invite, ORGANIZER, NOW, members, update=True),
        "cancel.ics": render_cancel(cancel, ORGANIZER, NOW, members),
        "cancel.eml": render_cancel_email(cancel, ORGANIZER, NOW, members),
    }


def witness_view(review: Review, key: str, meeting: str = "session") -> CalendarView:
    return publishing.witness_calendar_view(review, meeting, key)


def witness_files(public_titles: bool, key: str) -> dict[str, bytes]:
    review = canary_review(public_titles)
    people = {w.key: w for w in review.witnesses}
    to = (Attendee(people[key].name, str(people[key].email)),)
    own = witness_view(review, key)
    gone = witness_view(review, key, "called-off")
    return {
        "invite.ics": render_request(own, ORGANIZER, NOW, to),
        "invite.eml": render_request_email(own, ORGANIZER, NOW, to),
        "cancel.ics": render_cancel(gone, ORGANIZER, NOW, to),
        "cancel.eml": render_cancel_email(gone, ORGANIZER, NOW, to),
    }


def programme(public_titles: bool, audience: Audience) -> bytes:
    view = publishing.calendar_programme_view(canary_review(public_titles), audience)
    return render_programme(view, ORGANIZER, NOW)


def visible(name: str, data: bytes) -> str:
    if name.endswith(".eml"):
        _, text, ics = eml_parts(data)
        return f"{text}\n{ics}"
    return ics_text(data)


# Public titles only (the default) ---------------------------------------------------------


def test_the_setting_is_on_by_default() -> None:
    assert Review(title="x").calendar_public_titles is True


@pytest.mark.parametrize(
    "name", ["invite.ics", "invite.eml", "update.ics", "cancel.ics", "cancel.eml"]
)
def test_public_titles_only_the_panel_files_carry_no_closed_material(name: str) -> None:
    data = panel_files(True)[name]
    text = visible(name, data)
    absent(text, EVERY_CANARY, f"the panel's {name} with public titles only")
    assert PUBLIC_TITLE in text and OPEN_TITLE in text and "Olive Operator" in text
    assert "(closed)" in text and "Schedule 12A, paragraph 1" in text  # as the public sees it
    assert NOT_FOR_PUBLICATION not in text and b"CLASS:" not in data
    if name.endswith(".eml"):
        assert "Sensitivity" not in eml_parts(data)[0]


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_public_titles_only_both_programmes_carry_no_closed_material(audience: Audience) -> None:
    data = programme(True, audience)
    text = ics_text(data)
    absent(text, EVERY_CANARY, f"the {audience} programme with public titles only")
    assert PUBLIC_TITLE in text and "Olive Operator" in text
    assert b"CLASS:" not in data and NOT_FOR_PUBLICATION not in text


def test_public_titles_only_no_private_witness_is_named_to_warn_about() -> None:
    review = canary_review(True)
    view = publishing.calendar_programme_view(review, Audience.PUBLIC)
    assert publishing.private_witnesses_named(review, view.meetings) == ()


def test_a_witness_on_a_closed_item_gets_its_public_title() -> None:
    for name, data in witness_files(True, "closed").items():
        text = visible(name, data)
        assert CLOSED_WITNESS in text and PUBLIC_TITLE in text  # their own name, the public title
        absent(text, (CLOSED_TITLE, *PRIVATE_CANARIES, *NEVER, OPEN_TITLE), name)
        assert b"CLASS:" not in data


def test_a_witness_on_an_open_item_is_told_nothing_closed() -> None:
    for name, data in witness_files(True, "operator").items():
        text = visible(name, data)
        assert OPEN_TITLE in text and "2. " in text  # their item, numbered as on the agenda
        absent(text, EVERY_CANARY, name)


# The panel's view, marked --------------------------------------------------------------


@pytest.mark.parametrize("name", ["invite.ics", "update.ics", "cancel.ics"])
def test_full_view_the_panel_files_carry_closed_business_marked(name: str) -> None:
    data = panel_files(False)[name]
    text = ics_text(data)
    for canary in (CLOSED_TITLE, CLOSED_WITNESS, CLOSED_WITNESS_ORG, PRIVATE_NAME, PRIVATE_CLOSED):
        assert canary in text, canary
    absent(text, NEVER, name)  # reasons and minutes are in no calendar file
    assert marked(data)


@pytest.mark.parametrize("name", ["invite.eml", "cancel.eml"])
def test_full_view_the_panel_email_is_marked_confidential(name: str) -> None:
    message, text, ics = eml_parts(panel_files(False)[name])
    assert message["Sensitivity"] == "Company-Confidential"
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert str(body.get_content()).startswith(NOT_FOR_PUBLICATION + "\r\n")
    assert CLOSED_TITLE in text and CLOSED_TITLE in ics and PRIVATE_NAME in text
    assert "CLASS:CONFIDENTIAL" in ics


def test_full_view_a_meeting_without_closed_business_is_not_marked() -> None:
    review = canary_review(False)
    view = publishing.calendar_view(review, "plain")
    assert view.confidential is False
    members = panel_attendees(view.meeting)
    assert not marked(render_request(view, ORGANIZER, NOW, members))
    message, _, _ = eml_parts(render_request_email(view, ORGANIZER, NOW, members))
    assert "Sensitivity" not in message


def test_full_view_a_private_witness_on_an_open_item_marks_the_panel_files() -> None:
    review = canary_review(False)
    meeting = review.meetings[0]
    open_only = replace(meeting, items=meeting.items[:2])  # no closed item left
    view = publishing.calendar_view(replace(review, meetings=(open_only,)), "session")
    assert view.confidential is True
    data = render_request(view, ORGANIZER, NOW, panel_attendees(view.meeting))
    assert marked(data) and PRIVATE_NAME in ics_text(data)


def test_full_view_the_panel_programme_marks_each_closed_meeting() -> None:
    data = programme(False, Audience.PANEL)
    _, independent = read_back(data)
    events = {e.uid: e for e in independent.events}
    assert CLOSED_TITLE in str(events["session@example.org"].description)
    for uid, confidential in (("session@example.org", True), ("plain@example.org", False)):
        text = str(events[uid].description)
        assert text.startswith(NOT_FOR_PUBLICATION) is confidential
        assert (events[uid].classification is not None) is confidential
    assert data.count(b"CLASS:CONFIDENTIAL") == 2  # the session and the called-off one


def test_full_view_the_public_programme_is_the_public_view() -> None:
    """The public view names a private witness heard under an open item, as the public
    agenda does; the export warns about it (``private_witnesses_named``)."""
    review = canary_review(False)
    view = publishing.calendar_programme_view(review, Audience.PUBLIC)
    text = ics_text(render_programme(view, ORGANIZER, NOW))
    absent(text, (*CLOSED_CANARIES, *NEVER, *CLOSED_TIMES), "the public programme")
    assert PRIVATE_NAME in text
    assert publishing.private_witnesses_named(review, view.meetings) == (PRIVATE_NAME,)


def test_full_view_a_witness_on_a_closed_item_gets_its_real_title_marked() -> None:
    files = witness_files(False, "closed")
    for name, data in files.items():
        text = visible(name, data)
        assert CLOSED_TITLE in text
        absent(text, (*PRIVATE_CANARIES, *NEVER, OPEN_TITLE), name)
    assert marked(files["invite.ics"]) and marked(files["cancel.ics"])
    assert eml_parts(files["invite.eml"])[0]["Sensitivity"] == "Company-Confidential"


# A private witness's own invitation, whatever the setting ---------------------------------


@pytest.mark.parametrize("public_titles", [True, False])
def test_a_private_witness_on_a_closed_item_sees_only_its_public_title(
    public_titles: bool,
) -> None:
    for name, data in witness_files(public_titles, "private-closed").items():
        text = visible(name, data)
        assert PRIVATE_CLOSED in text and PUBLIC_TITLE in text
        absent(text, (CLOSED_TITLE, CLOSED_WITNESS, PRIVATE_NAME, *NEVER, OPEN_TITLE), name)
        # Nothing tells of other business: no item numbers, no other item.
        assert "3. " not in text and "Apologies" not in text
        if name.endswith(".ics"):
            assert not marked(data)


@pytest.mark.parametrize("public_titles", [True, False])
def test_a_private_witness_on_an_open_item_sees_its_own_item_only(public_titles: bool) -> None:
    for name, data in witness_files(public_titles, "private").items():
        text = visible(name, data)
        assert PRIVATE_NAME in text and OPEN_TITLE in text
        absent(text, (CLOSED_TITLE, PUBLIC_TITLE, CLOSED_WITNESS, "Olive Operator", *NEVER), name)
        assert "2. " not in text and "Apologies" not in text


# The shipped sample -------------------------------------------------------------------------

SAMPLE_CLOSED = ("Evidence from a former drug user", "Service user", "16:00–16:45")


@pytest.mark.parametrize("public_titles", [True, False])
def test_the_sample_both_ways(public_titles: bool) -> None:
    review = replace(sample(), calendar_public_titles=public_titles)
    view = publishing.calendar_view(review, "ev3")
    members = panel_attendees(view.meeting)
    ics = render_request(view, ORGANIZER, NOW, members)
    message, text, _ = eml_parts(render_request_email(view, ORGANIZER, NOW, members))
    shown = ics_text(ics) + text
    panel_programme = ics_text(
        render_programme(publishing.calendar_programme_view(review, Audience.PANEL), ORGANIZER, NOW)
    )
    public_programme = ics_text(
        render_programme(
            publishing.calendar_programme_view(review, Audience.PUBLIC), ORGANIZER, NOW
        )
    )
    absent(public_programme, SAMPLE_CLOSED, "the sample's public programme")
    assert "Evidence heard in private" in public_programme
    if public_titles:
        absent(shown, SAMPLE_CLOSED, "the sample's panel invitation")
        absent(panel_programme, SAMPLE_CLOSED, "the sample's panel programme")
        assert "Evidence heard in private (closed)" in shown and not marked(ics)
        assert "Sensitivity" not in message
    else:
        for closed in SAMPLE_CLOSED:
            assert closed in shown and closed in panel_programme
        assert marked(ics) and message["Sensitivity"] == "Company-Confidential"
