"""What the Witnesses page's actions do: each one a named undo step (witness_steps.py)
performed through ``workspace.editor``.

The page owns one ``WitnessCommands`` and gives it a narrow view of itself
(``WitnessSelection``): the review shown, the witness selected, and where to go once the
register is read again. The dialogs these open (the witness dialog and "Close these
items?") are kept here while open, for tests.

When a witness asks to be heard in private while listed under open items, the clerk is
asked whether to close those items: the flag and the closings are ONE step
(``ChangeWitness``), whose undo reopens the items and clears the flag.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject

from ...domain.changes import KEEP
from ...domain.enums import InvitationState
from ...domain.errors import Problem
from ...domain.people_records import WitnessChanges, WitnessRecord
from ..shared.commands import Step
from ..shared.removal_question import ask_before_removing
from ..shared.witness_dialog import (
    PrivateAnswer,
    PrivateItemsDialog,
    WitnessDialog,
    WitnessValues,
)
from ..shared.workspace import Workspace
from .witness_steps import (
    AddWitness,
    ChangeWitness,
    Closings,
    EditWitness,
    MoveWitness,
    RemoveWitness,
    SetInvitation,
    SetWitnessPrivate,
)

_FIELDS = ("name", "role", "organisation", "email", "invitation", "private")


class WitnessSelection(Protocol):
    """What the commands need of the page."""

    @property
    def review_id(self) -> int | None: ...

    def current_witness(self) -> WitnessRecord | None: ...

    def select_witness(self, key: str) -> bool: ...

    def show_later(self, key: str | None) -> None:
        """Select this witness once the register is read again (None: stay)."""

    def clear_filter(self) -> None:
        """Show the whole register (so that a new witness shows)."""

    def invitation_label(self, state: InvitationState) -> str: ...

    def update_actions(self) -> None: ...


class WitnessCommands(QObject):
    """The page's edits, each one undo step; ``dialog`` and ``question`` are the
    dialogs open (tests reach them)."""

    def __init__(
        self, workspace: Workspace, page: WitnessSelection, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.services = workspace.services
        self.register = workspace.services.witness_edits
        self.page = page
        self.dialog: WitnessDialog | None = None  # the one open
        self.question: PrivateItemsDialog | None = None  # "Close these items?"

    # Actions ------------------------------------------------------------------------------

    def add(self) -> None:
        self.dialog = WitnessDialog(self.workspace.window, self.workspace.settings, self._add)
        self.dialog.open()

    def edit(self, witness: WitnessRecord) -> None:
        self.dialog = WitnessDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._edit, witness),
            record=witness,
        )
        self.dialog.open()

    def remove(self, witness: WitnessRecord) -> None:
        """Remove this witness; when agenda items, notes or evidence name them, ask
        first, saying so."""
        ask_before_removing(
            self.workspace.window,
            self.tr("Remove Witness"),
            self.tr("Remove the witness “{name}” from the register?").format(name=witness.name),
            lambda: self.services.removals.of_witness(witness.id),
            lambda: self._perform(RemoveWitness(self.register, witness, self.page.show_later)),
            person=True,
        )

    def move(self, witness: WitnessRecord, row: int, to: int) -> None:
        self._perform(MoveWitness(self.register, witness, row, to, self.page.show_later))

    def set_invitation(self, witness: WitnessRecord, state: InvitationState) -> None:
        """One undo step: where this witness's invitation stands."""
        if self.workspace.read_only or state is witness.invitation:
            return
        label = self.page.invitation_label(state)
        self._perform(SetInvitation(self.register, witness, state, label, self.page.show_later))

    def set_private(self, witness: WitnessRecord, private: bool) -> None:
        """Record the request (or its withdrawal); switching it on while the witness is
        under open items asks whether to close them."""
        if self.workspace.read_only or private is witness.private:
            self.page.update_actions()
            return
        self._ask_then_change(
            witness,
            private,
            lambda closings: SetWitnessPrivate(
                self.services, witness, private, self.page.show_later, closings
            ),
        )

    # Saving the witness dialog ----------------------------------------------------------

    def _add(self, values: WitnessValues) -> list[Problem]:
        review_id = self.page.review_id
        if review_id is None:
            return []
        step = AddWitness(self.register, review_id, values, self.page.show_later)
        result, problems = self.workspace.editor.perform_checked(step)
        if isinstance(result, WitnessRecord):
            self.page.clear_filter()  # so that the new witness shows
            self.page.show_later(None if self.page.select_witness(result.key) else result.key)
        return problems

    def _edit(self, witness: WitnessRecord, values: WitnessValues) -> list[Problem]:
        forward = WitnessChanges(
            **{
                n: getattr(values, n) if getattr(values, n) != getattr(witness, n) else KEEP
                for n in _FIELDS
            }
        )
        if forward == WitnessChanges():
            return []
        backward = WitnessChanges(
            **{n: KEEP if getattr(forward, n) is KEEP else getattr(witness, n) for n in _FIELDS}
        )
        return self._ask_then_change(
            witness,
            forward.private is True,
            lambda closings: EditWitness(
                self.services, witness, forward, backward, self.page.show_later, closings
            ),
            on_cancel=partial(self._edit_again, witness, values),
        )

    def _edit_again(self, witness: WitnessRecord, values: WitnessValues) -> None:
        """The clerk cancelled the question after Save: nothing was saved, so give them
        their dialog back as they left it."""
        if self.page.current_witness() != witness:
            return
        self.edit(witness)
        if self.dialog is not None:
            self.dialog.set_values(values)

    # The request to be heard in private -----------------------------------------------

    def _ask_then_change(
        self,
        witness: WitnessRecord,
        goes_private: bool,
        make: Callable[[Closings | None], ChangeWitness],
        on_cancel: Callable[[], None] | None = None,
    ) -> list[Problem]:
        """Perform the step ``make`` gives; when it makes the witness private and they are
        under open items, first ask whether to close them (in the same step)."""
        items = witness.open_appearances
        if not goes_private or not items:
            return self._perform(make(None))

        country = self.workspace.services.review_edits.details(witness.review_id).country
        question = PrivateItemsDialog(self.workspace.window, witness.name, items, country)
        self.question = question

        def answered() -> None:
            self.question = None
            answer = question.answer()
            if answer is None:
                self.page.update_actions()  # cancelled: nothing changes, the toggle goes back
                if on_cancel is not None:
                    on_cancel()
                return
            closings = (
                Closings(question.details(), tuple(a.item_key for a in items))
                if answer is PrivateAnswer.CLOSE
                else None
            )
            self._perform(make(closings))

        question.finished.connect(answered)
        question.open()
        return []

    # Helpers ------------------------------------------------------------------------------

    def _perform(self, step: Step) -> list[Problem]:
        """One undo step; the problems to show beside the dialog's fields, if any."""
        _result, problems = self.workspace.editor.perform_checked(step)
        if isinstance(step, ChangeWitness) and step.closed:
            count = len(step.closed)
            closed = (
                self.tr("closed 1 item")
                if count == 1
                else self.tr("closed {count} items").format(count=count)
            )
            self.workspace.say(
                self.tr("Saved: {text}; {closed}.").format(text=step.text, closed=closed)
            )
        return problems
