"""One meeting's review, cut down to what that meeting's papers print.

An agenda, minutes or invitation prints one meeting: its items, the witnesses and
terms of reference on them, its attendance and actions, and the review's own details
(title, body, time zone, contact, panel, terms of reference, exclusion wording), and
its procedural record (attendees, declarations, resolutions and votes, the register
of interests, the review's quorum and minute numbering).
Reading the whole review for that (``documents.load_review``: every note, every
evidence file's bytes, every other meeting's items) made a paper cost what the review
holds; this reads only the meeting's rows, by the indexes on their meeting, so a paper
costs what its meeting holds.

The ``Review`` it returns holds that meeting alone, the witnesses on its items and
those who asked to give evidence in private (whom ``publishing.private_witnesses_named``
looks for, also in approved minutes kept as they printed), and the meeting's actions;
its notes, evidence, recommendations and other meetings are left empty, and the
meeting's minutes history, kept minutes and invitation register are not read (minutes
print kept minutes from ``kept_minutes``; the register has reads of its own). Minute
numbers need the review's other meetings only as far as how many items each has, and
only those of the meeting's municipal year before it: their counts give
``first_minute``. ``publishing`` builds the same views from it as from the whole review
(tests/services/test_meeting_papers.py).

A paper is printed often and its meeting is small, so what a read costs is mostly its
statements (building, compiling and, on PostgreSQL, a round trip each), not their rows:
the meeting and its review's details are one row, saying which parts of its record the
meeting has; the lists every paper prints are one statement (``meeting_lists``); each
other part is read only when the meeting has it (``meeting_record_reads``). Every
statement is built once, at import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, bindparam, exists, or_, select
from sqlalchemy.orm import Session, aliased

from ..domain.enums import (
    Access,
    AttendanceStatus,
    AttendeeKind,
    Country,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    PaperLanguage,
    ReviewStatus,
)
from ..domain.errors import NotFoundError
from ..domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from ..domain.procedure import first_minute
from ..domain.records import (
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Interest,
    Meeting,
    Member,
    MonthDay,
    ReportConsideration,
    ReportVersion,
    Review,
    ReviewReport,
    TorItem,
    Witness,
    WitnessSummary,
)
from ..domain.view_codec import MinutesSnapshot, snapshot_from_texts
from . import meeting_lists, meeting_record_reads, orm, pg_driver, report_version_edits
from .documents import agenda_item
from .review_insert import CONTACT_FIELDS

if TYPE_CHECKING:
    from .db import Database


@dataclass(frozen=True)
class MeetingPapers:
    """A meeting's id, review id and key, its review cut down to it, and the number of
    its first minute in its municipal year (``procedure.first_minute`` over the
    review's other meetings that take place)."""

    meeting_id: int
    review_id: int
    key: str
    review: Review
    first_minute: int

    @property
    def meeting(self) -> Meeting:
        return self.review.meetings[0]


def meeting_papers(session: Session, meeting_id: int) -> MeetingPapers:
    """What the meeting's papers print, read for that meeting alone: the meeting with
    its review's details and whether it has each part of its record that many meetings
    lack (one row), the lists every paper prints (one statement: ``meeting_lists``),
    and each other part the meeting has (a statement each: ``meeting_record_reads``)."""
    con = session.connection()

    def run(statement: Any, params: Mapping[str, Any]) -> Sequence[Any]:
        return con.execute(statement, params).all()

    at = {"meeting": meeting_id}
    found = run(_PAPERS, at)
    if not found:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    row = found[0]
    year_start = MonthDay(row.r_year_start_month, row.r_year_start_day)
    lists = meeting_lists.LISTS_PG if con.dialect.name == "postgresql" else meeting_lists.LISTS
    params = meeting_lists.lists_params(meeting_id, row.review_id, row.start, year_start)
    return _papers(
        run,
        found,
        run(lists, params),
        meeting_id,
        lambda: report_version_edits.meeting_decisions(session, meeting_id),
    )


def read_papers(
    db: Database, meeting_id: int, *, kept: bool = False
) -> tuple[MeetingPapers, MinutesSnapshot | None]:
    """The meeting's papers (``meeting_papers``) and, with ``kept``, its approved
    minutes as they were kept (``kept_minutes``), read at once: on PostgreSQL through
    the driver on a pooled connection, without a session (``pg_driver``: a session and
    SQLAlchemy's work on each statement cost more than a small meeting's rows), else in
    a reading session. The same records either way (tests/store/test_read_papers.py)."""
    if db.dialect != "postgresql":
        with db.reading() as session:
            papers = meeting_papers(session, meeting_id)
            return papers, kept_minutes(session, meeting_id) if kept else None

    def decisions() -> tuple[tuple[ReportVersion, ...], tuple[ReportConsideration, ...]]:
        with db.reading() as session:  # the rare minutes that decided on the report
            return report_version_edits.meeting_decisions(session, meeting_id)

    at = {"meeting": meeting_id}
    with pg_driver.reader(db) as reader:
        # the meeting's row, its lists (and its kept minutes) in one trip to the server
        found = reader.together(
            (_PAPERS, at, True),
            (meeting_lists.LISTS_BY_MEETING, at, False),
            *(((_KEPT, at, True),) if kept else ()),
        )
        run = _sent_together(reader, found[0][0], meeting_id) if found[0] else reader.named
        papers = _papers(run, found[0], found[1], meeting_id, decisions)
        if not kept or not found[2]:
            return papers, None
        row = found[2][0]
        return papers, snapshot_from_texts(row.public, row.panel)


def _sent_together(reader: pg_driver.Reader, row: Any, meeting_id: int) -> meeting_record_reads.Run:
    """Runs each statement for the rarer parts the meeting has (``row``: its
    ``_PAPERS`` row says which) from their rows, read at once (one trip to the server
    for all), first; any other through ``reader``."""
    at = {"meeting": meeting_id}
    wanted = [
        *meeting_record_reads.statements(
            meeting_id,
            row.review_id,
            reports=row.has_reports,
            resolutions=row.has_resolutions,
            declarations=row.has_declarations,
            interests=row.has_interests,
        ),
        *(((_ATTENDANCE, at),) if row.has_attendance else ()),
        *(((_ATTENDEES, at),) if row.has_attendees else ()),
    ]
    found = reader.together(*((statement, params, True) for statement, params in wanted))
    fetched = {id(st): rows for (st, _), rows in zip(wanted, found, strict=True)}

    def run(statement: Any, params: Mapping[str, Any]) -> Sequence[Any]:
        rows = fetched.get(id(statement))
        return reader.named(statement, params) if rows is None else rows

    return run


def _papers(
    run: meeting_record_reads.Run,
    found: Sequence[Any],
    listed: Sequence[Any],
    meeting_id: int,
    decided: Callable[[], tuple[tuple[ReportVersion, ...], tuple[ReportConsideration, ...]]],
) -> MeetingPapers:
    """``meeting_papers`` from what was read first (``found``: the meeting's row, by
    ``_PAPERS``, none if there is no such meeting; ``listed``: the lists' rows, by
    ``meeting_lists``), the rarer parts read by ``run`` (rows whose columns go by their
    labels), what the meeting decided on the review's report by ``decided``."""
    if not found:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    row = found[0]
    at = {"meeting": meeting_id}
    review_id = row.review_id
    details = {name: getattr(row, f"r_{name}") for name in _REVIEW_COLUMNS}
    year_start = MonthDay(details["year_start_month"], details["year_start_day"])
    lists = meeting_lists.lists_from(listed, row.key)
    reports, by_evidence = (
        meeting_record_reads.reports(run, meeting_id) if row.has_reports else ({}, False)
    )
    resolutions = meeting_record_reads.resolutions(run, meeting_id) if row.has_resolutions else {}
    meeting = _meeting(
        row,
        items=tuple(
            agenda_item(
                item, witnesses, tor, resolutions.get(item.id, ()), reports.get(item.id, ())
            )
            for item, witnesses, tor in lists.items
        ),
        attendance=tuple(
            Attendance(key, AttendanceStatus(status), arrived, left)
            for key, status, arrived, left in run(_ATTENDANCE, at)
        )
        if row.has_attendance
        else (),
        attendees=_attendees(run(_ATTENDEES, at)) if row.has_attendees else (),
        declarations=meeting_record_reads.declarations(run, meeting_id)
        if row.has_declarations
        else (),
    )
    # what it decided on the review's report (issue 17), and the versions decided on
    versions, decisions = decided() if row.has_decisions else ((), ())
    review = replace(
        _review(
            details,
            lists.panel,
            terms_of_reference=lists.terms_of_reference,
            interests=meeting_record_reads.interests(run, review_id) if row.has_interests else (),
        ),
        report=ReviewReport(versions=versions, considerations=decisions),
        witnesses=lists.witnesses,
        meetings=(meeting,),
        # the evidence its reports are, so that closed evidence stays out of public papers
        evidence=meeting_record_reads.report_evidence(run, meeting_id) if by_evidence else (),
        actions=lists.actions,
    )
    first = first_minute(meeting.start, lists.earlier, year_start)
    return MeetingPapers(meeting_id, review_id, row.key, review, first)


def kept_minutes(session: Session, meeting_id: int) -> MinutesSnapshot | None:
    """The meeting's approved minutes as they were kept (None: none kept), as
    ``minutes_edits.approved_snapshot`` reads them, in one statement built once: its
    minutes print from these, with its papers."""
    row = session.connection().execute(_KEPT, {"meeting": meeting_id}).first()
    return None if row is None else snapshot_from_texts(row.public, row.panel)


@dataclass(frozen=True)
class MeetingCalendar:
    """A meeting's id, review id and key, and its review cut down to what its
    invitations and cancellations say and the invitation register's rule reads
    (``meeting_calendar``)."""

    meeting_id: int
    review_id: int
    key: str
    review: Review
    #: the ids of the review's witnesses it holds (by id, their keys)
    witness_ids: Mapping[int, str] = field(default_factory=dict)

    @property
    def meeting(self) -> Meeting:
        return self.review.meetings[0]


def meeting_calendar(session: Session, meeting_id: int) -> MeetingCalendar:
    """What a meeting's invitations and cancellations print, and whom they may go to:
    the meeting, its items and the witnesses on them (and those who asked to give
    evidence in private), its substitutes, officers and others present, and the
    review's details, contact and panel. A calendar entry prints none of the procedural
    record, the minutes, actions, reports or terms of reference, so they are not read:
    the meeting's attendance, declarations, resolutions and actions, its items' terms
    of reference, reports and resolutions, and the review's terms of reference and
    register of interests are left empty (``publishing`` draws the same calendar views
    from it as from the whole review: tests/services/test_meeting_papers.py). Five
    statements: the meeting with its review, the items with their witnesses, the
    attendees, the panel and the witnesses."""
    con = session.connection()
    at = {"meeting": meeting_id}
    row = con.execute(_CALENDAR, at).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    meeting = _meeting(
        row,
        items=tuple(agenda_item(item, witnesses, ()) for item, witnesses in _listed(con, at)),
        attendance=(),
        attendees=attendees(con, meeting_id),
        declarations=(),
    )
    mapping = row._mapping
    head = {name: mapping[f"r_{name}"] for name in _REVIEW_COLUMNS}
    review_id = row.review_id
    panel = tuple(_member(p) for p in con.execute(_PANEL, {"review": review_id}).all())
    found = con.execute(_CALENDAR_WITNESSES, {**at, "review": review_id}).all()
    review = replace(
        _review(head, panel, terms_of_reference=(), interests=()),
        witnesses=tuple(_witness(w) for w in found),
        meetings=(meeting,),
    )
    return MeetingCalendar(
        meeting_id, review_id, row.key, review, witness_ids={w.id: w.key for w in found}
    )


@dataclass(frozen=True)
class WitnessCalendar:
    """What one witness's own invitation or cancellation to a meeting prints and whom
    it goes to (``witness_calendar``): the meeting cut down to that witness, the
    witness, and the last issue of the meeting's register that named them."""

    calendar: MeetingCalendar
    witness: WitnessSummary
    #: the last issue that named the witness, with them alone as its recipient (as
    #: ``invitation_plan.last_issued`` finds it), or none
    issued: tuple[CalendarIssue, ...]


def witness_calendar(session: Session, meeting_id: int, witness_id: int) -> WitnessCalendar:
    """What one witness's own file to a meeting prints and decides from, in two
    statements: the meeting with its review's details, the witness and what the
    register last issued to them (one row), and the meeting's items, each saying
    whether the witness is on it.

    A witness's file prints their own items only (numbered among all of them), their
    own name, the meeting and the review's details and contact; whether it is an
    invitation or an update, its SEQUENCE and its address follow from what was last
    issued to them; the warnings it gives concern them alone. So the panel, the
    meeting's substitutes, officers and others present, the other witnesses and the
    rest of the register, which ``meeting_calendar`` reads for the panel's files and
    Send Updates, are left out: the review's panel, the meeting's attendees and each
    item's other witnesses are empty, and the review's witnesses are this one (none if
    they belong to another review). An item the witness is not on is printed by no
    more than its place in the order of business (open items first: its number), so
    it holds its key, title, kind and whether it is closed, nothing else
    (``_numbered_only``). NotFoundError for a meeting or witness that is not there
    (the meeting's first)."""
    con = session.connection()
    at = {"meeting": meeting_id, "witness": witness_id}
    found = con.execute(_WITNESS_CALENDAR, at).all()

    def listing() -> Sequence[Any]:
        return con.execute(_WITNESS_ITEMS, at).all()

    return _witness_calendar(found, listing, meeting_id, witness_id)


def read_witness_calendar(
    reader: pg_driver.Reader, meeting_id: int, witness_id: int
) -> WitnessCalendar:
    """``witness_calendar`` through the driver (PostgreSQL, ``pg_driver``), in the
    reader's transaction: its two statements sent at once (the items are read whether
    or not the witness belongs to the meeting's review, and left unused if not)."""
    at = {"meeting": meeting_id, "witness": witness_id}
    found, listed = reader.together((_WITNESS_CALENDAR, at, True), (_WITNESS_ITEMS, at, True))
    return _witness_calendar(found, lambda: listed, meeting_id, witness_id)


def _witness_calendar(
    found: Sequence[Any], listing: Callable[[], Sequence[Any]], meeting_id: int, witness_id: int
) -> WitnessCalendar:
    """``witness_calendar`` from its rows (``found``: ``_WITNESS_CALENDAR``'s, none if
    there is no such meeting; ``listing``: ``_WITNESS_ITEMS``' rows, asked for only
    when the witness belongs to the meeting's review), columns by their labels."""
    if not found:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    row = found[0]
    if row.w_id is None:
        raise NotFoundError(f"There is no witness with id {witness_id}")
    witness = WitnessSummary(
        row.w_id, row.w_review_id, row.w_key, row.w_name, row.w_role, row.w_organisation,
        row.w_email, row.w_version,
    )  # fmt: skip
    review_id = row.review_id
    own = witness.review_id == review_id
    key = witness.key
    listed = listing() if own else ()
    meeting = _meeting(
        row,
        items=tuple(
            agenda_item(item, (key,), ()) if item.heard else _numbered_only(item) for item in listed
        ),
        attendance=(),
        attendees=(),
        declarations=(),
    )
    head = {name: getattr(row, f"r_{name}") for name in _REVIEW_COLUMNS}
    known = Witness(
        key, witness.name, witness.role, witness.organisation, witness.email,
        InvitationState(row.w_invitation), row.w_private,
    )  # fmt: skip
    review = replace(
        _review(head, (), terms_of_reference=(), interests=()),
        witnesses=(known,) if own else (),
        meetings=(meeting,),
    )
    issued: tuple[CalendarIssue, ...] = ()
    if row.h_kind is not None:
        at_utc = row.h_at_utc.replace(tzinfo=UTC)
        to = IssuedTo(PersonKind.WITNESS, key, row.h_name, row.h_email)
        issued = (
            CalendarIssue(
                at_utc.astimezone(timezone(timedelta(minutes=row.h_offset))),
                row.h_by,
                IssueKind(row.h_kind),
                row.h_uid,
                row.h_sequence,
                (to,),
                row.h_reason,
            ),
        )
    calendar = MeetingCalendar(
        meeting_id, review_id, row.key, review, witness_ids={witness.id: key} if own else {}
    )
    return WitnessCalendar(calendar, witness, issued)


def _numbered_only(row: Any) -> AgendaItem:
    """An item as a witness's own file reads one they are not on: what numbers it."""
    return AgendaItem(row.key, row.title, ItemKind(row.kind), Access(row.access))


def attendees(con: Connection, meeting_id: int) -> tuple[Attendee, ...]:
    """The meeting's substitutes, officers and others present, in their order, by key
    (a substitute's member, and the items of arrival and departure, by theirs)."""
    return _attendees(con.execute(_ATTENDEES, {"meeting": meeting_id}).all())


def _attendees(rows: Sequence[Any]) -> tuple[Attendee, ...]:
    return tuple(
        Attendee(key, AttendeeKind(kind), name, role, email, member, arrived, left)
        for key, kind, name, role, email, member, arrived, left in rows
    )


def _meeting(
    row: Any,
    *,
    items: tuple[AgendaItem, ...],
    attendance: tuple[Attendance, ...],
    attendees: tuple[Attendee, ...],
    declarations: tuple[Declaration, ...],
) -> Meeting:
    return Meeting(
        key=row.key,
        title=row.title,
        kind=MeetingKind(row.kind),
        start=row.start,
        end=row.end,
        venue=row.venue,
        status=MeetingStatus(row.status),
        uid=row.uid,
        sequence=row.sequence,
        attendance=attendance,
        minutes_status=MinutesStatus(row.minutes_status),
        minutes_approved_on=row.minutes_approved_on,
        items=items,
        agenda_published_on=row.agenda_published_on,
        minutes_approved_at=row.approved_at,
        joining_link=row.joining_link,
        began=row.began,
        ended=row.ended,
        attendees=attendees,
        declarations=declarations,
        title_cy=row.title_cy,
        urgency=row.urgency,
    )


def _member(p: Any) -> Member:
    return Member(p.key, p.name, MemberRole(p.role), p.email)


def _witness(w: Any) -> Witness:
    return Witness(
        w.key, w.name, w.role, w.organisation, w.email, InvitationState(w.invitation), w.private
    )


def _listed(con: Connection, at: dict[str, int]) -> list[tuple[Any, list[str]]]:
    """The meeting's items in order, each with the keys of its witnesses in theirs (one
    statement: an item's row comes once for each of its witnesses)."""
    items: list[tuple[Any, list[str]]] = []
    for item in con.execute(_CALENDAR_ITEMS, at).all():
        if not items or items[-1][0].id != item.id:
            items.append((item, []))
        if item.witness is not None:
            items[-1][1].append(item.witness)
    return items


def _review(
    row: Mapping[Any, Any],
    panel: tuple[Member, ...],
    *,
    terms_of_reference: tuple[TorItem, ...],
    interests: tuple[Interest, ...],
) -> Review:
    """The review's own details from its row (``_REVIEW``'s columns), and its panel."""
    return Review(
        title=row["title"],
        body=row["body"],
        summary=row["summary"],
        status=ReviewStatus(row["status"]),
        timezone=row["timezone"],
        contact=Contact(**{f: row[f"contact_{f}"] for f in CONTACT_FIELDS})
        if row["has_contact"]
        else None,
        panel=panel,
        terms_of_reference=terms_of_reference,
        clear_days=row["clear_days"],
        exclusion_resolution=row["exclusion_resolution"],
        web_page=row["web_page"],
        calendar_public_titles=row["calendar_public_titles"],
        quorum=row["quorum"],
        minute_numbers=row["minute_numbers"],
        year_start=MonthDay(row["year_start_month"], row["year_start_day"]),
        interests=interests,
        language=PaperLanguage(row["language"]),
        country=Country(row["country"]),
        retention_until=row["retention_until"],
        privacy_notice=row["privacy_notice"],
    )


# The statements, built once: each reads by the meeting (or its review's few rows). ----

_MEETING_ID: BindParameter[int] = bindparam("meeting")
_REVIEW_ID: BindParameter[int] = bindparam("review")
_m = orm.MeetingRow
_approving = aliased(orm.MeetingRow)
_MEETING = select(
    _m.review_id,
    _m.key,
    _m.title,
    _m.kind,
    _m.start,
    _m.end,
    _m.venue,
    _m.status,
    _m.uid,
    _m.sequence,
    _m.minutes_status,
    _m.minutes_approved_on,
    _m.agenda_published_on,
    _m.joining_link,
    _m.began,
    _m.ended,
    _m.title_cy,
    _m.urgency,
    select(_approving.key)
    .where(_approving.id == _m.minutes_approved_at_id)
    .scalar_subquery()
    .label("approved_at"),
).where(_m.id == _MEETING_ID)

_r = orm.ReviewRow
_REVIEW = select(
    _r.title,
    _r.body,
    _r.summary,
    _r.status,
    _r.timezone,
    _r.clear_days,
    _r.exclusion_resolution,
    _r.web_page,
    _r.calendar_public_titles,
    _r.quorum,
    _r.minute_numbers,
    _r.year_start_month,
    _r.year_start_day,
    _r.language,
    _r.country,
    _r.retention_until,
    _r.privacy_notice,
    _r.has_contact,
    *(getattr(_r, f"contact_{f}") for f in CONTACT_FIELDS),
).where(_r.id == _REVIEW_ID)

_REVIEW_COLUMNS = tuple(c.name for c in _REVIEW.selected_columns)
# a meeting's calendar entries: the meeting and its review's details in one row
_CALENDAR = _MEETING.add_columns(*(c.label(f"r_{c.name}") for c in _REVIEW.selected_columns)).join(
    _r, _r.id == _m.review_id
)

_p = orm.MemberRow
_PANEL = (
    select(_p.key, _p.name, _p.role, _p.email)
    .where(_p.review_id == _REVIEW_ID)
    .order_by(_p.position, _p.id)
)

_i = orm.ItemRow
_ITEMS = (
    select(
        _i.id,
        _i.key,
        _i.title,
        _i.kind,
        _i.access,
        _i.closed_reason,
        _i.public_title,
        _i.exemption,
        _i.start,
        _i.end,
        _i.minute,
        _i.standard,
        _i.title_cy,
        _i.public_title_cy,
    )
    .where(_i.meeting_id == _MEETING_ID)
    .order_by(_i.position, _i.id)
)

# The items and the keys of their witnesses, each item once for each of its witnesses
# in their order (once with none if it has none).
_CALENDAR_ITEMS = (
    select(*_ITEMS.selected_columns, orm.WitnessRow.key.label("witness"))
    .outerjoin(orm.ItemWitness, orm.ItemWitness.item_id == _i.id)
    .outerjoin(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
    .where(_i.meeting_id == _MEETING_ID)
    .order_by(_i.position, _i.id, orm.ItemWitness.position)
)

# The witnesses on the meeting's items, and every witness of the review who asked to give
# evidence in private, in the review's order.
_w = orm.WitnessRow
_WITNESSES = (
    select(_w.key, _w.name, _w.role, _w.organisation, _w.email, _w.invitation, _w.private)
    .where(
        _w.review_id == _REVIEW_ID,
        or_(
            _w.id.in_(
                select(orm.ItemWitness.witness_id)
                .join(_i, _i.id == orm.ItemWitness.item_id)
                .where(_i.meeting_id == _MEETING_ID)
            ),
            _w.private,
        ),
    )
    .order_by(_w.position, _w.id)
)

_CALENDAR_WITNESSES = _WITNESSES.add_columns(_w.id)

# One witness's own file: the meeting with its review's details, the witness by id and
# the last recipient row of the meeting's register that named them (as
# ``invitation_plan.last_issued`` finds it: the latest issue, its last such row), with
# its issue, in one row; and the items, each saying whether the witness is on it.
_named = aliased(orm.CalendarRecipientRow)
_naming = aliased(orm.CalendarIssueRow)
_LAST_NAMED = (
    select(_named.id)
    .join(_naming, _naming.id == _named.issue_id)
    .where(
        _naming.meeting_id == _m.id,
        _named.person == PersonKind.WITNESS.value,
        _named.person_key == _w.key,
    )
    .order_by(_naming.position.desc(), _naming.id.desc(), _named.position.desc(), _named.id.desc())
    .limit(1)
    .correlate(_m, _w)
    .scalar_subquery()
)
_last_to = orm.CalendarRecipientRow
_last_issue = orm.CalendarIssueRow
_WITNESS_CALENDAR = (
    _CALENDAR.add_columns(
        *(
            c.label(f"w_{c.name}")
            for c in (
                _w.id,
                _w.review_id,
                _w.key,
                _w.name,
                _w.role,
                _w.organisation,
                _w.email,
                _w.version,
                _w.invitation,
                _w.private,
            )
        ),
        _last_issue.at_utc.label("h_at_utc"),
        _last_issue.at_offset_minutes.label("h_offset"),
        _last_issue.by.label("h_by"),
        _last_issue.kind.label("h_kind"),
        _last_issue.uid.label("h_uid"),
        _last_issue.sequence.label("h_sequence"),
        _last_issue.reason.label("h_reason"),
        _last_to.name.label("h_name"),
        _last_to.email.label("h_email"),
    )
    .join_from(_m, _w, _w.id == bindparam("witness"), isouter=True)
    .join_from(_m, _last_to, _last_to.id == _LAST_NAMED, isouter=True)
    .join_from(_last_to, _last_issue, _last_issue.id == _last_to.issue_id, isouter=True)
)
_WITNESS_ITEMS = _ITEMS.add_columns(
    exists()
    .where(orm.ItemWitness.item_id == _i.id, orm.ItemWitness.witness_id == bindparam("witness"))
    .label("heard")
)

_a = orm.AttendanceRow
_arrived = aliased(orm.ItemRow)
_left = aliased(orm.ItemRow)
_ATTENDANCE = (
    select(orm.MemberRow.key, _a.status, _arrived.key, _left.key)
    .join(orm.MemberRow, orm.MemberRow.id == _a.member_id)
    .outerjoin(_arrived, _arrived.id == _a.arrived_item_id)
    .outerjoin(_left, _left.id == _a.left_item_id)
    .where(_a.meeting_id == _MEETING_ID)
    .order_by(_a.position)
)

_e = orm.AttendeeRow
_substitute_for = aliased(orm.MemberRow)
_ATTENDEES = (
    select(
        _e.key, _e.kind, _e.name, _e.role, _e.email, _substitute_for.key, _arrived.key, _left.key
    )
    .outerjoin(_substitute_for, _substitute_for.id == _e.substitute_for_id)
    .outerjoin(_arrived, _arrived.id == _e.arrived_item_id)
    .outerjoin(_left, _left.id == _e.left_item_id)
    .where(_e.meeting_id == _MEETING_ID)
    .order_by(_e.position, _e.id)
)

# A meeting's papers: the meeting and its review's details in one row, with whether the
# meeting has each part of its record that many meetings lack (an agenda's meeting has
# not met yet), so that only the parts it has are read.
_held = aliased(orm.ItemRow)
_PAPERS = _CALENDAR.add_columns(
    _m.id,
    exists().where(_a.meeting_id == _MEETING_ID).label("has_attendance"),
    exists().where(_e.meeting_id == _MEETING_ID).label("has_attendees"),
    exists().where(orm.DeclarationRow.meeting_id == _MEETING_ID).label("has_declarations"),
    exists()
    .where(orm.ResolutionRow.item_id == _held.id, _held.meeting_id == _MEETING_ID)
    .label("has_resolutions"),
    exists()
    .where(orm.ItemReportRow.item_id == _held.id, _held.meeting_id == _MEETING_ID)
    .label("has_reports"),
    exists().where(orm.ReportConsiderationRow.meeting_id == _MEETING_ID).label("has_decisions"),
    exists().where(orm.InterestRow.review_id == _m.review_id).label("has_interests"),
)

_s = orm.MinutesSnapshotRow
_KEPT = select(_s.public, _s.panel).where(_s.meeting_id == _MEETING_ID, _s.history_id.is_(None))
