"""`scrutiny-desk parse-tor FILE.txt [--json]`: the tree paste-to-tree would make."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_desk.cli import main

SEED = Path("/work/shared/seed/drugs-scrutiny-seed.txt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_output_is_indented_with_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "tor.txt"
    source.write_text("1. Scope\n   a) drugs\n   b) alcohol\n2. Method\n", encoding="utf-8")
    code, out, err = run(capsys, "parse-tor", str(source))
    assert (code, err) == (0, "")
    assert out == "1 Scope\n  1.1 drugs\n  1.2 alcohol\n2 Method\n"


def test_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "tor.txt"
    source.write_bytes("\ufeff• Café\n    ◦ naïve\n".encode())
    code, out, _ = run(capsys, "parse-tor", str(source), "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "number": "1",
            "text": "Café",
            "children": [{"number": "1.1", "text": "naïve", "children": []}],
        }
    ]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not on this machine")
def test_seed_section_gives_three_objectives_and_thirteen_sub_items(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8")
    source = tmp_path / "tor.txt"
    source.write_text(
        text[text.index("Terms of reference\n") : text.index("Key exclusions")], encoding="utf-8"
    )
    code, out, _ = run(capsys, "parse-tor", str(source), "--json")
    tree = json.loads(out)
    assert code == 0
    assert [len(t["children"]) for t in tree] == [5, 4, 4]
    assert tree[2]["children"][3]["number"] == "3.4"


def test_empty_file_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("", encoding="utf-8")
    assert run(capsys, "parse-tor", str(source)) == (0, "", "")
    assert run(capsys, "parse-tor", str(source), "--json") == (0, "[]\n", "")


def test_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "parse-tor", str(tmp_path / "nope.txt"))
    assert (code, out) == (1, "")
    assert "cannot read" in err and "nope.txt" in err and "Traceback" not in err


def test_a_folder_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "parse-tor", str(tmp_path))
    assert code == 1 and "cannot read" in err


def test_non_utf8_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(b"\x95 Caf\xe9 society\n")
    code, out, err = run(capsys, "parse-tor", str(source))
    assert (code, out) == (1, "")
    assert "is not UTF-8 text (byte 1 " in err


def test_needs_no_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "tor.txt"
    source.write_text("- one\n", encoding="utf-8")
    db = tmp_path / "never.sqlite3"
    assert run(capsys, "--db", str(db), "parse-tor", str(source))[0] == 0
    assert not db.exists()


def test_standard_input_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrutiny_desk", "parse-tor", "-", "--json"],
        input=b"(a) one\n(b) two\n",
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert [t["text"] for t in json.loads(done.stdout)] == ["one", "two"]
