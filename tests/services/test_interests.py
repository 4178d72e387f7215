"""The register of members' interests (issue 15): by member in panel order, edited at
the version read, removed and restored in place, not frozen by approved minutes."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import InterestCategory
from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.procedure_records import InterestChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services

from .procedure import clear_record, clear_register

REVIEW = 1
DPI = InterestCategory.DISCLOSABLE_PECUNIARY
OTHER = InterestCategory.OTHER_REGISTRABLE


@pytest.fixture
def sample(services: Services, sample_id: int) -> int:
    """The sample with no procedural record at "recs" and an empty register of
    interests: the tests build their own."""
    review_id = sample_id
    assert review_id == REVIEW
    clear_record(services, review_id, "recs")
    clear_register(services, review_id)
    return review_id


def test_the_register_reads_by_member_in_panel_order(services: Services, sample: int) -> None:
    interests = services.interests
    with recording() as topics:
        prem = interests.add_interest(REVIEW, "prem", "Trustee, Addaction", OTHER)
    assert topics == {Topic.PANEL}
    interests.add_interest(REVIEW, "sumray", "  Director, a drugs charity  ", DPI)
    interests.add_interest(REVIEW, "prem", "Shares in a pharmacy chain", DPI, position=0)
    register = interests.register(REVIEW)
    assert [(r.member_key, r.member_name, r.text) for r in register] == [
        ("sumray", "Richard Sumray", "Director, a drugs charity"),
        ("prem", "Aneeta Prem", "Shares in a pharmacy chain"),  # position 0 of the register
        ("prem", "Aneeta Prem", "Trustee, Addaction"),
    ]
    assert [r.position for r in register] == [2, 0, 1]
    assert prem.category is OTHER and prem.version == 1


def test_an_entry_is_checked_and_edited_at_the_version_read(
    services: Services, sample: int
) -> None:
    interests = services.interests
    with pytest.raises(ValidationError) as caught:
        interests.add_interest(REVIEW, "nobody", " ", "dpi")  # type: ignore[arg-type]
    assert [p.path for p in caught.value.problems] == ["member", "text", "category"]
    with pytest.raises(ValidationError, match="text: contains a NUL"):
        interests.add_interest(REVIEW, "prem", "a\x00b", DPI)
    entry = interests.add_interest(REVIEW, "prem", "Trustee", OTHER)
    changed = interests.update_interest(
        entry.id, entry.version, InterestChanges(text="Trustee, Addaction", category=DPI)
    )
    assert (changed.text, changed.category, changed.version) == (
        "Trustee, Addaction",
        DPI,
        entry.version + 1,
    )
    with pytest.raises(ConflictError):
        interests.update_interest(entry.id, entry.version, InterestChanges(text="Stale"))
    with pytest.raises(ValidationError, match="text: must not be empty"):
        interests.update_interest(changed.id, changed.version, InterestChanges(text=""))
    assert interests.register(REVIEW) == [changed]


def test_an_entry_is_removed_and_restored_in_place(services: Services, sample: int) -> None:
    interests = services.interests
    first = interests.add_interest(REVIEW, "prem", "First", OTHER)
    second = interests.add_interest(REVIEW, "prem", "Second", DPI)
    snapshot = interests.remove_interest(first.id, first.version)
    assert [r.text for r in interests.register(REVIEW)] == ["Second"]
    assert interests.register(REVIEW)[0].position == 0
    restored = interests.restore_interest(snapshot)
    assert (restored.text, restored.position, restored.category) == ("First", 0, OTHER)
    assert [r.text for r in interests.register(REVIEW)] == ["First", "Second"]
    with pytest.raises(ConflictError):
        interests.remove_interest(second.id, second.version + 5)


def test_a_removed_member_takes_their_entries_and_undo_brings_them_back(
    services: Services, sample: int
) -> None:
    services.interests.add_interest(REVIEW, "hockney", "Governor, a college", OTHER)
    services.interests.add_interest(REVIEW, "prem", "Trustee", OTHER)
    services.interests.add_interest(REVIEW, "hockney", "Landlord", DPI)
    member = services.panel.find_member(REVIEW, "hockney")
    snapshot = services.panel.remove_member(member.id, member.version)
    register = services.interests.register(REVIEW)
    assert [(r.member_key, r.position) for r in register] == [("prem", 0)]
    services.panel.restore_member(snapshot)
    register = services.interests.register(REVIEW)
    assert [(r.member_key, r.text, r.position) for r in register] == [
        ("hockney", "Governor, a college", 0),
        ("hockney", "Landlord", 2),
        ("prem", "Trustee", 1),
    ]


def test_approved_minutes_do_not_freeze_the_register(services: Services, sample: int) -> None:
    # every member sat at meetings whose minutes are approved; the register still changes
    entry = services.interests.add_interest(REVIEW, "sumray", "Director", DPI)
    services.interests.update_interest(entry.id, entry.version, InterestChanges(text="Chair"))
    assert [r.text for r in services.interests.register(REVIEW)] == ["Chair"]
