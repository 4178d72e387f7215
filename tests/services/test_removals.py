"""What a removal takes with it: the counts the window asks with, checked against
what the delete then really takes (its snapshot) on both backends."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import ItemKind
from scrutiny_desk.domain.errors import NotFoundError
from scrutiny_desk.domain.removal_records import Part, WhatGoes, counted
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.removals import RemovalService

from .procedure import clear_record


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def removals(services: Services) -> RemovalService:
    return RemovalService(services.db)


def test_counted_keeps_the_order_given_and_leaves_out_none() -> None:
    assert counted(note=3, file=0, agenda_item=2) == ((Part.NOTE, 3), (Part.AGENDA_ITEM, 2))
    assert WhatGoes().nothing and not WhatGoes(unlinked=counted(note=1)).nothing


def test_a_witness_named_on_items_notes_and_evidence(
    services: Services, removals: RemovalService, sample: int
) -> None:
    jrf = services.witness_edits.find_witness(sample, "jrf")
    goes = removals.of_witness(jrf.id)
    assert goes.deleted == ()
    assert goes.unlinked == counted(agenda_item=2, note=1, evidence=1)
    snapshot = services.witness_edits.remove_witness(jrf.id, jrf.version)
    assert (len(snapshot.items), len(snapshot.notes), len(snapshot.evidence)) == (2, 1, 1)


def test_a_new_witness_takes_nothing(
    services: Services, removals: RemovalService, sample: int
) -> None:
    added = services.witness_edits.add_witness(sample, "Ann Other")
    assert removals.of_witness(added.id).nothing


def test_a_member_with_attendance(
    services: Services, removals: RemovalService, sample: int
) -> None:
    clear_record(services, sample, "recs")  # where the chair declares and votes by name
    member = services.panel.members(sample)[0]
    goes = removals.of_member(member.id)
    # the sample's register of interests has one entry for the chair, which goes too
    assert goes == WhatGoes(deleted=counted(attendance=6, interest=1))
    snapshot = services.panel.remove_member(member.id, member.version)
    assert (len(snapshot.attendance), len(snapshot.interests)) == (6, 1)
    added = services.panel.add_member(sample, "New Member")
    assert removals.of_member(added.id).nothing


def test_agenda_items_with_minutes_and_notes(
    services: Services, removals: RemovalService, sample: int
) -> None:
    agenda = services.agenda
    mps, borough = agenda.find(sample, "ev1-mps"), agenda.find(sample, "ev1-borough")
    assert removals.of_items([mps.id]) == WhatGoes(
        deleted=counted(minute=1), unlinked=counted(note=2)
    )
    both = removals.of_items([mps.id, borough.id])
    assert (both.count(Part.MINUTE), both.count(Part.NOTE)) == (2, 4)
    # The minutes of ev1 are approved; those of "recs" may still change.
    findings = agenda.find(sample, "recs-findings")
    assert removals.of_items([findings.id]) == WhatGoes(deleted=counted(minute=1))
    snapshot = agenda.remove_item(findings.id, findings.version)
    assert snapshot.item.minute and snapshot.notes == ()

    # A new item has no minute; a blank minute is no minute either.
    added = agenda.add_item(findings.meeting_id, "Any other business", ItemKind.OTHER)
    assert removals.of_items([added.id]).nothing
    blank = services.minutes.set_minute(added.id, added.version, "  ")
    assert removals.of_items([blank.id]).nothing


def test_evidence_with_a_file_or_notes(
    services: Services, removals: RemovalService, sample: int
) -> None:
    evidence = {e.key: e for e in services.evidence.list(sample)}
    assert removals.of_evidence(evidence["visit-note"].id) == WhatGoes(deleted=counted(file=1))
    survey = evidence["borough-survey"]
    assert removals.of_evidence(survey.id) == WhatGoes(unlinked=counted(note=1))
    snapshot = services.evidence.delete(survey.id, survey.version)
    assert len(snapshot.notes) == 1


def test_a_terms_of_reference_item_with_sub_items_and_links(
    services: Services, removals: RemovalService, sample: int
) -> None:
    terms = services.terms
    roles = terms.find(sample, "roles")
    assert removals.of_tor(roles.id) == WhatGoes(unlinked=counted(agenda_item=1, recommendation=1))
    snapshot = terms.delete(roles.id, roles.version)
    assert sorted(link.kind for link in snapshot.links) == ["item", "recommendation"]

    strategy = terms.find(sample, "strategy")
    goes = removals.of_tor(strategy.id)
    assert goes.deleted == counted(sub_item=4)  # "roles", one of five, has gone
    assert goes.count(Part.RECOMMENDATION) == 3


def test_records_that_are_not_there(removals: RemovalService, sample: int) -> None:
    for count in (
        removals.of_witness,
        removals.of_member,
        removals.of_evidence,
        removals.of_tor,
        lambda i: removals.of_items([i]),
    ):
        with pytest.raises(NotFoundError):
            count(999_999)
