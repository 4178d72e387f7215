"""The topics a write reports are decided from the rows it wrote, on both backends."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.changes import TOPIC_OF_TABLE, UNSHOWN, topics_of
from scrutiny_desk.store.orm import Base


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def test_every_table_has_a_topic() -> None:
    tables = {name for name in Base.metadata.tables if name not in UNSHOWN}
    assert tables <= set(TOPIC_OF_TABLE)
    assert not UNSHOWN & set(TOPIC_OF_TABLE)


def test_deleting_a_meeting_touches_what_refers_to_it() -> None:
    assert topics_of("meetings") == {Topic.MEETINGS}
    assert {Topic.AGENDA, Topic.ATTENDANCE, Topic.MINUTES, Topic.NOTES, Topic.ACTIONS} <= (
        topics_of("meetings", deleted=True)
    )


def test_a_note_reports_notes(services: Services, sample: int) -> None:
    with recording() as topics:
        services.notes.capture(sample, "Heard from the trust.", ["scale"])
    assert topics == {Topic.NOTES}


def test_a_recommendation_reports_recommendations(services: Services, sample: int) -> None:
    with recording() as topics:
        services.recommendations.create(sample, "Publish the plan.")
    assert topics == {Topic.RECOMMENDATIONS}


def test_deleting_a_meeting_reports_its_agenda_and_attendance(
    services: Services, sample: int
) -> None:
    meeting = services.meetings.list(sample)[0]
    with recording() as topics:
        services.meeting_edits.delete_meeting(meeting.id, meeting.version)
    assert {Topic.MEETINGS, Topic.AGENDA, Topic.ATTENDANCE} <= topics


def test_a_refused_write_reports_nothing(services: Services, sample: int) -> None:
    with recording() as topics, pytest.raises(ValidationError):
        services.notes.capture(sample, "", [])
    assert topics == set()


def test_recordings_nest_and_reads_report_nothing(services: Services, sample: int) -> None:
    with recording() as outer:
        services.reviews.document(sample)
        with recording() as inner:
            services.notes.capture(sample, "A line.", ["scale"])
    assert inner == outer == {Topic.NOTES}
