"""One real edit for each topic, on the sample review, made through the window's editor:
what the tests of a page's or tab's ``TOPICS`` make to check it reads again.

Each edit calls one service method, as a clerk's action does, and the test checks the
store reported the topic (so a page is never tested against a topic no edit writes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from scrutiny_desk.domain.enums import EvidenceKind, ItemKind, MeetingKind
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.topics import Topic, Topics
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.window.main_window import MainWindow

REVIEW = 1


def _first_term(services: Services) -> str:
    return services.reviews.terms_of_reference(REVIEW)[0].key


def _review(services: Services) -> Any:
    version = services.review_edits.details(REVIEW).version
    changes = ReviewChanges(summary="A summary rewritten by a topic test.")
    return services.review_edits.update_details(REVIEW, version, changes)


def _agenda(services: Services) -> Any:
    meeting = services.meeting_edits.create_meeting(
        REVIEW,
        "Topic test session",
        MeetingKind.EVIDENCE,
        datetime(2030, 1, 8, 10, 0),
        datetime(2030, 1, 8, 12, 0),
    )
    return services.agenda.add_item(meeting.id, "Topic test item", ItemKind.OTHER)


#: topic -> an edit of the sample review that writes it
EDITS: dict[Topic, Callable[[Services], Any]] = {
    Topic.REVIEW: _review,
    Topic.PANEL: lambda s: s.panel.add_member(REVIEW, "Cllr Topic Test"),
    Topic.TERMS: lambda s: s.terms.add(REVIEW, "A question added by a topic test"),
    Topic.WITNESSES: lambda s: s.witness_edits.add_witness(REVIEW, "Topic Test Witness"),
    Topic.MEETINGS: lambda s: s.meeting_edits.create_meeting(
        REVIEW,
        "Topic test meeting",
        MeetingKind.EVIDENCE,
        datetime(2030, 1, 1, 10, 0),
        datetime(2030, 1, 1, 12, 0),
    ),
    Topic.AGENDA: _agenda,
    Topic.EVIDENCE: lambda s: s.evidence.create(
        REVIEW, "Topic test paper", EvidenceKind.WRITTEN, tor=[_first_term(s)]
    ),
    Topic.NOTES: lambda s: s.notes.capture(REVIEW, "Topic test note", [_first_term(s)]),
    Topic.RECOMMENDATIONS: lambda s: s.recommendations.create(REVIEW, "Topic test proposal"),
}


class TopicEdit(Step):
    """A test's edit, as one step; its undo is never asked for."""

    def __init__(self, services: Services, topic: Topic) -> None:
        super().__init__(f"Topic test: {topic.value}")
        self._services = services
        self._topic = topic

    def do(self) -> Any:
        return EDITS[self._topic](self._services)

    def undo(self) -> Any:
        raise AssertionError("not undone in these tests")


def perform_edit(window: MainWindow, topic: Topic) -> Topics:
    """Make the edit writing ``topic`` through the window's editor; the topics written."""
    written: list[Topics] = []
    window.editor.changed.connect(written.append)
    try:
        assert window.editor.perform(TopicEdit(window.services, topic)) is not None
    finally:
        window.editor.changed.disconnect(written.append)
    assert written and topic in written[0], (topic, written)
    return written[0]
