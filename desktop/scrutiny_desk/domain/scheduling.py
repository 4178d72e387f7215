"""Clashes to warn about, not to refuse: overlapping meetings of a review, a room booked
twice, a witness in two places at once.

Times are the naive local times the review keeps. A slot runs from its start up to, not
including, its end, so a meeting ending at 16:00 does not clash with one starting then.
Cancelled and postponed meetings clash with nothing.

Each check sorts the slots by start and sweeps through them, keeping only the slots
still running (a heap ordered by end), so its cost is n log n plus the clashes found,
not a comparison of every pair: a busy council's 3,000 meetings check at once.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar

from .meeting_rules import will_not_take_place
from .records import Meeting
from .wording import day_month_year

# Venues that are not rooms: two meetings "online" at once share nothing.
NOT_ROOMS = frozenset(
    {"online", "remote", "virtual", "teams", "microsoft teams", "zoom", "tbc", "tba"}
    | {"to be confirmed", "to be arranged"}
)
_SPACE = re.compile(r"\s+")


class ClashKind(StrEnum):
    OVERLAP = "overlap"  # two meetings of the same review at once
    VENUE = "venue"  # one room, two meetings (of different reviews) at once
    WITNESS = "witness"  # one witness, two overlapping slots


@dataclass(frozen=True)
class MeetingSlot:
    """A meeting as the checks see it. ``review`` groups meetings of one review."""

    key: str
    title: str
    start: datetime
    end: datetime
    venue: str | None = None
    review: int | None = None
    active: bool = True


@dataclass(frozen=True)
class WitnessSlot:
    """A timed agenda item and the keys of the witnesses booked into it."""

    key: str
    title: str
    start: datetime
    end: datetime
    witnesses: tuple[str, ...] = ()
    active: bool = True


@dataclass(frozen=True)
class Clash:
    """Two slots that clash, earlier first; ``subject`` is the venue or witness key."""

    kind: ClashKind
    keys: tuple[str, str]
    message: str
    subject: str | None = None


def meeting_slot(meeting: Meeting, review: int | None = None) -> MeetingSlot:
    return MeetingSlot(
        meeting.key,
        meeting.title,
        meeting.start,
        meeting.end,
        meeting.venue,
        review,
        not will_not_take_place(meeting.status),
    )


def witness_slots(meeting: Meeting) -> list[WitnessSlot]:
    """The meeting's timed items that have witnesses; untimed items hold no slot."""
    active = not will_not_take_place(meeting.status)
    return [
        WitnessSlot(item.key, item.title, item.start, item.end, item.witnesses, active)
        for item in meeting.items
        if item.start is not None and item.end is not None and item.witnesses
    ]


def meeting_clashes(meetings: Iterable[MeetingSlot]) -> list[Clash]:
    """Overlapping meetings of one review, and one room booked by two reviews at once.

    A pair of the same review is reported once, as an overlap (naming the room when
    they share it too); a pair of different reviews only when they share a room.
    """
    live = [m for m in meetings if m.active]
    clashes: list[tuple[MeetingSlot, MeetingSlot, Clash]] = []
    by_review: dict[int | None, list[MeetingSlot]] = defaultdict(list)
    by_room: dict[str, list[MeetingSlot]] = defaultdict(list)
    for m in live:
        by_review[m.review].append(m)
        room = _room(m.venue)
        if room is not None:
            by_room[room].append(m)
    for group in by_review.values():
        for a, b in overlapping(group):
            room = _room(a.venue)
            shared = f", both in {a.venue}" if room is not None and room == _room(b.venue) else ""
            message = f"{_label(a, b)} overlaps {_label(b, a)}{_on(a, b)}{shared}"
            clashes.append((a, b, Clash(ClashKind.OVERLAP, (a.key, b.key), message)))
    for group in by_room.values():
        for a, b in overlapping(group):
            if a.review == b.review:
                continue
            venue = a.venue or ""
            message = f"{venue} is booked twice: {_label(a, b)} and {_label(b, a)}{_on(a, b)}"
            clashes.append((a, b, Clash(ClashKind.VENUE, (a.key, b.key), message, venue)))
    return _in_order(clashes)


def witness_clashes(
    slots: Iterable[WitnessSlot], names: Mapping[str, str] | None = None
) -> list[Clash]:
    """Each witness booked into two overlapping slots, named from ``names`` (key to
    name) or by key. Keys are a review's own, so pass the slots of one review."""
    names = names or {}
    by_witness: dict[str, list[WitnessSlot]] = defaultdict(list)
    for slot in slots:
        if slot.active:
            for witness in dict.fromkeys(slot.witnesses):
                by_witness[witness].append(slot)
    clashes: list[tuple[WitnessSlot, WitnessSlot, Clash]] = []
    for witness, group in by_witness.items():
        who = names.get(witness, witness)
        for a, b in overlapping(group):
            message = (
                f"{who} is booked into two overlapping slots: "
                f"{_label(a, b)} and {_label(b, a)}{_on(a, b)}"
            )
            clash = Clash(ClashKind.WITNESS, (a.key, b.key), message, witness)
            clashes.append((a, b, clash))
    return _in_order(clashes)


class _Span(Protocol):
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...


S = TypeVar("S", bound=_Span)


def overlapping(slots: Sequence[S]) -> Iterator[tuple[S, S]]:
    """Every overlapping pair, the earlier-starting slot first, by sort and sweep.

    A slot that ends at or before its start is empty and overlaps nothing.
    """
    order = sorted(
        (i for i, s in enumerate(slots) if s.end > s.start),
        key=lambda i: (slots[i].start, slots[i].end, i),
    )
    running: list[tuple[datetime, int]] = []  # (end, index), soonest end on top
    for i in order:
        slot = slots[i]
        while running and running[0][0] <= slot.start:
            heapq.heappop(running)
        for _, j in sorted(running, key=lambda pair: pair[1]):
            yield slots[j], slot
        heapq.heappush(running, (slot.end, i))


def _in_order(clashes: Iterable[tuple[_Span, _Span, Clash]]) -> list[Clash]:
    ordered = sorted(clashes, key=lambda c: (c[0].start, c[1].start, c[2].kind, c[2].keys))
    return [c for _, _, c in ordered]


def _room(venue: str | None) -> str | None:
    """The venue as a room to compare, or None when it names no room."""
    if venue is None:
        return None
    room = _SPACE.sub(" ", venue).strip().casefold()
    return room if room and room not in NOT_ROOMS else None


def _label(slot: MeetingSlot | WitnessSlot, other: _Span) -> str:
    return f"{slot.title} ({_span(slot, other)})"


def _span(slot: _Span, other: _Span) -> str:
    """``14:00–17:00``; with dates when the pair does not sit within one day."""
    if _one_day(slot, other):
        return f"{slot.start:%H:%M}–{slot.end:%H:%M}"
    start, end = slot.start, slot.end
    return f"{day_month_year(start)} {start:%H:%M} – {day_month_year(end)} {end:%H:%M}"


def _on(a: _Span, b: _Span) -> str:
    return f" on {day_month_year(a.start)}" if _one_day(a, b) else ""


def _one_day(a: _Span, b: _Span) -> bool:
    return len({a.start.date(), a.end.date(), b.start.date(), b.end.date()}) == 1
