"""One focused test per rule of domain/rules.py, on small hand-built reviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from scrutiny_desk.domain.enums import (
    Access,
    AttendanceStatus,
    EvidenceKind,
    MeetingKind,
    MemberRole,
    MinutesStatus,
    RecommendationStatus,
)
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Evidence,
    EvidenceFile,
    Meeting,
    Member,
    Note,
    ProgressUpdate,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.rules import (
    MAX_ATTACHMENT_BYTES,
    MAX_REVIEW_ATTACHMENT_BYTES,
    MAX_TEXT,
    check_review,
    megabytes,
    text_problem,
)

M0 = "review.meetings[0]"

VALID = Review(
    title="Drugs Scrutiny",
    panel=(
        Member("chair", "Chair Person", MemberRole.CHAIR),
        Member("vice", "Vice Person", MemberRole.VICE_CHAIR),
        Member("m1", "Member One"),
    ),
    terms_of_reference=(
        TorItem("t1", "One", (TorItem("t1a", "One A", (TorItem("t1a1", "One A one"),)),)),
        TorItem("t2", "Two"),
    ),
    witnesses=(Witness("w1", "Witness One"), Witness("w2", "Witness Two")),
    meetings=(
        Meeting(
            "m",
            "Evidence session",
            MeetingKind.EVIDENCE,
            start=datetime(2026, 3, 30, 10, 0),
            end=datetime(2026, 3, 30, 12, 0),
            uid="uid-1",
            attendance=(
                Attendance("chair", AttendanceStatus.PRESENT),
                Attendance("m1", AttendanceStatus.APOLOGIES),
            ),
            minutes_status=MinutesStatus.APPROVED,
            minutes_approved_on=date(2026, 4, 20),
            items=(
                AgendaItem(
                    "i1",
                    "Open item",
                    start=datetime(2026, 3, 30, 10, 0),
                    end=datetime(2026, 3, 30, 12, 0),
                    witnesses=("w1",),
                    tor=("t1a1", "t2"),
                ),
                AgendaItem("i2", "Closed item", access=Access.CLOSED, closed_reason="Private"),
            ),
        ),
        Meeting(
            "m2",
            "Deliberation",
            MeetingKind.DELIBERATIVE,
            start=datetime(2026, 4, 20, 18, 0),
            end=datetime(2026, 4, 20, 19, 0),
            items=(AgendaItem("i3", "Report"),),
        ),
    ),
    evidence=(Evidence("e1", "Submission", EvidenceKind.WRITTEN, witness="w2", tor=("t1",)),),
    notes=(
        Note(
            "n1",
            "Learned",
            datetime(2026, 3, 30, 10, 30, tzinfo=UTC),
            ("t1a",),
            meeting="m",
            item="i1",
            witnesses=("w1", "w2"),
            evidence="e1",
        ),
        Note("n2", "Implied meeting", datetime(2026, 3, 30, tzinfo=UTC), ("t2",), item="i2"),
    ),
    recommendations=(
        Recommendation("r1", "Do it", "Lead", date(2027, 1, 1), RecommendationStatus.AGREED),
        Recommendation("r2", "Maybe", status=RecommendationStatus.DRAFT, tor=("t1",)),
    ),
    actions=(Action("a1", "Follow up", meeting="m2"),),
)


# Helpers: change one record of the valid review --------------------------------------


def meeting(review: Review, n: int, **changes: Any) -> Review:
    meetings = list(review.meetings)
    meetings[n] = replace(meetings[n], **changes)
    return replace(review, meetings=tuple(meetings))


def item(review: Review, m: int, n: int, **changes: Any) -> Review:
    items = list(review.meetings[m].items)
    items[n] = replace(items[n], **changes)
    return meeting(review, m, items=tuple(items))


NAME_ONLY = (
    "review.evidence[0].file.name: must be a file name only, without folders (/ or \\) "
    "or control characters"
)


def nth(review: Review, field: str, n: int, **changes: Any) -> Review:
    rows = list(getattr(review, field))
    rows[n] = replace(rows[n], **changes)
    return replace(review, **{field: tuple(rows)})


def problems(review: Review) -> list[str]:
    return [str(p) for p in check_review(review)]


def test_the_base_review_keeps_every_rule() -> None:
    assert check_review(VALID) == []


# Titles --------------------------------------------------------------------------------


def test_titles_must_not_be_blank() -> None:
    review = replace(VALID, title=" \n")
    review = meeting(review, 1, title="\t")
    review = item(review, 0, 1, title="  ")
    assert problems(review) == [
        "review.title: must not be empty",
        f"{M0}.items[1].title: must not be empty",
        "review.meetings[1].title: must not be empty",
    ]


# End after start --------------------------------------------------------------------------


@pytest.mark.parametrize("end", [datetime(2026, 4, 20, 18, 0), datetime(2026, 4, 20, 17, 45)])
def test_meeting_ends_after_it_starts(end: datetime) -> None:
    assert problems(meeting(VALID, 1, end=end)) == [
        "review.meetings[1].end: must be after the start (2026-04-20T18:00)"
    ]


def test_slot_ends_after_it_starts() -> None:
    at_ten = datetime(2026, 3, 30, 10, 30)
    review = item(VALID, 0, 0, start=at_ten, end=at_ten)
    assert problems(review) == [f"{M0}.items[0].end: must be after the slot's start"]


# Slot inside meeting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end",
    [
        (datetime(2026, 3, 30, 9, 45), datetime(2026, 3, 30, 11, 0)),
        (datetime(2026, 3, 30, 11, 0), datetime(2026, 3, 30, 12, 15)),
        (datetime(2026, 3, 31, 10, 0), datetime(2026, 3, 31, 11, 0)),
    ],
    ids=["starts-early", "ends-late", "next-day"],
)
def test_slot_lies_inside_its_meeting(start: datetime, end: datetime) -> None:
    assert problems(item(VALID, 0, 0, start=start, end=end)) == [
        f"{M0}.items[0].start: the slot must lie inside its meeting "
        "(2026-03-30T10:00 to 2026-03-30T12:00)"
    ]


def test_slot_exactly_filling_its_meeting_is_fine() -> None:
    slot = VALID.meetings[0].items[0]
    assert (slot.start, slot.end) == (VALID.meetings[0].start, VALID.meetings[0].end)
    assert check_review(VALID) == []


@pytest.mark.parametrize("missing", ["start", "end"])
def test_slot_has_both_ends_or_neither(missing: str) -> None:
    review = item(VALID, 0, 0, **{missing: None})
    assert problems(review) == [f"{M0}.items[0].{missing}: a slot needs both a start and an end"]


# At most one chair ------------------------------------------------------------------------


def test_at_most_one_chair() -> None:
    review = nth(VALID, "panel", 1, role=MemberRole.CHAIR)
    review = nth(review, "panel", 2, role=MemberRole.CHAIR)
    assert problems(review) == [
        'review.panel[1].role: a panel has at most one chair; "Chair Person" is chair already',
        'review.panel[2].role: a panel has at most one chair; "Chair Person" is chair already',
    ]


def test_a_panel_without_a_chair_is_fine() -> None:
    assert check_review(nth(VALID, "panel", 0, role=MemberRole.MEMBER)) == []


# Closed item has a reason ---------------------------------------------------------------


@pytest.mark.parametrize("reason", [None, "", "  \n\t"])
def test_closed_item_has_a_reason(reason: str | None) -> None:
    review = item(VALID, 0, 1, closed_reason=reason)
    assert problems(review) == [f"{M0}.items[1].closed_reason: a closed item needs a reason"]


def test_open_item_needs_no_reason() -> None:
    assert check_review(item(VALID, 0, 1, access=Access.OPEN, closed_reason=None)) == []


# Recommendation from agreed on has lead and due --------------------------------------------


@pytest.mark.parametrize(
    "status", [RecommendationStatus.DRAFT, RecommendationStatus.REJECTED], ids=str
)
def test_before_agreement_lead_and_due_are_optional(status: RecommendationStatus) -> None:
    assert check_review(nth(VALID, "recommendations", 0, status=status, lead=None, due=None)) == []


@pytest.mark.parametrize(
    "status",
    [
        RecommendationStatus.AGREED,
        RecommendationStatus.IN_PROGRESS,
        RecommendationStatus.IMPLEMENTED,
    ],
    ids=str,
)
def test_from_agreed_on_lead_and_due_are_required(status: RecommendationStatus) -> None:
    r = "review.recommendations[0]"
    assert problems(nth(VALID, "recommendations", 0, status=status, lead=None, due=None)) == [
        f'{r}.lead: a recommendation that is "{status}" needs a lead',
        f'{r}.due: a recommendation that is "{status}" needs a due date',
    ]
    assert problems(nth(VALID, "recommendations", 0, status=status, lead=" ")) == [
        f'{r}.lead: a recommendation that is "{status}" needs a lead'
    ]
    assert problems(nth(VALID, "recommendations", 0, status=status, due=None)) == [
        f'{r}.due: a recommendation that is "{status}" needs a due date'
    ]


# Note names at least one term of reference -------------------------------------------------


def test_note_names_at_least_one_term_of_reference() -> None:
    assert problems(nth(VALID, "notes", 1, tor=())) == [
        "review.notes[1].tor: a note names at least one terms-of-reference item"
    ]


# Minutes approved on --------------------------------------------------------------------


def test_approved_minutes_have_a_date() -> None:
    assert problems(meeting(VALID, 0, minutes_approved_on=None)) == [
        f"{M0}.minutes_approved_on: is required when the minutes are approved"
    ]


@pytest.mark.parametrize("status", [MinutesStatus.NONE, MinutesStatus.DRAFT], ids=str)
def test_unapproved_minutes_need_no_date(status: MinutesStatus) -> None:
    assert check_review(meeting(VALID, 0, minutes_status=status, minutes_approved_on=None)) == []


def test_sequence_is_not_negative() -> None:
    assert problems(meeting(VALID, 1, sequence=-1)) == [
        "review.meetings[1].sequence: must be a whole number from 0 to 2,147,483,647"
    ]


# Local times ---------------------------------------------------------------------------


def test_nonexistent_local_times_are_refused() -> None:
    review = meeting(
        VALID,
        1,
        start=datetime(2026, 3, 29, 1, 30),
        end=datetime(2026, 3, 29, 3, 0),
        items=(
            AgendaItem(
                "i3", "Report", start=datetime(2026, 3, 29, 1, 30), end=datetime(2026, 3, 29, 1, 45)
            ),
        ),
    )
    m1 = "review.meetings[1]"
    assert problems(review) == [
        f"{m1}.start: 2026-03-29T01:30 does not exist in Europe/London "
        "(the clocks go forward then)",
        f"{m1}.items[0].start: 2026-03-29T01:30 does not exist in Europe/London "
        "(the clocks go forward then)",
        f"{m1}.items[0].end: 2026-03-29T01:45 does not exist in Europe/London "
        "(the clocks go forward then)",
    ]


def test_the_repeated_autumn_hour_is_accepted() -> None:
    review = meeting(
        VALID,
        1,
        start=datetime(2026, 10, 25, 1, 0),
        end=datetime(2026, 10, 25, 1, 59),
        items=(
            AgendaItem(
                "i3",
                "Report",
                start=datetime(2026, 10, 25, 1, 15),
                end=datetime(2026, 10, 25, 1, 30),
            ),
        ),
    )
    assert check_review(review) == []


def test_existence_is_judged_in_the_reviews_own_zone() -> None:
    london_gap = meeting(
        VALID, 1, start=datetime(2026, 3, 29, 1, 30), end=datetime(2026, 3, 29, 3, 0)
    )
    assert problems(replace(london_gap, timezone="America/New_York")) == []
    new_york_gap = meeting(
        VALID, 1, start=datetime(2026, 3, 8, 2, 30), end=datetime(2026, 3, 8, 4, 0)
    )
    assert problems(new_york_gap) == []
    assert problems(replace(new_york_gap, timezone="America/New_York")) == [
        "review.meetings[1].start: 2026-03-08T02:30 does not exist in America/New_York "
        "(the clocks go forward then)"
    ]


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "Europe/London\x00"])
def test_unknown_time_zone_is_named_and_times_are_not_judged(name: str) -> None:
    review = meeting(
        replace(VALID, timezone=name),
        1,
        start=datetime(2026, 3, 29, 1, 30),
        end=datetime(2026, 3, 29, 3, 0),
    )
    assert problems(review) == [f'review.timezone: "{name}" is not a known IANA time zone']


# References within the same review -------------------------------------------------------


@pytest.mark.parametrize(
    "broken, expected",
    [
        pytest.param(
            item(VALID, 0, 0, witnesses=("w1", "w9")),
            f'{M0}.items[0].witnesses[1]: no witness with key "w9"',
            id="item-witness",
        ),
        pytest.param(
            item(VALID, 0, 0, tor=("t9",)),
            f'{M0}.items[0].tor[0]: no terms-of-reference item with key "t9"',
            id="item-tor",
        ),
        pytest.param(
            meeting(VALID, 0, attendance=(Attendance("w1", AttendanceStatus.ABSENT),)),
            f'{M0}.attendance[0].member: no panel member with key "w1"',
            id="attendance-member",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, witness="chair"),
            'review.evidence[0].witness: no witness with key "chair"',
            id="evidence-witness",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, tor=("t1", "m")),
            'review.evidence[0].tor[1]: no terms-of-reference item with key "m"',
            id="evidence-tor",
        ),
        pytest.param(
            nth(VALID, "notes", 0, tor=("i1",)),
            'review.notes[0].tor[0]: no terms-of-reference item with key "i1"',
            id="note-tor",
        ),
        pytest.param(
            nth(VALID, "notes", 1, meeting="i2"),
            'review.notes[1].meeting: no meeting with key "i2"',
            id="note-meeting",
        ),
        pytest.param(
            nth(VALID, "notes", 1, item="m"),
            'review.notes[1].item: no agenda item with key "m"',
            id="note-item",
        ),
        pytest.param(
            nth(VALID, "notes", 0, witnesses=("w1", "w9")),
            'review.notes[0].witnesses[1]: no witness with key "w9"',
            id="note-witness",
        ),
        pytest.param(
            nth(VALID, "notes", 0, witnesses=("w1", "w1")),
            'review.notes[0].witnesses[1]: "w1" is listed twice',
            id="note-witness-twice",
        ),
        pytest.param(
            nth(VALID, "recommendations", 0, notes=("n2", "n9")),
            'review.recommendations[0].notes[1]: no note with key "n9"',
            id="recommendation-note",
        ),
        pytest.param(
            nth(VALID, "recommendations", 0, notes=("n1", "n1")),
            'review.recommendations[0].notes[1]: "n1" is listed twice',
            id="recommendation-note-twice",
        ),
        pytest.param(
            nth(VALID, "recommendations", 1, progress=(ProgressUpdate(date(2027, 1, 1), " "),)),
            "review.recommendations[1].progress[0].text: must not be empty",
            id="progress-text",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("", "text/plain", b"x")),
            "review.evidence[0].file.name: must not be empty",
            id="file-name-empty",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("../a.pdf", "application/pdf", b"x")),
            NAME_ONLY,
            id="file-name-folder",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("C:\\a.pdf", "application/pdf", b"x")),
            NAME_ONLY,
            id="file-name-backslash",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("a\x00.pdf", "application/pdf", b"x")),
            NAME_ONLY,
            id="file-name-nul",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("a.pdf", "pdf", b"x")),
            'review.evidence[0].file.media_type: "pdf" is not a media type such as '
            '"application/pdf"',
            id="file-media-type",
        ),
        pytest.param(
            nth(VALID, "evidence", 0, file=EvidenceFile("a.pdf", "application/pdf; x", b"x")),
            'review.evidence[0].file.media_type: "application/pdf; x" is not a media type '
            'such as "application/pdf"',
            id="file-media-type-parameters",
        ),
        pytest.param(
            nth(VALID, "notes", 0, evidence="e9"),
            'review.notes[0].evidence: no evidence with key "e9"',
            id="note-evidence",
        ),
        pytest.param(
            nth(VALID, "notes", 0, item="i3"),
            'review.notes[0].meeting: item "i3" belongs to meeting "m2", not "m"',
            id="note-item-of-another-meeting",
        ),
        pytest.param(
            nth(VALID, "recommendations", 1, tor=("t1", "t9")),
            'review.recommendations[1].tor[1]: no terms-of-reference item with key "t9"',
            id="recommendation-tor",
        ),
        pytest.param(
            nth(VALID, "actions", 0, meeting="i1"),
            'review.actions[0].meeting: no meeting with key "i1"',
            id="action-meeting",
        ),
        pytest.param(
            item(VALID, 0, 0, witnesses=("w1", "w1")),
            f'{M0}.items[0].witnesses[1]: "w1" is listed twice',
            id="witness-listed-twice",
        ),
        pytest.param(
            nth(VALID, "notes", 0, tor=("t1a", "t2", "t1a")),
            'review.notes[0].tor[2]: "t1a" is listed twice',
            id="tor-listed-twice",
        ),
        pytest.param(
            meeting(
                VALID,
                0,
                attendance=(
                    Attendance("chair", AttendanceStatus.PRESENT),
                    Attendance("chair", AttendanceStatus.ABSENT),
                ),
            ),
            f'{M0}.attendance[1].member: "chair" is recorded twice',
            id="member-recorded-twice",
        ),
    ],
)
def test_references_name_keys_of_the_same_review(broken: Review, expected: str) -> None:
    assert problems(broken) == [expected]


def test_references_reach_terms_of_reference_at_every_depth() -> None:
    assert VALID.meetings[0].items[0].tor == ("t1a1", "t2")  # depth 3 and depth 1
    assert check_review(VALID) == []


def test_keys_of_another_list_do_not_count() -> None:
    # "m" is a meeting key, not a witness; "w1" a witness, not a panel member.
    review = item(VALID, 0, 0, witnesses=("m",))
    review = nth(review, "actions", 0, meeting="w1")
    assert problems(review) == [
        f'{M0}.items[0].witnesses[0]: no witness with key "m"',
        'review.actions[0].meeting: no meeting with key "w1"',
    ]


# Unique keys ---------------------------------------------------------------------------


def first_used(what: str, key: str, at: str) -> str:
    return f'duplicate {what} key "{key}" (first used at {at})'


@pytest.mark.parametrize(
    "broken, expected",
    [
        pytest.param(
            replace(VALID, panel=(*VALID.panel, Member("chair", "Another"))),
            "review.panel[3].key: " + first_used("panel member", "chair", "review.panel[0]"),
            id="panel",
        ),
        pytest.param(
            replace(VALID, witnesses=(*VALID.witnesses, Witness("w1", "Again"))),
            "review.witnesses[2].key: " + first_used("witness", "w1", "review.witnesses[0]"),
            id="witnesses",
        ),
        pytest.param(
            replace(
                VALID, meetings=(*VALID.meetings, replace(VALID.meetings[1], uid="u3", items=()))
            ),
            "review.meetings[2].key: " + first_used("meeting", "m2", "review.meetings[1]"),
            id="meetings",
        ),
        pytest.param(
            meeting(VALID, 0, items=(*VALID.meetings[0].items, AgendaItem("i3", "Again"))),
            "review.meetings[1].items[0].key: "
            + first_used("item", "i3", "review.meetings[0].items[2]"),
            id="items-across-meetings",
        ),
        pytest.param(
            meeting(VALID, 1, items=(AgendaItem("i3", "Report"), AgendaItem("i3", "Again"))),
            "review.meetings[1].items[1].key: "
            + first_used("item", "i3", "review.meetings[1].items[0]"),
            id="items-in-one-meeting",
        ),
        pytest.param(
            replace(VALID, evidence=VALID.evidence * 2),
            "review.evidence[1].key: " + first_used("evidence", "e1", "review.evidence[0]"),
            id="evidence",
        ),
        pytest.param(
            nth(VALID, "notes", 1, key="n1"),
            "review.notes[1].key: " + first_used("note", "n1", "review.notes[0]"),
            id="notes",
        ),
        pytest.param(
            nth(VALID, "recommendations", 1, key="r1"),
            "review.recommendations[1].key: "
            + first_used("recommendation", "r1", "review.recommendations[0]"),
            id="recommendations",
        ),
        pytest.param(
            replace(VALID, actions=VALID.actions * 2),
            "review.actions[1].key: " + first_used("action", "a1", "review.actions[0]"),
            id="actions",
        ),
        pytest.param(
            meeting(VALID, 1, uid="uid-1"),
            'review.meetings[1].uid: duplicate meeting uid "uid-1" '
            "(first used at review.meetings[0])",
            id="meeting-uids",
        ),
    ],
)
def test_keys_are_unique_in_their_list(broken: Review, expected: str) -> None:
    assert problems(broken) == [expected]


@pytest.mark.parametrize(
    "terms, path",
    [
        pytest.param(
            (TorItem("t1", "One", (TorItem("t1", "Again"),)), TorItem("t2", "Two")),
            "review.terms_of_reference[0].children[0].key",
            id="child-repeats-parent",
        ),
        pytest.param(
            (TorItem("t1", "One", (TorItem("t2", "Deep"),)), TorItem("t2", "Two")),
            "review.terms_of_reference[1].key",
            id="top-level-repeats-child",
        ),
        pytest.param(
            (
                TorItem("t1", "One", (TorItem("a", "A", (TorItem("x", "X"),)),)),
                TorItem("t2", "Two", (TorItem("b", "B", (TorItem("x", "X"),)),)),
            ),
            "review.terms_of_reference[1].children[0].children[0].key",
            id="cousins-at-depth-3",
        ),
    ],
)
def test_terms_of_reference_keys_are_unique_across_depths(
    terms: tuple[TorItem, ...], path: str
) -> None:
    review = replace(
        VALID,
        terms_of_reference=terms,
        meetings=(),
        evidence=(),
        notes=(),
        recommendations=(),
        actions=(),
    )
    found = problems(review)
    assert len(found) == 1  # the second use is named, not the first
    assert found[0].startswith(f"{path}: duplicate terms-of-reference key ")


def test_the_same_key_in_different_lists_is_fine() -> None:
    review = nth(VALID, "witnesses", 0, key="chair")
    review = item(review, 0, 0, witnesses=("chair",))
    review = nth(review, "notes", 0, witnesses=("chair",))
    assert check_review(review) == []


def test_problems_come_in_document_order() -> None:
    review = nth(VALID, "actions", 0, meeting="zz")
    review = nth(review, "panel", 1, role=MemberRole.CHAIR)
    review = item(review, 0, 0, witnesses=("zz",))
    assert [p.path for p in check_review(review)] == [
        "review.panel[1].role",
        f"{M0}.items[0].witnesses[0]",
        "review.actions[0].meeting",
    ]


# Text that cannot be stored ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["", "plain", "line\nbreak\r\n", "\t<b>markup</b>", "\ufeff\uffff\U0010ffff", "x" * MAX_TEXT],
    ids=["empty", "plain", "newlines", "markup", "odd-but-valid", "longest"],
)
def test_text_that_can_be_stored(value: str) -> None:
    assert text_problem(value) is None


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "x" * MAX_TEXT + "\x00"])
def test_nul_cannot_be_stored(value: str) -> None:
    assert text_problem(value) == "contains a NUL character, which cannot be stored"


@pytest.mark.parametrize("value", ["\ud800", "a\udbffb", "\udc00", "end\udfff", "\udfff\x00"])
def test_unpaired_surrogates_cannot_be_stored(value: str) -> None:
    assert text_problem(value) == (
        "contains an unpaired surrogate (invalid Unicode), which cannot be stored"
    )


def test_text_longer_than_the_limit() -> None:
    assert MAX_TEXT == 1_000_000
    assert text_problem("x" * (MAX_TEXT + 1)) == "is longer than 1,000,000 characters"
    assert text_problem("\U0001f4b7" * (MAX_TEXT + 1)) == "is longer than 1,000,000 characters"


def test_an_attached_file_over_the_limit_is_refused_with_the_limit() -> None:
    big = EvidenceFile("big.pdf", "application/pdf", bytes(MAX_ATTACHMENT_BYTES + 1))
    assert problems(nth(VALID, "evidence", 0, file=big)) == [
        "review.evidence[0].file.content: the file is 20.1 MB; an attached file may be at "
        "most 20 MB"
    ]
    exact = replace(big, content=bytes(MAX_ATTACHMENT_BYTES))
    assert problems(nth(VALID, "evidence", 0, file=exact)) == []


def test_all_of_a_reviews_files_have_a_limit() -> None:
    per_file = MAX_ATTACHMENT_BYTES
    count = MAX_REVIEW_ATTACHMENT_BYTES // per_file + 1
    shared = bytes(per_file)  # one buffer: the records share it
    evidence = tuple(
        Evidence(
            f"e{n}",
            "Submission",
            EvidenceKind.WRITTEN,
            file=EvidenceFile("a.pdf", "application/pdf", shared),
        )
        for n in range(count)
    )
    review = replace(VALID, evidence=evidence, notes=())
    found = problems(review)
    assert found == [
        f"review.evidence: the attached files come to {megabytes(count * per_file)}; a "
        "review's files may come to at most 150 MB in all"
    ]


def test_sizes_read_as_a_clerk_reads_them() -> None:
    assert megabytes(20 * 2**20) == "20 MB"
    assert megabytes(3 * 2**20 + 2**19) == "3.5 MB"
    assert megabytes(2**20 + 1) == "1.1 MB"
    assert megabytes(25 * 2**20 + 1) == "25.1 MB"
    assert megabytes(1000) == "0.1 MB"


# Version 5: links and the invitation register ------------------------------------------


def test_the_register_keeps_recipients_the_review_no_longer_has_but_needs_one() -> None:
    from scrutiny_desk.domain.invitation_records import (
        CalendarIssue,
        IssuedTo,
        IssueKind,
        PersonKind,
    )

    gone = IssuedTo(PersonKind.WITNESS, "no-such-witness", "Gone", "gone@example.org")
    issue = CalendarIssue(
        datetime(2026, 3, 1, tzinfo=UTC), "clerk", IssueKind.CANCELLATION, "uid-1", 1, (gone,)
    )

    def with_issued(*issued: CalendarIssue) -> Review:
        first = replace(VALID.meetings[0], issued=issued)
        return replace(VALID, meetings=(first, *VALID.meetings[1:]))

    assert check_review(with_issued(issue)) == []
    problems = check_review(with_issued(issue, replace(issue, recipients=(), sequence=-1, uid="")))
    assert [p.path for p in problems] == [
        f"{M0}.issued[1].recipients",
        f"{M0}.issued[1].sequence",
        f"{M0}.issued[1].uid",
    ]


def test_links_are_checked_where_they_are() -> None:
    review = replace(
        VALID,
        web_page="www.example.org",
        meetings=(
            replace(VALID.meetings[0], joining_link="https://example.org/a b"),
            *VALID.meetings[1:],
        ),
    )
    assert [p.path for p in check_review(review)] == ["review.web_page", f"{M0}.joining_link"]
