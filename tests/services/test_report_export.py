"""Exporting the review's report (``ExportService.report``): the format by the name
given, the working draft or a frozen version, the public report refused while an open
paragraph quotes closed material, and the canary through every format.

The last two read the report's paragraphs back from the database: they pass once the
review's report is stored and loaded (store/documents.py, store/review_insert.py)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.enums import Access, ReportPurpose
from scrutiny_desk.domain.errors import ExportError, ValidationError
from scrutiny_desk.domain.records import ReportParagraph
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.publishing import report_view
from scrutiny_desk.services.report_exports import refusal
from scrutiny_desk.services.report_outline import build_report
from scrutiny_desk.services.report_versions import ReportVersionService
from tests.exports.report_views import (
    BUILT_CLOSED,
    CLOSED_EVIDENCE_TITLE,
    CLOSED_NOTE_TEXT,
    sample,
    with_report,
)

NOW = datetime(2007, 6, 1, 9, tzinfo=UTC)
#: an open paragraph quoting the closed note n10 word for word
QUOTING = ReportParagraph(
    "quoting",
    "tor:practice",
    "We heard that the family made repeated calls about a neighbouring crack house "
    "before any action was taken.",
)


@pytest.fixture
def services(sqlite_services: Services) -> Services:
    sqlite_services.exports.clock = lambda: NOW
    return sqlite_services


def _import(services: Services, *extra: ReportParagraph) -> int:
    review = with_report()
    report = replace(review.report, paragraphs=(*review.report.paragraphs, *extra))
    return services.reviews.import_bytes(codec.encode(replace(review, report=report)))


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_format_follows_the_name(services: Services, tmp_path: Path) -> None:
    review_id = _import(services)
    pdf = services.exports.report(review_id, tmp_path / "r.pdf", audience=Audience.PUBLIC)
    word = services.exports.report(review_id, tmp_path / "r.docx", audience=Audience.PUBLIC)
    folder = services.exports.report(review_id, tmp_path / "web", audience=Audience.PUBLIC)
    review = sample()
    for text in (_pdf_text(pdf), _docx_text(word)):
        assert "Working draft" in text
        for item in review.terms_of_reference:
            assert " ".join(item.children[0].text.split())[:40] in text
        assert all(i.name in text for i in review.interfaces)
        assert "Lead: MPS Management Board" in text
        assert "Borough questionnaire returns on local drug priorities" in text
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.pdf"]
    assert '<h1 id="report">Drugs Scrutiny: report of the scrutiny panel</h1>' in (
        folder / "report.html"
    ).read_text(encoding="utf-8")
    assert PdfReader(folder / "report.pdf").pages
    assert not list(tmp_path.glob(".*part*"))


def test_bad_targets_and_audiences_are_refused_writing_nothing(
    services: Services, tmp_path: Path
) -> None:
    review_id = _import(services)
    with pytest.raises(ExportError, match=r"\.pdf, \.docx or into a folder"):
        services.exports.report(review_id, tmp_path / "r.txt", audience=Audience.PUBLIC)
    with pytest.raises(ExportError, match="public or the panel"):
        services.exports.report(review_id, tmp_path / "r.pdf", audience=Audience.WITNESS)
    with pytest.raises(ExportError, match="does not exist"):
        services.exports.report(review_id, tmp_path / "no" / "r.pdf", audience=Audience.PUBLIC)
    assert not list(tmp_path.glob("r.*")) and not (tmp_path / "no").exists()


def test_a_frozen_version_prints_as_it_was_made(services: Services, tmp_path: Path) -> None:
    review_id = _import(services)
    versions = ReportVersionService(services.db)
    versions.make(review_id, ReportPurpose.COMMENT, now=NOW)
    out = services.exports.report(
        review_id, tmp_path / "v.pdf", audience=Audience.PANEL, version="0.1"
    )
    text = _pdf_text(out)
    assert "Draft 0.1 – for comment" in text and "Friday 1 June 2007" in text
    with pytest.raises(ValidationError, match=r'no version "0\.2"'):
        services.exports.report(
            review_id, tmp_path / "x.pdf", audience=Audience.PANEL, version="0.2"
        )


def test_the_refusal_names_each_paragraph_and_what_it_quotes() -> None:
    review = with_report()
    quoting = replace(
        review, report=replace(review.report, paragraphs=(*review.report.paragraphs, QUOTING))
    )
    panel = build_report(quoting, made=date(2007, 5, 31))
    why = refusal(quoting, panel, None)
    assert why is not None
    assert why.startswith("The public report cannot be written: in the working draft, ")
    assert 'paragraph 3.4 quotes a closed note ("' in why and "repeated calls" in why
    assert why.endswith("reword each or mark it closed")
    assert refusal(review, build_report(review, made=date(2007, 5, 31)), None) is None
    # a frozen version is checked against the closed material held now
    frozen = report_view(panel, Audience.PANEL)
    assert "version 0.3" in (refusal(review, frozen, "0.3") or "")
    closed = replace(QUOTING, access=Access.CLOSED)
    resolved = replace(
        review, report=replace(review.report, paragraphs=(*review.report.paragraphs, closed))
    )
    assert refusal(resolved, build_report(resolved, made=date(2007, 5, 31)), None) is None


def test_a_frozen_version_quoting_its_own_closed_paragraph_is_refused_for_the_public() -> None:
    """The version's closed paragraphs count as closed material, even when the working
    draft no longer holds them."""
    review = with_report()
    words = "the borough commander said privately that the raids were planned too late"
    secret = ReportParagraph("secret", "tor:practice", words.capitalize() + ".", Access.CLOSED)
    echo = ReportParagraph("echo", "tor:practice", f"We were told that {words}.")
    made = replace(
        review, report=replace(review.report, paragraphs=(*review.report.paragraphs, secret, echo))
    )
    frozen = build_report(made, made=date(2007, 5, 31), version="0.1")
    why = refusal(review, frozen, "0.1") or ""
    assert "version 0.1" in why and "quotes a closed paragraph" in why


def test_the_public_export_is_refused_while_a_paragraph_quotes_closed_material(
    services: Services, tmp_path: Path
) -> None:
    review_id = _import(services, QUOTING)
    with pytest.raises(ExportError, match=r"paragraph 3\.\d quotes a closed note"):
        services.exports.report(review_id, tmp_path / "r.pdf", audience=Audience.PUBLIC)
    assert not (tmp_path / "r.pdf").exists()
    panel = services.exports.report(review_id, tmp_path / "p.pdf", audience=Audience.PANEL)
    assert "repeated calls about a neighbouring" in _pdf_text(panel)


def test_the_canary_never_reaches_any_public_format(services: Services, tmp_path: Path) -> None:
    review_id = _import(services)
    pdf = services.exports.report(review_id, tmp_path / "r.pdf", audience=Audience.PUBLIC)
    word = services.exports.report(review_id, tmp_path / "r.docx", audience=Audience.PUBLIC)
    folder = services.exports.report(review_id, tmp_path / "web", audience=Audience.PUBLIC)
    texts = {
        "pdf": _pdf_text(pdf),
        "docx": _docx_text(word),
        "html": (folder / "report.html").read_text(encoding="utf-8"),
        "tagged": _pdf_text(folder / "report.pdf"),
    }
    for name, text in texts.items():
        assert "evidence heard in private" in text, name
        for secret in (BUILT_CLOSED, CLOSED_NOTE_TEXT, CLOSED_EVIDENCE_TITLE):
            assert secret not in text, (name, secret)
    panel = services.exports.report(review_id, tmp_path / "p.pdf", audience=Audience.PANEL)
    assert BUILT_CLOSED in _pdf_text(panel)
