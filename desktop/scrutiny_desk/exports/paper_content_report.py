"""The review's report as blocks (``paper_blocks``), from its audience view alone: what
the accessible HTML, its tagged PDF and the Word document print, as ``report_pdf``
prints it (the wording shared: ``report_words``).

Headings in order: the report's title (level 1), each chapter, the recommendations and
each appendix (2), each section (3), a generated list's caption (under its section).
A numbered paragraph reads "3.2 " then its text (kept as text, so an edit in Word
cannot renumber it), each further paragraph of the clerk's text a paragraph of its
own; the references it cites follow it ("[E3, S1]"). A recommendation arising is a
notice of its own, in bold. The appendices are tables with a caption and header cells.
"""

from __future__ import annotations

import re

from ..domain.report_views import (
    ChapterView,
    ListView,
    ParagraphView,
    ReportDocView,
    SectionView,
)
from . import report_words as words
from .paper_blocks import Block, BulletList, Heading, Paper, Paragraph, Role, Table, Text
from .paper_content import data
from .paper_text import PaperText

_BLANK_LINE = re.compile(r"\n\s*\n")


def report_paper(view: ReportDocView, t: PaperText) -> Paper:
    title = data(words.report_title(view))
    blocks: list[Block] = []
    if view.body:
        blocks.append(Paragraph(data(view.body), Role.NOTE))
    blocks.append(Heading(1, title, "report"))
    sub = words.subtitle(view)
    if sub:
        blocks.append(Paragraph(Text.of(sub)))
    blocks.append(Paragraph(Text.of(words.version_line(view), " – ", t.long_date(view.made))))
    confidential = Text.of(words.PANEL_COPY) if words.has_closed(view) else None
    if confidential is not None:
        blocks.append(Paragraph(confidential, Role.CONFIDENTIAL))
    for chapter in view.chapters:
        blocks += _chapter(view, chapter, t)
    blocks += _recommendations(view, t)
    blocks += _appendices(view, t)
    return Paper(title, t.lang, tuple(blocks), confidential)


def _chapter(view: ReportDocView, chapter: ChapterView, t: PaperText) -> list[Block]:
    anchor = f"chapter-{chapter.number}" if chapter.number is not None else chapter.kind
    out: list[Block] = [Heading(2, data(words.heading(chapter.number, chapter.title)), anchor)]
    if chapter.tor_number:
        out.append(Paragraph(Text.of(f"Terms of reference {chapter.tor_number}"), Role.NOTE))
    for n, section in enumerate(chapter.sections):
        out += _section(view, section, n == 0, t)
    return out


def _section(view: ReportDocView, section: SectionView, first: bool, t: PaperText) -> list[Block]:
    out: list[Block] = []
    if section.title:
        out.append(Heading(3, data(section.title)))
        if section.tor_number and not first:
            out.append(Paragraph(Text.of(f"Terms of reference {section.tor_number}"), Role.NOTE))
    for paragraph in section.paragraphs:
        out += _paragraph(view, paragraph, t)
    for list_ in section.lists:
        out += _list(list_, section.title)
    return out


def _paragraph(view: ReportDocView, p: ParagraphView, t: PaperText) -> list[Block]:
    out: list[Block] = []
    if p.closed:
        out.append(Paragraph(Text.of(words.CLOSED_PARAGRAPH), Role.CONFIDENTIAL))
    parts = [x for x in _BLANK_LINE.split(p.text) if x.strip()] or [""]
    for n, part in enumerate(parts):
        number = f"{p.number} " if p.number and n == 0 else None
        cited = words.citations(p) if n == len(parts) - 1 else None
        out.append(Paragraph(Text.of(number, data(part), f" {cited}" if cited else None)))
    for number in p.arising:
        rec = words.recommendation(view, number)
        if rec is not None:
            said = Text.of(words.recommendation_heading(rec), ": ", data(rec.text), " ")
            details = f"{words.lead(rec)}. {words.timeframe(rec, t)}."
            out.append(Paragraph(said + details, Role.RECOMMENDATION))
    return out


def _list(list_: ListView, over: str | None) -> list[Block]:
    """The list under its caption, a heading a level below its section's (the caption
    left out where it repeats the section's title)."""
    out: list[Block] = []
    if list_.title and list_.title != over:
        out.append(Heading(4 if over else 3, data(list_.title)))
    items = tuple(
        Text.of(
            "\u2003" * e.depth,  # a sub-item set in, as it prints
            f"{e.number} " if e.number else None,
            data(e.text),
            f" ({words.CLOSED_ENTRY})" if e.closed else None,
        )
        for e in list_.entries
    )
    if items:
        out.append(BulletList(items))
    return out


def _recommendations(view: ReportDocView, t: PaperText) -> list[Block]:
    out: list[Block] = [Heading(2, Text.of(words.RECOMMENDATIONS), "recommendations")]
    if not view.recommendations:
        out.append(Paragraph(Text.of(words.NONE_RECORDED)))
    for rec in view.recommendations:
        draft = " (draft)" if rec.draft else ""
        said = Text.of(f"Recommendation {rec.number}{draft}: ", data(rec.text))
        out.append(Paragraph(said, Role.RECOMMENDATION))
        details = [words.lead(rec), words.timeframe(rec, t)]
        supported = words.supported(rec)
        if supported:
            details.append(supported)
        out.append(Paragraph(Text.of(" · ".join(details)), Role.NOTE))
    return out


def _appendices(view: ReportDocView, t: PaperText) -> list[Block]:
    out: list[Block] = [Heading(2, Text.of(words.APPENDIX_MEMBERS), "appendix-a")]
    out.append(
        _table(
            "Membership of the panel",
            words.MEMBER_HEADS,
            [(m.name, words.role(m.role)) for m in view.members],
        )
    )
    out.append(Heading(2, Text.of(words.APPENDIX_WITNESSES), "appendix-b"))
    sessions = [
        (
            s.ref,
            t.date(s.date),
            s.title,
            "; ".join(w.text + (" (heard in private)" if w.closed else "") for w in s.witnesses)
            or "–",
        )
        for s in view.sessions
    ]
    out.append(
        _table("Oral evidence sessions", ("Ref.", "Date", "Meeting", "Witnesses"), sessions)
    )
    out.append(Heading(2, Text.of(words.APPENDIX_EVIDENCE), "appendix-c"))
    evidence = [
        (
            e.ref,
            e.title + (f" ({words.CLOSED_ENTRY})" if e.closed else ""),
            e.kind,
            e.source or "–",
            t.date(e.received) if e.received else "–",
        )
        for e in view.evidence
    ]
    out.append(_table("Evidence received", words.EVIDENCE_HEADS, evidence))
    out.append(Heading(2, Text.of(words.APPENDIX_ABBREVIATIONS), "appendix-d"))
    abbreviations = [(a.abbreviation, a.name) for a in view.abbreviations]
    out.append(_table("Abbreviations", words.ABBREVIATION_HEADS, abbreviations))
    c = view.contact
    if c is not None and (c.name or c.email or c.phone):
        who = ", ".join(x for x in (c.name, c.role, c.phone, c.email) if x)
        out.append(Paragraph(Text.of("Contact: ", data(who))))
    return out


def _table(caption: str, heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> Block:
    if not rows:
        return Paragraph(Text.of(words.NONE_RECORDED))
    return Table(
        Text.of(caption),
        tuple(Text.of(h) for h in heads),
        tuple(tuple(data(cell) for cell in row) for row in rows),
        row_headers=True,
    )
