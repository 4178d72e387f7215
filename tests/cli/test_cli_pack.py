"""`scrutiny-desk export pack MEETING [--audience ...] [--supplementary] -o FILE.pdf`:
the public pack by default, the panel's on request, and clear errors with no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.cli import main

RECS = "7"  # the sample's meeting whose item considers a report


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def test_pack_public_by_default_and_panel_on_request(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, panel = tmp_path / "pack.pdf", tmp_path / "pack-panel.pdf"
    assert main(["--db", db, "export", "pack", RECS, "-o", str(public)]) == 0
    assert f"Wrote {public}" in capsys.readouterr().err
    args = ["--db", db, "export", "pack", RECS, "--audience", "panel", "-o", str(panel)]
    assert main(args) == 0
    for path in (public, panel):
        reader = PdfReader(path)
        pages = len(reader.pages)
        assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
        assert "Purpose of the report" in reader.pages[-2].extract_text()
    assert "PANEL COPY" in PdfReader(panel).pages[0].extract_text()


def test_no_late_reports_and_a_wrong_name_are_errors_with_no_file(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "late.pdf"
    assert main(["--db", db, "export", "pack", RECS, "--supplementary", "-o", str(out)]) == 1
    assert "has no late reports" in capsys.readouterr().err
    docx = tmp_path / "pack.docx"
    assert main(["--db", db, "export", "pack", RECS, "-o", str(docx)]) == 1
    assert "an agenda pack is a PDF" in capsys.readouterr().err
    assert not out.exists() and not docx.exists()
