"""The lists every paper of a meeting prints, read in one statement.

An agenda or minutes prints the meeting's items (with their witnesses and terms of
reference), the review's panel, its terms of reference (to number them) and the
witnesses the items name, the meeting's actions, and numbers its minutes on from the
meetings before it in its municipal year. Read one list at a time, that is eight
statements, and on PostgreSQL each costs this process more than its few rows do (a
round trip through the driver): here they are the parts of one ``UNION ALL``, built
once. Every part's rows have the same columns (``_SLOTS``: a part number, two sort
keys, then numbers, texts, times, a day and a flag, each part using the ones it
needs), so each list comes back in its own order, one after the other.

The parts of a meeting's record many meetings lack (attendance, declarations,
resolutions, reports...) are read apart, only when the meeting has them
(``meeting_papers``, ``meeting_record_reads``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Text,
    any_,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import replacement_traverse

from ..domain.enums import Access, ActionStatus, InvitationState, MeetingStatus, MemberRole
from ..domain.meeting_rules import will_not_take_place
from ..domain.procedure import MinuteCount, municipal_year
from ..domain.records import Action, Member, MonthDay, TorItem, Witness
from . import orm


class ItemRow(NamedTuple):
    """An agenda item's columns, as ``documents.agenda_item`` reads them."""

    id: int
    key: str
    title: str
    kind: str
    access: str
    closed_reason: str | None
    public_title: str | None
    exemption: str | None
    start: datetime | None
    end: datetime | None
    minute: str | None
    standard: str | None
    title_cy: str | None
    public_title_cy: str | None


@dataclass(frozen=True)
class MeetingLists:
    """The meeting's items in order, each with the keys of its witnesses and terms of
    reference in theirs; the review's panel, terms of reference and the witnesses on
    the items or who asked to give evidence in private, in the review's order; the
    meeting's actions; and the review's other meetings that may number minutes before
    it (a few more than ``procedure.first_minute`` counts, which picks them exactly)."""

    items: tuple[tuple[ItemRow, tuple[str, ...], tuple[str, ...]], ...]
    panel: tuple[Member, ...]
    terms_of_reference: tuple[TorItem, ...]
    witnesses: tuple[Witness, ...]
    actions: tuple[Action, ...]
    earlier: tuple[MinuteCount, ...]


def meeting_lists(
    con: Connection,
    meeting_id: int,
    review_id: int,
    meeting_key: str,
    start: datetime,
    year_start: MonthDay,
) -> MeetingLists:
    """The lists of the meeting ``meeting_id`` (key ``meeting_key``, starting at
    ``start``) and of its review, whose municipal year starts on ``year_start``."""
    statement = LISTS_PG if con.dialect.name == "postgresql" else LISTS
    params = lists_params(meeting_id, review_id, start, year_start)
    return lists_from(con.execute(statement, params).all(), meeting_key)


def lists_params(
    meeting_id: int, review_id: int, start: datetime, year_start: MonthDay
) -> dict[str, Any]:
    """The statement's parameters (``meeting_lists``'s arguments)."""
    year = municipal_year(start.date(), year_start)
    return {
        "meeting": meeting_id,
        "review": review_id,
        # from the day before the month its municipal year begins in, to its start
        "since": datetime(year, year_start.month, 1) - timedelta(days=1),
        "until": start,
    }


def lists_from(rows: Sequence[Any], meeting_key: str) -> MeetingLists:
    """The lists from the statement's rows (as SQLAlchemy or the driver gives them), of
    the meeting whose key is ``meeting_key``."""
    items: list[ItemRow] = []
    witnesses_of: dict[int, list[str]] = defaultdict(list)
    tor_of: dict[int, list[str]] = defaultdict(list)
    panel: list[Member] = []
    tor: list[tuple[int, int | None, str, str]] = []
    witnesses: list[Witness] = []
    actions: list[Action] = []
    earlier: list[MinuteCount] = []
    # Each list in its order: sorted here (by part and sort keys), not by the database,
    # which would sort every row of every part as one.
    for row in sorted(rows, key=_order):
        part = row[_PART]
        texts = row[_TEXTS]
        if part == _ITEM:
            (title, kind, access, reason, public, exemption, minute, standard, cy, public_cy) = (
                texts[1:]
            )
            items.append(
                ItemRow(
                    row[_N1],
                    texts[0],
                    title,
                    kind,
                    access,
                    reason,
                    public,
                    exemption,
                    row[_D1],
                    row[_D2],
                    minute,
                    standard,
                    cy,
                    public_cy,
                )
            )
        elif part == _ITEM_WITNESS:
            witnesses_of[row[_N1]].append(texts[0])
        elif part == _ITEM_TOR:
            tor_of[row[_N1]].append(texts[0])
        elif part == _PANEL:
            key, name, role, email = texts[:4]
            panel.append(Member(key, name, MemberRole(role), email))
        elif part == _TOR:
            tor.append((row[_N1], row[_N2], texts[0], texts[1]))
        elif part == _WITNESS:
            key, name, role, organisation, email, invitation = texts[:6]
            witnesses.append(
                Witness(
                    key, name, role, organisation, email, InvitationState(invitation), row[_FLAG]
                )
            )
        elif part == _ACTION:
            key, text, owner, status, access = texts[:5]
            actions.append(
                Action(
                    key=key,
                    text=text,
                    owner=owner,
                    due=row[_DAY],
                    status=ActionStatus(status),
                    meeting=meeting_key,
                    access=Access(access),
                )
            )
        elif not will_not_take_place(MeetingStatus(texts[0])):  # _EARLIER
            earlier.append(MinuteCount(row[_D1], int(row[_N1])))
    return MeetingLists(
        items=tuple(
            (i, tuple(witnesses_of.get(i.id, ())), tuple(tor_of.get(i.id, ()))) for i in items
        ),
        panel=tuple(panel),
        terms_of_reference=_tree(tor),
        witnesses=tuple(witnesses),
        actions=tuple(actions),
        earlier=tuple(earlier),
    )


def _order(row: Any) -> tuple[int, int, int]:
    """A row's place: its part, then its sort keys (the minute counts have none)."""
    return row[_PART], row[_S1] or 0, row[_S2] or 0


def _tree(rows: list[tuple[int, int | None, str, str]]) -> tuple[TorItem, ...]:
    """The terms of reference as a tree, from their (id, parent's id, key, text) in
    position order."""
    children: dict[int | None, list[tuple[int, int | None, str, str]]] = defaultdict(list)
    for row in rows:
        children[row[1]].append(row)

    def build(parent: int | None) -> tuple[TorItem, ...]:
        return tuple(
            TorItem(key, text, build(id_)) for id_, _, key, text in children.get(parent, ())
        )

    return build(None)


# The statement -----------------------------------------------------------------------

_ITEM, _ITEM_WITNESS, _ITEM_TOR, _PANEL, _TOR, _WITNESS, _ACTION, _EARLIER = range(1, 9)
_FIRST = _ITEM

_SLOTS: dict[str, Any] = {
    "part": Integer,
    "s1": Integer,
    "s2": Integer,
    "n1": Integer,
    "n2": Integer,
    **{f"t{n}": Text for n in range(1, 12)},
    "d1": DateTime,
    "d2": DateTime,
    "day": Date,
    "flag": Boolean,
}
_PART, _S1, _S2, _N1, _N2 = range(5)
_TEXTS = slice(5, 16)
_D1, _D2, _DAY, _FLAG = range(16, 20)
assert list(_SLOTS)[_TEXTS] == [f"t{n}" for n in range(1, 12)]
assert list(_SLOTS)[_D1:] == ["d1", "d2", "day", "flag"]


def _part(
    number: int,
    *,
    sort: tuple[Any, ...] = (),
    numbers: tuple[Any, ...] = (),
    texts: tuple[Any, ...] = (),
    times: tuple[Any, ...] = (),
    day: Any = None,
    flag: Any = None,
) -> list[ColumnElement[Any]]:
    """A part's columns in the slots every part has: its own where it has them, NULL
    elsewhere. The first part's NULLs are cast to their slot's type: PostgreSQL types a
    column of a ``UNION`` pairwise from the left, and two untyped NULLs would make it
    text. The others' are plain (but typed for the results)."""
    given: dict[str, Any] = {
        "part": literal_column(str(number), Integer),
        **dict(zip(("s1", "s2"), sort, strict=False)),
        **dict(zip(("n1", "n2"), numbers, strict=False)),
        **{f"t{n}": c for n, c in enumerate(texts, start=1)},
        **dict(zip(("d1", "d2"), times, strict=False)),
    }
    if day is not None:
        given["day"] = day
    if flag is not None:
        given["flag"] = flag
    empty = cast if number == _FIRST else type_coerce
    return [given.get(name, empty(null(), kind)).label(name) for name, kind in _SLOTS.items()]


_MEETING = bindparam("meeting", type_=Integer)
_REVIEW = bindparam("review", type_=Integer)
# Short names keep the statement under 4,096 characters: psycopg keeps its conversion
# of a statement's placeholders only up to that length, and converts a longer one again
# at every execution.
_i, _counted, _on_item = (aliased(orm.ItemRow, name=n) for n in ("i", "c", "o"))
_iw = aliased(orm.ItemWitness, name="iw")
_it = aliased(orm.ItemTor, name="it")
_w = aliased(orm.WitnessRow, name="w")
_t = aliased(orm.TorRow, name="t")
_p = aliased(orm.MemberRow, name="p")
_x = aliased(orm.ActionRow, name="x")
_m = aliased(orm.MeetingRow, name="m")


def _lists(postgres: bool) -> Any:
    """The statement. On PostgreSQL, the rows of the items' witnesses and terms of
    reference are found by the ids of the meeting's items (read first, as an array: an
    index scan of the links' primary keys) and each key by its row's primary key,
    rather than by joins: a plan the server makes the same with or without statistics.
    Joined, a database not yet analysed (after a bulk import) hashed every link of every
    review, tens of milliseconds at three times office scale. SQLite, which plans by its
    indexes, joins them."""
    if postgres:
        on_meeting: Any = select(func.array_agg(_on_item.id)).where(_on_item.meeting_id == _MEETING)
        # ANY of an array (the subquery's one value), not ANY of the subquery's rows
        on_meeting = any_(cast(on_meeting.scalar_subquery(), ARRAY(Integer)))
        witness_key: Any = select(_w.key).where(_w.id == _iw.witness_id).scalar_subquery()
        tor_key: Any = select(_t.key).where(_t.id == _it.tor_id).scalar_subquery()
        witnesses = select(
            *_part(
                _ITEM_WITNESS,
                sort=(_iw.item_id, _iw.position),
                numbers=(_iw.item_id,),
                texts=(witness_key,),
            )
        ).where(_iw.item_id == on_meeting)
        terms = select(
            *_part(
                _ITEM_TOR,
                sort=(_it.item_id, _it.position),
                numbers=(_it.item_id,),
                texts=(tor_key,),
            )
        ).where(_it.item_id == on_meeting)
        named: Any = _w.id == any_(
            cast(
                select(func.array_agg(_iw.witness_id))
                .where(_iw.item_id == on_meeting)
                .scalar_subquery(),
                ARRAY(Integer),
            )
        )
    else:
        witnesses = (
            select(
                *_part(
                    _ITEM_WITNESS,
                    sort=(_iw.item_id, _iw.position),
                    numbers=(_iw.item_id,),
                    texts=(_w.key,),
                )
            )
            .join(_w, _w.id == _iw.witness_id)
            .join(_on_item, _on_item.id == _iw.item_id)
            .where(_on_item.meeting_id == _MEETING)
        )
        terms = (
            select(
                *_part(
                    _ITEM_TOR,
                    sort=(_it.item_id, _it.position),
                    numbers=(_it.item_id,),
                    texts=(_t.key,),
                )
            )
            .join(_t, _t.id == _it.tor_id)
            .join(_on_item, _on_item.id == _it.item_id)
            .where(_on_item.meeting_id == _MEETING)
        )
        named = _w.id.in_(
            select(_iw.witness_id)
            .join(_on_item, _on_item.id == _iw.item_id)
            .where(_on_item.meeting_id == _MEETING)
        )
    return union_all(
        select(
            *_part(
                _ITEM,
                sort=(_i.position, _i.id),
                numbers=(_i.id,),
                texts=(
                    _i.key,
                    _i.title,
                    _i.kind,
                    _i.access,
                    _i.closed_reason,
                    _i.public_title,
                    _i.exemption,
                    _i.minute,
                    _i.standard,
                    _i.title_cy,
                    _i.public_title_cy,
                ),
                times=(_i.start, _i.end),
            )
        ).where(_i.meeting_id == _MEETING),
        witnesses,
        terms,
        select(
            *_part(_PANEL, sort=(_p.position, _p.id), texts=(_p.key, _p.name, _p.role, _p.email))
        ).where(_p.review_id == _REVIEW),
        select(
            *_part(
                _TOR,
                sort=(_t.position, _t.id),
                numbers=(_t.id, _t.parent_id),
                texts=(_t.key, _t.text),
            )
        ).where(_t.review_id == _REVIEW),
        # the witnesses on the meeting's items, and every one who asked to give evidence in
        # private (whom publishing looks for in public papers)
        select(
            *_part(
                _WITNESS,
                sort=(_w.position, _w.id),
                texts=(_w.key, _w.name, _w.role, _w.organisation, _w.email, _w.invitation),
                flag=_w.private,
            )
        ).where(
            _w.review_id == _REVIEW,
            or_(
                named,
                _w.private,
            ),
        ),
        select(
            *_part(
                _ACTION,
                sort=(_x.position, _x.id),
                texts=(_x.key, _x.text, _x.owner, _x.status, _x.access),
                day=_x.due,
            )
        ).where(_x.meeting_id == _MEETING),
        # the review's other meetings from the month the municipal year begins in until this
        # one starts, each with how many items it has (by the index on meetings by start)
        select(
            *_part(
                _EARLIER,
                numbers=(
                    select(func.count(_counted.id))
                    .where(_counted.meeting_id == _m.id)
                    .scalar_subquery(),
                ),
                texts=(_m.status,),
                times=(_m.start,),
            )
        ).where(
            _m.review_id == _REVIEW,
            _m.id != _MEETING,
            _m.start >= bindparam("since", type_=DateTime),
            _m.start <= bindparam("until", type_=DateTime),
        ),
    )


LISTS = _lists(postgres=False)
LISTS_PG = _lists(postgres=True)


def _by_meeting(statement: Any) -> Any:
    """``statement`` with its review, ``since`` and ``until`` worked out by the server
    from the meeting (``lists_params``' values, ``since`` as early or earlier: on 29
    February of a year without one, a municipal year starting then is taken to start a
    year before, and ``procedure.first_minute`` picks the meetings it counts exactly),
    so that it needs the meeting's id alone and can be sent with the meeting's row."""
    r = aliased(orm.ReviewRow, name="r")
    # the year its municipal year begins in: its start's, or the one before if its start
    # comes before the review's year start in the year (a boolean as 0 or 1)
    since = literal_column(SINCE, Date)
    head = (
        select(_h.review_id.label("r"), _h.start.label("u"), since.label("s"))
        .join(r, r.id == _h.review_id)
        .where(_h.id == _MEETING)
        .cte("h")
    )
    values = {
        "review": select(head.c.r).scalar_subquery(),
        "since": select(head.c.s).scalar_subquery(),
        "until": select(head.c.u).scalar_subquery(),
    }

    def swap(element: Any, **_kw: Any) -> Any:
        return values.get(element.key) if isinstance(element, BindParameter) else None

    return replacement_traverse(statement, {}, swap)


SINCE = (
    "make_date(extract(year from h0.start)::int - ((extract(month from h0.start),"
    " extract(day from h0.start)) < (r.year_start_month, r.year_start_day))::int,"
    " r.year_start_month, 1) - 1"
)
"""``lists_params``' ``since`` worked out by the server, from the meeting ``h0`` and its
review ``r`` (a date)."""
_h = aliased(orm.MeetingRow, name="h0")
LISTS_BY_MEETING = _by_meeting(LISTS_PG)
"""PostgreSQL's statement taking the meeting's id alone (``_by_meeting``)."""
"""PostgreSQL's statement (``meeting_papers`` runs it through the driver)."""
