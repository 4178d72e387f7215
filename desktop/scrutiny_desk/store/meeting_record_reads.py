"""One meeting's procedural record and reports, each part in one statement built once.

``procedure_reads`` and ``report_reads`` read these parts for any number of meetings
or items (the whole review's read, an undo snapshot), building their statements for
the ids they are given. A meeting's papers read them for one meeting, every time a
paper is printed: building and compiling a statement costs more than running it, so
these are built once, at import, and take the meeting's id as their parameter
(``meeting_papers``). Each reads by the index on its meeting (items by theirs), and
gives the same records, in the same order, as the general reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import BindParameter, bindparam, select
from sqlalchemy.orm import aliased

from ..domain.enums import Access, EvidenceKind, InterestCategory, VoteChoice
from ..domain.records import (
    Declaration,
    Evidence,
    EvidenceFile,
    Interest,
    ItemReport,
    Resolution,
    Vote,
    VoteCast,
)
from . import orm

Run = Callable[[Any, Mapping[str, Any]], Sequence[Any]]
"""Runs a statement built here with its parameters and gives its rows, each a column by
its label or by its place (a SQLAlchemy connection's, or ``pg_driver.Reader.named``)."""

_CATEGORY = {c.value: c for c in InterestCategory}
_CHOICE = {c.value: c for c in VoteChoice}

_MEETING_ID: BindParameter[int] = bindparam("meeting")
_REVIEW_ID: BindParameter[int] = bindparam("review")
_i = orm.ItemRow
_member = aliased(orm.MemberRow)
_attendee = aliased(orm.AttendeeRow)
_item = aliased(orm.ItemRow)


def declarations(run: Run, meeting_id: int) -> tuple[Declaration, ...]:
    """The declarations of interest made at the meeting, in their order
    (``procedure_reads.declarations``)."""
    return tuple(
        Declaration(member or substitute, item, nature, _CATEGORY[category], left_room)
        for member, substitute, item, nature, category, left_room in run(
            _DECLARATIONS, {"meeting": meeting_id}
        )
    )


def resolutions(run: Run, meeting_id: int) -> dict[int, tuple[Resolution, ...]]:
    """item id -> its resolutions in order, each with its vote and the names cast in
    it in their order (``procedure_reads.resolutions``): one row for each resolution
    and each of its casts."""
    found: dict[int, list[Resolution]] = defaultdict(list)
    rows = run(_RESOLUTIONS, {"meeting": meeting_id})
    casts: dict[int, list[VoteCast]] = defaultdict(list)
    for row in rows:
        if row.choice is not None:
            casts[row.id].append(VoteCast(row.member or row.substitute, _CHOICE[row.choice]))
    seen: set[int] = set()
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        vote = (
            Vote(row.in_favour, row.against, row.abstained, tuple(casts.get(row.id, ())))
            if row.has_vote
            else None
        )
        found[row.item_id].append(Resolution(row.text, vote))
    return {item_id: tuple(rs) for item_id, rs in found.items()}


def reports(run: Run, meeting_id: int) -> tuple[dict[int, tuple[ItemReport, ...]], bool]:
    """item id -> its reports in order, titles only (a held file reads empty:
    ``report_reads.reports`` without content), and whether any is a piece of evidence."""
    found: dict[int, list[ItemReport]] = defaultdict(list)
    any_evidence = False
    for item_id, key, title, late, evidence, name, media_type, size in run(
        _REPORTS, {"meeting": meeting_id}
    ):
        held = None if size is None else EvidenceFile(name or "", media_type or "", b"")
        found[item_id].append(ItemReport(key, title, held, evidence, bool(late)))
        any_evidence = any_evidence or evidence is not None
    return {item_id: tuple(rs) for item_id, rs in found.items()}, any_evidence


def report_evidence(run: Run, meeting_id: int) -> tuple[Evidence, ...]:
    """The pieces of evidence the meeting's reports are, by key: key, title, kind and
    access only (``report_reads.report_evidence``)."""
    return tuple(
        Evidence(key, title, EvidenceKind(kind), access=Access(access))
        for key, title, kind, access in run(_REPORT_EVIDENCE, {"meeting": meeting_id})
    )


def interests(run: Run, review_id: int) -> tuple[Interest, ...]:
    """The review's register of members' interests (``procedure_reads.interests``)."""
    return tuple(
        Interest(member, text, _CATEGORY[category])
        for member, text, category in run(_INTERESTS, {"review": review_id})
    )


def statements(
    meeting_id: int,
    review_id: int,
    *,
    reports: bool,
    resolutions: bool,
    declarations: bool,
    interests: bool,
) -> list[tuple[Any, dict[str, int]]]:
    """The statements (with their parameters) the functions above run for the parts
    asked for (the reports' with the evidence they are), for a reader to send them
    together and hand each function its rows."""
    meeting = {"meeting": meeting_id}
    return [
        *((_REPORTS, meeting), (_REPORT_EVIDENCE, meeting))[: 2 if reports else 0],
        *(((_RESOLUTIONS, meeting),) if resolutions else ()),
        *(((_DECLARATIONS, meeting),) if declarations else ()),
        *(((_INTERESTS, {"review": review_id}),) if interests else ()),
    ]


# The statements ----------------------------------------------------------------------

_d = orm.DeclarationRow
_DECLARATIONS = (
    select(_member.key, _attendee.key, _item.key, _d.nature, _d.category, _d.left_room)
    .outerjoin(_member, _member.id == _d.member_id)
    .outerjoin(_attendee, _attendee.id == _d.attendee_id)
    .outerjoin(_item, _item.id == _d.item_id)
    .where(_d.meeting_id == _MEETING_ID)
    .order_by(_d.position, _d.id)
)

_r, _c = orm.ResolutionRow, orm.VoteCastRow
_RESOLUTIONS = (
    select(
        _r.id,
        _r.item_id,
        _r.text,
        _r.has_vote,
        _r.in_favour,
        _r.against,
        _r.abstained,
        _member.key.label("member"),
        _attendee.key.label("substitute"),
        _c.choice,
    )
    .join(_i, _i.id == _r.item_id)
    .outerjoin(_c, _c.resolution_id == _r.id)
    .outerjoin(_member, _member.id == _c.member_id)
    .outerjoin(_attendee, _attendee.id == _c.attendee_id)
    .where(_i.meeting_id == _MEETING_ID)
    .order_by(_r.item_id, _r.position, _r.id, _c.position, _c.id)
)

_p, _e = orm.ItemReportRow, orm.EvidenceRow
_REPORTS = (
    select(_p.item_id, _p.key, _p.title, _p.late, _e.key, _p.name, _p.media_type, _p.size)
    .join(_i, _i.id == _p.item_id)
    .outerjoin(_e, _e.id == _p.evidence_id)
    .where(_i.meeting_id == _MEETING_ID)
    .order_by(_p.item_id, _p.position, _p.id)
)
_REPORT_EVIDENCE = (
    select(_e.key, _e.title, _e.kind, _e.access)
    .join(_p, _p.evidence_id == _e.id)
    .join(_i, _i.id == _p.item_id)
    .where(_i.meeting_id == _MEETING_ID)
    .distinct()
    .order_by(_e.key)
)

_n = orm.InterestRow
_INTERESTS = (
    select(orm.MemberRow.key, _n.text, _n.category)
    .join(orm.MemberRow, orm.MemberRow.id == _n.member_id)
    .where(_n.review_id == _REVIEW_ID)
    .order_by(_n.position, _n.id)
)
