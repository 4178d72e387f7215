"""Declarations of interest made at a meeting: by a panel member of the review or a
substitute at that meeting, on one of its items or on its business generally, with
the nature of the interest, its category and whether the person left the room.

Every edit is one transaction, refused while the meeting's minutes are approved.
"""

from __future__ import annotations

import builtins

from ..domain.enums import InterestCategory
from ..domain.procedure_records import (
    DeclarationChanges,
    DeclarationRecord,
    DeclarationSnapshot,
    OfferedInterests,
)
from ..store.db import Database


class DeclarationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def declarations(self, meeting_id: int) -> builtins.list[DeclarationRecord]:
        """The meeting's declarations in their order."""
        raise NotImplementedError

    def offered(self, meeting_id: int) -> builtins.list[OfferedInterests]:
        """Who may declare, with their register entries: each panel member recorded
        present (panel order), then each substitute (who is on no register)."""
        raise NotImplementedError

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
        raise NotImplementedError

    def update_declaration(
        self, declaration_id: int, expected_version: int, changes: DeclarationChanges
    ) -> DeclarationRecord:
        raise NotImplementedError

    def remove_declaration(self, declaration_id: int, expected_version: int) -> DeclarationSnapshot:
        raise NotImplementedError

    def restore_declaration(self, snapshot: DeclarationSnapshot) -> DeclarationRecord:
        raise NotImplementedError
