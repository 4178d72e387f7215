"""Screenshots of the audit trail (issue 18), for review by eye and the user guide.

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.audit_screenshots OUTDIR

After a few actions on the sample by two clerks (a witness's role changed through the
Edit Witness dialog, a witness moved down the register, the public agenda of evidence
session 3 exported), writes ``audit-log.png`` (the Audit Log page), ``audit-log-
filtered.png`` (the log filtered to one person's changes to witnesses) and
``history.png`` (the History window of the witness changed, opened with Edit >
History… from the Witnesses page) and ``history-menu.png`` (the Witnesses table's
right-click menu, History… at its foot).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QMenu

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.ui.audit.history_dialog import HistoryDialog
from scrutiny_desk.ui.audit.log_page import AuditLogPage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

Settle = Callable[[MainWindow], None]


def make_trail(window: MainWindow, settle: Settle, folder: Path) -> None:
    """A few actions through the window, by two clerks (as two logins would be)."""
    services = window.services
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    window.show_page(PageId.WITNESSES)
    page = window.witnesses_page
    settle(window)
    services.db.user = "a.patel"
    page.select_witness("cps")
    page.edit_action.trigger()
    dialog = page.dialog
    if dialog is None:
        raise SystemExit("Edit Witness did not open its dialog")
    dialog.role_edit.setText("Chief Crown Prosecutor")
    dialog.ok_button.click()
    settle(window)
    services.db.user = "j.morgan"
    page.select_witness("jrf")
    page.down_action.trigger()
    settle(window)
    ev3 = services.meeting_edits.find(review_id, "ev3")
    services.exports.agenda(ev3.id, Audience.PUBLIC, folder / "agenda.pdf")
    window.editor.reload_all()
    settle(window)


def log_page(window: MainWindow) -> AuditLogPage:
    page = window.page(PageId.AUDIT_LOG)
    assert isinstance(page, AuditLogPage)
    return page


def witness_history(window: MainWindow, settle: Settle) -> HistoryDialog:
    """Edit > History… with the changed witness chosen on the Witnesses page."""
    window.show_page(PageId.WITNESSES)
    window.witnesses_page.select_witness("cps")
    window.witnesses_page.view.setFocus()
    settle(window)
    (action,) = [a for a in window.edit_menu.actions() if a.objectName() == "historyAction"]
    action.trigger()
    settle(window)
    found = [d for d in window.findChildren(HistoryDialog) if d.isVisible()]
    if not found:
        raise SystemExit("Edit > History… opened no History window")
    return found[0]


def take_audit(
    window: MainWindow,
    out: Path,
    settle: Settle,
    save: Callable[[QPixmap, Path], Path],
    folder: Path,
) -> list[Path]:
    make_trail(window, settle, folder)
    window.show_page(PageId.AUDIT_LOG)
    settle(window)
    written = [save(window.grab(), out / "audit-log.png")]
    page = log_page(window)
    page.filters.choose(page.filters.person_combo, "a.patel")
    page.filters.choose(page.filters.kind_combo, "witnesses")
    settle(window)
    written.append(save(window.grab(), out / "audit-log-filtered.png"))
    page.filters.person_combo.setCurrentIndex(0)
    page.filters.kind_combo.setCurrentIndex(0)
    dialog = witness_history(window, settle)
    written.append(save(dialog.grab(), out / "history.png"))
    dialog.close()
    written.append(save(context_menu(window, settle).grab(), out / "history-menu.png"))
    return written


def context_menu(window: MainWindow, settle: Settle) -> QMenu:
    """The Witnesses table's right-click menu, as Qt builds it from its actions."""
    view = window.witnesses_page.view
    menu = QMenu(view)
    menu.addActions(view.actions())
    menu.popup(view.viewport().mapToGlobal(view.visualRect(view.currentIndex()).center()))
    settle(window)
    return menu


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.audit_screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        from PySide6.QtTest import QTest

        from scrutiny_desk.app import application
        from scrutiny_desk.services.container import Services
        from scrutiny_desk.ui.shared.settings import Settings
        from tests.ui.screenshots import SIZE, save, settle

        application()
        services = Services.open(str(Path(home) / "shots.sqlite3"))
        try:
            window = MainWindow(services, Settings())
            window.move(0, 0)
            window.resize(*SIZE)
            window.show()
            QTest.qWaitForWindowExposed(window, 5000)
            window.load_sample()
            settle(window)
            for path in take_audit(window, out, settle, save, Path(home)):
                print(path)
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
