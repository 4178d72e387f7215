"""What the Witnesses page's actions do: each one undo step through ``workspace.editor``.

Add, edit, remove, reorder, a new invitation state and the request to be heard in
private are each one step. Undo and redo find the witness by key (a removed and
restored witness has a new id) and quote the version read just before.

When a witness asks to be heard in private while listed under open items, the page
asks whether to close those items (the agenda service closes them): the flag and the
closings are ONE step, whose undo reopens the items and clears the flag.
Kept apart from the page's layout; ``WitnessesPage`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QStatusBar

from ...domain.changes import KEEP, given_changes
from ...domain.enums import InvitationState
from ...domain.errors import Problem, ScrutinyError
from ...domain.people_records import (
    Appearance,
    WitnessChanges,
    WitnessRecord,
)
from ..shared.removal_question import ask_before_removing
from ..shared.witness_dialog import (
    ClosingDetails,
    PrivateAnswer,
    PrivateItemsDialog,
    WitnessDialog,
    WitnessValues,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit

    from ...services.witness_edits import WitnessEditService
    from ..shared.workspace import Workspace
    from .witnesses_model import WitnessesModel


class WitnessCommands:
    """The page's edits; the page provides these."""

    workspace: Workspace
    register: WitnessEditService
    model: WitnessesModel
    filter_edit: QLineEdit
    add_action: QAction
    edit_action: QAction
    remove_action: QAction
    dialog: WitnessDialog | None  # the one open, for tests
    question: PrivateItemsDialog | None  # "Close these items?", for tests
    _review_id: int | None
    _select_key: str | None

    if TYPE_CHECKING:

        def current_witness(self) -> WitnessRecord | None: ...

        def select_witness(self, key: str) -> bool: ...

        def _update_actions(self) -> None: ...

        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    # Actions ------------------------------------------------------------------------------

    def add_witness(self) -> None:
        if not self.add_action.isEnabled():
            return
        self.dialog = WitnessDialog(self.workspace.window, self.workspace.settings, self._add)
        self.dialog.open()

    def edit_witness(self) -> None:
        witness = self.current_witness()
        if witness is None or not self.edit_action.isEnabled():
            return
        self.dialog = WitnessDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._edit, witness),
            record=witness,
        )
        self.dialog.open()

    def remove_witness(self) -> None:
        """Remove the selected witness; when agenda items, notes or evidence name them,
        ask first, saying so."""
        witness = self.current_witness()
        if witness is None or not self.remove_action.isEnabled():
            return
        ask_before_removing(
            self.workspace.window,
            self.tr("Remove Witness"),
            self.tr("Remove the witness “{name}” from the register?").format(name=witness.name),
            lambda: self.workspace.services.removals.of_witness(witness.id),
            partial(self._remove_witness, witness),
            person=True,
        )

    def _remove_witness(self, witness: WitnessRecord) -> None:
        state: dict[str, Any] = {}

        def remove(record: WitnessRecord) -> None:
            state["snapshot"] = self.register.remove_witness(record.id, record.version)

        self._perform(
            self.tr("Remove witness {name}").format(name=witness.name),
            lambda: remove(witness),
            lambda: self.register.restore_witness(state["snapshot"]),
            lambda: remove(self._find(witness.key)),
            select=witness.key,
        )

    def move_witness(self, step: int) -> None:
        witness = self.current_witness()
        if witness is None or self.workspace.read_only:
            return
        row = self.model.row_of_id(witness.id)
        assert row is not None
        to = row + step
        if not 0 <= to < self.model.rowCount() or self.filter_edit.text().strip():
            return

        def move(position: int, record: WitnessRecord | None = None) -> None:
            record = record or self._find(witness.key)
            self.register.move_witness(record.id, record.version, position)

        self._perform(
            (self.tr("Move {name} up") if step < 0 else self.tr("Move {name} down")).format(
                name=witness.name
            ),
            lambda: move(to, witness),
            lambda: move(row),
            lambda: move(to),
            select=witness.key,
        )

    def set_invitation(self, witness: WitnessRecord, state: InvitationState) -> None:
        """One undo step: where this witness's invitation stands."""
        if self.workspace.read_only or state is witness.invitation:
            return
        before = witness.invitation

        def apply(wanted: InvitationState, record: WitnessRecord | None = None) -> None:
            record = record or self._find(witness.key)
            self.register.set_invitation(record.id, record.version, wanted)

        self._perform(
            self.tr("Invitation of {name}: {state}").format(
                name=witness.name, state=self.model.invitation_label(state)
            ),
            lambda: apply(state, witness),
            lambda: apply(before),
            lambda: apply(state),
            select=witness.key,
        )

    def set_private(self, witness: WitnessRecord, private: bool) -> None:
        """Record the request (or its withdrawal); switching it on while the witness is
        under open items asks whether to close them."""
        if self.workspace.read_only or private is witness.private:
            self._update_actions()
            return
        self._change_private(
            witness,
            WitnessChanges(private=private),
            WitnessChanges(private=witness.private),
            self.tr("{name} heard in private").format(name=witness.name)
            if private
            else self.tr("{name} heard in public").format(name=witness.name),
        )

    # Saving the witness dialog ----------------------------------------------------------

    def _add(self, values: WitnessValues) -> list[Problem]:
        review_id = self._review_id
        if review_id is None:
            return []
        state: dict[str, Any] = {}

        def undo() -> None:
            added = self._find(state["key"])
            state["snapshot"] = self.register.remove_witness(added.id, added.version)

        def add() -> WitnessRecord:
            added = self.register.add_witness(
                review_id,
                values.name,
                values.role,
                values.organisation,
                values.email,
                invitation=values.invitation,
                private=values.private,
            )
            state["key"] = added.key
            return added

        return self._perform(
            self.tr("Add witness {name}").format(name=values.name),
            add,
            undo,
            lambda: self.register.restore_witness(state["snapshot"]),
            select_result=True,
        )

    def _edit(self, witness: WitnessRecord, values: WitnessValues) -> list[Problem]:
        names = ("name", "role", "organisation", "email", "invitation", "private")
        forward = WitnessChanges(
            **{
                n: getattr(values, n) if getattr(values, n) != getattr(witness, n) else KEEP
                for n in names
            }
        )
        if forward == WitnessChanges():
            return []
        backward = WitnessChanges(
            **{n: KEEP if getattr(forward, n) is KEEP else getattr(witness, n) for n in names}
        )
        return self._change_private(
            witness,
            forward,
            backward,
            self.tr("Edit witness {name}").format(name=values.name),
            on_cancel=partial(self._edit_again, witness, values),
        )

    def _edit_again(self, witness: WitnessRecord, values: WitnessValues) -> None:
        """The clerk cancelled the question after Save: nothing was saved, so give them
        their dialog back as they left it."""
        self.edit_witness()
        if self.dialog is not None and self.current_witness() == witness:
            self.dialog.set_values(values)

    # The request to be heard in private -----------------------------------------------

    def _change_private(
        self,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        text: str,
        on_cancel: Callable[[], None] | None = None,
    ) -> list[Problem]:
        """Apply ``forward`` as one step; when it switches privacy on and the witness is
        under open items, first ask whether to close them (in the same step)."""
        items = witness.open_appearances
        if forward.private is not True or not items:
            return self._apply_witness_change(witness, forward, backward, text, None, ())

        question = PrivateItemsDialog(self.workspace.window, witness.name, items)
        self.question = question

        def answered() -> None:
            self.question = None
            answer = question.answer()
            if answer is None:
                self._update_actions()  # cancelled: nothing changes, the toggle goes back
                if on_cancel is not None:
                    on_cancel()
                return
            closing = question.details() if answer is PrivateAnswer.CLOSE else None
            self._apply_witness_change(
                witness, forward, backward, text, closing, tuple(a.item_key for a in items)
            )

        question.finished.connect(answered)
        question.open()
        return []

    def _apply_witness_change(
        self,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        text: str,
        closing: ClosingDetails | None,
        item_keys: Sequence[str],
    ) -> list[Problem]:
        review_id = witness.review_id
        agenda = self.workspace.services.agenda
        state: dict[str, list[str]] = {"closed": []}
        notes_closed: dict[str, Sequence[str]] = {}  # item key -> the notes closing it closed

        def reopen(keys: Sequence[str]) -> None:
            for key in reversed(keys):
                item = agenda.find(review_id, key)
                agenda.reopen_item(item.id, item.version, undo_notes=notes_closed.get(key, ()))

        def update(record: WitnessRecord, changes: WitnessChanges) -> WitnessRecord:
            if set(given_changes(changes)) == {"private"}:
                private = changes.private is True
                return self.register.set_private(record.id, record.version, private).witness
            return self.register.update_witness(record.id, record.version, changes)

        def apply(record: WitnessRecord) -> WitnessRecord:
            updated = update(record, forward)
            closed: list[str] = []
            if closing is not None:
                try:
                    for appearance in _to_close(updated.open_appearances, item_keys):
                        closed_item = agenda.close_item(
                            appearance.item_id,
                            appearance.item_version,
                            closing.reason,
                            closing.exemption,
                            None,
                        )
                        notes_closed[appearance.item_key] = closed_item.notes_closed
                        closed.append(appearance.item_key)
                except ScrutinyError:
                    # Put back what this step changed, then say why it failed.
                    reopen(closed)
                    update(self._find(witness.key), backward)
                    raise
            state["closed"] = closed
            return updated

        def undo() -> None:
            reopen(state["closed"])
            update(self._find(witness.key), backward)

        problems = self._perform(
            text,
            lambda: apply(witness),
            undo,
            lambda: apply(self._find(witness.key)),
            select=witness.key,
        )
        if state["closed"]:
            count = len(state["closed"])
            closed = (
                self.tr("closed 1 item")
                if count == 1
                else self.tr("closed {count} items").format(count=count)
            )
            self._say(self.tr("Saved: {text}; {closed}.").format(text=text, closed=closed))
        return problems

    # Helpers ------------------------------------------------------------------------------

    def _find(self, key: str) -> WitnessRecord:
        assert self._review_id is not None
        return self.register.find_witness(self._review_id, key)

    def _say(self, message: str) -> None:
        bar = self.workspace.window.findChild(QStatusBar)
        if bar is not None:
            bar.showMessage(message)

    def _perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any],
        *,
        select: str | None = None,
        select_result: bool = False,
    ) -> list[Problem]:
        """One undo step; the problems to show beside the dialog's fields, if any."""
        chosen: dict[str, str | None] = {"key": select}

        def again(call: Callable[[], Any]) -> Callable[[], Any]:
            def run_again() -> Any:
                self._select_key = chosen["key"]  # show the record the step changed
                return call()

            return run_again

        self._select_key = select
        result, problems = self.workspace.editor.perform_checked(text, do, again(undo), again(redo))
        if problems:
            return problems
        if select_result and isinstance(result, WitnessRecord):
            chosen["key"] = result.key
            self.filter_edit.clear()  # so that the new witness shows
            self._select_key = None if self.select_witness(result.key) else result.key
        return []


def _to_close(open_items: Sequence[Appearance], keys: Sequence[str]) -> list[Appearance]:
    wanted = set(keys)
    return [a for a in open_items if a.item_key in wanted]
