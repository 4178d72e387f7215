"""An agenda item's heading, as the agenda and the minutes print it: its number, its
title and its time, with a bookmark, starting a new page unless a few lines fit.

A heading is one paragraph (the number its bullet, the time drawn at the right of its
first line) where it is short enough never to split, and a table of three cells
where it is not; the two look the same on the page. A paragraph is several times
faster for reportlab to lay out than a table of cells (issue 13).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from .pdf_style import (
    CONTENT_WIDTH,
    DETAIL_LABEL_WIDTH,
    FRAME_WIDTH,
    HEADING_PADDING,
    ITEM_ROOM,
    NUMBER_WIDTH,
    PAGE_HEIGHT,
    SLOT_WIDTH,
    Anchor,
    Confidential,
    Detail,
    MeasuredParagraph,
    baseline_shift,
    fields,
    fits,
    make_paragraph,
    markup,
    para,
    styles,
    table,
    table_style,
    text_cell,
    text_cells,
)
from .pdf_text import plain


class ItemHeading(MeasuredParagraph):
    """An item's number, title and time slot, drawn as a table of three cells would
    draw them but laid out as one paragraph: the number is its bullet, the slot is
    drawn at the right of its first line, and its padding below is part of its height
    (so the space before what follows is added to it, as after a table)."""

    slot = ""
    height: float

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._measured_at == available_width and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = Paragraph.wrap(self, available_width, available_height)
        self._measured_at = available_width
        if self.slot:  # the slot's cell was as tall as its line, and lowered to the title's
            s = styles()
            height = max(height, baseline_shift(s.item, s.slot) + s.slot.leading)
        # The first baseline is a font size below the top of the height: the padding
        # goes below the last line.
        self.height = height + HEADING_PADDING
        return width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height - HEADING_PADDING)
        if len(parts) == 2:
            parts[0].slot = self.slot
        return parts  # type: ignore[no-any-return]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if self.slot:  # drawn after the paragraph, in the state its drawing leaves
            Paragraph.drawOn(self, canvas, x, y, _sW)
        else:
            super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        super().draw()
        if self.slot:
            s = styles()
            canvas = self.canv
            canvas.setFont(s.slot.fontName, s.slot.fontSize)
            canvas.setFillColor(s.slot.textColor)
            top = self.height - baseline_shift(s.item, s.slot) - s.slot.fontSize
            canvas.drawRightString(self.width, top, self.slot)


class ConfidentialItemHeading(Confidential, ItemHeading):
    pass


def item_heading(
    key: str,
    number: int | str | None,
    title: str,
    level: int,
    slot: str = "",
    confidential: bool = False,
) -> list[Flowable]:
    """Number (an item's, or a minute's "12/26"), title and (if any) time slot on one
    line, with an outline entry; a long title wraps and splits. An item starts on a new
    page unless a few lines fit."""
    s = styles()
    if (
        title.strip()
        and (number is None or fits(str(number), s.number, NUMBER_WIDTH))
        and (not slot or fits(slot, s.slot, SLOT_WIDTH))
    ):
        cls = ConfidentialItemHeading if confidential else ItemHeading
        style = s.heading_with_slot if slot else s.heading
        bullet = None if number is None else str(number)
        heading: Flowable = make_paragraph(cls, plain(title), style, bulletText=bullet)
        heading.slot = slot
        short = heading.wrap(FRAME_WIDTH, PAGE_HEIGHT)[1] + style.spaceBefore <= ITEM_ROOM
    else:  # a number or a time that would wrap
        short = False
    if not short:
        # Cells of a table, and the anchor kept with it (which moves a heading taller
        # than the room left on to the next page before it splits).
        heading = _heading_table(number, title, slot, confidential)
    # A short heading fits in the room the page break before it leaves: its anchor needs
    # no group keeping them together (reportlab lays a group out twice).
    outline = (
        title if number is None else f"{number}{'.' if isinstance(number, int) else ''} {title}"
    )
    if short:
        return [Anchor(key, outline, level, False, ITEM_ROOM), heading]
    return [CondPageBreak(ITEM_ROOM), Anchor(key, outline, level), heading]


def _heading_table(number: int | str | None, title: str, slot: str, confidential: bool) -> Table:
    s = styles()
    slot_width = SLOT_WIDTH if slot else 0
    cells = [
        markup("", s.number) if number is None else text_cell(str(number), s.number, NUMBER_WIDTH),
        para(title, s.item),
    ]
    widths = [NUMBER_WIDTH, CONTENT_WIDTH - NUMBER_WIDTH - slot_width]
    if slot:
        cells.append(text_cell(slot, s.slot, slot_width))
        widths.append(slot_width)
    return table(
        [cells],
        widths,
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (1, 0), (1, 0), 6),
            ("TOPPADDING", (2, 0), (2, 0), baseline_shift(s.item, s.slot)),
            *text_cells(s.number, (0, 0), (0, 0)),
            *(text_cells(s.slot, (2, 0), (2, 0)) if slot else ()),
        ),
        confidential,
        spaceBefore=11,
    )


class DetailParagraph(MeasuredParagraph):
    """A paragraph of an item's details, drawn as a row of label and value cells drew
    it: the label (if it carries one) drawn at the left of its first line, the row's
    padding part of its height, and no taller than the label's line."""

    label = ""
    label_top = 0.0  # the label's cell's top padding
    least = 0.0  # the label's cell's height without the padding below
    padding = 0.0  # below the row
    after = 0.0
    height: float

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._measured_at == available_width and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = Paragraph.wrap(self, available_width, available_height)
        self._measured_at = available_width
        self.height = max(height, self.least) + self.padding
        return width, self.height

    def getSpaceAfter(self) -> float:
        return self.after

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # As a table splits a row: the lines that fit the height, the padding below them
        # only as far as the height goes.
        parts = super().split(available_width, available_height)
        if len(parts) == 2:
            first, rest = parts
            first.label, first.label_top, first.least = self.label, self.label_top, self.least
            first.padding = max(0.0, min(self.padding, available_height - first.height))
            rest.padding, rest.after = self.padding, self.after
        elif parts == [self] and self.height > available_height:
            # Every line fits but not all the padding: the rest of it starts the next page.
            overflow = self.height - available_height
            self.padding -= overflow
            self.height -= overflow
            rest_space = Spacer(0, overflow)
            rest_space.spaceAfter, self.after = self.after, 0
            return [self, rest_space]
        return parts  # type: ignore[no-any-return]

    def draw(self) -> None:
        if self.label:  # first, as the label's cell was: text is read in drawing order
            label = styles().label
            canvas = self.canv
            top = self.height - self.label_top - label.fontSize
            if canvas._extgstate._d:  # an alpha or overprint set: saved and restored whole
                canvas.saveState()
                canvas.setFont(label.fontName, label.fontSize)
                canvas.setFillColor(label.textColor)
                canvas.drawString(NUMBER_WIDTH, top, self.label)
                canvas.restoreState()
            else:
                # What saveState and restoreState write around the label ("q", "Q"),
                # keeping only the font and colour it changes, rather than copying the
                # canvas's whole state for every detail (the colour's alpha of 1 writes
                # nothing to a state without an alpha set, as to the fresh one
                # saveState makes).
                kept = canvas._fontname, canvas._fontsize, canvas._leading, canvas._fillColorObj
                canvas._code.append("q")
                canvas.setFont(label.fontName, label.fontSize)
                canvas.setFillColor(label.textColor)
                canvas.drawString(NUMBER_WIDTH, top, self.label)
                canvas._code.append("Q")
                canvas._fontname, canvas._fontsize, canvas._leading, canvas._fillColorObj = kept
        super().draw()


class ConfidentialDetailParagraph(Confidential, DetailParagraph):
    pass


def item_details(
    details: Sequence[Detail | tuple[str, str]], confidential: bool = False, space_after: float = 4
) -> list[Flowable]:
    """An item's details under its heading, as ``fields`` sets them (labels in a column
    at the number's width, values beside them), as paragraphs: a table of their cells
    takes reportlab several times as long to lay out. Labels that would wrap: the
    table."""
    s = styles()
    rows = [Detail(*row) for row in details]
    if not all(fits(r.label, s.label, DETAIL_LABEL_WIDTH - (6 if r.field else 0)) for r in rows):
        return [fields(rows, NUMBER_WIDTH, DETAIL_LABEL_WIDTH, confidential, space_after)]
    cls = ConfidentialDetailParagraph if confidential else DetailParagraph
    shift = baseline_shift(s.value, s.label)
    out: list[Flowable] = []
    for index, (label, value, field, more) in enumerate(rows):
        last = index == len(rows) - 1
        if isinstance(value, str):
            paragraphs = [make_paragraph(cls, value, s.detail)]
        else:  # terms of reference: their own bullets and spacing
            paragraphs = [
                cls(p.text, s.detail_tor, bulletText=p.bulletText, frags=p.frags) for p in value
            ]
            for p in paragraphs:
                p.after = s.detail_tor.spaceAfter
        first, final = paragraphs[0], paragraphs[-1]
        first.label = label
        first.label_top = shift if field else 0
        first.least = first.label_top + s.label.leading
        final.padding = 2.5 + more
        final.after = space_after if last else 0
        out += paragraphs
    return out


def keep_with_first(lead: Sequence[Flowable], item: Sequence[Flowable]) -> list[Flowable]:
    """A part's heading and resolution (``lead``) moved on to a new page unless the
    first item under them fits after them too (the room its heading needs, as each
    item's heading has), so they are never left at the foot of a page with their item
    on the next. A page break measured before them rather than reportlab's
    KeepTogether, which would decide by how the item happens to be cut into flowables
    (paragraphs or the tables they stand for) and lay the group out twice."""
    room = sum(_height(f) for f in lead) + ITEM_ROOM
    return [CondPageBreak(room), *lead, *item]


def _height(flowable: Flowable) -> float:
    """The height a flowable takes at the full width, with its space around it."""
    _, height = flowable.wrap(FRAME_WIDTH, PAGE_HEIGHT)
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())
