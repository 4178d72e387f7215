"""The body's responses to the report's recommendations (issue 17).

A response is due by the recommendation's own date, or else the report's: the date it
went to its body plus the review's response period in calendar months (31 January plus
one month is 28 or 29 February). Recording a response is one edit of the
recommendation: its outcome, date and words; a rejected response sets its status to
rejected, and an accepted or partly accepted one makes a draft recommendation agreed
(which then needs its lead and due date). Clearing a response (outcome None) removes
the outcome and date and leaves the status as it is: the status is the clerk's to set
once the recommendation has moved on; the undo of recording one puts back everything
it changed, status included (``ResponseSnapshot``).
"""

from __future__ import annotations

from datetime import date

from ..domain.changes import KEEP, Keep
from ..domain.enums import ResponseOutcome
from ..domain.report_version_records import ResponseEntry, ResponseSnapshot
from ..store.db import Database


class ReportResponseService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def responses(self, review_id: int, today: date) -> tuple[ResponseEntry, ...]:
        """Every recommendation of the review with its response, in the list's order."""
        raise NotImplementedError

    def record_response(
        self,
        recommendation_id: int,
        expected_version: int,
        *,
        outcome: ResponseOutcome | None,
        responded_on: date | None,
        response_text: str | Keep | None = KEEP,
        response_due: date | Keep | None = KEEP,
        today: date | None = None,
    ) -> tuple[ResponseEntry, ResponseSnapshot]:
        """Record (or, with outcome None, clear) the body's response; one transaction.
        Returns the entry after it and the snapshot that undoes it."""
        raise NotImplementedError

    def restore_response(
        self, snapshot: ResponseSnapshot, today: date | None = None
    ) -> ResponseEntry:
        """Undo ``record_response``: its fields and status as they were."""
        raise NotImplementedError
