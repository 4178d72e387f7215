"""A version 8 file whose report or responses break a rule is refused whole, every
problem named by its path, and not one row of any table changes (SQLite and
PostgreSQL). Each case changes the shipped sample, which carries a report with versions,
comments, consideration and responses, so that it breaks one rule of
``domain.report_document_checks`` (or of the version 8 schema).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.container import Services

from .old_versions import as_version_7, as_version_8
from .test_import_errors import Case, append, assert_refused, case, edit, prefilled, whole

__all__ = ["prefilled"]  # the shared database holding the sample, as test_import_errors

SAMPLE = resource_path("samples/drugs-scrutiny.json")
R = "review.report"
P = f"{R}.paragraphs"
V = f"{R}.versions"
C = f"{R}.comments"
K = f"{R}.considerations"


def _sample_without_uids() -> bytes:
    """The sample as a second review beside it: its meetings' UIDs are the sample's
    own, so they are left out (import makes new ones)."""
    document = json.loads(SAMPLE.read_bytes())
    for meeting in document["review"]["meetings"]:
        meeting["uid"] = None
    return json.dumps(document, indent=2).encode("utf-8")


def _final_not_last(document: dict[str, Any]) -> dict[str, Any]:
    versions = document["review"]["report"]["versions"]
    versions.insert(0, {**versions[0], "number": "final", "purpose": "final"})
    return document


def _v7_with_report(document: dict[str, Any]) -> dict[str, Any]:
    report = document["review"]["report"]
    old = as_version_7(as_version_8(document))
    old["review"]["report"] = report
    return old


CASES = [
    case(
        "paragraph-key-twice",
        edit((f"{P}[1].key", "foreword")),
        (f"{P}[1].key", f'duplicate paragraph key "foreword" (first used at {P}[0])'),
    ),
    case(
        "paragraph-place-unknown",
        edit((f"{P}[3].place", "annex")),
        (f"{P}[3].place", '"annex" is not a place in the report'),
    ),
    case(
        "paragraph-place-tor-without-key",
        edit((f"{P}[12].place", "tor: ")),
        (f"{P}[12].place", '"tor:" names no terms-of-reference item'),
    ),
    case(
        "paragraph-text-blank",
        edit((f"{P}[2].text", "  ")),
        (f"{P}[2].text", "must not be empty"),
    ),
    case(
        "paragraph-note-missing",
        edit((f"{P}[12].notes", ["n1", "n99"])),
        (f"{P}[12].notes[1]", 'no note with key "n99"'),
    ),
    case(
        "paragraph-note-twice",
        edit((f"{P}[23].notes", ["n6", "n7", "n6"])),
        (f"{P}[23].notes[2]", '"n6" is listed twice'),
    ),
    case(
        "paragraph-evidence-missing",
        edit((f"{P}[13].evidence", ["survey"])),
        (f"{P}[13].evidence[0]", 'no evidence with key "survey"'),
    ),
    case(
        "paragraph-recommendation-missing",
        edit((f"{P}[20].recommendations", ["r2", "r9"])),
        (f"{P}[20].recommendations[1]", 'no recommendation with key "r9"'),
    ),
    case(
        "paragraph-recommendation-twice",
        edit((f"{P}[20].recommendations", ["r2", "r2"])),
        (f"{P}[20].recommendations[1]", '"r2" is listed twice'),
    ),
    case(
        "version-number-twice",
        edit((f"{V}[1].number", "0.1")),
        (
            f"{V}[1].number",
            'duplicate version number "0.1" (first used at review.report.versions[0])',
        ),
    ),
    case(
        "version-draft-out-of-order",
        edit((f"{V}[1].number", "0.3")),
        (f"{V}[1].number", 'drafts are numbered "0.1", "0.2" … in order: this one is "0.2"'),
    ),
    case(
        "version-final-not-last",
        whole(_final_not_last),
        (f"{V}[0].number", "the final version comes last"),
    ),
    case(
        "version-final-not-the-final-report",
        edit((f"{V}[1].number", "final")),
        (f"{V}[1].purpose", 'version "final" is the final report'),
        (f"{K}[0].version", 'no version of the report numbered "0.2"'),
    ),
    case(
        "version-draft-as-final-report",
        edit((f"{V}[1].purpose", "final")),
        (f"{V}[1].purpose", 'only version "final" is the final report'),
    ),
    case(
        "version-number-pattern",
        edit((f"{V}[1].number", "1.0")),
        (f"{V}[1].number", "'1.0' does not match"),
    ),
    case(
        "version-meeting-missing",
        edit((f"{V}[1].meeting", "m9")),
        (f"{V}[1].meeting", 'no meeting with key "m9"'),
    ),
    case(
        "version-content-public",
        edit((f"{V}[0].content.audience", "public")),
        (f"{V}[0].content", 'must be "panel"'),
    ),
    case(
        "comment-version-missing",
        edit((f"{C}[0].version", "0.9")),
        (f"{C}[0].version", 'no version of the report numbered "0.9"'),
    ),
    case(
        "comment-paragraph-not-printed",
        edit((f"{C}[1].paragraph", "conclusions-1")),
        (f"{C}[1].paragraph", 'version "0.1" printed no paragraph with key "conclusions-1"'),
    ),
    case(
        "comment-member-missing",
        edit((f"{C}[0].member", "smith")),
        (f"{C}[0].member", 'no panel member with key "smith"'),
    ),
    case(
        "comment-text-blank",
        edit((f"{C}[0].text", " ")),
        (f"{C}[0].text", "must not be empty"),
    ),
    case(
        "consideration-paragraph-not-printed",
        edit((f"{K}[0].paragraph", "conclusions-9")),
        (f"{K}[0].paragraph", 'version "0.2" printed no paragraph with key "conclusions-9"'),
    ),
    case(
        "consideration-meeting-missing",
        edit((f"{K}[0].meeting", "m9")),
        (f"{K}[0].meeting", 'no meeting with key "m9"'),
    ),
    case(
        "consideration-item-of-another-meeting",
        edit((f"{K}[0].item", "responses-report")),
        (f"{K}[0].item", 'meeting "recs" has no item with key "responses-report"'),
    ),
    case(
        "consideration-amendment-when-agreed",
        edit((f"{K}[0].amendment", "Other words")),
        (f"{K}[0].amendment", 'only an amended paragraph has an amendment; this one was "agreed"'),
    ),
    case(
        "consideration-amended-without-words",
        edit((f"{K}[1].amendment", None)),
        (f"{K}[1].amendment", "an amended paragraph needs the words agreed"),
    ),
    case(
        "consideration-outcome-unknown",
        edit((f"{K}[2].outcome", "noted")),
        (f"{K}[2].outcome", '"noted" is not one of "agreed", "amended", "deleted"'),
    ),
    case(
        "response-months-zero",
        edit((f"{R}.response_months", 0)),
        (f"{R}.response_months", "0 is less than the minimum of 1"),
    ),
    case(
        "response-months-too-many",
        edit((f"{R}.response_months", 25)),
        (f"{R}.response_months", "25 is greater than the maximum of 24"),
    ),
    case(
        "response-rejected-but-agreed",
        edit(("review.recommendations[0].response_outcome", "rejected")),
        (
            "review.recommendations[0].response_outcome",
            'a response that rejects the recommendation goes with status "rejected", not "agreed"',
        ),
    ),
    case(
        "response-outcome-unknown",
        edit(("review.recommendations[3].response_outcome", "noted")),
        (
            "review.recommendations[3].response_outcome",
            '"noted" is not one of "accepted", "partly-accepted", "rejected", null',
        ),
    ),
    case(
        "report-unknown-field",
        edit((f"{R}.published", True)),
        (R, 'unknown field "published"'),
    ),
    case(
        "comment-appended-without-member",
        append(
            f"{C}",
            {"version": "0.1", "paragraph": "foreword", "text": "x", "received": "2007-05-20"},
        ),
        (f"{C}[2]", "'member' is missing"),
    ),
    case(
        "version-7-with-a-report",
        whole(_v7_with_report),
        ("review", 'unknown field "report"'),
    ),
]


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) >= 30


def test_the_unchanged_sample_is_accepted(services: Services) -> None:
    """The baseline every case changes is valid: a second copy of the sample imports."""
    review_id = services.reviews.import_bytes(_sample_without_uids())
    assert len(services.reviews.document(review_id).report.versions) == 2


@pytest.mark.parametrize("bad", [c.param() for c in CASES])
def test_a_bad_report_is_refused_and_nothing_is_written(prefilled: Services, bad: Case) -> None:
    assert_refused(prefilled, bad.make(_sample_without_uids()), bad.expect)


def test_a_paragraph_at_an_item_whose_key_is_spaces_is_accepted(services: Services) -> None:
    """ "tor: " names no item unless the terms of reference hold an item keyed " " (a
    key the rules accept), whose findings section the paragraph then stands in."""
    document = json.loads(_sample_without_uids())
    review = document["review"]
    spaced = {"key": " ", "text": "An item keyed by a space", "children": []}
    review["terms_of_reference"].append(spaced)
    review["report"]["paragraphs"][12]["place"] = "tor: "
    review_id = services.reviews.import_bytes(json.dumps(document).encode("utf-8"))
    paragraphs = services.reviews.document(review_id).report.paragraphs
    assert paragraphs[12].place == "tor: "
