"""What the papers share on the page: fonts, colours, geometry, paragraph styles and
the flowables they are built from (headings, label and value tables, the closed-item
mark).

Every paper is A4, set in one embedded family (DejaVu Sans, so any character a
clerk types has a glyph or at worst a box, and no PDF refers to a font it does not
carry). A flowable of closed business is built with ``confidential=True``: its class
keeps the mark when reportlab splits it across pages, and the page it lands on is
marked NOT FOR PUBLICATION (``pdf_pages``). The wording and the text and date
helpers are ``pdf_text``; the page furniture and the document are ``pdf_pages``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tables import CellStyle

from ..domain import procedure_wording
from ..domain.enums import MeetingStatus
from ..domain.exemptions import schedule_12a_paragraphs
from ..domain.meeting_rules import will_not_take_place
from ..domain.views import MeetingView
from ..domain.wording import N_
from ..resources_path import resource_file
from .paper_text import ENGLISH, PaperText
from .pdf_fragments import made_fragments
from .pdf_text import (
    NOT_FOR_PUBLICATION,
    clean,
    one_line,
    plain,
    time_span,
)

#: what a meeting that will not take place says under its time
STATUS_WORDS = {
    MeetingStatus.CANCELLED: N_("This meeting has been cancelled."),
    MeetingStatus.POSTPONED: N_("This meeting has been postponed."),
}

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
#: the width the body frame (``pdf_pages``) offers a flowable, to the last bit as reportlab
#: works it out: a paragraph measured at it before layout is not measured again
FRAME_WIDTH = (MARGIN + CONTENT_WIDTH) - MARGIN
NUMBER_WIDTH = 18 * mm  # the item-number column ("123/26"); item details hang from it
LABEL_WIDTH = 30 * mm  # "Date:", "Chair:", "Present:", "Also present:" ...
DETAIL_LABEL_WIDTH = 44 * mm  # "Witnesses:", "Exempt information:" under an item
# Room a heading needs below it, or it moves to the next page: no heading is stranded at
# the foot of a page. (CondPageBreak rather than keepWithNext, which would hold a whole
# long minute back with its heading and leave half a page empty.)
ITEM_ROOM = 32 * mm
PART_ROOM = 46 * mm
SECTION_ROOM = 62 * mm  # a section heading, then a part or an item heading
SLOT_WIDTH = 38 * mm  # an item's time, at the right of its title
HEADING_PADDING = 3  # below an item's heading

# Type sizes (points). Papers are read on paper and on screen by people of every age:
# body text is 11 pt, labels and small print never under 10, the running head and
# footer 9 (issue 15 measured 9.5, 8.5 and 7.5 as too small).
BODY_SIZE = 11
BODY_LEADING = 15.5
LABEL_SIZE = 10
FOOTER_SIZE = 9
HEADING_SIZE = 12.5
HEADING_LEADING = 16.5


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
    resolution: ParagraphStyle
    publication: ParagraphStyle
    vote: ParagraphStyle
    head: ParagraphStyle
    cell: ParagraphStyle
    heading: ParagraphStyle
    heading_with_slot: ParagraphStyle
    detail: ParagraphStyle
    detail_tor: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles; the fonts they name are registered first."""
    register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=FONT,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=INK,
        bulletFontName=FONT,
        bulletFontSize=BODY_SIZE,
        splitLongWords=1,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    # An item's heading: the title set off from the number, which hangs as its bullet
    # (``ItemHeading``), and as far from the time slot as the title column was.
    heading = derive(
        "heading",
        fontName=FONT_BOLD,
        fontSize=HEADING_SIZE,
        leading=HEADING_LEADING,
        leftIndent=NUMBER_WIDTH,
        rightIndent=6,
        bulletIndent=0,
        bulletFontName=FONT_BOLD,
        bulletFontSize=HEADING_SIZE,
        bulletColor=ACCENT,
        spaceBefore=11,
    )

    return Styles(
        base=base,
        kicker=derive(
            "kicker",
            fontName=FONT_BOLD,
            fontSize=LABEL_SIZE,
            leading=13,
            textColor=ACCENT,
            spaceAfter=3,
        ),
        review=derive("review", fontName=FONT_BOLD, fontSize=22, leading=26.5, spaceAfter=6),
        paper=derive(
            "paper",
            fontName=FONT_BOLD,
            fontSize=LABEL_SIZE,
            leading=13,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=3,
        ),
        meeting=derive("meeting", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=9),
        section=derive(
            "section",
            fontName=FONT_BOLD,
            fontSize=LABEL_SIZE,
            leading=13,
            textColor=ACCENT,
            spaceBefore=16,
            spaceAfter=3,
            keepWithNext=1,
        ),
        part=derive(
            "part",
            fontName=FONT_BOLD,
            fontSize=HEADING_SIZE,
            leading=HEADING_LEADING,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=2,
        ),
        label=derive(
            "label", fontName=FONT_BOLD, fontSize=LABEL_SIZE, leading=BODY_LEADING, textColor=MUTED
        ),
        value=derive("value"),
        number=derive(
            "number",
            fontName=FONT_BOLD,
            fontSize=HEADING_SIZE,
            leading=HEADING_LEADING,
            textColor=ACCENT,
        ),
        item=derive("item", fontName=FONT_BOLD, fontSize=HEADING_SIZE, leading=HEADING_LEADING),
        slot=derive(
            "slot",
            fontSize=LABEL_SIZE,
            leading=HEADING_LEADING,
            textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        text=derive("text", leftIndent=NUMBER_WIDTH, spaceAfter=5),
        note=derive(
            "note", fontName=FONT_ITALIC, leftIndent=NUMBER_WIDTH, textColor=MUTED, spaceAfter=5
        ),
        flag=derive(
            "flag",
            fontSize=LABEL_SIZE,
            leading=13.5,
            leftIndent=NUMBER_WIDTH,
            textColor=MUTED,
            spaceBefore=1,
            spaceAfter=3,
        ),
        tor=derive("tor", leftIndent=9 * mm, bulletIndent=0, spaceAfter=1),
        publication=derive(
            "publication", fontName=FONT_ITALIC, textColor=MUTED, spaceBefore=2, spaceAfter=2
        ),
        # A decision under its minute, set in from the text, and its vote beneath it.
        resolution=derive(
            "resolution", leftIndent=NUMBER_WIDTH + 8 * mm, spaceBefore=3, spaceAfter=3
        ),
        vote=derive(
            "vote",
            fontSize=LABEL_SIZE,
            leading=13.5,
            leftIndent=NUMBER_WIDTH + 8 * mm,
            textColor=MUTED,
            spaceAfter=4,
        ),
        head=derive("head", fontName=FONT_BOLD, fontSize=LABEL_SIZE, leading=13, textColor=MUTED),
        cell=derive("cell"),
        heading=heading,
        # An item's details where their value column starts (``pdf_items``).
        detail=derive("detail", leftIndent=NUMBER_WIDTH + DETAIL_LABEL_WIDTH),
        detail_tor=derive(
            "detail_tor",
            leftIndent=NUMBER_WIDTH + DETAIL_LABEL_WIDTH + 9 * mm,
            bulletIndent=NUMBER_WIDTH + DETAIL_LABEL_WIDTH,
            spaceAfter=1,
        ),
        heading_with_slot=ParagraphStyle(
            "heading_with_slot", parent=heading, rightIndent=6 + SLOT_WIDTH
        ),
    )


# Flowables -----------------------------------------------------------------------


class Confidential:
    """Marks a flowable as closed business: the page it is drawn on is marked. Split
    parts keep the mark, since reportlab builds them with ``self.__class__``."""


class MeasuredParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width. Reportlab measures a table
    cell's paragraphs to size the row and again to draw them, and a frame measures a
    paragraph before it places it; the lines come out the same each time."""

    _measured_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # ``split`` drops blPara when it moves the paragraph on: then measure again.
        if self._measured_at == available_width and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._measured_at = available_width
        return size  # type: ignore[no-any-return]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """As ``Flowable.drawOn`` draws it (the state saved, the origin moved, the
        state restored), restoring only the origin, the one thing changed outside the
        state reportlab's ``draw`` saves and restores itself, rather than copying the
        whole state for every paragraph. (A subclass whose ``draw`` changes the state
        outside that draws as ``Flowable.drawOn`` does.)"""
        if getattr(self, "_showBoundary", None):
            Paragraph.drawOn(self, canvas, x, y, _sW)
            return
        matrix = canvas._currentMatrix
        canvas._code.append("q")
        canvas.translate(self._hAlignAdjust(x, _sW), y)
        self._drawOn(canvas)
        canvas._code.append("Q")
        canvas._currentMatrix = matrix


class ConfidentialParagraph(Confidential, MeasuredParagraph):
    pass


class RowTable(Table):  # type: ignore[misc]
    """A table that splits between rows where it can and splits a row only where its
    part starts on a page: the rest of a table split at the foot of a page is not split
    again in the room left below it, which would repeat the heading over a stub of the
    next row and carry the rest of that row over the page."""

    _rest = False
    splitInRow: int  # reportlab's, set in Table.__init__

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        rest, self._rest = self._rest, False
        if rest:  # offered the room left on the page its first part ended
            in_row, self.splitInRow = self.splitInRow, 0
            try:
                parts = super().split(available_width, available_height)
            finally:
                self.splitInRow = in_row
            for part in parts:
                part.splitInRow = in_row
        else:
            parts = super().split(available_width, available_height)
        for part in parts[1:]:
            part._rest = True
        return parts  # type: ignore[no-any-return]


class ConfidentialTable(Confidential, Table):  # type: ignore[misc]
    pass


class Anchor(Flowable):  # type: ignore[misc]
    """An invisible point that becomes a bookmark in the document outline. ``room``:
    the anchor and what follows move on to the next page unless that much room is left,
    as after a ``CondPageBreak(room)`` (one flowable fewer for reportlab to place)."""

    def __init__(
        self, key: str, text: str, level: int, keep_with_next: bool = True, room: float = 0
    ) -> None:
        super().__init__()
        self.key, self.text, self.level = key, one_line(text, 120), level
        self.room = room
        # Never left behind at the foot of a page. (An anchor that follows a page break
        # leaving room for what it marks, as a section's, a part's and a short item
        # heading's do, has no need of reportlab's KeepTogether group, which lays what
        # it holds out a second time.)
        self.keepWithNext = keep_with_next

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_height < self.room:  # too tall for what is left: the next page
            return 0, available_height + 1
        return 0, 0

    def draw(self) -> None:
        pass

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # What ``Flowable.drawOn`` writes for a flowable that draws nothing (the state
        # saved, the origin moved, the state restored), without copying the canvas's
        # state to restore it unchanged: an anchor stands before every item.
        canvas._code += ("q", f"1 0 0 1 {fp_str(self._hAlignAdjust(x, _sW), y)} cm", "Q")


def markup(text: str, style: ParagraphStyle, confidential: bool = False, **kw: Any) -> Paragraph:
    """A paragraph of markup the caller built from ``plain()`` text."""
    cls = ConfidentialParagraph if confidential else MeasuredParagraph
    return make_paragraph(cls, text, style, **kw)


def make_paragraph(cls: type[Paragraph], text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
    """A paragraph of class ``cls`` (``markup``'s, for classes of its own)."""
    fragments = made_fragments(text, style, styles())
    if fragments is not None:
        return cls(text, style, frags=fragments, **kw)
    return cls(text, style, **kw)


def para(text: str, style: ParagraphStyle, confidential: bool = False) -> Paragraph:
    """A paragraph of the user's plain text."""
    return markup(plain(text), style, confidential)


def text_cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell of plain text (a label, a number, a time). Text that fits on one
    line of ``width`` stays a string, which the table draws where a paragraph in
    ``style`` would put it (its column has ``text_cells(style)``'s commands): no markup to
    parse, no lines to break. Text that would wrap is a paragraph."""
    return text if fits(text, style, width) else para(text, style)


def fits(text: str, style: ParagraphStyle, width: float) -> bool:
    """Whether plain text is one line of ``width`` in ``style``."""
    return (
        text == " ".join(text.split())
        and clean(text) == text
        and pdfmetrics.stringWidth(text, style.fontName, style.fontSize) < width
    )


def text_cells(style: ParagraphStyle, first: tuple[int, int], last: tuple[int, int]) -> list[Any]:
    """Table commands that draw the string cells from ``first`` to ``last`` as a
    one-line paragraph in ``style`` would be drawn: its font, leading, colour and
    alignment (a top-aligned cell's first baseline is a font size below its top in
    both)."""
    commands: list[Any] = [
        ("FONT", first, last, style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", first, last, style.textColor),
    ]
    if style.alignment == TA_RIGHT:
        commands.append(("ALIGN", first, last, "RIGHT"))
    return commands


def rule(
    colour: Color = RULE, thickness: float = 0.6, before: float = 1, after: float = 6
) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=thickness, color=colour, spaceBefore=before, spaceAfter=after
    )


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table's commands, over the paper's cell defaults that ``table`` gives it."""
    return TableStyle(list(commands))


class PaperCell(CellStyle):  # type: ignore[misc]
    """A table cell before any command: the embedded font (or reportlab sets Helvetica
    for the cell), top-aligned, no padding. Defaults rather than commands that every
    table repeats over every cell; split parts of a table keep their cells' styles."""

    fontname = FONT
    fontsize = BODY_SIZE
    leading = BODY_SIZE * 1.2  # as the FONT command without a leading sets it
    valign = "TOP"
    leftPadding = rightPadding = topPadding = bottomPadding = 0


def table(
    rows: list[list[Any]],
    widths: Sequence[float],
    style: TableStyle,
    confidential: bool = False,
    row_starts_page: bool = False,
    **kw: Any,
) -> Table:
    """A table whose rows may split across pages, so no amount of text overflows;
    ``row_starts_page``: only a row that starts a page (``RowTable``)."""
    cls = ConfidentialTable if confidential else RowTable if row_starts_page else Table
    cells = [[PaperCell(repr((i, j))) for j in range(len(widths))] for i in range(len(rows))]
    return cls(
        rows,
        colWidths=list(widths),
        style=style,
        cellStyles=cells,
        splitInRow=1,
        hAlign="LEFT",
        **kw,
    )


def section(title: str, key: str) -> list[Flowable]:
    """A top-level heading: small capitals over a thin rule, and an outline entry. The
    anchor moves them on to a new page unless there is room for them and what follows,
    so they need no group keeping them together (reportlab lays a group out twice, and
    copies the frame to measure it)."""
    heading = markup(escape(title.upper()), styles().section)
    heading.keepWithNext = 0
    return [Anchor(key, title, 0, False, SECTION_ROOM), heading, rule()]


class Detail(NamedTuple):
    """A row of ``fields``: a label and its value, markup in the value style or a list
    of flowables. A ``field``'s label sits on the value's first baseline, 6 pt clear of
    it; any other label sits at the top of its row. ``space_after``: more room below
    the row than the 2.5 pt between fields (where one table of fields used to end and
    the next begin: one table is laid out faster than two)."""

    label: str
    value: str | list[Flowable]
    field: bool = True
    space_after: float = 0


def fields(
    rows: Sequence[tuple[str, str] | Detail],
    indent: float = 0,
    label_width: float = LABEL_WIDTH,
    confidential: bool = False,
    space_after: float = 4,
) -> Table:
    """Label and value pairs in two aligned columns; values are markup."""
    s = styles()
    details = [Detail(*row) for row in rows]
    label = 0  # the indent is the labels' left padding, not a column of empty cells
    commands: list[Any] = [
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        *text_cells(s.label, (label, 0), (label, -1)),
    ]
    shift = baseline_shift(s.value, s.label)
    all_fields = all(d.field for d in details)
    if all_fields:
        commands += [
            ("RIGHTPADDING", (label, 0), (label, -1), 6),
            ("TOPPADDING", (label, 0), (label, -1), shift),
        ]
    data: list[list[Any]] = []
    for r, (text, value, field, more) in enumerate(details):
        room = label_width - 6 if field else label_width
        cells = [
            text_cell(text, s.label, room),
            markup(value, s.value) if isinstance(value, str) else value,
        ]
        data.append(cells)
        if field and not all_fields:
            commands += [
                ("RIGHTPADDING", (label, r), (label, r), 6),
                ("TOPPADDING", (label, r), (label, r), shift),
            ]
        if more:
            commands.append(("BOTTOMPADDING", (0, r), (-1, r), 2.5 + more))
    if indent:
        commands.append(("LEFTPADDING", (0, 0), (0, -1), indent))
    widths = [indent + label_width, CONTENT_WIDTH - indent - label_width]
    return table(data, widths, table_style(*commands), confidential, spaceAfter=space_after)


def baseline_shift(big: ParagraphStyle, small: ParagraphStyle) -> float:
    """Top padding that puts a smaller style's first baseline on a bigger one's."""
    ascent = pdfmetrics.getFont(FONT).face.ascent / 1000
    return float((big.fontSize - small.fontSize) * ascent)


def not_for_publication(exemption: str | None, text: PaperText = ENGLISH) -> Paragraph:
    """The mark on a closed item in papers for the panel, with the paragraph number."""
    numbers = schedule_12a_paragraphs(exemption) if exemption else ()

    def mark(one: PaperText) -> str:
        flag = (
            f'<font color="{hex_of(CONFIDENTIAL)}"><b>{escape(one(NOT_FOR_PUBLICATION))}</b></font>'
        )
        if numbers:
            reference = procedure_wording.paragraph_reference(numbers, one)
            flag += escape(
                one(
                    " by virtue of {reference} of Schedule 12A to the Local Government Act 1972",
                    reference=reference,
                )
            )
        return flag

    flag = text.each(mark)
    if not numbers and exemption:
        flag += " – " + plain(one_line(exemption))
    return markup(flag, styles().flag, confidential=True)


def label_width(text: PaperText = ENGLISH) -> float:
    """The label column of ``fields``: wider for a bilingual paper's two labels."""
    both = text.each_phrase(lambda one: "x")
    return float(DETAIL_LABEL_WIDTH if both.welsh and both.english else LABEL_WIDTH)


def heading_block(view: MeetingView, paper: str, text: PaperText = ENGLISH) -> list[Flowable]:
    """Body, review, what the paper is (``paper``, translated), the meeting and when and
    where it is."""
    s = styles()
    out: list[Flowable] = [Anchor("paper", paper, 0, False)]  # at the top of the first page
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out += [
        para(view.review_title, s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(paper.upper()), s.paper),
        para(text.title(view.title, view.title_cy), s.meeting),
    ]
    rows = [
        (text("Date:"), escape(text.long_date(view.start.date()))),
        (text("Time:"), escape(time_span(view.start, view.end, text))),
    ]
    if view.venue:
        rows.append((text("Venue:"), plain(view.venue)))
    if will_not_take_place(view.status):
        rows.append(
            (
                text("Status:"),
                f'<font color="{hex_of(CONFIDENTIAL)}"><b>'
                f"{escape(text(STATUS_WORDS[view.status]))}</b></font>",
            )
        )
    out.append(fields(rows, label_width=label_width(text), space_after=2))
    return out
