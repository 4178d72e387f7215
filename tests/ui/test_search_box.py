"""The toolbar's search box, driven through the real widgets: results as you type,
grouped and highlighted, keyboard to open one, stale results dropped, a note found
the moment it is saved (and gone again on undo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.search_text import SearchResults
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.search.search_box import SearchBox
from scrutiny_desk.ui.search.search_model import (
    HeadingRole,
    HitRole,
    SearchResultsModel,
    highlighted_html,
)
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner, TaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.ui.steps import CallStep

pytestmark = pytest.mark.gui


class DeferredRunner(TaskRunner):
    """Runs the search box's work only when told (the rest at once): to see what
    happens when results arrive late."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[tuple[int, Callable[[], Any]]] = []
        self._deferring = False

    def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
        self._deferring = options.get("key") == "search-box"
        return super().submit(work, on_done, on_error, **options)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._deferring:
            self.pending.append((task_id, work))
        else:
            self._finish(task_id, True, work())

    def finish(self, n: int) -> None:
        task_id, work = self.pending.pop(n)
        self._finish(task_id, True, work())


@pytest.fixture
def window(make_window: Callable[..., MainWindow], sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def box(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> SearchBox:
    box = window.search_box  # the window's own, in the menu bar's corner
    box.show()
    window.revealed = []  # type: ignore[attr-defined]

    def reveal(kind: str, key: str) -> bool:
        window.revealed.append((kind, key))  # type: ignore[attr-defined]
        return True

    monkeypatch.setattr(window, "reveal", reveal, raising=False)
    window.activateWindow()
    QApplication.processEvents()
    box.setFocus()
    return box


def _type(qtbot: QtBot, box: SearchBox, text: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: box.results is not None and box.results.query == box.text())


def test_results_as_you_type_grouped_and_highlighted(qtbot: QtBot, box: SearchBox) -> None:
    _type(qtbot, box, "drug pol")
    results = box.results
    assert results is not None and results.words == ("drug", "pol")
    model = box.model
    headings = [
        model.index(r, 0).data()
        for r in range(model.rowCount())
        if model.index(r, 0).data(HeadingRole)
    ]
    assert headings[0].startswith("Notes · ") and any(h.startswith("Evidence · ") for h in headings)
    hits = [model.hit(r) for r in model.hit_rows()]
    assert [(h.kind, h.key) for h in hits if h] == [(h.kind, h.key) for h in results.hits]
    qtbot.waitUntil(box.popup.isVisible)
    # the first hit is current; the delegate paints each row without complaint
    assert box.current_hit() == results.hits[0]
    box.popup.view.viewport().repaint()
    # the database agrees: the same results as the service gives
    service = box.workspace.services.search.search(box.review_id() or 0, "drug pol")
    assert service.hits == results.hits


def test_keyboard_moves_opens_and_closes(qtbot: QtBot, box: SearchBox, window: MainWindow) -> None:
    _type(qtbot, box, "treatment")
    assert box.results is not None
    hits = box.results.hits
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.current_hit() == hits[1]
    qtbot.keyClick(box, Qt.Key.Key_Up)
    qtbot.keyClick(box, Qt.Key.Key_Up)  # stays on the first, skipping headings
    assert box.current_hit() == hits[0]
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert box.current_hit() == hits[min(8, len(hits) - 1)]
    with qtbot.waitSignal(box.opened) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    chosen = hits[min(8, len(hits) - 1)]
    assert opened.args == [chosen.kind, chosen.key]
    assert window.revealed == [(chosen.kind, chosen.key)]  # type: ignore[attr-defined]
    assert not box.popup.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # shows the list again
    assert box.popup.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.popup.isVisible() and box.text() == "treatment"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and box.results is None


def test_click_opens_a_result(qtbot: QtBot, box: SearchBox, window: MainWindow) -> None:
    _type(qtbot, box, "strategy")
    row = box.model.hit_rows()[0]
    hit = box.model.hit(row)
    assert hit is not None
    box.popup.view.clicked.emit(box.model.index(row, 0))
    assert window.revealed == [(hit.kind, hit.key)]  # type: ignore[attr-defined]
    box.popup.view.clicked.emit(box.model.index(0, 0))  # a heading opens nothing
    assert len(window.revealed) == 1  # type: ignore[attr-defined]


def test_shortcut_focuses_the_box(qtbot: QtBot, box: SearchBox, window: MainWindow) -> None:
    window.meetings_view.setFocus()
    assert box.focus_action in window.actions()
    assert box.focus_action.shortcut().toString() == "Ctrl+Shift+F"
    box.setText("drug")
    box.focus_action.trigger()
    assert box.selectedText() == "drug"
    # Ctrl+F stays with the pages' own filters: no ambiguous shortcut
    finds = [a for a in window.findChildren(QAction) if a.shortcut().toString() == "Ctrl+Shift+F"]
    assert finds == [box.focus_action]


def test_nothing_hostile_or_empty(qtbot: QtBot, box: SearchBox) -> None:
    _type(qtbot, box, "zzqxj")
    assert box.results is not None and box.results.total == 0
    assert box.model.rowCount() == 1 and box.model.index(0, 0).data() == "No matches"
    box.clear()
    assert box.results is None and box.model.rowCount() == 0
    _type(qtbot, box, '"NEAR(" AND * ^: drug')
    assert box.results is not None and box.results.words == ("near", "and", "drug")
    box.setText("!!! ***")  # no words: no query, nothing shown
    box.search_now()
    assert box.results is None and not box.popup.isVisible()


def test_a_note_is_found_the_moment_it_is_saved_and_undo_removes_it(
    qtbot: QtBot, box: SearchBox, window: MainWindow
) -> None:
    services = window.services
    review_id = box.review_id()
    assert review_id is not None
    _type(qtbot, box, "okapi")
    assert box.results is not None and box.results.total == 0
    saved: dict[str, Any] = {}

    def capture() -> None:
        saved["note"] = services.notes.capture(
            review_id, "The okapi sanctuary", ["scale"], key="n-okapi"
        )

    def remove() -> None:
        note = services.notes.find(review_id, "n-okapi")
        services.notes.delete(note.id, note.version)

    window.editor.perform(CallStep("Take note", capture, remove))
    qtbot.waitUntil(lambda: box.results is not None and box.results.total == 1)
    assert [(h.kind, h.key) for h in box.results.hits] == [("note", "n-okapi")]
    window.editor.stack.undo()
    qtbot.waitUntil(lambda: box.results is not None and box.results.total == 0)
    assert services.search.search(review_id, "okapi").total == 0
    window.editor.stack.redo()
    qtbot.waitUntil(lambda: box.results is not None and box.results.total == 1)


def test_stale_results_are_dropped(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_services: Services
) -> None:
    runner = DeferredRunner()
    window = make_window(sample_services, runner)
    box = window.search_box
    box.setText("drug")
    box.search_now()
    box.setText("treatment")
    box.search_now()
    assert len(runner.pending) == 2
    runner.finish(0)  # the older query's answer arrives late: superseded, dropped
    assert box.results is None
    runner.finish(0)
    assert box.results is not None and box.results.query == "treatment"
    # an answer for text that has since changed is dropped too
    box.setText("police")
    box.search_now()
    box.setText("police x")
    runner.finish(0)
    assert box.results.query == "treatment"


def test_model_passes_the_model_tester(qtmodeltester: Any, sample_services: Services) -> None:
    results: SearchResults = sample_services.search.search(1, "the")
    model = SearchResultsModel()
    model.set_results(results)
    qtmodeltester.check(model)
    closed = [r for r in model.hit_rows() if model.hit(r).closed]  # type: ignore[union-attr]
    assert closed
    index = model.index(closed[0], 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith("· Closed")
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable == Qt.ItemFlag(0)
    assert model.index(0, 0).data(HitRole) is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None
    model.set_results(None)
    qtmodeltester.check(model)


def test_highlighting_escapes_html() -> None:
    text = "<b>R&D</b> drugs"
    assert highlighted_html(text, ((11, 16),)) == "&lt;b&gt;R&amp;D&lt;/b&gt; <b>drugs</b>"


def test_results_follow_the_review_shown(qtbot: QtBot, box: SearchBox, window: MainWindow) -> None:
    _type(qtbot, box, "drug")
    assert box.results is not None and box.results.total > 0
    second = window.services.reviews.import_bytes(codec.encode(Review(title="Second review")))
    window.refresh_reviews(select=second)
    assert window.current_review_id() == second
    box.clearFocus()
    box.setFocus()  # coming back to the box searches the review shown now
    qtbot.waitUntil(lambda: box.results is not None and box.results.total == 0)
    box.set_review(1)  # or a given review
    box.search_now()
    assert box.results is not None and box.results.total > 0


def test_typing_fast_runs_one_query(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_services: Services
) -> None:
    queries: list[str] = []

    class CountingRunner(SynchronousTaskRunner):
        def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
            if options.get("key") == "search-box":
                queries.append(box.text())
            return super().submit(work, on_done, on_error, **options)

    window = make_window(sample_services, CountingRunner())
    box = window.search_box
    box.show()
    qtbot.keyClicks(box, "treatment")  # faster than the 150 ms pause
    assert queries == []
    qtbot.waitUntil(lambda: box.results is not None)
    assert queries == ["treatment"]
