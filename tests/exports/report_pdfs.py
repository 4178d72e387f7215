"""Small PDF reports for the agenda pack's tests, made with reportlab: each page
carries a line that says which report and page it is, so a test can find it in a pack."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas


def report_pdf(
    name: str,
    pages: int = 1,
    *,
    size: tuple[float, float] = A4,
    rotate: int = 0,
    bookmarks: bool = False,
) -> bytes:
    """A report of ``pages`` pages, page n saying "<name> page n" near its top (with
    ``bookmarks``, one bookmark a page: "<name> section n")."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, size[1] - 72, f"{name} page {n}")
        if bookmarks:
            canvas.bookmarkPage(f"s{n}")
            canvas.addOutlineEntry(f"{name} section {n}", f"s{n}", level=0)
        canvas.showPage()
    canvas.save()
    if not rotate:
        return out.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    for page in writer.pages:
        page.rotate(rotate)
    rotated = io.BytesIO()
    writer.write(rotated)
    return rotated.getvalue()


def landscape_pdf(name: str, pages: int = 1) -> bytes:
    return report_pdf(name, pages, size=landscape(A4))


def encrypted_pdf(name: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf(name))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf(name: str) -> bytes:
    """A PDF cut off half way: its header is right, the rest is not there."""
    data = report_pdf(name, 2)
    return data[: len(data) // 2]


def broken_pdf(name: str) -> bytes:
    """A PDF whose page names fonts that are not in the file: it reads, but its pages
    cannot be copied."""
    return report_pdf(name).replace(b"/Font 1 0 R", b"/Font 97 0 R")
