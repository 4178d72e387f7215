"""Erasing a witness's personal data (UK GDPR): after it, the name is found nowhere —
not by the full-text index, not in the SQLite file or its -wal (a byte scan), not in
any paper, report, invitation or review file — and the review still round-trips byte
for byte. Approved minutes that name a witness stay exactly as approved, and the plan
said so first; the audit trail records the erasure without the erased words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from scrutiny_desk.domain.audit_records import AuditAction
from scrutiny_desk.domain.enums import EvidenceKind, ReportPurpose
from scrutiny_desk.domain.errors import ConflictError, ExportError
from scrutiny_desk.domain.personal_data_records import APPROVED_MINUTES_EXCEPTION, SubjectKind
from scrutiny_desk.domain.topics import EVERYTHING
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import orm

NAME = "Harriet Quennellby"
ROLE = "Head of Yarrowmere Tenancy"
ORGANISATION = "Zephyrine Housing Trust"
EMAIL = "h.quennellby@zephyrine.example"
TOR = "strategy"
SECRETS = ("quennellby", "yarrowmere", "zephyrine")  # what must be left nowhere


@pytest.fixture
def witness(services: Services, sample_id: int, tmp_path: Path) -> int:
    """A witness of the sample on an item of the recommendations meeting (its minutes
    still draft), with a note attributed to them, evidence they sent, an invitation
    issued to them and a report version frozen while they were named; their id."""
    added = services.witness_edits.add_witness(sample_id, NAME, ROLE, ORGANISATION, EMAIL, "hq")
    item = services.agenda.find(sample_id, "recs-findings")
    services.agenda.set_item_witnesses(
        item.id, item.version, [*(w.key for w in item.witnesses), "hq"]
    )
    services.notes.capture(
        sample_id, "Tenancy sustainment fell by a third.", [TOR], witnesses=["hq"]
    )
    services.evidence.create(sample_id, "Tenancy figures", EvidenceKind.WRITTEN, witness="hq")
    recs = services.meeting_edits.find(sample_id, "recs")
    services.exports.invite(recs.id, tmp_path / "invite.ics", added.id)
    services.report_versions.make(sample_id, ReportPurpose.COMMENT)
    return added.id


def _found_in(data: bytes) -> list[str]:
    lowered = data.lower()
    return [s for s in SECRETS if s.encode() in lowered]


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_before_erasure_the_name_is_held_where_the_fixture_put_it(
    services: Services, sample_id: int, witness: int
) -> None:
    """So the checks after erasure look where the name really was."""
    held = services.personal_data.held(sample_id, "hq")
    assert len(held.invitations) == 1 and held.invitations[0].name == NAME
    assert [i.item_key for i in held.items] == ["recs-findings"]
    assert len(held.notes) == 1 and len(held.evidence) == 1
    assert held.report_versions == ("0.3",)
    assert held.approved_minutes == ()
    assert services.search.search(sample_id, "Quennellby").total == 1  # the register


def test_after_erasure_the_name_is_left_nowhere(
    services: Services, sample_id: int, witness: int, tmp_path: Path
) -> None:
    plan = services.personal_data.erasure_plan(sample_id, "hq")
    assert plan.label == "Witness 9" and plan.mentions == () and plan.approved_minutes == ()
    erased = services.personal_data.erase(sample_id, "hq")
    assert erased.clear_undo and erased.topics == EVERYTHING and erased.label == "Witness 9"
    assert erased.ids == (witness,) and erased.kind is SubjectKind.WITNESS

    record = services.witness_edits.witness(witness)
    assert (record.name, record.role, record.organisation, record.email) == (
        "Witness 9",
        None,
        None,
        None,
    )
    # the full-text index and the search
    assert services.search.search(sample_id, "Quennellby").total == 0
    with services.db.reading() as session:
        if services.db.dialect == "sqlite":
            hits = session.execute(
                text("SELECT rowid FROM search_index WHERE search_index MATCH 'quennellby'")
            ).all()
            assert hits == []
        else:
            hits = session.execute(
                text("SELECT 1 FROM search_index WHERE document @@ to_tsquery('quennellby')")
            ).all()
            assert hits == []
        # the register keeps the entry, by the label
        names = session.execute(select(orm.CalendarRecipientRow.name)).scalars().all()
        assert "Witness 9" in names and NAME not in names
    # every export
    written: list[Path] = []
    for meeting in services.meetings.list(sample_id):
        for audience in (Audience.PUBLIC, Audience.PANEL):
            for paper in ("agenda", "minutes"):
                path = tmp_path / f"{paper}-{meeting.key}-{audience.value}.pdf"
                try:
                    getattr(services.exports, paper)(meeting.id, audience, path)
                except ExportError as exc:  # a meeting that did not take place
                    assert "has no minutes" in str(exc) and paper == "minutes"
                    continue
                written.append(path)
    for audience in (Audience.PUBLIC, Audience.PANEL):
        for version in (None, "0.3"):
            path = tmp_path / f"report-{audience.value}-{version}.pdf"
            services.exports.report(sample_id, path, audience=audience, version=version)
            written.append(path)
    recs = services.meeting_edits.find(sample_id, "recs")
    services.exports.invite(recs.id, tmp_path / "again.ics", witness)
    services.exports.invite(recs.id, tmp_path / "panel.ics")
    for path in written:
        assert _found_in(_pdf_text(path).encode()) == [], path.name
    for name in ("again.ics", "panel.ics"):
        assert _found_in((tmp_path / name).read_bytes().replace(b"\r\n ", b"")) == []
    exported = services.reviews.export_bytes(sample_id)
    assert _found_in(exported) == []
    # the file and its -wal
    if services.db.dialect == "sqlite":
        assert erased.file_scrubbed
        database = Path(str(services.db.engine.url.database))
        for path in (database, database.with_name(database.name + "-wal")):
            if path.exists():
                assert _found_in(path.read_bytes()) == [], path.name
    # the review round-trips byte for byte
    again = Services.open(str(tmp_path / "again.sqlite3"))
    try:
        copy = again.reviews.import_bytes(exported)
        assert again.reviews.export_bytes(copy) == exported
    finally:
        again.close()


def test_erasure_is_audited_without_the_erased_words(
    services: Services, sample_id: int, witness: int
) -> None:
    services.personal_data.erase(sample_id, witness)
    with services.db.reading() as session:
        a = orm.AuditRow
        rows = session.execute(
            select(a.action, a.record_kind, a.record_id, a.review_id, a.actor, a.detail)
        ).all()
    erased = [r for r in rows if r.action == AuditAction.ERASED.value]
    assert [(r.record_kind, r.record_id, r.review_id) for r in erased] == [
        ("witnesses", witness, sample_id)
    ]
    every_word = json.dumps([[r.actor, r.record_kind, r.detail] for r in rows]).encode()
    assert _found_in(every_word) == []


def test_a_person_cannot_be_erased_twice(services: Services, sample_id: int, witness: int) -> None:
    services.personal_data.erase(sample_id, "hq")
    with pytest.raises(ConflictError, match="already erased"):
        services.personal_data.erase(sample_id, "hq")


def test_approved_minutes_naming_a_witness_stay_as_approved(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    """The sample's "mps-drugs" is named in the approved minutes of the first evidence
    session: the plan says they are kept, and after erasure they are, byte for byte."""
    ev1 = services.meeting_edits.find(sample_id, "ev1")
    with services.db.reading() as session:
        before = session.execute(
            select(orm.MinutesSnapshotRow.public, orm.MinutesSnapshotRow.panel).order_by(
                orm.MinutesSnapshotRow.id
            )
        ).all()
    plan = services.personal_data.erasure_plan(sample_id, "mps-drugs")
    assert [a.meeting_key for a in plan.approved_minutes] == ["ev1"]
    assert plan.exception == APPROVED_MINUTES_EXCEPTION and "statutory record" in plan.exception
    assert any(m.approved for m in plan.mentions)  # its minute, in those approved minutes
    services.personal_data.erase(sample_id, "mps-drugs")
    with services.db.reading() as session:
        after = session.execute(
            select(orm.MinutesSnapshotRow.public, orm.MinutesSnapshotRow.panel).order_by(
                orm.MinutesSnapshotRow.id
            )
        ).all()
    assert after == before
    path = tmp_path / "ev1.pdf"
    services.exports.minutes(ev1.id, Audience.PUBLIC, path)
    assert "Director of Drugs Strategy" in _pdf_text(path)
    assert services.witness_edits.find_witness(sample_id, "mps-drugs").name == "Witness 1"


def test_an_officer_is_erased_from_every_meeting_that_recorded_them(
    services: Services, sample_id: int
) -> None:
    people = {p.key: p for p in services.personal_data.people(sample_id)}
    officer = people["okafor"]
    assert officer.kind is SubjectKind.OFFICER and officer.label == "Officer 2"
    erased = services.personal_data.erase(sample_id, officer)
    assert erased.ids == officer.row_ids
    after = {p.key: p for p in services.personal_data.people(sample_id)}["okafor"]
    assert (after.name, after.role, after.email, after.erased) == ("Officer 2", None, None, True)
    held = services.personal_data.held(sample_id, "okafor")
    assert held.mentions == () and held.approved_minutes == ()  # "Officer 2" is no one
    assert services.search.search(sample_id, "Okafor").total == 0


def test_another_open_copy_does_not_keep_the_name_in_the_wal(
    sqlite_services: Services, sqlite_target: str, tmp_path: Path
) -> None:
    """A second copy of the app has the same file open, with connections in its pool:
    erasure still truncates the WAL and vacuums, so neither file holds the name."""
    services = sqlite_services
    review = services.review_edits.create_review("Housing")
    services.witness_edits.add_witness(review.id, NAME, ROLE, ORGANISATION, EMAIL, "hq")
    other = Services.open(sqlite_target)
    try:
        assert other.personal_data.person(review.id, "hq").name == NAME  # a pooled connection
        erased = services.personal_data.erase(review.id, "hq")
        assert erased.file_scrubbed
        assert other.personal_data.person(review.id, "hq").name == "Witness 1"
    finally:
        other.close()
    database = Path(sqlite_target)
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            assert _found_in(path.read_bytes()) == [], path.name
