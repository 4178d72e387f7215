"""Clash warnings: overlapping meetings, rooms booked twice, witnesses in two places."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from scrutiny_desk.domain.enums import MeetingKind, MeetingStatus
from scrutiny_desk.domain.records import AgendaItem, Meeting
from scrutiny_desk.domain.scheduling import (
    Clash,
    ClashKind,
    MeetingSlot,
    WitnessSlot,
    meeting_clashes,
    meeting_slot,
    overlapping,
    witness_clashes,
    witness_slots,
)

DAY = datetime(2026, 9, 16)


def at(hour: int, minute: int = 0, day: datetime = DAY) -> datetime:
    return day.replace(hour=hour, minute=minute)


def meeting(
    key: str,
    title: str,
    start: datetime,
    end: datetime,
    venue: str | None = None,
    review: int | None = 1,
    active: bool = True,
) -> MeetingSlot:
    return MeetingSlot(key, title, start, end, venue, review, active)


# Meetings of one review ---------------------------------------------------------------


def test_two_meetings_of_the_review_that_overlap() -> None:
    clashes = meeting_clashes(
        [
            meeting("visit", "Visit", at(15), at(16)),
            meeting("e3", "Evidence session 3", at(14), at(17)),
        ]
    )
    assert clashes == [
        Clash(
            ClashKind.OVERLAP,
            ("e3", "visit"),
            "Evidence session 3 (14:00–17:00) overlaps Visit (15:00–16:00) on 16 September 2026",
        )
    ]


def test_meetings_that_only_touch_do_not_clash() -> None:
    assert not meeting_clashes(
        [
            meeting("a", "Morning", at(10), at(12)),
            meeting("b", "Afternoon", at(12), at(14), venue="Committee Room 1"),
            meeting("c", "Later", at(14), at(15), venue="Committee Room 1"),
        ]
    )


def test_same_review_same_room_is_one_warning_naming_the_room() -> None:
    clashes = meeting_clashes(
        [
            meeting("a", "Panel", at(10), at(12), venue="Committee Room 1"),
            meeting("b", "Briefing", at(11), at(13), venue=" committee  room 1 "),
        ]
    )
    assert [c.kind for c in clashes] == [ClashKind.OVERLAP]
    assert clashes[0].message.endswith("on 16 September 2026, both in Committee Room 1")


def test_cancelled_and_postponed_meetings_clash_with_nothing() -> None:
    assert not meeting_clashes(
        [
            meeting("a", "Panel", at(10), at(12), venue="Room 1"),
            meeting("b", "Old date", at(10), at(12), venue="Room 1", active=False),
        ]
    )
    base = Meeting("a", "Panel", MeetingKind.EVIDENCE, at(10), at(12), venue="Room 1")
    for status, active in [
        (MeetingStatus.SCHEDULED, True),
        (MeetingStatus.HELD, True),
        (MeetingStatus.CANCELLED, False),
        (MeetingStatus.POSTPONED, False),
    ]:
        slot = meeting_slot(replace(base, status=status), review=7)
        assert (slot.active, slot.review, slot.venue) == (active, 7, "Room 1")


def test_three_at_once_give_three_pairs_in_time_order() -> None:
    clashes = meeting_clashes(
        [
            meeting("c", "C", at(11), at(12)),
            meeting("a", "A", at(9), at(13)),
            meeting("b", "B", at(10), at(11, 30)),
        ]
    )
    assert [c.keys for c in clashes] == [("a", "b"), ("a", "c"), ("b", "c")]


def test_a_meeting_past_midnight_names_its_dates() -> None:
    late = meeting("late", "Night visit", at(22), at(1, day=DAY + timedelta(days=1)))
    early = meeting(
        "early",
        "Night briefing",
        at(0, 30, day=DAY + timedelta(days=1)),
        at(2, day=DAY + timedelta(days=1)),
    )
    [clash] = meeting_clashes([late, early])
    assert clash.message == (
        "Night visit (16 September 2026 22:00 – 17 September 2026 01:00) overlaps "
        "Night briefing (17 September 2026 00:30 – 17 September 2026 02:00)"
    )


# Rooms shared between reviews ---------------------------------------------------------


def test_one_room_booked_by_two_reviews_at_once() -> None:
    clashes = meeting_clashes(
        [
            meeting("e3", "Evidence session 3", at(14), at(17), "Committee Room 1", review=1),
            meeting("bud", "Budget panel", at(15), at(16), "Committee Room 1", review=2),
            meeting("oth", "Other room", at(15), at(16), "Committee Room 2", review=3),
        ]
    )
    assert clashes == [
        Clash(
            ClashKind.VENUE,
            ("e3", "bud"),
            "Committee Room 1 is booked twice: Evidence session 3 (14:00–17:00) and "
            "Budget panel (15:00–16:00) on 16 September 2026",
            "Committee Room 1",
        )
    ]


def test_meetings_of_different_reviews_in_different_rooms_do_not_clash() -> None:
    assert not meeting_clashes(
        [
            meeting("a", "A", at(10), at(12), "Room 1", review=1),
            meeting("b", "B", at(10), at(12), "Room 2", review=2),
            meeting("c", "C", at(10), at(12), None, review=3),
        ]
    )


def test_online_and_unconfirmed_venues_are_not_rooms() -> None:
    assert not meeting_clashes(
        [
            meeting("a", "A", at(10), at(12), "Online", review=1),
            meeting("b", "B", at(10), at(12), "online", review=2),
            meeting("c", "C", at(10), at(12), "Microsoft Teams", review=3),
            meeting("d", "D", at(10), at(12), "microsoft  teams", review=4),
            meeting("e", "E", at(10), at(12), "TBC", review=5),
            meeting("f", "F", at(10), at(12), "TBC", review=6),
            meeting("g", "G", at(10), at(12), "  ", review=7),
            meeting("h", "H", at(10), at(12), "", review=8),
        ]
    )


# Witnesses ---------------------------------------------------------------------------


def test_a_witness_booked_into_two_overlapping_slots() -> None:
    clashes = witness_clashes(
        [
            WitnessSlot("i1", "Evidence from the police", at(14), at(14, 45), ("hodc", "w2")),
            WitnessSlot("i2", "Treatment services", at(14, 30), at(15), ("hodc",)),
            WitnessSlot("i3", "Housing", at(14, 45), at(15, 30), ("hodc", "w2")),
        ],
        {"hodc": "Head of Drugs Casework"},
    )
    assert clashes == [
        Clash(
            ClashKind.WITNESS,
            ("i1", "i2"),
            "Head of Drugs Casework is booked into two overlapping slots: "
            "Evidence from the police (14:00–14:45) and Treatment services (14:30–15:00) "
            "on 16 September 2026",
            "hodc",
        ),
        Clash(
            ClashKind.WITNESS,
            ("i2", "i3"),
            "Head of Drugs Casework is booked into two overlapping slots: "
            "Treatment services (14:30–15:00) and Housing (14:45–15:30) on 16 September 2026",
            "hodc",
        ),
    ]


def test_a_witness_without_a_name_is_named_by_key_and_listed_twice_once() -> None:
    clashes = witness_clashes(
        [
            WitnessSlot("i1", "A", at(10), at(11), ("w1", "w1")),
            WitnessSlot("i2", "B", at(10, 30), at(11), ("w1",)),
        ]
    )
    assert len(clashes) == 1
    assert clashes[0].message.startswith("w1 is booked into two overlapping slots: ")


def test_witness_slots_come_from_timed_items_of_active_meetings() -> None:
    held = Meeting(
        "m1",
        "Evidence session",
        MeetingKind.EVIDENCE,
        at(10),
        at(13),
        items=(
            AgendaItem("i1", "Police", start=at(10), end=at(11), witnesses=("w1",)),
            AgendaItem("i2", "Untimed", witnesses=("w1",)),
            AgendaItem("i3", "No witness", start=at(10), end=at(11)),
        ),
    )
    cancelled = Meeting(
        "m2",
        "Cancelled",
        MeetingKind.EVIDENCE,
        at(10),
        at(13),
        status=MeetingStatus.CANCELLED,
        items=(AgendaItem("i4", "Police again", start=at(10), end=at(11), witnesses=("w1",)),),
    )
    slots = witness_slots(held) + witness_slots(cancelled)
    assert [(s.key, s.active) for s in slots] == [("i1", True), ("i4", False)]
    assert witness_clashes(slots) == []


def test_different_witnesses_at_the_same_time_do_not_clash() -> None:
    assert not witness_clashes(
        [
            WitnessSlot("i1", "A", at(10), at(11), ("w1",)),
            WitnessSlot("i2", "B", at(10), at(11), ("w2",)),
        ]
    )


# The sweep ---------------------------------------------------------------------------


def test_empty_slots_overlap_nothing() -> None:
    slots = [
        meeting("a", "A", at(10), at(12)),
        meeting("zero", "Zero", at(11), at(11)),
        meeting("backwards", "Backwards", at(11), at(10)),
    ]
    assert list(overlapping(slots)) == []


spans = st.lists(
    st.tuples(st.integers(0, 48), st.integers(-2, 16)).map(
        lambda p: (DAY + timedelta(minutes=30 * p[0]), DAY + timedelta(minutes=30 * (p[0] + p[1])))
    ),
    max_size=25,
)


@given(spans)
def test_the_sweep_finds_exactly_the_pairs_a_full_comparison_finds(
    pairs: list[tuple[datetime, datetime]],
) -> None:
    slots = [meeting(str(i), f"M{i}", s, e) for i, (s, e) in enumerate(pairs)]
    found = {frozenset((a.key, b.key)) for a, b in overlapping(slots)}
    expected = {
        frozenset((a.key, b.key))
        for a, b in combinations(slots, 2)
        if a.start < b.end and b.start < a.end and a.start < a.end and b.start < b.end
    }
    assert found == expected
    assert all(a.start <= b.start for a, b in overlapping(slots))


def test_a_busy_councils_3000_meetings() -> None:
    # Ten years of meetings across 30 reviews in 5 rooms, one clash planted per review
    # and one room double-booked; the sweep finds those and nothing else.
    rng = random.Random(4)
    rooms = [f"Committee Room {n}" for n in range(1, 6)]
    slots: list[MeetingSlot] = []
    for n in range(3000):
        day = datetime(2026, 1, 5) + timedelta(days=(n // 6) * 7 + (n % 6) // 2 * 2)
        start = day.replace(hour=10 if n % 2 == 0 else 14)
        review = rng.randrange(30)
        slots.append(
            meeting(
                f"m{n}",
                f"Meeting {n}",
                start,
                start + timedelta(hours=3),
                rooms[n % 5],
                review=review,
            )
        )
    # No two meetings above share a start: 6 a week on 3 days, mornings and afternoons.
    assert not meeting_clashes(slots)
    planted = [
        meeting(
            "x1",
            "Extra",
            slots[0].start + timedelta(hours=1),
            slots[0].end,
            "Room X",
            review=slots[0].review,
        ),
        meeting(
            "x2",
            "Extra",
            slots[1].start,
            slots[1].end,
            slots[1].venue,
            review=(slots[1].review or 0) + 100,
        ),
    ]
    clashes = meeting_clashes(slots + planted)
    assert [(c.kind, c.keys) for c in clashes] == [
        (ClashKind.OVERLAP, ("m0", "x1")),
        (ClashKind.VENUE, ("m1", "x2")),
    ]
