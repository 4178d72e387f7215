"""The shipped sample with a report written into it, for the tests of the report's
outline, public cut, quote check and difference (issue 17). Built here from records so
that the tests do not depend on the sample's own report (which may change)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.records import ReportParagraph, Review, ReviewReport
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec

MADE = date(2007, 5, 31)


def sample() -> Review:
    """The shipped sample as the interchange format holds it (no database)."""
    return codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())


def paragraph(
    key: str,
    place: str,
    text: str | None = None,
    *,
    closed: bool = False,
    notes: tuple[str, ...] = (),
    evidence: tuple[str, ...] = (),
    recommendations: tuple[str, ...] = (),
) -> ReportParagraph:
    return ReportParagraph(
        key,
        place,
        text or f"The panel's finding {key}.",
        Access.CLOSED if closed else Access.OPEN,
        notes,
        evidence,
        recommendations,
    )


#: paragraphs across the outline; p-closed is closed, others cite closed material
PARAGRAPHS = (
    paragraph("p-foreword", "foreword", "The Chair's foreword."),
    paragraph("p-summary", "summary", "The review in brief."),
    paragraph("p-background", "background", "Drugs blight communities across London."),
    paragraph("p-objectives", "objectives", "The panel agreed three objectives."),
    paragraph("p-strategy", "tor:strategy", notes=("n1",), recommendations=("r1",)),
    paragraph("p-gaps", "tor:gaps", notes=("n12",), evidence=("jrf-research",)),
    paragraph("p-closed", "tor:gaps", closed=True, notes=("n13",), recommendations=("r1",)),
    paragraph("p-impact", "tor:impact", notes=("n9", "n10"), recommendations=("r4",)),
    paragraph("p-targets", "tor:targets", notes=("n2", "n5"), recommendations=("r2", "r5")),
    paragraph("p-forensics", "tor:forensics", notes=("n6", "n7"), evidence=("forensics-paper",)),
    paragraph("p-forensics2", "tor:forensics", recommendations=("r3",)),
    paragraph("p-partners", "tor:partners", "Partnership is where drugs work succeeds."),
    paragraph("p-cdrp", "tor:cdrp", notes=("n4",), recommendations=("r4",)),
    paragraph("p-justice", "tor:justice", notes=("n8",), evidence=("family-statement",)),
    paragraph("p-conclusions", "conclusions", recommendations=("r6",)),
)


def with_report(review: Review, paragraphs: tuple[ReportParagraph, ...] = PARAGRAPHS) -> Review:
    return replace(review, report=ReviewReport(paragraphs=paragraphs))
