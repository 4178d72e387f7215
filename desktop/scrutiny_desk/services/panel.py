"""The panel of a review: its members, their roles and e-mail addresses.

A panel has at most one chair. Giving a member the chair's role while someone else
holds it is refused, naming the chair; ``make_chair`` does the handover (the old chair
becomes a member) as one action. Members' attendance is recorded elsewhere, but
removing a member takes their attendance records with them, and restoring puts them
back.
"""

from __future__ import annotations

import builtins

from ..domain.changes import given_changes
from ..domain.enums import MemberRole
from ..domain.errors import Problem, ValidationError
from ..domain.keys import key_problems, new_key
from ..domain.people_records import (
    ChairChange,
    MemberChanges,
    MemberRecord,
    MemberSnapshot,
    normalised_person,
    person_problems,
)
from ..domain.records import Member
from ..store import interest_edits, queries, resolution_edits
from ..store import people_edits as store
from ..store.db import Database

_OPTIONAL = ("email",)


class PanelService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def members(self, review_id: int) -> list[MemberRecord]:
        """The panel in its order."""
        with self.db.reading() as session:
            return store.list_members(session, review_id)

    def member(self, member_id: int) -> MemberRecord:
        with self.db.reading() as session:
            return store.get_member(session, member_id)

    def find_member(self, review_id: int, key: str) -> MemberRecord:
        """The member with that key now (its id changes when it is restored)."""
        with self.db.reading() as session:
            return store.member_by_key(session, review_id, key)

    def add_member(
        self,
        review_id: int,
        name: str,
        role: MemberRole = MemberRole.MEMBER,
        email: str | None = None,
        key: str | None = None,
        *,
        position: int | None = None,
    ) -> MemberRecord:
        """Add a member at ``position`` (default: the end of the panel)."""
        values = normalised_person({"name": name, "role": role, "email": email}, _OPTIONAL)
        problems = person_problems(values, _OPTIONAL) + _role_problems(values)
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)

            def taken(k: str) -> bool:
                return store.key_taken(session, "member", review_id, k)

            key = key if key is not None else new_key("member", taken)
            problems += key_problems(key, taken, "panel member")
            if values["role"] is MemberRole.CHAIR:
                problems += _chair_problems(store.chair(session, review_id))
            if problems:
                raise ValidationError(problems)
            member = Member(key, values["name"], values["role"], values["email"])
            member_id = store.insert_member(session, review_id, member, position)
            return store.get_member(session, member_id)

    def update_member(
        self, member_id: int, expected_version: int, changes: MemberChanges
    ) -> MemberRecord:
        """Edit a member read at ``expected_version``. Making them chair while another
        member is chair is refused naming the chair (``make_chair`` does both)."""
        with self.db.writing() as session:
            current = store.checked_member(session, member_id, expected_version)
            new = {
                name: value
                for name, value in normalised_person(given_changes(changes), _OPTIONAL).items()
                if value != getattr(current, name)
            }
            problems = person_problems(new, _OPTIONAL) + _role_problems(new)
            if new.get("role") is MemberRole.CHAIR:
                problems += _chair_problems(store.chair(session, current.review_id))
            if problems:
                raise ValidationError(problems)
            store.update_member(session, member_id, new)
            return store.get_member(session, member_id)

    def make_chair(
        self, member_id: int, expected_version: int, demote_to: MemberRole = MemberRole.MEMBER
    ) -> ChairChange:
        """Make this member chair in one step; the chair before becomes ``demote_to``
        (a member, unless an undo says otherwise)."""
        if demote_to is MemberRole.CHAIR or not isinstance(demote_to, MemberRole):
            raise ValidationError(
                Problem("role", "the former chair must become a vice-chair or a member")
            )
        with self.db.writing() as session:
            current = store.checked_member(session, member_id, expected_version)
            old = store.chair(session, current.review_id)
            if old is not None and old.id == member_id:
                return ChairChange(current, MemberRole.CHAIR, None)
            if old is not None:
                store.update_member(session, old.id, {"role": demote_to})
            store.update_member(session, member_id, {"role": MemberRole.CHAIR})
            return ChairChange(
                chair=store.get_member(session, member_id),
                previous_role=current.role,
                demoted=None if old is None else store.get_member(session, old.id),
            )

    def remove_member(self, member_id: int, expected_version: int) -> MemberSnapshot:
        """Remove a member with their attendance records and register of interests; the
        snapshot restores them. Refused while a meeting's minutes name the member (a
        declaration, a vote by name, a substitute attending for them), naming it."""
        with self.db.writing() as session:
            member = store.checked_member(session, member_id, expected_version)
            if named := resolution_edits.meetings_naming_member(session, member_id):
                raise ValidationError(
                    [
                        Problem(
                            "member",
                            f'{member.name} is named in the minutes of "{title}": {what}; '
                            "change that first",
                        )
                        for title, what in named
                    ]
                )
            snapshot = store.member_snapshot(session, member_id)
            store.delete_member(session, member_id)
            return snapshot

    def restore_member(self, snapshot: MemberSnapshot) -> MemberRecord:
        """Put a removed member back where they were, with the same key and their
        attendance records (meetings deleted since are skipped)."""
        review_id, member = snapshot.review_id, snapshot.member
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)
            problems = key_problems(
                member.key,
                lambda k: store.key_taken(session, "member", review_id, k),
                "panel member",
            )
            if member.role is MemberRole.CHAIR:
                problems += _chair_problems(store.chair(session, review_id))
            if problems:
                raise ValidationError(problems)
            member_id = store.insert_member(session, review_id, member, snapshot.position)
            store.restore_attendance(session, review_id, member_id, snapshot.attendance)
            interest_edits.restore_member_interests(
                session, review_id, member_id, snapshot.interests
            )
            return store.get_member(session, member_id)

    def move_member(
        self, member_id: int, expected_version: int, position: int
    ) -> builtins.list[MemberRecord]:
        """Move a member to ``position`` (0 is the top); the panel in its new order."""
        with self.db.writing() as session:
            current = store.checked_member(session, member_id, expected_version)
            store.move_member(session, member_id, position)
            return store.list_members(session, current.review_id)


def _role_problems(values: dict[str, object]) -> list[Problem]:
    if "role" in values and not isinstance(values["role"], MemberRole):
        return [Problem("role", "must be " + ", ".join(MemberRole))]
    return []


def _chair_problems(chair: MemberRecord | None) -> list[Problem]:
    if chair is None:
        return []
    return [
        Problem(
            "role",
            f"{chair.name} is chair; make them a member first "
            '(or use "Make chair", which does both)',
        )
    ]
