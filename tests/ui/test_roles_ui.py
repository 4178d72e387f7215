"""The window by the connected login's role, on a real PostgreSQL server with logins that
are not superusers (``tests/managed_pg.py``): a reader's window offers no write but
exports every paper, the panel's included; a public reader gets the window of public
papers and exports a public agenda; the identity shown is the login's. A read-only
SQLite file offers the same actions as a reader (it has no identity to show).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from docx import Document
from pypdf import PdfReader
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.window.public_window import PublicWindow
from tests.conftest import PostgresServer, sample_bytes
from tests.managed_pg import Managed, managed_database

from .conftest import WindowFactory, open_read_only
from .database_session import SessionFactory, make_session_fixture  # noqa: F401 (a fixture)

pytestmark = pytest.mark.gui

EV3 = "Evidence session 3: criminal justice and treatment"  # held, item 6 closed
DRAFT = "Deliberative meeting: agreeing recommendations"  # held, minutes in draft
CLOSED_ITEM = "Evidence from a former drug user"
NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"

#: Every action a window on a read-only database may offer, once every page is built
#: and a held meeting chosen: each reads, exports, prints or moves about, and none
#: writes to the database. A new action that is enabled for a reader fails the test
#: until it is judged and listed here (or disabled when the database is read-only).
READS = {
    # menus and the toolbar's own
    "&File", "&Edit", "&View", "&Go", "&Review", "&Meeting", "&Help",
    "Main toolbar", "Meeting actions",
    # moving about
    "&Overview", "&Terms of Reference", "&Meetings", "&Witnesses", "&Evidence", "&Notes",
    "&Coverage", "&Recommendations", "Re&port", "&Follow-up", "P&anel", "Personal &Data",
    "Audit &Log",
    "&List", "&Calendar", "&Refresh", "&Search Review…", "Find", "Find Meetings",
    "Next Item", "Previous Item", "Note Field", "Terms of Reference",
    # papers: exports and printing (written to files, never to the database)
    "Export &Agenda…", "Export &Minutes…", "Export Agenda Pac&k…", "Export &Programme (.ics)…",
    "Export &Report…", "E&xport…", "E&xport Action Plan…", "&Export Coverage Report…",
    "&Print Agenda…", "P&rint Minutes…", "Publish Review for the &Web…",
    "Publish Programme to &Folder…",
    # reading a report version's records (their dialogs are read-only too)
    "Com&pare…", "Conside&ration…", "Comm&ents…",
    # backups copy the database out; the folder is a setting of this computer
    "&Back Up Now", "Backups &Folder…",
    # the audit trail and personal data, read and exported (issue 18's other windows)
    "&History…", "Histor&y…", "E&xport Subject Access…",
    # help
    "&User Guide", "Show &Log Folder", "&About Scrutiny Desk", "&Quit",
}  # fmt: skip

#: The buttons and typing fields a reader's pages and meeting tabs may offer: views,
#: filters and exports, none that saves.
READ_CONTROLS = {
    "&Export Coverage Report…", "E&xport Action Plan…", "&Overdue only",
    "&Panel: all material", "P&ublic: open material only", "List", "Calendar",
    "Next Item", "Previous Item",
    "Filter evidence", "Filter meetings by title or venue", "Filter witnesses",
    "Words in the note",
    # the audit log's filters (a date filter's own line edit is Qt's, unnamed), History
    # of a record and a subject-access export: reads, written to files at most
    "Show entries whose record's name contains", "qt_spinbox_lineedit", "Histor&y…",
    "E&xport Subject Access…",
}  # fmt: skip

#: Actions that write to the database: never enabled for a reader.
WRITES = (
    "&Import Review…", "Load &Sample Review", "&New Review…", "&Edit Review Details…",
    "&Delete Review…", "Send &Invitation…", "Invite a &Witness…", "Send &Cancellation…",
    "Send &Updates…", "Publis&h for the Web…", "Report &Settings…", "Res&tore From Backup…",
)  # fmt: skip


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def reachable(action: QAction) -> bool:
    """Enabled, shown, on some widget (an action on none cannot be clicked nor its
    shortcut pressed), and not only inside a submenu that cannot be opened."""
    if not (action.isEnabled() and action.isVisible()) or action.isSeparator():
        return False
    if not action.associatedObjects():
        return False
    menus = [m for m in action.associatedObjects() if isinstance(m, QMenu)]
    return not menus or any(reachable(m.menuAction()) or m.parent() is None for m in menus)


def in_calendar(action: QAction) -> bool:
    """A calendar's month menu is Qt's, not the app's."""
    widget = action.parent()
    while widget is not None:
        if isinstance(widget, QCalendarWidget):
            return True
        widget = widget.parent()
    return False


def offered(window: QWidget) -> dict[str, QAction]:
    """The window's actions a reader could trigger, by text."""
    found: dict[str, QAction] = {}
    for action in window.findChildren(QAction):
        if not shiboken6.isValid(action):  # an Open Recent entry its menu has just cleared
            continue
        if in_calendar(action):
            continue
        if action.text() and reachable(action):
            found.setdefault(action.text(), action)
    return found


def every_page_and_tab(window: MainWindow, title: str = EV3) -> None:
    """Build every page and meeting tab, with that meeting chosen, as a reader would."""
    for page in PageId:
        window.show_page(page)
    window.show_page(PageId.MEETINGS)
    meeting = next(m for m in window.services.meetings.list(1) if m.title == title)
    assert window.select_meeting(meeting.id)
    for index in range(window.meeting_tabs.count()):
        window.meeting_tabs.setCurrentIndex(index)
    for menu in window.menuBar().findChildren(QMenu):
        menu.aboutToShow.emit()


def controls_offered(window: MainWindow) -> set[str]:
    """The buttons (by text) and editable text fields (by accessible name) of every page
    and meeting tab that a reader can use."""
    widgets = [window.page(page) for page in PageId]
    widgets += [window.meeting_tabs.widget(i) for i in range(window.meeting_tabs.count())]
    found: set[str] = set()
    for widget in widgets:
        for button in widget.findChildren(QAbstractButton):
            if button.text() and button.isEnabled() and button.isVisibleTo(widget):
                found.add(button.text())
        for edit in [
            *widget.findChildren(QLineEdit),
            *widget.findChildren(QTextEdit),
            *widget.findChildren(QPlainTextEdit),
        ]:
            if edit.isEnabled() and edit.isVisibleTo(widget) and not edit.isReadOnly():
                found.add(edit.accessibleName() or edit.objectName())
    return found


def all_actions(window: QWidget) -> dict[str, QAction]:
    return {a.text(): a for a in window.findChildren(QAction) if shiboken6.isValid(a) and a.text()}


def export_panel_agenda(window: MainWindow, folder: Path) -> Path:
    window.exports.opener = lambda _path: True
    window.exports.export_agenda_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.panel_radio.setChecked(True)
    path = folder / "ev3 panel agenda.pdf"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    return path


# Fixtures -----------------------------------------------------------------------------


@pytest.fixture
def managed(
    postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Managed]:
    """A managed copy of the sample review's database (roles, grants, policies made)."""
    template, _review_id = postgres.sample_template(
        sample_bytes(), tmp_path_factory.getbasetemp() / "sample-home"
    )
    made = managed_database(postgres, template)
    try:
        yield made
    finally:
        made.drop()


@pytest.fixture(params=["postgresql", "sqlite"])
def reader(request: pytest.FixtureRequest, read_only_copy: Path) -> Iterator[Services]:
    """A reader's services: a reader login on PostgreSQL, or a read-only SQLite file
    (the file is copied for both: fixtures asked for by name would miss the sample)."""
    if request.param == "postgresql":
        managed: Managed = request.getfixturevalue("managed")
        services = Services.open(managed.login(DbRole.READER))
        assert services.db.role is DbRole.READER
    else:
        services = open_read_only(read_only_copy)
    assert services.db.read_only
    yield services
    services.close()


# A reader -----------------------------------------------------------------------------


def test_a_readers_window_offers_no_write_but_exports_the_panel_agenda(
    make_window: WindowFactory, reader: Services, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(reader)
    every_page_and_tab(window, DRAFT)  # minutes a clerk could still edit and approve
    enabled = offered(window)
    assert set(enabled) <= READS, f"judge these actions for a reader: {set(enabled) - READS}"
    controls = controls_offered(window)
    assert controls <= READ_CONTROLS, f"judge these for a reader: {controls - READ_CONTROLS}"
    every_page_and_tab(window, EV3)  # approved minutes, a closed item
    enabled = offered(window)
    assert set(enabled) <= READS, f"judge these actions for a reader: {set(enabled) - READS}"
    for banner in (window.agenda_tab.locked_text, window.attendance_tab.locked_text):
        assert "approved" in banner.text() and "Reopen" not in banner.text()
    actions = all_actions(window)
    for text in WRITES:
        assert not reachable(actions[text]), f"{text} is offered to a reader"
    assert not window.undo_action.isVisible() and not window.redo_action.isVisible()
    for text in ("Send &Invitation…", "Invite a &Witness…"):
        assert "invitation register" in actions[text].toolTip()
    assert "read-only" in actions["Send &Updates…"].statusTip()
    assert "read-only" in window.invitations_tab.send_button.toolTip()
    assert window.exports.export_agenda_action in enabled.values()
    for text in ("&Erase Personal Data…", "Change &Retention Date…"):  # the page's buttons
        buttons = [b for b in window.findChildren(QPushButton) if b.text() == text]
        assert buttons and not any(b.isEnabled() for b in buttons), f"{text} offered to a reader"
    controls = controls_offered(window)
    assert controls <= READ_CONTROLS, f"judge these for a reader: {controls - READ_CONTROLS}"

    path = export_panel_agenda(window, tmp_path)
    qtbot.waitUntil(path.exists)
    text = pdf_text(path)
    assert NOT_FOR_PUBLICATION in text
    assert CLOSED_ITEM in text  # the panel's paper: closed business included
    window.close()


def test_the_identity_shown_is_the_readers_login(
    make_window: WindowFactory, managed: Managed
) -> None:
    url = managed.login(DbRole.READER, name=f"{managed.name}_ann_reader")
    services = Services.open(url)
    try:
        window = make_window(services)
        label = window.findChild(QLabel, "signedInLabel")
        assert label is not None and label.isVisible()
        assert label.text() == f"Signed in as {managed.name}_ann_reader (reader)"
        assert "change nothing" in label.toolTip()
        assert window.read_only_label.text() == "Read-only"
        assert window.read_only_label.accessibleName() == (
            "Read-only: your database login is a reader (reads everything, changes nothing)"
        )
        assert window.windowTitle().endswith("[read-only]")
        window.close()
    finally:
        services.close()


def test_a_sqlite_file_shows_no_identity(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    assert window.findChild(QLabel, "signedInLabel") is None
    meeting = next(m for m in sample_services.meetings.list(1) if m.title == EV3)
    assert window.select_meeting(meeting.id)
    assert window.exports.invite_action.isEnabled()  # the clerk of a file invites
    assert "invitation register" not in window.exports.invite_action.toolTip()


# A public reader ----------------------------------------------------------------------


def test_a_public_reader_gets_the_public_papers_and_exports_a_public_agenda(
    make_session: SessionFactory, managed: Managed, tmp_path: Path, qtbot: QtBot
) -> None:
    url = managed.login(DbRole.PUBLIC_READER, name=f"{managed.name}_pat_public")
    session = make_session(url)
    window = session.window
    assert isinstance(window, PublicWindow)  # the main window is never built for it
    assert not window.findChildren(MainWindow)
    label = window.findChild(QLabel, "signedInLabel")
    assert label is not None
    assert label.text() == f"Signed in as {managed.name}_pat_public (public reader)"
    assert "only what the public may see" in window.scope_label.text()

    top = window.tree.topLevelItem(0)
    assert top is not None and top.text(0) == "Drugs Scrutiny"
    meetings = {top.child(i).text(0): top.child(i) for i in range(top.childCount())}
    assert len(meetings) == 8 and EV3 in meetings
    window.tree.setCurrentItem(meetings[EV3])

    offered_texts = set(offered(window))
    assert {"Export Public &Agenda…", "Export Public &Minutes…"} <= offered_texts
    recent = {a.text() for a in session.menu.recent_menu.actions() if a.text()}
    assert offered_texts - recent == {
        "&File", "&View", "&Papers", "&Help", "&Open Database…", "Ne&w Database…",
        "Connect to S&hared Database…", "Open &Recent", "&Quit", "&Refresh",
        "Export Public &Agenda…", "Export Public &Minutes…", "&User Guide",
        "&About Scrutiny Desk",
    }  # fmt: skip

    window.exports.opener = lambda _path: True
    window.exports.agenda_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and not dialog.audience_box.isVisibleTo(dialog)
    path = tmp_path / "ev3 public agenda.pdf"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    qtbot.waitUntil(path.exists)
    text = pdf_text(path)
    assert "criminal justice and treatment" in text
    assert NOT_FOR_PUBLICATION not in text
    assert CLOSED_ITEM not in text
    assert str(path) in window.statusBar().currentMessage()

    window.exports.minutes_action.trigger()  # the public minutes, as Word
    dialog = window.exports.dialog
    assert dialog is not None
    dialog.select_format(".docx")
    assert dialog.path_edit.text().endswith(" - minutes.docx")
    path = tmp_path / "ev3 public minutes.docx"
    dialog.path_edit.setText(str(path))
    dialog.accept()
    qtbot.waitUntil(path.exists)
    words = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "criminal justice and treatment" in words and "Minutes" in words
    assert "PANEL COPY" not in words and CLOSED_ITEM not in words
