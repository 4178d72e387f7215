"""Storage for recommendations: one list per review, each with the terms of reference
and notes that support it and its dated progress updates (oldest first).

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access, RecommendationStatus
from ..domain.errors import NotFoundError
from ..domain.recommendation_records import (
    ProgressEntry,
    ProgressSnapshot,
    RecommendationEntry,
    RecommendationSnapshot,
    is_overdue,
)
from ..domain.records import NamedRef, ProgressUpdate, Recommendation
from . import orm, queries
from .positions import close_gaps, make_room, move_row, shift_rows
from .report_paragraph_edits import unlink_paragraphs

#: The two lists of keys a recommendation holds: link table, its column, target rows.
LINKS: dict[str, tuple[Any, Any, Any]] = {
    "tor": (orm.RecommendationTor, orm.RecommendationTor.tor_id, orm.TorRow),
    "notes": (orm.RecommendationNote, orm.RecommendationNote.note_id, orm.NoteRow),
}
NOTE_LABEL = 90  # characters of a note's text in its label


def _scope(review_id: int) -> ColumnElement[bool]:
    return orm.RecommendationRow.review_id == review_id


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def closed_note_ids(session: Session, note_ids: Sequence[int]) -> set[int]:
    """Which of these notes are closed: their own access, their item's or their
    evidence's (the format's rule)."""
    if not note_ids:
        return set()
    item, evidence = aliased(orm.ItemRow), aliased(orm.EvidenceRow)
    closed = Access.CLOSED.value
    stmt = (
        select(orm.NoteRow.id)
        .outerjoin(item, item.id == orm.NoteRow.item_id)
        .outerjoin(evidence, evidence.id == orm.NoteRow.evidence_id)
        .where(
            orm.NoteRow.id.in_(list(note_ids)),
            or_(orm.NoteRow.access == closed, item.access == closed, evidence.access == closed),
        )
    )
    return set(session.scalars(stmt))


def _entries(
    session: Session, where: ColumnElement[bool], today: date
) -> list[RecommendationEntry]:
    session.flush()
    rows = list(
        session.scalars(
            select(orm.RecommendationRow)
            .where(where)
            .order_by(orm.RecommendationRow.position, orm.RecommendationRow.id)
        )
    )
    if not rows:
        return []
    ids = [r.id for r in rows]
    numbers = queries.tor_numbers_by_id(session, rows[0].review_id)
    tor: dict[int, list[NamedRef]] = defaultdict(list)
    for rec_id, t in session.execute(
        select(orm.RecommendationTor.recommendation_id, orm.TorRow)
        .join(orm.TorRow, orm.TorRow.id == orm.RecommendationTor.tor_id)
        .where(orm.RecommendationTor.recommendation_id.in_(ids))
        .order_by(orm.RecommendationTor.recommendation_id, orm.RecommendationTor.position)
    ):
        tor[rec_id].append(NamedRef(t.key, f"{numbers.get(t.id, '?')} {t.text}"))
    notes: dict[int, list[tuple[int, NamedRef]]] = defaultdict(list)
    for rec_id, note_id, key, text in session.execute(
        select(
            orm.RecommendationNote.recommendation_id,
            orm.NoteRow.id,
            orm.NoteRow.key,
            orm.NoteRow.text,
        )
        .join(orm.NoteRow, orm.NoteRow.id == orm.RecommendationNote.note_id)
        .where(orm.RecommendationNote.recommendation_id.in_(ids))
        .order_by(orm.RecommendationNote.recommendation_id, orm.RecommendationNote.position)
    ):
        notes[rec_id].append((note_id, NamedRef(key, _short(text, NOTE_LABEL))))
    closed = closed_note_ids(session, [n for refs in notes.values() for n, _ in refs])
    progress: dict[int, list[ProgressEntry]] = defaultdict(list)
    for p in session.scalars(
        select(orm.ProgressRow)
        .where(orm.ProgressRow.recommendation_id.in_(ids))
        .order_by(orm.ProgressRow.recommendation_id, orm.ProgressRow.position)
    ):
        progress[p.recommendation_id].append(
            ProgressEntry(p.id, p.recommendation_id, p.position, p.date, p.text, p.version)
        )
    out = []
    for r in rows:
        status = RecommendationStatus(r.status)
        out.append(
            RecommendationEntry(
                id=r.id,
                review_id=r.review_id,
                key=r.key,
                number=r.position + 1,
                text=r.text,
                lead=r.lead,
                due=r.due,
                status=status,
                response=r.response,
                version=r.version,
                tor=tuple(tor.get(r.id, ())),
                notes=tuple(ref for _, ref in notes.get(r.id, ())),
                closed_notes=tuple(ref.key for n, ref in notes.get(r.id, ()) if n in closed),
                progress=tuple(progress.get(r.id, ())),
                overdue=is_overdue(status, r.due, today),
            )
        )
    return out


def review_entries(session: Session, review_id: int, today: date) -> list[RecommendationEntry]:
    return _entries(session, _scope(review_id), today)


def entry(session: Session, recommendation_id: int, today: date) -> RecommendationEntry:
    found = _entries(session, orm.RecommendationRow.id == recommendation_id, today)
    if not found:
        raise NotFoundError(f"There is no recommendation with id {recommendation_id}")
    return found[0]


def _row(session: Session, recommendation_id: int) -> orm.RecommendationRow:
    row = session.get(orm.RecommendationRow, recommendation_id)
    if row is None:
        raise NotFoundError(f"There is no recommendation with id {recommendation_id}")
    return row


def lock_list(session: Session, review_id: int) -> None:
    """Hold the review row until the transaction ends (PostgreSQL), so that positions
    in its list of recommendations are computed from a settled list."""
    session.execute(select(orm.ReviewRow.id).where(orm.ReviewRow.id == review_id).with_for_update())


def checked(session: Session, recommendation_id: int, expected_version: int) -> int:
    """The recommendation's review, after checking the version the clerk started from."""
    row = session.get(orm.RecommendationRow, recommendation_id)
    what = "The recommendation" if row is None else f"Recommendation {row.position + 1}"
    queries.check_version(session, "recommendation", recommendation_id, expected_version, what)
    assert row is not None
    return row.review_id


def id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.RecommendationRow.id).where(_scope(review_id), orm.RecommendationRow.key == key)
    )


def new_key(session: Session, review_id: int) -> str:
    while True:
        key = f"r-{uuid.uuid4().hex[:8]}"
        if id_for(session, review_id, key) is None:
            return key


def count(session: Session, review_id: int) -> int:
    session.flush()
    return len(list(session.scalars(select(orm.RecommendationRow.id).where(_scope(review_id)))))


def _keyed_ids(session: Session, link: str, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    model = LINKS[link][2]
    stmt = select(model.key, model.id).where(
        model.review_id == review_id, model.key.in_(list(keys))
    )
    return {key: row_id for key, row_id in session.execute(stmt)}


def known_keys(session: Session, link: str, review_id: int, keys: Sequence[str]) -> set[str]:
    """Which of these keys name a terms-of-reference item ("tor") or a note ("notes")
    of the review."""
    return set(_keyed_ids(session, link, review_id, keys))


def _write_links(
    session: Session, recommendation_id: int, link: str, review_id: int, keys: Sequence[str]
) -> None:
    table, column, _target = LINKS[link]
    ids = _keyed_ids(session, link, review_id, keys)
    session.execute(delete(table).where(table.recommendation_id == recommendation_id))
    if keys:
        session.execute(
            insert(table),
            [
                {"recommendation_id": recommendation_id, column.key: ids[k], "position": n}
                for n, k in enumerate(keys)
            ],
        )


def set_links(session: Session, recommendation_id: int, link: str, keys: Sequence[str]) -> None:
    """Replace the terms of reference or the supporting notes (keys the service checked);
    the recommendation's version rises, since what an editor showed of it changed."""
    row = _row(session, recommendation_id)
    _write_links(session, recommendation_id, link, row.review_id, keys)
    flag_modified(row, "text")
    session.flush()


def linked_keys(session: Session, recommendation_id: int, link: str) -> tuple[str, ...]:
    table, column, target = LINKS[link]
    return tuple(
        session.scalars(
            select(target.key)
            .join(table, column == target.id)
            .where(table.recommendation_id == recommendation_id)
            .order_by(table.position)
        )
    )


def insert_recommendation(
    session: Session, review_id: int, rec: Recommendation, position: int | None
) -> int:
    """A recommendation with its links and progress at ``position`` (None: at the end)."""
    lock_list(session, review_id)
    at = make_room(session, orm.RecommendationRow, _scope(review_id), position)
    row = orm.RecommendationRow(
        review_id=review_id,
        position=at,
        key=rec.key,
        text=rec.text,
        lead=rec.lead,
        due=rec.due,
        status=rec.status.value,
        response=rec.response,
    )
    session.add(row)
    session.flush()
    _write_links(session, row.id, "tor", review_id, rec.tor)
    _write_links(session, row.id, "notes", review_id, rec.notes)
    for n, update in enumerate(rec.progress):
        session.add(
            orm.ProgressRow(
                recommendation_id=row.id, position=n, date=update.date, text=update.text
            )
        )
    session.flush()
    return row.id


def update_fields(session: Session, recommendation_id: int, values: dict[str, Any]) -> None:
    """Set checked values (the status as such); the version rises if any changed."""
    row = _row(session, recommendation_id)
    for name, value in values.items():
        stored = value.value if isinstance(value, RecommendationStatus) else value
        if getattr(row, name) != stored:
            setattr(row, name, stored)
    session.flush()


def move(session: Session, recommendation_id: int, position: int) -> None:
    row = _row(session, recommendation_id)
    lock_list(session, row.review_id)
    move_row(session, orm.RecommendationRow, _scope(row.review_id), recommendation_id, position)


def _document(session: Session, row: orm.RecommendationRow) -> Recommendation:
    progress = session.scalars(
        select(orm.ProgressRow)
        .where(orm.ProgressRow.recommendation_id == row.id)
        .order_by(orm.ProgressRow.position, orm.ProgressRow.id)
    )
    return Recommendation(
        key=row.key,
        text=row.text,
        lead=row.lead,
        due=row.due,
        status=RecommendationStatus(row.status),
        response=row.response,
        tor=linked_keys(session, row.id, "tor"),
        progress=tuple(ProgressUpdate(p.date, p.text) for p in progress),
        notes=linked_keys(session, row.id, "notes"),
    )


def delete_recommendation(session: Session, recommendation_id: int) -> RecommendationSnapshot:
    row = _row(session, recommendation_id)
    review_id = row.review_id
    lock_list(session, review_id)
    snapshot = RecommendationSnapshot(
        review_id,
        row.position,
        _document(session, row),
        unlink_paragraphs(session, "recommendations", recommendation_id),
    )
    session.execute(
        delete(orm.ProgressRow).where(orm.ProgressRow.recommendation_id == recommendation_id)
    )
    for table, _column, _target in LINKS.values():
        session.execute(delete(table).where(table.recommendation_id == recommendation_id))
    session.delete(row)
    close_gaps(session, orm.RecommendationRow, _scope(review_id))
    return snapshot


# Progress updates ---------------------------------------------------------------------


def _progress_scope(recommendation_id: int) -> ColumnElement[bool]:
    return orm.ProgressRow.recommendation_id == recommendation_id


def _progress_row(session: Session, progress_id: int) -> orm.ProgressRow:
    row = session.get(orm.ProgressRow, progress_id)
    if row is None:
        raise NotFoundError(f"There is no progress update with id {progress_id}")
    return row


def progress_entry(session: Session, progress_id: int) -> ProgressEntry:
    session.flush()
    p = _progress_row(session, progress_id)
    return ProgressEntry(p.id, p.recommendation_id, p.position, p.date, p.text, p.version)


def checked_progress(session: Session, progress_id: int, expected_version: int) -> int:
    """The update's recommendation, after checking the version the clerk started from."""
    row = session.get(orm.ProgressRow, progress_id)
    what = "The progress update" if row is None else f"The progress update of {row.date:%d/%m/%Y}"
    queries.check_version(session, "progress", progress_id, expected_version, what)
    assert row is not None
    return row.recommendation_id


def dated_position(session: Session, recommendation_id: int, day: date, skip: int | None) -> int:
    """Where an update dated ``day`` goes so the list stays oldest first: after every
    update of that date or earlier (``skip``: an update being moved, not counted)."""
    session.flush()
    dates = [
        d
        for row_id, d in session.execute(
            select(orm.ProgressRow.id, orm.ProgressRow.date)
            .where(_progress_scope(recommendation_id))
            .order_by(orm.ProgressRow.position, orm.ProgressRow.id)
        )
        if row_id != skip
    ]
    return sum(1 for d in dates if d <= day)


def insert_progress(
    session: Session, recommendation_id: int, update: ProgressUpdate, position: int | None
) -> int:
    row = _row(session, recommendation_id)
    lock_list(session, row.review_id)
    at = make_room(session, orm.ProgressRow, _progress_scope(recommendation_id), position)
    added = orm.ProgressRow(
        recommendation_id=recommendation_id, position=at, date=update.date, text=update.text
    )
    session.add(added)
    session.flush()
    return added.id


def update_progress(
    session: Session, progress_id: int, values: dict[str, Any], position: int | None
) -> None:
    """Set checked values and, if given, move it to ``position``: one write of the row,
    so its version rises once."""
    row = _progress_row(session, progress_id)
    if position is not None and position != row.position:
        scope = _progress_scope(row.recommendation_id)
        ids = [
            i
            for i in session.scalars(
                select(orm.ProgressRow.id)
                .where(scope)
                .order_by(orm.ProgressRow.position, orm.ProgressRow.id)
            )
            if i != row.id
        ]
        ids.insert(position, row.id)
        shift_rows(
            session, orm.ProgressRow, scope, {i: n for n, i in enumerate(ids) if i != row.id}
        )
        values = {**values, "position": position}
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    session.flush()


def delete_progress(session: Session, progress_id: int) -> ProgressSnapshot:
    row = _progress_row(session, progress_id)
    rec = _row(session, row.recommendation_id)
    lock_list(session, rec.review_id)
    snapshot = ProgressSnapshot(
        rec.review_id, rec.key, row.position, ProgressUpdate(row.date, row.text)
    )
    session.delete(row)
    close_gaps(session, orm.ProgressRow, _progress_scope(rec.id))
    return snapshot


# The tracker ----------------------------------------------------------------------


def meeting_starts(session: Session, review_id: int) -> dict[int, datetime]:
    """Meeting id -> its (local) start, for naming the meeting an action came from."""
    return {
        m_id: start
        for m_id, start in session.execute(
            select(orm.MeetingRow.id, orm.MeetingRow.start).where(
                orm.MeetingRow.review_id == review_id
            )
        )
    }
