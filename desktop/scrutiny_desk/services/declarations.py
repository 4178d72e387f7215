"""Declarations of interest made at a meeting: by a panel member of the review or a
substitute at that meeting, on one of its items or on its business generally, with
the nature of the interest, its category and whether the person left the room.

Every edit is one transaction, refused while the meeting's minutes are approved (the
"Declarations of interest" minute is written from them).
"""

from __future__ import annotations

import builtins
from dataclasses import replace
from typing import Any

from ..domain.changes import given_changes
from ..domain.enums import AttendanceStatus, AttendeeKind, InterestCategory
from ..domain.errors import ConflictError, Problem, ValidationError
from ..domain.procedure_records import (
    DeclarationChanges,
    DeclarationRecord,
    DeclarationSnapshot,
    OfferedInterests,
    PositionedDeclaration,
    category_problems,
    text_field_problems,
)
from ..domain.records import Declaration
from ..store import attendee_edits, interest_edits, minutes_edits, queries
from ..store import declaration_edits as store
from ..store.attendee_edits import MeetingFacts
from ..store.db import Database


class DeclarationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def declarations(self, meeting_id: int) -> builtins.list[DeclarationRecord]:
        """The meeting's declarations in their order."""
        with self.db.reading() as session:
            return store.declaration_records(session, meeting_id)

    def offered(self, meeting_id: int) -> builtins.list[OfferedInterests]:
        """Who may declare, with their register entries: each panel member recorded
        present (panel order), then each substitute (who is on no register)."""
        with self.db.reading() as session:
            facts = attendee_edits.meeting_facts(session, meeting_id)
            present = [
                key for key in facts.member_ids if facts.status_of(key) is AttendanceStatus.PRESENT
            ]
            register = interest_edits.interest_records(
                session, facts.review_id, [facts.member_ids[k] for k in present]
            )
        offered = [
            OfferedInterests(
                person=key,
                name=facts.member_names[key],
                substitute=False,
                interests=tuple(r for r in register if r.member_key == key),
            )
            for key in present
        ]
        offered += [
            OfferedInterests(a.key, a.name, True, ())
            for a in facts.meeting.attendees
            if a.kind is AttendeeKind.SUBSTITUTE
        ]
        return offered

    def add_declaration(
        self,
        meeting_id: int,
        person: str,
        item: str | None,
        nature: str,
        category: InterestCategory,
        left_room: bool = False,
        *,
        position: int | None = None,
    ) -> DeclarationRecord:
        """``person``: a panel member's key, or a substitute's at this meeting;
        ``item``: an item key of this meeting, or None for the business generally."""
        with self.db.writing() as session:
            minutes_edits.lock_meeting(session, meeting_id).refuse_if_locked()
            facts = attendee_edits.meeting_facts(session, meeting_id)
            declaration = Declaration(person, item, nature, category, left_room)
            if problems := _problems(facts, declaration):
                raise ValidationError(problems)
            declaration = replace(declaration, nature=nature.strip())
            declaration_id = store.insert_declaration(session, facts, declaration, position)
            return store.declaration_record(session, declaration_id)

    def update_declaration(
        self, declaration_id: int, expected_version: int, changes: DeclarationChanges
    ) -> DeclarationRecord:
        with self.db.writing() as session:
            facts, current = _checked(session, declaration_id, expected_version)
            values = given_changes(changes)
            if "person" in values:
                values["member"] = values.pop("person")
            merged = replace(current, **values)
            if problems := _problems(facts, merged):
                raise ValidationError(problems)
            merged = replace(merged, nature=merged.nature.strip())
            store.update_declaration(session, facts, declaration_id, merged)
            return store.declaration_record(session, declaration_id)

    def remove_declaration(self, declaration_id: int, expected_version: int) -> DeclarationSnapshot:
        with self.db.writing() as session:
            facts, current = _checked(session, declaration_id, expected_version)
            position = store.declaration_record(session, declaration_id).position
            store.delete_declaration(session, declaration_id)
            return DeclarationSnapshot(
                review_id=facts.review_id,
                entry=PositionedDeclaration(facts.meeting.key, position, current),
            )

    def restore_declaration(self, snapshot: DeclarationSnapshot) -> DeclarationRecord:
        entry = snapshot.entry
        with self.db.writing() as session:
            meeting_id = minutes_edits.meeting_id_for(
                session, snapshot.review_id, entry.meeting_key
            )
            if meeting_id is None:
                raise ConflictError(
                    "The meeting of that declaration has been deleted, so it cannot be put back."
                )
            minutes_edits.lock_meeting(session, meeting_id).refuse_if_locked()
            facts = attendee_edits.meeting_facts(session, meeting_id)
            if problems := _problems(facts, entry.declaration):
                raise ValidationError(problems)
            declaration_id = store.insert_declaration(
                session, facts, entry.declaration, entry.position
            )
            return store.declaration_record(session, declaration_id)


def _checked(
    session: Any, declaration_id: int, expected_version: int
) -> tuple[MeetingFacts, Declaration]:
    """Lock the declaration's meeting, check the version and refuse while its minutes
    are approved; the meeting's facts and the declaration as it stands."""
    meeting_id = store.meeting_of(session, declaration_id)
    if meeting_id is None:
        queries.check_version(
            session, "declaration", declaration_id, expected_version, "The declaration"
        )
    assert meeting_id is not None
    minutes = minutes_edits.lock_meeting(session, meeting_id)
    facts = attendee_edits.meeting_facts(session, meeting_id)
    _row, current = next(
        (r, d) for r, d in store.declarations_of(session, facts) if r.id == declaration_id
    )
    name = facts.names.get(current.member, current.member)
    queries.check_version(
        session,
        "declaration",
        declaration_id,
        expected_version,
        f"The declaration of interest of {name}",
    )
    minutes.refuse_if_locked()
    return facts, current


def _problems(facts: MeetingFacts, d: Declaration) -> list[Problem]:
    """What is wrong with a declaration at this meeting, by field."""
    problems: list[Problem] = []
    substitutes = {a.key for a in facts.meeting.attendees if a.kind is AttendeeKind.SUBSTITUTE}
    if d.member not in facts.member_ids and d.member not in substitutes:
        problems.append(
            Problem(
                "person",
                f'"{d.member}" is neither a panel member of this review nor a substitute at '
                "this meeting",
            )
        )
    if d.item is not None and d.item not in facts.item_ids:
        problems.append(Problem("item", f'"{d.item}" is not an item of this meeting'))
    problems += text_field_problems("nature", d.nature, required=True)
    problems += category_problems("category", d.category)
    if not isinstance(d.left_room, bool):
        problems.append(Problem("left_room", "must be yes or no"))
    return problems
