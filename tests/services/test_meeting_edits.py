"""Planning meetings: new, duplicate, postpone, cancel, reschedule, delete and restore;
publication deadlines on real bank holidays; clash warnings. Every test runs on SQLite
and PostgreSQL and reads the result back from the database."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from scrutiny_desk.domain.deadlines import DeadlineState
from scrutiny_desk.domain.enums import MeetingKind, MeetingStatus, MinutesStatus
from scrutiny_desk.domain.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)
from scrutiny_desk.domain.meeting_rules import MAX_SEQUENCE
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.rules import check_review
from scrutiny_desk.domain.scheduling import ClashKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meeting_edits import MeetingEditService
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.services.review_edits import ReviewEditService
from scrutiny_desk.store import orm

from .approved import reopen

ROOM = "Committee Room 1, 10 Dean Farrar Street"
EV3_DAY = datetime(2007, 3, 26)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def edits(services: Services) -> MeetingEditService:
    return MeetingEditService(services.db)


def small_review(services: Services, title: str = "Budget", clear_days: int = 5) -> int:
    document = {
        "format": "scrutiny-desk.review",
        "version": 2,
        "review": {"title": title, "status": "scoping", "clear_days": clear_days},
    }
    return services.reviews.import_bytes(json.dumps(document).encode())


def at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute)


def problems_of(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in caught.value.problems}


def without_sequence(export: bytes, key: str) -> str:
    """The export with one meeting's sequence blanked (a restore raises it, on purpose)."""
    document = json.loads(export)
    for m in document["review"]["meetings"]:
        if m["key"] == key:
            m["sequence"] = None
    return json.dumps(document, ensure_ascii=False, indent=2)


# New ----------------------------------------------------------------------------------


def test_create_appends_a_scheduled_meeting_with_a_new_uid(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    made = edits.create_meeting(
        sample,
        "Evidence session 5",
        MeetingKind.EVIDENCE,
        datetime(2007, 6, 4, 14),
        datetime(2007, 6, 4, 16),
        "  ",
    )
    assert made.key.startswith("m-") and len(made.key) == 10
    assert str(uuid.UUID(made.uid)) == made.uid
    assert (made.status, made.sequence, made.venue, made.version) == (
        MeetingStatus.SCHEDULED,
        0,
        None,
        1,
    )
    stored = services.reviews.document(sample).meetings
    assert stored[-1].key == made.key and stored[-1].title == "Evidence session 5"
    assert edits.find(sample, made.key) == made
    assert check_review(services.reviews.document(sample)) == []


def test_create_with_the_callers_key_and_uid_and_a_taken_key_is_refused(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    made = edits.create_meeting(
        sample,
        "Extra",
        MeetingKind.OTHER,
        datetime(2007, 6, 4, 14),
        datetime(2007, 6, 4, 15),
        key="extra",
        uid="extra@example.org",
    )
    assert (made.key, made.uid) == ("extra", "extra@example.org")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError) as caught:
        edits.create_meeting(
            sample,
            "Again",
            MeetingKind.OTHER,
            datetime(2007, 6, 5, 14),
            datetime(2007, 6, 5, 15),
            key="ev3",
            uid="extra@example.org",
        )
    found = problems_of(caught)
    assert "already used by the meeting" in found["key"]
    assert "already held" in found["uid"]
    assert services.reviews.export_bytes(sample) == before


def test_validation_names_each_field_and_saves_nothing(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    before = services.reviews.export_bytes(sample)
    fields = dict(
        title=" ",
        kind=MeetingKind.OTHER,
        start=datetime(2027, 3, 28, 1, 30),
        end=datetime(2027, 3, 28, 1, 0),
        venue="Room\x00 2",
    )
    found, _clashes = edits.check_meeting(sample, **fields)  # type: ignore[arg-type]
    messages = {p.path: p.message for p in found}
    assert messages["title"] == "a meeting needs a title"
    assert messages["start"].startswith("2027-03-28T01:30 does not exist in Europe/London")
    assert messages["end"] == "must be after the start (01:30)"
    assert "NUL" in messages["venue"]
    with pytest.raises(ValidationError) as caught:
        edits.create_meeting(sample, **fields)  # type: ignore[arg-type]
    assert caught.value.problems == found  # one set of checks for both
    assert services.reviews.export_bytes(sample) == before


def test_validation_of_an_existing_meeting_checks_its_agenda_slots(
    sample: int, edits: MeetingEditService
) -> None:
    ev3 = edits.find(sample, "ev3")
    # Moved a week on, same times: the slots move with it and fit.
    week = timedelta(days=7)
    problems, _clashes = edits.check_meeting(
        sample, ev3.title, ev3.kind, ev3.start + week, ev3.end + week, ev3.venue, meeting_id=ev3.id
    )
    assert problems == []
    # Shortened to end at 16:00: the service user's slot (16:00-16:45) no longer fits.
    found, _clashes = edits.check_meeting(
        sample, ev3.title, ev3.kind, ev3.start, at(EV3_DAY, 16), ev3.venue, meeting_id=ev3.id
    )
    assert [p.path for p in found] == ["end"]
    assert "former drug user" in found[0].message
    assert "would lie outside the meeting (26 March 2007, 14:00 to 16:00)" in found[0].message


# Duplicate ------------------------------------------------------------------------------


def test_duplicate_copies_the_agenda_to_a_new_date_without_minutes(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev3 = edits.find(sample, "ev3")
    copy = edits.duplicate_meeting(
        ev3.id, datetime(2007, 9, 17, 10), datetime(2007, 9, 17, 13), key="ev3b"
    )
    assert (copy.title, copy.kind, copy.venue) == (ev3.title, ev3.kind, ev3.venue)
    assert (copy.status, copy.sequence, copy.minutes_status) == (
        MeetingStatus.SCHEDULED,
        0,
        MinutesStatus.NONE,
    )
    assert copy.uid != ev3.uid
    assert (copy.open_items, copy.closed_items) == (ev3.open_items, ev3.closed_items)
    document = services.reviews.document(sample)
    original = next(m for m in document.meetings if m.key == "ev3")
    new = next(m for m in document.meetings if m.key == "ev3b")
    assert new.attendance == () and new.minutes_history == ()
    assert new.agenda_published_on is None and new.minutes_snapshot is None
    assert [i.key for i in new.items] == [f"ev3b-{n}" for n in range(1, 7)]
    moved = timedelta(days=175, hours=-4)  # 26 March 14:00 -> 17 September 10:00
    for old, item in zip(original.items, new.items, strict=True):
        assert (item.title, item.kind, item.access) == (old.title, old.kind, old.access)
        assert (item.closed_reason, item.public_title, item.exemption) == (
            old.closed_reason,
            old.public_title,
            old.exemption,
        )
        assert (item.witnesses, item.tor, item.minute) == (old.witnesses, old.tor, None)
        if old.start is not None and old.end is not None:
            assert (item.start, item.end) == (old.start + moved, old.end + moved)
    assert check_review(document) == []


def test_duplicate_that_cannot_hold_the_agenda_is_refused(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev3 = edits.find(sample, "ev3")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError, match="end: the slot of agenda item"):
        edits.duplicate_meeting(ev3.id, datetime(2007, 9, 17, 14), datetime(2007, 9, 17, 16))
    assert services.reviews.export_bytes(sample) == before


# Postpone, cancel, reschedule, edit --------------------------------------------------------


def test_postpone_and_cancel_raise_the_sequence_once(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    made = edits.create_meeting(
        sample, "Extra", MeetingKind.OTHER, datetime(2007, 6, 4, 14), datetime(2007, 6, 4, 15)
    )
    postponed = edits.postpone_meeting(made.id, made.version)
    assert (postponed.status, postponed.sequence, postponed.version) == (
        MeetingStatus.POSTPONED,
        1,
        2,
    )
    again = edits.postpone_meeting(postponed.id, postponed.version)
    assert again == postponed  # already postponed: nothing to change
    cancelled = edits.cancel_meeting(made.id, postponed.version)
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, 2)
    assert services.meetings.get(made.id) == cancelled


def test_a_stale_postpone_is_a_conflict_and_changes_nothing(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    responses = edits.find(sample, "responses")
    moved = edits.reschedule(
        responses.id, responses.version, datetime(2007, 7, 16, 14), datetime(2007, 7, 16, 16)
    )
    with pytest.raises(ConflictError, match="since you opened it"):
        edits.cancel_meeting(responses.id, responses.version)
    assert services.meetings.get(responses.id) == moved


def test_a_held_meeting_cannot_be_postponed_or_cancelled(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev3 = edits.find(sample, "ev3")
    with pytest.raises(ValidationError, match="status: this meeting has been held"):
        edits.cancel_meeting(ev3.id, ev3.version)
    with pytest.raises(ValidationError, match="cannot be postponed"):
        edits.postpone_meeting(ev3.id, ev3.version)
    assert services.meetings.get(ev3.id) == ev3


def test_reschedule_moves_a_postponed_meeting_and_its_slots_in_one_action(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    responses = edits.find(sample, "responses")
    before = services.reviews.export_bytes(sample)
    week = timedelta(days=7)
    moved = edits.reschedule(
        responses.id, responses.version, responses.start + week, responses.end + week
    )
    assert (moved.status, moved.sequence, moved.version) == (
        MeetingStatus.SCHEDULED,
        responses.sequence + 1,
        responses.version + 1,
    )
    item = next(
        i
        for m in services.reviews.document(sample).meetings
        if m.key == "responses"
        for i in m.items
        if i.key == "responses-report"
    )
    assert item.start == datetime(2007, 7, 16, 14, 10)
    # Undo: the old times and status, in one action again.
    back = edits.reschedule(
        moved.id, moved.version, responses.start, responses.end, MeetingStatus.POSTPONED
    )
    assert back.sequence == responses.sequence + 2  # a calendar revision never goes back
    assert without_sequence(services.reviews.export_bytes(sample), "responses") == (
        without_sequence(before, "responses")
    )


def test_edit_clears_a_venue_and_refuses_a_slot_left_outside(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    reopen(services, sample, "ev3")
    ev3 = edits.find(sample, "ev3")
    cleared = edits.edit_meeting(ev3.id, ev3.version, MeetingChanges(venue=""))
    assert (cleared.venue, cleared.sequence) == (None, ev3.sequence + 1)
    with pytest.raises(ValidationError, match="would lie outside the meeting"):
        edits.edit_meeting(ev3.id, cleared.version, MeetingChanges(start=at(EV3_DAY, 14, 30)))
    assert services.meetings.get(ev3.id) == cleared
    with pytest.raises(ConflictError):
        edits.edit_meeting(ev3.id, ev3.version, MeetingChanges(title="Stale"))


# Delete and restore -----------------------------------------------------------------------


def test_delete_then_restore_gives_back_the_same_review(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    before = services.reviews.export_bytes(sample)
    ev3 = edits.find(sample, "ev3")
    snapshot = edits.delete_meeting(ev3.id, ev3.version)
    assert snapshot.meeting.key == "ev3" and snapshot.position == 3
    assert [n.note for n in snapshot.notes] == ["n7", "n8", "n9"]
    assert snapshot.notes[0].meeting and snapshot.notes[0].item == "ev3-cps"
    assert (snapshot.actions, snapshot.approved_here) == (("a2",), ("ev1",))
    assert snapshot.meeting.minutes_approved_at == "visit"
    assert len(snapshot.meeting.attendance) == 7 and len(snapshot.meeting.minutes_history) == 1

    gone = services.reviews.document(sample)
    assert "ev3" not in {m.key for m in gone.meetings}
    assert all(n.meeting != "ev3" for n in gone.notes)
    assert next(a for a in gone.actions if a.key == "a2").meeting is None
    assert next(m for m in gone.meetings if m.key == "ev1").minutes_approved_at is None
    assert check_review(gone) == []
    with pytest.raises(NotFoundError):
        edits.find(sample, "ev3")

    restored = edits.restore_meeting(snapshot)
    assert (restored.key, restored.uid) == ("ev3", ev3.uid)
    assert restored.sequence == ev3.sequence + 1
    assert edits.find(sample, "ev3") == restored
    after = services.reviews.export_bytes(sample)
    # Byte for byte the same review, but for the raised calendar SEQUENCE.
    assert without_sequence(after, "ev3") == without_sequence(before, "ev3")
    assert after.count(b'"sequence": 1') == before.count(b'"sequence": 1') + 1
    # A second restore of the same snapshot finds its key taken.
    with pytest.raises(ConflictError, match='the key "ev3" is now used'):
        edits.restore_meeting(snapshot)
    assert services.reviews.export_bytes(sample) == after


def test_a_restored_meeting_goes_back_to_its_place_in_the_list(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev1 = edits.find(sample, "ev1")
    snapshot = edits.delete_meeting(ev1.id, ev1.version)
    added = edits.create_meeting(
        sample, "Extra", MeetingKind.OTHER, datetime(2007, 6, 4, 14), datetime(2007, 6, 4, 15)
    )
    edits.restore_meeting(snapshot)
    keys = [m.key for m in services.reviews.document(sample).meetings]
    assert keys == [
        "scoping", "ev1", "ev2", "ev3", "visit", "ev4", "recs", "responses", added.key
    ]  # fmt: skip


def test_a_stale_delete_is_a_conflict_and_deletes_nothing(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    reopen(services, sample, "ev3")
    ev3 = edits.find(sample, "ev3")
    edits.edit_meeting(ev3.id, ev3.version, MeetingChanges(venue="Room 4"))
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ConflictError, match="since you opened it"):
        edits.delete_meeting(ev3.id, ev3.version)
    assert services.reviews.export_bytes(sample) == before


def test_deleting_several_linked_meetings_and_restoring_them(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    before = services.reviews.export_bytes(sample)
    # ev1's minutes were approved at ev3, ev3's at visit: links between deleted meetings.
    snapshots = edits.delete_meetings(sample, ["visit", "ev1", "ev3"])
    assert [s.meeting.key for s in snapshots] == ["visit", "ev1", "ev3"]
    remaining = [m.key for m in services.reviews.document(sample).meetings]
    assert remaining == ["scoping", "ev2", "ev4", "recs", "responses"]
    restored = edits.restore_meetings(snapshots)
    assert [m.key for m in restored] == ["visit", "ev1", "ev3"]
    after = services.reviews.export_bytes(sample)
    expected = before
    for key in ("visit", "ev1", "ev3"):
        expected = without_sequence(expected, key).encode()
        after = without_sequence(after, key).encode()
    assert after == expected


def test_deleting_a_meeting_someone_else_deleted_is_a_conflict(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev3 = edits.find(sample, "ev3")
    edits.delete_meeting(ev3.id, ev3.version)
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ConflictError, match='"ev3" has been deleted'):
        edits.delete_meetings(sample, ["ev1", "ev3"])
    assert services.reviews.export_bytes(sample) == before
    with pytest.raises(ConflictError, match="deleted by someone else"):
        edits.delete_meeting(ev3.id, ev3.version)


# Venues -------------------------------------------------------------------------------------


def test_venues_most_recently_used_first(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    assert edits.venues(sample) == [
        ROOM,
        "Drug Intervention Programme office and custody suite, a London borough",
    ]
    other = small_review(services)
    assert edits.venues(other) == []
    edits.create_meeting(
        other,
        "Budget",
        MeetingKind.OTHER,
        datetime(2026, 9, 1, 10),
        datetime(2026, 9, 1, 11),
        "Council Chamber",
    )
    assert edits.venues(other, include_other_reviews=True)[:2] == ["Council Chamber", ROOM]


# Deadlines ---------------------------------------------------------------------------------


def test_deadline_counts_clear_days_over_christmas_bank_holidays(
    services: Services, edits: MeetingEditService
) -> None:
    # Tuesday 29 December 2026: Mon 28 (Boxing Day, substitute) and Fri 25 are not clear.
    england = small_review(services, "England", clear_days=5)
    wales = small_review(services, "Wales", clear_days=3)
    day = datetime(2026, 12, 29)
    ours = edits.create_meeting(england, "Panel", MeetingKind.OTHER, at(day, 14), at(day, 16))
    theirs = edits.create_meeting(wales, "Panel", MeetingKind.OTHER, at(day, 14), at(day, 16))

    due = edits.deadline(ours.id, date(2026, 12, 1))
    assert (due.deadline, due.clear_days, due.state, due.warning) == (
        date(2026, 12, 17),
        5,
        DeadlineState.DUE,
        None,
    )
    assert edits.deadline(theirs.id, date(2026, 12, 1)).deadline == date(2026, 12, 21)

    today = edits.deadline(ours.id, date(2026, 12, 17))
    assert today.state is DeadlineState.DUE_TODAY
    assert today.warning == (
        "The agenda must be published today (Thursday 17 December 2026) to give "
        "5 clear working days before the meeting."
    )
    late = edits.deadline(ours.id, date(2026, 12, 18))
    assert late.state is DeadlineState.OVERDUE
    assert late.warning is not None and "should have been published by Thursday 17 December" in (
        late.warning
    )


def test_mark_published_records_the_date_and_unmark_clears_it(
    services: Services, edits: MeetingEditService
) -> None:
    review = small_review(services)
    day = datetime(2026, 12, 8)
    made = edits.create_meeting(review, "Panel", MeetingKind.OTHER, at(day, 14), at(day, 16))
    marked = edits.mark_agenda_published(made.id, made.version, date(2026, 11, 30))
    assert (marked.version, marked.sequence) == (made.version + 1, made.sequence)
    on_time = edits.deadline(made.id, date(2026, 12, 7))
    assert (on_time.state, on_time.published_on, on_time.clear_days_given, on_time.warning) == (
        DeadlineState.PUBLISHED,
        date(2026, 11, 30),
        5,
        None,
    )
    assert on_time.version == marked.version
    assert services.reviews.document(review).meetings[0].agenda_published_on == date(2026, 11, 30)

    late = edits.mark_agenda_published(made.id, marked.version, date(2026, 12, 2))
    warning = edits.deadline(made.id, date(2026, 12, 7)).warning
    assert warning == (
        "The agenda was published on Wednesday 2 December 2026, 3 clear working days "
        "before the meeting; 5 are required."
    )
    with pytest.raises(ConflictError):
        edits.unmark_agenda_published(made.id, marked.version)
    with pytest.raises(ValidationError, match="published_on: cannot be after the meeting"):
        edits.mark_agenda_published(made.id, late.version, date(2026, 12, 9))
    cleared = edits.unmark_agenda_published(made.id, late.version)
    assert edits.deadline(made.id, date(2026, 12, 7)).state is DeadlineState.OVERDUE
    assert services.reviews.document(review).meetings[0].agenda_published_on is None
    assert cleared.version == late.version + 1


def test_deadlines_for_the_whole_review(services: Services, edits: MeetingEditService) -> None:
    review = small_review(services)
    day = datetime(2026, 12, 8)
    first = edits.create_meeting(review, "A", MeetingKind.OTHER, at(day, 14), at(day, 16))
    monday = day - timedelta(days=1)
    second = edits.create_meeting(review, "B", MeetingKind.OTHER, at(monday, 10), at(monday, 11))
    cancelled = edits.create_meeting(review, "C", MeetingKind.OTHER, at(day, 18), at(day, 19))
    edits.cancel_meeting(cancelled.id, cancelled.version)
    found = edits.deadlines(review, date(2026, 12, 2))
    assert [d.key for d in found] == [second.key, first.key, cancelled.key]  # by start
    assert [d.state for d in found] == [DeadlineState.OVERDUE] * 3
    assert [d.warning is not None for d in found] == [True, True, False]  # cancelled: none


def test_sample_warns_of_agendas_published_short_of_clear_days_over_bank_holidays(
    sample: int, edits: MeetingEditService
) -> None:
    assert all(d.warning is None for d in edits.deadlines(sample, date(2026, 1, 1)))
    visit = edits.find(sample, "visit")
    edits.mark_agenda_published(visit.id, visit.version, date(2007, 4, 5))
    found = {d.key: d for d in edits.deadlines(sample, date(2026, 1, 1))}
    # 6 April 2007 was Good Friday and 9 April Easter Monday: four clear days to the 16th.
    assert found["visit"].clear_days_given == 4
    assert found["visit"].warning is not None
    assert found["ev3"].warning is None and found["ev2"].warning is None  # ev2 cancelled


# Warnings ------------------------------------------------------------------------------------


def test_overlap_and_witness_warnings(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    assert edits.warnings(sample) == []
    ev3 = edits.find(sample, "ev3")
    copy = edits.duplicate_meeting(ev3.id, at(EV3_DAY, 14, 30), at(EV3_DAY, 17, 30), key="x")
    found = edits.warnings(sample)
    assert [w.kind for w in found] == [ClashKind.OVERLAP] + [ClashKind.WITNESS] * 3
    overlap = found[0]
    assert overlap.meetings == ("ev3", "x") and overlap.meeting_ids == (ev3.id, copy.id)
    assert overlap.message.endswith(f"on 26 March 2007, both in {ROOM}")
    cps = found[1]
    assert (cps.subject, cps.items) == ("cps", ("ev3-cps", "x-4"))
    assert cps.message.startswith("Head of Drugs Casework is booked into two overlapping slots")
    assert edits.warnings_for(copy.id) == found
    assert edits.warnings_for(edits.find(sample, "ev4").id) == []
    # A cancelled meeting clashes with nothing.
    edits.cancel_meeting(copy.id, copy.version)
    assert edits.warnings(sample) == []


def test_a_room_booked_by_another_review_at_the_same_time(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    other = small_review(services, "Budget Scrutiny")
    edits.create_meeting(
        other, "Budget hearing", MeetingKind.OTHER, at(EV3_DAY, 16), at(EV3_DAY, 18), ROOM
    )
    (warning,) = edits.warnings(sample)
    assert warning.kind is ClashKind.VENUE and warning.meetings == ("ev3",)
    assert "Budget Scrutiny: Budget hearing (16:00–18:00)" in warning.message
    assert warning.message.startswith(f"{ROOM} is booked twice")


def test_two_other_reviews_clashing_are_not_this_reviews_warnings(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    """Other reviews' meetings are read only as rooms this review's meetings may share:
    their clashes with each other (a shared room, or two meetings of one of them
    overlapping) name none of this review's meetings and are not its warnings."""
    budget = small_review(services, "Budget Scrutiny")
    audit = small_review(services, "Audit Scrutiny")
    # Both in ev3's room that afternoon, overlapping each other, and ev3.
    edits.create_meeting(
        budget, "Budget hearing", MeetingKind.OTHER, at(EV3_DAY, 16), at(EV3_DAY, 18), ROOM
    )
    edits.create_meeting(
        audit, "Audit hearing", MeetingKind.OTHER, at(EV3_DAY, 16), at(EV3_DAY, 19), ROOM
    )
    edits.create_meeting(
        budget, "Budget briefing", MeetingKind.OTHER, at(EV3_DAY, 16, 30), at(EV3_DAY, 17, 30), ROOM
    )
    found = edits.warnings(sample)
    assert found and all(w.meetings == ("ev3",) for w in found)
    assert {w.kind for w in found} == {ClashKind.VENUE}
    assert len(found) == 3  # ev3 against each of the three


def clashes(edits: MeetingEditService, sample: int, *args: Any, **named: Any) -> list[Any]:
    return edits.check_meeting(sample, *args, **named)[1]


def test_the_check_warns_of_clashes_before_saving(sample: int, edits: MeetingEditService) -> None:
    other = MeetingKind.OTHER
    (clash,) = clashes(edits, sample, "Briefing", other, at(EV3_DAY, 16), at(EV3_DAY, 17), ROOM)
    assert clash.meeting_ids == (edits.find(sample, "ev3").id, 0)
    assert "Briefing (16:00–17:00)" in clash.message
    assert clashes(edits, sample, "Later", other, at(EV3_DAY, 17), at(EV3_DAY, 18), ROOM) == []
    # ev4 moved onto ev3's afternoon: the meetings overlap and the research manager
    # (ev4's witness) is not ev3's, so only the overlap.
    ev4 = edits.find(sample, "ev4")
    moved = clashes(
        edits,
        sample,
        ev4.title,
        ev4.kind,
        at(EV3_DAY, 14),
        at(EV3_DAY, 16, 30),
        ev4.venue,
        meeting_id=ev4.id,
    )
    assert [w.kind for w in moved] == [ClashKind.OVERLAP]


def test_unknown_ids_and_keys_are_not_found(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    with pytest.raises(NotFoundError):
        edits.find(sample, "nope")
    with pytest.raises(NotFoundError):
        edits.deadline(999_999, date(2026, 1, 1))
    with pytest.raises(NotFoundError):
        edits.warnings(999_999)
    with pytest.raises(NotFoundError):
        edits.create_meeting(
            999_999, "X", MeetingKind.OTHER, datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 10)
        )


def test_the_sequence_stays_at_its_cap_wherever_it_is_raised(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    """Every raise goes through ``next_sequence``: a cancel, an edit of the review that
    every invitation prints, a slot moved; none can overflow the 32-bit column."""
    made = edits.create_meeting(
        sample, "Extra", MeetingKind.OTHER, datetime(2007, 6, 4, 14), datetime(2007, 6, 4, 15)
    )
    with services.db.writing() as session:
        row = session.get(orm.MeetingRow, made.id)
        assert row is not None
        row.sequence = MAX_SEQUENCE
    review_edits = ReviewEditService(services.db)
    details = review_edits.details(sample)
    review_edits.update_details(sample, details.version, ReviewChanges(title="Drugs 2007"))
    assert services.meetings.get(made.id).sequence == MAX_SEQUENCE
    now = services.meetings.get(made.id)
    moved = services.meetings.update(made.id, now.version, MeetingChanges(venue="Committee Room 2"))
    assert moved.sequence == MAX_SEQUENCE
    cancelled = edits.cancel_meeting(made.id, moved.version)
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, MAX_SEQUENCE)


# The joining link (format version 5) ------------------------------------------------

LINK = "https://meet.example.org/j/482-001?pwd=abc"


def test_a_new_meeting_keeps_its_joining_link(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    made = edits.create_meeting(
        sample,
        "Online session",
        MeetingKind.EVIDENCE,
        at(EV3_DAY, 10),
        at(EV3_DAY, 11),
        joining_link=f"  {LINK}\n",
    )
    assert made.joining_link == LINK
    stored = next(m for m in services.reviews.document(sample).meetings if m.key == made.key)
    assert stored.joining_link == LINK
    blank = edits.create_meeting(
        sample, "In the room", MeetingKind.OTHER, at(EV3_DAY, 12), at(EV3_DAY, 13), joining_link=" "
    )
    assert blank.joining_link is None


def test_a_bad_joining_link_is_refused_naming_the_field(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    count = len(services.meetings.list(sample))
    with pytest.raises(ValidationError) as caught:
        edits.create_meeting(
            sample,
            "Online",
            MeetingKind.OTHER,
            at(EV3_DAY, 10),
            at(EV3_DAY, 11),
            joining_link="meet.example.org/j/1",
        )
    assert problems_of(caught) == {
        "joining_link": "must be a web address starting https:// (or http://)"
    }
    assert len(services.meetings.list(sample)) == count
    ev1 = edits.find(sample, "ev1")
    with pytest.raises(ValidationError) as caught:
        edits.edit_meeting(ev1.id, ev1.version, MeetingChanges(joining_link=LINK + " x"))
    assert list(problems_of(caught)) == ["joining_link"]
    assert services.meetings.get(ev1.id) == ev1
    # The editor's check says the same before saving, for a new meeting and an edit.
    for meeting_id in (None, ev1.id):
        problems, _ = edits.check_meeting(
            sample,
            ev1.title,
            ev1.kind,
            ev1.start,
            ev1.end,
            ev1.venue,
            ev1.status,
            meeting_id=meeting_id,
            joining_link="https://example.org/\u202e",
        )
        assert [p.path for p in problems] == ["joining_link"]


def test_changing_the_joining_link_raises_the_sequence_as_a_venue_change_does(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev1 = edits.find(sample, "ev1")
    linked = edits.edit_meeting(ev1.id, ev1.version, MeetingChanges(joining_link=LINK))
    assert (linked.joining_link, linked.sequence) == (LINK, ev1.sequence + 1)
    assert linked.version > ev1.version
    same = edits.edit_meeting(linked.id, linked.version, MeetingChanges(joining_link=f" {LINK} "))
    assert same == linked  # the same link: nothing changed, SEQUENCE stays
    cleared = edits.edit_meeting(linked.id, linked.version, MeetingChanges(joining_link=""))
    assert (cleared.joining_link, cleared.sequence) == (None, ev1.sequence + 2)
    exported = json.loads(services.reviews.export_bytes(sample))
    (written,) = [m for m in exported["review"]["meetings"] if m["key"] == "ev1"]
    assert written["joining_link"] is None and written["sequence"] == ev1.sequence + 2


def test_a_stale_joining_link_edit_is_a_conflict_and_changes_nothing(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev1 = edits.find(sample, "ev1")
    # (not the venue: ev1's minutes are approved, and they print it; not the link)
    moved = edits.edit_meeting(
        ev1.id, ev1.version, MeetingChanges(joining_link="https://other.example.org")
    )
    with pytest.raises(ConflictError, match="since you opened it"):
        edits.edit_meeting(ev1.id, ev1.version, MeetingChanges(joining_link=LINK))
    assert services.meetings.get(ev1.id) == moved


def test_a_duplicate_does_not_copy_the_joining_link(
    services: Services, sample: int, edits: MeetingEditService
) -> None:
    ev1 = edits.find(sample, "ev1")
    linked = edits.edit_meeting(ev1.id, ev1.version, MeetingChanges(joining_link=LINK))
    copy = edits.duplicate_meeting(
        linked.id, linked.start + timedelta(days=7), linked.end + timedelta(days=7)
    )
    assert copy.joining_link is None and copy.venue == linked.venue
