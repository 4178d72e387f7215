"""What the recommendations service hands out and takes back, and the rule every
recommendation keeps.

``RecommendationEntry`` is what a list or an editor shows: the database id and the
version an edit must quote back, its number (its place in the review's list, from 1),
the terms of reference and notes that support it (named, not just keyed), its dated
progress updates and whether it is overdue. ``TrackerRow`` is one line of the
follow-up tracker: a recommendation being followed up, or an action agreed at a
meeting. Snapshots hold what a delete took away, by key, so that an undo puts the same
thing back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .enums import RecommendationStatus
from .errors import Problem
from .paragraph_links import ParagraphLink
from .records import NamedRef, ProgressUpdate, Recommendation
from .rules import text_problem

#: Recommendations in these states are being followed up: they can fall overdue.
FOLLOWED_UP = (RecommendationStatus.AGREED, RecommendationStatus.IN_PROGRESS)
#: Recommendations in these states are finished with: the tracker shows them as done.
FINISHED = (RecommendationStatus.IMPLEMENTED, RecommendationStatus.REJECTED)


def is_overdue(status: RecommendationStatus, due: date | None, today: date) -> bool:
    """Agreed or in progress, and its due date has passed."""
    return status in FOLLOWED_UP and due is not None and due < today


@dataclass(frozen=True)
class ProgressEntry:
    """A dated progress update on a recommendation, as an editor shows it."""

    id: int
    recommendation_id: int
    position: int  # in the recommendation's updates, oldest first (0, 1, 2 ...)
    date: date
    text: str
    version: int


@dataclass(frozen=True)
class RecommendationEntry:
    id: int
    review_id: int
    key: str
    number: int  # its place in the review's list, from 1: "Recommendation 3"
    text: str
    lead: str | None
    due: date | None
    status: RecommendationStatus
    response: str | None
    version: int
    tor: tuple[NamedRef, ...] = ()  # label "1.2 text"
    notes: tuple[NamedRef, ...] = ()  # label: the note's text, shortened
    closed_notes: tuple[str, ...] = ()  # keys of the supporting notes that are closed
    progress: tuple[ProgressEntry, ...] = ()  # oldest first
    overdue: bool = False

    @property
    def position(self) -> int:
        return self.number - 1

    @property
    def latest(self) -> ProgressEntry | None:
        """The most recent progress update, if there is one."""
        return self.progress[-1] if self.progress else None


@dataclass(frozen=True)
class RecommendationSnapshot:
    """A deleted recommendation with its terms of reference, supporting notes and
    progress updates (all in ``recommendation``), to put back at the same place."""

    review_id: int
    position: int
    recommendation: Recommendation
    paragraphs: tuple[ParagraphLink, ...] = ()  # report paragraphs supporting it (issue 17)


@dataclass(frozen=True)
class ProgressSnapshot:
    """A deleted progress update, to put back at its place under its recommendation."""

    review_id: int
    recommendation_key: str
    position: int
    update: ProgressUpdate


class TrackerKind(StrEnum):
    RECOMMENDATION = "recommendation"
    ACTION = "action"


@dataclass(frozen=True)
class TrackerRow:
    """One follow-up: a recommendation after it was agreed, or a meeting's action.

    ``reference`` says which ("R3", "Action · 12 Jan 2007 meeting"); ``status`` is in
    words ("Agreed", "In progress", "Implemented", "Rejected", "Open", "Done");
    ``done`` is true for finished ones. ``closed`` marks an action agreed in private.
    ``key`` is the recommendation's or the action's key; ``meeting_id``/``meeting_key``
    name the action's meeting."""

    kind: TrackerKind
    key: str
    reference: str
    text: str
    who: str | None
    due: date | None
    status: str
    done: bool
    overdue: bool
    closed: bool
    latest: ProgressUpdate | None = None
    number: int | None = None  # a recommendation's number
    meeting_id: int | None = None
    meeting_key: str | None = None
    #: issue 17: the report went to its body and no response to the recommendation has
    #: come: awaited until its due date, overdue after it
    response_awaited: bool = False
    response_overdue: bool = False


_STATUS_WORDS = {
    RecommendationStatus.DRAFT: "Draft",
    RecommendationStatus.AGREED: "Agreed",
    RecommendationStatus.IN_PROGRESS: "In progress",
    RecommendationStatus.IMPLEMENTED: "Implemented",
    RecommendationStatus.REJECTED: "Rejected",
}


def status_words(status: RecommendationStatus) -> str:
    """``In progress``: a status as papers and the tracker print it."""
    return _STATUS_WORDS[status]


def recommendation_problems(
    text: str | None,
    lead: str | None,
    due: date | None,
    status: RecommendationStatus,
    response: str | None,
) -> list[Problem]:
    """Everything wrong with a recommendation as it would be saved, each problem named
    by its field. ``text`` None: not being checked (left as it is)."""
    problems: list[Problem] = []
    if text is not None:
        if not text.strip():
            problems.append(Problem("text", "must not be empty"))
        elif why := text_problem(text):
            problems.append(Problem("text", why))
    for name, value in (("lead", lead), ("response", response)):
        if value is not None and (why := text_problem(value)):
            problems.append(Problem(name, why))
    if status.needs_lead_and_due:
        if not (lead or "").strip():
            problems.append(Problem("lead", f'a recommendation that is "{status}" needs a lead'))
        if due is None:
            problems.append(Problem("due", f'a recommendation that is "{status}" needs a due date'))
    return problems


def progress_problems(text: str | None) -> list[Problem]:
    if text is None:
        return []
    if not text.strip():
        return [Problem("text", "a progress update must say what has happened")]
    if why := text_problem(text):
        return [Problem("text", why)]
    return []
