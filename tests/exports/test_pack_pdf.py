"""The agenda pack: page numbers on every page, the agenda's page references, the
bookmarks, the public pack's closed items, the supplementary pack's numbering, and
reports refused by name (exports/pack_pdf.py, exports/pdf_reports.py)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfWriter

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.domain.records import EvidenceFile
from scrutiny_desk.domain.views import Audience, ReportView
from scrutiny_desk.exports.pack_pdf import render_pack
from scrutiny_desk.exports.paper_text import PaperText
from scrutiny_desk.exports.pdf_reports import check_pdf

from .report_pdfs import broken_pdf, damaged_pdf, encrypted_pdf, landscape_pdf, report_pdf

CREATED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def pdf(name: str, data: bytes) -> EvidenceFile:
    return EvidenceFile(name, "application/pdf", data)


@pytest.fixture
def meeting(make_view, make_item):
    """Three items: two open ones with reports (one landscape, one rotated), a closed
    one with a report, and a late report on the first."""
    items = (
        make_item(
            1,
            "Bus punctuality",
            reports=(
                ReportView("r-alpha", "Alpha report"),
                ReportView("r-late", "Late figures", late=True),
                ReportView("r-beta", "Beta report"),
            ),
        ),
        make_item(2, "Rural routes", reports=(ReportView("r-gamma", "Gamma report"),)),
        make_item(
            3,
            "Contract negotiations",
            closed=True,
            exemption="3",
            reports=(ReportView("r-delta", "Delta report"),),
        ),
    )
    files = {
        "r-alpha": pdf("alpha.pdf", report_pdf("ALPHA", 3, bookmarks=True)),
        "r-beta": pdf("beta.pdf", landscape_pdf("BETA", 2)),
        "r-gamma": pdf("gamma.pdf", report_pdf("GAMMA", 1, rotate=90)),
        "r-delta": pdf("delta.pdf", report_pdf("DELTA", 2)),
        "r-late": pdf("late.pdf", report_pdf("LATE", 2)),
    }
    return make_view(items=items), files


def references(agenda_text: str, titles: list[str]) -> dict[str, int]:
    """Report title -> the page the agenda says it starts on (those it gives one)."""
    found = {}
    for title in titles:
        pattern = re.escape(title) + r" – (?:page (\d+)|pages (\d+) to \d+)"
        match = re.search(pattern, agenda_text)
        if match:
            found[title] = int(match.group(1) or match.group(2))
    return found


TITLES = ["Alpha report", "Beta report", "Gamma report", "Delta report", "Late figures"]


def test_every_page_is_numbered_through_the_appended_reports(meeting, read_pdf):
    view, files = meeting
    pack = render_pack(view, files, created=CREATED)
    paper = read_pdf(pack.data)
    agenda_pages = len(paper.pages) - 8  # 3 + 2 + 1 + 2 report pages
    assert pack.pages == len(paper.pages) == agenda_pages + 8
    assert pack.reports == 4
    for number, text in enumerate(paper.pages, start=1):
        assert f"Page {number} of {pack.pages}" in text, number
        assert len(re.findall(r"Page \d+ of \d+", text)) == 1, text
    # Each report's pages in order, right after the agenda, landscape and rotated too.
    order = [f"ALPHA page {n}" for n in (1, 2, 3)] + ["BETA page 1", "BETA page 2"]
    order += ["GAMMA page 1", "DELTA page 1", "DELTA page 2"]
    for offset, marker in enumerate(order, start=agenda_pages + 1):
        assert paper.pages_with(marker) == {offset}, marker
    assert "LATE page" not in paper.text


def test_the_agenda_names_the_page_each_report_starts_on(meeting, read_pdf):
    view, files = meeting
    paper = read_pdf(render_pack(view, files, created=CREATED).data)
    agenda = " ".join(p for p in paper.pages if "ALPHA page" not in p)
    said = references(agenda, TITLES)
    assert set(said) == {"Alpha report", "Beta report", "Gamma report", "Delta report"}
    for title, marker in (
        ("Alpha report", "ALPHA page 1"),
        ("Beta report", "BETA page 1"),
        ("Gamma report", "GAMMA page 1"),
        ("Delta report", "DELTA page 1"),
    ):
        assert paper.pages_with(marker) == {said[title]}, title
    assert "Late figures – to follow in the supplementary pack" in paper.text


def test_references_stay_right_when_the_agenda_runs_to_more_pages(make_view, make_item, read_pdf):
    items = tuple(
        make_item(n, f"Item number {n}", reports=(ReportView(f"r{n}", f"Paper {n}"),))
        for n in range(1, 41)
    )
    files = {f"r{n}": pdf(f"r{n}.pdf", report_pdf(f"PAPER{n}X", 1 + n % 3)) for n in range(1, 41)}
    pack = render_pack(make_view(items=items), files, created=CREATED)
    paper = read_pdf(pack.data)
    said = references(" ".join(paper.pages[:6]), [f"Paper {n}" for n in range(1, 41)])
    assert len(said) == 40
    first_report = min(said.values())
    assert first_report > 3  # the agenda took several pages, and the numbers allow for it
    for n in range(1, 41):
        assert paper.pages_with(f"PAPER{n}X page 1") == {said[f"Paper {n}"]}
    assert f"Page {pack.pages} of {pack.pages}" in paper.pages[-1]


def test_bookmarks_for_every_item_and_report_open_their_pages(meeting, read_pdf):
    view, files = meeting
    paper = read_pdf(render_pack(view, files, created=CREATED).data)
    outline = paper.outline
    titles = [t for t, _ in outline]
    for number, title in ((1, "Bus punctuality"), (2, "Rural routes")):
        assert f"{number}. {title}" in titles
    assert "3. Contract negotiations" in titles
    pages = dict(outline)
    for title, marker in (
        ("Alpha report", "ALPHA page 1"),
        ("Beta report", "BETA page 1"),
        ("Gamma report", "GAMMA page 1"),
        ("Delta report", "DELTA page 1"),
    ):
        assert paper.pages_with(marker) == {pages[title]}, title
    # A report's bookmark sits under its item's.
    nested = paper.reader.outline
    flat = []

    def walk(entries, parent):
        last = None
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, last)
            else:
                flat.append((str(entry.title), parent))
                last = str(entry.title)

    walk(nested, None)
    assert ("Alpha report", "1. Bus punctuality") in flat
    # The report's own bookmarks, under its own, open its pages in the pack.
    for n in (1, 2, 3):
        assert (f"ALPHA section {n}", "Alpha report") in flat
        assert paper.pages_with(f"ALPHA page {n}") == {pages[f"ALPHA section {n}"]}
    assert ("Delta report", "3. Contract negotiations") in flat


def test_title_language_and_outline_shown(meeting, read_pdf):
    view, files = meeting
    paper = read_pdf(render_pack(view, files, created=CREATED).data)
    assert paper.reader.metadata.title == "Agenda pack: Evidence session"
    assert paper.lang == "en-GB"
    assert paper.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_public_pack_says_closed_items_reports_are_not_for_publication(
    meeting, make_item, read_pdf
):
    view, files = meeting
    # What publishing gives the public: a closed item with no reports.
    closed = make_item(3, "Exempt item", closed=True, exemption="3")
    public = view.__class__(**{**view.__dict__, "audience": Audience.PUBLIC})
    public = public.__class__(**{**public.__dict__, "items": (*view.items[:2], closed)})
    paper = read_pdf(render_pack(public, files, created=CREATED).data)
    assert "Any reports for this item are not for publication." in paper.text
    assert "DELTA" not in paper.text and "Delta report" not in paper.text
    assert "ALPHA page 1" in paper.text


def test_supplementary_pack_numbers_on_from_the_main_pack(meeting, read_pdf):
    view, files = meeting
    main = render_pack(view, files, created=CREATED)
    supplementary = render_pack(view, files, created=CREATED, supplementary=True)
    paper = read_pdf(supplementary.data)
    assert supplementary.first_page == main.pages + 1
    last = main.pages + supplementary.pages
    for number, text in enumerate(paper.pages, start=main.pages + 1):
        assert f"Page {number} of {last}" in text
    start = references(paper.pages[0], TITLES)["Late figures"]
    assert paper.pages_with("LATE page 1") == {start - main.pages}
    assert start == main.pages + 2  # after its one-page cover
    assert "ALPHA page" not in paper.text
    assert dict(paper.outline)["Late figures"] == start - main.pages
    # The main pack is the same with the late report or without it.
    without = view.__class__(
        **{
            **view.__dict__,
            "items": (
                view.items[0].__class__(
                    **{
                        **view.items[0].__dict__,
                        "reports": tuple(r for r in view.items[0].reports if not r.late),
                    }
                ),
                *view.items[1:],
            ),
        }
    )
    assert render_pack(without, files, created=CREATED).pages == main.pages


def test_no_late_reports_no_supplementary_pack(make_view, make_item):
    view = make_view(items=(make_item(1, "Only", reports=(ReportView("r", "R"),)),))
    with pytest.raises(ExportError, match="no late reports"):
        render_pack(view, {"r": pdf("r.pdf", report_pdf("R"))}, supplementary=True)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"Dear panel, please find attached", "is not a PDF file"),
        (damaged_pdf("D"), "is damaged"),
        (broken_pdf("B"), "is damaged"),
        (encrypted_pdf("E"), "is protected by a password or encrypted"),
    ],
)
def test_a_report_that_is_no_readable_pdf_is_refused_by_name(meeting, data, why):
    view, files = meeting
    files = {**files, "r-gamma": pdf("gamma-figures.pdf", data)}
    with pytest.raises(ExportError) as raised:
        render_pack(view, files)
    message = str(raised.value)
    assert 'The report "Gamma report" (item 2)' in message
    assert f"gamma-figures.pdf {why}" in message


def test_a_report_without_its_file_is_refused(meeting):
    view, files = meeting
    files = {k: v for k, v in files.items() if k != "r-beta"}
    with pytest.raises(ExportError, match='"Beta report" \\(item 1\\) has no file'):
        render_pack(view, files)


def test_check_pdf_counts_pages_and_refuses_an_empty_document():
    assert check_pdf("a.pdf", report_pdf("A", 4)) == 4
    empty = io.BytesIO()
    PdfWriter().write(empty)
    with pytest.raises(ValueError, match=r"empty\.pdf has no pages"):
        check_pdf("empty.pdf", empty.getvalue())


def test_stamps_are_translated(meeting, read_pdf):
    view, files = meeting
    text = PaperText(PaperLanguage.WELSH)
    pack = render_pack(view, files, created=CREATED, text=text)
    paper = read_pdf(pack.data)
    stamp = text("Page {number} of {total}", number=pack.pages, total=pack.pages)
    assert stamp in paper.pages[-1]
    assert paper.lang == "cy"


def test_panel_pack_marks_every_page_of_a_closed_items_report(meeting, read_pdf):
    view, files = meeting
    paper = read_pdf(render_pack(view, files, created=CREATED).data)
    closed = paper.pages_with("DELTA page")
    assert len(closed) == 2
    assert closed <= paper.pages_with("NOT FOR PUBLICATION")
    for marker in ("ALPHA page", "BETA page", "GAMMA page"):
        assert not paper.pages_with(marker) & paper.pages_with("NOT FOR PUBLICATION")
