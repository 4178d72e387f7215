"""The body's responses to the report's recommendations in the database (issue 17):
each recommendation's response fields, and the report's settings that give the date
responses are due by default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.enums import RecommendationStatus, ResponseOutcome
from ..domain.records import DEFAULT_RESPONSE_MONTHS
from . import orm

_R = orm.RecommendationRow


@dataclass(frozen=True)
class Submitted:
    """When the report went to its body (None: not yet) and how long responses take."""

    on: date | None
    months: int


def submitted(session: Session, review_id: int) -> Submitted:
    row = session.get(orm.ReportSettingsRow, review_id)
    if row is None:
        return Submitted(None, DEFAULT_RESPONSE_MONTHS)
    return Submitted(row.submitted_on, row.response_months)


def rows(session: Session, review_id: int) -> list[_R]:
    """The review's recommendations in the list's order."""
    return list(
        session.scalars(select(_R).where(_R.review_id == review_id).order_by(_R.position, _R.id))
    )


def row_for(session: Session, review_id: int, key: str) -> _R | None:
    return session.scalar(select(_R).where(_R.review_id == review_id, _R.key == key))


def write(
    row: _R,
    *,
    status: RecommendationStatus,
    response: str | None,
    response_due: date | None,
    responded_on: date | None,
    outcome: ResponseOutcome | None,
) -> None:
    """Write a recommendation's response fields and status (flushed by the caller)."""
    row.status = status.value
    row.response = response
    row.response_due = response_due
    row.responded_on = responded_on
    row.response_outcome = None if outcome is None else outcome.value
