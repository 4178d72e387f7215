"""Migration 0014 (issue 13, growth on PostgreSQL) upgrades a database the release
before made: on PostgreSQL the full-text index becomes one GIN index over the review
and the words together (btree_gin), the records it finds are the same, edits keep it in
step; down to 0013 the old index is back, and up again. A role that may not create the
extension keeps the old index. SQLite is unchanged (and backed up first, as every
upgrade is). Migration 0015 replaces the index (test_migration_0015), and init-postgres
no longer creates the extension."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from scrutiny_desk.domain.backup_records import BackupKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import backups
from scrutiny_desk.store.db import alembic_config

from .old_schemas import at_revision
from .test_migrations import _migrate

OLD_0013 = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1, 5)",
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (2, 'Other review', 'evidence', 'Europe/London', false, 1, 5)",
    *(
        "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
        f" created_offset_minutes, access, version) VALUES ({n}, {1 + n % 2}, {n}, 'n{n}',"
        f" 'Waits are long {n}', '2026-01-05 14:{n:02d}:00', 0, 'open', 1)"
        for n in range(1, 9)
    ),
)
"""A database the release before (0013) made: two reviews, four notes each."""

HITS = (
    "SELECT kind, row_id FROM search_index WHERE review_id = 1 "
    "AND document @@ to_tsquery('simple', '''wait'':*') ORDER BY row_id"
)
INDEXES = "SELECT indexname FROM pg_indexes WHERE tablename = 'search_index' ORDER BY 1"
OLD_INDEXES = ["ix_search_index_document", "ix_search_index_review_id", "pk_search_index"]
NEW_INDEXES = ["ix_search_index_review_document", "ix_search_index_review_id", "pk_search_index"]


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    with engine.connect() as con:
        rows = [tuple(r) for r in con.execute(text(query))]
    engine.dispose()
    return rows


def _found(services: Services) -> list[str]:
    return [hit.key for hit in services.search.search(1, "waits").hits if hit.kind == "note"]


def test_0014_indexes_review_and_words_together_finds_the_same_and_goes_down_and_up(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            pg = "://" in target
            at_revision(url, "0013")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0013:
                    con.execute(text(row))
            engine.dispose()
            if pg:
                before = _rows(url, HITS)
                assert [r[1] for r in before] == [2, 4, 6, 8]
                assert [r[0] for r in _rows(url, INDEXES)] == OLD_INDEXES

            services = Services.open(target)  # upgrades to the head
            try:
                assert _found(services) == ["n2", "n4", "n6", "n8"], url
                with services.db.writing() as session:  # the triggers keep it in step
                    session.execute(text("UPDATE notes SET text = 'Nothing here' WHERE id = 2"))
                assert _found(services) == ["n4", "n6", "n8"], url
            finally:
                services.close()
            if pg:  # 0014's own index (0015 replaces it: test_migration_0015)
                _migrate(url, "0014", down=True)
                assert [r[0] for r in _rows(url, INDEXES)] == NEW_INDEXES
                assert _rows(url, HITS) == before[1:]
                options = "SELECT reloptions FROM pg_class WHERE relname = :n"
                assert _rows(url, options.replace(":n", "'ix_search_index_review_document'")) == [
                    (["fastupdate=off"],)
                ]
                assert _rows(
                    url,
                    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                    "ON n.oid = e.extnamespace WHERE e.extname = 'btree_gin'",
                ) == [("scrutiny_extensions",)]
            else:  # the upgrade was taken a checked backup of first
                taken = backups.list_backups(backups.backups_folder(), Path(target))
                assert [b.revision for b in taken if b.kind is BackupKind.PRE_UPGRADE] == ["0013"]

            _migrate(url, "0013", down=True)
            if pg:
                assert [r[0] for r in _rows(url, INDEXES)] == OLD_INDEXES
                assert _rows(url, HITS) == before[1:]
            _migrate(url, "head")
            services = Services.open(target)
            try:
                assert _found(services) == ["n4", "n6", "n8"], url
            finally:
                services.close()
    finally:
        postgres.drop(name)


def test_0014_keeps_the_old_index_for_a_role_that_may_not_create_the_extension(  # type: ignore[no-untyped-def]
    postgres,
) -> None:
    """The owner of the tables without CREATE on the database (and no btree_gin yet):
    the upgrade still reaches 0014, and searches use the old index."""
    from alembic import command

    name = postgres.create_empty()
    url = postgres.url(name)
    engine = create_engine(url)
    try:
        at_revision(url, "0013")
        with engine.begin() as con:
            con.execute(text("DROP EXTENSION IF EXISTS btree_gin"))
            con.execute(text("DROP ROLE IF EXISTS plain_owner_0014"))
            con.execute(text("CREATE ROLE plain_owner_0014 NOLOGIN"))
            con.execute(text(f"REVOKE CREATE ON DATABASE {name} FROM PUBLIC"))
            con.execute(text("ALTER TABLE search_index OWNER TO plain_owner_0014"))
            con.execute(text("GRANT ALL ON alembic_version TO plain_owner_0014"))
        config = alembic_config()
        with engine.begin() as con:
            con.execute(text("SET LOCAL ROLE plain_owner_0014"))
            config.attributes["connection"] = con
            command.upgrade(config, "0014")
        assert [r[0] for r in _rows(url, INDEXES)] == OLD_INDEXES
        assert _rows(url, "SELECT version_num FROM alembic_version") == [("0014",)]
        assert not _rows(url, "SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'")
    finally:
        engine.dispose()
        postgres.drop(name)
        admin = create_engine(postgres.url("postgres"))
        with admin.begin() as con:
            con.execute(text("DROP ROLE IF EXISTS plain_owner_0014"))
        admin.dispose()
