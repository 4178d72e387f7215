"""Erasing one person's personal data, from the plan to the window after it.

``start`` reads the plan (``PersonalDataService.erasure_plan``) on a worker and shows
it (``EraseDialog``). Nothing is written unless the clerk confirms there; "Go to
Mention" closes it and shows the record instead. Once confirmed, edits still being
typed are saved, then ``erase`` runs on a worker (one transaction, then on SQLite the
index rebuilt and the file vacuumed: it may take a moment). It is not an undo step: it
cannot be undone. Afterwards every undo history is cleared, since the steps in them
hold the erased words and would write them back, and every page reads again.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Signal

from ...domain.personal_data_records import DataSubject, Erased, ErasurePlan
from ..shared.workspace import Workspace
from .erase_dialog import EraseDialog


class Erasure(QObject):
    """``finished(person or None)`` when an erasure ends (None: it failed)."""

    finished = Signal(object)
    #: the erasure was confirmed and has started
    started = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.dialog: EraseDialog | None = None  # the confirmation shown, for tests
        self.busy = False
        self.erased: Erased | None = None  # the last erasure's outcome, for tests
        self.said = ""  # what the last erasure did, in the clerk's words

    def start(self, review_id: int, person: DataSubject) -> None:
        """Read what erasing ``person`` will do, then ask the clerk."""
        if self.busy:
            return
        self.workspace.runner.submit(
            partial(self.workspace.services.personal_data.erasure_plan, review_id, person),
            partial(self._ask, review_id, person),
            partial(self._failed, self.tr("The erasure could not be planned")),
            key="erasure-plan",
        )

    def _ask(self, review_id: int, person: DataSubject, plan: ErasurePlan) -> None:
        dialog = EraseDialog(plan, self.workspace.window)
        dialog.confirmed.connect(partial(self._erase, review_id, person))
        dialog.go_to.connect(self._go_to)
        dialog.finished.connect(partial(self._forget, dialog))
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: EraseDialog, _result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _go_to(self, kind: str, key: str) -> None:
        self.workspace.say(self.tr("Edit the mention, then erase: nothing has been erased."))
        self.workspace.reveal(kind, key)

    def _erase(self, review_id: int, person: DataSubject) -> None:
        editor = self.workspace.editor
        editor.commit_pending()  # a field being typed is saved before, not after
        self.busy = True
        self.started.emit()
        self.workspace.say(self.tr("Erasing the personal data of {name}…").format(name=person.name))
        self.workspace.runner.submit(
            partial(self.workspace.services.personal_data.erase, review_id, person),
            partial(self._erased, person),
            partial(self._failed, self.tr("The personal data could not be erased")),
        )

    def _erased(self, person: DataSubject, erased: Erased) -> None:
        self.busy = False
        self.erased = erased
        editor = self.workspace.editor
        if erased.clear_undo:
            editor.clear_histories()  # no step may write the erased words back
        editor.changed.emit(erased.topics)
        said = self.tr("Erased the personal data of {name}: now “{label}”.").format(
            name=person.name, label=erased.label
        )
        left = len(erased.mentions_left)
        if left:
            said += " " + (
                self.tr("%n mention in free text still names them.", "", left)
                if left == 1
                else self.tr("%n mentions in free text still name them.", "", left)
            )
        self.said = said
        self.workspace.say(said)
        self.finished.emit(person)

    def _failed(self, title: str, exc: Exception) -> None:
        was_erasing = self.busy
        self.busy = False
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)
        if was_erasing:
            self.workspace.editor.reload_all()  # show what the database holds now
        self.finished.emit(None)
