"""Benchmarks at office scale: `make bench` (python -m tests.bench [--postgres]).

Speed targets live here, never in timed tests. A busy council's ten years: 3,000
meetings, 30,000 agenda items, 2,000 witnesses; a long review: 100,000 notes.
Each figure is the best of a few runs; a line says OVER where a target is missed.
Then the ratios to floors measured in the same run: issue 13's (``bench_office``: the
office in ten reviews, and three times as many), the GUI's (``bench_gui``) and the
start's (``bench_start``). ``--postgres`` runs the service figures and issue 13's on a
throwaway PostgreSQL server; the GUI and the start are the desktop's, on SQLite.
The exit status is 1 if any figure is over its target.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scrutiny_desk.domain.enums import (
    Access,
    EvidenceKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
)
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.records import (
    AgendaItem,
    Evidence,
    Meeting,
    Member,
    Note,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

from . import bench_data, bench_gui, bench_office, bench_start
from .bench_ratio import median_ms

# name -> target in milliseconds
# Lists load on a worker thread; the GUI thread never waits for them. Targets keep
# them well inside what feels instant when the result arrives.
TARGETS = {
    "list meetings (3,000)": 100.0,
    "agenda of one meeting": 50.0,
    "list witnesses (2,000)": 50.0,
    "list reviews": 50.0,
    # Coverage loads on a worker thread; the report is written on one too.
    "coverage matrix (100k, 140 sources)": 1500.0,
    "coverage matrix, public (100k)": 1500.0,
    "coverage report PDF, panel": 5000.0,
    # Notes (issue 5): capture runs on the GUI thread as the clerk presses Enter.
    "capture a note (median of 50)": 30.0,
    "note ids, ToR filter (100k)": 150.0,
    "note ids, meeting filter": 20.0,
    "note ids, text filter (100k)": 300.0,
    "first page of notes (200)": 50.0,
    # the search box waits for these (on a worker thread, 150 ms after the last key)
    "search: every note (100k hits)": 150.0,
    "search: notes and minutes (130k)": 200.0,
    "search: a few notes": 50.0,
    "search: items of one meeting": 50.0,
    "search: no match": 50.0,
}


def big_review(meetings: int, items_per_meeting: int, witnesses: int, notes: int) -> Review:
    tor = bench_data.terms()
    tor_keys = [c.key for t in tor for c in t.children]
    meeting_rows = bench_data.held_meetings(meetings, items_per_meeting, witnesses, tor)
    created = datetime(2016, 1, 4, 14, 30, tzinfo=UTC)
    return Review(
        title="Benchmark review",
        panel=(Member("chair", "Chair", MemberRole.CHAIR),),
        terms_of_reference=tor,
        witnesses=tuple(
            Witness(f"w{n}", f"Witness {n}", "Officer", "Council") for n in range(witnesses)
        ),
        meetings=meeting_rows,
        notes=tuple(
            Note(
                f"n{n}",
                f"Note {n}: evidence heard about the question.",
                created + timedelta(minutes=n),
                (tor_keys[n % len(tor_keys)],),
                meeting=f"m{n % meetings}",
            )
            for n in range(notes)
        ),
    )


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best * 1000


def report(name: str, ms: float) -> None:
    target = TARGETS.get(name)
    verdict = "" if target is None else ("  ok" if ms <= target else f"  OVER {target:.0f} ms")
    print(f"{name:<34} {ms:10.1f} ms{verdict}")


def bench_notes(services: Services, review_id: int) -> None:
    """Live capture into the 100,000-note review, and a filtered notes view."""
    notes = services.notes
    item = services.meetings.agenda(services.meetings.list(review_id)[1500].id)[0]
    report(
        "capture a note (median of 50)",
        median_ms(50, lambda: notes.capture(review_id, "Heard just now.", ["t1.2"], item=item.key)),
    )
    ids: list[int] = []

    def view(flt: NoteFilter) -> None:
        ids[:] = notes.ids(review_id, flt)

    report("note ids, ToR filter (100k)", best_of(5, lambda: view(NoteFilter(tor="t1"))))
    print(f"{'  (notes under ToR 2 and its items)':<34} {len(ids):10d}")
    report("first page of notes (200)", best_of(5, lambda: notes.entries(ids[:200])))
    report("note ids, meeting filter", best_of(5, lambda: view(NoteFilter(meeting="m1500"))))
    report("note ids, text filter (100k)", best_of(5, lambda: view(NoteFilter(text="note 4242"))))
    report(
        "count, closed notes (100k)",
        best_of(5, lambda: notes.count(review_id, NoteFilter(access=Access.CLOSED))),
    )


SEARCHES = (
    ("search: every note (100k hits)", "note"),
    ("search: notes and minutes (130k)", "evidence heard"),
    ("search: a few notes", "note 4242"),
    ("search: items of one meeting", "item meeting 1500"),
    ("search: no match", "zebra"),
)


def bench_search(services: Services, review_id: int) -> None:
    """Full-text search in the 100,000-note review: what the search box waits for."""
    search = services.search
    for name, query in SEARCHES:
        report(name, best_of(3, lambda q=query: search.search(review_id, q)))
        found = search.search(review_id, query)
        print(f"{'  (matches, shown)':<34} {found.total:10,d} {len(found.hits):6d}")


def import_without_search_index(services: Services, data: bytes) -> float:
    """The import with the search index's triggers taken away, in ms; they are put back
    afterwards and the review deleted. (It once downgraded to schema 0003, which since
    0009 drops columns the import writes.)"""
    engine = services.db.engine
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as connection:
        if sqlite:
            saved = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'search!_%' ESCAPE '!'"
            ).all()
            for name, _sql in saved:
                connection.exec_driver_sql(f"DROP TRIGGER {name}")
        else:
            saved = connection.exec_driver_sql(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE left(t.tgname, 13) = 'search_index_' "
                "AND NOT t.tgisinternal"
            ).all()
            for name, table in saved:
                connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    assert saved, "no search index triggers found"
    began = time.perf_counter()
    review_id = services.reviews.import_bytes(data)
    elapsed = (time.perf_counter() - began) * 1000
    with engine.begin() as connection:
        for name, detail in saved:
            connection.exec_driver_sql(
                detail if sqlite else f"ALTER TABLE {detail} ENABLE TRIGGER {name}"
            )
    services.reviews.delete(review_id)
    return elapsed


def coverage_review(notes: int) -> Review:
    """A review of the usual shape for coverage: 100,000 notes from 40 meetings, 80
    witnesses and 20 pieces of evidence (140 columns), a quarter of them closed."""
    tor = tuple(
        TorItem(
            f"t{n}",
            f"Objective {n}",
            tuple(TorItem(f"t{n}.{c}", f"Question {n}.{c}") for c in range(4)),
        )
        for n in range(3)
    )
    leaves = [c.key for t in tor for c in t.children]
    start = datetime(2016, 1, 4, 14, 0)
    meetings = tuple(
        Meeting(
            key=f"m{m}",
            title=f"Evidence session {m}",
            kind=MeetingKind.EVIDENCE,
            start=start + timedelta(days=7 * m),
            end=start + timedelta(days=7 * m, hours=2),
            status=MeetingStatus.HELD,
            items=(
                AgendaItem(f"m{m}i0", "Evidence", ItemKind.EVIDENCE, witnesses=(f"w{m}",)),
                AgendaItem(
                    f"m{m}i1",
                    "Private evidence",
                    ItemKind.EVIDENCE,
                    access=Access.CLOSED,
                    closed_reason="Private",
                    witnesses=(f"w{m + 40}",),
                ),
            ),
        )
        for m in range(40)
    )
    created = datetime(2016, 1, 4, 14, 30, tzinfo=UTC)
    return Review(
        title="Coverage benchmark",
        panel=(Member("chair", "Chair", MemberRole.CHAIR),),
        terms_of_reference=tor,
        witnesses=tuple(Witness(f"w{n}", f"Witness {n}", "Officer", "Council") for n in range(80)),
        meetings=meetings,
        evidence=tuple(
            Evidence(
                f"e{n}",
                f"Paper {n}",
                EvidenceKind.WRITTEN,
                access=Access.CLOSED if n % 5 == 0 else Access.OPEN,
            )
            for n in range(20)
        ),
        notes=tuple(
            Note(
                f"n{n}",
                f"Note {n}",
                created + timedelta(minutes=n),
                tuple(dict.fromkeys((leaves[n % 12], leaves[(7 * n + 1) % 12]))),
                meeting=f"m{n % 40}",
                item=f"m{n % 40}i{n % 4 // 3}",
                witnesses=(f"w{n % 40 + 40 * (n % 4 // 3)}",),
                evidence=f"e{n % 20}" if n % 4 == 0 else None,
            )
            for n in range(notes)
        ),
    )


def bench_coverage(services: Services, review_id: int, folder: Path) -> None:
    """The coverage matrix a page loads (on a worker thread) and the report PDF."""
    coverage = services.coverage
    report(
        "coverage matrix (100k, 5,000 sources)",
        best_of(3, lambda: coverage.matrix(review_id, Audience.PANEL)),
    )
    shaped = services.reviews.import_bytes(codec.encode(coverage_review(100_000)))
    report(
        "coverage matrix (100k, 140 sources)",
        best_of(3, lambda: coverage.matrix(shaped, Audience.PANEL)),
    )
    report(
        "coverage matrix, public (100k)",
        best_of(3, lambda: coverage.matrix(shaped, Audience.PUBLIC)),
    )
    for audience in (Audience.PANEL, Audience.PUBLIC):
        report(
            f"coverage report PDF, {audience.value}",
            best_of(1, lambda a=audience: coverage.export_pdf(shaped, a, folder / "coverage.pdf")),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRUTINY_DESK_HOME"] = tmp
        if args.postgres:
            with bench_data.postgres_database(Path(tmp)) as url:
                services_figures(url, Path(tmp))
            return 0 if bench_office.run(postgres=True) else 1
        target = args.db or str(Path(tmp) / "bench.sqlite3")
        review_id = services_figures(target, Path(tmp))
        # The GUI over the same 3,000 meetings: a real window, the threaded runner.
        gui_ok = bench_gui.run_apart(target, review_id)
        # Starting: the app and the command line in fresh processes, against floors.
        start_ok = bench_start.run(target)
    office_ok = bench_office.run(postgres=False)
    return 0 if gui_ok and start_ok and office_ok else 1


def services_figures(target: str, tmp: Path) -> int:
    """The absolute figures above on one long review in ``target``; its id."""
    services = Services.open(target)
    data = codec.encode(big_review(3000, 10, 2000, 100_000))
    print(f"review file: {len(data) / 2**20:.1f} MB")
    report("import without search index", import_without_search_index(services, data))
    began = time.perf_counter()
    review_id = services.reviews.import_bytes(data)
    report("import (3,000 meetings, 100k notes)", (time.perf_counter() - began) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<34} {peak:10.1f} MB")
    report("export (same review)", best_of(1, lambda: services.reviews.export_bytes(review_id)))
    meetings = services.meetings.list(review_id)
    report("list meetings (3,000)", best_of(5, lambda: services.meetings.list(review_id)))
    middle = meetings[len(meetings) // 2].id
    report("agenda of one meeting", best_of(5, lambda: services.meetings.agenda(middle)))
    report("list witnesses (2,000)", best_of(5, lambda: services.witnesses.list(review_id)))
    report("list reviews", best_of(5, services.reviews.list))
    bench_notes(services, review_id)
    bench_search(services, review_id)
    bench_coverage(services, review_id, tmp)
    services.close()
    return review_id


if __name__ == "__main__":
    sys.exit(main())
