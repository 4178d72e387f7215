"""The register of members' interests of a review: what each panel member has
registered, by category (disclosable pecuniary, other registrable, non-registrable).
Declarations at meetings are offered from it.

The register is not the minutes: approved minutes do not freeze it. Removing a panel
member takes their entries with them (the member's snapshot restores them).
"""

from __future__ import annotations

import builtins
from typing import Any

from ..domain.changes import given_changes
from ..domain.enums import InterestCategory
from ..domain.errors import ConflictError, Problem, ValidationError
from ..domain.procedure_records import (
    InterestChanges,
    InterestRecord,
    InterestSnapshot,
    category_problems,
    text_field_problems,
)
from ..domain.records import Interest
from ..store import interest_edits as store
from ..store import minutes_edits, queries
from ..store.db import Database


class InterestService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def register(self, review_id: int) -> builtins.list[InterestRecord]:
        """The register: by member in panel order, each member's entries in register
        order, with the members' names."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            return store.interest_records(session, review_id)

    def add_interest(
        self,
        review_id: int,
        member_key: str,
        text: str,
        category: InterestCategory,
        *,
        position: int | None = None,
    ) -> InterestRecord:
        """A new entry for a panel member (at ``position`` in the register, default the end)."""
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)
            member = minutes_edits.member_for(session, review_id, member_key)
            problems = _problems({"text": text, "category": category})
            if member is None:
                problems.insert(
                    0, Problem("member", f'no panel member with key "{member_key}" in this review')
                )
            if problems:
                raise ValidationError(problems)
            assert member is not None
            interest_id = store.insert_interest(
                session, review_id, member[0], text.strip(), category, position
            )
            return store.interest_record(session, interest_id)

    def update_interest(
        self, interest_id: int, expected_version: int, changes: InterestChanges
    ) -> InterestRecord:
        with self.db.writing() as session:
            queries.check_version(
                session, "interest", interest_id, expected_version, "The register entry"
            )
            values = given_changes(changes)
            if problems := _problems(values):
                raise ValidationError(problems)
            if isinstance(values.get("text"), str):
                values["text"] = values["text"].strip()
            store.update_interest(session, interest_id, values)
            return store.interest_record(session, interest_id)

    def remove_interest(self, interest_id: int, expected_version: int) -> InterestSnapshot:
        with self.db.writing() as session:
            queries.check_version(
                session, "interest", interest_id, expected_version, "The register entry"
            )
            record = store.interest_record(session, interest_id)
            store.delete_interest(session, interest_id)
            return InterestSnapshot(
                review_id=record.review_id,
                position=record.position,
                interest=Interest(record.member_key, record.text, record.category),
            )

    def restore_interest(self, snapshot: InterestSnapshot) -> InterestRecord:
        """Put a removed entry back where it was in the register."""
        interest = snapshot.interest
        with self.db.writing() as session:
            queries.get_review_row(session, snapshot.review_id)
            member = minutes_edits.member_for(session, snapshot.review_id, interest.member)
            if member is None:
                raise ConflictError(
                    "The panel member of that register entry has been removed, so the entry "
                    "cannot be put back."
                )
            interest_id = store.insert_interest(
                session,
                snapshot.review_id,
                member[0],
                interest.text,
                interest.category,
                snapshot.position,
            )
            return store.interest_record(session, interest_id)


def _problems(values: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if "text" in values:
        problems += text_field_problems("text", values["text"], required=True)
    if "category" in values:
        problems += category_problems("category", values["category"])
    return problems
