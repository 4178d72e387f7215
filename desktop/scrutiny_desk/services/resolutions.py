"""Resolutions of agenda items ("RESOLVED – That …") and their votes: as counts, or
by name, when only the panel members and substitutes present for the item may vote
(``procedure.vote_problems``).

Every edit is one transaction, refused while the meeting's minutes are approved, and
a refused edit changes no row. ``approve_previous_minutes`` records, in one step, the
resolution of a "Minutes of the previous meeting" item and the approval of those
minutes at this meeting; ``undo_previous_minutes`` takes both back.
"""

from __future__ import annotations

import builtins

from ..domain.changes import KEEP, Keep
from ..domain.procedure_records import (
    ItemVoters,
    PreviousMinutesApproval,
    ResolutionRecord,
    ResolutionSnapshot,
)
from ..domain.records import Vote
from ..store.db import Database


class ResolutionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def resolutions(self, item_id: int) -> builtins.list[ResolutionRecord]:
        """The item's resolutions in their order."""
        raise NotImplementedError

    def voters(self, item_id: int) -> ItemVoters:
        """Who may vote at the item: the panel members and substitutes present for it."""
        raise NotImplementedError

    def add_resolution(
        self,
        item_id: int,
        text: str,
        vote: Vote | None = None,
        *,
        position: int | None = None,
    ) -> ResolutionRecord:
        """``text`` follows "RESOLVED – " (and usually begins "That"); a vote naming
        someone not present for the item is refused (field "vote.casts[n]")."""
        raise NotImplementedError

    def update_resolution(
        self,
        resolution_id: int,
        expected_version: int,
        text: str | Keep = KEEP,
        vote: Vote | Keep | None = KEEP,
    ) -> ResolutionRecord:
        """Change the text, or the vote (None: no vote recorded)."""
        raise NotImplementedError

    def move_resolution(
        self, resolution_id: int, expected_version: int, position: int
    ) -> ResolutionRecord:
        raise NotImplementedError

    def remove_resolution(self, resolution_id: int, expected_version: int) -> ResolutionSnapshot:
        raise NotImplementedError

    def restore_resolution(self, snapshot: ResolutionSnapshot) -> ResolutionRecord:
        raise NotImplementedError

    def previous_meeting(self, item_id: int) -> int | None:
        """The id of the meeting whose minutes ``approve_previous_minutes`` would
        approve: the latest of the review before this one that took place and has
        draft minutes (None: there is none)."""
        raise NotImplementedError

    def approve_previous_minutes(
        self, item_id: int, expected_version: int
    ) -> PreviousMinutesApproval:
        """On a "previous minutes" standard item (read at ``expected_version``), in one
        step: the resolution that the previous meeting's minutes be agreed as a
        correct record, and their approval at this meeting, on its day."""
        raise NotImplementedError

    def undo_previous_minutes(self, approval: PreviousMinutesApproval) -> None:
        """Take back ``approve_previous_minutes`` in one step: the resolution goes and
        the previous minutes are as they were before."""
        raise NotImplementedError
