"""The Follow-up page in a real main window over the sample review: recommendations
being followed up and meeting actions in one table, the overdue filter, sorting by due
date, opening a row, and the action plan exported off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import ActionStatus, ResponseOutcome
from scrutiny_desk.domain.recommendation_records import TrackerKind
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.actions import ActionChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.follow_up.tracker_model import TrackerColumn
from scrutiny_desk.ui.follow_up.tracker_page import TrackerPage
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.display import lock_icon
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_recommendations_page import RealEdit, edits_by_topic

pytestmark = pytest.mark.gui

TODAY = date(2008, 4, 15)


def build(window: MainWindow) -> TrackerPage:
    page = window.tracker_page
    page.today = lambda: TODAY
    page.show_review(window.current_review_id())
    window.show_page(PageId.FOLLOW_UP)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> TrackerPage:
    return build(window)


def shown(page: TrackerPage, column: TrackerColumn = TrackerColumn.REFERENCE) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_models(qtmodeltester, page: TrackerPage) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_one_table_sorted_by_due_with_overdue_and_closed_marked(page: TrackerPage) -> None:
    references = shown(page)
    assert len(references) == 9  # five recommendations (no draft) and four actions
    assert references[0] == "Action · 22 Jan 2007 meeting"
    assert "Recommendation 5" not in references
    dues = [
        page.model.record(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).due
        for r in range(9)
    ]
    assert dues == sorted(dues)  # type: ignore[type-var]
    statuses = shown(page, TrackerColumn.STATUS)
    secret = next(s for s in statuses if "Closed" in s)
    assert secret == "Open · Overdue · Closed"
    row = statuses.index(secret)
    index = page.proxy.index(row, TrackerColumn.REFERENCE)
    assert index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == lock_icon().cacheKey()
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    r3 = references.index("Recommendation 3")
    assert shown(page, TrackerColumn.PROGRESS)[r3].startswith("Mon 9 Jul 2007: A pilot")
    assert "overdue" in page.summary.text()


def test_overdue_only_and_sorting(qtbot: QtBot, page: TrackerPage) -> None:
    qtbot.mouseClick(page.overdue_check, Qt.MouseButton.LeftButton)
    assert page.overdue_check.isChecked()
    overdue = shown(page)
    assert set(overdue) == {
        "Action · 23 Apr 2007 meeting",
        "Action · 14 May 2007 meeting",
        "Recommendation 6",
        "Recommendation 1",
        "Recommendation 4",
    }
    assert all("Overdue" in s for s in shown(page, TrackerColumn.STATUS))
    page.view.sortByColumn(TrackerColumn.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert shown(page)[-3:] == ["Recommendation 1", "Recommendation 4", "Recommendation 6"]
    page.overdue_check.setChecked(False)
    assert len(shown(page)) == 9


class MarkActionDone(Step):
    """The Minutes tab's step, as it makes it."""

    def __init__(self, services: Services, key: str) -> None:
        super().__init__("Mark done")
        self.actions, self.key = services.actions, key

    def _set(self, status: ActionStatus) -> object:
        record = self.actions.find(1, self.key)
        return self.actions.update_action(record.id, record.version, ActionChanges(status=status))

    def do(self) -> object:
        return self._set(ActionStatus.DONE)

    def undo(self) -> object:
        return self._set(ActionStatus.OPEN)


def test_reloads_after_an_action_is_done(window: MainWindow, page: TrackerPage) -> None:
    services = window.services
    a4 = services.actions.find(1, "a4")

    window.editor.perform(MarkActionDone(services, "a4"))
    assert page.select(TrackerKind.ACTION, "a4")
    assert page.current_row().done and not page.current_row().overdue  # type: ignore[union-attr]
    window.editor.stack.undo()
    assert services.actions.find(1, "a4").status is a4.status
    assert page.model.record(page.model.row_of(TrackerKind.ACTION, "a4")).overdue  # type: ignore[arg-type]


def test_opening_a_row(qtbot: QtBot, window: MainWindow, page: TrackerPage) -> None:
    recommendations = window.recommendations_page
    assert page.select(TrackerKind.RECOMMENDATION, "r4")
    centre = page.view.visualRect(page.view.currentIndex()).center()
    # QTest's double-click is the second click of two, as a person's is.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.pages.currentWidget() is recommendations
    assert recommendations.current().key == "r4"  # type: ignore[union-attr]

    window.show_page(PageId.FOLLOW_UP)
    page.select(TrackerKind.ACTION, "a2")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.meetings_page
    assert window.current_meeting().key == "ev3"  # type: ignore[union-attr]

    revealed: list[tuple[str, str]] = []
    window.workspace.reveal = lambda kind, key: revealed.append((kind, key)) or True
    window.show_page(PageId.FOLLOW_UP)
    page.select(TrackerKind.RECOMMENDATION, "r1")
    page.open_action.trigger()
    assert revealed == [("recommendation", "r1")]


def test_export_action_plan(tmp_path: Path, page: TrackerPage, window: MainWindow) -> None:
    opened: list[Path] = []
    page.opener = lambda path: opened.append(path) or True
    page.export_action.trigger()
    dialog = page.dialog
    assert dialog is not None and dialog.public_radio.isChecked()
    assert dialog.path_edit.text().endswith("Drugs Scrutiny - action plan.pdf")
    target = tmp_path / "plan.pdf"
    dialog.path_edit.setText(str(target))
    dialog.accept()
    assert opened == [target]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "ACTION PLAN" in text and "Safer Schools" not in text
    assert "Saved action plan to" in window.statusBar().currentMessage()

    page.export_action.trigger()
    dialog = page.dialog
    assert dialog is not None
    dialog.panel_radio.click()
    assert dialog.path_edit.text().endswith("action plan-panel.pdf")
    panel = tmp_path / "plan-panel.pdf"
    dialog.path_edit.setText(str(panel))
    dialog.accept()
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(panel).pages).split())
    assert "Safer Schools" in words  # the recommendation's words may wrap


def lead_of(page: TrackerPage, key: str) -> str:
    row = page.model.row_of(TrackerKind.RECOMMENDATION, key)
    assert row is not None
    return page.model.index(row, TrackerColumn.WHO).data()


def test_each_topic_it_shows_refreshes_it(window: MainWindow, page: TrackerPage) -> None:
    """A change to r1 made behind the page's back shows once a real edit writes one of
    the page's topics (reopening minutes writes the meeting too)."""
    services = window.services
    edits = edits_by_topic(services)
    written: list[frozenset[Topic]] = []
    window.editor.changed.connect(written.append)
    for topic in sorted(page.TOPICS, key=lambda t: t.value):
        r1 = services.recommendations.find(1, "r1", TODAY)
        lead = f"Lead after {topic.value}"
        services.recommendations.update(r1.id, r1.version, lead=lead)  # not recorded
        assert lead_of(page, "r1") != lead
        assert window.editor.perform(RealEdit(edits[topic])) is not None
        assert topic in written[-1]
        if topic is not Topic.MINUTES:
            assert written[-1] & page.TOPICS == {topic}
        assert lead_of(page, "r1") == lead, topic


def test_the_summary_says_what_is_shown(window: MainWindow, page: TrackerPage) -> None:
    assert page.summary.text() == "5 recommendations and 4 actions · 5 overdue"
    page.overdue_check.setChecked(True)
    assert page.summary.text() == "5 overdue shown of 5 recommendations and 4 actions"
    assert page.proxy.rowCount() == 5
    page.overdue_check.setChecked(False)
    assert page._counted(1, 1) == "1 recommendation and 1 action"
    assert page._counted(0, 2) == "0 recommendations and 2 actions"


def test_responses_awaited_and_overdue_are_said(
    window: MainWindow, page: TrackerPage, sample_services: Services
) -> None:
    """Once the report has gone to its body, a recommendation with no response says
    so: awaited until the due date, overdue after it; one answered says nothing
    (issue 17)."""
    review_id = window.current_review_id()
    assert review_id is not None
    services = sample_services
    settings = services.report_paragraphs.settings(review_id)
    services.report_paragraphs.set_settings(
        review_id, settings.version, submitted_on=date(2008, 3, 1), response_months=2
    )
    page.reload({Topic.REPORT})
    answered = {e.key for e in services.report_responses.responses(review_id, TODAY) if e.outcome}
    references, statuses = shown(page), shown(page, TrackerColumn.STATUS)
    assert statuses[references.index("Recommendation 3")] == "In progress · Response awaited"
    for key in answered:
        assert "Response" not in statuses[references.index(f"Recommendation {key[1:]}")]
    r3 = services.recommendations.find(review_id, "r3")
    services.report_responses.record_response(
        r3.id, r3.version, outcome=ResponseOutcome.ACCEPTED, responded_on=date(2008, 4, 1)
    )
    page.today = lambda: date(2008, 5, 2)  # a day after the two months
    page.reload({Topic.RECOMMENDATIONS})
    references, statuses = shown(page), shown(page, TrackerColumn.STATUS)
    assert "Response" not in statuses[references.index("Recommendation 3")]
    assert statuses[references.index("Recommendation 6")].endswith("· Response overdue")
