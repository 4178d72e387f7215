"""Attachment names that hide what a file is (U+202E and the other bidirectional
controls) or hold control characters are refused where a file is attached and where a
review file carrying attachments is imported, naming the field, with nothing saved."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.file_names import BIDI_CONTROLS
from scrutiny_desk.services.container import Services

DISGUISED = "pwned\u202etxt.exe"  # shows as "pwnedexe.txt"


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def on_sqlite(sqlite_services: Services, sample_id: int) -> Services:
    """For the many cases of one rule: it is decided before either database is asked."""
    return sqlite_services


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_attaching_a_name_with_a_bidirectional_control_is_refused(
    on_sqlite: Services, char: str
) -> None:
    services = on_sqlite
    survey = services.evidence.find(1, "borough-survey")
    with pytest.raises(ValidationError) as caught:
        services.evidence.attach_file(survey.id, survey.version, f"pwned{char}txt.exe", b"MZ")
    (problem,) = caught.value.problems
    assert problem.path == "file"
    assert problem.message.startswith(f"has a name that contains U+{ord(char):04X} (")
    assert "so that a program can pass for a document" in problem.message
    assert services.evidence.get(survey.id) == survey  # nothing saved, version unchanged


@pytest.mark.parametrize("name", ["evil\x00.doc", "tab\there.txt", "line\nbreak.pdf", "\x1b.pdf"])
def test_attaching_a_name_with_a_control_character_is_refused(
    on_sqlite: Services, name: str
) -> None:
    services = on_sqlite
    survey = services.evidence.find(1, "borough-survey")
    with pytest.raises(ValidationError) as caught:
        services.evidence.attach_file(survey.id, survey.version, name, b"x")
    assert [p.path for p in caught.value.problems] == ["file"]
    assert "control character" in str(caught.value)
    assert services.evidence.get(survey.id).file is None


def test_folders_of_the_path_are_not_judged_only_the_name(services: Services, sample: int) -> None:
    """A path handed in whole: only the file's own name is its name."""
    survey = services.evidence.find(sample, "borough-survey")
    change = services.evidence.attach_file(
        survey.id, survey.version, "C:\\Users\\clerk\\تقرير\u200f\\returns.pdf", b"%PDF"
    )
    assert change.entry.file is not None and change.entry.file.name == "returns.pdf"


def test_checking_before_reading_refuses_the_name_too(services: Services, sample: int) -> None:
    """The window asks before reading a file whole: a disguised name goes no further."""
    survey = services.evidence.find(sample, "borough-survey")
    with pytest.raises(ValidationError, match=r"\[U\+202E\]|U\+202E"):
        services.evidence.check_file(sample, survey.id, 10, "/home/clerk/" + DISGUISED)
    services.evidence.check_file(sample, survey.id, 10, "/home/clerk/returns.pdf")  # fine


def _review_with_file_named(services: Services, sample: int, name: str) -> bytes:
    """The sample exported with a file attached, the file renamed, under a new title and
    without calendar UIDs so that it would otherwise import beside the sample."""
    survey = services.evidence.find(sample, "borough-survey")
    services.evidence.attach_file(survey.id, survey.version, "returns.pdf", b"%PDF-1.4")
    document = json.loads(services.reviews.export_bytes(sample))
    evidence = document["review"]["evidence"]
    (attached,) = [e for e in evidence if e["key"] == "borough-survey"]
    assert base64.b64decode(attached["file"]["content"]) == b"%PDF-1.4"
    attached["file"]["name"] = name
    document["review"]["title"] = "A copy with a disguised file"
    for meeting in document["review"]["meetings"]:
        meeting["uid"] = None
    return json.dumps(document, ensure_ascii=False).encode()


def test_importing_a_review_whose_attachment_hides_its_type_imports_nothing(
    services: Services, sample: int, tmp_path: Path
) -> None:
    good = _review_with_file_named(services, sample, "returns.pdf")
    assert services.reviews.import_bytes(good)  # the same file, plainly named, imports
    before = services.reviews.list()

    path = tmp_path / "review.json"
    path.write_bytes(_review_with_file_named(services, sample, DISGUISED))
    with pytest.raises(ValidationError) as caught:
        services.reviews.import_file(str(path))
    (problem,) = caught.value.problems
    assert problem.path.startswith("review.evidence[") and problem.path.endswith(".file.name")
    assert problem.message.startswith('"pwned[U+202E]txt.exe" contains U+202E')
    assert services.reviews.list() == before  # nothing half-imported


def test_importing_a_control_character_in_an_attachment_name_is_refused(
    on_sqlite: Services,
) -> None:
    with pytest.raises(ValidationError, match=r"\.file\.name: must be a file name only"):
        on_sqlite.reviews.import_bytes(_review_with_file_named(on_sqlite, 1, "a\tb.pdf"))
