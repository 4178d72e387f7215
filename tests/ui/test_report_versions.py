"""The Report page's Versions tab and Record Response… in a real main window over the
sample review: a version made and withdrawn by undo, two versions compared with the
inserted paragraph and the changed word marked, a comment and a meeting's decision
recorded and undone, a rejected response setting the status and undone, and Export
Report… writing a PDF read back with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import (
    Access,
    ConsiderationOutcome,
    RecommendationStatus,
    ReportPurpose,
    ResponseOutcome,
)
from scrutiny_desk.domain.report_diff import ChangeKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.recommendations.response_dialog import ResponseDialog
from scrutiny_desk.ui.report.comments_dialog import CommentsDialog
from scrutiny_desk.ui.report.compare_dialog import CompareDialog
from scrutiny_desk.ui.report.consideration_dialog import ConsiderationDialog
from scrutiny_desk.ui.report.difference_text import marked_runs
from scrutiny_desk.ui.report.make_version_dialog import MakeVersionDialog
from scrutiny_desk.ui.report.versions_pane import VersionsPane
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from ..services.blank_report import import_without_report
from .conftest import WindowFactory

pytestmark = pytest.mark.gui

TODAY = date(2007, 5, 1)
FIRST = "Drug-related crime costs London dearly and the panel heard how it is tackled."
SECOND = "Treatment works best when it starts quickly after arrest."


@pytest.fixture
def window(make_window: WindowFactory, sqlite_services: Services) -> MainWindow:
    """The sample with the report and responses it ships with taken out, so that its
    versions 0.1 and 0.2 and its 30 paragraphs do not decide the numbers seen here."""
    review = import_without_report(sqlite_services)
    assert review == 1  # the only review in a new database
    paragraphs = sqlite_services.report_paragraphs
    paragraphs.add(review, "background", FIRST)
    paragraphs.add(review, "background", SECOND)
    return make_window(sqlite_services)


def versions_tab(window: MainWindow) -> VersionsPane:
    window.show_page(PageId.REPORT)
    page = window.report_page
    pane = page.versions
    assert isinstance(pane, VersionsPane)
    pane.today = lambda: TODAY
    page.tabs.setCurrentWidget(pane)
    pane.show_review(window.current_review_id())
    return pane


def make_version(pane: VersionsPane, purpose: ReportPurpose, meeting: str | None = None) -> str:
    assert pane.make_action.isEnabled()
    pane.make_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, MakeVersionDialog) and dialog.isVisible()
    dialog.radios[purpose].setChecked(True)
    if meeting is not None:
        dialog.meeting_combo.setCurrentIndex(dialog.meeting_combo.findData(meeting))
    dialog.accept()
    assert not dialog.isVisible()
    current = pane.current()
    assert current is not None
    return current.number


def test_a_version_is_made_and_undo_withdraws_it(window: MainWindow, qtmodeltester) -> None:
    pane = versions_tab(window)
    assert pane.model.rowCount() == 0
    assert "No version made yet" in pane.details.text()
    assert make_version(pane, ReportPurpose.COMMENT) == "0.1"
    qtmodeltester.check(pane.model)
    assert [v.number for v in window.services.report_versions.versions(1)] == ["0.1"]
    assert "For comment" in pane.model.index(0, 1).data()
    assert window.editor.stack.undoText() == "Make a version of the report"

    window.editor.stack.undo()
    assert window.services.report_versions.versions(1) == ()
    assert pane.model.rowCount() == 0
    window.editor.stack.redo()
    (again,) = window.services.report_versions.versions(1)
    assert again.number == "0.1" and pane.model.rowCount() == 1

    assert make_version(pane, ReportPurpose.FINAL) == "final"
    assert not pane.make_action.isEnabled()  # nothing follows the final report


def test_compare_marks_an_inserted_paragraph_and_a_changed_word(window: MainWindow) -> None:
    pane = versions_tab(window)
    make_version(pane, ReportPurpose.COMMENT)
    services = window.services
    first = services.report_paragraphs.paragraphs(1, "background")[0]
    services.report_paragraphs.edit(first.id, first.version, text=FIRST.replace("dearly", "much"))
    services.report_paragraphs.add(1, "background", "A new opening paragraph.", index=0)

    pane.compare_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, CompareDialog)
    assert dialog.chosen() == ("0.1", None)  # the version against the working draft
    kinds = {c.new_text or c.old_text: c.kinds for c in dialog.changes}
    assert ChangeKind.ADDED in kinds["A new opening paragraph."]
    changed = next(c for c in dialog.changes if ChangeKind.CHANGED in c.kinds)
    assert changed.old_number == "1.1" and changed.new_number == "1.2"
    runs = marked_runs(dialog.browser.document())
    assert ("delete", "dearly") in runs and ("insert", "much") in runs
    assert ("insert", "A new opening paragraph.") in runs
    text = dialog.browser.toPlainText()
    assert "Paragraph 1.2 (was 1.1): reworded, renumbered" in text
    assert "Paragraph 1.1: added" in text
    assert dialog.summary_label.text().startswith("3 paragraphs differ")


def test_a_comment_is_recorded_and_undone(window: MainWindow) -> None:
    pane = versions_tab(window)
    make_version(pane, ReportPurpose.COMMENT)
    assert pane.comments_action.isEnabled()
    pane.comments_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, CommentsDialog)
    paragraph = window.services.report_paragraphs.paragraphs(1, "background")[1]
    assert dialog.choose_paragraph(paragraph.key)
    dialog.text_edit.setPlainText("Say which boroughs.")
    dialog.add_action.trigger()
    (comment,) = window.services.report_versions.comments(1, "0.1")
    assert comment.paragraph_key == paragraph.key and comment.text == "Say which boroughs."
    assert comment.paragraph_number == "1.2"
    assert dialog.table.rowCount() == 1
    assert "(1 comments)" in dialog.paragraph_list.item(1).text()

    window.editor.stack.undo()
    assert window.services.report_versions.comments(1, "0.1") == ()
    window.editor.stack.redo()
    assert len(window.services.report_versions.comments(1, "0.1")) == 1


def test_a_meetings_decision_is_recorded_and_undone(window: MainWindow) -> None:
    pane = versions_tab(window)
    make_version(pane, ReportPurpose.MEETING, "recs")
    pane.consideration_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, ConsiderationDialog)
    assert dialog.meeting_combo.currentData() == "recs"
    paragraph = window.services.report_paragraphs.paragraphs(1, "background")[0]
    assert dialog.choose_paragraph(paragraph.key)
    dialog.outcome_radios[ConsiderationOutcome.AMENDED].setChecked(True)
    dialog.record_action.trigger()  # no words agreed yet: refused beside the field
    assert "Enter the words agreed" in dialog.problem.text()
    dialog.amendment_edit.setPlainText("Drug-related crime costs London a great deal.")
    dialog.record_action.trigger()
    (decision,) = window.services.report_versions.considerations(1, "0.1")
    assert decision.outcome is ConsiderationOutcome.AMENDED
    assert decision.meeting.key == "recs" and decision.paragraph_number == "1.1"
    assert dialog.table.item(0, 2).text() == "Amended"

    window.editor.stack.undo()
    assert window.services.report_versions.considerations(1, "0.1") == ()


def test_a_rejected_response_sets_the_status_and_undo_puts_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.recommendations_page
    page.today = lambda: TODAY
    window.show_page(PageId.RECOMMENDATIONS)
    assert page.select_recommendation("r4")
    responses = page.responses
    assert responses.action.isEnabled()
    responses.action.trigger()
    dialog = responses.dialog
    assert isinstance(dialog, ResponseDialog)
    dialog.outcome_radios[ResponseOutcome.REJECTED].setChecked(True)
    assert dialog.status_note.isVisibleTo(dialog)
    assert "sets the recommendation's status to rejected" in dialog.status_note.text()
    dialog.text_edit.setPlainText("The MPS does not accept this recommendation.")
    dialog.accept()
    assert not dialog.isVisible()
    found = window.services.recommendations.find(1, "r4", TODAY)
    assert found.status is RecommendationStatus.REJECTED
    assert found.response == "The MPS does not accept this recommendation."
    assert window.editor.stack.undoText() == "Record recommendation 4 rejected"
    assert "Rejected on" in responses.label.text()
    assert page.model.record(page.model.row_of_key("r4")).status is RecommendationStatus.REJECTED

    window.editor.stack.undo()
    back = window.services.recommendations.find(1, "r4", TODAY)
    assert back.status is RecommendationStatus.AGREED and back.response != found.response


def test_export_report_writes_a_pdf(window: MainWindow, tmp_path: Path) -> None:
    opened: list[Path] = []
    exporter = window.report_export
    exporter.opener = lambda path: opened.append(path) is None
    exporter.update_action()
    assert exporter.action.isEnabled()
    exporter.action.trigger()
    dialog = exporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_edit.text().endswith(" - report.pdf")
    path = tmp_path / "report.pdf"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    assert opened == [path]
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert SECOND in text
    assert str(path) in window.statusBar().currentMessage()


def test_the_public_export_is_refused_naming_a_quoting_paragraph(
    window: MainWindow, tmp_path: Path
) -> None:
    closed = "The informant said the supply came through the same three flats every week."
    paragraphs = window.services.report_paragraphs
    paragraphs.add(1, "conclusions", closed, access=Access.CLOSED)
    paragraphs.add(1, "conclusions", f"We heard that {closed.lower()}")
    exporter = window.report_export
    exporter.opener = lambda path: pytest.fail(f"{path} was written")
    exporter.update_action()
    exporter.action.trigger()
    dialog = exporter.dialog
    assert dialog is not None
    (warning,) = dialog.warnings_box.warnings()
    assert "quote closed material word for word: 5.2" in warning
    dialog.path_edit.setText(str(tmp_path / "report.pdf"))
    dialog.accept()
    assert not (tmp_path / "report.pdf").exists()
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "5.2" in box.text() or "5.2" in box.informativeText()
    box.close()


@pytest.mark.parametrize("suffix", [".docx", ""])
def test_the_tab_exports_the_version_chosen_as_word_or_a_web_folder(
    window: MainWindow, tmp_path: Path, suffix: str
) -> None:
    pane = versions_tab(window)
    make_version(pane, ReportPurpose.COMMENT)
    first = window.services.report_paragraphs.paragraphs(1, "background")[0]
    window.services.report_paragraphs.edit(first.id, first.version, text="Rewritten since.")
    opened: list[Path] = []
    pane.exporter.opener = lambda path: opened.append(path) is None
    pane.export_action.trigger()
    dialog = pane.exporter.dialog
    assert dialog is not None and "Version 0.1 of the report" in dialog.findChild(QLabel).text()
    assert dialog.select_format(suffix)
    assert dialog.path_edit.text().endswith(f" - report 0.1{suffix}")
    path = tmp_path / f"report{suffix}"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    assert opened == [path]
    if suffix == ".docx":
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    else:
        pages = sorted(path.glob("*.html"))
        assert pages and sorted(path.glob("*.pdf"))
        text = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert FIRST in text and "Rewritten since." not in text  # the version as it was frozen
