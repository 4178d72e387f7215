"""Reports attached to agenda items: attach a file or a piece of evidence, rename, mark
late, move, remove; PDFs that a pack cannot print and files over the limits refused by
name with nothing saved; stale versions refused (services/reports.py), on both
backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny_desk.domain import rules
from scrutiny_desk.domain.enums import EvidenceKind
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.changes import recording
from tests.exports.report_pdfs import broken_pdf, damaged_pdf, encrypted_pdf, report_pdf


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def item_id(services: Services, review_id: int, key: str) -> int:
    return services.agenda.id_for(review_id, key)


def meeting_id(services: Services, review_id: int, key: str) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.key == key)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def keys(services: Services, meeting: int) -> list[str]:
    return [r.title for r in services.reports.list_for_meeting(meeting)]


def test_attach_rename_late_move_and_remove(services: Services, sample: int, tmp_path: Path):
    item = item_id(services, sample, "recs-recommendations")
    recs = meeting_id(services, sample, "recs")
    with recording() as topics:
        first = services.reports.attach_file(
            item, write(tmp_path, "Draft recs.pdf", report_pdf("A", 2))
        )
    assert topics == {Topic.AGENDA}
    assert first.title == "Draft recs"  # the file's name without .pdf
    assert first.source == "Draft recs.pdf (0.1 MB)"
    assert first.key.startswith("report-") and not first.late
    second = services.reports.attach_file(
        item, write(tmp_path, "b.pdf", report_pdf("B")), title="Finance annex", late=True
    )
    assert second.late and second.position == 1
    listed = services.reports.list_for_meeting(recs)
    # The sample's report on the item before, then these two in the order attached.
    assert [r.title for r in listed][-2:] == ["Draft recs", "Finance annex"]
    assert listed[0].item_key == "recs-findings"

    renamed = services.reports.rename(first.id, first.version, "  Draft recommendations ")
    assert renamed.title == "Draft recommendations" and renamed.version > first.version
    late = services.reports.set_late(renamed.id, renamed.version, True)
    assert late.late
    moved = services.reports.move(second.id, second.version, 0)
    assert moved.position == 0
    assert [r.title for r in services.reports.list_for_meeting(recs)][-2:] == [
        "Finance annex",
        "Draft recommendations",
    ]
    # The report moved aside kept its version: only its neighbour was moved.
    assert services.reports.get(first.id).version == late.version

    with recording() as topics:
        removed = services.reports.remove(moved.id, moved.version)
    assert topics == {Topic.AGENDA}
    assert removed.title == "Finance annex"
    assert [r.title for r in services.reports.list_for_meeting(recs)][-1] == (
        "Draft recommendations"
    )
    assert services.reports.get(first.id).position == 0
    with pytest.raises(NotFoundError):
        services.reports.get(moved.id)


def test_stale_versions_are_refused(services: Services, sample: int, tmp_path: Path):
    item = item_id(services, sample, "recs-recommendations")
    report = services.reports.attach_file(item, write(tmp_path, "a.pdf", report_pdf("A")))
    services.reports.rename(report.id, report.version, "Theirs")
    for edit in (
        lambda: services.reports.rename(report.id, report.version, "Mine"),
        lambda: services.reports.set_late(report.id, report.version, True),
        lambda: services.reports.move(report.id, report.version, 0),
        lambda: services.reports.remove(report.id, report.version),
    ):
        with pytest.raises(ConflictError, match='Report "Theirs" was changed by'):
            edit()
    assert services.reports.get(report.id).title == "Theirs"
    current = services.reports.get(report.id)
    services.reports.remove(current.id, current.version)
    with pytest.raises(ConflictError, match="has been deleted"):
        services.reports.rename(report.id, current.version, "Gone")


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"Minutes of the last meeting, as text", "is not a PDF file"),
        (damaged_pdf("D"), "is damaged"),
        (broken_pdf("B"), "is damaged"),
        (encrypted_pdf("E"), "is protected by a password or encrypted"),
    ],
)
def test_a_file_a_pack_cannot_print_is_refused_by_name(
    services: Services, sample: int, tmp_path: Path, data: bytes, why: str
):
    item = item_id(services, sample, "recs-recommendations")
    recs = meeting_id(services, sample, "recs")
    before = services.reports.list_for_meeting(recs)
    with recording() as topics, pytest.raises(ValidationError) as raised:
        services.reports.attach_file(item, write(tmp_path, "budget.pdf", data))
    assert raised.value.problems[0].path == "file"
    assert f"budget.pdf {why}" in str(raised.value)
    assert services.reports.list_for_meeting(recs) == before
    assert topics == set()


def test_titles_are_checked(services: Services, sample: int, tmp_path: Path):
    item = item_id(services, sample, "recs-recommendations")
    path = write(tmp_path, "a.pdf", report_pdf("A"))
    for title, why in (("   ", "must not be empty"), ("x\x00y", "NUL")):
        with pytest.raises(ValidationError, match=why) as raised:
            services.reports.attach_file(item, path, title=title)
        assert raised.value.problems[0].path == "title"
    report = services.reports.attach_file(item, path)
    with pytest.raises(ValidationError, match="must not be empty"):
        services.reports.rename(report.id, report.version, "")


def test_files_over_the_limits_are_refused_before_they_are_read(
    services: Services, sample: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    item = item_id(services, sample, "recs-recommendations")
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:  # sparse: its size is what is judged
        handle.write(b"%PDF-1.4\n")
        handle.truncate(rules.MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(
        ValidationError, match=r"huge\.pdf is 20\.1 MB; a report may be at most 20 MB"
    ):
        services.reports.attach_file(item, big)

    # The review's files: its evidence files and its held reports together.
    evidence = sum(e.file.size for e in services.evidence.list(sample) if e.file)
    sample_review = codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())
    held = sum(
        r.file.size for m in sample_review.meetings for i in m.items for r in i.reports if r.file
    )
    assert evidence > 0 and held > 0
    path = write(tmp_path, "annex.pdf", report_pdf("A"))
    size = path.stat().st_size
    monkeypatch.setattr(rules, "MAX_REVIEW_ATTACHMENT_BYTES", evidence + held + size - 1)
    with pytest.raises(ValidationError, match=r"annex\.pdf is 0\.1 MB, and the review's files"):
        services.reports.attach_file(item, path)
    monkeypatch.setattr(rules, "MAX_REVIEW_ATTACHMENT_BYTES", evidence + held + size)
    services.reports.attach_file(item, path)  # exactly the limit
    with pytest.raises(ValidationError, match="together they may be at most"):
        services.reports.attach_file(item, path)


def test_a_piece_of_evidence_as_a_report(services: Services, sample: int, tmp_path: Path):
    item = item_id(services, sample, "recs-recommendations")
    survey = services.evidence.find(sample, "borough-survey")
    with pytest.raises(ValidationError, match="has no file attached: attach its PDF first"):
        services.reports.attach_evidence(item, survey.id)
    note = services.evidence.find(sample, "visit-note")  # a text file
    with pytest.raises(ValidationError, match="is not a PDF file") as raised:
        services.reports.attach_evidence(item, note.id)
    assert raised.value.problems[0].path == "evidence"
    services.evidence.attach_file(
        survey.id, survey.version, "survey.pdf", report_pdf("SURVEY"), "application/pdf"
    )
    report = services.reports.attach_evidence(item, survey.id)
    assert report.title == survey.title
    assert report.source == f"Evidence: {survey.title}"
    assert report.evidence_key == "borough-survey"
    titled = services.reports.attach_evidence(item, survey.id, title="Survey results", late=True)
    assert titled.title == "Survey results" and titled.late and titled.key != report.key

    # Evidence of another review is not this review's to print.
    other = services.review_edits.create_review("Another review").id
    theirs = services.evidence.create(other, "Their survey", EvidenceKind.QUESTIONNAIRE)
    with pytest.raises(ValidationError, match="belongs to another review"):
        services.reports.attach_evidence(item, theirs.id)
    with pytest.raises(ValidationError, match="there is no evidence with id 999999"):
        services.reports.attach_evidence(item, 999999)


def test_closed_evidence_goes_only_on_a_closed_item(services: Services, sample: int):
    family = services.evidence.find(sample, "family-statement")
    assert family.is_closed
    services.evidence.attach_file(
        family.id, family.version, "statement.pdf", report_pdf("FAMILY"), "application/pdf"
    )
    open_item = item_id(services, sample, "ev3-cps")
    before = services.reports.list_for_meeting(meeting_id(services, sample, "ev3"))
    with pytest.raises(ValidationError, match="is closed evidence"):
        services.reports.attach_evidence(open_item, family.id)
    assert services.reports.list_for_meeting(meeting_id(services, sample, "ev3")) == before
    report = services.reports.attach_evidence(item_id(services, sample, "ev3-user"), family.id)
    assert report.item_key == "ev3-user"


def test_a_key_given_back_by_undo_is_kept_unless_taken(
    services: Services, sample: int, tmp_path: Path
):
    item = item_id(services, sample, "recs-recommendations")
    data = report_pdf("A")
    first = services.reports.attach_content(item, "a.pdf", data, key="kept-key")
    assert first.key == "kept-key"
    again = services.reports.attach_content(item, "a.pdf", data, key="kept-key")
    assert again.key != "kept-key"  # keys are unique in the review


def test_undo_of_a_removal_puts_the_report_back_as_it_was(services: Services, sample: int):
    item = item_id(services, sample, "recs-recommendations")
    recs = meeting_id(services, sample, "recs")
    survey = services.evidence.find(sample, "borough-survey")
    services.evidence.attach_file(
        survey.id, survey.version, "survey.pdf", report_pdf("S"), "application/pdf"
    )
    held = services.reports.attach_content(item, "a.pdf", report_pdf("A"), "Held", late=True)
    evidence = services.reports.attach_evidence(item, survey.id, "From the register")
    services.reports.attach_content(item, "c.pdf", report_pdf("C"), "Last")
    before = [
        (r.key, r.title, r.late, r.position, r.source)
        for r in services.reports.list_for_meeting(recs)
    ]
    for entry in (held, evidence):
        current = services.reports.get(entry.id)
        removed = services.reports.delete(current.id, current.version)
        assert removed.entry.title == entry.title
        assert len(services.reports.list_for_meeting(recs)) == len(before) - 1
        services.reports.restore(removed)
        after = [
            (r.key, r.title, r.late, r.position, r.source)
            for r in services.reports.list_for_meeting(recs)
        ]
        assert after == before
