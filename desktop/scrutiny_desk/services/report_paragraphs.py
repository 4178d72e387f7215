"""The report's paragraphs and settings: what the clerk writes into the outline the
review generates (issue 17).

Every method is one transaction. An edit quotes the version the clerk started from and
a stale one is refused with ``ConflictError`` naming who changed the paragraph; bad
input is refused with ``ValidationError`` naming the field, and nothing is written
then. Deleting returns a snapshot and ``restore`` puts the paragraph back under the same
key, at the same place, so the window's undo steps find it again. What changed reaches
the window as ``Topic.REPORT`` (``services.changes.recording``), as for every service.

The outline (``services.report_outline``) decides the places and the printed numbers;
this service reads only what it needs for them (the review's head: its terms of
reference, and the paragraphs), never the whole review, except for the closed-quote
check, which reads what is closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from ..domain.changes import KEEP, Keep
from ..domain.enums import Access
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.note_records import MAX_PAGE, NoteFilter
from ..domain.records import REPORT_PLACES, TOR_PLACE, NamedRef, ReviewReport
from ..domain.report_entries import (
    AtHand,
    ParagraphEntry,
    ParagraphSnapshot,
    PlaceEntry,
    ReportSettings,
)
from ..domain.report_quotes import QuoteFlag, closed_quotes
from ..domain.rules import MAX_TITLE, text_problem
from ..domain.views import Audience
from ..store import coverage_facts, documents, evidence_edits, note_edits, note_reads, note_refs
from ..store import report_paragraph_edits as store
from ..store import report_paragraph_reads as reads
from ..store.db import Database
from . import publishing, report_outline

#: how many months a body may be given to respond (the format's bounds)
RESPONSE_MONTHS = range(1, 25)

Session = note_refs.Session


class ReportParagraphService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ------------------------------------------------------------------------

    def places(self, review_id: int) -> tuple[PlaceEntry, ...]:
        """Every place of the outline in the report's order, with its paragraph count."""
        with self.db.reading() as session:
            head = documents.load_review_head(session, review_id)
            counts = reads.place_counts(session, review_id)
        return tuple(
            PlaceEntry(
                place=p.place,
                title=p.title,
                chapter=p.chapter,
                chapter_title=p.chapter_title,
                kind=p.kind,
                tor_number=p.tor_number,
                paragraphs=counts.get(p.place, 0),
            )
            for p in report_outline.section_places(head)
        )

    def paragraphs(self, review_id: int, place: str) -> tuple[ParagraphEntry, ...]:
        """The paragraphs written at ``place``, in order."""
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)
            return self._numbered(
                session, review_id, reads.entries(session, review_id, place=place)
            )

    def paragraph(self, paragraph_id: int) -> ParagraphEntry:
        """One paragraph (NotFoundError if it has gone)."""
        with self.db.reading() as session:
            return self._entry(session, paragraph_id)

    def id_for(self, review_id: int, key: str) -> int:
        """The id of the paragraph with that key (NotFoundError if there is none)."""
        with self.db.reading() as session:
            found = store.paragraph_id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no paragraph with key "{key}" in this report')
        return found

    def unplaced(self, review_id: int) -> tuple[ParagraphEntry, ...]:
        """Paragraphs whose place is gone (their terms-of-reference item was deleted):
        kept, and placed again if the item is put back."""
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)  # NotFoundError for no review
            nodes = note_refs.tor_nodes(session, review_id)
            return tuple(
                e
                for e in reads.entries(session, review_id)
                if _place_problem(e.place, nodes) is not None
            )

    def at_hand(self, review_id: int, place: str) -> AtHand:
        """The notes and evidence held against a findings section's terms-of-reference
        item and the items under it, and their coverage gaps (ValidationError naming
        "place" for a place that is not a findings section)."""
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)  # NotFoundError for no review
            nodes = note_refs.tor_nodes(session, review_id)
            key = place.removeprefix(TOR_PLACE)
            if not place.startswith(TOR_PLACE) or key not in nodes:
                raise ValidationError(
                    [Problem("place", f'"{place}" is not a findings section of this report')]
                )
            node = nodes[key]
            ids = note_reads.note_ids(session, review_id, NoteFilter(tor=key), "position")
            notes = [
                entry
                for start in range(0, len(ids), MAX_PAGE)
                for entry in note_reads.entries(session, ids[start : start + MAX_PAGE])
            ]
            under = {k for k, n in nodes.items() if n.id in set(note_refs.subtree_ids(nodes, key))}
            evidence = [
                e
                for e in evidence_edits.entries(session, review_id)
                if any(t.key in under for t in e.tor)
            ]
            facts = coverage_facts.load(session, review_id)
        view = publishing.coverage_view(facts, Audience.PANEL, datetime.now(UTC))
        return AtHand(
            place=place,
            tor=NamedRef(key, f"{node.number} {node.text}"),
            notes=tuple(notes),
            evidence=tuple(evidence),
            gaps=tuple(
                NamedRef(row.key, f"{row.number} {row.text}")
                for row in view.gaps
                if row.key in under
            ),
        )

    def quote_flags(self, review_id: int) -> tuple[QuoteFlag, ...]:
        """Open paragraphs quoting closed material word for word
        (``domain.report_quotes.closed_quotes``)."""
        with self.db.reading() as session:
            review = documents.load_review(session, review_id)
            written = reads.paragraphs(session, review_id)
        return closed_quotes(replace(review, report=replace(review.report, paragraphs=written)))

    def _entry(self, session: Session, paragraph_id: int) -> ParagraphEntry:
        found = reads.entries(session, None, ids=[paragraph_id])
        if not found:
            raise NotFoundError(f"There is no paragraph with id {paragraph_id}")
        return self._numbered(session, found[0].review_id, found)[0]

    def _numbered(
        self, session: Session, review_id: int, entries: list[ParagraphEntry]
    ) -> tuple[ParagraphEntry, ...]:
        """The entries with their printed numbers, as the outline numbers them."""
        if not entries:
            return ()
        head = documents.load_review_head(session, review_id)
        written = tuple(
            replace(p, notes=(), evidence=(), recommendations=())  # numbers need no links
            for p in reads.paragraphs(session, review_id)
        )
        view = report_outline.build_report(
            replace(head, report=ReviewReport(paragraphs=written)), made=date.today()
        )
        numbers = {p.key: p.number for p in view.paragraphs()}
        return tuple(replace(e, number=numbers.get(e.key)) for e in entries)

    # Edits --------------------------------------------------------------------------

    def add(
        self,
        review_id: int,
        place: str,
        text: str,
        *,
        access: Access = Access.OPEN,
        index: int | None = None,
        key: str | None = None,
    ) -> ParagraphEntry:
        """A new paragraph at ``place``, at ``index`` among its paragraphs (None: last).
        ``key`` None: a fresh one."""
        with self.db.writing() as session:
            note_edits.lock_review(session, review_id)
            problems = _text_problems(text) + _access_problems(access)
            problems += self._place_problems(session, review_id, place)
            if key is None:
                key = store.new_paragraph_key()
                while store.key_taken(session, review_id, key):
                    key = store.new_paragraph_key()
            else:
                problems += key_problems(
                    key, lambda k: store.key_taken(session, review_id, k), "paragraph"
                )
            if problems:
                raise ValidationError(problems)
            paragraph_id = store.insert_paragraph(
                session, review_id, key, place, text, access, index
            )
            return self._entry(session, paragraph_id)

    def edit(
        self,
        paragraph_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        access: Access | Keep = KEEP,
    ) -> ParagraphEntry:
        """Change the text or access of a paragraph read at ``expected_version``."""
        with self.db.writing() as session:
            store.check_paragraph_version(session, paragraph_id, expected_version)
            values: dict[str, object] = {}
            problems: list[Problem] = []
            if not isinstance(text, Keep):
                problems += _text_problems(text)
                values["text"] = text
            if not isinstance(access, Keep):
                problems += _access_problems(access)
                values["access"] = access
            if problems:
                raise ValidationError(problems)
            store.update_paragraph(session, paragraph_id, values)
            return self._entry(session, paragraph_id)

    def cite(
        self,
        paragraph_id: int,
        expected_version: int,
        *,
        notes: Sequence[str] | Keep = KEEP,
        evidence: Sequence[str] | Keep = KEEP,
    ) -> ParagraphEntry:
        """Set what the paragraph cites (keys of the review's notes and evidence, each
        once, in the order given)."""
        return self._link(paragraph_id, expected_version, {"notes": notes, "evidence": evidence})

    def support(
        self, paragraph_id: int, expected_version: int, recommendations: Sequence[str]
    ) -> ParagraphEntry:
        """Set the recommendations the paragraph supports (keys, each once)."""
        return self._link(paragraph_id, expected_version, {"recommendations": recommendations})

    def _link(
        self, paragraph_id: int, expected_version: int, lists: dict[str, Sequence[str] | Keep]
    ) -> ParagraphEntry:
        with self.db.writing() as session:
            store.check_paragraph_version(session, paragraph_id, expected_version)
            review_id = store.paragraph_row(session, paragraph_id).review_id
            problems: list[Problem] = []
            chosen: dict[str, list[int]] = {}
            for kind, keys in lists.items():
                if isinstance(keys, Keep):
                    continue
                if isinstance(keys, str):
                    problems.append(Problem(kind, "must be a list of keys, not one string"))
                    continue
                wanted = list(dict.fromkeys(keys))
                found = store.ids_for(session, review_id, kind, wanted)
                missing = [k for k in wanted if k not in found]
                if missing:
                    problems.append(
                        Problem(
                            kind, f"this review has no {_WHAT[kind]} with key {_quoted(missing)}"
                        )
                    )
                chosen[kind] = [found[k] for k in wanted if k in found]
            if problems:
                raise ValidationError(problems)
            for kind, ids in chosen.items():
                store.set_links(session, paragraph_id, kind, ids)
            store.update_paragraph(session, paragraph_id, {})
            return self._entry(session, paragraph_id)

    def move(
        self, paragraph_id: int, expected_version: int, place: str, index: int | None = None
    ) -> ParagraphEntry:
        """Move a paragraph to ``place`` at ``index`` among its paragraphs (None: last)."""
        with self.db.writing() as session:
            store.check_paragraph_version(session, paragraph_id, expected_version)
            review_id = store.paragraph_row(session, paragraph_id).review_id
            note_edits.lock_review(session, review_id)
            problems = self._place_problems(session, review_id, place)
            if index is not None and index < 0:
                problems.append(Problem("index", "must be 0 or more"))
            if problems:
                raise ValidationError(problems)
            store.move_paragraph(session, paragraph_id, place, index)
            return self._entry(session, paragraph_id)

    def delete(self, paragraph_id: int, expected_version: int) -> ParagraphSnapshot:
        """Delete a paragraph; a snapshot for ``restore``."""
        with self.db.writing() as session:
            store.check_paragraph_version(session, paragraph_id, expected_version)
            note_edits.lock_review(session, store.paragraph_row(session, paragraph_id).review_id)
            return store.delete_paragraph(session, paragraph_id)

    def restore(self, snapshot: ParagraphSnapshot) -> ParagraphEntry:
        """Put a deleted paragraph back: same key, place and position, its citations and
        support (those deleted since left out). Its place need not exist still: it is
        then unplaced, as it would have been had it stayed."""
        s = snapshot
        with self.db.writing() as session:
            note_edits.lock_review(session, s.review_id)
            problems = key_problems(
                s.key, lambda k: store.key_taken(session, s.review_id, k), "paragraph"
            )
            if problems:
                raise ValidationError(problems)
            paragraph_id = store.insert_paragraph(
                session, s.review_id, s.key, s.place, s.text, s.access, s.position
            )
            for kind, keys in (
                ("notes", s.notes),
                ("evidence", s.evidence),
                ("recommendations", s.recommendations),
            ):
                found = store.ids_for(session, s.review_id, kind, keys)
                store.set_links(session, paragraph_id, kind, [found[k] for k in keys if k in found])
            return self._entry(session, paragraph_id)

    def _place_problems(self, session: Session, review_id: int, place: str) -> list[Problem]:
        problem = _place_problem(place, note_refs.tor_nodes(session, review_id))
        return [] if problem is None else [Problem("place", problem)]

    # Settings -----------------------------------------------------------------------

    def settings(self, review_id: int) -> ReportSettings:
        """The report's settings (defaults, version None, until first set)."""
        with self.db.reading() as session:
            note_refs.review_timezone(session, review_id)
            return store.settings(session, review_id)

    def set_settings(
        self,
        review_id: int,
        expected_version: int | None,
        *,
        title: str | Keep | None = KEEP,
        submitted_on: date | Keep | None = KEEP,
        submitted_to: str | Keep | None = KEEP,
        response_months: int | Keep = KEEP,
    ) -> ReportSettings:
        """Set the report's settings read at ``expected_version`` (None: never set).
        An empty title or recipient is stored as none."""
        with self.db.writing() as session:
            note_edits.lock_review(session, review_id)
            store.check_settings_version(session, review_id, expected_version)
            values: dict[str, object] = {}
            problems: list[Problem] = []
            for name, value in (("title", title), ("submitted_to", submitted_to)):
                if isinstance(value, Keep):
                    continue
                if value is not None and not isinstance(value, str):
                    problems.append(Problem(name, "must be text"))
                    continue
                clean = (value or "").strip() or None
                if clean is not None and (why := _line_problem(clean)):
                    problems.append(Problem(name, why))
                values[name] = clean
            if not isinstance(submitted_on, Keep):
                if submitted_on is not None and (
                    not isinstance(submitted_on, date) or isinstance(submitted_on, datetime)
                ):
                    problems.append(Problem("submitted_on", "must be a date (day, month and year)"))
                values["submitted_on"] = submitted_on
            if not isinstance(response_months, Keep):
                if (
                    not isinstance(response_months, int)
                    or isinstance(response_months, bool)
                    or response_months not in RESPONSE_MONTHS
                ):
                    problems.append(
                        Problem("response_months", "must be a whole number of months from 1 to 24")
                    )
                values["response_months"] = response_months
            if problems:
                raise ValidationError(problems)
            store.write_settings(session, review_id, values)
            return store.settings(session, review_id)


_WHAT = {"notes": "note", "evidence": "evidence", "recommendations": "recommendation"}


def _place_problem(place: str, nodes: dict[str, note_refs.TorNode]) -> str | None:
    """Why paragraphs cannot stand at ``place`` now, or None."""
    if place in REPORT_PLACES:
        return None
    if place.startswith(TOR_PLACE):
        key = place.removeprefix(TOR_PLACE)
        if key in nodes:
            return None
        return f'there is no terms-of-reference item with key "{key}" for a findings section'
    return (
        f'there is no section "{place}" in the report: choose one of '
        + ", ".join(REPORT_PLACES)
        + f' or "{TOR_PLACE}" and a terms-of-reference key'
    )


def _quoted(keys: Sequence[str]) -> str:
    return ", ".join(f'"{k}"' for k in keys)


def _text_problems(text: str) -> list[Problem]:
    if not isinstance(text, str):
        return [Problem("text", "must be text")]
    if not text.strip():
        return [Problem("text", "must not be empty: type the paragraph")]
    if why := text_problem(text):
        return [Problem("text", why)]
    return []


def _access_problems(access: object) -> list[Problem]:
    return [] if isinstance(access, Access) else [Problem("access", "must be open or closed")]


def _line_problem(value: str) -> str | None:
    if len(value) > MAX_TITLE:
        return f"is longer than {MAX_TITLE} characters"
    return text_problem(value)
