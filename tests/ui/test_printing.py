"""Printing: the generated PDF, page for page, on a QPrinter that writes a PDF file.

The print dialog is replaced by a chooser that returns a high-resolution PDF printer,
so the printed file can be read back with pypdf and compared with the paper itself.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, QSizeF, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared import printing
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_exports import EV3, meeting_id, open_dialog, show_meeting

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> QApplication:
    """A QPrinter needs the QApplication: a test that makes one first in its worker
    (a page range, no window) aborted without it."""
    return qapp


A4_POINTS = (595.3, 841.9)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


class Chooser:
    """Stands in for the print dialog: records what it was asked, returns a printer."""

    def __init__(self, printer: QPrinter | None) -> None:
        self.printer = printer
        self.asked: list[tuple[int, str]] = []

    def __call__(self, parent: QWidget, pages: int, doc_name: str) -> QPrinter | None:
        self.asked.append((pages, doc_name))
        return self.printer


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own temporary folder: other tests printing at the same time (in
    another worker, or another run on the machine) make their folders elsewhere."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def print_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("scrutiny-desk-print-*"))


@pytest.fixture
def agenda_pdf(sample_services: Services, tmp_path: Path) -> Path:
    """The panel agenda of evidence session 3, as Export Agenda writes it."""
    ev3 = meeting_id(sample_services, EV3)
    return sample_services.exports.agenda(ev3, Audience.PANEL, tmp_path / "agenda.pdf")


def test_print_agenda_prints_the_pdf_pages(
    make_window: WindowFactory, sample_services: Services, agenda_pdf: Path, tmp_path: Path
) -> None:
    printed = tmp_path / "printed.pdf"
    chooser = Chooser(pdf_printer(printed))
    before = print_folders()
    window = make_window(sample_services)
    window.exports.choose_printer = chooser
    show_meeting(window, EV3)

    dialog = open_dialog(window, "print_agenda_action")
    assert dialog.public_radio.isChecked()
    assert not dialog.path_edit.isVisible()  # nothing is saved
    dialog.panel_radio.click()
    dialog.ok_button.click()

    expected_pages = len(PdfReader(agenda_pdf).pages)
    assert chooser.asked == [(expected_pages, "2007-03-26 Evidence session 3 - agenda-panel")]
    assert printed.stat().st_size > 0
    reader = PdfReader(printed)
    assert len(reader.pages) == expected_pages
    for page in reader.pages:  # the paper is A4 and carries the page as one image
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(A4_POINTS, abs=1)
        [image] = page["/Resources"]["/XObject"].values()
        assert image.get_object()["/Width"] >= 4900  # 600 dpi across A4
    assert window.statusBar().currentMessage() == f"Sent the agenda to {printed}."
    assert print_folders() == before  # the generated PDF is gone again


def test_a_cancelled_print_dialog_prints_nothing(
    make_window: WindowFactory, sample_services: Services
) -> None:
    chooser = Chooser(None)
    before = print_folders()
    window = make_window(sample_services)
    window.exports.choose_printer = chooser
    show_meeting(window, EV3)
    open_dialog(window, "print_minutes_action").ok_button.click()
    assert len(chooser.asked) == 1
    assert chooser.asked[0][1] == "2007-03-26 Evidence session 3 - minutes"
    assert window.statusBar().currentMessage() == "Printing cancelled."
    assert print_folders() == before


def test_printing_runs_off_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    printed = tmp_path / "printed.pdf"
    window: MainWindow = make_window(sample_services, runner=ThreadedTaskRunner())
    window.exports.choose_printer = Chooser(pdf_printer(printed))
    qtbot.waitUntil(lambda: window.current_meeting() is not None, timeout=10_000)
    show_meeting(window, EV3)
    window.exports.print_agenda_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Sent the agenda"),
        timeout=20_000,
    )
    assert len(PdfReader(printed).pages) >= 1
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)


def test_a_page_range_prints_those_pages_only(agenda_pdf: Path, tmp_path: Path) -> None:
    printed = tmp_path / "page-2.pdf"
    printer = pdf_printer(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert printing.print_pdf(agenda_pdf, printer, max_dpi=150) == 1
    assert len(PdfReader(printed).pages) == 1


def test_pages_to_print_follow_order_and_copies(tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "unused.pdf")
    assert printing.pages_to_print(printer, 3) == [0, 1, 2]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert printing.pages_to_print(printer, 3) == [2, 1, 0]
    printer.setPageOrder(QPrinter.PageOrder.FirstPageFirst)
    assert not printer.supportsMultipleCopies()  # a PDF file: copies are made here
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert printing.pages_to_print(printer, 2) == [0, 1, 0, 1]
    printer.setCollateCopies(False)
    assert printing.pages_to_print(printer, 2) == [0, 0, 1, 1]
    printer.setCopyCount(1)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    assert printing.pages_to_print(printer, 3) == [1, 2]


def test_a_page_is_fitted_with_its_aspect_kept() -> None:
    landscape = printing.fit(QSizeF(842, 595), QRectF(0, 0, 595, 842))
    assert landscape.width() == pytest.approx(595)
    assert landscape.height() == pytest.approx(595 * 595 / 842)
    assert landscape.center().y() == pytest.approx(421)
    same = printing.fit(QSizeF(595, 842), QRectF(10, 20, 1190, 1684))
    assert (same.x(), same.y(), same.width(), same.height()) == pytest.approx((10, 20, 1190, 1684))


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "agenda.pdf"
    bad.write_bytes(b"not a PDF")
    with pytest.raises(printing.PrintError, match="could not be read for printing"):
        printing.page_count(bad)
    with pytest.raises(printing.PrintError):
        printing.print_pdf(bad, pdf_printer(tmp_path / "printed.pdf"))
    assert not (tmp_path / "printed.pdf").exists()


def test_the_print_dialog_offers_the_pages_of_the_document(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[int, int, int, int, str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        seen.append(
            (
                dialog.minPage(),
                dialog.maxPage(),
                dialog.fromPage(),
                dialog.toPage(),
                dialog.windowTitle(),
            )
        )
        dialog.reject()

    QTimer.singleShot(0, answer)
    assert printing.choose_printer(parent, 3, "2007-03-26 Evidence session 3 - agenda") is None
    assert seen == [(1, 3, 1, 3, "Print 2007-03-26 Evidence session 3 - agenda")]
