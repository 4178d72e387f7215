"""The evidence register: list, create, edit, move, attach and remove files, delete and
restore, on both backends."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest

from scrutiny_desk.domain import rules
from scrutiny_desk.domain.enums import Access, EvidenceKind
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.evidence_records import clean_file_name
from scrutiny_desk.domain.records import EvidenceFile, NamedRef
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.evidence import EvidenceService


@pytest.fixture
def register(services: Services) -> EvidenceService:
    return EvidenceService(services.db)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _fields(problems: ValidationError) -> set[str]:
    return {p.path for p in problems.problems}


def _keys(register: EvidenceService, review_id: int) -> list[str]:
    return [e.key for e in register.list(review_id)]


def test_the_register_in_order_with_witness_tor_and_notes(
    register: EvidenceService, sample: int
) -> None:
    entries = register.list(sample)
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    survey = register.find(sample, "borough-survey")
    assert survey.kind is EvidenceKind.QUESTIONNAIRE
    assert survey.received == date(2007, 1, 15)
    assert survey.source and survey.source.startswith("Borough Commanders")
    assert [t.key for t in survey.tor] == ["scale", "targets", "cdrp"]
    assert all(t.label[0].isdigit() and " " in t.label for t in survey.tor)
    assert survey.note_count == 1
    assert survey.file is None
    assert register.get(survey.id) == survey
    assert register.id_for(sample, "borough-survey") == survey.id
    with pytest.raises(NotFoundError):
        register.find(sample, "nothing")
    with pytest.raises(NotFoundError):
        register.file(survey.id)


def test_create_checks_every_field_and_saves_nothing_when_wrong(
    register: EvidenceService, services: Services, sample: int
) -> None:
    before = _keys(register, sample)
    with pytest.raises(ValidationError) as caught:
        register.create(
            sample,
            "  ",
            "letter",  # type: ignore[arg-type]
            witness="nobody",
            received=datetime(2007, 1, 1),  # type: ignore[arg-type]
            tor=["scale", "no-such-item", "scale"],
            access="secret",  # type: ignore[arg-type]
            summary="bad\x00text",
        )
    assert _fields(caught.value) == {
        "title",
        "kind",
        "witness",
        "received",
        "tor",
        "access",
        "summary",
    }
    with pytest.raises(ValidationError) as taken:
        register.create(sample, "Again", EvidenceKind.WRITTEN, key="borough-survey")
    assert _fields(taken.value) == {"key"}
    assert _keys(register, sample) == before

    witness = services.witnesses.list(sample)[0]
    made = register.create(
        sample,
        "  Letter from the borough  ",
        EvidenceKind.STATEMENT,
        witness=witness.key,
        source="",
        received=date(2007, 3, 1),
        access=Access.CLOSED,
        summary="Private letter.",
        tor=["targets", "scale"],
        key="letter",
    )
    assert made.title == "Letter from the borough"
    assert made.witness == NamedRef(witness.key, witness.name)
    assert made.source is None
    assert made.is_closed
    assert [t.key for t in made.tor] == ["targets", "scale"]
    assert made.number == len(before) + 1
    assert register.find(sample, "letter") == made
    stored = next(e for e in services.reviews.document(sample).evidence if e.key == "letter")
    assert (stored.witness, stored.tor, stored.access) == (
        witness.key,
        ("targets", "scale"),
        Access.CLOSED,
    )
    generated = register.create(sample, "Visit to a treatment centre", EvidenceKind.VISIT)
    assert generated.key.startswith("evidence-")
    assert generated.access is Access.OPEN


def test_update_changes_what_is_given_and_refuses_stale_versions(
    register: EvidenceService, sample: int
) -> None:
    survey = register.find(sample, "borough-survey")
    same = register.update(survey.id, survey.version, title=survey.title)
    assert same.version == survey.version  # nothing changed: the version stays
    changed = register.update(
        survey.id,
        survey.version,
        title="Borough returns",
        received=None,
        access=Access.CLOSED,
        tor=["cdrp"],
    )
    assert (changed.title, changed.received, changed.access) == (
        "Borough returns",
        None,
        Access.CLOSED,
    )
    assert [t.key for t in changed.tor] == ["cdrp"]
    assert changed.kind is survey.kind and changed.summary == survey.summary
    assert changed.version > survey.version
    tor_only = register.update(changed.id, changed.version, tor=["cdrp", "scale"])
    assert tor_only.version > changed.version

    with pytest.raises(ConflictError):
        register.update(survey.id, survey.version, title="Stale")
    with pytest.raises(ValidationError) as caught:
        register.update(tor_only.id, tor_only.version, title="", tor=["nope"], witness="nobody")
    assert _fields(caught.value) == {"title", "tor", "witness"}
    assert register.get(survey.id) == tor_only


def test_move_keeps_positions_dense(register: EvidenceService, sample: int) -> None:
    keys = _keys(register, sample)
    first = register.find(sample, keys[0])
    moved = register.move(first.id, first.version, 2)
    assert moved.number == 3
    assert _keys(register, sample) == [keys[1], keys[2], keys[0], *keys[3:]]
    with pytest.raises(ConflictError):
        register.move(first.id, first.version, 0)


def test_attach_replace_and_remove_a_file(register: EvidenceService, sample: int) -> None:
    survey = register.find(sample, "borough-survey")
    content = b"%PDF-1.4 returns\x00\xff"
    change = register.attach_file(
        survey.id, survey.version, "C:\\Users\\clerk\\returns.pdf", content
    )
    assert change.previous is None
    info = change.entry.file
    assert info is not None
    assert (info.name, info.media_type, info.size) == (
        "returns.pdf",
        "application/pdf",
        len(content),
    )
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert change.entry.version > survey.version
    assert register.file(survey.id) == EvidenceFile("returns.pdf", "application/pdf", content)
    assert register.get(survey.id).file == info  # the list describes it, without content

    replaced = register.attach_file(
        survey.id, change.entry.version, "notes", b"plain", media_type="text/plain"
    )
    assert replaced.previous == EvidenceFile("returns.pdf", "application/pdf", content)
    assert replaced.entry.file is not None and replaced.entry.file.media_type == "text/plain"
    with pytest.raises(ConflictError):
        register.remove_file(survey.id, change.entry.version)
    with pytest.raises(ConflictError):
        register.attach_file(survey.id, survey.version, "stale.pdf", b"stale")
    assert register.file(survey.id).name == "notes"
    removed = register.remove_file(survey.id, replaced.entry.version)
    assert removed.previous == EvidenceFile("notes", "text/plain", b"plain")
    assert removed.entry.file is None
    back = register.set_file(survey.id, removed.entry.version, removed.previous)
    assert register.file(survey.id).content == b"plain"
    assert back.previous is None

    unknown = register.attach_file(survey.id, back.entry.version, "data.zzzunknown", b"x")
    assert unknown.entry.file is not None
    assert unknown.entry.file.media_type == "application/octet-stream"


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("/home/clerk/Reports/final.pdf", "final.pdf"),
        ("..\\..\\evil\x00.doc", "evil.doc"),
        ("  tab\there.txt  ", "tabhere.txt"),
        ("...", ""),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(given: str, cleaned: str) -> None:
    assert clean_file_name(given) == cleaned


def test_unusable_names_and_types_are_refused(register: EvidenceService, sample: int) -> None:
    survey = register.find(sample, "borough-survey")
    with pytest.raises(ValidationError) as caught:
        register.attach_file(survey.id, survey.version, "/tmp/\x01\x02/", b"x")
    assert _fields(caught.value) == {"file"}
    with pytest.raises(ValidationError):
        register.attach_file(survey.id, survey.version, "a.pdf", b"x", media_type="not a type")
    assert register.get(survey.id) == survey


def test_files_over_the_limits_are_refused_with_both_sizes(
    register: EvidenceService, sample: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_ATTACHMENT_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(rules, "MAX_REVIEW_ATTACHMENT_BYTES", 3 * 1024 * 1024)
    survey = register.find(sample, "borough-survey")
    with pytest.raises(ValidationError) as caught:
        register.attach_file(survey.id, survey.version, "big.pdf", b"x" * (2 * 1024 * 1024 + 1))
    message = str(caught.value)
    assert _fields(caught.value) == {"file"}
    assert "is 2.1 MB" in message and "at most 2 MB" in message
    assert register.get(survey.id) == survey

    first = register.attach_file(survey.id, survey.version, "a.pdf", b"x" * (2 * 1024 * 1024))
    other = register.find(sample, "forensics-paper")
    with pytest.raises(ValidationError) as total:
        register.attach_file(other.id, other.version, "b.pdf", b"y" * (1024 * 1024 + 1))
    assert "at most 3 MB" in str(total.value)
    with pytest.raises(ValidationError):
        register.check_file(sample, other.id, 1024 * 1024 + 1)
    register.check_file(sample, survey.id, 2 * 1024 * 1024)  # replacing its own file is fine
    # Replacing a file counts the new one instead of the old.
    register.attach_file(survey.id, first.entry.version, "a2.pdf", b"z" * (2 * 1024 * 1024))
    assert register.get(other.id).file is None


def test_delete_and_restore_give_back_the_same_review(
    register: EvidenceService, services: Services, sample: int
) -> None:
    survey = register.find(sample, "borough-survey")
    attached = register.attach_file(survey.id, survey.version, "returns.csv", b"a,b\n1,2\n")
    before = services.reviews.export_bytes(sample)
    assert b'"returns.csv"' in before  # an export carries the file
    keys = _keys(register, sample)
    with pytest.raises(ConflictError):
        register.delete(survey.id, survey.version)

    snapshot = register.delete(survey.id, attached.entry.version)
    assert snapshot.evidence.file == EvidenceFile("returns.csv", "text/csv", b"a,b\n1,2\n")
    assert snapshot.notes and snapshot.position == keys.index("borough-survey")
    assert "borough-survey" not in _keys(register, sample)
    review = services.reviews.document(sample)
    assert all(n.evidence != "borough-survey" for n in review.notes)

    restored = register.restore(snapshot)
    assert restored.key == "borough-survey" and restored.note_count == survey.note_count
    assert _keys(register, sample) == keys
    assert register.file(restored.id).content == b"a,b\n1,2\n"
    assert services.reviews.export_bytes(sample) == before
    with pytest.raises(ValidationError) as again:
        register.restore(snapshot)
    assert _fields(again.value) == {"key"}
