"""Reading the report's paragraphs: as the Report page lists them (``entries``, each
with what it cites and supports named) and as the outline builds from them
(``paragraphs``: ``ReportParagraph`` records, by key).

A few set-based queries whatever the number of paragraphs. Printed numbers come from
the outline (a service): entries are read with ``number`` None and the service fills it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..domain.enums import Access
from ..domain.records import NamedRef, ReportParagraph
from ..domain.report_entries import ParagraphEntry
from . import orm
from .recommendation_edits import NOTE_LABEL, closed_note_ids
from .report_paragraph_edits import LINKS

P = orm.ReportParagraphRow
_LABEL = NOTE_LABEL  # characters of a note's or recommendation's text in its label


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _LABEL else flat[: _LABEL - 1].rstrip() + "…"


def _links(session: Session, ids: Sequence[int], kind: str) -> dict[int, list[tuple[int, Any]]]:
    """paragraph id -> [(target id, target row's columns)] in the paragraph's order."""
    table, column, target = LINKS[kind]
    wanted = [target.id, target.key, target.title if kind == "evidence" else target.text]
    if kind != "notes":
        wanted.append(target.access if kind == "evidence" else target.position)
    found: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for row in session.execute(
        select(table.paragraph_id, *wanted)
        .join(target, target.id == column)
        .where(table.paragraph_id.in_(list(ids)))
        .order_by(table.paragraph_id, table.position)
    ):
        found[row[0]].append((row[1], row))
    return found


def place_counts(session: Session, review_id: int) -> dict[str, int]:
    """place -> how many paragraphs stand there."""
    return dict(
        session.execute(
            select(P.place, func.count()).where(P.review_id == review_id).group_by(P.place)
        ).tuples()
    )


def entries(
    session: Session,
    review_id: int | None,
    *,
    place: str | None = None,
    ids: Sequence[int] | None = None,
) -> list[ParagraphEntry]:
    """The review's paragraphs (at ``place``, or those of ``ids``, whichever review
    they are in), in the report's list order, each with its index among its place's
    paragraphs (``number`` None: the service fills it)."""
    session.flush()
    where: list[ColumnElement[bool]] = []
    if review_id is not None:
        where.append(P.review_id == review_id)
    if place is not None:
        where.append(P.place == place)
    if ids is not None:
        where.append(P.id.in_(list(ids)))
    rows = list(session.scalars(select(P).where(*where).order_by(P.position)))
    if not rows:
        return []
    review_id = rows[0].review_id
    rank: dict[int, int] = {}
    seen: dict[str, int] = defaultdict(int)
    for pid, place in session.execute(
        select(P.id, P.place).where(P.review_id == review_id).order_by(P.position)
    ):
        rank[pid] = seen[place]
        seen[place] += 1
    ids = [r.id for r in rows]
    notes, evidence, recs = (_links(session, ids, k) for k in LINKS)
    closed_notes = closed_note_ids(session, [n for found in notes.values() for n, _ in found])
    closed = Access.CLOSED.value
    out = []
    for r in rows:
        cited_notes = notes.get(r.id, [])
        cited_evidence = evidence.get(r.id, [])
        out.append(
            ParagraphEntry(
                id=r.id,
                review_id=r.review_id,
                key=r.key,
                place=r.place,
                position=rank[r.id],
                number=None,
                text=r.text,
                access=Access(r.access),
                notes=tuple(NamedRef(c.key, _short(c.text)) for _, c in cited_notes),
                evidence=tuple(NamedRef(c.key, c.title) for _, c in cited_evidence),
                recommendations=tuple(
                    NamedRef(c.key, f"R{c.position + 1} {_short(c.text)}")
                    for _, c in recs.get(r.id, [])
                ),
                closed_cited=any(n in closed_notes for n, _ in cited_notes)
                or any(c.access == closed for _, c in cited_evidence),
                version=r.version,
            )
        )
    return out


def paragraphs(session: Session, review_id: int) -> tuple[ReportParagraph, ...]:
    """The review's paragraphs as the outline builds from them, in list order."""
    rows = list(
        session.execute(
            select(P.id, P.key, P.place, P.text, P.access)
            .where(P.review_id == review_id)
            .order_by(P.position)
        )
    )
    if not rows:
        return ()
    keys: dict[str, dict[int, list[str]]] = {}
    for kind, (table, column, target) in LINKS.items():
        found: dict[int, list[str]] = defaultdict(list)
        for pid, key in session.execute(
            select(table.paragraph_id, target.key)
            .join(target, target.id == column)
            .join(P, P.id == table.paragraph_id)
            .where(P.review_id == review_id)
            .order_by(table.paragraph_id, table.position)
        ):
            found[pid].append(key)
        keys[kind] = found
    return tuple(
        ReportParagraph(
            key=r.key,
            place=r.place,
            text=r.text,
            access=Access(r.access),
            notes=tuple(keys["notes"].get(r.id, ())),
            evidence=tuple(keys["evidence"].get(r.id, ())),
            recommendations=tuple(keys["recommendations"].get(r.id, ())),
        )
        for r in rows
    )
