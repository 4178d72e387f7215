"""Checking the PDF reports an agenda pack appends, before they are held or printed.

A report is taken only if pypdf reads it strictly: it starts with ``%PDF-``, is not
encrypted (a pack cannot append what it cannot read), has at least one page, and every
object its pages use is there (it is copied once, as the pack will copy it). The
reason names the file, so the clerk knows which of a meeting's reports to replace.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

PDF_MAGIC = b"%PDF-"


def read_pdf(name: str, data: bytes) -> PdfReader:
    """The report read strictly; ValueError naming ``name`` if it cannot go in a pack."""
    if not data.lstrip(b"\r\n\t ")[:5].startswith(PDF_MAGIC):
        raise ValueError(f"{name} is not a PDF file (a report must be a PDF)")
    # pypdf logs what it repairs; a strict read refuses instead, so the log is noise.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
        if pages:  # every object the pages use is there: as a pack will copy them
            PdfWriter().append(reader, import_outline=False)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(f"{name} is damaged and cannot be read as a PDF ({exc})") from None
    if encrypted:
        raise ValueError(
            f"{name} is protected by a password or encrypted: save an unprotected copy "
            "and attach that"
        )
    if pages == 0:
        raise ValueError(f"{name} has no pages")
    return reader


def check_pdf(name: str, data: bytes) -> int:
    """The report's page count; ValueError naming ``name`` if it is not a PDF, is
    damaged or encrypted, or has no pages."""
    return len(read_pdf(name, data).pages)
