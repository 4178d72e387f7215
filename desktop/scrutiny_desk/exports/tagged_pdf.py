"""A paper as a tagged PDF (PDF/UA-1 variant), drawn by WeasyPrint from the paper's
own HTML (``html_paper``): the structure tree follows the HTML (Document > H1..,
L > LI, Table > Caption, TR > TH/TD), ``/Lang`` comes from ``lang``, the title from
``<title>``, and the fonts are embedded. Checked with pikepdf and ``pdfinfo`` in the
tests; no PDF/UA validator runs here, so this is tagged and checked, not certified.

WeasyPrint (and Pango beneath it) is imported when a PDF is first drawn.
"""

from __future__ import annotations

from datetime import datetime

from .html_paper import render_html
from .paper_blocks import Paper

#: the PDF pass only: no link may point nowhere in a PDF (none does on the web page)
PDF_STYLE = "main { max-width: none; }"


def render_pdf(paper: Paper, created: datetime | None = None) -> bytes:
    """The paper as tagged PDF bytes; ``created``: the creation date its metadata gives."""
    from weasyprint import HTML

    html = render_html(paper, created, PDF_STYLE)
    pdf = HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
    if not isinstance(pdf, bytes):  # without a target, write_pdf returns the bytes
        raise TypeError("WeasyPrint wrote no PDF")
    return pdf
