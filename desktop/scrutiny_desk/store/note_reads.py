"""Reading notes: a filter as indexed SQL conditions, and a page of notes by id.

A review may hold 100,000 notes, so nothing here reads them all: filters become
indexed SQL conditions (``note_ids``, ``note_count``), and a page of notes is fetched
with one query for the notes and one for each kind of thing they name (``entries``).
Functions take the caller's session and return domain records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, not_, or_, select, text
from sqlalchemy.orm import Session

from ..domain.enums import Access
from ..domain.localtime import zone
from ..domain.note_records import NoteEntry, NoteFilter, note_access
from ..domain.records import NamedRef
from . import orm
from .note_refs import (
    evidence_id_for,
    meeting_id_for,
    subtree_ids,
    tor_nodes,
    witness_ids_for,
    witness_label,
)
from .text_match import contains

_CLOSED = Access.CLOSED.value


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
        where.append(contains(note.text, flt.text))
    return where


def _closed_condition(review_id: int) -> ColumnElement[bool]:
    """Closed in effect (``note_access`` in SQL): its own access, or on a closed item, or
    on closed evidence."""
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


def count_on_item(session: Session, item_id: int) -> int:
    """How many notes were taken under this agenda item."""
    stmt = select(func.count()).select_from(orm.NoteRow).where(orm.NoteRow.item_id == item_id)
    return int(session.scalar(stmt) or 0)


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
    names: dict[int, NamedRef] = {}
    for rid in review_ids:
        numbers[rid] = {}
        for node in tor_nodes(session, rid).values():
            numbers[rid][node.id] = node.number
            names[node.id] = NamedRef(node.key, node.text)
    tor_links = _links(session, orm.NoteTor, orm.NoteTor.tor_id, list(notes))
    missing = {tor_id for _, tor_id in tor_links if tor_id not in names}
    if missing:  # not in the tree of its note's review: numbered "?", as any such
        names |= _named(session, orm.TorRow, orm.TorRow.text, missing)
    tor: dict[int, list[NamedRef]] = defaultdict(list)
    for note_id, tor_id in tor_links:
        number = numbers[notes[note_id].review_id].get(tor_id, "?")
        tor[note_id].append(NamedRef(names[tor_id].key, f"{number} {names[tor_id].label}"))
    witness_links = _links(session, orm.NoteWitness, orm.NoteWitness.witness_id, list(notes))
    people = (
        {
            row.id: NamedRef(row.key, witness_label(row.name, row.role, row.organisation))
            for row in session.execute(
                select(
                    orm.WitnessRow.id,
                    orm.WitnessRow.key,
                    orm.WitnessRow.name,
                    orm.WitnessRow.role,
                    orm.WitnessRow.organisation,
                ).where(orm.WitnessRow.id.in_({w for _, w in witness_links}))
            )
        }
        if witness_links
        else {}
    )
    witnesses: dict[int, list[NamedRef]] = defaultdict(list)
    for note_id, witness_id in witness_links:
        witnesses[note_id].append(people[witness_id])
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
                closed=note_access(
                    access,
                    (Access.CLOSED if item[1] else Access.OPEN) if item else None,
                    (Access.CLOSED if ev[1] else Access.OPEN) if ev else None,
                )
                is Access.CLOSED,
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


def _links(session: Session, model: Any, target: Any, note_ids: list[int]) -> list[tuple[int, int]]:
    """(note id, ``target``) of the link table ``model`` (``note_tor``, ``note_witnesses``)
    for these notes, each note's in their order.

    PostgreSQL looks each note's links up by its key, one note at a time: asked for
    ``note_id IN (...)`` a planner without statistics (a database just filled, before
    autovacuum has analysed it) guesses that most of the table matches and reads all
    of it, so a page of notes cost more the more reviews the database held."""
    if session.get_bind().dialect.name == "sqlite":
        return [
            (int(note_id), int(target_id))
            for note_id, target_id in session.execute(
                select(model.note_id, target)
                .where(model.note_id.in_(note_ids))
                .order_by(model.note_id, model.position)
            )
        ]
    table = model.__table__.name
    column = target.key
    sql = text(
        f"SELECT w.id, t.{column} FROM unnest(CAST(:ids AS INTEGER[])) AS w(id) "
        f"CROSS JOIN LATERAL (SELECT l.{column}, l.position FROM {table} l "
        # OFFSET 0: a subquery the planner keeps, not one it turns back into a join
        "WHERE l.note_id = w.id OFFSET 0) AS t ORDER BY w.id, t.position"
    )
    return [(int(a), int(b)) for a, b in session.execute(sql, {"ids": note_ids})]
