"""Every migration upgrades a database that already holds data, on both backends."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from scrutiny_desk.services.container import Services
from scrutiny_desk.store.db import alembic_config, head_revision


def _at_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_upgrade_from_0001_keeps_data_and_fills_defaults(tmp_path, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            _at_revision(url, "0001")
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
            engine.dispose()

            services = Services.open(target)
            try:
                with services.db.reading() as session:
                    revision = session.execute(text("SELECT version_num FROM alembic_version"))
                    assert revision.scalar() == head_revision()
                review = services.reviews.document(1)
                assert review.title == "Old review" and review.clear_days == 5
                assert review.witnesses[0].invitation.value == "to-invite"
                assert review.witnesses[0].private is False
                assert review.meetings[0].minutes_locked is False
                assert review.meetings[0].uid == "old-uid"
            finally:
                services.close()
    finally:
        postgres.drop(name)
