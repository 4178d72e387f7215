"""The witness register: add, edit, remove and restore witnesses, their invitation state
and whether they asked to give evidence in private.

Decisions:
- A witness's name, role and organisation are printed under their items in every
  invitation of the meetings they appear in, so changing any of them raises those
  meetings' calendar SEQUENCE. Their e-mail address, invitation state and privacy do
  not change what an invitation says.
- Removing a witness takes them off every agenda item (raising those meetings'
  SEQUENCE) and clears the references to them from evidence and notes; the snapshot
  holds all of it, and restoring puts it back (raising the SEQUENCE again: it never
  goes back).
- Asking to be heard in private does not close anything by itself: ``set_private``
  returns the open items the witness appears under, and the GUI offers to close them
  through the agenda service.
"""

from __future__ import annotations

import builtins

from ..domain.changes import given_changes
from ..domain.enums import InvitationState
from ..domain.errors import Problem, ValidationError
from ..domain.keys import key_problems, new_key
from ..domain.people_records import (
    PrivateChange,
    WitnessChanges,
    WitnessRecord,
    WitnessSnapshot,
    normalised_person,
    person_problems,
)
from ..domain.records import Witness
from ..store import people_edits as store
from ..store import queries
from ..store.db import Database
from ..store.review_edits import raise_sequences

_OPTIONAL = ("role", "organisation", "email")
# Printed in invitations: a change raises the SEQUENCE of the meetings they appear in.
PRINTED_FIELDS = ("name", "role", "organisation")


class WitnessEditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def witnesses(self, review_id: int) -> list[WitnessRecord]:
        """The register in its order, each witness with their appearances."""
        with self.db.reading() as session:
            return store.list_witness_records(session, review_id)

    def witness(self, witness_id: int) -> WitnessRecord:
        with self.db.reading() as session:
            return store.get_witness_record(session, witness_id)

    def find_witness(self, review_id: int, key: str) -> WitnessRecord:
        """The witness with that key now (its id changes when it is restored)."""
        with self.db.reading() as session:
            return store.witness_by_key(session, review_id, key)

    def add_witness(
        self,
        review_id: int,
        name: str,
        role: str | None = None,
        organisation: str | None = None,
        email: str | None = None,
        key: str | None = None,
        *,
        invitation: InvitationState = InvitationState.TO_INVITE,
        private: bool = False,
        position: int | None = None,
    ) -> WitnessRecord:
        """Add a witness at ``position`` (default: the end of the register)."""
        values = normalised_person(
            {"name": name, "role": role, "organisation": organisation, "email": email},
            _OPTIONAL,
        )
        problems = person_problems(values, _OPTIONAL) + _state_problems(
            {"invitation": invitation, "private": private}
        )
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)

            def taken(k: str) -> bool:
                return store.key_taken(session, "witness", review_id, k)

            key = key if key is not None else new_key("witness", taken)
            problems += key_problems(key, taken, "witness")
            if problems:
                raise ValidationError(problems)
            witness = Witness(
                key,
                values["name"],
                values["role"],
                values["organisation"],
                values["email"],
                invitation,
                private,
            )
            witness_id = store.insert_witness(session, review_id, witness, position)
            return store.get_witness_record(session, witness_id)

    def update_witness(
        self, witness_id: int, expected_version: int, changes: WitnessChanges
    ) -> WitnessRecord:
        """Edit a witness read at ``expected_version``; ConflictError if it moved on."""
        return self._update(witness_id, expected_version, given_changes(changes))

    def set_invitation(
        self, witness_id: int, expected_version: int, state: InvitationState
    ) -> WitnessRecord:
        """Where the witness's invitation stands (to invite, invited, confirmed ...)."""
        return self._update(witness_id, expected_version, {"invitation": state})

    def set_private(self, witness_id: int, expected_version: int, private: bool) -> PrivateChange:
        """Record whether the witness asked to give evidence in private. Returns the
        witness and the OPEN items they appear under, which the GUI offers to close."""
        witness = self._update(witness_id, expected_version, {"private": private})
        return PrivateChange(witness, witness.open_appearances)

    def _update(self, witness_id: int, expected: int, given: dict[str, object]) -> WitnessRecord:
        """One action: check the version, then the values, then write."""
        with self.db.writing() as session:
            current = store.checked_witness(session, witness_id, expected)
            new = {
                name: value
                for name, value in normalised_person(given, _OPTIONAL).items()
                if value != getattr(current, name)
            }
            problems = person_problems(new, _OPTIONAL) + _state_problems(new)
            if problems:
                raise ValidationError(problems)
            store.update_witness(session, witness_id, new)
            if any(name in new for name in PRINTED_FIELDS):
                meetings = store.meetings_of_witness(session, witness_id)
                raise_sequences(session, meeting_ids=meetings)
            return store.get_witness_record(session, witness_id)

    def remove_witness(self, witness_id: int, expected_version: int) -> WitnessSnapshot:
        """Remove a witness from the register, every agenda item, their evidence and
        notes; the snapshot restores all of it."""
        with self.db.writing() as session:
            store.checked_witness(session, witness_id, expected_version)
            snapshot = store.witness_snapshot(session, witness_id)
            meetings = store.meetings_of_witness(session, witness_id)
            store.delete_witness(session, witness_id)
            raise_sequences(session, meeting_ids=meetings)
            return snapshot

    def restore_witness(self, snapshot: WitnessSnapshot) -> WitnessRecord:
        """Put a removed witness back where they were, with the same key, on the same
        items and against the same evidence and notes (those deleted since are skipped)."""
        review_id, witness = snapshot.review_id, snapshot.witness
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)
            problems = key_problems(
                witness.key, lambda k: store.key_taken(session, "witness", review_id, k), "witness"
            )
            if problems:
                raise ValidationError(problems)
            witness_id = store.insert_witness(session, review_id, witness, snapshot.position)
            store.restore_witness_links(session, witness_id, snapshot)
            raise_sequences(session, meeting_ids=store.meetings_of_witness(session, witness_id))
            return store.get_witness_record(session, witness_id)

    def move_witness(
        self, witness_id: int, expected_version: int, position: int
    ) -> builtins.list[WitnessRecord]:
        """Move a witness to ``position`` in the register; the register in its new order."""
        with self.db.writing() as session:
            current = store.checked_witness(session, witness_id, expected_version)
            store.move_witness(session, witness_id, position)
            return store.list_witness_records(session, current.review_id)


def _state_problems(values: dict[str, object]) -> list[Problem]:
    problems: list[Problem] = []
    if "invitation" in values and not isinstance(values["invitation"], InvitationState):
        problems.append(Problem("invitation", "must be one of " + ", ".join(InvitationState)))
    if "private" in values and not isinstance(values["private"], bool):
        problems.append(Problem("private", "must be yes or no"))
    return problems
