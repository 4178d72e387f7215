"""Coverage of the terms of reference: which questions have evidence, and from where.

The facts (``CoverageFacts``) are read from the database in a few set-based queries
(``store.coverage_facts``); ``services.publishing.coverage_view`` drops what an
audience may not see; ``matrix`` counts what is left. Standard library only, and
linear in the number of note links, so 100,000 notes take a fraction of a second.

Counting rules:
- a note counts in every column it comes from: its meeting, each of its witnesses
  and its piece of evidence; a row's total counts each note once;
- a parent row's cells and total are the notes taken against the parent itself;
  ``rolled`` adds its sub-items' notes (each note once), which is what answers
  "is objective 1 covered?". A parent whose sub-items have notes is covered even
  with none of its own; an item with nothing on it or under it is a gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .records import Keys, TorItem
from .structure import walk_tor
from .views import (
    Audience,
    CoverageRow,
    CoverageSource,
    CoverageView,
    PlannedView,
    SourceKind,
)


@dataclass(frozen=True)
class SourceFact:
    """A meeting, a witness or a piece of evidence, as the store reads it."""

    kind: SourceKind
    key: str
    title: str
    detail: str | None = None
    day: date | None = None
    closed: bool = False  # closed evidence
    witness: str | None = None  # evidence: the witness it came from


@dataclass(frozen=True)
class NoteFact:
    """What a note contributes to coverage; ``closed`` is its effective state (its own
    access, its agenda item's or its evidence's)."""

    id: int
    tor: Keys
    meeting: str | None
    witnesses: Keys
    evidence: str | None
    closed: bool


@dataclass(frozen=True)
class PlannedFact:
    """An agenda item (kind MEETING) or a piece of evidence linked to a term of reference."""

    tor: str
    kind: SourceKind
    source: str  # meeting title / evidence title
    day: date | None
    title: str  # item title / evidence kind
    closed: bool


@dataclass(frozen=True)
class CoverageFacts:
    """Everything coverage needs of one review, for every audience."""

    review_title: str
    body: str | None
    terms_of_reference: tuple[TorItem, ...]
    meetings: tuple[SourceFact, ...]  # by date
    witnesses: tuple[SourceFact, ...]  # register order
    evidence: tuple[SourceFact, ...]  # register order
    notes: tuple[NoteFact, ...]  # in the review's order
    planned: tuple[PlannedFact, ...]
    appearances: tuple[tuple[str, bool], ...]  # (witness key, item closed) per agenda listing


def matrix(
    facts: CoverageFacts,
    audience: Audience,
    generated: datetime,
    *,
    sources: Sequence[SourceFact],
    notes: Iterable[NoteFact],
    planned: Iterable[PlannedFact],
) -> CoverageView:
    """Count ``notes`` against the terms of reference and ``sources`` (already chosen
    for the audience, in column order)."""
    column = {(s.kind, s.key): n for n, s in enumerate(sources)}
    walked = list(walk_tor(facts.terms_of_reference))
    row_of = {item.key: n for n, (_, item) in enumerate(walked)}
    count = len(walked)
    cells: list[dict[int, list[int]]] = [{} for _ in range(count)]
    own: list[list[int]] = [[] for _ in range(count)]
    kinds = [[0, 0, 0, 0] for _ in range(count)]  # meetings, witnesses, evidence, closed
    per_source = [0] * len(sources)
    total = 0
    closed_ids: set[int] = set()

    for note in notes:
        cols: list[int] = []
        if (
            note.meeting is not None
            and (c := column.get((SourceKind.MEETING, note.meeting))) is not None
        ):
            cols.append(c)
        has_witness = False
        for key in note.witnesses:
            c = column.get((SourceKind.WITNESS, key))
            if c is not None:
                cols.append(c)
                has_witness = True
        if (
            note.evidence is not None
            and (c := column.get((SourceKind.EVIDENCE, note.evidence))) is not None
        ):
            cols.append(c)
        flags = (note.meeting is not None, has_witness, note.evidence is not None, note.closed)
        counted = False
        for tor in note.tor:
            r = row_of.get(tor)
            if r is None:
                continue
            counted = True
            own[r].append(note.id)
            row_kinds = kinds[r]
            for n, flag in enumerate(flags):
                if flag:
                    row_kinds[n] += 1
            row_cells = cells[r]
            for c in cols:
                row_cells.setdefault(c, []).append(note.id)
        if counted:
            total += 1
            if note.closed:
                closed_ids.add(note.id)
            for c in cols:
                per_source[c] += 1

    rolled = _roll_up(facts.terms_of_reference, own, row_of)
    plans: dict[str, list[PlannedView]] = {}
    for p in planned:
        plans.setdefault(p.tor, []).append(PlannedView(p.kind, p.source, p.day, p.title))

    rows = tuple(
        CoverageRow(
            key=item.key,
            number=number,
            text=item.text,
            depth=number.count("."),
            has_children=bool(item.children),
            cells={c: tuple(ids) for c, ids in sorted(cells[n].items())},
            notes=tuple(own[n]),
            rolled=rolled[n],
            from_meetings=kinds[n][0],
            from_witnesses=kinds[n][1],
            from_evidence=kinds[n][2],
            closed=kinds[n][3],
            planned=tuple(plans.get(item.key, ())),
        )
        for n, (number, item) in enumerate(walked)
    )
    return CoverageView(
        audience=audience,
        body=facts.body,
        review_title=facts.review_title,
        generated=generated,
        sources=tuple(
            CoverageSource(s.kind, s.key, s.title, s.detail, s.day, s.closed, per_source[n])
            for n, s in enumerate(sources)
        ),
        rows=rows,
        notes=total,
        closed_notes=len(closed_ids),
        closed_ids=frozenset(closed_ids),
    )


def _roll_up(
    tree: Sequence[TorItem], own: list[list[int]], row_of: dict[str, int]
) -> list[tuple[int, ...]]:
    """Each row's own notes and its sub-items', each note once, in first-seen order."""
    rolled: list[tuple[int, ...]] = [() for _ in own]

    def visit(item: TorItem) -> tuple[int, ...]:
        r = row_of[item.key]
        below = [visit(child) for child in item.children]
        if not below:
            rolled[r] = tuple(own[r])
        else:
            rolled[r] = tuple(dict.fromkeys(own[r] + [i for ids in below for i in ids]))
        return rolled[r]

    for item in tree:
        visit(item)
    return rolled
