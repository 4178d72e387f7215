"""The rules a review's procedural record keeps (format version 6), checked on the
whole document like the rest of ``rules.check_review``, which calls these two.

The review's quorum and year start; the register of interests naming panel members;
each meeting's arrivals and departures by its own items, its attendees (a substitute
stands in for a panel member, nobody else does; an attendee's key is no panel
member's), its declarations (by a panel member or one of its substitutes, on one of its
items or generally), the times it began and ended, and every vote on a resolution,
which only those present for the item may cast (``procedure.vote_problems``). Each
problem is named by its path in the interchange format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .enums import AttendeeKind, ItemKind
from .errors import Problem
from .localtime import format_local, local_time_problem
from .procedure import (
    presence,
    quorum_problem,
    stay_problems,
    vote_problems,
    year_start_problem,
)
from .records import Meeting, Review


def review_problems(review: Review) -> Iterator[Problem]:
    """The review's own procedure: its quorum, year start and register of interests."""
    if why := quorum_problem(review.quorum):
        yield Problem("review.quorum", why)
    if why := year_start_problem(review.year_start.month, review.year_start.day):
        yield Problem("review.year_start", why)
    members = {m.key for m in review.panel}
    for i, interest in enumerate(review.interests):
        path = f"review.interests[{i}]"
        if interest.member not in members:
            yield Problem(f"{path}.member", f'no panel member with key "{interest.member}"')
        yield from _filled(interest.text, f"{path}.text")


def meeting_problems(
    meeting: Meeting, path: str, members: dict[str, str], zone: str | None
) -> Iterator[Problem]:
    """One meeting's procedural record (``path`` is the meeting's): ``members`` gives
    the panel's names by key, ``zone`` the review's time zone (None when it is not a
    known one: the review's own problem, and times cannot be checked in it)."""
    yield from _meeting(meeting, path, members, zone)


def _filled(text: str, path: str) -> Iterable[Problem]:
    if not text.strip():
        yield Problem(path, "must not be empty")


def _stay(meeting: Meeting, arrived: str | None, left: str | None, path: str) -> Iterable[Problem]:
    if arrived is None and left is None:  # there throughout: nothing to check
        return
    for problem in stay_problems(meeting, arrived, left):
        yield Problem(f"{path}.{problem.path}", problem.message)


def _times(meeting: Meeting, path: str, zone: str | None) -> Iterable[Problem]:
    for field, value in (("began", meeting.began), ("ended", meeting.ended)):
        if value is not None and zone is not None and (why := local_time_problem(value, zone)):
            yield Problem(f"{path}.{field}", why)
    began, ended = meeting.began, meeting.ended
    if began is not None and ended is not None and ended <= began:
        yield Problem(f"{path}.ended", f"must be after the meeting began ({format_local(began)})")


def _meeting(
    meeting: Meeting, path: str, members: dict[str, str], zone: str | None
) -> Iterator[Problem]:
    yield from _times(meeting, path, zone)
    for i, member in enumerate(meeting.attendance):
        yield from _stay(meeting, member.arrived, member.left, f"{path}.attendance[{i}]")
    names = dict(members)
    substitutes: set[str] = set()
    for i, a in enumerate(meeting.attendees):
        here = f"{path}.attendees[{i}]"
        if a.key in members:
            yield Problem(f"{here}.key", f'"{a.key}" is the key of a panel member')
        yield from _filled(a.name, f"{here}.name")
        if a.kind is AttendeeKind.SUBSTITUTE:
            if a.substitute_for is None:
                yield Problem(
                    f"{here}.substitute_for", "a substitute names the member they attend for"
                )
            elif a.substitute_for not in members:
                yield Problem(
                    f"{here}.substitute_for", f'no panel member with key "{a.substitute_for}"'
                )
            substitutes.add(a.key)
            names[a.key] = a.name
        elif a.substitute_for is not None:
            yield Problem(
                f"{here}.substitute_for",
                f"only a substitute attends for a member, not {_kind(a.kind)}",
            )
        yield from _stay(meeting, a.arrived, a.left, here)
    items = {item.key for item in meeting.items}
    for i, d in enumerate(meeting.declarations):
        here = f"{path}.declarations[{i}]"
        if d.member not in members and d.member not in substitutes:
            yield Problem(
                f"{here}.member",
                f'no panel member, nor substitute at this meeting, with key "{d.member}"',
            )
        if d.item is not None and d.item not in items:
            yield Problem(f"{here}.item", f'no item of this meeting with key "{d.item}"')
        yield from _filled(d.nature, f"{here}.nature")
    voted = any(x.vote is not None for item in meeting.items for x in item.resolutions)
    present = {p.item: p for p in presence(meeting)} if voted else {}  # once a meeting
    for i, item in enumerate(meeting.items):
        here = f"{path}.items[{i}]"
        if item.standard is not None and item.kind is not ItemKind.PROCEDURAL:
            yield Problem(f"{here}.standard", "only a procedural item is a standard item")
        at_item = present.get(item.key)
        for k, resolution in enumerate(item.resolutions):
            at = f"{here}.resolutions[{k}]"
            yield from _filled(resolution.text, f"{at}.text")
            if resolution.vote is not None and at_item is not None:
                for problem in vote_problems(resolution.vote, at_item, names):
                    yield Problem(f"{at}.{problem.path}", problem.message)


def _kind(kind: AttendeeKind) -> str:
    return "an officer" if kind is AttendeeKind.OFFICER else "someone also present"
