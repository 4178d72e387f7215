"""The sample review brought to a meeting that needs invitations, then updates, through
the real services: the postponed "responses" meeting rescheduled into the future with
witnesses on its report item (two with e-mail addresses, one without, and one who asked
to be heard in private), its invitations issued, then a witness taken off and the
meeting moved a week."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scrutiny_desk.services.container import Services

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
