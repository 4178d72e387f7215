"""`scrutiny-desk programme-folder REVIEW [FOLDER | --off]`: say, set (writing the public
programme at once) and stop; a folder that cannot take it is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from scrutiny_desk.cli import main


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def test_set_say_and_stop(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "programme-folder", "1"]) == 0
    assert capsys.readouterr().out == "none\n"

    folder = tmp_path / "share"
    folder.mkdir()
    assert main(["--db", db, "programme-folder", "1", str(folder)]) == 0
    written = folder / "Drugs Scrutiny - programme.ics"
    assert f"Wrote {written}" in capsys.readouterr().err
    calendar = Calendar.from_ical(written.read_bytes())
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert len(calendar.walk("VEVENT")) == 8
    assert b"Evidence from a former drug user" not in written.read_bytes()  # public only

    assert main(["--db", db, "programme-folder", "1"]) == 0
    assert capsys.readouterr().out == f"{folder}\n"

    assert main(["--db", db, "programme-folder", "1", "--off"]) == 0
    assert "no longer published" in capsys.readouterr().err
    assert main(["--db", db, "programme-folder", "1"]) == 0
    assert capsys.readouterr().out == "none\n"
    assert written.exists()  # the last programme stays where subscribers find it


def test_a_missing_folder_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "programme-folder", "1", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "folder:" in err and "does not exist" in err
    assert main(["--db", db, "programme-folder", "1"]) == 0
    assert capsys.readouterr().out == "none\n"


def test_folder_and_off_together_is_a_usage_error(db: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", db, "programme-folder", "1", str(tmp_path), "--off"])
    assert caught.value.code == 2
