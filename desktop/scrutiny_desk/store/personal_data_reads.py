"""Reading what a review holds about a person (``domain.personal_data_records``).

The data subjects are the witness register's rows and the meeting attendees (one
person per name, ignoring case and spaces, across the review's meetings). What is held
about one is read from the rows that name them by id or key: the invitation register's
recipients, the items a witness is heard under, the notes and evidence linked to a
witness, approved minutes snapshots and frozen report versions whose text names them.
Free text the search index does not cover (report paragraphs, comments and
amendments, evidence sources) is scanned here with the search's own definition of a
match (``domain.search_text.matches``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.enums import Access, MinutesStatus
from ..domain.errors import NotFoundError
from ..domain.personal_data_records import (
    ApprovedMinutesHeld,
    DataSubject,
    HeldField,
    HeldInvitation,
    HeldItem,
    HeldRecord,
    Mention,
    RetentionState,
    SubjectKind,
    is_neutral_label,
)
from ..domain.search_text import matches, query_words, snippet
from . import orm
from .queries import get_review_row

_ATTENDEE_KINDS = {
    "substitute": SubjectKind.SUBSTITUTE,
    "officer": SubjectKind.OFFICER,
    "also-present": SubjectKind.ALSO_PRESENT,
}


def _same(name: str) -> str:
    return " ".join(name.split()).casefold()


def subjects(session: Session, review_id: int) -> list[DataSubject]:
    """The review's data subjects with the neutral label each has or would get."""
    get_review_row(session, review_id)
    w, a, m = orm.WitnessRow, orm.AttendeeRow, orm.MeetingRow
    witnesses = session.execute(
        select(w).where(w.review_id == review_id).order_by(w.position, w.id)
    ).scalars()
    attendees = session.execute(
        select(a)
        .join(m, m.id == a.meeting_id)
        .where(a.review_id == review_id)
        .order_by(m.start, m.id, a.position, a.id)
    ).scalars()
    found: list[DataSubject] = []
    used = set()
    people: list[tuple[SubjectKind, Any, list[int]]] = []
    for witness in witnesses:
        people.append((SubjectKind.WITNESS, witness, [witness.id]))
    by_name: dict[str, tuple[SubjectKind, Any, list[int]]] = {}
    for attendee in attendees:
        same = by_name.get(_same(attendee.name))
        if same is None:
            entry = (_ATTENDEE_KINDS[attendee.kind], attendee, [attendee.id])
            by_name[_same(attendee.name)] = entry
            people.append(entry)
        else:
            same[2].append(attendee.id)
    for _kind, row, _ids in people:
        if is_neutral_label(row.name):
            used.add(_same(row.name))
    counts: dict[SubjectKind, int] = {}
    for kind, row, ids in people:
        counts[kind] = counts.get(kind, 0) + 1
        erased = is_neutral_label(row.name)
        if erased:
            label = row.name
        else:
            number = row.position + 1 if kind is SubjectKind.WITNESS else counts[kind]
            while _same(f"{kind.label} {number}") in used:
                number += 1
            label = f"{kind.label} {number}"
            used.add(_same(label))
        found.append(
            DataSubject(
                kind=kind,
                key=row.key,
                id=row.id,
                name=row.name,
                role=row.role,
                organisation=getattr(row, "organisation", None),
                email=row.email,
                label=label,
                erased=erased,
                row_ids=tuple(ids),
            )
        )
    return found


def subject(session: Session, review_id: int, person: DataSubject | str | int) -> DataSubject:
    """One data subject by key or id (or a record read earlier, read again)."""
    everyone = subjects(session, review_id)
    if isinstance(person, DataSubject):
        wanted: str | int = person.key
        kind: SubjectKind | None = person.kind
    else:
        wanted, kind = person, None
    for s in everyone:
        if kind is not None and (s.kind is SubjectKind.WITNESS) != (kind is SubjectKind.WITNESS):
            continue
        if isinstance(wanted, int) and not isinstance(wanted, bool):
            if wanted == s.id or wanted in s.row_ids:
                return s
        elif wanted == s.key:
            return s
    if isinstance(person, DataSubject) or isinstance(wanted, str):
        rows = session.execute(
            select(orm.AttendeeRow.name).where(
                orm.AttendeeRow.review_id == review_id, orm.AttendeeRow.key == str(wanted)
            )
        ).scalar()
        if rows is not None:  # a later meeting's row of someone listed by their first
            for s in everyone:
                if s.kind is not SubjectKind.WITNESS and _same(s.name) == _same(rows):
                    return s
    raise NotFoundError(f'Review {review_id} has no witness or attendee "{wanted}"')


def fields(session: Session, person: DataSubject) -> tuple[HeldField, ...]:
    """The person's own fields, as stored."""
    out = [HeldField("name", person.name)]
    out += [
        HeldField(name, value)
        for name, value in (
            ("role", person.role),
            ("organisation", person.organisation),
            ("email", person.email),
        )
        if value
    ]
    if person.kind is SubjectKind.WITNESS:
        row = session.get(orm.WitnessRow, person.id)
        assert row is not None
        out.append(HeldField("invitation", row.invitation))
        out.append(
            HeldField("private", "asked to give evidence in private" if row.private else "no")
        )
    else:
        a, m = orm.AttendeeRow, orm.MeetingRow
        for kind, title, start in session.execute(
            select(a.kind, m.title, m.start)
            .join(m, m.id == a.meeting_id)
            .where(a.id.in_(person.row_ids))
            .order_by(m.start)
        ):
            out.append(HeldField("attended", f"{start:%d %B %Y}, {title}, as {kind}"))
    return tuple(out)


def invitations(
    session: Session, review_id: int, person: DataSubject
) -> tuple[HeldInvitation, ...]:
    """The invitation register's entries that went to the person (by their key)."""
    i, r, m = orm.CalendarIssueRow, orm.CalendarRecipientRow, orm.MeetingRow
    keys = _keys(session, person)
    person_kind = "witness" if person.kind is SubjectKind.WITNESS else "attendee"
    rows = session.execute(
        select(
            m.key, m.title, m.start, i.at_utc, i.at_offset_minutes, i.by, i.kind, r.name, r.email
        )
        .join(i, i.id == r.issue_id)
        .join(m, m.id == i.meeting_id)
        .where(m.review_id == review_id, r.person == person_kind, r.person_key.in_(keys))
        .order_by(m.start, i.position, r.position)
    )
    return tuple(
        HeldInvitation(
            key,
            title,
            start,
            at.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset))),
            by,
            kind,
            name,
            email,
        )
        for key, title, start, at, offset, by, kind, name, email in rows
    )


def _keys(session: Session, person: DataSubject) -> list[str]:
    if person.kind is SubjectKind.WITNESS:
        return [person.key]
    a = orm.AttendeeRow
    return list(session.execute(select(a.key).where(a.id.in_(person.row_ids))).scalars())


def items(session: Session, person: DataSubject) -> tuple[HeldItem, ...]:
    """The items a witness is heard under, or the meetings an attendee was at."""
    m, i, iw, a = orm.MeetingRow, orm.ItemRow, orm.ItemWitness, orm.AttendeeRow
    approved = m.minutes_status == MinutesStatus.APPROVED.value
    if person.kind is SubjectKind.WITNESS:
        rows = session.execute(
            select(m.key, m.title, m.start, i.key, i.title, i.access, approved)
            .join(i, i.meeting_id == m.id)
            .join(iw, iw.item_id == i.id)
            .where(iw.witness_id == person.id)
            .order_by(m.start, i.position)
        )
        return tuple(
            HeldItem(mk, mt, ms, ik, it, acc == Access.CLOSED.value, bool(ok))
            for mk, mt, ms, ik, it, acc, ok in rows
        )
    meetings = session.execute(
        select(m.key, m.title, m.start, approved)
        .join(a, a.meeting_id == m.id)
        .where(a.id.in_(person.row_ids))
        .order_by(m.start)
    )
    return tuple(HeldItem(mk, mt, ms, None, None, False, bool(ok)) for mk, mt, ms, ok in meetings)


def linked_records(session: Session, person: DataSubject) -> tuple[tuple[HeldRecord, ...], ...]:
    """The notes attributed to a witness and the evidence they submitted."""
    if person.kind is not SubjectKind.WITNESS:
        return (), ()
    n, nw, e = orm.NoteRow, orm.NoteWitness, orm.EvidenceRow
    notes = session.execute(
        select(n.id, n.key, n.text, n.access)
        .join(nw, nw.note_id == n.id)
        .where(nw.witness_id == person.id)
        .order_by(n.position)
    )
    evidence = session.execute(
        select(e.id, e.key, e.title, e.access).where(e.witness_id == person.id).order_by(e.position)
    )
    closed = Access.CLOSED.value
    return (
        tuple(HeldRecord("note", k, i, t, acc == closed) for i, k, t, acc in notes),
        tuple(HeldRecord("evidence", k, i, t, acc == closed) for i, k, t, acc in evidence),
    )


def approved_item_ids(session: Session, review_id: int) -> set[int]:
    """The agenda items of meetings whose minutes are approved."""
    i, m = orm.ItemRow, orm.MeetingRow
    return set(
        session.execute(
            select(i.id)
            .join(m, m.id == i.meeting_id)
            .where(i.review_id == review_id, m.minutes_status == MinutesStatus.APPROVED.value)
        ).scalars()
    )


def unindexed_mentions(session: Session, review_id: int, name: str) -> list[Mention]:
    """Mentions of ``name`` in free text the search index leaves out: report paragraphs,
    panel comments and agreed amendments, and the source of evidence."""
    words = query_words(name)
    if not words:
        return []
    p, c, k, e = (
        orm.ReportParagraphRow,
        orm.ReportCommentRow,
        orm.ReportConsiderationRow,
        orm.EvidenceRow,
    )
    found: list[Mention] = []
    sources = (
        ("paragraph", "Report paragraph", select(p.id, p.key, p.text), p),
        ("comment", "Comment on paragraph", select(c.id, c.paragraph_key, c.text), c),
        ("amendment", "Amendment to paragraph", select(k.id, k.paragraph_key, k.amendment), k),
        ("evidence-source", "Source of evidence", select(e.id, e.key, e.source), e),
    )
    for kind, where, query, table in sources:
        query = query.where(table.review_id == review_id).order_by(table.position)
        for row_id, key, text in session.execute(query):
            if text and matches(text, words):
                found.append(
                    Mention(kind, key, row_id, f"{where} {key}", snippet(text, words).text)
                )
    return found


def approved_minutes(
    session: Session, review_id: int, person: DataSubject
) -> tuple[ApprovedMinutesHeld, ...]:
    """Meetings whose approved minutes (kept as approved, or set aside by a reopening)
    name the person: by name, or, for a witness, on an item they were heard under."""
    m, s = orm.MeetingRow, orm.MinutesSnapshotRow
    rows = session.execute(
        select(m.id, m.key, m.title, m.start, m.minutes_approved_on, s.public, s.panel)
        .join(s, s.meeting_id == m.id)
        .where(m.review_id == review_id)
        .order_by(m.start, s.id)
    )
    out: dict[int, ApprovedMinutesHeld] = {}
    for mid, key, title, start, on, public, panel in rows:
        if mid not in out and (names_in(public, person.name) or names_in(panel, person.name)):
            out[mid] = ApprovedMinutesHeld(mid, key, title, start, on)
    return tuple(out.values())


def report_versions(session: Session, review_id: int, person: DataSubject) -> tuple[str, ...]:
    """The numbers of the frozen report versions whose content names the person."""
    v = orm.ReportVersionRow
    rows = session.execute(
        select(v.number, v.content).where(v.review_id == review_id).order_by(v.position)
    )
    return tuple(number for number, content in rows if names_in(content, person.name))


def names_in(content: str, name: str) -> bool:
    """Whether any text of a JSON document contains ``name`` (ignoring case)."""
    wanted = _same(name)
    return bool(wanted) and any(wanted in _same(text) for text in _texts(json.loads(content)))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def retention(session: Session, review_id: int) -> RetentionState:
    row = get_review_row(session, review_id)
    return _retention(row)


def _retention(row: orm.ReviewRow) -> RetentionState:
    return RetentionState(
        row.id, row.title, row.status, row.retention_until, row.retention_until, row.version
    )


def every_retention(session: Session) -> list[RetentionState]:
    """Every review's retention, by title."""
    r = orm.ReviewRow
    return [_retention(row) for row in session.execute(select(r).order_by(r.title, r.id)).scalars()]
