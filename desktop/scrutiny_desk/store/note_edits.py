"""Storage for notes: one list per review, queried by filter and fetched by page.

A review may hold 100,000 notes, so nothing here reads them all: filters become
indexed SQL conditions (``ids``, ``count``), a page of notes is fetched with a few IN
queries (``entries``), a new note goes to the end of the list using the
(review_id, position) index, and list positions shift with one UPDATE.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, false, func, insert, not_, or_, select, update
from sqlalchemy.orm import Session as Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access
from ..domain.errors import NotFoundError
from ..domain.localtime import zone
from ..domain.note_records import NoteEntry, NoteFilter, NoteSnapshot, RecommendationLink
from ..domain.records import NamedRef
from . import orm, queries

_CLOSED = Access.CLOSED.value
#: The version counter of a row just inserted (SQLAlchemy's version_id_col starts at 1).
FIRST_VERSION = 1
# The tables themselves, for the plain UPDATEs that shift list positions.
_NOTES: Any = orm.NoteRow.__table__
_REC_NOTES: Any = orm.RecommendationNote.__table__


# The review and what notes refer to ---------------------------------------------------


def review_timezone(session: Session, review_id: int) -> str:
    found = session.scalar(select(orm.ReviewRow.timezone).where(orm.ReviewRow.id == review_id))
    if found is None:
        raise NotFoundError(f"There is no review with id {review_id}")
    return found


def lock_review(session: Session, review_id: int) -> str:
    """Hold the review row until the transaction ends (PostgreSQL), so that positions
    in its list of notes are computed from a settled list; the review's time zone."""
    found = session.scalar(
        select(orm.ReviewRow.timezone).where(orm.ReviewRow.id == review_id).with_for_update()
    )
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
                NamedRef(r.witness_key, _witness_label(r.name, r.role, r.organisation)),
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
        w.key: Ref(w.id, NamedRef(w.key, _witness_label(w.name, w.role, w.organisation)))
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


def new_note_key() -> str:
    """A fresh key (the caller checks it is free: ``append_slot``)."""
    return f"n-{uuid.uuid4().hex[:10]}"


# Queries --------------------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(session: Session, review_id: int, flt: NoteFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on ``notes``; each uses an index (a key that names
    nothing in the review matches no note)."""
    note = orm.NoteRow
    where: list[ColumnElement[bool]] = [note.review_id == review_id]
    if flt.tor is not None:
        ids = subtree_ids(tor_nodes(session, review_id), flt.tor)
        where.append(
            note.id.in_(select(orm.NoteTor.note_id).where(orm.NoteTor.tor_id.in_(ids)))
            if ids
            else false()
        )
    if flt.meeting is not None:
        meeting_id = meeting_id_for(session, review_id, flt.meeting)
        where.append(note.meeting_id == meeting_id if meeting_id is not None else false())
    if flt.item is not None:
        item_id = session.scalar(
            select(orm.ItemRow.id).where(
                orm.ItemRow.review_id == review_id, orm.ItemRow.key == flt.item
            )
        )
        where.append(note.item_id == item_id if item_id is not None else false())
    if flt.witness is not None:
        witness_id = witness_ids_for(session, review_id, [flt.witness]).get(flt.witness)
        where.append(
            note.id.in_(
                select(orm.NoteWitness.note_id).where(orm.NoteWitness.witness_id == witness_id)
            )
            if witness_id is not None
            else false()
        )
    if flt.evidence is not None:
        evidence_id = evidence_id_for(session, review_id, flt.evidence)
        where.append(note.evidence_id == evidence_id if evidence_id is not None else false())
    if flt.access is not None:
        closed = _closed_condition(review_id)
        where.append(closed if flt.access is Access.CLOSED else not_(closed))
    if flt.text:
        pattern = f"%{_escape_like(flt.text)}%"
        where.append(note.text.ilike(pattern, escape="\\"))
    return where


def _closed_condition(review_id: int) -> ColumnElement[bool]:
    """Closed in effect: its own access, or on a closed item, or on closed evidence."""
    note = orm.NoteRow
    closed_items = select(orm.ItemRow.id).where(
        orm.ItemRow.review_id == review_id, orm.ItemRow.access == _CLOSED
    )
    closed_evidence = select(orm.EvidenceRow.id).where(
        orm.EvidenceRow.review_id == review_id, orm.EvidenceRow.access == _CLOSED
    )
    return or_(
        note.access == _CLOSED,
        and_(note.item_id.is_not(None), note.item_id.in_(closed_items)),
        and_(note.evidence_id.is_not(None), note.evidence_id.in_(closed_evidence)),
    )


def note_ids(session: Session, review_id: int, flt: NoteFilter, order: str) -> list[int]:
    note = orm.NoteRow
    ordering: tuple[Any, ...] = {
        "created": (note.created_utc, note.position),
        "-created": (note.created_utc.desc(), note.position.desc()),
        "position": (note.position,),
    }[order]
    stmt = select(note.id).where(*conditions(session, review_id, flt)).order_by(*ordering)
    return list(session.scalars(stmt))


def note_count(session: Session, review_id: int, flt: NoteFilter) -> int:
    stmt = select(func.count()).select_from(orm.NoteRow).where(*conditions(session, review_id, flt))
    return int(session.scalar(stmt) or 0)


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))


def _witness_label(name: str, role: str | None, organisation: str | None) -> str:
    return ", ".join(x for x in (name, role, organisation) if x)


def entries(session: Session, ids: Sequence[int]) -> list[NoteEntry]:
    """The notes with these ids, in that order (ids of notes that no longer exist are
    left out): one query for the notes and one for each kind of thing they name."""
    if not ids:
        return []
    session.flush()
    wanted = list(dict.fromkeys(ids))
    notes = {
        row.id: row
        for row in session.execute(
            select(*orm.NoteRow.__table__.c).where(orm.NoteRow.id.in_(wanted))
        )
    }
    if not notes:
        return []
    review_ids = {n.review_id for n in notes.values()}
    zones = {
        rid: zone(tz)
        for rid, tz in session.execute(
            select(orm.ReviewRow.id, orm.ReviewRow.timezone).where(orm.ReviewRow.id.in_(review_ids))
        )
    }
    meetings = _named(
        session, orm.MeetingRow, orm.MeetingRow.title, {n.meeting_id for n in notes.values()}
    )
    items: dict[int, tuple[NamedRef, bool]] = {}
    item_ids = {n.item_id for n in notes.values() if n.item_id is not None}
    if item_ids:
        for row in session.execute(
            select(orm.ItemRow.id, orm.ItemRow.key, orm.ItemRow.title, orm.ItemRow.access).where(
                orm.ItemRow.id.in_(item_ids)
            )
        ):
            items[row.id] = (NamedRef(row.key, row.title), row.access == _CLOSED)
    evidence: dict[int, tuple[NamedRef, bool]] = {}
    evidence_ids = {n.evidence_id for n in notes.values() if n.evidence_id is not None}
    if evidence_ids:
        for row in session.execute(
            select(
                orm.EvidenceRow.id,
                orm.EvidenceRow.key,
                orm.EvidenceRow.title,
                orm.EvidenceRow.access,
            ).where(orm.EvidenceRow.id.in_(evidence_ids))
        ):
            evidence[row.id] = (NamedRef(row.key, row.title), row.access == _CLOSED)
    numbers: dict[int, dict[int, str]] = {}
    for rid in review_ids:
        numbers[rid] = {node.id: node.number for node in tor_nodes(session, rid).values()}
    tor: dict[int, list[NamedRef]] = defaultdict(list)
    for note_id, tor_id, key, text in session.execute(
        select(orm.NoteTor.note_id, orm.TorRow.id, orm.TorRow.key, orm.TorRow.text)
        .join(orm.TorRow, orm.TorRow.id == orm.NoteTor.tor_id)
        .where(orm.NoteTor.note_id.in_(list(notes)))
        .order_by(orm.NoteTor.note_id, orm.NoteTor.position)
    ):
        number = numbers[notes[note_id].review_id].get(tor_id, "?")
        tor[note_id].append(NamedRef(key, f"{number} {text}"))
    witnesses: dict[int, list[NamedRef]] = defaultdict(list)
    for note_id, key, name, role, organisation in session.execute(
        select(
            orm.NoteWitness.note_id,
            orm.WitnessRow.key,
            orm.WitnessRow.name,
            orm.WitnessRow.role,
            orm.WitnessRow.organisation,
        )
        .join(orm.WitnessRow, orm.WitnessRow.id == orm.NoteWitness.witness_id)
        .where(orm.NoteWitness.note_id.in_(list(notes)))
        .order_by(orm.NoteWitness.note_id, orm.NoteWitness.position)
    ):
        witnesses[note_id].append(NamedRef(key, _witness_label(name, role, organisation)))
    found: list[NoteEntry] = []
    for note_id in wanted:
        n = notes.get(note_id)
        if n is None:
            continue
        item = items.get(n.item_id) if n.item_id is not None else None
        ev = evidence.get(n.evidence_id) if n.evidence_id is not None else None
        access = Access(n.access)
        found.append(
            NoteEntry(
                id=n.id,
                review_id=n.review_id,
                key=n.key,
                text=n.text,
                created=n.created_utc.replace(tzinfo=UTC).astimezone(zones[n.review_id]),
                tor=tuple(tor.get(n.id, ())),
                meeting=meetings.get(n.meeting_id) if n.meeting_id is not None else None,
                item=item[0] if item else None,
                witnesses=tuple(witnesses.get(n.id, ())),
                evidence=ev[0] if ev else None,
                access=access,
                closed=access is Access.CLOSED or bool(item and item[1]) or bool(ev and ev[1]),
                version=n.version,
            )
        )
    return found


def _named(
    session: Session, model: Any, label: Any, ids: Iterable[int | None]
) -> dict[int, NamedRef]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {
        row_id: NamedRef(key, text)
        for row_id, key, text in session.execute(
            select(model.id, model.key, label).where(model.id.in_(wanted))
        )
    }


# Writes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteValues:
    """A note's checked values, as ids of the rows it refers to."""

    key: str
    text: str
    created: datetime  # aware
    tor_ids: Sequence[int]
    meeting_id: int | None
    item_id: int | None
    witness_ids: Sequence[int]
    evidence_id: int | None
    access: Access


def _last_position(session: Session, review_id: int) -> int:
    """The highest position in the review's list (-1 when empty), read off the
    (review_id, position) index."""
    found = session.scalar(
        select(orm.NoteRow.position)
        .where(orm.NoteRow.review_id == review_id)
        .order_by(orm.NoteRow.position.desc())
        .limit(1)
    )
    return -1 if found is None else int(found)


def append_slot(session: Session, review_id: int, key: str) -> tuple[int, bool]:
    """(the position after the last note, whether ``key`` is taken): one round trip,
    both read off indexes, for a capture that must not keep the clerk waiting."""
    last = (
        select(orm.NoteRow.position)
        .where(orm.NoteRow.review_id == review_id)
        .order_by(orm.NoteRow.position.desc())
        .limit(1)
        .scalar_subquery()
    )
    taken = (
        select(orm.NoteRow.id)
        .where(orm.NoteRow.review_id == review_id, orm.NoteRow.key == key)
        .scalar_subquery()
    )
    row = session.execute(select(last.label("last"), taken.label("taken"))).one()
    return (-1 if row.last is None else int(row.last)) + 1, row.taken is not None


def insert_note(
    session: Session,
    review_id: int,
    values: NoteValues,
    position: int | None,
    *,
    end: int | None = None,
) -> int:
    """A new note at ``position`` in the review's list (None: at the end; ``end``: the
    end, when the caller has read it already)."""
    last = end - 1 if end is not None else _last_position(session, review_id)
    if position is None or position > last:
        at = last + 1
    else:
        at = max(0, position)
        t = _NOTES
        session.execute(
            update(t)
            .where(t.c.review_id == review_id, t.c.position >= at)
            .values(position=t.c.position + 1)
        )
    created = values.created
    offset = created.utcoffset() or timedelta(0)
    row = orm.NoteRow(
        review_id=review_id,
        position=at,
        key=values.key,
        text=values.text,
        created_utc=created.astimezone(UTC).replace(tzinfo=None),
        created_offset_minutes=int(offset.total_seconds() // 60),
        meeting_id=values.meeting_id,
        item_id=values.item_id,
        evidence_id=values.evidence_id,
        access=values.access.value,
    )
    session.add(row)
    session.flush()
    _write_links(session, row.id, values.tor_ids, values.witness_ids, new=True)
    return row.id


def _write_links(
    session: Session,
    note_id: int,
    tor_ids: Sequence[int] | None,
    witness_ids: Sequence[int] | None,
    *,
    new: bool = False,
) -> None:
    if tor_ids is not None:
        if not new:
            session.execute(delete(orm.NoteTor).where(orm.NoteTor.note_id == note_id))
        if tor_ids:
            session.execute(
                insert(orm.NoteTor),
                [{"note_id": note_id, "tor_id": t, "position": n} for n, t in enumerate(tor_ids)],
            )
    if witness_ids is not None:
        if not new:
            session.execute(delete(orm.NoteWitness).where(orm.NoteWitness.note_id == note_id))
        if witness_ids:
            session.execute(
                insert(orm.NoteWitness),
                [
                    {"note_id": note_id, "witness_id": w, "position": n}
                    for n, w in enumerate(witness_ids)
                ],
            )


def check_note_version(session: Session, note_id: int, expected_version: int) -> None:
    """Refuse an edit of a stale copy of the note, quoting its first words."""
    row = session.get(orm.NoteRow, note_id)
    what = "The note"
    if row is not None:
        line = row.text.strip().splitlines()[0] if row.text.strip() else ""
        what = f'The note "{line if len(line) <= 60 else line[:57] + "..."}"'
    queries.check_version(session, "note", note_id, expected_version, what)


def note_row(session: Session, note_id: int) -> orm.NoteRow:
    row = session.get(orm.NoteRow, note_id)
    if row is None:
        raise NotFoundError(f"There is no note with id {note_id}")
    return row


def update_note(
    session: Session,
    note_id: int,
    values: dict[str, object],
    tor_ids: Sequence[int] | None,
    witness_ids: Sequence[int] | None,
) -> None:
    """Set checked column values and replace the links given; the version rises."""
    _write_links(session, note_id, tor_ids, witness_ids)  # first: it flushes the session
    row = note_row(session, note_id)
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, Access) else value)
    flag_modified(row, "text")  # the version rises even if only a list changed
    session.flush()


def delete_note(session: Session, note_id: int) -> NoteSnapshot:
    """Delete the note, closing the gaps it leaves; what ``insert_note`` needs back."""
    row = note_row(session, note_id)
    review_id, position = row.review_id, row.position

    def key_of(model: Any, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        return session.scalar(select(model.key).where(model.id == row_id))

    tor = tuple(
        session.scalars(
            select(orm.TorRow.key)
            .join(orm.NoteTor, orm.NoteTor.tor_id == orm.TorRow.id)
            .where(orm.NoteTor.note_id == note_id)
            .order_by(orm.NoteTor.position)
        )
    )
    witnesses = tuple(
        session.scalars(
            select(orm.WitnessRow.key)
            .join(orm.NoteWitness, orm.NoteWitness.witness_id == orm.WitnessRow.id)
            .where(orm.NoteWitness.note_id == note_id)
            .order_by(orm.NoteWitness.position)
        )
    )
    links = list(
        session.execute(
            select(
                orm.RecommendationNote.recommendation_id,
                orm.RecommendationRow.key,
                orm.RecommendationNote.position,
            )
            .join(
                orm.RecommendationRow,
                orm.RecommendationRow.id == orm.RecommendationNote.recommendation_id,
            )
            .where(orm.RecommendationNote.note_id == note_id)
            .order_by(orm.RecommendationRow.position)
        )
    )
    snapshot = NoteSnapshot(
        review_id=review_id,
        position=position,
        key=row.key,
        text=row.text,
        created=_aware(row.created_utc, row.created_offset_minutes),
        tor=tor,
        meeting=key_of(orm.MeetingRow, row.meeting_id),
        item=key_of(orm.ItemRow, row.item_id),
        witnesses=witnesses,
        evidence=key_of(orm.EvidenceRow, row.evidence_id),
        access=Access(row.access),
        recommendations=tuple(RecommendationLink(key, pos) for _rid, key, pos in links),
    )
    session.execute(delete(orm.NoteTor).where(orm.NoteTor.note_id == note_id))
    session.execute(delete(orm.NoteWitness).where(orm.NoteWitness.note_id == note_id))
    session.execute(delete(orm.RecommendationNote).where(orm.RecommendationNote.note_id == note_id))
    link_table = _REC_NOTES
    for rec_id, _key, pos in links:
        session.execute(
            update(link_table)
            .where(link_table.c.recommendation_id == rec_id, link_table.c.position > pos)
            .values(position=link_table.c.position - 1)
        )
    session.delete(row)
    session.flush()
    t = _NOTES
    session.execute(
        update(t)
        .where(t.c.review_id == review_id, t.c.position > position)
        .values(position=t.c.position - 1)
    )
    return snapshot


def restore_links(session: Session, note_id: int, links: Sequence[tuple[int, int]]) -> None:
    """Put the note back into recommendations' lists: (recommendation id, position)."""
    link_table = _REC_NOTES
    for rec_id, pos in links:
        count = session.scalar(
            select(func.count())
            .select_from(orm.RecommendationNote)
            .where(orm.RecommendationNote.recommendation_id == rec_id)
        )
        at = min(pos, int(count or 0))
        session.execute(
            update(link_table)
            .where(link_table.c.recommendation_id == rec_id, link_table.c.position >= at)
            .values(position=link_table.c.position + 1)
        )
        session.execute(
            insert(orm.RecommendationNote).values(
                recommendation_id=rec_id, note_id=note_id, position=at
            )
        )
