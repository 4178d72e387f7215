"""Reading a meeting's procedural record back from the tables (format version 6).

The register of members' interests, the attendees (substitutes, officers, others also
present), declarations of interest and the items' resolutions with their votes, for
the whole review's read (``documents.load_review``) and one meeting's
(``meeting_papers``) alike. Each is one statement for all the meetings (or items) it is
given, whatever their number; the keys that rows refer to by id (members, attendees,
items) come back through outer joins, so no key map has to be built first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..domain.enums import AttendeeKind, InterestCategory, StandardItem, VoteChoice
from ..domain.records import (
    Attendee,
    Declaration,
    Interest,
    Resolution,
    Vote,
    VoteCast,
)
from . import orm

Ids = Select[Any] | Sequence[int] | int
"""Which meetings or items: a subquery of their ids, a list of them, or one id."""

_CATEGORY = {c.value: c for c in InterestCategory}
_KIND = {k.value: k for k in AttendeeKind}
_CHOICE = {c.value: c for c in VoteChoice}
_STANDARD = {s.value: s for s in StandardItem}

# Plain tables and columns, not the mapped classes' attributes: these reads select
# columns only, and an ORM statement (or an ``aliased()`` entity, made at import)
# configures every mapper first, some 17 ms of a command that needs none (writing a
# review's file: ``documents._c``). The tables a statement joins a second time are
# the tables' aliases.
_member = orm.MemberRow.__table__.alias()
_attendee = orm.AttendeeRow.__table__.alias()
_arrived = orm.ItemRow.__table__.alias()
_left = orm.ItemRow.__table__.alias()
_item = orm.ItemRow.__table__.alias()


def standard_item(value: str | None) -> StandardItem | None:
    return None if value is None else _STANDARD[value]


def _among(column: Any, ids: Ids) -> Any:
    """``column`` is one of ``ids`` (``= ?`` for one id: the index on it is used)."""
    return column == ids if isinstance(ids, int) else column.in_(ids)


def interests(session: Session, review_id: int) -> tuple[Interest, ...]:
    """The review's register of members' interests, in its order."""
    i, members = orm.InterestRow.__table__.c, orm.MemberRow.__table__
    stmt = (
        select(members.c.key, i.text, i.category)
        .join(members, members.c.id == i.member_id)
        .where(i.review_id == review_id)
        .order_by(i.position, i.id)
    )
    return tuple(
        Interest(member, text, _CATEGORY[category])
        for member, text, category in session.connection().execute(stmt)
    )


def attendees(session: Session, meeting_ids: Ids) -> dict[int, tuple[Attendee, ...]]:
    """meeting id -> its attendees, in their order."""
    a = orm.AttendeeRow.__table__.c
    stmt = (
        select(
            a.meeting_id,
            a.key,
            a.kind,
            a.name,
            a.role,
            a.email,
            _member.c.key,
            _arrived.c.key,
            _left.c.key,
        )
        .outerjoin(_member, _member.c.id == a.substitute_for_id)
        .outerjoin(_arrived, _arrived.c.id == a.arrived_item_id)
        .outerjoin(_left, _left.c.id == a.left_item_id)
        .where(_among(a.meeting_id, meeting_ids))
        .order_by(a.meeting_id, a.position, a.id)
    )
    found: dict[int, list[Attendee]] = defaultdict(list)
    for (
        meeting_id,
        key,
        kind,
        name,
        role,
        email,
        for_,
        arrived,
        left,
    ) in session.connection().execute(stmt):
        found[meeting_id].append(Attendee(key, _KIND[kind], name, role, email, for_, arrived, left))
    return {meeting_id: tuple(rows) for meeting_id, rows in found.items()}


def declarations(session: Session, meeting_ids: Ids) -> dict[int, tuple[Declaration, ...]]:
    """meeting id -> the declarations of interest made at it, in their order."""
    d = orm.DeclarationRow.__table__.c
    stmt = (
        select(
            d.meeting_id,
            _member.c.key,
            _attendee.c.key,
            _item.c.key,
            d.nature,
            d.category,
            d.left_room,
        )
        .outerjoin(_member, _member.c.id == d.member_id)
        .outerjoin(_attendee, _attendee.c.id == d.attendee_id)
        .outerjoin(_item, _item.c.id == d.item_id)
        .where(_among(d.meeting_id, meeting_ids))
        .order_by(d.meeting_id, d.position, d.id)
    )
    found: dict[int, list[Declaration]] = defaultdict(list)
    for (
        meeting_id,
        member,
        substitute,
        item,
        nature,
        category,
        left_room,
    ) in session.connection().execute(stmt):
        found[meeting_id].append(
            Declaration(member or substitute, item, nature, _CATEGORY[category], left_room)
        )
    return {meeting_id: tuple(rows) for meeting_id, rows in found.items()}


def resolutions(session: Session, item_ids: Ids) -> dict[int, tuple[Resolution, ...]]:
    """item id -> its resolutions in order, each with its vote (counts, and the names
    in their order when it was recorded by name)."""
    r, c = orm.ResolutionRow.__table__.c, orm.VoteCastRow.__table__.c
    casts: dict[int, list[VoteCast]] = defaultdict(list)
    for resolution_id, member, substitute, choice in session.connection().execute(
        select(c.resolution_id, _member.c.key, _attendee.c.key, c.choice)
        .outerjoin(_member, _member.c.id == c.member_id)
        .outerjoin(_attendee, _attendee.c.id == c.attendee_id)
        .where(c.resolution_id.in_(select(r.id).where(_among(r.item_id, item_ids))))
        .order_by(c.resolution_id, c.position, c.id)
    ):
        casts[resolution_id].append(VoteCast(member or substitute, _CHOICE[choice]))
    found: dict[int, list[Resolution]] = defaultdict(list)
    for row in session.connection().execute(
        select(r.id, r.item_id, r.text, r.has_vote, r.in_favour, r.against, r.abstained)
        .where(_among(r.item_id, item_ids))
        .order_by(r.item_id, r.position, r.id)
    ):
        vote = (
            Vote(row.in_favour, row.against, row.abstained, tuple(casts.get(row.id, ())))
            if row.has_vote
            else None
        )
        found[row.item_id].append(Resolution(row.text, vote))
    return {item_id: tuple(rows) for item_id, rows in found.items()}
