"""Writing a whole review document into the tables, and reading it back.

Import and export go through here: every list keeps its position and every row its
key, so the document that comes out is the one that went in. Rows are inserted in
bulk (one executemany per table, then one SELECT of key -> id; no RETURNING) so a
large review imports quickly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ..domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    EvidenceKind,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
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
    EvidenceFile,
    Exclusion,
    Interface,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    Note,
    ProgressUpdate,
    Recommendation,
    Review,
    ReviewFigures,
    TorItem,
    Witness,
)
from . import orm

CONTACT_FIELDS = ("name", "role", "email", "phone", "fax", "minicom", "address")


def _insert(session: Session, model: type[orm.Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows with one executemany (no RETURNING: SQLAlchemy's merging of returned
    batches grows with the square of the row count)."""
    if rows:
        session.execute(insert(model), list(rows))


def _insert_keyed(
    session: Session, model: type[orm.Base], rows: Sequence[dict[str, Any]], review_id: int
) -> dict[str, int]:
    """Insert keyed rows of one review; key -> new id for every such row of the review."""
    _insert(session, model, rows)
    if not rows:
        return {}
    table: Any = model
    found = session.execute(select(table.key, table.id).where(table.review_id == review_id))
    return {key: row_id for key, row_id in found}


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
    review_id: int = session.execute(
        insert(orm.ReviewRow).returning(orm.ReviewRow.id),
        {
            "title": review.title,
            "body": review.body,
            "summary": review.summary,
            "status": review.status.value,
            "timezone": review.timezone,
            "has_contact": review.contact is not None,
            **{f"contact_{f}": getattr(contact, f) for f in CONTACT_FIELDS},
            "clear_days": review.clear_days,
            "exclusion_resolution": review.exclusion_resolution,
            "version": 1,
        },
    ).scalar_one()
    common = {"review_id": review_id, "version": 1}

    def rows(records: Iterable[Any], **columns: Callable[[Any], Any]) -> list[dict[str, Any]]:
        return [
            {**common, "position": n, **{name: get(r) for name, get in columns.items()}}
            for n, r in enumerate(records)
        ]

    def keyed(
        model: type[orm.Base], records: Sequence[Any], **columns: Callable[[Any], Any]
    ) -> dict[str, int]:
        return _insert_keyed(session, model, rows(records, key=_key, **columns), review_id)

    members = keyed(
        orm.MemberRow, review.panel, name=_a("name"), role=_v("role"), email=_a("email")
    )
    tor = _insert_tor(session, review.terms_of_reference, None, common)
    _insert(session, orm.ExclusionRow, rows(review.exclusions, text=_a("text")))
    _insert(
        session,
        orm.InterfaceRow,
        rows(review.interfaces, name=_a("name"), abbreviation=_a("abbreviation")),
    )
    _insert(
        session,
        orm.MilestoneRow,
        rows(review.milestones, date=_a("date"), title=_a("title"), done=_a("done")),
    )
    witnesses = keyed(
        orm.WitnessRow,
        review.witnesses,
        name=_a("name"),
        role=_a("role"),
        organisation=_a("organisation"),
        email=_a("email"),
        invitation=_v("invitation"),
        private=_a("private"),
    )
    meetings = keyed(
        orm.MeetingRow,
        review.meetings,
        title=_a("title"),
        kind=_v("kind"),
        start=_a("start"),
        end=_a("end"),
        venue=_a("venue"),
        status=_v("status"),
        uid=_a("uid"),
        sequence=_a("sequence"),
        minutes_status=_v("minutes_status"),
        minutes_approved_on=_a("minutes_approved_on"),
        agenda_published_on=_a("agenda_published_on"),
        minutes_locked=_a("minutes_locked"),
    )
    approvals = [
        {"meeting": meetings[m.key], "approved_at": meetings[m.minutes_approved_at]}
        for m in review.meetings
        if m.minutes_approved_at is not None
    ]
    if approvals:  # a second pass: the approving meeting may come later in the list
        table: Any = orm.MeetingRow.__table__
        session.execute(
            update(table)
            .where(table.c.id == bindparam("meeting"))
            .values(minutes_approved_at_id=bindparam("approved_at")),
            approvals,
        )
    _insert(
        session,
        orm.MinutesHistoryRow,
        [
            {
                "meeting_id": meetings[m.key],
                "position": n,
                "at_utc": h.at.astimezone(UTC).replace(tzinfo=None),
                "at_offset_minutes": _offset_minutes(h.at),
                "by": h.by,
                "event": h.event.value,
                "note": h.note,
            }
            for m in review.meetings
            for n, h in enumerate(m.minutes_history)
        ],
    )
    _insert(
        session,
        orm.AttendanceRow,
        [
            {
                "meeting_id": meetings[m.key],
                "member_id": members[a.member],
                "position": n,
                "status": a.status.value,
                "version": 1,
            }
            for m in review.meetings
            for n, a in enumerate(m.attendance)
        ],
    )

    item_rows = []
    for m in review.meetings:
        for n, row in enumerate(
            rows(
                m.items,
                key=_key,
                title=_a("title"),
                kind=_v("kind"),
                access=_v("access"),
                closed_reason=_a("closed_reason"),
                public_title=_a("public_title"),
                exemption=_a("exemption"),
                start=_a("start"),
                end=_a("end"),
                minute=_a("minute"),
            )
        ):
            item_rows.append({**row, "position": n, "meeting_id": meetings[m.key]})
    items = _insert_keyed(session, orm.ItemRow, item_rows, review_id)
    all_items = [i for m in review.meetings for i in m.items]
    _links(
        session,
        orm.ItemWitness,
        "item_id",
        "witness_id",
        ((items[i.key], i.witnesses) for i in all_items),
        witnesses,
    )
    _links(
        session, orm.ItemTor, "item_id", "tor_id", ((items[i.key], i.tor) for i in all_items), tor
    )

    evidence = keyed(
        orm.EvidenceRow,
        review.evidence,
        title=_a("title"),
        kind=_v("kind"),
        witness_id=lambda e: _ref(witnesses, e.witness),
        source=_a("source"),
        received=_a("received"),
        access=_v("access"),
        summary=_a("summary"),
    )
    _links(
        session,
        orm.EvidenceTor,
        "evidence_id",
        "tor_id",
        ((evidence[e.key], e.tor) for e in review.evidence),
        tor,
    )
    for batch in _file_batches(review.evidence):
        _insert(session, orm.EvidenceFile, [_file_row(evidence[e.key], f) for e, f in batch])
    notes = keyed(
        orm.NoteRow,
        review.notes,
        text=_a("text"),
        created_utc=lambda n: n.created.astimezone(UTC).replace(tzinfo=None),
        created_offset_minutes=lambda n: _offset_minutes(n.created),
        meeting_id=lambda n: _ref(meetings, n.meeting),
        item_id=lambda n: _ref(items, n.item),
        evidence_id=lambda n: _ref(evidence, n.evidence),
        access=_v("access"),
    )
    _links(
        session,
        orm.NoteTor,
        "note_id",
        "tor_id",
        ((notes[n.key], n.tor) for n in review.notes),
        tor,
    )
    _links(
        session,
        orm.NoteWitness,
        "note_id",
        "witness_id",
        ((notes[n.key], n.witnesses) for n in review.notes),
        witnesses,
    )
    recommendations = keyed(
        orm.RecommendationRow,
        review.recommendations,
        text=_a("text"),
        lead=_a("lead"),
        due=_a("due"),
        status=_v("status"),
        response=_a("response"),
    )
    _links(
        session,
        orm.RecommendationTor,
        "recommendation_id",
        "tor_id",
        ((recommendations[r.key], r.tor) for r in review.recommendations),
        tor,
    )
    _insert(
        session,
        orm.ProgressRow,
        [
            {
                "recommendation_id": recommendations[r.key],
                "position": n,
                "date": p.date,
                "text": p.text,
                "version": 1,
            }
            for r in review.recommendations
            for n, p in enumerate(r.progress)
        ],
    )
    _links(
        session,
        orm.RecommendationNote,
        "recommendation_id",
        "note_id",
        ((recommendations[r.key], r.notes) for r in review.recommendations),
        notes,
    )
    keyed(
        orm.ActionRow,
        review.actions,
        text=_a("text"),
        owner=_a("owner"),
        due=_a("due"),
        status=_v("status"),
        meeting_id=lambda a: _ref(meetings, a.meeting),
        access=_v("access"),
    )
    return review_id


FILE_BATCH_BYTES = 32 * 2**20


def _file_batches(
    evidence: Sequence[Evidence],
) -> Iterable[list[tuple[Evidence, EvidenceFile]]]:
    """Attached files in batches of about FILE_BATCH_BYTES, so many small files go in a
    few statements and large ones do not make one statement of hundreds of MB."""
    batch: list[tuple[Evidence, EvidenceFile]] = []
    size = 0
    for e in evidence:
        if e.file is None:
            continue
        if batch and size + e.file.size > FILE_BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append((e, e.file))
        size += e.file.size
    if batch:
        yield batch


def _file_row(evidence_id: int, file: EvidenceFile) -> dict[str, Any]:
    return {
        "evidence_id": evidence_id,
        "name": file.name,
        "media_type": file.media_type,
        "size": file.size,
        "sha256": file.sha256,
        "content": file.content,
    }


def _key(record: Any) -> str:
    key: str = record.key
    return key


def _a(name: str) -> Callable[[Any], Any]:
    """Column value: the record's attribute of that name."""
    return lambda record: getattr(record, name)


def _v(name: str) -> Callable[[Any], Any]:
    """Column value: the enumeration's value."""
    return lambda record: getattr(record, name).value


def _ref(ids: dict[str, int], key: str | None) -> int | None:
    return None if key is None else ids[key]


def _insert_tor(
    session: Session, items: Sequence[TorItem], parent: int | None, common: dict[str, Any]
) -> dict[str, int]:
    """Insert a tree level by level (children need their parent's id)."""
    found = _insert_keyed(
        session,
        orm.TorRow,
        [
            {**common, "parent_id": parent, "position": n, "key": t.key, "text": t.text}
            for n, t in enumerate(items)
        ],
        common["review_id"],
    )
    for item in items:
        found.update(_insert_tor(session, item.children, found[item.key], common))
    return found


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


# Reading ------------------------------------------------------------------------


def _rows(session: Session, stmt: Select[Any]) -> list[Any]:
    return list(session.scalars(stmt))


_ID_BATCH = 10_000  # ids in one IN list, well under PostgreSQL's parameter limit


def _linked(
    session: Session,
    model: Any,
    owner: str,
    target: Any,
    owner_ids: Sequence[int],
    names: dict[int, str],
) -> dict[int, tuple[str, ...]]:
    """owner id -> keys of its linked rows, in stored order.

    The ids go in batches: PostgreSQL takes at most 65,535 parameters in a statement,
    and a review may hold 100,000 notes."""
    found: dict[int, list[str]] = defaultdict(list)
    column = getattr(model, owner)
    for start in range(0, len(owner_ids), _ID_BATCH):
        batch = owner_ids[start : start + _ID_BATCH]
        stmt = select(column, target).where(column.in_(batch)).order_by(column, model.position)
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
    files = _files(session, list(evidence_keys))
    notes = of(orm.NoteRow)
    note_ids = [n.id for n in notes]
    note_keys = {n.id: n.key for n in notes}
    note_tor = _linked(session, orm.NoteTor, "note_id", orm.NoteTor.tor_id, note_ids, tor_keys)
    note_witnesses = _linked(
        session, orm.NoteWitness, "note_id", orm.NoteWitness.witness_id, note_ids, witness_keys
    )
    recs = of(orm.RecommendationRow)
    rec_ids = [x.id for x in recs]
    rec_tor = _linked(
        session,
        orm.RecommendationTor,
        "recommendation_id",
        orm.RecommendationTor.tor_id,
        rec_ids,
        tor_keys,
    )
    rec_notes = _linked(
        session,
        orm.RecommendationNote,
        "recommendation_id",
        orm.RecommendationNote.note_id,
        rec_ids,
        note_keys,
    )
    progress: dict[int, list[ProgressUpdate]] = defaultdict(list)
    if recs:
        for pr in _rows(
            session,
            select(orm.ProgressRow)
            .where(orm.ProgressRow.recommendation_id.in_(rec_ids))
            .order_by(orm.ProgressRow.recommendation_id, orm.ProgressRow.position),
        ):
            progress[pr.recommendation_id].append(ProgressUpdate(pr.date, pr.text))

    history: dict[int, list[MinutesHistoryEntry]] = defaultdict(list)
    if meetings:
        for h in _rows(
            session,
            select(orm.MinutesHistoryRow)
            .where(orm.MinutesHistoryRow.meeting_id.in_(list(meeting_keys)))
            .order_by(orm.MinutesHistoryRow.meeting_id, orm.MinutesHistoryRow.position),
        ):
            history[h.meeting_id].append(
                MinutesHistoryEntry(
                    at=_aware(h.at_utc, h.at_offset_minutes),
                    by=h.by,
                    event=MinutesEvent(h.event),
                    note=h.note,
                )
            )

    def key(names: dict[int, str], value: int | None) -> str | None:
        return None if value is None else names[value]

    return replace(
        _head(r, members, tor_rows, of),
        witnesses=tuple(
            Witness(
                w.key,
                w.name,
                w.role,
                w.organisation,
                w.email,
                InvitationState(w.invitation),
                w.private,
            )
            for w in witnesses
        ),
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
                agenda_published_on=m.agenda_published_on,
                minutes_approved_at=key(meeting_keys, m.minutes_approved_at_id),
                minutes_locked=m.minutes_locked,
                minutes_history=tuple(history.get(m.id, ())),
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
                file=files.get(e.id),
            )
            for e in evidence
        ),
        notes=tuple(
            Note(
                key=n.key,
                text=n.text,
                created=_aware(n.created_utc, n.created_offset_minutes),
                tor=note_tor.get(n.id, ()),
                meeting=key(meeting_keys, n.meeting_id),
                item=key(item_keys, n.item_id),
                witnesses=note_witnesses.get(n.id, ()),
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
                progress=tuple(progress.get(x.id, ())),
                notes=rec_notes.get(x.id, ()),
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


def _head(r: Any, members: list[Any], tor_rows: list[Any], of: Any) -> Review:
    """The review's own fields and short lists; its long lists left empty."""
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
        clear_days=r.clear_days,
        exclusion_resolution=r.exclusion_resolution,
    )


def load_review_head(session: Session, review_id: int) -> Review:
    """The review's own details, panel, terms of reference, exclusions, interfaces and
    milestones: what the Overview shows, without the meetings, notes and evidence a
    busy review holds by the hundred thousand (those lists are left empty)."""
    r = session.get(orm.ReviewRow, review_id)
    if r is None:
        raise NotFoundError(f"There is no review with id {review_id}")

    def of(model: Any) -> list[Any]:
        return _rows(
            session,
            select(model).where(model.review_id == review_id).order_by(model.position, model.id),
        )

    return _head(r, of(orm.MemberRow), of(orm.TorRow), of)


def review_figures(session: Session, review_id: int) -> ReviewFigures:
    """How many meetings (by status), witnesses, pieces of evidence, notes and
    recommendations the review holds: counted in SQL, nothing loaded."""

    def count(model: Any) -> int:
        stmt = select(func.count()).select_from(model).where(model.review_id == review_id)
        return int(session.scalar(stmt) or 0)

    by_status = session.execute(
        select(orm.MeetingRow.status, func.count())
        .where(orm.MeetingRow.review_id == review_id)
        .group_by(orm.MeetingRow.status)
    )
    return ReviewFigures(
        meetings={MeetingStatus(status): int(n) for status, n in by_status},
        witnesses=count(orm.WitnessRow),
        evidence=count(orm.EvidenceRow),
        notes=count(orm.NoteRow),
        recommendations=count(orm.RecommendationRow),
    )


def _files(session: Session, evidence_ids: Sequence[int]) -> dict[int, EvidenceFile]:
    """evidence id -> its attached file."""
    found: dict[int, EvidenceFile] = {}
    if evidence_ids:
        table = orm.EvidenceFile
        stmt = select(table.evidence_id, table.name, table.media_type, table.content).where(
            table.evidence_id.in_(evidence_ids)
        )
        for evidence_id, name, media_type, content in session.execute(stmt):
            found[evidence_id] = EvidenceFile(name, media_type, bytes(content))
    return found


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))


def _tor_tree(rows: Sequence[orm.TorRow]) -> tuple[TorItem, ...]:
    children: dict[int | None, list[orm.TorRow]] = defaultdict(list)
    for row in rows:  # already in position order
        children[row.parent_id].append(row)

    def build(parent: int | None) -> tuple[TorItem, ...]:
        return tuple(TorItem(t.key, t.text, build(t.id)) for t in children.get(parent, ()))

    return build(None)


def load_terms_of_reference(session: Session, review_id: int) -> tuple[TorItem, ...]:
    """Only the terms-of-reference tree: what pickers need, without the whole review."""
    rows = list(
        session.scalars(
            select(orm.TorRow)
            .where(orm.TorRow.review_id == review_id)
            .order_by(orm.TorRow.position, orm.TorRow.id)
        )
    )
    return _tor_tree(rows)
