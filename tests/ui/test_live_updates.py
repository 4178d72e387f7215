"""Two app instances on one database: a colleague's change appears in the other window
within two seconds, its selection kept, an edit in progress left alone, and a stale
edit still refused with who changed the record and when. On a SQLite file and on a
real PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.domain.topics import EVERYTHING, Topic, Topics
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.live_refresh import KEEPS_TEXT, SQLITE_MS, editing_in_progress
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.witnesses.witnesses_model import WitnessColumn
from scrutiny_desk.ui.witnesses.witnesses_page import WitnessesPage

from .conftest import WindowFactory
from .database_session import (
    SessionFactory,
    make_session_fixture,  # noqa: F401 (a fixture)
    sample_file,
)

pytestmark = pytest.mark.gui

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
SHOTS = os.environ.get("SCRUTINY_LIVE_SHOTS")  # a folder: save the window as seen
#: A second process: opens the database through the services and renames a witness.
WRITER = """
import sys
import time
from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.services.container import Services
services = Services.open(sys.argv[1])
witness = services.witness_edits.find_witness(int(sys.argv[2]), sys.argv[3])
services.witness_edits.update_witness(witness.id, witness.version, WitnessChanges(name=sys.argv[4]))
print(time.time(), flush=True)  # committed
services.close()
"""


@pytest.fixture
def colleague(db_target: str, sample_id: int) -> Iterator[Services]:
    """Another clerk's services on the same database, with an engine of their own."""
    opened = Services.open(db_target)
    opened.db.user = "alice"
    yield opened
    opened.close()


@pytest.fixture
def mine(db_target: str, sample_id: int) -> Iterator[Services]:
    opened = Services.open(db_target)
    yield opened
    opened.close()


def witnesses_shown(window: MainWindow, qtbot: QtBot, key: str) -> WitnessesPage:
    """The window on its Witnesses page, with witness ``key`` selected, listening."""
    page = window.page(PageId.WITNESSES)
    assert isinstance(page, WitnessesPage)
    window.show_page(PageId.WITNESSES)
    qtbot.waitUntil(page.model.is_loaded)
    assert page.select_witness(key)
    window.live_refresh.start()
    assert window.live_refresh.running
    return page


def names(page: WitnessesPage) -> list[str]:
    model = page.model
    return [str(model.index(r, WitnessColumn.NAME).data()) for r in range(model.rowCount())]


def test_a_change_in_another_process_appears_with_the_selection_kept(
    db_target: str, sample_id: int, mine: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(mine)
    page = witnesses_shown(window, qtbot, "jrf")
    selected = page.current_witness()
    assert selected is not None
    other = "cps"
    renamed = "Renamed By A Colleague"
    window.statusBar().showMessage("Saved: Add note")  # the clerk's own last words
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(DESKTOP), os.environ.get("PYTHONPATH", "")]),
    }
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_target, str(sample_id), other, renamed],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    # the process takes a second or more to start: the two seconds run from its commit
    qtbot.waitUntil(lambda: renamed in names(page), timeout=30000)
    shown = time.time()
    out, _err = writer.communicate(timeout=30)
    assert writer.returncode == 0
    latency = shown - float(out.split()[-1])
    assert 0 < latency < 2.0
    assert window.statusBar().currentMessage() == "Saved: Add note"
    current = page.current_witness()
    assert current is not None and current.id == selected.id  # still the clerk's witness
    assert page.view.selectionModel().isRowSelected(page.model.row_of_id(selected.id))
    print(
        f"live change shown after {latency * 1000:.0f} ms ({mine.db.dialect})",
        window.live_refresh.applied,
    )
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.resize(1200, 760)
        qtbot.wait(200)
        window.grab().save(str(Path(SHOTS) / f"live-witnesses-{mine.db.dialect}.png"))


def test_a_change_waits_while_a_dialog_is_open_and_own_changes_are_not_heard_again(
    sample_id: int,
    mine: Services,
    colleague: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
) -> None:
    window = make_window(mine)
    page = witnesses_shown(window, qtbot, "jrf")
    witness = colleague.witness_edits.find_witness(sample_id, "jrf")
    dialog = QDialog(window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    colleague.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(name="Changed Behind A Dialog")
    )
    qtbot.wait(800)
    assert "Changed Behind A Dialog" not in names(page)  # the dialog's edit comes first
    dialog.reject()
    qtbot.waitUntil(lambda: "Changed Behind A Dialog" in names(page), timeout=2000)
    assert page.current_witness() is not None
    assert page.current_witness().key == "jrf"  # type: ignore[union-attr]
    applied = len(window.live_refresh.applied)
    mine.notes.capture(sample_id, "My own note.", ["scale"])
    qtbot.wait(700)
    if mine.db.dialect == "postgresql":  # a file cannot say whose change it was
        assert len(window.live_refresh.applied) == applied


def test_a_stale_edit_still_names_who_changed_the_record_and_when(
    sample_id: int,
    mine: Services,
    colleague: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
) -> None:
    window = make_window(mine)
    page = witnesses_shown(window, qtbot, "jrf")
    before = page.current_witness()
    assert before is not None
    colleague.witness_edits.update_witness(
        before.id, before.version, WitnessChanges(role="Changed by Alice")
    )
    qtbot.waitUntil(
        lambda: any(Topic.WITNESSES in t for _s, t in window.live_refresh.applied), timeout=2000
    )
    failures: list[tuple[str, str]] = []
    window.editor.failed.connect(lambda title, message: failures.append((title, message)))

    class StaleRole(Step):  # an edit the clerk began before the colleague's arrived
        def do(self) -> object:
            changes = WitnessChanges(role="Mine")
            return mine.witness_edits.update_witness(before.id, before.version, changes)

    assert window.editor.perform(StaleRole("Change role")) is None
    assert len(failures) == 1
    message = failures[0][1]
    assert "was changed by alice at " in message and "(UTC)" in message
    assert mine.witness_edits.find_witness(sample_id, "jrf").role == "Changed by Alice"


def test_an_inline_editor_open_keeps_its_edit_until_it_closes(
    sample_id: int,
    mine: Services,
    colleague: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
) -> None:
    window = make_window(mine)
    page = witnesses_shown(window, qtbot, "jrf")
    row = page.model.row_of_key("jrf")
    assert row is not None
    index = page.model.index(row, WitnessColumn.INVITATION)
    page.view.edit(index)
    assert page.view.state() == QAbstractItemView.State.EditingState
    witness = colleague.witness_edits.find_witness(sample_id, "cps")
    colleague.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(name="Changed While Editing")
    )
    qtbot.wait(800)
    assert page.view.state() == QAbstractItemView.State.EditingState  # still open
    assert "Changed While Editing" not in names(page)
    editor = page.view.indexWidget(index)
    assert editor is not None
    delegate = page.view.itemDelegateForIndex(index)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    assert page.view.state() != QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: "Changed While Editing" in names(page), timeout=2000)
    assert page.current_witness().key == "jrf"  # type: ignore[union-attr]


def test_a_colleagues_note_arrives_while_a_note_is_typed_which_is_kept(
    sample_id: int,
    mine: Services,
    colleague: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
) -> None:
    window = make_window(mine)
    tab = window.live_notes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    meeting = mine.meeting_edits.find(sample_id, "ev3")
    assert window.select_meeting(meeting.id)
    tab.show_meeting(sample_id, meeting.id)
    window.activateWindow()
    window.live_refresh.start()
    tab.note_edit.setFocus()
    qtbot.keyClicks(tab.note_edit, "Half a note")
    before = tab.model.rowCount()
    colleague.notes.capture(sample_id, "Alice heard the trust.", ["scale"], meeting="ev3")
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 1, timeout=2000)
    assert tab.note_edit.text() == "Half a note"  # the refresh left it alone
    assert tab.note_edit.hasFocus() or window.focusWidget() is tab.note_edit
    qtbot.keyClicks(tab.note_edit, " finished.")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 2, timeout=2000)
    texts = [n.text for n in colleague.notes.entries(tab.model.ids())]
    assert texts[-2:] == ["Alice heard the trust.", "Half a note finished."]


def test_listening_stops_with_the_window(
    mine: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(mine)
    window.live_refresh.start()
    assert mine.live_updates.started
    window.close()
    assert not window.live_refresh.running
    assert not mine.live_updates.started


def test_what_counts_as_an_edit_in_progress(
    sqlite_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(sqlite_services)
    assert not editing_in_progress(window)
    typed = QPlainTextEdit(window)
    typed.show()
    typed.setFocus()
    assert not editing_in_progress(window)  # focused, nothing typed
    qtbot.keyClicks(typed, "A paragraph not yet saved")
    assert editing_in_progress(window)
    typed.setPlainText("as saved")  # the pane filled again from the record
    assert not editing_in_progress(window)
    search = QLineEdit(window)
    search.setClearButtonEnabled(True)
    search.show()
    search.setFocus()
    qtbot.keyClicks(search, "trust")
    assert not editing_in_progress(window)  # a filter holds no edit
    kept = QLineEdit(window)
    kept.setProperty(KEEPS_TEXT, True)
    kept.show()
    kept.setFocus()
    qtbot.keyClicks(kept, "half a note")
    assert not editing_in_progress(window)


def test_opening_another_database_moves_the_listening_to_it(
    make_session: SessionFactory,
    sqlite_target: str,
    sqlite_template: Path,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    session = make_session(sqlite_target)
    first = session.window
    assert first is not None and first.live_refresh.running  # started with the window
    old_services = first.services
    other = sample_file(sqlite_template, tmp_path / "drugs.sqlite3")
    assert session.switch(str(other))
    assert not first.live_refresh.running and not old_services.live_updates.started
    assert session.window is not None and session.window is not first
    assert session.window.live_refresh.running
    colleague = Services.open(str(other))
    try:
        review = colleague.reviews.list()[0]
        colleague.notes.capture(review.id, "Heard in the other database.", ["scale"])
    finally:
        colleague.close()
    window = session.window
    qtbot.waitUntil(lambda: bool(window.live_refresh.applied), timeout=2000)


def test_the_invitations_tab_keeps_the_person_chosen_when_read_again(
    sqlite_services: Services, sample_id: int, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(sqlite_services)
    meeting = sqlite_services.meeting_edits.find(sample_id, "ev3")
    assert window.select_meeting(meeting.id)
    tab = window.invitations_tab
    window.meeting_tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() > 3
    tab.view.setCurrentIndex(tab.model.index(2, 0))
    chosen = tab.model.line(2)
    window.live_refresh._apply(EVERYTHING)  # what a colleague's change on a file brings
    current = tab.view.currentIndex()
    assert current.isValid() and tab.model.line(current.row()).key == chosen.key


def test_a_sqlite_window_asks_its_file_a_few_times_a_second_not_continually(
    sqlite_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """The poll is a timer of ``SQLITE_MS``: once it ran at every turn of the event
    loop (about 1,000 polls a second on an idle window, a core busy and the GUI thread
    sharing the interpreter with every worker)."""
    window = make_window(sqlite_services)
    asked: list[int | None] = []
    poll = sqlite_services.live_updates.poll

    def counted(review_id: int | None = None) -> Topics | None:
        asked.append(review_id)
        return poll(review_id)

    sqlite_services.live_updates.poll = counted  # type: ignore[method-assign]
    window.live_refresh.start()
    qtbot.wait(1000)
    assert 1 <= len(asked) <= 1000 // SQLITE_MS + 1
