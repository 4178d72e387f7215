"""The review's clash warnings read only what overlaps something (SQL finds it), and
are the same warnings, in the same order, as computed from every meeting of the review:
overlaps, rooms booked by two reviews, witnesses in two slots at once, ties of start
times included. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from scrutiny_desk.domain.enums import MeetingKind
from scrutiny_desk.domain.meeting_records import ScheduleWarning
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meeting_edits import MeetingEditService, _warnings
from scrutiny_desk.store import meeting_reads

ROOM = "Committee Room 1, 10 Dean Farrar Street"
EV3_DAY = datetime(2007, 3, 26)


def every_meeting(services: Services, review_id: int) -> list[ScheduleWarning]:
    """The warnings as computed from every meeting of the review (as before)."""
    with services.db.reading() as session:
        meetings = meeting_reads.placed_meetings(session, review_id)
        return _warnings(session, review_id, meetings)


def other_review(services: Services, title: str) -> int:
    document = {
        "format": "scrutiny-desk.review",
        "version": 2,
        "review": {"title": title, "status": "scoping", "clear_days": 5},
    }
    return services.reviews.import_bytes(json.dumps(document).encode())


def test_the_same_warnings_as_from_every_meeting(services: Services, sample_id: int) -> None:
    edits = MeetingEditService(services.db)
    assert edits.warnings(sample_id) == every_meeting(services, sample_id) == []
    ev3 = edits.find(sample_id, "ev3")
    pick = random.Random(13)
    copies = []
    # Copies of a meeting with witnesses on its items, at the same hour on a few days
    # (ties of start: the order of the warnings breaks them), some overlapping.
    for _ in range(12):
        day = EV3_DAY + timedelta(days=pick.choice([0, 0, 3, 7, 30]))
        start = day.replace(hour=pick.choice([9, 10, 14]), minute=pick.choice([0, 30]))
        copies.append(edits.duplicate_meeting(ev3.id, start, start + timedelta(hours=3)))
    edits.cancel_meeting(copies[0].id, copies[0].version)  # clashes with nothing now
    # Other reviews in the same room at those times, two of them with each other.
    for n, hours in enumerate([(15, 17), (9, 11), (10, 12)]):
        other = other_review(services, f"Other {n}")
        for day in (EV3_DAY, EV3_DAY + timedelta(days=60)):
            edits.create_meeting(
                other,
                f"Hearing {n}",
                MeetingKind.OTHER,
                day.replace(hour=hours[0]),
                day.replace(hour=hours[1]),
                ROOM,
            )
    found = edits.warnings(sample_id)
    assert len(found) > 20
    assert found == every_meeting(services, sample_id)
