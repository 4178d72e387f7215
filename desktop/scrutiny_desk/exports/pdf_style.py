"""What the agenda and the minutes share: fonts, styles, page furniture, wording.

Both papers are A4, set in one embedded family (DejaVu Sans, so any character a
clerk types has a glyph or at worst a box, and no PDF refers to a font it does not
carry). Page furniture (the DRAFT and NOT FOR PUBLICATION bands, the running header,
"Page N of M") is drawn once the page count is known, by a canvas that holds back
every page until the document is saved.

A page is marked NOT FOR PUBLICATION when a flowable of closed business is drawn on
it: renderers build those flowables with ``confidential=True`` (classes that keep
the mark when reportlab splits them across pages), and the document template tells
the canvas after each one is placed. So the mark follows the closed business
wherever the layout puts it, and never lands on a page without any.

User text is plain text: ``plain()`` escapes it for reportlab's markup and keeps its
line breaks; everything a renderer passes to ``markup()`` has been through it.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from ..domain.enums import MeetingStatus
from ..domain.exemptions import WALES_PARAGRAPHS as _WALES
from ..domain.exemptions import schedule_12a_paragraphs
from ..domain.views import MeetingView, PersonView
from ..resources_path import resource_file

NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
DRAFT = "DRAFT - subject to approval"

# Fonts -------------------------------------------------------------------------------

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)
_font_lock = threading.Lock()


def register_fonts() -> None:
    """Register the shipped DejaVu family once per process (exports may run on a worker)."""
    with _font_lock:
        if FONT_BOLD_ITALIC in pdfmetrics.getRegisteredFontNames():
            return
        for name in _FONT_FILES:
            pdfmetrics.registerFont(TTFont(name, str(resource_file(f"fonts/{name}.ttf"))))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )


# Colours and geometry ----------------------------------------------------------------

INK = HexColor("#1b1f24")
MUTED = HexColor("#5d6670")
ACCENT = HexColor("#1d3a5c")
RULE = HexColor("#c5cbd2")
TINT = HexColor("#eef1f4")
CONFIDENTIAL = HexColor("#9b111e")
CONFIDENTIAL_TINT = HexColor("#fbecec")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
FRAME_TOP = PAGE_HEIGHT - 30 * mm
FRAME_BOTTOM = 24 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
NUMBER_WIDTH = 12 * mm  # the item-number column; item details hang from it
LABEL_WIDTH = 27 * mm  # "Date:", "Chair:", "Present:" ...
DETAIL_LABEL_WIDTH = 38 * mm  # "Witnesses:", "Exempt information:" under an item
# Room a heading needs below it, or it moves to the next page: no heading is stranded at
# the foot of a page. (CondPageBreak rather than keepWithNext, which would hold a whole
# long minute back with its heading and leave half a page empty.)
ITEM_ROOM = 32 * mm
PART_ROOM = 46 * mm
SECTION_ROOM = 62 * mm  # a section heading, then a part or an item heading


def hex_of(colour: Color) -> str:
    return "#" + str(colour.hexval())[2:]


@dataclass(frozen=True)
class Styles:
    base: ParagraphStyle
    kicker: ParagraphStyle
    review: ParagraphStyle
    paper: ParagraphStyle
    meeting: ParagraphStyle
    section: ParagraphStyle
    part: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    number: ParagraphStyle
    item: ParagraphStyle
    slot: ParagraphStyle
    text: ParagraphStyle
    note: ParagraphStyle
    flag: ParagraphStyle
    tor: ParagraphStyle
    head: ParagraphStyle
    cell: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles; the fonts they name are registered first."""
    register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=FONT,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        bulletFontName=FONT,
        bulletFontSize=9.5,
        splitLongWords=1,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        base=base,
        kicker=derive(
            "kicker", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=ACCENT, spaceAfter=3
        ),
        review=derive("review", fontName=FONT_BOLD, fontSize=21, leading=25, spaceAfter=6),
        paper=derive(
            "paper",
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=3,
        ),
        meeting=derive("meeting", fontName=FONT_BOLD, fontSize=14.5, leading=18.5, spaceAfter=9),
        section=derive(
            "section",
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=ACCENT,
            spaceBefore=16,
            spaceAfter=3,
            keepWithNext=1,
        ),
        part=derive(
            "part",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=2,
        ),
        label=derive("label", fontName=FONT_BOLD, fontSize=8.5, leading=13.5, textColor=MUTED),
        value=derive("value"),
        number=derive("number", fontName=FONT_BOLD, fontSize=11, leading=14.5, textColor=ACCENT),
        item=derive("item", fontName=FONT_BOLD, fontSize=11, leading=14.5),
        slot=derive("slot", fontSize=8.5, leading=14.5, textColor=MUTED, alignment=TA_RIGHT),
        text=derive("text", leftIndent=NUMBER_WIDTH, spaceAfter=5),
        note=derive(
            "note", fontName=FONT_ITALIC, leftIndent=NUMBER_WIDTH, textColor=MUTED, spaceAfter=5
        ),
        flag=derive(
            "flag",
            fontSize=8.5,
            leading=12,
            leftIndent=NUMBER_WIDTH,
            textColor=MUTED,
            spaceBefore=1,
            spaceAfter=3,
        ),
        tor=derive("tor", leftIndent=9 * mm, bulletIndent=0, spaceAfter=1),
        head=derive("head", fontName=FONT_BOLD, fontSize=7.5, leading=10, textColor=MUTED),
        cell=derive("cell", fontSize=9, leading=12.5),
    )


# Text ----------------------------------------------------------------------------

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Plain text with one kind of line break and no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _UNPRINTABLE.sub(" ", text)


def plain(text: str) -> str:
    """User text as reportlab markup: printed literally, line breaks kept."""
    return "<br/>".join(escape(line) for line in clean(text).split("\n"))


def one_line(text: str, limit: int | None = None) -> str:
    """Text for a single line (outline entries, metadata, running heads)."""
    flat = " ".join(clean(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut a line to a width, with an ellipsis, for text drawn straight on the canvas."""
    text = one_line(text, 400)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def person(p: PersonView) -> str:
    """A witness as papers print them: name in bold, then role and organisation."""
    rest = ", ".join(plain(x) for x in (p.role, p.organisation) if x)
    return f"<b>{plain(p.name)}</b>" + (f", {rest}" if rest else "")


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


# Dates and times: "Monday 26 March 2007", "2.00 pm" (English names whatever the locale).

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {short_date(day)}"


def clock(moment: datetime) -> str:
    if (moment.hour, moment.minute) == (12, 0):
        return "12.00 noon"
    if (moment.hour, moment.minute) == (0, 0):
        return "12.00 midnight"
    hour = moment.hour % 12 or 12
    return f"{hour}.{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def time_span(start: datetime, end: datetime | None) -> str:
    if end is None:
        return clock(start)
    if end.date() == start.date():
        return f"{clock(start)} – {clock(end)}"
    return f"{clock(start)} – {clock(end)}, {long_date(end.date())}"


# Exempt information: Schedule 12A to the Local Government Act 1972 (parsing: domain).


def paragraph_reference(numbers: Sequence[int]) -> str:
    """ "paragraph 1 of Part 1" / "paragraphs 1 and 3 of Part 1" (Part 4 in Wales)."""
    words = [str(n) for n in numbers]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    part = 4 if all(n in _WALES for n in numbers) else 1
    return f"{plural(len(words), 'paragraph', 'paragraphs')} {listed} of Part {part}"


# Flowables -----------------------------------------------------------------------


class Confidential:
    """Marks a flowable as closed business: the page it is drawn on is marked. Split
    parts keep the mark, since reportlab builds them with ``self.__class__``."""


class ConfidentialParagraph(Confidential, Paragraph):  # type: ignore[misc]
    pass


class ConfidentialTable(Confidential, Table):  # type: ignore[misc]
    pass


class Anchor(Flowable):  # type: ignore[misc]
    """An invisible point that becomes a bookmark in the document outline."""

    def __init__(self, key: str, text: str, level: int) -> None:
        super().__init__()
        self.key, self.text, self.level = key, one_line(text, 120), level
        self.keepWithNext = True  # never left behind at the foot of a page

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def markup(text: str, style: ParagraphStyle, confidential: bool = False, **kw: Any) -> Paragraph:
    """A paragraph of markup the caller built from ``plain()`` text."""
    cls = ConfidentialParagraph if confidential else Paragraph
    return cls(text, style, **kw)


def para(text: str, style: ParagraphStyle, confidential: bool = False) -> Paragraph:
    """A paragraph of the user's plain text."""
    return markup(plain(text), style, confidential)


def rule(
    colour: Color = RULE, thickness: float = 0.6, before: float = 1, after: float = 6
) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=thickness, color=colour, spaceBefore=before, spaceAfter=after
    )


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """Every table names the embedded font, or reportlab sets Helvetica for its cells."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *commands,
        ]
    )


def table(
    rows: list[list[Any]],
    widths: Sequence[float],
    style: TableStyle,
    confidential: bool = False,
    **kw: Any,
) -> Table:
    """A table whose rows may split across pages, so no amount of text overflows."""
    cls = ConfidentialTable if confidential else Table
    return cls(rows, colWidths=list(widths), style=style, splitInRow=1, hAlign="LEFT", **kw)


def section(title: str, key: str) -> list[Flowable]:
    """A top-level heading: small capitals over a thin rule, and an outline entry."""
    return [
        CondPageBreak(SECTION_ROOM),
        Anchor(key, title, 0),
        markup(escape(title.upper()), styles().section),
        rule(),
    ]


def fields(
    rows: Sequence[tuple[str, str]],
    indent: float = 0,
    label_width: float = LABEL_WIDTH,
    confidential: bool = False,
    space_after: float = 4,
) -> Table:
    """Label and value pairs in two aligned columns; values are markup."""
    s = styles()
    data: list[list[Any]] = [
        [markup(escape(label), s.label), markup(value, s.value)] for label, value in rows
    ]
    widths = [label_width, CONTENT_WIDTH - indent - label_width]
    if indent:
        data = [["", *row] for row in data]
        widths = [indent, *widths]
    label = len(widths) - 2
    return table(
        data,
        widths,
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (label, 0), (label, -1), 6),
            ("TOPPADDING", (label, 0), (label, -1), baseline_shift(s.value, s.label)),
        ),
        confidential,
        spaceAfter=space_after,
    )


def baseline_shift(big: ParagraphStyle, small: ParagraphStyle) -> float:
    """Top padding that puts a smaller style's first baseline on a bigger one's."""
    ascent = pdfmetrics.getFont(FONT).face.ascent / 1000
    return float((big.fontSize - small.fontSize) * ascent)


def item_heading(
    key: str,
    number: int | None,
    title: str,
    level: int,
    slot: str = "",
    confidential: bool = False,
) -> list[Flowable]:
    """Number, title and (if any) time slot on one line, with an outline entry; a long
    title wraps and splits. An item starts on a new page unless a few lines fit."""
    s = styles()
    slot_width = 38 * mm if slot else 0
    cells = [markup("" if number is None else str(number), s.number), para(title, s.item)]
    widths = [NUMBER_WIDTH, CONTENT_WIDTH - NUMBER_WIDTH - slot_width]
    if slot:
        cells.append(markup(escape(slot), s.slot))
        widths.append(slot_width)
    heading = table(
        [cells],
        widths,
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (1, 0), (1, 0), 6),
            ("TOPPADDING", (2, 0), (2, 0), baseline_shift(s.item, s.slot)),
        ),
        confidential,
        spaceBefore=11,
    )
    outline = title if number is None else f"{number}. {title}"
    return [CondPageBreak(ITEM_ROOM), Anchor(key, outline, level), heading]


def not_for_publication(exemption: str | None) -> Paragraph:
    """The mark on a closed item in papers for the panel, with the paragraph number."""
    flag = f'<font color="{hex_of(CONFIDENTIAL)}"><b>{NOT_FOR_PUBLICATION}</b></font>'
    numbers = schedule_12a_paragraphs(exemption) if exemption else ()
    if numbers:
        flag += (
            f" by virtue of {paragraph_reference(numbers)} of Schedule 12A to the "
            "Local Government Act 1972"
        )
    elif exemption:
        flag += " – " + plain(one_line(exemption))
    return markup(flag, styles().flag, confidential=True)


def heading_block(view: MeetingView, paper: str) -> list[Flowable]:
    """Body, review, what the paper is, the meeting and when and where it is."""
    s = styles()
    out: list[Flowable] = [Anchor("paper", paper, 0)]
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out += [
        para(view.review_title, s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(paper.upper()), s.paper),
        para(view.title, s.meeting),
    ]
    rows = [
        ("Date:", escape(long_date(view.start.date()))),
        ("Time:", escape(time_span(view.start, view.end))),
    ]
    if view.venue:
        rows.append(("Venue:", plain(view.venue)))
    if view.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        rows.append(
            (
                "Status:",
                f'<font color="{hex_of(CONFIDENTIAL)}"><b>This meeting has '
                f"been {view.status.value}.</b></font>",
            )
        )
    out.append(fields(rows, space_after=2))
    return out


# The document --------------------------------------------------------------------


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
            self.setFont(FONT_BOLD, 9.5)
            self.drawCentredString(x + width / 2, PAGE_HEIGHT - 16 * mm, text)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        if number > 1:
            right = fit(paper.running_date, FONT, 7.5, 50 * mm)
            left_width = CONTENT_WIDTH - pdfmetrics.stringWidth(right, FONT, 7.5) - 8 * mm
            self.drawString(
                MARGIN, FRAME_TOP + 5 * mm, fit(paper.running_head, FONT, 7.5, left_width)
            )
            self.drawRightString(PAGE_WIDTH - MARGIN, FRAME_TOP + 5 * mm, right)
            self.line(MARGIN, FRAME_TOP + 3.5 * mm, PAGE_WIDTH - MARGIN, FRAME_TOP + 3.5 * mm)
        self.line(MARGIN, 17 * mm, PAGE_WIDTH - MARGIN, 17 * mm)
        page = f"Page {number} of {total}"
        self.drawRightString(PAGE_WIDTH - MARGIN, 12.5 * mm, page)
        footer_width = CONTENT_WIDTH - pdfmetrics.stringWidth(page, FONT, 7.5) - 8 * mm
        self.drawString(MARGIN, 12.5 * mm, fit(paper.footer, FONT, 7.5, footer_width))
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
            initialFontSize=9.5,
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
