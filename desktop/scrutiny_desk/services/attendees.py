"""Who was at a meeting besides its panel's members present: substitutes, officers in
attendance and others also present; when each panel member arrived and left, by item;
whether the meeting was quorate at each item; and when it began and ended.

Every edit is one transaction, refused while the meeting's minutes are approved (the
minutes print all of it) and refused naming the field when the input is wrong. A
substitute attends for a panel member of the review who is not recorded present at
that meeting; their key is unique in the review and never a panel member's, so a
declaration or a vote can name either. Removing an attendee takes their declarations
and their part in votes by name with them; restoring puts all of it back.
"""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.agenda_records import AttendanceRecord
from ..domain.changes import given_changes
from ..domain.enums import AttendanceStatus, AttendeeKind
from ..domain.errors import ConflictError, Problem, ValidationError
from ..domain.keys import key_problems, new_key
from ..domain.meeting_rules import will_not_take_place
from ..domain.people_records import normalised_person, person_problems
from ..domain.procedure import quorum_by_item, stay_problems
from ..domain.procedure_records import (
    AttendeeChanges,
    AttendeeRecord,
    AttendeeSnapshot,
    ItemQuorumRecord,
    MeetingQuorum,
    MeetingTimesRecord,
    stranded_problems,
)
from ..domain.records import Attendee
from ..domain.wording import clock
from ..store import attendee_edits as store
from ..store import declaration_edits, minutes_edits, queries, resolution_edits
from ..store.attendee_edits import MeetingFacts
from ..store.db import Database

_OPTIONAL = ("role", "email")


class AttendeeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ---------------------------------------------------------------------------

    def attendees(self, meeting_id: int) -> builtins.list[AttendeeRecord]:
        """The meeting's substitutes, officers and others present, in their order."""
        with self.db.reading() as session:
            return store.attendee_records(session, meeting_id)

    def quorum(self, meeting_id: int) -> MeetingQuorum:
        """The review's quorum and, at each item in the order of business, how many
        members and substitutes were there and whether that was enough."""
        with self.db.reading() as session:
            facts = store.meeting_facts(session, meeting_id)
            quorum = queries.get_review_row(session, facts.review_id).quorum
        closed = {i.key: i.is_closed for i in facts.meeting.items}
        return MeetingQuorum(
            meeting_id=meeting_id,
            quorum=quorum,
            items=tuple(
                ItemQuorumRecord(
                    item_id=facts.item_ids[q.item],
                    item_key=q.item,
                    number=q.number,
                    title=facts.item_titles[q.item],
                    closed=closed[q.item],
                    present=q.present,
                    quorate=q.quorate,
                )
                for q in quorum_by_item(facts.meeting, quorum)
            ),
        )

    def times(self, meeting_id: int) -> MeetingTimesRecord:
        with self.db.reading() as session:
            row = queries.get_meeting_row(session, meeting_id)
            return MeetingTimesRecord(meeting_id, row.began, row.ended, row.version)

    # People ----------------------------------------------------------------------------

    def add_attendee(
        self,
        meeting_id: int,
        kind: AttendeeKind,
        name: str,
        role: str | None = None,
        email: str | None = None,
        substitute_for: str | None = None,
        arrived: str | None = None,
        left: str | None = None,
        *,
        key: str | None = None,
        position: int | None = None,
    ) -> AttendeeRecord:
        """Add someone at the meeting (at ``position`` in its list, default the end).
        A substitute names the panel member they stand in for (``substitute_for``, a
        member key), who must not be recorded present; only substitutes name one.
        ``arrived``/``left`` are item keys of this meeting."""
        with self.db.writing() as session:
            minutes_edits.lock_meeting(session, meeting_id).refuse_if_locked()
            facts = store.meeting_facts(session, meeting_id)

            def taken(k: str) -> bool:
                return store.attendee_key_taken(session, facts.review_id, k)

            chosen = key if key is not None else new_key("attendee", taken)
            values = normalised_person(
                {"kind": kind, "name": name, "role": role, "email": email}, _OPTIONAL
            )
            problems = key_problems(chosen, taken, "attendee")
            problems += _attendee_problems(facts, values, substitute_for, arrived, left, None)
            if problems:
                raise ValidationError(problems)
            attendee = Attendee(
                key=chosen,
                kind=kind,
                name=values["name"].strip(),
                role=values["role"],
                email=values["email"],
                substitute_for=substitute_for,
                arrived=arrived,
                left=left,
            )
            attendee_id = store.insert_attendee(session, facts, attendee, position)
            return store.attendee_record(session, attendee_id)

    def update_attendee(
        self, attendee_id: int, expected_version: int, changes: AttendeeChanges
    ) -> AttendeeRecord:
        """Change what the clerk changed of an attendee read at ``expected_version``."""
        with self.db.writing() as session:
            facts, current = self._checked(session, attendee_id, expected_version)
            values = normalised_person(given_changes(changes), _OPTIONAL)
            if values.get("kind", AttendeeKind.SUBSTITUTE) is not AttendeeKind.SUBSTITUTE:
                values.setdefault("substitute_for", None)  # no longer anyone's substitute
            merged = replace(current, **values)
            problems = _attendee_problems(
                facts,
                {k: values[k] for k in ("kind", "name", "role", "email") if k in values},
                merged.substitute_for,
                merged.arrived,
                merged.left,
                current.key,
                kind=merged.kind,
            )
            if not problems:
                after = replace(
                    facts.meeting,
                    attendees=tuple(
                        merged if a.key == current.key else a for a in facts.meeting.attendees
                    ),
                )
                casts = resolution_edits.casts_at(session, facts)
                problems += stranded_problems(after, casts, facts.names, "attendee")
            if problems:
                raise ValidationError(problems)
            if isinstance(values.get("name"), str):
                merged = replace(merged, name=values["name"].strip())
            store.update_attendee(session, facts, attendee_id, merged)
            return store.attendee_record(session, attendee_id)

    def remove_attendee(self, attendee_id: int, expected_version: int) -> AttendeeSnapshot:
        """Remove an attendee with their declarations and their casts in votes by name
        (those votes' counts fall with them); the snapshot restores all of it."""
        with self.db.writing() as session:
            facts, attendee = self._checked(session, attendee_id, expected_version)
            position = store.attendee_record(session, attendee_id).position
            declared = declaration_edits.entries(session, facts, attendee_id=attendee_id)
            votes = resolution_edits.votes_with_attendee(session, facts, attendee_id)
            for rid, entry in votes:
                resolution_edits.write_vote(
                    session, facts, rid, resolution_edits.without(entry.vote, attendee.key)
                )
            for record in declaration_edits.declaration_records(session, facts.meeting_id):
                if record.person == attendee.key:
                    declaration_edits.delete_declaration(session, record.id)
            store.delete_attendee(session, attendee_id)
            return AttendeeSnapshot(
                review_id=facts.review_id,
                meeting_key=facts.meeting.key,
                position=position,
                attendee=attendee,
                declarations=tuple(declared),
                votes=tuple(v for _rid, v in votes),
            )

    def restore_attendee(self, snapshot: AttendeeSnapshot) -> AttendeeRecord:
        """Put a removed attendee back with the same key, their declarations and their
        votes (a vote changed by someone since is left as it is now)."""
        with self.db.writing() as session:
            meeting_id = minutes_edits.meeting_id_for(
                session, snapshot.review_id, snapshot.meeting_key
            )
            if meeting_id is None:
                raise ConflictError(
                    f"The meeting {snapshot.attendee.name} attended has been deleted, so they "
                    "cannot be put back."
                )
            minutes_edits.lock_meeting(session, meeting_id).refuse_if_locked()
            facts = store.meeting_facts(session, meeting_id)
            attendee = snapshot.attendee
            problems = key_problems(
                attendee.key,
                lambda k: store.attendee_key_taken(session, facts.review_id, k),
                "attendee",
            )
            if attendee.kind is AttendeeKind.SUBSTITUTE:
                problems += _substitute_problems(facts, attendee.substitute_for, attendee.key)
            if problems:
                raise ValidationError(problems)
            attendee = replace(
                attendee,
                arrived=attendee.arrived if attendee.arrived in facts.item_ids else None,
                left=attendee.left if attendee.left in facts.item_ids else None,
            )
            attendee_id = store.insert_attendee(session, facts, attendee, snapshot.position)
            facts = store.meeting_facts(session, meeting_id)
            for entry in snapshot.declarations:
                d = entry.declaration
                if d.item is None or d.item in facts.item_ids:
                    declaration_edits.insert_declaration(session, facts, d, entry.position)
            for vote in snapshot.votes:
                item_id = facts.item_ids.get(vote.item_key)
                rid = (
                    None
                    if item_id is None
                    else resolution_edits.resolution_at(session, item_id, vote.position)
                )
                if rid is None:
                    continue
                now = resolution_edits.current_vote(session, facts, rid)
                if now == resolution_edits.without(vote.vote, attendee.key):
                    resolution_edits.write_vote(session, facts, rid, vote.vote)
            return store.attendee_record(session, attendee_id)

    # Panel members' stays and the meeting's times -------------------------------------

    def set_stay(
        self,
        meeting_id: int,
        member_key: str,
        arrived: str | None,
        left: str | None,
        expected_version: int,
    ) -> AttendanceRecord:
        """When a panel member present arrived and left, by item key (None: from the
        start / to the end), on their attendance record (``expected_version`` is its
        version). Refused unless the member is recorded present."""
        with self.db.writing() as session:
            minutes = minutes_edits.lock_meeting(session, meeting_id)
            facts = store.meeting_facts(session, meeting_id)
            member_id = facts.member_ids.get(member_key)
            if member_id is None:
                raise ValidationError(
                    Problem("member", f'no panel member with key "{member_key}" in this review')
                )
            name = facts.member_names[member_key]
            row_id = store.attendance_row_id(session, meeting_id, member_id)
            if row_id is None:
                raise ValidationError(
                    Problem("member", f"{name} is not recorded present at this meeting")
                )
            queries.check_version(
                session, "attendance", row_id, expected_version, f"The attendance of {name}"
            )
            minutes.refuse_if_locked()
            if facts.status_of(member_key) is not AttendanceStatus.PRESENT:
                raise ValidationError(
                    Problem("member", f"{name} is not recorded present at this meeting")
                )
            if problems := stay_problems(facts.meeting, arrived, left):
                raise ValidationError(problems)
            after = replace(
                facts.meeting,
                attendance=tuple(
                    replace(a, arrived=arrived, left=left) if a.member == member_key else a
                    for a in facts.meeting.attendance
                ),
            )
            casts = resolution_edits.casts_at(session, facts)
            if problems := stranded_problems(after, casts, facts.names, "left"):
                raise ValidationError(problems)
            store.set_stay(session, row_id, facts.item_id(arrived), facts.item_id(left))
            return next(
                a
                for a in minutes_edits.attendance_records(session, meeting_id)
                if a.member_key == member_key
            )

    def set_times(
        self,
        meeting_id: int,
        expected_version: int,
        began: datetime | None,
        ended: datetime | None,
    ) -> MeetingTimesRecord:
        """When the meeting began and ended (local wall clock; None: not recorded).
        ``expected_version`` is the meeting's. A meeting that did not take place has
        none; the end is not before the beginning."""
        with self.db.writing() as session:
            minutes = minutes_edits.checked_meeting(session, meeting_id, expected_version)
            minutes.refuse_if_locked()
            problems: list[Problem] = []
            for field, value in (("began", began), ("ended", ended)):
                if value is not None and (
                    not isinstance(value, datetime) or value.tzinfo is not None
                ):
                    problems.append(Problem(field, "must be a local date and time"))
            if not problems and will_not_take_place(minutes.meeting_status) and (began or ended):
                problems.append(
                    Problem(
                        "began" if began else "ended",
                        f"the meeting was {minutes.meeting_status.value}, so it has no times",
                    )
                )
            if not problems and began and ended and ended < began:
                problems.append(
                    Problem(
                        "ended",
                        f"must not be before the time the meeting began ({clock(began)})",
                    )
                )
            if problems:
                raise ValidationError(problems)
            store.set_times(session, meeting_id, began, ended)
            row = queries.get_meeting_row(session, meeting_id)
            return MeetingTimesRecord(meeting_id, row.began, row.ended, row.version)

    # Helpers ---------------------------------------------------------------------------

    def _checked(
        self, session: Any, attendee_id: int, expected_version: int
    ) -> tuple[MeetingFacts, Attendee]:
        """Lock the attendee's meeting, check the version and refuse while its minutes
        are approved; the meeting's facts and the attendee as they stand."""
        meeting_id = store.attendee_meeting_or_none(session, attendee_id)
        if meeting_id is None:
            queries.check_version(
                session, "attendee", attendee_id, expected_version, "The attendee"
            )
        assert meeting_id is not None
        minutes = minutes_edits.lock_meeting(session, meeting_id)
        facts = store.meeting_facts(session, meeting_id)
        key = next(k for k, i in facts.attendee_ids.items() if i == attendee_id)
        attendee = facts.attendee(key)
        assert attendee is not None
        queries.check_version(
            session, "attendee", attendee_id, expected_version, f"The attendance of {attendee.name}"
        )
        minutes.refuse_if_locked()
        return facts, attendee


def _attendee_problems(
    facts: MeetingFacts,
    values: dict[str, Any],
    substitute_for: str | None,
    arrived: str | None,
    left: str | None,
    own_key: str | None,
    *,
    kind: object = None,
) -> list[Problem]:
    """What is wrong with an attendee's given fields, by field."""
    kind = values.get("kind", kind)
    problems: list[Problem] = []
    if not isinstance(kind, AttendeeKind):
        problems.append(
            Problem("kind", "must be one of: " + ", ".join(k.value for k in AttendeeKind))
        )
    problems += person_problems(values, tuple(f for f in _OPTIONAL if f in values))
    if kind is AttendeeKind.SUBSTITUTE:
        problems += _substitute_problems(facts, substitute_for, own_key)
    elif substitute_for is not None:
        problems.append(Problem("substitute_for", "only a substitute attends for a panel member"))
    problems += stay_problems(facts.meeting, arrived, left)
    return problems


def _substitute_problems(
    facts: MeetingFacts, member_key: str | None, own_key: str | None
) -> list[Problem]:
    if member_key is None:
        return [Problem("substitute_for", "say which panel member the substitute attends for")]
    if member_key not in facts.member_ids:
        return [
            Problem("substitute_for", f'no panel member with key "{member_key}" in this review')
        ]
    name = facts.member_names[member_key]
    if facts.status_of(member_key) is AttendanceStatus.PRESENT:
        return [
            Problem(
                "substitute_for",
                f"{name} is recorded present at this meeting, so no one can attend for them",
            )
        ]
    other = next(
        (a for a in facts.meeting.attendees if a.substitute_for == member_key and a.key != own_key),
        None,
    )
    if other is not None:
        return [Problem("substitute_for", f"{other.name} attends for {name} already")]
    return []
