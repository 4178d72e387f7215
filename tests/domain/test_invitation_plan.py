"""What each person needs now (domain/invitation_plan.py): one test per path, on plain
records, with the register as the service would have recorded it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scrutiny_desk.domain import invitation_plan as rule
from scrutiny_desk.domain.enums import Access, AttendeeKind, MeetingKind, MeetingStatus
from scrutiny_desk.domain.invitation_plan import InvitationFacts
from scrutiny_desk.domain.invitation_records import (
    AttendingAs,
    CalendarIssue,
    IssuedTo,
    IssueKind,
    LineState,
    PersonKind,
    UpdatePlan,
)
from scrutiny_desk.domain.meeting_rules import MAX_SEQUENCE
from scrutiny_desk.domain.records import AgendaItem, Attendee, Meeting, Member, Witness

AT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
M, W = PersonKind.MEMBER, PersonKind.WITNESS
ANN = Member("ann", "Cllr Ann Lee", email="ann@example.org")
BOB = Member("bob", "Cllr Bob Roy", email="bob@example.org")
CAT = Member("cat", "Cllr Cat Day")  # no address
DEE = Witness("dee", "Dee Shah", email="dee@example.org")
EVE = Witness("eve", "Eve Ng", email="eve@example.org", private=True)
FAY = Witness("fay", "Fay Ode")  # no address


def meeting(
    *witness_keys: str, status: MeetingStatus = MeetingStatus.SCHEDULED, sequence: int = 3
) -> Meeting:
    return Meeting(
        key="ev1",
        title="Evidence session",
        kind=MeetingKind.EVIDENCE,
        start=datetime(2027, 3, 10, 10, 0),
        end=datetime(2027, 3, 10, 12, 0),
        status=status,
        uid="meeting-uid",
        sequence=sequence,
        items=(AgendaItem("i1", "Open item", witnesses=tuple(witness_keys)),),
    )


def facts(
    m: Meeting,
    panel: tuple[Member, ...] = (ANN, BOB),
    issued: tuple[CalendarIssue, ...] = (),
    witnesses: tuple[Witness, ...] = (DEE, EVE, FAY),
) -> InvitationFacts:
    uids = {w.key: f"uid-{w.key}" for w in witnesses}
    return InvitationFacts(1, m, panel, witnesses, issued, uids)


def to(person: Member | Witness, email: str | None = None) -> IssuedTo:
    kind = M if isinstance(person, Member) else W
    address = email or person.email
    assert address
    return IssuedTo(kind, person.key, person.name, address)


def issue(
    kind: IssueKind, sequence: int, *people: IssuedTo, uid: str = "meeting-uid"
) -> CalendarIssue:
    return CalendarIssue(AT, "clerk", kind, uid, sequence, people)


def summary(plan: UpdatePlan) -> list[tuple[str, str, int, tuple[str, ...], str | None]]:
    return [
        (f.kind.value, f.uid, f.sequence, tuple(r.key for r in f.recipients), f.reason)
        for f in plan.files
    ]


def test_first_send_invites_everyone_with_an_address_and_names_who_is_left_out() -> None:
    plan = rule.plan_updates(facts(meeting("dee", "fay"), panel=(ANN, BOB, CAT)))
    assert summary(plan) == [
        ("invitation", "meeting-uid", 3, ("ann", "bob"), None),
        ("invitation", "uid-dee", 3, ("dee",), None),
    ]
    assert [f.file_name for f in plan.files] == [
        "2027-03-10 invitation - panel.eml",
        "2027-03-10 invitation - Dee Shah.eml",
    ]
    assert any("Cllr Cat Day (panel member) has no e-mail address" in w for w in plan.warnings)
    assert any("Fay Ode (witness) has no e-mail address" in w for w in plan.warnings)
    assert plan.nothing_to_send is None


def test_up_to_date_means_nothing_to_send() -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to(BOB)),)
    plan = rule.plan_updates(facts(meeting(), issued=issued))
    assert plan.files == ()
    assert plan.nothing_to_send is not None and "as it is now" in plan.nothing_to_send
    lines = rule.register_lines(facts(meeting(), issued=issued))
    assert [(line.key, line.state) for line in lines] == [
        ("ann", LineState.UP_TO_DATE),
        ("bob", LineState.UP_TO_DATE),
    ]


def test_meeting_moved_updates_those_holding_an_older_copy() -> None:
    issued = (
        issue(IssueKind.INVITATION, 2, to(ANN), to(BOB)),
        issue(IssueKind.INVITATION, 2, to(DEE), uid="uid-dee"),
    )
    plan = rule.plan_updates(facts(meeting("dee"), issued=issued), email=False)
    assert summary(plan) == [
        ("update", "meeting-uid", 3, ("ann", "bob"), None),
        ("update", "uid-dee", 3, ("dee",), None),
    ]
    assert plan.files[0].file_name == "2027-03-10 update - panel.ics"
    states = {
        line.key: line.state for line in rule.register_lines(facts(meeting("dee"), issued=issued))
    }
    assert states == {"ann": LineState.OLDER, "bob": LineState.OLDER, "dee": LineState.OLDER}


def test_witness_taken_off_the_agenda_gets_a_cancellation_of_their_own_uid() -> None:
    issued = (issue(IssueKind.INVITATION, 2, to(DEE), uid="uid-dee"),)
    plan = rule.plan_updates(facts(meeting(), panel=(), issued=issued))
    assert summary(plan) == [("cancellation", "uid-dee", 3, ("dee",), "no longer on the agenda")]
    line = rule.register_lines(facts(meeting(), panel=(), issued=issued))[0]
    assert (line.key, line.invited_now, line.state) == ("dee", False, LineState.TO_CANCEL)


def test_member_removed_gets_a_cancellation_above_what_they_hold() -> None:
    """Taking a member off the panel does not raise the meeting's SEQUENCE; their
    CANCEL must still carry a higher one than they hold (RFC 5546 3.2.5)."""
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to(BOB)),)
    plan = rule.plan_updates(facts(meeting(), panel=(ANN,), issued=issued))
    assert summary(plan) == [("cancellation", "meeting-uid", 4, ("bob",), "no longer on the panel")]
    assert plan.files[0].file_name == "2027-03-10 cancellation - Cllr Bob Roy.eml"
    # A cancellation leaves the meeting's SEQUENCE (and so everyone else's copy) alone.
    assert rule.highest_sequence(meeting(), plan.files) == 3


def test_person_added_is_invited_and_the_rest_left_alone() -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN)),)
    plan = rule.plan_updates(facts(meeting("dee"), issued=issued))
    assert summary(plan) == [
        ("invitation", "meeting-uid", 3, ("bob",), None),
        ("invitation", "uid-dee", 3, ("dee",), None),
    ]


def test_member_whose_address_changed_is_cancelled_at_the_old_and_invited_at_the_new() -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN, "ann@old.example.org"), to(BOB)),)
    plan = rule.plan_updates(facts(meeting(), issued=issued))
    assert [(f.kind, tuple(r.email for r in f.recipients), f.sequence) for f in plan.files] == [
        (IssueKind.CANCELLATION, ("ann@old.example.org",), 4),
        (IssueKind.INVITATION, ("ann@example.org",), 3),
    ]
    assert plan.files[0].reason == rule.ADDRESS_CHANGED


@pytest.mark.parametrize(
    ("status", "reason"),
    [(MeetingStatus.POSTPONED, "postponed"), (MeetingStatus.CANCELLED, "cancelled")],
)
def test_postponed_or_cancelled_cancels_everyone_holding_a_live_event(
    status: MeetingStatus, reason: str
) -> None:
    issued = (
        issue(IssueKind.INVITATION, 3, to(ANN), to(BOB)),
        issue(IssueKind.INVITATION, 3, to(DEE), uid="uid-dee"),
        issue(IssueKind.CANCELLATION, 3, to(EVE), uid="uid-eve"),  # already cancelled
    )
    m = meeting("dee", "eve", status=status, sequence=4)
    plan = rule.plan_updates(facts(m, issued=issued))
    assert summary(plan) == [
        ("cancellation", "meeting-uid", 4, ("ann", "bob"), reason),
        ("cancellation", "uid-dee", 4, ("dee",), reason),
    ]
    # Once sent, nobody holds a live event: nothing more to send.
    sent = issued + tuple(
        CalendarIssue(AT, "clerk", f.kind, f.uid, f.sequence, f.recipients, f.reason)
        for f in plan.files
    )
    again = rule.plan_updates(facts(m, issued=sent))
    assert again.files == () and again.nothing_to_send is not None


def test_rescheduled_after_postponement_sends_fresh_requests() -> None:
    issued = (
        issue(IssueKind.INVITATION, 3, to(ANN), to(BOB)),
        issue(IssueKind.CANCELLATION, 4, to(ANN), to(BOB)),
    )
    plan = rule.plan_updates(facts(meeting(sequence=5), issued=issued))
    assert summary(plan) == [("invitation", "meeting-uid", 5, ("ann", "bob"), None)]
    states = {
        line.key: line.state
        for line in rule.register_lines(facts(meeting(sequence=5), issued=issued))
    }
    assert states == {"ann": LineState.CANCELLED, "bob": LineState.CANCELLED}


def test_reinvited_after_a_cancellation_at_the_meetings_sequence_goes_above_it() -> None:
    issued = (issue(IssueKind.CANCELLATION, 3, to(BOB)),)
    plan = rule.plan_updates(facts(meeting(), issued=issued))
    assert summary(plan) == [("invitation", "meeting-uid", 4, ("ann", "bob"), None)]
    # A request above the meeting's SEQUENCE raises it, so a later change is "older".
    assert rule.highest_sequence(meeting(), plan.files) == 4


def test_held_meeting_sends_nothing_and_says_so() -> None:
    issued = (issue(IssueKind.INVITATION, 1, to(ANN)),)
    plan = rule.plan_updates(facts(meeting(status=MeetingStatus.HELD), issued=issued))
    assert plan.files == ()
    assert plan.nothing_to_send is not None and "has been held" in plan.nothing_to_send


def test_private_witness_on_an_open_item_is_warned_about_but_not_on_a_closed_one() -> None:
    open_plan = rule.plan_updates(facts(meeting("eve")))
    assert any("Eve Ng asked to give evidence in private" in w for w in open_plan.warnings)
    closed = replace(
        meeting("eve"),
        items=(AgendaItem("i1", "Closed item", access=Access.CLOSED, witnesses=("eve",)),),
    )
    assert not any("Eve Ng" in w for w in rule.plan_updates(facts(closed)).warnings)
    assert rule.warnings(facts(meeting("eve", "fay")), "dee") == ()
    assert len(rule.warnings(facts(meeting("eve", "fay")), "fay")) == 1


def test_sequence_never_passes_the_column() -> None:
    issued = (issue(IssueKind.INVITATION, MAX_SEQUENCE, to(ANN), to(BOB)),)
    plan = rule.plan_updates(facts(meeting(sequence=MAX_SEQUENCE), panel=(ANN,), issued=issued))
    assert [f.sequence for f in plan.files] == [MAX_SEQUENCE]


def test_same_plan_ignores_the_extension_but_not_the_people() -> None:
    f = facts(meeting("dee"))
    assert rule.same_plan(rule.plan_updates(f), rule.plan_updates(f, email=False))
    other = rule.plan_updates(facts(meeting("dee"), panel=(ANN,)))
    assert not rule.same_plan(rule.plan_updates(f), other)


def test_file_names_are_unique_and_portable() -> None:
    a = Witness("a", 'Dee: "Shah"', email="a@example.org")
    b = Witness("b", "Dee  Shah", email="b@example.org")
    plan = rule.plan_updates(facts(meeting("a", "b"), panel=(), witnesses=(a, b)))
    names = [f.file_name for f in plan.files]
    assert names == [
        "2027-03-10 invitation - Dee Shah.eml",
        "2027-03-10 invitation - Dee Shah (2).eml",
    ]


def test_holding_names_who_still_holds_a_live_event() -> None:
    """Asked before a meeting is deleted: once it is gone no cancellation can be issued."""
    assert rule.holding(()) == ()
    issued = (
        issue(IssueKind.INVITATION, 2, to(ANN), to(BOB)),
        issue(IssueKind.INVITATION, 2, to(DEE), uid="uid-dee"),
        issue(IssueKind.CANCELLATION, 3, to(DEE), uid="uid-dee"),
        issue(IssueKind.UPDATE, 3, to(BOB)),
    )
    assert [(h.key, h.email) for h in rule.holding(issued)] == [
        ("ann", "ann@example.org"),
        ("bob", "bob@example.org"),
    ]


# Substitutes and officers (format version 6) -------------------------------------------

A = PersonKind.ATTENDEE
SUB = Attendee(
    "sub-gil", AttendeeKind.SUBSTITUTE, "Cllr Gil Amos", email="gil@example.org",
    substitute_for="bob",
)  # fmt: skip
OFFICER = Attendee(
    "off-hal", AttendeeKind.OFFICER, "Hal Ray", role="Scrutiny Officer", email="hal@example.org"
)
GUEST = Attendee("guest-ida", AttendeeKind.ALSO_PRESENT, "Cllr Ida Voss", email="ida@example.org")
SILENT = Attendee("off-jo", AttendeeKind.OFFICER, "Jo Kent", role="Legal adviser")  # no address


def attending(
    *attendees: Attendee, status: MeetingStatus = MeetingStatus.SCHEDULED, sequence: int = 3
) -> Meeting:
    return replace(meeting("dee", status=status, sequence=sequence), attendees=attendees)


def to_attendee(a: Attendee) -> IssuedTo:
    assert a.email
    return IssuedTo(A, a.key, a.name, a.email)


def test_substitutes_and_officers_share_the_panels_invitation_and_others_present_do_not() -> None:
    plan = rule.plan_updates(facts(attending(SUB, OFFICER, GUEST, SILENT)))
    assert summary(plan) == [
        ("invitation", "meeting-uid", 3, ("ann", "bob", "sub-gil", "off-hal"), None),
        ("invitation", "uid-dee", 3, ("dee",), None),
    ]
    (panel, _) = plan.files
    assert panel.person is M and panel.file_name == "2027-03-10 invitation - panel.eml"
    assert [r.person for r in panel.recipients] == [M, M, A, A]
    assert "Hal Ray <hal@example.org>" in rule.issued_line(panel)
    assert rule.issued_line(panel).endswith("(panel)")
    assert any(
        w.startswith("Jo Kent (officer) has no e-mail address") and w.endswith("under Attendance")
        for w in plan.warnings
    )
    assert not any("Ida Voss" in w for w in plan.warnings)


def test_register_lines_say_how_each_attendee_is_at_the_meeting() -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to(BOB), to_attendee(SUB)),)
    lines = rule.register_lines(facts(attending(SUB, OFFICER, GUEST, SILENT), issued=issued))
    assert [(x.person, x.key, x.state, x.attending) for x in lines] == [
        (M, "ann", LineState.UP_TO_DATE, None),
        (M, "bob", LineState.UP_TO_DATE, None),
        (A, "sub-gil", LineState.UP_TO_DATE,
         AttendingAs(AttendeeKind.SUBSTITUTE, None, "Cllr Bob Roy")),
        (A, "off-hal", LineState.NOT_ISSUED,
         AttendingAs(AttendeeKind.OFFICER, "Scrutiny Officer", None)),
        (A, "off-jo", LineState.NO_EMAIL, AttendingAs(AttendeeKind.OFFICER, "Legal adviser", None)),
        (W, "dee", LineState.NOT_ISSUED, None),
    ]  # fmt: skip
    assert all(x.invited_now for x in lines)


def test_substitute_taken_off_the_meeting_gets_a_cancellation_of_the_panels_uid() -> None:
    """Like a member taken off the panel: found in the register by kind and key, with
    a SEQUENCE above the one they hold, and the meeting's own left alone."""
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to(BOB), to_attendee(SUB)),)
    plan = rule.plan_updates(facts(attending(), issued=issued))
    assert summary(plan) == [
        ("cancellation", "meeting-uid", 4, ("sub-gil",), "no longer attending"),
        ("invitation", "uid-dee", 3, ("dee",), None),
    ]
    assert plan.files[0].recipients == (to_attendee(SUB),)
    assert plan.files[0].file_name == "2027-03-10 cancellation - Cllr Gil Amos.eml"
    assert rule.highest_sequence(meeting(), plan.files[:1]) == 3
    (gone,) = [x for x in rule.register_lines(facts(attending(), issued=issued)) if x.person is A]
    assert (gone.key, gone.invited_now, gone.attending) == ("sub-gil", False, None)


def test_an_officer_who_is_now_only_also_present_is_cancelled_and_still_listed() -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to(BOB), to_attendee(OFFICER)),)
    now_guest = replace(OFFICER, kind=AttendeeKind.ALSO_PRESENT)
    f = facts(attending(now_guest), issued=issued)
    assert summary(rule.plan_updates(f))[0] == (
        "cancellation", "meeting-uid", 4, ("off-hal",), "no longer attending"
    )  # fmt: skip
    line = next(x for x in rule.register_lines(f) if x.key == "off-hal")
    assert not line.invited_now
    assert line.attending == AttendingAs(AttendeeKind.ALSO_PRESENT, "Scrutiny Officer", None)


@pytest.mark.parametrize("status", [MeetingStatus.POSTPONED, MeetingStatus.CANCELLED])
def test_a_meeting_that_will_not_take_place_cancels_substitutes_and_officers_with_the_panel(
    status: MeetingStatus,
) -> None:
    issued = (issue(IssueKind.INVITATION, 3, to(ANN), to_attendee(SUB), to_attendee(OFFICER)),)
    plan = rule.plan_updates(
        facts(attending(SUB, OFFICER, status=status, sequence=4), issued=issued)
    )
    assert summary(plan) == [
        ("cancellation", "meeting-uid", 4, ("ann", "sub-gil", "off-hal"), status.value)
    ]


def test_an_officer_alone_with_an_address_is_enough_to_send_something() -> None:
    plan = rule.plan_updates(facts(attending(OFFICER), panel=(CAT,), witnesses=()))
    assert summary(plan) == [("invitation", "meeting-uid", 3, ("off-hal",), None)]
    assert plan.files[0].file_name == "2027-03-10 invitation - Hal Ray.eml"
    nobody = rule.plan_updates(facts(attending(SILENT, GUEST), panel=(CAT,), witnesses=()))
    assert nobody.nothing_to_send is not None
    assert "no panel member, substitute, officer or witness" in nobody.nothing_to_send


@pytest.mark.parametrize(
    ("status", "panel", "expected"),
    [
        (
            MeetingStatus.SCHEDULED,
            (ANN,),
            {"ann": LineState.UP_TO_DATE, "bob": LineState.TO_CANCEL},
        ),
        (MeetingStatus.POSTPONED, (ANN,), {"ann": LineState.TO_CANCEL, "bob": LineState.TO_CANCEL}),
        (
            MeetingStatus.CANCELLED,
            (ANN, BOB),
            {"ann": LineState.TO_CANCEL, "bob": LineState.TO_CANCEL},
        ),
        (MeetingStatus.HELD, (ANN,), {"ann": LineState.UP_TO_DATE, "bob": LineState.UP_TO_DATE}),
    ],
)
def test_a_line_is_to_be_cancelled_exactly_when_a_cancellation_is_planned_for_it(
    status: MeetingStatus, panel: tuple[Member, ...], expected: dict[str, LineState]
) -> None:
    """The tab's line never says "up to date" of an event Send Updates would cancel."""
    f = facts(
        meeting(status=status),
        panel=panel,
        issued=(issue(IssueKind.INVITATION, 3, to(ANN), to(BOB)),),
    )
    assert {x.key: x.state for x in rule.register_lines(f)} == expected
    cancelled = {
        to.key
        for p in rule.plan_updates(f).files
        if p.kind is IssueKind.CANCELLATION
        for to in p.recipients
    }
    assert cancelled == {k for k, v in expected.items() if v is LineState.TO_CANCEL}
