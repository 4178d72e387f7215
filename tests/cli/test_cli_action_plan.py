"""`scrutiny-desk export action-plan REVIEW -o FILE.pdf`: public by default (no
drafts), the panel's copy on request, and clear errors with no file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.cli import main

DRAFT = "Safer Schools"  # recommendation 5 of the sample is a draft


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_public_by_default_and_panel_on_request(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, panel = tmp_path / "plan.pdf", tmp_path / "plan-panel.pdf"
    assert main(["--db", db, "export", "action-plan", "1", "-o", str(public)]) == 0
    assert f"Wrote {public}" in capsys.readouterr().err
    assert (
        main(["--db", db, "export", "action-plan", "1", "--audience", "panel", "-o", str(panel)])
        == 0
    )
    text = _text(public)
    assert "ACTION PLAN" in text and "Drugs Scrutiny" in text
    assert "MPS Management Board" in text and "LATEST PROGRESS" in text
    assert DRAFT not in text
    assert DRAFT in _text(panel) and "Draft" in _text(panel)
    assert not list(tmp_path.glob(".*.part"))


def test_errors_are_clear(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.pdf"
    assert main(["--db", db, "export", "action-plan", "99", "-o", str(out)]) == 1
    assert "There is no review with id 99" in capsys.readouterr().err
    assert not out.exists()
    assert (
        main(["--db", db, "export", "action-plan", "1", "-o", str(tmp_path / "no" / "x.pdf")]) == 1
    )
    assert capsys.readouterr().err.startswith("scrutiny-desk: ")
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "export", "action-plan", "1", "--audience", "witness", "-o", str(out)])
    assert usage.value.code == 2
