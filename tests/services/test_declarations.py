"""Declarations of interest at a meeting (issue 15): by a panel member or a substitute
at that meeting, on an item or generally, offered from the register."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import AttendeeKind, InterestCategory
from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.procedure_records import DeclarationChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services

from .procedure import clear_record, clear_register

REVIEW = 1
MEETING = "recs"  # held, draft minutes; Hockney sent apologies
DPI = InterestCategory.DISCLOSABLE_PECUNIARY
NON = InterestCategory.NON_REGISTRABLE


@pytest.fixture
def sample(services: Services, sample_id: int) -> int:
    """The sample with no procedural record at "recs" and an empty register of
    interests: the tests build their own."""
    review_id = sample_id
    assert review_id == REVIEW
    clear_record(services, review_id, "recs")
    clear_register(services, review_id)
    return review_id


def _meeting(services: Services, key: str = MEETING) -> int:
    return services.meeting_edits.find(REVIEW, key).id


def test_the_register_is_offered_to_those_who_may_declare(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    services.interests.add_interest(REVIEW, "prem", "Trustee, Addaction", DPI)
    services.interests.add_interest(REVIEW, "hockney", "Landlord", DPI)  # sent apologies
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    services.attendees.add_attendee(meeting, AttendeeKind.OFFICER, "Jo Clerk")
    offered = services.declarations.offered(meeting)
    assert [(o.person, o.substitute) for o in offered] == [
        ("sumray", False),
        ("whittaker", False),
        ("barnes", False),
        ("mccartney", False),
        ("howlett", False),
        ("prem", False),
        (sub.key, True),
    ]
    assert [i.text for i in offered[5].interests] == ["Trustee, Addaction"]
    assert all(not o.interests for o in offered if o.person != "prem")


def test_declarations_are_recorded_on_an_item_or_generally(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="hockney"
    )
    with recording() as topics:
        on_item = services.declarations.add_declaration(
            meeting, "prem", "recs-findings", " Trustee of Addaction ", DPI, left_room=True
        )
    assert topics == {Topic.ATTENDANCE}
    general = services.declarations.add_declaration(
        meeting, sub.key, None, "Lives in the borough", NON
    )
    assert (on_item.person_name, on_item.item_number, on_item.item_title, on_item.nature) == (
        "Aneeta Prem",
        4,
        "Summary of evidence and emerging findings",
        "Trustee of Addaction",
    )
    assert on_item.left_room and not on_item.substitute
    assert (general.person_name, general.substitute, general.item) == ("Cllr A", True, None)
    assert services.declarations.declarations(meeting) == [on_item, general]


def test_a_declaration_is_checked_by_field(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    officer = services.attendees.add_attendee(meeting, AttendeeKind.OFFICER, "Jo Clerk")
    add = services.declarations.add_declaration
    with pytest.raises(ValidationError) as caught:
        add(meeting, officer.key, "ev1-mps", "", "dpi")  # type: ignore[arg-type]
    assert [p.path for p in caught.value.problems] == ["person", "item", "nature", "category"]
    assert "neither a panel member of this review nor a substitute" in str(caught.value)
    assert services.declarations.declarations(meeting) == []


def test_a_declaration_is_edited_removed_and_restored(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    first = services.declarations.add_declaration(meeting, "prem", None, "Trustee", DPI)
    second = services.declarations.add_declaration(meeting, "barnes", None, "Member", NON)
    changed = services.declarations.update_declaration(
        first.id,
        first.version,
        DeclarationChanges(person="sumray", item="recs-recommendations", left_room=True),
    )
    assert (changed.person, changed.item_number, changed.left_room, changed.nature) == (
        "sumray",
        5,
        True,
        "Trustee",
    )
    with pytest.raises(ConflictError):
        services.declarations.update_declaration(first.id, first.version, DeclarationChanges())
    with pytest.raises(ValidationError, match="item: "):
        services.declarations.update_declaration(
            changed.id, changed.version, DeclarationChanges(item="ev1-mps")
        )
    snapshot = services.declarations.remove_declaration(changed.id, changed.version)
    assert [d.position for d in services.declarations.declarations(meeting)] == [0]
    restored = services.declarations.restore_declaration(snapshot)
    assert (restored.position, restored.person, restored.item) == (
        0,
        "sumray",
        "recs-recommendations",
    )
    assert [d.nature for d in services.declarations.declarations(meeting)] == [
        "Trustee",
        second.nature,
    ]


def test_a_member_named_in_a_declaration_cannot_be_removed(services: Services, sample: int) -> None:
    meeting = _meeting(services)
    declared = services.declarations.add_declaration(meeting, "prem", None, "Trustee", DPI)
    member = services.panel.find_member(REVIEW, "prem")
    with pytest.raises(ValidationError) as caught:
        services.panel.remove_member(member.id, member.version)
    assert str(caught.value) == (
        'member: Aneeta Prem is named in the minutes of "Deliberative meeting: agreeing '
        'recommendations": a declaration of interest; change that first'
    )
    assert services.panel.find_member(REVIEW, "prem") == member
    services.declarations.remove_declaration(declared.id, declared.version)
    services.panel.remove_member(member.id, member.version)
