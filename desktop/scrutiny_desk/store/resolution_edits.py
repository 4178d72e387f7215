"""Storage for the resolutions of agenda items and their votes (counts, and the casts
of a vote by name).

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already. People are named by key: a panel
member's or an attendee's of the item's meeting (``MeetingFacts`` maps them to ids).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..domain.enums import MinutesStatus, VoteChoice
from ..domain.errors import NotFoundError
from ..domain.meeting_rules import NOT_TAKING_PLACE
from ..domain.procedure import named_vote
from ..domain.procedure_records import NamedCast, ResolutionRecord, ResolutionVote, VotesAt
from ..domain.records import Resolution, Vote, VoteCast
from . import orm
from .attendee_edits import MeetingFacts, meeting_facts
from .positions import close_gaps, make_room, move_row

R = orm.ResolutionRow
C = orm.VoteCastRow


def _scope(item_id: int) -> Any:
    return R.item_id == item_id


def item_of(session: Session, resolution_id: int) -> int | None:
    return session.scalar(select(R.item_id).where(R.id == resolution_id))


def _casts(session: Session, resolution_ids: Sequence[int]) -> dict[int, list[C]]:
    out: dict[int, list[C]] = defaultdict(list)
    if resolution_ids:
        for c in session.scalars(
            select(C).where(C.resolution_id.in_(resolution_ids)).order_by(C.position, C.id)
        ):
            out[c.resolution_id].append(c)
    return out


def _person(facts: MeetingFacts, c: C) -> str:
    if c.member_id is not None:
        return facts.member_keys[c.member_id]
    return {i: k for k, i in facts.attendee_ids.items()}[c.attendee_id or 0]


def _vote(row: R, casts: Sequence[C], facts: MeetingFacts) -> Vote | None:
    if not row.has_vote:
        return None
    return Vote(
        in_favour=row.in_favour,
        against=row.against,
        abstained=row.abstained,
        casts=tuple(VoteCast(_person(facts, c), VoteChoice(c.choice)) for c in casts),
    )


def resolutions_of(
    session: Session, item_id: int, facts: MeetingFacts
) -> list[tuple[R, Vote | None]]:
    session.flush()
    rows = session.scalars(select(R).where(_scope(item_id)).order_by(R.position, R.id)).all()
    casts = _casts(session, [r.id for r in rows])
    return [(r, _vote(r, casts.get(r.id, []), facts)) for r in rows]


def resolution_records(session: Session, item_id: int) -> list[ResolutionRecord]:
    item = session.get(orm.ItemRow, item_id)
    if item is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}")
    facts = meeting_facts(session, item.meeting_id)
    names = facts.names
    return [
        ResolutionRecord(
            id=r.id,
            item_id=item_id,
            item_key=item.key,
            meeting_id=item.meeting_id,
            position=r.position,
            text=r.text,
            vote=vote,
            casts=tuple(
                NamedCast(c.person, names.get(c.person, c.person), c.choice)
                for c in (vote.casts if vote else ())
            ),
            version=r.version,
        )
        for r, vote in resolutions_of(session, item_id, facts)
    ]


def resolution_record(session: Session, resolution_id: int) -> ResolutionRecord:
    item_id = item_of(session, resolution_id)
    if item_id is None:
        raise NotFoundError(f"There is no resolution with id {resolution_id}")
    return next(r for r in resolution_records(session, item_id) if r.id == resolution_id)


def item_resolutions(session: Session, item_id: int, facts: MeetingFacts) -> tuple[Resolution, ...]:
    """The item's resolutions as the interchange format holds them (for a snapshot)."""
    return tuple(Resolution(r.text, vote) for r, vote in resolutions_of(session, item_id, facts))


# Writing ------------------------------------------------------------------------------


def insert_resolution(
    session: Session,
    facts: MeetingFacts,
    item_id: int,
    resolution: Resolution,
    position: int | None,
) -> int:
    at = make_room(session, R, _scope(item_id), position)
    vote = resolution.vote
    row = R(
        item_id=item_id,
        position=at,
        text=resolution.text,
        has_vote=vote is not None,
        in_favour=vote.in_favour if vote else 0,
        against=vote.against if vote else 0,
        abstained=vote.abstained if vote else 0,
    )
    session.add(row)
    session.flush()
    _insert_casts(session, facts, row.id, vote)
    return row.id


def write_text(session: Session, resolution_id: int, text: str) -> None:
    row = session.get(R, resolution_id)
    assert row is not None
    if row.text != text:
        row.text = text
        session.flush()


def write_vote(
    session: Session, facts: MeetingFacts, resolution_id: int, vote: Vote | None
) -> None:
    """Replace the resolution's vote (None: no vote recorded); its version rises if the
    vote changed."""
    row = session.get(R, resolution_id)
    assert row is not None
    before = _vote(row, _casts(session, [resolution_id]).get(resolution_id, []), facts)
    if before == vote:
        return
    session.execute(delete(C).where(C.resolution_id == resolution_id))
    row.has_vote = vote is not None
    row.in_favour = vote.in_favour if vote else 0
    row.against = vote.against if vote else 0
    row.abstained = vote.abstained if vote else 0
    _insert_casts(session, facts, resolution_id, vote)
    session.flush()


def _insert_casts(
    session: Session, facts: MeetingFacts, resolution_id: int, vote: Vote | None
) -> None:
    if vote is not None and vote.casts:
        session.execute(
            insert(C),
            [
                {
                    "resolution_id": resolution_id,
                    "position": n,
                    "member_id": facts.member_ids.get(c.person),
                    "attendee_id": None
                    if c.person in facts.member_ids
                    else facts.attendee_ids[c.person],
                    "choice": c.choice.value,
                }
                for n, c in enumerate(vote.casts)
            ],
        )


def move_resolution(session: Session, resolution_id: int, position: int) -> None:
    item_id = item_of(session, resolution_id)
    assert item_id is not None
    move_row(session, R, _scope(item_id), resolution_id, position)


def delete_resolution(session: Session, resolution_id: int) -> None:
    item_id = item_of(session, resolution_id)
    assert item_id is not None
    session.execute(delete(C).where(C.resolution_id == resolution_id))
    row = session.get(R, resolution_id)
    session.delete(row)
    session.flush()
    close_gaps(session, R, _scope(item_id))


def resolution_count(session: Session, item_id: int) -> int:
    session.flush()
    return len(session.scalars(select(R.id).where(_scope(item_id))).all())


# A person's part in votes -------------------------------------------------------------


def votes_with_attendee(
    session: Session, facts: MeetingFacts, attendee_id: int
) -> list[tuple[int, ResolutionVote]]:
    """(resolution id, its vote as it is, by item key and position) of every vote by
    name the attendee took part in."""
    ids = sorted(set(session.scalars(select(C.resolution_id).where(C.attendee_id == attendee_id))))
    keys = facts.item_keys
    out: list[tuple[int, ResolutionVote]] = []
    for rid in ids:
        row = session.get(R, rid)
        assert row is not None
        vote = _vote(row, _casts(session, [rid]).get(rid, []), facts)
        assert vote is not None
        out.append((rid, ResolutionVote(keys[row.item_id], row.position, vote)))
    return out


def without(vote: Vote, person: str) -> Vote:
    """A vote by name without one person's cast (the counts their tallies)."""
    return named_vote((c.person, c.choice) for c in vote.casts if c.person != person)


def resolution_at(session: Session, item_id: int, position: int) -> int | None:
    return session.scalar(select(R.id).where(R.item_id == item_id, R.position == position))


def current_vote(session: Session, facts: MeetingFacts, resolution_id: int) -> Vote | None:
    row = session.get(R, resolution_id)
    assert row is not None
    return _vote(row, _casts(session, [resolution_id]).get(resolution_id, []), facts)


def meetings_naming_member(session: Session, member_id: int) -> list[tuple[str, str]]:
    """(meeting title, what) for each meeting whose minutes name the member: in a
    declaration, a vote by name, or as the panel member a substitute stands in for."""
    m, i = orm.MeetingRow, orm.ItemRow
    found: list[tuple[str, str]] = []
    for (title,) in session.execute(
        select(m.title)
        .join(orm.DeclarationRow, orm.DeclarationRow.meeting_id == m.id)
        .where(orm.DeclarationRow.member_id == member_id)
        .distinct()
    ):
        found.append((title, "a declaration of interest"))
    for (title,) in session.execute(
        select(m.title)
        .join(i, i.meeting_id == m.id)
        .join(R, R.item_id == i.id)
        .join(C, C.resolution_id == R.id)
        .where(C.member_id == member_id)
        .distinct()
    ):
        found.append((title, "a vote by name"))
    for (title,) in session.execute(
        select(m.title)
        .join(orm.AttendeeRow, orm.AttendeeRow.meeting_id == m.id)
        .where(orm.AttendeeRow.substitute_for_id == member_id)
        .distinct()
    ):
        found.append((title, "the member a substitute attended for"))
    return found


def previous_meeting(session: Session, meeting_id: int) -> int | None:
    """The latest meeting of the review before this one that took place and has draft
    minutes: the one whose minutes this meeting approves."""
    this = session.get(orm.MeetingRow, meeting_id)
    if this is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    m = orm.MeetingRow
    return session.scalar(
        select(m.id)
        .where(
            m.review_id == this.review_id,
            m.start < this.start,
            m.status.not_in([s.value for s in NOT_TAKING_PLACE]),
            m.minutes_status == MinutesStatus.DRAFT.value,
        )
        .order_by(m.start.desc(), m.position.desc())
        .limit(1)
    )


def casts_at(session: Session, facts: MeetingFacts) -> VotesAt:
    """The votes recorded at the meeting's items: who voted by name, and how many
    votes each recorded vote counted."""
    session.flush()
    casts: dict[str, list[str]] = defaultdict(list)
    counted: dict[str, list[int]] = defaultdict(list)
    ids = list(facts.item_ids.values())
    if not ids:
        return VotesAt(casts, counted)
    keys = facts.item_keys
    for item_id, c in session.execute(
        select(R.item_id, C).join(C, C.resolution_id == R.id).where(R.item_id.in_(ids))
    ):
        casts[keys[item_id]].append(_person(facts, c))
    for item_id, total in session.execute(
        select(R.item_id, R.in_favour + R.against + R.abstained).where(
            R.item_id.in_(ids), R.has_vote
        )
    ):
        counted[keys[item_id]].append(total)
    return VotesAt(casts, counted)
