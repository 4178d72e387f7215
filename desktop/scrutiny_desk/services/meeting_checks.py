"""The checks a meeting's fields meet before a save, with what they need of the
database (keys and calendar UIDs already taken, the agenda's timed slots).

``meeting_edits`` runs them on every save and on the editor's check alike, so the
clerk is told before saving what the save would refuse. The rules themselves are the
domain's: ``meeting_records.meeting_problems`` for the fields, ``links`` for the
joining link (an online or hybrid meeting's: http or https, no spaces or control
characters, blank is none). The Welsh title and the reason for urgency (version 7) are
optional texts under the title's rules: blank is none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..domain.errors import Problem
from ..domain.keys import key_problem
from ..domain.links import link_problems, normalised_link
from ..domain.meeting_records import (
    TimedItem,
    meeting_problems,
    shifted,
    slot_problems,
    uid_problem,
)
from ..domain.records import MeetingSummary
from ..domain.rules import text_problem
from ..store import meeting_edits, meeting_reads, queries


def venue_or_none(venue: str | None) -> str | None:
    """A venue of only spaces is no venue."""
    return venue if venue is not None and venue.strip() else None


#: the meeting's optional texts (version 7): blank is none, the title's text rules
OPTIONAL_TEXTS = ("title_cy", "urgency")


def normalised(new: dict[str, Any]) -> dict[str, Any]:
    """The values as they are kept: a blank venue, joining link, Welsh title or reason
    for urgency is none, and a link loses the spaces around it."""
    if "venue" in new:
        new = {**new, "venue": venue_or_none(new["venue"])}
    for name in OPTIONAL_TEXTS:
        if name in new:
            new = {**new, name: venue_or_none(new[name])}
    if "joining_link" in new:
        new = {**new, "joining_link": normalised_link(new["joining_link"])}
    return new


def optional_text_problems(new: dict[str, Any]) -> list[Problem]:
    """What is wrong with the given Welsh title or reason for urgency (normalised)."""
    problems: list[Problem] = []
    for name in OPTIONAL_TEXTS:
        value = new.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem(name, "must be text"))
        elif why := text_problem(value):
            problems.append(Problem(name, why))
    return problems


def new_problems(
    session: meeting_edits.Transaction,
    review_id: int,
    zone: str,
    title: str,
    start: datetime,
    end: datetime,
    venue: str | None,
    key: str | None,
    uid: str | None,
    joining_link: str | None = None,
) -> list[Problem]:
    """What creating a meeting with these fields would refuse, named by field."""
    problems = meeting_problems(title=title, start=start, end=end, venue=venue, zone=zone)
    problems += link_problems("joining_link", joining_link)
    if key is not None:
        if why := key_problem(key):
            problems.append(Problem("key", why))
        elif taken := meeting_reads.meeting_keys_taken(session, review_id, [key]):
            problems.append(
                Problem("key", f'"{key}" is already used by the meeting "{taken[key]}"')
            )
    if uid is not None:
        if why := uid_problem(uid):
            problems.append(Problem("uid", why))
        elif held := queries.uid_holders(session, [uid]):
            problems.append(
                Problem(
                    "uid",
                    f'the calendar UID "{uid}" is already held by a meeting of review '
                    f'{held[uid][0]} "{held[uid][1]}"',
                )
            )
    return problems


def edit_problems(
    session: meeting_edits.Transaction, current: MeetingSummary, new: dict[str, Any], zone: str
) -> list[Problem]:
    """What changing the meeting to the (normalised) values ``new`` would refuse."""
    start: datetime = new.get("start", current.start)
    end: datetime = new.get("end", current.end)
    problems = meeting_problems(
        title=new.get("title", current.title),
        start=start,
        end=end,
        venue=new.get("venue", current.venue),
        zone=zone,
    )
    if not problems and (start, end) != (current.start, current.end):
        items = meeting_reads.timed_items(session, current.id)
        problems += moved_slot_problems(items, current.start, start, end, zone)
    problems += optional_text_problems(new)
    return problems + link_problems("joining_link", new.get("joining_link"))


def moved_slot_problems(
    items: Sequence[TimedItem], old_start: datetime, start: datetime, end: datetime, zone: str
) -> list[Problem]:
    """The slots of the timed items, moved with the meeting's start, must fit in it."""
    if not items:
        return []
    try:
        moved = shifted(items, start - old_start)
    except OverflowError:
        return [Problem("start", "is too near the end of the calendar to move the agenda to")]
    return slot_problems(moved, start, end, zone)
