"""Screenshots of the Report page's Versions tab and its dialogs, and of Record
Response… on the Recommendations page, on the sample review (issue 17).

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.versions_screenshots OUTDIR

Until the sample carries its report, a few paragraphs are written into it first; then
version 0.1 is issued for comment, a member comments, a paragraph is reworded and one
added, version 0.2 goes to the deliberative meeting, and the shots are taken: the tab,
Compare (0.1 against the working draft), Comments, Consideration, Make Version and
Report Settings, and Record Response… with a rejection chosen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tests.ui.screenshots import SIZE, save, settle

if TYPE_CHECKING:
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.window.main_window import MainWindow

PARAGRAPHS = (
    ("background", "The panel was set up to review how the MPS tackles drug-related crime."),
    ("background", "It met eight times between November 2006 and July 2007."),
    ("conclusions", "Treatment works best when it starts quickly after arrest."),
)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("/work/tmp/shots17")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        for name in take(out, Path(home) / "versions.sqlite3"):
            print(name)
    return 0


def take(out: Path, database: Path) -> list[Path]:
    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.domain.enums import ResponseOutcome
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.shared.workspace import PageId
    from scrutiny_desk.ui.window.main_window import MainWindow

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    application()
    services = Services.open(str(database))
    written: list[Path] = []
    try:
        review_id = services.reviews.import_sample()
        first_key = prepare(services, review_id)
        window = MainWindow(services, Settings())
        window.move(0, 0)
        window.resize(*SIZE)
        window.show()
        QTest.qWaitForWindowExposed(window, 5000)
        window.refresh_reviews(select=review_id)
        settle(window)
        window.show_page(PageId.REPORT)
        page = window.report_page
        pane = page.versions
        assert pane is not None
        page.tabs.setCurrentWidget(pane)
        pane.show_review(review_id)
        settle(window)
        pane.select("0.1")
        settle(window)
        written.append(save(window.grab(), out / "versions-tab.png"))
        pane.compare_action.trigger()
        settle(window)
        written.append(save(pane.dialog.grab(), out / "compare-dialog.png"))
        pane.dialog.reject()
        pane.comments_action.trigger()
        settle(window)
        pane.dialog.choose_paragraph(first_key)
        settle(window)
        written.append(save(pane.dialog.grab(), out / "comments-dialog.png"))
        pane.dialog.reject()
        pane.select("0.2")
        pane.consideration_action.trigger()
        settle(window)
        written.append(save(pane.dialog.grab(), out / "consideration-dialog.png"))
        pane.dialog.reject()
        pane.make_action.trigger()
        settle(window)
        written.append(save(pane.dialog.grab(), out / "make-version-dialog.png"))
        pane.dialog.reject()
        pane.settings_action.trigger()
        settle(window)
        written.append(save(pane.dialog.grab(), out / "report-settings-dialog.png"))
        pane.dialog.reject()

        recs = window.recommendations_page
        window.show_page(PageId.RECOMMENDATIONS)
        settle(window)
        recs.reveal("r4")
        settle(window)
        written.append(save(window.grab(), out / "recommendation-response.png"))
        recs.responses.action.trigger()
        settle(window)
        dialog = recs.responses.dialog
        assert dialog is not None
        dialog.outcome_radios[ResponseOutcome.REJECTED].setChecked(True)
        dialog.text_edit.setPlainText("The MPS does not accept this recommendation.")
        settle(window)
        written.append(save(dialog.grab(), out / "response-dialog.png"))
        dialog.reject()
        window.close()
    finally:
        services.close()
    return written


def prepare(services: Services, review_id: int) -> str:
    """Paragraphs (until the sample has its own), the report's settings, version 0.1
    for comment with a comment, a reworded and an added paragraph, and version 0.2 for
    the deliberative meeting. The key of the paragraph commented on."""
    from scrutiny_desk.domain.enums import ReportPurpose

    paragraphs = services.report_paragraphs
    if not paragraphs.paragraphs(review_id, "background"):
        for place, text in PARAGRAPHS:
            paragraphs.add(review_id, place, text)
    settings = paragraphs.settings(review_id)
    if settings.submitted_on is None:  # as the seed says: to Full Authority, 31 May 2007
        paragraphs.set_settings(
            review_id,
            settings.version,
            submitted_on=date(2007, 5, 31),
            submitted_to="Full Authority",
        )
    versions = services.report_versions
    made = datetime(2007, 4, 30, 9, 0, tzinfo=UTC)
    versions.make(review_id, ReportPurpose.COMMENT, note="Sent to members", now=made)
    members = services.panel.members(review_id)
    first = paragraphs.paragraphs(review_id, "background")[0]
    versions.add_comment(
        review_id, "0.1", first.key, members[0].key, "Name the boroughs.", date(2007, 5, 3)
    )
    paragraphs.edit(
        first.id,
        first.version,
        text=first.text.replace("tackles", "deals with") + " Three boroughs were visited.",
    )
    paragraphs.add(review_id, "background", "The review began in autumn 2006.", index=0)
    versions.make(
        review_id, ReportPurpose.MEETING, meeting_key="recs", now=made.replace(day=7, month=5)
    )

    return first.key


def take_guide(
    window: MainWindow, out: Path, shot: Callable[[MainWindow, Path], Path]
) -> list[Path]:
    """For the user guide (``tests.ui.help_images``): the Versions tab of the review
    shown, with the sample's own versions (``prepare`` makes some only for a review
    that has none)."""
    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id()
    assert review_id is not None
    if not window.services.report_versions.versions(review_id):
        prepare(window.services, review_id)
    window.show_page(PageId.REPORT)
    page = window.report_page
    assert page.versions is not None
    page.tabs.setCurrentWidget(page.versions)
    page.versions.show_review(review_id)
    page.versions.select("0.1")  # type: ignore[attr-defined]
    return [shot(window, out / "report-versions.png")]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
