"""The facts coverage counts, read in a few set-based queries (no query per note).

Notes come in one query that joins each note to its agenda item and its evidence for
the effective open/closed state; their terms of reference and witnesses in one query
each. Everything else (the tree, meetings, witnesses, evidence, agenda links) is
small. Ids are turned into keys here, so nothing above the store sees a row id but
the notes' own (the GUI lists a cell's notes by id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..domain.coverage import CoverageFacts, NoteFact, PlannedFact, SourceFact
from ..domain.enums import Access, EvidenceKind, MeetingStatus
from ..domain.errors import NotFoundError
from ..domain.note_records import note_access
from ..domain.views import SourceKind
from . import orm
from .documents import load_terms_of_reference

_CLOSED = Access.CLOSED.value


def load(session: Session, review_id: int) -> CoverageFacts:
    review = session.get(orm.ReviewRow, review_id)
    if review is None:
        raise NotFoundError(f"There is no review with id {review_id}")
    tor_keys = {
        tor_id: key
        for tor_id, key in session.execute(
            select(orm.TorRow.id, orm.TorRow.key).where(orm.TorRow.review_id == review_id)
        )
    }

    m = orm.MeetingRow
    meeting_rows = session.execute(
        select(m.id, m.key, m.title, m.start, m.status)
        .where(m.review_id == review_id)
        .order_by(m.start, m.position, m.id)
    ).all()
    meeting_keys = {row.id: row.key for row in meeting_rows}
    meetings = tuple(
        SourceFact(SourceKind.MEETING, row.key, row.title, None, row.start.date())
        for row in meeting_rows
    )

    w = orm.WitnessRow
    witness_rows = session.execute(
        select(w.id, w.key, w.name, w.role, w.organisation)
        .where(w.review_id == review_id)
        .order_by(w.position, w.id)
    ).all()
    witness_keys = {row.id: row.key for row in witness_rows}
    witnesses = tuple(
        SourceFact(
            SourceKind.WITNESS,
            row.key,
            row.name,
            ", ".join(x for x in (row.role, row.organisation) if x) or None,
        )
        for row in witness_rows
    )

    e = orm.EvidenceRow
    evidence_rows = session.execute(
        select(e.id, e.key, e.title, e.kind, e.source, e.received, e.access, e.witness_id)
        .where(e.review_id == review_id)
        .order_by(e.position, e.id)
    ).all()
    evidence_keys = {row.id: row.key for row in evidence_rows}
    evidence = tuple(
        SourceFact(
            SourceKind.EVIDENCE,
            row.key,
            row.title,
            " · ".join(x for x in (_kind_word(row.kind), row.source) if x) or None,
            row.received,
            row.access == _CLOSED,
            None if row.witness_id is None else witness_keys.get(row.witness_id),
        )
        for row in evidence_rows
    )

    return CoverageFacts(
        review_title=review.title,
        body=review.body,
        terms_of_reference=load_terms_of_reference(session, review_id),
        meetings=meetings,
        witnesses=witnesses,
        evidence=evidence,
        notes=_notes(session, review_id, tor_keys, meeting_keys, witness_keys, evidence_keys),
        planned=_planned(session, review_id, tor_keys, evidence_rows),
        appearances=_appearances(session, review_id, witness_keys),
    )


def _notes(
    session: Session,
    review_id: int,
    tor_keys: dict[int, str],
    meeting_keys: dict[int, str],
    witness_keys: dict[int, str],
    evidence_keys: dict[int, str],
) -> tuple[NoteFact, ...]:
    # Plain Core execution: no ORM row processing for a few hundred thousand rows.
    run = session.connection().execute
    n = orm.NoteRow
    item = aliased(orm.ItemRow)
    ev = aliased(orm.EvidenceRow)
    tor: defaultdict[int, list[str]] = defaultdict(list)
    for note_id, tor_id in run(
        select(orm.NoteTor.note_id, orm.NoteTor.tor_id)
        .join(n, n.id == orm.NoteTor.note_id)
        .where(n.review_id == review_id)
    ):
        tor[note_id].append(tor_keys[tor_id])
    said: defaultdict[int, list[str]] = defaultdict(list)
    for note_id, witness_id in run(
        select(orm.NoteWitness.note_id, orm.NoteWitness.witness_id)
        .join(n, n.id == orm.NoteWitness.note_id)
        .where(n.review_id == review_id)
        .order_by(orm.NoteWitness.note_id, orm.NoteWitness.position)
    ):
        said[note_id].append(witness_keys[witness_id])
    rows = run(
        select(n.id, n.meeting_id, n.evidence_id, n.access, item.access, ev.access)
        .outerjoin(item, item.id == n.item_id)
        .outerjoin(ev, ev.id == n.evidence_id)
        .where(n.review_id == review_id)
        .order_by(n.position, n.id)
    )
    empty: list[str] = []
    return tuple(
        NoteFact(
            note_id,
            tuple(tor.get(note_id, empty)),
            None if meeting_id is None else meeting_keys[meeting_id],
            tuple(said.get(note_id, empty)),
            None if evidence_id is None else evidence_keys[evidence_id],
            note_access(
                Access(own),
                None if item_access is None else Access(item_access),
                None if evidence_access is None else Access(evidence_access),
            )
            is Access.CLOSED,
        )
        for note_id, meeting_id, evidence_id, own, item_access, evidence_access in rows
    )


def _planned(
    session: Session, review_id: int, tor_keys: dict[int, str], evidence_rows: Sequence[Any]
) -> tuple[PlannedFact, ...]:
    """Agenda items (of meetings not cancelled) and evidence linked to a term of reference."""
    i, m = orm.ItemRow, orm.MeetingRow
    planned = [
        PlannedFact(
            tor_keys[tor_id], SourceKind.MEETING, title, start.date(), item_title, access == _CLOSED
        )
        for tor_id, title, start, item_title, access in session.execute(
            select(orm.ItemTor.tor_id, m.title, m.start, i.title, i.access)
            .join(i, i.id == orm.ItemTor.item_id)
            .join(m, m.id == i.meeting_id)
            .where(i.review_id == review_id, m.status != MeetingStatus.CANCELLED.value)
            .order_by(m.start, m.position, i.position, orm.ItemTor.position)
        )
    ]
    evidence = {row.id: row for row in evidence_rows}
    if evidence:
        for evidence_id, tor_id in session.execute(
            select(orm.EvidenceTor.evidence_id, orm.EvidenceTor.tor_id)
            .where(orm.EvidenceTor.evidence_id.in_(list(evidence)))
            .order_by(orm.EvidenceTor.evidence_id, orm.EvidenceTor.position)
        ):
            row = evidence[evidence_id]
            planned.append(
                PlannedFact(
                    tor_keys[tor_id],
                    SourceKind.EVIDENCE,
                    row.title,
                    row.received,
                    _kind_word(row.kind),
                    row.access == _CLOSED,
                )
            )
    return tuple(planned)


def _appearances(
    session: Session, review_id: int, witness_keys: dict[int, str]
) -> tuple[tuple[str, bool], ...]:
    i = orm.ItemRow
    return tuple(
        (witness_keys[witness_id], access == _CLOSED)
        for witness_id, access in session.execute(
            select(orm.ItemWitness.witness_id, i.access)
            .join(i, i.id == orm.ItemWitness.item_id)
            .where(i.review_id == review_id)
        )
    )


_KIND_WORDS = {
    EvidenceKind.WRITTEN.value: "Written submission",
    EvidenceKind.QUESTIONNAIRE.value: "Questionnaire",
    EvidenceKind.STATEMENT.value: "Statement",
    EvidenceKind.RESEARCH.value: "Research",
    EvidenceKind.VISIT.value: "Visit",
}


def _kind_word(kind: str) -> str:
    return _KIND_WORDS.get(kind, kind)
