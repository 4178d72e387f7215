"""The report's outline generated from the review (issue 17): the panel's view.

The outline follows the review, so it stays in step as the terms of reference,
evidence, meetings and recommendations change: the foreword and the summary
(unnumbered); 1 Introduction (background, objectives as the terms of reference, scope
and exclusions, key interfaces, approach, timetable), each with the lists drawn from the
record; one findings chapter per top-level terms-of-reference item (2, 3 …) with a
section for each of its sub-items, at any depth, in tree order; then the conclusions.
Paragraphs are numbered through each chapter ("3.1", "3.2" …). Citations point into the
appendices (E refs for evidence received, S refs for oral evidence sessions), so moving
an item or inserting a paragraph renumbers everything in one pass.

This builds the PANEL view: closed material is present and marked. The public view is
cut from it in one place, ``services.publishing.report_view``. Pure functions over
``Review``: no database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from ..domain.enums import Access, RecommendationStatus, ReportPurpose
from ..domain.records import TOR_PLACE, ReportParagraph, Review
from ..domain.report_views import (
    ChapterView,
    CitationView,
    ListView,
    ParagraphRef,
    ParagraphView,
    ReportDocView,
    ReportRecommendationView,
    SectionView,
)
from ..domain.structure import walk_tor
from ..domain.views import Audience, ContactView, MemberView
from .report_lists import Record, record

#: the introduction's sections: place and heading
INTRODUCTION = (
    ("background", "Background"),
    ("objectives", "Objectives"),
    ("scope", "Scope and exclusions"),
    ("interfaces", "Key interfaces"),
    ("approach", "Approach"),
    ("timetable", "Timetable"),
)
NOTE_LABEL = "Note of the panel"  # a cited note with no source in the appendices


@dataclass(frozen=True)
class SectionPlace:
    """A place paragraphs can stand, in outline order, for the Report page's tree.

    ``place``: as ``ReportParagraph.place`` names it ("background", "tor:k3");
    ``title``: the section's heading (None: a chapter's own opening, such as the
    foreword or a findings chapter before its first sub-item); ``chapter``: the
    chapter's number (None: foreword, summary); ``chapter_title``; ``kind``: the
    chapter's kind ("foreword", "summary", "introduction", "findings", "conclusions");
    ``tor_number``: the terms-of-reference item's number ("1.2") for findings places."""

    place: str
    title: str | None
    chapter: int | None
    chapter_title: str
    kind: str
    tor_number: str | None = None


def section_places(review: Review) -> tuple[SectionPlace, ...]:
    """Every place of the outline in the order the report prints them."""
    places = [
        SectionPlace("foreword", None, None, "Foreword", "foreword"),
        SectionPlace("summary", None, None, "Summary", "summary"),
        *(SectionPlace(p, t, 1, "Introduction", "introduction") for p, t in INTRODUCTION),
    ]
    chapter = 1
    for top_number, top in (
        (str(n), item) for n, item in enumerate(review.terms_of_reference, start=1)
    ):
        chapter += 1
        places.append(
            SectionPlace(TOR_PLACE + top.key, None, chapter, top.text, "findings", top_number)
        )
        places.extend(
            SectionPlace(
                TOR_PLACE + item.key,
                item.text,
                chapter,
                top.text,
                "findings",
                f"{top_number}.{number}",
            )
            for number, item in walk_tor(top.children)
        )
    places.append(SectionPlace("conclusions", None, chapter + 1, "Conclusions", "conclusions"))
    return tuple(places)


def unplaced(review: Review) -> tuple[ReportParagraph, ...]:
    """Paragraphs whose place no longer exists (their terms-of-reference item was
    deleted): not in the report, listed for the clerk to move or delete."""
    known = {p.place for p in section_places(review)}
    return tuple(p for p in review.report.paragraphs if p.place not in known)


def report_title(review: Review) -> str:
    """The report's title: its own, or "<review>: report of the scrutiny panel"."""
    return review.report.title or f"{review.title}: report of the scrutiny panel"


def build_report(
    review: Review,
    *,
    made: date,
    version: str | None = None,
    purpose: ReportPurpose | None = None,
) -> ReportDocView:
    """The report as the panel reads it: every paragraph numbered, closed material
    present and marked closed. ``made``: the date it carries; ``version``/``purpose``:
    a frozen version's number ("0.1", "final") and purpose (None: the working draft)."""
    lists = record(review, made)
    places = section_places(review)
    written: dict[str, list[ReportParagraph]] = defaultdict(list)
    for paragraph in review.report.paragraphs:
        written[paragraph.place].append(paragraph)
    cite = _Citer(review, lists)
    chapters: list[ChapterView] = []
    for chapter_places in _by_chapter(places):
        first = chapter_places[0]
        count = 0
        sections = []
        for place in chapter_places:
            paragraphs = []
            for p in written.get(place.place, ()):
                count += 1
                number = None if first.chapter is None else f"{first.chapter}.{count}"
                paragraphs.append(
                    ParagraphView(
                        p.key, number, p.text, p.access is Access.CLOSED, cite.citations(p)
                    )
                )
            sections.append(
                SectionView(
                    place.place,
                    place.title,
                    tuple(paragraphs),
                    _lists(place.place, lists),
                    place.tor_number,
                )
            )
        chapters.append(
            ChapterView(
                first.chapter,
                first.chapter_title,
                first.kind,
                tuple(sections),
                first.tor_number if first.kind == "findings" else None,
            )
        )
    numbered, recommendations = _recommendations(review, tuple(chapters))
    c = review.contact
    return ReportDocView(
        audience=Audience.PANEL,
        review_title=review.title,
        title=report_title(review),
        body=review.body,
        made=made,
        chapters=numbered,
        recommendations=recommendations,
        members=tuple(MemberView(m.name, m.role, m.email) for m in review.panel),
        sessions=lists.sessions,
        evidence=lists.evidence,
        abbreviations=lists.abbreviations,
        contact=None
        if c is None
        else ContactView(c.name, c.role, c.address, c.phone, c.fax, c.minicom, c.email),
        version=version,
        purpose=purpose,
    )


def _by_chapter(places: tuple[SectionPlace, ...]) -> list[list[SectionPlace]]:
    chapters: list[list[SectionPlace]] = []
    for place in places:
        if not chapters or place.title is None or place.kind != chapters[-1][0].kind:
            chapters.append([place])
        else:
            chapters[-1].append(place)
    return chapters


def _lists(place: str, lists: Record) -> tuple[ListView, ...]:
    return {
        "objectives": (lists.objectives,),
        "scope": (lists.exclusions,),
        "interfaces": (lists.interfaces,),
        "approach": lists.approach,
        "timetable": (lists.timetable,),
    }.get(place, ())


class _Citer:
    """A paragraph's citations as references into the appendices."""

    def __init__(self, review: Review, lists: Record) -> None:
        self._notes = {n.key: n for n in review.notes}
        self._evidence = {e.key: e for e in review.evidence}
        self._meetings = {m.key: m for m in review.meetings}
        self._lists = lists

    def citations(self, paragraph: ReportParagraph) -> tuple[CitationView, ...]:
        cited = [self._note(k) for k in paragraph.notes if k in self._notes]
        cited.extend(self._evidence_cited(k) for k in paragraph.evidence if k in self._evidence)
        return tuple(cited)

    def _evidence_cited(self, key: str) -> CitationView:
        e = self._evidence[key]
        return CitationView(
            "evidence", key, self._lists.evidence_refs[key], e.title, e.access is Access.CLOSED
        )

    def _note(self, key: str) -> CitationView:
        note = self._notes[key]
        closed = key in self._lists.closed_notes
        if note.evidence in self._evidence:
            e = self._evidence[note.evidence]
            return CitationView("note", key, self._lists.evidence_refs[e.key], e.title, closed)
        if note.meeting in self._lists.session_refs:
            meeting = self._meetings[note.meeting]
            ref = self._lists.session_refs[meeting.key]
            return CitationView("note", key, ref, meeting.title, closed)
        return CitationView("note", key, None, NOTE_LABEL, closed)


def _recommendations(
    review: Review, chapters: tuple[ChapterView, ...]
) -> tuple[tuple[ChapterView, ...], tuple[ReportRecommendationView, ...]]:
    """Every recommendation in the review's order, with the paragraphs supporting it in
    document order; each printed (``arising``) after the last of them."""
    own = {p.key: p.recommendations for p in review.report.paragraphs}
    numbers = {r.key: n for n, r in enumerate(review.recommendations, start=1)}
    support: dict[str, list[ParagraphRef]] = defaultdict(list)
    for view in (p for c in chapters for s in c.sections for p in s.paragraphs):
        for key in own.get(view.key, ()):
            if key in numbers and view.key not in (r.key for r in support[key]):
                support[key].append(ParagraphRef(view.key, view.number))
    recommendations = tuple(
        ReportRecommendationView(
            numbers[r.key],
            r.key,
            r.text,
            r.lead,
            r.due,
            r.status is RecommendationStatus.DRAFT,
            tuple(support[r.key]),
        )
        for r in review.recommendations
    )
    return with_arising(chapters, recommendations), recommendations


def with_arising(
    chapters: tuple[ChapterView, ...], recommendations: tuple[ReportRecommendationView, ...]
) -> tuple[ChapterView, ...]:
    """The chapters with each recommendation's number set (``arising``) on the last
    paragraph of its ``supported_by`` in document order, and nowhere else."""
    order = {
        p.key: n
        for n, p in enumerate(p for c in chapters for s in c.sections for p in s.paragraphs)
    }
    arising: dict[str, list[int]] = defaultdict(list)
    for r in recommendations:
        placed = [ref.key for ref in r.supported_by if ref.key in order]
        if placed:
            arising[max(placed, key=order.__getitem__)].append(r.number)
    return tuple(
        replace(
            c,
            sections=tuple(
                replace(
                    s,
                    paragraphs=tuple(
                        replace(p, arising=tuple(sorted(arising.get(p.key, ()))))
                        for p in s.paragraphs
                    ),
                )
                for s in c.sections
            ),
        )
        for c in chapters
    )
