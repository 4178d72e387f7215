"""Approved minutes as they print, built once and kept.

Approving minutes keeps the public and the panel view of the meeting
(``publishing.meeting_view``) exactly as they were; exports of approved minutes print
those and never rebuild them, so later changes anywhere cannot alter an approved
record. Files of format versions 1 to 3 (and databases approved before schema 0007)
have no such record: it is built here from the data they hold, the first time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.agenda_records import MinutesRecord, minutes_are_approved
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import Review
from ..domain.view_codec import MinutesSnapshot
from ..domain.views import Audience

if TYPE_CHECKING:
    from ..store.meeting_papers import MeetingPapers


def build_snapshot(
    review: Review, meeting_key: str, *, first_minute: int | None = None
) -> MinutesSnapshot:
    """The meeting's minutes as they print now, for the public and for the panel, with
    their minute numbers (``first_minute``: for a review cut down to the meeting), which
    they keep once approved."""
    from . import publishing  # the papers' views: not imported by what only reads

    return MinutesSnapshot(
        public=publishing.meeting_view(
            review, meeting_key, Audience.PUBLIC, first_minute=first_minute
        ),
        panel=publishing.meeting_view(
            review, meeting_key, Audience.PANEL, first_minute=first_minute
        ),
    )


def papers_snapshot(papers: MeetingPapers) -> MinutesSnapshot:
    """``build_snapshot`` of a meeting's papers (its review cut down to it), numbered
    from the first minute the store counted for it."""
    return build_snapshot(papers.review, papers.key, first_minute=papers.first_minute)


def with_snapshots(review: Review) -> Review:
    """The review with every approved meeting's minutes kept as they print: those it
    lacks are built from the review's own data."""
    missing = [
        m.key
        for m in review.meetings
        if m.minutes_snapshot is None and minutes_are_approved(m.minutes_status)
    ]
    if not missing:
        return review
    built = {key: build_snapshot(review, key) for key in missing}
    return replace(
        review,
        meetings=tuple(
            replace(m, minutes_snapshot=built[m.key]) if m.key in built else m
            for m in review.meetings
        ),
    )


def no_minutes_message(minutes: MinutesRecord) -> str:
    """Why a meeting has no minutes (it did not take place)."""
    assert will_not_take_place(minutes.meeting_status)
    return (
        f'"{minutes.meeting_title}" was {minutes.meeting_status.value}, so it has no minutes: '
        "a meeting that did not take place has nothing to record"
    )
