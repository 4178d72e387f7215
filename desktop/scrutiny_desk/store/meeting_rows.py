"""Meeting rows as domain records: plain columns (a SQLAlchemy row or the first look's
``Row``) in, records out. No SQLAlchemy here, so the first look (``first_look``) uses
the same conversions as the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain.enums import MeetingKind, MeetingStatus, MinutesStatus
from ..domain.summaries import MeetingSummary

if TYPE_CHECKING:  # imported where used: it brings the papers' views with it, which
    # the store's other users (a review's file written) do not need
    from ..domain.meeting_records import PlacedMeeting


def _meeting_summary(m: Any, open_items: int, closed_items: int) -> MeetingSummary:
    return MeetingSummary(
        id=m.id,
        review_id=m.review_id,
        key=m.key,
        title=m.title,
        kind=MeetingKind(m.kind),
        start=m.start,
        end=m.end,
        venue=m.venue,
        status=MeetingStatus(m.status),
        uid=m.uid,
        sequence=m.sequence,
        minutes_status=MinutesStatus(m.minutes_status),
        version=m.version,
        open_items=open_items,
        closed_items=closed_items,
        joining_link=m.joining_link,
        title_cy=m.title_cy,
        urgency=m.urgency,
    )


def summary_of(row: Any) -> MeetingSummary:
    closed = int(row.closed_items)
    return _meeting_summary(row, int(row.total_items) - closed, closed)


def placed_meeting(row: Any) -> PlacedMeeting:
    from ..domain.meeting_records import PlacedMeeting

    return PlacedMeeting(
        id=row.id,
        review_id=row.review_id,
        key=row.key,
        title=row.title,
        start=row.start,
        end=row.end,
        venue=row.venue,
        status=MeetingStatus(row.status),
        version=row.version,
        agenda_published_on=row.agenda_published_on,
    )
