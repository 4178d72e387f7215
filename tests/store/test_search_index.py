"""Migrations 0004 and 0008: the full-text index is made, filled from existing rows,
scoped by review and extended to meeting actions, kept out of the ORM metadata, and
taken back by a downgrade, on both backends."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from scrutiny_desk.domain.backup_records import BackupKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import backups
from scrutiny_desk.store.db import alembic_config
from scrutiny_desk.store.orm import Base
from scrutiny_desk.store.search_index import CODES, is_index_table

ROWS = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version)"
    " VALUES (1, 'Old review', 'scoping', 'Europe/London', false, 1)",
    "INSERT INTO witnesses (id, review_id, position, key, name, role, organisation, version)"
    " VALUES (1, 1, 0, 'w1', 'Gwen Llŷr', 'Inspector', 'Dyfed-Powys Police', 1)",
    'INSERT INTO meetings (id, review_id, position, key, title, kind, start, "end", status,'
    " uid, sequence, minutes_status, version) VALUES (1, 1, 0, 'm1', 'Old meeting', 'evidence',"
    " '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'held', 'old-uid', 0, 'none', 1)",
    "INSERT INTO agenda_items (id, review_id, meeting_id, position, key, title, kind, access,"
    " minute, version) VALUES (1, 1, 1, 0, 'i1', 'Rural policing', 'evidence', 'open',"
    " 'The inspector described rural patrols', 1)",
    "INSERT INTO notes (id, review_id, position, key, text, created_utc, created_offset_minutes,"
    " meeting_id, item_id, access, version) VALUES (1, 1, 0, 'n1', 'Patrols cover 40 villages',"
    " '2026-01-05 14:10:00', 0, 1, 1, 'open', 1)",
    "INSERT INTO evidence (id, review_id, position, key, title, kind, access, summary, version)"
    " VALUES (1, 1, 0, 'e1', 'Village survey', 'research', 'closed', 'Patrols seen weekly', 1)",
    "INSERT INTO recommendations (id, review_id, position, key, text, status, response, version)"
    " VALUES (1, 1, 0, 'r1', 'Publish patrol times', 'draft', NULL, 1)",
)


def _migrate(url: str, revision: str, *, down: bool = False) -> None:
    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_upgrade_from_0003_fills_the_index_and_downgrade_removes_it(tmp_path, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            _migrate(url, "0003")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in ROWS:
                    con.execute(text(row))
            engine.dispose()

            services = Services.open(target)  # upgrades to the head
            try:
                hits = services.search.search(1, "patrol")
                assert {(h.kind, h.key) for h in hits.hits} == {
                    ("note", "n1"), ("minute", "i1"), ("evidence", "e1"), ("recommendation", "r1"),
                }  # fmt: skip
                assert next(h for h in hits.hits if h.kind == "evidence").closed
                assert [h.key for h in services.search.search(1, "llŷr police").hits] == ["w1"]
                assert [h.kind for h in services.search.search(1, "rural pol").hits] == ["item"]
                # The index is the only schema object the ORM metadata does not describe.
                with services.db.reading() as session:
                    names = set(inspect(session.connection()).get_table_names())
                extra = names - set(Base.metadata.tables) - {"alembic_version"}
                assert extra and all(is_index_table(n) for n in extra), extra
            finally:
                services.close()

            _migrate(url, "0003", down=True)
            engine = create_engine(url)
            with engine.connect() as con:
                names = set(inspect(con).get_table_names())
            engine.dispose()
            assert not any(is_index_table(n) for n in names)
            _migrate(url, "head")  # and up again, filled again
            services = Services.open(target)
            try:
                assert len(services.search.search(1, "patrol").hits) == 4
            finally:
                services.close()
    finally:
        postgres.drop(name)


ACTIONS = (
    "INSERT INTO actions (id, review_id, position, key, text, owner, due, status, meeting_id,"
    " access, version) VALUES (1, 1, 0, 'a1', 'Map the rural patrols', 'Clerk', NULL, 'open',"
    " 1, 'open', 1), (2, 1, 1, 'a2', 'Brief on patrol informants', 'Chair', '2026-02-01',"
    " 'done', NULL, 'closed', 1)",
)


def _index_rows(url: str) -> set[tuple[str, int]]:
    """(kind, row id) of every entry of the index as migration 0004 made it."""
    engine = create_engine(url)
    with engine.connect() as con:
        rows = {(k, int(r)) for k, r in con.execute(text("SELECT kind, row_id FROM search_index"))}
    engine.dispose()
    return rows


def test_upgrade_from_0007_scopes_the_index_by_review_and_adds_actions(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            _migrate(url, "0007")  # the schema of the release before
            engine = create_engine(url)
            with engine.begin() as con:
                for row in (*ROWS, *ACTIONS):
                    con.execute(text(row))
            engine.dispose()
            before = _index_rows(url)
            assert {k for k, _ in before} == {
                "note", "minute", "item", "evidence", "witness", "recommendation",
            }  # fmt: skip

            services = Services.open(target)  # upgrades to the head
            try:
                hits = services.search.search(1, "patrol")
                assert {(h.kind, h.key) for h in hits.hits} == {
                    ("note", "n1"), ("minute", "i1"), ("evidence", "e1"), ("recommendation", "r1"),
                    ("action", "a1"), ("action", "a2"),
                }  # fmt: skip
                closed = {h.key for h in hits.hits if h.kind == "action" and h.closed}
                assert closed == {"a2"}
                assert [h.key for h in services.search.search(1, "clerk rural").hits] == ["a1"]
                assert [h.key for h in services.search.search(1, "llŷr police").hits] == ["w1"]
            finally:
                services.close()
            if "://" not in target:  # the upgrade was taken a checked backup of first
                taken = backups.list_backups(backups.backups_folder(), Path(target))
                assert [b.revision for b in taken if b.kind is BackupKind.PRE_UPGRADE] == ["0007"]

            _migrate(url, "0007", down=True)  # the index of 0004 again, filled again
            assert _index_rows(url) == before
            _migrate(url, "head")
            services = Services.open(target)
            try:
                assert len(services.search.search(1, "patrol").hits) == 6
            finally:
                services.close()
    finally:
        postgres.drop(name)


def test_a_schema_comparison_can_leave_the_index_out(db_target: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from scrutiny_desk.store.search_index import include_object

    url = db_target if "://" in db_target else f"sqlite:///{db_target}"
    engine = create_engine(url)
    try:
        with engine.connect() as con:
            plain = compare_metadata(MigrationContext.configure(con), Base.metadata)
            context = MigrationContext.configure(con, opts={"include_object": include_object})
            filtered = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert any("search_index" in repr(d) for d in plain)  # the index is there...
    assert not any("search_index" in repr(d) for d in filtered)  # ...and can be ignored


def test_cascaded_deletes_fire_the_triggers(db_target: str) -> None:
    """ON DELETE CASCADE (a meeting's items; a whole review) takes index entries too."""
    services = Services.open(db_target)
    try:
        review_id = services.reviews.import_sample()
        meeting = services.meetings.list(review_id)[1]
        items = {i.key for i in services.meetings.agenda(meeting.id)}

        def indexed() -> set[tuple[str, int]]:
            with services.db.reading() as session:
                if services.db.dialect == "sqlite":  # the rowid is row_id * 8 + code
                    kinds = {code: kind for kind, code in CODES.items()}
                    rows = session.execute(text("SELECT rowid FROM search_index"))
                    return {(kinds[r % 8], r // 8) for (r,) in rows}
                rows = session.execute(text("SELECT kind, row_id FROM search_index"))
                return {(k, int(r)) for k, r in rows}

        before = indexed()
        with services.db.engine.begin() as con:
            item_ids = {
                r[0]
                for r in con.execute(
                    text("SELECT id FROM agenda_items WHERE meeting_id = :m"), {"m": meeting.id}
                )
            }
            con.execute(text("DELETE FROM meetings WHERE id = :m"), {"m": meeting.id})
        after = indexed()
        gone = before - after
        assert items and {r for _k, r in gone} == item_ids
        assert {k for k, _r in gone} == {"item", "minute"}
        with services.db.engine.begin() as con:
            con.execute(text("DELETE FROM reviews WHERE id = :r"), {"r": review_id})
        assert indexed() == set()
    finally:
        services.close()
