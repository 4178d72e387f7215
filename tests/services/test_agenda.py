"""The agenda of a meeting: items in order, slots, closing, witnesses, undo by snapshot."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from scrutiny_desk.domain.enums import Access, ItemKind, StandardItem
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.exemptions import exemption_text
from scrutiny_desk.domain.records import Meeting, Review
from scrutiny_desk.services.agenda import AgendaService, ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.services.minutes import MinutesService


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def agenda(services: Services) -> AgendaService:
    return AgendaService(services.db)


def _meeting_id(services: Services, review_id: int, key: str) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.key == key)


def _sequence(services: Services, meeting_id: int) -> int:
    return services.meetings.get(meeting_id).sequence


def _doc_meeting(services: Services, review_id: int, key: str) -> Meeting:
    return next(m for m in services.reviews.document(review_id).meetings if m.key == key)


def _without_sequences(review: Review) -> Review:
    return replace(review, meetings=tuple(replace(m, sequence=0) for m in review.meetings))


def _unlock(services: Services, review_id: int, key: str) -> None:
    """Reopen the approved minutes: every agenda edit waits until they are reopened."""
    minutes = MinutesService(services.db)
    meeting_id = _meeting_id(services, review_id, key)
    record = minutes.minutes(meeting_id)
    minutes.reopen_minutes(meeting_id, record.version, "Correction")


# Reading ------------------------------------------------------------------------------


def test_items_in_agenda_order_with_printed_numbers(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    ev3 = _meeting_id(services, sample, "ev3")
    items = agenda.items(ev3)
    assert [i.position for i in items] == list(range(6))
    assert [i.key for i in items] == [i.key for i in _doc_meeting(services, sample, "ev3").items]
    assert sorted(i.number for i in items) == list(range(1, 7))
    user = agenda.find(sample, "ev3-user")
    assert (user.position, user.number, user.is_closed) == (5, 6, True)
    assert user.exemption == exemption_text(1)
    assert [w.key for w in user.witnesses] == ["user"]
    assert user.private_witnesses == ("user",) and not user.needs_privacy
    assert [i.number for i in agenda.printed(ev3)] == list(range(1, 7))
    assert agenda.id_for(sample, "ev3-user") == user.id
    with pytest.raises(NotFoundError):
        agenda.find(sample, "no-such-item")
    with pytest.raises(NotFoundError):
        agenda.items(999_999)


# Building an agenda -------------------------------------------------------------------


def test_build_an_agenda(services: Services, sample: int, agenda: AgendaService) -> None:
    meeting = _meeting_id(services, sample, "responses")
    first = agenda.add_item(meeting, "Evidence from the Drug Action Team", ItemKind.EVIDENCE)
    assert (first.position, first.kind, first.access) == (4, ItemKind.EVIDENCE, Access.OPEN)
    assert first.key.startswith("i-") and first.version == 1
    top = agenda.add_item(meeting, "Announcements", ItemKind.PROCEDURAL, position=0, key="ann")
    assert (top.key, top.position) == ("ann", 0)

    first = agenda.get(first.id)
    moved = agenda.move_item(first.id, first.version, 1)
    assert moved.position == 1

    closed = agenda.close_item(
        moved.id,
        moved.version,
        "The witness asked to give evidence in private",
        exemption_text(7),
    )
    assert closed.is_closed and closed.public_title is None
    assert closed.printed_public_title == "Closed session"
    with_witnesses = agenda.set_item_witnesses(closed.id, closed.version, ["dat", "soca"])
    with_tor = agenda.set_item_tor(with_witnesses.id, with_witnesses.version, ["targets", "cdrp"])
    slotted = agenda.update_item(
        with_tor.id,
        with_tor.version,
        ItemChanges(start=datetime(2007, 7, 9, 15, 0), end=datetime(2007, 7, 9, 15, 45)),
    )
    assert slotted.number == 6  # closed items are printed last

    stored = _doc_meeting(services, sample, "responses").items
    assert [i.key for i in stored] == [
        "ann",
        first.key,
        "responses-apologies",
        "responses-declarations",
        "responses-minutes",
        "responses-report",
    ]
    item = stored[1]
    assert item.access is Access.CLOSED
    assert item.closed_reason == "The witness asked to give evidence in private"
    assert item.exemption == "Local Government Act 1972, Schedule 12A, paragraph 7"
    assert item.witnesses == ("dat", "soca") and item.tor == ("targets", "cdrp")
    assert (item.start, item.end) == (datetime(2007, 7, 9, 15, 0), datetime(2007, 7, 9, 15, 45))


def test_bad_new_items_are_refused_and_nothing_is_saved(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "responses")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError, match="title: must not be empty"):
        agenda.add_item(meeting, "  ")
    with pytest.raises(ValidationError, match="title: contains a NUL"):
        agenda.add_item(meeting, "a\x00b")
    with pytest.raises(ValidationError, match="position: must be from 0 to 4"):
        agenda.add_item(meeting, "Late item", position=5)
    with pytest.raises(ValidationError, match='key: an agenda item with key "ev1-mps" exists'):
        agenda.add_item(meeting, "Copy", key="ev1-mps")
    assert services.reviews.export_bytes(sample) == before


def test_move_keeps_positions_dense_and_neighbours_versions(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "recs")
    before = {i.key: i for i in agenda.items(meeting)}
    # not the recommendations: McCartney, who arrived at the minutes, voted on them by
    # name, so they may not be taken first (test_resolutions)
    last = before["recs-findings"]
    moved = agenda.move_item(last.id, last.version, 0)
    items = agenda.items(meeting)
    assert [i.position for i in items] == list(range(5))
    assert [i.key for i in items][:2] == ["recs-findings", "recs-apologies"]
    assert moved.version == last.version + 1
    assert all(i.version == before[i.key].version for i in items if i.key != last.key)
    with pytest.raises(ValidationError, match="position: must be from 0 to 4"):
        agenda.move_item(moved.id, moved.version, 5)
    with pytest.raises(ConflictError, match="since you opened it"):
        agenda.move_item(last.id, last.version, 3)
    back = agenda.move_item(moved.id, moved.version, 3)
    assert [i.key for i in agenda.items(meeting)] == list(before)
    assert back.position == 3


# Slots ---------------------------------------------------------------------------------


def test_slot_rules_name_the_field_and_save_nothing(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    item = agenda.find(sample, "recs-apologies")  # no slot; meeting 14:00 to 16:00
    before = services.reviews.export_bytes(sample)
    cases = [
        (ItemChanges(start=datetime(2007, 5, 14, 14, 0)), "end: a slot needs both"),
        (
            ItemChanges(start=datetime(2007, 5, 14, 14, 30), end=datetime(2007, 5, 14, 14, 0)),
            r"end: must be after the start \(14:30\)",
        ),
        (
            ItemChanges(start=datetime(2007, 5, 14, 15, 30), end=datetime(2007, 5, 14, 16, 30)),
            r"end: must lie inside the meeting \(14:00 to 16:00\)",
        ),
        (
            ItemChanges(start=datetime(2007, 5, 14, 13, 0), end=datetime(2007, 5, 14, 14, 5)),
            "start: must lie inside the meeting",
        ),
        (
            ItemChanges(start=datetime(2007, 5, 14, 14, 0), end=None),
            "end: a slot needs both a start and an end",
        ),
        (ItemChanges(title=""), "title: must not be empty"),
    ]
    for changes, message in cases:
        with pytest.raises(ValidationError, match=message):
            agenda.update_item(item.id, item.version, changes)
    assert services.reviews.export_bytes(sample) == before


def test_a_slot_at_a_time_the_clocks_skip_is_refused(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = services.meetings.get(_meeting_id(services, sample, "responses"))
    services.meetings.update(
        meeting.id,
        meeting.version,
        MeetingChanges(start=datetime(2027, 3, 28, 0, 30), end=datetime(2027, 3, 28, 4, 0)),
    )
    item = agenda.find(sample, "responses-apologies")
    with pytest.raises(ValidationError, match="start: 2027-03-28T01:30 does not exist"):
        agenda.update_item(
            item.id,
            item.version,
            ItemChanges(start=datetime(2027, 3, 28, 1, 30), end=datetime(2027, 3, 28, 2, 30)),
        )


def test_sequence_rises_with_the_slot_but_not_the_title(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "recs")
    item = agenda.find(sample, "recs-findings")
    sequence = _sequence(services, meeting)
    retitled = agenda.update_item(
        item.id, item.version, ItemChanges(title="Findings", kind=ItemKind.OTHER)
    )
    assert (retitled.title, retitled.kind, retitled.version) == (
        "Findings",
        ItemKind.OTHER,
        item.version + 1,
    )
    assert _sequence(services, meeting) == sequence
    later = agenda.update_item(
        retitled.id, retitled.version, ItemChanges(end=datetime(2007, 5, 14, 14, 55))
    )
    assert later.end == datetime(2007, 5, 14, 14, 55)
    assert _sequence(services, meeting) == sequence + 1
    cleared = agenda.update_item(later.id, later.version, ItemChanges(start=None, end=None))
    assert (cleared.start, cleared.end) == (None, None)
    assert _sequence(services, meeting) == sequence + 2
    with pytest.raises(ConflictError):
        agenda.update_item(item.id, item.version, ItemChanges(title="Stale"))
    assert agenda.get(item.id).title == "Findings"


# Closing --------------------------------------------------------------------------------


def test_close_and_reopen(services: Services, sample: int, agenda: AgendaService) -> None:
    item = agenda.find(sample, "recs-findings")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError, match="reason: say why"):
        agenda.close_item(item.id, item.version, "  ", exemption_text(1))
    with pytest.raises(ValidationError, match="public_title: contains a NUL"):
        agenda.close_item(item.id, item.version, "Private", None, "a\x00")
    with pytest.raises(ValidationError, match="access: the item is open already"):
        agenda.reopen_item(item.id, item.version)
    closed = agenda.close_item(
        item.id, item.version, "Personal information", exemption_text(2), "Private briefing"
    )
    assert (closed.access, closed.closed_reason, closed.exemption, closed.public_title) == (
        Access.CLOSED,
        "Personal information",
        exemption_text(2),
        "Private briefing",
    )
    assert closed.number == 5
    changed = agenda.close_item(closed.id, closed.version, "Personal information", "", None)
    assert (changed.exemption, changed.public_title) == (None, None)
    reopened = agenda.reopen_item(changed.id, changed.version)
    assert (reopened.access, reopened.closed_reason, reopened.exemption) == (
        Access.OPEN,
        None,
        None,
    )
    assert services.reviews.export_bytes(sample) == before


# Witnesses and terms of reference ---------------------------------------------------------


def test_witnesses_raise_the_sequence_when_the_set_changes(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "recs")
    item = agenda.find(sample, "recs-findings")
    sequence = _sequence(services, meeting)
    one = agenda.set_item_witnesses(item.id, item.version, ["dat", "jrf"])
    assert [w.key for w in one.witnesses] == ["dat", "jrf"] and one.version == item.version + 1
    assert _sequence(services, meeting) == sequence + 1
    reordered = agenda.set_item_witnesses(one.id, one.version, ["jrf", "dat"])
    assert [w.key for w in reordered.witnesses] == ["jrf", "dat"]
    assert reordered.version == one.version + 1
    assert _sequence(services, meeting) == sequence + 1  # the same people
    same = agenda.set_item_witnesses(reordered.id, reordered.version, ["jrf", "dat"])
    assert same.version == reordered.version
    tor = agenda.set_item_tor(same.id, same.version, ["targets"])
    assert [t.key for t in tor.tor] == ["targets"] and tor.tor[0].label.startswith("2.")
    assert _sequence(services, meeting) == sequence + 1
    assert _doc_meeting(services, sample, "recs").items[3].witnesses == ("jrf", "dat")


def test_witnesses_and_tor_of_another_review_are_refused(
    services: Services, sample: int, agenda: AgendaService, example_bytes: bytes
) -> None:
    services.reviews.import_bytes(example_bytes)  # has a witness "forensic"
    item = agenda.find(sample, "recs-findings")
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError) as caught:
        agenda.set_item_witnesses(item.id, item.version, ["dat", "forensic", "dat"])
    assert [str(p) for p in caught.value.problems] == [
        'witnesses[1]: no witness with key "forensic" in this review',
        'witnesses[2]: "dat" is listed twice',
    ]
    with pytest.raises(ValidationError, match=r"tor\[0\]: no terms-of-reference item"):
        agenda.set_item_tor(item.id, item.version, ["nope"])
    with pytest.raises(ConflictError):
        agenda.set_item_tor(item.id, item.version - 1, ["targets"])
    assert services.reviews.export_bytes(sample) == before


def test_open_items_with_a_private_witness_need_privacy(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "recs")
    assert agenda.items_needing_privacy(meeting) == []
    item = agenda.find(sample, "recs-findings")
    flagged = agenda.set_item_witnesses(item.id, item.version, ["jrf", "soca"])
    assert flagged.private_witnesses == ("soca",) and flagged.needs_privacy
    assert [i.key for i in agenda.items_needing_privacy(meeting)] == ["recs-findings"]
    closed = agenda.close_item(flagged.id, flagged.version, "The witness asked", exemption_text(7))
    assert not closed.needs_privacy
    assert agenda.items_needing_privacy(meeting) == []


# Removing and restoring -------------------------------------------------------------------


def test_remove_and_restore_is_byte_identical(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    meeting = _meeting_id(services, sample, "recs")
    before = services.reviews.export_bytes(sample)
    sequence = _sequence(services, meeting)
    item = agenda.find(sample, "recs-declarations")  # no slot, no witnesses
    snapshot = agenda.remove_item(item.id, item.version)
    assert snapshot.item.key == "recs-declarations" and snapshot.position == 1
    assert snapshot.item.standard is StandardItem.DECLARATIONS  # worded from the record
    assert [i.position for i in agenda.items(meeting)] == list(range(4))
    with pytest.raises(NotFoundError):
        agenda.find(sample, "recs-declarations")
    restored = agenda.restore_item(snapshot)
    assert (restored.key, restored.position) == ("recs-declarations", 1)
    assert restored.id != item.id and agenda.id_for(sample, item.key) == restored.id
    assert services.reviews.export_bytes(sample) == before
    assert _sequence(services, meeting) == sequence
    with pytest.raises(ValidationError, match='key: an agenda item with key "recs-declarations"'):
        agenda.restore_item(snapshot)


def test_remove_restore_keeps_witnesses_tor_notes_and_closes_their_notes(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    _unlock(services, sample, "ev1")
    meeting = _meeting_id(services, sample, "ev1")
    item = agenda.find(sample, "ev1-mps")
    item = agenda.close_item(item.id, item.version, "Operational detail", exemption_text(7))
    before = services.reviews.document(sample)
    sequence = _sequence(services, meeting)

    snapshot = agenda.remove_item(item.id, item.version)
    assert [n.key for n in snapshot.notes] == ["n1", "n2"]
    assert snapshot.item.witnesses == ("mps-drugs",) and len(snapshot.item.tor) == 5
    notes = {n.key: n for n in services.reviews.document(sample).notes}
    assert notes["n1"].item is None and notes["n1"].meeting == "ev1"
    assert notes["n1"].access is Access.CLOSED  # it came from a closed item
    assert _sequence(services, meeting) == sequence + 1

    agenda.restore_item(snapshot)
    after = services.reviews.document(sample)
    assert _without_sequences(after) == _without_sequences(before)
    assert _sequence(services, meeting) == sequence + 2  # never goes back


def test_removing_an_item_of_approved_minutes_is_refused(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    item = agenda.find(sample, "ev3-user")
    with pytest.raises(ValidationError, match=r'The minutes of "[^"]+" were approved on 16 April'):
        agenda.remove_item(item.id, item.version)
    probation = agenda.find(sample, "ev3-probation")  # with a minute or not, frozen
    with pytest.raises(ValidationError, match="reopen the minutes first"):
        agenda.remove_item(probation.id, probation.version)
    with pytest.raises(ConflictError):
        agenda.remove_item(item.id, item.version + 1)
    assert agenda.find(sample, "ev3-user").id == item.id


def test_standard_items_fill_the_gaps_and_undo_by_snapshot(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    scoping = _meeting_id(services, sample, "scoping")  # apologies and declarations only
    _unlock(services, sample, "scoping")
    added = agenda.add_standard_items(scoping)
    assert [(i.title, i.position, i.kind) for i in added] == [
        ("Minutes of the previous meeting", 2, ItemKind.PROCEDURAL)
    ]
    assert agenda.add_standard_items(scoping) == []

    recs = _meeting_id(services, sample, "recs")
    standard = [i for i in agenda.items(recs) if i.kind is ItemKind.PROCEDURAL]
    before = services.reviews.export_bytes(sample)
    removed = agenda.remove_items([(i.id, i.version) for i in standard])
    assert [s.position for s in removed] == [0, 1, 2]
    created = agenda.add_standard_items(recs)
    assert [(i.title, i.position, i.standard) for i in created] == [
        ("Apologies for absence", 0, StandardItem.APOLOGIES),
        ("Declarations of interest", 1, StandardItem.DECLARATIONS),
        ("Minutes of the previous meeting", 2, StandardItem.PREVIOUS_MINUTES),
    ]
    snapshots = agenda.remove_items([(i.id, i.version) for i in created])  # undo
    again = agenda.restore_items(snapshots)  # redo, with the same keys
    assert [i.key for i in again] == [i.key for i in created]
    agenda.remove_items([(i.id, i.version) for i in again])
    agenda.restore_items(list(reversed(removed)))
    assert services.reviews.export_bytes(sample) == before


def test_a_clerks_own_item_can_be_marked_standard_and_cleared(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    recs = _meeting_id(services, sample, "recs")
    own = agenda.add_item(recs, "Apologies and substitutions", ItemKind.PROCEDURAL)
    assert own.standard is None
    marked = agenda.update_item(own.id, own.version, ItemChanges(standard=StandardItem.APOLOGIES))
    assert (marked.standard, marked.version) == (StandardItem.APOLOGIES, own.version + 1)
    kept = agenda.update_item(marked.id, marked.version, ItemChanges(title="Apologies"))
    assert kept.standard is StandardItem.APOLOGIES
    with pytest.raises(ValidationError, match="standard: must be one of"):
        agenda.update_item(kept.id, kept.version, ItemChanges(standard="apologies"))  # type: ignore[arg-type]
    cleared = agenda.update_item(kept.id, kept.version, ItemChanges(standard=None))
    assert cleared.standard is None and agenda.get(own.id) == cleared


def test_a_deleted_item_cannot_be_edited(
    services: Services, sample: int, agenda: AgendaService
) -> None:
    item = agenda.find(sample, "recs-findings")
    agenda.remove_item(item.id, item.version)
    with pytest.raises(ConflictError, match="deleted by someone else"):
        agenda.update_item(item.id, item.version, ItemChanges(title="Gone"))
    with pytest.raises(NotFoundError):
        agenda.get(item.id)
