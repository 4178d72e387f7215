"""A paper as a Word document (.docx), for a clerk to edit before sending.

Draws the block model (``paper_blocks``) with python-docx onto Word's own styles, so
the document behaves in Word as one a clerk typed: the paper's title in *Title*, its
headings in *Heading 1* to *Heading 3* (the navigation pane shows them), each agenda
item a heading that reads "3. Title" (the number the view gives it, kept as text so an
edit elsewhere cannot renumber it), lists in *List Bullet* and *List Number* (each
ordered list counting from 1), tables in *Table Grid* with the header row marked as
one (Word repeats it on every page and screen readers announce it). A panel copy's
label ("PANEL COPY – contains exempt information") has a paragraph style of its own,
*Not for Publication*, under the title and in every page's header, and a closed item's
mark ("NOT FOR PUBLICATION by virtue of paragraph 1 ...") another, *Closed Item*: in
words, bold and boxed, never by colour alone. The page is A4 with the page number in the footer;
the core properties carry the title and the language, and the *Normal* style the
language Word checks spelling in (en-GB or cy; a bilingual paper's English runs say
so).

Nothing here decides what an audience may see: the renderer prints the ``Paper`` it
is given, which ``paper_content`` built from the audience view.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .paper_blocks import (
    Block,
    BulletList,
    Fields,
    Heading,
    Item,
    Paper,
    Paragraph,
    Role,
    Table,
    Text,
)

#: the panel's copy's label, under the title and in every page's header
NOT_FOR_PUBLICATION = "Not for Publication"
#: a closed item's mark, under its heading: "NOT FOR PUBLICATION by virtue of
#: paragraph 1 ..." in the panel's copy, "Closed item: not open to the press and
#: public" in the public's (the words are the view's; the look is the same)
CLOSED_ITEM = "Closed Item"
#: smaller asides ("Times are approximate", the date of publication)
NOTE = "Note"
#: a label and its value ("Date", "Tuesday 19 January 2027"): the values line up
FIELD = "Field"
FIELD_INDENT = Mm(35)
#: a decision, "RESOLVED – ...", set apart in bold
RESOLUTION = "Resolution"
#: the reason for urgency of an agenda published late: a reader must not miss it
IMPORTANT = "Important"

# A4, with margins that leave room for a clerk's hole punch
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN, BINDING_MARGIN = Mm(20), Mm(25)

# What XML 1.0 cannot hold (python-docx refuses it) and the C1 controls no reader shows:
# a space each, as the printed papers do; the line and paragraph separators are line
# breaks (python-docx writes "\n" as a break, "\t" as a tab).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")

_ROLE_STYLES = {
    Role.NOTE: NOTE,
    Role.PUBLICATION: NOTE,
    Role.CONFIDENTIAL: NOT_FOR_PUBLICATION,
    Role.RESOLUTION: RESOLUTION,
    Role.URGENCY: IMPORTANT,
    Role.RECOMMENDATION: IMPORTANT,
}


def render_paper(paper: Paper, made: datetime) -> bytes:
    """The .docx file's bytes; ``made``: when it was written (its core properties)."""
    document = Document()
    _set_up(document, paper, made)
    for block in paper.blocks:
        _block(document, block)
    out = io.BytesIO()
    document.save(out)
    return _dated(out.getvalue(), made)


def _dated(package: bytes, made: datetime) -> bytes:
    """The package with every part dated ``made`` (UTC): python-docx dates them when it
    saves, so the same paper written twice, a second apart, would differ byte for byte
    (a public reader's paper must be the clerk's)."""
    if made.tzinfo is not None:
        made = made.astimezone(UTC).replace(tzinfo=None)
    stamp = (max(made.year, 1980), made.month, made.day, made.hour, made.minute, made.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            entry = zipfile.ZipInfo(part.filename, date_time=stamp)
            entry.compress_type, entry.external_attr = part.compress_type, part.external_attr
            target.writestr(entry, source.read(part))
    return out.getvalue()


# The document ----------------------------------------------------------------------


def _set_up(document: Any, paper: Paper, made: datetime) -> None:
    properties = document.core_properties
    properties.title = " ".join(_writable(paper.title.plain).split())
    properties.language = paper.lang
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""  # python-docx's template says "generated by python-docx"
    properties.subject = ""
    properties.keywords = ""
    properties.revision = 1
    if made.tzinfo is not None:  # the properties are in UTC, written without a zone
        made = made.astimezone(UTC).replace(tzinfo=None)
    properties.created = properties.modified = made.replace(microsecond=0)
    _language(document, paper.lang)
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = section.bottom_margin = section.right_margin = MARGIN
    section.left_margin = BINDING_MARGIN
    if paper.confidential:
        # On every page, so a page taken from the pile still says what it is.
        label = section.header.paragraphs[0]
        label.style = NOT_FOR_PUBLICATION
        _runs(label, paper.confidential)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)


def _language(document: Any, lang: str) -> None:
    """The language Word proofs the text in: the defaults, the Normal style every other
    style is based on, and the language the theme's fonts are chosen for."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for element in defaults.iter(qn("w:lang")):
        element.set(qn("w:val"), lang)
    _set_lang(document.styles["Normal"].element.get_or_add_rPr(), lang)
    for element in document.settings.element.iter(qn("w:themeFontLang")):
        element.set(qn("w:val"), lang)


def _styles(document: Any) -> None:
    styles = document.styles
    boxed = []
    for name in (NOT_FOR_PUBLICATION, CLOSED_ITEM):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.bold = True
        style.paragraph_format.keep_with_next = True
        _box(style.element.get_or_add_pPr())
        boxed.append(style)
    boxed[0].font.size = Pt(12)
    note = styles.add_style(NOTE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(9)
    note.font.italic = True
    bold = []
    for name in (RESOLUTION, IMPORTANT):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.bold = True
        bold.append(style)
    field = styles.add_style(FIELD, WD_STYLE_TYPE.PARAGRAPH)
    field.base_style = styles["Normal"]
    layout = field.paragraph_format
    layout.left_indent, layout.first_line_indent = FIELD_INDENT, -FIELD_INDENT
    layout.tab_stops.add_tab_stop(FIELD_INDENT)
    layout.space_after = Pt(2)
    for style in (*boxed, note, field, *bold):
        style.quick_style = True  # shown in Word's style gallery


def _box(ppr: Any) -> None:
    """A single rule around the paragraph: the label stands out in black and white."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "auto")):
            edge.set(qn(f"w:{name}"), value)
        borders.append(edge)
    # pBdr precedes shd, tabs, spacing, ind, jc... in w:pPr: after keepNext and the like
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is None:
        ppr.append(borders)
    else:
        anchor.addprevious(borders)


def _page_number(paragraph: Any) -> None:
    """A PAGE field: Word fills in each page's number (showing 1 until it does)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    shown = OxmlElement("w:t")
    shown.text = "1"
    run.append(shown)
    field.append(run)
    paragraph._p.append(field)


# Blocks ----------------------------------------------------------------------------


def _block(document: Any, block: Block) -> None:
    if isinstance(block, Heading):
        _paragraph(document, block.text, _heading_style(block.level))
    elif isinstance(block, Item):
        _item(document, block)
    elif isinstance(block, Paragraph):
        _paragraph(document, block.text, _ROLE_STYLES.get(block.role))
    elif isinstance(block, Fields):
        for field in block.rows:
            paragraph = document.add_paragraph(style=FIELD)
            _runs(paragraph, field.label, bold=True)
            paragraph.add_run("\t")
            _runs(paragraph, field.value)
    elif isinstance(block, BulletList):
        _list(document, block)
    elif isinstance(block, Table):
        _table(document, block)
    else:  # pragma: no cover - the union is closed; mypy checks it
        raise TypeError(f"not a block: {block!r}")


def _heading_style(level: int) -> str:
    """Level 1 is the paper's title; 2 to 4 are Word's Heading 1 to 3 (and deeper
    levels deeper headings, as far as Word has them)."""
    return "Title" if level <= 1 else f"Heading {min(level - 1, 9)}"


def _item(document: Any, item: Item) -> None:
    _paragraph(document, item.heading, _heading_style(item.level))
    if item.marker:
        _paragraph(document, item.marker, CLOSED_ITEM)
    if item.time:
        _paragraph(document, item.time, NOTE)
    for block in item.blocks:
        _block(document, block)


def _list(document: Any, block: BulletList) -> None:
    style = "List Number" if block.ordered else "List Bullet"
    numbering = _restarted_numbering(document) if block.ordered else None
    depths = block.depths or (0,) * len(block.items)
    for entry, depth in zip(block.items, depths, strict=True):
        # a nested item in Word's deeper list style ("List Bullet 2", as far as 3)
        deeper = f"{style} {min(depth, 2) + 1}" if depth > 0 and numbering is None else style
        paragraph = _paragraph(document, entry, deeper)
        if numbering is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = numbering


def _restarted_numbering(document: Any) -> int:
    """A numbering of its own for one ordered list: List Number's, counting from 1
    again (the style alone carries one count through the whole document)."""
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _table(document: Any, block: Table) -> None:
    if block.caption:
        _paragraph(document, block.caption, "Caption").paragraph_format.keep_with_next = True
    columns = max(1, len(block.header), *(len(r) for r in block.rows))
    table = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    if block.caption:
        _table_caption(table, " ".join(_writable(block.caption.plain).split()))
    if block.header:
        cells = table.add_row().cells
        header = cells[0]._tc.getparent()
        tr_pr = header.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on each page; a header row
        _row(cells, block.header, bold_first=True, bold_rest=True)
    for row in block.rows:
        _row(table.add_row().cells, row, bold_first=block.row_headers)


def _row(cells: Any, texts: Iterable[Text], bold_first: bool, bold_rest: bool = False) -> None:
    for n, (cell, text) in enumerate(zip(cells, texts, strict=False)):
        _runs(cell.paragraphs[0], text, bold=bold_first if n == 0 else bold_rest)


def _table_caption(table: Any, caption: str) -> None:
    """Word's own title of the table (Table Properties > Alt Text), which screen
    readers announce."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(element)


# Text ------------------------------------------------------------------------------


def _paragraph(document: Any, text: Text, style: str | None = None) -> Any:
    """A paragraph of ``text`` in ``style`` (None: Normal)."""
    paragraph = document.add_paragraph(style=style)
    _runs(paragraph, text)
    return paragraph


def _runs(paragraph: Any, text: Text, bold: bool = False) -> None:
    for part in text.runs:
        run = paragraph.add_run(_writable(part.text))
        if bold:
            run.bold = True
        if part.lang is not None:
            _set_lang(run._r.get_or_add_rPr(), part.lang)


def _writable(text: str) -> str:
    """Text a Word file can hold: any the clerk typed, control characters made spaces."""
    return _UNWRITABLE.sub(" ", _LINE_BREAKS.sub("\n", text))


def _set_lang(rpr: Any, lang: str) -> None:
    """``w:lang`` comes late in ``w:rPr``: after bold, size and the like."""
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), lang)
