"""The Notes page in a real main window over the sample review: filtering, editing in
place, closing, deleting, each with undo and redo, checked in the database."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.main_window import MainWindow
from scrutiny_desk.ui.models.note_list_model import NoteListColumn
from scrutiny_desk.ui.pages.notes_page import NotesPage

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


def open_page(window: MainWindow) -> NotesPage:
    page = NotesPage(window.workspace)
    window.add_page("Notes", page)
    window.show_page("Notes")
    page.show_review(window.current_review_id())
    QApplication.processEvents()
    return page


def shown_keys(page: NotesPage) -> list[str]:
    keys = []
    for row in range(page.model.rowCount()):
        entry = page.model.record(row)
        assert entry is not None
        keys.append(entry.key)
    return keys


def expected(services: Services, flt: NoteFilter) -> list[str]:
    return [e.key for e in services.notes.entries(services.notes.ids(1, flt, "created"))]


def choose(combo, key: str) -> None:  # type: ignore[no-untyped-def]
    row = combo.findData(key)
    assert row >= 0, key
    combo.setCurrentIndex(row)


def test_filters(qtbot: QtBot, window: MainWindow, qtmodeltester) -> None:
    services = window.services
    page = open_page(window)
    assert shown_keys(page) == expected(services, NoteFilter())
    assert page.count_label.text() == "13 notes"
    qtmodeltester.check(page.model)

    choose(page.tor_filter, "partners")  # objective 3 and its sub-items
    assert shown_keys(page) == expected(services, NoteFilter(tor="partners"))
    assert len(shown_keys(page)) > len(expected(services, NoteFilter(tor="partnerships")))
    page.tor_filter.setCurrentIndex(0)
    choose(page.meeting_filter, "ev3")
    assert shown_keys(page) == expected(services, NoteFilter(meeting="ev3"))
    page.meeting_filter.setCurrentIndex(0)
    choose(page.witness_filter, "probation")
    assert shown_keys(page) == expected(services, NoteFilter(witness="probation"))
    page.witness_filter.setCurrentIndex(0)
    choose(page.evidence_filter, "borough-survey")
    assert shown_keys(page) == expected(services, NoteFilter(evidence="borough-survey"))
    page.evidence_filter.setCurrentIndex(0)

    page.access_filter.setCurrentIndex(page.access_filter.findData(Access.CLOSED.value))
    closed = shown_keys(page)
    assert closed == expected(services, NoteFilter(access=Access.CLOSED)) and closed
    for row in range(page.model.rowCount()):
        cell = page.model.index(row, NoteListColumn.ACCESS)
        assert cell.data() == "Closed"
        assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
        assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    page.access_filter.setCurrentIndex(0)

    qtbot.keyClicks(page.text_filter, "POLICE")
    qtbot.waitUntil(lambda: shown_keys(page) == expected(services, NoteFilter(text="police")))
    assert len(shown_keys(page)) > 1
    assert page.count_label.text() == f"{len(shown_keys(page))} notes"
    qtmodeltester.check(page.model)


def test_edit_close_delete_with_undo(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = open_page(window)
    before = services.reviews.export_bytes(1)
    assert page.reveal("n2")
    entry = page.current_note()
    assert entry is not None and entry.key == "n2"

    # edit in place: F2, type, Enter
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.view
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Rewritten in place.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits a moment later
    qtbot.waitUntil(lambda: services.notes.find(1, "n2").text == "Rewritten in place.")
    row = page.model.row_of_key("n2")
    assert row is not None
    assert page.model.index(row, NoteListColumn.TEXT).data() == "Rewritten in place."
    window.undo_action.trigger()
    assert services.notes.find(1, "n2").text == entry.text
    window.redo_action.trigger()
    assert services.notes.find(1, "n2").text == "Rewritten in place."
    window.undo_action.trigger()

    # closed and open again
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert services.notes.find(1, "n2").closed
    window.undo_action.trigger()
    assert not services.notes.find(1, "n2").closed

    # delete and back
    assert page.reveal("n2")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "n2" not in expected(services, NoteFilter())
    assert "n2" not in shown_keys(page)
    window.undo_action.trigger()
    assert "n2" in shown_keys(page)
    assert services.reviews.export_bytes(1) == before


def test_reveal_clears_filters(window: MainWindow) -> None:
    page = open_page(window)
    choose(page.meeting_filter, "ev3")
    assert not page.reveal("nope")
    assert page.reveal("n1")  # n1 is from ev1: the filter is cleared
    assert page.meeting_filter.currentIndex() == 0
    current = page.current_note()
    assert current is not None and current.key == "n1"
