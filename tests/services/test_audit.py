"""The audit trail as the services write and read it, on a SQLite file and on
PostgreSQL: minutes approved and reopened, every kind of export (which paper, which
audience, which format), a record's history and a review's log with its filters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scrutiny_desk.domain.audit_records import AuditAction, AuditEntry, AuditQuery
from scrutiny_desk.domain.errors import ExportError, ScrutinyError, ValidationError
from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.audit import DELETED_LABEL, detail_words, kind_of, kind_words
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.witness_edits import WitnessChanges
from scrutiny_desk.store import audit
from scrutiny_desk.store.db import current_user
from tests.conftest import PostgresServer
from tests.managed_pg import Managed, managed_sample


@pytest.fixture
def services(db_target: str, sample_id: int) -> Iterator[Services]:
    opened = Services.open(db_target)
    yield opened
    opened.close()


def user(services: Services) -> str:
    if services.db.dialect == "sqlite":
        return current_user()
    with services.db.engine.connect() as con:
        return str(con.execute(text("SELECT session_user")).scalar_one())


def meeting(services: Services, review_id: int, key: str) -> int:
    return services.meeting_edits.find(review_id, key).id


def newer(services: Services, review_id: int, than: int) -> list[AuditEntry]:
    """The review's entries after entry ``than``, oldest first."""
    log = services.audit.review_log(AuditQuery(review_id=review_id, limit=10_000))
    return [e for e in reversed(log) if e.id > than]


def last(services: Services, review_id: int) -> int:
    log = services.audit.review_log(AuditQuery(review_id=review_id, limit=1))
    return log[0].id if log else 0


def test_approving_and_reopening_minutes_each_write_their_own_row(
    services: Services, sample_id: int
) -> None:
    recs = meeting(services, sample_id, "recs")
    mark = last(services, sample_id)
    record = services.minutes.minutes(recs)
    approved = services.minutes.approve_minutes(recs, record.version, date(2007, 7, 9))
    (row,) = newer(services, sample_id, mark)  # not also "changed": approving says why
    assert (row.action, row.record_kind, row.record_id, row.review_id) == (
        AuditAction.APPROVED,
        "meetings",
        recs,
        sample_id,
    )
    assert row.detail == "approved on 2007-07-09"
    assert row.actor == user(services)

    with pytest.raises(ValidationError):  # approved already: refused, and no trace
        services.minutes.approve_minutes(recs, approved.version, date(2007, 7, 10))
    assert newer(services, sample_id, row.id) == []

    mark = row.id
    services.minutes.reopen_minutes(recs, approved.version, "A name was misspelt")
    (row,) = newer(services, sample_id, mark)
    assert (row.action, row.record_id, row.actor) == (AuditAction.REOPENED, recs, user(services))
    assert "misspelt" not in row.detail  # the reason is the minutes' history, not the trail


def test_every_export_records_its_paper_audience_and_format(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    ev1, ev2 = meeting(services, sample_id, "ev1"), meeting(services, sample_id, "ev2")
    mark = last(services, sample_id)
    exports = services.exports
    exports.agenda(ev1, Audience.PANEL, tmp_path / "agenda.pdf")
    exports.minutes(ev1, Audience.PUBLIC, tmp_path / "minutes.docx")
    exports.calendar(sample_id, Audience.PUBLIC, tmp_path / "programme.ics")
    exports.report(sample_id, tmp_path / "report.pdf", audience=Audience.PANEL)
    exports.invite(ev1, tmp_path / "invite.ics")
    exports.cancellation(ev2, tmp_path / "cancelled.eml")
    services.coverage.export_pdf(sample_id, Audience.PUBLIC, tmp_path / "coverage.pdf")
    services.packs.export_pack(ev1, Audience.PUBLIC, tmp_path / "pack.pdf")
    services.reviews.export_file(sample_id, tmp_path / "review.json")
    services.web_publishing.publish_review(sample_id, tmp_path / "web")
    found = [
        (e.record_kind, e.record_id, json.loads(e.detail), e.actor)
        for e in newer(services, sample_id, mark)
        if e.action is AuditAction.EXPORTED
    ]
    me = user(services)
    assert found == [
        ("meetings", ev1, {"paper": "agenda", "audience": "panel", "format": "pdf"}, me),
        ("meetings", ev1, {"paper": "minutes", "audience": "public", "format": "docx"}, me),
        ("reviews", sample_id, {"paper": "programme", "audience": "public", "format": "ics"}, me),
        ("reviews", sample_id, {"paper": "report", "audience": "panel", "format": "pdf"}, me),
        ("meetings", ev1, {"paper": "invitation", "audience": "panel", "format": "ics"}, me),
        ("meetings", ev2, {"paper": "cancellation", "audience": "panel", "format": "eml"}, me),
        ("reviews", sample_id, {"paper": "coverage", "audience": "public", "format": "pdf"}, me),
        ("meetings", ev1, {"paper": "agenda pack", "audience": "public", "format": "pdf"}, me),
        ("reviews", sample_id, {"paper": "review file", "audience": None, "format": "json"}, me),
        (
            "reviews",
            sample_id,
            {"paper": "coverage", "audience": "public", "format": "html, pdf"},
            me,
        ),
        (
            "reviews",
            sample_id,
            {"paper": "action plan", "audience": "public", "format": "html, pdf"},
            me,
        ),
    ]
    invitation = next(e for e in newer(services, sample_id, mark) if "invitation" in e.detail)
    assert detail_words(invitation) == "invitation for the panel (ics)"


def test_a_witness_invitation_is_for_the_witness(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    ev1 = meeting(services, sample_id, "ev1")
    witness = services.witness_edits.find_witness(sample_id, "mps-drugs")  # on ev1's agenda
    mark = last(services, sample_id)
    services.exports.invite(ev1, tmp_path / "witness.ics", witness.id)
    (row,) = [e for e in newer(services, sample_id, mark) if e.action is AuditAction.EXPORTED]
    assert json.loads(row.detail)["audience"] == "witness"


def test_a_failed_export_records_nothing(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    ev1 = meeting(services, sample_id, "ev1")
    mark = last(services, sample_id)
    with pytest.raises(ExportError):
        services.exports.agenda(ev1, Audience.PUBLIC, tmp_path / "agenda.txt")
    with pytest.raises(ExportError):
        services.exports.minutes(
            meeting(services, sample_id, "ev2"), Audience.PUBLIC, tmp_path / "m.pdf"
        )
    assert newer(services, sample_id, mark) == []


def test_a_records_history_is_newest_first_with_its_present_label(
    services: Services, sample_id: int
) -> None:
    audit_ = services.audit
    added = services.witness_edits.add_witness(sample_id, "Dr Ada Example")
    once = services.witness_edits.update_witness(
        added.id, added.version, WitnessChanges(role="Consultant")
    )
    twice = services.witness_edits.update_witness(
        added.id, once.version, WitnessChanges(name="Witness 9")
    )
    history = audit_.history("witnesses", added.id)
    assert [(e.action, e.detail) for e in history] == [
        (AuditAction.CHANGED, "name"),
        (AuditAction.CHANGED, "role"),
        (AuditAction.CREATED, ""),
    ]
    assert history[0].id > history[1].id > history[2].id
    assert all(e.at.tzinfo is UTC and e.review_id == sample_id for e in history)
    assert audit_.label("witnesses", added.id) == "Witness 9"  # the name it has now
    services.witness_edits.remove_witness(added.id, twice.version)
    assert audit_.history("witnesses", added.id)[0].action is AuditAction.DELETED
    assert audit_.label("witnesses", added.id) == DELETED_LABEL
    assert audit_.label("meetings", meeting(services, sample_id, "ev1")) == (
        services.meetings.get(meeting(services, sample_id, "ev1")).title
    )


def test_the_review_log_filters_by_action_user_kind_and_time(
    services: Services, sample_id: int
) -> None:
    audit_ = services.audit
    witness = services.witness_edits.add_witness(sample_id, "Someone")
    services.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(role="Officer")
    )
    with services.db.writing() as session:  # another review's entry: not in this log
        audit.record(session, AuditAction.CHANGED, "witnesses", 1, sample_id + 1000, "name")
    everything = audit_.review_log(AuditQuery(review_id=sample_id))
    assert everything and all(e.review_id == sample_id for e in everything)
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)

    changed = audit_.review_log(AuditQuery(review_id=sample_id, action=AuditAction.CHANGED))
    assert changed[0].record_id == witness.id
    assert {e.action for e in changed} == {AuditAction.CHANGED}
    kinds = audit_.review_log(AuditQuery(review_id=sample_id, record_kind="witnesses"))
    assert [e.action for e in kinds][:2] == [AuditAction.CHANGED, AuditAction.CREATED]
    assert {e.record_kind for e in kinds} == {"witnesses"}
    me = user(services)
    mine = audit_.review_log(AuditQuery(review_id=sample_id, actor=me))
    assert mine[:2] == [changed[0], kinds[1]]
    assert audit_.review_log(AuditQuery(review_id=sample_id, actor="nobody-at-all")) == []
    later = datetime.now(UTC) + timedelta(hours=1)
    assert audit_.review_log(AuditQuery(review_id=sample_id, since=later)) == []
    assert audit_.review_log(AuditQuery(review_id=sample_id, until=later)) == everything
    assert len(audit_.review_log(AuditQuery(review_id=sample_id, limit=1))) == 1
    assert me in audit_.actors(sample_id)
    assert "witnesses" in audit_.kinds(sample_id)
    assert audit_.kinds(sample_id + 1000) == ["witnesses"]


def test_kinds_are_named_in_a_clerks_words() -> None:
    assert kind_words("witnesses") == "witness"
    assert kind_words("agenda_items") == "agenda item"
    assert kind_words("meeting_attendees") == "person present"
    assert kind_of("agenda item") == "agenda_items"
    assert kind_of("Witness") == "witnesses"
    assert kind_of("tor_items") == "tor_items"


# A shared database: each role's own login (not a superuser), named by PostgreSQL ---------


@pytest.fixture(scope="module")
def shared(
    postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Managed, int]]:
    managed, review_id = managed_sample(postgres, tmp_path_factory.mktemp("home"))
    try:
        yield managed, review_id
    finally:
        managed.drop()


def _admin_log(managed: Managed, after: int) -> list[tuple[object, ...]]:
    engine = create_engine(managed.admin_url)
    try:
        with engine.connect() as con:
            sql = "SELECT actor, action, record_kind, record_id, detail FROM audit_log"
            found = con.execute(text(f"{sql} WHERE id > :after ORDER BY id"), {"after": after})
            return [tuple(r) for r in found]
    finally:
        engine.dispose()


def _admin_last(managed: Managed) -> int:
    engine = create_engine(managed.admin_url)
    try:
        with engine.connect() as con:
            return int(con.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_clerk_login_is_named_whatever_the_app_claims(shared: tuple[Managed, int]) -> None:
    managed, review_id = shared
    services = Services.open(managed.login(DbRole.CLERK))
    login = managed.logins[-1]
    try:
        services.db.user = "someone-else"  # the client's claim: PostgreSQL overrules it
        mark = _admin_last(managed)
        witness = services.witness_edits.add_witness(review_id, "Someone New")
        recs = meeting(services, review_id, "recs")
        record = services.minutes.minutes(recs)
        services.minutes.approve_minutes(recs, record.version, date(2007, 7, 9))
        assert _admin_log(managed, mark) == [
            (login, "created", "witnesses", witness.id, ""),
            (login, "approved", "meetings", recs, "approved on 2007-07-09"),
        ]
        assert services.audit.history("witnesses", witness.id)[0].actor == login
    finally:
        services.close()


@pytest.mark.postgres
def test_a_readers_and_a_public_readers_exports_are_recorded_under_their_logins(
    shared: tuple[Managed, int], tmp_path: Path
) -> None:
    managed, review_id = shared
    reader = Services.open(managed.login(DbRole.READER))
    reader_login = managed.logins[-1]
    public = Services.open(managed.login(DbRole.PUBLIC_READER))
    public_login = managed.logins[-1]
    try:
        ev1 = meeting(reader, review_id, "ev1")
        mark = _admin_last(managed)
        reader.exports.agenda(ev1, Audience.PANEL, tmp_path / "panel.pdf")
        # the public reader may not INSERT: the database's own function records it
        public.audit.exported("agenda", "public", "meetings", ev1, review_id, format="pdf")
        with pytest.raises(ScrutinyError, match="only a clerk or a reader"):
            public.audit.exported("agenda", "panel", "meetings", ev1, review_id)
        (by_reader, by_public) = _admin_log(managed, mark)
        assert by_reader[:4] == (reader_login, "exported", "meetings", ev1)
        assert json.loads(str(by_reader[4]))["audience"] == "panel"
        assert by_public[:4] == (public_login, "exported", "meetings", ev1)
        assert json.loads(str(by_public[4])) == {
            "paper": "agenda",
            "audience": "public",
            "format": "pdf",
        }
        assert reader.audit.review_log(AuditQuery(review_id=review_id, limit=2))[0].actor == (
            public_login
        )  # a reader reads the trail
    finally:
        reader.close()
        public.close()
