"""Resolutions and votes (issue 15): "RESOLVED – That …" per item, votes as counts or
by name checked against who was present for the item, and the previous meeting's
minutes approved by resolution in one step."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from scrutiny_desk.domain.agenda_records import ItemRecord
from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    MinutesStatus,
    StandardItem,
    VoteChoice,
)
from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.procedure import named_vote
from scrutiny_desk.domain.procedure_records import AttendeeChanges
from scrutiny_desk.domain.records import Vote
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.resolutions import ResolutionService

from .procedure import clear_record

REVIEW = 1
MEETING = "recs"  # held 14 May 2007, draft minutes; Hockney sent apologies
ITEM = "recs-recommendations"  # item 5
FOR, AGAINST, ABSTAINED = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAINED
NOW = datetime(2007, 5, 14, 15, 0, tzinfo=UTC)


@pytest.fixture
def sample(sample_id: int) -> int:
    assert sample_id == REVIEW
    return sample_id


@pytest.fixture
def bare(services: Services, sample: int) -> int:
    """The sample with no procedural record at "recs", for tests that build their own."""
    clear_record(services, sample, MEETING)
    return sample


def _meeting(services: Services, key: str = MEETING) -> int:
    return services.meeting_edits.find(REVIEW, key).id


def _item(services: Services, key: str = ITEM) -> ItemRecord:
    return services.agenda.find(REVIEW, key)


def _leaves_after(services: Services, member: str, item: str) -> None:
    meeting = _meeting(services)
    row = next(a for a in services.minutes.attendance(meeting) if a.member_key == member)
    services.attendees.set_stay(meeting, member, None, item, row.version or 0)


def test_resolutions_with_votes_by_count_and_by_name(services: Services, bare: int) -> None:
    item = _item(services)
    with recording() as topics:
        counted = services.resolutions.add_resolution(
            item.id, "  That the draft recommendations be agreed.  ", Vote(5, 1, 0)
        )
    assert topics == {Topic.AGENDA}
    assert (counted.text, counted.vote, counted.casts, counted.position) == (
        "That the draft recommendations be agreed.",
        Vote(5, 1, 0),
        (),
        0,
    )
    named = named_vote([("sumray", FOR), ("barnes", AGAINST), ("prem", ABSTAINED)])
    by_name = services.resolutions.add_resolution(item.id, "That the report be sent.", named)
    assert by_name.vote == named and (named.in_favour, named.against) == (1, 1)
    assert [(c.name, c.choice) for c in by_name.casts] == [
        ("Richard Sumray", FOR),
        ("Richard Barnes", AGAINST),
        ("Aneeta Prem", ABSTAINED),
    ]
    plain = services.resolutions.add_resolution(item.id, "That the panel thank the witnesses.")
    assert plain.vote is None
    assert services.resolutions.resolutions(item.id) == [counted, by_name, plain]
    with pytest.raises(ValidationError) as caught:
        services.resolutions.add_resolution(item.id, " ", Vote(7, 0, 0))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("text", "must not be empty"),
        ("vote", "7 votes recorded, but only 6 members present for item 5"),
    ]


def test_a_vote_naming_someone_absent_for_the_item_is_refused_and_changes_nothing(
    services: Services, bare: int
) -> None:
    item = _item(services)
    _leaves_after(services, "barnes", "recs-findings")  # gone before item 5
    kept = services.resolutions.add_resolution(item.id, "That the draft be agreed.")
    before = services.resolutions.resolutions(item.id)
    vote = named_vote([("sumray", FOR), ("barnes", FOR), ("hockney", AGAINST)])
    with recording() as topics, pytest.raises(ValidationError) as caught:
        services.resolutions.add_resolution(item.id, "That the report be sent.", vote)
    assert topics == set()
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("vote.casts[1]", "Richard Barnes was not present for item 5 and cannot vote on it"),
        ("vote.casts[2]", "Damian Hockney was not present for item 5 and cannot vote on it"),
    ]
    with pytest.raises(ValidationError, match=r"vote.casts\[1\]: Richard Barnes was not present"):
        services.resolutions.update_resolution(kept.id, kept.version, vote=vote)
    assert services.resolutions.resolutions(item.id) == before  # no row changed
    voters = services.resolutions.voters(item.id)
    assert voters.number == 5
    assert [v.key for v in voters.voters] == ["sumray", "whittaker", "mccartney", "howlett", "prem"]
    sub = services.attendees.add_attendee(
        _meeting(services), AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    assert services.resolutions.voters(item.id).voters[-1].substitute_for_name == "Damian Hockney"
    with_sub = named_vote([("sumray", FOR), (sub.key, AGAINST)])
    stored = services.resolutions.update_resolution(kept.id, kept.version, vote=with_sub)
    assert [c.name for c in stored.casts] == ["Richard Sumray", "Cllr A"]


def test_a_resolution_is_edited_moved_removed_and_restored(services: Services, bare: int) -> None:
    item = _item(services)
    first = services.resolutions.add_resolution(item.id, "That A.", Vote(3, 0, 0))
    second = services.resolutions.add_resolution(item.id, "That B.")
    changed = services.resolutions.update_resolution(first.id, first.version, text="That A2.")
    assert (changed.text, changed.vote, changed.version) == ("That A2.", Vote(3, 0, 0), 2)
    cleared = services.resolutions.update_resolution(changed.id, changed.version, vote=None)
    assert cleared.vote is None and cleared.text == "That A2."
    with pytest.raises(ConflictError):
        services.resolutions.update_resolution(first.id, first.version, text="Stale")
    moved = services.resolutions.move_resolution(second.id, second.version, 0)
    assert [r.text for r in services.resolutions.resolutions(item.id)] == ["That B.", "That A2."]
    with pytest.raises(ValidationError, match="position: must be from 0 to 1"):
        services.resolutions.move_resolution(moved.id, moved.version, 2)
    snapshot = services.resolutions.remove_resolution(moved.id, moved.version)
    assert [r.text for r in services.resolutions.resolutions(item.id)] == ["That A2."]
    restored = services.resolutions.restore_resolution(snapshot)
    assert (restored.text, restored.position) == ("That B.", 0)


def test_a_deleted_item_comes_back_with_its_resolutions_declarations_and_stays(
    services: Services, bare: int
) -> None:
    meeting = _meeting(services)
    item = _item(services, "recs-findings")
    vote = named_vote([("sumray", FOR), ("prem", AGAINST)])
    services.resolutions.add_resolution(item.id, "That the findings be noted.", vote)
    services.declarations.add_declaration(
        meeting, "prem", item.key, "Trustee", InterestCategory.DISCLOSABLE_PECUNIARY
    )
    services.declarations.add_declaration(
        meeting, "barnes", None, "Member", InterestCategory.NON_REGISTRABLE
    )
    _leaves_after(services, "barnes", item.key)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney", arrived=item.key
    )
    snapshot = services.agenda.remove_item(item.id, item.version)
    assert [d.person for d in services.declarations.declarations(meeting)] == ["barnes"]
    barnes = next(a for a in services.minutes.attendance(meeting) if a.member_key == "barnes")
    assert barnes.left is None and services.attendees.attendees(meeting)[0].arrived is None

    restored = services.agenda.restore_item(snapshot)
    (resolution,) = services.resolutions.resolutions(restored.id)
    assert (resolution.text, resolution.vote) == ("That the findings be noted.", vote)
    assert [(d.person, d.item) for d in services.declarations.declarations(meeting)] == [
        ("prem", item.key),
        ("barnes", None),
    ]
    barnes = next(a for a in services.minutes.attendance(meeting) if a.member_key == "barnes")
    assert barnes.left == item.key
    assert services.attendees.attendees(meeting)[0].arrived == item.key == sub.arrived


def test_the_previous_minutes_are_approved_by_resolution_in_one_undoable_step(
    services: Services, bare: int
) -> None:
    resolutions = ResolutionService(services.db, clock=lambda: NOW)
    ev4 = _meeting(services, "ev4")  # 23 April 2007, approved
    item = _item(services, "recs-minutes")
    if item.standard is None:
        item = services.agenda.update_item(
            item.id, item.version, ItemChanges(standard=StandardItem.PREVIOUS_MINUTES)
        )
    assert item.standard is StandardItem.PREVIOUS_MINUTES
    with pytest.raises(ValidationError, match="no earlier meeting of this review"):
        resolutions.approve_previous_minutes(item.id, item.version)
    minutes = services.minutes.minutes(ev4)
    services.minutes.reopen_minutes(ev4, minutes.version, "To approve them at the next meeting")
    before = services.minutes.minutes(ev4)
    assert resolutions.previous_meeting(item.id) == ev4

    with recording() as topics:
        approval = resolutions.approve_previous_minutes(item.id, item.version)
    assert {Topic.AGENDA, Topic.MINUTES, Topic.MEETINGS} <= topics
    assert approval.resolution.text == (
        "That the minutes of the meeting held on 23 April 2007 be agreed as a correct record "
        "and signed by the Chair."
    )
    approved = services.minutes.minutes(ev4)
    assert approved == approval.approved
    assert (approved.status, approved.approved_on, approved.approved_at) == (
        MinutesStatus.APPROVED,
        date(2007, 5, 14),
        MEETING,
    )
    assert approved.snapshot is not None and approved.history[-1].at == NOW.astimezone(
        approved.history[-1].at.tzinfo
    )
    assert services.resolutions.resolutions(item.id) == [approval.resolution]

    resolutions.undo_previous_minutes(approval)
    assert services.resolutions.resolutions(item.id) == []
    undone = services.minutes.minutes(ev4)
    assert replace(undone, version=before.version) == before  # as before, history and all
    with pytest.raises(ValidationError, match="is not marked as the minutes of the previous"):
        findings = _item(services, "recs-findings")
        resolutions.approve_previous_minutes(findings.id, findings.version)
    assert services.minutes.minutes(ev4) == undone


def test_attendance_cannot_change_under_a_vote_by_name(services: Services, bare: int) -> None:
    meeting = _meeting(services)
    item = _item(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    vote = named_vote([("barnes", FOR), (sub.key, AGAINST)])
    services.resolutions.add_resolution(item.id, "That the draft be agreed.", vote)
    barnes = next(a for a in services.minutes.attendance(meeting) if a.member_key == "barnes")
    stranded = "Richard Barnes voted by name on item 5, so must be present for it"
    with pytest.raises(ValidationError, match=f"left: {stranded}"):
        services.attendees.set_stay(meeting, "barnes", None, "recs-findings", barnes.version or 0)
    with pytest.raises(ValidationError, match=f"status: {stranded}"):
        services.minutes.set_attendance(meeting, "barnes", AttendanceStatus.ABSENT, barnes.version)
    with pytest.raises(ValidationError, match="attendee: Cllr A voted by name on item 5"):
        services.attendees.update_attendee(
            sub.id, sub.version, AttendeeChanges(kind=AttendeeKind.OFFICER)
        )
    hockney = next(a for a in services.minutes.attendance(meeting) if a.member_key == "hockney")
    with pytest.raises(ValidationError, match="Cllr A attends this meeting as substitute for"):
        services.minutes.set_attendance(
            meeting, "hockney", AttendanceStatus.PRESENT, hockney.version
        )
    assert services.resolutions.resolutions(item.id)[0].vote == vote
    assert services.attendees.attendees(meeting) == [sub]
    assert (
        next(a for a in services.minutes.attendance(meeting) if a.member_key == "barnes") == barnes
    )


def test_moving_or_closing_an_item_may_not_leave_a_vote_by_someone_absent(
    services: Services, sample: int
) -> None:
    """McCartney arrived at the previous minutes (item 3) and voted by name on the
    recommendations (item 5): an order of business that takes the recommendations
    before she arrived would leave a vote by someone absent, which an import of the
    review refuses. The move, and closing the minutes item (which takes it to Part 2),
    are refused, naming her, and nothing is changed."""
    before = services.reviews.export_bytes(REVIEW)
    item = _item(services)
    with pytest.raises(ValidationError) as refused:
        services.agenda.move_item(item.id, item.version, 0)
    assert refused.value.problems[0].path == "position"
    assert "Joanne McCartney voted by name on item" in refused.value.problems[0].message
    minutes = _item(services, "recs-minutes")
    with pytest.raises(ValidationError) as closed:
        services.agenda.close_item(minutes.id, minutes.version, "A witness asked")
    assert closed.value.problems[0].path == "access"
    assert services.reviews.export_bytes(REVIEW) == before
    # a move that keeps her there for the vote is fine
    moved = services.agenda.move_item(item.id, item.version, 3)
    assert moved.position == 3
