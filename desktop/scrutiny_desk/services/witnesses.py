"""The witness register of a review."""

from __future__ import annotations

from ..domain.records import WitnessSummary
from ..store import queries
from ..store.db import Database


class WitnessService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, review_id: int) -> list[WitnessSummary]:
        with self.db.reading() as session:
            return queries.list_witnesses(session, review_id)
