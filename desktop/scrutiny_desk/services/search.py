"""Full-text search over one review: notes, minutes, agenda items, evidence, witnesses,
recommendations and meeting actions, the same on SQLite and PostgreSQL.

The database's index (kept in step by triggers, see migrations 0004 and 0008) finds the
review's candidates;
every hit shown is checked against ``domain.search_text.matches`` (the one definition
of a match) and highlighted there too. Results come grouped by kind in a fixed order,
each kind in its records' natural order, at most ``per_kind`` of each with the count
of all. The clerk's search shows closed material, marked ``closed``.
"""

from __future__ import annotations

from datetime import datetime

from ..domain.enums import ActionStatus, EvidenceKind, RecommendationStatus
from ..domain.search_text import (
    KIND_LABELS,
    KINDS,
    SearchGroup,
    SearchHit,
    SearchResults,
    SearchSource,
    matches,
    query_words,
    snippet,
)
from ..domain.wording import short_date
from ..store import queries, search_index
from ..store.db import Database

PER_KIND = 50
DOT = " \u00b7 "
DASH = " \u2014 "


class SearchService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def search(self, review_id: int, query: str, *, per_kind: int = PER_KIND) -> SearchResults:
        """What in the review matches every word of ``query`` (each word a prefix).

        Any text is a valid query: only its words count (letters and digits); a query
        with no words finds nothing. Raises NotFoundError for an unknown review."""
        words = query_words(query)
        groups: list[SearchGroup] = []
        if not words:
            with self.db.reading() as session:
                queries.get_review_row(session, review_id)
            return SearchResults(query, words, ())
        found = search_index.ranked(self.db, review_id, words, per_kind)  # checks it too
        for kind in KINDS:
            if kind not in found:
                continue
            total, rows = found[kind]
            kept = [r for r in rows if matches(r.indexed_text, words)]
            total -= len(rows) - len(kept)  # the index's corner cases, checked here
            if kept:
                hits = tuple([hit(r, words) for r in kept])
                groups.append(SearchGroup(kind, KIND_LABELS[kind], total, hits))
        return SearchResults(query, words, tuple(groups))


def hit(source: SearchSource, words: tuple[str, ...]) -> SearchHit:
    """A found record as the clerk sees it: where it is, and its text around the match."""
    line = snippet(display_text(source), words)
    return SearchHit(
        source.kind, source.key, title(source), line.text, line.spans, source.closed, source.row_id
    )


def display_text(source: SearchSource) -> str:
    first, *rest = source.fields
    main = first or ""
    extra = rest[0] if rest else None
    if source.kind == "item" and extra:
        return f"{main} (public title: {extra})"
    if source.kind == "witness":
        return ", ".join(f for f in source.fields if f)
    if source.kind == "recommendation" and extra:
        return f"{main}{DASH}Response: {extra}"
    if source.kind == "evidence" and extra:
        return f"{main}{DASH}{extra}"
    if source.kind == "action" and extra:
        return f"{main}{DASH}Owner: {extra}"
    return main


def title(source: SearchSource) -> str:
    """``Note · 12 Jan 2026 14:30 · Evidence session · Item title``, ``Action · done · due
    2 Mar 2026 · Evidence session, 12 Jan 2026`` and the like."""
    kind = source.kind
    parts: list[str]
    if kind == "note":
        parts = ["Note", _date(source.when, with_time=True)]
        parts += [p for p in (source.meeting, source.item) if p]
    elif kind == "minute":
        parts = ["Minute", source.item or "", _meeting(source)]
    elif kind == "item":
        parts = ["Agenda item", _meeting(source)]
    elif kind == "evidence":
        label = EvidenceKind(source.label).value.capitalize() if source.label else ""
        received = f"received {_date(source.when)}" if source.when else ""
        parts = ["Evidence", label, received]
    elif kind == "witness":
        parts = ["Witness"]
    elif kind == "action":
        due = f"due {short_date(source.due)}" if source.due else ""
        done = "done" if source.label == ActionStatus.DONE.value else ""
        parts = ["Action", done, due, _meeting(source)]  # the meeting's title may be long
    else:
        status = RecommendationStatus(source.label).value.replace("-", " ") if source.label else ""
        parts = [f"Recommendation {source.number}", status]
    return DOT.join([p for p in parts if p])


def _meeting(source: SearchSource) -> str:
    name = source.meeting or ""
    return f"{name}, {_date(source.when)}" if source.when else name


def _date(value: datetime | None, *, with_time: bool = False) -> str:
    if value is None:
        return ""
    text = short_date(value)
    return f"{text} {value.hour:02d}:{value.minute:02d}" if with_time else text
