"""The exemption paragraphs of Schedule 12A, Part 1 (England)."""

from __future__ import annotations

import json

import pytest

from scrutiny_desk.domain.exemptions import (
    SCHEDULE_12A_ENGLAND,
    exemption_text,
    paragraph,
    schedule_12a_paragraphs,
    standard_paragraph,
)
from scrutiny_desk.resources_path import resource_path


def test_seven_paragraphs_in_order() -> None:
    assert [p.number for p in SCHEDULE_12A_ENGLAND] == list(range(1, 8))
    assert paragraph(1).text == "Information relating to any individual."
    assert "prevention, investigation or prosecution of crime" in paragraph(7).text
    assert paragraph(3).label == "Paragraph 3: Financial or business affairs"
    assert all(p.title and p.text.endswith(".") for p in SCHEDULE_12A_ENGLAND)


def test_the_wording_papers_print() -> None:
    assert exemption_text(1) == "Local Government Act 1972, Schedule 12A, paragraph 1"
    assert paragraph(7).citation == exemption_text(7)
    sample = json.loads(resource_path("samples/drugs-scrutiny.json").read_text("utf-8"))
    used = {
        i["exemption"]
        for m in sample["review"]["meetings"]
        for i in m["items"]
        if i.get("exemption")
    }
    assert used <= {exemption_text(p.number) for p in SCHEDULE_12A_ENGLAND}


@pytest.mark.parametrize("number", [0, 8, 11, 19, -1])
def test_other_numbers_are_refused(number: int) -> None:
    with pytest.raises(ValueError, match="paragraphs 1 to 7"):
        exemption_text(number)


def test_standard_wording_is_recognised_and_free_text_is_not() -> None:
    for p in SCHEDULE_12A_ENGLAND:
        assert standard_paragraph(exemption_text(p.number)) == p.number
        assert standard_paragraph(f" {exemption_text(p.number)} ") == p.number
    assert standard_paragraph(None) is None
    assert standard_paragraph("Schedule 12A, paragraph 1 and 2") is None
    assert standard_paragraph("Local Government Act 1972, Schedule 12A, paragraph 14") is None


def test_the_agenda_renderer_reads_the_standard_wording() -> None:
    for p in SCHEDULE_12A_ENGLAND:
        assert schedule_12a_paragraphs(exemption_text(p.number)) == (p.number,)


def test_wales_numbers_the_same_grounds_12_to_18_in_part_4() -> None:
    from scrutiny_desk.domain.enums import Country
    from scrutiny_desk.domain.exemptions import paragraphs_for, public_interest_test

    wales = paragraphs_for(Country.WALES)
    assert [p.number for p in wales] == list(range(12, 19))
    assert [p.title for p in wales] == [p.title for p in SCHEDULE_12A_ENGLAND]
    assert paragraphs_for(Country.ENGLAND) == SCHEDULE_12A_ENGLAND
    assert wales[0].title == "Information about an individual"
    assert wales[6].title == "Crime"
    assert exemption_text(12) == "Local Government Act 1972, Schedule 12A, Part 4, paragraph 12"
    assert exemption_text(1) == "Local Government Act 1972, Schedule 12A, paragraph 1"
    for p in wales:
        assert standard_paragraph(exemption_text(p.number)) == p.number
        assert p.part == 4 and p.citation == exemption_text(p.number)
    assert "Part 5" in public_interest_test(Country.WALES)
    assert "Part 2" in public_interest_test(Country.ENGLAND)
