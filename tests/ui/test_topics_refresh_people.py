"""The Witnesses, Panel and Terms of Reference pages of a real main window read again
after a real edit through the window's editor that writes any one of the topics they
declare: a change made behind their back (not through the editor) shows once such an
edit is made, and not before."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import AttendanceStatus, MemberRole
from scrutiny_desk.domain.people_records import MemberChanges, ReviewChanges, WitnessChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

Edit = Callable[[], object]


class RealEdit(Step):
    """An edit by another page, made the way every page makes one (it is not undone)."""

    def __init__(self, call: Edit) -> None:
        super().__init__("An edit elsewhere")
        self._call = call

    def do(self) -> object:
        return self._call()

    def undo(self) -> None:
        raise AssertionError("not undone here")


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def _edits(services: Services, review_id: int) -> dict[Topic, Edit]:
    """For each topic, a real edit that writes it (the assertion checks it writes none of
    the page's other topics)."""

    def review() -> object:
        details = services.review_edits.details(review_id)
        return services.review_edits.update_details(
            review_id, details.version, ReviewChanges(summary="A new summary")
        )

    def meetings() -> object:
        meeting = services.meeting_edits.find(review_id, "recs")
        return services.meeting_edits.edit_meeting(
            meeting.id, meeting.version, MeetingChanges(title="Agreeing the recommendations")
        )

    def agenda() -> object:
        meeting = services.meeting_edits.find(review_id, "recs")
        return services.agenda.add_item(meeting.id, "Any other business")

    def witnesses() -> object:
        return services.witness_edits.add_witness(review_id, "A. New Witness")

    def panel() -> object:
        return services.panel.add_member(review_id, "A. New Member", MemberRole.MEMBER, None)

    def attendance() -> object:
        meeting = services.meeting_edits.find(review_id, "recs")
        member = services.panel.members(review_id)[-1]
        record = next(
            (a for a in services.minutes.attendance(meeting.id) if a.member_key == member.key),
            None,
        )
        version = record.version if record is not None else None
        return services.minutes.set_attendance(
            meeting.id, member.key, AttendanceStatus.APOLOGIES, version
        )

    def minutes() -> object:
        meeting = services.meeting_edits.find(review_id, "scoping")
        record = services.minutes.minutes(meeting.id)
        return services.minutes.reopen_minutes(meeting.id, record.version, "A correction")

    def terms() -> object:
        return services.terms.add(review_id, "A new question")

    def notes() -> object:
        note = services.notes.find(review_id, "n1")
        return services.notes.update(note.id, note.version, text=note.text + " (revised)")

    return {
        Topic.REVIEW: review,
        Topic.MEETINGS: meetings,
        Topic.AGENDA: agenda,
        Topic.WITNESSES: witnesses,
        Topic.PANEL: panel,
        Topic.ATTENDANCE: attendance,
        Topic.MINUTES: minutes,
        Topic.TERMS: terms,
        Topic.NOTES: notes,
    }


#: Reopening minutes writes the meeting too (its row holds the minutes' status): no
#: real edit writes the minutes alone.
_ALSO_WRITTEN = {Topic.MINUTES: {Topic.MEETINGS}}


def _check_each_topic(
    window: MainWindow,
    qtbot: QtBot,
    topics: frozenset[Topic],
    change_behind: Callable[[str], None],
    shown: Callable[[], str],
) -> None:
    """For each topic: ``change_behind(words)`` changes what the page shows without
    telling it; ``shown()`` keeps the old words until a real edit writing that topic."""
    review_id = window.current_review_id()
    assert review_id is not None
    edits = _edits(window.services, review_id)
    written: list[frozenset[Topic]] = []
    window.editor.changed.connect(written.append)
    failures: list[str] = []
    window.editor.failed.connect(lambda _title, why: failures.append(why))
    assert topics <= set(edits)
    for topic in sorted(topics, key=lambda t: t.value):
        words = f"Changed before {topic.value}"
        change_behind(words)
        assert shown() != words, topic  # the page was not told
        assert window.editor.perform(RealEdit(edits[topic])) is not None, failures
        assert written[-1] & topics - {topic} <= _ALSO_WRITTEN.get(topic, set()), topic
        assert topic in written[-1]
        qtbot.waitUntil(lambda wanted=words: shown() == wanted, timeout=2000)


def test_the_witnesses_page_reads_again_for_each_of_its_topics(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.witnesses_page
    window.show_page(PageId.WITNESSES)
    services = window.services
    review_id = window.current_review_id() or 0
    key = services.witnesses.list(review_id)[0].key
    page.select_witness(key)

    def rename(name: str) -> None:
        witness = services.witness_edits.find_witness(review_id, key)
        services.witness_edits.update_witness(
            witness.id, witness.version, WitnessChanges(name=name)
        )

    def shown() -> str:
        row = page.model.row_of_key(key)
        assert row is not None
        record = page.model.record(row)
        assert record is not None
        return record.name

    _check_each_topic(window, qtbot, page.TOPICS, rename, shown)


def test_the_panel_page_reads_again_for_each_of_its_topics(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.panel_page
    window.show_page(PageId.PANEL)
    services = window.services
    review_id = window.current_review_id() or 0
    key = services.panel.members(review_id)[0].key

    def rename(name: str) -> None:
        member = services.panel.find_member(review_id, key)
        services.panel.update_member(member.id, member.version, MemberChanges(name=name))

    def shown() -> str:
        row = page.model.row_of_key(key)
        assert row is not None
        record = page.model.record(row)
        assert record is not None
        return record.name

    _check_each_topic(window, qtbot, page.TOPICS, rename, shown)


def test_the_terms_page_reads_again_for_each_of_its_topics(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.terms_page
    window.show_page(PageId.TERMS)
    services = window.services
    review_id = window.current_review_id() or 0
    key = services.terms.outline(review_id)[0].key

    def reword(words: str) -> None:
        item = services.terms.find(review_id, key)
        services.terms.edit(item.id, item.version, words)

    def shown() -> str:
        entry = page.model.entry(page.model.index_of_key(key))
        assert entry is not None
        return entry.text

    _check_each_topic(window, qtbot, page.TOPICS, reword, shown)
