"""The review's report as a print PDF (reportlab), read back with pypdf: the sample's
introduction from the seed page, findings in terms-of-reference order, numbered
paragraphs and their citations, recommendations where they arise and in their list,
the appendices, the contents' page numbers, and the canary (closed material never in
the public report)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.report_pdf import render_report

from .conftest import Paper
from .report_views import (
    BACKGROUND,
    BUILT_CLOSED,
    CLOSED_EVIDENCE,
    CLOSED_EVIDENCE_TITLE,
    CLOSED_NOTE,
    CLOSED_NOTE_TEXT,
    CLOSED_PARAGRAPH,
    CLOSED_WITNESS,
    built,
    panel_view,
    public_view,
    sample,
)

MADE = datetime(2007, 5, 31, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def public() -> Paper:
    return Paper(render_report(built(Audience.PUBLIC), MADE))


@pytest.fixture(scope="module")
def panel() -> Paper:
    return Paper(render_report(built(Audience.PANEL), MADE))


def _in_order(text: str, needles: list[str]) -> bool:
    at = [text.find(n) for n in needles]
    return all(a >= 0 for a in at) and at == sorted(at)


def test_the_introduction_carries_the_seed_pages_content(public: Paper) -> None:
    review = sample()
    text = public.text
    assert BACKGROUND in text
    top = review.terms_of_reference
    assert len(top) == 3 and sum(len(t.children) for t in top) == 13
    for n, item in enumerate(top, start=1):
        assert item.text[:50] in text
        for m, child in enumerate(item.children, start=1):
            assert f"{n}.{m} {child.text[:40]}" in text
    assert len(review.exclusions) == 5
    for exclusion in review.exclusions:
        assert " ".join(exclusion.text.split())[:60] in text
    assert len(review.interfaces) == 8
    for interface in review.interfaces:
        assert interface.name in text
    for milestone in review.milestones:
        assert milestone.title in text


def test_findings_follow_the_terms_of_reference_and_paragraphs_are_numbered(
    public: Paper,
) -> None:
    text = public.text
    chapters = [f"{n}. {t.text[:30]}" for n, t in enumerate(sample().terms_of_reference, 2)]
    assert _in_order(text, ["1. Introduction", *chapters, "5. Conclusions", "Recommendations"])
    assert "1.1 The Metropolitan Police Authority (MPA)" in text
    assert "2.2 The borough returns showed the scale of level 1 activity. [E1]" in text
    # the closed paragraph 3.2 leaves a gap in the public report's numbering
    assert "3.1 Response findings." in text and "3.3 Families described" in text
    assert not re.search(r"\b3\.2 ", text.split("3. Ensure")[-1].split("4. Ensure")[0])


def test_recommendations_arise_in_bold_and_are_listed_with_lead_timeframe_and_paragraphs(
    public: Paper,
) -> None:
    text = public.text
    assert _in_order(text, ["2.2 The borough returns", "Recommendation 1: The MPS should adopt"])
    listed = text.split("Recommendations")[-1]
    for rec in sample().recommendations:
        if rec.key == "r5":  # a draft: not in the public report
            assert rec.text[:30] not in listed
            continue
        assert rec.text[:40] in listed
        if rec.lead:
            assert f"Lead: {rec.lead}" in text
    assert "Timeframe: 31 March 2008" in text
    assert "(paragraph 2.2)" in listed and "(paragraph 3.3)" in listed


def test_appendices_list_the_witnesses_and_evidence(public: Paper) -> None:
    appendices = public.text.split("Appendix A: Membership of the panel")[-1]
    assert "Richard Sumray Chair" in appendices
    assert "Director of Drugs Strategy" in appendices and "Head of Drugs Casework" in appendices
    for ref, title in (("E1", "Borough questionnaire returns"), ("E2", "Forensics in drug")):
        assert f"{ref} {title}" in appendices
    assert "Research summary: drug markets and communities" in appendices
    assert "SOCA Serious and Organised Crime Agency" in appendices
    assert "Fauzia Ashraf-Malik" in appendices


def test_the_contents_give_the_pages_the_chapters_start_on(public: Paper) -> None:
    """pdftotext (poppler) reads the contents in order: each title, then its page."""
    read = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=public.data, capture_output=True
    )
    contents = " ".join(read.stdout.decode().split())
    assert "Contents Foreword . . ." in contents
    for title in ("1. Introduction", "Recommendations", "Appendix C: Evidence received"):
        found = re.search(re.escape(title) + r"[ .]+(\d+) ", contents)
        assert found, title
        page = int(found.group(1))
        assert title in public.pages[page - 1], (title, page)
    assert 8 <= len(public.pages) <= 30
    assert [t for t, _ in public.outline][:2] == ["Contents", "Foreword"]


def test_the_canary_closed_material_never_reaches_the_public_report(
    public: Paper, panel: Paper
) -> None:
    for secret in (BUILT_CLOSED, CLOSED_NOTE_TEXT, CLOSED_EVIDENCE_TITLE, "Service user"):
        assert secret not in public.text
    assert "[E2; evidence heard in private]" in public.text
    assert "NOT FOR PUBLICATION" not in public.text
    # the panel's copy holds it all, marked
    assert BUILT_CLOSED in panel.text and CLOSED_EVIDENCE_TITLE in panel.text
    assert "Closed – not for publication 3.2 CANARYBUILT" in panel.text
    assert "[E3 (closed), E2]" in panel.text
    assert "PANEL COPY – contains closed material: NOT FOR PUBLICATION" in panel.pages[0]
    closed_page = next(n for n, page in enumerate(panel.pages) if BUILT_CLOSED in page)
    assert "NOT FOR PUBLICATION" in panel.pages[closed_page]


def test_a_hand_made_view_prints_what_it_holds_and_nothing_else(
    read_pdf: Callable[[bytes], Paper],
) -> None:
    panel = read_pdf(render_report(panel_view(), MADE))
    public = read_pdf(render_report(public_view(), MADE))
    for secret in (CLOSED_PARAGRAPH, CLOSED_NOTE, CLOSED_EVIDENCE, CLOSED_WITNESS):
        assert secret in panel.text
        assert secret not in public.text
    assert "[E4; evidence heard in private]" in public.text
    assert "DRAFT 0.2 – FOR COMMENT" in public.pages[3]
    final = read_pdf(render_report(replace(public_view(), version="final"), MADE))
    assert "Final report" in final.pages[0] and "DRAFT" not in final.text


def test_the_same_view_at_the_same_moment_gives_the_same_bytes() -> None:
    view = built(Audience.PUBLIC)
    assert render_report(view, MADE) == render_report(view, MADE)
