"""The public cut of the review's report (issue 17), kept beside ``publishing`` (which
re-exports ``report_view``) because that module is near its size limit; the decision is
made here and nowhere else.

Panel: the view unchanged. Public: closed paragraphs dropped (the others keep the
panel's numbers, leaving a gap); a closed citation keeps only that it is closed (printed
"evidence heard in private"); closed list lines, witnesses heard only in private and
closed evidence dropped (a session left with no witness is dropped); draft
recommendations dropped, as the action plan drops them; each recommendation supported
only by open paragraphs, and printed after the last of them; members' e-mail addresses
dropped, as the public papers drop them. It works on the view alone, so a version frozen
months ago (which keeps the panel's view) is cut by today's rule.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.report_views import (
    CitationView,
    ListView,
    ReportDocView,
    SectionView,
)
from ..domain.views import Audience
from .report_outline import with_arising


def report_view(view: ReportDocView, audience: Audience) -> ReportDocView:
    """``view`` (the panel's, as ``report_outline.build_report`` makes it or as a
    version froze it) as ``audience`` may read it. A witness has no report view."""
    if audience is Audience.WITNESS:
        raise ValueError("a report is public or for the panel")
    if audience is Audience.PANEL:
        return view
    chapters = tuple(
        replace(c, sections=tuple(_public_section(s) for s in c.sections)) for c in view.chapters
    )
    shown = {p.key for p in (p for c in chapters for s in c.sections for p in s.paragraphs)}
    recommendations = tuple(
        replace(r, supported_by=tuple(ref for ref in r.supported_by if ref.key in shown))
        for r in view.recommendations
        if not r.draft
    )
    sessions = (
        replace(s, witnesses=tuple(w for w in s.witnesses if not w.closed)) for s in view.sessions
    )
    return replace(
        view,
        audience=Audience.PUBLIC,
        chapters=with_arising(chapters, recommendations),
        recommendations=recommendations,
        members=tuple(replace(m, email=None) for m in view.members),
        sessions=tuple(s for s in sessions if s.witnesses),
        evidence=tuple(e for e in view.evidence if not e.closed),
    )


def _public_section(section: SectionView) -> SectionView:
    return replace(
        section,
        paragraphs=tuple(
            replace(
                p,
                citations=tuple(_public_citation(c) for c in p.citations),
                arising=(),
            )
            for p in section.paragraphs
            if not p.closed
        ),
        lists=tuple(
            ListView(lv.title, tuple(e for e in lv.entries if not e.closed)) for lv in section.lists
        ),
    )


def _public_citation(citation: CitationView) -> CitationView:
    return CitationView(citation.kind, "", None, "", True) if citation.closed else citation
