"""What a removal would take with it, asked before the window asks the clerk.

One read per kind of record the window removes. The counts come from the same store
package as the deletes (``store.removals``), so what the question says is what the
delete does. Removing something that takes nothing with it needs no question.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.removal_records import WhatGoes
from ..store import removals as store
from ..store.db import Database


class RemovalService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def of_witness(self, witness_id: int) -> WhatGoes:
        """The agenda items, notes and evidence that name the witness."""
        with self.db.reading() as session:
            return store.witness(session, witness_id)

    def of_items(self, item_ids: Sequence[int]) -> WhatGoes:
        """The minutes of these agenda items and the notes taken during them."""
        with self.db.reading() as session:
            return store.items(session, item_ids)

    def of_member(self, member_id: int) -> WhatGoes:
        """The panel member's attendance records and register of interests entries."""
        with self.db.reading() as session:
            return store.member(session, member_id)

    def of_evidence(self, evidence_id: int) -> WhatGoes:
        """The evidence's file and the notes taken against it."""
        with self.db.reading() as session:
            return store.evidence(session, evidence_id)

    def of_tor(self, tor_id: int) -> WhatGoes:
        """The item's sub-items, and what answers it or them."""
        with self.db.reading() as session:
            return store.tor(session, tor_id)
