"""Tagged PDFs (WeasyPrint's PDF/UA-1 variant) checked with pikepdf, pdfinfo and
pdffonts: a structure tree whose headings are in order and whose tables have header
cells, every page's content marked, the language and title set, the fonts embedded.
No PDF/UA validator runs here: tagged and checked, not certified."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience, MeetingView
from scrutiny_desk.exports.paper_content_agenda import agenda_paper
from scrutiny_desk.exports.paper_content_minutes import minutes_paper
from scrutiny_desk.exports.paper_content_review import action_plan_paper
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText
from scrutiny_desk.exports.tagged_pdf import render_pdf
from scrutiny_desk.services import publishing
from tests.exports.conftest import _sample

CREATED = datetime(2027, 1, 11, 9, 30, tzinfo=UTC)
SampleView = Callable[[str, Audience], MeetingView]
_OPEN: list[pikepdf.Pdf] = []


@pytest.fixture(autouse=True)
def _close_pdfs() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under ``node``, depth first in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def children(node: pikepdf.Dictionary) -> list[str]:
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [str(k.S) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def check_tagged(data: bytes, title: str, lang: str) -> list[pikepdf.Dictionary]:
    """The checks every tagged paper passes; its structure elements (``_OPEN`` keeps the
    PDF they belong to open)."""
    pdf = pikepdf.open(io.BytesIO(data))
    _OPEN.append(pdf)
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == lang
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"
    tree = list(elements(root.StructTreeRoot))
    assert tree
    # Every page's content is marked: each has marked-content ids the tree points to.
    for number, page in enumerate(pdf.pages, start=1):
        ids = [
            operands[1].get("/MCID")
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
        ]
        assert [i for i in ids if i is not None], f"page {number} has no marked content"
    # Headings: one H1, first, and no level skipped.
    levels = [int(str(e.S)[2:]) for e in tree if re.fullmatch(r"/H\d", str(e.S))]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in pairwise(levels):
        assert after <= before + 1, levels
    # Tables: rows of header cells, the first row under THead all TH.
    for table in (e for e in tree if str(e.S) == "/Table"):
        rows = [e for e in elements(table) if str(e.S) == "/TR"]
        assert rows and set(children(rows[0])) == {"/TH"}
    return tree


def pdf_tool(tool: str, path: Path) -> str:
    return subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout


def test_agenda_is_tagged_with_its_structure(sample_view: SampleView, tmp_path: Path) -> None:
    view = sample_view("ev3", Audience.PUBLIC)
    data = render_pdf(agenda_paper(view, ENGLISH), CREATED)
    tree = check_tagged(data, f"Agenda: {view.title}", "en-GB")
    tags = [str(e.S) for e in tree]
    assert {"/H1", "/H2", "/H3", "/H4", "/P", "/L", "/LI"} <= set(tags)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "Part 2 – items not open to the press and public" in text
    assert "Evidence from a former drug user" not in text  # the public view's
    path = tmp_path / "agenda.pdf"
    path.write_bytes(data)
    if shutil.which("pdfinfo"):
        info = pdf_tool("pdfinfo", path)
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)
    if shutil.which("pdffonts"):
        fonts = pdf_tool("pdffonts", path).splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb


def test_page_numbers_in_the_footer(sample_view: SampleView) -> None:
    view = sample_view("ev4", Audience.PANEL)
    data = render_pdf(minutes_paper(view, ENGLISH), CREATED)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page.extract_text()
    check_tagged(data, f"Minutes: {view.title}", "en-GB")


def test_action_plan_table_has_header_cells() -> None:
    view = publishing.action_plan_view(_sample(), Audience.PUBLIC, date(2008, 6, 1))
    data = render_pdf(action_plan_paper(view, ENGLISH), CREATED)
    tree = check_tagged(data, "Action plan: Drugs Scrutiny", "en-GB")
    # WeasyPrint tags a table that runs on to the next page as one table per page, each
    # with its header row repeated.
    tables = [e for e in tree if str(e.S) == "/Table"]
    assert tables
    assert "/Caption" in [str(e.S) for e in elements(tables[0])]
    rows = []
    for table in tables:
        tags = [str(e.S) for e in elements(table)]
        assert "/THead" in tags and "/TBody" in tags
        body = next(e for e in elements(table) if str(e.S) == "/TBody")
        rows += [e for e in elements(body) if str(e.S) == "/TR"]
    assert len(rows) == len(view.recommendations)
    assert all(children(r)[0] == "/TH" for r in rows)  # the number heads its row


def test_bilingual_paper_says_so(make_view: Callable[..., MeetingView]) -> None:
    view = make_view(audience=Audience.PUBLIC, title_cy="Sesiwn dystiolaeth")
    data = render_pdf(agenda_paper(view, PaperText(PaperLanguage.BILINGUAL)), CREATED)
    check_tagged(data, "Agenda: Sesiwn dystiolaeth / Evidence session", "cy")
    # WeasyPrint 70 gives the document its /Lang but not each English span its own: the
    # HTML marks them (test_html_paper).
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Sesiwn dystiolaeth / Evidence session" in text


def test_the_checks_catch_an_untagged_pdf(sample_view: SampleView) -> None:
    """reportlab's PDFs are untagged: the checks refuse them."""
    from scrutiny_desk.exports.agenda_pdf import render_agenda

    view = sample_view("ev3", Audience.PUBLIC)
    with pytest.raises((AssertionError, AttributeError, KeyError)):
        check_tagged(render_agenda(view), f"Agenda: {view.title}", "en-GB")
