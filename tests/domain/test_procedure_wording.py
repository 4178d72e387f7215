"""The words of the procedural record (domain/procedure_wording.py): each sentence a
clerk reads in the minutes and on the agenda, as committee papers print it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrutiny_desk.domain import procedure_wording as words
from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    ItemKind,
    MemberRole,
)
from scrutiny_desk.domain.views import (
    AttendanceView,
    AttendeeView,
    DeclarationView,
    ItemView,
    VoteView,
)

PARAGRAPH = "Paragraph {} of Part 1 of Schedule 12A"


def _member(name: str, status: AttendanceStatus) -> AttendanceView:
    return AttendanceView(name, MemberRole.MEMBER, status)


def _item(number: int, present: int | None, quorate: bool) -> ItemView:
    return ItemView(
        number, f"Item {number}", ItemKind.OTHER, False, None, None, None, None, (), (), None,
        present=present, quorate=quorate,
    )  # fmt: skip


def test_apologies_and_substitutions() -> None:
    attendance = [
        _member("Ann Archer", AttendanceStatus.PRESENT),
        _member("Bob Baker", AttendanceStatus.APOLOGIES),
        _member("Cat Cole", AttendanceStatus.APOLOGIES),
        _member("Dan Dyer", AttendanceStatus.ABSENT),
    ]
    others = [
        AttendeeView(AttendeeKind.OFFICER, "Fay Ford", "Scrutiny Officer"),
        AttendeeView(AttendeeKind.SUBSTITUTE, "Eve Evans", substitute_for="Bob Baker"),
    ]
    assert words.apologies_minute(attendance, others) == (
        "Apologies for absence were received from Bob Baker and Cat Cole. "
        "Eve Evans attended as a substitute for Bob Baker."
    )
    assert words.apologies_minute(attendance[:1], []) == "There were no apologies for absence."


def test_declarations() -> None:
    on_item = DeclarationView(
        "Ann Archer", 6, "Housing", "a trustee of Shelter.", InterestCategory.DISCLOSABLE_PECUNIARY,
        left_room=True,
    )  # fmt: skip
    withheld = DeclarationView(
        "Eve Evans", 7, "Commercial matter", None, InterestCategory.OTHER_REGISTRABLE
    )
    general = DeclarationView(
        "Bob Baker", None, None, "a member of the Rotary Club", InterestCategory.NON_REGISTRABLE
    )
    assert words.declaration_sentence(on_item) == (
        "Ann Archer declared a disclosable pecuniary interest in item 6 (Housing) as a "
        "trustee of Shelter, and left the room for that item."
    )
    assert words.declaration_sentence(withheld) == (
        "Eve Evans declared an other registrable interest in item 7 (Commercial matter)."
    )
    assert words.declaration_sentence(general) == (
        "Bob Baker declared a non-registrable interest in the business of the meeting as a "
        "member of the Rotary Club."
    )
    assert words.declarations_minute([]) == "There were no declarations of interest."
    assert words.declarations_minute([withheld, general]).count("declared") == 2


def test_quorum_notes() -> None:
    items = [
        _item(1, 3, True),
        _item(2, 2, False),
        _item(3, 1, False),
        _item(4, 3, True),
        _item(5, None, True),
        _item(6, 2, False),
    ]
    assert words.quorum_notes(items, 3) == (
        "The meeting was inquorate for items 2 and 3 (one or two members present; the "
        "quorum is three); it was quorate again from item 4.",
        "The meeting was inquorate for item 6 (two members present; the quorum is three).",
    )
    assert words.quorum_notes(items[:1], 3) == ()
    assert words.quorum_notes([_item(1, 1, False)], 25) == (
        "The meeting was inquorate for item 1 (one member present; the quorum is 25).",
    )


def test_resolutions_and_votes() -> None:
    assert words.resolved("That the report be noted.") == "RESOLVED – That the report be noted."
    assert words.vote_words(VoteView(5, 2, 1)) == "For 5, against 2, abstained 1."
    named = VoteView(2, 1, 0, ("Ann Archer", "Bob Baker"), ("Eve Evans",), ())
    assert words.vote_words(named) == (
        "For: Ann Archer and Bob Baker. Against: Eve Evans. Abstained: none."
    )


def test_the_meeting_s_times() -> None:
    assert words.meeting_began(datetime(2027, 1, 19, 14)) == "The meeting began at 2.00 pm."
    assert words.meeting_ended(datetime(2027, 1, 19, 16, 32)) == "The meeting ended at 4.32 pm."


@pytest.mark.parametrize(
    ("paragraphs", "closed", "label"),
    [
        ((), False, "PANEL COPY"),
        ((), True, "PANEL COPY – contains exempt information"),
        ((1,), True, "PANEL COPY – contains exempt information (paragraph 1)"),
        ((1, 3, 7), True, "PANEL COPY – contains exempt information (paragraphs 1, 3 and 7)"),
    ],
)
def test_the_copy_label(paragraphs: tuple[int, ...], closed: bool, label: str) -> None:
    assert words.copy_label(paragraphs, closed) == label


def test_the_exclusion_resolution() -> None:
    one = words.exclusion_resolution([PARAGRAPH.format(1)])
    assert one == (
        "That under Section 100A(4) of the Local Government Act 1972 the press and public be "
        "excluded from the meeting for the following item of business on the grounds that it "
        "involves the likely disclosure of exempt information as defined in paragraph 1 of "
        "Part 1 of Schedule 12A to the Act, and that, in all the circumstances of the case, "
        "the public interest in maintaining the exemption outweighs the public interest in "
        "disclosing the information."
    )
    two = words.exclusion_resolution([PARAGRAPH.format(3), "Commercially sensitive"])
    assert "following items of business on the grounds that they involve" in two
    assert "paragraph 3 of Part 1 of Schedule 12A" in two
    assert "as described in “Commercially sensitive”" in two
    free = words.exclusion_resolution(["Commercially sensitive"])
    assert free.startswith("That the press and public be excluded from the meeting")
    assert "public interest" not in free
    wales = words.exclusion_resolution(["paragraph 14 of Part 4 of Schedule 12A"])
    assert "paragraph 14 of Part 4 of Schedule 12A" in wales
    own = "That the public leave (paragraphs {paragraphs})."
    assert (
        words.exclusion_resolution([PARAGRAPH.format(7), PARAGRAPH.format(1)], own)
        == "That the public leave (paragraphs 1 and 7)."
    )
    assert words.exempt_paragraphs([PARAGRAPH.format(7), None, PARAGRAPH.format(1)]) == (1, 7)


def test_the_publication_statement() -> None:
    assert words.publication_statement(date(2027, 1, 11), 5) == (
        "Published on 11 January 2027, five clear days before the meeting."
    )
    assert words.publication_statement(date(2027, 1, 11), 1) == (
        "Published on 11 January 2027, one clear day before the meeting."
    )
    assert words.publication_statement(date(2027, 1, 11), None) == "Published on 11 January 2027."
