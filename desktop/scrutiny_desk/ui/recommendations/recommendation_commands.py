"""What the Recommendations page's actions do: each one undo step through
``workspace.editor``, calling one service method.

Undo and redo find the recommendation by its key (a deleted and restored one has a new
id) and quote the version read just before; a progress update is found by its
recommendation's key and its position. The pickers for terms of reference and notes,
and the progress dialog, are opened here too: what they save is a command. Kept apart
from the page's layout; ``RecommendationsPage`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ...domain.errors import Problem
from ...domain.note_records import NoteFilter
from ...domain.recommendation_records import ProgressEntry, RecommendationEntry
from ...domain.structure import walk_tor
from ..shared.display import one_line
from .recommendation_editor import changed_values
from .recommendation_links_dialog import Choice, RecommendationLinksDialog
from .recommendation_progress_dialog import (
    ProgressValues,
    RecommendationProgressDialog,
)
from .recommendations_model import status_label

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QTableView

    from ...services.recommendations import RecommendationService
    from ..shared.workspace import Workspace
    from .recommendation_editor import RecommendationEditor
    from .recommendations_model import RecommendationsModel

#: What a recommendation edit changes, for the other views to reload.
#: Notes offered at once in the note picker, and found by one search.
NOTE_CHOICES = 200


class RecommendationCommands:
    """The page's edits; the page provides these."""

    workspace: Workspace
    service: RecommendationService
    today: Callable[[], date]  # what today is, for overdue
    model: RecommendationsModel
    view: QTableView
    editor: RecommendationEditor
    links_dialog: RecommendationLinksDialog | None  # the dialogs open
    progress_dialog: RecommendationProgressDialog | None
    new_action: QAction
    delete_action: QAction
    tor_action: QAction
    notes_action: QAction
    add_progress_action: QAction
    edit_progress_action: QAction
    delete_progress_action: QAction
    _review_id: int | None
    _select_key: str | None  # the recommendation to select when the list is read again
    _shown: RecommendationEntry | None  # the record in the editor

    if TYPE_CHECKING:

        def current(self) -> RecommendationEntry | None: ...

        def current_progress(self) -> ProgressEntry | None: ...

        def select_recommendation(self, key: str) -> bool: ...

        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    # Saving the editor -----------------------------------------------------------------

    def _save(
        self, record: RecommendationEntry, values: dict[str, Any], *, stay: bool = False
    ) -> list[Problem]:
        """Save the changed values as one undo step; ``stay``: keep the selection where
        it is (the clerk has moved on to another recommendation). The editor, which
        shows these values already, then stands for the saved record."""
        forward = changed_values(record, values)
        if not forward:
            return []
        backward = {name: getattr(record, name) for name in forward}
        if "status" in forward and set(forward) == {"status"}:
            text = self.tr("Mark recommendation {number} {status}").format(
                number=record.number, status=status_label(values["status"]).lower()
            )
        else:
            text = self.tr("Edit recommendation {number}").format(number=record.number)

        saved: list[RecommendationEntry] = []

        def apply(changes: dict[str, Any]) -> RecommendationEntry:
            found = self._find(record.key)
            entry = self.service.update(found.id, found.version, **changes, today=self.today())
            saved.append(entry)
            return entry

        problems = self._perform(
            text,
            lambda: apply(forward),
            lambda: apply(backward),
            lambda: apply(forward),
            select=None if stay else record.key,
        )
        shown = self._shown
        if saved and not problems and shown is not None and shown.key == record.key:
            self._shown = saved[0]
        return problems

    # List actions --------------------------------------------------------------------

    def new_recommendation(self) -> None:
        review_id = self._review_id
        if review_id is None or not self.new_action.isEnabled():
            return
        state: dict[str, Any] = {}

        def add() -> RecommendationEntry:
            added = self.service.create(
                review_id, self.tr("New recommendation"), key=state.get("key"), today=self.today()
            )
            state["key"] = added.key
            self._select_key = added.key
            return added

        def undo() -> None:
            found = self._find(state["key"])
            state["snapshot"] = self.service.delete(found.id, found.version)

        result = self.workspace.editor.perform(
            self.tr("Add a recommendation"),
            add,
            undo,
            lambda: self.service.restore(state["snapshot"]),
        )
        if result is not None:
            if not self.select_recommendation(result.key):
                self._select_key = result.key
            self.editor.text_edit.setFocus()
            self.editor.text_edit.selectAll()

    def delete_recommendation(self) -> None:
        record = self.current()
        if record is None or not self.delete_action.isEnabled():
            return
        state: dict[str, Any] = {}

        def delete() -> None:
            found = self._find(record.key)
            state["snapshot"] = self.service.delete(found.id, found.version)

        self._perform(
            self.tr("Delete recommendation {number}").format(number=record.number),
            delete,
            lambda: self.service.restore(state["snapshot"], self.today()),
            delete,
            select=record.key,
        )

    def move_recommendation(self, step: int) -> None:
        record = self.current()
        if record is None or self.workspace.read_only:
            return
        row = self.view.currentIndex().row()
        to = row + step
        if not 0 <= to < self.model.rowCount():
            return

        def move(position: int) -> RecommendationEntry:
            found = self._find(record.key)
            return self.service.move(found.id, found.version, position, self.today())

        self._perform(
            (
                self.tr("Move recommendation {number} up")
                if step < 0
                else self.tr("Move recommendation {number} down")
            ).format(number=record.number),
            lambda: move(to),
            lambda: move(row),
            lambda: move(to),
            select=record.key,
        )

    # Terms of reference and notes ------------------------------------------------------

    def choose_tor(self) -> None:
        record = self._shown
        review_id = self._review_id
        if record is None or review_id is None or not self.tor_action.isEnabled():
            return
        terms = self.workspace.services.reviews.terms_of_reference(review_id)
        choices = [
            Choice(item.key, f"{number} {item.text}", number.count("."))
            for number, item in walk_tor(terms)
        ]
        self.links_dialog = RecommendationLinksDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._set_links, record, "tor"),
            title=self.tr("Terms of Reference"),
            heading=self.tr("Recommendation {number}: the terms of reference it answers").format(
                number=record.number
            ),
            list_label=self.tr("&Terms of reference"),
            choices=choices,
            chosen=[ref.key for ref in record.tor],
        )
        self.links_dialog.finished.connect(lambda _r: setattr(self, "links_dialog", None))
        self.links_dialog.open()

    def choose_notes(self) -> None:
        """Read the notes on the recommendation's terms of reference (off the GUI
        thread), then open the picker with them."""
        record = self._shown
        review_id = self._review_id
        if record is None or review_id is None or not self.notes_action.isEnabled():
            return
        self.workspace.runner.submit(
            partial(self._notes_near, review_id, tuple(ref.key for ref in record.tor)),
            partial(self._open_notes_dialog, record),
            lambda exc: self.workspace.show_error(self.tr("The notes could not be read"), str(exc)),
            key="recommendation-notes",
        )

    def _notes_near(self, review_id: int, tor: tuple[str, ...]) -> list[Choice]:
        """The notes taken on these terms of reference (or any, by words): services only."""
        notes = self.workspace.services.notes
        ids: list[int] = []
        for key in tor:
            ids += notes.ids(review_id, NoteFilter(tor=key))
        return self._note_choices(list(dict.fromkeys(ids)))

    def _note_choices(self, ids: list[int]) -> list[Choice]:
        notes = self.workspace.services.notes
        return [
            Choice(n.key, one_line(n.text, 140), closed=n.closed)
            for n in notes.entries(ids[:NOTE_CHOICES])
        ]

    def _notes_with(self, review_id: int, words: str) -> list[Choice]:
        return self._note_choices(
            self.workspace.services.notes.ids(review_id, NoteFilter(text=words))
        )

    def _open_notes_dialog(self, record: RecommendationEntry, near: list[Choice]) -> None:
        review_id = self._review_id
        if review_id is None or self._shown is None or self._shown.key != record.key:
            return
        chosen = [
            Choice(ref.key, ref.label, closed=ref.key in record.closed_notes)
            for ref in record.notes
        ]

        def search(words: str) -> None:
            dialog = self.links_dialog
            if dialog is None:
                return
            if not words:
                dialog.show_found(words, near)
                return
            self.workspace.runner.submit(
                partial(self._notes_with, review_id, words),
                partial(dialog.show_found, words),
                lambda exc: self.workspace.show_error(
                    self.tr("The notes could not be searched"), str(exc)
                ),
                key="recommendation-note-search",
            )

        self.links_dialog = RecommendationLinksDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._set_links, record, "notes"),
            title=self.tr("Supporting Notes"),
            heading=self.tr(
                "Recommendation {number}: the notes of evidence that support it. Notes taken "
                "on its terms of reference are listed; find others by their words."
            ).format(number=record.number),
            list_label=self.tr("&Notes"),
            choices=[*chosen, *near],
            chosen=[ref.key for ref in record.notes],
            search=search,
        )
        self.links_dialog.finished.connect(lambda _r: setattr(self, "links_dialog", None))
        self.links_dialog.open()

    def _set_links(
        self, record: RecommendationEntry, link: str, keys: tuple[str, ...]
    ) -> list[Problem]:
        before = tuple(ref.key for ref in (record.tor if link == "tor" else record.notes))
        if keys == before:
            return []
        setter = self.service.set_tor if link == "tor" else self.service.set_notes

        def apply(chosen: tuple[str, ...]) -> RecommendationEntry:
            found = self._find(record.key)
            return setter(found.id, found.version, chosen, self.today())

        text = (
            self.tr("Terms of reference of recommendation {number}")
            if link == "tor"
            else self.tr("Supporting notes of recommendation {number}")
        )
        return self._perform(
            text.format(number=record.number),
            lambda: apply(keys),
            lambda: apply(before),
            lambda: apply(keys),
            select=record.key,
        )

    # Progress updates -----------------------------------------------------------------

    def add_progress(self) -> None:
        record = self._shown
        if record is None or not self.add_progress_action.isEnabled():
            return
        self._open_progress_dialog(record, None)

    def edit_progress(self) -> None:
        record, update = self._shown, self.current_progress()
        if record is None or update is None or not self.edit_progress_action.isEnabled():
            return
        self._open_progress_dialog(record, update)

    def _open_progress_dialog(
        self, record: RecommendationEntry, update: ProgressEntry | None
    ) -> None:
        self.progress_dialog = RecommendationProgressDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._save_progress, record, update),
            heading=self.tr("Recommendation {number}: {text}").format(
                number=record.number, text=one_line(record.text, 90)
            ),
            record=update,
            today=self.today(),
        )
        self.progress_dialog.finished.connect(lambda _r: setattr(self, "progress_dialog", None))
        self.progress_dialog.open()

    def _progress_at(self, key: str, position: int) -> ProgressEntry:
        return self._find(key).progress[position]

    def _save_progress(
        self, record: RecommendationEntry, update: ProgressEntry | None, values: ProgressValues
    ) -> list[Problem]:
        key = record.key
        if update is None:
            state: dict[str, Any] = {}

            def add() -> ProgressEntry:
                added = self.service.add_progress(self._find(key).id, values.day, values.text)
                state["position"] = added.position
                return added

            def remove() -> None:
                found = self._progress_at(key, state["position"])
                state["snapshot"] = self.service.delete_progress(found.id, found.version)

            return self._perform(
                self.tr("Progress update on recommendation {number}").format(number=record.number),
                add,
                remove,
                lambda: self.service.restore_progress(state["snapshot"]),
                select=key,
            )
        forward: dict[str, Any] = {}
        if values.day != update.date:
            forward["day"] = values.day
        if values.text != update.text:
            forward["text"] = values.text
        if not forward:
            return []
        backward = {"day": update.date, "text": update.text}
        backward = {k: v for k, v in backward.items() if k in forward}
        where = {"position": update.position}

        def apply(changes: dict[str, Any]) -> ProgressEntry:
            found = self._progress_at(key, where["position"])
            changed = self.service.update_progress(found.id, found.version, **changes)
            where["position"] = changed.position
            return changed

        return self._perform(
            self.tr("Edit a progress update on recommendation {number}").format(
                number=record.number
            ),
            lambda: apply(forward),
            lambda: apply(backward),
            lambda: apply(forward),
            select=key,
        )

    def delete_progress(self) -> None:
        record, update = self._shown, self.current_progress()
        if record is None or update is None or not self.delete_progress_action.isEnabled():
            return
        key, position = record.key, update.position
        state: dict[str, Any] = {}

        def delete() -> None:
            found = self._progress_at(key, position)
            state["snapshot"] = self.service.delete_progress(found.id, found.version)

        self._perform(
            self.tr("Delete a progress update on recommendation {number}").format(
                number=record.number
            ),
            delete,
            lambda: self.service.restore_progress(state["snapshot"]),
            delete,
            select=key,
        )

    def _find(self, key: str) -> RecommendationEntry:
        assert self._review_id is not None
        return self.service.find(self._review_id, key, self.today())

    def _perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any],
        *,
        select: str | None = None,
    ) -> list[Problem]:
        """One undo step; the problems to show beside a dialog's fields, if any."""

        def again(call: Callable[[], Any]) -> Callable[[], Any]:
            def run_again() -> Any:
                self._select_key = select  # show the recommendation the step changed
                return call()

            return run_again

        self._select_key = select
        _result, problems = self.workspace.editor.perform_checked(
            text, do, again(undo), again(redo)
        )
        return problems
