"""A meeting's agenda: its items in order, their slots, who is heard under each, which
are heard in private and why.

Each edit is one transaction that checks everything first; every edit is refused
while the meeting's minutes are approved (they print the agenda), until they are
reopened. Edits quote the item's
version and return the fresh record; deletes return a snapshot that ``restore_item``
puts back with the same keys. The meeting's calendar SEQUENCE rises when an item's slot
or its set of witnesses changes (invitations and a witness's own invite show them),
including when an item with a slot or witnesses is removed or restored.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..domain.agenda_records import (
    STANDARD_ITEMS,
    STANDARD_MARKS,
    ItemRecord,
    ItemSnapshot,
    MinutesRecord,
)
from ..domain.changes import KEEP, Keep
from ..domain.disclosure_records import ItemOpening
from ..domain.enums import Access, ItemKind, StandardItem
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.localtime import format_local, local_time_problem
from ..domain.records import AgendaItem
from ..domain.rules import text_problem
from ..store import agenda_edits as store
from ..store import minutes_edits, note_edits, note_reads, queries
from ..store.db import Database
from . import publishing
from .attendance_checks import order_problems


@dataclass(frozen=True)
class ItemChanges:
    """The editable fields of an item; a field left at ``KEEP`` stays as it is
    (``domain.changes``). ``start=None, end=None`` removes the slot. The minute is the
    minutes service's; closing and reopening have their own methods (the public title
    and its Welsh are ``close_item``'s)."""

    title: str | Keep = KEEP
    kind: ItemKind | Keep = KEEP
    start: datetime | Keep | None = KEEP
    end: datetime | Keep | None = KEEP
    #: marks (or with None clears) a standard item, whose minute is worded from the record
    standard: StandardItem | Keep | None = KEEP
    #: the Welsh title bilingual papers print beside the English (version 7); None or
    #: blank clears it
    title_cy: str | Keep | None = KEEP


class AgendaService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading -------------------------------------------------------------------------

    def items(self, meeting_id: int) -> builtins.list[ItemRecord]:
        """The meeting's items in agenda order (``position``), each with its printed
        ``number``; sort by ``number`` for the order papers print."""
        with self.db.reading() as session:
            queries.get_meeting(session, meeting_id)
            return store.item_records(session, meeting_id)

    def printed(self, meeting_id: int) -> builtins.list[ItemRecord]:
        """The same items in printed order: open items, then closed ones."""
        return sorted(self.items(meeting_id), key=lambda r: r.number)

    def get(self, item_id: int) -> ItemRecord:
        with self.db.reading() as session:
            return store.item_record(session, item_id)

    def id_for(self, review_id: int, key: str) -> int:
        """The current id of the item with this key (ids change when an item is
        deleted and restored; keys do not)."""
        with self.db.reading() as session:
            found = store.item_id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no agenda item with key "{key}" in this review')
        return found

    def find(self, review_id: int, key: str) -> ItemRecord:
        return self.get(self.id_for(review_id, key))

    def opening_item(self, item_id: int) -> ItemOpening:
        """What opening this closed item would make public (its real title, the
        witnesses heard, its minute; its notes stay closed), for the clerk to confirm
        before ``reopen_item``."""
        with self.db.reading() as session:
            record = store.item_record(session, item_id)
            if not record.is_closed:
                raise ValidationError(Problem("access", "the item is open already"))
            return publishing.what_opening_publishes(
                record, note_reads.count_on_item(session, item_id)
            )

    def items_needing_privacy(self, meeting_id: int) -> builtins.list[ItemRecord]:
        """Open items with a witness who asked to give evidence in private."""
        return [r for r in self.items(meeting_id) if r.needs_privacy]

    # Adding ---------------------------------------------------------------------------

    def add_item(
        self,
        meeting_id: int,
        title: str,
        kind: ItemKind = ItemKind.OTHER,
        position: int | None = None,
        key: str | None = None,
    ) -> ItemRecord:
        """A new open item at ``position`` in agenda order (None: at the end)."""
        with self.db.writing() as session:
            meeting = minutes_edits.lock_meeting(session, meeting_id)
            meeting.refuse_if_locked()
            problems = _title_problems(title)
            count = store.item_count(session, meeting_id)
            if position is not None and not 0 <= position <= count:
                problems.append(Problem("position", f"must be from 0 to {count}"))
            if key is None:
                key = store.new_item_key(session, meeting.review_id)
            else:
                taken = store.item_id_for(session, meeting.review_id, key) is not None
                problems += key_problems(key, taken, "agenda item")
            if problems:
                raise ValidationError(problems)
            item = AgendaItem(key=key, title=title, kind=kind)
            item_id = store.insert_item(session, meeting.review_id, meeting_id, item, position)
            return store.item_record(session, item_id)

    def add_standard_items(self, meeting_id: int) -> builtins.list[ItemRecord]:
        """Add the standard opening items (apologies, declarations of interest, minutes
        of the previous meeting) that the agenda lacks, by title, ignoring case.

        They go first, in that order; one the agenda already has keeps its place, and
        the missing ones after it follow it. Returns the items created (undo:
        ``remove_items``)."""
        with self.db.writing() as session:
            meeting = minutes_edits.lock_meeting(session, meeting_id)
            meeting.refuse_if_locked()
            created: list[int] = []
            after = 0  # where the next standard item goes
            for title, standard in zip(STANDARD_ITEMS, STANDARD_MARKS, strict=True):
                found = [p for p, t in store.titles(session, meeting_id) if _same(t, title)]
                if found:
                    after = found[0] + 1
                    continue
                item = AgendaItem(
                    key=store.new_item_key(session, meeting.review_id),
                    title=title,
                    kind=ItemKind.PROCEDURAL,
                    standard=standard,
                )
                created.append(
                    store.insert_item(session, meeting.review_id, meeting_id, item, after)
                )
                after += 1
            records = {r.id: r for r in store.item_records(session, meeting_id)}
            return [records[i] for i in created]

    # Editing --------------------------------------------------------------------------

    def update_item(self, item_id: int, expected_version: int, changes: ItemChanges) -> ItemRecord:
        """Edit the title, its Welsh, the kind or the slot. A slot has both ends or
        neither, lies inside the meeting, ends after it starts, and uses times that
        exist in the review's time zone. The meeting's SEQUENCE rises when the slot changes."""
        with self.db.writing() as session:
            item, meeting = store.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            problems: list[Problem] = []
            values: dict[str, Any] = {}
            if not isinstance(changes.title, Keep):
                problems += _title_problems(changes.title)
                values["title"] = changes.title
            if not isinstance(changes.kind, Keep):
                values["kind"] = changes.kind
            if not isinstance(changes.title_cy, Keep):
                problems += _optional_text_problems("title_cy", changes.title_cy)
                values["title_cy"] = _blank_to_none(changes.title_cy)
            if not isinstance(changes.standard, Keep):
                if changes.standard is not None and not isinstance(changes.standard, StandardItem):
                    problems.append(
                        Problem(
                            "standard",
                            "must be one of: " + ", ".join(s.value for s in StandardItem),
                        )
                    )
                values["standard"] = changes.standard
            start = item.start if isinstance(changes.start, Keep) else changes.start
            end = item.end if isinstance(changes.end, Keep) else changes.end
            problems += _slot_problems(start, end, meeting)
            if problems:
                raise ValidationError(problems)
            values.update(start=start, end=end)
            store.update_fields(session, item_id, values)
            if (start, end) != (item.start, item.end):
                minutes_edits.raise_sequence(session, meeting.meeting_id)
            return store.item_record(session, item_id)

    def move_item(self, item_id: int, expected_version: int, new_position: int) -> ItemRecord:
        """Move an item to ``new_position`` (0-based) in agenda order; the others keep
        their order and positions stay 0..n-1. Drag and drop, Ctrl+Up and Ctrl+Down."""
        with self.db.writing() as session:
            _item, meeting = store.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            count = store.item_count(session, meeting.meeting_id)
            if not 0 <= new_position < count:
                raise ValidationError(Problem("position", f"must be from 0 to {count - 1}"))
            store.move_item(session, item_id, new_position)
            if problems := order_problems(session, meeting.meeting_id, "position"):
                raise ValidationError(problems)
            return store.item_record(session, item_id)

    def close_item(
        self,
        item_id: int,
        expected_version: int,
        reason: str,
        exemption: str | None = None,
        public_title: str | None = None,
        public_title_cy: str | None = None,
    ) -> ItemRecord:
        """Hear the item in private: closed, with the reason (required), the statutory
        ground (free text; ``domain.exemptions`` has the standard wording) and what the
        public sees of it (None: "Closed session"), in Welsh too (``public_title_cy``,
        which bilingual public papers print beside it; None: none). On a closed item
        this changes those details, which is also how an undo of ``reopen_item`` puts
        them back.

        The item's notes are stored closed in the same step (closed stays closed: they
        stay closed if the item is reopened); the record names those it closed
        (``notes_closed``), for the undo."""
        with self.db.writing() as session:
            _item, meeting = store.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            problems: list[Problem] = []
            if not reason.strip():
                problems.append(
                    Problem(
                        "reason",
                        "say why the item is heard in private (for example, the witness "
                        "asked to give evidence in private)",
                    )
                )
            elif why := text_problem(reason):
                problems.append(Problem("reason", why))
            for name, value in (
                ("exemption", exemption),
                ("public_title", public_title),
                ("public_title_cy", public_title_cy),
            ):
                problems += _optional_text_problems(name, value)
            if problems:
                raise ValidationError(problems)
            store.update_fields(
                session,
                item_id,
                {
                    "access": Access.CLOSED,
                    "closed_reason": reason,
                    "exemption": _blank_to_none(exemption),
                    "public_title": _blank_to_none(public_title),
                    "public_title_cy": _blank_to_none(public_title_cy),
                },
            )
            if problems := order_problems(session, meeting.meeting_id, "access"):
                raise ValidationError(problems)
            closed = note_edits.close_notes_of(session, item_id=item_id)
            return replace(store.item_record(session, item_id), notes_closed=closed)

    def reopen_item(
        self, item_id: int, expected_version: int, *, undo_notes: Sequence[str] = ()
    ) -> ItemRecord:
        """Hear the item in public again. Its reason, exemption and public titles are
        cleared (an open item has none); an undo puts them back with ``close_item``.

        Its notes stay closed (``opening_item`` lists what does become public). Only the
        undo of ``close_item`` passes ``undo_notes``, the notes that step closed: they
        are open again, as they were before."""
        with self.db.writing() as session:
            item, meeting = store.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            if not item.is_closed:
                raise ValidationError(Problem("access", "the item is open already"))
            store.update_fields(
                session,
                item_id,
                {
                    "access": Access.OPEN,
                    "closed_reason": None,
                    "exemption": None,
                    "public_title": None,
                    "public_title_cy": None,
                },
            )
            if problems := order_problems(session, meeting.meeting_id, "access"):
                raise ValidationError(problems)
            note_edits.reopen_notes_of(session, undo_notes, item_id=item_id)
            return store.item_record(session, item_id)

    def set_item_witnesses(
        self, item_id: int, expected_version: int, witness_keys: Sequence[str]
    ) -> ItemRecord:
        """Who gives evidence under the item, in this order (witnesses of the same
        review). The meeting's SEQUENCE rises when the set of witnesses changes."""
        return self._set_links(item_id, expected_version, witness_keys, "witnesses")

    def set_item_tor(
        self, item_id: int, expected_version: int, tor_keys: Sequence[str]
    ) -> ItemRecord:
        """The terms of reference the item addresses, in this order (same review)."""
        return self._set_links(item_id, expected_version, tor_keys, "tor")

    def _set_links(
        self, item_id: int, expected_version: int, keys: Sequence[str], link: str
    ) -> ItemRecord:
        what = "witness" if link == "witnesses" else "terms-of-reference item"
        with self.db.writing() as session:
            item, meeting = store.checked_item(session, item_id, expected_version)
            meeting.refuse_if_locked()
            known = store.known_keys(session, link, item.review_id, list(keys))
            problems: list[Problem] = []
            seen: set[str] = set()
            for n, key in enumerate(keys):
                if key not in known:
                    problems.append(
                        Problem(f"{link}[{n}]", f'no {what} with key "{key}" in this review')
                    )
                elif key in seen:
                    problems.append(Problem(f"{link}[{n}]", f'"{key}" is listed twice'))
                seen.add(key)
            if problems:
                raise ValidationError(problems)
            before = store.linked_keys(session, item_id, link)
            if tuple(keys) != before:
                store.set_links(session, item_id, link, list(keys))
                if link == "witnesses" and set(keys) != set(before):
                    minutes_edits.raise_sequence(session, meeting.meeting_id)
            return store.item_record(session, item_id)

    # Removing and restoring --------------------------------------------------------------

    def remove_item(self, item_id: int, expected_version: int) -> ItemSnapshot:
        """Delete an item with its witnesses, terms of reference and minute; a snapshot
        for ``restore_item``. Notes that named it stay in the review (a note of a closed
        item becomes closed); the restore gives them back their item.

        Refused while the meeting's minutes are approved (as is every agenda edit)."""
        return self.remove_items([(item_id, expected_version)])[0]

    def remove_items(self, items: Sequence[tuple[int, int]]) -> builtins.list[ItemSnapshot]:
        """Delete several items of one meeting, given as (id, expected version), in one
        transaction: the undo of ``add_standard_items``. Snapshots in position order."""
        if not items:
            return []
        if len({item_id for item_id, _version in items}) != len(items):
            raise ValidationError(Problem("items", "an item is listed twice"))
        with self.db.writing() as session:
            records: list[ItemRecord] = []
            meeting: MinutesRecord | None = None
            for item_id, expected in items:
                item, found = store.checked_item(session, item_id, expected)
                if meeting is not None and found.meeting_id != meeting.meeting_id:
                    raise ValidationError(
                        Problem("items", "items of more than one meeting cannot be removed at once")
                    )
                meeting = found
                records.append(item)
            assert meeting is not None
            meeting.refuse_if_locked()
            snapshots = store.delete_items(session, [r.id for r in records])
            if any(r.has_slot or r.witnesses for r in records):
                minutes_edits.raise_sequence(session, meeting.meeting_id)
            return snapshots

    def restore_item(self, snapshot: ItemSnapshot) -> ItemRecord:
        """Put a removed item back where it was, with the same key, witnesses, terms of
        reference, minute and notes (a note deleted since stays deleted)."""
        return self.restore_items([snapshot])[0]

    def restore_items(self, snapshots: Sequence[ItemSnapshot]) -> builtins.list[ItemRecord]:
        """Restore several removed items in one transaction (redo of
        ``add_standard_items`` after its undo); records in the order given."""
        ordered = sorted(enumerate(snapshots), key=lambda p: p[1].position)
        created: dict[int, int] = {}
        with self.db.writing() as session:
            for n, snapshot in ordered:
                item = snapshot.item
                facts = store.restore_facts(session, snapshot)
                problems = _restore_problems(snapshot, facts)
                if problems:
                    raise ValidationError(problems)
                facts.meeting.refuse_if_locked()
                meeting_id = facts.meeting.meeting_id
                created[n] = store.insert_item(
                    session, snapshot.review_id, meeting_id, item, snapshot.position
                )
                store.relink_notes(
                    session, snapshot.review_id, meeting_id, created[n], snapshot.notes
                )
                store.restore_procedure(session, meeting_id, created[n], snapshot)
                if item.start is not None or item.witnesses:
                    minutes_edits.raise_sequence(session, meeting_id)
            return [store.item_record(session, created[n]) for n in range(len(snapshots))]


# Helpers -------------------------------------------------------------------------------


def _restore_problems(snapshot: ItemSnapshot, facts: store.RestoreFacts) -> list[Problem]:
    item = snapshot.item
    problems = _title_problems(item.title)
    problems += key_problems(item.key, facts.key_taken, "agenda item")
    for link, keys, found, what in (
        ("witnesses", item.witnesses, facts.witnesses, "witness"),
        ("tor", item.tor, facts.tor, "terms-of-reference item"),
    ):
        problems += [
            Problem(f"{link}[{n}]", f'the {what} "{k}" has been deleted since')
            for n, k in enumerate(keys)
            if k not in found
        ]
    return problems + _slot_problems(item.start, item.end, facts.meeting)


def _title_problems(title: str) -> list[Problem]:
    if not title.strip():
        return [Problem("title", "must not be empty")]
    why = text_problem(title)
    return [Problem("title", why)] if why else []


def _optional_text_problems(name: str, value: object) -> list[Problem]:
    """An optional text (None or blank is none) under the title's rules."""
    if value is None:
        return []
    if not isinstance(value, str):
        return [Problem(name, "must be text")]
    why = text_problem(value)
    return [Problem(name, why)] if why else []


def _blank_to_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.casefold()


def _clock(value: datetime, day: datetime) -> str:
    """14:00 on the meeting's day, the full local time on any other."""
    return f"{value:%H:%M}" if value.date() == day.date() else format_local(value)


def _slot_problems(
    start: datetime | None, end: datetime | None, meeting: MinutesRecord
) -> list[Problem]:
    """What is wrong with a slot in this meeting, as it would be after the change."""
    if start is None and end is None:
        return []
    if start is None or end is None:
        missing = "start" if start is None else "end"
        return [Problem(missing, "a slot needs both a start and an end (or neither)")]
    problems: list[Problem] = []
    for name, value in (("start", start), ("end", end)):
        if why := local_time_problem(value, meeting.timezone):
            problems.append(Problem(name, why))
    first, last = meeting.meeting_start, meeting.meeting_end
    if end <= start:
        problems.append(Problem("end", f"must be after the start ({_clock(start, first)})"))
    span = f"{_clock(first, first)} to {_clock(last, first)}"
    if start < first or start >= last:
        problems.append(Problem("start", f"must lie inside the meeting ({span})"))
    if end > last or end <= first:
        problems.append(Problem("end", f"must lie inside the meeting ({span})"))
    return problems
