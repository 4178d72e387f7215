"""Each topic a meeting tab declares (``TOPICS``) makes it read its meeting again after
a real edit that writes that topic, through the window's routing of
``Editor.changed``; and the Agenda tab is read-only while the minutes are approved."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from scrutiny_desk.domain.enums import AttendanceStatus, EvidenceKind, ItemKind, MeetingKind
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_tab import AgendaTab
from scrutiny_desk.ui.shared.agenda_items_model import AgendaEditColumn
from scrutiny_desk.ui.shared.meeting_tab import MeetingTabBase
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


#: A real edit of each topic: (services, review id, meeting id) -> anything.
Edit = Callable[[Services, int, int], Any]


def _attendance(services: Services, _review: int, meeting: int) -> Any:
    # A member not present (a member present may have voted by name, and must stay).
    records = services.minutes.attendance(meeting)
    first = next((a for a in records if a.status is not AttendanceStatus.PRESENT), records[0])
    status = (
        AttendanceStatus.ABSENT
        if first.status is not AttendanceStatus.ABSENT
        else AttendanceStatus.APOLOGIES
    )
    return services.minutes.set_attendance(meeting, first.member_key, status, first.version)


def _approve(services: Services, _review: int, meeting: int) -> Any:
    minutes = services.minutes.minutes(meeting)
    return services.minutes.approve_minutes(meeting, minutes.version, date(2027, 1, 19))


EDITS: dict[Topic, Edit] = {
    Topic.REVIEW: lambda s, _r, _m: s.review_edits.create_review("Another review"),
    Topic.PANEL: lambda s, r, _m: s.panel.add_member(r, "Cllr New Member"),
    Topic.TERMS: lambda s, r, _m: s.terms.add(r, "A new term of reference"),
    Topic.WITNESSES: lambda s, r, _m: s.witness_edits.add_witness(r, "A New Witness"),
    Topic.MEETINGS: lambda s, r, _m: s.meeting_edits.create_meeting(
        r,
        "Another meeting",
        MeetingKind.EVIDENCE,
        datetime(2027, 2, 1, 14, 0),
        datetime(2027, 2, 1, 16, 0),
        "Committee Room 2",
    ),
    Topic.AGENDA: lambda s, _r, m: s.agenda.add_item(m, "Any other business", ItemKind.OTHER, None),
    Topic.ATTENDANCE: _attendance,
    Topic.MINUTES: _approve,
    Topic.ACTIONS: lambda s, _r, m: s.actions.add_action(m, "Write to the minister"),
    Topic.EVIDENCE: lambda s, r, _m: s.evidence.create(r, "A new submission", EvidenceKind.WRITTEN),
}

TABS = {"agenda": "agenda_tab", "attendance": "attendance_tab", "minutes": "minutes_tab"}


def tab_topics() -> list[tuple[str, Topic]]:
    from scrutiny_desk.ui.attendance.attendance_tab import AttendanceTab
    from scrutiny_desk.ui.minutes.minutes_tab import MinutesTab

    classes: dict[str, type[MeetingTabBase]] = {
        "agenda": AgendaTab,
        "attendance": AttendanceTab,
        "minutes": MinutesTab,
    }
    return [
        (name, topic)
        for name, cls in classes.items()
        for topic in sorted(cls.TOPICS, key=lambda t: t.value)
    ]


@pytest.mark.parametrize(("name", "topic"), tab_topics())
def test_each_topic_a_tab_shows_reloads_it(window: MainWindow, name: str, topic: Topic) -> None:
    tab: MeetingTabBase = getattr(window, TABS[name])
    review_id = window.current_review_id()
    assert review_id is not None
    meeting = window.services.meeting_edits.find(review_id, "recs")  # draft minutes
    assert window.select_meeting(meeting.id)
    window.meeting_tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    assert tab.is_showing()

    reads: list[int] = []
    plain_read = tab.read

    def counted(meeting_id: int) -> Any:
        reads.append(meeting_id)
        return plain_read(meeting_id)

    tab.read = counted  # type: ignore[method-assign]  # a spy on the instance
    with recording() as written:
        EDITS[topic](window.services, review_id, meeting.id)
    assert topic in written  # the edit really writes the topic
    window.workspace.editor.changed.emit(frozenset({topic}))
    QApplication.processEvents()
    assert reads == [meeting.id]
    assert tab.is_showing()


def test_the_agenda_is_read_only_while_the_minutes_are_approved(window: MainWindow) -> None:
    tab = window.agenda_tab
    review_id = window.current_review_id()
    assert review_id is not None
    services = window.services
    meeting = services.meeting_edits.find(review_id, "recs")
    assert window.select_meeting(meeting.id)
    window.meeting_tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    assert tab.locked_banner.isHidden() and tab.add_action.isEnabled()

    with recording() as written:
        _approve(services, review_id, meeting.id)
    window.workspace.editor.changed.emit(frozenset(written))
    QApplication.processEvents()
    assert not tab.locked_banner.isHidden()
    assert "approved" in tab.locked_text.text() and "Reopen" in tab.locked_text.text()
    for action in (tab.add_action, tab.standard_action, tab.remove_action, tab.close_action):
        assert not action.isEnabled()
    title = tab.model.index(0, AgendaEditColumn.TITLE)
    assert not tab.model.flags(title) & title.flags().ItemIsEditable
    tab.add_item()  # the action's slot, called anyway: nothing happens
    assert len(services.agenda.items(meeting.id)) == tab.model.rowCount()

    minutes = services.minutes.minutes(meeting.id)
    with recording() as written:
        services.minutes.reopen_minutes(meeting.id, minutes.version, "A name was misspelt.")
    window.workspace.editor.changed.emit(frozenset(written))
    QApplication.processEvents()
    assert tab.locked_banner.isHidden() and tab.add_action.isEnabled()
