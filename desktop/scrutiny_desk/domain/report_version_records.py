"""What the report's versions, comments, consideration and responses services hand out
and take back (issue 17).

``VersionEntry`` is a frozen version as a list shows it; ``CommentEntry`` and
``ConsiderationEntry`` are a panel member's comment and a meeting's decision on one
paragraph of a version, with the paragraph's number as that version printed it (so a
comment on paragraph 3.2 of version 0.1 keeps saying 3.2 after the working draft is
renumbered). Snapshots hold what a delete took away, by key, so an undo puts the same
thing back at the same place. ``ResponseEntry`` is a recommendation with the body's
response to it and when that response is due.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime

from .enums import ConsiderationOutcome, RecommendationStatus, ReportPurpose, ResponseOutcome
from .records import NamedRef, ReportComment, ReportConsideration

#: the number of the last version: nothing is made after it
FINAL_NUMBER = "final"


def next_number(numbers: tuple[str, ...] | list[str], purpose: ReportPurpose) -> str | None:
    """The number the next version takes: "final" for the final report, else the next
    draft "0.n" after the drafts made so far; None when the final report has been made
    (nothing follows it)."""
    if FINAL_NUMBER in numbers:
        return None
    if purpose is ReportPurpose.FINAL:
        return FINAL_NUMBER
    drafts = [int(n.split(".", 1)[1]) for n in numbers if n.startswith("0.")]
    return f"0.{max(drafts, default=0) + 1}"


@dataclass(frozen=True)
class VersionEntry:
    """A version of the report frozen when made: its number ("0.1" … "final"), why it
    was made, when (aware), the meeting that considers it (purpose "meeting"), the
    clerk's note and how many comments and decisions on its paragraphs it has."""

    id: int
    review_id: int
    number: str
    purpose: ReportPurpose
    made: datetime
    meeting: NamedRef | None
    note: str | None
    comments: int = 0
    considerations: int = 0
    version: int = 1


@dataclass(frozen=True)
class CommentEntry:
    """A panel member's comment on one paragraph of a version issued for comment.
    ``paragraph_number``: the paragraph's number in that version (None in the foreword
    and summary)."""

    id: int
    review_id: int
    version_number: str
    paragraph_key: str
    paragraph_number: str | None
    member: NamedRef
    text: str
    received: date
    version: int


@dataclass(frozen=True)
class ConsiderationEntry:
    """What a meeting decided on one paragraph of a version it considered, and the
    agenda item under which it did (None: not yet placed under an item)."""

    id: int
    review_id: int
    version_number: str
    paragraph_key: str
    paragraph_number: str | None
    meeting: NamedRef
    item: NamedRef | None
    outcome: ConsiderationOutcome
    amendment: str | None
    version: int


@dataclass(frozen=True)
class CommentSnapshot:
    """A deleted comment, to put back at its place in the review's list."""

    review_id: int
    position: int
    comment: ReportComment


@dataclass(frozen=True)
class ConsiderationSnapshot:
    """A deleted decision on a paragraph, to put back at its place."""

    review_id: int
    position: int
    consideration: ReportConsideration


@dataclass(frozen=True)
class ResponseEntry:
    """A recommendation of the report and the body's response to it. ``response_due``
    is its own date, or the report's (the date it went to the body plus the review's
    response period), or None when the report has not gone; ``due_is_own`` says which.
    ``overdue``: no response recorded and the due date has passed."""

    recommendation_id: int
    key: str
    number: int
    text: str
    lead: str | None
    status: RecommendationStatus
    response: str | None
    response_due: date | None
    due_is_own: bool
    responded_on: date | None
    outcome: ResponseOutcome | None
    overdue: bool
    version: int

    @property
    def awaiting(self) -> bool:
        """The report has gone (a due date is known) and no response is recorded."""
        return self.outcome is None and self.response_due is not None


@dataclass(frozen=True)
class ResponseSnapshot:
    """A recommendation's response fields and status before a response was recorded:
    what undo writes back (by key, with the version the undo must quote)."""

    review_id: int
    recommendation_key: str
    status: RecommendationStatus
    response: str | None
    response_due: date | None
    responded_on: date | None
    outcome: ResponseOutcome | None


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's end (31 January
    plus one month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def response_due(own: date | None, submitted_on: date | None, months: int) -> date | None:
    """When the body's response to a recommendation is due: its own date, else the
    date the report went to the body plus the review's response period; None when the
    report has not gone."""
    if own is not None:
        return own
    return None if submitted_on is None else add_months(submitted_on, months)
