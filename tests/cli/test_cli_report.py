"""`scrutiny-desk export report REVIEW [--audience] [--version] -o FILE.pdf|FILE.docx|FOLDER`:
the format by the name, public by default, a clear message and exit 1 on refusal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.cli import main
from scrutiny_desk.domain.records import ReportParagraph
from scrutiny_desk.services import codec
from tests.exports.report_views import with_report


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_pdf_word_and_folder_by_the_name(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("report.pdf", "report.docx", "web"):
        out = tmp_path / name
        assert main(["--db", db, "export", "report", "1", "-o", str(out)]) == 0
        assert f"Wrote {out}" in capsys.readouterr().err
    text = _text(tmp_path / "report.pdf")
    assert "MPA Drugs Scrutiny: final report" in text and "Working draft" in text
    assert "Appendix C: Evidence received" in text
    assert (tmp_path / "report.docx").stat().st_size > 10_000
    assert sorted(p.name for p in (tmp_path / "web").iterdir()) == ["report.html", "report.pdf"]
    panel = tmp_path / "panel.pdf"
    assert main(["--db", db, "export", "report", "1", "--audience", "panel", "-o", str(panel)]) == 0
    assert "Working draft" in _text(panel)


def test_errors_are_clear(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.txt"
    assert main(["--db", db, "export", "report", "1", "-o", str(out)]) == 1
    assert ".pdf, .docx or into a folder" in capsys.readouterr().err
    pdf = tmp_path / "r.pdf"
    assert main(["--db", db, "export", "report", "1", "--version", "0.4", "-o", str(pdf)]) == 1
    assert 'the report has no version "0.4"' in capsys.readouterr().err
    assert main(["--db", db, "export", "report", "99", "-o", str(pdf)]) == 1
    assert "There is no review with id 99" in capsys.readouterr().err
    assert not out.exists() and not pdf.exists()
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "export", "report", "1", "--audience", "witness", "-o", str(pdf)])
    assert usage.value.code == 2


def test_a_public_report_quoting_closed_material_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Needs the report stored with the review (store/review_insert.py, documents.py)."""
    review = with_report()
    quoting = ReportParagraph(
        "quoting",
        "tor:practice",
        "The family made repeated calls about a neighbouring crack house before any "
        "action was taken.",
    )
    report = replace(review.report, paragraphs=(*review.report.paragraphs, quoting))
    source = tmp_path / "review.json"
    source.write_bytes(codec.encode(replace(review, report=report)))
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "import", str(source)]) == 0
    capsys.readouterr()
    out = tmp_path / "r.pdf"
    assert main(["--db", db, "export", "report", "1", "-o", str(out)]) == 1
    said = capsys.readouterr().err
    assert "The public report cannot be written" in said and "quotes a closed note" in said
    assert not out.exists()
    assert main(["--db", db, "export", "report", "1", "--audience", "panel", "-o", str(out)]) == 0


def test_the_shipped_samples_report_both_audiences_and_a_version(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample's own report (written from the seed page): its background, findings
    in terms-of-reference order, the closed paragraph only in the panel's copy."""
    from scrutiny_desk.domain.enums import Access
    from tests.exports.report_views import sample

    from .report_text import docx_text

    report = sample().report
    closed = next(p for p in report.paragraphs if p.access is Access.CLOSED)
    background = next(p for p in report.paragraphs if p.place == "background")
    written = {}
    for audience in ("public", "panel"):
        for ext in ("pdf", "docx"):
            out = tmp_path / f"{audience}.{ext}"
            args = ["--db", db, "export", "report", "1", "--audience", audience, "-o", str(out)]
            assert main(args) == 0
            written[audience, ext] = _text(out) if ext == "pdf" else docx_text(out)
    for (audience, ext), text in written.items():
        flat = " ".join(text.split())
        assert " ".join(background.text.split())[:60] in flat, (audience, ext)
        assert (" ".join(closed.text.split())[:50] in flat) == (audience == "panel"), (
            audience,
            ext,
        )
        if audience == "public":
            assert "evidence heard in private" in flat and "NOT FOR PUBLICATION" not in flat
    version = tmp_path / "v.pdf"
    args = ["--db", db, "export", "report", "1", "--version", "0.2", "-o", str(version)]
    assert main(args) == 0
    assert "Draft 0.2 – for consideration by the panel" in _text(version)
