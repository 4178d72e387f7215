"""The procedural record of a meeting as view data: attendance by item, substitutes,
officers and others present, declarations of interest, resolutions and votes, minute
numbers, quorum and the standard items' minutes worded from the record.

``publishing`` decides what each audience may see and hands this module its decision
(``Shown``: the printed numbers, each item's title as the audience sees it, and the
items it sees only by public title); nothing here decides confidentiality. Who was
there, the quorum and the numbering are ``domain.procedure``'s rules; the words are
``domain.procedure_wording``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain import procedure, procedure_wording
from ..domain.enums import AttendeeKind, StandardItem, VoteChoice
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import AgendaItem, Attendee, Meeting, Review, Vote
from ..domain.views import (
    AttendanceView,
    AttendeeView,
    DeclarationView,
    ResolutionView,
    VoteView,
)

_KIND_ORDER = {AttendeeKind.SUBSTITUTE: 0, AttendeeKind.OFFICER: 1, AttendeeKind.ALSO_PRESENT: 2}


@dataclass(frozen=True)
class Shown:
    """What ``publishing`` decided one audience sees of a meeting's items."""

    numbers: dict[str, int]  # item key -> printed number (order of business)
    titles: dict[str, str]  # item key -> its title as this audience sees it
    hidden: frozenset[str]  # items seen only by public title: no nature, resolution, minute


def first_minute(review: Review, meeting: Meeting) -> int:
    """The number of the meeting's first minute, counted from the review's other
    meetings that take place (``procedure.first_minute``): for a whole review."""
    earlier = [
        procedure.MinuteCount(m.start, len(m.items))
        for m in review.meetings
        if m.key != meeting.key and not will_not_take_place(m.status)
    ]
    return procedure.first_minute(meeting.start, earlier, review.year_start)


def minute_numbers(
    review: Review, meeting: Meeting, ordered: Sequence[AgendaItem], first: int | None
) -> dict[str, str]:
    """Each item's running minute number ("12/26"), in the order of business; none when
    the review numbers no minutes or the meeting does not take place. ``first``: the
    first minute's number when the caller knows it (a review cut down to one meeting),
    else counted from the review."""
    if not review.minute_numbers or will_not_take_place(meeting.status):
        return {}
    start = first_minute(review, meeting) if first is None else first
    year = procedure.municipal_year(meeting.start.date(), review.year_start)
    return {item.key: procedure.minute_label(start + n, year) for n, item in enumerate(ordered)}


def recorded(meeting: Meeting) -> bool:
    """Whether attendance has been recorded: only then are presence and quorum known
    and the apologies and declarations minutes worded from the record."""
    return bool(meeting.attendance or meeting.attendees)


def quorum(meeting: Meeting, review: Review) -> dict[str, procedure.ItemQuorum]:
    """Whether the meeting was quorate at each item, by item key (empty when
    attendance is not recorded)."""
    if not recorded(meeting):
        return {}
    return {q.item: q for q in procedure.quorum_by_item(meeting, review.quorum)}


def names(review: Review, meeting: Meeting) -> dict[str, str]:
    """Everyone a declaration or a vote may name, by key: the panel and the meeting's
    attendees."""
    found = {m.key: m.name for m in review.panel}
    found.update((a.key, a.name) for a in meeting.attendees)
    return found


def _number(numbers: dict[str, int], key: str | None) -> int | None:
    return None if key is None else numbers.get(key)


def attendance(
    review: Review, meeting: Meeting, numbers: dict[str, int]
) -> tuple[AttendanceView, ...]:
    members = {m.key: m for m in review.panel}
    substitutes = {
        a.substitute_for: a.name
        for a in meeting.attendees
        if a.kind is AttendeeKind.SUBSTITUTE and a.substitute_for
    }
    return tuple(
        AttendanceView(
            members[a.member].name,
            members[a.member].role,
            a.status,
            arrived=_number(numbers, a.arrived),
            left=_number(numbers, a.left),
            substitute=substitutes.get(a.member),
        )
        for a in meeting.attendance
    )


def attendees(
    review: Review, meeting: Meeting, numbers: dict[str, int]
) -> tuple[AttendeeView, ...]:
    """Substitutes, officers in attendance and others also present, in that order."""
    members = {m.key: m.name for m in review.panel}

    def view(a: Attendee) -> AttendeeView:
        return AttendeeView(
            a.kind,
            a.name,
            a.role,
            substitute_for=None if a.substitute_for is None else members.get(a.substitute_for),
            arrived=_number(numbers, a.arrived),
            left=_number(numbers, a.left),
        )

    return tuple(view(a) for a in sorted(meeting.attendees, key=lambda a: _KIND_ORDER[a.kind]))


def declarations(
    meeting: Meeting, people: dict[str, str], shown: Shown
) -> tuple[DeclarationView, ...]:
    """Each declaration as this audience may see it: on an item it sees only by public
    title, the nature is withheld; on an item it is not shown at all (a witness's own
    papers), nothing."""
    views = []
    for d in meeting.declarations:
        if d.item is not None and d.item not in shown.numbers:
            continue
        withheld = d.item is not None and d.item in shown.hidden
        views.append(
            DeclarationView(
                member=people.get(d.member, d.member),
                item=_number(shown.numbers, d.item),
                item_title=None if d.item is None else shown.titles.get(d.item),
                nature=None if withheld else d.nature,
                category=d.category,
                left_room=d.left_room,
            )
        )
    return tuple(views)


def resolutions(item: AgendaItem, people: dict[str, str]) -> tuple[ResolutionView, ...]:
    return tuple(ResolutionView(r.text, _vote(r.vote, people)) for r in item.resolutions)


def _vote(vote: Vote | None, people: dict[str, str]) -> VoteView | None:
    if vote is None:
        return None

    def named(choice: VoteChoice) -> tuple[str, ...]:
        return tuple(people.get(c.person, c.person) for c in vote.casts if c.choice is choice)

    return VoteView(
        vote.in_favour,
        vote.against,
        vote.abstained,
        for_names=named(VoteChoice.FOR),
        against_names=named(VoteChoice.AGAINST),
        abstained_names=named(VoteChoice.ABSTAINED),
    )


def worded_minute(
    item: AgendaItem,
    meeting: Meeting,
    present: Sequence[AttendanceView],
    others: Sequence[AttendeeView],
    declared: Sequence[DeclarationView],
) -> str | None:
    """The minute of a standard item whose minute is empty, worded from the record as
    this audience sees it (``present``, ``others`` and ``declared`` are its views); None
    for any other item, or before attendance is recorded. "Minutes of the previous
    meeting" is decided by its resolution, which prints on its own."""
    if item.standard is None or (item.minute or "").strip() or not recorded(meeting):
        return None
    if item.standard is StandardItem.APOLOGIES:
        return procedure_wording.apologies_minute(present, others)
    if item.standard is StandardItem.DECLARATIONS:
        return procedure_wording.declarations_minute(declared)
    return None
