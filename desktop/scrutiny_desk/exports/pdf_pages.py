"""The page furniture of every paper, and the document that lays a story out on A4.

Page furniture (the DRAFT and NOT FOR PUBLICATION bands, the running header,
"Page N of M") is drawn once the page count is known, by a canvas that holds back
every page until the document is saved.

A page is marked NOT FOR PUBLICATION when a flowable of closed business is drawn on
it: renderers build those flowables with ``confidential=True`` (classes that keep
the mark when reportlab splits them across pages, see ``pdf_style``), and the
document template tells the canvas after each one is placed. So the mark follows the
closed business wherever the layout puts it, and never lands on a page without any.

The PDF's creation date is the moment the paper is made (``PaperInfo.created``: the
exporting service passes its clock, tests a fixed moment); everything else about the
bytes is fixed by the story, so the same story made at the same moment gives the same
bytes (reportlab's invariant mode, whose own date would say 1 January 2000).
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    TTFontFace,
    makeToUnicodeCMap,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..domain import procedure_wording
from ..domain.views import MeetingView
from .paper_text import BILINGUAL_SEPARATOR, ENGLISH, PaperText
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
    #: the PDF's creation date (aware; a naive time is taken as local): None, now
    created: datetime | None = None
    #: printed in a band at the top of the first page only: whose copy it is
    copy_label: str | None = None
    #: the paper's language: its fixed furniture ("Page 1 of 3") and the PDF's /Lang
    text: PaperText = ENGLISH
    #: in an agenda pack (``pack_pdf``): the number the first page bears, and the pack's
    #: page count that "Page N of M" gives (None: the paper's own)
    first_page: int = 1
    total_pages: int | None = None


def paper_info(
    view: MeetingView,
    paper: str,
    draft: str | None = None,
    created: datetime | None = None,
    text: PaperText = ENGLISH,
) -> PaperInfo:
    """A meeting's paper (``paper`` and ``draft`` translated): a panel copy says so in
    its title ("Agenda: … (PANEL COPY)") and in a band on its first page
    (``MeetingView.copy_label``, worded again in the paper's language); the public's are
    the paper and the meeting alone."""
    owner = " · ".join(x for x in (view.body, view.review_title) if x)
    label = copy_label(view, text)
    copy = f" ({text(procedure_wording.PANEL_COPY)})" if label else ""
    title = text.title(view.title, view.title_cy)
    return PaperInfo(
        title=one_line(f"{paper}: {title}", 280) + copy,
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=f"{paper} · {title}",
        running_date=text.long_date(view.start.date()),
        footer=owner,
        draft=draft,
        created=created,
        copy_label=label,
        text=text,
    )


def copy_label(view: MeetingView, text: PaperText = ENGLISH) -> str | None:
    """Whose copy the paper is, in its language: the view's own label in English."""
    if view.copy_label is None or text is ENGLISH:
        return view.copy_label
    exempt = " – " in view.copy_label  # the label of a copy with closed business
    return text.each(lambda one: procedure_wording.copy_label(view.exempt_paragraphs, exempt, one))


def pdf_date(moment: datetime | None) -> str:
    """A PDF date string ("D:20261207143000+00'00'") for a moment, in its own offset:
    None is now, a naive time is local."""
    moment = moment or datetime.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


Band = tuple[str, Color, Color, Color]  # words, ink, fill, edge


class PaperCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until save(), then draws the furniture that needs the page
    count or what each page turned out to carry, and files the bookmarks."""

    def __init__(self, *args: Any, paper: PaperInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paper = paper
        created = pdf_date(paper.created)
        self.setDateFormatter(lambda *_: created)
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
        doc = self._doc
        doc.delayedFonts = [
            _KeptSubsets(font) if type(font) is TTFont and doc in font.state else font
            for font in doc.delayedFonts
        ]
        doc.format = partial(_format_document, doc, doc.format)
        Canvas.save(self)

    def _bands(self, bands: list[Band], bottom: float, height: float) -> None:
        """Bands side by side across the width, each with its words centred."""
        gap = 4 * mm
        width = (CONTENT_WIDTH - gap * (len(bands) - 1)) / max(len(bands), 1)
        for index, (text, ink, fill, edge) in enumerate(bands):
            x = MARGIN + index * (width + gap)
            self.setFillColor(fill)
            self.setStrokeColor(edge)
            self.setLineWidth(0.9)
            self.rect(x, bottom, width, height, stroke=1, fill=1)
            self.setFillColor(ink)
            room = width - 4 * mm
            halves = text.split(BILINGUAL_SEPARATOR, 1)
            if len(halves) == 2 and pdfmetrics.stringWidth(text, FONT_BOLD, LABEL_SIZE) > room:
                # Both languages, one above the other, rather than either cut short.
                size = min(LABEL_SIZE, (height - 2) / 2.3)
                self.setFont(FONT_BOLD, size)
                middle = bottom + height / 2
                for line, y in zip(
                    halves, (middle + 0.25 * size, middle - 0.95 * size), strict=True
                ):
                    self.drawCentredString(x + width / 2, y, fit(line, FONT_BOLD, size, room))
                continue
            self.setFont(FONT_BOLD, LABEL_SIZE)
            words = fit(text, FONT_BOLD, LABEL_SIZE, width - 4 * mm)
            self.drawCentredString(x + width / 2, bottom + (height - 0.7 * LABEL_SIZE) / 2, words)

    def _furniture(self, number: int, total: int) -> None:
        paper = self._paper
        self.saveState()
        marked = paper.text(NOT_FOR_PUBLICATION)
        bands: list[Band] = ([(paper.draft, INK, TINT, RULE)] if paper.draft else []) + (
            [(marked, CONFIDENTIAL, CONFIDENTIAL_TINT, CONFIDENTIAL)] if self._confidential else []
        )
        if number == 1 and paper.copy_label:
            # Whose copy this is, across the top of the first page, above the others.
            exempt = " – " in paper.copy_label
            colours = (
                (CONFIDENTIAL, CONFIDENTIAL_TINT, CONFIDENTIAL) if exempt else (INK, TINT, RULE)
            )
            copy: list[Band] = [(paper.copy_label, *colours)]
            if bands:
                self._bands(copy, PAGE_HEIGHT - 16 * mm, 7 * mm)
                self._bands(bands, PAGE_HEIGHT - 25 * mm, 7 * mm)
            else:
                self._bands(copy, PAGE_HEIGHT - 19 * mm, 8 * mm)
        else:
            self._bands(bands, PAGE_HEIGHT - 19 * mm, 8 * mm)
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
        page = paper.text(
            "Page {number} of {total}",
            number=number + paper.first_page - 1,
            total=paper.total_pages or total,
        )
        self.drawRightString(PAGE_WIDTH - MARGIN, 12.5 * mm, page)
        footer_width = CONTENT_WIDTH - pdfmetrics.stringWidth(page, FONT, FOOTER_SIZE) - 8 * mm
        self.drawString(MARGIN, 12.5 * mm, fit(paper.footer, FONT, FOOTER_SIZE, footer_width))
        self.restoreState()


class _KeptSubsets:
    """An embedded font as reportlab files it in the PDF (``TTFont.addObjects``), each
    subset's compressed font program, character map and widths made once per process
    (``_subset_objects``) rather than once per paper, and its objects formatted once
    (``_subset_formatted``), each paper writing in its own object numbers: the same
    objects, the same bytes.
    A subset is the printable ASCII characters and whatever others the paper used, in
    the order it used them, so papers in the same language share their subsets;
    compressing three font programs was a tenth of what an agenda cost (issue 13)."""

    def __init__(self, font: TTFont) -> None:
        self.font = font

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        if type(doc.encrypt) is not pdfdoc.NoEncryption or doc.defaultStreamFilters:
            # Streams encrypted or filtered as they are written: reportlab's own way.
            self.font.addObjects(doc)
            return
        font = self.font
        state = font.state[doc]
        state.frozen = 1
        face = font.face
        fonts = doc.idToObject["BasicFonts"].dict
        for n, subset in enumerate(state.subsets):
            internal = font.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            comment = f"Font {font.fontName} subset {n}"
            cmap, file, descriptor, pdf_font = _subset_formatted(
                face, base, tuple(subset), bool(doc.compression), internal, doc
            )
            # Filed in the order reportlab files them: the same object numbers.
            doc.Reference(_Preformatted(cmap), "toUnicodeCMap:" + base)
            doc.Reference(_Preformatted(file), f"fontFile:{face.filename}({base})")
            doc.Reference(_Preformatted(descriptor), "fontDescriptor:" + base)
            entry = _Preformatted(pdf_font, comment)
            doc.Reference(entry, internal)
            fonts[internal] = entry
        del font.state[doc]


def _format_document(doc: pdfdoc.PDFDocument, format_document: Any) -> bytes:
    """The document as reportlab formats it, its outline entries (one for each item of
    business) formatted without the general machinery (``_OutlineEntry``)."""
    for entry in doc.idToObject.values():
        if type(entry) is pdfdoc.OutlineEntryObject:
            entry.__class__ = _OutlineEntry
    return format_document()  # type: ignore[no-any-return]


class _OutlineEntry(pdfdoc.OutlineEntryObject):  # type: ignore[misc]
    """An outline entry formatted as ``OutlineEntryObject`` formats it (a dictionary of
    its title, its references and its count, keys in order, a line break after every
    sixth), each reference and number written straight out."""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        entries = []
        for key in ("Count", "Dest", "First", "Last", "Next", "Parent", "Prev", "Title"):
            value = getattr(self, key)
            if key == "Title":
                data = pdfdoc.PDFString(value).format(document)
            elif value is None and key not in ("Dest", "Parent"):
                continue
            elif type(value) is pdfdoc.PDFObjectReference:
                data = b"%d %d R" % numbers[value.name]
            elif getattr(value, "__InternalName__", None) in numbers:  # filed: its reference
                data = b"%d %d R" % numbers[value.__InternalName__]
            elif type(value) is int:
                data = b"%d" % value
            else:
                data = pdfdoc.format(value, document)
            entries.append(b"/" + key.encode() + b" " + data)
        for index in reversed(range(6, len(entries), 6)):
            entries.insert(index, b"\n ")
        return b"<<\n" + b" ".join(entries) + b"\n>>"


class _Formatted(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF object already formatted."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return self.data


def _stream(content: tuple[bytes, bool], **entries: Any) -> pdfdoc.PDFStream:
    """A stream of ``content``, compressed already if it says so (reportlab compresses
    a stream whose dictionary has no filter yet as it writes it)."""
    data, compressed = content
    stream = pdfdoc.PDFStream(content=data)
    stream.dictionary.dict.update(entries)
    if compressed:
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return stream


@lru_cache(maxsize=64)
def _subset_objects(
    face: TTFontFace, base: str, subset: tuple[int, ...], compress: bool
) -> tuple[tuple[bytes, bool], int, tuple[bytes, bool], _Formatted]:
    """What a font subset's PDF objects hold, as reportlab makes them: the font program
    (and its length before compression), the character map and the widths."""
    program = face.makeSubset(list(subset))
    cmap = makeToUnicodeCMap(base, list(subset)).encode("utf-8")
    widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in subset])
    formatted = _Formatted(widths.format(None))

    def content(data: bytes) -> tuple[bytes, bool]:
        return (zlib.compress(data), True) if compress else (data, False)

    return content(program), len(program), content(cmap), formatted


def _font_objects(
    face: TTFontFace, base: str, subset: tuple[int, ...], compress: bool
) -> pdfdoc.PDFTrueTypeFont:
    """A subset's font dictionary as ``TTFont.addObjects`` makes it (but for its
    ``Name``), holding its character map (``ToUnicode``) and its descriptor
    (``FontDescriptor``, holding the font program as ``FontFile2``), none filed yet."""
    program, length, cmap, widths = _subset_objects(face, base, subset, compress)
    pdf_font = pdfdoc.PDFTrueTypeFont()
    pdf_font.BaseFont = base
    pdf_font.FirstChar = 0
    pdf_font.LastChar = len(subset) - 1
    pdf_font.Widths = widths
    pdf_font.ToUnicode = _stream(cmap)
    pdf_font.FontDescriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(base),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": _stream(program, Length1=length),
            "MissingWidth": face.defaultWidth,
        }
    )
    return pdf_font


#: a subset's objects, formatted (``_subset_formatted``)
Template = tuple[tuple[bytes, ...], tuple[str, ...]]
_formatted: dict[tuple[Any, ...], tuple[Template, Template, Template, Template]] = {}


def _subset_formatted(
    face: TTFontFace,
    base: str,
    subset: tuple[int, ...],
    compress: bool,
    internal: str,
    doc: pdfdoc.PDFDocument,
) -> tuple[Template, Template, Template, Template]:
    """A subset's character map, font program, descriptor and font dictionary as
    reportlab formats them in a document without encryption, once per process: the
    bytes, and the names of the objects they refer to, whose numbers each document
    gives (``_Preformatted``). Formatting them was a tenth of what a short agenda cost
    (issue 13)."""
    key = (face, base, subset, compress, internal)
    made = _formatted.get(key)
    if made is not None:
        return made
    pdf_font = _font_objects(face, base, subset, compress)
    pdf_font.Name = internal
    descriptor = pdf_font.FontDescriptor
    cmap = ((pdf_font.ToUnicode.format(doc),), ())
    program = ((descriptor.dict["FontFile2"].format(doc),), ())
    names = [f"fontFile:{face.filename}({base})"]
    descriptor.dict["FontFile2"] = _Slot(0)
    filed_descriptor = _template(descriptor.format(doc), names)
    names = ["fontDescriptor:" + base, "toUnicodeCMap:" + base]
    pdf_font.FontDescriptor, pdf_font.ToUnicode = _Slot(0), _Slot(1)
    made = cmap, program, filed_descriptor, _template(pdf_font.format(doc), names)
    if len(_formatted) > 256:  # papers in many languages: start again
        _formatted.clear()
    _formatted[key] = made
    return made


_SLOT = re.compile(rb"\x00\x01(\d+)\x01\x00")


class _Slot(pdfdoc.PDFObject):  # type: ignore[misc]
    """Where a reference goes in an object formatted once (``_template``)."""

    def __init__(self, index: int) -> None:
        self.index = index

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return b"\x00\x01%d\x01\x00" % self.index


def _template(data: bytes, names: list[str]) -> Template:
    """Formatted bytes cut where their ``_Slot``s are, with the names of the objects
    they refer to, in order."""
    pieces = _SLOT.split(data)
    return tuple(pieces[0::2]), tuple(names[int(i)] for i in pieces[1::2])


class _Preformatted(pdfdoc.PDFObject):  # type: ignore[misc]
    """An object filed in the PDF, formatted already: its bytes, with the references
    of a ``Template`` written in for this document (as ``PDFObjectReference`` writes
    them)."""

    __RefOnly__ = 1

    def __init__(self, template: Template, comment: str | None = None) -> None:
        self.template = template
        if comment is not None:
            self.__Comment__ = comment

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        parts, names = self.template
        if not names:
            return parts[0]
        numbers = document.idToObjectNumberAndVersion
        out = [parts[0]]
        for name, part in zip(names, parts[1:], strict=True):
            out += (b"%d %d R" % numbers[name], part)
        return b"".join(out)


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
            lang=paper.text.lang,
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
