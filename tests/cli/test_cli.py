"""The command line, run in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_then_list_meetings_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite3")
    code, out, _ = run(capsys, "--db", db, "sample")
    assert (code, out) == (0, "1\n")
    code, out, _ = run(capsys, "--db", db, "list", "meetings", "--review", "1", "--json")
    assert code == 0
    meetings = json.loads(out)
    assert len(meetings) == 8
    first = meetings[0]
    assert {"id", "key", "title", "start", "end", "status"} <= set(first)
    assert first["start"] == "2006-11-20T14:00"
    code, out, _ = run(capsys, "--db", db, "list", "reviews", "--json")
    assert json.loads(out)[0] == {
        "id": 1,
        "key": None,
        "title": "Drugs Scrutiny",
        "body": "Metropolitan Police Authority",
        "status": "reporting",
        "meetings": 8,
    }
    code, out, _ = run(capsys, "--db", db, "list", "witnesses", "--review", "1", "--json")
    witnesses = json.loads(out)
    assert all({"id", "key", "title"} <= set(w) for w in witnesses)
    assert len(witnesses) == 8


def test_plain_listing_is_a_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite3")
    run(capsys, "--db", db, "sample")
    code, out, _ = run(capsys, "--db", db, "list", "meetings", "--review", "1")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["ID", "KEY", "START"]
    assert len(lines) == 9


def test_export_import_export_is_identical(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first_db, second_db = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    run(capsys, "--db", first_db, "sample")
    assert (
        run(capsys, "--db", first_db, "export-review", "1", "-o", str(tmp_path / "one.json"))[0]
        == 0
    )
    code, out, _ = run(capsys, "--db", second_db, "import", str(tmp_path / "one.json"))
    assert (code, out) == (0, "1\n")
    run(capsys, "--db", second_db, "export-review", "1", "-o", str(tmp_path / "two.json"))
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_db_from_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRUTINY_DESK_DB", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "sample")[0] == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_default_database_lives_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    assert run(capsys, "sample")[0] == 0
    assert (private_home / "data" / "scrutiny-desk.sqlite3").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "meetings"),
        ("export-review", "1"),
        ("frobnicate",),
        ("list", "meetings", "--review", "one"),
        ("list", "meetings", "--review", "0"),
    ],
)
def test_wrong_usage_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "x.sqlite3"), *args])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (("list", "meetings", "--review", "7"), "no review with id 7"),
        (("export-review", "7", "-o", "out.json"), "no review with id 7"),
        (("import", "missing.json"), "missing.json: no such file"),
    ],
)
def test_bad_input_exits_1_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), *args)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_export_to_missing_folder_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "x.sqlite3")
    run(capsys, "--db", db, "sample")
    code, _, err = run(
        capsys, "--db", db, "export-review", "1", "-o", str(tmp_path / "nowhere" / "r.json")
    )
    assert code == 1 and "does not exist" in err


def test_unusable_database_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    code, _, err = run(capsys, "--db", str(bad), "list", "reviews")
    assert code == 1 and "not a Scrutiny Desk database" in err
    assert bad.read_text() == "not a database"


def test_real_subprocess_prints_only_the_id(tmp_path: Path) -> None:
    env = {**os.environ, "SCRUTINY_DESK_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "scrutiny_desk", "--db", str(tmp_path / "s.sqlite3"), "sample"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "1\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrutiny_desk",
            "--db",
            str(tmp_path / "s.sqlite3"),
            "import",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
