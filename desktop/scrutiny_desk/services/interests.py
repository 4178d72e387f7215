"""The register of members' interests of a review: what each panel member has
registered, by category (disclosable pecuniary, other registrable, non-registrable).
Declarations at meetings are offered from it.

The register is not the minutes: approved minutes do not freeze it. Removing a panel
member takes their entries with them (the member's snapshot restores them).
"""

from __future__ import annotations

import builtins

from ..domain.enums import InterestCategory
from ..domain.procedure_records import InterestChanges, InterestRecord, InterestSnapshot
from ..store.db import Database


class InterestService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def register(self, review_id: int) -> builtins.list[InterestRecord]:
        """The register: by member in panel order, each member's entries in register
        order, with the members' names."""
        raise NotImplementedError

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
        raise NotImplementedError

    def update_interest(
        self, interest_id: int, expected_version: int, changes: InterestChanges
    ) -> InterestRecord:
        raise NotImplementedError

    def remove_interest(self, interest_id: int, expected_version: int) -> InterestSnapshot:
        raise NotImplementedError

    def restore_interest(self, snapshot: InterestSnapshot) -> InterestRecord:
        raise NotImplementedError
