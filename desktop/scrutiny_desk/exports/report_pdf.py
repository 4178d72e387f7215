"""The review's report as a print PDF (reportlab), from its audience view alone.

A title page (body, title, "Report of the scrutiny panel", the version and its date;
a panel copy holding closed material says NOT FOR PUBLICATION across its top), the
contents with page numbers (laid out twice, reportlab's ``multiBuild``, so the numbers
are those the chapters land on), then each chapter on a new page: its paragraphs with
their numbers hanging in the margin ("3.2"), the references they cite after the text
("[E3, S1]"; closed material in the public report only as "[evidence heard in
private]"), a recommendation arising set in bold in a box after its paragraph, the
lists generated from the record; the recommendations with lead, timeframe and the
paragraphs supporting each; appendices A to D. A closed paragraph in the panel's copy
is marked in words and its page says NOT FOR PUBLICATION (``pdf_pages``); a draft says
which draft on every page.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from ..domain.report_views import (
    ChapterView,
    ListView,
    ParagraphView,
    ReportDocView,
    SectionView,
)
from . import report_words as words
from .paper_text import ENGLISH, PaperText
from .pdf_pages import PaperCanvas, PaperDocument, PaperInfo
from .pdf_style import (
    ACCENT,
    CONFIDENTIAL,
    CONTENT_WIDTH,
    INK,
    MUTED,
    NUMBER_WIDTH,
    RULE,
    TINT,
    Anchor,
    hex_of,
    markup,
    register_fonts,
    rule,
    table,
    table_style,
)
from .pdf_text import one_line, plain
from .report_pdf_style import report_styles

_BOX_WIDTH = CONTENT_WIDTH - NUMBER_WIDTH


class ChapterHeading(Anchor):
    """A chapter's place in the contents and the outline (invisible: the heading is
    the paragraph after it). The contents print the whole title; the outline its
    first 120 characters."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__(key, title, 0)
        self.title = " ".join(title.split())


class ReportDocument(PaperDocument):
    def afterFlowable(self, flowable: Flowable) -> None:
        super().afterFlowable(flowable)
        if isinstance(flowable, ChapterHeading):
            self.notify("TOCEntry", (0, flowable.title, self.page, flowable.key))


def render_report(
    view: ReportDocView, created: datetime | None = None, *, text: PaperText = ENGLISH
) -> bytes:
    """The report as PDF bytes; ``created``: the PDF's creation date (None: now)."""
    import io
    from functools import partial

    register_fonts()
    info = _paper_info(view, created, text)
    story = _title_page(view, text) + _contents()
    for chapter in view.chapters:
        story += _chapter(view, chapter, text)
    story += _recommendations(view, text)
    story += _appendices(view, text)
    out = io.BytesIO()
    ReportDocument(out, info).multiBuild(story, canvasmaker=partial(PaperCanvas, paper=info))
    return out.getvalue()


def _paper_info(view: ReportDocView, created: datetime | None, text: PaperText) -> PaperInfo:
    title = words.report_title(view)
    version = words.version_line(view)
    return PaperInfo(
        title=one_line(title, 300),
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=title,
        running_date=version,
        footer=" · ".join(x for x in (view.body, view.review_title) if x),
        draft=None if view.version == "final" else version.upper(),
        created=created,
        copy_label=words.PANEL_COPY if words.has_closed(view) else None,
        text=text,
    )


def _title_page(view: ReportDocView, text: PaperText) -> list[Flowable]:
    s = report_styles()
    out: list[Flowable] = [Spacer(0, 40 * mm)]
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out.append(markup(plain(words.report_title(view)), s.title))
    if view.title and view.review_title not in view.title:
        out.append(markup(plain(view.review_title), s.subtitle))
    out.append(rule(ACCENT, 1.4, 4, 10))
    sub = words.subtitle(view)
    if sub:
        out.append(markup(escape(sub), s.subtitle))
    out.append(markup(escape(words.version_line(view)), s.version))
    out.append(markup(escape(text.long_date(view.made)), s.version))
    if words.has_closed(view):
        out.append(Spacer(0, 12 * mm))
        out.append(markup(f"<b>{escape(words.PANEL_COPY)}</b>", s.closed_mark))
    out.append(PageBreak())
    return out


def _contents() -> list[Flowable]:
    s = report_styles()
    toc = TableOfContents(levelStyles=[s.contents_entry], dotsMinLevel=0)
    return [
        Anchor("contents", words.CONTENTS, 0),
        markup(escape(words.CONTENTS), s.chapter),
        toc,
        PageBreak(),
    ]


def _chapter_start(key: str, title: str) -> list[Flowable]:
    s = report_styles()
    return [
        ChapterHeading(key, title),
        markup(plain(title), s.chapter),
        rule(ACCENT, 1, 0, 8),
    ]


def _chapter(view: ReportDocView, chapter: ChapterView, text: PaperText) -> list[Flowable]:
    s = report_styles()
    title = words.heading(chapter.number, chapter.title)
    out = _chapter_start(f"chapter-{chapter.kind}-{chapter.number or 0}", title)
    if chapter.tor_number:
        out.append(markup(escape(f"Terms of reference {chapter.tor_number}"), s.muted))
    for n, section in enumerate(chapter.sections):
        out += _section(view, section, first=n == 0, text=text)
    out.append(PageBreak())
    return out


def _section(
    view: ReportDocView, section: SectionView, *, first: bool, text: PaperText
) -> list[Flowable]:
    s = report_styles()
    out: list[Flowable] = []
    if section.title:
        out.append(markup(plain(section.title), s.section))
        if section.tor_number and not first:
            out.append(markup(escape(f"Terms of reference {section.tor_number}"), s.muted))
    for paragraph in section.paragraphs:
        out += _paragraph(view, paragraph, text)
    for list_ in section.lists:
        out += _list(list_, section.title)
    return out


def _paragraph(view: ReportDocView, p: ParagraphView, text: PaperText) -> list[Flowable]:
    s = report_styles()
    out: list[Flowable] = []
    if p.closed:
        red = hex_of(CONFIDENTIAL)
        mark = f'<font color="{red}"><b>{escape(words.CLOSED_PARAGRAPH)}</b></font>'
        out.append(markup(mark, s.flag, True))
    said = plain(p.text)
    cited = words.citations(p)
    if cited:
        said += f' <font color="{hex_of(MUTED)}">{escape(cited)}</font>'
    style = s.numbered if p.number else s.body
    kw = {"bulletText": p.number} if p.number else {}
    closed = words.confidential(view, p)
    out.append(markup(said, style, closed, **kw))
    for number in p.arising:
        rec = words.recommendation(view, number)
        if rec is not None:
            out.append(_arising(rec, text, closed))
    return out


def _arising(rec: words.ReportRecommendationView, text: PaperText, closed: bool) -> Flowable:
    """The recommendation in bold, boxed, under the paragraph it arises from."""
    s = report_styles()
    head = escape(words.recommendation_heading(rec))
    said = markup(f"<b>{head}: {plain(rec.text)}</b>", s.box)
    details = " · ".join([words.lead(rec), words.timeframe(rec, text)])
    return table(
        [["", [said, markup(escape(details), s.box_detail)]]],
        [NUMBER_WIDTH, _BOX_WIDTH],
        table_style(
            ("BACKGROUND", (1, 0), (1, 0), TINT),
            ("BOX", (1, 0), (1, 0), 0.9, ACCENT),
            ("LEFTPADDING", (1, 0), (1, 0), 7),
            ("RIGHTPADDING", (1, 0), (1, 0), 7),
            ("TOPPADDING", (1, 0), (1, 0), 5),
            ("BOTTOMPADDING", (1, 0), (1, 0), 6),
        ),
        confidential=closed,
        spaceBefore=2,
        spaceAfter=9,
    )


def _list(list_: ListView, over: str | None) -> list[Flowable]:
    s = report_styles()
    out: list[Flowable] = []
    if list_.title and list_.title != over:  # "Key interfaces" under "Key interfaces"
        out.append(markup(plain(list_.title), s.list_title))
    for entry in list_.entries:
        said = plain(entry.text)
        if entry.closed:
            said += f' <font color="{hex_of(CONFIDENTIAL)}">({words.CLOSED_ENTRY})</font>'
        style = s.list_deep if entry.depth else s.list_item
        out.append(markup(said, style, entry.closed, bulletText=entry.number or "•"))
    return out


def _recommendations(view: ReportDocView, text: PaperText) -> list[Flowable]:
    s = report_styles()
    out = _chapter_start("recommendations", words.RECOMMENDATIONS)
    if not view.recommendations:
        out.append(markup(escape(words.NONE_RECORDED), s.body))
    for rec in view.recommendations:
        draft = " (draft)" if rec.draft else ""
        out.append(
            markup(f"<b>{plain(rec.text)}</b>{draft}", s.numbered, bulletText=str(rec.number))
        )
        details = [words.lead(rec), words.timeframe(rec, text)]
        supported = words.supported(rec)
        if supported:
            details.append(supported)
        out.append(markup(escape(" · ".join(details)), s.detail))
    out.append(PageBreak())
    return out


def _appendices(view: ReportDocView, text: PaperText) -> list[Flowable]:
    s = report_styles()
    out = _chapter_start("appendix-a", words.APPENDIX_MEMBERS)
    members = [[m.name, words.role(m.role)] for m in view.members]
    out.append(_table(words.MEMBER_HEADS, members, (90 * mm, CONTENT_WIDTH - 90 * mm)))
    out += [Spacer(0, 6 * mm), *_chapter_start("appendix-b", words.APPENDIX_WITNESSES)]
    if not view.sessions:
        out.append(markup(escape(words.NONE_RECORDED), s.body))
    for session in view.sessions:
        head = f"{session.ref}  {text.date(session.date)} – {session.title}"
        out.append(markup(plain(head), s.list_title))
        for w in session.witnesses:
            said = plain(w.text)
            if w.closed:
                said += f' <font color="{hex_of(CONFIDENTIAL)}">(heard in private)</font>'
            out.append(markup(said, s.list_item, w.closed, bulletText="•"))
    out += [Spacer(0, 6 * mm), *_chapter_start("appendix-c", words.APPENDIX_EVIDENCE)]
    rows = [
        [
            e.ref,
            e.title + (f" ({words.CLOSED_ENTRY})" if e.closed else ""),
            e.kind,
            e.source or "–",
            text.date(e.received) if e.received else "–",
        ]
        for e in view.evidence
    ]
    widths = (14 * mm, 62 * mm, 30 * mm, 30 * mm)
    out.append(_table(words.EVIDENCE_HEADS, rows, (*widths, CONTENT_WIDTH - sum(widths))))
    out += [Spacer(0, 6 * mm), *_chapter_start("appendix-d", words.APPENDIX_ABBREVIATIONS)]
    abbreviations = [[a.abbreviation, a.name] for a in view.abbreviations]
    out.append(_table(words.ABBREVIATION_HEADS, abbreviations, (40 * mm, CONTENT_WIDTH - 40 * mm)))
    out += _contact(view)
    return out


def _table(heads: tuple[str, ...], rows: list[list[str]], widths: tuple[float, ...]) -> Flowable:
    s = report_styles()
    if not rows:
        return markup(escape(words.NONE_RECORDED), s.body)
    cells: list[list[object]] = [[markup(escape(h), s.head) for h in heads]]
    cells += [[markup(plain(c), s.cell) for c in row] for row in rows]
    return table(
        cells,
        widths,
        table_style(
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-2, -1), 5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ),
        repeatRows=1,
        spaceAfter=6,
    )


def _contact(view: ReportDocView) -> list[Flowable]:
    c = view.contact
    if c is None or not (c.name or c.email or c.phone):
        return []
    who = ", ".join(plain(x) for x in (c.name, c.role) if x)
    reach = ", ".join(plain(x) for x in (c.phone, c.email) if x)
    said = "<b>Contact:</b> " + who + (f" – {reach}" if reach else "")
    return [Spacer(0, 8 * mm), markup(said, report_styles().body)]
