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

from dataclasses import dataclass
from datetime import date

from ..domain.enums import ReportPurpose
from ..domain.records import ReportParagraph, Review
from ..domain.report_views import ReportDocView


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
    raise NotImplementedError


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
    raise NotImplementedError


def unplaced(review: Review) -> tuple[ReportParagraph, ...]:
    """Paragraphs whose place no longer exists (their terms-of-reference item was
    deleted): not in the report, listed for the clerk to move or delete."""
    raise NotImplementedError
