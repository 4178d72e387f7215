"""Databases at an older schema, holding data, for the upgrade tests."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from scrutiny_desk.store.db import alembic_config


def at_revision(url: str, revision: str) -> None:
    """Bring the (empty) database at ``url`` to ``revision``, as that version made it."""
    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def schema_0001_with_data(url: str, items: int = 1) -> None:
    """A schema-0001 database with review 1 "Old review", witness w1, meeting m1 (uid
    "old-uid") and ``items`` agenda items i1, i2 ... each hearing w1."""
    at_revision(url, "0001")
    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO reviews (id, title, status, timezone, has_contact, version)"
                " VALUES (1, 'Old review', 'scoping', 'Europe/London', false, 1)"
            )
        )
        con.execute(
            text(
                "INSERT INTO witnesses (id, review_id, position, key, name, version)"
                " VALUES (1, 1, 0, 'w1', 'Old witness', 1)"
            )
        )
        con.execute(
            text(
                "INSERT INTO meetings (id, review_id, position, key, title, kind,"
                ' start, "end", status, uid, sequence, minutes_status, version)'
                " VALUES (1, 1, 0, 'm1', 'Old meeting', 'evidence',"
                " '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'held', 'old-uid', 0,"
                " 'none', 1)"
            )
        )
        con.execute(
            text(
                "INSERT INTO agenda_items (id, review_id, meeting_id, position, key,"
                " title, kind, access, version)"
                " VALUES (:n, 1, 1, :position, :key, :title, 'evidence', 'open', 1)"
            ),
            [
                {
                    "n": n,
                    "position": n - 1,
                    "key": f"i{n}",
                    "title": "Old item" if n == 1 else f"Old item {n}",
                }
                for n in range(1, items + 1)
            ],
        )
        con.execute(
            text("INSERT INTO item_witnesses (item_id, witness_id, position) VALUES (:n, 1, 0)"),
            [{"n": n} for n in range(1, items + 1)],
        )
    engine.dispose()
