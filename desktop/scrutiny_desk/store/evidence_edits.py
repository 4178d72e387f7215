"""Storage for the evidence register: entries in register order with their witness,
terms of reference, file description and note count; the attached file itself; and
deleting and restoring a piece of evidence with everything that went with it.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already. The file's content is read only
by ``file_of`` and ``snapshot``: lists never load it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access, EvidenceKind
from ..domain.errors import NotFoundError
from ..domain.evidence_records import EvidenceEntry, EvidenceSnapshot, FileInfo
from ..domain.records import Evidence, EvidenceFile, NamedRef
from . import orm, queries
from .positions import close_gaps, make_room, move_row
from .report_paragraph_edits import paragraph_links, unlink_paragraphs

E = orm.EvidenceRow
ET = orm.EvidenceTor
EF = orm.EvidenceFile
N = orm.NoteRow
W = orm.WitnessRow
T = orm.TorRow
_NOTES: Any = N.__table__


def _scope(review_id: int) -> Any:
    return E.review_id == review_id


def _row(session: Session, evidence_id: int) -> orm.EvidenceRow:
    row = session.get(E, evidence_id)
    if row is None:
        raise NotFoundError(f"There is no evidence with id {evidence_id}")
    return row


# Reading ------------------------------------------------------------------------------


def entries(session: Session, review_id: int) -> list[EvidenceEntry]:
    """The review's evidence in register order, numbered from 1."""
    session.flush()
    rows = list(session.scalars(select(E).where(_scope(review_id)).order_by(E.position, E.id)))
    return _entries(session, review_id, rows)


def entry(session: Session, evidence_id: int) -> EvidenceEntry:
    row = _row(session, evidence_id)
    session.flush()
    for found in entries(session, row.review_id):
        if found.id == evidence_id:
            return found
    raise NotFoundError(f"There is no evidence with id {evidence_id}")  # pragma: no cover


def _entries(session: Session, review_id: int, rows: list[orm.EvidenceRow]) -> list[EvidenceEntry]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    witnesses = {
        w_id: NamedRef(key, name)
        for w_id, key, name in session.execute(
            select(W.id, W.key, W.name).where(
                W.id.in_({r.witness_id for r in rows if r.witness_id is not None})
            )
        )
    }
    numbers = queries.tor_numbers_by_id(session, review_id)
    tor: dict[int, list[NamedRef]] = defaultdict(list)
    for evidence_id, tor_id, key, text in session.execute(
        select(ET.evidence_id, T.id, T.key, T.text)
        .join(T, T.id == ET.tor_id)
        .where(ET.evidence_id.in_(ids))
        .order_by(ET.evidence_id, ET.position)
    ):
        tor[evidence_id].append(NamedRef(key, f"{numbers.get(tor_id, '?')} {text}"))
    files = {
        f.evidence_id: FileInfo(f.name, f.media_type, f.size, f.sha256)
        for f in session.execute(
            select(EF.evidence_id, EF.name, EF.media_type, EF.size, EF.sha256).where(
                EF.evidence_id.in_(ids)
            )
        )
    }
    notes = dict(
        session.execute(
            select(N.evidence_id, func.count())
            .where(N.evidence_id.in_(ids))
            .group_by(N.evidence_id)
        ).all()
    )
    return [
        EvidenceEntry(
            id=r.id,
            review_id=r.review_id,
            key=r.key,
            number=n,
            title=r.title,
            kind=EvidenceKind(r.kind),
            witness=witnesses.get(r.witness_id) if r.witness_id is not None else None,
            source=r.source,
            received=r.received,
            access=Access(r.access),
            summary=r.summary,
            tor=tuple(tor.get(r.id, ())),
            file=files.get(r.id),
            note_count=int(notes.get(r.id, 0)),
            version=r.version,
        )
        for n, r in enumerate(rows, start=1)
    ]


def id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(select(E.id).where(E.review_id == review_id, E.key == key))


def key_taken(session: Session, review_id: int, key: str) -> bool:
    return id_for(session, review_id, key) is not None


def witness_ids(session: Session, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    stmt = select(W.key, W.id).where(W.review_id == review_id, W.key.in_(keys))
    return {key: row_id for key, row_id in session.execute(stmt)}


def tor_ids(session: Session, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    stmt = select(T.key, T.id).where(T.review_id == review_id, T.key.in_(keys))
    return {key: row_id for key, row_id in session.execute(stmt)}


def file_of(session: Session, evidence_id: int) -> EvidenceFile | None:
    found = session.execute(
        select(EF.name, EF.media_type, EF.content).where(EF.evidence_id == evidence_id)
    ).first()
    return None if found is None else EvidenceFile(found[0], found[1], bytes(found[2]))


def attachment_total(session: Session, review_id: int, leaving_out: int | None = None) -> int:
    """Bytes of every file the review holds but the one of evidence ``leaving_out``:
    its evidence files and the report files held with its agenda items (version 7),
    which together may come to 150 MB."""
    stmt = select(func.coalesce(func.sum(EF.size), 0)).join(E, E.id == EF.evidence_id)
    stmt = stmt.where(E.review_id == review_id)
    if leaving_out is not None:
        stmt = stmt.where(EF.evidence_id != leaving_out)
    r = orm.ItemReportRow
    held = select(func.coalesce(func.sum(r.size), 0)).where(
        r.review_id == review_id, r.content.is_not(None)
    )
    return int(session.execute(stmt).scalar_one()) + int(session.execute(held).scalar_one() or 0)


def note_keys(session: Session, evidence_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(N.key).where(N.evidence_id == evidence_id).order_by(N.position, N.id)
        )
    )


# Writing ------------------------------------------------------------------------------


def insert_evidence(
    session: Session, review_id: int, evidence: Evidence, position: int | None
) -> int:
    """Insert at ``position`` (the end if None or beyond it), with its terms of
    reference and file; the new id. Keys were checked by the service."""
    at = make_room(session, E, _scope(review_id), position)
    witness = witness_ids(session, review_id, [evidence.witness] if evidence.witness else [])
    row = E(
        review_id=review_id,
        position=at,
        key=evidence.key,
        title=evidence.title,
        kind=evidence.kind.value,
        witness_id=witness.get(evidence.witness) if evidence.witness else None,
        source=evidence.source,
        received=evidence.received,
        access=evidence.access.value,
        summary=evidence.summary,
    )
    session.add(row)
    session.flush()
    _write_tor(session, row.id, review_id, evidence.tor)
    if evidence.file is not None:
        _write_file(session, row.id, evidence.file)
    return row.id


def update_evidence(
    session: Session, evidence_id: int, values: dict[str, Any], tor: Sequence[str] | None
) -> None:
    """Set checked values (``witness`` as a key); replace the terms of reference when
    given. The version rises once if anything was given."""
    row = _row(session, evidence_id)
    for name, value in values.items():
        if name == "witness":
            ids = witness_ids(session, row.review_id, [value] if value else [])
            row.witness_id = ids.get(value) if value else None
        elif isinstance(value, Access | EvidenceKind):
            setattr(row, name, value.value)
        else:
            setattr(row, name, value)
    if tor is not None:
        _write_tor(session, evidence_id, row.review_id, tor)
    if values or tor is not None:
        flag_modified(row, "title")
    session.flush()


def set_file(session: Session, evidence_id: int, file: EvidenceFile | None) -> None:
    """Attach, replace or remove the file; the evidence's version rises."""
    row = _row(session, evidence_id)
    session.execute(delete(EF).where(EF.evidence_id == evidence_id))
    if file is not None:
        _write_file(session, evidence_id, file)
    flag_modified(row, "title")
    session.flush()


def move_evidence(session: Session, evidence_id: int, position: int) -> None:
    row = _row(session, evidence_id)
    count = session.execute(select(func.count()).where(_scope(row.review_id))).scalar_one()
    move_row(session, E, _scope(row.review_id), evidence_id, max(0, min(position, count - 1)))


def snapshot(session: Session, evidence_id: int) -> EvidenceSnapshot:
    row = _row(session, evidence_id)
    witness = (
        session.scalar(select(W.key).where(W.id == row.witness_id))
        if row.witness_id is not None
        else None
    )
    tor = tuple(
        session.scalars(
            select(T.key)
            .join(ET, ET.tor_id == T.id)
            .where(ET.evidence_id == evidence_id)
            .order_by(ET.position)
        )
    )
    received: date | None = row.received
    evidence = Evidence(
        key=row.key,
        title=row.title,
        kind=EvidenceKind(row.kind),
        witness=witness,
        source=row.source,
        received=received,
        access=Access(row.access),
        summary=row.summary,
        tor=tor,
        file=file_of(session, evidence_id),
    )
    return EvidenceSnapshot(
        row.review_id,
        row.position,
        evidence,
        note_keys(session, evidence_id),
        paragraph_links(session, "evidence", evidence_id),
    )


def delete_evidence(session: Session, evidence_id: int) -> None:
    """Delete the evidence, its file and terms of reference; the notes taken against it
    lose the link (as ON DELETE SET NULL would) without their versions rising."""
    row = _row(session, evidence_id)
    review_id = row.review_id
    session.execute(update(_NOTES).where(N.evidence_id == evidence_id).values(evidence_id=None))
    session.execute(delete(EF).where(EF.evidence_id == evidence_id))
    session.execute(delete(ET).where(ET.evidence_id == evidence_id))
    unlink_paragraphs(session, "evidence", evidence_id)
    session.delete(row)
    session.flush()
    close_gaps(session, E, _scope(review_id))


def relink_notes(session: Session, review_id: int, evidence_id: int, keys: Sequence[str]) -> None:
    """Point these notes (those still there and not since linked elsewhere) back at
    the evidence, leaving their versions alone."""
    if not keys:
        return
    session.execute(
        update(_NOTES)
        .where(N.review_id == review_id, N.key.in_(list(keys)), N.evidence_id.is_(None))
        .values(evidence_id=evidence_id)
    )


def _write_tor(session: Session, evidence_id: int, review_id: int, keys: Sequence[str]) -> None:
    session.execute(delete(ET).where(ET.evidence_id == evidence_id))
    ids = tor_ids(session, review_id, keys)
    rows = [
        {"evidence_id": evidence_id, "tor_id": ids[k], "position": n}
        for n, k in enumerate(k for k in keys if k in ids)
    ]
    if rows:
        session.execute(insert(ET), rows)


def _write_file(session: Session, evidence_id: int, file: EvidenceFile) -> None:
    session.execute(
        insert(EF).values(
            evidence_id=evidence_id,
            name=file.name,
            media_type=file.media_type,
            size=file.size,
            sha256=file.sha256,
            content=file.content,
        )
    )
