"""The rules a review's reports meet (format version 7), checked on whole reviews:
exactly one of a held file and a piece of evidence, PDFs only, 20 MB each, keys
unique across the review, and held files counted in the review's 150 MB."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from scrutiny_desk.domain.enums import EvidenceKind, MeetingKind
from scrutiny_desk.domain.records import (
    AgendaItem,
    Evidence,
    EvidenceFile,
    ItemReport,
    Meeting,
    Review,
)
from scrutiny_desk.domain.report_checks import attached_bytes, held_report_bytes, is_pdf
from scrutiny_desk.domain.rules import (
    MAX_ATTACHMENT_BYTES,
    MAX_REVIEW_ATTACHMENT_BYTES,
    check_review,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
START = datetime(2027, 6, 7, 14)


def pdf(size: int = len(PDF), name: str = "report.pdf") -> EvidenceFile:
    return EvidenceFile(name, "application/pdf", PDF + bytes(size - len(PDF)))


def review(*reports: ItemReport, evidence: tuple[Evidence, ...] = ()) -> Review:
    item = AgendaItem("item", "Item", reports=reports)
    meeting = Meeting("m", "Meeting", MeetingKind.EVIDENCE, START, START.replace(hour=16))
    return Review("Review", meetings=(replace(meeting, items=(item,)),), evidence=evidence)


def problems(r: Review) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_review(r)]


PATH = "review.meetings[0].items[0].reports"


def test_a_held_pdf_and_a_pdf_of_the_register_are_reports() -> None:
    survey = Evidence("survey", "Survey", EvidenceKind.WRITTEN, file=pdf(name="s.pdf"))
    ok = review(
        ItemReport("a", "A", pdf()),
        ItemReport("b", "B", evidence="survey", late=True),
        evidence=(survey,),
    )
    assert problems(ok) == []
    assert held_report_bytes(ok) == len(PDF)
    assert attached_bytes(ok) == 2 * len(PDF)


def test_a_pdf_is_said_to_be_one_and_starts_as_one() -> None:
    assert is_pdf(pdf())
    assert is_pdf(EvidenceFile("a.pdf", "Application/PDF; version=1.7", PDF))
    assert not is_pdf(EvidenceFile("a.pdf", "application/octet-stream", PDF))
    assert not is_pdf(EvidenceFile("a.pdf", "application/pdf", b"PK\x03\x04"))
    assert not is_pdf(EvidenceFile("a.pdf", "application/pdf", b""))


def test_each_rule_names_the_report_s_path() -> None:
    text = Evidence(
        "note", "Note", EvidenceKind.WRITTEN, file=EvidenceFile("n.txt", "text/plain", b"x")
    )
    bare = Evidence("bare", "Bare", EvidenceKind.WRITTEN)
    found = problems(
        review(
            ItemReport("both", "Both", pdf(), evidence="note"),
            ItemReport("neither", "Neither"),
            ItemReport("lost", "Lost", evidence="nothing"),
            ItemReport("bare", "Bare", evidence="bare"),
            ItemReport("text", "Text", evidence="note"),
            ItemReport("word", "Word", EvidenceFile("w.docx", "application/pdf", b"PK")),
            ItemReport("both", " ", pdf()),
            evidence=(text, bare),
        )
    )
    assert [path for path, _ in found] == [
        f"{PATH}[0]",
        f"{PATH}[1]",
        f"{PATH}[2].evidence",
        f"{PATH}[3].evidence",
        f"{PATH}[4].evidence",
        f"{PATH}[5].file",
        f"{PATH}[6].key",
        f"{PATH}[6].title",
    ]
    messages = dict(found)
    assert "give exactly one of the two" in messages[f"{PATH}[0]"]
    assert messages[f"{PATH}[2].evidence"] == 'no evidence with key "nothing"'
    assert "has no file attached" in messages[f"{PATH}[3].evidence"]
    assert '("n.txt") is not a PDF' in messages[f"{PATH}[4].evidence"]
    assert messages[f"{PATH}[5].file"].startswith('"w.docx" is not a PDF')
    assert messages[f"{PATH}[6].key"] == f'duplicate report key "both" (first used at {PATH}[0])'


def test_a_held_report_is_at_most_20_mb() -> None:
    at_limit = review(ItemReport("a", "A", pdf(MAX_ATTACHMENT_BYTES)))
    assert problems(at_limit) == []
    over = review(ItemReport("a", "A", pdf(MAX_ATTACHMENT_BYTES + 1)))
    assert problems(over) == [
        (
            f"{PATH}[0].file.content",
            "the file is 20.1 MB; an attached file may be at most 20 MB",
        )
    ]


def test_held_reports_count_towards_the_review_s_150_mb() -> None:
    """Seven evidence files of 20 MB (140 MB) are within the limit; a held report of
    10 MB more brings the review to exactly 150 MB, and one byte more is refused. A
    report of the register's evidence is not counted twice."""
    big = pdf(MAX_ATTACHMENT_BYTES)  # one object: the review holds it seven times over
    evidence = tuple(
        Evidence(f"e{n}", f"Evidence {n}", EvidenceKind.WRITTEN, file=big) for n in range(7)
    )
    rest = MAX_REVIEW_ATTACHMENT_BYTES - 7 * MAX_ATTACHMENT_BYTES
    full = review(
        ItemReport("a", "A", pdf(rest)),
        ItemReport("b", "B", evidence="e0"),
        evidence=evidence,
    )
    assert attached_bytes(full) == MAX_REVIEW_ATTACHMENT_BYTES
    assert problems(full) == []
    over = review(ItemReport("a", "A", pdf(rest + 1)), evidence=evidence)
    assert problems(over) == [
        (
            "review.evidence",
            "the attached files come to 150.1 MB (of which the agenda items' reports "
            "10.1 MB); a review's files may come to at most 150 MB in all",
        )
    ]
