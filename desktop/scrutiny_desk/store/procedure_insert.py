"""Writing a review's procedural record into the tables (format version 6).

The register of members' interests, the meetings' attendees, declarations, and the
items' resolutions with their votes, for ``review_insert.insert_review``: in bulk, one
executemany per table, keys resolved to the ids the review's rows were given (a
declaration or a vote names a panel member or a substitute by key: the two sets of
keys are disjoint, which the import checks).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.records import Review
from . import bulk_insert, orm

_insert = bulk_insert.insert_rows


def _person(members: dict[str, int], attendees: dict[str, int], key: str) -> dict[str, Any]:
    """The member_id and attendee_id columns of a row naming a member or a substitute."""
    if key in members:
        return {"member_id": members[key], "attendee_id": None}
    return {"member_id": None, "attendee_id": attendees[key]}


def _ref(ids: dict[str, int], key: str | None) -> int | None:
    return None if key is None else ids[key]


def insert_procedure(
    session: Session,
    review: Review,
    review_id: int,
    members: dict[str, int],
    meetings: dict[str, int],
    items: dict[str, int],
) -> None:
    """Write the review's interests, attendees, declarations, resolutions and votes;
    ``members``, ``meetings`` and ``items`` give the ids of the rows already written."""
    _insert(
        session,
        orm.InterestRow,
        [
            {
                "review_id": review_id,
                "member_id": members[i.member],
                "position": n,
                "text": i.text,
                "category": i.category.value,
                "version": 1,
            }
            for n, i in enumerate(review.interests)
        ],
    )
    attendee_rows = [
        {
            "review_id": review_id,
            "meeting_id": meetings[m.key],
            "position": n,
            "key": a.key,
            "kind": a.kind.value,
            "name": a.name,
            "role": a.role,
            "email": a.email,
            "substitute_for_id": _ref(members, a.substitute_for),
            "arrived_item_id": _ref(items, a.arrived),
            "left_item_id": _ref(items, a.left),
            "version": 1,
        }
        for m in review.meetings
        for n, a in enumerate(m.attendees)
    ]
    _insert(session, orm.AttendeeRow, attendee_rows)
    attendees: dict[str, int] = {}
    if attendee_rows:
        a = orm.AttendeeRow
        found = session.execute(select(a.key, a.id).where(a.review_id == review_id))
        attendees = {key: row_id for key, row_id in found}
    _insert(
        session,
        orm.DeclarationRow,
        [
            {
                "meeting_id": meetings[m.key],
                "position": n,
                **_person(members, attendees, d.member),
                "item_id": _ref(items, d.item),
                "nature": d.nature,
                "category": d.category.value,
                "left_room": d.left_room,
                "version": 1,
            }
            for m in review.meetings
            for n, d in enumerate(m.declarations)
        ],
    )
    _insert_resolutions(session, review, members, attendees, items)


def _insert_resolutions(
    session: Session,
    review: Review,
    members: dict[str, int],
    attendees: dict[str, int],
    items: dict[str, int],
) -> None:
    resolved = [
        (items[i.key], n, x)
        for m in review.meetings
        for i in m.items
        for n, x in enumerate(i.resolutions)
    ]
    if not resolved:
        return
    _insert(
        session,
        orm.ResolutionRow,
        [
            {
                "item_id": item_id,
                "position": n,
                "text": x.text,
                "has_vote": x.vote is not None,
                "in_favour": 0 if x.vote is None else x.vote.in_favour,
                "against": 0 if x.vote is None else x.vote.against,
                "abstained": 0 if x.vote is None else x.vote.abstained,
                "version": 1,
            }
            for item_id, n, x in resolved
        ],
    )
    named = [(item_id, n, x.vote.casts) for item_id, n, x in resolved if x.vote and x.vote.casts]
    if not named:
        return
    r = orm.ResolutionRow
    wanted = sorted({item_id for item_id, _, _ in named})
    ids: dict[tuple[int, int], int] = {}
    for start in range(0, len(wanted), 500):  # a few statements however many items
        for row_id, item_id, position in session.execute(
            select(r.id, r.item_id, r.position).where(r.item_id.in_(wanted[start : start + 500]))
        ):
            ids[(item_id, position)] = row_id
    _insert(
        session,
        orm.VoteCastRow,
        [
            {
                "resolution_id": ids[(item_id, n)],
                "position": p,
                **_person(members, attendees, cast.person),
                "choice": cast.choice.value,
            }
            for item_id, n, casts in named
            for p, cast in enumerate(casts)
        ],
    )
