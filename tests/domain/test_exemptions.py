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


@pytest.mark.parametrize("number", [0, 8, 12, -1])
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
