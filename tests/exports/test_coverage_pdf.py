"""The coverage report PDF, read back with pypdf: what the public and the panel
versions show and must not show, the page furniture, gaps, and hostile text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from scrutiny_desk.domain.coverage import CoverageFacts, NoteFact, SourceFact
from scrutiny_desk.domain.records import TorItem
from scrutiny_desk.domain.views import Audience, SourceKind
from scrutiny_desk.exports.coverage_pdf import GAP, PANEL_LINE, PUBLIC_LINE, render_coverage
from scrutiny_desk.services import publishing
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.coverage import CoverageService

NFP = "NOT FOR PUBLICATION"
NOW = datetime(2007, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def sample_pdfs(sqlite_services: Services, read_pdf):  # type: ignore[no-untyped-def]
    review = sqlite_services.reviews.import_sample()
    coverage = CoverageService(sqlite_services.db, clock=lambda: NOW)
    return {
        a: read_pdf(render_coverage(coverage.matrix(review, a)))
        for a in (Audience.PUBLIC, Audience.PANEL)
    }


def test_public_version_counts_only_open_material(sample_pdfs) -> None:  # type: ignore[no-untyped-def]
    public = sample_pdfs[Audience.PUBLIC]
    assert PUBLIC_LINE in public.pages[0]
    assert NFP not in public.text
    assert "Statement from a family affected" not in public.text  # closed evidence
    assert "Service user" not in public.text  # heard only in private
    assert "Senior officer" not in public.text
    assert "10 notes on 14 of 16 terms of reference; 2 have no evidence yet." in public.text
    assert "closed" not in public.text.lower().replace("disclosed", "")
    gaps = public.text.index("TERMS OF REFERENCE WITH NO EVIDENCE YET")
    by_item = public.text.index("SOURCES FOR EACH TERM OF REFERENCE")
    section = public.text[gaps:by_item]
    assert "1.5 Understanding the role and function of the MPA" in section
    assert "2.3 Identifying the intelligence requirements" in section


def test_panel_version_counts_closed_material_and_is_marked(sample_pdfs) -> None:  # type: ignore[no-untyped-def]
    panel = sample_pdfs[Audience.PANEL]
    assert PANEL_LINE in panel.pages[0]
    assert "3 closed notes counted" in panel.pages[0]
    assert all(NFP in page for page in panel.pages)  # every count may include closed notes
    assert "13 notes on 15 of 16 terms of reference; 1 has no evidence yet." in panel.text
    assert "Statement from a family affected by drug activity" in panel.text
    assert "(closed)" in panel.text
    by_item = panel.text[panel.text.index("SOURCES FOR EACH TERM OF REFERENCE") :]
    assert "Service user · Former drug user 1 1 closed" in by_item
    assert "Service user" in panel.text


def test_page_furniture_fonts_and_outline(sample_pdfs) -> None:  # type: ignore[no-untyped-def]
    for paper in sample_pdfs.values():
        total = len(paper.pages)
        assert 3 <= total <= 10
        for number, page in enumerate(paper.pages, start=1):
            assert f"Page {number} of {total}" in page
        assert "Drugs Scrutiny" in paper.pages[0]
        assert "COVERAGE OF THE TERMS OF REFERENCE" in paper.pages[0]
        assert "Generated: Friday 1 June 2007" in paper.pages[0]
        assert all(embedded and "DejaVu" in name for name, embedded in paper.fonts)
        assert paper.lang == "en-GB"
        titles = [t for t, _ in paper.outline]
        assert titles[0] == "Coverage report"
        assert any(t.startswith("1.1 Clarifying the scale") for t in titles)


def test_summary_rows_in_tree_order_with_gap_marked(sample_pdfs) -> None:  # type: ignore[no-untyped-def]
    panel = sample_pdfs[Audience.PANEL]
    summary = panel.text[: panel.text.index("TERMS OF REFERENCE WITH NO EVIDENCE YET")]
    numbers = ["1 ", "1.1 ", "1.5 ", "2 ", "2.4 ", "3 ", "3.4 "]
    positions = [summary.index(n + "Ensure" if "." not in n else n) for n in numbers]
    assert positions == sorted(positions)
    assert summary.count(GAP) == 1
    assert "Covered through its sub-items" in summary


def _facts(text: str, name: str, closed: bool) -> CoverageFacts:
    return CoverageFacts(
        review_title=text,
        body=text,
        terms_of_reference=(TorItem("t", text, (TorItem("u", "Second <i>question</i>"),)),),
        meetings=(SourceFact(SourceKind.MEETING, "m", text, day=date(2007, 1, 1)),),
        witnesses=(SourceFact(SourceKind.WITNESS, "w", name, detail=text),),
        evidence=(SourceFact(SourceKind.EVIDENCE, "e", text, detail=text),),
        notes=(NoteFact(1, ("t",), "m", ("w",), "e", closed),),
        planned=(),
        appearances=(),
    )


def test_hostile_text_is_printed_literally(read_pdf) -> None:  # type: ignore[no-untyped-def]
    hostile = 'Fish & <b>chips</b> </para> "q" \x00\x07 ‮ end ☃ 𝔘'
    name = "Zoë <font size=40>O'Brien</font> & Co"
    view = publishing.coverage_view(_facts(hostile, name, False), Audience.PANEL, NOW)
    paper = read_pdf(render_coverage(view))
    assert "Fish & <b>chips</b> </para>" in paper.text
    assert "Zoë <font size=40>O'Brien</font> & Co" in paper.text
    assert "Second <i>question</i>" in paper.text
    assert NFP not in paper.text  # nothing closed is counted
    assert re.search(r"Page 1 of \d", paper.pages[0])


def test_panel_without_closed_material_has_no_band_and_public_drops_a_closed_note(
    read_pdf,  # type: ignore[no-untyped-def]
) -> None:
    facts = _facts("Plain review", "Ann Witness", True)
    panel = read_pdf(render_coverage(publishing.coverage_view(facts, Audience.PANEL, NOW)))
    assert all(NFP in p for p in panel.pages)
    assert "Ann Witness" in panel.text
    public = read_pdf(render_coverage(publishing.coverage_view(facts, Audience.PUBLIC, NOW)))
    assert NFP not in public.text
    assert "Ann Witness" not in public.text  # seen only in a closed note
    assert "0 notes on 0 of 2 terms of reference" in public.text


def test_an_empty_review_renders(read_pdf) -> None:  # type: ignore[no-untyped-def]
    facts = CoverageFacts("Empty review", None, (), (), (), (), (), (), ())
    paper = read_pdf(render_coverage(publishing.coverage_view(facts, Audience.PUBLIC, NOW)))
    assert "The review has no terms of reference yet." in paper.text
    assert "No meetings." in paper.text


def test_many_sources_and_items_stay_readable(read_pdf) -> None:  # type: ignore[no-untyped-def]
    tor = tuple(
        TorItem(
            f"t{n}", f"Objective {n}", tuple(TorItem(f"t{n}.{c}", f"Q {n}.{c}") for c in range(4))
        )
        for n in range(5)
    )
    leaves = [f"t{n}.{c}" for n in range(5) for c in range(4)]
    facts = CoverageFacts(
        "Big review",
        None,
        tor,
        tuple(
            SourceFact(SourceKind.MEETING, f"m{n}", f"Meeting {n}", day=date(2007, 1, 1 + n % 28))
            for n in range(40)
        ),
        tuple(SourceFact(SourceKind.WITNESS, f"w{n}", f"Witness {n}") for n in range(40)),
        tuple(SourceFact(SourceKind.EVIDENCE, f"e{n}", f"Paper {n}") for n in range(20)),
        tuple(
            NoteFact(n, (leaves[n % 20],), f"m{n % 40}", (f"w{n % 40}",), f"e{n % 20}", False)
            for n in range(5000)
        ),
        (),
        (),
    )
    paper = read_pdf(render_coverage(publishing.coverage_view(facts, Audience.PUBLIC, NOW)))
    assert "5,000 notes on 25 of 25 terms of reference; none is a gap." in paper.text
    assert "Witness 39" in paper.text and "Paper 19" in paper.text


def test_long_terms_of_reference_wrap_and_are_never_cut(read_pdf) -> None:  # type: ignore[no-untyped-def]
    long = (
        "To review the assessment of need for drug treatment services across every "
        "borough, including the commissioning arrangements, the pathways between arrest "
        "referral and treatment, the waiting times experienced by offenders and the "
        "monitoring of outcomes by the partnership"
    )
    facts = _facts(long, "Ann Witness", False)
    paper = read_pdf(render_coverage(publishing.coverage_view(facts, Audience.PUBLIC, NOW)))
    start = paper.text.index("SUMMARY")
    summary = paper.text[start : paper.text.index("TERMS OF REFERENCE WITH NO EVIDENCE YET")]
    assert long in summary  # whole, in order, each word whole
    assert "Meetings 1 · Witnesses 1 · Evidence 1" in summary  # where the notes came from
