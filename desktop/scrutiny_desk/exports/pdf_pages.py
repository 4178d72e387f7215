"""The page furniture of every paper, and the document that lays a story out on A4.

Page furniture (the DRAFT and NOT FOR PUBLICATION bands, the running header,
"Page N of M") is drawn once the page count is known, by a canvas that holds back
every page until the document is saved.

A page is marked NOT FOR PUBLICATION when a flowable of closed business is drawn on
it: renderers build those flowables with ``confidential=True`` (classes that keep
the mark when reportlab splits them across pages, see ``pdf_style``), and the
document template tells the canvas after each one is placed. So the mark follows the
closed business wherever the layout puts it, and never lands on a page without any.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..domain.views import MeetingView
from ..domain.wording import long_date
from .pdf_style import (
    BODY_SIZE,
    CONFIDENTIAL,
    CONFIDENTIAL_TINT,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    FOOTER_SIZE,
    FRAME_BOTTOM,
    FRAME_TOP,
    INK,
    LABEL_SIZE,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    TINT,
    Anchor,
    Confidential,
    register_fonts,
)
from .pdf_text import NOT_FOR_PUBLICATION, fit, one_line


@dataclass(frozen=True)
class PaperInfo:
    """What the page furniture and the PDF metadata say."""

    title: str
    author: str
    subject: str
    running_head: str
    running_date: str
    footer: str
    draft: str | None  # printed on every page while set


def paper_info(view: MeetingView, paper: str, draft: str | None = None) -> PaperInfo:
    owner = " · ".join(x for x in (view.body, view.review_title) if x)
    return PaperInfo(
        title=one_line(f"{paper}: {view.title}", 300),
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=f"{paper} · {view.title}",
        running_date=long_date(view.start.date()),
        footer=owner,
        draft=draft,
    )


class PaperCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until save(), then draws the furniture that needs the page
    count or what each page turned out to carry, and files the bookmarks."""

    def __init__(self, *args: Any, paper: PaperInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paper = paper
        self._pages: list[dict[str, Any]] = []
        self._confidential = False
        self._bookmarks: list[tuple[str, str, int, float]] = []

    def mark_confidential(self) -> None:
        self._confidential = True

    def add_bookmark(self, key: str, text: str, level: int, top: float) -> None:
        self._bookmarks.append((key, text, level, top))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self._confidential = False
        self._bookmarks = []

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, text, level, top in self._bookmarks:
                self.bookmarkPage(key, fit="XYZ", left=0, top=top)
                self.addOutlineEntry(text, key, level=level, closed=False)
            self._furniture(number, total)
            Canvas.showPage(self)
        self.showOutline()
        Canvas.save(self)

    def _furniture(self, number: int, total: int) -> None:
        paper = self._paper
        self.saveState()
        bands = ([(paper.draft, INK, TINT, RULE)] if paper.draft else []) + (
            [(NOT_FOR_PUBLICATION, CONFIDENTIAL, CONFIDENTIAL_TINT, CONFIDENTIAL)]
            if self._confidential
            else []
        )
        gap = 4 * mm
        width = (CONTENT_WIDTH - gap * (len(bands) - 1)) / max(len(bands), 1)
        for index, (text, ink, fill, edge) in enumerate(bands):
            x = MARGIN + index * (width + gap)
            self.setFillColor(fill)
            self.setStrokeColor(edge)
            self.setLineWidth(0.9)
            self.rect(x, PAGE_HEIGHT - 19 * mm, width, 8 * mm, stroke=1, fill=1)
            self.setFillColor(ink)
            self.setFont(FONT_BOLD, LABEL_SIZE)
            self.drawCentredString(x + width / 2, PAGE_HEIGHT - 16 * mm, text)
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        if number > 1:
            right = fit(paper.running_date, FONT, FOOTER_SIZE, 50 * mm)
            left_width = CONTENT_WIDTH - pdfmetrics.stringWidth(right, FONT, FOOTER_SIZE) - 8 * mm
            self.drawString(
                MARGIN, FRAME_TOP + 5 * mm, fit(paper.running_head, FONT, FOOTER_SIZE, left_width)
            )
            self.drawRightString(PAGE_WIDTH - MARGIN, FRAME_TOP + 5 * mm, right)
            self.line(MARGIN, FRAME_TOP + 3.5 * mm, PAGE_WIDTH - MARGIN, FRAME_TOP + 3.5 * mm)
        self.line(MARGIN, 17 * mm, PAGE_WIDTH - MARGIN, 17 * mm)
        page = f"Page {number} of {total}"
        self.drawRightString(PAGE_WIDTH - MARGIN, 12.5 * mm, page)
        footer_width = CONTENT_WIDTH - pdfmetrics.stringWidth(page, FONT, FOOTER_SIZE) - 8 * mm
        self.drawString(MARGIN, 12.5 * mm, fit(paper.footer, FONT, FOOTER_SIZE, footer_width))
        self.restoreState()


class PaperDocument(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: io.BytesIO, paper: PaperInfo) -> None:
        frame = Frame(
            MARGIN,
            FRAME_BOTTOM,
            CONTENT_WIDTH,
            FRAME_TOP - FRAME_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        super().__init__(
            target,
            pagesize=A4,
            pageTemplates=[PageTemplate(id="paper", frames=[frame])],
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=PAGE_HEIGHT - FRAME_TOP,
            bottomMargin=FRAME_BOTTOM,
            title=paper.title,
            author=paper.author,
            subject=paper.subject,
            creator="Scrutiny Desk",
            invariant=1,
            initialFontName=FONT,
            initialFontSize=BODY_SIZE,
            lang="en-GB",
            displayDocTitle=1,
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Confidential):
            self.canv.mark_confidential()
        if isinstance(flowable, Anchor):
            self.canv.add_bookmark(flowable.key, flowable.text, flowable.level, self.frame._y + 14)


def build_pdf(story: list[Flowable], paper: PaperInfo) -> bytes:
    """Lay out a story on A4 pages with the shared furniture; the same story gives the
    same bytes."""
    register_fonts()
    out = io.BytesIO()
    PaperDocument(out, paper).build(story, canvasmaker=partial(PaperCanvas, paper=paper))
    return out.getvalue()
