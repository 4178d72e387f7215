"""The rules the review's report keeps (format version 8), checked on the whole document
like the rest of ``rules.check_review``, which calls ``report_document_problems``.

A paragraph stands at a fixed place or at a terms-of-reference item (one since deleted
leaves it unplaced, which a file may hold: the clerk moves or deletes it), and cites
notes and evidence, and supports
recommendations, that the review holds, each once; versions are numbered "0.1", "0.2" …
in order with at most one "final", last (the final report); a version names an existing
meeting (none, once the meeting that considered it is deleted);
comments and consideration name a version, and a paragraph that version printed, and
(comments) a panel member or (consideration) a meeting and one of its items; the words
of an amendment go only with an amended paragraph. The response period is 1 to 24
months, and a response recorded as rejected goes with a rejected recommendation. Each
problem is named by its path in the interchange format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .enums import ConsiderationOutcome, RecommendationStatus, ReportPurpose, ResponseOutcome
from .errors import Problem
from .records import REPORT_PLACES, TOR_PLACE, Review, ReviewReport
from .report_views import ReportDocView
from .structure import walk_tor

MAX_KEY = 200  # the key columns' width (as rules.MAX_KEY)
MIN_RESPONSE_MONTHS = 1
MAX_RESPONSE_MONTHS = 24
FINAL = "final"


def report_document_problems(review: Review) -> Iterator[Problem]:
    """Every rule the review's report, and the recommendations' responses, break."""
    report = review.report
    path = "review.report"
    if not MIN_RESPONSE_MONTHS <= report.response_months <= MAX_RESPONSE_MONTHS:
        yield Problem(
            f"{path}.response_months",
            f"must be from {MIN_RESPONSE_MONTHS} to {MAX_RESPONSE_MONTHS} months",
        )
    if report.title is not None and not report.title.strip():
        yield Problem(f"{path}.title", "must not be empty (leave it out for the usual title)")
    yield from _paragraphs(review, report)
    yield from _versions(review, report)
    yield from _comments(review, report)
    yield from _considerations(review, report)
    yield from _responses(review)


def _paragraphs(review: Review, report: ReviewReport) -> Iterator[Problem]:
    known = {
        "notes": ({n.key for n in review.notes}, "note"),
        "evidence": ({e.key for e in review.evidence}, "evidence"),
        "recommendations": ({r.key for r in review.recommendations}, "recommendation"),
    }
    tor = {item.key for _, item in walk_tor(review.terms_of_reference)}
    first: dict[str, int] = {}
    for i, p in enumerate(report.paragraphs):
        path = f"review.report.paragraphs[{i}]"
        if not p.key or len(p.key) > MAX_KEY:
            yield Problem(f"{path}.key", f"must be 1 to {MAX_KEY} characters")
        if p.key in first:
            yield Problem(
                f"{path}.key",
                f'duplicate paragraph key "{p.key}" (first used at '
                f"review.report.paragraphs[{first[p.key]}])",
            )
        else:
            first[p.key] = i
        if p.place.startswith(TOR_PLACE):
            # an item's key; one the review no longer holds is an unplaced paragraph
            # (its item was deleted), kept for the clerk to move or delete
            key = p.place.removeprefix(TOR_PLACE)
            if not key.strip() and key not in tor:  # a key of spaces may be an item's
                yield Problem(f"{path}.place", f'"{TOR_PLACE}" names no terms-of-reference item')
        elif p.place not in REPORT_PLACES:
            yield Problem(
                f"{path}.place",
                f'"{p.place}" is not a place in the report: one of '
                f"{', '.join(REPORT_PLACES)}, or {TOR_PLACE}<terms-of-reference key>",
            )
        if not p.text.strip():
            yield Problem(f"{path}.text", "must not be empty")
        for field, (keys, what) in known.items():
            yield from _refs(getattr(p, field), keys, f"{path}.{field}", what)


def _refs(keys: Sequence[str], known: set[str], path: str, what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key not in known:
            yield Problem(f"{path}[{i}]", f'no {what} with key "{key}"')
        elif key in seen:
            yield Problem(f"{path}[{i}]", f'"{key}" is listed twice')
        seen.add(key)


def printed_paragraphs(content: ReportDocView) -> set[str]:
    """The keys of the paragraphs a version printed."""
    return {
        p.key
        for chapter in content.chapters
        for section in chapter.sections
        for p in section.paragraphs
    }


def _versions(review: Review, report: ReviewReport) -> Iterator[Problem]:
    meetings = {m.key for m in review.meetings}
    drafts = 0
    first: dict[str, int] = {}
    last = len(report.versions) - 1
    for i, v in enumerate(report.versions):
        path = f"review.report.versions[{i}]"
        if v.number in first:
            yield Problem(
                f"{path}.number",
                f'duplicate version number "{v.number}" (first used at '
                f"review.report.versions[{first[v.number]}])",
            )
            continue
        first[v.number] = i
        if v.number == FINAL:
            if i != last:
                yield Problem(f"{path}.number", "the final version comes last")
            if v.purpose is not ReportPurpose.FINAL:
                yield Problem(f"{path}.purpose", 'version "final" is the final report: "final"')
        else:
            drafts += 1
            if v.number != f"0.{drafts}":
                yield Problem(
                    f"{path}.number",
                    f'drafts are numbered "0.1", "0.2" … in order: this one is "0.{drafts}"',
                )
            if v.purpose is ReportPurpose.FINAL:
                yield Problem(f"{path}.purpose", 'only version "final" is the final report')
        if v.meeting is not None and v.meeting not in meetings:
            yield Problem(f"{path}.meeting", f'no meeting with key "{v.meeting}"')


def _printed(report: ReviewReport) -> dict[str, set[str]]:
    """version number -> the keys of the paragraphs it printed."""
    return {v.number: printed_paragraphs(v.content) for v in report.versions}


def _comments(review: Review, report: ReviewReport) -> Iterator[Problem]:
    printed = _printed(report)
    members = {m.key for m in review.panel}
    for i, c in enumerate(report.comments):
        path = f"review.report.comments[{i}]"
        yield from _version_paragraph(printed, c.version, c.paragraph, path)
        if c.member not in members:
            yield Problem(f"{path}.member", f'no panel member with key "{c.member}"')
        if not c.text.strip():
            yield Problem(f"{path}.text", "must not be empty")


def _considerations(review: Review, report: ReviewReport) -> Iterator[Problem]:
    printed = _printed(report)
    items = {m.key: {i.key for i in m.items} for m in review.meetings}
    for i, c in enumerate(report.considerations):
        path = f"review.report.considerations[{i}]"
        yield from _version_paragraph(printed, c.version, c.paragraph, path)
        if c.meeting not in items:
            yield Problem(f"{path}.meeting", f'no meeting with key "{c.meeting}"')
        elif c.item is not None and c.item not in items[c.meeting]:
            yield Problem(f"{path}.item", f'meeting "{c.meeting}" has no item with key "{c.item}"')
        amended = c.outcome is ConsiderationOutcome.AMENDED
        if amended and not (c.amendment or "").strip():
            yield Problem(f"{path}.amendment", "an amended paragraph needs the words agreed")
        if not amended and c.amendment is not None:
            yield Problem(
                f"{path}.amendment",
                f'only an amended paragraph has an amendment; this one was "{c.outcome}"',
            )


def _version_paragraph(
    printed: dict[str, set[str]], version: str, paragraph: str, path: str
) -> Iterator[Problem]:
    if version not in printed:
        yield Problem(f"{path}.version", f'no version of the report numbered "{version}"')
    elif paragraph not in printed[version]:
        yield Problem(
            f"{path}.paragraph", f'version "{version}" printed no paragraph with key "{paragraph}"'
        )


def _responses(review: Review) -> Iterator[Problem]:
    for i, r in enumerate(review.recommendations):
        if (
            r.response_outcome is ResponseOutcome.REJECTED
            and r.status is not RecommendationStatus.REJECTED
        ):
            yield Problem(
                f"review.recommendations[{i}].response_outcome",
                f'a response that rejects the recommendation goes with status "rejected", '
                f'not "{r.status}"',
            )
