"""Publishing papers, taken by ``tests.ui.screenshots`` (issue 16).

On the sample review it writes ``agenda-reports.png`` (the Agenda tab of the draft
recommendations meeting with the findings item's reports listed below the table),
``welsh-titles.png`` (Welsh Titles… of that item), ``papers-settings.png`` (Review
Details' Procedure tab with the papers' language and the body's country),
``publish-urgency.png`` (Publish for the Web… asking the reason for urgency: the
agenda published the Thursday before the Monday meeting gives one clear day),
``published-notice.png`` (where the files went, with Open Folder) and
``pack-dialog.png`` (Export Agenda Pack… with the supplementary pack option). The
publication goes to a temporary folder, removed afterwards; it stamps the draft
meeting's agenda as published in the screenshots' throwaway database.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_desk.ui.shared.workspace import PageId

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow


def wait_for(
    window: MainWindow, settle: Callable[[MainWindow], None], done: Callable[[], bool]
) -> None:
    """Publishing draws two papers through WeasyPrint on the worker: seconds."""
    for _ in range(120):
        if done():
            return
        settle(window)


def take_papers(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    review_id = window.current_review_id() or 0
    recs = window.services.meeting_edits.find(review_id, "recs")
    window.show_page(PageId.MEETINGS)
    window.select_meeting(recs.id)
    window.splitter.setSizes([150, 430])
    tab = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(tab)
    settle(window)
    tab.select_item("recs-findings")
    settle(window)
    written = [save(window.grab(), out / "agenda-reports.png")]

    tab.welsh_action.trigger()
    settle(window)
    welsh = tab.commands.welsh_dialog
    if welsh is None:
        raise SystemExit("Welsh Titles… did not open its dialog")
    welsh.title_cy_edit.setText("Crynodeb o'r dystiolaeth a'r canfyddiadau")
    settle(window)
    written.append(save(welsh.grab(), out / "welsh-titles.png"))
    welsh.reject()

    window.review_actions.edit_action.trigger()
    settle(window)
    details = window.review_actions.dialog
    if details is None:
        raise SystemExit("Review Details did not open")
    details.tabs.setCurrentIndex(details.tabs.indexOf(details.procedure))
    details.procedure.language.language_combo.setCurrentIndex(2)
    details.procedure.language.country_combo.setCurrentIndex(1)
    settle(window)
    written.append(save(details.grab(), out / "papers-settings.png"))
    details.reject()

    # Not yet published, so publishing stamps it (late, today; in good time, in April).
    window.services.meeting_edits.unmark_agenda_published(recs.id, recs.version)
    settle(window)
    folder = Path(tempfile.mkdtemp(prefix="scrutiny-web-"))
    try:
        web = window.web_publishing
        web.choose_folder = lambda _parent, _title, _start: folder / "recs"
        web.opener = lambda _folder: True
        web.today = lambda: recs.start.date().replace(day=10)  # Thursday before: 1 clear day
        # The service's refusal is logged as a warning; here it is expected, and the
        # screenshot run must print nothing.
        tasks_log = logging.getLogger("scrutiny_desk.ui.shared.tasks")
        level = tasks_log.level
        tasks_log.setLevel(logging.ERROR)
        try:
            web.publish_meeting_action.trigger()
            wait_for(window, settle, lambda: web.urgency_dialog is not None)
        finally:
            tasks_log.setLevel(level)
        urgency = web.urgency_dialog
        if urgency is None:
            raise SystemExit(
                "the late agenda did not ask for the reason for urgency "
                f"(enabled {web.publish_meeting_action.isEnabled()}, notice {web.notice})"
            )
        urgency.reason_edit.setPlainText(
            "The panel's response to the consultation is due before its next meeting."
        )
        settle(window)
        written.append(save(urgency.grab(), out / "publish-urgency.png"))
        urgency.reject()  # nothing published, nothing stamped
        settle(window)
        web.today = lambda: recs.start.date().replace(day=1, month=4)  # in good time
        web.publish_meeting_action.trigger()
        wait_for(window, settle, lambda: web.notice is not None)
        if web.notice is None:
            raise SystemExit("publishing did not say where the files went")
        written.append(save(web.notice.grab(), out / "published-notice.png"))
        web.notice.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    window.pack_export.action.trigger()
    settle(window)
    pack = window.pack_export.dialog
    if pack is None:
        raise SystemExit("Export Agenda Pack… did not open its dialog")
    written.append(save(pack.grab(), out / "pack-dialog.png"))
    pack.reject()
    settle(window)
    return written
