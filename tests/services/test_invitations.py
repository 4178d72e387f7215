"""Send Updates and the invitation register (services/invitations.py), on both
databases: one test per path of the issue (witness taken off, member removed, person
added, meeting moved, postponed, rescheduled, cancelled). Every file written is read
back with the `ical` parser and checked with libical's RFC 5546 restrictions; the
register's rows are checked after each."""

from __future__ import annotations

import email
import email.policy
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from scrutiny_desk.domain.enums import Access, ItemKind, MeetingKind, MemberRole
from scrutiny_desk.domain.errors import ConflictError, ExportError
from scrutiny_desk.domain.invitation_records import (
    CalendarIssue,
    IssuedFiles,
    IssueKind,
    LineState,
    PersonKind,
)
from scrutiny_desk.domain.records import AgendaItem, Contact, Meeting, Member, Review, Witness
from scrutiny_desk.services import codec, publishing
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService
from scrutiny_desk.services.invitations import InvitationService
from scrutiny_desk.services.meetings import MeetingChanges
from tests.exports.test_calendar_ics import NOW, libical, libical_problems, read_back


def review() -> Review:
    items = (
        AgendaItem(
            "dee-item",
            "Evidence from the housing team",
            ItemKind.EVIDENCE,
            start=datetime(2027, 3, 10, 10, 15),
            end=datetime(2027, 3, 10, 11, 0),
            witnesses=("dee",),
        ),
        AgendaItem(
            "closed",
            "Evidence in private",
            ItemKind.EVIDENCE,
            Access.CLOSED,
            closed_reason="Asked for privacy",
            public_title="Private evidence",
            exemption="Schedule 12A, paragraph 1",
            start=datetime(2027, 3, 10, 11, 0),
            end=datetime(2027, 3, 10, 11, 30),
            witnesses=("eve",),
        ),
    )
    return Review(
        title="Temporary Accommodation Review",
        body="Anytown Council",
        timezone="Europe/London",
        contact=Contact(name="Sam Officer", email="scrutiny@example.org"),
        panel=(
            Member("ann", "Cllr Ann Lee", MemberRole.CHAIR, "ann@example.org"),
            Member("bob", "Cllr Bob Roy", MemberRole.MEMBER, "bob@example.org"),
            Member("cat", "Cllr Cat Day", MemberRole.MEMBER, None),
        ),
        witnesses=(
            Witness("dee", "Dee Shah", "Head of Housing", email="dee@example.org"),
            Witness("eve", "Eve Ng", email="eve@example.org", private=True),
        ),
        meetings=(
            Meeting(
                key="ev1",
                title="Evidence session 1",
                kind=MeetingKind.EVIDENCE,
                start=datetime(2027, 3, 10, 10, 0),
                end=datetime(2027, 3, 10, 12, 0),
                venue="Committee Room 1",
                items=items,
            ),
        ),
    )


@dataclass
class Desk:
    services: Services
    review_id: int
    meeting_id: int
    invitations: InvitationService
    folder: Path

    def meeting(self):  # type: ignore[no-untyped-def]
        return self.services.meeting_edits.find(self.review_id, "ev1")

    def send(self, name: str, *, email: bool = True) -> IssuedFiles:
        folder = self.folder / name
        folder.mkdir()
        plan = self.invitations.plan_updates(self.meeting_id, email=email)
        sent = self.invitations.send_updates(self.meeting_id, folder, email=email, expected=plan)
        assert sorted(os.listdir(folder)) == sorted(f.file_name for f in plan.files)
        return sent

    def issued(self) -> tuple[CalendarIssue, ...]:
        return self.invitations.issued(self.meeting_id)

    def state(self) -> dict[str, LineState]:
        return {line.key: line.state for line in self.invitations.register(self.meeting_id)}


@pytest.fixture
def desk(services: Services, tmp_path: Path) -> Desk:
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    invitations = InvitationService(services.db, clock=lambda: NOW)
    return Desk(services, review_id, meeting.id, invitations, tmp_path)


@dataclass(frozen=True)
class Read:
    method: str
    uid: str
    sequence: int
    attendees: tuple[str, ...]
    status: str
    text: str


def read_file(path: str) -> Read:
    """The calendar file (or the one inside the e-mail), read back by icalendar and
    `ical` and checked by libical against RFC 5546."""
    data = Path(path).read_bytes()
    if path.endswith(".eml"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert message["X-Unsent"] == "1"
        data = next(
            p.get_payload(decode=True)
            for p in message.walk()
            if p.get_content_type() == "text/calendar"
        )
    theirs, _ = read_back(data)
    if libical() is not None:
        assert libical_problems(data) == []
    (event,) = theirs.events
    attendees = event.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return Read(
        method=str(theirs["METHOD"]),
        uid=str(event["UID"]),
        sequence=int(event["SEQUENCE"]),
        attendees=tuple(str(a).removeprefix("mailto:") for a in attendees),
        status=str(event["STATUS"]),
        text=data.decode("utf-8"),
    )


def test_libical_is_here_to_check_the_files() -> None:
    """The RFC 5546 checks below run on this machine (Debian libical3)."""
    assert libical() is not None


def test_first_send_invites_the_panel_together_and_each_witness_alone(desk: Desk) -> None:
    sent = desk.send("first")
    files = {Path(p).name: read_file(p) for p in sent.paths}
    meeting = desk.meeting()
    panel = files["2027-03-10 invitation - panel.eml"]
    assert (panel.method, panel.uid, panel.sequence) == ("REQUEST", meeting.uid, meeting.sequence)
    assert panel.attendees == ("ann@example.org", "bob@example.org")
    dee = files["2027-03-10 invitation - Dee Shah.eml"]
    assert dee.uid == publishing.witness_uid(meeting.uid, "dee")
    assert dee.attendees == ("dee@example.org",)
    assert len(files) == 3  # and Eve's own
    assert any("Cllr Cat Day (panel member) has no e-mail address" in w for w in sent.plan.warnings)

    issued = desk.issued()
    assert [(i.kind, i.sequence, tuple(r.key for r in i.recipients)) for i in issued] == [
        (IssueKind.INVITATION, meeting.sequence, ("ann", "bob")),
        (IssueKind.INVITATION, meeting.sequence, ("dee",)),
        (IssueKind.INVITATION, meeting.sequence, ("eve",)),
    ]
    assert all(i.at == NOW and i.by == desk.services.db.user for i in issued)
    assert desk.state() == {
        "ann": LineState.UP_TO_DATE,
        "bob": LineState.UP_TO_DATE,
        "cat": LineState.NO_EMAIL,
        "dee": LineState.UP_TO_DATE,
        "eve": LineState.UP_TO_DATE,
    }
    again = desk.invitations.plan_updates(desk.meeting_id)
    assert again.files == () and "as it is now" in (again.nothing_to_send or "")


def test_witness_taken_off_gets_a_cancellation_of_their_own_event(desk: Desk) -> None:
    desk.send("first", email=False)
    item = desk.services.agenda.find(desk.review_id, "dee-item")
    desk.services.agenda.set_item_witnesses(item.id, item.version, [])
    meeting = desk.meeting()
    sent = desk.send("after", email=False)
    (cancel,) = [read_file(p) for p in sent.paths if "Dee Shah" in p]
    assert (cancel.method, cancel.status) == ("CANCEL", "CANCELLED")
    assert cancel.uid == publishing.witness_uid(meeting.uid, "dee")
    assert cancel.sequence == meeting.sequence and cancel.attendees == ("dee@example.org",)
    last = desk.issued()[-len(sent.paths) :]
    dee = next(i for i in last if i.recipients[0].key == "dee")
    assert (dee.kind, dee.reason) == (IssueKind.CANCELLATION, "no longer on the agenda")
    assert desk.state()["dee"] is LineState.CANCELLED
    assert "dee" in {line.key for line in desk.invitations.register(desk.meeting_id)}


def test_member_removed_gets_a_cancellation_above_what_they_hold(desk: Desk) -> None:
    desk.send("first")
    before = desk.meeting()
    bob = desk.services.panel.find_member(desk.review_id, "bob")
    desk.services.panel.remove_member(bob.id, bob.version)
    assert desk.meeting().sequence == before.sequence  # the panel's edit does not raise it
    sent = desk.send("after")
    (cancel,) = [read_file(p) for p in sent.paths]
    assert (cancel.method, cancel.uid) == ("CANCEL", before.uid)
    assert cancel.attendees == ("bob@example.org",)
    assert cancel.sequence == before.sequence + 1  # RFC 5546 3.2.5: incremented
    assert desk.meeting().sequence == before.sequence + 1  # the meeting follows it
    issue = desk.issued()[-1]
    assert (issue.kind, issue.reason, issue.sequence) == (
        IssueKind.CANCELLATION,
        "no longer on the panel",
        before.sequence + 1,
    )
    line = next(x for x in desk.invitations.register(desk.meeting_id) if x.key == "bob")
    assert (line.invited_now, line.state, line.name) == (False, LineState.CANCELLED, "Cllr Bob Roy")
    # The others now hold an older copy: the attendee list changed.
    assert desk.state()["ann"] is LineState.OLDER


def test_person_added_is_invited_alone(desk: Desk) -> None:
    desk.send("first")
    desk.services.panel.add_member(
        desk.review_id, "Cllr Dan New", email="dan@example.org", key="dan"
    )
    sent = desk.send("after")
    (invite,) = [read_file(p) for p in sent.paths]
    assert (invite.method, invite.attendees) == ("REQUEST", ("dan@example.org",))
    assert desk.issued()[-1].kind is IssueKind.INVITATION
    assert desk.state()["dan"] is LineState.UP_TO_DATE


def test_meeting_moved_updates_everyone_with_the_same_uids(desk: Desk) -> None:
    first = {Path(p).name.split(" - ")[1]: read_file(p) for p in desk.send("first").paths}
    m = desk.meeting()
    desk.services.meeting_edits.edit_meeting(
        m.id,
        m.version,
        MeetingChanges(start=datetime(2027, 3, 11, 10, 0), end=datetime(2027, 3, 11, 12, 0)),
    )
    assert desk.state()["ann"] is LineState.OLDER
    sent = desk.send("after")
    after = {Path(p).name.split(" - ")[1]: read_file(p) for p in sent.paths}
    assert after.keys() == first.keys()
    for who, update in after.items():
        assert update.method == "REQUEST" and update.uid == first[who].uid
        assert update.sequence > first[who].sequence
    assert all(i.kind is IssueKind.UPDATE for i in desk.issued()[-3:])
    assert set(desk.state().values()) == {LineState.UP_TO_DATE, LineState.NO_EMAIL}


def test_postponed_then_rescheduled(desk: Desk) -> None:
    desk.send("first")
    m = desk.meeting()
    desk.services.meeting_edits.postpone_meeting(m.id, m.version)
    sent = desk.send("postponed")
    cancels = [read_file(p) for p in sent.paths]
    assert len(cancels) == 3 and {c.method for c in cancels} == {"CANCEL"}
    assert all("postponed" in c.text for c in cancels)
    assert {i.reason for i in desk.issued()[-3:]} == {"postponed"}
    assert set(desk.state().values()) == {LineState.CANCELLED, LineState.NO_EMAIL}
    nothing = desk.invitations.plan_updates(desk.meeting_id)
    assert nothing.files == () and "nobody holds" in (nothing.nothing_to_send or "")

    m = desk.meeting()
    desk.services.meeting_edits.reschedule(
        m.id, m.version, datetime(2027, 4, 14, 10, 0), datetime(2027, 4, 14, 12, 0)
    )
    again = desk.send("rescheduled")
    fresh = [read_file(p) for p in again.paths]
    assert {f.method for f in fresh} == {"REQUEST"} and len(fresh) == 3
    held = max(c.sequence for c in cancels)
    assert all(f.sequence > held for f in fresh)
    assert all(i.kind is IssueKind.INVITATION for i in desk.issued()[-3:])
    assert all(Path(p).name.startswith("2027-04-14 invitation") for p in again.paths)


def test_cancelled_meeting_cancels_everyone_holding_it(desk: Desk) -> None:
    desk.send("first", email=False)
    m = desk.meeting()
    desk.services.meeting_edits.cancel_meeting(m.id, m.version)
    sent = desk.send("cancelled", email=False)
    files = [read_file(p) for p in sent.paths]
    assert {f.method for f in files} == {"CANCEL"} and {f.status for f in files} == {"CANCELLED"}
    assert all(f.sequence == desk.meeting().sequence for f in files)
    assert [(i.kind, i.reason) for i in desk.issued()[-3:]] == [
        (IssueKind.CANCELLATION, "cancelled")
    ] * 3


def test_a_failed_write_leaves_no_file_and_no_register_row(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = desk.folder / "out"
    folder.mkdir()
    real = os.replace
    calls = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr("scrutiny_desk.services.invitation_files.os.replace", second_fails)
    with pytest.raises(ExportError, match="Cannot write"):
        desk.invitations.send_updates(desk.meeting_id, folder)
    assert len(calls) == 2  # the first file was in place before the failure
    assert os.listdir(folder) == []
    assert desk.issued() == ()
    assert desk.state()["ann"] is LineState.NOT_ISSUED

    with pytest.raises(ExportError, match="does not exist"):
        desk.invitations.send_updates(desk.meeting_id, desk.folder / "missing")
    assert desk.issued() == ()


def test_a_failed_commit_removes_the_files(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = desk.folder / "out"
    folder.mkdir()

    def refuse(*_args: object) -> None:
        raise ExportError("the register could not be written")

    monkeypatch.setattr("scrutiny_desk.store.invitation_register.raise_sequence_to", refuse)
    with pytest.raises(ExportError, match="register could not"):
        desk.invitations.send_updates(desk.meeting_id, folder)
    assert os.listdir(folder) == [] and desk.issued() == ()


def test_a_plan_that_changed_since_it_was_listed_is_refused(desk: Desk) -> None:
    plan = desk.invitations.plan_updates(desk.meeting_id)
    desk.services.panel.add_member(desk.review_id, "Cllr Dan New", email="dan@example.org")
    (desk.folder / "out").mkdir()
    with pytest.raises(ConflictError, match="list them again"):
        desk.invitations.send_updates(desk.meeting_id, desk.folder / "out", expected=plan)
    assert os.listdir(desk.folder / "out") == [] and desk.issued() == ()


def test_single_exports_are_recorded_and_a_witness_taken_off_can_be_cancelled(
    desk: Desk,
) -> None:
    exports = ExportService(desk.services.db, clock=lambda: NOW)
    dee = desk.services.witness_edits.find_witness(desk.review_id, "dee")
    exports.invite(desk.meeting_id, desk.folder / "panel.ics")
    written = exports.send_invite(desk.meeting_id, desk.folder / "dee.eml", dee.id)
    assert written.warnings == ()
    assert [(i.kind, i.recipients[0].person) for i in desk.issued()] == [
        (IssueKind.INVITATION, PersonKind.MEMBER),
        (IssueKind.INVITATION, PersonKind.WITNESS),
    ]
    exports.invite(desk.meeting_id, desk.folder / "panel.eml")  # again: now an update
    assert desk.issued()[-1].kind is IssueKind.UPDATE
    assert desk.issued()[-1].sequence == desk.issued()[0].sequence  # a reconfirmation

    item = desk.services.agenda.find(desk.review_id, "dee-item")
    desk.services.agenda.set_item_witnesses(item.id, item.version, [])
    with pytest.raises(ExportError, match="not on the agenda"):
        exports.invite(desk.meeting_id, desk.folder / "x.ics", dee.id)
    path = exports.cancellation(desk.meeting_id, desk.folder / "dee-cancel.ics", dee.id)
    cancel = read_file(str(path))
    assert cancel.method == "CANCEL" and cancel.attendees == ("dee@example.org",)
    assert (desk.issued()[-1].kind, desk.issued()[-1].reason) == (
        IssueKind.CANCELLATION,
        "no longer on the agenda",
    )
    with pytest.raises(ExportError, match="nothing to cancel"):
        exports.cancellation(desk.meeting_id, desk.folder / "again.ics", dee.id)
    assert not (desk.folder / "again.ics").exists()


def test_a_postponed_meeting_can_be_cancelled_to_its_invitees(desk: Desk) -> None:
    exports = ExportService(desk.services.db, clock=lambda: NOW)
    exports.invite(desk.meeting_id, desk.folder / "panel.ics")
    m = desk.meeting()
    desk.services.meeting_edits.postpone_meeting(m.id, m.version)
    with pytest.raises(ExportError, match="until it is rescheduled"):
        exports.invite(desk.meeting_id, desk.folder / "x.ics")
    cancel = read_file(str(exports.cancellation(desk.meeting_id, desk.folder / "c.ics")))
    assert cancel.method == "CANCEL" and "postponed" in cancel.text
    assert desk.issued()[-1].reason == "postponed"
    assert desk.invitations.plan_updates(desk.meeting_id).files == ()


def test_warnings_name_who_is_left_out_and_private_witnesses_on_open_items(desk: Desk) -> None:
    item = desk.services.agenda.find(desk.review_id, "dee-item")
    desk.services.agenda.set_item_witnesses(item.id, item.version, ["dee", "eve"])
    found = desk.invitations.warnings(desk.meeting_id)
    assert any("Cllr Cat Day" in w and "no e-mail" in w for w in found)
    assert any("Eve Ng asked to give evidence in private" in w for w in found)
    eve = desk.services.witness_edits.find_witness(desk.review_id, "eve")
    only = desk.invitations.warnings(desk.meeting_id, eve.id)
    assert len(only) == 1 and "Eve Ng" in only[0]


def test_the_register_reads_back_as_issued(desk: Desk) -> None:
    desk.send("first")
    issued = desk.issued()
    assert len(issued) == 3
    panel = issued[0]
    assert panel.uid == desk.meeting().uid
    assert [(r.person, r.key, r.name, r.email) for r in panel.recipients] == [
        (PersonKind.MEMBER, "ann", "Cllr Ann Lee", "ann@example.org"),
        (PersonKind.MEMBER, "bob", "Cllr Bob Roy", "bob@example.org"),
    ]
