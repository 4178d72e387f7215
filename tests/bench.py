"""Benchmarks at office scale: `make bench` (python -m tests.bench [--postgres]).

Speed targets live here, never in timed tests. A busy council's ten years: 3,000
meetings, 30,000 agenda items, 2,000 witnesses; a long review: 100,000 notes.
Each figure is the best of a few runs; a line says OVER where a target is missed.
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

from scrutiny_desk.domain.enums import Access, ItemKind, MeetingKind, MeetingStatus, MemberRole
from scrutiny_desk.domain.records import (
    AgendaItem,
    Meeting,
    Member,
    Note,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

# name -> target in milliseconds
# Lists load on a worker thread; the GUI thread never waits for them. Targets keep
# them well inside what feels instant when the result arrives.
TARGETS = {
    "list meetings (3,000)": 100.0,
    "agenda of one meeting": 50.0,
    "list witnesses (2,000)": 50.0,
    "list reviews": 50.0,
}


def big_review(meetings: int, items_per_meeting: int, witnesses: int, notes: int) -> Review:
    tor = tuple(
        TorItem(
            f"t{n}",
            f"Objective {n}",
            tuple(TorItem(f"t{n}.{c}", f"Question {n}.{c}") for c in range(4)),
        )
        for n in range(3)
    )
    tor_keys = [c.key for t in tor for c in t.children]
    start = datetime(2016, 1, 4, 14, 0)
    meeting_rows = []
    for m in range(meetings):
        begin = start + timedelta(days=m)
        items = tuple(
            AgendaItem(
                key=f"m{m}i{i}",
                title=f"Item {i} of meeting {m}",
                kind=ItemKind.EVIDENCE,
                access=Access.CLOSED if i == items_per_meeting - 1 else Access.OPEN,
                closed_reason="Private evidence" if i == items_per_meeting - 1 else None,
                witnesses=(f"w{(m + i) % witnesses}",),
                tor=(tor_keys[i % len(tor_keys)],),
                minute="The panel heard evidence. " * 5,
            )
            for i in range(items_per_meeting)
        )
        meeting_rows.append(
            Meeting(
                key=f"m{m}",
                title=f"Meeting {m}",
                kind=MeetingKind.EVIDENCE,
                start=begin,
                end=begin + timedelta(hours=2),
                venue="Committee Room 1",
                status=MeetingStatus.HELD,
                items=items,
            )
        )
    created = datetime(2016, 1, 4, 14, 30, tzinfo=UTC)
    return Review(
        title="Benchmark review",
        panel=(Member("chair", "Chair", MemberRole.CHAIR),),
        terms_of_reference=tor,
        witnesses=tuple(
            Witness(f"w{n}", f"Witness {n}", "Officer", "Council") for n in range(witnesses)
        ),
        meetings=tuple(meeting_rows),
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRUTINY_DESK_HOME"] = tmp
        target = args.db or str(Path(tmp) / "bench.sqlite3")
        services = Services.open(target)
        data = codec.encode(big_review(3000, 10, 2000, 100_000))
        print(f"review file: {len(data) / 2**20:.1f} MB")
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
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
