"""Report views of the shipped sample review made by hand, for the report renderers'
tests: the introduction's lists drawn from the sample's own records (its background,
3 objectives with 13 sub-items, 5 exclusions, 8 interfaces, timetable), a findings
chapter per terms-of-reference item, its recommendations, witnesses and evidence.

The panel's view carries canaries: a closed paragraph (``CLOSED_PARAGRAPH``) and an
open paragraph citing a closed note and closed evidence whose labels are
``CLOSED_NOTE`` and ``CLOSED_EVIDENCE``; the public view is cut as
``publishing.report_view`` cuts it (closed paragraphs gone, closed citations bare
facts, closed evidence and witnesses left out), so a renderer that printed anything
the public view does not hold would be caught."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache

from scrutiny_desk.domain.enums import ReportPurpose
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.report_views import (
    AbbreviationView,
    ChapterView,
    CitationView,
    EvidenceEntryView,
    ListEntry,
    ListView,
    ParagraphRef,
    ParagraphView,
    ReportDocView,
    ReportRecommendationView,
    SectionView,
    SessionView,
)
from scrutiny_desk.domain.views import Audience, ContactView, MemberView
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec

CLOSED_PARAGRAPH = "CANARYPARAGRAPH the family told us in confidence"
CLOSED_NOTE = "CANARYNOTE statement heard in private"
CLOSED_EVIDENCE = "CANARYEVIDENCE family statement"
CLOSED_WITNESS = "CANARYWITNESS Service user"


@cache
def sample() -> Review:
    return codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())


def _objectives(review: Review) -> ListView:
    entries = []
    for n, item in enumerate(review.terms_of_reference, start=1):
        entries.append(ListEntry(item.text, str(n)))
        for m, child in enumerate(item.children, start=1):
            entries.append(ListEntry(child.text, f"{n}.{m}", depth=1))
    return ListView("Terms of reference", tuple(entries))


def _evidence(review: Review) -> tuple[EvidenceEntryView, ...]:
    kinds = {"questionnaire": "Questionnaire", "written": "Written evidence"}
    out = []
    for n, e in enumerate(review.evidence, start=1):
        closed = e.access.value == "closed"
        out.append(
            EvidenceEntryView(
                f"E{n}",
                e.key,
                CLOSED_EVIDENCE if closed else e.title,
                kinds.get(e.kind.value, e.kind.value.capitalize()),
                e.source,
                e.received,
                closed,
            )
        )
    return tuple(out)


def _findings(review: Review) -> list[ChapterView]:
    chapters = []
    for n, item in enumerate(review.terms_of_reference, start=2):
        sections = [
            SectionView(
                f"tor:{item.key}",
                None,
                (ParagraphView(f"p-{item.key}", f"{n}.1", f"Our findings on {item.key}."),),
                tor_number=str(n - 1),
            )
        ]
        for m, child in enumerate(item.children, start=1):
            sections.append(
                SectionView(
                    f"tor:{child.key}",
                    child.text,
                    (
                        ParagraphView(
                            f"p-{child.key}",
                            f"{n}.{m + 1}",
                            f"Evidence on {child.key} showed a mixed picture.",
                            citations=(CitationView("evidence", "borough-survey", "E1", "E1"),),
                        ),
                    ),
                    tor_number=f"{n - 1}.{m}",
                )
            )
        chapters.append(
            ChapterView(n, item.text, "findings", tuple(sections), tor_number=str(n - 1))
        )
    return chapters


def panel_view() -> ReportDocView:
    """The sample's report for the panel, with its canaries."""
    review = sample()
    background = review.summary or ""
    intro = ChapterView(
        1,
        "Introduction",
        "introduction",
        (
            SectionView("background", "Background", (ParagraphView("bg", "1.1", background),)),
            SectionView("objectives", "Objectives", lists=(_objectives(review),)),
            SectionView(
                "scope",
                "Scope",
                lists=(ListView("Exclusions", tuple(ListEntry(e.text) for e in review.exclusions)),),
            ),
            SectionView(
                "interfaces",
                "Key interfaces",
                lists=(ListView(None, tuple(ListEntry(i.name) for i in review.interfaces)),),
            ),
            SectionView(
                "approach",
                "Approach",
                lists=(
                    ListView(
                        "Meetings held",
                        tuple(
                            ListEntry(f"{m.start:%d %B %Y}: {m.title}") for m in review.meetings
                        ),
                    ),
                ),
            ),
            SectionView(
                "timetable",
                "Timetable",
                lists=(
                    ListView(
                        None,
                        tuple(ListEntry(f"{m.date:%d %B %Y}: {m.title}") for m in review.milestones),
                    ),
                ),
            ),
        ),
    )
    findings = _findings(review)
    # The impact chapter (3: "response") carries the canaries.
    response = findings[1]
    canary_sections = (
        *response.sections,
        SectionView(
            "tor:practice-extra",
            "What families told us",
            (
                ParagraphView("closed-p", "3.6", CLOSED_PARAGRAPH, closed=True, arising=(3,)),
                ParagraphView(
                    "cites-closed",
                    "3.7",
                    "Families described the effect of enforcement on them.",
                    citations=(
                        CitationView("note", "n10", None, CLOSED_NOTE, closed=True),
                        CitationView("evidence", "family-statement", "E3", "E3", closed=True),
                        CitationView("evidence", "jrf-research", "E4", "E4"),
                    ),
                    arising=(2,),
                ),
            ),
        ),
    )
    findings[1] = replace(response, sections=canary_sections)
    conclusions = ChapterView(
        len(findings) + 2,
        "Conclusions",
        "conclusions",
        (
            SectionView(
                "conclusions",
                None,
                (ParagraphView("c1", f"{len(findings) + 2}.1", "The panel concludes."),),
            ),
        ),
    )
    foreword = ChapterView(
        None,
        "Foreword",
        "foreword",
        (SectionView("foreword", None, (ParagraphView("f1", None, "A foreword by the Chair."),)),),
    )
    recs = tuple(
        ReportRecommendationView(
            n,
            r.key,
            r.text,
            r.lead,
            r.due,
            draft=False,
            supported_by=(ParagraphRef("cites-closed", "3.7"),) if n == 2 else (),
        )
        for n, r in enumerate(review.recommendations, start=1)
    )
    sessions = (
        SessionView(
            "S1",
            date(2007, 1, 15),
            "Evidence session 1: the MPS approach",
            (
                ListEntry("Director of Drugs Strategy, Metropolitan Police Service"),
                ListEntry(CLOSED_WITNESS, closed=True),
            ),
        ),
    )
    c = review.contact
    return ReportDocView(
        audience=Audience.PANEL,
        review_title=review.title,
        title=f"{review.title}: report of the scrutiny panel",
        body=review.body,
        made=date(2007, 5, 31),
        chapters=(foreword, intro, *findings, conclusions),
        recommendations=recs,
        members=tuple(MemberView(m.name, m.role, m.email) for m in review.panel),
        sessions=sessions,
        evidence=_evidence(review),
        abbreviations=tuple(
            AbbreviationView(i.abbreviation, i.name) for i in review.interfaces if i.abbreviation
        ),
        contact=ContactView(c.name, c.role, c.address, c.phone, c.fax, c.minicom, c.email)
        if c
        else None,
        version="0.2",
        purpose=ReportPurpose.COMMENT,
    )


def public_view() -> ReportDocView:
    """The panel's view cut for the public, as ``publishing.report_view`` cuts it."""
    view = panel_view()

    def cut(p: ParagraphView) -> ParagraphView:
        cites = tuple(
            CitationView(c.kind, "", None, "", True) if c.closed else c for c in p.citations
        )
        return replace(p, citations=cites)

    chapters = tuple(
        replace(
            ch,
            sections=tuple(
                replace(
                    s,
                    paragraphs=tuple(cut(p) for p in s.paragraphs if not p.closed),
                    lists=tuple(
                        replace(li, entries=tuple(e for e in li.entries if not e.closed))
                        for li in s.lists
                    ),
                )
                for s in ch.sections
            ),
        )
        for ch in view.chapters
    )
    return replace(
        view,
        audience=Audience.PUBLIC,
        chapters=chapters,
        evidence=tuple(e for e in view.evidence if not e.closed),
        sessions=tuple(
            replace(s, witnesses=tuple(w for w in s.witnesses if not w.closed))
            for s in view.sessions
        ),
    )


def view_for(audience: Audience) -> ReportDocView:
    return panel_view() if audience is Audience.PANEL else public_view()


# The sample's report as the outline builds it ------------------------------------------

#: a closed paragraph's own words, never in the public report
BUILT_CLOSED = "CANARYBUILT the panel weighed what the family told it in private"
#: the closed note (n10) and closed evidence ("family-statement") it cites
CLOSED_NOTE_TEXT = "repeated calls about a neighbouring crack house"
CLOSED_EVIDENCE_TITLE = "Statement from a family affected by drug activity"
BACKGROUND = "the Metropolitan Police Service's (MPS) approach to policing drugs"


def with_report(review: Review | None = None) -> Review:
    """The sample with paragraphs written into its report: background, a findings
    paragraph in each chapter citing evidence, a closed paragraph, an open one citing
    closed material and supporting recommendation 2, and the conclusions."""
    from scrutiny_desk.domain.enums import Access
    from scrutiny_desk.domain.records import ReportParagraph, ReviewReport

    review = review or sample()
    background = review.summary or ""
    paragraphs = (
        ReportParagraph("bg", "background", background),
        ReportParagraph("strategy-1", "tor:strategy", "Strategy findings.", evidence=("jrf-research",)),
        ReportParagraph(
            "scale-1",
            "tor:scale",
            "The borough returns showed the scale of level 1 activity.",
            evidence=("borough-survey",),
            recommendations=("r1",),
        ),
        ReportParagraph("response-1", "tor:response", "Response findings."),
        ReportParagraph("practice-closed", "tor:practice", BUILT_CLOSED, Access.CLOSED),
        ReportParagraph(
            "practice-open",
            "tor:practice",
            "Families described the effect of enforcement on them.",
            notes=("n10",),
            evidence=("family-statement", "forensics-paper"),
            recommendations=("r2",),
        ),
        ReportParagraph("partners-1", "tor:partners", "Partnership findings."),
        ReportParagraph("end", "conclusions", "The panel concludes that strategy must lead."),
    )
    return replace(review, report=ReviewReport(paragraphs=paragraphs))


def built(audience: Audience, review: Review | None = None) -> ReportDocView:
    """The sample's report (``with_report``) as ``report_outline`` builds it and
    ``publishing.report_view`` cuts it for ``audience``."""
    from scrutiny_desk.services.publishing import report_view
    from scrutiny_desk.services.report_outline import build_report

    panel = build_report(with_report(review), made=date(2007, 5, 31))
    return report_view(panel, audience)
