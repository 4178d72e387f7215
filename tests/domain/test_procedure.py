"""The rules of a meeting's procedure: who was there for each item, quorum, votes,
municipal years and minute numbers, and the standard items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from scrutiny_desk.domain.enums import (
    Access,
    AttendanceStatus,
    AttendeeKind,
    ItemKind,
    MeetingKind,
    StandardItem,
    VoteChoice,
)
from scrutiny_desk.domain.procedure import (
    MinuteCount,
    business_order,
    first_minute,
    inverted_stays,
    minute_label,
    municipal_year,
    named_vote,
    presence,
    presence_at,
    previous_minutes_resolution,
    quorum_by_item,
    quorum_problem,
    standard_item_for,
    stay_problems,
    vote_problems,
    year_start_problem,
)
from scrutiny_desk.domain.procedure_records import VotesAt, stranded_problems
from scrutiny_desk.domain.records import (
    MAY_DAY,
    AgendaItem,
    Attendance,
    Attendee,
    Meeting,
    MonthDay,
    Vote,
)

PRESENT, APOLOGIES = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES


def _meeting(
    attendance: tuple[Attendance, ...] = (), attendees: tuple[Attendee, ...] = ()
) -> Meeting:
    """Four items in agenda order a, b (closed), c, d: business order a, c, d, b."""
    items = (
        AgendaItem("a", "Apologies for absence", ItemKind.PROCEDURAL),
        AgendaItem("b", "Evidence in private", access=Access.CLOSED, closed_reason="witness"),
        AgendaItem("c", "Evidence from the police"),
        AgendaItem("d", "Next steps"),
    )
    return Meeting(
        key="m",
        title="Evidence session",
        kind=MeetingKind.EVIDENCE,
        start=datetime(2026, 5, 12, 14),
        end=datetime(2026, 5, 12, 16),
        attendance=attendance,
        items=items,
        attendees=attendees,
    )


def test_business_order_takes_part_2_last() -> None:
    assert [i.key for i in business_order(_meeting().items)] == ["a", "c", "d", "b"]


def test_presence_follows_arrivals_and_departures_in_business_order() -> None:
    meeting = _meeting(
        attendance=(
            Attendance("ann", PRESENT),
            Attendance("bob", PRESENT, arrived="c"),  # from item 2 on
            Attendance("cy", PRESENT, left="d"),  # left after item 3: not there for Part 2
            Attendance("dee", APOLOGIES),
        ),
        attendees=(
            Attendee("sub", AttendeeKind.SUBSTITUTE, "Sam Sub", substitute_for="dee", left="c"),
            Attendee("off", AttendeeKind.OFFICER, "Olive Officer", role="Scrutiny officer"),
        ),
    )
    by_item = {p.item: (p.number, p.voters) for p in presence(meeting)}
    assert by_item == {
        "a": (1, ("ann", "cy", "sub")),
        "c": (2, ("ann", "bob", "cy", "sub")),
        "d": (3, ("ann", "bob", "cy")),
        "b": (4, ("ann", "bob")),
    }
    at_b = presence_at(meeting, "b")
    assert at_b is not None and "bob" in at_b and "cy" not in at_b and "off" not in at_b
    assert presence_at(meeting, "nowhere") is None


def test_stay_problems_name_the_field() -> None:
    meeting = _meeting()
    assert stay_problems(meeting, "c", "b") == []
    assert [p.path for p in stay_problems(meeting, "zz", None)] == ["arrived"]
    (late,) = stay_problems(meeting, "b", "c")  # b (Part 2) is taken after c
    assert late.path == "left" and "before the item" in late.message


def test_a_stay_turned_round_by_the_order_of_business_is_found() -> None:
    meeting = _meeting(
        attendance=(Attendance("ann", PRESENT, arrived="c", left="d"),),
        attendees=(Attendee("sub", AttendeeKind.SUBSTITUTE, "Sam Sub", arrived="a", left="b"),),
    )
    assert inverted_stays(meeting) == []
    # "c" moved after "d": Ann would leave (after d) before she arrived (at c)
    swapped = replace(meeting, items=tuple(sorted(meeting.items, key=lambda i: i.key != "d")))
    assert inverted_stays(swapped) == ["ann"]


def test_quorum_lost_and_regained() -> None:
    meeting = _meeting(
        attendance=(
            Attendance("ann", PRESENT),
            Attendance("bob", PRESENT, left="a"),  # gone after item 1
            Attendance("cy", PRESENT, arrived="d"),  # back to three at item 3
        )
    )
    assert [(q.number, q.present, q.quorate) for q in quorum_by_item(meeting, 3)] == [
        (1, 2, False),
        (2, 1, False),
        (3, 2, False),
        (4, 2, False),
    ]
    meeting = _meeting(
        attendance=(
            Attendance("ann", PRESENT),
            Attendance("bob", PRESENT),
            Attendance("cy", PRESENT, left="a"),
            Attendance("dee", PRESENT, arrived="d"),
        )
    )
    assert [q.quorate for q in quorum_by_item(meeting, 3)] == [True, False, True, True]
    assert quorum_problem(3) is None
    assert quorum_problem(0) == "must be at least 1"
    assert quorum_problem(True) == quorum_problem("3") == "must be a whole number"


def test_a_vote_naming_someone_absent_for_the_item_is_refused() -> None:
    meeting = _meeting(
        attendance=(Attendance("ann", PRESENT), Attendance("bob", PRESENT, left="a"))
    )
    names = {"ann": "Ann Able", "bob": "Bob Brown"}
    at_c = presence_at(meeting, "c")
    assert at_c is not None
    vote = named_vote([("ann", VoteChoice.FOR), ("bob", VoteChoice.AGAINST)])
    assert (vote.in_favour, vote.against, vote.abstained) == (1, 1, 0)
    (problem,) = vote_problems(vote, at_c, names)
    assert problem.path == "vote.casts[1]"
    assert problem.message == "Bob Brown was not present for item 2 and cannot vote on it"
    at_a = presence_at(meeting, "a")
    assert at_a is not None and vote_problems(vote, at_a, names) == []
    twice = named_vote([("ann", VoteChoice.FOR), ("ann", VoteChoice.FOR)])
    assert [p.message for p in vote_problems(twice, at_a, names)] == ["Ann Able is named twice"]
    wrong_tally = Vote(2, 0, 0, vote.casts)
    assert [p.path for p in vote_problems(wrong_tally, at_a, names)] == ["vote"]
    too_many = Vote(in_favour=2, against=1)
    (counted,) = vote_problems(too_many, at_c, names)
    assert counted.message == "3 votes recorded, but only 1 member present for item 2"
    assert [p.path for p in vote_problems(Vote(in_favour=-1), at_c, names)] == ["vote.in_favour"]


def test_municipal_years_turn_on_the_start_day() -> None:
    assert municipal_year(date(2026, 4, 30)) == 2025
    assert municipal_year(date(2026, 5, 1)) == 2026
    assert municipal_year(date(2027, 4, 30), MAY_DAY) == 2026
    leap = MonthDay(2, 29)
    assert municipal_year(date(2028, 2, 28), leap) == 2027  # 2028 has a 29 February
    assert municipal_year(date(2028, 2, 29), leap) == 2028
    assert municipal_year(date(2027, 2, 28), leap) == 2027  # no 29th: the 28th starts it
    assert municipal_year(date(2027, 2, 27), leap) == 2026
    assert minute_label(12, 2026) == "12/26" and minute_label(3, 2009) == "3/09"
    assert year_start_problem(2, 29) is None
    assert year_start_problem(2, 30) == "must be a day from 1 to 29 of that month"
    assert year_start_problem(13, 1) == "must be a month from 1 to 12"
    assert year_start_problem("5", 1) == "must be a day and a month"


def test_first_minute_counts_earlier_meetings_of_the_same_municipal_year() -> None:
    earlier = [
        MinuteCount(datetime(2026, 3, 10, 14), 6),  # 2025/26
        MinuteCount(datetime(2026, 5, 20, 14), 5),  # 2026/27
        MinuteCount(datetime(2026, 7, 1, 14), 4),
        MinuteCount(datetime(2026, 9, 1, 14), 7),  # after the meeting numbered
    ]
    assert first_minute(datetime(2026, 4, 28, 14), earlier, MAY_DAY) == 7
    assert first_minute(datetime(2026, 7, 15, 14), earlier, MAY_DAY) == 10
    assert first_minute(datetime(2026, 5, 1, 10), earlier, MAY_DAY) == 1
    assert first_minute(datetime(2026, 7, 15, 14), earlier, MonthDay(6, 1)) == 5


@pytest.mark.parametrize(
    ("title", "kind", "expected"),
    [
        ("Apologies for absence", ItemKind.PROCEDURAL, StandardItem.APOLOGIES),
        ("  APOLOGIES and substitutions", ItemKind.PROCEDURAL, StandardItem.APOLOGIES),
        ("Declarations of interest", ItemKind.PROCEDURAL, StandardItem.DECLARATIONS),
        ("Declaration of interests", ItemKind.PROCEDURAL, StandardItem.DECLARATIONS),
        ("Declarations", ItemKind.PROCEDURAL, StandardItem.DECLARATIONS),
        ("Minutes of the previous meeting", ItemKind.PROCEDURAL, StandardItem.PREVIOUS_MINUTES),
        ("Minutes of the last meeting", ItemKind.PROCEDURAL, StandardItem.PREVIOUS_MINUTES),
        ("Apologies for absence", ItemKind.EVIDENCE, None),
        ("Any other business", ItemKind.PROCEDURAL, None),
    ],
)
def test_standard_item_for(title: str, kind: ItemKind, expected: StandardItem | None) -> None:
    assert standard_item_for(title, kind) is expected


def test_previous_minutes_resolution_names_the_meeting_day() -> None:
    assert previous_minutes_resolution(date(2026, 3, 4)) == (
        "That the minutes of the meeting held on 4 March 2026 be agreed as a correct "
        "record and signed by the Chair."
    )


def test_a_change_of_attendance_may_not_leave_more_votes_counted_than_people_present() -> None:
    """Three votes counted at item "c" (number 2) while only Ann and Bob would be
    there: refused, as the import refuses such a vote; two are fine."""
    meeting = _meeting(
        attendance=(Attendance("ann", PRESENT), Attendance("bob", PRESENT, left="c")),
    )
    names = {"ann": "Ann", "bob": "Bob"}
    three = VotesAt(casts={}, counted={"c": [3]})
    (problem,) = stranded_problems(meeting, three, names, "left")
    assert problem.path == "left"
    assert problem.message.startswith("3 votes were recorded on item 2, but only 2 members")
    assert stranded_problems(meeting, VotesAt(casts={}, counted={"c": [2]}), names, "left") == []
    # a vote by name by Bob on "d" (item 3), which he left before
    named = VotesAt(casts={"d": ["bob"]}, counted={"d": [1]})
    assert [p.message for p in stranded_problems(meeting, named, names, "left")] == [
        "Bob voted by name on item 3, so must be present for it; change that vote first"
    ]
