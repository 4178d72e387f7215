"""The Recommendations page: the review's recommendations in their order, and an editor
for the one selected.

The editor holds the text, lead, due date, status and response, saved field by field
as the rest of the app saves: a line or a date when it is left, several lines after a
pause in typing, a choice at once; each change one undo step. An edit still being
typed is saved when the page is hidden, when the review changes and when the window
closes (``Editor.committing``). The rule the services keep holds here before anything
is saved: from "agreed" on a recommendation needs a lead and a due date, so choosing
such a status without them shows the message beside the fields and waits for them
(the other fields are saved meanwhile). What still breaks a rule when the clerk moves
on is put back, and the status bar says so; Esc puts back what is not saved yet.

The terms of reference and supporting notes are chosen in a dialog, and dated progress
updates are added, edited and deleted under the editor: each one undo step. New,
Delete and Move Up/Down (Ctrl+Up/Down) work on the list. Undo and redo find the
recommendation by its key and quote the version read just before.

The page holds the list, the selection and what the editor may do, and composes the
form (``RecommendationEditor``, recommendation_editor.py) and what the actions do
(``RecommendationActions``, recommendation_actions.py), each action one named undo
step (recommendation_steps.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.recommendation_records import ProgressEntry, RecommendationEntry
from ...domain.topics import Topic, Topics
from ..audit.history_action import add_history
from ..shared.common import action_buttons
from ..shared.field_commits import FieldCommits
from ..shared.links_dialog import LinksDialog as RecommendationLinksDialog
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .clamped_text import ClampedTextDelegate
from .recommendation_actions import RecommendationActions
from .recommendation_editor import FIELDS, RecommendationEditor, changed_values
from .recommendation_progress_dialog import RecommendationProgressDialog
from .recommendations_model import RecommendationColumn, RecommendationsModel
from .response_actions import ResponseActions


class RecommendationsPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {Topic.REVIEW, Topic.RECOMMENDATIONS, Topic.TERMS, Topic.NOTES, Topic.REPORT}
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationsPage")
        self.workspace = workspace
        self.service = workspace.services.recommendations
        #: What "today" is, for overdue (tests set a fixed day).
        self.today: Callable[[], date] = date.today
        self._review_id: int | None = None
        self._select_key: str | None = None
        self._shown: RecommendationEntry | None = None  # the record in the editor
        #: While the list is read again: the record whose unsaved fields stay as typed.
        self._keep: tuple[str, frozenset[str]] | None = None
        #: The recommendation whose details were opened last (a reload keeps the scroll).
        self._opened_key: str | None = None
        self.edits = RecommendationActions(workspace, self, self)

        self.model = RecommendationsModel(self)
        self.view = record_table(
            self.model,
            self.tr("Recommendations"),
            {
                RecommendationColumn.NUMBER: FIT,
                RecommendationColumn.TEXT: STRETCH,
                RecommendationColumn.LEAD: FIT,
                RecommendationColumn.DUE: FIT,
                RecommendationColumn.STATUS: FIT,
            },
        )
        self.view.setObjectName("recommendationsView")
        header = self.view.horizontalHeader()
        # The text has the room: the lead and the status wrap in narrow columns.
        for column, width in (
            (RecommendationColumn.LEAD, 130),
            (RecommendationColumn.STATUS, 110),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # A recommendation is read, not scanned: its text wraps over a few lines, at
        # most three; the whole of it is in the tooltip and the editor.
        self.view.setWordWrap(True)
        self.view.setItemDelegateForColumn(
            RecommendationColumn.TEXT, ClampedTextDelegate(self.view)
        )
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.list_pane = QWidget()
        self._build_list_actions()
        list_layout = QVBoxLayout(self.list_pane)
        list_layout.setContentsMargins(8, 8, 4, 8)
        list_layout.addWidget(caption(self.tr("Recommendation&s"), self.view))
        list_layout.addLayout(
            action_buttons(
                [self.new_action, self.delete_action, None, self.up_action, self.down_action]
            )
        )
        list_layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("recommendationsSummary")
        list_layout.addWidget(self.summary)

        self._build_editor()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("recommendationsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.editor_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        chain = [self.view, *self.editor.tab_chain()]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self._present(None)
        self._update_actions()

    # Building ----------------------------------------------------------------------

    def _action(
        self,
        text: str,
        tip: str,
        slot: Callable[[], Any],
        keys: str = "",
        owner: QWidget | None = None,
    ) -> QAction:
        made = QAction(text, self)
        made.setStatusTip(tip)
        made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})" if keys else tip)
        if keys:
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: slot())
        (owner or self).addAction(made)
        return made

    def _build_list_actions(self) -> None:
        pane = self.list_pane
        self.new_action = self._action(
            self.tr("&New"),
            self.tr("Add a draft recommendation at the end of the list"),
            self.new_recommendation,
            "Ins",
            pane,
        )
        self.delete_action = self._action(
            self.tr("&Delete"),
            self.tr("Delete the selected recommendation with its progress updates"),
            self.edits.delete_recommendation,
            "Del",
            pane,
        )
        self.up_action = self._action(
            self.tr("Move &Up"),
            self.tr("Move the selected recommendation up the list (it is renumbered)"),
            partial(self.edits.move_recommendation, -1),
            "Ctrl+Up",
            pane,
        )
        self.down_action = self._action(
            self.tr("Move D&own"),
            self.tr("Move the selected recommendation down the list (it is renumbered)"),
            partial(self.edits.move_recommendation, 1),
            "Ctrl+Down",
            pane,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(
            [self.new_action, self.delete_action, self.up_action, self.down_action]
        )
        add_history(self.view, self.workspace, "recommendations", self.current)

    def _build_editor(self) -> None:
        self.editor = RecommendationEditor()
        self.editor.edited.connect(self._on_editor_edited)
        # The editor's controls, by the names the page has always offered.
        self.heading = self.editor.heading
        self.text_edit = self.editor.text_edit
        self.lead_edit = self.editor.lead_edit
        self.due_edit = self.editor.due_edit
        self.status_combo = self.editor.status_combo
        self.response_edit = self.editor.response_edit
        self.problems = self.editor.problems
        self.tor_list = self.editor.tor_list
        self.notes_list = self.editor.notes_list
        self.progress_table = self.editor.progress_table

        editor = self.editor
        self.commits = FieldCommits(self.commit_field, lambda: editor.filling, self)
        for name, widget in (
            ("text", self.text_edit),
            ("lead", self.lead_edit),
            ("due", self.due_edit),
            ("status", self.status_combo),
            ("response", self.response_edit),
        ):
            self.commits.watch(name, widget)
        self.workspace.editor.committing.connect(self.flush)
        self.revert_action = self._action(
            self.tr("Put Back"),
            self.tr("Put back the saved values of the fields not saved yet"),
            self.revert_changes,
            "Esc",
            editor,
        )
        self.tor_action = self._action(
            self.tr("Choose Ter&ms of Reference…"),
            self.tr("Choose the terms-of-reference items this recommendation answers"),
            self.edits.choose_tor,
            "",
            editor,
        )
        self.notes_action = self._action(
            self.tr("P&ick Notes…"),
            self.tr("Choose the notes of evidence that support this recommendation"),
            self.edits.choose_notes,
            "",
            editor,
        )
        self._build_progress_actions()
        editor.tor_buttons.addLayout(action_buttons([self.tor_action]))
        editor.notes_buttons.addLayout(action_buttons([self.notes_action]))
        editor.progress_buttons.addLayout(
            action_buttons(
                [self.add_progress_action, self.edit_progress_action, self.delete_progress_action]
            )
        )
        self.responses = ResponseActions(
            self.workspace, lambda: self._review_id, lambda: self.today()
        )
        editor.response_row.addWidget(self.responses.label)
        editor.response_row.addLayout(action_buttons([self.responses.action]))
        self.editor_scroll = QScrollArea()
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setWidget(editor)
        self.editor_scroll.setMinimumWidth(400)
        self.due_edit.today = lambda: self.today()  # the calendar opens at this month

    def _build_progress_actions(self) -> None:
        table = self.progress_table
        table.itemSelectionChanged.connect(self._update_actions)
        table.itemActivated.connect(lambda _i: self.edits.edit_progress())
        self.add_progress_action = self._action(
            self.tr("Add Update…"),
            self.tr("Record a dated progress update on this recommendation"),
            self.edits.add_progress,
            "",
            self.editor,
        )
        self.edit_progress_action = self._action(
            self.tr("Edit Update…"),
            self.tr("Change the selected progress update (Enter)"),
            self.edits.edit_progress,
            "",
            self.editor,
        )
        self.delete_progress_action = self._action(
            self.tr("Delete Update"),
            self.tr("Delete the selected progress update"),
            self.edits.delete_progress,
            "",
            self.editor,
        )
        # Ins and Del act on the progress table while it has the focus.
        for action, keys in (
            (self.add_progress_action, "Ins"),
            (self.delete_progress_action, "Del"),
        ):
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(f"{action.statusTip()} ({QKeySequence(keys).toString()})")
            table.addAction(action)
        table.addAction(self.edit_progress_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # Page protocol ------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        if review_id != self._review_id:
            self.flush()  # in the review it was typed in
        self._review_id = review_id
        self._select_key = None
        self._shown = None
        if review_id is None:
            self.workspace.runner.discard("recommendations")
            self.model.set_rows([])
            self._present(None)
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            current = self.current()
            if self._select_key is None and current is not None:
                self._select_key = current.key
            self._load()

    def reveal(self, key: str) -> bool:
        """Select the recommendation with this key, scroll to it and focus the list."""
        if not self.select_recommendation(key):
            self._select_key = key  # still loading: select it when it arrives
            return False
        self.view.scrollTo(self.view.currentIndex())
        self.view.setFocus()
        return True

    # What is shown ---------------------------------------------------------------------

    @property
    def review_id(self) -> int | None:
        return self._review_id

    @property
    def shown(self) -> RecommendationEntry | None:
        """The recommendation in the editor."""
        return self._shown

    def current_row(self) -> int:
        return self.view.currentIndex().row() if self._shown is not None else -1

    def row_count(self) -> int:
        return self.model.rowCount()

    def show_later(self, key: str | None) -> None:
        """Select this recommendation once the list is read again (None: stay)."""
        self._select_key = key

    @property
    def links_dialog(self) -> RecommendationLinksDialog | None:
        """The terms-of-reference or notes picker, while it is open."""
        return self.edits.links_dialog

    @property
    def progress_dialog(self) -> RecommendationProgressDialog | None:
        """The progress update dialog, while it is open."""
        return self.edits.progress_dialog

    def current(self) -> RecommendationEntry | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_recommendation(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, RecommendationColumn.TEXT))
        return True

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        self.workspace.runner.submit(
            partial(self.service.list, review_id, self.today()),
            partial(self._on_loaded, review_id),
            self._load_failed,
            key="recommendations",
        )

    def _load_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The recommendations could not be read"), exc)

    def _on_loaded(self, review_id: int, records: list[RecommendationEntry]) -> None:
        if review_id != self._review_id:
            return
        wanted = self._select_key or (r.key if (r := self.current()) else None)
        self._select_key = None
        # Edits not saved yet stay in the editor when the same record comes back.
        shown = self._shown
        pending = changed_values(shown, self.editor.values()) if shown is not None else {}
        if shown is not None and pending:
            self._keep = (shown.key, frozenset(pending))
        self._shown = None  # the fresh record replaces what the editor showed
        try:
            self.model.set_rows(records)
            if not (wanted and self.select_recommendation(wanted)) and records:
                self.view.setCurrentIndex(self.model.index(0, RecommendationColumn.TEXT))
            if not records:
                self._present(None)
        finally:
            self._keep = None
        fresh = self.current()
        if pending and shown is not None and fresh is not None and fresh.key == shown.key:
            self.editor.put_values(pending)
            self._check()
        overdue = sum(1 for r in records if r.overdue)
        text = (
            self.tr("1 recommendation")
            if len(records) == 1
            else self.tr("{n} recommendations").format(n=len(records))
        )
        if overdue:
            text += " · " + self.tr("{n} overdue").format(n=overdue)
        self.summary.setText(text)
        self._update_actions()

    def _on_current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        leaving = self._shown
        if leaving is not None and self.is_dirty():
            savable, unsaved = self._save_what_can_be(leaving, None)
            if savable:
                QTimer.singleShot(0, self, partial(self._save, leaving, savable, stay=True))
            if unsaved:
                QTimer.singleShot(0, self, partial(self.workspace.say, unsaved))  # after "Saved: …"
        record = self.model.record(current.row()) if current.isValid() else None
        self._present(record)
        self._update_actions()

    def _present(self, record: RecommendationEntry | None) -> None:
        """Fill the editor from the record (None: nothing to edit)."""
        self._shown = record
        self.commits.forget()
        self.responses.show(record)
        if record is None:
            self.editor.show_record(
                None,
                self._empty_heading(),
            )
            return
        keep = self._keep
        self.editor.show_record(record, keep=keep[1] if keep and keep[0] == record.key else ())
        if record.key != self._opened_key:  # another one: its details open at the top
            self._opened_key = record.key
            self.editor_scroll.verticalScrollBar().setValue(0)
        self._check()

    def _empty_heading(self) -> str:
        """What the editor says with no recommendation in it: never to press a button
        that is off."""
        if self._review_id is None or self.model.rowCount() > 0:
            return self.tr("Choose a recommendation to edit it.")
        if self.workspace.read_only:
            return self.tr("No recommendations in this review.")
        return self.tr("No recommendations yet: press New to add the first.")

    def current_progress(self) -> ProgressEntry | None:
        return self.editor.chosen_progress(self._shown)

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self._review_id is not None
        record = self._shown
        row = self.view.currentIndex().row() if record else -1
        self.new_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and record is not None)
        self.up_action.setEnabled(writable and row > 0)
        self.down_action.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)
        for action in (self.tor_action, self.notes_action, self.add_progress_action):
            action.setEnabled(writable and record is not None)
        chosen = self.current_progress() is not None
        self.edit_progress_action.setEnabled(writable and chosen)
        self.delete_progress_action.setEnabled(writable and chosen)
        self.editor.set_writable(writable)
        self._check()

    # The editor -------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        record = self._shown
        return record is not None and bool(changed_values(record, self.editor.values()))

    def _problems(self, values: dict[str, Any]) -> list[Problem]:
        return self.service.validate(
            values["text"], values["lead"], values["due"], values["status"], values["response"]
        )

    def _on_editor_edited(self) -> None:
        self._check()

    def _check(self) -> bool:
        """Show each problem beside its field; True when nothing is wrong."""
        if self._shown is None:
            self.editor.show_problems([])
            self.revert_action.setEnabled(False)
            return False
        problems = self._problems(self.editor.values())
        self.editor.show_problems(problems)
        self.revert_action.setEnabled(self.is_dirty())
        return not problems

    def revert_changes(self) -> None:
        """Put back the saved values of the fields not saved yet."""
        self._present(self._shown)

    # Saving field by field ------------------------------------------------------------

    def commit_field(self, name: str | None) -> None:
        """The clerk is done with field ``name`` (None: with every field): save what
        changed, as one step, if it breaks no rule; what does stays, with its message."""
        record = self._shown
        if record is None or self.workspace.read_only or not self.is_dirty():
            return
        savable, unsaved = self._save_what_can_be(record, name)
        if savable:
            self._save(record, savable)
        if unsaved:
            self.workspace.say(unsaved)

    def flush(self) -> None:
        """Save now what is typed but not saved (the page hides, the review changes, the
        window closes)."""
        self.commits.flush()

    def _save_what_can_be(
        self, record: RecommendationEntry, name: str | None
    ) -> tuple[dict[str, Any], str]:
        """Of the fields changed, those that can be saved: all of them if together they
        break no rule, else the field just left alone, else (``name`` None) as many as
        together break none. With them, when the clerk moves on (``name`` None) and
        something is left out, what to tell them ("" otherwise)."""
        values = self.editor.values()
        pending = changed_values(record, values)
        saved = {field: getattr(record, field) for field in FIELDS}

        def fine(changes: dict[str, Any]) -> bool:
            return not self._problems({**saved, **changes})

        if fine(pending):
            return pending, ""
        if name is not None:  # the message is beside the field
            alone = {name: pending[name]} if name in pending else {}
            return (alone if alone and fine(alone) else {}), ""
        chosen: dict[str, Any] = {}
        for field in FIELDS:
            if field in pending and fine({**chosen, field: pending[field]}):
                chosen[field] = pending[field]
        problem = self._problems({**saved, **pending})[0].message
        unsaved = (
            self.tr("Not every change to recommendation {number} was saved: {problem}.")
            if chosen
            else self.tr("The changes to recommendation {number} were not saved: {problem}.")
        )
        return chosen, unsaved.format(number=record.number, problem=problem)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # switching page loses nothing
        super().hideEvent(event)

    def _save(
        self, record: RecommendationEntry, values: dict[str, Any], *, stay: bool = False
    ) -> None:
        """Save the changed values as one undo step; the editor, which shows them
        already, then stands for the saved record."""
        saved, problems = self.edits.save(record, values, stay=stay)
        shown = self._shown
        if saved is not None and not problems and shown is not None and shown.key == record.key:
            self._shown = saved

    def new_recommendation(self) -> None:
        """Add a draft at the end, select it and put the cursor in its text."""
        added = self.edits.new_recommendation()
        if added is not None:
            if not self.select_recommendation(added.key):
                self._select_key = added.key
            self.editor.text_edit.setFocus()
            self.editor.text_edit.selectAll()
