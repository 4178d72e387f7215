"""Storage for the terms-of-reference tree: rows with a parent and a place among siblings.

Functions take the caller's session (the service's one transaction) and return domain
records. Positions stay dense (0..n-1) in every list of siblings, and in every record's
list of terms-of-reference links after a delete or a restore.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session as Session  # re-exported for the service's helpers

from ..domain.errors import NotFoundError
from ..domain.records import TorItem
from ..domain.tor_records import TorEntry, TorLink, TorSnapshot
from . import orm
from .positions import close_gaps, make_room, move_row, open_gap

# kind -> (link table, its column naming the record, the record's table)
_LINKS: dict[str, tuple[Any, str, Any]] = {
    "note": (orm.NoteTor, "note_id", orm.NoteRow),
    "item": (orm.ItemTor, "item_id", orm.ItemRow),
    "evidence": (orm.EvidenceTor, "evidence_id", orm.EvidenceRow),
    "recommendation": (orm.RecommendationTor, "recommendation_id", orm.RecommendationRow),
}


def lock_review(session: Session, review_id: int) -> None:
    """Hold the review row until the transaction ends (PostgreSQL), so positions in its
    tree are computed from a settled tree."""
    found = session.execute(
        select(orm.ReviewRow.id).where(orm.ReviewRow.id == review_id).with_for_update()
    ).first()
    if found is None:
        raise NotFoundError(f"There is no review with id {review_id}")


def _siblings(review_id: int, parent_id: int | None) -> ColumnElement[bool]:
    parent = (
        orm.TorRow.parent_id.is_(None) if parent_id is None else orm.TorRow.parent_id == parent_id
    )
    return (orm.TorRow.review_id == review_id) & parent


def outline(session: Session, review_id: int) -> list[TorEntry]:
    """Every item of the review's tree, flat in tree order, numbered by position."""
    session.flush()
    rows = session.execute(
        select(
            orm.TorRow.id,
            orm.TorRow.key,
            orm.TorRow.parent_id,
            orm.TorRow.text,
            orm.TorRow.version,
        )
        .where(orm.TorRow.review_id == review_id)
        .order_by(orm.TorRow.position, orm.TorRow.id)
    ).all()
    counts = dict(
        session.execute(
            select(orm.NoteTor.tor_id, func.count())
            .join(orm.TorRow, orm.TorRow.id == orm.NoteTor.tor_id)
            .where(orm.TorRow.review_id == review_id)
            .group_by(orm.NoteTor.tor_id)
        ).all()
    )
    children: dict[int | None, list[Any]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    keys = {row.id: row.key for row in rows}
    out: list[TorEntry] = []
    stack: list[tuple[int | None, int, str]] = [(None, 0, "")]  # parent, index, prefix
    while stack:
        parent, index, prefix = stack.pop()
        siblings = children.get(parent, [])
        if index >= len(siblings):
            continue
        row = siblings[index]
        number = f"{prefix}{index + 1}"
        out.append(
            TorEntry(
                id=row.id,
                key=row.key,
                number=number,
                text=row.text,
                depth=prefix.count("."),
                parent_key=keys.get(row.parent_id) if row.parent_id is not None else None,
                version=row.version,
                note_count=counts.get(row.id, 0),
                position=index,
            )
        )
        stack.append((parent, index + 1, prefix))
        stack.append((row.id, 0, number + "."))
    return out


def review_of(session: Session, tor_id: int) -> int:
    review_id = session.scalar(select(orm.TorRow.review_id).where(orm.TorRow.id == tor_id))
    if review_id is None:
        raise NotFoundError(f"There is no terms-of-reference item with id {tor_id}")
    return review_id


def entry(session: Session, tor_id: int) -> TorEntry:
    for found in outline(session, review_of(session, tor_id)):
        if found.id == tor_id:
            return found
    raise NotFoundError(f"There is no terms-of-reference item with id {tor_id}")


def id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.TorRow.id).where(orm.TorRow.review_id == review_id, orm.TorRow.key == key)
    )


def new_key(session: Session, review_id: int, taken: Iterable[str] = ()) -> str:
    held = set(taken)
    while True:
        key = f"t-{uuid.uuid4().hex[:8]}"
        if key not in held and id_for(session, review_id, key) is None:
            return key


def sibling_count(session: Session, review_id: int, parent_id: int | None) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(orm.TorRow).where(_siblings(review_id, parent_id))
        )
        or 0
    )


def add_item(
    session: Session, review_id: int, parent_id: int | None, at: int | None, key: str, text: str
) -> int:
    """A new item at ``at`` among the parent's children (None: at the end)."""
    position = make_room(session, orm.TorRow, _siblings(review_id, parent_id), at)
    row = orm.TorRow(
        review_id=review_id, parent_id=parent_id, position=position, key=key, text=text
    )
    session.add(row)
    session.flush()
    return row.id


def insert_tree(
    session: Session, review_id: int, parent_id: int | None, at: int | None, item: TorItem
) -> int:
    """An item with all its sub-items (keys as given); the top item's id."""
    top = add_item(session, review_id, parent_id, at, item.key, item.text)
    stack = [(top, item)]
    while stack:
        row_id, current = stack.pop()
        for position, child in enumerate(current.children):
            row = orm.TorRow(
                review_id=review_id,
                parent_id=row_id,
                position=position,
                key=child.key,
                text=child.text,
            )
            session.add(row)
            session.flush()
            stack.append((row.id, child))
    return top


def set_text(session: Session, tor_id: int, text: str) -> None:
    row = session.get(orm.TorRow, tor_id)
    if row is None:
        raise NotFoundError(f"There is no terms-of-reference item with id {tor_id}")
    row.text = text
    session.flush()


def place(session: Session, tor_id: int, parent_id: int | None, index: int) -> None:
    """Put the item at ``index`` among ``parent_id``'s children (its own list or another);
    its version rises, its old and new neighbours only shift."""
    row = session.get(orm.TorRow, tor_id)
    if row is None:
        raise NotFoundError(f"There is no terms-of-reference item with id {tor_id}")
    review_id, old_parent = row.review_id, row.parent_id
    if old_parent == parent_id:
        count = sibling_count(session, review_id, parent_id)
        move_row(
            session, orm.TorRow, _siblings(review_id, parent_id), tor_id, min(index, count - 1)
        )
        return
    at = make_room(session, orm.TorRow, _siblings(review_id, parent_id), index)
    row.parent_id = parent_id
    row.position = at
    session.flush()
    close_gaps(session, orm.TorRow, _siblings(review_id, old_parent))


def subtree_ids(session: Session, tor_id: int) -> list[int]:
    """The item and every item under it, the item first."""
    review_id = review_of(session, tor_id)
    children: dict[int | None, list[int]] = defaultdict(list)
    for row_id, parent_id in session.execute(
        select(orm.TorRow.id, orm.TorRow.parent_id)
        .where(orm.TorRow.review_id == review_id)
        .order_by(orm.TorRow.position, orm.TorRow.id)
    ):
        children[parent_id].append(row_id)
    found, stack = [], [tor_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed(children.get(current, [])))
    return found


def notes_held_only_by(session: Session, ids: Sequence[int]) -> int:
    """How many notes name no terms-of-reference item outside ``ids``."""
    elsewhere = select(orm.NoteTor.note_id).where(orm.NoteTor.tor_id.not_in(ids))
    return (
        session.scalar(
            select(func.count(func.distinct(orm.NoteTor.note_id))).where(
                orm.NoteTor.tor_id.in_(ids), orm.NoteTor.note_id.not_in(elsewhere)
            )
        )
        or 0
    )


def _tree(session: Session, tor_id: int) -> TorItem:
    ids = subtree_ids(session, tor_id)
    rows = {
        r.id: r
        for r in session.execute(
            select(orm.TorRow.id, orm.TorRow.key, orm.TorRow.text, orm.TorRow.parent_id)
            .where(orm.TorRow.id.in_(ids))
            .order_by(orm.TorRow.position, orm.TorRow.id)
        )
    }
    children: dict[int, list[int]] = defaultdict(list)
    for r in rows.values():
        if r.id != tor_id and r.parent_id is not None:
            children[r.parent_id].append(r.id)
    built: dict[int, TorItem] = {}
    for row_id in reversed(ids):  # sub-items before their parents
        r = rows[row_id]
        built[row_id] = TorItem(r.key, r.text, tuple(built[c] for c in children[row_id]))
    return built[tor_id]


def _links_to(session: Session, ids: Sequence[int]) -> list[TorLink]:
    found: list[TorLink] = []
    for kind, (link, column, owner) in _LINKS.items():
        owner_col = getattr(link, column)
        stmt = (
            select(owner.key, orm.TorRow.key, link.position)
            .join(owner, owner.id == owner_col)
            .join(orm.TorRow, orm.TorRow.id == link.tor_id)
            .where(link.tor_id.in_(ids))
            .order_by(owner.key, link.position)
        )
        found.extend(TorLink(kind, o, t, p) for o, t, p in session.execute(stmt))
    return found


def _renumber_links(session: Session, link: Any, column: str, owners: set[int]) -> None:
    owner_col = getattr(link, column)
    rows = session.execute(
        select(owner_col, link.tor_id, link.position)
        .where(owner_col.in_(owners))
        .order_by(owner_col, link.position)
    ).all()
    index: dict[int, int] = defaultdict(int)
    changes = []
    for owner_id, tor_id, position in rows:
        wanted = index[owner_id]
        index[owner_id] += 1
        if position != wanted:
            changes.append({"o": owner_id, "t": tor_id, "p": wanted})
    if changes:
        table = link.__table__
        session.execute(
            update(table)
            .where(table.c[column] == bindparam("o"), table.c.tor_id == bindparam("t"))
            .values(position=bindparam("p")),
            changes,
        )


def delete_subtree(session: Session, tor_id: int) -> TorSnapshot:
    """Delete the item, its sub-items and every link to them; what it took."""
    row = session.get(orm.TorRow, tor_id)
    if row is None:
        raise NotFoundError(f"There is no terms-of-reference item with id {tor_id}")
    review_id, parent_id, position = row.review_id, row.parent_id, row.position
    parent_key = (
        session.scalar(select(orm.TorRow.key).where(orm.TorRow.id == parent_id))
        if parent_id is not None
        else None
    )
    ids = subtree_ids(session, tor_id)
    snapshot = TorSnapshot(
        review_id=review_id,
        parent_key=parent_key,
        position=position,
        item=_tree(session, tor_id),
        links=tuple(_links_to(session, ids)),
    )
    for link, column, _ in _LINKS.values():
        owner_col = getattr(link, column)
        owners = set(session.scalars(select(owner_col).where(link.tor_id.in_(ids))))
        if owners:
            session.execute(delete(link).where(link.tor_id.in_(ids)))
            _renumber_links(session, link, column, owners)
    session.expunge_all()
    for row_id in reversed(ids):  # sub-items first
        session.execute(delete(orm.TorRow).where(orm.TorRow.id == row_id))
    close_gaps(session, orm.TorRow, _siblings(review_id, parent_id))
    return snapshot


def restore_links(session: Session, review_id: int, links: Sequence[TorLink]) -> None:
    """Put links back at their places; links to records deleted since are left out."""
    for tl in sorted(links, key=lambda x: (x.kind, x.owner_key, x.position)):
        link, column, owner = _LINKS[tl.kind]
        owner_id = session.scalar(
            select(owner.id).where(owner.review_id == review_id, owner.key == tl.owner_key)
        )
        tor_id = id_for(session, review_id, tl.tor_key)
        if owner_id is None or tor_id is None:
            continue
        owner_col = getattr(link, column)
        count = session.scalar(select(func.count()).select_from(link).where(owner_col == owner_id))
        at = min(tl.position, count or 0)
        open_gap(session, link, owner_col == owner_id, at)
        session.execute(insert(link).values({column: owner_id, "tor_id": tor_id, "position": at}))
