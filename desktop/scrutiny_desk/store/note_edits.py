"""Writing notes: capture at the end of a review's list, edit, delete and put back.

A review may hold 100,000 notes, so a new note goes to the end of the list using the
(review_id, position) index, and list positions shift with one UPDATE. The lookups
of what a note names are in ``note_refs``, the reads of notes in ``note_reads``.

Functions take the caller's session (the service's one transaction); the service has
checked the values already.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access
from ..domain.errors import NotFoundError
from ..domain.note_records import NoteSnapshot, RecommendationLink
from . import orm, queries
from .report_paragraph_edits import unlink_paragraphs

#: The version counter of a row just inserted (SQLAlchemy's version_id_col starts at 1).
FIRST_VERSION = 1
# The tables themselves, for the plain UPDATEs that shift list positions.
_NOTES: Any = orm.NoteRow.__table__
_REC_NOTES: Any = orm.RecommendationNote.__table__


def lock_review(session: Session, review_id: int) -> str:
    """Hold the review row until the transaction ends (PostgreSQL), so that positions
    in its list of notes are computed from a settled list; the review's time zone."""
    found = session.scalar(
        select(orm.ReviewRow.timezone).where(orm.ReviewRow.id == review_id).with_for_update()
    )
    if found is None:
        raise NotFoundError(f"There is no review with id {review_id}")
    return found


def new_note_key() -> str:
    """A fresh key (the caller checks it is free: ``append_slot``)."""
    return f"n-{uuid.uuid4().hex[:10]}"


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


def access_of_links(
    session: Session, item_id: int | None, evidence_id: int | None
) -> tuple[Access | None, Access | None]:
    """The access of the item and of the evidence a note names (None: it names none)."""

    def access(model: Any, row_id: int | None) -> Access | None:
        if row_id is None:
            return None
        found = session.scalar(select(model.access).where(model.id == row_id))
        return None if found is None else Access(found)

    return access(orm.ItemRow, item_id), access(orm.EvidenceRow, evidence_id)


def close_notes_of(
    session: Session, *, item_id: int | None = None, evidence_id: int | None = None
) -> tuple[str, ...]:
    """Store the open notes taken during this item (or against this evidence) as closed,
    as closing it does; the keys of those it closed, in list order, for its undo."""
    column = orm.NoteRow.item_id if item_id is not None else orm.NoteRow.evidence_id
    rows = session.scalars(
        select(orm.NoteRow)
        .where(
            column == (item_id if item_id is not None else evidence_id),
            orm.NoteRow.access != Access.CLOSED.value,
        )
        .order_by(orm.NoteRow.position)
    ).all()
    for row in rows:
        row.access = Access.CLOSED.value
    session.flush()
    return tuple(row.key for row in rows)


def reopen_notes_of(
    session: Session,
    keys: Sequence[str],
    *,
    item_id: int | None = None,
    evidence_id: int | None = None,
) -> None:
    """The undo of ``close_notes_of``: these notes, if still on this item (or evidence),
    are open again, as they were before it was closed. Only an undo calls this:
    reopening an item or evidence never opens its notes."""
    if not keys:
        return
    column = orm.NoteRow.item_id if item_id is not None else orm.NoteRow.evidence_id
    for row in session.scalars(
        select(orm.NoteRow).where(
            column == (item_id if item_id is not None else evidence_id),
            orm.NoteRow.key.in_(list(keys)),
        )
    ):
        row.access = Access.OPEN.value
    session.flush()


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))


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
        paragraphs=unlink_paragraphs(session, "notes", note_id),
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
