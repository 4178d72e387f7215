"""The Live notes tab in a real main window over the sample review: notes typed and
filed by keyboard alone, each one undo step, checked in the database."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.note_records import NoteEntry, NoteFilter
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.live_notes.live_notes_tab import LiveNotesTab
from scrutiny_desk.ui.live_notes.session_notes_model import NoteColumn, SessionNotesModel
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_tab(window: MainWindow, meeting_key: str) -> LiveNotesTab:
    """The window's own Live Notes tab, in view, at that meeting."""
    tab = window.live_notes_tab
    assert isinstance(tab, LiveNotesTab)
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    window.activateWindow()
    QApplication.processEvents()
    tab.view.setFocus()
    return tab


def meeting_notes(services: Services, meeting: str) -> list[NoteEntry]:
    ids = services.notes.ids(1, NoteFilter(meeting=meeting), "position")
    return services.notes.entries(ids)


def test_capture_by_keyboard_with_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "ev3")
    before = meeting_notes(services, "ev3")
    assert tab.model.rowCount() == len(before)
    # the first item with witnesses is the current one; its own terms are offered first
    assert tab.current_item() is not None and tab.current_item().key == "ev3-cps"  # type: ignore[union-attr]
    assert tab.picker.matches.index(0, 0).data().startswith("3.4 ")

    # Ctrl+L, type, Tab into the picker, "2.4" Enter adds it, Enter saves
    qtbot.keyClick(tab.view, Qt.Key.Key_L, CTRL)
    assert tab.note_edit.hasFocus()
    qtbot.keyClicks(tab.note_edit, "Forensic backlogs delay drug trials by months.")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Tab)  # Tab goes on into the picker
    assert tab.picker.editor.hasFocus()
    qtbot.keyClick(tab.picker.editor, Qt.Key.Key_L, CTRL)
    assert tab.note_edit.hasFocus()
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_T, CTRL)
    assert tab.picker.editor.hasFocus()
    qtbot.keyClicks(tab.picker.editor, "2.4")
    qtbot.keyClick(tab.picker.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.picker.editor, "justice")
    qtbot.keyClick(tab.picker.editor, Qt.Key.Key_Return)
    assert tab.picker.keys() == ("forensics", "justice")
    began = datetime.now(UTC).replace(microsecond=0)
    qtbot.keyClick(tab.picker.editor, Qt.Key.Key_Return)

    after = meeting_notes(services, "ev3")
    assert len(after) == len(before) + 1
    note = after[-1]
    assert note.text == "Forensic backlogs delay drug trials by months."
    assert [t.key for t in note.tor] == ["forensics", "justice"]
    assert note.meeting is not None and note.meeting.key == "ev3"
    assert note.item is not None and note.item.key == "ev3-cps"
    assert [w.key for w in note.witnesses] == ["cps"]
    assert began <= note.created <= datetime.now(UTC) + timedelta(seconds=1)
    assert str(note.created.tzinfo) == "Europe/London"
    # the field is empty and keeps the focus; item and terms stay; the list shows it last
    assert tab.note_edit.text() == "" and tab.note_edit.hasFocus()
    assert tab.picker.keys() == ("forensics", "justice")
    last = tab.model.rowCount() - 1
    assert tab.model.rowCount() == len(after)
    assert tab.model.index(last, NoteColumn.TEXT).data() == note.text
    assert tab.model.index(last, NoteColumn.TERMS).data() == "2.4, 3.4"
    # taken today, not on the meeting's day (26 March 2007): the date shows too
    assert tab.model.index(last, NoteColumn.TIME).data() == note.created.strftime("%d %b %H:%M")
    assert tab.model.index(0, NoteColumn.TIME).data() == before[0].created.strftime("%H:%M")
    assert window.editor.stack.count() == 1

    # Enter in the note field saves a second one; "1.4" typed but not added is added
    qtbot.keyClicks(tab.note_edit, "Second note.")
    qtbot.keyClicks(tab.picker.editor, "1.4")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    assert [n.text for n in meeting_notes(services, "ev3")][-2:] == [note.text, "Second note."]
    second = meeting_notes(services, "ev3")[-1]
    assert [t.key for t in second.tor] == ["forensics", "justice", "impact"]
    tab.picker.set_keys(["forensics", "justice"])

    # Ctrl+Z in the (empty) note field removes the last note; the list follows
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Z, CTRL)
    assert [n.key for n in meeting_notes(services, "ev3")] == [n.key for n in after]
    assert tab.model.rowCount() == len(after)
    window.undo_action.trigger()
    assert [n.key for n in meeting_notes(services, "ev3")] == [n.key for n in before]
    assert tab.model.rowCount() == len(before)
    # redo puts the same note back, with its time
    window.redo_action.trigger()
    again = meeting_notes(services, "ev3")
    assert again[-1].key == note.key and again[-1].created == note.created
    assert tab.model.rowCount() == len(after)
    assert tab.model.index(tab.model.rowCount() - 1, NoteColumn.TEXT).data() == note.text


def test_closed_item_and_inline_errors(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "ev3")
    count = len(meeting_notes(services, "ev3"))
    # Alt+Down twice: from the CPS to the closed item (last on the agenda), marked
    for _ in range(2):
        qtbot.keyClick(tab.note_edit, Qt.Key.Key_Down, ALT)
    item = tab.current_item()
    assert item is not None and item.key == "ev3-user" and item.is_closed
    assert "(Closed)" in tab.item_combo.currentText()
    assert not tab.item_combo.itemIcon(tab.item_combo.currentIndex()).isNull()
    assert tab.closed_banner.isVisibleTo(tab)
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Up, ALT)
    assert tab.current_item() is not None and tab.current_item().key != "ev3-user"  # type: ignore[union-attr]
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Down, ALT)
    assert not tab.picker.keys()  # another item: the terms start again

    # none chosen: the picker says the note takes the item's own terms of reference
    numbers = ", ".join(t.label.split(" ", 1)[0] for t in item.tor)
    assert tab.picker.none_label.text() == f"None chosen: will be filed under the item's {numbers}"
    # with no item there are none to take: said beside the field, nothing saved, no dialog
    tab.item_combo.setCurrentIndex(tab.item_combo.count() - 1)
    assert tab.picker.none_label.text() == "None chosen"
    qtbot.keyClicks(tab.note_edit, "Heard in private.")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    assert tab.error_label.isVisibleTo(tab) and "terms of reference" in tab.error_label.text()
    assert tab.picker.editor.hasFocus()
    assert len(meeting_notes(services, "ev3")) == count
    assert window.editor.stack.count() == 0
    tab.item_combo.setCurrentIndex(tab.item_combo.findData("ev3-user"))
    # an empty note is refused the same way
    tab.picker.set_keys(["impact"])
    assert not tab.error_label.isVisibleTo(tab)
    tab.note_edit.setText("  ")
    tab.save_note()
    assert "Type the note" in tab.error_label.text()

    tab.note_edit.setText("Heard in private.")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    note = meeting_notes(services, "ev3")[-1]
    assert note.closed and note.item is not None and note.item.key == "ev3-user"
    row = tab.model.rowCount() - 1
    access = tab.model.index(row, NoteColumn.ACCESS)
    assert access.data() == "Closed"
    assert access.data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.model.index(row, NoteColumn.TEXT).data(Qt.ItemDataRole.BackgroundRole) is not None
    # taken during a closed item, it is a closed note in its own right (closed stays closed)
    assert note.access is Access.CLOSED
    assert "a closed note" in tab.model.index(row, NoteColumn.TEXT).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_no_particular_item_and_other_meetings(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "ev2")
    tab.item_combo.setCurrentIndex(tab.item_combo.count() - 1)
    assert tab.current_item() is None
    tab.picker.set_keys(["impact"])
    tab.note_edit.setText("General point.")
    tab.save_note()
    note = meeting_notes(services, "ev2")[-1]
    assert note.text == "General point." and note.item is None and note.witnesses == ()
    assert not note.closed
    # a closed note on an open item: the box is cleared after the save
    tab.step_item(-1)
    tab.closed_check.setChecked(True)
    tab.note_edit.setText("Off the record.")
    tab.picker.set_keys(["impact"])
    tab.save_note()
    note = meeting_notes(services, "ev2")[-1]
    assert note.text == "Off the record." and note.closed and note.access.value == "closed"
    assert note.item is not None and not tab.closed_check.isChecked()
    last = tab.model.rowCount() - 1
    assert tab.model.index(last, NoteColumn.ACCESS).data() == "Closed"
    tab.item_combo.setCurrentIndex(tab.item_combo.count() - 1)
    # another meeting: its own notes; back again: the item chosen there is remembered
    recs = services.meeting_edits.find(1, "ev3")
    tab.show_meeting(1, recs.id)
    assert tab.model.rowCount() == len(meeting_notes(services, "ev3"))
    ev2 = services.meeting_edits.find(1, "ev2")
    tab.show_meeting(1, ev2.id)
    assert tab.current_item() is None


def test_models_are_sound(window: MainWindow, qtmodeltester) -> None:
    tab = open_tab(window, "ev1")
    assert tab.model.rowCount() > 0
    qtmodeltester.check(tab.model, force_py=True)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.picker.matches)


def test_model_pages_and_minimal_changes(window: MainWindow, qtmodeltester) -> None:
    services = window.services
    fetched: list[int] = []

    def fetch(ids):  # type: ignore[no-untyped-def]
        fetched.append(len(ids))
        return services.notes.entries(ids)

    model = SessionNotesModel(fetch)
    ids = services.notes.ids(1, NoteFilter(), "created")
    model.set_notes(ids[:3])
    assert model.index(0, NoteColumn.TEXT).data() and fetched == [3]
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.set_notes(ids[:5])
    assert inserted == [(3, 4)]
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    model.set_notes(ids[:2])
    assert removed == [(2, 4)]
    qtmodeltester.check(model)


def test_read_only_database(make_window: WindowFactory, read_only_copy) -> None:  # type: ignore[no-untyped-def]
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        tab = open_tab(window, "ev1")
        assert not tab.note_edit.isEnabled() and not tab.picker.isEnabled()
    finally:
        services.close()


def test_a_capture_waiting_for_the_database_waits_on_a_worker_and_says_so(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """Another program holds the write lock: Enter returns at once, the line says after
    about a second that it waits, and the note is saved once the lock is free."""
    import sqlite3

    from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner

    services = sample_services
    window = make_window(services, runner=ThreadedTaskRunner())
    meeting = services.meeting_edits.find(1, "ev3")
    qtbot.waitUntil(lambda: window.select_meeting(meeting.id), timeout=10_000)
    tab = window.live_notes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    tab.show_meeting(1, meeting.id)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    before = meeting_notes(services, "ev3")
    holder = sqlite3.connect(services.db.engine.url.database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        tab.note_edit.setText("Said while another copy was importing.")
        tab.picker.set_keys(["forensics"])
        tab.save_note()  # returns at once: the insert waits on a worker
        assert tab.note_edit.isReadOnly()
        assert len(meeting_notes(services, "ev3")) == len(before)
        qtbot.waitUntil(lambda: "Waiting for the database" in tab.error_label.text(), timeout=5000)
        assert tab.note_edit.text() == "Said while another copy was importing."
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: len(meeting_notes(services, "ev3")) == len(before) + 1, timeout=8000)
    qtbot.waitUntil(lambda: not tab.note_edit.isReadOnly(), timeout=5000)
    assert meeting_notes(services, "ev3")[-1].text == "Said while another copy was importing."
    assert tab.note_edit.text() == "" and not tab.error_label.isVisible()
    assert window.editor.stack.count() == 1
    window.close()


# The daily flow: a hurried line, the keys, the room ---------------------------------------


def test_a_hurried_line_is_one_enter_filed_under_the_items_terms(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "ev3")
    item = tab.current_item()
    assert item is not None and item.tor  # the CPS item, with its own terms of reference
    assert tab.picker.keys() == ()
    assert "will be filed under the item's 3.4" in tab.picker.none_label.text()
    assert tab.picker.none_label.isVisibleTo(tab)
    qtbot.keyClick(tab.view, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(tab.note_edit, "Backlogs are worst in the south.")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    note = meeting_notes(services, "ev3")[-1]
    assert note.text == "Backlogs are worst in the south."
    assert [t.key for t in note.tor] == [t.key for t in item.tor]
    assert not tab.error_label.isVisibleTo(tab)
    assert tab.note_edit.text() == "" and tab.note_edit.hasFocus()
    window.undo_action.trigger()
    assert meeting_notes(services, "ev3")[-1].key != note.key
    window.redo_action.trigger()
    assert meeting_notes(services, "ev3")[-1].key == note.key


def test_tab_goes_note_terms_closed(qtbot: QtBot, window: MainWindow) -> None:
    tab = open_tab(window, "ev3")
    tab.note_edit.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [tab.picker.editor, tab.closed_check, tab.view]
    # and the form shows them in that order, top to bottom
    tops = [
        w.mapTo(tab, w.rect().topLeft()).y() for w in (tab.note_edit, tab.picker, tab.closed_check)
    ]
    assert tops == sorted(tops)


def test_ctrl_l_reaches_the_note_from_anywhere_on_the_meetings_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = open_tab(window, "ev3")
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)  # another tab in front
    window.meetings_view.setFocus()
    assert not tab.isVisible()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_L, CTRL)
    assert window.meeting_tabs.currentWidget() is tab
    assert tab.note_edit.hasFocus()
    # on another page Ctrl+L is not the Live Notes tab's
    window.show_page(PageId.NOTES)
    window.notes_page.view.setFocus()
    qtbot.keyClick(window.notes_page.view, Qt.Key.Key_L, CTRL)
    assert window.pages.currentWidget() is window.notes_page
    assert not tab.note_edit.hasFocus()


def test_ten_recent_notes_in_sight_at_1280_by_800(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 800)
    tab = open_tab(window, "ev3")
    services = window.services
    item = tab.current_item()
    assert item is not None
    for n in range(12):  # more notes than there is room for
        services.notes.capture(1, f"Point {n}", [t.key for t in item.tor], item=item.key)
    tab.reload(frozenset({Topic.NOTES}))
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 12)
    QApplication.processEvents()
    rows = tab.view.viewport().height() // tab.view.verticalHeader().defaultSectionSize()
    assert rows >= 10, (rows, window.splitter.sizes())
    # the other tabs give the meetings list its room back
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)
    QApplication.processEvents()
    assert tab.minimumHeight() == 0


def test_the_meeting_tabs_are_built_when_first_chosen_and_ctrl_l_builds_live_notes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Only the Agenda tab is built with the window; a tab chosen is built in its place
    (same title, same position) and shows the meeting selected; Ctrl+L reaches the note
    field of a Live Notes tab not built yet."""
    tabs = window.meeting_tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert not window.findChildren(LiveNotesTab)
    meeting = window.services.meeting_edits.find(window.current_review_id() or 0, "ev3")
    assert window.select_meeting(meeting.id)
    window.activateWindow()
    qtbot.waitExposed(window)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_L, CTRL)
    built = window.findChildren(LiveNotesTab)
    assert len(built) == 1 and tabs.currentWidget() is built[0]
    assert built[0].note_edit.hasFocus()
    qtbot.waitUntil(lambda: built[0].current_item() is not None)
    assert [tabs.tabText(i) for i in range(tabs.count())] == titles
    # the tab's own Ctrl+L from now on: still one action on the key, still reaching it
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_L, CTRL)
    assert tabs.currentWidget() is built[0] and built[0].note_edit.hasFocus()
    tabs.setCurrentIndex(titles.index(window.tr("Atte&ndance")))
    assert tabs.currentWidget() is window.attendance_tab
