"""The main window over a real SQLite database, with a synchronous task runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk import __version__
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.db import Database
from scrutiny_desk.ui.agenda.agenda_model import AgendaColumn
from scrutiny_desk.ui.meetings.meetings_model import MeetingColumn
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.conftest import EXAMPLE
from tests.ui.steps import CallStep

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui

EV3 = "Evidence session 3: criminal justice and treatment"


def meeting_titles(window: MainWindow) -> list[str]:
    proxy = window.meetings_proxy
    return [proxy.index(row, MeetingColumn.TITLE).data() for row in range(proxy.rowCount())]


def click_meeting(qtbot, window: MainWindow, title: str) -> None:
    row = meeting_titles(window).index(title)
    view = window.meetings_view
    index = window.meetings_proxy.index(row, MeetingColumn.TITLE)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def message_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


# Empty database ------------------------------------------------------------------------


def test_empty_database_shows_the_empty_state(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    assert window.stack.currentWidget() is window.empty_state
    assert window.empty_state.isVisible()
    assert window.empty_state.message.text() == "There are no reviews in this database yet."
    assert window.empty_state.sample_button.text() == "Load the &sample review"
    assert window.empty_state.import_button.text() == "&Import a review file…"
    assert window.empty_state.sample_button.isEnabled()
    assert window.windowTitle() == "Scrutiny Desk"
    assert not window.review_combo.isVisible()


def test_load_the_sample_from_the_empty_state(
    qtbot: QtBot,
    make_window: WindowFactory,
    sqlite_services: Services,
) -> None:
    window = make_window(sqlite_services)
    qtbot.mouseClick(window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace_widget
    assert window.meetings_proxy.rowCount() == 8
    assert window.windowTitle() == "Scrutiny Desk — Drugs Scrutiny"
    assert window.review_combo.isVisible()
    assert window.review_combo.currentText() == "Drugs Scrutiny"
    review_id = window.current_review_id()
    assert window.statusBar().currentMessage() == (
        f"Loaded the sample review as review {review_id}. Loaded 8 meetings."
    )
    # The first meeting is current and its agenda shown: never a blank pane.
    assert window.current_meeting() is not None
    assert window.meeting_tabs.currentWidget() is window.agenda_tab
    assert window.agenda_tab.model.rowCount() > 0
    assert not message_boxes(window)


def test_the_real_runner_loads_off_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services, runner=ThreadedTaskRunner())
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)  # "As Printed"
    window.load_sample()
    assert not window.sample_action.isEnabled()  # no second import while the first runs
    qtbot.waitUntil(lambda: window.agenda_model.rowCount() > 0, timeout=10_000)
    assert window.meetings_proxy.rowCount() == 8
    ev3 = next(m.id for m in sqlite_services.meetings.list(1) if m.title == EV3)
    window.select_meeting(ev3)
    qtbot.waitUntil(lambda: window.agenda_model.closed_count() == 1, timeout=10_000)
    assert window.agenda_model.rowCount() == 6
    qtbot.waitUntil(lambda: not window.busy_indicator.isVisible(), timeout=10_000)
    assert window.sample_action.isEnabled()


# Meetings and agenda ---------------------------------------------------------------------


def test_a_database_with_reviews_starts_on_the_meetings_list_without_an_empty_state(
    make_window: WindowFactory, sample_services: Services
) -> None:
    """The list has the focus (typing goes there); the empty state is not built."""
    window = make_window(sample_services)
    assert window.stack.currentWidget() is window.workspace_widget
    assert window.focusWidget() is window.meetings_view
    assert window._empty_state is None and window.stack.count() == 1


def test_meetings_table_shows_dates_times_and_item_counts(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    row = meeting_titles(window).index(EV3)
    cells = [window.meetings_proxy.index(row, c).data() for c in MeetingColumn]
    assert cells == [
        "Mon 26 Mar 2007",
        "14:00–17:00",
        EV3,
        "Committee Room 1, 10 Dean Farrar Street",
        "Held",
        "5 open, 1 closed",
        "Published Fri 16 Mar",
    ]


def test_selecting_a_meeting_shows_its_agenda_with_the_closed_item_marked(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)  # "As Printed"
    click_meeting(qtbot, window, EV3)

    meeting = window.current_meeting()
    assert meeting is not None and meeting.title == EV3
    agenda = window.agenda_model
    assert agenda.rowCount() == 6
    assert [agenda.record(r).number for r in range(6)] == [1, 2, 3, 4, 5, 6]
    assert [agenda.record(r).is_closed for r in range(6)] == [False] * 5 + [True]
    assert EV3 in window.agenda_panel.heading.text()

    closed = agenda.index(5, AgendaColumn.ACCESS)
    assert closed.data() == "Closed"
    assert not closed.data(Qt.ItemDataRole.DecorationRole).isNull()  # the lock
    assert closed.data(Qt.ItemDataRole.FontRole).bold()
    assert "Schedule 12A" in closed.data(Qt.ItemDataRole.ToolTipRole)
    for column in AgendaColumn:  # the whole row is tinted ...
        assert agenda.index(5, column).data(Qt.ItemDataRole.BackgroundRole) is not None
        assert agenda.index(4, column).data(Qt.ItemDataRole.BackgroundRole) is None
    assert agenda.index(4, AgendaColumn.ACCESS).data() == "Open"
    # ... and a notice above the table says it in words.
    assert window.agenda_panel.closed_notice.isVisible()
    assert "Item 6 is closed" in window.agenda_panel.closed_notice_text.text()


def test_as_printed_reads_the_agenda_when_it_comes_into_view(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """The Agenda tab reads the agenda it shows; "As Printed", out of view, reads
    nothing until the clerk turns to it (two reads of one agenda at once made the GUI
    thread wait for Python's lock)."""
    read: list[int] = []
    agenda = sample_services.meetings.agenda

    def counted(meeting_id: int) -> object:
        read.append(meeting_id)
        return agenda(meeting_id)

    sample_services.meetings.agenda = counted  # type: ignore[method-assign]
    window = make_window(sample_services)
    click_meeting(qtbot, window, EV3)
    assert window.agenda_tab.model.rowCount() == 6
    assert read == [] and window.agenda_model.rowCount() == 0
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)
    meeting = window.current_meeting()
    assert meeting is not None and read == [meeting.id]
    assert window.agenda_model.rowCount() == 6
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)
    assert read == [meeting.id]  # nothing changed meanwhile: not read again


def test_a_meeting_without_closed_items_has_no_closed_notice(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)  # "As Printed"
    click_meeting(qtbot, window, EV3)
    click_meeting(qtbot, window, "Scoping meeting")
    assert window.current_meeting().title == "Scoping meeting"  # type: ignore[union-attr]
    assert window.agenda_model.closed_count() == 0
    assert not window.agenda_panel.closed_notice.isVisible()


def test_meetings_sort_by_date_not_by_the_words_shown(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.meetings_view.sortByColumn(MeetingColumn.DATE, Qt.SortOrder.DescendingOrder)
    dates = [window.meetings_proxy.index(r, MeetingColumn.DATE).data() for r in range(8)]
    assert dates[0] == "Mon 9 Jul 2007"
    assert dates[-1] == "Mon 20 Nov 2006"
    window.meetings_view.sortByColumn(MeetingColumn.ITEMS, Qt.SortOrder.DescendingOrder)
    assert window.meetings_proxy.index(0, MeetingColumn.ITEMS).data() == "5 open, 1 closed"


def test_switching_reviews_changes_the_meetings(
    make_window: WindowFactory, sample_services: Services
) -> None:
    example_id = sample_services.reviews.import_file(EXAMPLE)
    window = make_window(sample_services)
    combo = window.review_combo
    assert combo.count() == 2
    labels = [combo.itemText(i) for i in range(2)]
    assert len(set(labels)) == 2, "two reviews of one title must be told apart"

    combo.setCurrentIndex(window.reviews_model.row_of(example_id))  # type: ignore[arg-type]
    assert window.current_review_id() == example_id
    assert meeting_titles(window) == ["Evidence session 1", "Evidence session 2"]
    assert window.windowTitle() == f"Scrutiny Desk — Drugs Scrutiny (review {example_id})"
    assert window.statusBar().currentMessage() == "Loaded 2 meetings."
    assert window.current_meeting().title == "Evidence session 1"  # type: ignore[union-attr]

    combo.setCurrentIndex(window.reviews_model.row_of(1))  # type: ignore[arg-type]
    assert len(meeting_titles(window)) == 8


def test_refresh_keeps_the_review_and_meeting_shown(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    click_meeting(qtbot, window, EV3)
    sample_services.reviews.import_file(EXAMPLE)  # another clerk adds a review
    window.refresh_action.trigger()
    assert window.review_combo.count() == 2
    assert window.current_meeting().title == EV3  # type: ignore[union-attr]


# Importing -------------------------------------------------------------------------------


def test_import_a_review_file(make_window: WindowFactory, sample_services: Services) -> None:
    window = make_window(sample_services)
    window.import_review_file(str(EXAMPLE))
    review_id = window.current_review_id()
    assert review_id == 2
    assert window.statusBar().currentMessage() == (
        "Imported review 2 from example-review-v1.json. Loaded 2 meetings."
    )
    assert meeting_titles(window) == ["Evidence session 1", "Evidence session 2"]
    assert not message_boxes(window)


def test_import_action_asks_for_a_file(
    make_window: WindowFactory, sqlite_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(sqlite_services)
    asked: list[bool] = []
    monkeypatch.setattr(window, "choose_import_file", lambda: asked.append(True) or None)
    window.import_action.trigger()
    assert asked == [True]
    assert window.stack.currentWidget() is window.empty_state  # cancelled: nothing happened

    monkeypatch.setattr(window, "choose_import_file", lambda: str(EXAMPLE))
    window.empty_state.import_button.click()
    assert window.meetings_proxy.rowCount() == 2


def test_a_bad_file_is_explained_in_a_message_box(
    make_window: WindowFactory, sqlite_services: Services, tmp_path: Path
) -> None:
    bad = tmp_path / "minutes.json"
    bad.write_text("this is not JSON", encoding="utf-8")
    window = make_window(sqlite_services)
    window.import_review_file(str(bad))
    [box] = message_boxes(window)
    assert box.icon() == QMessageBox.Icon.Warning  # report_error: a failure the clerk can act on
    assert box.text() == "The review in minutes.json could not be imported"
    assert box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert window.stack.currentWidget() is window.empty_state
    assert window.import_action.isEnabled()  # ready for another try
    box.close()


def test_a_file_with_a_10_mb_bad_value_gets_a_short_message(
    make_window: WindowFactory, sqlite_services: Services, tmp_path: Path
) -> None:
    document = json.loads(EXAMPLE.read_bytes())
    document["review"]["meetings"][0]["sequence"] = "x" * 10_000_000
    bad = tmp_path / "huge.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    window = make_window(sqlite_services)
    window.import_review_file(str(bad))
    [box] = message_boxes(window)
    text = box.informativeText()
    assert len(text) < 1000  # 10,000,129 characters before, which froze the window
    assert "review.meetings[0].sequence: 'xxxx" in text
    assert "xxxx…[9,999,902 characters left out]…xxxx" in text
    assert "xxxx' is not of type 'integer', 'null'" in text
    box.close()


def test_an_unexpected_error_is_reported_without_a_traceback(
    make_window: WindowFactory, sample_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(sample_services)

    def broken(_review_id: int, *_args: object) -> list[int]:
        raise RuntimeError("boom")

    monkeypatch.setattr(sample_services.listing, "meeting_ids", broken)
    window.refresh_action.trigger()
    [box] = message_boxes(window)
    assert box.text() == "The meetings could not be loaded"
    assert "did not expect" in box.informativeText()
    assert "boom" not in box.informativeText() and "Traceback" not in box.informativeText()
    box.close()


# Read-only databases ------------------------------------------------------------------


def test_a_read_only_database_says_so_and_allows_no_edits(
    make_window: WindowFactory, read_only_copy: Path
) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        assert window.windowTitle() == "Scrutiny Desk — Drugs Scrutiny [read-only]"
        assert not window.import_action.isEnabled()
        assert not window.sample_action.isEnabled()
        assert window.read_only_label.isVisible()
        assert window.read_only_label.text() == (
            "Read-only: you may not write to the file or its folder"
        )
        assert window.meetings_proxy.rowCount() == 8  # reading still works
        window.load_sample()  # even if called, nothing is written
        assert services.reviews.list()[0].meeting_count == 8
        assert len(services.reviews.list()) == 1
        window.close()
    finally:
        services.close()


def test_an_empty_read_only_database_disables_the_empty_state_buttons(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    db = sqlite_services.db
    services = Services(Database(db.engine, db.label, read_only=True, read_only_reason="test"))
    window = make_window(services)
    assert window.stack.currentWidget() is window.empty_state
    assert window.windowTitle() == "Scrutiny Desk [read-only]"
    assert not window.empty_state.sample_button.isEnabled()
    assert not window.empty_state.import_button.isEnabled()
    assert "read-only (test)" in window.empty_state.read_only_note.text()


# Settings ------------------------------------------------------------------------------


def test_the_last_review_and_the_layout_are_remembered(
    make_window: WindowFactory, sample_services: Services
) -> None:
    example_id = sample_services.reviews.import_file(EXAMPLE)
    first = make_window(sample_services)
    assert first.current_review_id() == 1
    first.show_review(example_id)
    first.resize(900, 640)
    size = (first.width(), first.height())
    first.splitter.setSizes([200, 300])
    sizes = first.splitter.sizes()
    first.close()

    again = make_window(sample_services, window_settings=Settings())
    assert again.current_review_id() == example_id
    assert again.review_combo.currentIndex() == again.reviews_model.row_of(example_id)
    # The offscreen screen is 800 px wide; the window's minimum width may exceed it, and
    # a remembered width wider than the screen is brought back onto it.
    screen = again.screen().availableGeometry().width()
    assert again.height() == size[1]
    assert again.width() in (size[0], again.minimumSizeHint().width(), again.minimumWidth()) or (
        size[0] > screen and screen - 10 <= again.width() <= screen
    )
    assert again.splitter.sizes() == sizes


def test_a_remembered_review_that_was_deleted_falls_back_to_the_first(
    make_window: WindowFactory, sample_services: Services, settings: Settings
) -> None:
    settings.last_review_id = 99
    window = make_window(sample_services)
    assert window.current_review_id() == 1


# Keyboard and accessibility ---------------------------------------------------------------


def test_actions_have_standard_shortcuts_and_menus(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    assert window.import_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.refresh_action.shortcut() == QKeySequence("F5")
    menus = {
        a.text(): [x.text() for x in a.menu().actions() if not x.isSeparator()]
        for a in window.menuBar().actions()
    }
    assert menus == {
        "&File": [
            "&New Review…",
            "&Import Review…",
            "Load &Sample Review",
            "&Back Up Now",
            "Res&tore From Backup…",
            "Backups &Folder…",
            "&Quit",
        ],
        "&Edit": ["&Undo", "&Redo", "&Search Review…", "&History…"],
        "&View": ["&Refresh", "&List", "&Calendar"],
        "&Go": [
            "&Overview",
            "&Terms of Reference",
            "&Meetings",
            "&Witnesses",
            "&Evidence",
            "&Notes",
            "&Coverage",
            "&Recommendations",
            "Re&port",
            "&Follow-up",
            "P&anel",
            "Personal &Data",
            "Audit &Log",
        ],
        "&Review": [
            "&Edit Review Details…",
            "&Delete Review…",
            "Export &Programme (.ics)…",
            "Export &Report…",
            "Publish Review for the &Web…",
            "Publish Programme to &Folder…",
        ],
        "&Meeting": [
            "&New Meeting…",
            "New &Series…",
            "&Edit Meeting…",
            "&Duplicate Meeting…",
            "P&ostpone Meeting",
            "Cance&l Meeting…",
            "Dele&te Meeting…",
            "Mark Agenda Pu&blished…",
            "Export &Agenda…",
            "Export &Minutes…",
            "Export Agenda Pac&k…",
            "Publis&h for the Web…",
            "Send &Updates…",
            "Send &Invitation…",
            "Send &Cancellation…",
            "Invite a &Witness…",
            "&Print Agenda…",
            "P&rint Minutes…",
        ],
        "&Help": ["&User Guide", "Show &Log Folder", "&About Scrutiny Desk"],
    }
    (go,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Go"]
    keys = {a.text(): a.shortcut().toString() for a in go.actions() if not a.isSeparator()}
    # Ctrl+1 .. Ctrl+0 in navigation order; Panel and Personal Data, after them, have none
    assert [keys[x] for x in ("&Overview", "&Recommendations", "Re&port", "&Follow-up")] == [
        "Ctrl+1",
        "Ctrl+8",
        "Ctrl+9",
        "Ctrl+0",
    ]
    assert keys["P&anel"] == keys["Personal &Data"] == ""
    assert keys["Audit &Log"] == "Ctrl+Shift+H"


def test_controls_have_accessible_names(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    assert window.review_combo.accessibleName() == "Review"
    assert window.meetings_view.accessibleName() == "Meetings"
    assert window.agenda_view.accessibleName().startswith("Agenda of ")
    for button in (window.empty_state.sample_button, window.empty_state.import_button):
        assert button.accessibleName()


def test_tab_moves_from_the_review_switcher_through_the_filter_to_the_tables(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    page = window.meetings_page
    window.review_combo.setFocus()
    qtbot.keyClick(window.review_combo, Qt.Key.Key_Tab)
    assert window.focusWidget() is page.filter_edit
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Tab)
    assert window.focusWidget() is page.status_combo
    qtbot.keyClick(page.status_combo, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.meetings_view
    qtbot.keyClick(window.meetings_view, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.agenda_tab.view


def test_quit_closes_and_about_tells_the_version(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    box = window.show_about()
    assert f"Scrutiny Desk {__version__}" in box.text()
    box.close()
    window.quit_action.trigger()
    assert not window.isVisible()


def test_pages_out_of_view_read_when_they_come_into_view(
    make_window: WindowFactory, sample_services: Services
) -> None:
    """Only the page in view (and the meetings list, which drives the meeting tabs)
    reads at start-up and after an edit; the others catch up when shown."""
    window = make_window(sample_services)
    notes = window.notes_page
    assert window.pages.currentWidget() is window.meetings_page
    assert notes.review_id is None  # not read yet
    window.show_page(PageId.NOTES)
    assert notes.review_id == window.current_review_id()
    before = notes.model.rowCount()

    window.show_page(PageId.MEETINGS)
    review_id = window.current_review_id()
    assert review_id is not None
    window.editor.perform(
        CallStep(
            "Note",
            lambda: sample_services.notes.capture(
                review_id, "Seen later", ["forensics"], key="late"
            ),
            lambda: sample_services.notes.delete(*_note_id_version(sample_services, review_id)),
        ),
    )
    assert notes.model.rowCount() == before  # out of view: not read again yet
    window.show_page(PageId.NOTES)
    assert notes.model.rowCount() == before + 1


def _note_id_version(services: Services, review_id: int) -> tuple[int, int]:
    entry = services.notes.find(review_id, "late")
    return entry.id, entry.version
