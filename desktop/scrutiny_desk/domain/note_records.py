"""Records of notes as the notes service gives them out and takes them back.

A note is what the panel learned, captured against the terms of reference it answers.
``NoteEntry`` is one note as lists and editors show it (names beside the keys, its
effective confidentiality worked out); ``NoteFilter`` says which notes a view lists;
``NoteSnapshot`` is everything a deleted note took with it, for ``restore``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .enums import Access
from .paragraph_links import ParagraphLink
from .records import Keys, NamedRef, Note, Review


def note_access(own: Access, item: Access | None = None, evidence: Access | None = None) -> Access:
    """Closed stays closed: a note is closed when it was marked closed, or taken during a
    closed agenda item, or against closed evidence (``item`` and ``evidence``: their
    access, None when the note names none).

    A note is stored so when it is captured, and when its item or evidence is closed;
    reopening the item or the evidence never opens its notes. Reads apply the rule again
    (their own access, or a closed item's or evidence's), as a safety net."""
    return Access.CLOSED if Access.CLOSED in (own, item, evidence) else Access.OPEN


def notes_closed_in_own_right(review: Review) -> Review:
    """The review as it is stored: every note taken during a closed item or against
    closed evidence closed in its own right (``note_access``), whatever the file said.
    Import applies it, whichever format version the file is; an export then writes
    those notes closed."""
    items = {i.key: i.access for m in review.meetings for i in m.items}
    evidence = {e.key: e.access for e in review.evidence}

    def stored(note: Note) -> Note:
        access = note_access(
            note.access,
            None if note.item is None else items.get(note.item),
            None if note.evidence is None else evidence.get(note.evidence),
        )
        return note if access is note.access else replace(note, access=access)

    notes = tuple(stored(n) for n in review.notes)
    return review if notes == review.notes else replace(review, notes=notes)


@dataclass(frozen=True)
class NoteEntry:
    """One note. ``created`` is aware, in the review's time zone. ``tor`` labels read
    "1.2 text" (number first); ``closed`` is the effective confidentiality
    (``note_access``): the note's own access is closed, or it was taken on a closed
    agenda item or closed evidence."""

    id: int
    review_id: int
    key: str
    text: str
    created: datetime
    tor: tuple[NamedRef, ...]
    meeting: NamedRef | None
    item: NamedRef | None
    witnesses: tuple[NamedRef, ...]
    evidence: NamedRef | None
    access: Access
    closed: bool
    version: int

    @property
    def tor_numbers(self) -> tuple[str, ...]:
        """The printed numbers of its terms of reference ("1.2", "3")."""
        return tuple(ref.label.split(" ", 1)[0] for ref in self.tor)


@dataclass(frozen=True)
class NoteFilter:
    """Which notes a view lists; every field narrows it, None ignores it. Keys, not ids.

    ``tor`` includes the sub-items of that terms-of-reference item; ``access`` is the
    effective access (a note on a closed item counts as closed); ``text`` is a
    case-insensitive substring of the note's text (``%`` and ``_`` are plain characters).
    """

    tor: str | None = None
    meeting: str | None = None
    item: str | None = None
    witness: str | None = None
    evidence: str | None = None
    access: Access | None = None
    text: str | None = None


@dataclass(frozen=True)
class RecommendationLink:
    """A recommendation the note supported, and the note's place in its list."""

    recommendation: str  # key
    position: int


@dataclass(frozen=True)
class NoteSnapshot:
    """A deleted note and everything that went with it, by key: ``restore`` puts it back
    at the same place in the review's list, with the same key and time."""

    review_id: int
    position: int
    key: str
    text: str
    created: datetime  # aware, with the offset it was stored with
    tor: Keys
    meeting: str | None
    item: str | None
    witnesses: Keys
    evidence: str | None
    access: Access
    recommendations: tuple[RecommendationLink, ...] = ()
    paragraphs: tuple[ParagraphLink, ...] = ()  # report paragraphs citing it (issue 17)


#: Orders ``NotesService.ids`` knows: time taken (oldest first), newest first, the list's order.
NOTE_ORDERS = ("created", "-created", "position")

#: The most ids ``NotesService.entries`` fetches at once (one page).
MAX_PAGE = 500
