"""Reading the reports agenda items consider (format version 7, migration 0011)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..domain.enums import Access, EvidenceKind
from ..domain.records import Evidence, EvidenceFile, ItemReport
from . import orm


def reports(
    session: Session, item_ids: Select[Any] | Sequence[int], *, content: bool = True
) -> dict[int, tuple[ItemReport, ...]]:
    """item id -> its reports in order, each held file whole (``item_ids`` selects the
    items); a report that is a piece of evidence names the evidence's key. Papers need
    only the titles: with ``content`` false a held file reads empty (the pack reads
    the files of the reports its audience may see, ``report_files``)."""
    # plain columns (no mapper configured for them: see ``documents._c``)
    r, evidence = orm.ItemReportRow.__table__.c, orm.EvidenceRow.__table__
    e = evidence.c
    found: dict[int, list[ItemReport]] = defaultdict(list)
    held_bytes = r.content if content else r.size
    stmt = (
        select(r.item_id, r.key, r.title, r.late, e.key, r.name, r.media_type, held_bytes)
        .outerjoin(evidence, e.id == r.evidence_id)
        .where(r.item_id.in_(item_ids))
        .order_by(r.item_id, r.position, r.id)
    )
    for item_id, key, title, late, evidence, name, media_type, data in session.execute(stmt):
        held = (
            None
            if data is None
            else EvidenceFile(name or "", media_type or "", bytes(data) if content else b"")
        )
        found[item_id].append(ItemReport(key, title, held, evidence, bool(late)))
    return {item_id: tuple(rs) for item_id, rs in found.items()}


def report_evidence(
    session: Session, item_ids: Select[Any] | Sequence[int]
) -> tuple[Evidence, ...]:
    """The pieces of evidence these items' reports are, in the register's order: their
    key, title, kind and access only (no file, summary or links), so that publishing
    can keep a report that is closed evidence out of public papers (a meeting's papers
    read no other evidence)."""
    r, e = orm.ItemReportRow, orm.EvidenceRow
    stmt = (
        select(e.key, e.title, e.kind, e.access)
        .join(r, r.evidence_id == e.id)
        .where(r.item_id.in_(item_ids))
        .distinct()
        .order_by(e.key)
    )
    return tuple(
        Evidence(key, title, EvidenceKind(kind), access=Access(access))
        for key, title, kind, access in session.execute(stmt)
    )
