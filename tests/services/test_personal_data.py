"""What a review holds about a person, the subject-access export of it, retention
dates and the privacy notice invitations to witnesses carry (UK GDPR)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.enums import EvidenceKind, ReportPurpose, ReviewStatus
from scrutiny_desk.domain.errors import ExportError, NotFoundError, ValidationError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.personal_data_records import (
    STANDARD_PRIVACY_NOTICE,
    SubjectKind,
    retention_default,
)
from scrutiny_desk.services.container import Services

NAME = "Harriet Quennellby"
TOR = "strategy"


@pytest.fixture
def held_everywhere(services: Services, sample_id: int, tmp_path: Path) -> int:
    """A witness held in every way a review can hold someone: on an item, a note
    attributed to them, evidence they sent, an invitation, a frozen report version, and
    named in a note, a draft minute and a report paragraph by the clerk."""
    added = services.witness_edits.add_witness(
        sample_id, NAME, "Tenancy lead", "Zephyrine Trust", "hq@zephyrine.example", "hq"
    )
    item = services.agenda.find(sample_id, "recs-findings")
    services.agenda.set_item_witnesses(
        item.id, item.version, [*(w.key for w in item.witnesses), "hq"]
    )
    services.notes.capture(sample_id, "Sustainment fell by a third.", [TOR], witnesses=["hq"])
    services.notes.capture(sample_id, f"Ask {NAME} for the 2006 figures.", [TOR], witnesses=[])
    services.evidence.create(sample_id, "Tenancy figures", EvidenceKind.WRITTEN, witness="hq")
    item = services.agenda.find(sample_id, "recs-findings")
    services.minutes.set_minute(item.id, item.version, f"{NAME} summarised the figures.")
    services.report_paragraphs.add(sample_id, "approach", f"We heard from {NAME} in May.")
    recs = services.meeting_edits.find(sample_id, "recs")
    services.exports.invite(recs.id, tmp_path / "invite.ics", added.id)
    services.report_versions.make(sample_id, ReportPurpose.COMMENT)
    return added.id


def test_the_people_of_the_sample_and_their_neutral_labels(
    services: Services, sample_id: int
) -> None:
    people = services.personal_data.people(sample_id)
    kinds = [p.kind for p in people]
    assert kinds.count(SubjectKind.WITNESS) == 8
    assert [(p.key, p.label) for p in people if p.kind is not SubjectKind.WITNESS] == [
        ("holloway", "Substitute 1"),
        ("ashraf-malik", "Officer 1"),
        ("okafor", "Officer 2"),
        ("marsh", "Person present 1"),
    ]
    assert [p.label for p in people[:3]] == ["Witness 1", "Witness 2", "Witness 3"]
    assert not any(p.erased for p in people)
    assert services.personal_data.person(sample_id, people[2].id) == people[2]
    with pytest.raises(NotFoundError, match='"nobody"'):
        services.personal_data.person(sample_id, "nobody")


def test_held_lists_every_kind_of_holding(
    services: Services, sample_id: int, held_everywhere: int
) -> None:
    held = services.personal_data.held(sample_id, "hq")
    assert held.person.id == held_everywhere and held.person.name == NAME
    fields = {f.field: f.value for f in held.fields}
    assert fields["name"] == NAME and fields["email"] == "hq@zephyrine.example"
    assert fields["organisation"] == "Zephyrine Trust" and fields["invitation"] == "to-invite"
    assert [(i.meeting_key, i.kind, i.name) for i in held.invitations] == [
        ("recs", "invitation", NAME)
    ]
    assert [i.item_key for i in held.items] == ["recs-findings"]
    assert [n.text for n in held.notes] == ["Sustainment fell by a third."]
    assert [e.text for e in held.evidence] == ["Tenancy figures"]
    kinds = sorted(m.kind for m in held.mentions)
    assert kinds == ["minute", "note", "paragraph"]
    assert all(NAME in m.text for m in held.mentions)
    assert held.report_versions == ("0.3",)
    assert held.retention.review_id == sample_id


def test_a_witness_in_approved_minutes_lists_them(services: Services, sample_id: int) -> None:
    held = services.personal_data.held(sample_id, "mps-drugs")
    assert [a.meeting_key for a in held.approved_minutes] == ["ev1"]
    assert [(m.kind, m.approved) for m in held.mentions if m.kind == "minute"] == [("minute", True)]


@pytest.mark.parametrize("suffix", [".txt", ".json", ".pdf"])
def test_the_subject_access_export_lists_every_holding(
    services: Services, sample_id: int, held_everywhere: int, tmp_path: Path, suffix: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = services.personal_data.export_subject_access(sample_id, "hq", folder / f"access{suffix}")
    assert [p.name for p in folder.iterdir()] == [f"access{suffix}"]  # no temporary left
    if suffix == ".json":
        document = json.loads(path.read_text("utf-8"))
        assert document["person"]["name"] == NAME
        for name in ("invitations", "items", "notes", "evidence", "mentions", "report_versions"):
            assert document[name], name
        return
    words = (
        "\n".join(p.extract_text() for p in PdfReader(path).pages)
        if suffix == ".pdf"
        else path.read_text("utf-8")
    )
    flat = " ".join(words.split())
    for expected in (
        "hq@zephyrine.example",
        "Invitations sent to you",
        "invitation for Deliberative meeting: agreeing recommendations",
        "Sustainment fell by a third.",
        "Tenancy figures",
        "summarised the figures",
        "We heard from Harriet Quennellby in May.",
        "Version 0.3",
    ):
        assert expected in flat, expected


def test_a_subject_access_export_of_another_kind_is_refused(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match=r'"\.docx": use \.pdf, \.txt or \.json'):
        services.personal_data.export_subject_access(sample_id, "cps", folder / "a.docx")
    assert list(folder.iterdir()) == []


def test_closing_a_review_sets_its_retention_six_years_on(
    services: Services, sample_id: int
) -> None:
    details = services.review_edits.details(sample_id)
    assert details.retention_until is None
    closed = services.review_edits.update_details(
        sample_id, details.version, ReviewChanges(status=ReviewStatus.CLOSED)
    )
    assert closed.retention_until == retention_default(date.today())
    assert retention_default(date(2024, 2, 29)) == date(2030, 2, 28)
    state = services.personal_data.retention(sample_id)
    assert state.effective == closed.retention_until and not state.due(date.today())
    assert [r.review_id for r in services.personal_data.retention_due(state.effective)] == []
    later = state.effective + timedelta(days=1)
    assert [r.review_id for r in services.personal_data.retention_due(later)] == [sample_id]


def test_a_retention_date_set_before_closing_is_kept(services: Services, sample_id: int) -> None:
    details = services.review_edits.details(sample_id)
    state = services.personal_data.set_retention(sample_id, date(2029, 4, 1), details.version)
    assert state.until == date(2029, 4, 1)
    details = services.review_edits.details(sample_id)
    closed = services.review_edits.update_details(
        sample_id, details.version, ReviewChanges(status=ReviewStatus.CLOSED)
    )
    assert closed.retention_until == date(2029, 4, 1)


def test_a_retention_date_that_is_not_a_date_is_refused_by_name(
    services: Services, sample_id: int
) -> None:
    details = services.review_edits.details(sample_id)
    with pytest.raises(ValidationError, match="retention_until: must be a date"):
        services.review_edits.update_details(
            sample_id,
            details.version,
            ReviewChanges(retention_until="2030-01-01"),  # type: ignore[arg-type]
        )


def _unfolded(path: Path) -> str:
    return path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8")


def _escaped(words: str) -> str:
    """As an .ics writes text: commas and semicolons escaped."""
    return words.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def test_a_witness_invitation_carries_the_privacy_notice(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    recs = services.meeting_edits.find(sample_id, "recs")
    item = services.agenda.find(sample_id, "recs-findings")
    services.agenda.set_item_witnesses(item.id, item.version, ["cps"])
    cps = services.witness_edits.find_witness(sample_id, "cps")
    services.exports.invite(recs.id, tmp_path / "cps.ics", cps.id)
    services.exports.invite(recs.id, tmp_path / "panel.ics")
    start = STANDARD_PRIVACY_NOTICE[:60]
    assert _escaped(start) in _unfolded(tmp_path / "cps.ics")
    assert "Privacy notice" not in _unfolded(tmp_path / "panel.ics")
    details = services.review_edits.details(sample_id)
    own = "Our own notice: we keep your words for the review only."
    changed = services.review_edits.update_details(
        sample_id, details.version, ReviewChanges(privacy_notice=own)
    )
    assert changed.privacy_notice == own
    services.exports.invite(recs.id, tmp_path / "cps.eml", cps.id)
    body = (tmp_path / "cps.eml").read_bytes().decode("utf-8", "replace")
    assert own in " ".join(body.split()) or own in body.replace("=\n", "")
    cleared = services.review_edits.update_details(
        sample_id, changed.version, ReviewChanges(privacy_notice="")
    )
    assert cleared.privacy_notice is None
    services.exports.invite(recs.id, tmp_path / "again.ics", cps.id)
    assert _escaped(start) in _unfolded(tmp_path / "again.ics")


def test_the_export_names_the_approved_minutes_kept_as_a_public_record(
    services: Services, sample_id: int, tmp_path: Path
) -> None:
    path = services.personal_data.export_subject_access(sample_id, "mps-drugs", tmp_path / "a.txt")
    words = path.read_text("utf-8")
    heading = "Approved minutes that name you (a public record, kept as approved)"
    after = words.split(heading, 1)[1]
    assert "- 22 January 2007, 14:00, Evidence session 1: the MPS approach to drugs" in after
    assert "approved 26 March 2007" in after.split("\n\n", 1)[0]
