"""Attendance, the minute of each item, and approving and reopening minutes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from scrutiny_desk.domain.agenda_records import MinutesLockedError
from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    MeetingStatus,
    MinutesEvent,
    MinutesStatus,
)
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.services.agenda import AgendaService
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.minutes import MinutesService

from .procedure import clear_record

NOW = datetime(2007, 7, 9, 15, 30, 12, 345, tzinfo=UTC)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def minutes(services: Services) -> MinutesService:
    return MinutesService(services.db, clock=lambda: NOW)


def _meeting_id(services: Services, review_id: int, key: str) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.key == key)


# Attendance --------------------------------------------------------------------------


def test_attendance_has_a_row_per_panel_member(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    rows = minutes.attendance(_meeting_id(services, sample, "ev1"))
    assert [r.member_key for r in rows] == [
        "sumray",
        "whittaker",
        "barnes",
        "mccartney",
        "howlett",
        "hockney",
        "prem",
    ]
    assert rows[0].member_name and rows[0].member_role.value == "chair"
    assert rows[2].status is AttendanceStatus.APOLOGIES and rows[2].version == 1
    cancelled = minutes.attendance(_meeting_id(services, sample, "ev2"))
    assert len(cancelled) == 7
    assert all(r.status is None and r.version is None for r in cancelled)
    with pytest.raises(NotFoundError):
        minutes.attendance(999_999)


def test_record_change_and_remove_attendance(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    recs = _meeting_id(services, sample, "recs")
    clear_record(services, sample, "recs")  # no substitute attends for Hockney
    before = services.reviews.export_bytes(sample)
    hockney = next(r for r in minutes.attendance(recs) if r.member_key == "hockney")
    changed = minutes.set_attendance(recs, "hockney", AttendanceStatus.PRESENT, hockney.version)
    assert changed.status is AttendanceStatus.PRESENT and changed.version == hockney.version + 1
    with pytest.raises(ConflictError, match="since you opened it"):
        minutes.set_attendance(recs, "hockney", AttendanceStatus.ABSENT, hockney.version)
    with pytest.raises(ConflictError, match="recorded by someone else"):
        minutes.set_attendance(recs, "hockney", AttendanceStatus.ABSENT, None)
    removed = minutes.set_attendance(recs, "hockney", None, changed.version)
    assert (removed.status, removed.version, removed.position) == (None, None, None)
    stored = [a.member for a in services.reviews.document(sample).meetings[6].attendance]
    assert "hockney" not in stored and len(stored) == 6
    with pytest.raises(ConflictError, match="removed by someone else"):
        minutes.set_attendance(recs, "hockney", AttendanceStatus.ABSENT, changed.version)
    # The undo: the old status, at its old place.
    minutes.set_attendance(
        recs, "hockney", AttendanceStatus.APOLOGIES, None, position=hockney.position
    )
    assert services.reviews.export_bytes(sample) == before


def test_new_attendance_goes_in_panel_order(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    meeting = _meeting_id(services, sample, "responses")
    minutes.set_attendance(meeting, "mccartney", AttendanceStatus.PRESENT, None)
    minutes.set_attendance(meeting, "prem", AttendanceStatus.APOLOGIES, None)
    minutes.set_attendance(meeting, "sumray", AttendanceStatus.PRESENT, None)
    stored = services.reviews.document(sample).meetings[7].attendance
    assert [a.member for a in stored] == ["sumray", "mccartney", "prem"]
    assert [r.position for r in minutes.attendance(meeting) if r.status] == [0, 1, 2]


def test_attendance_refusals_change_nothing(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    before = services.reviews.export_bytes(sample)
    recs = _meeting_id(services, sample, "recs")
    with pytest.raises(ValidationError, match='member: no panel member with key "nobody"'):
        minutes.set_attendance(recs, "nobody", AttendanceStatus.PRESENT, None)
    ev1 = _meeting_id(services, sample, "ev1")
    row = minutes.attendance(ev1)[0]
    with pytest.raises(MinutesLockedError, match="approved on 26 March 2007; reopen the minutes"):
        minutes.set_attendance(ev1, row.member_key, AttendanceStatus.ABSENT, row.version)
    assert services.reviews.export_bytes(sample) == before


def test_a_members_attendance_record(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    record = minutes.member_attendance(sample, "barnes")
    assert len(record) == 8
    assert [r.start for r in record] == sorted(r.start for r in record)
    by_key = {r.meeting_key: r for r in record}
    assert by_key["ev1"].status is AttendanceStatus.APOLOGIES
    assert by_key["ev2"].status is None
    assert by_key["ev2"].meeting_status is MeetingStatus.CANCELLED
    with pytest.raises(NotFoundError):
        minutes.member_attendance(sample, "nobody")


# Minutes of items --------------------------------------------------------------------


def test_first_minute_starts_a_draft_and_clearing_it_undoes_that(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    agenda = AgendaService(services.db)
    meeting = _meeting_id(services, sample, "responses")
    before = services.reviews.export_bytes(sample)
    sequence = services.meetings.get(meeting).sequence
    assert minutes.minutes(meeting).status is MinutesStatus.NONE
    item = agenda.find(sample, "responses-report")
    written = minutes.set_minute(item.id, item.version, "RESOLVED that the responses be noted.")
    assert written.minute == "RESOLVED that the responses be noted."
    assert written.version == item.version + 1
    assert minutes.minutes(meeting).status is MinutesStatus.DRAFT
    assert services.meetings.get(meeting).sequence == sequence  # only the minute changed
    with pytest.raises(ConflictError):
        minutes.set_minute(item.id, item.version, "Stale")
    with pytest.raises(ValidationError, match="minute: contains a NUL"):
        minutes.set_minute(written.id, written.version, "a\x00b")
    cleared = minutes.set_minute(written.id, written.version, "   ")
    assert cleared.minute is None
    assert minutes.minutes(meeting).status is MinutesStatus.NONE
    assert services.reviews.export_bytes(sample) == before


def test_locked_minutes_refuse_edits(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    item = AgendaService(services.db).find(sample, "ev1-mps")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(MinutesLockedError) as caught:
        minutes.set_minute(item.id, item.version, "Changed")
    assert str(caught.value) == (
        'The minutes of "Evidence session 1: the MPS approach to drugs" were approved on '
        "26 March 2007; reopen the minutes first (the reopening is recorded with its reason), "
        "then make the change"
    )
    assert services.reviews.export_bytes(sample) == before


# The lifecycle ----------------------------------------------------------------------------


def test_approve_reopen_and_undo_each_step(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    agenda = AgendaService(services.db)
    recs = _meeting_id(services, sample, "recs")
    before = services.reviews.export_bytes(sample)
    start = minutes.minutes(recs)
    assert (start.status, start.locked, start.history, start.snapshot) == (
        MinutesStatus.DRAFT,
        False,
        (),
        None,
    )

    approved = minutes.approve_minutes(recs, start.version, date(2007, 7, 9), "responses")
    assert approved.status is MinutesStatus.APPROVED and approved.locked
    assert approved.approved_on == date(2007, 7, 9)
    assert (approved.approved_at, approved.approved_at_title) == (
        "responses",
        services.meetings.get(_meeting_id(services, sample, "responses")).title,
    )
    assert approved.snapshot is not None
    assert approved.snapshot.public.minutes_status is MinutesStatus.APPROVED
    assert approved.snapshot.panel.minutes_approved_on == date(2007, 7, 9)
    (entry,) = approved.history
    assert (entry.event, entry.by, entry.note) == (MinutesEvent.APPROVED, services.db.user, None)
    assert entry.at == NOW.replace(microsecond=0)
    assert entry.at.utcoffset() == timedelta(hours=1)  # London in July
    stored = services.reviews.document(sample).meetings[6]
    assert stored.minutes_snapshot == approved.snapshot
    assert stored.minutes_approved_at == "responses"
    assert stored.minutes_history == approved.history

    item = agenda.find(sample, "recs-findings")
    with pytest.raises(MinutesLockedError, match="approved on 9 July 2007; reopen the minutes"):
        minutes.set_minute(item.id, item.version, "Changed")

    with pytest.raises(ValidationError, match="reason: say why"):
        minutes.reopen_minutes(recs, approved.version, " ")
    reopened = minutes.reopen_minutes(recs, approved.version, "A name was misspelt")
    assert not reopened.locked and reopened.status is MinutesStatus.DRAFT
    assert (reopened.approved_on, reopened.approved_at, reopened.snapshot) == (None, None, None)
    last = reopened.history[-1]
    assert (last.event, last.by, last.note) == (
        MinutesEvent.REOPENED,
        services.db.user,
        "A name was misspelt",
    )
    assert last.snapshot == approved.snapshot  # the approved record is kept in the history
    fixed = minutes.set_minute(item.id, item.version, "Corrected minute")
    again = minutes.approve_minutes(recs, minutes.minutes(recs).version, date(2007, 7, 10))
    assert again.locked and [h.event for h in again.history] == [
        MinutesEvent.APPROVED,
        MinutesEvent.REOPENED,
        MinutesEvent.APPROVED,
    ]
    assert again.snapshot is not None and again.snapshot != approved.snapshot
    minute = next(i.minute for i in again.snapshot.panel.items if i.title == item.title)
    assert minute == "Corrected minute"

    # Undo every step, newest first: the records come back exactly, snapshots included.
    back = minutes.revert_minutes(recs, again.version, reopened)  # the second approval
    assert not back.locked and back.snapshot is None and back.history == reopened.history
    minutes.set_minute(fixed.id, fixed.version, item.minute)
    back = minutes.revert_minutes(recs, minutes.minutes(recs).version, approved)  # the reopening
    assert back.locked and back.history == approved.history
    assert back.snapshot == approved.snapshot
    back = minutes.revert_minutes(recs, back.version, start)  # the approval
    assert (back.status, back.locked, back.approved_on, back.history, back.snapshot) == (
        MinutesStatus.DRAFT,
        False,
        None,
        (),
        None,
    )
    assert services.reviews.export_bytes(sample) == before


def test_approval_refusals_name_the_field(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    before = services.reviews.export_bytes(sample)
    for key, status in (("ev2", "cancelled"), ("responses", "postponed")):
        record = minutes.minutes(_meeting_id(services, sample, key))
        with pytest.raises(ValidationError, match=f"minutes: the meeting was {status}"):
            minutes.approve_minutes(record.meeting_id, record.version, date(2007, 8, 1))
    ev1 = minutes.minutes(_meeting_id(services, sample, "ev1"))
    with pytest.raises(ValidationError, match="minutes: were approved already on 26 March 2007"):
        minutes.approve_minutes(ev1.meeting_id, ev1.version, date(2007, 8, 1))
    recs = minutes.minutes(_meeting_id(services, sample, "recs"))
    with pytest.raises(ValidationError) as caught:
        minutes.approve_minutes(recs.meeting_id, recs.version, date(2007, 5, 13), "scoping")
    assert [p.path for p in caught.value.problems] == ["approved_on", "at_meeting"]
    with pytest.raises(ValidationError, match='at_meeting: no meeting with key "nope"'):
        minutes.approve_minutes(recs.meeting_id, recs.version, date(2007, 5, 14), "nope")
    with pytest.raises(ConflictError, match="since you opened it"):
        minutes.approve_minutes(recs.meeting_id, recs.version - 1, date(2007, 5, 14))
    with pytest.raises(ValidationError, match="minutes: are not approved, so there is nothing"):
        minutes.reopen_minutes(recs.meeting_id, recs.version, "Why not")
    assert services.reviews.export_bytes(sample) == before


def test_minutes_approved_at_the_same_meeting(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    recs = minutes.minutes(_meeting_id(services, sample, "recs"))
    approved = minutes.approve_minutes(recs.meeting_id, recs.version, date(2007, 5, 14), "recs")
    assert approved.approved_at == "recs" and approved.locked


def test_an_undo_never_removes_anyone_elses_history(
    services: Services, sample: int, minutes: MinutesService
) -> None:
    recs = _meeting_id(services, sample, "recs")
    start = minutes.minutes(recs)
    services.db.user = "A colleague"
    approved = minutes.approve_minutes(recs, start.version, date(2007, 5, 14))
    services.db.user = "Me"
    with pytest.raises(ConflictError, match="taken by A colleague; only they can undo it"):
        minutes.revert_minutes(recs, approved.version, start)
    reopened = minutes.reopen_minutes(recs, approved.version, "Typo")
    with pytest.raises(ConflictError, match="can no longer be undone"):
        minutes.revert_minutes(recs, reopened.version, start)  # two steps back
    with pytest.raises(ConflictError, match="since you opened it"):
        minutes.revert_minutes(recs, approved.version, approved)
    assert len(minutes.minutes(recs).history) == 2
