"""The Coverage page in a real main window over the sample review: the matrix for
the panel and the public, a cell's notes, going to a note, reloading after a note is
captured (and undone), and exporting the report off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.domain.views import Audience, SourceKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.coverage.coverage_model import CoverageColumn, CoverageModel, NoteIdsRole
from scrutiny_desk.ui.coverage.coverage_page import CoveragePage
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.ui.steps import CallStep

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def build(window: MainWindow) -> CoveragePage:
    page = window.page(PageId.COVERAGE)
    assert isinstance(page, CoveragePage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.COVERAGE)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> CoveragePage:
    return build(window)


def column_of(model: CoverageModel, kind: SourceKind, key: str) -> int:
    return next(
        c
        for c in range(CoverageColumn.FIRST_SOURCE, model.columnCount())
        if (s := model.source(c)) is not None and s.kind is kind and s.key == key
    )


def headers(model: CoverageModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def click(qtbot: QtBot, page: CoveragePage, row: int, column: int) -> None:
    index = page.model.index(row, column)
    page.view.scrollTo(index)
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center()
    )


def listed_notes(page: CoveragePage) -> list[str]:
    model = page.notes_model
    return [model.record(r).key for r in range(model.rowCount())]  # type: ignore[union-attr]


def test_models_pass_the_model_tester(page: CoveragePage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    page.notes_model.show_ids(page.model.index(1, CoverageColumn.NOTES).data(NoteIdsRole))
    qtmodeltester.check(page.notes_model)


def test_panel_matrix_rows_columns_and_gaps(page: CoveragePage) -> None:
    model = page.model
    assert model.rowCount() == 16
    tor = [model.index(r, CoverageColumn.TOR).data() for r in range(model.rowCount())]
    assert tor[0].startswith("1  Ensure the MPS")
    assert tor[1].startswith("    1.1  Clarifying the scale")
    # the terms of reference are the row headers, so they stay in view across the sources
    assert page.view.isColumnHidden(CoverageColumn.TOR)
    assert page.view.verticalHeader().isVisible()
    vertical = Qt.Orientation.Vertical
    assert model.headerData(1, vertical).startswith("   1.1  Clarifying the scale")
    assert model.headerData(1, vertical).endswith("…")
    tip = model.headerData(model.row_of_key("roles"), vertical, Qt.ItemDataRole.ToolTipRole)
    assert "No evidence yet" in tip and "Planned:" in tip
    names = headers(model)
    assert names[:3] == ["Term of reference", "Notes", "With sub-items"]
    assert names[3] == "Meeting\n20 Nov 2006"
    assert "Witness\nService user" in names
    assert any(n.startswith("Evidence\nStatement from a") for n in names)
    family = column_of(model, SourceKind.EVIDENCE, "family-statement")
    tip = model.headerData(family, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Statement from a family affected by drug activity" in tip and "Closed" in tip
    roles = model.row_of_key("roles")
    assert model.index(roles, CoverageColumn.NOTES).data() == "No evidence yet"
    assert model.index(roles, CoverageColumn.NOTES).data(Qt.ItemDataRole.BackgroundRole)
    strategy = model.row_of_key("strategy")
    assert model.index(strategy, CoverageColumn.NOTES).data() == "1"
    assert model.index(strategy, CoverageColumn.ROLLED).data() == "8"
    assert model.index(1, CoverageColumn.ROLLED).data() == ""  # a leaf rolls up nothing
    shaded = model.index(1, column_of(model, SourceKind.MEETING, "ev1"))
    assert shaded.data() == "1" and shaded.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "13 notes on 15 of 16 terms of reference" in page.summary.text()
    assert "3 closed" in page.summary.text()


def test_public_switch_counts_only_open_material(qtbot: QtBot, page: CoveragePage) -> None:
    qtbot.mouseClick(page.public_radio, Qt.MouseButton.LeftButton)
    assert page.audience is Audience.PUBLIC
    model = page.model
    names = headers(model)
    assert "Witness\nService user" not in names
    assert not any("Statement from a family" in n for n in names)
    intelligence = model.row_of_key("intelligence")
    assert model.index(intelligence, CoverageColumn.NOTES).data() == "No evidence yet"
    assert "Public: counts only open material" in page.summary.text()
    page.view.setCurrentIndex(model.index(intelligence, CoverageColumn.NOTES))
    assert page.notes_label.text().startswith("No notes on 2.3 itself: Identifying the intel")
    assert "Planned: Written submission: “Forensics in drug investigations”" in (
        page.notes_label.text()
    )
    assert "organised crime" not in page.notes_label.text()  # the closed item is not named
    qtbot.mouseClick(page.panel_radio, Qt.MouseButton.LeftButton)
    assert "Witness\nService user" in headers(page.model)


def test_clicking_a_cell_lists_its_notes_closed_marked(
    qtbot: QtBot, window: MainWindow, page: CoveragePage
) -> None:
    model = page.model
    impact = model.row_of_key("impact")
    click(qtbot, page, impact, CoverageColumn.NOTES)
    assert listed_notes(page) == ["n3", "n9", "n10", "n12"]
    assert page.notes_label.text().startswith("4 notes on 1.4 itself: Understanding the impact")
    closed = page.notes_model.index(1, 6)
    assert closed.data() == "Closed"
    assert page.notes_model.index(0, 6).data() == "Open"
    assert page.notes_model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    user = model.index(impact, column_of(model, SourceKind.WITNESS, "user"))
    assert user.data(Qt.ItemDataRole.DecorationRole) is not None  # counts a closed note
    assert user.data(Qt.ItemDataRole.ToolTipRole).endswith("(1 closed)")
    ev1 = model.index(impact, column_of(model, SourceKind.MEETING, "ev1"))
    assert ev1.data(Qt.ItemDataRole.DecorationRole) is None
    click(qtbot, page, impact, column_of(model, SourceKind.WITNESS, "user"))
    assert listed_notes(page) == ["n9"]
    assert page.notes_label.text().startswith("1 note on 1.4 from Witness · Service user: ")
    # arrows move the cell and the list follows
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Left)
    assert page.view.currentIndex().column() == column_of(model, SourceKind.WITNESS, "probation")
    assert listed_notes(page) == []
    # Enter on the objective's roll-up lists every note under it
    page.view.setCurrentIndex(model.index(model.row_of_key("strategy"), CoverageColumn.ROLLED))
    assert len(listed_notes(page)) == 8


def test_activating_a_note_asks_the_window_to_go_to_it(
    qtbot: QtBot, window: MainWindow, page: CoveragePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        window, "reveal", lambda kind, key: asked.append((kind, key)) or True, raising=False
    )
    impact = page.model.row_of_key("impact")
    click(qtbot, page, impact, CoverageColumn.NOTES)
    index = page.notes_model.index(2, 1)
    rect = page.notes_view.visualRect(index)
    qtbot.mouseClick(page.notes_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.notes_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked == [("note", "n10")]
    qtbot.keyClick(page.notes_view, Qt.Key.Key_Return)  # Enter too
    assert asked == [("note", "n10"), ("note", "n10")]


def test_reveal_goes_to_a_term_of_reference(page: CoveragePage) -> None:
    assert page.reveal("justice")
    assert page.view.currentIndex().row() == page.model.row_of_key("justice")
    assert not page.reveal("no-such-key")


def test_a_captured_note_fills_a_gap_and_undo_empties_it_again(
    window: MainWindow, page: CoveragePage, sample_services: Services
) -> None:
    notes = sample_services.notes
    roles = page.model.row_of_key("roles")
    page.view.setCurrentIndex(page.model.index(roles, CoverageColumn.NOTES))
    captured: dict[str, object] = {}

    def do() -> None:
        entry = notes.capture(1, "The MPA's role is unclear.", ["roles"], key="n-roles")
        captured["entry"] = entry

    def undo() -> None:
        entry = notes.find(1, "n-roles")
        notes.delete(entry.id, entry.version)

    def redo() -> None:
        notes.capture(1, "The MPA's role is unclear.", ["roles"], key="n-roles")

    window.editor.perform(CallStep("Capture a note", do, undo, redo))
    assert notes.count(1, _filter("roles")) == 1
    assert page.model.index(roles, CoverageColumn.NOTES).data() == "1"
    assert listed_notes(page) == ["n-roles"]  # the chosen cell is kept and re-listed
    window.editor.stack.undo()
    assert notes.count(1, _filter("roles")) == 0
    assert page.model.index(roles, CoverageColumn.NOTES).data() == "No evidence yet"
    window.editor.stack.redo()
    assert page.model.index(roles, CoverageColumn.NOTES).data() == "1"


def _filter(tor: str):  # type: ignore[no-untyped-def]
    from scrutiny_desk.domain.note_records import NoteFilter

    return NoteFilter(tor=tor)


def test_export_report_public_by_default_then_panel(
    qtbot: QtBot, page: CoveragePage, tmp_path: Path, window: MainWindow
) -> None:
    opened: list[Path] = []
    page.opener = lambda path: opened.append(path) is None
    page.view.setFocus()
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.public_radio.isChecked()
    assert Path(dialog.path_edit.text()).name == "Drugs Scrutiny - coverage.pdf"
    target = tmp_path / "public.pdf"
    dialog.path_edit.setText(str(target))
    dialog.ok_button.click()
    assert opened == [target]
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Public version: counts only open material" in text
    assert "Service user" not in text
    assert window.statusBar().currentMessage() == f"Saved coverage report to {target}."

    page.export_action.trigger()
    dialog = page.dialog
    assert dialog is not None
    dialog.panel_radio.click()
    assert Path(dialog.path_edit.text()).name == "Drugs Scrutiny - coverage-panel.pdf"
    panel = tmp_path / "panel.pdf"
    dialog.path_edit.setText(str(panel))
    dialog.ok_button.click()
    assert "NOT FOR PUBLICATION" in PdfReader(panel).pages[0].extract_text()
    assert "Saved panel coverage report" in window.statusBar().currentMessage()


def test_no_review_means_an_empty_page(page: CoveragePage) -> None:
    page.show_review(None)
    assert page.model.rowCount() == 0
    assert not page.export_action.isEnabled()
    assert page.summary.text() == "No review is open."


def test_the_matrix_and_the_report_are_made_off_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    window = make_window(sample_services, runner=ThreadedTaskRunner())
    page = window.page(PageId.COVERAGE)
    assert isinstance(page, CoveragePage)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)
    page.show_review(1)
    assert page.model.rowCount() == 0  # hidden: nothing is counted yet
    window.show_page(PageId.COVERAGE)
    assert page.summary.text() == "Counting the notes…"
    qtbot.waitUntil(lambda: page.model.rowCount() == 16, timeout=10_000)
    page.view.setCurrentIndex(page.model.index(page.model.row_of_key("impact"), 1))
    qtbot.waitUntil(lambda: page.notes_model.rowCount() == 4, timeout=10_000)
    page.opener = lambda _path: True
    page.export_action.trigger()
    dialog = page.dialog
    assert dialog is not None
    target = tmp_path / "threaded.pdf"
    dialog.path_edit.setText(str(target))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: target.exists() and not window.runner.is_busy(), timeout=20_000)
    assert window.statusBar().currentMessage() == f"Saved coverage report to {target}."


def test_a_hidden_page_counts_again_only_when_shown(
    window: MainWindow, page: CoveragePage, sample_services: Services
) -> None:
    roles = page.model.row_of_key("roles")
    window.show_page(PageId.OVERVIEW)
    assert not page.isVisible()
    sample_services.notes.capture(1, "Heard while elsewhere.", ["roles"])
    page.reload(frozenset({Topic.NOTES}))
    assert page.model.index(roles, CoverageColumn.NOTES).data() == "No evidence yet"
    window.show_page(PageId.COVERAGE)
    assert page.model.index(roles, CoverageColumn.NOTES).data() == "1"
