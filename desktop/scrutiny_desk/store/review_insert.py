"""Writing a whole review document into the tables (import, and restoring a review).

Every list keeps its position and every row its key, so the document that comes out
(store/documents.py) is the one that went in. Rows are inserted in bulk (one
executemany per table, then one SELECT of key -> id; no RETURNING: a RETURNING batch was
quadratic) so a large review imports quickly: built as tuples, column by column, and
handed straight to the driver (store/bulk_insert.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import repeat
from operator import attrgetter
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from ..domain.note_records import notes_closed_in_own_right
from ..domain.records import (
    Contact,
    Evidence,
    EvidenceFile,
    ItemReport,
    Meeting,
    Review,
    TorItem,
)
from ..domain.view_codec import view_text
from . import audit, bulk_insert, orm, review_scope
from .procedure_insert import insert_procedure
from .review_report_rows import insert_report

CONTACT_FIELDS = ("name", "role", "email", "phone", "fax", "minicom", "address")


_insert = bulk_insert.insert_rows


@dataclass(frozen=True)
class Rows:
    """Rows as tuples of the values of ``columns`` (a dict a row costs more to build)."""

    columns: tuple[str, ...]
    values: list[tuple[Any, ...]]

    def __len__(self) -> int:
        return len(self.values)


def _rows(
    records: Sequence[Any],
    fixed: dict[str, Any],
    given: dict[str, Iterable[Any]],
    columns: dict[str, Callable[[Any], Any]],
) -> Rows:
    """A row per record: the ``fixed`` values (the same in every row), the ``given``
    ones (a value a record), then each column's value read from the record. Built
    column by column in C (``repeat``, ``map``, ``zip``): a review has a few hundred
    thousand values, and a dict a row cost a tenth of its import."""
    count = len(records)
    return Rows(
        (*fixed, *given, *columns),
        list(
            zip(
                *(repeat(value, count) for value in fixed.values()),
                *given.values(),
                *(map(get, records) for get in columns.values()),
                strict=True,
            )
        ),
    )


def _values(session: Session, model: type[orm.Base], rows: Rows) -> None:
    bulk_insert.insert_values(session, model, rows.columns, rows.values)


def _insert_minutes_snapshots(session: Session, review: Review, meetings: dict[str, int]) -> None:
    """The approved minutes as they print, and those each reopening set aside."""
    kept = [(meetings[m.key], None, m.minutes_snapshot) for m in review.meetings]
    reopened = [
        (meetings[m.key], n, h.snapshot)
        for m in review.meetings
        for n, h in enumerate(m.minutes_history)
        if h.snapshot is not None
    ]
    history_ids: dict[tuple[int, int], int] = {}
    if reopened:
        for row_id, meeting_id, position in session.execute(
            select(
                orm.MinutesHistoryRow.id,
                orm.MinutesHistoryRow.meeting_id,
                orm.MinutesHistoryRow.position,
            ).where(orm.MinutesHistoryRow.meeting_id.in_({r[0] for r in reopened}))
        ):
            history_ids[(meeting_id, position)] = row_id
    _insert(
        session,
        orm.MinutesSnapshotRow,
        [
            {
                "meeting_id": meeting_id,
                "history_id": None if n is None else history_ids[(meeting_id, n)],
                "public": view_text(snapshot.public),
                "panel": view_text(snapshot.panel),
            }
            for meeting_id, n, snapshot in kept + reopened
            if snapshot is not None
        ],
    )


def insert_registers(session: Session, meetings: Sequence[tuple[int, Meeting]]) -> None:
    """The invitation registers of these (meeting id, meeting) pairs, written back
    exactly as read: each issue at its position, its recipients in their order."""
    issues = [(meeting_id, n, i) for meeting_id, m in meetings for n, i in enumerate(m.issued)]
    if not issues:
        return
    _insert(
        session,
        orm.CalendarIssueRow,
        [
            {
                "meeting_id": meeting_id,
                "position": n,
                "at_utc": i.at.astimezone(UTC).replace(tzinfo=None),
                "at_offset_minutes": _offset_minutes(i.at),
                "by": i.by,
                "kind": i.kind.value,
                "uid": i.uid,
                "sequence": i.sequence,
                "reason": i.reason,
            }
            for meeting_id, n, i in issues
        ],
    )
    table = orm.CalendarIssueRow
    ids: dict[tuple[int, int], int] = {}
    wanted = sorted({meeting_id for meeting_id, _, _ in issues})
    for start in range(0, len(wanted), 500):  # a few statements however many meetings
        for row_id, meeting_id, position in session.execute(
            select(table.id, table.meeting_id, table.position).where(
                table.meeting_id.in_(wanted[start : start + 500])
            )
        ):
            ids[(meeting_id, position)] = row_id
    _insert(
        session,
        orm.CalendarRecipientRow,
        [
            {
                "issue_id": ids[(meeting_id, n)],
                "position": p,
                "person": to.person.value,
                "person_key": to.key,
                "name": to.name,
                "email": to.email,
            }
            for meeting_id, n, i in issues
            for p, to in enumerate(i.recipients)
        ],
    )


def _insert_keyed(
    session: Session, model: type[orm.Base], rows: Rows, review_id: int
) -> dict[str, int]:
    """Insert keyed rows of one review; key -> new id for every such row of the review."""
    _values(session, model, rows)
    if not rows:
        return {}
    table: Any = model.__table__  # type: ignore[attr-defined]
    # of the table, not the mapped class: plain rows, not the ORM's loading of each
    found = session.execute(select(table.c.key, table.c.id).where(table.c.review_id == review_id))
    return {key: row_id for key, row_id in found}


def _links(
    session: Session,
    model: type[orm.Base],
    owner: str,
    target: str,
    pairs: Iterable[tuple[int, Sequence[str]]],
    ids: dict[str, int],
) -> None:
    values = [(owner_id, ids[key], n) for owner_id, keys in pairs for n, key in enumerate(keys)]
    bulk_insert.insert_values(session, model, (owner, target, "position"), values)


def insert_review(session: Session, review: Review) -> int:
    """Write a checked review document; its new id. Meeting UIDs must already be set.

    Every row it writes is the new review's: where the session tracks the reviews it
    writes (``review_scope``, on PostgreSQL), that review is noted once, not worked out
    row by row (a statement per linked row: 16,000 round trips for an office review)."""
    tracking = session.info.pop(review_scope.TRACK, None)
    try:
        with bulk_insert.writing_whole(session):
            review_id = _insert_review(session, review)
    finally:
        if tracking is not None:
            session.info[review_scope.TRACK] = tracking
    if tracking:
        session.info.setdefault(review_scope.TOUCHED, set()).add(review_id)
    return review_id


def _insert_review(session: Session, review: Review) -> int:
    audit.inserting_review(session)  # one audit row for the whole review
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
            "web_page": review.web_page,
            "calendar_public_titles": review.calendar_public_titles,
            "quorum": review.quorum,
            "minute_numbers": review.minute_numbers,
            "year_start_month": review.year_start.month,
            "year_start_day": review.year_start.day,
            "language": review.language.value,
            "country": review.country.value,
            "retention_until": review.retention_until,
            "privacy_notice": review.privacy_notice,
            "version": 1,
        },
    ).scalar_one()
    common = {"review_id": review_id, "version": 1}

    def rows(records: Sequence[Any], **columns: Callable[[Any], Any]) -> Rows:
        return _rows(records, common, {"position": range(len(records))}, columns)

    def keyed(
        model: type[orm.Base], records: Sequence[Any], **columns: Callable[[Any], Any]
    ) -> dict[str, int]:
        return _insert_keyed(session, model, rows(records, key=_key, **columns), review_id)

    members = keyed(
        orm.MemberRow, review.panel, name=_a("name"), role=_v("role"), email=_a("email")
    )
    tor = _insert_tor(session, review.terms_of_reference, None, common)
    _values(session, orm.ExclusionRow, rows(review.exclusions, text=_a("text")))
    _values(
        session,
        orm.InterfaceRow,
        rows(review.interfaces, name=_a("name"), abbreviation=_a("abbreviation")),
    )
    _values(
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
        joining_link=_a("joining_link"),
        began=_a("began"),
        ended=_a("ended"),
        title_cy=_a("title_cy"),
        urgency=_a("urgency"),
    )
    insert_registers(session, [(meetings[m.key], m) for m in review.meetings])
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
    _insert_minutes_snapshots(session, review, meetings)

    placed = [(meetings[m.key], n, i) for m in review.meetings for n, i in enumerate(m.items)]
    items = _insert_keyed(
        session,
        orm.ItemRow,
        _rows(
            [i for _, _, i in placed],
            common,
            {"meeting_id": [p[0] for p in placed], "position": [p[1] for p in placed]},
            dict(
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
                standard=lambda i: None if i.standard is None else i.standard.value,
                title_cy=_a("title_cy"),
                public_title_cy=_a("public_title_cy"),
            ),
        ),
        review_id,
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
                "arrived_item_id": _ref(items, a.arrived),
                "left_item_id": _ref(items, a.left),
                "version": 1,
            }
            for m in review.meetings
            for n, a in enumerate(m.attendance)
        ],
    )
    insert_procedure(session, review, review_id, members, meetings, items)
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
    _insert_reports(session, review, review_id, items, evidence)
    kept = notes_closed_in_own_right(review).notes  # closed stays closed, whatever the file said
    created = [n.created for n in kept]
    notes = _insert_keyed(  # a review's most rows: each column in one comprehension
        session,
        orm.NoteRow,
        _rows(
            kept,
            common,
            {
                "position": range(len(kept)),
                "created_utc": [c.astimezone(UTC).replace(tzinfo=None) for c in created],
                "created_offset_minutes": [_offset_minutes(c) for c in created],
                "meeting_id": _refs(meetings, map(_a("meeting"), kept)),
                "item_id": _refs(items, map(_a("item"), kept)),
                "evidence_id": _refs(evidence, map(_a("evidence"), kept)),
            },
            {"key": _key, "text": _a("text"), "access": _v("access")},
        ),
        review_id,
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
        response_due=_a("response_due"),
        responded_on=_a("responded_on"),
        response_outcome=lambda r: None if r.response_outcome is None else r.response_outcome.value,
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
    insert_report(
        session,
        review.report,
        review_id,
        {
            "members": members,
            "meetings": meetings,
            "items": items,
            "notes": notes,
            "evidence": evidence,
            "recommendations": recommendations,
        },
    )
    audit.review_inserted(session, review_id)
    return review_id


FILE_BATCH_BYTES = 32 * 2**20


def _insert_reports(
    session: Session,
    review: Review,
    review_id: int,
    items: dict[str, int],
    evidence: dict[str, int],
) -> None:
    """The reports agenda items consider (version 7), a statement per report that holds
    its file (a report may be 20 MB) and one for the rest."""
    rows = [
        report_row(review_id, items[i.key], n, r, _ref(evidence, r.evidence))
        for m in review.meetings
        for i in m.items
        for n, r in enumerate(i.reports)
    ]
    for row in rows:
        if row["content"] is not None:
            _insert(session, orm.ItemReportRow, [row])
    _insert(session, orm.ItemReportRow, [r for r in rows if r["content"] is None])


def insert_item_reports(
    session: Session, review_id: int, reports: Sequence[tuple[int, Sequence[ItemReport]]]
) -> None:
    """Put back the reports of restored items (item id, its reports in order), as a
    delete took them away. A report that was a piece of evidence since deleted goes
    (deleting evidence removes the reports made of it)."""
    wanted = {r.evidence for _, rs in reports for r in rs if r.evidence is not None}
    evidence: dict[str, int] = {}
    if wanted:
        e = orm.EvidenceRow
        stmt = select(e.key, e.id).where(e.review_id == review_id, e.key.in_(wanted))
        evidence = {key: evidence_id for key, evidence_id in session.execute(stmt)}
    for item_id, rs in reports:
        kept = [r for r in rs if r.evidence is None or r.evidence in evidence]
        for n, r in enumerate(kept):
            ref = None if r.evidence is None else evidence[r.evidence]
            _insert(session, orm.ItemReportRow, [report_row(review_id, item_id, n, r, ref)])


def report_row(
    review_id: int, item_id: int, position: int, report: ItemReport, evidence_id: int | None
) -> dict[str, Any]:
    """The columns of a report's row (``evidence_id``: its evidence's id, if it is one)."""
    held = report.file
    return {
        "review_id": review_id,
        "item_id": item_id,
        "position": position,
        "key": report.key,
        "title": report.title,
        "late": report.late,
        "evidence_id": evidence_id,
        "name": None if held is None else held.name,
        "media_type": None if held is None else held.media_type,
        "size": None if held is None else held.size,
        "sha256": None if held is None else held.sha256,
        "content": None if held is None else held.content,
        "version": 1,
    }


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


_key: Callable[[Any], str] = attrgetter("key")


def _a(name: str) -> Callable[[Any], Any]:
    """Column value: the record's attribute of that name (attrgetter: in C, and a review
    has a few hundred thousand values to read)."""
    return attrgetter(name)


def _v(name: str) -> Callable[[Any], Any]:
    """Column value: the enumeration's value."""
    return attrgetter(f"{name}.value")


def _ref(ids: dict[str, int], key: str | None) -> int | None:
    return None if key is None else ids[key]


def _refs(ids: dict[str, int], keys: Iterable[str | None]) -> list[int | None]:
    """``_ref`` of each key."""
    return [None if key is None else ids[key] for key in keys]


def _insert_tor(
    session: Session, items: Sequence[TorItem], parent: int | None, common: dict[str, Any]
) -> dict[str, int]:
    """Insert a tree level by level (children need their parent's id)."""
    found = _insert_keyed(
        session,
        orm.TorRow,
        _rows(
            items,
            {**common, "parent_id": parent},
            {"position": range(len(items))},
            {"key": _key, "text": _a("text")},
        ),
        common["review_id"],
    )
    for item in items:
        found.update(_insert_tor(session, item.children, found[item.key], common))
    return found


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


# Reading ------------------------------------------------------------------------
