"""Substitutes, officers and others present; panel members' arrivals and departures by
item; quorum at each item; when the meeting began and ended (issue 15)."""

from __future__ import annotations

from datetime import datetime

import pytest

from scrutiny_desk.domain.agenda_records import AttendanceRecord
from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    VoteChoice,
)
from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.procedure import named_vote
from scrutiny_desk.domain.procedure_records import AttendeeChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services

from .procedure import clear_record

REVIEW = 1
MEETING = "recs"  # held 14 May 2007, draft minutes; Hockney sent apologies


@pytest.fixture
def sample(services: Services, sample_id: int) -> int:
    """The sample with no procedural record at "recs": the tests build their own."""
    review_id = sample_id
    assert review_id == REVIEW
    clear_record(services, review_id, "recs")
    return review_id


def _meeting(services: Services, key: str = MEETING) -> int:
    return services.meeting_edits.find(REVIEW, key).id


def _attendance(services: Services, member: str, key: str = MEETING) -> AttendanceRecord:
    rows = services.minutes.attendance(_meeting(services, key))
    return next(a for a in rows if a.member_key == member)


def _problems(caught: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in caught.value.problems]


def test_substitutes_officers_and_others_present_are_recorded_with_names(
    services: Services, sample: int
) -> None:
    meeting = _meeting(services)
    with recording() as topics:
        sub = services.attendees.add_attendee(
            meeting,
            AttendeeKind.SUBSTITUTE,
            "Cllr Ann Other",
            substitute_for="hockney",
            arrived="recs-declarations",
        )
    assert topics == {Topic.ATTENDANCE}
    officer = services.attendees.add_attendee(
        meeting,
        AttendeeKind.OFFICER,
        " Jo Clerk ",
        role="Scrutiny officer",
        email=" jo.clerk@example.org",
    )
    guest = services.attendees.add_attendee(meeting, AttendeeKind.ALSO_PRESENT, "Cllr Visitor")
    assert sub.key.startswith("attendee-") and sub.key not in {officer.key, guest.key}
    assert (sub.substitute_for, sub.substitute_for_name) == ("hockney", "Damian Hockney")
    assert (sub.arrived, sub.arrived_number, sub.left, sub.left_number) == (
        "recs-declarations",
        2,
        None,
        None,
    )
    assert (officer.name, officer.role, officer.email) == (
        "Jo Clerk",
        "Scrutiny officer",
        "jo.clerk@example.org",
    )
    listed = services.attendees.attendees(meeting)
    assert [(a.kind, a.position) for a in listed] == [
        (AttendeeKind.SUBSTITUTE, 0),
        (AttendeeKind.OFFICER, 1),
        (AttendeeKind.ALSO_PRESENT, 2),
    ]
    assert listed[0] == sub


def test_a_substitute_stands_in_for_a_member_not_present(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    add = services.attendees.add_attendee
    with pytest.raises(ValidationError) as caught:
        add(meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="sumray")
    assert _problems(caught) == [
        (
            "substitute_for",
            "Richard Sumray is recorded present at this meeting, so no one can attend for them",
        )
    ]
    with pytest.raises(ValidationError) as caught:
        add(meeting, AttendeeKind.SUBSTITUTE, "Cllr A")
    assert caught.value.problems[0].path == "substitute_for"
    with pytest.raises(ValidationError, match='no panel member with key "nobody"'):
        add(meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="nobody")
    with pytest.raises(ValidationError, match="only a substitute attends for"):
        add(meeting, AttendeeKind.OFFICER, "Jo", substitute_for="hockney")
    add(meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney")
    with pytest.raises(ValidationError, match="Cllr A attends for Damian Hockney already"):
        add(meeting, AttendeeKind.SUBSTITUTE, "Cllr B", substitute_for="hockney")
    with pytest.raises(ValidationError) as caught:
        add(meeting, AttendeeKind.OFFICER, "Jo", key="sumray")  # a member's key
    assert _problems(caught) == [("key", 'an attendee with key "sumray" exists already')]
    with pytest.raises(ValidationError) as caught:
        add(meeting, AttendeeKind.OFFICER, " ", email="not an address", arrived="ev1-mps")
    assert [p.path for p in caught.value.problems] == ["name", "email", "arrived"]
    assert len(services.attendees.attendees(meeting)) == 1  # nothing else stored


def test_a_new_panel_member_cannot_take_an_attendees_key(services: Services, sample: int) -> None:
    sub = services.attendees.add_attendee(
        _meeting(services), AttendeeKind.OFFICER, "Jo", key="jo-clerk"
    )
    with pytest.raises(ValidationError, match='key: a panel member with key "jo-clerk"'):
        services.panel.add_member(REVIEW, "Cllr Jo", key=sub.key)


def test_an_attendee_is_edited_at_the_version_read(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    changed = services.attendees.update_attendee(
        sub.id, sub.version, AttendeeChanges(name="Cllr Ann", left="recs-findings")
    )
    assert (changed.name, changed.left_number, changed.version) == ("Cllr Ann", 4, sub.version + 1)
    with pytest.raises(ConflictError):
        services.attendees.update_attendee(sub.id, sub.version, AttendeeChanges(name="Stale"))
    officer = services.attendees.update_attendee(
        changed.id, changed.version, AttendeeChanges(kind=AttendeeKind.OFFICER, role="Adviser")
    )
    assert (officer.kind, officer.substitute_for, officer.role) == (
        AttendeeKind.OFFICER,
        None,
        "Adviser",
    )
    with pytest.raises(ValidationError, match="left: is before the item"):
        services.attendees.update_attendee(
            officer.id, officer.version, AttendeeChanges(arrived="recs-recommendations")
        )
    assert services.attendees.attendees(meeting) == [officer]


def test_removing_a_substitute_takes_their_declarations_and_votes_and_undo_restores_them(
    services: Services, sample: int
) -> None:
    meeting = _meeting(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    declared = services.declarations.add_declaration(
        meeting, sub.key, "recs-findings", "Works for the trust", InterestCategory.OTHER_REGISTRABLE
    )
    item = services.agenda.find(REVIEW, "recs-recommendations")
    vote = named_vote([("sumray", VoteChoice.FOR), (sub.key, VoteChoice.AGAINST)])
    resolution = services.resolutions.add_resolution(item.id, "That the draft be agreed.", vote)
    with recording() as topics:
        snapshot = services.attendees.remove_attendee(sub.id, sub.version)
    assert {Topic.ATTENDANCE, Topic.AGENDA} <= topics
    assert services.attendees.attendees(meeting) == []
    assert services.declarations.declarations(meeting) == []
    (left,) = services.resolutions.resolutions(item.id)
    assert left.vote == named_vote([("sumray", VoteChoice.FOR)])
    assert [c.name for c in left.casts] == ["Richard Sumray"]

    restored = services.attendees.restore_attendee(snapshot)
    assert restored.key == sub.key and restored.substitute_for == "hockney"
    (again,) = services.declarations.declarations(meeting)
    assert (again.person, again.item, again.nature) == (sub.key, "recs-findings", declared.nature)
    (back,) = services.resolutions.resolutions(item.id)
    assert back.vote == resolution.vote
    assert [c.name for c in back.casts] == ["Richard Sumray", "Cllr A"]


def test_a_members_stay_is_recorded_by_item_and_quorum_follows(
    services: Services, sample: int
) -> None:
    meeting = _meeting(services)
    quorum = services.attendees.quorum(meeting)
    assert quorum.quorum == 3 and quorum.quorate_throughout
    assert [(i.number, i.present) for i in quorum.items] == [(n, 6) for n in range(1, 6)]
    assert quorum.items[0].title == "Apologies for absence"
    barnes = _attendance(services, "barnes")
    with recording() as topics:
        stayed = services.attendees.set_stay(
            meeting, "barnes", "recs-declarations", "recs-findings", barnes.version
        )
    assert topics == {Topic.ATTENDANCE}
    assert (stayed.arrived, stayed.left, stayed.version) == (
        "recs-declarations",
        "recs-findings",
        barnes.version + 1,
    )
    present = [i.present for i in services.attendees.quorum(meeting).items]
    assert present == [5, 6, 6, 6, 5]
    with pytest.raises(ConflictError):
        services.attendees.set_stay(meeting, "barnes", None, None, barnes.version)
    hockney = _attendance(services, "hockney")
    assert hockney.status is AttendanceStatus.APOLOGIES
    with pytest.raises(ValidationError, match="Damian Hockney is not recorded present"):
        services.attendees.set_stay(meeting, "hockney", None, None, hockney.version or 0)
    with pytest.raises(ValidationError, match="arrived: is not an item of this meeting"):
        services.attendees.set_stay(meeting, "barnes", "ev1-mps", None, stayed.version or 0)
    assert _attendance(services, "barnes") == stayed


def test_quorum_lost_and_regained_as_members_come_and_go(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    review = services.review_edits.details(REVIEW)
    services.review_edits.update_details(REVIEW, review.version, ReviewChanges(quorum=6))
    for member, arrived, left in (
        ("prem", None, "recs-declarations"),
        ("howlett", "recs-findings", None),
    ):
        a = _attendance(services, member)
        services.attendees.set_stay(meeting, member, arrived, left, a.version or 0)
    quorum = services.attendees.quorum(meeting)
    assert quorum.quorum == 6
    assert [(i.present, i.quorate) for i in quorum.items] == [
        (5, False),
        (5, False),
        (4, False),
        (5, False),
        (5, False),
    ]
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney", left="recs-minutes"
    )
    assert [i.quorate for i in services.attendees.quorum(meeting).items] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert sub.left_number == 3


def test_when_the_meeting_began_and_ended(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    times = services.attendees.times(meeting)
    assert (times.began, times.ended) == (None, None)
    began, ended = datetime(2007, 5, 14, 14, 2), datetime(2007, 5, 14, 16, 32)
    with recording() as topics:
        saved = services.attendees.set_times(meeting, times.version, began, ended)
    assert topics == {Topic.MEETINGS}
    assert (saved.began, saved.ended, saved.version) == (began, ended, times.version + 1)
    assert services.attendees.times(meeting) == saved
    with pytest.raises(ConflictError):
        services.attendees.set_times(meeting, times.version, None, None)
    with pytest.raises(ValidationError) as caught:
        services.attendees.set_times(meeting, saved.version, ended, began)
    assert _problems(caught) == [
        ("ended", "must not be before the time the meeting began (4.32 pm)")
    ]
    cancelled = _meeting(services, "ev2")
    with pytest.raises(ValidationError, match="the meeting was cancelled, so it has no times"):
        services.attendees.set_times(
            cancelled, services.attendees.times(cancelled).version, began, None
        )
    assert services.attendees.times(meeting) == saved


def test_a_member_with_a_substitute_stays_and_a_restored_substitute_is_checked(
    services: Services, sample: int
) -> None:
    meeting = _meeting(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    hockney = services.panel.find_member(REVIEW, "hockney")
    with pytest.raises(ValidationError, match="the member a substitute attended for"):
        services.panel.remove_member(hockney.id, hockney.version)
    snapshot = services.attendees.remove_attendee(sub.id, sub.version)
    row = _attendance(services, "hockney")
    services.minutes.set_attendance(meeting, "hockney", AttendanceStatus.PRESENT, row.version)
    with pytest.raises(ValidationError, match="Damian Hockney is recorded present"):
        services.attendees.restore_attendee(snapshot)
    assert services.attendees.attendees(meeting) == []


def test_undoing_the_removal_of_an_attendance_record_gives_back_its_stay(
    services: Services, sample: int
) -> None:
    meeting = _meeting(services)
    barnes = _attendance(services, "barnes")
    stayed = services.attendees.set_stay(
        meeting, "barnes", "recs-declarations", "recs-findings", barnes.version or 0
    )
    removed = services.minutes.set_attendance(meeting, "barnes", None, stayed.version)
    assert removed.status is None
    with pytest.raises(ValidationError, match="arrived: is not an item of this meeting"):
        services.minutes.set_attendance(
            meeting, "barnes", AttendanceStatus.PRESENT, None, arrived="ev1-mps"
        )
    back = services.minutes.set_attendance(
        meeting,
        "barnes",
        AttendanceStatus.PRESENT,
        None,
        position=stayed.position,
        arrived=stayed.arrived,
        left=stayed.left,
    )
    assert (back.status, back.position, back.arrived, back.left) == (
        AttendanceStatus.PRESENT,
        stayed.position,
        "recs-declarations",
        "recs-findings",
    )
