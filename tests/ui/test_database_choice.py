"""File > Open Database…, New Database… and Open Recent on SQLite files, and which
database the app opens at start (the last one, unless --db or the environment say)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from scrutiny_desk.store.db import head_revision
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.window.databases import MAX_RECENT, RecentDatabases

from .database_session import (
    SessionFactory,
    error_box,
    make_session_fixture,  # noqa: F401 (a fixture)
    review_titles,
    sample_file,
)

pytestmark = pytest.mark.gui


def choose_file(monkeypatch: pytest.MonkeyPatch, name: str, path: Path | None) -> list[dict]:
    """QFileDialog.<name> answers ``path`` (None: cancelled); what it was asked is kept."""
    asked: list[dict] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append({"args": args, **kwargs})
        return ("" if path is None else str(path), "")

    monkeypatch.setattr(QFileDialog, name, staticmethod(answer))
    return asked


def test_open_database_shows_its_reviews_and_names_it_in_the_status_bar(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = sample_file(sqlite_template, tmp_path / "drugs.sqlite3")
    session = make_session(sqlite_target)
    first = session.window
    assert first.database_label.text() == "Database: scrutiny-desk.sqlite3"
    assert review_titles(first) == []
    asked = choose_file(monkeypatch, "getOpenFileName", other)

    session.menu.open_action.trigger()

    filters = asked[0]["args"][3]
    assert filters == "Scrutiny Desk databases (*.sqlite3 *.sqlite *.db);;All files (*)"
    window = session.window
    assert window is not first and not first.isVisible() and window.isVisible()
    assert review_titles(window) == ["Drugs Scrutiny"]
    assert window.meetings_model.rowCount() > 0
    assert window.database_label.text() == "Database: drugs.sqlite3"
    assert window.database_label.toolTip() == str(other)
    assert session.services.db.label == str(other)
    assert session.recent.entries() == [str(other), sqlite_target]
    assert session.settings.last_database == str(other)


def test_a_file_that_is_not_a_database_is_refused_and_the_current_one_stays_open(
    make_session: SessionFactory,
    sqlite_target: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = make_session(sqlite_target)
    window, services = session.window, session.services
    minutes = tmp_path / "minutes.docx"
    minutes.write_bytes(b"PK\x03\x04 a Word file")
    choose_file(monkeypatch, "getOpenFileName", minutes)

    session.menu.open_action.trigger()

    box = error_box(window)
    assert box.text() == "minutes.docx could not be opened"
    assert box.informativeText().startswith(f"{minutes} is not a Scrutiny Desk database")
    assert session.window is window and window.isVisible()
    assert session.services is services
    assert services.reviews.list() == []  # still open and usable
    assert window.database_label.text() == "Database: scrutiny-desk.sqlite3"
    assert minutes.read_bytes() == b"PK\x03\x04 a Word file"
    assert session.recent.entries() == [sqlite_target]


def test_new_database_creates_the_schema_and_moves_the_window_to_it(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = sample_file(sqlite_template, tmp_path / "drugs.sqlite3")
    session = make_session(str(start))
    assert review_titles(session.window) == ["Drugs Scrutiny"]
    folder = tmp_path / "new"
    folder.mkdir()
    choose_file(monkeypatch, "getSaveFileName", folder / "housing")  # no suffix typed

    session.menu.new_action.trigger()

    made = folder / "housing.sqlite3"
    with sqlite3.connect(made) as con:
        [(revision,)] = con.execute("SELECT version_num FROM alembic_version")
    assert revision == head_revision()
    window = session.window
    assert window.database_label.text() == "Database: housing.sqlite3"
    assert review_titles(window) == []
    assert window.stack.currentWidget() is window.empty_state
    assert session.recent.entries()[0] == str(made)


@pytest.mark.parametrize("answer", ["Cancel", "&Open It"])
def test_new_database_never_overwrites_a_file_and_may_open_it_instead(
    answer: str,
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = sample_file(sqlite_template, tmp_path / "drugs.sqlite3")
    before = existing.read_bytes()
    session = make_session(sqlite_target)
    first = session.window
    choose_file(monkeypatch, "getSaveFileName", existing)
    said: list[str] = []

    def click(box: QMessageBox) -> int:
        said.append(f"{box.text()} {box.informativeText()}")
        [button] = [b for b in box.buttons() if b.text() == answer]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    session.menu.new_action.trigger()

    assert said == [
        "drugs.sqlite3 already exists. Scrutiny Desk never overwrites a file. Choose "
        f"another name for the new database, or open the one in {tmp_path}."
    ]
    if answer == "Cancel":
        assert session.window is first
        assert existing.read_bytes() == before
    else:
        assert session.window is not first
        assert review_titles(session.window) == ["Drugs Scrutiny"]  # the file as it was


def test_recent_databases_most_recent_first_at_most_eight_and_clear_menu(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    session = make_session(sqlite_target)
    files = [sample_file(sqlite_template, tmp_path / f"panel{n}.sqlite3") for n in range(3)]
    for path in files:
        assert session.switch(str(path))
    assert session.switch(str(files[0]))  # again: moves to the top, not listed twice

    menu = session.menu
    menu.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in menu.recent_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&1 panel0.sqlite3",
        "&2 panel2.sqlite3",
        "&3 panel1.sqlite3",
        "&4 scrutiny-desk.sqlite3",
        "&Clear Menu",
    ]
    [second] = [a for a in menu.recent_menu.actions() if a.text() == "&2 panel2.sqlite3"]
    second.trigger()
    assert session.services.db.label == str(files[2])
    assert session.recent.entries()[0] == str(files[2])

    recent = RecentDatabases(session.settings)
    for n in range(MAX_RECENT + 2):
        recent.add(str(tmp_path / f"more{n}.sqlite3"))
    assert recent.entries() == [
        str(tmp_path / f"more{n}.sqlite3") for n in reversed(range(2, MAX_RECENT + 2))
    ]

    session.menu.recent_menu.aboutToShow.emit()
    session.menu.clear_action.trigger()
    assert recent.entries() == []
    session.menu.recent_menu.aboutToShow.emit()
    assert [a.text() for a in session.menu.recent_menu.actions() if not a.isSeparator()] == [
        "&Clear Menu"
    ]
    assert not session.menu.clear_action.isEnabled()


def test_a_recent_file_that_has_gone_says_so_and_leaves_the_list(
    make_session: SessionFactory, sqlite_target: str, sqlite_template: Path, tmp_path: Path
) -> None:
    gone = sample_file(sqlite_template, tmp_path / "old-panel.sqlite3")
    session = make_session(str(gone))
    assert session.switch(sqlite_target)
    gone.unlink()
    window = session.window
    window.menuBar()  # the menu is shown from the File menu
    session.menu.recent_menu.aboutToShow.emit()
    [entry] = [a for a in session.menu.recent_menu.actions() if "old-panel" in a.text()]

    entry.trigger()

    box = error_box(window)
    assert box.text() == "old-panel.sqlite3 is no longer there"
    assert box.informativeText() == (
        f"{gone} has been moved, renamed or deleted; it was taken off the recent list."
    )
    assert session.window is window
    assert session.recent.entries() == [sqlite_target]
    assert not gone.exists()  # not made again, empty, by trying to open it


def test_the_last_database_is_opened_again_at_start(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    settings: Settings,
) -> None:
    chosen = sample_file(sqlite_template, tmp_path / "drugs.sqlite3")
    first = make_session(sqlite_target)
    assert first.switch(str(chosen))
    first.window.close()
    first.close()

    again = make_session(None, Settings())  # a new start reads the settings file again
    assert again.services.db.label == str(chosen)
    assert review_titles(again.window) == ["Drugs Scrutiny"]
    assert again.window.database_label.text() == "Database: drugs.sqlite3"


def test_db_and_the_environment_win_over_the_last_database(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    last = sample_file(sqlite_template, tmp_path / "last.sqlite3")
    given = sample_file(sqlite_template, tmp_path / "given.sqlite3")
    settings.last_database = str(last)
    settings.recent_databases = json.dumps([str(last)])

    assert make_session(str(given)).services.db.label == str(given)

    settings.last_database = str(last)
    monkeypatch.setenv("SCRUTINY_DESK_DB", sqlite_target)
    assert make_session(None).services.db.label == sqlite_target


def test_a_last_database_that_has_gone_opens_the_default_one(
    make_session: SessionFactory, settings: Settings, tmp_path: Path, private_home: Path
) -> None:
    settings.last_database = str(tmp_path / "moved.sqlite3")
    session = make_session(None)
    assert Path(session.services.db.label).is_relative_to(private_home)
    assert not (tmp_path / "moved.sqlite3").exists()
