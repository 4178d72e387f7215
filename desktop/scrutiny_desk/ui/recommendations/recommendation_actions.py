"""What the Recommendations page's actions do: each one a named undo step
(``recommendation_steps``) performed through ``workspace.editor``.

The pickers for terms of reference and notes, and the progress dialog, are opened here
too: what they save is a step. The page composes one ``RecommendationActions`` and
gives it a narrow view of itself (``Selection``): the review, the record shown, the
progress update chosen, and where to go once the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject

from ...domain.errors import Problem
from ...domain.note_records import NoteFilter
from ...domain.recommendation_records import ProgressEntry, RecommendationEntry
from ...domain.structure import walk_tor
from ..shared.display import one_line
from ..shared.links_dialog import Choice
from ..shared.links_dialog import LinksDialog as RecommendationLinksDialog
from ..shared.workspace import Workspace
from .recommendation_editor import changed_values
from .recommendation_progress_dialog import ProgressValues, RecommendationProgressDialog
from .recommendation_steps import (
    AddProgress,
    AddRecommendation,
    ChooseSupportingNotes,
    ChooseTermsOfReference,
    DeleteProgress,
    DeleteRecommendation,
    EditProgress,
    EditRecommendation,
    MoveRecommendation,
    RecommendationStep,
    Revealing,
)

#: Notes offered at once in the note picker, and found by one search.
NOTE_CHOICES = 200


class Selection(Protocol):
    """What the actions need of the page."""

    #: what "today" is, for overdue (tests set a fixed day)
    today: Callable[[], date]

    @property
    def review_id(self) -> int | None: ...

    @property
    def shown(self) -> RecommendationEntry | None:
        """The recommendation in the editor."""

    def current_progress(self) -> ProgressEntry | None: ...

    def current_row(self) -> int:
        """The row of the recommendation selected (-1: none)."""

    def row_count(self) -> int: ...

    def show_later(self, key: str | None) -> None:
        """Select this recommendation once the list is read again (None: stay)."""

    def select_recommendation(self, key: str) -> bool: ...


class RecommendationActions(QObject):
    """The page's edits, each one undo step; ``links_dialog`` and ``progress_dialog``
    are the dialogs open (tests reach them)."""

    def __init__(self, workspace: Workspace, page: Selection, parent: QObject | None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.service = workspace.services.recommendations
        self.page = page
        self.links_dialog: RecommendationLinksDialog | None = None
        self.progress_dialog: RecommendationProgressDialog | None = None

    def _writable(self) -> int | None:
        """The review's id if it can be changed, else None."""
        return None if self.workspace.read_only else self.page.review_id

    def _report(self, title: str, exc: Exception) -> None:
        self.workspace.report_error(title, exc)

    def _perform(
        self, step: RecommendationStep, *, stay: bool = False
    ) -> tuple[Any, list[Problem]]:
        """One undo step; its result and the problems to show beside a dialog's fields."""
        return self.workspace.editor.perform_checked(
            Revealing(step, self.page.show_later, stay=stay)
        )

    # Saving the editor -----------------------------------------------------------------

    def save(
        self, record: RecommendationEntry, values: dict[str, Any], *, stay: bool = False
    ) -> tuple[RecommendationEntry | None, list[Problem]]:
        """Save the changed values as one undo step; ``stay``: keep the selection where
        it is (the clerk has moved on to another recommendation). The record saved, if
        it was, and the problems found."""
        review_id = self._writable()
        after = changed_values(record, values)
        if review_id is None or not after:
            return None, []
        before = {name: getattr(record, name) for name in after}
        step = EditRecommendation(
            self.service, review_id, record.key, record.number, before, after, self.page.today()
        )
        return self._perform(step, stay=stay)

    # List actions --------------------------------------------------------------------

    def new_recommendation(self) -> RecommendationEntry | None:
        review_id = self._writable()
        if review_id is None:
            return None
        step = AddRecommendation(
            self.service, review_id, self.tr("New recommendation"), self.page.today()
        )
        added, _problems = self._perform(step)
        return added if isinstance(added, RecommendationEntry) else None

    def delete_recommendation(self) -> None:
        record, review_id = self.page.shown, self._writable()
        if record is None or review_id is None:
            return
        self._perform(
            DeleteRecommendation(
                self.service, review_id, record.key, record.number, self.page.today()
            )
        )

    def move_recommendation(self, by: int) -> None:
        record, review_id = self.page.shown, self._writable()
        if record is None or review_id is None:
            return
        row = self.page.current_row()
        to = row + by
        if row < 0 or not 0 <= to < self.page.row_count():
            return
        self._perform(
            MoveRecommendation(
                self.service, review_id, record.key, record.number, row, to, self.page.today()
            )
        )

    # Terms of reference and notes ------------------------------------------------------

    def choose_tor(self) -> None:
        record, review_id = self.page.shown, self._writable()
        if record is None or review_id is None:
            return
        terms = self.workspace.services.reviews.terms_of_reference(review_id)
        choices = [
            Choice(item.key, f"{number} {item.text}", number.count("."))
            for number, item in walk_tor(terms)
        ]
        self._open_links_dialog(
            RecommendationLinksDialog(
                self.workspace.window,
                self.workspace.settings,
                partial(self._set_links, record, ChooseTermsOfReference),
                title=self.tr("Terms of Reference"),
                heading=self.tr(
                    "Recommendation {number}: the terms of reference it answers"
                ).format(number=record.number),
                list_label=self.tr("&Terms of reference"),
                choices=choices,
                chosen=[ref.key for ref in record.tor],
            )
        )

    def choose_notes(self) -> None:
        """Read the notes on the recommendation's terms of reference (off the GUI
        thread), then open the picker with them."""
        record, review_id = self.page.shown, self._writable()
        if record is None or review_id is None:
            return
        self.workspace.runner.submit(
            partial(self._notes_near, review_id, tuple(ref.key for ref in record.tor)),
            partial(self._open_notes_dialog, record),
            partial(self._report, self.tr("The notes could not be read")),
            key="recommendation-notes",
        )

    def _notes_near(self, review_id: int, tor: tuple[str, ...]) -> list[Choice]:
        """The notes taken on these terms of reference: services only (a worker)."""
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
        review_id, shown = self.page.review_id, self.page.shown
        if review_id is None or shown is None or shown.key != record.key:
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
                partial(self._report, self.tr("The notes could not be searched")),
                key="recommendation-note-search",
            )

        self._open_links_dialog(
            RecommendationLinksDialog(
                self.workspace.window,
                self.workspace.settings,
                partial(self._set_links, record, ChooseSupportingNotes),
                title=self.tr("Supporting Notes"),
                heading=self.tr(
                    "Recommendation {number}: the notes of evidence that support it. Notes "
                    "taken on its terms of reference are listed; find others by their words."
                ).format(number=record.number),
                list_label=self.tr("&Notes"),
                choices=[*chosen, *near],
                chosen=[ref.key for ref in record.notes],
                search=search,
            )
        )

    def _open_links_dialog(self, dialog: RecommendationLinksDialog) -> None:
        self.links_dialog = dialog
        dialog.finished.connect(partial(self._forget_links_dialog, dialog))
        dialog.open()

    def _forget_links_dialog(self, dialog: RecommendationLinksDialog, _result: int) -> None:
        if self.links_dialog is dialog:
            self.links_dialog = None

    def _set_links(
        self,
        record: RecommendationEntry,
        kind: type[ChooseTermsOfReference] | type[ChooseSupportingNotes],
        keys: tuple[str, ...],
    ) -> list[Problem]:
        review_id = self._writable()
        links = record.tor if kind is ChooseTermsOfReference else record.notes
        before = tuple(ref.key for ref in links)
        if review_id is None or keys == before:
            return []
        step = kind(
            self.service, review_id, record.key, record.number, before, keys, self.page.today()
        )
        return self._perform(step)[1]

    # Progress updates -----------------------------------------------------------------

    def add_progress(self) -> None:
        record = self.page.shown
        if record is not None and self._writable() is not None:
            self._open_progress_dialog(record, None)

    def edit_progress(self) -> None:
        record, update = self.page.shown, self.page.current_progress()
        if record is not None and update is not None and self._writable() is not None:
            self._open_progress_dialog(record, update)

    def _open_progress_dialog(
        self, record: RecommendationEntry, update: ProgressEntry | None
    ) -> None:
        dialog = RecommendationProgressDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._save_progress, record, update),
            heading=self.tr("Recommendation {number}: {text}").format(
                number=record.number, text=one_line(record.text, 90)
            ),
            record=update,
            today=self.page.today(),
        )
        self.progress_dialog = dialog
        dialog.finished.connect(partial(self._forget_progress_dialog, dialog))
        dialog.open()

    def _forget_progress_dialog(self, dialog: RecommendationProgressDialog, _r: int) -> None:
        if self.progress_dialog is dialog:
            self.progress_dialog = None

    def _save_progress(
        self, record: RecommendationEntry, update: ProgressEntry | None, values: ProgressValues
    ) -> list[Problem]:
        review_id = self._writable()
        if review_id is None:
            return []
        today = self.page.today()
        if update is None:
            return self._perform(
                AddProgress(
                    self.service,
                    review_id,
                    record.key,
                    record.number,
                    values.day,
                    values.text,
                    today,
                )
            )[1]
        after: dict[str, Any] = {}
        if values.day != update.date:
            after["day"] = values.day
        if values.text != update.text:
            after["text"] = values.text
        if not after:
            return []
        saved = {"day": update.date, "text": update.text}
        before = {name: saved[name] for name in after}
        step = EditProgress(
            self.service,
            review_id,
            record.key,
            record.number,
            update.position,
            before,
            after,
            today,
        )
        return self._perform(step)[1]

    def delete_progress(self) -> None:
        record, update = self.page.shown, self.page.current_progress()
        review_id = self._writable()
        if record is None or update is None or review_id is None:
            return
        self._perform(
            DeleteProgress(
                self.service,
                review_id,
                record.key,
                record.number,
                update.position,
                self.page.today(),
            )
        )
