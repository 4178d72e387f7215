"""Actions agreed at meetings: listing, adding, editing, deleting and restoring."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny_desk.domain.enums import Access, ActionStatus
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.services.actions import ActionChanges, ActionService
from scrutiny_desk.services.container import Services

from .approved import reopen


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def actions(services: Services) -> ActionService:
    return ActionService(services.db)


def _meeting_id(services: Services, review_id: int, key: str) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.key == key)


def test_actions_of_a_meeting_and_of_the_review(
    services: Services, sample: int, actions: ActionService
) -> None:
    everything = actions.for_review(sample)
    assert [a.key for a in everything] == [a.key for a in services.reviews.document(sample).actions]
    assert [a.position for a in everything] == list(range(len(everything)))
    ev1 = actions.for_meeting(_meeting_id(services, sample, "ev1"))
    assert [a.key for a in ev1] == ["a1"]
    assert ev1[0].meeting_key == "ev1" and ev1[0].status is ActionStatus.DONE
    assert actions.find(sample, "a1") == ev1[0]
    with pytest.raises(NotFoundError):
        actions.find(sample, "nope")
    with pytest.raises(NotFoundError):
        actions.for_meeting(999_999)


def test_add_update_delete_restore(services: Services, sample: int, actions: ActionService) -> None:
    reopen(services, sample, "ev1")
    recs = _meeting_id(services, sample, "recs")
    count = len(actions.for_review(sample))
    added = actions.add_action(
        recs, "Circulate the draft report", "Scrutiny officer", date(2007, 6, 1), key="a-draft"
    )
    assert (added.key, added.position, added.status, added.access, added.version) == (
        "a-draft",
        count,
        ActionStatus.OPEN,
        Access.OPEN,
        1,
    )
    assert services.reviews.document(sample).actions[-1].meeting == "recs"
    generated = actions.add_action(recs, "Book a room", access=Access.CLOSED)
    assert generated.key.startswith("a-") and generated.owner is None and generated.is_closed

    before = services.reviews.export_bytes(sample)
    done = actions.update_action(
        added.id, added.version, ActionChanges(status=ActionStatus.DONE, owner=None)
    )
    assert (done.status, done.owner, done.due, done.version) == (
        ActionStatus.DONE,
        None,
        date(2007, 6, 1),
        added.version + 1,
    )
    with pytest.raises(ConflictError, match="since you opened it"):
        actions.update_action(added.id, added.version, ActionChanges(text="Stale"))
    undone = actions.update_action(
        done.id, done.version, ActionChanges(status=ActionStatus.OPEN, owner="Scrutiny officer")
    )
    assert services.reviews.export_bytes(sample) == before

    first = actions.find(sample, "a1")
    snapshot = actions.delete_action(first.id, first.version)
    assert snapshot.position == 0 and snapshot.action.meeting == "ev1"
    assert [a.position for a in actions.for_review(sample)] == list(range(count + 1))
    restored = actions.restore_action(snapshot)
    assert (restored.key, restored.position) == ("a1", 0)
    assert services.reviews.export_bytes(sample) == before
    with pytest.raises(ValidationError, match='key: an action with key "a1" exists already'):
        actions.restore_action(snapshot)
    with pytest.raises(ConflictError, match="deleted by someone else"):
        actions.delete_action(first.id, first.version)
    assert undone.id == added.id


def test_bad_actions_are_refused(services: Services, sample: int, actions: ActionService) -> None:
    reopen(services, sample, "ev1")
    recs = _meeting_id(services, sample, "recs")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError, match="text: must not be empty"):
        actions.add_action(recs, " ")
    with pytest.raises(ValidationError, match="owner: contains a NUL"):
        actions.add_action(recs, "Do it", owner="\x00")
    with pytest.raises(ValidationError, match='key: an action with key "a1" exists already'):
        actions.add_action(recs, "Do it", key="a1")
    a1 = actions.find(sample, "a1")
    with pytest.raises(ValidationError, match="owner: contains a NUL"):
        actions.update_action(a1.id, a1.version, ActionChanges(owner="\x00"))
    with pytest.raises(ValidationError, match="text: must not be empty"):
        actions.update_action(a1.id, a1.version, ActionChanges(text=""))
    assert services.reviews.export_bytes(sample) == before
