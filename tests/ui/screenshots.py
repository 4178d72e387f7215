"""Screenshots of the main window, for review by eye and for the screenshot test.

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.screenshots OUTDIR

Writes ``empty-state.png`` (a new, empty database) and ``main-window.png`` (the sample
review, with the meeting that has a closed item selected), both with
``QWidget.grab()``; on a real display (not offscreen) also ``main-window-screen.png``,
the whole screen. Then ``meeting-menu.png`` (the Meeting menu open) and
``export-dialog.png`` (Export Agenda with the panel chosen). Everything runs in a
throwaway SCRUTINY_DESK_HOME, with the real (threaded) task runner.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow

SIZE = (1280, 800)
TIMEOUT_S = 20.0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):  # Qt warns without one (root, no session)
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        for name in take(out, Path(home) / "screenshots.sqlite3"):
            print(name)
    return 0


def take(out: Path, database: Path) -> list[Path]:
    # Qt is imported here, after the environment above is settled.
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.window.main_window import MainWindow

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    application()
    services = Services.open(str(database))
    written: list[Path] = []
    try:
        window = MainWindow(services, Settings())
        window.move(0, 0)
        window.resize(*SIZE)
        window.show()
        QTest.qWaitForWindowExposed(window, 5000)
        settle(window)
        written.append(save(window.grab(), out / "empty-state.png"))

        window.load_sample()
        settle(window)
        closed = [
            m for m in services.meetings.list(window.current_review_id() or 0) if m.closed_items
        ]
        if not closed or not window.select_meeting(closed[0].id):
            raise SystemExit("the sample review has no meeting with a closed item")
        settle(window)
        written.append(save(window.grab(), out / "main-window.png"))
        if QGuiApplication.platformName() != "offscreen":
            screen = window.screen() or QGuiApplication.primaryScreen()
            written.append(save(screen.grabWindow(0), out / "main-window-screen.png"))
        written.extend(take_shell(window, out))
        written.extend(take_exports(window, out))
        written.extend(take_review_pages(window, out))
        written.extend(take_meeting_tabs(window, out))
        written.extend(take_meetings(window, out, settle, save))
        written.extend(take_coverage(window, out))
        written.extend(take_evidence(window, out))
        written.extend(take_notes(window, out))
        written.extend(take_terms(window, out))
        written.extend(take_recommendations(window, out))
        written.extend(take_search(window, out))
        written.extend(take_removal(window, out))
        written.extend(take_backups(window, out))
        written.extend(take_publicity(window, out))
        written.extend(take_cell_editors(window, out))
        written.extend(take_attendance(window, out))
        written.extend(take_papers(window, out))
        written.extend(take_invitations(window, out))  # last: it reschedules a meeting
        window.close()
    finally:
        services.close()
    return written


def take_invitations(window: MainWindow, out: Path) -> list[Path]:
    """The Invitations tab, Send Updates and Publish Programme to Folder."""
    from tests.ui.invitation_screenshots import take_invitations as take

    return take(window, out, settle, save)


def take_papers(window: MainWindow, out: Path) -> list[Path]:
    """The reports pane, Welsh titles, the papers' settings, publishing and packs."""
    from tests.ui.papers_screenshots import take_papers as take

    return take(window, out, settle, save)


def take_attendance(window: MainWindow, out: Path) -> list[Path]:
    """The Attendance tab's full record and the Panel page's register of interests."""
    from tests.ui.attendance_screenshots import take_attendance as take

    return take(window, out, settle, save)


def take_shell(window: MainWindow, out: Path) -> list[Path]:
    """The toolbar with a long undo text, and a dialog with a long problem."""
    from tests.ui.shell_screenshots import take_shell as take

    return take(window, out, settle, save)


def take_coverage(window: MainWindow, out: Path) -> list[Path]:
    """The Coverage page: the matrix for the panel and for the public."""
    from tests.ui.coverage_screenshots import take_coverage as take

    return take(window, out, settle, save)


def take_recommendations(window: MainWindow, out: Path) -> list[Path]:
    """The Recommendations and Follow-up pages, and the action plan PDFs."""
    from tests.ui.recommendation_screenshots import take_recommendations as take

    return take(window, out, settle, save)


def take_backups(window: MainWindow, out: Path) -> list[Path]:
    """File > Restore From Backup with three backups listed, and its question."""
    from tests.ui.backup_screenshots import take_backups as take

    return take(window, out, settle, save)


def take_publicity(window: MainWindow, out: Path) -> list[Path]:
    """The question asked before a closed agenda item is opened to the public."""
    from tests.ui.publicity_screenshots import take_publicity as take

    return take(window, out, settle, save)


def take_removal(window: MainWindow, out: Path) -> list[Path]:
    """The question before removing a witness named on items, notes and evidence."""
    from tests.ui.removal_screenshots import take_removal as take

    return take(window, out, settle, save)


def take_search(window: MainWindow, out: Path) -> list[Path]:
    """The search box's drop-down list of results."""
    from tests.ui.search_screenshots import take_search as take

    return take(window, out, settle, save)


def take_terms(window: MainWindow, out: Path) -> list[Path]:
    """The Terms of Reference page and the paste dialog with the seed's text."""
    from tests.ui.terms_screenshots import take_terms as take

    return take(window, out, settle, save)


def take_notes(window: MainWindow, out: Path) -> list[Path]:
    """The Live notes tab under Evidence session 3, mid-hearing; the Notes page."""
    from tests.ui.notes_screenshots import take_notes as take

    return take(window, out, settle, save)


def take_evidence(window: MainWindow, out: Path) -> list[Path]:
    """The Evidence page: the register, a file and its notes; closed evidence."""
    from tests.ui.evidence_screenshots import take_evidence as take

    return take(window, out, settle, save)


def take_meetings(window: MainWindow, out: Path, *helpers: object) -> list[Path]:
    """The Meetings page, its calendar, and the meeting and series dialogs."""
    from tests.ui.meeting_screenshots import take_meetings as take

    return take(window, out, *helpers)  # type: ignore[arg-type]


def take_cell_editors(window: MainWindow, out: Path) -> list[Path]:
    """The meeting tabs' cell editors open (``tests/ui/agenda_screenshots.py``)."""
    from tests.ui.agenda_screenshots import take_cell_editors as take

    return take(window, out, settle, save)


def take_meeting_tabs(window: MainWindow, out: Path) -> list[Path]:
    """The Agenda (editable), Attendance and Minutes tabs under "Evidence session 3",
    and their dialogs: Close Item, Witnesses and Terms of Reference, Reopen and Approve
    Minutes."""
    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id()
    meetings = window.services.meetings.list(review_id or 0)
    ev3 = next(m for m in meetings if m.title.startswith("Evidence session 3"))
    recs = next(m for m in meetings if m.key == "recs")
    agenda, attendance, minutes = window.agenda_tab, window.attendance_tab, window.minutes_tab
    tabs = {"agenda-tab": agenda, "attendance-tab": attendance, "minutes-tab": minutes}

    def show(meeting_id: int) -> None:
        window.select_meeting(meeting_id)
        for tab in tabs.values():
            tab.show_meeting(review_id, meeting_id)
        settle(window)

    window.show_page(PageId.MEETINGS)
    window.splitter.setSizes([190, 570])
    show(ev3.id)
    written = []
    for name, tab in tabs.items():
        window.meeting_tabs.setCurrentWidget(tab)
        if tab is agenda:
            agenda.select_item("ev3-probation")
        if tab is minutes:
            minutes.select_item("ev3-cps")
        settle(window)
        written.append(save(window.grab(), out / f"{name}.png"))

    # The agenda of approved minutes cannot be changed: its dialogs on a meeting without.
    ev2 = next(m for m in meetings if m.key == "ev2")
    show(ev2.id)
    window.meeting_tabs.setCurrentWidget(agenda)
    agenda.select_item("ev2-probation")
    agenda.close_action.trigger()
    settle(window)
    if agenda.close_dialog is None:
        raise SystemExit("Close Item did not open its dialog")
    written.append(save(agenda.close_dialog.grab(), out / "close-item-dialog.png"))
    agenda.close_dialog.reject()
    agenda.select_item("ev2-jrf")
    agenda.edit_people()
    settle(window)
    if agenda.people_dialog is None:
        raise SystemExit("Witnesses & ToR did not open its dialog")
    written.append(save(agenda.people_dialog.grab(), out / "item-people-dialog.png"))
    agenda.people_dialog.reject()

    show(ev3.id)
    window.meeting_tabs.setCurrentWidget(minutes)
    minutes.reopen_action.trigger()
    settle(window)
    if minutes.reopen_dialog is None:
        raise SystemExit("Reopen Minutes did not open its dialog")
    minutes.reopen_dialog.reason_edit.setPlainText("A witness's name was misspelt.")
    settle(window)
    written.append(save(minutes.reopen_dialog.grab(), out / "reopen-minutes-dialog.png"))
    minutes.reopen_dialog.reject()
    show(recs.id)
    minutes.approve_minutes()
    settle(window)
    if minutes.approve_dialog is None:
        raise SystemExit("Approve Minutes did not open its dialog")
    written.append(save(minutes.approve_dialog.grab(), out / "approve-minutes-dialog.png"))
    minutes.approve_dialog.reject()
    written.append(save(window.grab(), out / "minutes-tab-draft.png"))
    show(ev3.id)
    return written


def take_exports(window: MainWindow, out: Path) -> list[Path]:
    """The Meeting menu open, and the export dialog with the panel chosen."""
    from PySide6.QtGui import QGuiApplication

    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text() == "&Meeting")
    menu = action.menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
    settle(window)
    if QGuiApplication.platformName() == "offscreen":
        shot = menu.grab()
    else:  # the menu over the window, as a clerk sees it
        shot = (window.screen() or QGuiApplication.primaryScreen()).grabWindow(0, 0, 0, 800, 420)
    written = [save(shot, out / "meeting-menu.png")]
    menu.hide()

    window.exports.export_agenda_action.trigger()
    dialog = window.exports.dialog
    if dialog is None:
        raise SystemExit("Export Agenda did not open its dialog")
    dialog.panel_radio.click()
    settle(window)
    written.append(save(dialog.grab(), out / "export-dialog.png"))
    dialog.reject()
    return written


def take_review_pages(window: MainWindow, out: Path) -> list[Path]:
    """The Overview, Panel and Witnesses pages, and the Review Details dialog."""
    from scrutiny_desk.ui.shared.workspace import PageId

    overview, panel, witnesses = window.overview_page, window.panel_page, window.witnesses_page
    actions = window.review_actions
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    for page in (overview, panel, witnesses):
        page.show_review(review_id)
    written = []
    window.show_page(PageId.OVERVIEW)
    settle(window)
    written.append(save(window.grab(), out / "overview-page.png"))
    window.show_page(PageId.PANEL)
    panel.select_member("prem")
    settle(window)
    written.append(save(window.grab(), out / "panel-page.png"))
    window.show_page(PageId.WITNESSES)
    witnesses.select_witness("user")
    settle(window)
    written.append(save(window.grab(), out / "witnesses-page.png"))
    witnesses.select_witness("probation")
    witnesses.private_action.trigger()  # asks whether to close the open items
    settle(window)
    if witnesses.question is None:
        raise SystemExit("Asked to Be Heard in Private did not ask about the open items")
    written.append(save(witnesses.question.grab(), out / "witness-private-question.png"))
    witnesses.question.reject()
    window.show_page(PageId.OVERVIEW)
    actions.edit_action.trigger()
    settle(window)
    dialog = actions.dialog
    if dialog is None:
        raise SystemExit("Edit Review Details did not open its dialog")
    written.append(save(dialog.grab(), out / "review-dialog.png"))
    dialog.tabs.setCurrentIndex(2)  # Papers
    settle(window)
    written.append(save(dialog.grab(), out / "review-dialog-papers.png"))
    dialog.tabs.setCurrentIndex(5)  # Milestones
    settle(window)
    written.append(save(dialog.grab(), out / "review-dialog-milestones.png"))
    dialog.reject()
    return written


def settle(window: MainWindow) -> None:
    """Wait for background work to finish and its results to be painted."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + TIMEOUT_S
    QTest.qWait(50)
    while window.runner.is_busy():
        if time.monotonic() > deadline:
            raise SystemExit("background work did not finish in time")
        QTest.qWait(20)
    QTest.qWait(250)


def save(pixmap: QPixmap, path: Path) -> Path:
    if not pixmap.save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
