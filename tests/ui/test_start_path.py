"""What the window's start leaves for later: the dialogs, windows and services a clerk
reaches only through an action are imported when first used, not by the start (the
timed figure is ``make bench``'s, ``tests/bench_start.py``).

Each test runs a fresh interpreter: in this one, other tests have imported everything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_desk.store import clean_close
from scrutiny_desk.store.db import open_database

from ..fresh_interpreter import modules_after, window_start

pytestmark = pytest.mark.gui

#: Reached only through an action: papers and publishing, and the dialogs and windows
#: they open.
LATER = (
    "scrutiny_desk.services.exporting",
    "scrutiny_desk.services.programme_feeds",
    "scrutiny_desk.services.web_publishing",
    "scrutiny_desk.services.packs",
    "scrutiny_desk.ui.window.help_window",
    "scrutiny_desk.ui.window.connect_dialog",
    "scrutiny_desk.ui.window.public_window",
    "scrutiny_desk.ui.shared.review_dialog",
    "scrutiny_desk.ui.reviews.restore_dialog",
    "scrutiny_desk.ui.invitations.send_updates_dialog",
    "scrutiny_desk.ui.publishing.urgency_dialog",
    "scrutiny_desk.ui.shared.export_dialog",
    "scrutiny_desk.ui.shared.witness_dialog",
    "scrutiny_desk.ui.agenda.close_item_dialog",
    "scrutiny_desk.ui.agenda.item_people_dialog",
    "scrutiny_desk.ui.agenda.welsh_title_dialog",
    "scrutiny_desk.ui.agenda.evidence_report_dialog",
    "scrutiny_desk.ui.meetings.meeting_dialog",
    "scrutiny_desk.ui.meetings.series_dialog",
    "scrutiny_desk.ui.invitations.programme_folder_dialog",
    # an action's due date in its cell, and what it needs: the Minutes tab's
    "scrutiny_desk.ui.shared.due_date_editor",
    "scrutiny_desk.ui.shared.actions_model",
    "scrutiny_desk.ui.shared.date_field",
    # the search box's drop-down list, built at the first search
    "scrutiny_desk.ui.search.search_popup",
    "scrutiny_desk.ui.search.search_model",
)


def test_importing_the_app_leaves_the_actions_modules_for_later(tmp_path: Path) -> None:
    loaded = modules_after("import scrutiny_desk.app", tmp_path)
    assert "scrutiny_desk.ui.window.main_window" in loaded  # it did import the window
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))
    # Nor the services of the first edits: their modules come with the first edit.
    assert "scrutiny_desk.services.agenda" not in loaded
    assert "scrutiny_desk.services.meeting_edits" not in loaded


def test_the_shown_window_has_its_menus_without_them(sqlite_template: Path, tmp_path: Path) -> None:
    """The window as a clerk first sees it, every action in its menus (F1 included),
    before any of them is used."""
    db = tmp_path / "clerk.sqlite3"
    shutil.copy(sqlite_template, db)
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    loaded = modules_after(
        window_start(
            db,
            runtime,
            """
        services.reviews.import_sample()
        window = MainWindow(services, Settings())
        window.show()
        app.processEvents()
        texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
        assert "&User Guide" in texts and "Res&tore From Backup…" in texts, texts
        assert window.guide.action.shortcut().toString() == "F1"
        window.runner.shutdown()
        window.close()
        services.close()
        """,
        ),
        tmp_path,
    )
    assert "scrutiny_desk.ui.window.guide" in loaded
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))


#: Not needed until the first meetings are on screen, though the window's start once
#: imported them with its controllers, the agenda tab and the stand-in services (some
#: 100 ms of a 0.5 s start, issue 12): the review document's records, the papers'
#: views, the document checks, the records of the procedure, the people, the agenda,
#: invitations, personal data, backups and search, the series' rules and the clash
#: checks, the fields' checks, and ``importlib.metadata`` with the ``email`` package
#: (the bank holidays' cache asks the ``holidays`` version).
AFTER_THE_FIRST_MEETINGS = (
    "scrutiny_desk.domain.records",  # the review document's (the summaries suffice)
    "scrutiny_desk.domain.views",
    "scrutiny_desk.domain.report_views",
    "scrutiny_desk.domain.report_document_checks",
    "scrutiny_desk.domain.report_checks",
    "scrutiny_desk.domain.procedure_checks",
    "scrutiny_desk.domain.procedure",
    "scrutiny_desk.domain.view_codec",
    "scrutiny_desk.domain.procedure_records",
    "scrutiny_desk.domain.people_records",
    "scrutiny_desk.domain.agenda_records",
    "scrutiny_desk.domain.personal_data_records",
    "scrutiny_desk.domain.backup_records",
    "scrutiny_desk.domain.search_text",
    "scrutiny_desk.domain.invitation_records",
    "scrutiny_desk.domain.recurrence",
    "scrutiny_desk.domain.scheduling",
    "scrutiny_desk.ui.shared.retention_banner",
    "scrutiny_desk.ui.shared.fields",
    "importlib.metadata",
    "email",
)

#: The app as a clerk starts it (``main``); when the window says its first meetings
#: are shown (``FirstLookServices.may_open``), the modules imported by then, and quit.
FIRST_MEETINGS = r"""
import json, sys

from scrutiny_desk.__main__ import main
from scrutiny_desk.services.first_look import FirstLookServices
from PySide6.QtWidgets import QApplication

found = {}


def shown(services):
    app = QApplication.instance()
    [window] = [w for w in app.topLevelWidgets() if hasattr(w, "meetings_page")]
    found["rows"] = window.meetings_page.model.rowCount()
    found["modules"] = sorted(sys.modules)
    app.quit()


FirstLookServices.may_open = shown
found["status"] = main(["--db", sys.argv[1]])
print(json.dumps(found))
"""


def _modules_at_first_meetings(db: Path, tmp_path: Path) -> set[str]:
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_MEETINGS, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["status"] == 0 and found["rows"] > 0, found
    return set(found["modules"])


def test_the_first_meetings_are_shown_without_the_records_of_later_work(
    sqlite_target: str, sample_id: int, tmp_path: Path
) -> None:
    """The start a clerk makes most days (a file left cleanly: its first look), the
    second time, as ``make bench`` times it (the first made the bank holidays' cache)."""
    db = Path(sqlite_target)
    open_database(sqlite_target).close()
    assert clean_close.as_left(db)
    _modules_at_first_meetings(db, tmp_path)
    loaded = _modules_at_first_meetings(db, tmp_path)
    assert "scrutiny_desk.ui.window.main_window" in loaded  # it did show the window
    assert "scrutiny_desk.domain.summaries" in loaded  # and the meetings' summaries
    assert "sqlalchemy" not in loaded  # the first look, not the store
    assert loaded.isdisjoint(AFTER_THE_FIRST_MEETINGS), sorted(
        loaded & set(AFTER_THE_FIRST_MEETINGS)
    )
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))
