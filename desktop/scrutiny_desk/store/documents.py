"""Writing a whole review document into the tables, and reading it back.

Import and export go through here: every list keeps its position and every row its
key, so the document that comes out is the one that went in. Rows are inserted in
bulk (one INSERT per table, RETURNING the new ids) so a large review imports quickly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from ..domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    EvidenceKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    RecommendationStatus,
    ReviewStatus,
)
from ..domain.errors import NotFoundError
from ..domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Contact,
    Evidence,
    Exclusion,
    Interface,
    Meeting,
    Member,
    Milestone,
    Note,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from . import orm

CONTACT_FIELDS = ("name", "role", "email", "phone", "fax", "minicom", "address")


def _insert(session: Session, model: type[orm.Base], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement; their new ids, in the order given."""
    if not rows:
        return []
    table: Any = model
    result = session.execute(
        insert(model).returning(table.id, sort_by_parameter_order=True), list(rows)
    )
    return [r[0] for r in result]


def _links(
    session: Session,
    model: type[orm.Base],
    owner: str,
    target: str,
    pairs: Iterable[tuple[int, Sequence[str]]],
    ids: dict[str, int],
) -> None:
    rows = [
        {owner: owner_id, target: ids[key], "position": n}
        for owner_id, keys in pairs
        for n, key in enumerate(keys)
    ]
    if rows:
        session.execute(insert(model), rows)


def insert_review(session: Session, review: Review) -> int:
    """Write a checked review document; its new id. Meeting UIDs must already be set."""
    contact = review.contact or Contact()
    review_id = _insert(
        session,
        orm.ReviewRow,
        [
            {
                "title": review.title,
                "body": review.body,
                "summary": review.summary,
                "status": review.status.value,
                "timezone": review.timezone,
                "has_contact": review.contact is not None,
                **{f"contact_{f}": getattr(contact, f) for f in CONTACT_FIELDS},
                "version": 1,
            }
        ],
    )[0]
    common = {"review_id": review_id, "version": 1}

    member_ids = dict(
        zip(
            (m.key for m in review.panel),
            _insert(
                session,
                orm.MemberRow,
                [
                    {
                        **common,
                        "position": n,
                        "key": m.key,
                        "name": m.name,
                        "role": m.role.value,
                        "email": m.email,
                    }
                    for n, m in enumerate(review.panel)
                ],
            ),
            strict=True,
        )
    )
    tor_ids = _insert_tor(session, review.terms_of_reference, None, common)
    _insert(
        session,
        orm.ExclusionRow,
        [{**common, "position": n, "text": e.text} for n, e in enumerate(review.exclusions)],
    )
    _insert(
        session,
        orm.InterfaceRow,
        [
            {**common, "position": n, "name": i.name, "abbreviation": i.abbreviation}
            for n, i in enumerate(review.interfaces)
        ],
    )
    _insert(
        session,
        orm.MilestoneRow,
        [
            {**common, "position": n, "date": m.date, "title": m.title, "done": m.done}
            for n, m in enumerate(review.milestones)
        ],
    )
    witness_ids = dict(
        zip(
            (w.key for w in review.witnesses),
            _insert(
                session,
                orm.WitnessRow,
                [
                    {
                        **common,
                        "position": n,
                        "key": w.key,
                        "name": w.name,
                        "role": w.role,
                        "organisation": w.organisation,
                        "email": w.email,
                    }
                    for n, w in enumerate(review.witnesses)
                ],
            ),
            strict=True,
        )
    )

    meeting_ids = dict(
        zip(
            (m.key for m in review.meetings),
            _insert(
                session,
                orm.MeetingRow,
                [
                    {
                        **common,
                        "position": n,
                        "key": m.key,
                        "title": m.title,
                        "kind": m.kind.value,
                        "start": m.start,
                        "end": m.end,
                        "venue": m.venue,
                        "status": m.status.value,
                        "uid": m.uid,
                        "sequence": m.sequence,
                        "minutes_status": m.minutes_status.value,
                        "minutes_approved_on": m.minutes_approved_on,
                    }
                    for n, m in enumerate(review.meetings)
                ],
            ),
            strict=True,
        )
    )
    attendance = [
        {
            "meeting_id": meeting_ids[m.key],
            "member_id": member_ids[a.member],
            "position": n,
            "status": a.status.value,
            "version": 1,
        }
        for m in review.meetings
        for n, a in enumerate(m.attendance)
    ]
    _insert(session, orm.AttendanceRow, attendance)
    items = [(m, i) for m in review.meetings for i in m.items]
    item_ids = dict(
        zip(
            (i.key for _, i in items),
            _insert(
                session,
                orm.ItemRow,
                [
                    {
                        **common,
                        "meeting_id": meeting_ids[m.key],
                        "position": n,
                        "key": i.key,
                        "title": i.title,
                        "kind": i.kind.value,
                        "access": i.access.value,
                        "closed_reason": i.closed_reason,
                        "public_title": i.public_title,
                        "exemption": i.exemption,
                        "start": i.start,
                        "end": i.end,
                        "minute": i.minute,
                    }
                    for m in review.meetings
                    for n, i in enumerate(m.items)
                ],
            ),
            strict=True,
        )
    )
    _links(
        session,
        orm.ItemWitness,
        "item_id",
        "witness_id",
        ((item_ids[i.key], i.witnesses) for _, i in items),
        witness_ids,
    )
    _links(
        session,
        orm.ItemTor,
        "item_id",
        "tor_id",
        ((item_ids[i.key], i.tor) for _, i in items),
        tor_ids,
    )

    evidence_ids = dict(
        zip(
            (e.key for e in review.evidence),
            _insert(
                session,
                orm.EvidenceRow,
                [
                    {
                        **common,
                        "position": n,
                        "key": e.key,
                        "title": e.title,
                        "kind": e.kind.value,
                        "witness_id": witness_ids[e.witness] if e.witness else None,
                        "source": e.source,
                        "received": e.received,
                        "access": e.access.value,
                        "summary": e.summary,
                    }
                    for n, e in enumerate(review.evidence)
                ],
            ),
            strict=True,
        )
    )
    _links(
        session,
        orm.EvidenceTor,
        "evidence_id",
        "tor_id",
        ((evidence_ids[e.key], e.tor) for e in review.evidence),
        tor_ids,
    )

    note_ids = _insert(
        session,
        orm.NoteRow,
        [
            {
                **common,
                "position": n,
                "key": note.key,
                "text": note.text,
                "created_utc": note.created.astimezone(UTC).replace(tzinfo=None),
                "created_offset_minutes": _offset_minutes(note.created),
                "meeting_id": meeting_ids[note.meeting] if note.meeting else None,
                "item_id": item_ids[note.item] if note.item else None,
                "witness_id": witness_ids[note.witness] if note.witness else None,
                "evidence_id": evidence_ids[note.evidence] if note.evidence else None,
                "access": note.access.value,
            }
            for n, note in enumerate(review.notes)
        ],
    )
    _links(
        session,
        orm.NoteTor,
        "note_id",
        "tor_id",
        zip(note_ids, (n.tor for n in review.notes), strict=True),
        tor_ids,
    )

    rec_ids = _insert(
        session,
        orm.RecommendationRow,
        [
            {
                **common,
                "position": n,
                "key": r.key,
                "text": r.text,
                "lead": r.lead,
                "due": r.due,
                "status": r.status.value,
                "response": r.response,
            }
            for n, r in enumerate(review.recommendations)
        ],
    )
    _links(
        session,
        orm.RecommendationTor,
        "recommendation_id",
        "tor_id",
        zip(rec_ids, (r.tor for r in review.recommendations), strict=True),
        tor_ids,
    )
    _insert(
        session,
        orm.ActionRow,
        [
            {
                **common,
                "position": n,
                "key": a.key,
                "text": a.text,
                "owner": a.owner,
                "due": a.due,
                "status": a.status.value,
                "meeting_id": meeting_ids[a.meeting] if a.meeting else None,
                "access": a.access.value,
            }
            for n, a in enumerate(review.actions)
        ],
    )
    return review_id


def _insert_tor(
    session: Session, items: Sequence[TorItem], parent: int | None, common: dict[str, Any]
) -> dict[str, int]:
    ids = _insert(
        session,
        orm.TorRow,
        [
            {**common, "parent_id": parent, "position": n, "key": t.key, "text": t.text}
            for n, t in enumerate(items)
        ],
    )
    found = dict(zip((t.key for t in items), ids, strict=True))
    for item, item_id in zip(items, ids, strict=True):
        found.update(_insert_tor(session, item.children, item_id, common))
    return found


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


# Reading ------------------------------------------------------------------------


def _rows(session: Session, stmt: Select[Any]) -> list[Any]:
    return list(session.scalars(stmt))


def _linked(
    session: Session,
    model: Any,
    owner: str,
    target: Any,
    owner_ids: Sequence[int],
    names: dict[int, str],
) -> dict[int, tuple[str, ...]]:
    """owner id -> keys of its linked rows, in stored order."""
    found: dict[int, list[str]] = defaultdict(list)
    if owner_ids:
        column = getattr(model, owner)
        stmt = select(column, target).where(column.in_(owner_ids)).order_by(column, model.position)
        for owner_id, target_id in session.execute(stmt):
            found[owner_id].append(names[target_id])
    return {k: tuple(v) for k, v in found.items()}


def load_review(session: Session, review_id: int) -> Review:
    """The whole review as a document, every list in stored order."""
    r = session.get(orm.ReviewRow, review_id)
    if r is None:
        raise NotFoundError(f"There is no review with id {review_id}")

    def of(model: Any) -> list[Any]:
        return _rows(
            session,
            select(model).where(model.review_id == review_id).order_by(model.position, model.id),
        )

    members = of(orm.MemberRow)
    member_keys = {m.id: m.key for m in members}
    tor_rows = of(orm.TorRow)
    tor_keys = {t.id: t.key for t in tor_rows}
    witnesses = of(orm.WitnessRow)
    witness_keys = {w.id: w.key for w in witnesses}
    meetings = of(orm.MeetingRow)
    meeting_keys = {m.id: m.key for m in meetings}
    items = of(orm.ItemRow)
    item_keys = {i.id: i.key for i in items}
    item_ids = [i.id for i in items]
    item_witnesses = _linked(
        session, orm.ItemWitness, "item_id", orm.ItemWitness.witness_id, item_ids, witness_keys
    )
    item_tor = _linked(session, orm.ItemTor, "item_id", orm.ItemTor.tor_id, item_ids, tor_keys)
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    if meetings:
        for a in _rows(
            session,
            select(orm.AttendanceRow)
            .where(orm.AttendanceRow.meeting_id.in_(list(meeting_keys)))
            .order_by(orm.AttendanceRow.meeting_id, orm.AttendanceRow.position),
        ):
            attendance[a.meeting_id].append(
                Attendance(member_keys[a.member_id], AttendanceStatus(a.status))
            )
    items_by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for i in items:
        items_by_meeting[i.meeting_id].append(
            AgendaItem(
                key=i.key,
                title=i.title,
                kind=ItemKind(i.kind),
                access=Access(i.access),
                closed_reason=i.closed_reason,
                public_title=i.public_title,
                exemption=i.exemption,
                start=i.start,
                end=i.end,
                witnesses=item_witnesses.get(i.id, ()),
                tor=item_tor.get(i.id, ()),
                minute=i.minute,
            )
        )
    evidence = of(orm.EvidenceRow)
    evidence_keys = {e.id: e.key for e in evidence}
    evidence_tor = _linked(
        session,
        orm.EvidenceTor,
        "evidence_id",
        orm.EvidenceTor.tor_id,
        list(evidence_keys),
        tor_keys,
    )
    notes = of(orm.NoteRow)
    note_tor = _linked(
        session, orm.NoteTor, "note_id", orm.NoteTor.tor_id, [n.id for n in notes], tor_keys
    )
    recs = of(orm.RecommendationRow)
    rec_tor = _linked(
        session,
        orm.RecommendationTor,
        "recommendation_id",
        orm.RecommendationTor.tor_id,
        [x.id for x in recs],
        tor_keys,
    )

    def key(names: dict[int, str], value: int | None) -> str | None:
        return None if value is None else names[value]

    return Review(
        title=r.title,
        body=r.body,
        summary=r.summary,
        status=ReviewStatus(r.status),
        timezone=r.timezone,
        contact=Contact(**{f: getattr(r, f"contact_{f}") for f in CONTACT_FIELDS})
        if r.has_contact
        else None,
        panel=tuple(Member(m.key, m.name, MemberRole(m.role), m.email) for m in members),
        terms_of_reference=_tor_tree(tor_rows),
        exclusions=tuple(Exclusion(e.text) for e in of(orm.ExclusionRow)),
        interfaces=tuple(Interface(i.name, i.abbreviation) for i in of(orm.InterfaceRow)),
        milestones=tuple(Milestone(m.date, m.title, m.done) for m in of(orm.MilestoneRow)),
        witnesses=tuple(Witness(w.key, w.name, w.role, w.organisation, w.email) for w in witnesses),
        meetings=tuple(
            Meeting(
                key=m.key,
                title=m.title,
                kind=MeetingKind(m.kind),
                start=m.start,
                end=m.end,
                venue=m.venue,
                status=MeetingStatus(m.status),
                uid=m.uid,
                sequence=m.sequence,
                attendance=tuple(attendance.get(m.id, ())),
                minutes_status=MinutesStatus(m.minutes_status),
                minutes_approved_on=m.minutes_approved_on,
                items=tuple(items_by_meeting.get(m.id, ())),
            )
            for m in meetings
        ),
        evidence=tuple(
            Evidence(
                key=e.key,
                title=e.title,
                kind=EvidenceKind(e.kind),
                witness=key(witness_keys, e.witness_id),
                source=e.source,
                received=e.received,
                access=Access(e.access),
                summary=e.summary,
                tor=evidence_tor.get(e.id, ()),
            )
            for e in evidence
        ),
        notes=tuple(
            Note(
                key=n.key,
                text=n.text,
                created=n.created_utc.replace(tzinfo=UTC).astimezone(
                    timezone(timedelta(minutes=n.created_offset_minutes))
                ),
                tor=note_tor.get(n.id, ()),
                meeting=key(meeting_keys, n.meeting_id),
                item=key(item_keys, n.item_id),
                witness=key(witness_keys, n.witness_id),
                evidence=key(evidence_keys, n.evidence_id),
                access=Access(n.access),
            )
            for n in notes
        ),
        recommendations=tuple(
            Recommendation(
                key=x.key,
                text=x.text,
                lead=x.lead,
                due=x.due,
                status=RecommendationStatus(x.status),
                response=x.response,
                tor=rec_tor.get(x.id, ()),
            )
            for x in recs
        ),
        actions=tuple(
            Action(
                key=a.key,
                text=a.text,
                owner=a.owner,
                due=a.due,
                status=ActionStatus(a.status),
                meeting=key(meeting_keys, a.meeting_id),
                access=Access(a.access),
            )
            for a in of(orm.ActionRow)
        ),
    )


def _tor_tree(rows: Sequence[orm.TorRow]) -> tuple[TorItem, ...]:
    children: dict[int | None, list[orm.TorRow]] = defaultdict(list)
    for row in rows:  # already in position order
        children[row.parent_id].append(row)

    def build(parent: int | None) -> tuple[TorItem, ...]:
        return tuple(TorItem(t.key, t.text, build(t.id)) for t in children.get(parent, ()))

    return build(None)
