"""Meeting lists, agendas and edits under the version counter."""

from __future__ import annotations

from datetime import datetime

import pytest

from scrutiny_desk.domain.enums import Access, MeetingStatus
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges

from .approved import reopen


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _meeting(services: Services, review_id: int, key: str):  # type: ignore[no-untyped-def]
    return next(m for m in services.meetings.list(review_id) if m.key == key)


def test_meetings_listed_by_start_with_item_counts(services: Services, sample: int) -> None:
    meetings = services.meetings.list(sample)
    assert len(meetings) == 8
    assert [m.start for m in meetings] == sorted(m.start for m in meetings)
    ev3 = _meeting(services, sample, "ev3")
    assert (ev3.open_items, ev3.closed_items) == (5, 1)


def test_agenda_in_printed_order_closed_last(services: Services, sample: int) -> None:
    agenda = services.meetings.agenda(_meeting(services, sample, "ev3").id)
    assert [e.number for e in agenda] == list(range(1, len(agenda) + 1))
    assert agenda[-1].access is Access.CLOSED
    assert all(e.access is Access.OPEN for e in agenda[:-1])
    assert agenda[-1].witnesses[0].key == "user"
    assert agenda[-1].tor and agenda[-1].tor[0].label[0].isdigit()


def test_update_raises_version_and_sequence(services: Services, sample: int) -> None:
    reopen(services, sample, "ev3")
    ev3 = _meeting(services, sample, "ev3")
    updated = services.meetings.update(
        ev3.id, ev3.version, MeetingChanges(venue="Committee Room 2")
    )
    assert updated.venue == "Committee Room 2"
    assert updated.version == ev3.version + 1
    assert updated.sequence == ev3.sequence + 1
    same = services.meetings.update(
        updated.id, updated.version, MeetingChanges(venue="Committee Room 2")
    )
    assert same.sequence == updated.sequence


def test_stale_update_is_a_conflict_and_saves_nothing(services: Services, sample: int) -> None:
    reopen(services, sample, "ev3")
    ev3 = _meeting(services, sample, "ev3")
    services.meetings.update(ev3.id, ev3.version, MeetingChanges(title="Colleague's title"))
    with pytest.raises(ConflictError, match="since you opened it"):
        services.meetings.update(ev3.id, ev3.version, MeetingChanges(title="My title"))
    assert services.meetings.get(ev3.id).title == "Colleague's title"


def test_bad_times_are_refused_naming_the_field(services: Services, sample: int) -> None:
    reopen(services, sample, "ev3")
    ev3 = _meeting(services, sample, "ev3")
    with pytest.raises(ValidationError, match="end: must be after the start"):
        services.meetings.update(
            ev3.id, ev3.version, MeetingChanges(end=datetime(2007, 3, 26, 13, 0))
        )
    with pytest.raises(ValidationError, match="start: 2027-03-28T01:30 does not exist"):
        services.meetings.update(
            ev3.id,
            ev3.version,
            MeetingChanges(start=datetime(2027, 3, 28, 1, 30), end=datetime(2027, 3, 28, 3, 0)),
        )
    with pytest.raises(ValidationError, match="title: contains a NUL"):
        services.meetings.update(ev3.id, ev3.version, MeetingChanges(title="a\x00b"))
    after = services.meetings.get(ev3.id)
    assert (after.version, after.end, after.title) == (ev3.version, ev3.end, ev3.title)


def test_status_change_raises_sequence(services: Services, sample: int) -> None:
    reopen(services, sample, "ev3")
    ev3 = _meeting(services, sample, "ev3")
    cancelled = services.meetings.update(
        ev3.id, ev3.version, MeetingChanges(status=MeetingStatus.CANCELLED)
    )
    assert cancelled.status is MeetingStatus.CANCELLED
    assert cancelled.sequence == ev3.sequence + 1


def test_unknown_ids_are_not_found(services: Services, sample: int) -> None:
    with pytest.raises(NotFoundError):
        services.meetings.agenda(999_999)
    with pytest.raises(NotFoundError):
        services.meetings.list(999_999)
    with pytest.raises(NotFoundError):
        services.reviews.export_bytes(999_999)


def test_conflict_names_who_changed_it(
    services: Services, sample: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    reopen(services, sample, "ev3")
    ev3 = _meeting(services, sample, "ev3")
    services.db.user = "Colleague at the next desk"
    services.meetings.update(ev3.id, ev3.version, MeetingChanges(venue="Room 4"))
    services.db.user = "Me"
    with pytest.raises(ConflictError, match="changed by Colleague at the next desk at "):
        services.meetings.update(ev3.id, ev3.version, MeetingChanges(venue="Room 5"))
