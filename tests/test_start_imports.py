"""What starting costs: the modules a start imports, the services it builds, the check
it runs (the timed figures are in ``make bench``: ``tests/bench_start.py``).

Each import test runs a fresh interpreter: in this one, other tests have imported
everything already.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_desk.cli_parser import AUDIENCES
from scrutiny_desk.domain.errors import CorruptDatabaseError
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import clean_close
from scrutiny_desk.store.db import HEAD_REVISION, migration_scripts, open_database

from .fresh_interpreter import modules_after, packages, window_start


def _packages_after(code: str, home: Path) -> set[str]:
    """The top-level packages imported once ``code`` has run in a fresh interpreter."""
    return packages(modules_after(code, home))


HEAVY = ("alembic", "mako", "pygments", "reportlab", "icalendar", "jsonschema", "fastjsonschema")
"""Libraries only some actions need: building or upgrading a database, writing a paper,
reading a review file."""


def test_importing_the_app_imports_no_library_it_does_not_need_yet(tmp_path: Path) -> None:
    loaded = _packages_after("import scrutiny_desk.app", tmp_path)
    assert "PySide6" in loaded  # it did import the app
    assert "sqlalchemy" not in loaded  # the first look shows the first meetings first
    assert loaded.isdisjoint((*HEAVY, "holidays")), loaded & {*HEAVY, "holidays"}


def test_the_window_and_the_services_container_import_no_sqlalchemy(tmp_path: Path) -> None:
    """The store is the services' to open (``Services.open``): the window's modules and
    the container import none of it, so a start could show a window before the store is
    imported (the first look: ``services/first_look.py``)."""
    loaded = _packages_after(
        "import scrutiny_desk.services.container, scrutiny_desk.ui.window.databases",
        tmp_path,
    )
    assert "PySide6" in loaded
    assert "sqlalchemy" not in loaded


@pytest.mark.gui
def test_the_window_starts_on_a_database_without_them(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """The start as ``run_gui`` makes it, up to the meetings of a review on screen.

    (Bank holidays are read once a listed meeting's deadline is worked out, on the
    worker thread: the window itself, shown, needs none.)"""
    db = tmp_path / "clerk.sqlite3"
    shutil.copy(sqlite_template, db)
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    loaded = _packages_after(
        window_start(
            db,
            runtime,
            """
        window = MainWindow(services, Settings())
        window.show()
        app.processEvents()
        assert window.isVisible()
        window.runner.shutdown()
        window.close()
        services.close()
        """,
        ),
        tmp_path,
    )
    assert "PySide6" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_listing_meetings_reads_the_bank_holidays_from_the_cache(
    sqlite_target: str, private_home: Path
) -> None:
    """The Meetings list's deadlines need England's bank holidays: the first time from
    ``holidays`` (which writes the cache), then from the cache without importing it."""
    services = Services.open(sqlite_target)
    services.reviews.import_sample()
    services.close()
    code = f"""
        from datetime import date
        from scrutiny_desk.services.container import Services

        services = Services.open({sqlite_target!r})
        review = services.reviews.list()[0].id
        ids = services.listing.meeting_ids(review)
        listed = services.listing.meetings(ids, date(2026, 12, 7))
        assert listed and all(m.deadline is not None for m in listed), listed
        services.close()
        """
    assert "holidays" in _packages_after(code, private_home)  # no cache yet: made now
    assert "holidays" not in _packages_after(code, private_home)


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_neither_sqlalchemy_nor_the_services(
    flag: str, tmp_path: Path
) -> None:
    loaded = _packages_after(
        f"""
        import contextlib, io
        from scrutiny_desk.__main__ import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main([{flag!r}])
        assert "scrutiny-desk" in out.getvalue(), out.getvalue()
        """,
        tmp_path,
    )
    assert "scrutiny_desk" in loaded
    assert loaded.isdisjoint(("sqlalchemy", "PySide6", *HEAVY)), loaded & {"sqlalchemy", "PySide6"}


def test_the_parser_offers_the_audiences_of_papers() -> None:
    assert list(AUDIENCES) == [Audience.PUBLIC.value, Audience.PANEL.value]


def test_services_are_built_when_first_asked_for(sqlite_target: str) -> None:
    services = Services.open(sqlite_target)
    try:
        assert services.built() == []
        meetings = services.meetings
        assert services.built() == ["meetings"]
        assert services.meetings is meetings  # built once
        assert services.meetings.db is services.db
        assert services.reviews.list() == []
        assert sorted(services.built()) == ["meetings", "reviews"]
    finally:
        services.close()


def test_the_head_revision_is_the_newest_migration() -> None:
    """The constant lets a database at head open without Alembic: it cannot drift."""
    assert migration_scripts().get_current_head() == HEAD_REVISION


def test_the_head_revision_is_read_without_sqlalchemy(tmp_path: Path) -> None:
    """A look at a file's schema before the store is open (and its SQLAlchemy imported)
    compares it with the same constant the store opens it by."""
    from scrutiny_desk.store import schema_head

    assert schema_head.HEAD_REVISION == HEAD_REVISION
    loaded = _packages_after("import scrutiny_desk.store.schema_head", tmp_path)
    assert "sqlalchemy" not in loaded


# The integrity check ------------------------------------------------------------------


def _checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PRAGMAs ``quick_check`` run from now on (on the read-only inspection)."""
    from scrutiny_desk.store import sqlite_files

    ran: list[str] = []
    connect = sqlite_files.connect_read_only

    def traced(path: Path, timeout: float = 2.0) -> sqlite3.Connection:
        con = connect(path, timeout)
        con.set_trace_callback(lambda sql: ran.append(sql) if "quick_check" in sql else None)
        return con

    monkeypatch.setattr(sqlite_files, "connect_read_only", traced)
    return ran


def test_a_file_closed_cleanly_opens_without_the_check(
    sqlite_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(sqlite_target).close()  # the first opening checks; the close is clean
    ran = _checks(monkeypatch)
    open_database(sqlite_target).close()
    assert ran == []


def test_after_an_unclean_shutdown_the_file_is_checked(
    sqlite_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(sqlite_target).close()
    crashed = open_database(sqlite_target)  # never closed: as if the process died
    ran = _checks(monkeypatch)
    open_database(sqlite_target).close()
    assert len(ran) == 1
    crashed.engine.dispose()


def test_a_file_changed_since_its_clean_close_is_checked_and_a_damaged_one_refused(
    sqlite_target: str,
) -> None:
    path = Path(sqlite_target)
    services = Services.open(sqlite_target)
    services.reviews.import_sample()
    services.close()
    assert clean_close.take(path)  # noted at the clean close, as left
    services = Services.open(sqlite_target)
    services.close()
    con = sqlite3.connect(path)  # an index's page overwritten: size and header kept
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchone()[0]
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)
    data = path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(sqlite_target)
    assert path.read_bytes() == data  # refused before anything was written


def test_a_write_ahead_log_left_with_frames_means_a_check(sqlite_target: str) -> None:
    path = Path(sqlite_target)
    open_database(sqlite_target).close()
    Path(f"{path}-wal").write_bytes(b"\x00" * 32)
    assert not clean_close.take(path)


# Leaving at once ----------------------------------------------------------------------


def _program(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SCRUTINY_DESK_HOME=str(home))
    env.pop("SCRUTINY_DESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "scrutiny_desk", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_command_ends_at_once_with_its_output_files_and_database_complete(
    tmp_path: Path, private_home: Path
) -> None:
    """The program leaves without the interpreter's teardown (``__main__._leave``):
    what it printed and wrote is all there, and its database was closed cleanly."""
    home, db = private_home, tmp_path / "clerk.sqlite3"
    assert _program(home, "--db", str(db), "sample").stdout.strip() == "1"
    out = tmp_path / "review.json"
    done = _program(home, "--db", str(db), "export-review", "1", "-o", str(out))
    assert done.returncode == 0 and f"Wrote {out}" in done.stderr
    assert json.loads(out.read_bytes())["review"]["title"]
    listed = _program(home, "--db", str(db), "list", "meetings", "--review", "1", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) > 1
    failed = _program(home, "--db", str(tmp_path), "list", "reviews")
    assert failed.returncode == 1 and "is a folder" in failed.stderr
    assert clean_close.take(db)  # noted in the same cache folder: closed cleanly
