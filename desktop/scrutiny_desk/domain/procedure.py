"""The rules of a meeting's procedure, written once: who was there for each item,
whether the meeting was quorate, who may vote, and how minutes are numbered.

Business is taken in the order papers print it (open items, then closed ones:
``structure.printed_order``), so "arrived at item 4" and "left after item 6" are
positions in that order. A panel member present at the meeting, or a substitute, is
there for every item from the one they arrived at (the first, when none is named) to
the one they left after (the last, when none is named); officers and others also
present neither count towards the quorum nor vote.

Minute numbers run through a municipal year (``12/26`` is minute 12 of 2026/27): each
item of a meeting that takes place is one minute, meetings taken in order of their
start. Only draft minutes are numbered from this; approved minutes print the numbers
they were approved with (their kept record), whatever changed since.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .enums import AttendanceStatus, AttendeeKind, ItemKind, StandardItem, VoteChoice
from .errors import Problem
from .records import MAY_DAY, AgendaItem, Meeting, MonthDay, Vote, VoteCast
from .structure import printed_order
from .wording import day_month_year, plural

# The order of business and who was there ----------------------------------------------


def business_order(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """The meeting's items in the order they are taken: Part 1, then Part 2."""
    return printed_order(items, lambda i: i.is_closed)


@dataclass(frozen=True)
class Presence:
    """Who could vote at one item: panel members present and substitutes, by key."""

    item: str  # the item's key
    number: int  # its printed number
    voters: tuple[str, ...]  # in the meeting's attendance order, then substitutes

    def __contains__(self, person: object) -> bool:
        return person in self.voters


def _span(
    order: dict[str, int], arrived: str | None, left: str | None, last: int
) -> tuple[int, int]:
    """The first and last positions (0-based) of a stay; an unknown key counts as the
    start or end (the checks refuse it before it is stored)."""
    first = order.get(arrived, 0) if arrived is not None else 0
    final = order.get(left, last) if left is not None else last
    return first, final


def presence(meeting: Meeting) -> tuple[Presence, ...]:
    """For each item in the order of business, who could vote there."""
    items = business_order(meeting.items)
    order = {item.key: n for n, item in enumerate(items)}
    last = len(items) - 1
    stays: list[tuple[str, int, int]] = []
    for a in meeting.attendance:
        if a.status is AttendanceStatus.PRESENT:
            stays.append((a.member, *_span(order, a.arrived, a.left, last)))
    for s in meeting.attendees:
        if s.kind is AttendeeKind.SUBSTITUTE:
            stays.append((s.key, *_span(order, s.arrived, s.left, last)))
    return tuple(
        Presence(
            item=item.key,
            number=n + 1,
            voters=tuple(key for key, first, final in stays if first <= n <= final),
        )
        for n, item in enumerate(items)
    )


def presence_at(meeting: Meeting, item_key: str) -> Presence | None:
    return next((p for p in presence(meeting) if p.item == item_key), None)


def stay_problems(meeting: Meeting, arrived: str | None, left: str | None) -> list[Problem]:
    """What is wrong with an arrival and departure: items of another meeting, or a
    departure before the arrival."""
    order = {item.key: n for n, item in enumerate(business_order(meeting.items))}
    problems = [
        Problem(name, "is not an item of this meeting")
        for name, key in (("arrived", arrived), ("left", left))
        if key is not None and key not in order
    ]
    if not problems and arrived is not None and left is not None and order[left] < order[arrived]:
        problems.append(Problem("left", "is before the item the person arrived at"))
    return problems


def inverted_stays(meeting: Meeting) -> list[str]:
    """The keys of people whose recorded stay the order of business has turned round
    (they would leave before they arrived): what moving an item, or closing or
    opening one (which moves it between Part 1 and Part 2), must not leave behind."""
    order = {item.key: n for n, item in enumerate(business_order(meeting.items))}
    stays = [(a.member, a.arrived, a.left) for a in meeting.attendance]
    stays += [(a.key, a.arrived, a.left) for a in meeting.attendees]
    return [
        person
        for person, arrived, left in stays
        if arrived in order and left in order and order[left] < order[arrived]
    ]


# Quorum -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemQuorum:
    item: str
    number: int
    present: int  # members and substitutes there
    quorate: bool


def quorum_by_item(meeting: Meeting, quorum: int) -> tuple[ItemQuorum, ...]:
    """Whether the meeting was quorate at each item, in the order of business."""
    return tuple(
        ItemQuorum(p.item, p.number, len(p.voters), len(p.voters) >= quorum)
        for p in presence(meeting)
    )


def quorum_problem(value: object) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return "must be a whole number"
    if value < 1:
        return "must be at least 1"
    if value > 100:
        return "must be at most 100"
    return None


# Votes ------------------------------------------------------------------------------


def vote_problems(vote: Vote, presence: Presence, names: dict[str, str]) -> list[Problem]:
    """What is wrong with a vote on a resolution of one item, by field: a person who
    was not present for the item (or is no member or substitute), someone voting
    twice, negative counts, more votes than people present. ``names`` gives the
    people's names by key, for the message."""
    problems: list[Problem] = []
    counts = (vote.in_favour, vote.against, vote.abstained)
    for field, count in zip(("in_favour", "against", "abstained"), counts, strict=True):
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            problems.append(Problem(f"vote.{field}", "must be a whole number, 0 or more"))
    if problems:
        return problems
    if vote.casts:
        seen: set[str] = set()
        for n, cast in enumerate(vote.casts):
            who = names.get(cast.person, cast.person)
            if cast.person in seen:
                problems.append(Problem(f"vote.casts[{n}]", f"{who} is named twice"))
            elif cast.person not in presence:
                problems.append(
                    Problem(
                        f"vote.casts[{n}]",
                        f"{who} was not present for item {presence.number} and cannot vote on it",
                    )
                )
            seen.add(cast.person)
        tallies = tuple(
            sum(1 for c in vote.casts if c.choice is choice)
            for choice in (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAINED)
        )
        if tallies != counts:
            problems.append(Problem("vote", "the counts must be the tallies of the names"))
    elif sum(counts) > len(presence.voters):
        problems.append(
            Problem(
                "vote",
                f"{plural(sum(counts), 'vote')} recorded, but only "
                f"{plural(len(presence.voters), 'member')} present for item {presence.number}",
            )
        )
    return problems


def named_vote(casts: Iterable[tuple[str, VoteChoice]]) -> Vote:
    """A vote by name, its counts the tallies of the names."""
    listed = tuple(VoteCast(person, choice) for person, choice in casts)
    return Vote(
        in_favour=sum(1 for c in listed if c.choice is VoteChoice.FOR),
        against=sum(1 for c in listed if c.choice is VoteChoice.AGAINST),
        abstained=sum(1 for c in listed if c.choice is VoteChoice.ABSTAINED),
        casts=listed,
    )


# Minute numbers ---------------------------------------------------------------------


def municipal_year(day: date, start: MonthDay = MAY_DAY) -> int:
    """The year a municipal year begins in: 2026 for 2026/27."""
    begins = _starts(day.year, start)
    return day.year if day >= begins else day.year - 1


def _starts(year: int, start: MonthDay) -> date:
    day = start.day
    while True:  # 29 February in a year without one: the last day of February
        try:
            return date(year, start.month, day)
        except ValueError:
            day -= 1


def minute_label(number: int, year: int) -> str:
    """``12/26``: minute 12 of the municipal year 2026/27."""
    return f"{number}/{year % 100:02d}"


def year_start_problem(month: object, day: object) -> str | None:
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (month, day)):
        return "must be a day and a month"
    assert isinstance(month, int) and isinstance(day, int)
    if not 1 <= month <= 12:
        return "must be a month from 1 to 12"
    limit = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= limit:
        return f"must be a day from 1 to {limit} of that month"
    return None


@dataclass(frozen=True)
class MinuteCount:
    """A meeting as minute numbering sees it: when it starts and how many minutes it has."""

    start: datetime
    minutes: int


def first_minute(start: datetime, earlier: Iterable[MinuteCount], year_start: MonthDay) -> int:
    """The number of a meeting's first minute: one more than the minutes of the meetings
    that take place before it in its municipal year (``earlier`` may hold any of the
    review's meetings that take place; those of other years are not counted)."""
    year = municipal_year(start.date(), year_start)
    return 1 + sum(
        m.minutes
        for m in earlier
        if m.start < start and municipal_year(m.start.date(), year_start) == year
    )


# The standard items ---------------------------------------------------------------------

_STANDARD_TITLES: tuple[tuple[StandardItem, tuple[str, ...]], ...] = (
    (StandardItem.APOLOGIES, ("apologies",)),
    (StandardItem.DECLARATIONS, ("declaration* of interest", "declarations")),
    (
        StandardItem.PREVIOUS_MINUTES,
        ("minutes of the previous meeting", "minutes of the last meeting"),
    ),
)
"""The titles a procedural item written before format version 6 (or stored before
migration 0010, whose LIKE patterns say the same) is recognised by: the title, trimmed
and lower-cased, begins with one of these; ``*`` stands for any text."""


def standard_item_for(title: str, kind: ItemKind) -> StandardItem | None:
    """Which standard item a procedural item is, from its title (for records that
    predate the mark), or None."""
    if kind is not ItemKind.PROCEDURAL:
        return None
    text = title.strip().lower()
    for standard, beginnings in _STANDARD_TITLES:
        for beginning in beginnings:
            head, star, tail = beginning.partition("*")
            if not star and text.startswith(head):
                return standard
            if star and text.startswith(head) and tail in text[len(head) :]:
                return standard
    return None


def previous_minutes_resolution(day: date) -> str:
    """What "Minutes of the previous meeting" resolves (after "RESOLVED – ")."""
    return (
        f"That the minutes of the meeting held on {day_month_year(day)} be agreed as a "
        "correct record and signed by the Chair."
    )


def stranded_voters(meeting: Meeting, casts: dict[str, list[str]]) -> list[tuple[str, int]]:
    """(person key, item number) of each vote by name (``casts``: item key -> voters)
    cast by someone the meeting, as it now stands, does not have present for that item:
    what a change of attendance must not leave behind."""
    stranded: list[tuple[str, int]] = []
    for p in presence(meeting):
        stranded += [(person, p.number) for person in casts.get(p.item, ()) if person not in p]
    return stranded
