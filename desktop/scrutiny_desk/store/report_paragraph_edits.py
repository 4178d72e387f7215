"""Writing the report's paragraphs: add at a place, edit, cite, support, move, delete
and put back, and the report's settings (issue 17).

A review's paragraphs are one list (``position`` 0..n-1, kept dense by
``store.positions``); a paragraph's index in its place is its rank among the list's
paragraphs of that place, so inserting "third in this section" takes the list position
of the section's present third paragraph. What a paragraph cites and supports are link
tables with their own positions. Deleting a note, a piece of evidence or a
recommendation takes its paragraph links away (``unlink_paragraphs``) and its undo puts
them back (``relink_paragraphs``), at the same place in each paragraph's list.

Functions take the caller's session (the service's one transaction); the service has
checked the values already.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access
from ..domain.errors import ConflictError, NotFoundError
from ..domain.records import DEFAULT_RESPONSE_MONTHS
from ..domain.report_entries import ParagraphLink, ParagraphSnapshot, ReportSettings
from . import orm, queries
from .positions import close_gap, close_gaps, make_room, move_row, open_gap

P = orm.ReportParagraphRow

#: What a paragraph links to: link table, its column naming the target, target rows.
LINKS: dict[str, tuple[Any, Any, Any]] = {
    "notes": (orm.ParagraphNote, orm.ParagraphNote.note_id, orm.NoteRow),
    "evidence": (orm.ParagraphEvidence, orm.ParagraphEvidence.evidence_id, orm.EvidenceRow),
    "recommendations": (
        orm.ParagraphRecommendation,
        orm.ParagraphRecommendation.recommendation_id,
        orm.RecommendationRow,
    ),
}


def _scope(review_id: int) -> ColumnElement[bool]:
    return P.review_id == review_id


def new_paragraph_key() -> str:
    """A fresh key (the caller checks it is free: ``key_taken``)."""
    return f"p-{uuid.uuid4().hex[:10]}"


def key_taken(session: Session, review_id: int, key: str) -> bool:
    return paragraph_id_for(session, review_id, key) is not None


def paragraph_id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(select(P.id).where(P.review_id == review_id, P.key == key))


def paragraph_row(session: Session, paragraph_id: int) -> orm.ReportParagraphRow:
    row = session.get(P, paragraph_id)
    if row is None:
        raise NotFoundError(f"There is no paragraph with id {paragraph_id}")
    return row


def check_paragraph_version(session: Session, paragraph_id: int, expected: int) -> None:
    """Refuse an edit of a stale copy of the paragraph, quoting its first words."""
    row = session.get(P, paragraph_id)
    what = "The paragraph"
    if row is not None:
        flat = " ".join(row.text.split())
        what = f'The paragraph "{flat if len(flat) <= 60 else flat[:57] + "..."}"'
    queries.check_version(session, "paragraph", paragraph_id, expected, what)


def place_ids(session: Session, review_id: int, place: str) -> list[int]:
    """The ids of the paragraphs at ``place``, in order."""
    session.flush()
    return list(
        session.scalars(
            select(P.id).where(P.review_id == review_id, P.place == place).order_by(P.position)
        )
    )


def _slot(session: Session, review_id: int, place: str, index: int | None, skip: int) -> int | None:
    """The list position a paragraph takes to stand ``index``-th at ``place`` (None: at
    the end of the list), in the list without paragraph ``skip``."""
    ids = [i for i in place_ids(session, review_id, place) if i != skip]
    if not ids:
        return None
    order = [
        i
        for i in session.scalars(select(P.id).where(_scope(review_id)).order_by(P.position, P.id))
        if i != skip
    ]
    if index is None or index >= len(ids):
        return order.index(ids[-1]) + 1
    return order.index(ids[max(0, index)])


def insert_paragraph(
    session: Session,
    review_id: int,
    key: str,
    place: str,
    text: str,
    access: Access,
    index: int | None,
) -> int:
    """A new paragraph standing ``index``-th at ``place`` (None: last there)."""
    at = make_room(session, P, _scope(review_id), _slot(session, review_id, place, index, -1))
    row = P(review_id=review_id, position=at, key=key, place=place, text=text, access=access.value)
    session.add(row)
    session.flush()
    return row.id


def update_paragraph(session: Session, paragraph_id: int, values: dict[str, object]) -> None:
    """Set checked column values; the version rises even if only a link list changed."""
    row = paragraph_row(session, paragraph_id)
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, Access) else value)
    flag_modified(row, "text")
    session.flush()


def move_paragraph(session: Session, paragraph_id: int, place: str, index: int | None) -> None:
    """Stand the paragraph ``index``-th at ``place`` (None: last there)."""
    row = paragraph_row(session, paragraph_id)
    review_id = row.review_id
    at = _slot(session, review_id, place, index, paragraph_id)
    count = session.scalar(select(func.count()).select_from(P).where(_scope(review_id)))
    move_row(session, P, _scope(review_id), paragraph_id, int(count or 1) - 1 if at is None else at)
    row.place = place
    flag_modified(row, "place")
    session.flush()


def set_links(session: Session, paragraph_id: int, kind: str, target_ids: Sequence[int]) -> None:
    """Replace the paragraph's list of ``kind`` ("notes", "evidence", "recommendations")."""
    table, column, _target = LINKS[kind]
    session.execute(delete(table).where(table.paragraph_id == paragraph_id))
    if target_ids:
        session.execute(
            insert(table),
            [
                {"paragraph_id": paragraph_id, column.key: t, "position": n}
                for n, t in enumerate(target_ids)
            ],
        )


def link_keys(session: Session, paragraph_id: int, kind: str) -> tuple[str, ...]:
    table, column, target = LINKS[kind]
    return tuple(
        session.scalars(
            select(target.key)
            .join(table, column == target.id)
            .where(table.paragraph_id == paragraph_id)
            .order_by(table.position)
        )
    )


def ids_for(session: Session, review_id: int, kind: str, keys: Sequence[str]) -> dict[str, int]:
    """Key -> id of the review's notes, evidence or recommendations with these keys."""
    if not keys:
        return {}
    target = LINKS[kind][2]
    return {
        key: row_id
        for key, row_id in session.execute(
            select(target.key, target.id).where(
                target.review_id == review_id, target.key.in_(list(keys))
            )
        )
    }


def snapshot(session: Session, paragraph_id: int) -> ParagraphSnapshot:
    row = paragraph_row(session, paragraph_id)
    return ParagraphSnapshot(
        review_id=row.review_id,
        key=row.key,
        place=row.place,
        position=place_ids(session, row.review_id, row.place).index(paragraph_id),
        text=row.text,
        access=Access(row.access),
        notes=link_keys(session, paragraph_id, "notes"),
        evidence=link_keys(session, paragraph_id, "evidence"),
        recommendations=link_keys(session, paragraph_id, "recommendations"),
    )


def delete_paragraph(session: Session, paragraph_id: int) -> ParagraphSnapshot:
    """Delete the paragraph and its links, closing the gap; what ``restore`` needs."""
    taken = snapshot(session, paragraph_id)
    for table, _column, _target in LINKS.values():
        session.execute(delete(table).where(table.paragraph_id == paragraph_id))
    session.delete(paragraph_row(session, paragraph_id))
    close_gaps(session, P, _scope(taken.review_id))
    return taken


# The links of a note, a piece of evidence or a recommendation being deleted ------------


def unlink_paragraphs(session: Session, kind: str, row_id: int) -> tuple[ParagraphLink, ...]:
    """Take the paragraph links of a note, evidence or recommendation about to be
    deleted (closing the gaps in each paragraph's list); what its undo puts back."""
    table, column, _target = LINKS[kind]
    links = list(
        session.execute(
            select(table.paragraph_id, P.key, table.position)
            .join(P, P.id == table.paragraph_id)
            .where(column == row_id)
            .order_by(P.position)
        )
    )
    for paragraph_id, _key, position in links:
        session.execute(delete(table).where(table.paragraph_id == paragraph_id, column == row_id))
        close_gap(session, table, table.paragraph_id == paragraph_id, position)
    return tuple(ParagraphLink(key, position) for _pid, key, position in links)


def relink_paragraphs(
    session: Session, review_id: int, kind: str, row_id: int, links: Sequence[ParagraphLink]
) -> None:
    """Put the links back into the paragraphs still there, at their places in each list
    (or at its end, should the list have grown shorter)."""
    if not links:
        return
    table, column, _target = LINKS[kind]
    ids = dict(
        session.execute(
            select(P.key, P.id).where(
                P.review_id == review_id, P.key.in_([link.paragraph for link in links])
            )
        ).tuples()
    )
    for link in links:
        paragraph_id = ids.get(link.paragraph)
        if paragraph_id is None:
            continue
        scope = table.paragraph_id == paragraph_id
        count = int(session.scalar(select(func.count()).select_from(table).where(scope)) or 0)
        at = min(link.position, count)
        open_gap(session, table, scope, at)
        session.execute(
            insert(table).values(paragraph_id=paragraph_id, **{column.key: row_id}, position=at)
        )


# Settings ---------------------------------------------------------------------------


def settings(session: Session, review_id: int) -> ReportSettings:
    row = session.get(orm.ReportSettingsRow, review_id)
    if row is None:
        return ReportSettings(review_id, None, None, None, DEFAULT_RESPONSE_MONTHS, None)
    submitted: date | None = row.submitted_on
    return ReportSettings(
        review_id, row.title, submitted, row.submitted_to, row.response_months, row.version
    )


def check_settings_version(session: Session, review_id: int, expected: int | None) -> None:
    """Refuse settings edited from a stale copy (``expected`` None: a copy read before
    they were ever set), saying who changed them and when."""
    what = "The report's settings"
    row = session.get(
        orm.ReportSettingsRow, review_id, populate_existing=True, with_for_update=True
    )
    if row is None and expected is not None:
        raise ConflictError(f"{what} have been deleted by someone else since you opened them.")
    if row is not None and row.version != expected:
        raise ConflictError(
            queries.changed_since_message(what, row.updated_by, row.updated_at).replace(
                f"{what} was", f"{what} were", 1
            )
        )


def write_settings(session: Session, review_id: int, values: dict[str, object]) -> None:
    row = session.get(orm.ReportSettingsRow, review_id)
    if row is None:
        row = orm.ReportSettingsRow(review_id=review_id, response_months=DEFAULT_RESPONSE_MONTHS)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    flag_modified(row, "response_months")
    session.flush()
