"""Review details: create, edit (one action, lists whole), delete and restore."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrutiny_desk.domain.enums import MeetingKind, ReviewStatus
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.records import (
    MAY_DAY,
    AgendaItem,
    Contact,
    Exclusion,
    Interface,
    Meeting,
    Milestone,
    MonthDay,
    Review,
)
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.services.review_edits import ReviewEditService
from scrutiny_desk.store import review_insert

from .approved import reopen


@pytest.fixture
def edits(services: Services) -> ReviewEditService:
    return ReviewEditService(services.db)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _sequences(services: Services, review_id: int) -> dict[str, int]:
    return {m.key: m.sequence for m in services.meetings.list(review_id)}


def test_create_review_is_one_action_with_defaults(
    services: Services, edits: ReviewEditService
) -> None:
    created = edits.create_review("Waste collection", body="Anytown Borough Council")
    assert (created.title, created.body, created.timezone) == (
        "Waste collection",
        "Anytown Borough Council",
        "Europe/London",
    )
    assert created.status is ReviewStatus.SCOPING
    details = edits.details(created.id)
    assert (details.clear_days, details.contact, details.exclusions) == (5, None, ())
    assert details.version == created.version
    # What was stored is a valid review document.
    exported = services.reviews.export_bytes(created.id)
    assert codec.decode(exported).title == "Waste collection"


def test_create_review_refuses_bad_input_naming_the_field(
    services: Services, edits: ReviewEditService
) -> None:
    with pytest.raises(ValidationError) as caught:
        edits.create_review("  ", timezone="Mars/Olympus_Mons", clear_days=31)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["title", "timezone", "clear_days"]
    assert services.reviews.list() == []


def test_details_of_the_sample(edits: ReviewEditService, sample: int) -> None:
    details = edits.details(sample)
    assert details.title == "Drugs Scrutiny"
    assert details.contact is not None and details.contact.phone == "020 7202 0120"
    assert (len(details.exclusions), len(details.interfaces), len(details.milestones)) == (5, 8, 2)
    assert details.interfaces[0] == Interface("Serious and Organised Crime Agency", "SOCA")
    assert details.milestones[0] == Milestone(
        date(2007, 5, 31), "Draft submitted to Full Authority", True
    )
    assert (details.clear_days, details.exclusion_resolution) == (5, None)


def test_update_details_and_lists_in_one_action(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    sequences = _sequences(services, sample)
    new_milestones = (
        Milestone(date(2007, 6, 1), "Draft circulated"),
        *before.milestones,
    )
    after = edits.update_details(
        sample,
        before.version,
        ReviewChanges(
            summary="A shorter summary.",
            status=ReviewStatus.REPORTING,
            clear_days=3,
            exclusion_resolution="That the press and public be excluded (paragraphs {paragraphs}).",
            exclusions=before.exclusions[1:],
            interfaces=(Interface("Home Office"),),
            milestones=new_milestones,
        ),
    )
    assert after.version == before.version + 1
    assert after == edits.details(sample)
    document = services.reviews.document(sample)
    assert document.summary == "A shorter summary."
    assert document.status is ReviewStatus.REPORTING
    assert document.clear_days == 3
    assert document.exclusions == before.exclusions[1:]
    assert document.interfaces == (Interface("Home Office"),)
    assert document.milestones == new_milestones
    # Neither the summary nor the lists are in an invitation: no SEQUENCE change.
    assert _sequences(services, sample) == sequences


def test_only_a_list_changed_still_raises_the_version(
    edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    after = edits.update_details(
        sample, before.version, ReviewChanges(exclusions=(Exclusion("Only this."),))
    )
    assert after.version == before.version + 1
    same = edits.update_details(sample, after.version, ReviewChanges(title=after.title))
    assert same.version == after.version  # nothing changed, nothing written


def test_clearing_optional_fields(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    after = edits.update_details(
        sample,
        before.version,
        ReviewChanges(body="", contact=Contact(name="", email=" "), milestones=()),
    )
    assert (after.body, after.contact, after.milestones) == (None, None, ())
    document = services.reviews.document(sample)
    assert (document.body, document.contact, document.milestones) == (None, None, ())


def test_title_and_contact_changes_raise_every_sequence(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    sequences = _sequences(services, sample)
    edits.update_details(sample, before.version, ReviewChanges(title="Drugs Scrutiny 2007"))
    assert _sequences(services, sample) == {k: s + 1 for k, s in sequences.items()}


def test_time_zone_change_keeps_wall_clock_and_raises_sequences(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    meetings = services.meetings.list(sample)
    after = edits.update_details(sample, before.version, ReviewChanges(timezone="Europe/Dublin"))
    assert after.timezone == "Europe/Dublin"
    moved = services.meetings.list(sample)
    assert [(m.key, m.start, m.end) for m in moved] == [(m.key, m.start, m.end) for m in meetings]
    assert [m.sequence for m in moved] == [m.sequence + 1 for m in meetings]
    assert services.reviews.document(sample).timezone == "Europe/Dublin"


def test_time_zone_change_refused_when_a_meeting_time_would_not_exist(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    reopen(services, sample, "ev3")
    ev3 = next(m for m in services.meetings.list(sample) if m.key == "ev3")
    # 02:30 on 11 March 2007 exists in London but not in New York (clocks went forward).
    services.meetings.update(
        ev3.id,
        ev3.version,
        MeetingChanges(start=datetime(2007, 3, 11, 2, 30), end=datetime(2007, 3, 11, 5, 30)),
    )
    before = edits.details(sample)
    exported = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError) as caught:
        edits.update_details(
            sample, before.version, ReviewChanges(timezone="America/New_York", title="New")
        )
    [problem] = caught.value.problems
    assert problem.path == "timezone"
    assert 'meeting "Evidence session 3: criminal justice and treatment"' in problem.message
    assert "2007-03-11T02:30" in problem.message and "America/New_York" in problem.message
    assert services.reviews.export_bytes(sample) == exported


def test_bad_details_are_refused_naming_the_field(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    exported = services.reviews.export_bytes(sample)
    cases = [
        (ReviewChanges(title=""), "title: must not be empty"),
        (ReviewChanges(timezone="Europe/Londres"), "timezone: "),
        (ReviewChanges(clear_days=31), "clear_days: must be a whole number of days from 0 to 30"),
        (ReviewChanges(clear_days=-1), "clear_days: "),
        (ReviewChanges(summary="a\x00b"), "summary: contains a NUL"),
        (ReviewChanges(contact=Contact(email="clerk at example.org")), "contact.email: "),
        (ReviewChanges(exclusions=(Exclusion(" "),)), r"exclusions\[0\].text: must not be empty"),
        (ReviewChanges(interfaces=(Interface(""),)), r"interfaces\[0\].name: must not be empty"),
        (
            ReviewChanges(milestones=(Milestone(datetime(2007, 1, 1), "x"),)),
            r"milestones\[0\].date: must be a date",
        ),
        (ReviewChanges(milestones=(Milestone(date(2007, 1, 1), ""),)), r"milestones\[0\].title"),
    ]
    for changes, message in cases:
        with pytest.raises(ValidationError, match=message):
            edits.update_details(sample, before.version, changes)
    assert services.reviews.export_bytes(sample) == exported
    assert edits.details(sample).version == before.version


def test_stale_version_is_a_conflict_and_changes_nothing(
    edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    edits.update_details(sample, before.version, ReviewChanges(summary="Colleague's"))
    with pytest.raises(ConflictError, match="since you opened it"):
        edits.update_details(sample, before.version, ReviewChanges(summary="Mine"))
    with pytest.raises(ConflictError):
        edits.delete_review(sample, before.version)
    assert edits.details(sample).summary == "Colleague's"


def test_delete_and_restore_give_back_the_same_export(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    snapshot = edits.delete_review(sample, edits.details(sample).version)
    assert services.reviews.list() == []
    with pytest.raises(NotFoundError):
        edits.details(sample)
    with pytest.raises(ConflictError, match="deleted"):
        edits.update_details(sample, 1, ReviewChanges(title="Gone"))
    restored = edits.restore_review(snapshot)
    assert services.reviews.export_bytes(restored) == exported
    # Undo and redo again: still the same.
    again = edits.restore_review(edits.delete_review(restored, edits.details(restored).version))
    assert services.reviews.export_bytes(again) == exported


def test_create_then_undo_and_redo(services: Services, edits: ReviewEditService) -> None:
    created = edits.create_review("Parks", timezone="Europe/Dublin")
    exported = services.reviews.export_bytes(created.id)
    snapshot = edits.delete_review(created.id, created.version)
    redone = edits.restore_review(snapshot)
    assert services.reviews.export_bytes(redone) == exported


def test_restore_refused_while_its_meeting_uids_are_held(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    exported = services.reviews.export_bytes(sample)
    snapshot = edits.delete_review(sample, edits.details(sample).version)
    holder = services.reviews.import_bytes(exported)  # imported again meanwhile
    with pytest.raises(ConflictError, match=f'held by review {holder} "Drugs Scrutiny"'):
        edits.restore_review(snapshot)
    assert [r.id for r in services.reviews.list()] == [holder]


def test_time_zone_change_checks_item_slots_too(
    services: Services, edits: ReviewEditService
) -> None:
    night = Meeting(
        key="night",
        title="Night-time economy visit",
        kind=MeetingKind.VISIT,
        start=datetime(2007, 3, 11, 1, 0),
        end=datetime(2007, 3, 11, 4, 0),
        uid="night-visit",
        items=(
            AgendaItem(
                "walk",
                "Walkabout",
                start=datetime(2007, 3, 11, 2, 15),
                end=datetime(2007, 3, 11, 2, 45),
            ),
        ),
    )
    with services.db.writing() as session:
        review_id = review_insert.insert_review(session, Review(title="Night", meetings=(night,)))
    details = edits.details(review_id)
    with pytest.raises(ValidationError) as caught:
        edits.update_details(review_id, details.version, ReviewChanges(timezone="America/New_York"))
    [problem] = caught.value.problems
    assert problem.path == "timezone"
    assert (
        'meeting "Night-time economy visit" has item "walk" at 2007-03-11T02:15' in problem.message
    )
    assert edits.details(review_id) == details


# Web page and calendar titles (format version 5) -------------------------------------


def test_a_new_review_shows_public_titles_only_unless_asked(
    services: Services, edits: ReviewEditService
) -> None:
    made = edits.create_review("Waste", web_page=" https://example.gov.uk/waste ")
    details = edits.details(made.id)
    assert (details.web_page, details.calendar_public_titles) == (
        "https://example.gov.uk/waste",
        True,
    )
    other = edits.create_review("Parks", calendar_public_titles=False)
    assert edits.details(other.id).calendar_public_titles is False
    document = services.reviews.document(other.id)
    assert (document.web_page, document.calendar_public_titles) == (None, False)


def test_web_page_and_setting_changes_raise_every_sequence_and_blank_clears(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    assert (before.web_page, before.calendar_public_titles) == (None, True)
    sequences = _sequences(services, sample)
    page = "https://www.example.gov.uk/scrutiny/drugs"
    after = edits.update_details(
        sample, before.version, ReviewChanges(web_page=page, calendar_public_titles=False)
    )
    assert (after.web_page, after.calendar_public_titles) == (page, False)
    assert after.version == before.version + 1  # one action, one version step
    assert _sequences(services, sample) == {k: s + 1 for k, s in sequences.items()}
    cleared = edits.update_details(sample, after.version, ReviewChanges(web_page="  "))
    assert cleared.web_page is None
    assert _sequences(services, sample) == {k: s + 2 for k, s in sequences.items()}
    unchanged = edits.update_details(
        sample, cleared.version, ReviewChanges(calendar_public_titles=False)
    )
    assert unchanged == cleared  # the same value: nothing written, SEQUENCE stays
    document = services.reviews.document(sample)
    assert (document.web_page, document.calendar_public_titles) == (None, False)


def test_a_bad_web_page_is_refused_naming_the_field(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    for page in ("www.example.gov.uk", "https://example.gov.uk/a b", "https://x/\x00"):
        with pytest.raises(ValidationError) as caught:
            edits.update_details(sample, before.version, ReviewChanges(web_page=page))
        assert [p.path for p in caught.value.problems] == ["web_page"]
    with pytest.raises(ValidationError, match="web_page: must be a web address"):
        edits.create_review("Roads", web_page="javascript:alert(1)")
    assert edits.details(sample) == before


def test_a_stale_web_page_edit_is_a_conflict(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    before = edits.details(sample)
    edits.update_details(sample, before.version, ReviewChanges(summary="Changed"))
    with pytest.raises(ConflictError):
        edits.update_details(
            sample, before.version, ReviewChanges(web_page="https://example.gov.uk")
        )
    assert edits.details(sample).web_page is None


def test_procedure_settings_are_edited_and_checked_naming_the_field(
    services: Services, edits: ReviewEditService, sample: int
) -> None:
    details = edits.details(sample)
    assert (details.quorum, details.minute_numbers, details.year_start) == (3, True, MAY_DAY)
    sequences = _sequences(services, sample)
    changed = edits.update_details(
        sample,
        details.version,
        ReviewChanges(quorum=4, minute_numbers=False, year_start=MonthDay(2, 29)),
    )
    assert (changed.quorum, changed.minute_numbers, changed.year_start) == (
        4,
        False,
        MonthDay(2, 29),
    )
    assert changed.version == details.version + 1 and edits.details(sample) == changed
    assert _sequences(services, sample) == sequences  # invitations do not show them
    with pytest.raises(ValidationError) as caught:
        edits.update_details(
            sample,
            changed.version,
            ReviewChanges(quorum=0, minute_numbers=1, year_start=MonthDay(4, 31)),  # type: ignore[arg-type]
        )
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("quorum", "must be at least 1"),
        ("minute_numbers", "must be true or false"),
        ("year_start", "must be a day from 1 to 30 of that month"),
    ]
    with pytest.raises(ValidationError, match="quorum: must be a whole number"):
        edits.update_details(sample, changed.version, ReviewChanges(quorum="3"))  # type: ignore[arg-type]
    assert edits.details(sample) == changed
