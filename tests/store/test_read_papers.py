"""A paper's own read (``meeting_papers.read_papers``) gives what the read in a session
gives (``meeting_papers`` and ``kept_minutes``), on both backends: on PostgreSQL it
runs through the driver on a pooled connection, without a session (``pg_driver``), and
an export's audit row is one INSERT there (``audit.append_export``), issue 13."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from scrutiny_desk.domain.audit_records import AuditAction
from scrutiny_desk.domain.enums import MinutesStatus
from scrutiny_desk.domain.errors import ExportError, NotFoundError
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import meeting_papers, orm

postgresql = pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)


def _sample() -> Review:
    return codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())


def _session_reads(services: Services, meeting_id: int) -> tuple[object, object]:
    with services.db.reading() as session:
        return (
            meeting_papers.meeting_papers(session, meeting_id),
            meeting_papers.kept_minutes(session, meeting_id),
        )


def test_a_papers_read_is_the_sessions(services: Services) -> None:
    """Every meeting of the sample (held, cancelled, postponed; attendance, attendees,
    declarations, resolutions and votes, reports, decisions on the report, interests,
    approved minutes kept and not), and of the sample with every witness private."""
    sample = _sample()
    private = replace(
        sample,
        witnesses=tuple(replace(w, private=True) for w in sample.witnesses),
        meetings=tuple(replace(m, uid=None) for m in sample.meetings),
    )
    compared = 0
    kept = 0
    for review in (sample, private):
        review_id = services.reviews.import_bytes(codec.encode(review))
        for meeting in services.meetings.list(review_id):
            papers, minutes = _session_reads(services, meeting.id)
            assert meeting_papers.read_papers(services.db, meeting.id) == (papers, None)
            read = meeting_papers.read_papers(services.db, meeting.id, kept=True)
            assert read == (papers, minutes), meeting.key
            assert repr(read) == repr((papers, minutes))  # the same types too (True, not 1)
            compared += 1
            kept += minutes is not None
    assert compared >= 16 and kept >= 1
    # the sample has every rarer part somewhere: the fast path is not all that was tried
    with services.db.reading() as session:
        con = session.connection()
        for row in (
            orm.AttendanceRow,
            orm.AttendeeRow,
            orm.DeclarationRow,
            orm.ResolutionRow,
            orm.ItemReportRow,
            orm.ReportConsiderationRow,
            orm.InterestRow,
        ):
            assert con.execute(select(row.id).limit(1)).first() is not None, row


def test_a_meeting_that_is_not_there_is_named(services: Services) -> None:
    with pytest.raises(NotFoundError, match="There is no meeting with id 999"):
        meeting_papers.read_papers(services.db, 999)


@postgresql
def test_postgresql_reads_a_paper_without_a_session_or_transaction(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    """An agenda's read and its audit row go through the driver on one pooled
    connection: no statement through SQLAlchemy's engine, no transaction begun; the row
    is as a session wrote it."""
    from sqlalchemy import event

    ev1 = services.meeting_edits.find(sample_id, "ev1").id
    services.exports.agenda(ev1, Audience.PANEL, tmp_path / "warm.pdf")
    seen: list[str] = []

    def executed(*args: object) -> None:
        seen.append(str(args[2]))

    def began(*_args: object) -> None:
        seen.append("BEGIN")

    def checked_out(*_args: object) -> None:
        seen.append("checkout")

    engine = services.db.engine
    event.listen(engine, "before_cursor_execute", executed)
    event.listen(engine, "begin", began)
    event.listen(engine.pool, "checkout", checked_out)
    try:
        services.exports.agenda(ev1, Audience.PANEL, tmp_path / "agenda.pdf")
    finally:
        event.remove(engine, "before_cursor_execute", executed)
        event.remove(engine, "begin", began)
        event.remove(engine.pool, "checkout", checked_out)
    assert seen == ["checkout"]  # one connection for the read and the audit row
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]  # and given back
    with pytest.raises(ExportError):  # refused after its read: given back too
        services.exports.minutes(
            services.meeting_edits.find(sample_id, "ev2").id, Audience.PUBLIC, tmp_path / "m.pdf"
        )
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    with engine.connect() as con:
        actor, action, kind, record, review, detail, pending = con.execute(
            text(
                "SELECT actor, action, record_kind, record_id, review_id, detail,"
                " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state LIKE 'idle in transaction%') FROM audit_log ORDER BY id DESC LIMIT 1"
            )
        ).one()
        user = con.execute(text("SELECT session_user")).scalar_one()
    assert (actor, action, kind, record, review) == (
        user,
        AuditAction.EXPORTED.value,
        "meetings",
        ev1,
        sample_id,
    )
    assert json.loads(detail) == {"paper": "agenda", "audience": "panel", "format": "pdf"}
    assert pending == 0  # the pooled connections went back out of any transaction


@postgresql
def test_postgresql_minutes_print_the_kept_minutes(services: Services, sample_id: int) -> None:
    """Minutes approved with their record kept print from it, read through the driver."""
    approved = [
        m
        for m in services.meetings.list(sample_id)
        if services.minutes.minutes(m.id).status is MinutesStatus.APPROVED
    ]
    assert approved
    found = [services.minutes.to_print(m.id).kept for m in approved]
    assert any(k is not None for k in found)
    assert found == [_session_reads(services, m.id)[1] for m in approved]


@postgresql
def test_postgresql_reads_a_held_meeting_in_two_trips(
    services: Services, sample_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meeting's row and its lists go together, then every rarer part it has
    together: no statement is sent alone."""
    from scrutiny_desk.store import pg_driver

    sent: list[int] = []
    together = pg_driver.Reader.together

    def counted(self: pg_driver.Reader, *statements: object) -> list[list[object]]:
        sent.append(len(statements))
        return together(self, *statements)  # type: ignore[arg-type]

    def alone(*_args: object) -> None:
        pytest.fail("a statement was sent alone")

    monkeypatch.setattr(pg_driver.Reader, "together", counted)
    monkeypatch.setattr(pg_driver.Reader, "named", alone)
    monkeypatch.setattr(pg_driver.Reader, "execute", alone)
    ev1 = services.meeting_edits.find(sample_id, "ev1").id  # held: attendance, attendees
    meeting_papers.read_papers(services.db, ev1, kept=True)
    assert len(sent) == 2 and sent[0] == 3 and sent[1] >= 2, sent
