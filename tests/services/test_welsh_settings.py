"""Version 7's settings through the services the window calls: a review's papers'
language and body's country, a meeting's Welsh title and reason for urgency, an item's
Welsh title and Welsh public title; what the audience views make of them; and the
review's 150 MB counting the reports held with its items."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from scrutiny_desk.domain.enums import Access, Country, MeetingKind, PaperLanguage
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.records import AgendaItem, Review, Witness
from scrutiny_desk.domain.views import CLOSED_TITLE, Audience, ItemView
from scrutiny_desk.services import codec, publishing
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.store import evidence_edits

from .approved import reopen
from .test_round_trip_v7 import VERSION_7

START = datetime(2027, 6, 7, 14)


def _sequences(services: Services, review_id: int) -> dict[str, int]:
    return {m.key: m.sequence for m in services.meetings.list(review_id)}


def test_a_review_s_language_and_country(services: Services) -> None:
    edits = services.review_edits
    created = edits.create_review("Waste", language=PaperLanguage.WELSH, country=Country.WALES)
    details = edits.details(created.id)
    assert (details.language, details.country) == (PaperLanguage.WELSH, Country.WALES)
    assert codec.decode(services.reviews.export_bytes(created.id)).language is PaperLanguage.WELSH
    default = edits.details(edits.create_review("Parks").id)
    assert (default.language, default.country) == (PaperLanguage.ENGLISH, Country.ENGLAND)


def test_the_language_changes_invitations_and_the_country_does_not(services: Services) -> None:
    review_id = services.reviews.import_sample()
    edits = services.review_edits
    before = _sequences(services, review_id)
    details = edits.details(review_id)
    after_country = edits.update_details(
        review_id, details.version, ReviewChanges(country=Country.WALES)
    )
    assert after_country.country is Country.WALES
    assert _sequences(services, review_id) == before
    after = edits.update_details(
        review_id, after_country.version, ReviewChanges(language=PaperLanguage.BILINGUAL)
    )
    assert (after.language, after.version) == (PaperLanguage.BILINGUAL, after_country.version + 1)
    assert all(_sequences(services, review_id)[k] == s + 1 for k, s in before.items())
    document = services.reviews.document(review_id)
    assert (document.language, document.country) == (PaperLanguage.BILINGUAL, Country.WALES)


def test_an_unknown_language_or_country_is_refused_by_name(services: Services) -> None:
    edits = services.review_edits
    review_id = edits.create_review("Waste").id
    version = edits.details(review_id).version
    with pytest.raises(ValidationError) as caught:
        edits.update_details(
            review_id,
            version,
            ReviewChanges(language="fr", country="scotland"),  # type: ignore[arg-type]
        )
    assert [p.path for p in caught.value.problems] == ["language", "country"]
    assert "must be one of en, cy, cy-en" in str(caught.value)


def test_a_meeting_s_welsh_title_and_reason_for_urgency(services: Services) -> None:
    review_id = services.review_edits.create_review("Waste").id
    edits = services.meeting_edits
    end = START.replace(hour=16)
    blank = edits.create_meeting(review_id, "Depot", MeetingKind.VISIT, START, end, title_cy=" ")
    assert blank.title_cy is None
    made = edits.create_meeting(
        review_id, "Evidence", MeetingKind.EVIDENCE, START, end, title_cy="Tystiolaeth"
    )
    assert (made.title_cy, made.urgency) == ("Tystiolaeth", None)
    with pytest.raises(ValidationError) as caught:
        edits.create_meeting(review_id, "X", MeetingKind.OTHER, START, end, title_cy="Y\x00")
    assert [p.path for p in caught.value.problems] == ["title_cy"]
    problems, _ = edits.check_meeting(
        review_id, "X", MeetingKind.OTHER, START, end, title_cy="Y\x00"
    )
    assert [p.path for p in problems] == ["title_cy"]
    edited = edits.edit_meeting(
        made.id, made.version, MeetingChanges(urgency="The report came late", title_cy="")
    )
    assert (edited.title_cy, edited.urgency) == (None, "The report came late")
    assert edited.sequence == made.sequence  # neither is in the invitation
    copy = edits.duplicate_meeting(edited.id, START.replace(day=14), end.replace(day=14))
    assert (copy.title_cy, copy.urgency) == (None, None)  # urgency is that agenda's own


def test_approved_minutes_freeze_the_welsh_title_but_not_the_reason_for_urgency(
    services: Services,
) -> None:
    review_id = services.reviews.import_sample()
    edits = services.meeting_edits
    meeting = edits.find(review_id, "ev3")
    with pytest.raises(ValidationError, match="reopen"):
        edits.edit_meeting(meeting.id, meeting.version, MeetingChanges(title_cy="Tystiolaeth"))
    kept = edits.edit_meeting(meeting.id, meeting.version, MeetingChanges(urgency="Late"))
    assert kept.urgency == "Late"
    reopen(services, review_id, "ev3")
    meeting = edits.find(review_id, "ev3")
    changed = edits.edit_meeting(meeting.id, meeting.version, MeetingChanges(title_cy="Tyst"))
    assert changed.title_cy == "Tyst"


def test_an_item_s_welsh_titles(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_7))
    agenda = services.agenda
    item = agenda.find(review_id, "open")
    renamed = agenda.update_item(item.id, item.version, ItemChanges(title_cy="Lleoedd"))
    assert renamed.title_cy == "Lleoedd"
    cleared = agenda.update_item(renamed.id, renamed.version, ItemChanges(title_cy=" "))
    assert cleared.title_cy is None
    with pytest.raises(ValidationError) as caught:
        agenda.update_item(cleared.id, cleared.version, ItemChanges(title_cy="\ud800"))
    assert [p.path for p in caught.value.problems] == ["title_cy"]
    closed = agenda.close_item(
        cleared.id, cleared.version, "Commercial", public_title="Business", public_title_cy="Busnes"
    )
    assert (closed.public_title, closed.public_title_cy) == ("Business", "Busnes")
    entry = services.meetings.agenda(closed.meeting_id)[0]
    assert (entry.title_cy, entry.public_title_cy) == (None, "Busnes")
    reopened = agenda.reopen_item(closed.id, closed.version)
    assert (reopened.public_title, reopened.public_title_cy) == (None, None)
    with pytest.raises(ValidationError) as caught:
        agenda.close_item(reopened.id, reopened.version, "R", public_title_cy="\x00")
    assert [p.path for p in caught.value.problems] == ["public_title_cy"]


def test_the_public_sees_only_a_closed_item_s_welsh_public_title() -> None:
    """The Welsh follows the English: the public (and a calendar showing public titles
    only) gets a closed item's Welsh public title or none, never its Welsh title; the
    panel gets the Welsh title; a witness gets only their own items."""
    witness = Witness("w", "Wendy")
    meeting = VERSION_7.meetings[0]
    closed = replace(meeting.items[1], witnesses=("w",))
    untitled = AgendaItem(
        "untitled", "Secret", access=Access.CLOSED, closed_reason="R", title_cy="Cyfrinach"
    )
    meeting = replace(meeting, items=(meeting.items[0], closed, untitled))
    review: Review = replace(
        VERSION_7,
        witnesses=(witness,),
        meetings=(meeting,),
        calendar_public_titles=True,
    )

    def welsh(view_items: tuple[ItemView, ...]) -> list[tuple[str, str | None]]:
        return [(i.title, i.title_cy) for i in view_items]

    public = publishing.meeting_view(review, "m1", Audience.PUBLIC)
    assert (public.title_cy, public.urgency) == (meeting.title_cy, meeting.urgency)
    assert welsh(public.items) == [
        ("Treatment places", "Lleoedd triniaeth"),
        ("Commercial matter", "Mater masnachol"),
        (CLOSED_TITLE, None),
    ]
    panel = publishing.meeting_view(review, "m1", Audience.PANEL)
    assert welsh(panel.items)[1:] == [
        ("Contract award", "Dyfarnu contract"),
        ("Secret", "Cyfrinach"),
    ]
    calendar = publishing.calendar_view(review, "m1").meeting
    assert welsh(calendar.items)[1:] == welsh(public.items)[1:]
    own = publishing.witness_view(review, "m1", "w", None)
    assert welsh(own.meeting.items) == [("Contract award", "Dyfarnu contract")]


def test_held_reports_count_towards_the_review_s_files(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_7))
    held = sum(
        r.file.size for i in VERSION_7.meetings[0].items for r in i.reports if r.file is not None
    )
    evidence = sum(e.file.size for e in VERSION_7.evidence if e.file is not None)
    survey = services.evidence.list(review_id)[0].id
    with services.db.reading() as session:
        assert evidence_edits.attachment_total(session, review_id) == evidence + held
        assert evidence_edits.attachment_total(session, review_id, survey) == held
