"""The review's report as Word, read back with python-docx: the sample's introduction,
numbered paragraphs with their citations, recommendations in bold where they arise,
the appendices as tables with a header row, and the canary."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import docx
import pytest

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.docx_paper import render_paper
from scrutiny_desk.exports.paper_content_report import report_paper
from scrutiny_desk.exports.paper_text import ENGLISH

from .report_views import (
    BACKGROUND,
    BUILT_CLOSED,
    CLOSED_EVIDENCE_TITLE,
    CLOSED_NOTE_TEXT,
    built,
    sample,
)

MADE = datetime(2007, 5, 31, 12, tzinfo=UTC)


def _read(audience: Audience) -> Any:
    data = render_paper(report_paper(built(audience), ENGLISH), MADE)
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def public() -> Any:
    return _read(Audience.PUBLIC)


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    parts += [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def test_the_sample_reads_back_in_words_own_styles(public: Any) -> None:
    styled = [(p.style.name, p.text) for p in public.paragraphs]
    assert ("Title", "Drugs Scrutiny: report of the scrutiny panel") in styled
    chapters = [t for s, t in styled if s == "Heading 1"]
    assert chapters[:3] == ["Foreword", "Summary", "1. Introduction"]
    assert chapters[3].startswith("2. Ensure the MPS has a consistent")
    assert chapters[-5:] == [
        "Recommendations",
        "Appendix A: Membership of the panel",
        "Appendix B: Witnesses heard",
        "Appendix C: Evidence received",
        "Appendix D: Abbreviations",
    ]
    text = "\n".join(t for _, t in styled)
    assert BACKGROUND in text
    assert "2.2 The borough returns showed the scale of level 1 activity. [E1]" in text
    review = sample()
    bullets = [t for s, t in styled if s.startswith("List Bullet")]
    nested = [t for s, t in styled if s == "List Bullet 2"]
    assert len(nested) == 13 and nested[0].startswith("1.1 Clarifying the scale")
    for n, item in enumerate(review.terms_of_reference, start=1):
        for m, child in enumerate(item.children, start=1):
            assert any(f"{n}.{m} {child.text[:40]}" in b for b in bullets)
    assert sum(1 for e in review.exclusions if any(e.text[:40] in b for b in bullets)) == 5
    assert sum(1 for i in review.interfaces if any(i.name in b for b in bullets)) == 8


def test_recommendations_are_bold_where_they_arise_and_listed(public: Any) -> None:
    arising = [p for p in public.paragraphs if p.text.startswith("Recommendation 1: ")]
    assert len(arising) == 2  # after paragraph 2.2, and in the list
    assert arising[0].style.name == "Important"
    assert "Lead: MPS Management Board" in arising[0].text
    texts = [p.text for p in public.paragraphs]
    assert (
        texts.index(arising[0].text)
        == texts.index(next(t for t in texts if t.startswith("2.2 The borough"))) + 1
    )
    assert any("Timeframe: 31 March 2008 · (paragraph 2.2)" in t for t in texts)


def test_appendices_are_tables_with_a_header_row(public: Any) -> None:
    heads = [[c.text for c in t.rows[0].cells] for t in public.tables]
    assert ["Ref.", "Title", "Kind", "Source", "Received"] in heads
    evidence = next(
        t for t in public.tables if t.rows[0].cells[0].text == "Ref." and len(t.columns) == 5
    )
    rows = [[c.text for c in r.cells] for r in evidence.rows[1:]]
    assert rows[0][:2] == ["E1", "Borough questionnaire returns on local drug priorities"]
    witnesses = _all_text(public)
    assert "Director of Drugs Strategy" in witnesses and "Head of Drugs Casework" in witnesses


def test_the_canary_closed_material_never_reaches_the_public_report(public: Any) -> None:
    text = _all_text(public)
    for secret in (BUILT_CLOSED, CLOSED_NOTE_TEXT, CLOSED_EVIDENCE_TITLE, "Service user"):
        assert secret not in text
    assert "[E2; evidence heard in private]" in text
    assert "NOT FOR PUBLICATION" not in text
    panel = _all_text(_read(Audience.PANEL))
    assert BUILT_CLOSED in panel and CLOSED_EVIDENCE_TITLE in panel
    assert "Closed – not for publication" in panel and "NOT FOR PUBLICATION" in panel
