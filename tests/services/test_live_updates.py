"""What a window is told of other connections' commits: on PostgreSQL only the topics
of changes to the review it shows (a change to another review only when it changed the
list of reviews), never its own; on a SQLite file, that everything may have changed."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from scrutiny_desk.domain.topics import EVERYTHING, Topic, Topics
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.live_updates import LiveUpdates
from tests.conftest import EXAMPLE, PostgresServer


def heard(live: LiveUpdates, review_id: int | None, wait_s: float = 1.5) -> Topics | None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = live.poll(review_id)
        if found:
            return found
        time.sleep(0.02)
    return None


@pytest.fixture
def two_reviews(postgres: PostgresServer) -> Iterator[tuple[str, int, int]]:
    name = postgres.create()
    url = postgres.url(name)
    services = Services.open(url)
    try:
        first, second = services.reviews.import_sample(), services.reviews.import_file(EXAMPLE)
    finally:
        services.close()
    yield url, first, second
    postgres.drop(name)


def test_a_window_hears_its_review_and_not_its_own_changes(
    two_reviews: tuple[str, int, int],
) -> None:
    url, first, second = two_reviews
    mine, colleague = Services.open(url), Services.open(url)
    try:
        live = mine.live_updates
        assert live.instance is not None and not live.started
        assert live.poll(first) is None  # not started: nothing
        live.start()
        other_terms = [colleague.reviews.terms_of_reference(second)[0].key]
        colleague.notes.capture(second, "In the other review.", other_terms)
        assert heard(live, first, 0.5) is None  # another review, the list unchanged
        colleague.notes.capture(first, "In the review shown.", ["scale"])
        found = heard(live, first)
        assert found is not None and Topic.NOTES in found
        mine.notes.capture(first, "My own.", ["scale"])
        assert heard(live, first, 0.5) is None  # the Editor told the window already
        live.close()
        colleague.notes.capture(first, "After closing.", ["scale"])
        assert heard(live, first, 0.3) is None
    finally:
        colleague.close()
        mine.close()


def test_a_file_says_everything_changed(sqlite_target: str, sample_id: int) -> None:
    mine, colleague = Services.open(sqlite_target), Services.open(sqlite_target)
    try:
        live = mine.live_updates
        assert live.instance is None and live.fileno() is None
        live.start()
        assert live.poll(sample_id) is None
        colleague.notes.capture(sample_id, "Heard.", ["scale"])
        assert live.poll(sample_id) == EVERYTHING
    finally:
        colleague.close()
        mine.close()
    assert not live.started  # closed with its services
