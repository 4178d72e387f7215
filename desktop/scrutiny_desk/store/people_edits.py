"""Panel members and witnesses: the records their editors show, and the writes that
add, change, remove, restore and move them.

Lists keep dense positions (0..n-1). Moving a row up or down its list shifts its
neighbours with one UPDATE that leaves their version counters alone: a neighbour's
place in the list is not an edit of it, and a colleague editing that neighbour must not
be told it changed. Likewise, removing a witness clears the references to them from
evidence and notes (as the foreign keys' ON DELETE SET NULL would) without raising
those rows' versions, but records who did it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..domain.enums import Access, AttendanceStatus, InvitationState, MemberRole, MinutesStatus
from ..domain.errors import NotFoundError
from ..domain.people_records import (
    Appearance,
    AttendanceEntry,
    ItemLink,
    MemberRecord,
    MemberSnapshot,
    NoteLink,
    WitnessRecord,
    WitnessSnapshot,
)
from ..domain.records import Member, Witness
from . import interest_edits, orm
from .positions import close_gap, open_gap
from .queries import check_version, get_review_row

M = orm.MemberRow
W = orm.WitnessRow
I = orm.ItemRow  # noqa: E741
IW = orm.ItemWitness
NW = orm.NoteWitness
A = orm.AttendanceRow
MT = orm.MeetingRow
AR = orm.AttendeeRow


def _table(model: Any) -> Any:
    return model.__table__


def _count(session: Session, scope: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count()).where(scope)).scalar_one())


def _clamp(position: int | None, count: int) -> int:
    return count if position is None else min(max(position, 0), count)


def key_taken(
    session: Session, kind: Literal["member", "witness"], review_id: int, key: str
) -> bool:
    model: Any = M if kind == "member" else W
    found = session.execute(
        select(model.id).where(model.review_id == review_id, model.key == key)
    ).first()
    if found is None and kind == "member":  # declarations and votes name either by key
        found = session.execute(
            select(AR.id).where(AR.review_id == review_id, AR.key == key)
        ).first()
    return found is not None


def _row(session: Session, model: Any, row_id: int, what: str) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"There is no {what} with id {row_id}")
    return row


# Panel ---------------------------------------------------------------------------------

_MEMBER = (M.id, M.review_id, M.key, M.name, M.role, M.email, M.version)


def _member(r: Any) -> MemberRecord:
    return MemberRecord(r.id, r.review_id, r.key, r.name, MemberRole(r.role), r.email, r.version)


def list_members(session: Session, review_id: int) -> list[MemberRecord]:
    get_review_row(session, review_id)
    stmt = select(*_MEMBER).where(M.review_id == review_id).order_by(M.position, M.id)
    return [_member(r) for r in session.execute(stmt)]


def get_member(session: Session, member_id: int) -> MemberRecord:
    r = session.execute(select(*_MEMBER).where(M.id == member_id)).first()
    if r is None:
        raise NotFoundError(f"There is no panel member with id {member_id}")
    return _member(r)


def member_by_key(session: Session, review_id: int, key: str) -> MemberRecord:
    r = session.execute(select(*_MEMBER).where(M.review_id == review_id, M.key == key)).first()
    if r is None:
        raise NotFoundError(f'There is no panel member "{key}" in review {review_id}')
    return _member(r)


def checked_member(session: Session, member_id: int, expected_version: int) -> MemberRecord:
    """The member, if still at ``expected_version``; ConflictError if changed or deleted."""
    try:
        current = get_member(session, member_id)
    except NotFoundError:
        check_version(session, "member", member_id, expected_version, "This panel member")
        raise
    check_version(session, "member", member_id, expected_version, f'Panel member "{current.name}"')
    return current


def chair(session: Session, review_id: int) -> MemberRecord | None:
    r = session.execute(
        select(*_MEMBER)
        .where(M.review_id == review_id, M.role == MemberRole.CHAIR.value)
        .order_by(M.position, M.id)
        .limit(1)
    ).first()
    return None if r is None else _member(r)


def insert_member(session: Session, review_id: int, member: Member, position: int | None) -> int:
    """Insert at ``position`` (the end if None or beyond it); the new id."""
    session.flush()
    scope = _table(M).c.review_id == review_id
    at = _clamp(position, _count(session, scope))
    open_gap(session, M, scope, at)
    row = M(
        review_id=review_id,
        position=at,
        key=member.key,
        name=member.name,
        role=member.role.value,
        email=member.email,
    )
    session.add(row)
    session.flush()
    return row.id


def update_member(session: Session, member_id: int, values: dict[str, Any]) -> None:
    row = _row(session, M, member_id, "panel member")
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, MemberRole) else value)
    session.flush()


def member_snapshot(session: Session, member_id: int) -> MemberSnapshot:
    row = _row(session, M, member_id, "panel member")
    items = dict(session.execute(select(I.id, I.key).where(I.review_id == row.review_id)).all())
    entries = tuple(
        AttendanceEntry(
            meeting_key,
            position,
            AttendanceStatus(status),
            items.get(arrived) if arrived else None,
            items.get(left) if left else None,
        )
        for meeting_key, position, status, arrived, left in session.execute(
            select(MT.key, A.position, A.status, A.arrived_item_id, A.left_item_id)
            .join(MT, MT.id == A.meeting_id)
            .where(A.member_id == member_id)
            .order_by(MT.position, MT.id)
        )
    )
    return MemberSnapshot(
        review_id=row.review_id,
        position=row.position,
        member=Member(row.key, row.name, MemberRole(row.role), row.email),
        attendance=entries,
        interests=interest_edits.member_interests(session, member_id, row.key),
    )


def delete_member(session: Session, member_id: int) -> None:
    """Delete the member and their attendance records, closing the gaps they leave."""
    row = _row(session, M, member_id, "panel member")
    review_id, position = row.review_id, row.position
    a = _table(A)
    records = list(
        session.execute(select(a.c.meeting_id, a.c.position).where(a.c.member_id == member_id))
    )
    session.execute(delete(a).where(a.c.member_id == member_id))
    for meeting_id, at in records:
        close_gap(session, A, a.c.meeting_id == meeting_id, at)
    session.execute(delete(orm.InterestRow).where(orm.InterestRow.member_id == member_id))
    interest_edits.close_register_gaps(session, review_id)
    session.delete(row)
    session.flush()
    close_gap(session, M, _table(M).c.review_id == review_id, position)


def restore_attendance(
    session: Session, review_id: int, member_id: int, entries: Sequence[AttendanceEntry]
) -> None:
    """Put a member's attendance records back where they stood; a meeting deleted
    since is skipped."""
    if not entries:
        return
    meetings = dict(
        session.execute(
            select(MT.key, MT.id).where(
                MT.review_id == review_id, MT.key.in_([e.meeting_key for e in entries])
            )
        ).all()
    )
    a = _table(A)
    named = [k for e in entries for k in (e.arrived, e.left) if k]
    items = dict(
        session.execute(select(I.key, I.id).where(I.review_id == review_id, I.key.in_(named))).all()
    )
    for entry in entries:
        meeting_id = meetings.get(entry.meeting_key)
        if meeting_id is None:
            continue
        scope = a.c.meeting_id == meeting_id
        at = _clamp(entry.position, _count(session, scope))
        open_gap(session, A, scope, at)
        session.add(
            A(
                meeting_id=meeting_id,
                member_id=member_id,
                position=at,
                status=entry.status.value,
                arrived_item_id=items.get(entry.arrived) if entry.arrived else None,
                left_item_id=items.get(entry.left) if entry.left else None,
            )
        )
    session.flush()


def move_member(session: Session, member_id: int, position: int) -> None:
    """Move a member to ``position`` in the panel (clamped to the list)."""
    row = _row(session, M, member_id, "panel member")
    _move(session, row, M, _table(M).c.review_id == row.review_id, position)


def _move(
    session: Session, row: Any, model: Any, scope: ColumnElement[bool], position: int
) -> None:
    session.flush()
    t = _table(model)
    old = row.position
    new = min(max(position, 0), _count(session, scope) - 1)
    if new == old:
        return
    if new > old:
        where = (t.c.position > old, t.c.position <= new)
        shift = t.c.position - 1
    else:
        where = (t.c.position >= new, t.c.position < old)
        shift = t.c.position + 1
    session.execute(update(t).where(scope, *where).values(position=shift))
    row.position = new
    session.flush()


# Witnesses -----------------------------------------------------------------------------

WITNESS_COLUMNS = (
    W.id,
    W.review_id,
    W.key,
    W.name,
    W.role,
    W.organisation,
    W.email,
    W.invitation,
    W.private,
    W.version,
)


def witness_record(r: Any, appearances: Sequence[Appearance]) -> WitnessRecord:
    return WitnessRecord(
        id=r.id,
        review_id=r.review_id,
        key=r.key,
        name=r.name,
        role=r.role,
        organisation=r.organisation,
        email=r.email,
        invitation=InvitationState(r.invitation),
        private=bool(r.private),
        version=r.version,
        appearances=tuple(appearances),
    )


def witness_appearances(
    session: Session, where: ColumnElement[bool]
) -> dict[int, list[Appearance]]:
    """witness id -> the items they appear under, by meeting start then agenda position:
    one query, however many witnesses."""
    found: dict[int, list[Appearance]] = defaultdict(list)
    stmt = (
        select(
            IW.witness_id,
            MT.key,
            MT.title,
            MT.start,
            I.key,
            I.title,
            I.access,
            MT.id,
            I.id,
            I.version,
            MT.minutes_status,
        )
        .select_from(IW)
        .join(I, I.id == IW.item_id)
        .join(MT, MT.id == I.meeting_id)
        .where(where)
        .order_by(MT.start, MT.position, MT.id, I.position, I.id)
    )
    for r in session.execute(stmt):
        witness_id, m_key, m_title, m_start, i_key, i_title, access, m_id, i_id, i_ver, minutes = r
        found[witness_id].append(
            Appearance(
                meeting_key=m_key,
                meeting_title=m_title,
                meeting_start=m_start,
                item_key=i_key,
                item_title=i_title,
                item_closed=access == Access.CLOSED.value,
                meeting_id=m_id,
                item_id=i_id,
                item_version=i_ver,
                minutes_approved=minutes == MinutesStatus.APPROVED.value,
            )
        )
    return found


def list_witness_records(session: Session, review_id: int) -> list[WitnessRecord]:
    """The register in order with every witness's appearances: two queries."""
    get_review_row(session, review_id)
    rows = session.execute(
        select(*WITNESS_COLUMNS).where(W.review_id == review_id).order_by(W.position, W.id)
    ).all()
    appearances = witness_appearances(session, I.review_id == review_id) if rows else {}
    return [witness_record(r, appearances.get(r.id, ())) for r in rows]


def get_witness_record(session: Session, witness_id: int) -> WitnessRecord:
    r = session.execute(select(*WITNESS_COLUMNS).where(W.id == witness_id)).first()
    if r is None:
        raise NotFoundError(f"There is no witness with id {witness_id}")
    return witness_record(
        r, witness_appearances(session, IW.witness_id == witness_id).get(witness_id, ())
    )


def checked_witness(session: Session, witness_id: int, expected_version: int) -> WitnessRecord:
    """The witness, if still at ``expected_version``; ConflictError if changed or deleted."""
    try:
        current = get_witness_record(session, witness_id)
    except NotFoundError:
        check_version(session, "witness", witness_id, expected_version, "This witness")
        raise
    check_version(session, "witness", witness_id, expected_version, f'Witness "{current.name}"')
    return current


def witness_by_key(session: Session, review_id: int, key: str) -> WitnessRecord:
    found = session.execute(
        select(W.id).where(W.review_id == review_id, W.key == key)
    ).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f'There is no witness "{key}" in review {review_id}')
    return get_witness_record(session, found)


def insert_witness(session: Session, review_id: int, witness: Witness, position: int | None) -> int:
    session.flush()
    scope = _table(W).c.review_id == review_id
    at = _clamp(position, _count(session, scope))
    open_gap(session, W, scope, at)
    row = W(
        review_id=review_id,
        position=at,
        key=witness.key,
        name=witness.name,
        role=witness.role,
        organisation=witness.organisation,
        email=witness.email,
        invitation=witness.invitation.value,
        private=witness.private,
    )
    session.add(row)
    session.flush()
    return row.id


def update_witness(session: Session, witness_id: int, values: dict[str, Any]) -> None:
    row = _row(session, W, witness_id, "witness")
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, InvitationState) else value)
    session.flush()


def meetings_of_witness(session: Session, witness_id: int) -> set[int]:
    """Ids of the meetings whose agenda names this witness."""
    return set(
        session.scalars(
            select(I.meeting_id).join(IW, IW.item_id == I.id).where(IW.witness_id == witness_id)
        )
    )


def witness_snapshot(session: Session, witness_id: int) -> WitnessSnapshot:
    row = _row(session, W, witness_id, "witness")
    links = tuple(
        ItemLink(key, position)
        for key, position in session.execute(
            select(I.key, IW.position)
            .join(I, I.id == IW.item_id)
            .where(IW.witness_id == witness_id)
            .order_by(I.meeting_id, I.position)
        )
    )
    e, n = orm.EvidenceRow, orm.NoteRow
    evidence = tuple(
        session.scalars(select(e.key).where(e.witness_id == witness_id).order_by(e.position))
    )
    notes = tuple(
        NoteLink(key, position)
        for key, position in session.execute(
            select(n.key, NW.position)
            .join(NW, NW.note_id == n.id)
            .where(NW.witness_id == witness_id)
            .order_by(n.position, n.id)
        )
    )
    return WitnessSnapshot(
        review_id=row.review_id,
        position=row.position,
        witness=Witness(
            row.key,
            row.name,
            row.role,
            row.organisation,
            row.email,
            InvitationState(row.invitation),
            row.private,
        ),
        items=links,
        evidence=evidence,
        notes=notes,
    )


def _audit(session: Session) -> dict[str, Any]:
    return {
        "updated_by": session.info.get("user"),
        "updated_at": datetime.now(UTC).replace(tzinfo=None),
    }


def delete_witness(session: Session, witness_id: int) -> None:
    """Delete the witness, their places on agendas and the references to them."""
    row = _row(session, W, witness_id, "witness")
    review_id, position = row.review_id, row.position
    iw = _table(IW)
    links = list(
        session.execute(select(iw.c.item_id, iw.c.position).where(iw.c.witness_id == witness_id))
    )
    session.execute(delete(iw).where(iw.c.witness_id == witness_id))
    for item_id, at in links:
        close_gap(session, IW, iw.c.item_id == item_id, at)
    t = _table(orm.EvidenceRow)
    session.execute(
        update(t).where(t.c.witness_id == witness_id).values(witness_id=None, **_audit(session))
    )
    nw = _table(NW)
    attributed = list(
        session.execute(select(nw.c.note_id, nw.c.position).where(nw.c.witness_id == witness_id))
    )
    session.execute(delete(nw).where(nw.c.witness_id == witness_id))
    for note_id, at in attributed:
        close_gap(session, NW, nw.c.note_id == note_id, at)
    if attributed:
        notes = _table(orm.NoteRow)
        session.execute(
            update(notes)
            .where(notes.c.id.in_([note_id for note_id, _ in attributed]))
            .values(**_audit(session))
        )
    session.delete(row)
    session.flush()
    close_gap(session, W, _table(W).c.review_id == review_id, position)


def restore_witness_links(session: Session, witness_id: int, snapshot: WitnessSnapshot) -> None:
    """Put a restored witness back on agendas and on their evidence and notes; items,
    evidence and notes deleted since are skipped, and a reference someone has pointed
    elsewhere since is left alone."""
    review_id = snapshot.review_id
    iw = _table(IW)
    if snapshot.items:
        items = dict(
            session.execute(
                select(I.key, I.id).where(
                    I.review_id == review_id, I.key.in_([link.item_key for link in snapshot.items])
                )
            ).all()
        )
        for link in snapshot.items:
            item_id = items.get(link.item_key)
            if item_id is None:
                continue
            scope = iw.c.item_id == item_id
            at = _clamp(link.position, _count(session, scope))
            open_gap(session, IW, scope, at)
            session.execute(insert(iw).values(item_id=item_id, witness_id=witness_id, position=at))
    if snapshot.evidence:
        t = _table(orm.EvidenceRow)
        session.execute(
            update(t)
            .where(
                t.c.review_id == review_id,
                t.c.key.in_(snapshot.evidence),
                t.c.witness_id.is_(None),
            )
            .values(witness_id=witness_id, **_audit(session))
        )
    if snapshot.notes:
        n = orm.NoteRow
        notes = dict(
            session.execute(
                select(n.key, n.id).where(
                    n.review_id == review_id,
                    n.key.in_([link.note_key for link in snapshot.notes]),
                )
            ).all()
        )
        nw = _table(NW)
        for note_link in snapshot.notes:
            note_id = notes.get(note_link.note_key)
            if note_id is None:
                continue
            scope = nw.c.note_id == note_id
            if _count(session, and_(scope, nw.c.witness_id == witness_id)):
                continue
            at = _clamp(note_link.position, _count(session, scope))
            open_gap(session, NW, scope, at)
            session.execute(insert(nw).values(note_id=note_id, witness_id=witness_id, position=at))
        if notes:
            t = _table(n)
            session.execute(
                update(t).where(t.c.id.in_(list(notes.values()))).values(**_audit(session))
            )


def move_witness(session: Session, witness_id: int, position: int) -> None:
    row = _row(session, W, witness_id, "witness")
    _move(session, row, W, _table(W).c.review_id == row.review_id, position)
