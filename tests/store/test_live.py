"""Other connections hear of a commit: PostgreSQL's NOTIFY (sent only by a commit, with
the topics and reviews written and who wrote them), SQLite's data_version."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.topics import EVERYTHING, Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import live
from scrutiny_desk.store.db import open_database
from tests.conftest import PostgresServer, sample_bytes


@pytest.fixture
def pg_sample(
    postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, int]]:
    """A PostgreSQL database holding the sample, and the sample review's id."""
    template, review_id = postgres.sample_template(
        sample_bytes(), tmp_path_factory.getbasetemp() / "sample-home"
    )
    name = postgres.create(template)
    yield postgres.url(name), review_id
    postgres.drop(name)


def _heard(listener: live.Listener, wait_s: float = 2.0) -> list[live.Change]:
    """What the listener hears within ``wait_s`` (polled, as the window does)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = listener.poll()
        if found:
            return found
        time.sleep(0.02)
    return []


def test_a_commit_is_announced_with_its_topics_reviews_and_writer(
    pg_sample: tuple[str, int],
) -> None:
    db_target, sample_id = pg_sample
    writer, other = Services.open(db_target), open_database(db_target)
    instance = live.announce_commits(writer.db)
    listener = live.listen(other)
    try:
        assert instance is not None and listener.fileno() is not None
        assert listener.poll() == []
        writer.notes.capture(sample_id, "Heard from the trust.", ["scale"])
        heard = _heard(listener)
        assert len(heard) == 1
        assert Topic.NOTES in heard[0].topics
        assert heard[0].reviews == frozenset({sample_id})
        assert heard[0].instance == instance
        assert listener.poll() == []  # each notice once
    finally:
        listener.close()
        other.close()
        writer.close()


def test_a_rolled_back_write_announces_nothing(pg_sample: tuple[str, int]) -> None:
    db_target, sample_id = pg_sample
    writer, other = Services.open(db_target), open_database(db_target)
    live.announce_commits(writer.db)
    listener = live.listen(other)
    try:
        with pytest.raises(ValidationError):
            writer.notes.capture(sample_id, "", [])  # refused: nothing committed
        with pytest.raises(RuntimeError), writer.db.writing() as session:
            session.execute(text("SELECT pg_notify('scrutiny_desk', 'x')"))
            raise RuntimeError("the write fails after its notice was sent")
        assert _heard(listener, 0.5) == []
        # the next write that commits is heard, alone
        writer.notes.capture(sample_id, "Second note.", ["scale"])
        assert [Topic.NOTES in c.topics for c in _heard(listener)] == [True]
    finally:
        listener.close()
        other.close()
        writer.close()


def test_the_payload_names_the_topics_written(pg_sample: tuple[str, int]) -> None:
    db_target, sample_id = pg_sample
    writer = Services.open(db_target)
    sent: list[str] = []
    announcer = live.Announcer()
    writer.db.before_commit.append(
        lambda session: sent.append(
            live.payload(session.info[live.changes.TOUCHED], session, announcer.instance)
        )
    )
    try:
        writer.recommendations.create(sample_id, "Publish the plan.")
        data = json.loads(sent[0])
        assert data["reviews"] == [sample_id]
        assert "recommendations" in data["topics"]
        assert data["instance"] == announcer.instance
        assert live.parse(sent[0]).topics >= {Topic.RECOMMENDATIONS}
        assert live.parse("not json") == live.EVERYTHING_CHANGED
    finally:
        writer.close()


def test_sqlite_has_nothing_to_announce(sqlite_services: Services) -> None:
    assert live.announce_commits(sqlite_services.db) is None
    assert sqlite_services.db.before_commit == []


def test_data_version_changes_when_another_connection_commits(
    sqlite_target: str, sample_id: int
) -> None:
    writer, watched = Services.open(sqlite_target), open_database(sqlite_target)
    watcher = live.listen(watched)
    try:
        assert watcher.fileno() is None  # a file is watched on a timer
        assert watcher.poll() == []
        writer.notes.capture(sample_id, "Heard from the trust.", ["scale"])
        heard = watcher.poll()
        assert heard == [live.Change(EVERYTHING, None)]
        assert watcher.poll() == []  # said once
        with pytest.raises(ValidationError):
            writer.notes.capture(sample_id, "", [])
        assert watcher.poll() == []  # a write that rolled back changed nothing
    finally:
        watcher.close()
        watched.close()
        writer.close()


def test_the_listener_comes_back_after_the_server_drops_it(pg_sample: tuple[str, int]) -> None:
    db_target, sample_id = pg_sample
    writer, other = Services.open(db_target), open_database(db_target)
    live.announce_commits(writer.db)
    listener = live.listen(other)
    try:
        assert isinstance(listener, live.PgListener)
        pid = listener._connection.info.backend_pid
        with writer.db.engine.connect() as con:
            con.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        time.sleep(0.2)
        assert [listener.poll(), listener.poll()] == [[], []]  # lost, quietly
        assert listener.fileno() is None
        listener._tried -= live.RECONNECT_S
        assert listener.poll() == [live.EVERYTHING_CHANGED]  # back: what was missed
        writer.notes.capture(sample_id, "After the gap.", ["scale"])
        assert [Topic.NOTES in c.topics for c in _heard(listener)] == [True]
    finally:
        listener.close()
        other.close()
        writer.close()


def test_a_closed_watcher_hears_nothing(sqlite_target: str) -> None:
    watched = open_database(sqlite_target)
    watcher = live.listen(watched)
    watcher.close()
    assert watcher.poll() == []
    watched.close()
