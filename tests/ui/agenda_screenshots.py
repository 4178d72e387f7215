"""The meeting tabs' cell editors open, taken by ``tests.ui.screenshots``.

On the sample review's draft meeting ("recs") it writes ``agenda-kind-editor.png`` and
``agenda-slot-editor.png`` (an item's kind and start time being edited in the
table), ``minutes-due-date-editor.png`` (an action's due date being typed) and
``minutes-due-date-calendar.png`` (its calendar open; the whole screen under X, since
the calendar is a window of its own). Nothing is saved: the editors are cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_desk.ui.shared.workspace import PageId

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow


def take_cell_editors(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from scrutiny_desk.ui.shared.actions_model import ActionColumn
    from scrutiny_desk.ui.shared.agenda_items_model import AgendaEditColumn
    from scrutiny_desk.ui.shared.due_date_editor import DueDateEditor

    review_id = window.current_review_id()
    recs = window.services.meeting_edits.find(review_id or 0, "recs")
    window.show_page(PageId.MEETINGS)
    window.select_meeting(recs.id)
    written: list[Path] = []

    agenda = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(agenda)
    settle(window)
    for column, name in (
        (AgendaEditColumn.KIND, "agenda-kind-editor.png"),
        (AgendaEditColumn.START, "agenda-slot-editor.png"),
    ):
        index = agenda.model.index(1, column)
        agenda.view.setCurrentIndex(index)
        agenda.view.edit(index)
        settle(window)
        written.append(save(window.grab(), out / name))
        editor = agenda.view.indexWidget(index) or agenda.view.focusWidget()
        QTest.keyClick(editor, Qt.Key.Key_Escape)
        settle(window)

    minutes = window.minutes_tab
    window.meeting_tabs.setCurrentWidget(minutes)
    settle(window)
    added = minutes.actions_model.rowCount() == 0
    if added:
        minutes.add_action_action.trigger()
        settle(window)
        QTest.keyClick(minutes.actions_view.focusWidget(), Qt.Key.Key_Escape)
    index = minutes.actions_model.index(0, ActionColumn.DUE)
    minutes.actions_view.setCurrentIndex(index)
    minutes.actions_view.edit(index)
    settle(window)
    editor = minutes.actions_view.indexWidget(index)
    if not isinstance(editor, DueDateEditor):
        raise SystemExit("the due date has no editor")
    QTest.keyClicks(editor.line, "19/01/2027")
    settle(window)
    written.append(save(window.grab(), out / "minutes-due-date-editor.png"))
    editor.line.clear()
    editor.show_calendar()
    settle(window)
    if QGuiApplication.platformName() != "offscreen":
        screen = window.screen() or QGuiApplication.primaryScreen()
        shot = screen.grabWindow(0)
    else:
        shot = window.grab()
    written.append(save(shot, out / "minutes-due-date-calendar.png"))
    if editor.calendar is not None:
        editor.calendar.close()
    QTest.keyClick(editor.line, Qt.Key.Key_Escape)
    settle(window)
    if added:
        window.workspace.editor.stack.undo()
        settle(window)
    return written
