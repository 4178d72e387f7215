"""The summary records a start reads before any other: the reviews, the meetings its
list shows, and a review's retention (the status bar's reminder). ``records`` gives
them too; here they come without the review document's thirty-odd records, which a
start need not define (issue 12: some 20 ms of a 0.5 s start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .enums import MeetingKind, MeetingStatus, MinutesStatus, ReviewStatus


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    title: str
    body: str | None
    status: ReviewStatus
    timezone: str
    version: int
    meeting_count: int = 0


@dataclass(frozen=True)
class RetentionState:
    """A review's retention: the date it sets (``until``), and the date in effect
    (``effective``: ``until``, else six years after it closed, None while open).

    ``personal_data_records`` gives it too: a start reads it for the status bar's
    reminder, and needs none of the personal data's records."""

    review_id: int
    title: str
    status: str
    until: date | None
    effective: date | None
    version: int  # the review's, for ``set_retention``

    def due(self, today: date) -> bool:
        """The date has passed: the personal data should be reviewed and erased."""
        return self.effective is not None and self.effective < today


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    review_id: int
    key: str
    title: str
    kind: MeetingKind
    start: datetime
    end: datetime
    venue: str | None
    status: MeetingStatus
    uid: str
    sequence: int
    minutes_status: MinutesStatus
    version: int
    open_items: int = 0
    closed_items: int = 0
    joining_link: str | None = None  # an online or hybrid meeting's (version 5)
    title_cy: str | None = None  # version 7: the Welsh title
    urgency: str | None = None  # version 7: the reason for urgency the agenda prints
