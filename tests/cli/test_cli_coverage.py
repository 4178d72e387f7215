"""`scrutiny-desk export coverage REVIEW [--audience ...] -o FILE.pdf`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.cli import main


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
    public, panel = tmp_path / "public.pdf", tmp_path / "panel.pdf"
    assert main(["--db", db, "export", "coverage", "1", "-o", str(public)]) == 0
    assert f"Wrote {public}" in capsys.readouterr().err
    assert (
        main(["--db", db, "export", "coverage", "1", "--audience", "panel", "-o", str(panel)]) == 0
    )
    public_text, panel_text = _text(public), _text(panel)
    assert "Public version: counts only open material" in public_text
    assert "NOT FOR PUBLICATION" not in public_text
    assert "Statement from a family affected" not in public_text
    assert "10 notes on 14 of 16 terms of reference" in public_text
    assert "NOT FOR PUBLICATION" in panel_text
    assert "13 notes on 15 of 16 terms of reference" in panel_text
    assert not list(tmp_path.glob(".*.part"))


def test_unknown_review_fails_cleanly(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["--db", db, "export", "coverage", "7", "-o", str(out)]) == 1
    assert "There is no review with id 7" in capsys.readouterr().err
    assert not out.exists()


def test_unwritable_folder_fails_cleanly(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    assert main(["--db", db, "export", "coverage", "1", "-o", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["export", "coverage", "1"],  # no -o
        ["export", "coverage", "0", "-o", "x.pdf"],
        ["export", "coverage", "1", "--audience", "witness", "-o", "x.pdf"],
    ],
)
def test_usage_errors_exit_2(db: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, *args])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err
