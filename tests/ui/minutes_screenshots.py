"""Screenshots of the Minutes tab's decisions and the review's procedure settings, for
review by eye:

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.minutes_screenshots OUTDIR

On the sample review's draft meeting ("recs"), with two resolutions recorded on its
last item (one voted as counts, one by name) and the times it began and ended, writes
``minutes-decisions.png`` (the tab), ``minutes-resolution-dialog.png`` (a vote by name
being changed), ``minutes-recorded-wording.png`` (the apologies item with its minute
empty: the recorded wording offered), ``minutes-previous-minutes.png`` and
``minutes-agree-question.png`` (Agree Previous Minutes… on the "Minutes of the previous
meeting" item, the previous meeting's minutes reopened for it) and
``review-procedure.png`` (Review Details, Procedure tab). Runs in a throwaway
SCRUTINY_DESK_HOME with the real task runner.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_desk.domain.enums import VoteChoice
from scrutiny_desk.domain.procedure import named_vote
from scrutiny_desk.domain.records import Vote
from tests.ui.screenshots import SIZE, save, settle

if TYPE_CHECKING:
    from scrutiny_desk.services.container import Services


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.minutes_screenshots OUTDIR", file=sys.stderr)
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
        for name in take(out, Path(home) / "screenshots.sqlite3"):
            print(name)
    return 0


def take(out: Path, database: Path) -> list[Path]:
    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.minutes.resolutions_model import ResolutionColumn
    from scrutiny_desk.ui.reviews.review_actions import ReviewActions
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.shared.workspace import PageId
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
        window.load_sample()
        settle(window)
        review_id = window.current_review_id() or 0
        recs = services.meeting_edits.find(review_id, "recs")
        item = services.agenda.find(review_id, "recs-recommendations")
        if not services.resolutions.resolutions(item.id):  # the sample may record them
            add_resolutions(services, item.id)
        times = services.attendees.times(recs.id)
        if times.began is None:
            services.attendees.set_times(
                recs.id, times.version, datetime(2007, 5, 14, 14, 2), datetime(2007, 5, 14, 16, 32)
            )
        apologies = services.agenda.find(review_id, "recs-apologies")
        services.minutes.set_minute(apologies.id, apologies.version, None)
        previous = services.minutes.minutes(services.meeting_edits.find(review_id, "ev4").id)
        if previous.locked:  # to have minutes to agree
            services.minutes.reopen_minutes(previous.meeting_id, previous.version, "To agree them.")

        window.show_page(PageId.MEETINGS)
        window.select_meeting(recs.id)
        tab = window.minutes_tab
        window.meeting_tabs.setCurrentWidget(tab)
        settle(window)
        tab.select_item("recs-recommendations")
        settle(window)
        pane = tab.decisions_pane
        named = next((n for n in range(pane.model.rowCount()) if pane.model.record(n).casts), 0)
        pane.view.setCurrentIndex(pane.model.index(named, ResolutionColumn.TEXT))
        settle(window)
        written.append(save(window.grab(), out / "minutes-decisions.png"))

        pane.edit_action.trigger()
        settle(window)
        dialog = pane.resolution_dialog
        if dialog is None:
            raise SystemExit("the resolution dialog did not open")
        written.append(save(dialog.grab(), out / "minutes-resolution-dialog.png"))
        dialog.reject()
        settle(window)

        tab.select_item("recs-apologies")
        settle(window)
        written.append(save(window.grab(), out / "minutes-recorded-wording.png"))

        tab.select_item("recs-minutes")
        settle(window)
        written.append(save(window.grab(), out / "minutes-previous-minutes.png"))
        pane.agree_action.trigger()
        settle(window)
        if pane.previous_question is not None:
            written.append(save(pane.previous_question.grab(), out / "minutes-agree-question.png"))
            pane.previous_question.reject()
            settle(window)

        actions = ReviewActions(window.workspace, window.shown, window.reviews_model)
        actions.edit_action.trigger()
        settle(window)
        review_dialog = actions.dialog
        if review_dialog is None:
            raise SystemExit("Review Details did not open")
        review_dialog.tabs.setCurrentWidget(review_dialog.procedure)
        settle(window)
        written.append(save(review_dialog.grab(), out / "review-procedure.png"))
        review_dialog.reject()
        window.close()
    finally:
        services.close()
    return written


def add_resolutions(services: Services, item_id: int) -> None:
    """Two resolutions on the item: one voted as counts, one by name."""
    services.resolutions.add_resolution(
        item_id,
        "That the draft recommendations be agreed, subject to the amendments to "
        "recommendations 3 and 7 agreed at the meeting.",
        Vote(5, 0, 1),
    )
    services.resolutions.add_resolution(
        item_id,
        "That the final report be submitted to the Executive for response.",
        named_vote(
            [
                ("sumray", VoteChoice.FOR),
                ("whittaker", VoteChoice.FOR),
                ("barnes", VoteChoice.AGAINST),
                ("howlett", VoteChoice.FOR),
            ]
        ),
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
