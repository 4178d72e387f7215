"""The Recommendations page in a real main window over the sample review: a
recommendation followed from draft to implemented through the widgets, the lead/due
rule shown inline, links, progress updates, new, delete and reorder, each checked in
the database, then undone and redone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import RecommendationStatus
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.actions import ActionChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.ui.recommendations.clamped_text import LINE_BREAK, clamp_lines
from scrutiny_desk.ui.recommendations.recommendations_model import RecommendationColumn
from scrutiny_desk.ui.recommendations.recommendations_page import RecommendationsPage
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.display import OVERDUE_RED
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui

TODAY = date(2008, 4, 15)
Status = RecommendationStatus


def build(window: MainWindow) -> RecommendationsPage:
    page = window.recommendations_page
    page.today = lambda: TODAY
    page.show_review(window.current_review_id())
    window.show_page(PageId.RECOMMENDATIONS)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> RecommendationsPage:
    return build(window)


def stored(services: Services, key: str):
    return services.recommendations.find(1, key, TODAY)


def keys(services: Services) -> list[str]:
    return [r.key for r in services.recommendations.list(1, TODAY)]


def click_row(qtbot: QtBot, page: RecommendationsPage, key: str) -> None:
    row = page.model.row_of_key(key)
    assert row is not None
    index = page.model.index(row, RecommendationColumn.TEXT)
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center()
    )
    current = page.current()
    assert current is not None and current.key == key


def choose_status(page: RecommendationsPage, status: RecommendationStatus) -> None:
    """The clerk picks a status from the list: it is saved at once."""
    page.status_combo.setCurrentIndex(page.status_combo.findData(status.value))
    page.status_combo.activated.emit(page.status_combo.currentIndex())


def leave(widget: QWidget) -> None:
    """The clerk leaves a field (Tab, a click elsewhere): what Qt tells the field."""
    if isinstance(widget, QPlainTextEdit):
        QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))
    else:
        widget.editingFinished.emit()  # type: ignore[attr-defined]


def undo(window: MainWindow) -> None:
    window.editor.stack.undo()


def redo(window: MainWindow) -> None:
    window.editor.stack.redo()


def test_models_and_the_list(qtmodeltester, page: RecommendationsPage) -> None:
    qtmodeltester.check(page.model)
    model = page.model
    assert model.rowCount() == 6
    texts = [model.index(r, RecommendationColumn.NUMBER).data() for r in range(6)]
    assert texts == ["1", "2", "3", "4", "5", "6"]
    r1 = model.row_of_key("r1")
    status = model.index(r1, RecommendationColumn.STATUS)
    assert status.data() == "Agreed · Overdue"
    assert status.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_RED
    assert model.index(r1, RecommendationColumn.DUE).data() == "Mon 31 Mar 2008"
    assert model.index(model.row_of_key("r5"), RecommendationColumn.STATUS).data() == "Draft"
    assert (
        model.index(model.row_of_key("r5"), RecommendationColumn.LEAD).data(
            Qt.ItemDataRole.AccessibleTextRole
        )
        == "No lead"
    )
    assert "3 overdue" in page.summary.text()


def test_draft_to_implemented_with_the_rule_inline(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    services = window.services
    click_row(qtbot, page, "r5")
    assert page.heading.text() == "Recommendation 5"

    # Agreed without a lead or due date: the messages show beside the fields, and the
    # status waits for them; the lead is saved on its own when it is left.
    choose_status(page, Status.AGREED)
    assert page.problems["lead"].problem() == 'A recommendation that is "agreed" needs a lead.'
    assert page.problems["due"].problem() == ('A recommendation that is "agreed" needs a due date.')
    assert stored(services, "r5").status is Status.DRAFT
    assert window.editor.stack.count() == 0
    qtbot.keyClicks(page.lead_edit, "MPS Safer Schools Partnership")
    assert page.problems["lead"].problem() is None
    leave(page.lead_edit)
    r5 = stored(services, "r5")
    assert (r5.status, r5.lead) == (Status.DRAFT, "MPS Safer Schools Partnership")
    page.due_edit.setDate(QDate(2008, 9, 30))
    assert page.problems["due"].problem() is None
    leave(page.due_edit)
    r5 = stored(services, "r5")
    assert (r5.status, r5.lead, r5.due) == (
        Status.AGREED,
        "MPS Safer Schools Partnership",
        date(2008, 9, 30),
    )
    assert page.current().key == "r5" and not page.is_dirty()  # type: ignore[union-attr]

    # A progress update, through its dialog.
    page.add_progress_action.trigger()
    dialog = page.progress_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.date_edit.setDate(QDate(2008, 5, 2))
    qtbot.keyClicks(dialog.text_edit, "Role agreed with two boroughs")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [(p.date, p.text) for p in stored(services, "r5").progress] == [
        (date(2008, 5, 2), "Role agreed with two boroughs")
    ]
    assert page.progress_table.rowCount() == 1

    # In progress, then implemented, then the response.
    choose_status(page, Status.IN_PROGRESS)
    assert stored(services, "r5").status is Status.IN_PROGRESS
    choose_status(page, Status.IMPLEMENTED)
    qtbot.keyClicks(page.response_edit, "Accepted in full.")
    leave(page.response_edit)
    r5 = stored(services, "r5")
    assert (r5.status, r5.response) == (Status.IMPLEMENTED, "Accepted in full.")
    assert window.editor.stack.count() == 6

    # Undo, step by step, back to the draft; redo it all again.
    undo(window)
    assert stored(services, "r5").status is Status.IMPLEMENTED
    assert stored(services, "r5").response is None
    undo(window)
    assert stored(services, "r5").status is Status.IN_PROGRESS
    undo(window)
    assert stored(services, "r5").status is Status.AGREED
    undo(window)
    assert stored(services, "r5").progress == ()
    undo(window)
    r5 = stored(services, "r5")
    assert (r5.status, r5.lead, r5.due) == (Status.DRAFT, "MPS Safer Schools Partnership", None)
    undo(window)
    r5 = stored(services, "r5")
    assert (r5.status, r5.lead, r5.due) == (Status.DRAFT, None, None)
    assert page.current().key == "r5"  # type: ignore[union-attr]
    for _ in range(6):
        redo(window)
    r5 = stored(services, "r5")
    assert r5.status is Status.IMPLEMENTED and len(r5.progress) == 1


def test_unsaved_changes_are_saved_on_leaving(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    services = window.services
    click_row(qtbot, page, "r2")
    page.lead_edit.clear()
    qtbot.keyClicks(page.lead_edit, "MPS Performance Board")
    click_row(qtbot, page, "r3")
    qtbot.waitUntil(lambda: stored(services, "r2").lead == "MPS Performance Board")
    assert page.current().key == "r3"  # type: ignore[union-attr]
    # A change that breaks the rule is not saved, and the status bar says why.
    page.lead_edit.clear()
    click_row(qtbot, page, "r4")
    assert stored(services, "r3").lead == "MPS Forensic Services"
    qtbot.waitUntil(lambda: "were not saved" in window.statusBar().currentMessage())
    undo(window)
    assert stored(services, "r2").lead == "MPS Performance Directorate"


def test_new_delete_and_reorder(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    services = window.services
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    assert len(keys(services)) == 7
    new = services.recommendations.list(1, TODAY)[-1]
    assert new.text == "New recommendation" and new.status is Status.DRAFT
    assert page.current().key == new.key  # type: ignore[union-attr]
    assert page.text_edit.hasFocus()
    page.text_edit.selectAll()
    qtbot.keyClicks(page.text_edit, "Publish the action plan each quarter")
    leave(page.text_edit)
    assert stored(services, new.key).text == "Publish the action plan each quarter"

    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert keys(services)[-2:] == [new.key, "r6"]
    assert page.current().key == new.key  # type: ignore[union-attr]
    assert page.heading.text() == "Recommendation 6"
    undo(window)
    assert keys(services)[-1] == new.key
    redo(window)
    assert keys(services)[-2] == new.key

    click_row(qtbot, page, "r3")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "r3" not in keys(services)
    assert page.model.rowCount() == 6
    undo(window)
    assert keys(services)[2] == "r3"
    assert [p.text for p in stored(services, "r3").progress]  # its progress came back
    redo(window)
    assert "r3" not in keys(services)
    undo(window)
    undo(window)  # the move
    undo(window)  # the text
    undo(window)  # the new one
    assert keys(services) == ["r1", "r2", "r3", "r4", "r5", "r6"]


def test_terms_of_reference_and_notes(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    services = window.services
    click_row(qtbot, page, "r2")
    before = [t.key for t in stored(services, "r2").tor]
    page.tor_action.trigger()
    dialog = page.links_dialog
    assert dialog is not None
    dialog.set_checked("scale", False)
    dialog.set_checked("impact", True)
    dialog.accept()
    assert [t.key for t in stored(services, "r2").tor] == [k for k in before if k != "scale"] + [
        "impact"
    ]
    assert page.tor_list.count() == len(before)

    notes_before = [n.key for n in stored(services, "r2").notes]
    page.notes_action.trigger()
    dialog = page.links_dialog
    assert dialog is not None
    assert set(notes_before) <= set(dialog.shown_keys())
    dialog.search_edit.setText("intelligence")
    dialog.run_search()
    assert "n13" in dialog.shown_keys()  # a closed note, found by its words
    dialog.set_checked("n13", True)
    dialog.accept()
    r2 = stored(services, "r2")
    assert [n.key for n in r2.notes] == [*notes_before, "n13"] and r2.closed_notes == ("n13",)
    last = page.notes_list.item(page.notes_list.count() - 1)
    assert last.text().endswith("(closed)") and not last.icon().isNull()
    undo(window)
    assert [n.key for n in stored(services, "r2").notes] == notes_before
    undo(window)
    assert [t.key for t in stored(services, "r2").tor] == before
    redo(window)
    redo(window)
    assert [n.key for n in stored(services, "r2").notes][-1] == "n13"


def test_edit_and_delete_progress(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    services = window.services
    click_row(qtbot, page, "r6")
    before = stored(services, "r6").progress
    assert page.progress_table.rowCount() == len(before) == 1
    # Text typed but not saved survives the reload an update causes.
    qtbot.keyClicks(page.response_edit, " Figures now quarterly.")
    page.progress_table.selectRow(0)
    assert page.edit_progress_action.isEnabled()
    page.edit_progress_action.trigger()
    dialog = page.progress_dialog
    assert dialog is not None
    dialog.text_edit.setPlainText("Reported each quarter since July")
    dialog.date_edit.setDate(QDate(2007, 7, 10))
    dialog.accept()
    (update,) = stored(services, "r6").progress
    assert (update.date, update.text) == (date(2007, 7, 10), "Reported each quarter since July")
    assert "Figures now quarterly." in page.response_edit.toPlainText()
    assert page.is_dirty() and page.revert_action.isEnabled()
    page.revert_action.trigger()
    assert "Figures now quarterly." not in page.response_edit.toPlainText()
    undo(window)
    assert stored(services, "r6").progress[0].text == before[0].text
    redo(window)
    page.progress_table.selectRow(0)
    page.progress_table.setFocus()
    qtbot.keyClick(page.progress_table, Qt.Key.Key_Delete)
    assert stored(services, "r6").progress == ()
    assert page.model.rowCount() == 6  # Del on the updates deletes an update only
    qtbot.keyClick(page.progress_table, Qt.Key.Key_Insert)
    assert page.progress_dialog is not None
    page.progress_dialog.reject()
    undo(window)
    assert stored(services, "r6").progress[0].text == "Reported each quarter since July"


def test_reveal(page: RecommendationsPage) -> None:
    assert page.reveal("r4") and page.current().key == "r4"  # type: ignore[union-attr]
    assert page.view.hasFocus() or not page.isActiveWindow()
    assert not page.reveal("nope")


def test_read_only(make_window: WindowFactory, read_only_copy) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        other = build(window)
        assert other.model.rowCount() == 6
        assert not other.new_action.isEnabled() and not other.delete_action.isEnabled()
        assert other.text_edit.isReadOnly() and not other.status_combo.isEnabled()
        assert not other.add_progress_action.isEnabled()
    finally:
        services.close()


class RealEdit(Step):
    """An edit by another page, made the way every page makes one (it is not undone)."""

    def __init__(self, call: Callable[[], object]) -> None:
        super().__init__("An edit elsewhere")
        self._call = call

    def do(self) -> object:
        return self._call()

    def undo(self) -> None:
        raise AssertionError("not undone here")


def edits_by_topic(services: Services) -> dict[Topic, Callable[[], object]]:
    """For each topic, a real edit that writes it (and none of the page's others)."""

    def review() -> object:
        details = services.review_edits.details(1)
        return services.review_edits.update_details(
            1, details.version, ReviewChanges(summary="A new summary")
        )

    def terms() -> object:
        tor = services.terms.find(1, "strategy")
        return services.terms.edit(tor.id, tor.version, tor.text + " (revised)")

    def notes() -> object:
        note = services.notes.find(1, "n1")
        return services.notes.update(note.id, note.version, text=note.text + " (revised)")

    def recommendations() -> object:
        r2 = stored(services, "r2")
        return services.recommendations.update(r2.id, r2.version, text=r2.text + " (revised)")

    def actions() -> object:
        action = services.actions.find(1, "a4")
        return services.actions.update_action(
            action.id, action.version, ActionChanges(text="Chase the briefing note")
        )

    def meetings() -> object:
        meeting = services.meeting_edits.find(1, "recs")
        return services.meetings.update(
            meeting.id, meeting.version, MeetingChanges(title="Agreeing the recommendations")
        )

    def minutes() -> object:
        meeting = services.meeting_edits.find(1, "scoping")
        record = services.minutes.minutes(meeting.id)
        return services.minutes.reopen_minutes(meeting.id, record.version, "A correction")

    def report() -> object:  # the report's settings (issue 17)
        settings = services.report_paragraphs.settings(1)
        return services.report_paragraphs.set_settings(
            1, settings.version, submitted_to="The Full Authority"
        )

    return {
        Topic.REVIEW: review,
        Topic.REPORT: report,
        Topic.TERMS: terms,
        Topic.NOTES: notes,
        Topic.RECOMMENDATIONS: recommendations,
        Topic.ACTIONS: actions,
        Topic.MEETINGS: meetings,
        Topic.MINUTES: minutes,
    }


def test_each_topic_it_shows_refreshes_it(window: MainWindow, page: RecommendationsPage) -> None:
    """A change to r1 made behind the page's back shows once a real edit writes one of
    the page's topics."""
    services = window.services
    edits = edits_by_topic(services)
    written: list[frozenset[Topic]] = []
    window.editor.changed.connect(written.append)
    for topic in sorted(page.TOPICS, key=lambda t: t.value):
        r1 = stored(services, "r1")
        lead = f"Lead after {topic.value}"
        services.recommendations.update(r1.id, r1.version, lead=lead)  # not recorded
        row = page.model.row_of_key("r1")
        assert page.model.index(row, RecommendationColumn.LEAD).data() != lead
        assert window.editor.perform(RealEdit(edits[topic])) is not None
        assert written[-1] & page.TOPICS == {topic}
        row = page.model.row_of_key("r1")
        assert page.model.index(row, RecommendationColumn.LEAD).data() == lead, topic


def test_a_date_typed_in_figures_is_saved(
    qtbot: QtBot, window: MainWindow, page: RecommendationsPage
) -> None:
    click_row(qtbot, page, "r2")
    page.due_edit.setFocus()
    page.due_edit.lineEdit().selectAll()
    qtbot.keyClicks(page.due_edit, "19/01/2027")
    leave(page.due_edit)
    assert stored(window.services, "r2").due == date(2027, 1, 19)
    assert page.due_edit.text() == "19 Jan 2027"
    # A day that does not exist is not taken.
    page.due_edit.lineEdit().selectAll()
    qtbot.keyClicks(page.due_edit, "31/02/2027")
    leave(page.due_edit)
    assert stored(window.services, "r2").due == date(2027, 1, 19)

    page.add_progress_action.trigger()
    dialog = page.progress_dialog
    assert dialog is not None
    dialog.date_edit.lineEdit().selectAll()
    qtbot.keyClicks(dialog.date_edit, "2/3/2027")
    qtbot.keyClicks(dialog.text_edit, "Met the lead")
    dialog.accept()
    assert [(p.date, p.text) for p in stored(window.services, "r2").progress][-1] == (
        date(2027, 3, 2),
        "Met the lead",
    )


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real popups
def test_an_empty_due_date_opens_the_calendar_at_this_month(
    qtbot: QtBot, page: RecommendationsPage
) -> None:
    click_row(qtbot, page, "r5")  # no due date
    assert page.due_edit.text() == "No date"
    edit = page.due_edit
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2)
    )
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.window().isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    # Not cut off at the edge of the window or the screen.
    popup = calendar.window().geometry()
    assert edit.screen().availableGeometry().contains(popup)
    assert edit.window().geometry().contains(popup) or not edit.window().geometry().intersects(
        edit.screen().availableGeometry()
    )
    calendar.window().hide()


def test_rows_show_three_lines_and_the_whole_text_elsewhere(
    qtbot: QtBot, page: RecommendationsPage
) -> None:
    row = page.model.row_of_key("r1")
    text = stored(page.workspace.services, "r1").text
    index = page.model.index(row, RecommendationColumn.TEXT)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == text
    line = page.view.fontMetrics().lineSpacing()
    assert line * 3 <= page.view.rowHeight(row) <= line * 3 + 12
    font = page.view.font()
    clamped = clamp_lines(" ".join(text.split()), font, 200, 3)
    assert clamped.count(LINE_BREAK) == 2 and clamped.endswith("…")
    assert clamp_lines("Short", font, 200, 3) == "Short"

    click_row(qtbot, page, "r1")
    assert page.text_edit.toPlainText() == text
    # The details of another recommendation open at the top.
    bar = page.editor_scroll.verticalScrollBar()
    page.editor_scroll.resize(page.editor_scroll.width(), 200)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    click_row(qtbot, page, "r2")
    assert bar.value() == 0
