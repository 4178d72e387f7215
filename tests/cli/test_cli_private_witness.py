"""`scrutiny-desk export` of a public paper that names a witness who asked to give
evidence in private: the file is written, and stderr names the witness."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny_desk.cli import main
from scrutiny_desk.services.container import Services


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, int]:
    """The sample, with "soca" (Senior officer, heard in private) on an open item of
    the recommendations meeting; and that meeting's id."""
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    services = Services.open(path)
    try:
        item = services.agenda.find(1, "recs-findings")
        services.agenda.set_item_witnesses(item.id, item.version, ["soca"])
        return path, services.meeting_edits.find(1, "recs").id
    finally:
        services.close()


@pytest.mark.parametrize("paper", ["agenda", "minutes"])
def test_a_public_paper_naming_a_private_witness_warns_on_stderr(
    db: tuple[str, int], paper: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, recs = db
    out = tmp_path / f"{paper}.pdf"
    assert main(["--db", path, "export", paper, str(recs), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.is_file() and f"Wrote {out}" in err
    assert (
        f"scrutiny-desk: warning: {out.name} names to the public Senior officer, who asked "
        "to give evidence in private" in err
    )

    panel = tmp_path / f"{paper}-panel.pdf"
    args = ["--db", path, "export", paper, str(recs), "--audience", "panel", "-o", str(panel)]
    assert main(args) == 0
    assert "warning" not in capsys.readouterr().err


def test_the_public_programme_names_no_private_witness(
    db: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Calendar entries show public titles only (the review's setting, on by default):
    the programme leaves the witness out, so there is nothing to warn about (issue 14)."""
    path, _recs = db
    out = tmp_path / "programme.ics"
    assert main(["--db", path, "export", "calendar", "1", "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    unfolded = out.read_bytes().replace(b"\r\n ", b"")
    assert b"Senior officer" not in unfolded and b"emerging findings" in unfolded
