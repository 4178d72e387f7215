"""Export Agenda Pack… (audience, the supplementary pack) and Word in Export Agenda and
Export Minutes: the save dialog's filter sets the format and the extension, and the
file written is read back (pypdf for the pack, python-docx for Word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.publishing.pack_export import PackExport
from scrutiny_desk.ui.shared.export_dialog import ExportDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_exports import open_dialog, show_meeting

pytestmark = pytest.mark.gui

RECS = "Deliberative meeting: agreeing recommendations"


@pytest.fixture
def opened() -> list[Path]:
    return []


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services, opened: list[Path]) -> MainWindow:
    shown = make_window(sample_services)
    shown.exports.opener = lambda path: opened.append(path) is None
    shown.pack_export.opener = lambda path: opened.append(path) is None
    show_meeting(shown, RECS)
    return shown


def open_pack_dialog(pack: PackExport) -> ExportDialog:
    assert pack.action.isEnabled()
    pack.action.trigger()
    dialog = pack.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_agenda_pack_appends_the_reports(
    window: MainWindow, opened: list[Path], tmp_path: Path
) -> None:
    pack = window.pack_export
    assert pack.action in window.meeting_menu.actions()
    dialog = open_pack_dialog(pack)
    assert dialog.path_edit.text().endswith(" - agenda pack.pdf")
    assert pack.supplementary_check is not None and not pack.supplementary_check.isChecked()
    dialog.panel_radio.setChecked(True)
    assert dialog.path_edit.text().endswith(" - agenda pack-panel.pdf")
    dialog.public_radio.setChecked(True)
    path = tmp_path / "pack.pdf"
    dialog.path_edit.setText(str(path))
    dialog.accept()

    assert opened == [path]
    agenda = window.services.exports.agenda(
        window.services.meeting_edits.find(1, "recs").id,
        dialog.choice().audience,
        tmp_path / "agenda.pdf",
    )
    pages, agenda_pages = len(PdfReader(path).pages), len(PdfReader(agenda).pages)
    assert pages == agenda_pages + 2  # the sample's 2-page report after the agenda
    assert f"{pages} pages, 1 report." in window.statusBar().currentMessage()


def test_the_supplementary_pack_holds_only_late_reports(
    window: MainWindow, opened: list[Path], tmp_path: Path
) -> None:
    services = window.services
    recs = services.meeting_edits.find(1, "recs")
    report = services.reports.list_for_meeting(recs.id)[0]
    services.reports.set_late(report.id, report.version, True)
    dialog = open_pack_dialog(window.pack_export)
    check = window.pack_export.supplementary_check
    assert check is not None
    check.setChecked(True)
    assert dialog.path_edit.text().endswith(" - supplementary pack.pdf")
    path = tmp_path / "supplementary.pdf"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    assert opened == [path]
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert report.title.split(":")[0] in " ".join(text.split())


def test_word_is_offered_and_the_chosen_filter_sets_the_extension(
    window: MainWindow, opened: list[Path], tmp_path: Path
) -> None:
    dialog = open_dialog(window, "export_agenda_action")
    assert dialog.path_edit.text().endswith(" - agenda.pdf")
    assert dialog.select_format(".docx")
    assert dialog.path_edit.text().endswith(" - agenda.docx")
    dialog.select_format(".pdf")
    # As the save dialog returns them: a name without extension and the Word filter.
    dialog.choose_file(tmp_path / "agenda for editing", "Word document (*.docx)")
    assert dialog.file_format() is not None and dialog.file_format().suffix == ".docx"  # type: ignore[union-attr]
    assert dialog.path_edit.text() == str(tmp_path / "agenda for editing.docx")
    dialog.choose_file(tmp_path / "agenda.pdf", "Word document (*.docx)")
    assert dialog.path_edit.text() == str(tmp_path / "agenda.docx")
    dialog.accept()

    written = tmp_path / "agenda.docx"
    assert opened == [written]
    document = Document(str(written))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "agreeing recommendations" in text
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)


def test_minutes_as_word_for_the_panel(
    window: MainWindow, opened: list[Path], tmp_path: Path
) -> None:
    dialog = open_dialog(window, "export_minutes_action")
    dialog.panel_radio.setChecked(True)
    dialog.select_format(".docx")
    assert dialog.path_edit.text().endswith(" - minutes-panel.docx")
    path = tmp_path / "minutes-panel.docx"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    assert opened == [path]
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "PANEL COPY" in text and "Deliberative meeting" in text
