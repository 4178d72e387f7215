"""The audit trail in the window: a record's History (Edit > History…, Ctrl+H, and
each record page's context menu) and the Audit Log page with its filters, over the
sample review after edits made through the window by two clerks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.audit_records import AuditAction, AuditQuery
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.audit.history_action import HistoryAction, history_in_view
from scrutiny_desk.ui.audit.history_dialog import HistoryDialog
from scrutiny_desk.ui.audit.log_page import AuditLogPage
from scrutiny_desk.ui.audit.trail_model import TrailColumn
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.witnesses.witnesses_page import WitnessesPage

from .conftest import WindowFactory, open_read_only
from .removal import answer

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def witnesses(window: MainWindow) -> WitnessesPage:
    window.show_page(PageId.WITNESSES)
    page = window.witnesses_page
    page.show_review(window.current_review_id())
    return page


def edit_role(qtbot: QtBot, window: MainWindow, key: str, role: str) -> None:
    """Change a witness's role through the Edit Witness dialog."""
    page = witnesses(window)
    assert page.select_witness(key)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.role_edit.clear()
    qtbot.keyClicks(dialog.role_edit, role)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.services.witness_edits.find_witness(1, key).role == role


def remove_witness(qtbot: QtBot, window: MainWindow, key: str) -> None:
    page = witnesses(window)
    assert page.select_witness(key)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    answer(window, yes=True)


def history_dialogs() -> list[HistoryDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog) and w.isVisible()
    ]


def shown(dialog_or_page: HistoryDialog | AuditLogPage, column: TrailColumn) -> list[str]:
    view = dialog_or_page.view
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def log_page(window: MainWindow) -> AuditLogPage:
    window.show_page(PageId.AUDIT_LOG)
    page = window.page(PageId.AUDIT_LOG)
    assert isinstance(page, AuditLogPage)
    return page


# History -------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise()
def test_history_of_a_witness_shows_the_edit_and_who_made_it(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    window.services.db.user = "alice"
    edit_role(qtbot, window, "cps", "Chief Crown Prosecutor")
    page = window.witnesses_page
    page.view.setFocus()
    (edit_history,) = [a for a in window.edit_menu.actions() if a.objectName() == "historyAction"]
    assert edit_history.shortcut().toString() == "Ctrl+H"
    edit_history.trigger()
    (dialog,) = history_dialogs()
    cps = window.services.witness_edits.find_witness(1, "cps")
    assert dialog.shows("witnesses", cps.id)
    assert "Head of Drugs Casework" in dialog.windowTitle()
    assert shown(dialog, TrailColumn.WHO)[0] == "alice"
    assert shown(dialog, TrailColumn.ACTION)[0] == "Changed"
    assert "role" in shown(dialog, TrailColumn.DETAIL)[0]
    when = shown(dialog, TrailColumn.WHEN)[0]
    assert when.startswith(date.today().strftime("%a")) or when  # local day, then time
    qtmodeltester.check(dialog.model)

    # It stays open and reads again after the next change: newest first.
    window.services.db.user = "bob"
    window.editor.stack.undo()
    qtbot.waitUntil(lambda: len(shown(dialog, TrailColumn.WHO)) == 2)
    assert shown(dialog, TrailColumn.WHO) == ["bob", "alice"]
    # Asking again for the same record brings the same window forward.
    edit_history.trigger()
    assert history_dialogs() == [dialog]
    dialog.close()


def test_every_record_page_offers_history_of_its_chosen_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    review_id = window.current_review_id()
    pages = {
        PageId.WITNESSES: "witnesses",
        PageId.EVIDENCE: "evidence",
        PageId.NOTES: "notes",
        PageId.RECOMMENDATIONS: "recommendations",
        PageId.TERMS: "tor_items",
        PageId.PANEL: "panel_members",
        PageId.REPORT: "report_paragraphs",
    }
    for page_id, kind in pages.items():
        window.show_page(page_id)
        page = window.page(page_id)
        page.show_review(review_id)  # type: ignore[attr-defined]
        actions = [a for a in page.findChildren(QAction) if isinstance(a, HistoryAction)]
        assert actions, page_id
        view = actions[0].view
        model = view.model()
        qtbot.waitUntil(lambda model=model: model.rowCount() > 0)
        first = next(
            model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).isValid()
        )
        view.setCurrentIndex(first)
        if actions[0].target() is None:  # a heading: its first record is under it
            view.setCurrentIndex(model.index(0, 0, first))
        found = history_in_view(page)
        assert found is not None, page_id
        target = found.target()
        assert target is not None and target[0] == kind, page_id
        assert found in view.actions()  # on the table's context menu
    # The Meetings page: the meeting chosen, and the agenda item chosen in its tab.
    window.show_page(PageId.MEETINGS)
    window.meetings_view.setFocus()
    target = history_in_view(window.meetings_page)
    assert target is not None and target.target()[0] == "meetings"  # type: ignore[index]
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)
    window.agenda_tab.view.setCurrentIndex(window.agenda_tab.view.model().index(0, 0))
    window.agenda_tab.view.setFocus()
    QApplication.processEvents()
    found = history_in_view(window.meetings_page)
    assert found is not None and found.target()[0] == "agenda_items"  # type: ignore[index]
    # The Minutes tab: the item whose minute is shown, and the actions agreed.
    window.meeting_tabs.setCurrentWidget(window.minutes_tab)
    minutes = window.minutes_tab
    qtbot.waitUntil(lambda: minutes.items_model.rowCount() > 0)
    minutes.items_view.setCurrentIndex(minutes.items_model.index(0, 0))
    minutes.items_view.setFocus()
    QApplication.processEvents()
    found = history_in_view(window.meetings_page)
    assert found is not None and found.target() == ("agenda_items", minutes.current_item().id)  # type: ignore[union-attr]
    assert any(isinstance(a, HistoryAction) for a in minutes.actions_pane.view.actions())


# The review log ----------------------------------------------------------------------------


def test_the_log_filters_by_action_person_day_and_name(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    window.services.db.user = "alice"
    edit_role(qtbot, window, "cps", "Chief Crown Prosecutor")
    window.services.db.user = "bob"
    remove_witness(qtbot, window, "probation")
    page = log_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    qtmodeltester.check(page.model)
    assert shown(page, TrailColumn.ACTION)[-1] == "Imported"  # the sample, first of all
    assert {"alice", "bob"} <= set(shown(page, TrailColumn.WHO))

    filters = page.filters
    filters.action_combo.setCurrentIndex(filters.action_combo.findData(AuditAction.DELETED))
    qtbot.waitUntil(lambda: set(shown(page, TrailColumn.ACTION)) == {"Deleted"})
    assert set(shown(page, TrailColumn.WHO)) == {"bob"}
    assert "Witness: (deleted)" in shown(page, TrailColumn.RECORD)

    filters.action_combo.setCurrentIndex(0)
    assert filters.choose(filters.person_combo, "alice")
    qtbot.waitUntil(lambda: set(shown(page, TrailColumn.WHO)) == {"alice"})
    assert "Witness: Head of Drugs Casework" in shown(page, TrailColumn.RECORD)
    assert filters.choose(filters.kind_combo, "witnesses")
    assert filters.kind_combo.currentText() == "Witness"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert shown(page, TrailColumn.RECORD) == ["Witness: Head of Drugs Casework"]
    assert page.summary.text() == "1 entry, newest first."
    filters.kind_combo.setCurrentIndex(0)

    filters.person_combo.setCurrentIndex(0)
    filters.since_edit.setDate(QDate.currentDate().addDays(1))  # nothing from tomorrow
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.summary.text() == "No entries match these filters."
    yesterday = date.today() - timedelta(days=1)
    filters.since_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)

    qtbot.keyClicks(filters.words_edit, "drugs casework")  # any case, the record's name
    assert shown(page, TrailColumn.RECORD) == ["Witness: Head of Drugs Casework"]
    assert page.model.rowCount() > 1  # the rows read stay, the view shows the match
    assert page.summary.text().endswith("1 with that name.")


def test_the_log_reads_a_page_at_a_time_and_again_as_it_comes_into_view(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrutiny_desk.ui.audit import log_page as module

    monkeypatch.setattr(module, "STEP", 2)
    window.services.db.user = "carol"
    edit_role(qtbot, window, "cps", "Head of Casework")
    review_id = window.current_review_id()
    everything = window.services.audit.review_log(AuditQuery(review_id=review_id))
    assert len(everything) > 2
    page = log_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.summary.text() == "2 entries, newest first. Load More reads older ones."
    while page.more_button.isEnabled():
        page.more_button.click()
        qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    assert page.model.rowCount() == len(everything)
    assert shown(page, TrailColumn.ACTION)[-1] == "Imported"

    window.services.db.user = "dana"
    edit_role(qtbot, window, "cps", "Head of Drugs Casework")
    window.show_page(PageId.AUDIT_LOG)  # out of view it catches up as it comes in
    qtbot.waitUntil(lambda: shown(page, TrailColumn.WHO)[0] == "dana")
    assert page.model.rowCount() >= len(everything)  # as many as were loaded, newest first


def test_a_row_of_the_log_opens_its_record(qtbot: QtBot, window: MainWindow) -> None:
    window.services.db.user = "alice"
    edit_role(qtbot, window, "jrf", "Research Director")
    page = log_page(window)
    qtbot.waitUntil(lambda: "alice" in shown(page, TrailColumn.WHO))
    row = shown(page, TrailColumn.RECORD).index("Witness: Research Manager")
    page.view.setCurrentIndex(page.proxy.index(row, TrailColumn.WHEN))
    assert page.current_row().entry.record_kind == "witnesses"  # type: ignore[union-attr]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.witnesses_page)
    qtbot.waitUntil(lambda: window.witnesses_page.current_witness() is not None)
    assert window.witnesses_page.current_witness().key == "jrf"  # type: ignore[union-attr]

    # Its History from the log shows the same record's trail.
    window.show_page(PageId.AUDIT_LOG)
    page.history_action.trigger()
    (dialog,) = history_dialogs()
    assert dialog.record_kind == "witnesses"
    assert shown(dialog, TrailColumn.WHO)[0] == "alice"
    dialog.close()


def test_ctrl_shift_h_shows_the_audit_log(qtbot: QtBot, window: MainWindow) -> None:
    (go,) = [a for a in window.go_menu.actions() if a.data() is PageId.AUDIT_LOG]
    assert go.text() == "Audit &Log"
    assert go.shortcut().toString() == "Ctrl+Shift+H"
    go.trigger()
    assert window.pages.currentWidget() is window.page(PageId.AUDIT_LOG)
    assert window.navigation.currentItem().text() == "Audit log"


def test_an_export_shows_in_the_log_when_it_comes_into_view(
    qtbot: QtBot, window: MainWindow, tmp_path
) -> None:
    """An export is no edit (no page is told of it), but it is in the trail."""
    page = log_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    window.show_page(PageId.WITNESSES)
    window.services.db.user = "dana"
    review_id = window.current_review_id()
    assert review_id is not None
    ev3 = window.services.meeting_edits.find(review_id, "ev3")
    window.services.exports.agenda(ev3.id, Audience.PANEL, tmp_path / "agenda.pdf")
    window.show_page(PageId.AUDIT_LOG)
    qtbot.waitUntil(lambda: shown(page, TrailColumn.WHO)[0] == "dana")
    assert shown(page, TrailColumn.ACTION)[0] == "Exported"
    assert shown(page, TrailColumn.DETAIL)[0] == "agenda for the panel (pdf)"
    assert shown(page, TrailColumn.RECORD)[0].startswith("Meeting: ")


def test_a_reader_sees_the_history_and_the_log(
    qtbot: QtBot, make_window: WindowFactory, read_only_copy
) -> None:
    """Reading the trail writes nothing: a read-only database shows it all."""
    window = make_window(open_read_only(read_only_copy))
    page = log_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert shown(page, TrailColumn.ACTION)[-1] == "Imported"
    assert page.open_action.isEnabled() is False  # a review has no page of its own
    dialog = page.history_action.open()
    assert dialog is not None and dialog.record_kind == "reviews"
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    assert shown(dialog, TrailColumn.ACTION)[-1] == "Imported"
    dialog.close()


def test_the_log_and_history_are_named_for_screen_readers(qtbot: QtBot, window: MainWindow) -> None:
    page = log_page(window)
    filters = page.filters
    fields = [
        filters.action_combo,
        filters.person_combo,
        filters.kind_combo,
        filters.since_edit,
        filters.until_edit,
        filters.words_edit,
    ]
    assert [f.accessibleName() for f in fields] == [
        "Action",
        "Person",
        "Kind of record",
        "From",
        "Until",
        "Show entries whose record's name contains",
    ]
    assert page.view.accessibleName() == "Audit log of the review"
    buttons = [b for b in page.findChildren(QToolButton) if b.isVisible()]
    assert sorted(b.accessibleName() for b in buttons) == ["History", "Show Record"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    dialog = page.history_action.open()
    assert dialog is not None
    assert dialog.view.accessibleName() == "History of Review: Drugs Scrutiny"
    dialog.close()
