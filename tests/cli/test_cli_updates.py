"""`scrutiny-desk export updates MEETING -o FOLDER [--ics] [--dry-run]`, and the
warnings `export invite` and `export cancellation` print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from scrutiny_desk.cli import main
from scrutiny_desk.services import codec
from tests.services.test_invitations import review


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    source = tmp_path / "review.json"
    source.write_bytes(codec.encode(review()))
    assert main(["--db", path, "import", str(source)]) == 0
    capsys.readouterr()
    return path


def _id(db: str, what: str, key: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "list", what, "--review", "1", "--json"]) == 0
    return str(next(r["id"] for r in json.loads(capsys.readouterr().out) if r["key"] == key))


def test_dry_run_lists_the_plan_and_writes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = _id(db, "meetings", "ev1", capsys)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", db, "export", "updates", meeting, "-o", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        "Invitation to Cllr Ann Lee <ann@example.org> and Cllr Bob Roy <bob@example.org> "
        "(panel): 2027-03-10 invitation - panel.eml",
        "Invitation to Dee Shah <dee@example.org> (witness): 2027-03-10 invitation - Dee Shah.eml",
        "Invitation to Eve Ng <eve@example.org> (witness): 2027-03-10 invitation - Eve Ng.eml",
    ]
    assert "warning: Cllr Cat Day (panel member) has no e-mail address" in printed.err
    assert "Nothing written (--dry-run): 3 files" in printed.err
    assert list(out.iterdir()) == []
    # Nothing was recorded either: the same plan again.
    assert main(["--db", db, "export", "updates", meeting, "-o", str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out == printed.out


def test_updates_writes_calendar_files_then_has_nothing_more_to_send(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = _id(db, "meetings", "ev1", capsys)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", db, "export", "updates", meeting, "-o", str(out), "--ics"]) == 0
    printed = capsys.readouterr()
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2027-03-10 invitation - Dee Shah.ics",
        "2027-03-10 invitation - Eve Ng.ics",
        "2027-03-10 invitation - panel.ics",
    ]
    assert all(Calendar.from_ical(p.read_bytes())["METHOD"] == "REQUEST" for p in out.iterdir())
    assert f"Wrote 3 files to {out}" in printed.err
    assert main(["--db", db, "export", "updates", meeting, "-o", str(out)]) == 0
    again = capsys.readouterr()
    assert again.out == "" and "as it is now" in again.err
    assert len(list(out.iterdir())) == 3


def test_updates_into_a_missing_folder_exit_1_and_record_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = _id(db, "meetings", "ev1", capsys)
    code = main(["--db", db, "export", "updates", meeting, "-o", str(tmp_path / "missing")])
    err = capsys.readouterr().err
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", db, "export", "updates", meeting, "-o", str(out), "--dry-run"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # still everything to send


def test_invite_and_cancellation_warn_on_stderr(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = _id(db, "meetings", "ev1", capsys)
    assert main(["--db", db, "export", "invite", meeting, "-o", str(tmp_path / "i.ics")]) == 0
    err = capsys.readouterr().err
    assert "Wrote" in err and "warning: Cllr Cat Day (panel member) has no e-mail" in err
    dee = _id(db, "witnesses", "dee", capsys)
    mine = tmp_path / "dee.ics"
    assert main(["--db", db, "export", "invite", meeting, "--witness", dee, "-o", str(mine)]) == 0
    assert "warning" not in capsys.readouterr().err
    code = main(["--db", db, "export", "cancellation", meeting, "--witness", dee, "-o", "x.ics"])
    assert code == 1 and "not cancelled" in capsys.readouterr().err
