"""Open paragraphs quoting closed material word for word (domain/report_quotes.py):
runs of eight words and short closed texts whole, case and punctuation ignored; open
material, closed paragraphs and near misses not flagged; fast on a large review."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.records import Note, Resolution, Review
from scrutiny_desk.domain.report_quotes import QuoteFlag, closed_notes, closed_quotes
from tests.services.report_sample import paragraph, sample, with_report

REVIEW = sample()
# n9 (closed): "Arrest referral worked only when a treatment place was available the same week."


def _flags(*paragraphs: object, review: Review = REVIEW) -> tuple[QuoteFlag, ...]:
    return closed_quotes(with_report(review, tuple(paragraphs)))  # type: ignore[arg-type]


def test_eight_words_of_a_closed_note_are_a_quote_whatever_the_case_and_punctuation() -> None:
    flags = _flags(
        paragraph(
            "p1", "tor:impact", "We heard that ARREST referral, worked only when a treatment Place."
        )
    )
    assert [(f.paragraph, f.source, f.source_key) for f in flags] == [("p1", "note", "n9")]
    assert flags[0].words == "arrest referral worked only when a treatment place"


def test_the_whole_quoted_run_is_named_and_each_source_once() -> None:
    text = "Arrest referral worked only when a treatment place was available the same week."
    flags = _flags(paragraph("p1", "tor:impact", f"{text} Indeed: {text}"))
    sources = {(f.source, f.source_key): f.words for f in flags}
    # n9 and the closed item's minute both hold it
    assert set(sources) == {("note", "n9"), ("minute", "ev3-user")}
    assert sources["note", "n9"].startswith("arrest referral worked only when")
    assert len(flags) == 2


def test_seven_words_are_not_a_quote() -> None:
    assert (
        _flags(paragraph("p1", "tor:impact", "Arrest referral worked only when a treatment")) == ()
    )


def test_a_short_closed_text_is_quoted_when_it_appears_whole() -> None:
    review = replace(
        REVIEW,
        notes=(
            *REVIEW.notes,
            Note("short", "Crack houses reopen within weeks.", datetime(2007, 4, 1, tzinfo=UTC)),
        ),
    )
    review = replace(
        review,
        notes=tuple(
            replace(n, access=Access.CLOSED) if n.key == "short" else n for n in review.notes
        ),
    )
    flags = _flags(
        paragraph("p1", "tor:impact", "Officers said crack houses reopen within weeks!"),
        review=review,
    )
    assert [(f.source_key, f.words) for f in flags] == [
        ("short", "crack houses reopen within weeks")
    ]
    assert (
        _flags(paragraph("p1", "tor:impact", "Crack houses reopen within a month."), review=review)
        == ()
    )


def test_closed_evidence_minutes_resolutions_and_closed_paragraphs_are_sources() -> None:
    review = replace(
        REVIEW,
        meetings=tuple(
            replace(
                m,
                items=tuple(
                    replace(
                        i,
                        resolutions=(
                            Resolution(
                                "That the agency be asked to share level three intelligence monthly"
                            ),
                        ),
                    )
                    if i.key == "ev4-soca"
                    else i
                    for i in m.items
                ),
            )
            for m in REVIEW.meetings
        ),
    )
    secret = "the panel was told in confidence that two named boroughs missed every target"
    flags = _flags(
        paragraph(
            "p-open",
            "tor:impact",
            "Effect of a neighbouring crack house on a family and the response of police.",
        ),
        paragraph(
            "p-res",
            "tor:intelligence",
            "We ask that the agency be asked to share level three intelligence monthly.",
        ),
        paragraph("p-closed", "tor:targets", secret, closed=True),
        paragraph("p-leak", "tor:targets", f"Indeed {secret}."),
        review=review,
    )
    assert {(f.paragraph, f.source, f.source_key) for f in flags} == {
        ("p-open", "evidence", "family-statement"),
        ("p-res", "resolution", "ev4-soca"),
        ("p-leak", "paragraph", "p-closed"),
    }


def test_open_material_and_closed_paragraphs_are_not_flagged() -> None:
    n1 = next(n for n in REVIEW.notes if n.key == "n1").text  # open
    n9 = next(n for n in REVIEW.notes if n.key == "n9").text  # closed
    assert (
        _flags(paragraph("p1", "tor:strategy", n1), paragraph("p2", "tor:impact", n9, closed=True))
        == ()
    )


def test_a_note_on_closed_evidence_is_closed() -> None:
    assert {"n9", "n10", "n13"} <= closed_notes(REVIEW)
    assert "n1" not in closed_notes(REVIEW)


def test_one_quote_is_found_among_two_thousand_notes_and_five_hundred_paragraphs() -> None:
    """The scale the index is for (its speed is a figure for ``make bench``, not a test)."""
    vocabulary = [f"word{i}" for i in range(3000)]
    created = datetime(2007, 1, 1, tzinfo=UTC)

    def text(seed: int, length: int) -> str:
        return " ".join(random.Random(seed).choices(vocabulary, k=length))

    notes = tuple(
        Note(f"n{i}", text(i, 40), created, access=Access.CLOSED if i % 2 else Access.OPEN)
        for i in range(2000)
    )
    review = replace(REVIEW, notes=notes, meetings=(), evidence=())
    paragraphs = [paragraph(f"p{i}", "tor:impact", text(10_000 + i, 120)) for i in range(500)]
    paragraphs[7] = paragraph("p7", "tor:impact", f"As we heard, {text(1, 12)} and so on.")
    flags = closed_quotes(with_report(review, tuple(paragraphs)))
    assert [(f.paragraph, f.source_key) for f in flags] == [("p7", "n1")]
