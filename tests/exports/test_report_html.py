"""The review's report as accessible HTML (and, drawn from it, its tagged PDF): headings
in order (h1 title, h2 chapters, h3 sections), lists as lists, appendices as tables
with caption and header cells, recommendations as strong notices, and the canary."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pikepdf
import pytest

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.html_paper import render_html
from scrutiny_desk.exports.paper_content_report import report_paper
from scrutiny_desk.exports.paper_text import ENGLISH
from scrutiny_desk.exports.tagged_pdf import render_pdf

from .conftest import Paper
from .html_read import Element, check_accessible_structure, headings
from .report_views import (
    BACKGROUND,
    BUILT_CLOSED,
    CLOSED_EVIDENCE_TITLE,
    CLOSED_NOTE_TEXT,
    built,
    sample,
)

MADE = datetime(2007, 5, 31, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(report_paper(built(Audience.PUBLIC), ENGLISH))


@pytest.fixture(scope="module")
def root(html: str) -> Element:
    return check_accessible_structure(html)


def test_headings_run_in_order(root: Element) -> None:
    found = headings(root)
    assert found[0] == (1, "Drugs Scrutiny: report of the scrutiny panel")
    chapters = [t for level, t in found if level == 2]
    assert chapters[2] == "1. Introduction" and chapters[-1] == "Appendix D: Abbreviations"
    review = sample()
    for n, item in enumerate(review.terms_of_reference, start=2):
        assert chapters[n + 1] == f"{n}. {' '.join(item.text.split())}"
        sections = [t for level, t in found if level == 3]
        assert all(" ".join(c.text.split()) in sections for c in item.children)
    assert (3, "Background") in found and (3, "Approach") in found


def test_lists_are_lists_and_appendices_tables(root: Element) -> None:
    items = [" ".join(li.text.split()) for li in root.iter("li")]
    review = sample()
    for n, item in enumerate(review.terms_of_reference, start=1):
        for m, child in enumerate(item.children, start=1):
            assert any(i.startswith(f"{n}.{m} {child.text[:30]}") for i in items)
    assert sum(1 for i in review.interfaces if any(i.name in x for x in items)) == 8
    objectives = next(u for u in root.iter("ul") if "1.1 Clarifying" in u.text)
    top = [li for li in objectives.children if isinstance(li, Element)]
    assert len(top) == 3  # each objective's sub-items nested in its own item
    assert [len(list(li.find("ul").iter("li"))) for li in top] == [5, 4, 4]
    captions = [t.find("caption").text for t in root.iter("table")]
    assert captions == [
        "Membership of the panel",
        "Oral evidence sessions",
        "Evidence received",
        "Abbreviations",
    ]
    evidence = list(root.iter("table"))[2]
    first = next(evidence.find("tbody").iter("tr"))
    assert [" ".join(c.text.split()) for c in first.iter("th", "td")][:2] == [
        "E1",
        "Borough questionnaire returns on local drug priorities",
    ]


def test_paragraphs_are_numbered_and_recommendations_strong(root: Element, html: str) -> None:
    paragraphs = [" ".join(p.text.split()) for p in root.iter("p")]
    assert any(BACKGROUND in p for p in paragraphs)
    assert (
        "3.3 Families described the effect of enforcement on them. [E2; evidence heard in private]"
        in paragraphs
    )
    notices = [p for p in root.iter("p") if p.attrs.get("class") == "recommendation"]
    assert notices and all(n.children and n.children[0].tag == "strong" for n in notices)  # type: ignore[union-attr]
    assert notices[0].text.startswith("Recommendation 1: The MPS should adopt")


def test_the_canary_in_html_and_its_tagged_pdf(html: str) -> None:
    for secret in (BUILT_CLOSED, CLOSED_NOTE_TEXT, CLOSED_EVIDENCE_TITLE, "Service user"):
        assert secret not in html
    assert "NOT FOR PUBLICATION" not in html
    pdf = render_pdf(report_paper(built(Audience.PUBLIC), ENGLISH), MADE)
    text = Paper(pdf).text
    assert "evidence heard in private" in text and BUILT_CLOSED not in text
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == "en-GB"
        assert "/StructTreeRoot" in document.Root
    panel = render_html(report_paper(built(Audience.PANEL), ENGLISH))
    assert BUILT_CLOSED in panel and "Closed – not for publication" in panel
