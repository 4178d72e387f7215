"""Storage for a review's register of members' interests.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already. Entries keep one position in
the review's register (0..n-1); the register reads by member in panel order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.enums import InterestCategory
from ..domain.errors import NotFoundError
from ..domain.people_records import RegisteredInterest
from ..domain.procedure_records import InterestRecord
from ..domain.records import Interest
from . import orm
from .positions import close_gaps, make_room

IR = orm.InterestRow
M = orm.MemberRow


def _scope(review_id: int) -> Any:
    return IR.review_id == review_id


def interest_records(
    session: Session, review_id: int, member_ids: Sequence[int] | None = None
) -> list[InterestRecord]:
    """The register by member in panel order, each member's entries in register
    order (only these members' when ``member_ids`` is given)."""
    session.flush()
    stmt = (
        select(IR, M.key, M.name)
        .join(M, M.id == IR.member_id)
        .where(_scope(review_id))
        .order_by(M.position, M.id, IR.position, IR.id)
    )
    if member_ids is not None:
        stmt = stmt.where(IR.member_id.in_(member_ids))
    return [
        InterestRecord(
            id=r.id,
            review_id=review_id,
            member_key=key,
            member_name=name,
            position=r.position,
            text=r.text,
            category=InterestCategory(r.category),
            version=r.version,
        )
        for r, key, name in session.execute(stmt)
    ]


def review_of(session: Session, interest_id: int) -> int | None:
    return session.scalar(select(IR.review_id).where(IR.id == interest_id))


def interest_record(session: Session, interest_id: int) -> InterestRecord:
    review_id = review_of(session, interest_id)
    if review_id is None:
        raise NotFoundError(f"There is no register entry with id {interest_id}")
    return next(r for r in interest_records(session, review_id) if r.id == interest_id)


def insert_interest(
    session: Session,
    review_id: int,
    member_id: int,
    text: str,
    category: InterestCategory,
    position: int | None,
) -> int:
    at = make_room(session, IR, _scope(review_id), position)
    row = IR(
        review_id=review_id, member_id=member_id, position=at, text=text, category=category.value
    )
    session.add(row)
    session.flush()
    return row.id


def update_interest(session: Session, interest_id: int, values: dict[str, Any]) -> None:
    row = session.get(IR, interest_id)
    assert row is not None
    changed = False
    for name, value in values.items():
        stored = value.value if isinstance(value, InterestCategory) else value
        if getattr(row, name) != stored:
            setattr(row, name, stored)
            changed = True
    if changed:
        session.flush()


def delete_interest(session: Session, interest_id: int) -> None:
    row = session.get(IR, interest_id)
    assert row is not None
    review_id = row.review_id
    session.delete(row)
    session.flush()
    close_gaps(session, IR, _scope(review_id))


def member_interests(
    session: Session, member_id: int, member_key: str
) -> tuple[RegisteredInterest, ...]:
    """A member's entries with their places in the register (for the member's snapshot)."""
    return tuple(
        RegisteredInterest(r.position, Interest(member_key, r.text, InterestCategory(r.category)))
        for r in session.scalars(
            select(IR).where(IR.member_id == member_id).order_by(IR.position, IR.id)
        )
    )


def restore_member_interests(
    session: Session, review_id: int, member_id: int, entries: Sequence[RegisteredInterest]
) -> None:
    for entry in sorted(entries, key=lambda e: e.position):
        insert_interest(
            session,
            review_id,
            member_id,
            entry.interest.text,
            entry.interest.category,
            entry.position,
        )


def close_register_gaps(session: Session, review_id: int) -> None:
    close_gaps(session, IR, _scope(review_id))
