"""The review of a record, kept for one transaction (``review_scope.reviews_where``),
on a SQLite file and on PostgreSQL: the audit trail and the review scope ask it of
every row they record, and an invitation would ask its meeting's three times. What is
kept is never what another transaction, or a statement since, may have changed: a
record moved to another review is named by the review it is in now.

One session over two transactions on one connection: the way a kept answer could
outlive its transaction (``Database.writing`` opens a new session every time)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from scrutiny_desk.domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import invitation_register, orm, review_scope

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEE = IssuedTo(PersonKind.WITNESS, "dee", "Dee Shah", "dee@example.org")
ISSUE = CalendarIssue(NOW, "clerk", IssueKind.INVITATION, "uid-1", 0, (DEE,), None)
RECIPIENTS = orm.Base.metadata.tables["calendar_recipients"]


@pytest.fixture
def services(db_target: str, sample_id: int) -> Iterator[Services]:
    opened = Services.open(db_target)
    yield opened
    opened.close()


@pytest.fixture
def connection(services: Services) -> Iterator[Connection]:
    with services.db.engine.connect() as held:
        yield held


def _session(connection: Connection) -> Session:
    """A write session (audited, its reviews tracked) kept on ``connection``."""
    info = {"user": "clerk", review_scope.TRACK: True}
    return Session(bind=connection, info=info, expire_on_commit=False)


def _add_recipient(session: Session, issue_id: int) -> None:
    row = {"issue_id": issue_id, "position": 1, "person": "witness", "person_key": "eve",
           "name": "Eve Moss", "email": "eve@example.org"}  # fmt: skip
    session.execute(insert(RECIPIENTS), [row])


def _last_issue(session: Session, meeting_id: int) -> int:
    i = orm.CalendarIssueRow
    found = session.scalar(select(i.id).where(i.meeting_id == meeting_id).order_by(i.id.desc()))
    assert found is not None
    return int(found)


def _audited(services: Services, issue_id: int) -> list[tuple[str, int | None]]:
    a = orm.AuditRow
    with services.db.reading() as session:
        query = select(a.action, a.review_id).where(
            a.record_kind == "calendar_issues", a.record_id == issue_id
        )
        return [(str(action), review) for action, review in session.execute(query.order_by(a.id))]


def _move(target: str, meeting_id: int, review_id: int) -> None:
    """Another clerk's program (another connection) moves the meeting to another review."""
    other = Services.open(target)
    try:
        with other.db.engine.begin() as con:
            con.execute(_moving(meeting_id, review_id))
    finally:
        other.close()


def _moving(meeting_id: int, review_id: int) -> Any:
    m = orm.MeetingRow.__table__
    return update(m).where(m.c.id == meeting_id).values(review_id=review_id, key="moved")


def _meeting_and_other_review(services: Services, sample_id: int) -> tuple[int, int]:
    meeting = services.meetings.list(sample_id)[0]
    other = services.review_edits.create_review("Another review")
    return meeting.id, other.id


def test_a_record_moved_to_another_review_is_named_by_it_in_the_next_transaction(
    services: Services, connection: Connection, db_target: str, sample_id: int
) -> None:
    meeting_id, other_id = _meeting_and_other_review(services, sample_id)
    session = _session(connection)
    invitation_register.record(session, meeting_id, ISSUE)  # its review read, and kept
    issue_id = _last_issue(session, meeting_id)
    assert review_scope.touched_reviews(session) == {sample_id}
    session.commit()
    session.info.pop(review_scope.TOUCHED)  # gathered for the session's life, not kept

    _move(db_target, meeting_id, other_id)
    _add_recipient(session, issue_id)  # the next transaction, on the same connection
    assert review_scope.touched_reviews(session) == {other_id}
    session.commit()
    session.close()

    assert _audited(services, issue_id) == [("created", sample_id), ("changed", other_id)]


def test_a_statement_that_moves_a_record_is_read_again_in_its_own_transaction(
    services: Services, connection: Connection, sample_id: int
) -> None:
    meeting_id, other_id = _meeting_and_other_review(services, sample_id)
    session = _session(connection)
    invitation_register.record(session, meeting_id, ISSUE)
    issue_id = _last_issue(session, meeting_id)
    session.execute(_moving(meeting_id, other_id))  # asked before it runs: the old review
    assert review_scope.touched_reviews(session) == {sample_id}
    _add_recipient(session, issue_id)  # after it: the issue's meeting is in the other
    assert review_scope.touched_reviews(session) == {sample_id, other_id}
    session.rollback()
    session.close()


def test_what_is_kept_goes_with_the_transaction(
    services: Services, connection: Connection, sample_id: int
) -> None:
    meeting_id, _ = _meeting_and_other_review(services, sample_id)
    session = _session(connection)
    invitation_register.record(session, meeting_id, ISSUE)
    assert session.info.get(review_scope.KNOWN)
    session.rollback()
    assert review_scope.KNOWN not in session.info
    session.close()
