"""Printing a generated PDF page for page, so the paper shows what the PDF shows.

Papers are drawn once, by the PDF renderers in ``exports``; printing does not draw
them again with Qt. ``print_pdf`` reads the PDF with QtPdf, renders each chosen page
to an image at the printer's resolution and paints it onto the printer's page, fitted
to the paper with its aspect kept. The PDF's own margins stay the margins on paper.

``print_pdf`` and ``page_count`` touch no widget, so the task runner may run them on
a worker thread (QPainter may paint onto a QPrinter there); ``choose_printer`` shows
the print dialog and belongs on the GUI thread.
"""

from __future__ import annotations

import math
from os import PathLike
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ...domain.errors import ScrutinyError

#: Pages are rendered at the printer's resolution, but at most this: an A4 page at
#: 1200 dpi is a 550 MB image, at 600 dpi 140 MB, and sharper than toner shows.
MAX_RENDER_DPI = 600
_CONTEXT = "Printing"


class PrintError(ScrutinyError):
    """The PDF could not be read, or the printer refused the job."""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _load(path: str | PathLike[str]) -> QPdfDocument:
    document = QPdfDocument()
    status = document.load(str(path))
    if status != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise PrintError(
            _tr("The PDF {file} could not be read for printing ({problem}).").format(
                file=Path(path).name, problem=status.name.rstrip("_")
            )
        )
    return document


def page_count(path: str | PathLike[str]) -> int:
    """The number of pages of the PDF at ``path``; PrintError if it cannot be read."""
    document = _load(path)
    try:
        return document.pageCount()
    finally:
        document.close()


def choose_printer(parent: QWidget, pages: int, doc_name: str) -> QPrinter | None:
    """Qt's print dialog for a document of ``pages`` pages; the printer, or None."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print {name}").format(name=doc_name))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    dialog.setMinMax(1, pages)
    dialog.setFromTo(1, pages)
    # exec, not open: the native dialogs on Windows and macOS are modal only.
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return printer if accepted else None


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The pages (0-based, in printing order) the printer's settings ask for.

    Copies are repeated here only when the printer cannot make them itself."""
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    pages = list(range(first - 1, last))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies == 1:
        return pages
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def fit(page: QSizeF, area: QRectF) -> QRectF:
    """``page`` scaled to fit ``area`` with its aspect kept, centred."""
    scale = min(area.width() / page.width(), area.height() / page.height())
    width, height = page.width() * scale, page.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def print_pdf(
    path: str | PathLike[str], printer: QPrinter, *, max_dpi: int = MAX_RENDER_DPI
) -> int:
    """Print the PDF at ``path`` on ``printer``, one PDF page per sheet side.

    The number of pages printed; PrintError if the PDF or the printer fails."""
    document = _load(path)
    try:
        pages = pages_to_print(printer, document.pageCount())
        if not pages:
            raise PrintError(_tr("The pages chosen are not in the document."))
        # The whole sheet is the canvas: the PDF page already has its margins.
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(
                _tr(
                    "The printer could not start the job. Check that it is switched on "
                    "and connected, then print again."
                )
            )
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            # A PDF or CUPS printer would otherwise store the page as a JPEG: blurred text.
            painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
            sheet = QRectF(painter.viewport())
            scale = min(1.0, max_dpi / max(1, printer.resolution()))
            for n, page in enumerate(pages):
                if n and not printer.newPage():
                    raise PrintError(_tr("The printer stopped after {n} pages.").format(n=n))
                target = fit(document.pagePointSize(page), sheet)
                size = QSize(math.ceil(target.width() * scale), math.ceil(target.height() * scale))
                image = document.render(page, size)
                if image.isNull():
                    raise PrintError(
                        _tr("Page {page} could not be prepared for printing.").format(page=page + 1)
                    )
                painter.drawImage(target, image)
        except PrintError:
            printer.abort()
            raise
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()
