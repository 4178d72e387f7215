"""Screenshots of the Recommendations and Follow-up pages and the action plan PDF
(called from tests.ui.screenshots).

The sample's recommendations were due in 2007-08, so "today" is set to 15 April 2008,
when the monitoring stage had some follow-ups overdue and others not yet due; with the
real date every one of them would be overdue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

AS_AT = date(2008, 4, 15)


def take_recommendations(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The Recommendations page with an overdue one selected, the rule shown inline on
    a draft being agreed, the Follow-up page (all, then overdue only) and the action
    plan PDFs (public and panel) beside the screenshots."""
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    recs = window.recommendations_page
    tracker = window.tracker_page
    recs.today = tracker.today = lambda: AS_AT
    recs.show_review(review_id)
    tracker.show_review(review_id)
    window.show_page(PageId.RECOMMENDATIONS)
    settle(window)
    recs.reveal("r3")
    settle(window)
    written = [save(window.grab(), out / "recommendations-page.png")]
    recs.reveal("r5")
    recs.status_combo.setCurrentIndex(recs.status_combo.findData("agreed"))
    settle(window)
    written.append(save(window.grab(), out / "recommendations-rule.png"))
    recs.revert_changes()
    recs.reveal("r2")
    recs.notes_action.trigger()
    settle(window)
    if recs.links_dialog is None:
        raise SystemExit("Pick Notes did not open its dialog")
    recs.links_dialog.search_edit.setText("intelligence")
    recs.links_dialog.run_search()
    settle(window)
    written.append(save(recs.links_dialog.grab(), out / "recommendation-notes-dialog.png"))
    recs.links_dialog.reject()
    window.show_page(PageId.FOLLOW_UP)
    settle(window)
    written.append(save(window.grab(), out / "tracker-page.png"))
    tracker.overdue_check.setChecked(True)
    settle(window)
    written.append(save(window.grab(), out / "tracker-overdue.png"))
    tracker.overdue_check.setChecked(False)
    service = window.services.recommendations
    for audience, name in (
        (Audience.PUBLIC, "action-plan.pdf"),
        (Audience.PANEL, "action-plan-panel.pdf"),
    ):
        written.append(service.export_action_plan(review_id, audience, out / name, AS_AT))
    return written
