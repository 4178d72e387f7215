"""The long lists of the workspace, read the way a paged table model reads them.

``meeting_ids`` / ``witness_ids`` give the ids of a review's filtered, sorted list
(run off the GUI thread; ids only). ``meetings`` / ``witnesses`` give the rows of a
page of ids (on the GUI thread: by primary key, a few milliseconds for 200 rows).
``meetings_between`` gives the meetings of a calendar's visible weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ..domain.errors import Problem, ValidationError
from ..domain.listing_records import (
    MEETING_ORDERS,
    WITNESS_ORDERS,
    ListedMeeting,
    MeetingFilter,
    WitnessFilter,
)
from ..domain.meeting_records import agenda_deadline
from ..domain.people_records import WitnessRecord
from ..domain.records import MeetingSummary
from ..store import listing as store
from ..store.db import Database
from ..store.meeting_reads import review_settings
from .calendar_rules import clear_day_exclusions


class ListingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Meetings -------------------------------------------------------------------------

    def meeting_ids(
        self,
        review_id: int,
        flt: MeetingFilter | None = None,
        order: str = "start",
        descending: bool = False,
    ) -> list[int]:
        """The ids of the review's meetings that pass ``flt``, ordered by ``order``
        (one of ``MEETING_ORDERS``; ties by start, then list position)."""
        _check_order(order, MEETING_ORDERS)
        flt = flt or MeetingFilter()
        with self.db.reading() as session:
            return store.meeting_ids(session, review_id, flt.status, flt.words, order, descending)

    def meeting_count(self, review_id: int) -> int:
        """How many meetings the review has, whatever the filter."""
        with self.db.reading() as session:
            return store.meeting_count(session, review_id)

    def meetings(self, ids: Sequence[int], today: date) -> list[ListedMeeting]:
        """The meetings of these ids (in that order; ids of deleted meetings are left
        out), each with its agenda deadline as of ``today``."""
        with self.db.reading() as session:
            found = store.meetings_by_id(session, ids)
            settings: dict[int, int] = {}
            for summary, _placed in found:
                if summary.review_id not in settings:
                    settings[summary.review_id] = review_settings(session, summary.review_id)[1]
        is_holiday = clear_day_exclusions()
        by_id = {
            summary.id: ListedMeeting(
                summary,
                agenda_deadline(placed, settings[summary.review_id], today, is_holiday),
            )
            for summary, placed in found
        }
        return [by_id[i] for i in ids if i in by_id]

    def meetings_between(
        self, review_id: int, flt: MeetingFilter, first: date, last: date
    ) -> list[MeetingSummary]:
        """The meetings that pass ``flt`` and start on a day from ``first`` to
        ``last`` (both included), by start."""
        with self.db.reading() as session:
            return store.meetings_between(
                session,
                review_id,
                flt.status,
                flt.words,
                datetime.combine(first, time()),
                datetime.combine(last, time()) + timedelta(days=1),
            )

    # Witnesses --------------------------------------------------------------------------

    def witness_ids(
        self,
        review_id: int,
        flt: WitnessFilter | None = None,
        order: str = "position",
        descending: bool = False,
    ) -> list[int]:
        """The ids of the review's witnesses that pass ``flt``, ordered by ``order``
        (one of ``WITNESS_ORDERS``; ties in register order)."""
        _check_order(order, WITNESS_ORDERS)
        flt = flt or WitnessFilter()
        with self.db.reading() as session:
            return store.witness_ids(
                session,
                review_id,
                flt.text.strip(),
                flt.invitations,
                flt.private,
                order,
                descending,
            )

    def witness_count(self, review_id: int) -> int:
        with self.db.reading() as session:
            return store.witness_count(session, review_id)

    def witnesses(self, ids: Sequence[int]) -> list[WitnessRecord]:
        """The witnesses of these ids (in that order; removed ones are left out), each
        with their appearances."""
        with self.db.reading() as session:
            found = {w.id: w for w in store.witnesses_by_id(session, ids)}
        return [found[i] for i in ids if i in found]


def _check_order(order: str, allowed: Sequence[str]) -> None:
    if order not in allowed:
        raise ValidationError(
            [Problem("order", f"cannot sort by {order!r}: use one of {', '.join(allowed)}")]
        )
