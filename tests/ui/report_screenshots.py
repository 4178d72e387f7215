"""Screenshots of the Report page (issue 17), for review by eye and the user guide.

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.report_screenshots OUTDIR

Writes ``report-page.png`` (a findings section of the sample with paragraphs that
cite notes and evidence, one closed, what is at hand beside it),
``report-page-flag.png`` (an open paragraph quoting a closed note: the strip names
it) and ``report-page-cites.png`` (the Cites picker). While the sample carries no
report of its own, paragraphs are added here through the service, in the words of the
seed's findings; an open paragraph quoting the closed note n13 is always added.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

#: (place, text, access, notes cited, evidence cited, recommendations supported)
PARAGRAPHS = (
    (
        "tor:scale",
        "The panel heard that drug crime at level 1, drug taking in communities and "
        "crack houses, is what Londoners see and what boroughs are measured on.",
        Access.OPEN,
        ("n5",),
        ("borough-survey",),
        (),
    ),
    (
        "tor:scale",
        "Witnesses described the middle market (level 2) as the least understood: "
        "supply and distribution between organised networks and street dealing.",
        Access.OPEN,
        ("n2",),
        (),
        ("r2",),
    ),
    (
        "tor:scale",
        "The panel was told in private how level 3 intelligence is shared with partner agencies.",
        Access.CLOSED,
        ("n13",),
        (),
        (),
    ),
)
#: An open paragraph quoting the sample's closed note n13 word for word.
QUOTING = (
    "One officer put it plainly: Level 3 intelligence is not routinely passed down to "
    "borough officers dealing with level 1 and 2 activity."
)


def show_findings(window: MainWindow, settle: Callable[[MainWindow], None]) -> str:
    """The Report page on a findings section of the sample, its last paragraph chosen:
    1.4 (the impact on Londoners, a closed paragraph and an open one) when the sample
    has its report, else 1.1 with the paragraphs above added. The place shown."""
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    service = window.services.report_paragraphs
    place = "tor:impact"
    if not service.paragraphs(review_id, place):
        place = "tor:scale"
        for where, text, access, notes, evidence, recommendations in PARAGRAPHS:
            entry = service.add(review_id, where, text, access=access)
            entry = service.cite(entry.id, entry.version, notes=notes, evidence=evidence)
            if recommendations:
                service.support(entry.id, entry.version, recommendations)
    window.show_page(PageId.REPORT)
    window.editor.reload_all()
    settle(window)
    window.report_page.draft.reveal(service.paragraphs(review_id, place)[-1].key)
    settle(window)
    return place


def take_report(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    place = show_findings(window, settle)
    review_id = window.current_review_id() or 0
    service = window.services.report_paragraphs
    draft = window.report_page.draft
    first_key = draft.current_key() or ""
    written = [save(window.grab(), out / "report-page.png")]
    flagged = service.add(review_id, place, QUOTING)
    window.editor.reload_all()
    draft.reveal(flagged.key)
    settle(window)
    written.append(save(window.grab(), out / "report-page-flag.png"))
    draft.reveal(first_key)
    settle(window)
    draft.edits.cite_action.trigger()
    settle(window)
    dialog = draft.edits.cites.dialog
    if dialog is None:
        raise SystemExit("the Cites picker did not open")
    written.append(save(dialog.grab(), out / "report-page-cites.png"))
    dialog.reject()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.report_screenshots OUTDIR", file=sys.stderr)
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
            for path in take_report(window, out, settle, save):
                print(path)
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
