"""The report's paragraph styles (``report_pdf``), derived from the papers' shared base
(``pdf_style``): the same family, body size and colours; numbers hang in the margin the
papers' item numbers hang in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .pdf_style import (
    ACCENT,
    BODY_LEADING,
    CONFIDENTIAL,
    FONT,
    FONT_BOLD,
    HEADING_LEADING,
    HEADING_SIZE,
    LABEL_SIZE,
    MUTED,
    NUMBER_WIDTH,
    styles,
)


@dataclass(frozen=True)
class ReportStyles:
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    version: ParagraphStyle
    closed_mark: ParagraphStyle
    contents_entry: ParagraphStyle
    chapter: ParagraphStyle
    section: ParagraphStyle
    muted: ParagraphStyle
    body: ParagraphStyle
    numbered: ParagraphStyle
    flag: ParagraphStyle
    box: ParagraphStyle
    box_detail: ParagraphStyle
    list_title: ParagraphStyle
    list_item: ParagraphStyle
    list_deep: ParagraphStyle
    detail: ParagraphStyle
    head: ParagraphStyle
    cell: ParagraphStyle


@cache
def report_styles() -> ReportStyles:
    shared = styles()
    base = shared.base

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"report-{name}", parent=base, **kw)

    return ReportStyles(
        kicker=shared.kicker,
        title=derive("title", fontName=FONT_BOLD, fontSize=26, leading=31, spaceAfter=6),
        subtitle=derive(
            "subtitle", fontName=FONT_BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceAfter=6
        ),
        version=derive("version", fontSize=13, leading=18, spaceAfter=2),
        closed_mark=derive(
            "closed-mark",
            textColor=CONFIDENTIAL,
            borderColor=CONFIDENTIAL,
            borderWidth=1.2,
            borderPadding=6,
        ),
        contents_entry=derive("contents", leftIndent=0, firstLineIndent=0, spaceAfter=3),
        chapter=derive(
            "chapter",
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            textColor=ACCENT,
            spaceAfter=4,
            keepWithNext=1,
        ),
        section=derive(
            "section",
            fontName=FONT_BOLD,
            fontSize=HEADING_SIZE,
            leading=HEADING_LEADING,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        muted=derive(
            "muted", fontSize=LABEL_SIZE, leading=13, textColor=MUTED, spaceAfter=6, keepWithNext=1
        ),
        body=derive("body", spaceAfter=7),
        numbered=derive(
            "numbered",
            leftIndent=NUMBER_WIDTH,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            bulletColor=ACCENT,
            spaceAfter=7,
        ),
        flag=derive(
            "flag", fontSize=LABEL_SIZE, leading=13, leftIndent=NUMBER_WIDTH, keepWithNext=1
        ),
        box=derive("box", leading=BODY_LEADING),
        box_detail=derive("box-detail", fontSize=LABEL_SIZE, leading=13, spaceBefore=3),
        list_title=derive(
            "list-title",
            fontName=FONT_BOLD,
            leftIndent=NUMBER_WIDTH,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        list_item=derive(
            "list-item",
            leftIndent=NUMBER_WIDTH + 10 * mm,
            bulletIndent=NUMBER_WIDTH,
            bulletFontName=FONT,
            spaceAfter=2,
        ),
        list_deep=derive(
            "list-deep",
            leftIndent=NUMBER_WIDTH + 22 * mm,
            bulletIndent=NUMBER_WIDTH + 10 * mm,
            bulletFontName=FONT,
            spaceAfter=2,
        ),
        detail=derive(
            "detail",
            fontSize=LABEL_SIZE,
            leading=13,
            leftIndent=NUMBER_WIDTH,
            textColor=MUTED,
            spaceAfter=9,
        ),
        head=shared.head,
        cell=shared.cell,
    )
