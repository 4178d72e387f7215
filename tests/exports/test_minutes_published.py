"""The minutes PDF of a meeting's procedural record as publishing builds each
audience's view of it (issue 15): the shipped sample's third evidence session with a
substitute, an officer, a late arrival, a declaration on the closed item, decisions
with a vote by name, and the times it began and ended."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from scrutiny_desk.domain.enums import (
    AttendeeKind,
    InterestCategory,
    MinutesStatus,
    VoteChoice,
)
from scrutiny_desk.domain.records import (
    AgendaItem,
    Attendee,
    Declaration,
    Resolution,
    Review,
    Vote,
    VoteCast,
)
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.minutes_pdf import SIGNATURE_LINE, render_minutes
from scrutiny_desk.services import publishing

from .conftest import _sample

NATURE = "a trustee of a drug treatment charity"
CLOSED_DECISION = "That the former drug user be thanked in writing"
NFP = "NOT FOR PUBLICATION"


def _item(item: AgendaItem) -> AgendaItem:
    if item.key in ("ev3-apologies", "ev3-declarations"):
        return replace(item, minute=None)  # worded from the record
    if item.key == "ev3-cps":
        casts = (
            VoteCast("sumray", VoteChoice.FOR),
            VoteCast("sub", VoteChoice.FOR),
            VoteCast("whittaker", VoteChoice.AGAINST),
        )
        decision = "That the Crown Prosecution Service be asked for charging times."
        return replace(item, resolutions=(Resolution(decision, Vote(2, 1, 0, casts)),))
    if item.key == "ev3-user":
        return replace(item, resolutions=(Resolution(CLOSED_DECISION + "."),))
    return item


def _review() -> Review:
    review = _sample()
    meeting = next(m for m in review.meetings if m.key == "ev3")
    meeting = replace(
        meeting,
        items=tuple(_item(i) for i in meeting.items),
        attendance=tuple(
            replace(a, arrived="ev3-probation") if a.member == "barnes" else a
            for a in meeting.attendance
        ),
        attendees=(
            Attendee("sub", AttendeeKind.SUBSTITUTE, "Cllr Sam Sub", substitute_for="mccartney"),
            Attendee("off", AttendeeKind.OFFICER, "Fauzia Ashraf-Malik", role="Policy Officer"),
        ),
        declarations=(
            Declaration("howlett", "ev3-user", NATURE, InterestCategory.OTHER_REGISTRABLE, True),
        ),
        began=datetime(2007, 3, 26, 14, 5),
        ended=datetime(2007, 3, 26, 16, 32),
        minutes_status=MinutesStatus.DRAFT,
    )
    return replace(
        review, meetings=tuple(meeting if m.key == "ev3" else m for m in review.meetings)
    )


@pytest.fixture(scope="module")
def papers():  # type: ignore[no-untyped-def]
    from .conftest import Paper

    review = _review()
    return {
        a: Paper(render_minutes(publishing.meeting_view(review, "ev3", a)))
        for a in (Audience.PUBLIC, Audience.PANEL)
    }


def test_attendance_and_the_worded_standard_minutes(papers) -> None:  # type: ignore[no-untyped-def]
    for paper in papers.values():
        assert (
            "Present: Richard Sumray (Chair), Rachel Whittaker, Richard Barnes (from item 5), "
            "Elizabeth Howlett, Damian Hockney, Cllr Sam Sub (substitute for Joanne McCartney) "
            "Officer: Fauzia Ashraf-Malik, Policy Officer Apologies: Joanne McCartney, Aneeta Prem"
        ) in paper.pages[0]
        assert (
            "10/06 Apologies for absence Apologies for absence were received from Joanne "
            "McCartney and Aneeta Prem. Cllr Sam Sub attended as a substitute for Joanne "
            "McCartney."
        ) in paper.text


def test_declarations_and_decisions_in_each_audience(papers) -> None:  # type: ignore[no-untyped-def]
    panel, public = papers[Audience.PANEL], papers[Audience.PUBLIC]
    declared = "Elizabeth Howlett declared an other registrable interest in item 6"
    assert f"{declared} (Evidence from a former drug user) as {NATURE}," in panel.text
    assert f"{declared} (Evidence heard in private), and left the room" in public.text
    vote = (
        "RESOLVED – That the Crown Prosecution Service be asked for charging times. "
        "For: Richard Sumray and Cllr Sam Sub. Against: Rachel Whittaker. Abstained: none."
    )
    assert vote in panel.text and vote in public.text
    assert f"RESOLVED – {CLOSED_DECISION}" in panel.text
    for secret in (NATURE, CLOSED_DECISION, "former drug user", NFP, "PANEL COPY"):
        assert secret not in public.text, secret


def test_part_2_numbers_close_and_signature(papers) -> None:  # type: ignore[no-untyped-def]
    for audience, paper in papers.items():
        text = paper.text
        assert text.index("14/06 Evidence from London Probation") < text.index("Part 2 –")
        exclusion = text.index("Exclusion of the press and public RESOLVED – That under")
        closed = "15/06 Evidence " + (
            "heard in private" if audience is Audience.PUBLIC else "from a former drug user"
        )
        assert exclusion < text.index(closed)
        assert paper.pages_with("Part 2 –") == paper.pages_with(closed[:14])
        assert (
            "The meeting began at 2.05 pm and ended at 4.32 pm. "
            f"Chair {SIGNATURE_LINE} Date {SIGNATURE_LINE}"
        ) in paper.pages[-1]
    panel = papers[Audience.PANEL]
    assert panel.pages_with("PANEL COPY – contains exempt information (paragraph 1)") == {1}
    assert panel.reader.metadata.title.endswith("(PANEL COPY)")
