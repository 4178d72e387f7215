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

from ..domain.enums import MeetingStatus
from ..domain.meeting_rules import minutes_are_approved, will_not_take_place
from ..domain.records import Review
from ..domain.view_codec import MinutesSnapshot

if TYPE_CHECKING:
    from ..domain.views import Audience, MeetingView
    from ..store.meeting_papers import MeetingPapers


def build_snapshot(
    review: Review, meeting_key: str, *, first_minute: int | None = None
) -> MinutesSnapshot:
    """The meeting's minutes as they print now, for the public and for the panel, with
    their minute numbers (``first_minute``: for a review cut down to the meeting), which
    they keep once approved."""
    from ..domain.views import Audience
    from . import publishing  # the papers' views: not imported by what only reads

    return MinutesSnapshot(
        public=publishing.meeting_view(
            review, meeting_key, Audience.PUBLIC, first_minute=first_minute
        ),
        panel=publishing.meeting_view(
            review, meeting_key, Audience.PANEL, first_minute=first_minute
        ),
    )


def draft_view(papers: MeetingPapers, audience: Audience) -> MeetingView:
    """Draft minutes as they print for ``audience``: the view approving them would keep
    for it (``build_snapshot``), built for that audience alone."""
    from . import publishing

    return publishing.meeting_view(
        papers.review, papers.key, audience, first_minute=papers.first_minute
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


def no_minutes_message(title: str, status: MeetingStatus) -> str:
    """Why the meeting ``title`` has no minutes (it did not take place: ``status``)."""
    assert will_not_take_place(status)
    return (
        f'"{title}" was {status.value}, so it has no minutes: '
        "a meeting that did not take place has nothing to record"
    )
