"""What issuing an invitation writes besides the file, on both databases: the register's
issue and its recipients in order, one audit row for the issue created and one for the
export (its recipients are parts of it, not records of their own), and the change
windows are told of (the Invitations tab refreshes on it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from scrutiny_desk.domain.errors import ExportError, NotFoundError, ReadOnlyError
from scrutiny_desk.domain.invitation_records import IssuedTo, IssueKind, PersonKind
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.invitations import InvitationService
from scrutiny_desk.store import changes, orm
from scrutiny_desk.store.changes import Topic
from tests.exports.calendar_checks import NOW

from .test_invitations import review


def _audit(services: Services, review_id: int) -> list[tuple[str, str, str]]:
    a = orm.AuditRow
    with services.db.reading() as session:
        rows = session.execute(
            select(a.action, a.record_kind, a.detail).where(a.review_id == review_id).order_by(a.id)
        ).all()
    return [(str(action), kind, detail or "") for action, kind, detail in rows]


def test_an_invitation_writes_its_issue_recipients_audit_rows_and_change(
    services: Services, tmp_path: Path
) -> None:
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    dee = services.witness_edits.find_witness(review_id, "dee")
    invitations = InvitationService(services.db, clock=lambda: NOW)
    before = _audit(services, review_id)

    with changes.recording() as topics:
        invitations.invite(meeting.id, tmp_path / "panel.eml")
    assert Topic.INVITATIONS in topics
    with changes.recording() as topics:
        invitations.invite(meeting.id, tmp_path / "dee.ics", dee.id)
    assert Topic.INVITATIONS in topics

    panel, own = invitations.issued(meeting.id)
    assert (panel.kind, own.kind) == (IssueKind.INVITATION, IssueKind.INVITATION)
    assert panel.recipients == (
        IssuedTo(PersonKind.MEMBER, "ann", "Cllr Ann Lee", "ann@example.org"),
        IssuedTo(PersonKind.MEMBER, "bob", "Cllr Bob Roy", "bob@example.org"),
    )
    assert own.recipients == (IssuedTo(PersonKind.WITNESS, "dee", "Dee Shah", "dee@example.org"),)
    written = [(action, kind) for action, kind, _ in _audit(services, review_id)[len(before) :]]
    assert written == [
        ("exported", "meetings"),
        ("created", "calendar_issues"),
        ("exported", "meetings"),
        ("created", "calendar_issues"),
    ]


def test_an_unknown_witness_is_named_and_nothing_is_written(
    services: Services, tmp_path: Path
) -> None:
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    invitations = InvitationService(services.db, clock=lambda: NOW)
    with pytest.raises(NotFoundError, match="There is no witness with id 999999"):
        invitations.invite(meeting.id, tmp_path / "x.eml", 999999)
    assert invitations.issued(meeting.id) == ()
    assert not (tmp_path / "x.eml").exists()


def test_a_read_only_database_says_what_the_meeting_refuses_then_refuses_to_record(
    services: Services, tmp_path: Path
) -> None:
    """An invitation is read, drawn and recorded in one transaction; a database open
    read-only is read first all the same, so its refusals come in the same order."""
    review_id = services.reviews.import_bytes(codec.encode(review()))
    meeting = services.meeting_edits.find(review_id, "ev1")
    invitations = InvitationService(services.db, clock=lambda: NOW)
    services.db.read_only, services.db.read_only_reason = True, "a test"
    with pytest.raises(ReadOnlyError, match="a test"):
        invitations.invite(meeting.id, tmp_path / "panel.eml")
    services.db.read_only = False
    services.meeting_edits.cancel_meeting(meeting.id, meeting.version)
    services.db.read_only = True
    with pytest.raises(ExportError, match="is cancelled: it gets no invitation"):
        invitations.invite(meeting.id, tmp_path / "panel.eml")
    with pytest.raises(ReadOnlyError, match="a test"):
        invitations.cancellation(meeting.id, tmp_path / "panel.eml")
    services.db.read_only = False
    assert invitations.issued(meeting.id) == ()
    assert not any(tmp_path.glob("*.eml")) and not any(tmp_path.glob(".scrutiny-desk-part*"))
