"""The rules a review's reports meet (format version 7): the documents an agenda item
considers, which the agenda pack prints after the agenda.

A report is a PDF held with the item or a piece of evidence from the register whose
own file is printed: exactly one of the two, since a pack must know which file to
append. Either way the file is a PDF (its media type says so and its bytes begin as a
PDF does), because a pack can append nothing else; a held file is at most 20 MB, as an
evidence file is, and held files count towards the review's 150 MB with the evidence
files (``attached_bytes``). Report keys are unique across the review. Each problem
names its path in the file, ``review.meetings[6].items[3].reports[0].file``.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import rules  # which calls these checks: its names are read when they run
from .errors import Problem
from .records import Evidence, EvidenceFile, ItemReport, Review

PDF_MEDIA_TYPE = "application/pdf"
PDF_SIGNATURE = b"%PDF-"


def is_pdf(file: EvidenceFile) -> bool:
    """Said to be a PDF and starting as one does (a renamed Word file is not)."""
    media_type = file.media_type.split(";", 1)[0].strip().lower()
    return media_type == PDF_MEDIA_TYPE and file.content.startswith(PDF_SIGNATURE)


def held_report_bytes(review: Review) -> int:
    """Bytes of the report files held with agenda items (not those of evidence, which
    the evidence register counts)."""
    return sum(r.file.size for r in _reports(review) if r.file is not None)


def attached_bytes(review: Review) -> int:
    """Bytes of every file the review holds: evidence files and held reports, which
    together may come to at most 150 MB."""
    evidence = sum(e.file.size for e in review.evidence if e.file is not None)
    return evidence + held_report_bytes(review)


def report_problems(review: Review) -> Iterable[Problem]:
    """Every rule the review's reports break, in document order."""
    evidence = {e.key: e for e in review.evidence}
    first: dict[str, str] = {}
    for i, meeting in enumerate(review.meetings):
        for j, item in enumerate(meeting.items):
            for k, report in enumerate(item.reports):
                path = f"review.meetings[{i}].items[{j}].reports[{k}]"
                if len(report.key) > rules.MAX_KEY:
                    yield Problem(f"{path}.key", f"is longer than {rules.MAX_KEY} characters")
                if report.key in first:
                    yield Problem(
                        f"{path}.key",
                        f'duplicate report key "{report.key}" (first used at {first[report.key]})',
                    )
                else:
                    first[report.key] = path
                yield from _report_problems(report, path, evidence)


def _report_problems(
    report: ItemReport, path: str, evidence: dict[str, Evidence]
) -> Iterable[Problem]:
    if not report.title.strip():
        yield Problem(f"{path}.title", "must not be empty")
    if (report.file is None) == (report.evidence is None):
        yield Problem(
            path,
            "a report is either a file held with the item (file) or a piece of evidence "
            "(evidence): give exactly one of the two",
        )
        return
    if report.file is not None:
        yield from rules.file_problems(report.file, f"{path}.file")
        if not is_pdf(report.file):
            yield Problem(
                f"{path}.file",
                f'"{report.file.name}" is not a PDF (a report must be a PDF file of type '
                f"{PDF_MEDIA_TYPE}, so that the agenda pack can append it)",
            )
        return
    key = report.evidence
    found = evidence.get(key) if key is not None else None
    if found is None:
        yield Problem(f"{path}.evidence", f'no evidence with key "{key}"')
    elif found.file is None:
        yield Problem(
            f"{path}.evidence",
            f'the evidence "{key}" has no file attached, so there is nothing to print',
        )
    elif not is_pdf(found.file):
        yield Problem(
            f"{path}.evidence",
            f'the file of the evidence "{key}" ("{found.file.name}") is not a PDF, so the '
            "agenda pack cannot append it",
        )


def _reports(review: Review) -> Iterable[ItemReport]:
    return (r for m in review.meetings for i in m.items for r in i.reports)
