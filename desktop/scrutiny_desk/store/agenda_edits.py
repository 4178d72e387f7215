"""Storage for a meeting's agenda: items in agenda order, their witnesses and terms of
reference, and deleting and restoring an item with everything that went with it.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.agenda_records import ItemRecord, ItemSnapshot, MinutesRecord, NoteLink
from ..domain.enums import Access, ItemKind, StandardItem
from ..domain.errors import ConflictError, NotFoundError
from ..domain.procedure_records import StayMark
from ..domain.records import AgendaItem, Resolution
from . import (
    attendee_edits,
    declaration_edits,
    orm,
    queries,
    report_reads,
    report_version_edits,
    resolution_edits,
    review_insert,
)
from .minutes_edits import lock_meeting, meeting_id_for
from .positions import close_gaps, make_room, move_row

# (link table, its column naming the target, the target table) for an item's lists.
LINKS: dict[str, tuple[Any, Any, Any]] = {
    "witnesses": (orm.ItemWitness, orm.ItemWitness.witness_id, orm.WitnessRow),
    "tor": (orm.ItemTor, orm.ItemTor.tor_id, orm.TorRow),
}


def _scope(meeting_id: int) -> Any:
    return orm.ItemRow.meeting_id == meeting_id


# Reading ------------------------------------------------------------------------------


def item_records(session: Session, meeting_id: int) -> list[ItemRecord]:
    """The meeting's items in agenda order, each with its printed number."""
    session.flush()
    entries = queries.agenda(session, meeting_id)
    if not entries:
        return []
    ids = [e.id for e in entries]
    where = orm.ItemRow.meeting_id == meeting_id
    placed = {
        i: (position, review_id, standard)
        for i, position, review_id, standard in session.execute(
            select(
                orm.ItemRow.id, orm.ItemRow.position, orm.ItemRow.review_id, orm.ItemRow.standard
            ).where(where)
        )
    }
    private: dict[int, list[str]] = defaultdict(list)
    for item_id, key in session.execute(
        select(orm.ItemWitness.item_id, orm.WitnessRow.key)
        .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
        .where(orm.ItemWitness.item_id.in_(ids), orm.WitnessRow.private.is_(True))
        .order_by(orm.ItemWitness.item_id, orm.ItemWitness.position)
    ):
        private[item_id].append(key)
    records = [
        ItemRecord(
            id=e.id,
            review_id=placed[e.id][1],
            meeting_id=e.meeting_id,
            key=e.key,
            position=placed[e.id][0],
            number=e.number,
            title=e.title,
            kind=e.kind,
            access=e.access,
            closed_reason=e.closed_reason,
            public_title=e.public_title,
            exemption=e.exemption,
            start=e.start,
            end=e.end,
            minute=e.minute,
            version=e.version,
            witnesses=e.witnesses,
            tor=e.tor,
            private_witnesses=tuple(private.get(e.id, ())),
            standard=_standard(placed[e.id][2]),
            title_cy=e.title_cy,
            public_title_cy=e.public_title_cy,
        )
        for e in entries
    ]
    return sorted(records, key=lambda r: (r.position, r.id))


def _standard(value: str | None) -> StandardItem | None:
    return StandardItem(value) if value else None


def _item_row(session: Session, item_id: int) -> orm.ItemRow:
    row = session.get(orm.ItemRow, item_id)
    if row is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}")
    return row


def meeting_id_of_item(session: Session, item_id: int) -> int | None:
    return session.scalar(select(orm.ItemRow.meeting_id).where(orm.ItemRow.id == item_id))


def meeting_of_item(session: Session, item_id: int) -> int:
    meeting_id = meeting_id_of_item(session, item_id)
    if meeting_id is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}")
    return meeting_id


def item_record(session: Session, item_id: int) -> ItemRecord:
    for record in item_records(session, meeting_of_item(session, item_id)):
        if record.id == item_id:
            return record
    raise NotFoundError(f"There is no agenda item with id {item_id}")  # pragma: no cover


def item_id_for(session: Session, review_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.ItemRow.id).where(orm.ItemRow.review_id == review_id, orm.ItemRow.key == key)
    )


def _keyed_ids(session: Session, link: str, review_id: int, keys: Sequence[str]) -> dict[str, int]:
    """key -> id of the witnesses or terms of reference of the review with these keys."""
    if not keys:
        return {}
    model = LINKS[link][2]
    stmt = select(model.key, model.id).where(model.review_id == review_id, model.key.in_(keys))
    return {key: row_id for key, row_id in session.execute(stmt)}


def known_keys(session: Session, link: str, review_id: int, keys: Sequence[str]) -> set[str]:
    """Which of these keys name a witness (``link`` "witnesses") or a terms-of-reference
    item ("tor") of the review."""
    return set(_keyed_ids(session, link, review_id, keys))


def linked_keys(session: Session, item_id: int, link: str) -> tuple[str, ...]:
    table, column, target = LINKS[link]
    return tuple(
        session.scalars(
            select(target.key)
            .join(table, column == target.id)
            .where(table.item_id == item_id)
            .order_by(table.position)
        )
    )


def titles(session: Session, meeting_id: int) -> list[tuple[int, str]]:
    """(position, title) of every item of the meeting, in agenda order."""
    session.flush()
    return list(
        session.execute(
            select(orm.ItemRow.position, orm.ItemRow.title)
            .where(_scope(meeting_id))
            .order_by(orm.ItemRow.position, orm.ItemRow.id)
        )
    )


def item_count(session: Session, meeting_id: int) -> int:
    return len(titles(session, meeting_id))


def checked_item(
    session: Session, item_id: int, expected_version: int
) -> tuple[ItemRecord, MinutesRecord]:
    """Lock the item's meeting, then check the version the clerk started from; the
    item as it stands and its meeting (with its minutes and time zone)."""
    meeting_id = meeting_id_of_item(session, item_id)
    if meeting_id is None:  # deleted: check_version says so
        queries.check_version(session, "item", item_id, expected_version, "The agenda item")
        raise NotFoundError(f"There is no agenda item with id {item_id}")  # pragma: no cover
    meeting = lock_meeting(session, meeting_id)
    item = item_record(session, item_id)
    queries.check_version(session, "item", item_id, expected_version, f'Agenda item "{item.title}"')
    return item, meeting


def new_item_key(session: Session, review_id: int) -> str:
    while True:
        key = f"i-{uuid.uuid4().hex[:8]}"
        if item_id_for(session, review_id, key) is None:
            return key


@dataclass(frozen=True)
class RestoreFacts:
    """What restoring a snapshot depends on, as the database has it now."""

    meeting: MinutesRecord
    key_taken: bool
    witnesses: frozenset[str]  # of the item's witness keys, those still in the review
    tor: frozenset[str]


def restore_facts(session: Session, snapshot: ItemSnapshot) -> RestoreFacts:
    """Lock the item's meeting and gather what the restore must check; ConflictError
    when the meeting itself has gone."""
    meeting_id = meeting_id_for(session, snapshot.review_id, snapshot.meeting_key)
    if meeting_id is None:
        raise ConflictError(
            f'The meeting of item "{snapshot.item.title}" has been deleted, so the item '
            "cannot be put back."
        )
    item = snapshot.item
    return RestoreFacts(
        meeting=lock_meeting(session, meeting_id),
        key_taken=item_id_for(session, snapshot.review_id, item.key) is not None,
        witnesses=frozenset(known_keys(session, "witnesses", snapshot.review_id, item.witnesses)),
        tor=frozenset(known_keys(session, "tor", snapshot.review_id, item.tor)),
    )


# Writing ------------------------------------------------------------------------------


def insert_item(
    session: Session,
    review_id: int,
    meeting_id: int,
    item: AgendaItem,
    position: int | None,
) -> int:
    """A new item at ``position`` in agenda order (None: at the end) with its witnesses
    and terms of reference (keys the service checked); its id."""
    at = make_room(session, orm.ItemRow, _scope(meeting_id), position)
    row = orm.ItemRow(
        review_id=review_id,
        meeting_id=meeting_id,
        position=at,
        key=item.key,
        title=item.title,
        kind=item.kind.value,
        access=item.access.value,
        closed_reason=item.closed_reason,
        public_title=item.public_title,
        exemption=item.exemption,
        start=item.start,
        end=item.end,
        minute=item.minute,
        standard=item.standard.value if item.standard else None,
        title_cy=item.title_cy,
        public_title_cy=item.public_title_cy,
    )
    session.add(row)
    session.flush()
    for link in LINKS:
        keys = item.witnesses if link == "witnesses" else item.tor
        ids = _keyed_ids(session, link, review_id, keys)
        _write_links(session, row.id, link, [ids[k] for k in keys])
    if item.reports:  # version 7: an item put back has its reports again
        review_insert.insert_item_reports(session, review_id, [(row.id, item.reports)])
    if item.resolutions:
        facts = attendee_edits.meeting_facts(session, meeting_id)
        for n, resolution in enumerate(item.resolutions):
            resolution_edits.insert_resolution(
                session, facts, row.id, _still_there(resolution, facts.names), n
            )
    return row.id


def _still_there(resolution: Resolution, people: dict[str, str]) -> Resolution:
    """A restored resolution without the casts of people no longer at the meeting
    (removing an attendee takes their casts from the resolutions still there too)."""
    vote = resolution.vote
    if vote is None or all(c.person in people for c in vote.casts):
        return resolution
    for c in vote.casts:
        if c.person not in people:
            vote = resolution_edits.without(vote, c.person)
    return Resolution(resolution.text, vote)


def _write_links(session: Session, item_id: int, link: str, target_ids: Sequence[int]) -> None:
    table, column, _target = LINKS[link]
    session.execute(delete(table).where(table.item_id == item_id))
    if target_ids:
        session.execute(
            insert(table),
            [
                {"item_id": item_id, column.key: target, "position": n}
                for n, target in enumerate(target_ids)
            ],
        )


def set_links(session: Session, item_id: int, link: str, keys: Sequence[str]) -> None:
    """Replace an item's witnesses or terms of reference (keys the service checked);
    the item's version rises, since what an editor showed of it changed."""
    row = _item_row(session, item_id)
    ids = _keyed_ids(session, link, row.review_id, keys)
    _write_links(session, item_id, link, [ids[k] for k in keys])
    flag_modified(row, "title")
    session.flush()


def update_fields(session: Session, item_id: int, values: dict[str, Any]) -> None:
    """Set checked values (enumerations as such); the version rises if any changed."""
    row = _item_row(session, item_id)
    changed = False
    for name, value in values.items():
        stored = value.value if isinstance(value, (ItemKind, Access, StandardItem)) else value
        if getattr(row, name) != stored:
            setattr(row, name, stored)
            changed = True
    if changed:
        session.flush()


def _item_document(
    session: Session, row: orm.ItemRow, facts: attendee_edits.MeetingFacts
) -> AgendaItem:
    """The item as the interchange format holds it (links by key)."""
    return AgendaItem(
        key=row.key,
        title=row.title,
        kind=ItemKind(row.kind),
        access=Access(row.access),
        closed_reason=row.closed_reason,
        public_title=row.public_title,
        exemption=row.exemption,
        start=row.start,
        end=row.end,
        witnesses=linked_keys(session, row.id, "witnesses"),
        tor=linked_keys(session, row.id, "tor"),
        minute=row.minute,
        resolutions=resolution_edits.item_resolutions(session, row.id, facts),
        standard=StandardItem(row.standard) if row.standard else None,
        title_cy=row.title_cy,
        public_title_cy=row.public_title_cy,
        reports=report_reads.reports(session, [row.id]).get(row.id, ()),
    )


def move_item(session: Session, item_id: int, position: int) -> None:
    """Move an item to ``position`` (0..n-1) in its meeting's agenda order."""
    meeting_id = _item_row(session, item_id).meeting_id
    move_row(session, orm.ItemRow, _scope(meeting_id), item_id, position)


def delete_items(session: Session, item_ids: Sequence[int]) -> list[ItemSnapshot]:
    """Delete items of one meeting; a snapshot of each, by key, with its position
    before any of them went (so restoring them in position order puts them back).

    Notes that named an item stay, without it; a note of a closed item is marked closed,
    since nothing else would keep it out of public papers once the item has gone. So do
    the decisions on the report recorded under it. Its resolutions (with their votes),
    the declarations made on it and the arrivals and departures recorded at it go into
    its snapshot, and so do which notes and decisions named it."""
    if not item_ids:
        return []
    rows = sorted((_item_row(session, i) for i in item_ids), key=lambda r: (r.position, r.id))
    meeting_id = rows[0].meeting_id
    meeting_key = session.scalar(select(orm.MeetingRow.key).where(orm.MeetingRow.id == meeting_id))
    assert meeting_key is not None
    facts = attendee_edits.meeting_facts(session, meeting_id)
    snapshots: list[ItemSnapshot] = []
    for row in rows:
        declared = declaration_edits.entries(session, facts, item_ids=[row.id])
        notes = list(
            session.scalars(
                select(orm.NoteRow)
                .where(orm.NoteRow.item_id == row.id)
                .order_by(orm.NoteRow.position, orm.NoteRow.id)
            )
        )
        snapshots.append(
            ItemSnapshot(
                review_id=row.review_id,
                meeting_key=meeting_key,
                position=row.position,
                item=_item_document(session, row, facts),
                notes=tuple(NoteLink(n.key, Access(n.access)) for n in notes),
                declarations=tuple(declared),
                stays=tuple(
                    StayMark(meeting_key, person, arrived)
                    for person, arrived, _item in attendee_edits.stays_at(session, [row.id])
                ),
                decisions=report_version_edits.decisions_under(session, row.id),
            )
        )
        _let_go(session, row.id)
        for note in notes:
            note.item_id = None
            if row.access == Access.CLOSED.value:
                note.access = Access.CLOSED.value
        session.flush()
        for link in LINKS.values():
            session.execute(delete(link[0]).where(link[0].item_id == row.id))
        session.delete(row)
    close_gaps(session, orm.ItemRow, _scope(meeting_id))
    return snapshots


def relink_notes(
    session: Session, review_id: int, meeting_id: int, item_id: int, notes: Sequence[NoteLink]
) -> None:
    """Give restored item's notes their item (and access) back: those still in the
    review and not since attached to something else."""
    for link in notes:
        note = session.scalar(
            select(orm.NoteRow).where(
                orm.NoteRow.review_id == review_id, orm.NoteRow.key == link.key
            )
        )
        if note is None or note.item_id is not None or note.meeting_id not in (None, meeting_id):
            continue
        note.item_id = item_id
        note.access = link.access.value
    session.flush()


def _let_go(session: Session, item_id: int) -> None:
    """Take away what names the item before it is deleted (its snapshot holds it all):
    its resolutions and votes, the declarations on it, arrivals and departures at it
    (as edits of those rows, so their versions rise)."""
    for rid in list(
        session.scalars(select(orm.ResolutionRow.id).where(orm.ResolutionRow.item_id == item_id))
    ):
        session.execute(delete(orm.VoteCastRow).where(orm.VoteCastRow.resolution_id == rid))
        session.execute(delete(orm.ResolutionRow).where(orm.ResolutionRow.id == rid))
    meeting_id = session.scalar(select(orm.ItemRow.meeting_id).where(orm.ItemRow.id == item_id))
    for d in list(
        session.scalars(select(orm.DeclarationRow).where(orm.DeclarationRow.item_id == item_id))
    ):
        session.delete(d)
    model: Any
    for model in (orm.AttendanceRow, orm.AttendeeRow):
        for stay in list(
            session.scalars(
                select(model).where(
                    (model.arrived_item_id == item_id) | (model.left_item_id == item_id)
                )
            )
        ):
            if stay.arrived_item_id == item_id:
                stay.arrived_item_id = None
            if stay.left_item_id == item_id:
                stay.left_item_id = None
    session.flush()
    if meeting_id is not None:
        declaration_edits.close_meeting_gaps(session, meeting_id)


def restore_procedure(
    session: Session, meeting_id: int, item_id: int, snapshot: ItemSnapshot
) -> None:
    """Give a restored item back the declarations made on it, the arrivals and
    departures recorded at it (those of people no longer at the meeting are skipped)
    and the decisions on the report recorded under it."""
    facts = attendee_edits.meeting_facts(session, meeting_id)
    people = facts.names
    for entry in sorted(snapshot.declarations, key=lambda e: e.position):
        if entry.declaration.member in people:
            declaration_edits.insert_declaration(session, facts, entry.declaration, entry.position)
    for stay in snapshot.stays:
        attendee_edits.restore_stay(session, facts, stay.person, stay.arrived, item_id)
    report_version_edits.put_under(session, meeting_id, item_id, snapshot.decisions)
