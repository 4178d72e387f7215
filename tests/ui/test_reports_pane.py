"""The reports pane under the Agenda tab, in a real window over the sample review: the
draft recommendations meeting's findings item holds a 2-page PDF report. Attach a PDF
made here with reportlab, print a piece of evidence, rename, move, mark late and
remove, each one undo step checked in the database; a damaged file is refused by its
name and nothing is added. The reports model passes pytest-qt's model tester."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_tab import AgendaTab
from scrutiny_desk.ui.agenda.reports_model import ReportColumn
from scrutiny_desk.ui.agenda.reports_pane import ReportsPane
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

ITEM = "recs-findings"
HELD = "recs-findings-report"


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def small_pdf(path: Path, text: str, pages: int = 1) -> Path:
    drawing = canvas.Canvas(str(path))
    for page in range(pages):
        drawing.drawString(72, 720, f"{text}, page {page + 1}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_item(window: MainWindow, meeting_key: str = "recs", item_key: str = ITEM) -> AgendaTab:
    tab = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    assert review_id is not None
    meeting = window.services.meeting_edits.find(review_id, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    assert tab.select_item(item_key)
    return tab


def stored(services: Services, meeting_key: str = "recs") -> list[tuple[str, str, bool]]:
    """The item's reports as stored: title, source, late."""
    meeting = services.meeting_edits.find(1, meeting_key)
    return [
        (r.title, r.source, r.late)
        for r in services.reports.list_for_meeting(meeting.id)
        if r.item_key == ITEM
    ]


def shown(pane: ReportsPane) -> list[str]:
    return [pane.model.entry(row).title for row in range(pane.model.rowCount())]


def test_the_reports_model_passes_the_model_tester(
    qtmodeltester: ModelTester, window: MainWindow
) -> None:
    pane = open_item(window).reports_pane
    assert pane.model.rowCount() == 1
    qtmodeltester.check(pane.model)


def test_the_selected_items_reports_are_listed_with_source_and_pack(window: MainWindow) -> None:
    tab = open_item(window)
    pane = tab.reports_pane
    assert pane.isVisible()
    entry = pane.model.entry(0)
    assert entry.key == HELD
    source = pane.model.index(0, ReportColumn.SOURCE).data()
    assert source.endswith(" MB)") or source.endswith(" KB)"), source
    assert pane.model.index(0, ReportColumn.LATE).data() == "Main"
    assert "Reports of item" in pane.caption.text()
    assert tab.select_item("recs-apologies")
    assert pane.model.rowCount() == 0 and "has no reports" in pane.caption.text()
    assert pane.attach_action.isEnabled() and not pane.remove_action.isEnabled()


def test_attach_a_pdf_then_undo_and_redo(window: MainWindow, tmp_path: Path) -> None:
    pane = open_item(window).reports_pane
    pdf = small_pdf(tmp_path / "Cost of treatment places.pdf", "Costs", pages=2)
    before = stored(window.services)
    pane.choose_files = lambda _parent, _title, _start: [pdf]
    pane.attach_action.trigger()

    after = stored(window.services)
    assert after[:-1] == before
    title, source, late = after[-1]
    assert (title, late) == ("Cost of treatment places", False)
    assert source.startswith("Cost of treatment places.pdf (")
    assert shown(pane)[-1] == "Cost of treatment places"
    assert pane.current_report() is not None
    assert pane.current_report().title == "Cost of treatment places"  # type: ignore[union-attr]
    assert window.editor.stack.count() == 1

    window.editor.stack.undo()
    assert stored(window.services) == before
    window.editor.stack.redo()
    assert stored(window.services) == after


def test_a_damaged_file_is_refused_by_name_and_nothing_is_added(
    window: MainWindow, tmp_path: Path
) -> None:
    pane = open_item(window).reports_pane
    damaged = tmp_path / "Half-downloaded minutes.pdf"
    damaged.write_bytes(small_pdf(tmp_path / "whole.pdf", "x").read_bytes()[:300])
    not_pdf = tmp_path / "notes.docx"
    not_pdf.write_bytes(b"PK\x03\x04 a Word file")
    before = stored(window.services)

    pane.attach_files([damaged])
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "the refusal is shown"
    text = " ".join(b.text() + " " + b.informativeText() for b in boxes)
    assert "Half-downloaded minutes.pdf" in text, text
    for box in boxes:
        box.close()
    pane.attach_files([not_pdf])
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    text = " ".join(b.text() + " " + b.informativeText() for b in boxes)
    assert "notes.docx" in text and "not a PDF" in text, text

    assert stored(window.services) == before
    assert window.editor.stack.count() == 0
    assert shown(pane) == [t for t, _s, _l in before]


def test_remove_rename_late_and_move_are_undo_steps(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    pane = open_item(window).reports_pane
    pane.attach_files([small_pdf(tmp_path / "Second.pdf", "Second")])
    original = stored(window.services)
    assert [t for t, _s, _l in original][-1] == "Second"

    # Rename: the title cell edited.
    row = shown(pane).index("Second")
    pane.model.setData(pane.model.index(row, ReportColumn.TITLE), "Second report, revised")
    assert stored(window.services)[-1][0] == "Second report, revised"

    # Late: printed in the supplementary pack.
    pane.view.setCurrentIndex(pane.model.index(row, ReportColumn.TITLE))
    pane.late_action.trigger()
    assert stored(window.services)[-1][2] is True
    assert pane.late_action.isChecked()
    assert pane.model.index(row, ReportColumn.LATE).data() == "Late (supplementary)"

    # Move up: first now.
    pane.up_action.trigger()
    assert stored(window.services)[0][0] == "Second report, revised"
    assert shown(pane)[0] == "Second report, revised"

    # Remove the held report from the sample, then undo everything back.
    pane.view.setCurrentIndex(pane.model.index(1, ReportColumn.TITLE))
    held = pane.current_report()
    assert held is not None and held.key == HELD
    pane.remove_action.trigger()
    assert [t for t, _s, _l in stored(window.services)] == ["Second report, revised"]
    window.editor.stack.undo()  # the removal
    restored = stored(window.services)
    assert [t for t, _s, _l in restored][1] == held.title
    meeting = window.services.meeting_edits.find(1, "recs")
    keys = [r.key for r in window.services.reports.list_for_meeting(meeting.id)]
    assert HELD in keys  # back under its key
    for _ in range(3):  # move, late, rename
        window.editor.stack.undo()
    assert stored(window.services) == original


def test_a_report_from_the_evidence_register(window: MainWindow, tmp_path: Path) -> None:
    services = window.services
    evidence = services.evidence.list(1)[0]
    pdf = small_pdf(tmp_path / "Written evidence.pdf", "Evidence", pages=3)
    services.evidence.attach_file(evidence.id, evidence.version, pdf.name, pdf.read_bytes())
    pane = open_item(window).reports_pane
    pane.evidence_action.trigger()
    dialog = pane.evidence_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() >= 1
    assert dialog.choose(evidence.id)
    dialog.ok_button.click()
    last = stored(services)[-1]
    assert last[1] == f"Evidence: {evidence.title}"
    window.editor.stack.undo()
    assert all(not s.startswith("Evidence:") for _t, s, _l in stored(services))
    window.editor.stack.redo()
    assert stored(services)[-1] == last
