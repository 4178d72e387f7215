"""Screenshots of the meeting's Invitations tab, Send Updates and Publish Programme to
Folder, on the sample review after a change that needs updates: the postponed meeting
rescheduled with witnesses on its report item, its invitations issued, then a witness
taken off, the meeting moved a week and a substitute, an officer and a councillor also
present added to it (``tests/ui/invitations/scenario.py``).

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.invitation_screenshots OUTDIR

Writes ``invitations-tab.png``, ``invitations-attendees.png`` (the tab scrolled to
the substitute and the officer), ``send-updates.png`` (the dialog), ``send-updates-
screen.png`` (the screen, the dialog over the window; on a real display only) and
``programme-folder.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow

Settle = Callable[["MainWindow"], None]
Save = Callable[["QPixmap", Path], Path]


def take_invitations(window: MainWindow, out: Path, settle: Settle, save: Save) -> list[Path]:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from tests.ui.invitations.scenario import needing_updates, with_attendees

    review_id = window.current_review_id()
    assert review_id is not None
    issued = Path(tempfile.mkdtemp(prefix="scrutiny-issued-"))
    meeting_id = needing_updates(window.services, review_id, issued)
    with_attendees(window.services, review_id, meeting_id)
    window.editor.reload_all()  # changed through the services, behind the window's back
    settle(window)
    if not window.select_meeting(meeting_id):
        raise SystemExit("the rescheduled meeting is not in the list")
    window.meeting_tabs.setCurrentWidget(window.invitations_tab)
    settle(window)
    written = [save(window.grab(), out / "invitations-tab.png")]
    window.invitations_tab.view.scrollToBottom()  # the substitute, the officer, who is off
    settle(window)
    written.append(save(window.invitations_tab.grab(), out / "invitations-attendees.png"))

    window.send_updates.start(meeting_id)
    settle(window)
    dialog = window.send_updates.dialog
    if dialog is None:
        raise SystemExit("Send Updates did not open")
    dialog.folder_edit.setText(str(issued))
    QTest.qWaitForWindowExposed(dialog, 5000)
    settle(window)
    written.append(save(dialog.grab(), out / "send-updates.png"))
    if QGuiApplication.platformName() != "offscreen":
        screen = window.screen() or QGuiApplication.primaryScreen()
        written.append(save(screen.grabWindow(0), out / "send-updates-screen.png"))
    dialog.reject()
    settle(window)

    window.programme.choose_folder()
    folder_dialog = window.programme.dialog
    if folder_dialog is None:
        raise SystemExit("Publish Programme to Folder did not open")
    folder_dialog.folder_edit.setText(str(issued))
    QTest.qWaitForWindowExposed(folder_dialog, 5000)
    settle(window)
    written.append(save(folder_dialog.grab(), out / "programme-folder.png"))
    folder_dialog.reject()
    settle(window)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.invitation_screenshots OUTDIR", file=sys.stderr)
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
        from PySide6.QtCore import QLocale
        from PySide6.QtTest import QTest

        from scrutiny_desk.app import application
        from scrutiny_desk.services.container import Services
        from scrutiny_desk.ui.shared.settings import Settings
        from scrutiny_desk.ui.window.main_window import MainWindow
        from tests.ui.screenshots import SIZE, save, settle

        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
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
            for name in take_invitations(window, out, settle, save):
                print(name)
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
