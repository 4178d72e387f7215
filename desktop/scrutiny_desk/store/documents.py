"""Reading a whole review document back from the tables (export, snapshots, views).

Every list comes back in its stored order with its keys, so the document that comes
out is the one store/review_insert.py wrote; the Overview reads only the review's head
and counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from ..domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    Country,
    EvidenceKind,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
    PaperLanguage,
    RecommendationStatus,
    ResponseOutcome,
    ReviewStatus,
)
from ..domain.errors import NotFoundError
from ..domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from ..domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Contact,
    Evidence,
    EvidenceFile,
    Exclusion,
    Interest,
    Interface,
    ItemReport,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    MonthDay,
    Note,
    ProgressUpdate,
    Recommendation,
    Resolution,
    Review,
    ReviewFigures,
    TorItem,
    Witness,
)
from ..domain.view_codec import MinutesSnapshot, snapshot_from_texts
from . import orm, procedure_reads, report_reads
from .review_report_rows import load_report

_AUDIT = frozenset({"updated_by", "updated_at", "version"})  # not review content


def _c(model: Any) -> Any:
    """The model's table's columns, by the model's attribute names: the whole review's
    read selects these plain columns, never the mapped attributes, so writing a review's
    file (a command of its own) neither configures the mappers nor compiles a statement
    through the ORM, some 25 ms of its process; its rows are the same."""
    return model.__table__.c


def _columns(model: Any) -> list[Any]:
    """The model's columns that hold review content (not who changed a row, nor its
    version counter)."""
    return [c for c in model.__table__.c if c.key not in _AUDIT]


def _rows(session: Session, model: Any, *where: Any, order_by: Sequence[Any] = ()) -> list[Any]:
    """The rows as plain named tuples (Core rows, attribute names as the model's): a
    review has tens of thousands, and ORM objects (identity map, instance state) cost
    several times as much to make, for nothing the reading does with them."""
    return list(_row_stream(session, model, *where, order_by=order_by))


def _row_stream(
    session: Session, model: Any, *where: Any, order_by: Sequence[Any] = ()
) -> Iterator[Any]:
    """``_rows`` as they are read: none held once used."""
    stmt = select(*_columns(model)).where(*where).order_by(*order_by)
    return iter(session.connection().execute(stmt))


def _linked(
    session: Session,
    model: Any,
    owner: str,
    target: Any,
    owners: Select[Any],
    names: dict[int, str],
) -> dict[int, tuple[str, ...]]:
    """owner id -> keys of its linked rows, in stored order; ``owners`` selects the ids
    of the review's owning rows (a subquery: no list of 100,000 note ids to send)."""
    column = getattr(_c(model), owner)
    stmt = select(column, target).where(column.in_(owners)).order_by(column, _c(model).position)
    return {
        owner_id: tuple(names[target_id] for _, target_id in links)
        for owner_id, links in groupby(session.connection().execute(stmt), key=itemgetter(0))
    }


def agenda_item(
    row: Any,
    witnesses: Sequence[str],
    tor: Sequence[str],
    resolutions: Sequence[Resolution] = (),
    reports: Sequence[ItemReport] = (),
) -> AgendaItem:
    """An agenda item from its row of the items table, the keys of its witnesses and
    terms of reference and its resolutions (the whole review's read and one meeting's
    make them alike)."""
    return AgendaItem(
        key=row.key,
        title=row.title,
        kind=ItemKind(row.kind),
        access=Access(row.access),
        closed_reason=row.closed_reason,
        public_title=row.public_title,
        exemption=row.exemption,
        start=row.start,
        end=row.end,
        witnesses=tuple(witnesses),
        tor=tuple(tor),
        minute=row.minute,
        resolutions=tuple(resolutions),
        standard=procedure_reads.standard_item(row.standard),
        title_cy=row.title_cy,
        public_title_cy=row.public_title_cy,
        reports=tuple(reports),
    )


def load_review(session: Session, review_id: int) -> Review:
    """The whole review as a document, every list in stored order."""
    review, notes, _ = _load(session, review_id, stream_notes=False)
    return replace(review, notes=tuple(notes))  # a tuple already: not copied


def load_review_streaming(
    session: Session, review_id: int
) -> tuple[Review, Iterator[Evidence], Iterable[Note]]:
    """``load_review`` with its evidence and notes left out, and those lists ("evidence",
    "notes"), in stored order, each record made as its row is read while ``session``
    stays open: the review file is written from these. A review may hold 100,000
    notes and hundreds of MB of files: never all in memory at once."""
    review, notes, evidence_ids = _load(session, review_id, stream_notes=True)
    evidence = _with_files(
        session, review_id, list(zip(evidence_ids, review.evidence, strict=True))
    )
    return replace(review, evidence=()), evidence, notes


def _load(
    session: Session, review_id: int, *, stream_notes: bool
) -> tuple[Review, Iterable[Note], list[int]]:
    """The review without its notes; its notes (streamed: as they are read, else a
    tuple); the ids of its evidence, in order."""
    head = _c(orm.ReviewRow)
    r = session.connection().execute(select(*head).where(head.id == review_id)).first()
    if r is None:
        raise NotFoundError(f"There is no review with id {review_id}")

    def of(model: Any) -> list[Any]:
        c = _c(model)
        return _rows(session, model, c.review_id == review_id, order_by=(c.position, c.id))

    def of_review(model: Any) -> Select[Any]:
        c = _c(model)
        return select(c.id).where(c.review_id == review_id)

    members = of(orm.MemberRow)
    member_keys = {m.id: m.key for m in members}
    tor_rows = of(orm.TorRow)
    tor_keys = {t.id: t.key for t in tor_rows}
    witnesses = of(orm.WitnessRow)
    witness_keys = {w.id: w.key for w in witnesses}
    meetings = of(orm.MeetingRow)
    meeting_keys = {m.id: m.key for m in meetings}
    item = orm.ItemRow.__table__.c
    item_keys: dict[int, str] = {
        item_id: key
        for item_id, key in session.connection().execute(
            select(item.id, item.key).where(item.review_id == review_id)
        )
    }  # the rows themselves are read once their links are: each made into its item at once
    item_witnesses = _linked(
        session,
        orm.ItemWitness,
        "item_id",
        _c(orm.ItemWitness).witness_id,
        of_review(orm.ItemRow),
        witness_keys,
    )
    item_tor = _linked(
        session, orm.ItemTor, "item_id", _c(orm.ItemTor).tor_id, of_review(orm.ItemRow), tor_keys
    )
    attendance: dict[int, list[Attendance]] = defaultdict(list)

    def key(names: dict[int, str], value: int | None) -> str | None:
        return None if value is None else names[value]

    if meetings:
        for a in _rows(
            session,
            orm.AttendanceRow,
            _c(orm.AttendanceRow).meeting_id.in_(of_review(orm.MeetingRow)),
            order_by=(_c(orm.AttendanceRow).meeting_id, _c(orm.AttendanceRow).position),
        ):
            attendance[a.meeting_id].append(
                Attendance(
                    member_keys[a.member_id],
                    AttendanceStatus(a.status),
                    key(item_keys, a.arrived_item_id),
                    key(item_keys, a.left_item_id),
                )
            )
    resolutions = procedure_reads.resolutions(session, of_review(orm.ItemRow)) if item_keys else {}
    attendees = procedure_reads.attendees(session, of_review(orm.MeetingRow)) if meetings else {}
    declared = procedure_reads.declarations(session, of_review(orm.MeetingRow)) if meetings else {}
    reports = report_reads.reports(session, of_review(orm.ItemRow)) if item_keys else {}
    items_by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    item_rows = _row_stream(
        session,
        orm.ItemRow,
        _c(orm.ItemRow).review_id == review_id,
        order_by=(_c(orm.ItemRow).position, _c(orm.ItemRow).id),
    )
    for i in item_rows:
        items_by_meeting[i.meeting_id].append(
            agenda_item(
                i,
                item_witnesses.get(i.id, ()),
                item_tor.get(i.id, ()),
                resolutions.get(i.id, ()),
                reports.get(i.id, ()),
            )
        )
    evidence = of(orm.EvidenceRow)
    evidence_keys = {e.id: e.key for e in evidence}
    evidence_tor = _linked(
        session,
        orm.EvidenceTor,
        "evidence_id",
        _c(orm.EvidenceTor).tor_id,
        of_review(orm.EvidenceRow),
        tor_keys,
    )
    # streamed, the files are read as their evidence is written: a review's files may
    # be hundreds of MB
    files = {} if stream_notes else _files(session, of_review(orm.EvidenceRow))
    note_keys: dict[int, str] = {}
    if stream_notes:  # the notes the recommendations and the report cite, before them
        n, cited = orm.NoteRow.__table__.c, _c(orm.RecommendationNote).note_id
        stmt = select(n.id, n.key).where(
            n.review_id == review_id,
            n.id.in_(select(cited).union(select(_c(orm.ParagraphNote).note_id))),
        )
        note_keys.update((note_id, key) for note_id, key in session.connection().execute(stmt))

    notes: Iterator[Note] | tuple[Note, ...] = _notes(
        session,
        review_id,
        note_keys,
        (tor_keys, witness_keys),
        (meeting_keys, item_keys, evidence_keys),
    )
    if not stream_notes:
        notes = tuple(notes)  # fills note_keys, which recommendations and the report cite
    recs = of(orm.RecommendationRow)
    rec_tor = _linked(
        session,
        orm.RecommendationTor,
        "recommendation_id",
        _c(orm.RecommendationTor).tor_id,
        of_review(orm.RecommendationRow),
        tor_keys,
    )
    rec_notes = _linked(
        session,
        orm.RecommendationNote,
        "recommendation_id",
        _c(orm.RecommendationNote).note_id,
        of_review(orm.RecommendationRow),
        note_keys,
    )
    progress: dict[int, list[ProgressUpdate]] = defaultdict(list)
    if recs:
        for pr in _rows(
            session,
            orm.ProgressRow,
            _c(orm.ProgressRow).recommendation_id.in_(of_review(orm.RecommendationRow)),
            order_by=(_c(orm.ProgressRow).recommendation_id, _c(orm.ProgressRow).position),
        ):
            progress[pr.recommendation_id].append(ProgressUpdate(pr.date, pr.text))

    names = {
        "members": member_keys,
        "meetings": meeting_keys,
        "items": item_keys,
        "notes": note_keys,
        "evidence": evidence_keys,
        "recommendations": {x.id: x.key for x in recs},
    }
    issued = registers(session, of_review(orm.MeetingRow)) if meetings else {}
    history: dict[int, list[MinutesHistoryEntry]] = defaultdict(list)
    approved: dict[int, MinutesSnapshot] = {}  # meeting id -> its approved minutes
    set_aside: dict[int, MinutesSnapshot] = {}  # history id -> what a reopening set aside
    if meetings:
        for kept in _rows(
            session,
            orm.MinutesSnapshotRow,
            _c(orm.MinutesSnapshotRow).meeting_id.in_(of_review(orm.MeetingRow)),
        ):
            snapshot = snapshot_from_texts(kept.public, kept.panel)
            if kept.history_id is None:
                approved[kept.meeting_id] = snapshot
            else:
                set_aside[kept.history_id] = snapshot
        for h in _rows(
            session,
            orm.MinutesHistoryRow,
            _c(orm.MinutesHistoryRow).meeting_id.in_(of_review(orm.MeetingRow)),
            order_by=(_c(orm.MinutesHistoryRow).meeting_id, _c(orm.MinutesHistoryRow).position),
        ):
            history[h.meeting_id].append(
                MinutesHistoryEntry(
                    at=_aware(h.at_utc, h.at_offset_minutes),
                    by=h.by,
                    event=MinutesEvent(h.event),
                    note=h.note,
                    snapshot=set_aside.get(h.id),
                )
            )

    review = replace(
        _head(r, members, tor_rows, of, procedure_reads.interests(session, review_id)),
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
                minutes_history=tuple(history.get(m.id, ())),
                minutes_snapshot=approved.get(m.id),
                joining_link=m.joining_link,
                issued=issued.get(m.id, ()),
                began=m.began,
                ended=m.ended,
                attendees=attendees.get(m.id, ()),
                declarations=declared.get(m.id, ()),
                title_cy=m.title_cy,
                urgency=m.urgency,
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
                response_due=x.response_due,
                responded_on=x.responded_on,
                response_outcome=None
                if x.response_outcome is None
                else ResponseOutcome(x.response_outcome),
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
        report=load_report(session, review_id, names),
    )
    return review, notes, [e.id for e in evidence]


def _head(
    r: Any, members: list[Any], tor_rows: list[Any], of: Any, interests: tuple[Interest, ...]
) -> Review:
    """The review's own fields and short lists; its long lists left empty."""
    from .review_insert import CONTACT_FIELDS  # not the rest of what an import writes with

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
        web_page=r.web_page,
        calendar_public_titles=r.calendar_public_titles,
        quorum=r.quorum,
        minute_numbers=r.minute_numbers,
        year_start=MonthDay(r.year_start_month, r.year_start_day),
        interests=interests,
        language=PaperLanguage(r.language),
        country=Country(r.country),
        retention_until=r.retention_until,
        privacy_notice=r.privacy_notice,
    )


def registers(
    session: Session, meeting_ids: Select[Any] | Sequence[int]
) -> dict[int, tuple[CalendarIssue, ...]]:
    """meeting id -> its invitation register, oldest first, each issue's recipients in
    the order they were issued to (``meeting_ids`` selects the meetings)."""
    issue, to = _c(orm.CalendarIssueRow), _c(orm.CalendarRecipientRow)
    recipients: dict[int, list[IssuedTo]] = defaultdict(list)
    for issue_id, person, key, name, email in session.connection().execute(
        select(to.issue_id, to.person, to.person_key, to.name, to.email)
        .where(to.issue_id.in_(select(issue.id).where(issue.meeting_id.in_(meeting_ids))))
        .order_by(to.issue_id, to.position, to.id)
    ):
        recipients[issue_id].append(IssuedTo(PersonKind(person), key, name, email))
    found: dict[int, list[CalendarIssue]] = defaultdict(list)
    for i in session.connection().execute(
        select(*_columns(orm.CalendarIssueRow))
        .where(issue.meeting_id.in_(meeting_ids))
        .order_by(issue.meeting_id, issue.position, issue.id)
    ):
        found[i.meeting_id].append(
            CalendarIssue(
                at=_aware(i.at_utc, i.at_offset_minutes),
                by=i.by,
                kind=IssueKind(i.kind),
                uid=i.uid,
                sequence=i.sequence,
                recipients=tuple(recipients.get(i.id, ())),
                reason=i.reason,
            )
        )
    return {meeting_id: tuple(issues) for meeting_id, issues in found.items()}


def _notes(
    session: Session,
    review_id: int,
    keys: dict[int, str],
    linked: tuple[dict[int, str], dict[int, str]],
    names: tuple[dict[int, str], dict[int, str], dict[int, str]],
) -> Iterator[Note]:
    """The review's notes, each made as its row is read (a review may hold 100,000: no
    list of rows beside the notes, nor a map of their links); ``keys`` receives note
    id -> key as they are. Read when the first note is asked for: the notes, their
    terms of reference and their witnesses (``linked``: id -> key of each) in three
    statements read side by side, all in the notes' stored order."""
    tor = _NoteLinks(session, review_id, orm.NoteTor, _c(orm.NoteTor).tor_id, linked[0])
    witnesses = _NoteLinks(
        session, review_id, orm.NoteWitness, _c(orm.NoteWitness).witness_id, linked[1]
    )
    meetings, items, evidence = names
    note = _c(orm.NoteRow)
    stmt = (
        select(
            note.id,
            note.key,
            note.text,
            note.created_utc,
            note.created_offset_minutes,
            note.meeting_id,
            note.item_id,
            note.evidence_id,
            note.access,
        )
        .where(note.review_id == review_id)
        .order_by(note.position, note.id)
    )

    none: tuple[str, ...] = ()
    for row in session.connection().execute(stmt):
        note_id, key, text, created, offset, meeting_id, item_id, evidence_id, access = row
        keys[note_id] = key
        yield Note(
            key,
            text,
            _aware(created, offset),
            tor.of(note_id) if tor.next_id == note_id else none,
            None if meeting_id is None else meetings[meeting_id],
            None if item_id is None else items[item_id],
            witnesses.of(note_id) if witnesses.next_id == note_id else none,
            None if evidence_id is None else evidence[evidence_id],
            _ACCESS[access],
        )


class _NoteLinks:
    """The keys a review's notes link to through ``model``, note by note in the notes'
    stored order: ``next_id``, the next note with links; ``of(it)`` its keys."""

    def __init__(
        self, session: Session, review_id: int, model: Any, target: Any, names: dict[int, str]
    ) -> None:
        note, link = orm.NoteRow.__table__, _c(model)
        stmt = (
            select(link.note_id, target)
            .join(note, note.c.id == link.note_id)
            .where(note.c.review_id == review_id)
            .order_by(note.c.position, note.c.id, link.position)
        )
        self.names = names
        self.groups = groupby(session.connection().execute(stmt), key=itemgetter(0))
        self.next_id: int | None = None
        self.links: Iterator[Any] = iter(())
        self._advance()

    def _advance(self) -> None:
        self.next_id, self.links = next(self.groups, (None, iter(())))

    def of(self, note_id: int) -> tuple[str, ...]:
        names = self.names
        found = tuple(names[target_id] for _, target_id in self.links)
        self._advance()
        return found


def load_review_head(session: Session, review_id: int) -> Review:
    """The review's own details, panel, terms of reference, exclusions, interfaces,
    milestones and register of interests: what the Overview shows, without the
    meetings, notes and evidence a busy review holds by the hundred thousand (those
    lists are left empty)."""
    r = session.get(orm.ReviewRow, review_id)
    if r is None:
        raise NotFoundError(f"There is no review with id {review_id}")

    def of(model: Any) -> list[Any]:
        return _rows(
            session, model, model.review_id == review_id, order_by=(model.position, model.id)
        )

    return _head(
        r, of(orm.MemberRow), of(orm.TorRow), of, procedure_reads.interests(session, review_id)
    )


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


def _with_files(
    session: Session, review_id: int, evidence: list[tuple[int, Evidence]]
) -> Iterator[Evidence]:
    """The review's evidence (id, record, in stored order), each with its attached file
    read as it is reached: one file in memory at a time. (One statement per file: one
    for all, in the evidence's order, had the database sort every file's bytes.)"""
    table, owner = orm.EvidenceFile.__table__.c, _c(orm.EvidenceRow)
    ids = select(owner.id).where(owner.review_id == review_id)
    having = set(
        session.connection()
        .execute(select(table.evidence_id).where(table.evidence_id.in_(ids)))
        .scalars()
    )
    one = select(table.name, table.media_type, table.content).where(
        table.evidence_id == bindparam("evidence_id")
    )
    for evidence_id, e in evidence:
        if evidence_id in having:
            name, media_type, content = (
                session.connection().execute(one, {"evidence_id": evidence_id}).one()
            )
            yield replace(e, file=EvidenceFile(name, media_type, bytes(content)))
        else:
            yield e


def _files(session: Session, evidence_ids: Select[Any]) -> dict[int, EvidenceFile]:
    """evidence id -> its attached file (``evidence_ids`` selects the review's)."""
    table = orm.EvidenceFile
    stmt = select(table.evidence_id, table.name, table.media_type, table.content).where(
        table.evidence_id.in_(evidence_ids)
    )
    return {
        evidence_id: EvidenceFile(name, media_type, bytes(content))
        for evidence_id, name, media_type, content in session.connection().execute(stmt)
    }


_ACCESS = {a.value: a for a in Access}  # a dictionary look-up: Access(value) is slower


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(_zone(offset_minutes))


@cache
def _zone(offset_minutes: int) -> timezone:
    """One fixed-offset zone per offset, not one per note."""
    return timezone(timedelta(minutes=offset_minutes))


def _tor_tree(rows: Sequence[Any]) -> tuple[TorItem, ...]:
    children: dict[int | None, list[Any]] = defaultdict(list)
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
