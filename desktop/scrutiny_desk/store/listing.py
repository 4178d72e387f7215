"""The long lists read in two steps: the ids of a filtered, sorted list (one query,
ids only), then the rows of a page of those ids (by primary key).

Indexes used: ``ix_meetings_review_start`` (a review's meetings by start; a month of
the calendar), ``ix_agenda_items_meeting_position`` (the item counts of a page of
meetings), the witnesses' unique (review_id, key) index (a review's register) and
``item_witnesses.witness_id`` (the appearances of a page of witnesses). Text filters
scan the review's rows (a few thousand at most) on the worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from ..domain.enums import InvitationState, MeetingStatus
from ..domain.meeting_records import PlacedMeeting
from ..domain.people_records import WitnessRecord
from ..domain.records import MeetingSummary
from . import orm
from .meeting_rows import placed_meeting, summary_of
from .people_edits import WITNESS_COLUMNS, witness_appearances, witness_record
from .queries import item_counts, meetings_with_counts
from .text_match import contains

MT = orm.MeetingRow
W = orm.WitnessRow
I = orm.ItemRow  # noqa: E741
IW = orm.ItemWitness

# What a clerk expects when sorting by status: what is coming, then what was not.
_STATUS_ORDER = {
    MeetingStatus.SCHEDULED.value: 0,
    MeetingStatus.HELD.value: 1,
    MeetingStatus.POSTPONED.value: 2,
    MeetingStatus.CANCELLED.value: 3,
}


def _meeting_filter(
    stmt: Select[Any], review_id: int, status: MeetingStatus | None, words: Sequence[str]
) -> Select[Any]:
    stmt = stmt.where(MT.review_id == review_id)
    if status is not None:
        stmt = stmt.where(MT.status == status.value)
    if words:
        text = MT.title + " " + func.coalesce(MT.venue, "")
        stmt = stmt.where(*(contains(text, word) for word in words))
    return stmt


def meeting_ids(
    session: Session,
    review_id: int,
    status: MeetingStatus | None,
    words: Sequence[str],
    order: str,
    descending: bool,
) -> list[int]:
    """The ids of the review's meetings that pass the filter, in that order."""
    return list(session.scalars(meeting_ids_statement(review_id, status, words, order, descending)))


def meeting_ids_statement(
    review_id: int,
    status: MeetingStatus | None,
    words: Sequence[str],
    order: str,
    descending: bool,
) -> Select[Any]:
    """``meeting_ids``'s statement (the first look compiles the default one's: ``first_look``)."""
    stmt = _meeting_filter(select(MT.id), review_id, status, words)
    keys: list[Any]
    match order:
        case "time":
            keys = [
                func.extract("hour", MT.start),
                func.extract("minute", MT.start),
                func.extract("hour", MT.end),
                func.extract("minute", MT.end),
            ]
        case "title":
            keys = [func.lower(MT.title)]
        case "venue":
            keys = [func.lower(func.coalesce(MT.venue, ""))]
        case "status":
            keys = [case(_STATUS_ORDER, value=MT.status, else_=9)]
        case "items":
            counts = (
                select(
                    I.meeting_id,
                    func.count().label("total"),
                    func.sum(case((I.access == "closed", 1), else_=0)).label("closed"),
                )
                .where(I.review_id == review_id)
                .group_by(I.meeting_id)
                .subquery()
            )
            stmt = stmt.outerjoin(counts, counts.c.meeting_id == MT.id)
            keys = [func.coalesce(counts.c.total, 0), func.coalesce(counts.c.closed, 0)]
        case _:
            keys = []
    keys += [MT.start, MT.position, MT.id]
    return stmt.order_by(*(k.desc() if descending else k for k in keys))


def meeting_count(session: Session, review_id: int) -> int:
    return int(session.execute(select(func.count()).where(MT.review_id == review_id)).scalar_one())


def meetings_by_id(
    session: Session, ids: Sequence[int]
) -> list[tuple[MeetingSummary, PlacedMeeting]]:
    """The meetings of these ids (those that still exist), with their item counts."""
    if not ids:
        return []
    stmt = meetings_by_id_statement(ids)
    return [(summary_of(row), placed_meeting(row)) for row in session.execute(stmt)]


def meetings_by_id_statement(ids: Sequence[int]) -> Select[Any]:
    """``meetings_by_id``'s statement (the first look reads the same: ``first_look``)."""
    stmt: Select[Any] = meetings_with_counts(item_counts(I.meeting_id.in_(ids)))
    return stmt.where(MT.id.in_(ids))


def meetings_between(
    session: Session,
    review_id: int,
    status: MeetingStatus | None,
    words: Sequence[str],
    first: datetime,
    last: datetime,
) -> list[MeetingSummary]:
    """The meetings that pass the filter and start in [first, last), by start."""
    in_range = select(MT.id).where(MT.review_id == review_id, MT.start >= first, MT.start < last)
    stmt = meetings_with_counts(item_counts(I.meeting_id.in_(in_range.scalar_subquery())))
    stmt = _meeting_filter(stmt, review_id, status, words)
    stmt = stmt.where(MT.start >= first, MT.start < last).order_by(MT.start, MT.position, MT.id)
    return [summary_of(row) for row in session.execute(stmt)]


def witness_ids(
    session: Session,
    review_id: int,
    text: str,
    invitations: Sequence[InvitationState],
    private: Sequence[bool],
    order: str,
    descending: bool,
) -> list[int]:
    """The ids of the review's witnesses that pass the filter, in that order."""
    stmt = select(W.id).where(W.review_id == review_id)
    if text:
        fields = (W.name, W.role, W.organisation, W.email)
        matches: list[Any] = [contains(func.coalesce(f, ""), text) for f in fields]
        if invitations:
            matches.append(W.invitation.in_([s.value for s in invitations]))
        if private:
            matches.append(W.private.in_(list(private)))
        stmt = stmt.where(or_(*matches))
    keys: list[Any]
    match order:
        case "name" | "role" | "organisation" | "email":
            keys = [func.lower(func.coalesce(getattr(W, order), ""))]
        case "invitation":
            keys = [case({s.value: n for n, s in enumerate(InvitationState)}, value=W.invitation)]
        case "private":
            keys = [W.private]
        case "appearances":
            heard = (
                select(IW.witness_id, func.count().label("n"))
                .join(W, W.id == IW.witness_id)
                .where(W.review_id == review_id)
                .group_by(IW.witness_id)
                .subquery()
            )
            stmt = stmt.outerjoin(heard, heard.c.witness_id == W.id)
            keys = [func.coalesce(heard.c.n, 0)]
        case _:
            keys = []
    keys += [W.position, W.id]
    stmt = stmt.order_by(*(k.desc() if descending else k for k in keys))
    return list(session.scalars(stmt))


def witness_count(session: Session, review_id: int) -> int:
    return int(session.execute(select(func.count()).where(W.review_id == review_id)).scalar_one())


def witnesses_by_id(session: Session, ids: Sequence[int]) -> list[WitnessRecord]:
    """The witnesses of these ids (those that still exist), with their appearances."""
    if not ids:
        return []
    rows = session.execute(select(*WITNESS_COLUMNS).where(W.id.in_(ids))).all()
    appearances = witness_appearances(session, IW.witness_id.in_(ids)) if rows else {}
    return [witness_record(r, appearances.get(r.id, ())) for r in rows]
