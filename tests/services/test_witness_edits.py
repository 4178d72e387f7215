"""The witness register: appearances, invitation state, privacy, remove and restore."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from scrutiny_desk.domain.enums import InvitationState, MeetingKind
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.people_records import NoteLink, WitnessChanges, WitnessSnapshot
from scrutiny_desk.domain.records import AgendaItem, Meeting, Review, Witness
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.witness_edits import WitnessEditService
from scrutiny_desk.store import review_insert


@pytest.fixture
def register(services: Services) -> WitnessEditService:
    return WitnessEditService(services.db)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _sequences(services: Services, review_id: int) -> dict[str, int]:
    return {m.key: m.sequence for m in services.meetings.list(review_id)}


def _without_sequences(data: bytes) -> Any:
    document = json.loads(data)
    for meeting in document["review"]["meetings"]:
        meeting["sequence"] = None
    return document


def test_witnesses_with_their_appearances(register: WitnessEditService, sample: int) -> None:
    witnesses = register.witnesses(sample)
    assert len(witnesses) == 8
    probation = next(w for w in witnesses if w.key == "probation")
    assert [(a.meeting_key, a.item_key, a.item_closed) for a in probation.appearances] == [
        ("ev2", "ev2-probation", False),
        ("ev3", "ev3-probation", False),
    ]
    first = probation.appearances[0]
    assert first.meeting_title == "Evidence session 2: research and treatment"
    assert first.meeting_start == datetime(2007, 2, 26, 14, 0)
    user = next(w for w in witnesses if w.key == "user")
    assert [(a.item_key, a.item_closed) for a in user.appearances] == [("ev3-user", True)]
    assert (user.private, user.invitation) == (True, InvitationState.ATTENDED)
    assert register.witness(probation.id) == probation == register.find_witness(sample, "probation")
    with pytest.raises(NotFoundError):
        register.find_witness(sample, "nobody")


def test_add_witness_on_the_spot(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    added = register.add_witness(
        sample, "Dr Jane Doe", "Consultant", "Anytown NHS Trust", "jane.doe@example.org"
    )
    assert added.key.startswith("witness-")
    assert (added.invitation, added.private, added.appearances, added.version) == (
        InvitationState.TO_INVITE,
        False,
        (),
        1,
    )
    keyed = register.add_witness(sample, "John Roe", key="roe", organisation="")
    assert keyed.organisation is None
    document = services.reviews.document(sample)
    assert document.witnesses[-2:] == (
        Witness(
            added.key, "Dr Jane Doe", "Consultant", "Anytown NHS Trust", "jane.doe@example.org"
        ),
        Witness("roe", "John Roe"),
    )


def test_bad_witness_input_is_refused_naming_the_field(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError) as caught:
        register.add_witness(sample, "Jane", email="jane at example.org")
    assert [p.path for p in caught.value.problems] == ["email"]
    with pytest.raises(ValidationError, match="name: must not be empty"):
        register.add_witness(sample, "")
    with pytest.raises(ValidationError, match="role: contains a NUL"):
        register.add_witness(sample, "Jane", role="a\x00")
    with pytest.raises(ValidationError, match='key: a witness with key "cps" exists already'):
        register.add_witness(sample, "Jane", key="cps")
    cps = register.find_witness(sample, "cps")
    with pytest.raises(ValidationError, match="email: "):
        register.update_witness(cps.id, cps.version, WitnessChanges(email="cps@"))
    assert services.reviews.export_bytes(sample) == exported


def test_update_witness_raises_sequences_of_their_meetings(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    sequences = _sequences(services, sample)
    probation = register.find_witness(sample, "probation")
    updated = register.update_witness(
        probation.id, probation.version, WitnessChanges(role="Chief Officer, London Probation")
    )
    assert (updated.role, updated.version) == ("Chief Officer, London Probation", 2)
    expected = {k: s + (1 if k in ("ev2", "ev3") else 0) for k, s in sequences.items()}
    assert _sequences(services, sample) == expected
    # An e-mail address is not printed in invitations: no SEQUENCE change.
    emailed = register.update_witness(
        updated.id, updated.version, WitnessChanges(email="chief@example.org")
    )
    assert emailed.email == "chief@example.org"
    assert _sequences(services, sample) == expected
    witness = next(w for w in services.reviews.document(sample).witnesses if w.key == "probation")
    assert (witness.role, witness.email) == ("Chief Officer, London Probation", "chief@example.org")


def test_set_invitation(services: Services, register: WitnessEditService, sample: int) -> None:
    cps = register.find_witness(sample, "cps")
    declined = register.set_invitation(cps.id, cps.version, InvitationState.DECLINED)
    assert (declined.invitation, declined.version) == (InvitationState.DECLINED, cps.version + 1)
    witness = next(w for w in services.reviews.document(sample).witnesses if w.key == "cps")
    assert witness.invitation is InvitationState.DECLINED
    with pytest.raises(ConflictError):
        register.set_invitation(cps.id, cps.version, InvitationState.CONFIRMED)
    assert register.witness(cps.id).invitation is InvitationState.DECLINED


def test_set_private_returns_the_open_items(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    sequences = _sequences(services, sample)
    probation = register.find_witness(sample, "probation")
    change = register.set_private(probation.id, probation.version, True)
    assert change.witness.private is True
    # Not ev3's item: its minutes are approved, so it stays as approved (issue 10).
    assert [a.item_key for a in change.open_items] == ["ev2-probation"]
    assert [a.minutes_approved for a in change.witness.appearances] == [False, True]
    assert change.open_items[0].item_version == 1
    assert next(
        w for w in services.reviews.document(sample).witnesses if w.key == "probation"
    ).private
    assert _sequences(services, sample) == sequences  # closing is the agenda's step
    user = register.find_witness(sample, "user")  # heard only under a closed item
    assert register.set_private(user.id, user.version, True).open_items == ()
    with pytest.raises(ConflictError):
        register.set_private(probation.id, probation.version, False)


def test_remove_and_restore_witness_with_links(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    sequences = _sequences(services, sample)
    jrf = register.find_witness(sample, "jrf")
    snapshot = register.remove_witness(jrf.id, jrf.version)
    assert snapshot.witness.key == "jrf" and snapshot.position == 6
    assert [link.item_key for link in snapshot.items] == ["ev2-jrf", "ev4-jrf"]
    assert (snapshot.evidence, snapshot.notes) == (("jrf-research",), (NoteLink("n12", 0),))
    document = services.reviews.document(sample)
    assert "jrf" not in [w.key for w in document.witnesses]
    assert all("jrf" not in i.witnesses for m in document.meetings for i in m.items)
    assert next(e for e in document.evidence if e.key == "jrf-research").witness is None
    assert next(n for n in document.notes if n.key == "n12").witnesses == ()
    removed = _sequences(services, sample)
    assert removed == {k: s + (1 if k in ("ev2", "ev4") else 0) for k, s in sequences.items()}
    with pytest.raises(ConflictError, match="deleted"):
        register.update_witness(jrf.id, jrf.version, WitnessChanges(name="Gone"))

    restored = register.restore_witness(snapshot)
    assert restored.key == "jrf"
    assert [a.item_key for a in restored.appearances] == ["ev2-jrf", "ev4-jrf"]
    after = services.reviews.export_bytes(sample)
    # Everything is back; only the SEQUENCE moved on (it never goes back).
    assert _without_sequences(after) == _without_sequences(exported)
    assert _sequences(services, sample) == {
        k: s + (2 if k in ("ev2", "ev4") else 0) for k, s in sequences.items()
    }
    with pytest.raises(ValidationError, match="key: "):
        register.restore_witness(snapshot)  # already back


def test_remove_witness_not_on_any_agenda_is_byte_identical(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    added = register.add_witness(sample, "Dr Jane Doe", position=0)
    snapshot = register.remove_witness(added.id, added.version)
    register.restore_witness(snapshot)
    register.remove_witness(register.find_witness(sample, added.key).id, 1)
    assert services.reviews.export_bytes(sample) == exported


def test_stale_versions_conflict_and_change_nothing(
    services: Services, register: WitnessEditService, sample: int
) -> None:
    cps = register.find_witness(sample, "cps")
    register.update_witness(cps.id, cps.version, WitnessChanges(name="Colleague's"))
    exported = services.reviews.export_bytes(sample)
    with pytest.raises(ConflictError, match="since you opened it"):
        register.update_witness(cps.id, cps.version, WitnessChanges(name="Mine"))
    with pytest.raises(ConflictError):
        register.remove_witness(cps.id, cps.version)
    with pytest.raises(ConflictError):
        register.move_witness(cps.id, cps.version, 0)
    assert services.reviews.export_bytes(sample) == exported


def test_move_witness(services: Services, register: WitnessEditService, sample: int) -> None:
    exported = services.reviews.export_bytes(sample)
    soca = register.find_witness(sample, "soca")
    moved = register.move_witness(soca.id, soca.version, 0)
    assert [w.key for w in moved][:2] == ["soca", "mps-drugs"]
    assert services.reviews.document(sample).witnesses[0].key == "soca"
    register.move_witness(soca.id, moved[0].version, 7)
    assert services.reviews.export_bytes(sample) == exported


def _large_review(witnesses: int, meetings: int, items_per_meeting: int) -> Review:
    start = datetime(2030, 1, 7, 10, 0)
    keys = [f"w{n}" for n in range(witnesses)]
    return Review(
        title="Large review",
        witnesses=tuple(Witness(k, f"Witness {k}", "Officer", "Council") for k in keys),
        meetings=tuple(
            Meeting(
                key=f"m{m}",
                title=f"Meeting {m}",
                kind=MeetingKind.EVIDENCE,
                start=start + timedelta(days=7 * m),
                end=start + timedelta(days=7 * m, hours=3),
                uid=f"large-{m}",
                items=tuple(
                    AgendaItem(
                        f"m{m}-i{i}",
                        f"Item {i}",
                        witnesses=(
                            keys[(m * items_per_meeting + i) % witnesses],
                            keys[(m * items_per_meeting + i + 1) % witnesses],
                        ),
                    )
                    for i in range(items_per_meeting)
                ),
            )
            for m in range(meetings)
        ),
    )


def test_two_thousand_witnesses_list_in_two_queries(
    services: Services, register: WitnessEditService
) -> None:
    with services.db.writing() as session:
        review_id = review_insert.insert_review(session, _large_review(2000, 200, 10))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(services.db.engine, "before_cursor_execute", count)
    try:
        witnesses = register.witnesses(review_id)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", count)
    assert len(witnesses) == 2000
    assert sum(len(w.appearances) for w in witnesses) == 4000
    assert [a.item_key for a in witnesses[1].appearances] == ["m0-i0", "m0-i1"]
    selects = [s for s in statements if "witness" in s.lower()]
    assert len(selects) == 2, selects  # the register, then every appearance at once


def test_witness_with_no_review_is_not_found(register: WitnessEditService) -> None:
    with pytest.raises(NotFoundError):
        register.witnesses(999_999)
    with pytest.raises(NotFoundError):
        register.add_witness(999_999, "Jane")
    with pytest.raises(NotFoundError):
        register.restore_witness(WitnessSnapshot(999_999, 0, Witness("x", "X")))


def test_remove_and_restore_a_witness_keeps_their_place_among_a_notes_witnesses(
    services: Services, register: WitnessEditService
) -> None:
    review = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    several = {"n1": ("borough", "mps-drugs", "cps"), "n2": ("mps-drugs",)}
    review = replace(
        review,
        notes=tuple(replace(n, witnesses=several.get(n.key, n.witnesses)) for n in review.notes),
    )
    review_id = services.reviews.import_bytes(codec.encode(review))
    exported = services.reviews.export_bytes(review_id)
    mps = register.find_witness(review_id, "mps-drugs")
    snapshot = register.remove_witness(mps.id, mps.version)
    assert snapshot.notes == (NoteLink("n1", 1), NoteLink("n2", 0))
    notes = {n.key: n.witnesses for n in services.reviews.document(review_id).notes}
    assert (notes["n1"], notes["n2"]) == (("borough", "cps"), ())
    register.restore_witness(snapshot)
    notes = {n.key: n.witnesses for n in services.reviews.document(review_id).notes}
    assert (notes["n1"], notes["n2"]) == (("borough", "mps-drugs", "cps"), ("mps-drugs",))
    assert _without_sequences(services.reviews.export_bytes(review_id)) == _without_sequences(
        exported
    )
