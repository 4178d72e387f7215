"""One witness's invitation or cancellation on PostgreSQL goes through the driver, in one
transaction of its own (``InvitationService._witness_on_driver``, ``pg_driver.transaction``,
issue 13): no statement through SQLAlchemy's engine, the read in one trip, the
register's rows, the audit trail's and the change's notice in another, the file, then the
COMMIT; the same rows as a session writes. A refused or failed issue leaves no register row, no
audit row and no file, on both databases, and the connection goes back to the pool."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from scrutiny_desk.domain.errors import ConflictError, ExportError, NotFoundError
from scrutiny_desk.domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from scrutiny_desk.domain.records import Review, Witness
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.invitations import InvitationService
from scrutiny_desk.store import changes, invitation_register, live, orm, pg_driver
from tests.exports.calendar_checks import NOW

from .test_invitations import review

postgresql = pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)


def _rows(services: Services) -> list[list[Any]]:
    """The register's issues and recipients, and the audit trail's rows of meetings
    and issues (without their times)."""
    a = orm.AuditRow
    trail = select(a.actor, a.action, a.record_kind, a.record_id, a.review_id, a.detail).where(
        a.record_kind.in_(("meetings", "calendar_issues"))
    )
    with services.db.reading() as session:
        con = session.connection()
        return [
            [tuple(r) for r in con.execute(text("SELECT * FROM calendar_issues ORDER BY id"))],
            [tuple(r) for r in con.execute(text("SELECT * FROM calendar_recipients ORDER BY id"))],
            [tuple(r) for r in con.execute(trail.order_by(a.id))],
        ]


def _idle_in_transaction(services: Services) -> int:
    with services.db.engine.connect() as con:
        return int(
            con.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state LIKE 'idle in transaction%'"
                )
            ).scalar_one()
        )


def _with_others(found: Review) -> Review:
    """The review with fay, on no item, and gus, without an address, on dee's item."""
    first, *rest = found.meetings[0].items
    meeting = replace(found.meetings[0], items=(replace(first, witnesses=("dee", "gus")), *rest))
    return replace(
        found,
        witnesses=(
            *found.witnesses,
            Witness("fay", "Fay Oduya", email="fay@example.org"),
            Witness("gus", "Gus Park"),
        ),
        meetings=(meeting,),
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of the test's own for the files (``tmp_path`` holds the home folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def issuing(services: Services) -> Iterator[tuple[Services, int, int, int]]:
    """The services, the meeting's id, a witness on its agenda (dee) and the review id."""
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    dee = services.witness_edits.find_witness(review_id, "dee")
    yield services, meeting.id, dee.id, review_id


@postgresql
def test_postgresql_issues_a_witness_file_without_a_session(
    issuing: tuple[Services, int, int, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One checkout, no statement through the engine, no transaction of a session; the
    read sent at once, the writes sent at once; nothing left open."""
    services, meeting_id, dee, _ = issuing
    invitations = InvitationService(services.db, clock=lambda: NOW)
    invitations.invite(meeting_id, out / "warm.eml", dee)
    seen: list[str] = []
    engine = services.db.engine
    listeners = (
        (engine, "before_cursor_execute", lambda *a: seen.append(str(a[2]))),
        (engine, "begin", lambda *_: seen.append("BEGIN")),
        (engine.pool, "checkout", lambda *_: seen.append("checkout")),
    )
    sent: list[tuple[str, int]] = []
    together, writes = pg_driver.Reader.together, pg_driver.Reader.writes

    def counted(self: pg_driver.Reader, *statements: object) -> list[list[object]]:
        sent.append(("read", len(statements)))
        return together(self, *statements)  # type: ignore[arg-type]

    def counted_writes(self: pg_driver.Reader, *statements: object) -> None:
        sent.append(("write", len(statements)))
        writes(self, *statements)  # type: ignore[arg-type]

    def alone(*_args: object) -> None:
        pytest.fail("a statement was sent alone")

    monkeypatch.setattr(pg_driver.Reader, "together", counted)
    monkeypatch.setattr(pg_driver.Reader, "writes", counted_writes)
    monkeypatch.setattr(pg_driver.Reader, "named", alone)
    monkeypatch.setattr(pg_driver.Reader, "execute", alone)
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        with changes.recording() as topics:
            invitations.invite(meeting_id, out / "dee.eml", dee)
            invitations.invite(meeting_id, out / "dee.ics", dee)
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)
    assert seen == ["checkout", "checkout"]  # one connection each, nothing else
    # the read (the meeting's row, its items), then the issue, its recipient, the
    # audit rows and the notice (``Services`` announces every write); the file; the COMMIT
    assert sent == [("read", 2), ("write", 4)] * 2
    assert topics == {Topic.INVITATIONS}
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert _idle_in_transaction(services) == 0
    kinds = [i.kind for i in invitations.issued(meeting_id)]
    assert kinds == [IssueKind.INVITATION, IssueKind.UPDATE, IssueKind.UPDATE]


@postgresql
def test_postgresql_writes_the_rows_a_session_writes(
    issuing: tuple[Services, int, int, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files, register rows and audit rows through the driver as through a
    session (the same issues made again through a session, the meeting put back)."""
    services, meeting_id, dee, review_id = issuing
    invitations = InvitationService(services.db, clock=lambda: NOW)

    def issued(meeting: int, witness: int, name: str) -> tuple[list[bytes], list[list[Any]]]:
        """An invitation, an update, the meeting cancelled and the witness's cancellation."""
        before = _rows(services)
        files = [
            invitations.invite(meeting, out / f"{name}1.eml", witness).path,
            invitations.invite(meeting, out / f"{name}2.ics", witness).path,
        ]
        version = services.meetings.get(meeting).version
        services.meeting_edits.cancel_meeting(meeting, version)
        files.append(invitations.cancellation(meeting, out / f"{name}3.eml", witness).path)
        after = _rows(services)
        return [f.read_bytes() for f in files], [
            now[len(then) :] for now, then in zip(after, before, strict=True)
        ]

    was = {"meeting": meeting_id}
    with services.db.reading() as session:
        was |= (
            session.execute(text("SELECT status, sequence FROM meetings WHERE id = :meeting"), was)
            .one()
            ._asdict()
        )
    driver_files, (issues, recipients, trail) = issued(meeting_id, dee, "d")
    with services.db.writing() as session:  # as it was (no statement of the ORM: no trail)
        session.execute(text("DELETE FROM calendar_issues WHERE meeting_id = :meeting"), was)
        session.execute(
            text("UPDATE meetings SET status = :status, sequence = :sequence WHERE id = :meeting"),
            was,
        )
    monkeypatch.setattr(InvitationService, "_on_driver", lambda self: False)
    session_files, in_session = issued(meeting_id, dee, "s")
    assert driver_files == session_files
    assert (len(issues), len(recipients)) == (3, 3)
    assert [r[1:] for r in issues] == [r[1:] for r in in_session[0]]  # but the id
    assert [r[2:] for r in recipients] == [r[2:] for r in in_session[1]]  # but id, issue
    assert [r[:3] + r[4:] for r in trail] == [r[:3] + r[4:] for r in in_session[2]]
    assert [r[1] for r in recipients] == [r[0] for r in issues]  # each names its issue
    created = [r[3] for r in trail if r[2] == "calendar_issues"]
    assert created == [r[0] for r in issues]
    assert {r[3] for r in trail if r[2] == "meetings"} == {meeting_id}
    assert {r[4] for r in trail} == {review_id} and {r[1] for r in issues} == {meeting_id}
    exported = [json.loads(str(r[5]))["paper"] for r in trail if r[1] == "exported"]
    assert exported == ["invitation", "update", "cancellation"]


@postgresql
def test_postgresql_sends_the_notice_a_session_sends(
    issuing: tuple[Services, int, int, int], out: Path
) -> None:
    services, meeting_id, dee, review_id = issuing
    invitations = InvitationService(services.db, clock=lambda: NOW)
    listener = live.listen(services.db)
    try:
        invitations.invite(meeting_id, out / "dee.eml", dee)
        heard: list[live.Change] = []
        for _ in range(50):
            heard += listener.poll()
            if heard:
                break
            import time

            time.sleep(0.05)
    finally:
        listener.close()
    announcer = live.announcer_of(services.db)
    assert announcer is not None
    assert heard == [
        live.Change(frozenset({Topic.INVITATIONS}), frozenset({review_id}), announcer.instance)
    ]


def test_a_refused_issue_leaves_nothing(issuing: tuple[Services, int, int, int], out: Path) -> None:
    """Not on the agenda, no address, another review's witness, no such witness or
    meeting, a cancellation nobody holds: refused, with no register or audit row and
    no file (and on PostgreSQL the connection back in the pool, out of any transaction)."""
    services, meeting_id, dee, _ = issuing
    invitations = InvitationService(services.db, clock=lambda: NOW)
    other = services.reviews.import_bytes(codec.encode(_with_others(review())))
    meeting_id = services.meeting_edits.find(other, "ev1").id
    fay = services.witness_edits.find_witness(other, "fay").id
    gus = services.witness_edits.find_witness(other, "gus").id
    before = _rows(services)
    cases = [
        (lambda p: invitations.invite(meeting_id, p, fay), ExportError, "not on the agenda"),
        (lambda p: invitations.invite(meeting_id, p, gus), ExportError, "has no e-mail address"),
        (lambda p: invitations.invite(meeting_id, p, dee), ExportError, "another review"),
        (lambda p: invitations.invite(meeting_id, p, 999999), NotFoundError, "no witness"),
        (lambda p: invitations.invite(999999, p, dee), NotFoundError, "no meeting"),
        (lambda p: invitations.cancellation(meeting_id, p, gus), ExportError, "not cancelled"),
        (lambda p: invitations.cancellation(meeting_id, p, fay), ExportError, "nothing to"),
    ]
    for n, (issue, error, message) in enumerate(cases):
        with pytest.raises(error, match=message):
            issue(out / f"{n}.eml")
    assert _rows(services) == before
    assert list(out.iterdir()) == []
    if services.db.dialect == "postgresql":
        assert services.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
        assert _idle_in_transaction(services) == 0


@postgresql
def test_postgresql_a_failed_write_leaves_no_row_and_no_file(
    issuing: tuple[Services, int, int, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement refused (here the recipient names an issue that is not there): a
    clash, the transaction rolled back, no file; as in a session the rows are sent
    before the file is written, so a file the clerk already has at that name is left
    as it was."""
    services, meeting_id, dee, _ = issuing
    invitations = InvitationService(services.db, clock=lambda: NOW)
    before = _rows(services)
    kept = out / "dee.eml"
    kept.write_bytes(b"the invitation issued last week")
    broken = invitation_register._ADD_RECIPIENT_SQL.replace(invitation_register._ISSUE_ID, "-1")
    monkeypatch.setattr(invitation_register, "_ADD_RECIPIENT_SQL", broken)
    with pytest.raises(ConflictError, match="clashes with data already saved"):
        invitations.invite(meeting_id, kept, dee)
    assert _rows(services) == before
    assert list(out.iterdir()) == [kept]
    assert kept.read_bytes() == b"the invitation issued last week"
    assert services.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert _idle_in_transaction(services) == 0
    monkeypatch.undo()  # the connection is usable again
    invitations.invite(meeting_id, out / "dee.eml", dee)
    assert len(invitations.issued(meeting_id)) == 1


def test_an_invitation_that_raises_the_sequence_is_drawn_once(
    issuing: tuple[Services, int, int, int], out: Path
) -> None:
    """A request after a cancellation issued at the meeting's SEQUENCE raises it (on
    PostgreSQL through a session, the driver's attempt left unwritten): one file, drawn
    at the clock's first time, the meeting's SEQUENCE raised once."""
    services, meeting_id, dee, _ = issuing
    ticks = iter(range(100))
    invitations = InvitationService(services.db, clock=lambda: NOW + timedelta(minutes=next(ticks)))
    sequence = services.meeting_edits.find(issuing[3], "ev1").sequence
    with services.db.writing() as session:
        invitation_register.record(
            session,
            meeting_id,
            CalendarIssue(
                NOW,
                "someone",
                IssueKind.CANCELLATION,
                "uid",
                sequence,
                (IssuedTo(PersonKind.WITNESS, "dee", "Dee Shah", "dee@example.org"),),
                "cancelled",
            ),
        )
    done = invitations.invite(meeting_id, out / "dee.ics", dee)
    assert done.issue.at == NOW and done.issue.sequence == sequence + 1
    assert b"DTSTAMP:20261126T093015Z" in done.path.read_bytes()
    assert services.meeting_edits.find(issuing[3], "ev1").sequence == sequence + 1
    assert [i.kind for i in invitations.issued(meeting_id)] == [
        IssueKind.CANCELLATION,
        IssueKind.INVITATION,
    ]
    assert [p.name for p in out.iterdir()] == ["dee.ics"]


@postgresql
def test_postgresql_a_statement_with_its_own_literals_is_read(services: Services) -> None:
    """A statement built with literals in it (a value compared, a LIMIT) is sent with
    them: the driver's parameters name only its ``bindparam``s."""
    from sqlalchemy import bindparam, literal

    statement = select(literal(7).label("seven"), bindparam("given").label("given")).limit(1)
    with pg_driver.reader(services.db) as reader:
        assert [tuple(r) for r in reader.named(statement, {"given": 3})] == [(7, 3)]
        assert reader.together((statement, {"given": 4}, False)) == [[(7, 4)]]
