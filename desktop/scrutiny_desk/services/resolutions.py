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
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain.agenda_records import MinutesRecord
from ..domain.changes import KEEP, Keep
from ..domain.enums import AttendeeKind, StandardItem, VoteChoice
from ..domain.errors import ConflictError, Problem, ValidationError
from ..domain.meeting_rules import will_not_take_place
from ..domain.procedure import presence_at, previous_minutes_resolution, vote_problems
from ..domain.procedure_records import (
    ItemVoters,
    PreviousMinutesApproval,
    ResolutionRecord,
    ResolutionSnapshot,
    Voter,
    text_field_problems,
)
from ..domain.records import Resolution, Vote, VoteCast
from ..store import agenda_edits, attendee_edits, minutes_edits, queries
from ..store import resolution_edits as store
from ..store.attendee_edits import MeetingFacts
from ..store.db import Database
from .minutes import MinutesService, _utc_now


class ResolutionService:
    def __init__(self, db: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self.db = db
        self._minutes = MinutesService(db, clock)  # approval by resolution, in its words

    # Reading ---------------------------------------------------------------------------

    def resolutions(self, item_id: int) -> builtins.list[ResolutionRecord]:
        """The item's resolutions in their order."""
        with self.db.reading() as session:
            return store.resolution_records(session, item_id)

    def voters(self, item_id: int) -> ItemVoters:
        """Who may vote at the item: the panel members and substitutes present for it."""
        with self.db.reading() as session:
            meeting_id = agenda_edits.meeting_of_item(session, item_id)
            facts = attendee_edits.meeting_facts(session, meeting_id)
        key = facts.item_keys[item_id]
        presence = presence_at(facts.meeting, key)
        assert presence is not None
        names = facts.names
        standing_in = {
            a.key: facts.member_names.get(a.substitute_for or "")
            for a in facts.meeting.attendees
            if a.kind is AttendeeKind.SUBSTITUTE
        }
        return ItemVoters(
            item_id=item_id,
            item_key=key,
            number=presence.number,
            voters=tuple(Voter(v, names[v], standing_in.get(v)) for v in presence.voters),
        )

    # Editing ---------------------------------------------------------------------------

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
        with self.db.writing() as session:
            facts = self._open_item(session, item_id)
            problems = text_field_problems("text", text, required=True)
            problems += _vote_problems(facts, item_id, vote)
            if problems:
                raise ValidationError(problems)
            rid = store.insert_resolution(
                session, facts, item_id, Resolution(text.strip(), vote), position
            )
            return store.resolution_record(session, rid)

    def update_resolution(
        self,
        resolution_id: int,
        expected_version: int,
        text: str | Keep = KEEP,
        vote: Vote | Keep | None = KEEP,
    ) -> ResolutionRecord:
        """Change the text, or the vote (None: no vote recorded)."""
        with self.db.writing() as session:
            facts, item_id = self._checked(session, resolution_id, expected_version)
            problems: list[Problem] = []
            if not isinstance(text, Keep):
                problems += text_field_problems("text", text, required=True)
            if not isinstance(vote, Keep):
                problems += _vote_problems(facts, item_id, vote)
            if problems:
                raise ValidationError(problems)
            if isinstance(text, str):
                store.write_text(session, resolution_id, text.strip())
            if not isinstance(vote, Keep):
                store.write_vote(session, facts, resolution_id, vote)
            return store.resolution_record(session, resolution_id)

    def move_resolution(
        self, resolution_id: int, expected_version: int, position: int
    ) -> ResolutionRecord:
        """Move a resolution to ``position`` (0 is the first) among its item's."""
        with self.db.writing() as session:
            _facts, item_id = self._checked(session, resolution_id, expected_version)
            count = store.resolution_count(session, item_id)
            if not isinstance(position, int) or not 0 <= position < count:
                raise ValidationError(Problem("position", f"must be from 0 to {count - 1}"))
            store.move_resolution(session, resolution_id, position)
            return store.resolution_record(session, resolution_id)

    def remove_resolution(self, resolution_id: int, expected_version: int) -> ResolutionSnapshot:
        with self.db.writing() as session:
            facts, _item_id = self._checked(session, resolution_id, expected_version)
            record = store.resolution_record(session, resolution_id)
            store.delete_resolution(session, resolution_id)
            return ResolutionSnapshot(
                review_id=facts.review_id,
                item_key=record.item_key,
                position=record.position,
                resolution=Resolution(record.text, record.vote),
            )

    def restore_resolution(self, snapshot: ResolutionSnapshot) -> ResolutionRecord:
        """Put a removed resolution back where it was, with its vote."""
        with self.db.writing() as session:
            item_id = agenda_edits.item_id_for(session, snapshot.review_id, snapshot.item_key)
            if item_id is None:
                raise ConflictError(
                    "The agenda item of that resolution has been deleted, so it cannot be put back."
                )
            facts = self._open_item(session, item_id)
            resolution = snapshot.resolution
            if problems := _vote_problems(facts, item_id, resolution.vote):
                raise ValidationError(problems)
            rid = store.insert_resolution(session, facts, item_id, resolution, snapshot.position)
            return store.resolution_record(session, rid)

    # The previous meeting's minutes ------------------------------------------------------

    def previous_meeting(self, item_id: int) -> int | None:
        """The id of the meeting whose minutes ``approve_previous_minutes`` would
        approve: the latest of the review before this one that took place and has
        draft minutes (None: there is none)."""
        with self.db.reading() as session:
            meeting_id = agenda_edits.meeting_of_item(session, item_id)
            return store.previous_meeting(session, meeting_id)

    def approve_previous_minutes(
        self, item_id: int, expected_version: int
    ) -> PreviousMinutesApproval:
        """On a "previous minutes" standard item (read at ``expected_version``), in one
        step: the resolution that the previous meeting's minutes be agreed as a
        correct record, and their approval at this meeting, on its day."""
        with self.db.writing() as session:
            item, meeting = agenda_edits.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            if item.standard is not StandardItem.PREVIOUS_MINUTES:
                raise ValidationError(
                    Problem(
                        "item",
                        f'"{item.title}" is not marked as the minutes of the previous meeting',
                    )
                )
            if will_not_take_place(meeting.meeting_status):
                raise ValidationError(_no_minutes(meeting))
            previous_id = store.previous_meeting(session, meeting.meeting_id)
            if previous_id is None:
                raise ValidationError(
                    Problem(
                        "item",
                        "no earlier meeting of this review that took place has draft minutes "
                        "to approve",
                    )
                )
            before = minutes_edits.lock_meeting(session, previous_id)
            approved = self._minutes.approve_within(
                session, before, meeting.meeting_start.date(), meeting.meeting_key
            )
            facts = attendee_edits.meeting_facts(session, meeting.meeting_id)
            text = previous_minutes_resolution(before.meeting_start.date())
            rid = store.insert_resolution(session, facts, item_id, Resolution(text), None)
            return PreviousMinutesApproval(
                resolution=store.resolution_record(session, rid),
                before=before,
                approved=approved,
            )

    def undo_previous_minutes(self, approval: PreviousMinutesApproval) -> None:
        """Take back ``approve_previous_minutes`` in one step: the resolution goes and
        the previous minutes are as they were before."""
        resolution = approval.resolution
        with self.db.writing() as session:
            self._checked(session, resolution.id, resolution.version)
            previous = minutes_edits.checked_meeting(
                session, approval.approved.meeting_id, approval.approved.version
            )
            store.delete_resolution(session, resolution.id)
            self._minutes.revert_within(session, previous, approval.before)

    # Helpers ---------------------------------------------------------------------------

    def _open_item(self, session: Any, item_id: int) -> MeetingFacts:
        """Lock the item's meeting and refuse while its minutes are approved or when it
        did not take place; the meeting's facts."""
        meeting_id = agenda_edits.meeting_of_item(session, item_id)
        minutes = minutes_edits.lock_meeting(session, meeting_id)
        minutes.refuse_if_locked()
        if will_not_take_place(minutes.meeting_status):
            raise ValidationError(_no_minutes(minutes))
        return attendee_edits.meeting_facts(session, meeting_id)

    def _checked(
        self, session: Any, resolution_id: int, expected_version: int
    ) -> tuple[MeetingFacts, int]:
        """Lock the resolution's meeting, check the version, refuse while the minutes
        are approved; the meeting's facts and the resolution's item id."""
        item_id = store.item_of(session, resolution_id)
        if item_id is None:
            queries.check_version(
                session, "resolution", resolution_id, expected_version, "The resolution"
            )
        assert item_id is not None
        meeting_id = agenda_edits.meeting_of_item(session, item_id)
        minutes = minutes_edits.lock_meeting(session, meeting_id)
        facts = attendee_edits.meeting_facts(session, meeting_id)
        number = facts.numbers[facts.item_keys[item_id]]
        queries.check_version(
            session,
            "resolution",
            resolution_id,
            expected_version,
            f"The resolution of item {number}",
        )
        minutes.refuse_if_locked()
        return facts, item_id


def _no_minutes(minutes: MinutesRecord) -> Problem:
    return Problem(
        "item",
        f'"{minutes.meeting_title}" was {minutes.meeting_status.value}, so it has no minutes '
        "and no resolutions",
    )


def _vote_problems(facts: MeetingFacts, item_id: int, vote: object) -> list[Problem]:
    """What is wrong with a vote on a resolution of this item, by field."""
    if vote is None:
        return []
    if not isinstance(vote, Vote) or not all(
        isinstance(c, VoteCast) and isinstance(c.choice, VoteChoice) for c in vote.casts
    ):
        return [Problem("vote", "must be counts for, against and abstaining, or votes by name")]
    presence = presence_at(facts.meeting, facts.item_keys[item_id])
    assert presence is not None
    return vote_problems(vote, presence, facts.names)
