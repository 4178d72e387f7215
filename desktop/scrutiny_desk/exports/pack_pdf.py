"""The agenda pack: the agenda, then each item's reports in order, as one PDF whose
page numbers run through every page, the appended ones too.

The agenda lists under each item its reports and the pages they start on in the pack.
Those numbers depend on how many pages the agenda itself takes, so it is laid out
again until the count it was numbered for is the count it took (one more pass at most
in practice). The reports are appended with pypdf and numbered by stamping a small
overlay in the bottom margin of each of their pages, in the agenda's own footer style
("Page 7 of 31"), below where a report's text and its own footer sit.

Late papers go in a supplementary pack: a cover listing them, then the reports, its
pages numbered on from the main pack's last page, so the main pack's numbering never
changes when a late report arrives; the main pack lists each late report as to follow.

The view decides what is printed (``publishing``): a public view gives a closed item
no reports, and the public pack says under a closed item that its reports are not for
publication. Only the files of the reports the view lists are passed in; a report that
is not a readable PDF is refused by its name before anything is laid out.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from pypdf.generic import Destination, Fit, IndirectObject, NameObject, TextStringObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..domain.errors import ExportError
from ..domain.records import EvidenceFile
from ..domain.views import Audience, ItemView, MeetingView, ReportView
from . import agenda_pdf
from .paper_text import ENGLISH, PaperText
from .pdf_items import item_details, item_heading
from .pdf_pages import PaperInfo, build_pdf, paper_info
from .pdf_reports import read_pdf
from .pdf_style import (
    CONFIDENTIAL,
    FONT,
    FONT_BOLD,
    FOOTER_SIZE,
    MARGIN,
    MUTED,
    Detail,
    heading_block,
    markup,
    register_fonts,
    section,
    styles,
)
from .pdf_text import NOT_FOR_PUBLICATION, one_line, plain

#: the stamp's baseline above the foot of an appended page, and its distance from the
#: right edge: in the margin, below a report's text and a footer at the usual 12.5 mm
STAMP_BASELINE = 6 * mm
STAMP_RIGHT = MARGIN
#: layouts of the agenda tried before giving up on page references that settle
MAX_PASSES = 4


@dataclass(frozen=True)
class Pack:
    """A pack's PDF, how many pages and reports it holds, and the number its first
    page bears."""

    data: bytes = field(repr=False)
    pages: int
    reports: int
    first_page: int = 1


@dataclass(frozen=True)
class PlacedReport:
    """A report ready to append: its item, its PDF read, and its pages in the pack."""

    item: ItemView
    report: ReportView
    name: str  # the file's
    reader: PdfReader
    first: int = 0  # the pack page it starts on (1-based); 0 until placed

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


def render_pack(
    view: MeetingView,
    files: Mapping[str, EvidenceFile],
    *,
    joining_link: str | None = None,
    created: datetime | None = None,
    text: PaperText = ENGLISH,
    supplementary: bool = False,
) -> Pack:
    """The meeting's agenda pack (``supplementary``: the pack of its late reports),
    from the audience's ``view`` and the files of the reports it lists (report key ->
    file). ExportError naming the report if one is missing or not a readable PDF."""
    order = [*view.open_items, *view.closed_items]  # as the agenda prints them
    main = _read([(i, r) for i in order for r in i.reports if not r.late], files)
    agenda, main = _agenda(view, main, joining_link, created, text)
    main_total = len(agenda.pages) + sum(r.pages for r in main)
    if not supplementary:
        data = _assemble(view, agenda, main, text, "Agenda pack", first_number=1)
        return Pack(data, main_total, len(main))
    late = _read([(i, r) for i in order for r in i.reports if r.late], files)
    if not late:
        raise ExportError(
            f'"{view.title}" has no late reports: there is no supplementary pack to make'
        )
    cover, late = _cover(view, late, main_total, created, text)
    first = main_total + 1
    data = _assemble(view, cover, late, text, "Supplementary agenda pack", first_number=first)
    return Pack(data, len(cover.pages) + _count(late), len(late), first)


# Reading the reports -----------------------------------------------------------------


def _read(
    wanted: Sequence[tuple[ItemView, ReportView]], files: Mapping[str, EvidenceFile]
) -> list[PlacedReport]:
    placed = []
    for item, report in wanted:
        file = files.get(report.key)
        where = _where(item, report)
        if file is None:
            raise ExportError(f"{where} has no file to print")
        try:
            reader = read_pdf(file.name, file.content)
        except ValueError as exc:
            raise ExportError(f"{where}: {exc}") from None
        placed.append(PlacedReport(item, report, file.name, reader))
    return placed


def _where(item: ItemView, report: ReportView) -> str:
    return f'The report "{one_line(report.title, 80)}" (item {item.number})'


def _placed(reports: Sequence[PlacedReport], first: int) -> list[PlacedReport]:
    out = []
    for r in reports:
        out.append(replace(r, first=first))
        first += r.pages
    return out


# The agenda and the supplementary cover ---------------------------------------------


def _settled(
    lay_out: Callable[[int, list[PlacedReport]], bytes],
    reports: Sequence[PlacedReport],
    first_number: int,
) -> tuple[PdfReader, list[PlacedReport]]:
    """Lay out a front paper until the page references it prints match the pages it
    took (its own pages come first, from ``first_number``)."""
    pages = 1
    for _ in range(MAX_PASSES):
        placed = _placed(reports, first_number + pages)
        front = PdfReader(io.BytesIO(lay_out(first_number + pages - 1 + _count(reports), placed)))
        if len(front.pages) == pages:
            return front, placed
        pages = len(front.pages)
    raise ExportError("The pack's page references would not settle; try again")  # pragma: no cover


def _count(reports: Sequence[PlacedReport]) -> int:
    return sum(r.pages for r in reports)


def _agenda(
    view: MeetingView,
    reports: list[PlacedReport],
    joining_link: str | None,
    created: datetime | None,
    text: PaperText,
) -> tuple[PdfReader, list[PlacedReport]]:
    def lay_out(total: int, placed: list[PlacedReport]) -> bytes:
        starts = {r.report.key: r for r in placed}
        return agenda_pdf.render_agenda(
            view,
            joining_link,
            created,
            under_item=partial(_listing, view.audience, starts, text),
            build=partial(_build, first=1, total=total),
        )

    return _settled(lay_out, reports, 1)


def _cover(
    view: MeetingView,
    late: list[PlacedReport],
    main_total: int,
    created: datetime | None,
    text: PaperText,
) -> tuple[PdfReader, list[PlacedReport]]:
    """The supplementary pack's front page: the meeting, then each item with late
    reports and the pages they start on, numbered on from the main pack."""

    def lay_out(total: int, placed: list[PlacedReport]) -> bytes:
        s = styles()
        story = heading_block(view, text("Supplementary agenda"))
        story.append(
            markup(
                escape(
                    text(
                        "These reports were not available when the agenda was published. "
                        "Their pages are numbered on from the agenda pack's last page, {page}.",
                        page=main_total,
                    )
                ),
                s.note,
            )
        )
        story += section(text("Late reports"), "late")
        starts = {r.report.key: r for r in placed}
        for item in dict.fromkeys(r.item for r in placed):
            marked = item.closed and view.audience is not Audience.PUBLIC
            story += item_heading(f"item-{item.number}", item.number, item.title, 1, "", marked)
            story += _listing(view.audience, starts, text, item)
        info = paper_info(view, text("Supplementary agenda"), created=created)
        return _build(story, info, first=main_total + 1, total=total)

    return _settled(lay_out, late, main_total + 1)


def _listing(
    audience: Audience, starts: Mapping[str, PlacedReport], text: PaperText, item: ItemView
) -> list[Flowable]:
    """What the pack prints under an item: each report with the pages it takes in the
    pack (or that it is to follow); under a closed item in the public pack, that its
    reports are not for publication."""
    if item.closed and audience is Audience.PUBLIC:
        note = text("Any reports for this item are not for publication.")
        return [markup(escape(note), styles().note)]
    if not item.reports:
        return []
    lines = []
    for report in item.reports:
        placed = starts.get(report.key)
        if placed is not None:
            where = (
                text("page {number}", number=placed.first)
                if placed.pages == 1
                else text("pages {first} to {last}", first=placed.first, last=placed.last)
            )
        elif report.late:
            where = text("to follow in the supplementary pack")
        else:
            continue
        lines.append(f"{plain(one_line(report.title))} – <i>{escape(where)}</i>")
    if not lines:
        return []
    label = text.plural(len(lines), "Report:", "Reports:")
    marked = item.closed and audience is not Audience.PUBLIC
    return item_details([Detail(label, "<br/>".join(lines))], marked)


def _build(story: list[Flowable], info: PaperInfo, *, first: int, total: int) -> bytes:
    """Lay the story out with the shared furniture, its pages numbered as the pack's."""
    return build_pdf(story, replace(info, first_page=first, total_pages=total))


# Putting the pack together -----------------------------------------------------------


def _assemble(
    view: MeetingView,
    front: PdfReader,
    reports: Sequence[PlacedReport],
    text: PaperText,
    what: str,
    first_number: int,
) -> bytes:
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    for r in reports:
        try:
            writer.append(r.reader, import_outline=False)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ExportError(
                f"{_where(r.item, r.report)}: {r.name} is damaged and cannot be appended ({exc})"
            ) from None
    total = first_number - 1 + len(writer.pages)
    # A closed item's report is marked on every page, in a panel pack (a public view
    # has none to print).
    marked = [r.item.closed for r in reports for _ in range(r.pages)]
    _stamp(writer, len(front.pages), marked, first_number, total, text)
    _outline(writer, front, reports, first_number)
    title = f"{text(what)}: {text.title(view.title, view.title_cy)}"
    writer.add_metadata(
        {
            "/Title": one_line(title, 300),
            "/Author": one_line(view.body or "", 300) or "Scrutiny Desk",
            "/Subject": one_line(view.review_title, 300),
            "/Creator": "Scrutiny Desk",
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(text.lang)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamp(
    writer: PdfWriter,
    start: int,
    marked: Sequence[bool],
    first_number: int,
    total: int,
    text: PaperText,
) -> None:
    """ "Page N of T" at the foot of each appended page (from index ``start``), and on
    the pages of a closed item's report NOT FOR PUBLICATION at the foot's left, on an
    overlay merged over the page."""
    indices = range(start, start + len(marked))
    if not indices:
        return
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for index in indices:
        page = writer.pages[index]
        page.transfer_rotation_to_content()
        box = page.cropbox
        canvas.setPageSize((float(box.width), float(box.height)))
        canvas.setFont(FONT, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        words = text("Page {number} of {total}", number=first_number + index, total=total)
        canvas.drawRightString(float(box.width) - STAMP_RIGHT, STAMP_BASELINE, words)
        if marked[index - start]:
            canvas.setFont(FONT_BOLD, FOOTER_SIZE)
            canvas.setFillColor(CONFIDENTIAL)
            canvas.drawString(STAMP_RIGHT, STAMP_BASELINE, text(NOT_FOR_PUBLICATION))
        canvas.showPage()
    canvas.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue()))
    for stamp, index in zip(overlay.pages, indices, strict=True):
        page = writer.pages[index]
        box = page.cropbox
        page.merge_transformed_page(
            stamp, Transformation().translate(float(box.left), float(box.bottom))
        )


def _outline(
    writer: PdfWriter, front: PdfReader, reports: Sequence[PlacedReport], first_number: int
) -> None:
    """The front paper's own bookmarks again, each item's with its reports under it;
    a report whose item has no bookmark of its own goes at the top level."""
    by_item: dict[int, list[PlacedReport]] = {}
    for r in reports:
        by_item.setdefault(r.item.number, []).append(r)
    done: set[int] = set()

    def copy(entries: list[Any], parent: IndirectObject | None) -> None:
        last: IndirectObject | None = None
        for entry in entries:
            if isinstance(entry, list):
                copy(entry, last)
                continue
            last = _copy_entry(writer, front, entry, parent)
            number = _item_number(entry.title)
            if number in by_item and number not in done:
                done.add(number)
                for r in by_item[number]:
                    _report_entry(writer, r, first_number, last)

    copy(front.outline, None)
    for number, placed in by_item.items():
        if number not in done:
            for r in placed:
                _report_entry(writer, r, first_number, None)


def _copy_entry(
    writer: PdfWriter, front: PdfReader, entry: Destination, parent: IndirectObject | None
) -> IndirectObject:
    page = front.get_destination_page_number(entry)
    left, top = entry.get("/Left"), entry.get("/Top")
    fit = Fit.xyz(left, top) if top is not None else Fit.fit()
    return writer.add_outline_item(
        title=entry.title or "", page_number=page, parent=parent, fit=fit
    )


def _report_entry(
    writer: PdfWriter, r: PlacedReport, first_number: int, parent: IndirectObject | None
) -> None:
    """The report's bookmark, with the report's own bookmarks under it."""
    start = r.first - first_number
    entry = writer.add_outline_item(
        title=one_line(r.report.title, 120), page_number=start, parent=parent, fit=Fit.fit()
    )

    def copy(entries: list[Any], under: IndirectObject) -> None:
        last = under
        for own in entries:
            if isinstance(own, list):
                copy(own, last)
                continue
            page = r.reader.get_destination_page_number(own)
            if page is not None and page >= 0:  # not a link to another file
                title = one_line(str(own.title or ""), 120)
                last = writer.add_outline_item(
                    title=title, page_number=start + page, parent=under, fit=Fit.fit()
                )

    try:
        own_outline = r.reader.outline
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return  # a report whose bookmarks cannot be read keeps its pages, not them
    copy(own_outline, entry)


def _item_number(title: str | None) -> int | None:
    """The item number an agenda bookmark opens with ("4. Summary of evidence")."""
    head = (title or "").split(". ", 1)[0]
    return int(head) if head.isdigit() and (title or "").startswith(f"{head}. ") else None
