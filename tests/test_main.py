"""The entry point as a windowed Windows program starts it, with ``sys.stdout`` and
``sys.stderr`` set to None: each path returns its exit status without an exception and
failures still reach the log. And ``--verbose``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutiny_desk import cli, logs
from scrutiny_desk.__main__ import main
from scrutiny_desk.cli_parser import build_parser, window_options

from .fresh_interpreter import last_line_after

TERMS = "1. How well the service works\n2. What it costs\n"


@pytest.fixture(autouse=True)
def log_undone() -> Iterator[None]:
    yield
    logs.reset()


def windowed(argv: list[str]) -> int:
    """``main(argv)`` as a windowed program runs it, with no stdout and no stderr; the
    streams it puts in their place are closed afterwards."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = None  # type: ignore[assignment]
    try:
        return main(argv)
    finally:
        made = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = saved
        for stream in made:
            if stream is not None and stream not in saved:
                stream.close()


def log_text(home: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    path = home / "logs" / "scrutiny-desk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def terms_file(tmp_path: Path) -> Path:
    path = tmp_path / "terms.txt"
    path.write_text(TERMS, encoding="utf-8")
    return path


def test_help_without_streams_returns_0() -> None:
    assert windowed(["--help"]) == 0


def test_version_without_streams_returns_0() -> None:
    assert windowed(["--version"]) == 0


def test_wrong_usage_without_streams_returns_2() -> None:
    assert windowed(["export", "agenda"]) == 2


def test_parse_tor_without_streams_returns_0(tmp_path: Path) -> None:
    # It wrote its outline with sys.stdout.write: an AttributeError on None before.
    assert windowed(["parse-tor", str(terms_file(tmp_path))]) == 0


def test_a_refused_command_without_streams_returns_1_and_is_logged(
    private_home: Path, tmp_path: Path
) -> None:
    assert windowed(["import", str(tmp_path / "missing.json")]) == 1
    text = log_text(private_home)
    assert "WARNING scrutiny_desk.cli: Command refused: " in text
    assert "ValidationError" in text and "in import_file" in text


def test_a_bug_in_a_command_without_streams_returns_1_and_is_logged(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.HANDLERS, "sample", broken)
    assert windowed(["sample"]) == 1
    text = log_text(private_home)
    assert "ERROR scrutiny_desk.cli: Command sample failed: RuntimeError" in text
    assert "Traceback (most recent call last):" in text and "in broken" in text


def test_verbose_puts_info_lines_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--verbose", "parse-tor", str(terms_file(tmp_path))]) == 0
    out, err = capsys.readouterr()
    assert "How well the service works" in out
    assert " INFO scrutiny_desk.logs: Scrutiny Desk " in err
    assert " DEBUG scrutiny_desk.logs: Logging to " in err


def test_without_verbose_stderr_has_no_log_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    assert main(["parse-tor", str(terms_file(tmp_path))]) == 0
    out, err = capsys.readouterr()
    assert "How well the service works" in out
    assert err == ""
    assert " INFO scrutiny_desk.logs: Scrutiny Desk " in log_text(private_home)


@pytest.mark.parametrize(
    ("args", "db", "verbose"),
    [
        ([], None, False),
        (["--db", "x.sqlite3"], "x.sqlite3", False),
        (["--verbose", "--db=y"], "y", True),
    ],
)
def test_a_start_of_the_window_is_parsed_without_the_commands(
    args: list[str], db: str | None, verbose: bool
) -> None:
    found = window_options(args)
    assert found is not None
    assert (found.db, found.verbose, found.command) == (db, verbose, None)
    # the whole command line reads them the same
    whole = build_parser().parse_args(args)
    assert (whole.db, whole.verbose, whole.command) == (db, verbose, None)


@pytest.mark.parametrize(
    "args",
    [["sample"], ["--help"], ["-h"], ["--version"], ["--db"], ["--ver"], ["--bogus"], ["x"]],
)
def test_anything_else_is_left_to_the_whole_command_line(args: list[str]) -> None:
    """A command, help, the version and every mistake: ``--ver`` is ambiguous there
    (--verbose, --version), so the window's options take no abbreviations."""
    assert window_options(args) is None


def test_the_window_s_start_builds_no_command(tmp_path: Path) -> None:
    """``__main__`` starts the window on its two options alone: the commands' parsers
    are neither built nor their modules imported."""
    found = json.loads(
        last_line_after(
            """
            import json, sys
            import scrutiny_desk.app
            scrutiny_desk.app.run_gui = lambda db: 0 if db == "given.sqlite3" else 3
            from scrutiny_desk.__main__ import main
            from scrutiny_desk.cli_parser import build_parser
            status = main(["--db", "given.sqlite3"])
            print(json.dumps([status, build_parser.cache_info().currsize,
                              "scrutiny_desk.cli_audit" in sys.modules]))
            """,
            tmp_path,
        )
    )
    assert found == [0, 0, False]
