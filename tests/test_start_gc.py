"""The start's garbage collections: held off while it imports, then its objects frozen
(``start_gc``); and what opening a SQLite file leaves unimported.

The subprocess tests run a fresh interpreter: in this one the start has happened.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scrutiny_desk.cli_parser import build_parser
from scrutiny_desk.start_gc import collections_paused


@pytest.fixture
def collections_restored() -> Iterator[None]:
    """Whatever a test does to the collector, this process gets it back as it was."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()


def _fresh(code: str, home: Path) -> Any:
    """What ``code`` prints as JSON on its last line, run in a fresh interpreter."""
    env = dict(os.environ, SCRUTINY_DESK_HOME=str(home))
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.usefixtures("collections_restored")
def test_a_pause_holds_collections_off_then_freezes_what_it_made() -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    with collections_paused():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)


@pytest.mark.usefixtures("collections_restored")
def test_a_pause_inside_another_leaves_them_to_it() -> None:
    gc.disable()
    frozen = gc.get_freeze_count()
    with collections_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # whoever turned them off turns them on
    assert gc.get_freeze_count() == frozen


@pytest.mark.usefixtures("collections_restored")
def test_a_failed_start_still_resumes_collections() -> None:
    gc.enable()
    with pytest.raises(ImportError), collections_paused():
        raise ImportError("no such module")
    assert gc.isenabled()


def test_opening_the_services_leaves_collections_on_and_the_store_frozen(
    tmp_path: Path,
) -> None:
    """The container imports the store when it opens a database (its own import is
    light: ``test_start_imports``): that import is the start's heavy part."""
    found = _fresh(
        f"""
        import gc, json, sys
        from scrutiny_desk.services.container import Services
        services = Services.open({str(tmp_path / "gc.sqlite3")!r})
        print(json.dumps({{"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}}))
        services.close()
        """,
        tmp_path,
    )
    assert found["enabled"] is True
    assert found["frozen"] > 10_000  # SQLAlchemy's objects, the mapping's


def test_a_command_runs_with_collections_on_and_the_start_frozen(tmp_path: Path) -> None:
    """The program's start pauses them (``__main__``, as the program: no ``argv``);
    the command itself runs with them (its own long work pauses them where it
    chooses)."""
    db = tmp_path / "clerk.sqlite3"
    found = _fresh(
        f"""
        import gc, json, sys
        from scrutiny_desk.__main__ import main

        def handler(services, args):
            print(json.dumps({{"on": gc.isenabled(), "frozen": gc.get_freeze_count()}}))
            return 0

        sys.argv = ["scrutiny-desk", "--db", {str(db)!r}, "sample"]
        from scrutiny_desk import cli
        cli.HANDLERS["sample"] = handler
        main()  # ends the process
        """,
        tmp_path,
    )
    assert found["on"] is True
    assert found["frozen"] > 10_000


def test_opening_a_sqlite_file_imports_nothing_of_postgresql(tmp_path: Path) -> None:
    db = tmp_path / "clerk.sqlite3"
    code = f"""
        import json, sys
        from scrutiny_desk.services.container import Services

        services = Services.open({str(db)!r})
        services.reviews.list()
        services.close()
        print(json.dumps(sorted(
            m for m in sys.modules if m.endswith("pg_roles") or "postgresql" in m
        )))
        """
    _fresh(code, tmp_path)  # made now (by Alembic, which imports every dialect)
    assert _fresh(code, tmp_path) == []


def test_the_command_line_is_built_once() -> None:
    """``__main__`` and ``cli.main`` parse the same parser; parsing leaves it as it was."""
    parser = build_parser()
    assert build_parser() is parser
    first = parser.parse_args(["--db", "a.sqlite3", "export-review", "3", "-o", "a.json"])
    second = parser.parse_args(["list", "reviews"])
    assert (first.command, first.review, first.db) == ("export-review", 3, "a.sqlite3")
    assert (second.command, second.what, second.db) == ("list", "reviews", None)


@pytest.mark.usefixtures("collections_restored")
def test_a_pause_without_freezing_leaves_what_it_made_to_the_collector() -> None:
    """A whole review read or written (``services/reviews.py``): its objects are garbage
    once it ends, so they are not frozen."""
    gc.enable()
    frozen = gc.get_freeze_count()
    with collections_paused(freeze=False):
        made = [[] for _ in range(1000)]
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    del made
