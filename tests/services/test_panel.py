"""The panel: members, the one-chair rule, e-mails, remove/restore with attendance."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import AttendanceStatus, MemberRole
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.people_records import MemberChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.panel import PanelService

from .procedure import clear_record


@pytest.fixture
def panel(services: Services) -> PanelService:
    return PanelService(services.db)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _keys(panel: PanelService, review_id: int) -> list[str]:
    return [m.key for m in panel.members(review_id)]


def test_members_in_order_with_roles(panel: PanelService, sample: int) -> None:
    members = panel.members(sample)
    assert [m.key for m in members][:3] == ["sumray", "whittaker", "barnes"]
    assert [m.name for m in members if m.role is MemberRole.CHAIR] == ["Richard Sumray"]
    assert members[0].email == "richard.sumray@example.org"
    assert panel.find_member(sample, "prem") == members[-1] == panel.member(members[-1].id)
    with pytest.raises(NotFoundError):
        panel.find_member(sample, "nobody")


def test_add_member_stores_it_with_a_key(
    services: Services, panel: PanelService, sample: int
) -> None:
    added = panel.add_member(sample, "Jenny Jones", email=" jenny.jones@example.org ")
    assert added.key.startswith("member-")
    assert (added.role, added.email, added.version) == (
        MemberRole.MEMBER,
        "jenny.jones@example.org",
        1,
    )
    named = panel.add_member(sample, "Toby Harris", MemberRole.VICE_CHAIR, key="harris")
    document = services.reviews.document(sample)
    assert [m.key for m in document.panel][-2:] == [added.key, "harris"]
    assert document.panel[-1].role is MemberRole.VICE_CHAIR
    assert panel.find_member(sample, "harris") == named


def test_add_member_refuses_bad_input_naming_the_field(
    services: Services, panel: PanelService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    bad_emails = [
        "jenny.example.org",
        "jenny@@example.org",
        "a@b@c",
        "jenny jones@example.org",
        "@example.org",
        "jenny@",
        "j" * 250 + "@example.org",
    ]
    for email in bad_emails:
        with pytest.raises(ValidationError) as caught:
            panel.add_member(sample, "Jenny Jones", email=email)
        assert [p.path for p in caught.value.problems] == ["email"], email
    with pytest.raises(ValidationError, match="name: must not be empty"):
        panel.add_member(sample, " ")
    with pytest.raises(ValidationError, match='key: a panel member with key "prem" exists already'):
        panel.add_member(sample, "Another Prem", key="prem")
    with pytest.raises(
        ValidationError, match="role: Richard Sumray is chair; make them a member first"
    ):
        panel.add_member(sample, "Jenny Jones", MemberRole.CHAIR)
    assert services.reviews.export_bytes(sample) == exported


def test_update_member(services: Services, panel: PanelService, sample: int) -> None:
    prem = panel.find_member(sample, "prem")
    updated = panel.update_member(
        prem.id, prem.version, MemberChanges(name="Aneeta Prem MBE", email="")
    )
    assert (updated.name, updated.email, updated.version) == (
        "Aneeta Prem MBE",
        None,
        prem.version + 1,
    )
    member = next(m for m in services.reviews.document(sample).panel if m.key == "prem")
    assert (member.name, member.email) == ("Aneeta Prem MBE", None)
    with pytest.raises(ValidationError, match="email: "):
        panel.update_member(updated.id, updated.version, MemberChanges(email="aneeta"))
    assert panel.member(prem.id) == updated


def test_one_chair_rule_on_update(services: Services, panel: PanelService, sample: int) -> None:
    prem = panel.find_member(sample, "prem")
    with pytest.raises(ValidationError) as caught:
        panel.update_member(prem.id, prem.version, MemberChanges(role=MemberRole.CHAIR))
    [problem] = caught.value.problems
    assert problem.path == "role"
    assert problem.message.startswith("Richard Sumray is chair; make them a member first")
    assert panel.member(prem.id) == prem
    # Two steps work too: the chair steps down, then the member takes the chair.
    sumray = panel.find_member(sample, "sumray")
    panel.update_member(sumray.id, sumray.version, MemberChanges(role=MemberRole.MEMBER))
    chair = panel.update_member(prem.id, prem.version, MemberChanges(role=MemberRole.CHAIR))
    assert chair.role is MemberRole.CHAIR


def test_make_chair_in_one_step_and_undo(
    services: Services, panel: PanelService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    whittaker = panel.find_member(sample, "whittaker")
    whittaker = panel.update_member(
        whittaker.id, whittaker.version, MemberChanges(role=MemberRole.VICE_CHAIR)
    )
    vice_chair_export = services.reviews.export_bytes(sample)
    change = panel.make_chair(whittaker.id, whittaker.version)
    assert change.chair.role is MemberRole.CHAIR
    assert change.previous_role is MemberRole.VICE_CHAIR
    assert change.demoted is not None and change.demoted.key == "sumray"
    assert change.demoted.role is MemberRole.MEMBER
    roles = {m.key: m.role for m in services.reviews.document(sample).panel}
    assert (roles["whittaker"], roles["sumray"]) == (MemberRole.CHAIR, MemberRole.MEMBER)
    # Undo in one step: the old chair takes it back, the new one returns to vice-chair.
    undone = panel.make_chair(
        change.demoted.id, change.demoted.version, demote_to=change.previous_role
    )
    assert undone.demoted is not None and undone.demoted.role is MemberRole.VICE_CHAIR
    assert services.reviews.export_bytes(sample) == vice_chair_export
    assert exported != vice_chair_export
    with pytest.raises(ConflictError):
        panel.make_chair(whittaker.id, whittaker.version)  # stale


def test_make_chair_of_the_chair_changes_nothing(panel: PanelService, sample: int) -> None:
    sumray = panel.find_member(sample, "sumray")
    change = panel.make_chair(sumray.id, sumray.version)
    assert (change.chair, change.demoted) == (sumray, None)
    with pytest.raises(ValidationError, match="role: "):
        panel.make_chair(sumray.id, sumray.version, demote_to=MemberRole.CHAIR)


def test_stale_version_is_a_conflict_and_changes_nothing(
    services: Services, panel: PanelService, sample: int
) -> None:
    prem = panel.find_member(sample, "prem")
    panel.update_member(prem.id, prem.version, MemberChanges(name="Colleague's"))
    exported = services.reviews.export_bytes(sample)
    with pytest.raises(ConflictError, match="since you opened it"):
        panel.update_member(prem.id, prem.version, MemberChanges(name="Mine"))
    with pytest.raises(ConflictError):
        panel.remove_member(prem.id, prem.version)
    with pytest.raises(ConflictError):
        panel.move_member(prem.id, prem.version, 0)
    assert services.reviews.export_bytes(sample) == exported


def test_remove_and_restore_member_with_attendance(
    services: Services, panel: PanelService, sample: int
) -> None:
    clear_record(services, sample, "recs")  # where Barnes votes by name
    exported = services.reviews.export_bytes(sample)
    barnes = panel.find_member(sample, "barnes")
    snapshot = panel.remove_member(barnes.id, barnes.version)
    assert snapshot.position == 2 and snapshot.member.key == "barnes"
    assert len(snapshot.attendance) == 6
    assert snapshot.attendance[1].meeting_key == "ev1"
    assert snapshot.attendance[1].status is AttendanceStatus.APOLOGIES
    document = services.reviews.document(sample)
    assert "barnes" not in [m.key for m in document.panel]
    assert all(a.member != "barnes" for m in document.meetings for a in m.attendance)
    with pytest.raises(ConflictError, match="deleted"):
        panel.update_member(barnes.id, barnes.version, MemberChanges(name="Gone"))
    restored = panel.restore_member(snapshot)
    assert restored.key == "barnes" and panel.find_member(sample, "barnes") == restored
    assert services.reviews.export_bytes(sample) == exported
    with pytest.raises(ValidationError, match="key: "):
        panel.restore_member(snapshot)  # already back


def test_restoring_a_chair_respects_the_one_chair_rule(
    services: Services, panel: PanelService, sample: int
) -> None:
    clear_record(services, sample, "recs")  # where Sumray declares and votes by name
    sumray = panel.find_member(sample, "sumray")
    snapshot = panel.remove_member(sumray.id, sumray.version)
    prem = panel.find_member(sample, "prem")
    panel.make_chair(prem.id, prem.version)
    with pytest.raises(ValidationError, match="Aneeta Prem is chair"):
        panel.restore_member(snapshot)
    assert "sumray" not in _keys(panel, sample)


def test_move_member_keeps_positions_dense(
    services: Services, panel: PanelService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    prem = panel.find_member(sample, "prem")
    moved = panel.move_member(prem.id, prem.version, 1)
    assert [m.key for m in moved] == [
        "sumray",
        "prem",
        "whittaker",
        "barnes",
        "mccartney",
        "howlett",
        "hockney",
    ]
    assert [m.key for m in services.reviews.document(sample).panel] == [m.key for m in moved]
    others = {m.key: m.version for m in panel.members(sample)}
    assert others["whittaker"] == 1  # shifting down is not an edit of the neighbour
    prem = panel.find_member(sample, "prem")
    panel.move_member(prem.id, prem.version, 99)  # clamped to the end
    assert services.reviews.export_bytes(sample) == exported
    # Adding at a position, then removing, keeps the rest in order.
    added = panel.add_member(sample, "Jenny Jones", position=0)
    assert _keys(panel, sample)[:2] == [added.key, "sumray"]
    panel.remove_member(added.id, added.version)
    assert services.reviews.export_bytes(sample) == exported
