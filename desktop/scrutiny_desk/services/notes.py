"""Notes: what the panel learned, captured against the terms of reference it answers.

Built for a clerk typing during a hearing and for reviews of 100,000 notes: ``capture``
is one short transaction that appends at the end of the list; views ask for the ids
of a filter (``ids``, ``count``: indexed SQL, ids only) and fetch the notes they show a
page at a time (``entries``).

A note taken under an agenda item is stamped with the item's meeting and witnesses.
A note taken during a closed item or against closed evidence is stored closed, and
stays closed when they are reopened (``note_access``); its confidentiality in effect
(``NoteEntry.closed``) is its own access, or its item's, or its evidence's. Notes are
not minutes: a note on a meeting whose minutes are locked can still be edited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.changes import KEEP, Keep
from ..domain.enums import Access
from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.localtime import zone
from ..domain.note_records import (
    MAX_PAGE,
    NOTE_ORDERS,
    NoteEntry,
    NoteFilter,
    NoteSnapshot,
    note_access,
)
from ..domain.records import NamedRef
from ..domain.rules import text_problem
from ..store import note_edits, note_reads, note_refs, report_paragraph_edits
from ..store.db import Database

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Refs:
    """Checked references of a note: the rows' ids, and how a NoteEntry names them."""

    tor: list[note_refs.TorNode]
    meeting: note_refs.Ref | None
    item: note_refs.Ref | None
    witnesses: list[note_refs.Ref] | None
    evidence: note_refs.Ref | None

    @property
    def tor_ids(self) -> list[int]:
        return [node.id for node in self.tor]

    @property
    def witness_ids(self) -> list[int]:
        return [w.id for w in self.witnesses or ()]

    def values(
        self, key: str, text: str, created: datetime, access: Access
    ) -> note_edits.NoteValues:
        return note_edits.NoteValues(
            key=key,
            text=text,
            created=created,
            tor_ids=self.tor_ids,
            meeting_id=self.meeting.id if self.meeting else None,
            item_id=self.item.id if self.item else None,
            witness_ids=self.witness_ids,
            evidence_id=self.evidence.id if self.evidence else None,
            access=access,
        )


class NotesService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    # Reading ------------------------------------------------------------------------

    def ids(self, review_id: int, flt: NoteFilter, order: str = "created") -> list[int]:
        """The ids of the review's notes that pass the filter, in that order:
        ``"created"`` (oldest first), ``"-created"`` (newest first) or ``"position"``
        (the review's list). Cheap: ids only, indexed conditions."""
        if order not in NOTE_ORDERS:
            raise ValueError(f"order must be one of {', '.join(NOTE_ORDERS)}, not {order!r}")
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)
            return note_reads.note_ids(session, review_id, flt, order)

    def count(self, review_id: int, flt: NoteFilter) -> int:
        """How many of the review's notes pass the filter."""
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)
            return note_reads.note_count(session, review_id, flt)

    def entries(self, ids: Sequence[int]) -> list[NoteEntry]:
        """One page of notes (at most ``MAX_PAGE`` ids), in the order given; ids of
        notes deleted meanwhile are left out."""
        if len(ids) > MAX_PAGE:
            raise ValueError(f"entries fetches at most {MAX_PAGE} notes at once, not {len(ids)}")
        with self.db.reading() as session:
            return note_reads.entries(session, ids)

    def get(self, note_id: int) -> NoteEntry:
        found = self.entries([note_id])
        if not found:
            raise NotFoundError(f"There is no note with id {note_id}")
        return found[0]

    def id_for(self, review_id: int, key: str) -> int:
        with self.db.reading() as session:
            found = note_refs.note_id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no note with key "{key}" in this review')
        return found

    def find(self, review_id: int, key: str) -> NoteEntry:
        """The note with that key (NotFoundError if there is none)."""
        with self.db.reading() as session:
            found = note_refs.note_id_for(session, review_id, key)
            if found is None:
                raise NotFoundError(f'There is no note with key "{key}" in this review')
            return note_reads.entries(session, [found])[0]

    # Capture ------------------------------------------------------------------------

    def capture(
        self,
        review_id: int,
        text: str,
        tor: Sequence[str],
        *,
        item: str | None = None,
        meeting: str | None = None,
        evidence: str | None = None,
        witnesses: Sequence[str] | None = None,
        access: Access | None = None,
        key: str | None = None,
    ) -> NoteEntry:
        """A new note, stamped now (in the review's time zone), at the end of the list.

        With ``item``, its meeting and (unless ``witnesses`` is given) its witnesses are
        stamped too. ``access`` None means open. ValidationError names each bad field;
        nothing is written then."""
        with self.db.writing() as session:
            tz = note_edits.lock_review(session, review_id)
            problems = _text_problems(text)
            refs = self._check_refs(
                session, review_id, problems, tor, meeting, item, evidence, witnesses
            )
            wanted = key if key is not None else note_edits.new_note_key()
            end, taken = note_edits.append_slot(session, review_id, wanted)
            while key is None and taken:  # a generated key that is taken: another one
                wanted = note_edits.new_note_key()
                end, taken = note_edits.append_slot(session, review_id, wanted)
            if key is not None:
                problems += key_problems(key, taken, "note")
            if problems:
                raise ValidationError(problems)
            created = self.clock().astimezone(zone(tz)).replace(microsecond=0)
            chosen = note_access(access or Access.OPEN, _access(refs.item), _access(refs.evidence))
            note_id = note_edits.insert_note(
                session, review_id, refs.values(wanted, text, created, chosen), None, end=end
            )
            # Built from what was checked, not read back: capture is on the clerk's Enter.
            return NoteEntry(
                id=note_id,
                review_id=review_id,
                key=wanted,
                text=text,
                created=created,
                tor=tuple(NamedRef(n.key, f"{n.number} {n.text}") for n in refs.tor),
                meeting=refs.meeting.ref if refs.meeting else None,
                item=refs.item.ref if refs.item else None,
                witnesses=tuple(w.ref for w in refs.witnesses or ()),
                evidence=refs.evidence.ref if refs.evidence else None,
                access=chosen,
                closed=chosen is Access.CLOSED,
                version=note_edits.FIRST_VERSION,
            )

    def _check_refs(
        self,
        session: note_refs.Session,
        review_id: int,
        problems: list[Problem],
        tor: Sequence[str] | None,
        meeting: str | None,
        item: str | None,
        evidence: str | None,
        witnesses: Sequence[str] | None,
    ) -> _Refs:
        """Check the keys a note names (None: not given); the rows they name."""
        chosen: list[note_refs.TorNode] = []
        if tor is not None:
            keys = list(dict.fromkeys(tor))
            if not keys:
                problems.append(
                    Problem("tor", "choose at least one terms-of-reference item the note answers")
                )
            nodes = note_refs.tor_nodes(session, review_id)
            missing = [k for k in keys if k not in nodes]
            if missing:
                problems.append(
                    Problem("tor", f"no terms-of-reference item has key {_quoted(missing)}")
                )
            chosen = [nodes[k] for k in keys if k in nodes]
        item_ref = None
        if item is not None:
            item_ref = note_refs.item_ref(session, review_id, item)
            if item_ref is None:
                problems.append(Problem("item", f'there is no agenda item with key "{item}"'))
        meeting_ref = item_ref.meeting if item_ref is not None else None
        if meeting is not None:
            meeting_ref = note_refs.meeting_ref(session, review_id, meeting)
            if meeting_ref is None:
                problems.append(Problem("meeting", f'there is no meeting with key "{meeting}"'))
            elif item_ref is not None and item_ref.meeting.id != meeting_ref.id:
                problems.append(
                    Problem(
                        "meeting",
                        f'item "{item}" belongs to meeting "{item_ref.meeting.ref.key}", '
                        f'not "{meeting}"',
                    )
                )
        evidence_ref = None
        if evidence is not None:
            evidence_ref = note_refs.evidence_ref(session, review_id, evidence)
            if evidence_ref is None:
                problems.append(Problem("evidence", f'there is no evidence with key "{evidence}"'))
        witness_refs: list[note_refs.Ref] | None = None
        if witnesses is None and item_ref is not None:
            witness_refs = list(item_ref.witnesses)
        elif witnesses is not None:
            wanted = list(dict.fromkeys(witnesses))
            found = note_refs.witness_refs(session, review_id, wanted)
            missing = [w for w in wanted if w not in found]
            if missing:
                problems.append(Problem("witnesses", f"no witness has key {_quoted(missing)}"))
            witness_refs = [found[w] for w in wanted if w in found]
        return _Refs(
            chosen,
            meeting_ref,
            item_ref.item if item_ref is not None else None,
            witness_refs,
            evidence_ref,
        )

    # Edits --------------------------------------------------------------------------

    def update(
        self,
        note_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        tor: Sequence[str] | Keep = KEEP,
        witnesses: Sequence[str] | Keep = KEEP,
        access: Access | Keep = KEEP,
        evidence: str | Keep | None = KEEP,
    ) -> NoteEntry:
        """Edit a note read at ``expected_version`` (fields left KEEP stay as they
        are; ``evidence=None`` clears it); ConflictError if it moved on since."""
        with self.db.writing() as session:
            note_edits.check_note_version(session, note_id, expected_version)
            row = note_edits.note_row(session, note_id)
            review_id = row.review_id
            problems: list[Problem] = []
            if not isinstance(text, Keep):
                problems += _text_problems(text)
            refs = self._check_refs(
                session,
                review_id,
                problems,
                None if isinstance(tor, Keep) else tor,
                None,
                None,
                None if isinstance(evidence, Keep) else evidence,
                None if isinstance(witnesses, Keep) else witnesses,
            )
            if problems:
                raise ValidationError(problems)
            values: dict[str, object] = {}
            if not isinstance(text, Keep):
                values["text"] = text
            evidence_id = row.evidence_id
            if not isinstance(evidence, Keep):
                evidence_id = values["evidence_id"] = refs.evidence.id if refs.evidence else None
            if not isinstance(access, Keep) or not isinstance(evidence, Keep):
                item_access, evidence_access = note_edits.access_of_links(
                    session, row.item_id, evidence_id
                )
                own = access if not isinstance(access, Keep) else Access(row.access)
                values["access"] = note_access(own, item_access, evidence_access)
            note_edits.update_note(
                session,
                note_id,
                values,
                None if isinstance(tor, Keep) else refs.tor_ids,
                None if isinstance(witnesses, Keep) else refs.witness_ids,
            )
            return note_reads.entries(session, [note_id])[0]

    def delete(self, note_id: int, expected_version: int) -> NoteSnapshot:
        """Delete a note (and its place in recommendations); a snapshot for ``restore``."""
        with self.db.writing() as session:
            note_edits.check_note_version(session, note_id, expected_version)
            note_edits.lock_review(session, note_edits.note_row(session, note_id).review_id)
            return note_edits.delete_note(session, note_id)

    def restore(self, snapshot: NoteSnapshot) -> NoteEntry:
        """Put a deleted note back: same key, time, place in the list, terms of
        reference, witnesses, recommendations and report paragraphs citing it.
        ConflictError if something it named has been deleted since (a recommendation
        or paragraph that has gone is simply left out)."""
        s = snapshot
        with self.db.writing() as session:
            note_edits.lock_review(session, s.review_id)
            taken = note_refs.note_id_for(session, s.review_id, s.key) is not None
            if taken:
                raise ValidationError(key_problems(s.key, taken, "note"))
            problems: list[Problem] = []
            refs = self._check_refs(
                session, s.review_id, problems, s.tor, s.meeting, s.item, s.evidence, s.witnesses
            )
            if problems:
                raise ConflictError(
                    "The note cannot be put back, because something it was taken against has "
                    "been deleted since: " + "; ".join(str(p) for p in problems)
                )
            note_id = note_edits.insert_note(
                session,
                s.review_id,
                refs.values(
                    s.key,
                    s.text,
                    s.created,
                    note_access(s.access, _access(refs.item), _access(refs.evidence)),
                ),
                s.position,
            )
            rec_ids = note_refs.recommendation_ids_for(
                session, s.review_id, [link.recommendation for link in s.recommendations]
            )
            note_edits.restore_links(
                session,
                note_id,
                [
                    (rec_ids[link.recommendation], link.position)
                    for link in s.recommendations
                    if link.recommendation in rec_ids
                ],
            )
            report_paragraph_edits.relink_paragraphs(
                session, s.review_id, "notes", note_id, s.paragraphs
            )
            return note_reads.entries(session, [note_id])[0]


def _access(ref: note_refs.Ref | None) -> Access | None:
    """The access of an item or evidence a note names (None: it names none)."""
    if ref is None:
        return None
    return Access.CLOSED if ref.closed else Access.OPEN


def _quoted(keys: Sequence[str]) -> str:
    return ", ".join(f'"{k}"' for k in keys)


def _text_problems(text: str) -> list[Problem]:
    if not text.strip():
        return [Problem("text", "must not be empty: type what was said")]
    if why := text_problem(text):
        return [Problem("text", why)]
    return []
