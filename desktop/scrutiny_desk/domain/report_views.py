"""The review's report as one audience may read it: the outline generated from the
review, the paragraphs the clerk wrote into it, numbered, and the lists and appendices
drawn from the record (format version 8, issue 17).

``services.report_outline`` builds the panel's view from the review (everything, closed
material marked); ``services.publishing.report_view`` cuts the public view from it, so
a frozen version (which keeps the panel's view as it printed) yields its public version
by the same rule. Renderers print a view and nothing else.

Paragraphs are numbered by chapter (3.1, 3.2 …): chapter 1 is the introduction, one
chapter follows for each top-level terms-of-reference item, then the conclusions; the
foreword and the summary are not numbered. Numbers are the panel's: the public view
keeps them (a closed paragraph leaves a gap), so that a minute citing paragraph 3.4
means the same words in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import ReportPurpose
from .views import Audience, ContactView, MemberView

#: what the public report prints for a citation of closed notes or evidence
HEARD_IN_PRIVATE = "evidence heard in private"


@dataclass(frozen=True)
class CitationView:
    """A note or piece of evidence a paragraph cites, as a reference into the
    appendices: ``ref`` "E3" (the third entry of the evidence received) or "S2" (the
    second oral evidence session); None when a note has no source there (printed by
    its ``label`` alone). ``closed``: closed material; the public view keeps only the
    fact (``kind`` and ``closed``, no key, ref or label), printed ``HEARD_IN_PRIVATE``."""

    kind: str  # "note" or "evidence"
    key: str
    ref: str | None
    label: str
    closed: bool = False


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph named elsewhere in the report: its key and printed number."""

    key: str
    number: str | None


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph the clerk wrote. ``number`` "3.2"; None in the foreword and summary.
    ``arising``: the numbers of the recommendations that arise here, printed in bold
    after it (a recommendation arises after the last paragraph supporting it that the
    audience sees)."""

    key: str
    number: str | None
    text: str
    closed: bool = False
    citations: tuple[CitationView, ...] = ()
    arising: tuple[int, ...] = ()


@dataclass(frozen=True)
class ListEntry:
    """A line of a list generated from the record: an objective ("1.2" and its text,
    ``depth`` 1 for a sub-item), an exclusion, a meeting held, a milestone …"""

    text: str
    number: str | None = None
    depth: int = 0
    closed: bool = False  # closed material (the public view drops the line)


@dataclass(frozen=True)
class ListView:
    """A generated list under its caption ("Meetings held")."""

    title: str | None
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class SectionView:
    """A section of a chapter: its ``place`` (as paragraphs name it), its heading (None:
    the chapter's own opening paragraphs), the paragraphs written in it and the lists
    generated for it (printed after the paragraphs). A findings section names its
    terms-of-reference item's number ("1.2") in ``tor_number``."""

    place: str
    title: str | None
    paragraphs: tuple[ParagraphView, ...] = ()
    lists: tuple[ListView, ...] = ()
    tor_number: str | None = None


@dataclass(frozen=True)
class ChapterView:
    """A chapter: ``number`` (None for the foreword and the summary), its title and
    ``kind`` ("foreword", "summary", "introduction", "findings", "conclusions").
    A findings chapter's first section is the top-level item's own (its ``place`` is
    the item's), then one section per sub-item."""

    number: int | None
    title: str
    kind: str
    sections: tuple[SectionView, ...]
    tor_number: str | None = None


@dataclass(frozen=True)
class ReportRecommendationView:
    """A recommendation as the report lists it: its number in the review's list, lead
    and timeframe, and the paragraphs supporting it that the audience sees."""

    number: int
    key: str
    text: str
    lead: str | None
    due: date | None
    draft: bool
    supported_by: tuple[ParagraphRef, ...] = ()


@dataclass(frozen=True)
class SessionView:
    """An oral evidence session (appendix: witnesses heard): ``ref`` "S1", the meeting's
    date and title, and each witness heard there (``closed`` on a witness heard only in
    private, whom the public report does not name)."""

    ref: str
    date: date
    title: str
    witnesses: tuple[ListEntry, ...]


@dataclass(frozen=True)
class EvidenceEntryView:
    """A piece of evidence received (appendix): ``ref`` "E1", in the register's order."""

    ref: str
    key: str
    title: str
    kind: str  # in words: "Written evidence", "Visit"
    source: str | None  # the witness's name or the source
    received: date | None
    closed: bool = False


@dataclass(frozen=True)
class AbbreviationView:
    abbreviation: str
    name: str


@dataclass(frozen=True)
class ReportDocView:
    """The whole report for one audience. ``version``: the frozen version's number
    ("0.2", "final"); None for the working draft. ``made``: the date it carries."""

    audience: Audience
    review_title: str
    title: str
    body: str | None
    made: date
    chapters: tuple[ChapterView, ...]
    recommendations: tuple[ReportRecommendationView, ...]
    members: tuple[MemberView, ...]
    sessions: tuple[SessionView, ...]
    evidence: tuple[EvidenceEntryView, ...]
    abbreviations: tuple[AbbreviationView, ...]
    contact: ContactView | None = None
    version: str | None = None
    purpose: ReportPurpose | None = None

    def paragraphs(self) -> tuple[ParagraphView, ...]:
        """Every paragraph, in the order the report prints them."""
        return tuple(p for c in self.chapters for s in c.sections for p in s.paragraphs)
