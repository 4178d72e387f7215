"""Screenshots of the Personal Data page, the Erase Personal Data confirmation and the
retention reminder, on the sample review (issue 18).

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.personal_data_screenshots [OUTDIR]

The page with the MPS's Director of Drugs Strategy chosen (notes, an agenda item,
minutes and the report naming them); the confirmation erasing them would show, then
cancelled; then the review's retention date set in the past through Review Details'
own service call, and the Overview with its reminder (and the status bar's). Nothing
is erased. ``take_guide`` takes the user guide's pictures from a window already open.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tests.ui.screenshots import SIZE, save, settle

if TYPE_CHECKING:
    from scrutiny_desk.ui.window.main_window import MainWindow

Shot = Callable[..., Path]
WITNESS = "mps-drugs"
PASSED = date(2024, 3, 31)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("/work/tmp/shots18")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        for name in take(out, Path(home) / "personal.sqlite3"):
            print(name)
    return 0


def take(out: Path, database: Path) -> list[Path]:
    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.window.main_window import MainWindow

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    application()
    services = Services.open(str(database))
    try:
        review_id = services.reviews.import_sample()
        window = MainWindow(services, Settings())
        window.move(0, 0)
        window.resize(*SIZE)
        window.show()
        QTest.qWaitForWindowExposed(window, 5000)
        window.refresh_reviews(select=review_id)
        settle(window)

        def shot(window: MainWindow, path: Path, size: tuple[int, int] = SIZE) -> Path:
            window.resize(*size)
            settle(window)
            return save(window.grab(), path)

        written = [*take_guide(window, out, shot), take_reminder(window, out, shot)]
        window.close()
    finally:
        services.close()
    return written


def take_guide(window: MainWindow, out: Path, shot: Shot) -> list[Path]:
    """The user guide's personal-data.png and erase-dialog.png; nothing is changed
    (the erasure is cancelled)."""
    from scrutiny_desk.ui.shared.workspace import PageId

    window.show_page(PageId.PERSONAL_DATA)
    page = window.page(PageId.PERSONAL_DATA)
    settle(window)
    if not page.select_person(WITNESS):  # type: ignore[attr-defined]
        raise SystemExit(f"the sample review has no witness {WITNESS}")
    settle(window)
    written = [shot(window, out / "personal-data.png")]

    page.erase_button.click()  # type: ignore[attr-defined]
    settle(window)
    dialog = page.erasure.dialog  # type: ignore[attr-defined]
    if dialog is None:
        raise SystemExit("Erase Personal Data did not open its confirmation")
    settle(window)
    written.append(save(dialog.grab(), out / "erase-dialog.png"))
    dialog.reject()
    settle(window)
    return written


def take_reminder(window: MainWindow, out: Path, shot: Shot) -> Path:
    """retention-reminder.png: the review's retention date set in the past, as Review
    Details saves it, and the Overview with its reminder (and the status bar's)."""
    from scrutiny_desk.domain.people_records import ReviewChanges
    from scrutiny_desk.ui.shared.workspace import PageId

    services, review_id = window.services, window.current_review_id()
    assert review_id is not None
    details = services.review_edits.details(review_id)
    services.review_edits.update_details(
        review_id, details.version, ReviewChanges(retention_until=PASSED)
    )
    window.refresh_reviews(select=review_id)
    window.show_page(PageId.OVERVIEW)
    settle(window)
    if not window.overview_page.retention_banner.isVisible():
        raise SystemExit("the Overview shows no reminder for a retention date passed")
    return shot(window, out / "retention-reminder.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
