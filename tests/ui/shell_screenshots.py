"""Screenshots of the window's daily flow (called from tests.ui.screenshots;
``python -m tests.ui.shell_screenshots OUTDIR`` takes only these): the welcome of an
empty database, the toolbar with a long undo text and the focus frame on the meetings
list, and Review Details with a long problem and the title's cap note."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow

LONG_UNDO = "Delete note “the witness said the scheme was under-funded for three years”"
LONG_PROBLEM = (
    "This title is already used by another review in this database, which a colleague "
    "saved a moment ago; choose another title, or open that review from the list of "
    "reviews and carry on there instead of starting a second one."
)


def take_shell(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    from PySide6.QtTest import QTest

    from scrutiny_desk.domain.rules import MAX_TITLE
    from scrutiny_desk.ui.shared.commands import Step

    class Nothing(Step):
        def do(self) -> bool:
            return True

        def undo(self) -> None:
            return None

    written = []
    window.editor.perform(Nothing(LONG_UNDO))
    window.activateWindow()
    window.meetings_view.setFocus()
    settle(window)
    written.append(save(window.grab(), out / "toolbar-long-undo.png"))
    window.editor.stack.clear()

    window.review_actions.new_review()
    dialog = window.review_actions.dialog
    if dialog is None:
        raise SystemExit("New Review did not open its dialog")
    QTest.qWaitForWindowExposed(dialog, 5000)
    dialog.title_edit.setFocus()
    QTest.keyClicks(dialog.title_edit, "Flooding " * (MAX_TITLE // 9 + 1))
    dialog._problems["body"].show_problem(LONG_PROBLEM)
    settle(window)
    written.append(save(dialog.grab(), out / "review-dialog-long-problem.png"))
    dialog.reject()
    settle(window)
    return written


def main(argv: list[str]) -> int:
    from tests.ui import screenshots

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
            window = MainWindow(services, Settings())
            window.resize(*screenshots.SIZE)
            window.show()
            QTest.qWaitForWindowExposed(window, 5000)
            screenshots.settle(window)
            written = [screenshots.save(window.grab(), out / "empty-state.png")]
            window.load_sample()
            screenshots.settle(window)
            written += take_shell(window, out, screenshots.settle, screenshots.save)
            window.close()
            return written
        finally:
            services.close()

    screenshots.take = take  # type: ignore[assignment]
    return screenshots.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
