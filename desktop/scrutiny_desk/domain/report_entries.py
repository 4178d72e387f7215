"""Records of the report's paragraphs and settings as ``ReportParagraphService`` gives
them out and takes them back (issue 17).

``ParagraphEntry`` is one paragraph as the Report page lists and edits it: its place,
its printed number, what it cites and supports, named; ``ParagraphSnapshot`` is
everything deleting it took, for ``restore``; ``ParagraphLink`` is a paragraph's link
to a note, a piece of evidence or a recommendation, kept in their own snapshots so the
undo of deleting them puts the citation back. ``PlaceEntry`` is a place of the outline
for its tree; ``AtHand`` is what the record holds beside a findings section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import Access
from .evidence_records import EvidenceEntry
from .note_records import NoteEntry
from .records import Keys, NamedRef


@dataclass(frozen=True)
class ParagraphEntry:
    """One paragraph. ``place``: one of ``records.REPORT_PLACES`` or ``tor:<key>``;
    ``position``: its index among the paragraphs of that place; ``number``: the panel's
    printed number ("3.2"; None in the foreword and summary, and for a paragraph whose
    place is gone). ``notes``/``evidence`` name what it cites ("note text…", evidence
    title), ``recommendations`` what it supports ("R3 text…"). ``closed_cited``: it
    cites closed material (a closed note, in effect, or closed evidence)."""

    id: int
    review_id: int
    key: str
    place: str
    position: int
    number: str | None
    text: str
    access: Access
    notes: tuple[NamedRef, ...]
    evidence: tuple[NamedRef, ...]
    recommendations: tuple[NamedRef, ...]
    closed_cited: bool
    version: int

    @property
    def closed(self) -> bool:
        return self.access is Access.CLOSED


@dataclass(frozen=True)
class ParagraphSnapshot:
    """A deleted paragraph and its links, by key: ``restore`` puts it back with the same
    key at the same place and ``position`` in that place (cited notes, evidence and
    supported recommendations deleted since are left out)."""

    review_id: int
    key: str
    place: str
    position: int
    text: str
    access: Access
    notes: Keys = ()
    evidence: Keys = ()
    recommendations: Keys = ()


@dataclass(frozen=True)
class ParagraphLink:
    """A paragraph's link to a note, a piece of evidence or a recommendation (kept in
    that record's snapshot): the paragraph's key and the link's place in its list."""

    paragraph: str  # key
    position: int


@dataclass(frozen=True)
class ReportSettings:
    """The report's own settings. ``title`` None: the default title; ``version`` None
    while never set (no row yet: quote None to set them the first time)."""

    review_id: int
    title: str | None
    submitted_on: date | None
    submitted_to: str | None
    response_months: int
    version: int | None


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the outline, in the report's order, for the Report page's tree: the
    chapter it stands in (``chapter`` number, None for the foreword and summary;
    ``chapter_title``; ``kind`` as ``ChapterView.kind``), its own heading (None: the
    chapter's opening paragraphs), the terms-of-reference number of a findings section
    ("1.2") and how many paragraphs it holds."""

    place: str
    title: str | None
    chapter: int | None
    chapter_title: str
    kind: str
    tor_number: str | None
    paragraphs: int


@dataclass(frozen=True)
class AtHand:
    """What the record holds beside a findings section: the notes and evidence held
    against its terms-of-reference item and the items under it (each with its access),
    and the coverage gaps of those items (``gaps``: "1.2 text", nothing on or under)."""

    place: str
    tor: NamedRef
    notes: tuple[NoteEntry, ...]
    evidence: tuple[EvidenceEntry, ...]
    gaps: tuple[NamedRef, ...]
