"""The body's responses to the report's recommendations (issue 17).

A response is due by the recommendation's own date, or else the report's: the date it
went to its body plus the review's response period in calendar months (31 January plus
one month is 28 or 29 February). Recording a response is one edit of the
recommendation: its outcome, date and words; a rejected response sets its status to
rejected, and an accepted or partly accepted one makes a draft (or rejected)
recommendation agreed (which then needs its lead and due date); one already agreed, in
progress or implemented keeps its status. Clearing a response (outcome None) removes
the outcome and date and leaves the status as it is: the status is the clerk's to set
once the recommendation has moved on; the undo of recording one puts back everything
it changed, status included (``ResponseSnapshot``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.changes import KEEP, Keep
from ..domain.enums import RecommendationStatus, ResponseOutcome
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.report_version_records import ResponseEntry, ResponseSnapshot, response_due
from ..domain.rules import text_problem
from ..store import minutes_edits, queries
from ..store import response_edits as store
from ..store.db import Database

#: an accepted (or partly accepted) response makes a recommendation in one of these
#: states agreed: the body will act on it, so it is followed up
_ACCEPTING = (ResponseOutcome.ACCEPTED, ResponseOutcome.PARTLY_ACCEPTED)
_NOT_FOLLOWED = (RecommendationStatus.DRAFT, RecommendationStatus.REJECTED)


class ReportResponseService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def responses(self, review_id: int, today: date) -> tuple[ResponseEntry, ...]:
        """Every recommendation of the review with its response, in the list's order."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            return entries_in(session, review_id, today)

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
        with self.db.writing() as session:
            row = store.stored_one(session, recommendation_id)
            what = "The recommendation" if row is None else f"Recommendation {row.position + 1}"
            queries.check_version(
                session, "recommendation", recommendation_id, expected_version, what
            )
            assert row is not None
            before = _snapshot(row)
            status = row.status
            problems: list[Problem] = []
            if outcome is None:
                if responded_on is not None:
                    problems.append(
                        Problem("responded_on", "a date needs the response it was given")
                    )
            elif responded_on is None:
                problems.append(Problem("responded_on", "a response needs the date it was given"))
            if outcome is ResponseOutcome.REJECTED:
                status = RecommendationStatus.REJECTED
            elif outcome in _ACCEPTING and status in _NOT_FOLLOWED:
                status = RecommendationStatus.AGREED
                if not (row.lead or "").strip():
                    problems.append(
                        Problem("lead", "an accepted recommendation is agreed: it needs a lead")
                    )
                if row.due is None:
                    problems.append(
                        Problem("due", "an accepted recommendation is agreed: it needs a due date")
                    )
            text = before.response if isinstance(response_text, Keep) else _blank(response_text)
            if text is not None and (why := text_problem(text)):
                problems.append(Problem("response", why))
            if problems:
                raise ValidationError(problems)
            store.write(
                session,
                row.id,
                status=status,
                response=text,
                response_due=before.response_due
                if isinstance(response_due, Keep)
                else response_due,
                responded_on=responded_on,
                outcome=outcome,
            )
            return _entry(session, row.review_id, row.id, today), before

    def restore_response(
        self, snapshot: ResponseSnapshot, today: date | None = None
    ) -> ResponseEntry:
        """Undo ``record_response``: its fields and status as they were."""
        with self.db.writing() as session:
            found = store.id_for(session, snapshot.review_id, snapshot.recommendation_key)
            if found is None:
                raise NotFoundError(
                    f'There is no recommendation with key "{snapshot.recommendation_key}"'
                )
            store.write(
                session,
                found,
                status=snapshot.status,
                response=snapshot.response,
                response_due=snapshot.response_due,
                responded_on=snapshot.responded_on,
                outcome=snapshot.outcome,
            )
            return _entry(session, snapshot.review_id, found, today)


def _blank(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def _snapshot(row: store.StoredResponse) -> ResponseSnapshot:
    return ResponseSnapshot(
        review_id=row.review_id,
        recommendation_key=row.key,
        status=row.status,
        response=row.response,
        response_due=row.response_due,
        responded_on=row.responded_on,
        outcome=row.outcome,
    )


def _entry(session: Any, review_id: int, row_id: int, today: date | None) -> ResponseEntry:
    found = entries_in(session, review_id, today or date.today())
    return next(e for e in found if e.recommendation_id == row_id)


def entries_in(session: Any, review_id: int, today: date) -> tuple[ResponseEntry, ...]:
    """Every recommendation's response in an open session (the tracker reads them in
    its own)."""
    sent = store.submitted(session, review_id)
    out = []
    for number, row in enumerate(store.stored(session, review_id), start=1):
        due = response_due(row.response_due, sent.on, sent.months)
        outcome = row.outcome
        out.append(
            ResponseEntry(
                recommendation_id=row.id,
                key=row.key,
                number=number,
                text=row.text,
                lead=row.lead,
                status=row.status,
                response=row.response,
                response_due=due,
                due_is_own=row.response_due is not None,
                responded_on=row.responded_on,
                outcome=outcome,
                overdue=outcome is None and due is not None and due < today,
                version=row.version,
            )
        )
    return tuple(out)
