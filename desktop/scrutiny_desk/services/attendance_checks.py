"""What a change of a panel member's attendance must not break in the procedural
record: a substitute attends only for a member who is not present, and a vote by name
is cast only by someone present for the item (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.enums import AttendanceStatus, AttendeeKind
from ..domain.errors import Problem
from ..domain.procedure_records import stranded_problems
from ..domain.records import Attendance
from ..store import attendee_edits, resolution_edits


def attendance_problems(
    session: Any,  # the store's session, passed through
    meeting_id: int,
    member_key: str,
    status: AttendanceStatus | None,
) -> list[Problem]:
    """Problems (field "status") with recording ``status`` for the member at the meeting."""
    facts = attendee_edits.meeting_facts(session, meeting_id)
    name = facts.member_names.get(member_key, member_key)
    if status is AttendanceStatus.PRESENT:
        for a in facts.meeting.attendees:
            if a.kind is AttendeeKind.SUBSTITUTE and a.substitute_for == member_key:
                return [
                    Problem(
                        "status",
                        f"{a.name} attends this meeting as substitute for {name}; remove the "
                        "substitute first",
                    )
                ]
    kept = tuple(a for a in facts.meeting.attendance if a.member != member_key)
    if status is not None:
        old = next((a for a in facts.meeting.attendance if a.member == member_key), None)
        new = Attendance(member_key, status) if old is None else replace(old, status=status)
        kept += (new,)
    after = replace(facts.meeting, attendance=kept)
    casts = resolution_edits.casts_at(session, facts)
    return stranded_problems(after, casts, facts.names, "status")
