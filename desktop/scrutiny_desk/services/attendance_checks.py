"""What a change of a panel member's attendance must not break in the procedural
record: a substitute attends only for a member who is not present, and a vote by name
is cast only by someone present for the item (issue 15); and the stay a new record
is given back by an undo."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.enums import AttendanceStatus, AttendeeKind
from ..domain.errors import Problem
from ..domain.procedure import inverted_stays, stay_problems
from ..domain.procedure_records import stranded_problems
from ..domain.records import Attendance
from ..store import attendee_edits, resolution_edits


def attendance_problems(
    session: Any,  # the store's session, passed through
    meeting_id: int,
    member_key: str,
    status: AttendanceStatus | None,
    stay: tuple[str | None, str | None] | None = None,
) -> list[Problem]:
    """Problems with recording ``status`` for the member at the meeting (field
    "status"), and with the ``stay`` (arrived, left) of a new record."""
    facts = attendee_edits.meeting_facts(session, meeting_id)
    if stay is not None and (problems := stay_problems(facts.meeting, *stay)):
        return problems
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
        new = (
            Attendance(member_key, status, *(stay or (None, None)))
            if old is None
            else replace(old, status=status)
        )
        kept += (new,)
    after = replace(facts.meeting, attendance=kept)
    casts = resolution_edits.casts_at(session, facts)
    return stranded_problems(after, casts, facts.names, "status")


def order_problems(session: Any, meeting_id: int, field: str) -> list[Problem]:
    """Problems the meeting's order of business, as a change has just left it, makes
    for its procedural record: a stay turned round (someone would leave before they
    arrived) or a vote by name cast by someone who is no longer present for the item.
    Moving, closing or opening an item calls this before its transaction commits, so
    that what the record says stays something an import accepts."""
    facts = attendee_edits.meeting_facts(session, meeting_id)
    problems = [
        Problem(
            field,
            f"{facts.names.get(person, person)} would leave before arriving in the new "
            "order of business; change their arrival or departure first",
        )
        for person in inverted_stays(facts.meeting)
    ]
    casts = resolution_edits.casts_at(session, facts)
    return problems + stranded_problems(facts.meeting, casts, facts.names, field)


def give_stay(
    session: Any, meeting_id: int, member_key: str, stay: tuple[str | None, str | None]
) -> None:
    """Give a member's new attendance record its (checked) arrival and departure."""
    if stay == (None, None):
        return
    facts = attendee_edits.meeting_facts(session, meeting_id)
    row_id = attendee_edits.attendance_row_id(session, meeting_id, facts.member_ids[member_key])
    assert row_id is not None
    attendee_edits.set_stay(session, row_id, facts.item_id(stay[0]), facts.item_id(stay[1]))
