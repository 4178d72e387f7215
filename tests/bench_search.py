"""Search in one review of the office, against the bare full-text query (issue 13).

``python -m tests.bench_search [--scale N] [--postgres]`` builds the office
(``tests.bench_data``) and prints one line; ``make bench`` calls ``run``. The figure is
``services.search.search`` in process over twenty queries of every shape (one common
word, several words, prefixes, numbers, words that match nothing): each query's median
time, averaged over the twenty (a median across queries of such different sizes would
jump between a small query and a large one from run to run); the floor is the same
for the bare library asking the same index for the same words in the same run:

- SQLite: an FTS5 ``MATCH`` of the words fetching the matching rowids of the whole
  index (the raw full-text query over the database, as issue 13 measured it), through
  ``sqlite3``;
- PostgreSQL: the same ``tsquery`` on the same index restricted to the review (its
  words tagged with the review, as the index of migration 0015 holds them), through
  ``psycopg``.

The search does far more than the floor (it reads each kind's first fifty records,
checks and highlights them, and counts every kind) and must stay within 1.5 times it.
The figure's name is the same at every scale, so ``make bench`` can compare the cost of
one review in a database of ten reviews with one of thirty.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from scrutiny_desk.domain.search_text import query_words
from scrutiny_desk.services.container import Services

from .bench_data import Office, office
from .bench_ratio import Works, interleaved, line

NAME = "search in one review (mean of 20 queries)"
TARGET = 1.5
RUNS = 7

#: Every shape a clerk types: common words (every note, every minute), a few words,
#: prefixes, numbers, a record's exact words, and words that match nothing.
QUERIES = (
    "evidence",
    "heard evidence",
    "note",
    "note 42",
    "note 4",
    "question",
    "the",
    "e",
    "meeting 150",
    "item 3 meeting",
    "witness 12",
    "officer council",
    "written sub",
    "recommendation 7",
    "panel",
    "figures",
    "act",
    "committee room",
    "zebra",
    "nothing here matches",
)


def _sqlite_floor(path: str) -> tuple[Callable[[Sequence[str]], int], Callable[[], None]]:
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(search_index)")}
    # since migration 0008 the index also holds each record's review: the words only
    scope = "words : " if "words" in columns else ""

    def match(words: Sequence[str]) -> int:
        query = scope + "(" + " AND ".join(f'"{w}"*' for w in words) + ")"
        rows = connection.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?", (query,)
        ).fetchall()
        return len(rows)

    return match, connection.close


def _postgres_floor(
    url: str, review_id: int
) -> tuple[Callable[[Sequence[str]], int], Callable[[], None]]:
    import psycopg

    connection = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1))
    connection.autocommit = True
    # The index the app asks (migration 0015): each word tagged with its review, so the
    # tagged words restrict it to the review; a bare tsquery, written out here.
    sql = (
        "SELECT kind, row_id FROM search_index "
        "WHERE search_tagged(review_id, document) @@ CAST(%s AS tsquery)"
    )

    def match(words: Sequence[str]) -> int:
        # Never prepared: after five runs psycopg would prepare the statement, and the
        # server could then settle on one plan for every word, so the floor would
        # measure a different plan at different scales. The app's search is never
        # prepared either.
        query = " & ".join(f"'{int(review_id)}/{w}':*" for w in words)
        return len(connection.execute(sql, (query,), prepare=False).fetchall())

    return match, connection.close


def run(bench_office: Office) -> list[tuple[str, float, float, float]]:
    """(name, figure ms, floor ms, target ratio) for search in the measured review."""
    target = bench_office.target
    review_id = bench_office.measured
    services = Services.open(target)
    postgres = "://" in target
    match, close = _postgres_floor(target, review_id) if postgres else _sqlite_floor(target)
    try:
        figures, floors = [], []
        for query in QUERIES:
            words = query_words(query)

            def work(q: str = query) -> Any:
                return services.search.search(review_id, q)

            def floor(w: tuple[str, ...] = words) -> Any:
                return match(w) if w else 0

            figure, bare = interleaved(RUNS, work, floor)
            figures.append(figure)
            floors.append(bare)
    finally:
        close()
        services.close()
    return [(NAME, statistics.fmean(figures), statistics.fmean(floors), TARGET)]


@contextmanager
def works(bench_office: Office) -> Iterator[Works]:
    """The figure's work for the growth lines: each query's search in the measured
    review (``bench_office``, on the office at each scale in turn)."""
    services = Services.open(bench_office.target)
    review_id = bench_office.measured
    try:
        pieces: list[Callable[[], object]] = [
            partial(services.search.search, review_id, query) for query in QUERIES
        ]
        yield {NAME: (pieces, time.perf_counter)}
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1, help="office x N (default 1)")
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL")
    args = parser.parse_args()
    with office(args.scale, args.postgres) as built:
        results = run(built)
    ok = [line(name, figure, floor, target) for name, figure, floor, target in results]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
