"""Substitutes and officers through the invitation register (services/invitations.py,
store/invitation_register.py), on both databases: they hold the panel's invitation
(its UID and calendar view), are sent updates with it, and one taken off the meeting
is sent a cancellation by the key they had. Every file is read back with icalendar and
`ical` and checked with libical's RFC 5546 restrictions (``read_file``).

Attendees are written straight into the store here (``meeting_attendees``): what the
register reads is the table, whichever service put the rows there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from scrutiny_desk.domain.enums import AttendeeKind
from scrutiny_desk.domain.invitation_records import AttendingAs, IssuedTo, IssueKind, LineState
from scrutiny_desk.domain.invitation_records import PersonKind as P
from scrutiny_desk.domain.records import Attendee
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService
from scrutiny_desk.services.invitation_files import NOT_ATTENDING_TOLD
from scrutiny_desk.services.invitations import InvitationService
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.store import invitation_register, orm
from tests.exports.calendar_checks import NOW
from tests.services.test_invitations import Desk, read_file, review

GIL = ("sub-gil", AttendeeKind.SUBSTITUTE, "Cllr Gil Amos", "gil@example.org", None, "bob")
HAL = ("off-hal", AttendeeKind.OFFICER, "Hal Ray", "hal@example.org", "Scrutiny Officer", None)
IDA = ("guest-ida", AttendeeKind.ALSO_PRESENT, "Cllr Ida Voss", "ida@example.org", None, None)
JO = ("off-jo", AttendeeKind.OFFICER, "Jo Kent", None, "Legal adviser", None)


@pytest.fixture
def desk(services: Services, tmp_path: Path) -> Desk:
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    invitations = InvitationService(services.db, clock=lambda: NOW)
    found = Desk(services, review_id, meeting.id, invitations, tmp_path)
    for person in (GIL, HAL, IDA, JO):
        attend(found, *person)
    return found


def attend(
    desk: Desk,
    key: str,
    kind: AttendeeKind,
    name: str,
    email: str | None,
    role: str | None,
    substitute_for: str | None,
) -> None:
    """An attendee added at the end of the meeting's list, as the attendance service
    stores one."""
    with desk.services.db.writing() as session:
        a, m = orm.AttendeeRow, orm.MemberRow
        member_id = session.scalar(
            select(m.id).where(m.review_id == desk.review_id, m.key == substitute_for)
        )
        position = session.scalar(
            select(func.count()).select_from(a).where(a.meeting_id == desk.meeting_id)
        )
        session.add(
            orm.AttendeeRow(
                review_id=desk.review_id,
                meeting_id=desk.meeting_id,
                position=position,
                key=key,
                kind=kind.value,
                name=name,
                role=role,
                email=email,
                substitute_for_id=member_id,
            )
        )


def take_off(desk: Desk, key: str) -> None:
    with desk.services.db.writing() as session:
        session.execute(delete(orm.AttendeeRow).where(orm.AttendeeRow.key == key))


def test_the_register_reads_the_meetings_attendees_with_their_member(desk: Desk) -> None:
    with desk.services.db.reading() as session:
        found = invitation_register.attendees(session, desk.meeting_id)
    assert found == (
        Attendee("sub-gil", AttendeeKind.SUBSTITUTE, "Cllr Gil Amos", None, "gil@example.org",
                 "bob"),
        Attendee("off-hal", AttendeeKind.OFFICER, "Hal Ray", "Scrutiny Officer", "hal@example.org"),
        Attendee("guest-ida", AttendeeKind.ALSO_PRESENT, "Cllr Ida Voss", None, "ida@example.org"),
        Attendee("off-jo", AttendeeKind.OFFICER, "Jo Kent", "Legal adviser"),
    )  # fmt: skip


@pytest.mark.parametrize("as_email", [True, False])
def test_send_updates_invites_the_substitute_and_the_officer_with_the_panel(
    desk: Desk, as_email: bool
) -> None:
    sent = desk.send("first", email=as_email)
    files = {Path(p).name.split(" - ")[1].split(".")[0]: read_file(p) for p in sent.paths}
    assert files.keys() == {"panel", "Dee Shah", "Eve Ng"}  # nobody has a file of their own
    meeting = desk.meeting()
    panel = files["panel"]
    assert (panel.method, panel.uid, panel.sequence) == ("REQUEST", meeting.uid, meeting.sequence)
    assert panel.attendees == (
        "ann@example.org",
        "bob@example.org",
        "gil@example.org",
        "hal@example.org",
    )
    assert "ida@example.org" not in panel.text  # also present: not invited
    # The panel's calendar view: the closed item by its public title only.
    assert "Private evidence" in panel.text and "Evidence in private" not in panel.text

    (first, *_) = desk.issued()
    assert first.uid == meeting.uid and first.kind is IssueKind.INVITATION
    assert first.recipients[2:] == (
        IssuedTo(P.ATTENDEE, "sub-gil", "Cllr Gil Amos", "gil@example.org"),
        IssuedTo(P.ATTENDEE, "off-hal", "Hal Ray", "hal@example.org"),
    )
    lines = {x.key: x for x in desk.invitations.register(desk.meeting_id)}
    assert "guest-ida" not in lines
    assert (lines["sub-gil"].state, lines["sub-gil"].attending) == (
        LineState.UP_TO_DATE,
        AttendingAs(AttendeeKind.SUBSTITUTE, None, "Cllr Bob Roy"),
    )
    assert (lines["off-hal"].state, lines["off-jo"].state) == (
        LineState.UP_TO_DATE,
        LineState.NO_EMAIL,
    )
    assert any(w.startswith("Jo Kent (officer) has no e-mail address") for w in sent.plan.warnings)
    assert desk.invitations.plan_updates(desk.meeting_id).files == ()


def test_a_substitute_taken_off_the_meeting_is_sent_a_cancellation(desk: Desk) -> None:
    desk.send("first")
    before = desk.meeting()
    take_off(desk, "sub-gil")
    assert desk.state()["sub-gil"] is LineState.TO_CANCEL  # still holds it: not yet sent
    sent = desk.send("after")
    (cancel,) = [read_file(p) for p in sent.paths]
    assert (cancel.method, cancel.status, cancel.uid) == ("CANCEL", "CANCELLED", before.uid)
    assert cancel.attendees == ("gil@example.org",)
    assert cancel.sequence == before.sequence + 1  # above what they hold (RFC 5546 3.2.5)
    assert NOT_ATTENDING_TOLD in cancel.text
    issue = desk.issued()[-1]
    assert (issue.kind, issue.reason, issue.recipients) == (
        IssueKind.CANCELLATION,
        "no longer attending",
        (IssuedTo(P.ATTENDEE, "sub-gil", "Cllr Gil Amos", "gil@example.org"),),
    )
    line = next(x for x in desk.invitations.register(desk.meeting_id) if x.key == "sub-gil")
    assert (line.invited_now, line.state, line.name) == (
        False,
        LineState.CANCELLED,
        "Cllr Gil Amos",
    )
    assert desk.meeting().sequence == before.sequence  # the others' copies did not change
    assert desk.state()["off-hal"] is LineState.UP_TO_DATE
    assert desk.invitations.plan_updates(desk.meeting_id).files == ()


def test_send_updates_after_a_move_updates_them_with_the_panel(desk: Desk) -> None:
    desk.send("first")
    m = desk.meeting()
    desk.services.meeting_edits.edit_meeting(
        m.id,
        m.version,
        MeetingChanges(start=datetime(2027, 3, 11, 10, 0), end=datetime(2027, 3, 11, 12, 0)),
    )
    assert desk.state()["off-hal"] is LineState.OLDER
    sent = desk.send("moved")
    panel = next(read_file(p) for p in sent.paths if p.endswith("update - panel.eml"))
    assert panel.method == "REQUEST" and panel.sequence == desk.meeting().sequence
    assert {"gil@example.org", "hal@example.org"} <= set(panel.attendees)
    assert desk.state()["sub-gil"] is LineState.UP_TO_DATE


def test_single_invitation_and_a_cancelled_meetings_cancellation_include_them(
    desk: Desk,
) -> None:
    exports = ExportService(desk.services.db, clock=lambda: NOW)
    invite = read_file(str(exports.invite(desk.meeting_id, desk.folder / "panel.ics")))
    assert invite.attendees[2:] == ("gil@example.org", "hal@example.org")
    assert {(h.person, h.key) for h in desk.invitations.holders(desk.meeting_id)} >= {
        (P.ATTENDEE, "sub-gil"),
        (P.ATTENDEE, "off-hal"),
    }
    m = desk.meeting()
    desk.services.meeting_edits.cancel_meeting(m.id, m.version)
    path = exports.cancellation(desk.meeting_id, desk.folder / "cancelled.eml")
    cancel = read_file(str(path))
    assert cancel.method == "CANCEL" and cancel.attendees[2:] == invite.attendees[2:]
    assert desk.invitations.holders(desk.meeting_id) == ()


def test_the_interchange_format_carries_an_attendee_in_the_register(desk: Desk) -> None:
    """Version 6 adds ``attendee`` to the register's recipient kinds: exported from
    the store and read back by the schema and the codec, the same."""
    desk.send("first")
    data = desk.services.reviews.export_bytes(desk.review_id)
    assert b'"person": "attendee"' in data or b'"person":"attendee"' in data
    (meeting,) = codec.decode(data).meetings
    assert meeting.issued[0].recipients[2] == IssuedTo(
        P.ATTENDEE, "sub-gil", "Cllr Gil Amos", "gil@example.org"
    )
    assert meeting.issued == desk.issued()
