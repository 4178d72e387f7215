"""Two copies of the app saving one report paragraph at the same moment (issue 17):
one save wins each round, the other is refused naming who changed it and when, as for
meetings and notes (tests/store/test_races.py). Fewer rounds: the mechanism is the
same compare-and-set (``queries.check_version``); this checks the paragraph uses it."""

from __future__ import annotations

import re

import pytest

from scrutiny_desk.services.container import Services

from .races import race

ROUNDS = 30
WHO_AND_WHEN = re.compile(r"was changed by (alice|bob) at \d\d:\d\d on \d\d \w{3} \d{4} \(UTC\)")

pytestmark = pytest.mark.slow


def test_simultaneous_saves_of_a_paragraph_never_overwrite_each_other(db_target: str) -> None:
    services = Services.open(db_target)
    try:
        review = services.reviews.import_sample()
        paragraph = services.report_paragraphs.add(review, "background", "Both open this.").id
    finally:
        services.close()

    result = race(db_target, "paragraph", paragraph, ROUNDS)

    assert result.lost_updates == 0
    assert result.conflicts == ROUNDS
    assert all(WHO_AND_WHEN.search(m) for m in result.conflict_messages)
    services = Services.open(db_target)
    try:
        assert services.report_paragraphs.paragraph(paragraph).version == 1 + ROUNDS
    finally:
        services.close()
