"""What the window's start leaves for later: the dialogs, windows and services a clerk
reaches only through an action are imported when first used, not by the start (the
timed figure is ``make bench``'s, ``tests/bench_start.py``).

Each test runs a fresh interpreter: in this one, other tests have imported everything.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
