"""The invitation register's rows: one meeting's issues read oldest first, and an
issue recorded with its recipients in the caller's transaction.

An issue is a record, never edited: recipients are kept by the key they had and the
name and address the file went to, so the register still names who holds an event
after a member leaves the panel or a witness is taken off the agenda. ``by`` is the
user the database writes as (``Database.user``, as the minutes history records it).

The meeting is read as its invitations print it, with its substitutes, officers and
others present (format version 6, ``meeting_attendees``): substitutes and officers are
invited like the panel.

On PostgreSQL a witness's own file is read and recorded through the driver
(``witness_and_register_on``, ``record_on``: ``InvitationService._witness_on_driver``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, func, insert, select
from sqlalchemy.orm import Session

from ..domain.audit_records import AuditAction
from ..domain.errors import NotFoundError
from ..domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from ..domain.meeting_rules import MAX_SEQUENCE
from ..domain.records import Attendee, WitnessSummary
from . import audit, meeting_papers, orm, pg_driver, review_scope
from .meeting_papers import MeetingCalendar
from .queries import get_meeting_row


def meeting_and_register(
    session: Session, meeting_id: int, *, lock: bool = False
) -> tuple[MeetingCalendar, tuple[CalendarIssue, ...]]:
    """The meeting as its invitations print it (``meeting_papers.meeting_calendar``,
    its substitutes, officers and others present with it) and its register, read in
    one snapshot: what ``invitation_plan`` works from. With ``lock`` (before
    recording), the meeting's row is locked first (``FOR UPDATE`` on PostgreSQL; a
    SQLite write transaction already holds the database), so two clerks sending
    updates for one meeting take turns and the second sees the first's issues."""
    if lock:
        session.execute(_LOCK, {"meeting": meeting_id})
    found = meeting_papers.meeting_calendar(session, meeting_id)
    review_scope.remember(session, "meetings", meeting_id, found.review_id)  # ``record``'s
    return found, issues(session, meeting_id)


def witness_and_register(
    session: Session, meeting_id: int, witness_id: int
) -> meeting_papers.WitnessCalendar:
    """The meeting as one witness's own invitation or cancellation prints it, the
    witness, and what the register last issued to them
    (``meeting_papers.witness_calendar``: two statements), read in one snapshot: what
    ``invitation_plan`` works from for that witness's file alone."""
    found = meeting_papers.witness_calendar(session, meeting_id, witness_id)
    review_scope.remember(session, "meetings", meeting_id, found.calendar.review_id)
    return found


def witness_and_register_on(
    reader: pg_driver.Reader, meeting_id: int, witness_id: int
) -> meeting_papers.WitnessCalendar:
    """``witness_and_register`` through the driver, in ``reader``'s transaction
    (PostgreSQL, ``pg_driver.transaction``): its two statements sent at once."""
    return meeting_papers.read_witness_calendar(reader, meeting_id, witness_id)


def record_on(
    reader: pg_driver.Reader,
    meeting_id: int,
    review_id: int,
    issue: CalendarIssue,
    exported: Mapping[str, str | None],
    *,
    actor: str,
    notice: tuple[str, str] | None,
) -> None:
    """``record`` through the driver, with what a write session appends before it
    commits, sent at once in ``reader``'s transaction (PostgreSQL,
    ``pg_driver.transaction``; one trip; the caller commits): the issue, at the end of
    the meeting's register (its position found as it is inserted, as ``record`` finds
    it); its recipients; the audit trail's rows as a session appends them, the export
    (``exported``: its detail) first, then the issue created, both in the meeting's
    review (``review_id``), by ``actor`` (the server's trigger sets the login); and
    with ``notice`` (channel, payload), the change's notice (``live``). The recipients
    and the trail name the issue by the id its INSERT just drew (``currval`` of its sequence,
    this connection's own), so nothing waits for it to come back."""
    now = datetime.now(UTC).replace(tzinfo=None)
    statements: list[tuple[str, Mapping[str, Any]]] = [
        (_ADD_ISSUE_SQL, _issue_values(meeting_id, issue)),
        *((_ADD_RECIPIENT_SQL, values) for values in _recipient_values(issue)),
        (
            _AUDIT_SQL,
            {
                "at_utc": now,
                "actor": actor,
                "meeting": meeting_id,
                "review": review_id,
                "detail": audit.detail_text(exported),
            },
        ),
    ]
    if notice is not None:
        statements.append((_NOTIFY_SQL, {"channel": notice[0], "payload": notice[1]}))
    reader.writes(*statements)


def attendees(session: Session, meeting_id: int) -> tuple[Attendee, ...]:
    """The meeting's substitutes, officers and others present, in their order, by key
    (a substitute's member, and the items of arrival and departure, by theirs)."""
    return meeting_papers.attendees(session.connection(), meeting_id)


def issues(session: Session, meeting_id: int) -> tuple[CalendarIssue, ...]:
    """The meeting's register, oldest first (one statement: each issue's row comes
    once for each of its recipients, in their order)."""
    found: list[tuple[Any, list[IssuedTo]]] = []
    last = None
    rows = session.connection().execute(_ISSUES, {"meeting": meeting_id})
    for issue_id, at_utc, offset, by, kind, uid, sequence, reason, *to_whom in rows:
        person, key, name, email = to_whom
        if issue_id != last:
            last = issue_id
            at = at_utc.replace(tzinfo=UTC).astimezone(_zone(offset))
            found.append(((at, by, IssueKind(kind), uid, sequence, reason), []))
        if person is not None:
            found[-1][1].append(IssuedTo(PersonKind(person), key, name, email))
    return tuple(
        CalendarIssue(at, by, kind, uid, sequence, tuple(to), reason)
        for (at, by, kind, uid, sequence, reason), to in found
    )


@cache
def _zone(offset_minutes: int) -> timezone:
    """The fixed offset an issue was made at (a handful across a register)."""
    return timezone(timedelta(minutes=offset_minutes))


def record(session: Session, meeting_id: int, issue: CalendarIssue) -> None:
    """Add ``issue`` at the end of the meeting's register, in the caller's transaction:
    one insert of the issue, which finds its position itself and returns its id (the
    audit trail records it created, as a flush would), and one of its recipients, parts
    of it (the audit trail records the issue changed by them either way)."""
    values = _issue_values(meeting_id, issue) | {"meeting_id": meeting_id}
    issue_id = session.execute(_ADD_ISSUE, values).scalar_one()
    audit.inserted(session, _i.__tablename__, {"id": issue_id, "meeting_id": meeting_id})
    rows = [{"issue_id": issue_id} | values for values in _recipient_values(issue)]
    if rows:
        # one recipient (a witness's own file) as one statement: a list of one is an
        # executemany, which psycopg sends in a pipeline of its own
        session.execute(_ADD_RECIPIENT, rows[0] if len(rows) == 1 else rows)


def _issue_values(meeting_id: int, issue: CalendarIssue) -> dict[str, Any]:
    """The parameters of an issue's INSERT (``record``, ``record_on``)."""
    offset = issue.at.utcoffset() or timedelta(0)
    return {
        "meeting": meeting_id,
        "at_utc": issue.at.astimezone(UTC).replace(tzinfo=None),
        "at_offset_minutes": int(offset.total_seconds() // 60),
        "by": issue.by,
        "kind": issue.kind.value,
        "uid": issue.uid,
        "sequence": issue.sequence,
        "reason": issue.reason,
    }


def _recipient_values(issue: CalendarIssue) -> list[dict[str, Any]]:
    """The parameters of each recipient's INSERT, in order (without the issue's id)."""
    return [
        {
            "position": n,
            "person": to.person.value,
            "person_key": to.key,
            "name": to.name,
            "email": to.email,
        }
        for n, to in enumerate(issue.recipients)
    ]


def raise_sequence_to(session: Session, meeting_id: int, sequence: int) -> None:
    """Raise the meeting's calendar SEQUENCE to ``sequence`` (never lower it): a file
    was issued above it (``invitation_plan``: a cancellation to one person)."""
    wanted = min(sequence, MAX_SEQUENCE)
    current = session.scalar(_SEQUENCE, {"meeting": meeting_id})
    if current is not None and wanted <= current:
        return  # as it mostly is: the meeting's row is not loaded to be left alone
    row = get_meeting_row(session, meeting_id)
    if wanted > row.sequence:
        row.sequence = wanted
        session.flush()


def witness(session: Session, witness_id: int) -> WitnessSummary:
    """A witness by id, as ``queries.get_witness`` gives it, by one statement built once."""
    found = session.connection().execute(_WITNESS, {"witness": witness_id}).one_or_none()
    if found is None:
        raise NotFoundError(f"There is no witness with id {witness_id}")
    return WitnessSummary(*found)


# The statements, built once. ------------------------------------------------------------

_MEETING_ID: BindParameter[int] = bindparam("meeting")
_LOCK = select(orm.MeetingRow.id).where(orm.MeetingRow.id == _MEETING_ID).with_for_update()
_SEQUENCE = select(orm.MeetingRow.sequence).where(orm.MeetingRow.id == _MEETING_ID)
_w = orm.WitnessRow
_WITNESS = select(
    _w.id, _w.review_id, _w.key, _w.name, _w.role, _w.organisation, _w.email, _w.version
).where(_w.id == bindparam("witness"))
_i, _r = orm.CalendarIssueRow, orm.CalendarRecipientRow
_ISSUES = (
    select(
        _i.id,
        _i.at_utc,
        _i.at_offset_minutes,
        _i.by,
        _i.kind,
        _i.uid,
        _i.sequence,
        _i.reason,
        _r.person,
        _r.person_key,
        _r.name,
        _r.email,
    )
    .outerjoin(_r, _r.issue_id == _i.id)
    .where(_i.meeting_id == _MEETING_ID)
    .order_by(_i.position, _i.id, _r.position, _r.id)
)
_ISSUE_TABLE = orm.Base.metadata.tables[_i.__tablename__]
_ADD_ISSUE = (
    insert(_ISSUE_TABLE)
    .values(  # the next position: one past the meeting's last, found as it is inserted
        position=select(func.coalesce(func.max(_ISSUE_TABLE.c.position) + 1, 0))
        .where(_ISSUE_TABLE.c.meeting_id == _MEETING_ID)
        .scalar_subquery()
    )
    .returning(_ISSUE_TABLE.c.id)
)
_ADD_RECIPIENT = insert(orm.Base.metadata.tables[_r.__tablename__]).inline()  # ids not wanted

# The same writes through the driver (``record_on``), PostgreSQL's SQL as it is sent.
_ISSUE_ID = "currval(pg_get_serial_sequence('calendar_issues', 'id'))"
_ADD_ISSUE_SQL = (
    "INSERT INTO calendar_issues"
    ' (meeting_id, position, at_utc, at_offset_minutes, "by", kind, uid, sequence, reason)'
    " VALUES (%(meeting)s, (SELECT coalesce(max(position) + 1, 0) FROM calendar_issues"
    " WHERE meeting_id = %(meeting)s), %(at_utc)s, %(at_offset_minutes)s, %(by)s, %(kind)s,"
    " %(uid)s, %(sequence)s, %(reason)s)"
)
_ADD_RECIPIENT_SQL = (
    "INSERT INTO calendar_recipients (issue_id, position, person, person_key, name, email)"
    f" VALUES ({_ISSUE_ID}, %(position)s, %(person)s, %(person_key)s, %(name)s, %(email)s)"
)
_AUDIT_SQL = (
    "INSERT INTO audit_log (at_utc, actor, action, record_kind, record_id, review_id, detail)"
    f" VALUES (%(at_utc)s, %(actor)s, '{AuditAction.EXPORTED.value}', 'meetings',"
    " %(meeting)s, %(review)s, %(detail)s),"
    f" (%(at_utc)s, %(actor)s, '{AuditAction.CREATED.value}', 'calendar_issues',"
    f" {_ISSUE_ID}, %(review)s, '')"
)
_NOTIFY_SQL = "SELECT pg_notify(%(channel)s, %(payload)s)"
