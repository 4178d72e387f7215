"""A start from a first look (``services.first_look``), as a clerk starts the app, in
a fresh interpreter: the first meetings are shown with SQLAlchemy refused until then,
the store opens after them, and quitting while it opens leaves the file as the next
start needs it for a first look again. The fallbacks take the usual path (the store
opened before the window)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.services.first_look import FirstLookServices
from scrutiny_desk.store import clean_close, sqlite_files
from scrutiny_desk.store import first_look as first_look_store
from scrutiny_desk.store.db import open_database
from scrutiny_desk.ui.window.databases import _open_first

from .database_session import (
    SessionFactory,
    make_session_fixture,  # noqa: F401 (a fixture)
    review_titles,
)

pytestmark = pytest.mark.gui

#: The child: the app started by ``main`` on ``--db``, SQLAlchemy refused until the
#: Meetings page shows rows; then it quits ("quit") or lets the store open and waits
#: for it and for the warm-up ("open").
CHILD = r"""
import json, sys, threading

class Refuse:
    allowed = False
    refused = []

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if not cls.allowed and name.partition(".")[0] == "sqlalchemy":
            cls.refused.append([name, threading.current_thread().name])
            raise ImportError(f"SQLAlchemy refused before the first meetings: {name}")
        return None

sys.meta_path.insert(0, Refuse)

from scrutiny_desk.__main__ import main
from scrutiny_desk.app import application
from scrutiny_desk.services.first_look import FirstLookServices
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

mode, db = sys.argv[1], sys.argv[2]
found = {}
may_open = FirstLookServices.may_open


def shown(services):
    # the window says its first meetings are shown: the store may be imported
    app = QApplication.instance()
    [window] = [w for w in app.topLevelWidgets() if hasattr(w, "meetings_page")]
    found["visible"] = window.isVisible()
    found["rows"] = window.meetings_page.model.rowCount()
    found["services"] = type(window.services).__name__
    found["sqlalchemy"] = "sqlalchemy" in sys.modules
    Refuse.allowed = True
    may_open(services)
    if mode == "quit":
        app.quit()  # before the store has opened (it opens and closes, or never opens)
    else:
        QTimer.singleShot(0, lambda: opened(window))


FirstLookServices.may_open = shown


def opened(window):
    warm = window.warm_up
    if window.services.pending or (warm is not None and not warm.done):
        QTimer.singleShot(5, lambda: opened(window))
        return
    found["store"] = type(window.services.db).__name__
    found["rows_after"] = window.meetings_page.model.rowCount()
    QApplication.instance().quit()


found["status"] = main(["--db", db])
found["refused"] = Refuse.refused
print(json.dumps(found))
"""


def _start(mode: str, db: Path, tmp_path: Path) -> dict[str, object]:
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _meetings(db: Path, review_id: int) -> int:
    with sqlite3.connect(db) as con:
        [(n,)] = con.execute("SELECT count(*) FROM meetings WHERE review_id = ?", (review_id,))
    con.close()
    return int(n)


def _left_cleanly(db: Path) -> None:
    open_database(str(db)).close()
    assert clean_close.as_left(db)


def _no_wal(db: Path) -> bool:
    wal = db.with_name(db.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def test_the_first_meetings_show_before_sqlalchemy_then_the_store_opens(
    sqlite_target: str, sample_id: int, tmp_path: Path
) -> None:
    db = Path(sqlite_target)
    _left_cleanly(db)
    found = _start("open", db, tmp_path)
    assert found["refused"] == []
    assert found["services"] == "FirstLookServices" and found["sqlalchemy"] is False
    assert found["visible"] is True
    assert found["rows"] == found["rows_after"] == _meetings(db, sample_id) > 0
    assert found["store"] == "Database" and found["status"] == 0
    assert clean_close.as_left(db) and _no_wal(db)  # closed cleanly, as ever


def test_quitting_while_the_store_opens_closes_cleanly(
    sqlite_target: str, sample_id: int, tmp_path: Path
) -> None:
    db = Path(sqlite_target)
    _left_cleanly(db)
    found = _start("quit", db, tmp_path)
    assert found["refused"] == [] and found["status"] == 0
    assert found["services"] == "FirstLookServices" and found["rows"]
    assert clean_close.as_left(db) and _no_wal(db)  # the next start takes the first look


def test_a_file_left_cleanly_starts_from_a_first_look(
    make_session: SessionFactory, sqlite_target: str, sample_id: int
) -> None:
    _left_cleanly(Path(sqlite_target))
    session = make_session(sqlite_target)
    assert isinstance(session.services, FirstLookServices)
    assert session.window is not None and session.window.meetings_page.model.rowCount() > 0


def test_a_change_made_before_the_store_opens_is_read_again(
    make_session: SessionFactory, sqlite_target: str, sample_id: int, qtbot: QtBot
) -> None:
    """Another program renames the review between the first look and the opening:
    once the store is open the window reads every topic again (its live updates)."""
    _left_cleanly(Path(sqlite_target))
    session = make_session(sqlite_target)
    services, window = session.services, session.window
    assert isinstance(services, FirstLookServices) and window is not None
    [before] = review_titles(window)
    with sqlite3.connect(sqlite_target) as con:
        con.execute("UPDATE reviews SET title = 'Renamed elsewhere' WHERE id = ?", (sample_id,))
    con.close()
    assert review_titles(window) == [before]
    qtbot.waitUntil(lambda: not services.pending, timeout=10_000)
    qtbot.waitUntil(lambda: review_titles(window) == ["Renamed elsewhere"], timeout=10_000)


@pytest.mark.parametrize(
    "fallback", ["not_closed_cleanly", "upgrade_marker", "old_schema", "read_only", "url"]
)
def test_each_fallback_opens_the_store_before_the_window(
    sqlite_target: str, sample_id: int, fallback: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Path(sqlite_target)
    _left_cleanly(db)
    target = sqlite_target
    if fallback == "not_closed_cleanly":
        clean_close.forget(db)
    elif fallback == "upgrade_marker":
        sqlite_files.write_upgrade_marker(db, str(db) + ".bak", "0001")
    elif fallback == "old_schema":
        with sqlite3.connect(db) as con:
            con.execute("UPDATE alembic_version SET version_num = 'unknown'")
        con.close()
        clean_close.remember(db)
    elif fallback == "read_only":
        monkeypatch.setattr(first_look_store.os, "access", lambda *_: False)
    else:
        target = "sqlite:///" + sqlite_target
    opened: list[str] = []
    monkeypatch.setattr(
        Services, "open", classmethod(lambda cls, t=None: opened.append(str(t)) or "store")
    )
    assert _open_first(target) == "store" and opened == [target]
