"""What a note refers to, looked up by key: the review, its terms of reference,
meetings, agenda items, witnesses, evidence and recommendations.

Capture checks every key a note names through these, in the service's transaction;
each answer is one indexed query (the terms-of-reference tree is small and read whole).
Functions take the caller's session and return plain records, never ORM rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as Session  # re-exported for the service's helpers

from ..domain.enums import Access
from ..domain.errors import NotFoundError
from ..domain.records import NamedRef
from . import orm

_CLOSED = Access.CLOSED.value


def review_timezone(session: Session, review_id: int) -> str:
    found = session.scalar(select(orm.ReviewRow.timezone).where(orm.ReviewRow.id == review_id))
    if found is None:
        raise NotFoundError(f"There is no review with id {review_id}")
    return found


@dataclass(frozen=True)
class TorNode:
    id: int
    parent_id: int | None
    key: str
    text: str
    number: str


def tor_nodes(session: Session, review_id: int) -> dict[str, TorNode]:
    """Key -> node, with its printed number, for the review's whole (small) tree."""
    rows = list(
        session.execute(
            select(orm.TorRow.id, orm.TorRow.parent_id, orm.TorRow.key, orm.TorRow.text)
            .where(orm.TorRow.review_id == review_id)
            .order_by(orm.TorRow.position, orm.TorRow.id)
        )
    )
    children: dict[int | None, list[Any]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    nodes: dict[str, TorNode] = {}

    def walk(parent: int | None, prefix: str) -> None:
        for n, row in enumerate(children.get(parent, ()), start=1):
            number = f"{prefix}{n}"
            nodes[row.key] = TorNode(row.id, row.parent_id, row.key, row.text, number)
            walk(row.id, number + ".")

    walk(None, "")
    return nodes


def subtree_ids(nodes: dict[str, TorNode], key: str) -> list[int]:
    """The ids of that item and every item under it (empty for an unknown key)."""
    if key not in nodes:
        return []
    by_parent: dict[int | None, list[int]] = defaultdict(list)
    for node in nodes.values():
        by_parent[node.parent_id].append(node.id)
    found: list[int] = []
    todo = [nodes[key].id]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(by_parent.get(current, ()))
    return found


@dataclass(frozen=True)
class Ref:
    """A row a note names: its id, and its key and label as a NoteEntry shows them."""

    id: int
    ref: NamedRef
    closed: bool = False


@dataclass(frozen=True)
class ItemRef:
    """An agenda item with its meeting and witnesses, read in one query."""

    item: Ref
    meeting: Ref
    witnesses: tuple[Ref, ...]


def item_ref(session: Session, review_id: int, key: str) -> ItemRef | None:
    rows = list(
        session.execute(
            select(
                orm.ItemRow.id,
                orm.ItemRow.title,
                orm.ItemRow.access,
                orm.MeetingRow.id.label("meeting_id"),
                orm.MeetingRow.key.label("meeting_key"),
                orm.MeetingRow.title.label("meeting_title"),
                orm.WitnessRow.id.label("witness_id"),
                orm.WitnessRow.key.label("witness_key"),
                orm.WitnessRow.name,
                orm.WitnessRow.role,
                orm.WitnessRow.organisation,
            )
            .join(orm.MeetingRow, orm.MeetingRow.id == orm.ItemRow.meeting_id)
            .outerjoin(orm.ItemWitness, orm.ItemWitness.item_id == orm.ItemRow.id)
            .outerjoin(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
            .where(orm.ItemRow.review_id == review_id, orm.ItemRow.key == key)
            .order_by(orm.ItemWitness.position)
        )
    )
    if not rows:
        return None
    first = rows[0]
    return ItemRef(
        Ref(first.id, NamedRef(key, first.title), first.access == _CLOSED),
        Ref(first.meeting_id, NamedRef(first.meeting_key, first.meeting_title)),
        tuple(
            Ref(
                r.witness_id,
                NamedRef(r.witness_key, witness_label(r.name, r.role, r.organisation)),
            )
            for r in rows
            if r.witness_id is not None
        ),
    )


def meeting_ref(session: Session, review_id: int, key: str) -> Ref | None:
    found = session.execute(
        select(orm.MeetingRow.id, orm.MeetingRow.title).where(
            orm.MeetingRow.review_id == review_id, orm.MeetingRow.key == key
        )
    ).first()
    return None if found is None else Ref(found.id, NamedRef(key, found.title))


def meeting_id_for(session: Session, review_id: int, key: str) -> int | None:
    found = meeting_ref(session, review_id, key)
    return None if found is None else found.id


def evidence_ref(session: Session, review_id: int, key: str) -> Ref | None:
    found = session.execute(
        select(orm.EvidenceRow.id, orm.EvidenceRow.title, orm.EvidenceRow.access).where(
            orm.EvidenceRow.review_id == review_id, orm.EvidenceRow.key == key
        )
    ).first()
    if found is None:
        return None
    return Ref(found.id, NamedRef(key, found.title), found.access == _CLOSED)


def evidence_id_for(session: Session, review_id: int, key: str) -> int | None:
    found = evidence_ref(session, review_id, key)
    return None if found is None else found.id


def witness_refs(session: Session, review_id: int, keys: Sequence[str]) -> dict[str, Ref]:
    if not keys:
        return {}
    return {
        w.key: Ref(w.id, NamedRef(w.key, witness_label(w.name, w.role, w.organisation)))
        for w in session.execute(
            select(
                orm.WitnessRow.id,
                orm.WitnessRow.key,
                orm.WitnessRow.name,
                orm.WitnessRow.role,
                orm.WitnessRow.organisation,
            ).where(orm.WitnessRow.review_id == review_id, orm.WitnessRow.key.in_(list(keys)))
        )
    }


def witness_ids_for(session: Session, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    return {key: ref.id for key, ref in witness_refs(session, review_id, keys).items()}


def recommendation_ids_for(session: Session, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    return {
        key: row_id
        for key, row_id in session.execute(
            select(orm.RecommendationRow.key, orm.RecommendationRow.id).where(
                orm.RecommendationRow.review_id == review_id,
                orm.RecommendationRow.key.in_(list(keys)),
            )
        )
    }


def note_id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.NoteRow.id).where(orm.NoteRow.review_id == review_id, orm.NoteRow.key == key)
    )


def witness_label(name: str, role: str | None, organisation: str | None) -> str:
    """A witness as a note names them: "name, role, organisation", blanks left out."""
    return ", ".join(x for x in (name, role, organisation) if x)
