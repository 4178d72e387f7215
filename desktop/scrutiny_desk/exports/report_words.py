"""What the review's report says besides the clerk's own words, worded once for every
format: the print PDF (``report_pdf``) and the blocks the HTML, tagged PDF and Word
draw (``paper_content_report``) print the same version line, citations, timeframes and
cross-references from the same audience view.

Nothing here decides what an audience sees: a public view holds no closed paragraph,
and its closed citations are bare facts, printed ``HEARD_IN_PRIVATE``.
"""

from __future__ import annotations

from ..domain.enums import MemberRole, ReportPurpose
from ..domain.report_views import (
    HEARD_IN_PRIVATE,
    ParagraphView,
    ReportDocView,
    ReportRecommendationView,
)
from ..domain.views import Audience
from .paper_text import ENGLISH, PaperText

REPORT_OF_THE_PANEL = "Report of the scrutiny panel"
CONTENTS = "Contents"
RECOMMENDATIONS = "Recommendations"
#: a closed paragraph's mark in the panel's report, in words (never colour alone)
CLOSED_PARAGRAPH = "Closed – not for publication"
CLOSED_ENTRY = "closed"
PANEL_COPY = "PANEL COPY – contains closed material: NOT FOR PUBLICATION"
NONE_RECORDED = "None recorded."
#: the appendices, lettered in this order whatever they hold, so "E3" always means
#: the third entry of appendix C
APPENDIX_MEMBERS = "Appendix A: Membership of the panel"
APPENDIX_WITNESSES = "Appendix B: Witnesses heard"
APPENDIX_EVIDENCE = "Appendix C: Evidence received"
APPENDIX_ABBREVIATIONS = "Appendix D: Abbreviations"
EVIDENCE_HEADS = ("Ref.", "Title", "Kind", "Source", "Received")
MEMBER_HEADS = ("Name", "Role")
ABBREVIATION_HEADS = ("Abbreviation", "In full")

_ROLES = {MemberRole.CHAIR: "Chair", MemberRole.VICE_CHAIR: "Vice-Chair"}


def version_line(view: ReportDocView) -> str:
    """"Working draft", "Draft 0.2 – for comment", "Draft 0.3 – for consideration by
    the panel", "Final report"."""
    if view.version is None:
        return "Working draft"
    if view.purpose is ReportPurpose.FINAL or view.version == "final":
        return "Final report"
    if view.purpose is ReportPurpose.MEETING:
        return f"Draft {view.version} – for consideration by the panel"
    return f"Draft {view.version} – for comment"


def report_title(view: ReportDocView) -> str:
    """The title the paper leads with: the report's own."""
    return view.title or view.review_title


def subtitle(view: ReportDocView) -> str | None:
    """"Report of the scrutiny panel" under the title, unless the title says it."""
    if REPORT_OF_THE_PANEL.lower() in report_title(view).lower():
        return None
    return REPORT_OF_THE_PANEL


def has_closed(view: ReportDocView) -> bool:
    """Whether the view holds closed material (only a panel view can)."""
    if view.audience is Audience.PUBLIC:
        return False
    return (
        any(p.closed or any(c.closed for c in p.citations) for p in view.paragraphs())
        or any(e.closed for e in view.evidence)
        or any(w.closed for s in view.sessions for w in s.witnesses)
        or any(
            e.closed
            for c in view.chapters
            for s in c.sections
            for list_ in s.lists
            for e in list_.entries
        )
    )


def citations(paragraph: ParagraphView) -> str | None:
    """"[E3, S1]": the references a paragraph cites, in its order, each once; closed
    material the audience may not see as "[E3; evidence heard in private]"."""
    refs: list[str] = []
    private = False
    for c in paragraph.citations:
        if c.closed and c.ref is None and not c.label:
            private = True
            continue
        word = c.ref or c.label
        if word and c.closed:  # the panel's copy: closed material, marked so
            word += f" ({CLOSED_ENTRY})"
        if word and word not in refs:
            refs.append(word)
    if private:
        refs.append(HEARD_IN_PRIVATE)
    if not refs:
        return None
    return "[" + "; ".join(_joined(refs)) + "]"


def _joined(refs: list[str]) -> list[str]:
    """References before the words "evidence heard in private", joined by commas."""
    plain = [r for r in refs if r != HEARD_IN_PRIVATE]
    out = [", ".join(plain)] if plain else []
    return out + [r for r in refs if r == HEARD_IN_PRIVATE]


def confidential(view: ReportDocView, paragraph: ParagraphView) -> bool:
    """Whether a paragraph prints closed material (its own text, or what it cites) in
    the panel's copy: its page is marked NOT FOR PUBLICATION."""
    if view.audience is Audience.PUBLIC:
        return False
    return paragraph.closed or any(c.closed for c in paragraph.citations)


def heading(number: str | int | None, title: str) -> str:
    return f"{number}. {title}" if number is not None else title


def recommendation_heading(rec: ReportRecommendationView) -> str:
    draft = " (draft)" if rec.draft else ""
    return f"Recommendation {rec.number}{draft}"


def lead(rec: ReportRecommendationView) -> str:
    return f"Lead: {rec.lead or 'not yet named'}"


def timeframe(rec: ReportRecommendationView, text: PaperText = ENGLISH) -> str:
    return f"Timeframe: {text.date(rec.due) if rec.due else 'not yet set'}"


def supported(rec: ReportRecommendationView) -> str | None:
    """"(paragraphs 3.2, 3.4)": the paragraphs supporting it that the audience sees."""
    numbers = [p.number for p in rec.supported_by if p.number]
    if not numbers:
        return None
    word = "paragraph" if len(numbers) == 1 else "paragraphs"
    return f"({word} {', '.join(numbers)})"


def role(member_role: MemberRole) -> str:
    return _ROLES.get(member_role, "Member")


def recommendation(view: ReportDocView, number: int) -> ReportRecommendationView | None:
    return next((r for r in view.recommendations if r.number == number), None)
