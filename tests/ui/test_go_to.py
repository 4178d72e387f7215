"""Going to a record from a search result, a coverage cell or the follow-up list: the
window shows the page that holds it and selects it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    window = make_window(sample_services)
    QApplication.processEvents()
    return window


def shown(window: MainWindow) -> object:
    return window.pages.currentWidget()


def test_records_of_each_page_are_revealed(window: MainWindow) -> None:
    assert window.reveal("note", "n3")
    assert shown(window) is window.notes_page
    note = window.notes_page.current_note()
    assert note is not None and note.key == "n3"

    assert window.reveal("evidence", "family-statement")
    assert shown(window) is window.evidence_page
    evidence = window.evidence_page.current_evidence()
    assert evidence is not None and evidence.key == "family-statement"

    assert window.reveal("recommendation", "r3")
    assert shown(window) is window.recommendations_page
    recommendation = window.recommendations_page.current()
    assert recommendation is not None and recommendation.key == "r3"

    assert window.reveal("tor", "targets")
    assert shown(window) is window.terms_page
    term = window.terms_page.current_entry()
    assert term is not None and term.key == "targets"

    assert window.reveal("witness", "cps")
    assert shown(window) is window.witnesses_page
    witness = window.witnesses_page.current_witness()
    assert witness is not None and witness.key == "cps"


def test_an_item_is_shown_under_its_meeting_even_when_the_filter_hid_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.meetings_page.filter_edit.setText("scoping")  # hides evidence session 3
    QApplication.processEvents()
    assert window.reveal("item", "ev3-user")
    assert shown(window) is window.meetings_page
    qtbot.waitUntil(lambda: window.current_meeting() is not None)
    meeting = window.current_meeting()
    assert meeting is not None and meeting.key == "ev3"
    assert window.meetings_page.filter_edit.text() == ""
    assert window.meeting_tabs.currentWidget() is window.agenda_tab
    qtbot.waitUntil(
        lambda: (i := window.agenda_tab.current_item()) is not None and i.key == "ev3-user"
    )

    assert window.reveal("minute", "scoping-tor")
    assert window.meeting_tabs.currentWidget() is window.minutes_tab
    qtbot.waitUntil(
        lambda: (i := window.minutes_tab.current_item()) is not None and i.key == "scoping-tor"
    )


def test_a_record_that_has_gone_is_said_so(window: MainWindow) -> None:
    assert not window.reveal("note", "no-such-note")
    assert "no longer there" in window.statusBar().currentMessage()
    assert not window.reveal("item", "no-such-item")


def test_a_search_result_opens_where_it_lives(window: MainWindow, qtbot: QtBot) -> None:
    box = window.search_box
    window.search_box.focus_action.trigger()
    qtbot.keyClicks(box, "fast-track")
    box.search_now()
    qtbot.waitUntil(lambda: box.results is not None and box.results.total > 0)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    chosen = box.current_hit()
    assert chosen is not None
    qtbot.keyClick(box, Qt.Key.Key_Return)
    pages = {
        "note": window.notes_page,
        "evidence": window.evidence_page,
        "recommendation": window.recommendations_page,
        "minute": window.meetings_page,
        "item": window.meetings_page,
        "witness": window.witnesses_page,
    }
    qtbot.waitUntil(lambda: shown(window) is pages[chosen.kind])


def test_an_action_found_by_search_opens_in_its_meetings_minutes(
    window: MainWindow, qtbot: QtBot, sample_services: Services
) -> None:
    box = window.search_box
    box.focus_action.trigger()
    qtbot.keyClicks(box, "soca briefing")
    box.search_now()
    qtbot.waitUntil(lambda: box.results is not None and box.results.total > 0)
    assert [(h.kind, h.key) for h in box.results.hits] == [("action", "a3")]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the first (only) result
    assert shown(window) is window.meetings_page
    qtbot.waitUntil(lambda: (m := window.current_meeting()) is not None and m.key == "ev4")
    assert window.meeting_tabs.currentWidget() is window.minutes_tab
    qtbot.waitUntil(
        lambda: (a := window.minutes_tab.current_action()) is not None and a.key == "a3"
    )


def test_an_action_of_no_meeting_opens_on_the_follow_up_page(
    window: MainWindow, qtbot: QtBot, sample_services: Services
) -> None:
    review_id = window.current_review_id()
    assert review_id is not None
    action = sample_services.actions.find(review_id, "a4")
    meeting = sample_services.meeting_edits.find(review_id, "recs")
    sample_services.meeting_edits.delete_meeting(meeting.id, meeting.version)  # a4 stays
    assert sample_services.actions.find(review_id, "a4").meeting_id is None
    assert window.reveal("action", action.key)
    assert shown(window) is window.tracker_page
    qtbot.waitUntil(
        lambda: (row := window.tracker_page.current_row()) is not None and row.key == "a4"
    )
    assert not window.reveal("action", "no-such-action")
