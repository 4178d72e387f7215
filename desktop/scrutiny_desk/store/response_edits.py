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


@dataclass(frozen=True)
class StoredResponse:
    """A recommendation's fields a response reads and writes."""

    id: int
    review_id: int
    key: str
    position: int
    text: str
    lead: str | None
    due: date | None
    status: RecommendationStatus
    response: str | None
    response_due: date | None
    responded_on: date | None
    outcome: ResponseOutcome | None
    version: int


def _stored(row: _R) -> StoredResponse:
    return StoredResponse(
        id=row.id,
        review_id=row.review_id,
        key=row.key,
        position=row.position,
        text=row.text,
        lead=row.lead,
        due=row.due,
        status=RecommendationStatus(row.status),
        response=row.response,
        response_due=row.response_due,
        responded_on=row.responded_on,
        outcome=None if row.response_outcome is None else ResponseOutcome(row.response_outcome),
        version=row.version,
    )


def stored(session: Session, review_id: int) -> list[StoredResponse]:
    """The review's recommendations in the list's order."""
    return [
        _stored(row)
        for row in session.scalars(
            select(_R).where(_R.review_id == review_id).order_by(_R.position, _R.id)
        )
    ]


def stored_one(session: Session, recommendation_id: int) -> StoredResponse | None:
    row = session.get(_R, recommendation_id)
    return None if row is None else _stored(row)


def rejected(session: Session, recommendation_id: int) -> bool:
    """Whether the body's recorded response rejected the recommendation."""
    outcome = session.scalar(select(_R.response_outcome).where(_R.id == recommendation_id))
    return outcome == ResponseOutcome.REJECTED.value


def id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(select(_R.id).where(_R.review_id == review_id, _R.key == key))


def write(
    session: Session,
    recommendation_id: int,
    *,
    status: RecommendationStatus,
    response: str | None,
    response_due: date | None,
    responded_on: date | None,
    outcome: ResponseOutcome | None,
) -> None:
    """Write a recommendation's response fields and status."""
    row = session.get_one(_R, recommendation_id)
    row.status = status.value
    row.response = response
    row.response_due = response_due
    row.responded_on = responded_on
    row.response_outcome = None if outcome is None else outcome.value
    session.flush()
