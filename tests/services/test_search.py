"""Full-text search: the same results on SQLite and PostgreSQL, equal to the pure-Python
reference (domain.search_text.matches), and the index in step with every edit."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from scrutiny_desk.domain.enums import Access, ActionStatus, EvidenceKind, ItemKind, MeetingKind
from scrutiny_desk.domain.errors import DatabaseError, NotFoundError
from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Evidence,
    Meeting,
    Note,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.search_text import KINDS, matches, query_words, tokens
from scrutiny_desk.services import codec
from scrutiny_desk.services.actions import ActionChanges
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.search import SearchService
from scrutiny_desk.store import search_index

# Accents, hyphens, apostrophes, e-mail addresses, URLs, digits, CamelCase, Welsh and
# Polish letters, Greek, Cyrillic, CJK, emoji, decomposed accents, tabs and new lines.
TEXTS = (
    "Café culture in Llanfairpwllgwyngyll: naïve résumé of the coöperative",
    "Jane O'Brien (jane.o-brien@example.gov.uk) said the drop-in centre works",
    "See https://www.example.org/reports/2024-drugs?id=42&x=y for the 2024 report",
    "Ysgol Gymraeg: ŵyr, ŷd and Llŷr; Ffordd Pen-y-bryn",
    "Łódź, Gdańsk and Źródło: żółć gęślą jaźń",
    "CamelCaseWords and snake_case_words and kebab-case-words",
    "Ελληνικά ΟΔΟΣ οδός; Русский текст; 日本語のテキスト",
    "emoji 😀 between🙂words and ☕coffee",
    "e\u0301cole decomposed; ﬁne ligature; STRASSE and Straße",
    "numbers 3.5 and 1,000,000 and ½ and x² and 007",
    "tab\tseparated\nnew line\r\ncarriage",
    "ALL CAPS SHOUTING about Police and POLICING",
    'quotes "NEAR" AND OR NOT (brackets) ^caret col:on *star*',
    "İstanbul and DİYARBAKIR; Ǆemal; ǅ title-case",
    "",
)

QUERIES = (
    "caf",
    "café",
    "CAFÉ",
    "naive",
    "naïve",
    "résumé",
    "coop",
    "coöp",
    "llan",
    "o'brien",
    "brien",
    "jane.o",
    "example.gov",
    "gov uk",
    "drop-in",
    "drop in",
    "https",
    "example org",
    "2024",
    "42",
    "ŵyr",
    "Ŵ",
    "llŷr",
    "pen y bryn",
    "łódź",
    "lodz",
    "ŁÓDŹ",
    "gdańsk",
    "żółć",
    "camel",
    "camelcasewords",
    "case",
    "snake_case",
    "kebab",
    "ελλ",
    "οδος",
    "οδό",
    "русск",
    "текст",
    "日本",
    "😀",
    "between",
    "words",
    "coffee",
    "cole",
    "école",
    "fine",
    "ﬁne",
    "strasse",
    "straße",
    "stra",
    "3",
    "5",
    "1",
    "000",
    "½",
    "x",
    "x²",
    "007",
    "tab",
    "new line",
    "carriage",
    "police",
    "POLICING",
    "near",
    "and or",
    "not",
    "(brackets)",
    "^caret",
    "col:on",
    "*star*",
    '"quotes"',
    "istanbul",
    "i̇stanbul",
    "diyar",
    "ǆemal",
    "ǆ",
    "title",
    "the",
    "zzz",
    "a",
    "e",
    "c",
    "",
    "   ",
    "!!!",
)


def _corpus() -> Review:
    start = datetime(2026, 1, 12, 14, 0)
    items = tuple(
        AgendaItem(
            f"i{n}",
            title=TEXTS[n] or "Untitled",
            kind=ItemKind.EVIDENCE,
            access=Access.CLOSED if n % 4 == 0 else Access.OPEN,
            closed_reason="Private" if n % 4 == 0 else None,
            public_title=TEXTS[-n - 1] or None if n % 4 == 0 else None,
            minute=TEXTS[(n + 3) % len(TEXTS)] or None,
        )
        for n in range(len(TEXTS))
    )
    meeting = Meeting(
        "m1", "Evidence session", MeetingKind.EVIDENCE, start, start + timedelta(hours=2),
        items=items,
    )  # fmt: skip
    created = datetime(2026, 1, 12, 14, 5, tzinfo=UTC)
    return Review(
        title="Search corpus",
        terms_of_reference=(TorItem("t1", "Objective"),),
        witnesses=tuple(
            Witness(
                f"w{n}",
                TEXTS[n] or "Nameless",
                TEXTS[(n + 1) % len(TEXTS)] or None,
                TEXTS[(n + 2) % len(TEXTS)] or None,
            )
            for n in range(len(TEXTS))
        ),
        meetings=(meeting,),
        evidence=tuple(
            Evidence(
                f"e{n}",
                TEXTS[(n + 5) % len(TEXTS)] or "Untitled",
                EvidenceKind.WRITTEN,
                received=date(2026, 1, 1 + n),
                summary=TEXTS[n] or None,
                access=Access.CLOSED if n % 3 == 0 else Access.OPEN,
            )
            for n in range(len(TEXTS))
        ),
        notes=tuple(
            Note(
                f"n{n}",
                TEXTS[n % len(TEXTS)] or "-",
                created + timedelta(minutes=n),
                ("t1",),
                meeting="m1",
                item=f"i{n % 5}",
                access=Access.CLOSED if n == 7 else Access.OPEN,
            )
            for n in range(len(TEXTS) * 2)
        ),
        recommendations=tuple(
            Recommendation(
                f"r{n}", TEXTS[(n + 7) % len(TEXTS)] or "Do it", response=TEXTS[n] or None
            )
            for n in range(len(TEXTS))
        ),
        actions=tuple(
            Action(
                f"a{n}",
                TEXTS[(n + 9) % len(TEXTS)] or "Send the figures",
                owner=TEXTS[n] or None,
                status=ActionStatus.DONE if n % 2 else ActionStatus.OPEN,
                meeting="m1" if n % 4 else None,
                access=Access.CLOSED if n % 3 == 1 else Access.OPEN,
            )
            for n in range(len(TEXTS))
        ),
    )


def _texts(review: Review) -> dict[tuple[str, str], str]:
    """(kind, key) -> the text the index holds, computed from the document."""
    out: dict[tuple[str, str], str] = {}
    for note in review.notes:
        out["note", note.key] = note.text
    for meeting in review.meetings:
        for item in meeting.items:
            out["item", item.key] = f"{item.title} {item.public_title or ''}"
            if item.minute:
                out["minute", item.key] = item.minute
    for ev in review.evidence:
        out["evidence", ev.key] = f"{ev.title} {ev.summary or ''}"
    for w in review.witnesses:
        out["witness", w.key] = f"{w.name} {w.role or ''} {w.organisation or ''}"
    for r in review.recommendations:
        out["recommendation", r.key] = f"{r.text} {r.response or ''}"
    for a in review.actions:
        out["action", a.key] = f"{a.text} {a.owner or ''}"
    return out


def reference(review: Review, query: str) -> set[tuple[str, str]]:
    words = query_words(query)
    return {k for k, text in _texts(review).items() if matches(text, words)}


def found(services: Services, review_id: int, query: str) -> set[tuple[str, str]]:
    results = SearchService(services.db).search(review_id, query, per_kind=10_000)
    return {(h.kind, h.key) for h in results.hits}


@pytest.fixture
def both(sqlite_target: str, postgres) -> Iterator[tuple[Services, Services]]:  # type: ignore[no-untyped-def]
    name = postgres.create()
    lite, pg = Services.open(sqlite_target), Services.open(postgres.url(name))
    try:
        yield lite, pg
    finally:
        lite.close()
        pg.close()
        postgres.drop(name)


def test_same_results_on_both_backends_as_the_reference(both) -> None:  # type: ignore[no-untyped-def]
    lite, pg = both
    review = _corpus()
    data = codec.encode(review)
    ids = lite.reviews.import_bytes(data), pg.reviews.import_bytes(data)
    # Every word of the corpus, and its first one and two letters, is a query too.
    corpus_words = {t.folded for text in TEXTS for t in tokens(text)}
    prefixes = {w[:2] for w in corpus_words}
    pairs = [
        f"{a} {b}"
        for a, b in itertools.islice(itertools.combinations(sorted(corpus_words), 2), 0, None, 101)
    ]
    queries = [*QUERIES, *sorted(corpus_words), *sorted(prefixes), *pairs]
    assert len(queries) > 250
    for query in queries:
        expected = reference(review, query)
        on_sqlite, on_pg = found(lite, ids[0], query), found(pg, ids[1], query)
        assert on_sqlite == on_pg == expected, query
    # Each index finds at least what the reference finds (never less): that is what
    # lets the service's check of each hit make the results equal.
    for services, review_id in zip(both, ids, strict=True):
        with services.db.reading() as session:
            keys = _keys_by_id(services, review_id)
            for query in queries:
                raw = search_index.all_matches(session, review_id, query_words(query))
                assert {keys[k] for k in raw} >= reference(review, query), (
                    query,
                    services.db.dialect,
                )


def test_the_first_of_each_kind_are_the_same_however_many_match(both, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL finds a kind's first records by its hits when they are few and by
    walking the review's records in order when they are many (more than DENSE): both
    ways give the same hits in the same order with the same counts, SQLite's."""
    lite, pg = both
    data = codec.encode(_corpus())
    ids = lite.reviews.import_bytes(data), pg.reviews.import_bytes(data)

    def ordered(services: Services, review_id: int, query: str) -> list[tuple[str, str, int]]:
        results = SearchService(services.db).search(review_id, query, per_kind=3)
        return [(h.kind, h.key, g.total) for g in results.groups for h in g.hits]

    for query in ("and", "the", "e", "c", "words", "2024", "zzz"):
        monkeypatch.setattr(search_index, "DENSE", 10**9)  # every kind read by its hits
        by_hits = ordered(pg, ids[1], query)
        monkeypatch.setattr(search_index, "DENSE", 0)  # every kind walked in order
        assert ordered(pg, ids[1], query) == by_hits, query
        if query in ("and", "the", "zzz"):  # words no tokenizer counts differently
            assert by_hits == ordered(lite, ids[0], query), query
    assert len(ordered(lite, ids[0], "and")) > 10


def test_postgres_search_prepares_nothing_and_leaves_no_autocommit(both) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL asks the index with a statement planned for each query's words: it is
    never prepared on the server (psycopg prepares a statement once its text has run
    five times on a connection, and a search no longer ends with the ROLLBACK that
    cleared the count; the server could then plan it once for all words). The
    connection a search used without a transaction goes back to the pool with one."""
    _, pg = both
    review_id = pg.reviews.import_bytes(codec.encode(_corpus()))
    for _ in range(12):  # each of two pooled connections more than five times
        assert SearchService(pg.db).search(review_id, "the").hits
    with pg.db.reading() as session:
        assert not session.connection().connection.driver_connection.autocommit
        prepared = session.execute(text("SELECT statement FROM pg_prepared_statements"))
        assert not [s for (s,) in prepared if "search_index" in s]


def test_a_postgres_search_that_fails_says_so_and_leaves_the_pool_usable(both) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL search reads on a pooled connection of its own, without a session: an
    error of the server is the DatabaseError a session's reading raises, and the next
    search works."""
    _, pg = both
    review_id = pg.reviews.import_bytes(codec.encode(_corpus()))
    found = SearchService(pg.db).search(review_id, "the").total
    with pg.db.engine.connect() as con:
        con.execute(text("ALTER TABLE search_index RENAME TO search_index_away"))
        con.commit()
    with pytest.raises(DatabaseError, match="The database could not be used"):
        SearchService(pg.db).search(review_id, "the")
    with pg.db.engine.connect() as con:
        con.execute(text("ALTER TABLE search_index_away RENAME TO search_index"))
        con.commit()
    for _ in range(3):  # every pooled connection
        assert SearchService(pg.db).search(review_id, "the").total == found
    with pg.db.reading() as session:
        assert not session.connection().connection.driver_connection.autocommit


TABLES = {
    "note": "notes",
    "item": "agenda_items",
    "minute": "agenda_items",
    "evidence": "evidence",
    "witness": "witnesses",
    "recommendation": "recommendations",
    "action": "actions",
}


def _keys_by_id(services: Services, review_id: int) -> dict[tuple[str, int], tuple[str, str]]:
    out: dict[tuple[str, int], tuple[str, str]] = {}
    with services.db.reading() as session:
        for kind, table in TABLES.items():
            for row_id, key in session.execute(
                text(f"SELECT id, key FROM {table} WHERE review_id = :r"), {"r": review_id}
            ):
                out[kind, row_id] = (kind, key)
    return out


# In step with every edit, on both backends ----------------------------------------


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _kinds_keys(services: Services, review_id: int, query: str) -> set[tuple[str, str]]:
    return found(services, review_id, query)


def test_the_sample_is_indexed_on_import(services: Services, sample: int) -> None:
    review = services.reviews.document(sample)
    for query in ("drug", "police evidence", "treat", "minutes", "MPS", "2007", "sumray"):
        assert found(services, sample, query) == reference(review, query), query
    assert {k for k, _ in found(services, sample, "evid")} == {"minute", "item", "evidence"}
    assert {k for k, _ in found(services, sample, "drug")} >= {"note", "minute", "item", "evidence"}


def test_a_note_is_found_the_moment_it_is_saved(services: Services, sample: int) -> None:
    note = services.notes.capture(sample, "The zebracorn pilot in Łódź", ["scale"])
    assert found(services, sample, "zebrac łódź") == {("note", note.key)}
    note = services.notes.update(note.id, note.version, text="The unicorn pilot")
    assert found(services, sample, "zebracorn") == set()
    assert found(services, sample, "unicorn") == {("note", note.key)}
    snapshot = services.notes.delete(note.id, note.version)
    assert found(services, sample, "unicorn") == set()
    services.notes.restore(snapshot)  # undo
    assert found(services, sample, "unicorn") == {("note", note.key)}


def test_items_minutes_and_meeting_deletion_stay_in_step(services: Services, sample: int) -> None:
    meeting = services.meetings.list(sample)[-1]  # minutes not yet approved
    item = services.agenda.add_item(meeting.id, "Quokka welfare")
    assert found(services, sample, "quokka") == {("item", item.key)}
    item = services.agenda.update_item(item.id, item.version, ItemChanges(title="Wombat welfare"))
    assert found(services, sample, "quokka") == set()
    item = services.minutes.set_minute(item.id, item.version, "The wombat spoke")
    assert found(services, sample, "wombat") == {("item", item.key), ("minute", item.key)}
    item = services.minutes.set_minute(item.id, item.version, None)
    assert found(services, sample, "wombat") == {("item", item.key)}
    item = services.minutes.set_minute(item.id, item.version, "The wombat spoke")
    snapshot = services.agenda.remove_item(item.id, item.version)
    assert found(services, sample, "wombat") == set()
    services.agenda.restore_item(snapshot)
    assert found(services, sample, "wombat") == {("item", item.key), ("minute", item.key)}
    # Deleting the meeting deletes its items by ON DELETE CASCADE: the index follows.
    meeting = services.meeting_edits.find(sample, meeting.key)
    snapshot_m = services.meeting_edits.delete_meeting(meeting.id, meeting.version)
    assert found(services, sample, "wombat") == set()
    services.meeting_edits.restore_meeting(snapshot_m)
    assert found(services, sample, "wombat") == {("item", item.key), ("minute", item.key)}


def test_witnesses_evidence_and_recommendations_stay_in_step(
    services: Services, sample: int
) -> None:
    witness = services.witness_edits.add_witness(sample, "Dr Ada Quill", "Professor", "Uni")
    assert found(services, sample, "quill prof") == {("witness", witness.key)}
    witness = services.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(organisation="Wolverhampton")
    )
    assert found(services, sample, "quill wolver") == {("witness", witness.key)}
    snapshot_w = services.witness_edits.remove_witness(witness.id, witness.version)
    assert found(services, sample, "quill") == set()
    services.witness_edits.restore_witness(snapshot_w)
    assert found(services, sample, "quill") == {("witness", witness.key)}

    evidence = services.evidence.create(sample, "Aardvark survey", EvidenceKind.RESEARCH)
    evidence = services.evidence.update(evidence.id, evidence.version, summary="Of badgers")
    assert found(services, sample, "aardvark badger") == {("evidence", evidence.key)}
    snapshot_e = services.evidence.delete(evidence.id, evidence.version)
    assert found(services, sample, "aardvark") == set()
    services.evidence.restore(snapshot_e)
    assert found(services, sample, "aardvark") == {("evidence", evidence.key)}

    rec = services.recommendations.create(sample, "Fund the kiwi project")
    rec = services.recommendations.update(rec.id, rec.version, response="Kiwi agreed, funded")
    assert found(services, sample, "kiwi fund") == {("recommendation", rec.key)}
    snapshot_r = services.recommendations.delete(rec.id, rec.version)
    assert found(services, sample, "kiwi") == set()
    services.recommendations.restore(snapshot_r)
    assert found(services, sample, "kiwi") == {("recommendation", rec.key)}


def test_meeting_actions_are_found_and_stay_in_step(services: Services, sample: int) -> None:
    # the sample's actions, as imported: a closed one is marked closed
    (hit,) = SearchService(services.db).search(sample, "soca briefing").hits
    assert (hit.kind, hit.key, hit.closed) == ("action", "a3", True)
    assert hit.title.startswith("Action · ") and "due 31 May 2007" in hit.title
    assert hit.text.endswith("Owner: Chair")
    meeting = services.meetings.list(sample)[-1]  # minutes not yet approved
    action = services.actions.add_action(meeting.id, "Chase the axolotl figures", "Clerk")
    assert found(services, sample, "axolotl clerk") == {("action", action.key)}
    action = services.actions.update_action(
        action.id, action.version, ActionChanges(text="Chase the narwhal figures", owner=None)
    )
    assert found(services, sample, "axolotl") == set()
    assert found(services, sample, "narwhal") == {("action", action.key)}
    action = services.actions.update_action(
        action.id, action.version, ActionChanges(status=ActionStatus.DONE)
    )
    (hit,) = SearchService(services.db).search(sample, "narwhal").hits
    assert hit.title.startswith("Action · done · ") and not hit.closed
    snapshot = services.actions.delete_action(action.id, action.version)
    assert found(services, sample, "narwhal") == set()
    services.actions.restore_action(snapshot)  # undo
    assert found(services, sample, "narwhal") == {("action", action.key)}
    # deleting its meeting keeps the action (no meeting now): still found
    meeting = services.meeting_edits.find(sample, meeting.key)
    services.meeting_edits.delete_meeting(meeting.id, meeting.version)
    assert found(services, sample, "narwhal") == {("action", action.key)}


def test_review_deletion_and_restore_stay_in_step(services: Services, sample: int) -> None:
    before = found(services, sample, "drug")
    assert before
    details = services.review_edits.details(sample)
    snapshot = services.review_edits.delete_review(sample, details.version)
    with services.db.reading() as session:
        left = session.execute(text("SELECT count(*) FROM search_index")).scalar()
    assert left == 0
    restored = services.review_edits.restore_review(snapshot)
    assert found(services, restored, "drug") == before


def test_search_is_per_review(services: Services, sample: int) -> None:
    other = services.reviews.import_bytes(codec.encode(_corpus()))
    note = services.notes.capture(other, "Only in the second platypus review", ["t1"])
    assert found(services, sample, "platypus") == set()
    assert found(services, other, "platypus") == {("note", note.key)}


# Results: order, cap, closed, what a hit says ---------------------------------------


def test_groups_in_kind_order_natural_order_and_cap(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(_corpus()))
    search = SearchService(services.db)
    results = search.search(review_id, "and", per_kind=3)
    kinds = [g.kind for g in results.groups]
    assert kinds == sorted(kinds, key=KINDS.index) and "action" in kinds
    notes = next(g for g in results.groups if g.kind == "note")
    full = search.search(review_id, "and", per_kind=1000)
    all_notes = next(g for g in full.groups if g.kind == "note")
    assert len(notes.hits) == 3 and notes.total == len(all_notes.hits) > 3
    assert [h.key for h in notes.hits] == [h.key for h in all_notes.hits[:3]]
    # notes in the order they were taken
    numbers = [int(h.key[1:]) for h in all_notes.hits]
    assert numbers == sorted(numbers)
    evidence = next(g for g in full.groups if g.kind == "evidence")
    assert [int(h.key[1:]) for h in evidence.hits] == sorted(int(h.key[1:]) for h in evidence.hits)
    assert results.total == sum(g.total for g in results.groups)


def test_hits_are_marked_closed_and_placed(services: Services, sample: int) -> None:
    search = SearchService(services.db)
    review = services.reviews.document(sample)
    closed_items = {i.key for m in review.meetings for i in m.items if i.is_closed}
    closed_evidence = {e.key for e in review.evidence if e.access is Access.CLOSED}
    closed_actions = {a.key for a in review.actions if a.access is Access.CLOSED}
    closed_notes = {
        n.key
        for n in review.notes
        if n.access is Access.CLOSED or n.item in closed_items or n.evidence in closed_evidence
    }
    hits = SearchService(services.db).search(sample, "the", per_kind=1000).hits
    assert hits
    for hit in hits:
        if hit.kind == "note":
            assert hit.closed == (hit.key in closed_notes)
            assert hit.title.startswith("Note · ")
        elif hit.kind in ("item", "minute"):
            assert hit.closed == (hit.key in closed_items)
        elif hit.kind == "evidence":
            assert hit.closed == (hit.key in closed_evidence)
        elif hit.kind == "action":
            assert hit.closed == (hit.key in closed_actions)
        else:
            assert not hit.closed
        for start, end in hit.spans:
            assert hit.text[start:end].casefold().startswith("the")
    assert any(h.closed for h in hits) and any(not h.closed for h in hits)
    note = services.notes.capture(sample, "Capybara\nevidence   taken", ["scale"])
    (hit,) = search.search(sample, "capy").hits
    assert hit.kind == "note" and hit.key == note.key
    assert hit.text == "Capybara evidence taken" and hit.spans == ((0, 8),)


HOSTILE = (
    '"', '""', "*", "NEAR(a b)", "a AND", "OR", "NOT x", "(", ")", "^", ":", "a:b", "'",
    "\\", "%", "_", "'; DROP TABLE notes; --", "\u0000", "\U0001F600" * 50,
    "x" * 10_000, "a " * 5_000, "\u200f\u202e", "ǅ" * 3000, "drug*", '"drug" OR "x"',
    "-drug", "drug -police", "{drug}", "drug:*", "drug & police", "drug | x", "!drug",
)  # fmt: skip


def test_hostile_queries_are_words_only(services: Services, sample: int) -> None:
    search = SearchService(services.db)
    review = services.reviews.document(sample)
    for query in HOSTILE:
        results = search.search(sample, query, per_kind=1000)
        assert {(h.kind, h.key) for h in results.hits} == reference(review, query), query
    assert search.search(sample, "drug*").total == search.search(sample, "drug").total > 0


def test_unknown_review(services: Services) -> None:
    with pytest.raises(NotFoundError):
        SearchService(services.db).search(999, "x")
