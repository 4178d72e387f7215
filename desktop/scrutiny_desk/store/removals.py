"""What a removal would take with it: counts read before the clerk is asked.

Each function counts what the matching delete in this package (``delete_witness``,
``delete_items``, ``delete_member``, ``delete_evidence``, ``delete_subtree``) deletes
with the record or unlinks from it, and nothing else, so the question and the delete
cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError
from ..domain.removal_records import WhatGoes, counted
from . import orm
from .tor_edits import subtree_ids


def _count(session: Session, column: Any, *where: ColumnElement[bool]) -> int:
    """How many distinct values of ``column`` the rows matching ``where`` hold."""
    return session.scalar(select(func.count(func.distinct(column))).where(*where)) or 0


def _must_exist(session: Session, model: Any, row_id: int, what: str) -> None:
    if session.get(model, row_id) is None:
        raise NotFoundError(f"There is no {what} with id {row_id}")


def witness(session: Session, witness_id: int) -> WhatGoes:
    """A witness: their places on agenda items, and the notes and evidence naming them."""
    _must_exist(session, orm.WitnessRow, witness_id, "witness")
    iw, nw, e = orm.ItemWitness, orm.NoteWitness, orm.EvidenceRow
    return WhatGoes(
        unlinked=counted(
            agenda_item=_count(session, iw.item_id, iw.witness_id == witness_id),
            note=_count(session, nw.note_id, nw.witness_id == witness_id),
            evidence=_count(session, e.id, e.witness_id == witness_id),
        )
    )


def items(session: Session, item_ids: Sequence[int]) -> WhatGoes:
    """Agenda items: their minutes go with them; the notes taken during them stay."""
    for item_id in item_ids:
        _must_exist(session, orm.ItemRow, item_id, "agenda item")
    i, n = orm.ItemRow, orm.NoteRow
    written = func.length(func.trim(func.coalesce(i.minute, ""))) > 0
    return WhatGoes(
        deleted=counted(minute=_count(session, i.id, i.id.in_(item_ids), written)),
        unlinked=counted(note=_count(session, n.id, n.item_id.in_(item_ids))),
    )


def member(session: Session, member_id: int) -> WhatGoes:
    """A panel member: their attendance records and their entries in the register of
    interests go with them."""
    _must_exist(session, orm.MemberRow, member_id, "panel member")
    a, i = orm.AttendanceRow, orm.InterestRow
    return WhatGoes(
        deleted=counted(
            attendance=_count(session, a.id, a.member_id == member_id),
            interest=_count(session, i.id, i.member_id == member_id),
        )
    )


def evidence(session: Session, evidence_id: int) -> WhatGoes:
    """Evidence: its file goes with it; the notes taken against it stay."""
    _must_exist(session, orm.EvidenceRow, evidence_id, "evidence")
    f, n = orm.EvidenceFile, orm.NoteRow
    return WhatGoes(
        deleted=counted(file=_count(session, f.evidence_id, f.evidence_id == evidence_id)),
        unlinked=counted(note=_count(session, n.id, n.evidence_id == evidence_id)),
    )


def tor(session: Session, tor_id: int) -> WhatGoes:
    """A terms-of-reference item: its sub-items go with it; the agenda items, evidence,
    notes and recommendations that answer it (or them) stay."""
    _must_exist(session, orm.TorRow, tor_id, "terms-of-reference item")
    ids = subtree_ids(session, tor_id)
    links = (
        ("agenda_item", orm.ItemTor.item_id, orm.ItemTor.tor_id),
        ("evidence", orm.EvidenceTor.evidence_id, orm.EvidenceTor.tor_id),
        ("note", orm.NoteTor.note_id, orm.NoteTor.tor_id),
        ("recommendation", orm.RecommendationTor.recommendation_id, orm.RecommendationTor.tor_id),
    )
    return WhatGoes(
        deleted=counted(sub_item=len(ids) - 1),
        unlinked=counted(
            **{name: _count(session, owner, linked.in_(ids)) for name, owner, linked in links}
        ),
    )
