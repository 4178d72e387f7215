"""Screenshots of the Terms of Reference page and the paste dialog (called from
tests.ui.screenshots; ``python -m tests.ui.terms_screenshots OUTDIR`` takes only these)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

SEED = Path("/work/shared/seed/drugs-scrutiny-seed.txt")


def take_terms(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The sample's tree with an item selected, then the paste dialog with the seed text."""
    page = window.terms_page
    page.show_review(window.current_review_id())
    window.show_page(PageId.TERMS)
    settle(window)
    if not page.reveal("practice"):
        raise SystemExit("the sample has no 'practice' term of reference")
    settle(window)
    written = [save(window.grab(), out / "terms-page.png")]
    page.paste_action.trigger()
    dialog = page.dialog
    if dialog is None:
        raise SystemExit("Paste Terms of Reference did not open its dialog")
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        dialog.set_text(text[text.index("Terms of reference\n") : text.index("Key exclusions")])
    else:
        dialog.set_text("1. Scope\n   a) drugs\n   b) alcohol\n2. Method\n")
    settle(window)
    written.append(save(dialog.grab(), out / "paste-tor-dialog.png"))
    dialog.reject()
    return written


def main(argv: list[str]) -> int:
    from tests.ui import screenshots

    def take(out: Path, database: Path) -> list[Path]:
        from PySide6.QtCore import QLocale
        from PySide6.QtTest import QTest

        from scrutiny_desk.app import application
        from scrutiny_desk.services.container import Services
        from scrutiny_desk.ui.shared.settings import Settings

        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        application()
        services = Services.open(str(database))
        try:
            window = MainWindow(services, Settings())
            window.resize(*screenshots.SIZE)
            window.show()
            QTest.qWaitForWindowExposed(window, 5000)
            window.load_sample()
            screenshots.settle(window)
            written = take_terms(window, out, screenshots.settle, screenshots.save)
            window.close()
            return written
        finally:
            services.close()

    screenshots.take = take  # type: ignore[assignment]
    return screenshots.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
