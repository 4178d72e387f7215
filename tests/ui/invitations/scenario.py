"""The sample review brought to a meeting that needs invitations, then updates, through
the real services: the postponed "responses" meeting rescheduled into the future with
witnesses on its report item (two with e-mail addresses, one without, and one who asked
to be heard in private), its invitations issued, then a witness taken off and the
meeting moved a week."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select

from scrutiny_desk.domain.enums import AttendeeKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import orm

MEETING = "responses"
ITEM = "responses-report"
FIRST = (datetime(2027, 1, 18, 14), datetime(2027, 1, 18, 16))
MOVED = (datetime(2027, 1, 25, 14), datetime(2027, 1, 25, 16))
TAKEN_OFF = "Head of Drugs Casework"  # witness "cps"


def needing_invitations(services: Services, review_id: int) -> int:
    """The meeting rescheduled, witnesses assigned, nothing issued yet: its id."""
    edits = services.meeting_edits
    meeting = edits.find(review_id, MEETING)
    edits.reschedule(meeting.id, meeting.version, *FIRST)
    item = services.agenda.find(review_id, ITEM)
    services.agenda.set_item_witnesses(
        item.id, item.version, ["mps-drugs", "cps", "borough", "user"]
    )
    return meeting.id


def needing_updates(services: Services, review_id: int, folder: Path) -> int:
    """Invitations issued into ``folder``; then "cps" taken off and the meeting moved."""
    meeting_id = needing_invitations(services, review_id)
    folder.mkdir(parents=True, exist_ok=True)
    plan = services.invitations.plan_updates(meeting_id)
    services.invitations.send_updates(meeting_id, folder, expected=plan)
    item = services.agenda.find(review_id, ITEM)
    services.agenda.set_item_witnesses(item.id, item.version, ["mps-drugs", "borough", "user"])
    meeting = services.meeting_edits.find(review_id, MEETING)
    services.meeting_edits.reschedule(meeting.id, meeting.version, *MOVED)
    return meeting_id


#: Who attends the meeting beside its panel: (key, kind, name, email, post, for member)
SUBSTITUTE = ("sub-gil", AttendeeKind.SUBSTITUTE, "Cllr Gil Amos", "gil@example.org", None)
OFFICER = ("off-hal", AttendeeKind.OFFICER, "Hal Ray", "hal@example.org", "Scrutiny Officer")
ALSO_PRESENT = ("guest-ida", AttendeeKind.ALSO_PRESENT, "Cllr Ida Voss", "ida@example.org", None)


def with_attendees(services: Services, review_id: int, meeting_id: int) -> str:
    """A substitute for the panel's first member, an officer and a councillor also
    present added to the meeting, in the store (the table the register reads); the
    name of the member substituted for."""
    with services.db.writing() as session:
        member_id, member = session.execute(
            select(orm.MemberRow.id, orm.MemberRow.name)
            .where(orm.MemberRow.review_id == review_id)
            .order_by(orm.MemberRow.position)
            .limit(1)
        ).one()
        start = session.scalar(
            select(func.count())
            .select_from(orm.AttendeeRow)
            .where(orm.AttendeeRow.meeting_id == meeting_id)
        )
        for n, (key, kind, name, email, post) in enumerate((SUBSTITUTE, OFFICER, ALSO_PRESENT)):
            session.add(
                orm.AttendeeRow(
                    review_id=review_id,
                    meeting_id=meeting_id,
                    position=int(start or 0) + n,
                    key=key,
                    kind=kind.value,
                    name=name,
                    role=post,
                    email=email,
                    substitute_for_id=member_id if kind is AttendeeKind.SUBSTITUTE else None,
                )
            )
    return str(member)


def take_off(services: Services, key: str) -> None:
    """An attendee taken off the meeting."""
    with services.db.writing() as session:
        session.execute(delete(orm.AttendeeRow).where(orm.AttendeeRow.key == key))
