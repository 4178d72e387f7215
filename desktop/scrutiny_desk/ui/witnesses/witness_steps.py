"""The Witnesses page's actions as named undo steps (``ui.shared.commands.Step``).

Each holds the witness's review and key and the values before and after, and calls the
witness service (and, to close items for a witness heard in private, the agenda
service). Undo and redo find the witness by key (a removed and restored witness has a
new id); the first run quotes the version the page read, later runs the version now.
After every run the step names the witness to select once the register is read again
(``show``, the page's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ...domain.changes import KEEP, given_changes
from ...domain.enums import InvitationState
from ...domain.errors import ScrutinyError
from ...domain.people_records import (
    Appearance,
    WitnessChanges,
    WitnessRecord,
    WitnessSnapshot,
)
from ...services.container import Services
from ...services.witness_edits import WitnessEditService
from ..shared.commands import Step
from ..shared.witness_dialog import ClosingDetails, WitnessValues

#: Select this witness once the register is read again (None: keep the selection).
Show = Callable[[str | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("WitnessSteps", text)


class _WitnessStep(Step):
    """A step on one witness of a review, found by key."""

    def __init__(
        self, text: str, register: WitnessEditService, witness: WitnessRecord, show: Show
    ) -> None:
        super().__init__(text)
        self.register = register
        self.review_id = witness.review_id
        self.key = witness.key
        self.show = show
        self._first: WitnessRecord | None = witness  # as read: its version is quoted once

    def _record(self) -> WitnessRecord:
        """The witness as the page read it the first time, as it is now after that."""
        first, self._first = self._first, None
        self.show(self.key)
        return first or self.register.find_witness(self.review_id, self.key)


class AddWitness(Step):
    """A new witness at the end of the register; undo removes, redo restores them."""

    def __init__(
        self, register: WitnessEditService, review_id: int, values: WitnessValues, show: Show
    ) -> None:
        super().__init__(_tr("Add witness {name}").format(name=values.name))
        self.register = register
        self.review_id = review_id
        self.values = values
        self.show = show
        self.key: str | None = None
        self.snapshot: WitnessSnapshot | None = None

    def do(self) -> WitnessRecord:
        v = self.values
        added = self.register.add_witness(
            self.review_id,
            v.name,
            v.role,
            v.organisation,
            v.email,
            invitation=v.invitation,
            private=v.private,
        )
        self.key = added.key
        return added

    def undo(self) -> None:
        assert self.key is not None
        self.show(self.key)
        added = self.register.find_witness(self.review_id, self.key)
        self.snapshot = self.register.remove_witness(added.id, added.version)

    def redo(self) -> WitnessRecord:
        assert self.snapshot is not None
        self.show(self.key)
        return self.register.restore_witness(self.snapshot)


class RemoveWitness(_WitnessStep):
    """The witness removed from the register and every agenda; undo restores them
    (same key, same items, evidence and notes)."""

    def __init__(self, register: WitnessEditService, witness: WitnessRecord, show: Show) -> None:
        super().__init__(
            _tr("Remove witness {name}").format(name=witness.name), register, witness, show
        )
        self.snapshot: WitnessSnapshot | None = None

    def do(self) -> WitnessSnapshot:
        record = self._record()
        self.snapshot = self.register.remove_witness(record.id, record.version)
        return self.snapshot

    def undo(self) -> WitnessRecord:
        assert self.snapshot is not None
        self.show(self.key)
        return self.register.restore_witness(self.snapshot)


class MoveWitness(_WitnessStep):
    """The witness moved from one place in the register to another (0-based)."""

    def __init__(
        self,
        register: WitnessEditService,
        witness: WitnessRecord,
        from_row: int,
        to_row: int,
        show: Show,
    ) -> None:
        text = _tr("Move {name} up") if to_row < from_row else _tr("Move {name} down")
        super().__init__(text.format(name=witness.name), register, witness, show)
        self.from_row, self.to_row = from_row, to_row

    def _move(self, position: int) -> list[WitnessRecord]:
        record = self._record()
        return self.register.move_witness(record.id, record.version, position)

    def do(self) -> list[WitnessRecord]:
        return self._move(self.to_row)

    def undo(self) -> list[WitnessRecord]:
        return self._move(self.from_row)


class SetInvitation(_WitnessStep):
    """Where the witness's invitation stands, before and after."""

    def __init__(
        self,
        register: WitnessEditService,
        witness: WitnessRecord,
        state: InvitationState,
        label: str,
        show: Show,
    ) -> None:
        super().__init__(
            _tr("Invitation of {name}: {state}").format(name=witness.name, state=label),
            register,
            witness,
            show,
        )
        self.before, self.after = witness.invitation, state

    def _apply(self, state: InvitationState) -> WitnessRecord:
        record = self._record()
        return self.register.set_invitation(record.id, record.version, state)

    def do(self) -> WitnessRecord:
        return self._apply(self.after)

    def undo(self) -> WitnessRecord:
        return self._apply(self.before)


@dataclass(frozen=True)
class Closings:
    """Close these open items the witness is heard under, for this reason."""

    details: ClosingDetails
    item_keys: tuple[str, ...]


class ChangeWitness(_WitnessStep):
    """Changes to a witness's details (``forward``; ``backward`` puts them back) and,
    when the witness asked to be heard in private and the clerk chose to, the closing
    of the open items they are heard under: ONE step, whose undo reopens those items
    (and the notes closing them closed) and puts the details back."""

    def __init__(
        self,
        text: str,
        services: Services,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        show: Show,
        closings: Closings | None,
    ) -> None:
        super().__init__(text, services.witness_edits, witness, show)
        self.agenda = services.agenda
        self.forward, self.backward = forward, backward
        self.closings = closings
        self.closed: list[str] = []  # the items this step closed, in order
        self._notes_closed: dict[str, Sequence[str]] = {}  # item key -> notes it closed

    def do(self) -> WitnessRecord:
        updated = self._update(self._record(), self.forward)
        closed: list[str] = []
        if self.closings is not None:
            details = self.closings.details
            try:
                for appearance in _to_close(updated.open_appearances, self.closings.item_keys):
                    closed_item = self.agenda.close_item(
                        appearance.item_id,
                        appearance.item_version,
                        details.reason,
                        details.exemption,
                        None,
                    )
                    self._notes_closed[appearance.item_key] = closed_item.notes_closed
                    closed.append(appearance.item_key)
            except ScrutinyError:
                # Put back what this step changed, then say why it failed.
                self._reopen(closed)
                self._update(self.register.find_witness(self.review_id, self.key), self.backward)
                raise
        self.closed = closed
        return updated

    def undo(self) -> None:
        self._reopen(self.closed)
        self._update(self._record(), self.backward)

    def _update(self, record: WitnessRecord, changes: WitnessChanges) -> WitnessRecord:
        if set(given_changes(changes)) == {"private"}:
            private = changes.private is True
            return self.register.set_private(record.id, record.version, private).witness
        return self.register.update_witness(record.id, record.version, changes)

    def _reopen(self, keys: Sequence[str]) -> None:
        for key in reversed(keys):
            item = self.agenda.find(self.review_id, key)
            self.agenda.reopen_item(
                item.id, item.version, undo_notes=self._notes_closed.get(key, ())
            )


class EditWitness(ChangeWitness):
    """The witness dialog saved: the fields changed, before and after (``ChangeWitness``)."""

    def __init__(
        self,
        services: Services,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        show: Show,
        closings: Closings | None = None,
    ) -> None:
        name = witness.name if forward.name is KEEP else forward.name
        super().__init__(
            _tr("Edit witness {name}").format(name=name),
            services,
            witness,
            forward,
            backward,
            show,
            closings,
        )


class SetWitnessPrivate(ChangeWitness):
    """The request to be heard in private made or withdrawn (``ChangeWitness``)."""

    def __init__(
        self,
        services: Services,
        witness: WitnessRecord,
        private: bool,
        show: Show,
        closings: Closings | None = None,
    ) -> None:
        text = _tr("{name} heard in private") if private else _tr("{name} heard in public")
        super().__init__(
            text.format(name=witness.name),
            services,
            witness,
            WitnessChanges(private=private),
            WitnessChanges(private=witness.private),
            show,
            closings,
        )


def _to_close(open_items: Sequence[Appearance], keys: Sequence[str]) -> list[Appearance]:
    wanted = set(keys)
    return [a for a in open_items if a.item_key in wanted]
