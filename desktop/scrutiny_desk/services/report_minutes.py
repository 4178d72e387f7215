"""The decisions a meeting made on the review's report, worded for its minutes
(issue 17): what ``publishing`` puts in an agenda item's ``considered``.

The paragraphs are named by their numbers in the version considered (its frozen
content), so the minutes keep citing the words the meeting saw whatever happens to the
working draft. The public minutes name only the paragraphs open in that version; a
closed paragraph's fate is the panel's, as its text is.
"""

from __future__ import annotations

from ..domain.enums import ReportPurpose
from ..domain.procedure_wording import report_considered
from ..domain.records import Review
from ..domain.report_views import ReportDocView
from ..domain.views import Audience


def considered(review: Review, meeting_key: str, item_key: str, audience: Audience) -> str | None:
    """The worded decisions made under ``item_key`` of ``meeting_key``, one sentence
    per version considered there; None when none (or none ``audience`` may read)."""
    report = review.report
    here = [d for d in report.considerations if d.meeting == meeting_key and d.item == item_key]
    if not here:
        return None
    versions = {v.number: v for v in report.versions}
    sentences = []
    for number in dict.fromkeys(d.version for d in here):
        version = versions.get(number)
        if version is None:
            continue
        labels = _labels(version.content, audience)
        outcomes = {d.paragraph: d.outcome.value for d in here if d.version == number}
        decided = [(labels[k], outcomes[k]) for k in labels if k in outcomes]
        if decided:
            final = version.purpose is ReportPurpose.FINAL
            sentences.append(report_considered(number, final, decided))
    return " ".join(sentences) or None


def _labels(content: ReportDocView, audience: Audience) -> dict[str, str]:
    """Each paragraph's key -> how the minutes name it, in the version's order: its
    number, or "the summary's paragraph 2" where the chapter is not numbered; closed
    paragraphs left out for the public."""
    labels: dict[str, str] = {}
    for chapter in content.chapters:
        count = 0
        for section in chapter.sections:
            for p in section.paragraphs:
                count += 1
                if p.closed and audience is not Audience.PANEL:
                    continue
                labels[p.key] = p.number or f"the {chapter.kind}'s paragraph {count}"
    return labels
