"""Migration 0015 (issue 13, growth on PostgreSQL) upgrades a database the release
before made: on PostgreSQL the full-text index becomes one GIN index of the words tagged
with their review, the records a search finds are the same, edits keep it in step; down
to 0014 its index is back (0004's where btree_gin is missing), and up again. SQLite is
unchanged (and backed up first, as every upgrade is). A search asks the tagged index
for its review's words only, and finds exactly what the words' own query finds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from scrutiny_desk.domain.backup_records import BackupKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import backups, search_index

from .old_schemas import at_revision
from .test_migrations import _migrate

REVIEWS = (1, 2, 11)
"""Review 1 and review 11: a tag ``1/`` must never find review 11's words."""

OLD_0014 = (
    *(
        "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
        f" VALUES ({r}, 'Review {r}', 'evidence', 'Europe/London', false, 1, 5)"
        for r in REVIEWS
    ),
    *(
        "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
        f" created_offset_minutes, access, version) VALUES ({n}, {REVIEWS[n % 3]}, {n},"
        f" 'n{n}', 'Waits are long {n}', '2026-01-05 14:{n:02d}:00', 0, 'open', 1)"
        for n in range(1, 10)
    ),
)
"""A database the release before (0014) made: three reviews, three notes each."""

HITS = (
    "SELECT kind, row_id FROM search_index WHERE review_id = 1 "
    "AND document @@ to_tsquery('simple', '''wait'':*') ORDER BY row_id"
)
INDEXES = "SELECT indexname FROM pg_indexes WHERE tablename = 'search_index' ORDER BY 1"
BY_REVIEW_INDEXES = [
    "ix_search_index_review_document",
    "ix_search_index_review_id",
    "pk_search_index",
]
WORDS_ONLY_INDEXES = ["ix_search_index_document", "ix_search_index_review_id", "pk_search_index"]
TAGGED_INDEXES = ["ix_search_index_review_id", "ix_search_index_tagged", "pk_search_index"]
FUNCTION = "SELECT count(*) FROM pg_proc WHERE proname = 'search_tagged'"


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    with engine.connect() as con:
        rows = [tuple(r) for r in con.execute(text(query))]
    engine.dispose()
    return rows


def _found(services: Services, review: int = 1) -> list[str]:
    return [h.key for h in services.search.search(review, "waits").hits if h.kind == "note"]


def test_0015_tags_the_words_finds_the_same_and_goes_down_and_up(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            pg = "://" in target
            at_revision(url, "0014")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0014:
                    con.execute(text(row))
            engine.dispose()
            if pg:
                before = _rows(url, HITS)
                assert [r[1] for r in before] == [3, 6, 9]
                assert [r[0] for r in _rows(url, INDEXES)] == BY_REVIEW_INDEXES

            services = Services.open(target)  # upgrades to the head
            try:
                assert _found(services) == ["n3", "n6", "n9"], url
                assert _found(services, 11) == ["n2", "n5", "n8"], url
                with services.db.writing() as session:  # the triggers keep it in step
                    session.execute(text("UPDATE notes SET text = 'Nothing here' WHERE id = 3"))
                    session.execute(text("UPDATE notes SET text = 'Waits' WHERE id = 2"))
                assert _found(services) == ["n6", "n9"], url
                assert _found(services, 11) == ["n2", "n5", "n8"], url
            finally:
                services.close()
            if pg:
                assert [r[0] for r in _rows(url, INDEXES)] == TAGGED_INDEXES
                assert _rows(url, HITS) == before[1:]
                options = "SELECT reloptions FROM pg_class WHERE relname = 'ix_search_index_tagged'"
                assert _rows(url, options) == [(["fastupdate=off"],)]
                table = "SELECT reloptions FROM pg_class WHERE relname = 'search_index'"
                assert _rows(url, table) == [(["parallel_workers=0"],)]
            else:  # the upgrade was taken a checked backup of first
                taken = backups.list_backups(backups.backups_folder(), Path(target))
                assert [b.revision for b in taken if b.kind is BackupKind.PRE_UPGRADE] == ["0014"]

            _migrate(url, "0014", down=True)
            if pg:
                assert [r[0] for r in _rows(url, INDEXES)] == BY_REVIEW_INDEXES
                assert _rows(url, FUNCTION) == [(0,)]
                assert _rows(url, table) == [(None,)]
                assert _rows(url, HITS) == before[1:]
            _migrate(url, "head")
            services = Services.open(target)
            try:
                assert _found(services) == ["n6", "n9"], url
            finally:
                services.close()
    finally:
        postgres.drop(name)


def test_0015_down_without_btree_gin_puts_back_the_words_only_index(  # type: ignore[no-untyped-def]
    postgres,
) -> None:
    """0015 needs no extension; down to 0014 where btree_gin is gone (or never was),
    0004's index is put back, and up again."""
    name = postgres.create_empty()
    url = postgres.url(name)
    try:
        _migrate(url, "head")
        assert [r[0] for r in _rows(url, INDEXES)] == TAGGED_INDEXES
        engine = create_engine(url)
        with engine.begin() as con:  # nothing uses it any more
            con.execute(text("DROP EXTENSION btree_gin"))
        engine.dispose()
        _migrate(url, "0014", down=True)
        assert [r[0] for r in _rows(url, INDEXES)] == WORDS_ONLY_INDEXES
        _migrate(url, "head")
        assert [r[0] for r in _rows(url, INDEXES)] == TAGGED_INDEXES
    finally:
        postgres.drop(name)


def test_search_asks_the_tagged_index_for_its_review_and_finds_what_the_words_do(  # type: ignore[no-untyped-def]
    postgres,
) -> None:
    """The index's own query is the review's tagged words (review 1's never reads
    review 11's); a query word the parser splits (at a combining mark) still needs its
    parts side by side; a word too long to tag whole is still found by its start."""
    name = postgres.create()
    url = postgres.url(name)
    long_word = "a" * 2045  # the longest word PostgreSQL indexes: tagged, it is cut
    texts = {
        1: "Waits are long",
        2: "na\u0308ive waits",  # 'na' then 'ive', side by side
        3: "ive na waits",  # both parts, apart
        4: f"{long_word} b",
        5: "Waits in review eleven",
    }
    engine = create_engine(url)
    try:
        with engine.begin() as con:
            for review in REVIEWS:
                con.execute(
                    text(
                        "INSERT INTO reviews (id, title, status, timezone, has_contact,"
                        " version, clear_days) VALUES (:r, 'R', 'evidence', 'Europe/London',"
                        " false, 1, 5)"
                    ),
                    {"r": review},
                )
            for n, note in texts.items():
                con.execute(
                    text(
                        "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
                        " created_offset_minutes, access, version) VALUES (:n, :r, :n, :k, :t,"
                        " '2026-01-05 14:00:00', 0, 'open', 1)"
                    ),
                    {"n": n, "r": 11 if n == 5 else 1, "k": f"n{n}", "t": note},
                )
        with engine.connect() as con:
            session = Session(bind=con)

            def found(review: int, *words: str) -> set[int]:
                return {row for _, row in search_index.all_matches(session, review, words)}

            assert found(1, "wait") == {1, 2, 3}
            assert found(11, "wait") == {5}
            assert found(2, "wait") == set()
            assert found(1, "na\u0308ive") == {2}  # not 3: the parts are apart there
            assert found(1, "na\u0308", "ive") == {2, 3}
            assert found(1, "aaaa", "b") == {4}
            assert found(1, "a" * 100) == {4}

            sql, params = search_index._hits("postgresql", 1, ("wait",))
            con.execute(text("SET enable_seqscan = off"))  # a table this small is read whole
            plan = "\n".join(
                str(r[0]) for r in con.execute(text(f"EXPLAIN (COSTS OFF) {sql}"), params)
            )
            assert "ix_search_index_tagged" in plan, plan
            assert "'''1/wait'':*'" in plan, plan  # the review is in the index's own query
            assert "Filter" not in plan, plan  # nothing to check after the index
            session.close()
    finally:
        engine.dispose()
        postgres.drop(name)


def test_init_postgres_gives_a_managed_database_the_tagged_index(  # type: ignore[no-untyped-def]
    postgres,
) -> None:
    """``admin init-postgres`` migrates as the owner, who may not create an extension:
    the tagged index needs none, and init-postgres creates none."""
    from scrutiny_desk.store import pg_roles
    from tests.managed_pg import Managed

    managed = Managed(postgres, postgres.create_empty())
    try:
        pg_roles.init_postgres(managed.admin_url)
        assert [r[0] for r in _rows(managed.admin_url, INDEXES)] == TAGGED_INDEXES
        installed = "SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'"
        assert not _rows(managed.admin_url, installed)
    finally:
        managed.drop()
