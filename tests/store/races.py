"""Two processes racing to save the same record, for tests/store/test_races.py.

Each round both processes read the record's version, meet at a barrier, then save a
change quoting that version. A round where both saves succeed is a lost update: one
change silently overwrote the other. Run in spawned processes, so each has its own
interpreter, engine and connections, as two copies of the app would.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass
from typing import Any

from scrutiny_desk.domain.errors import ConflictError
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meeting_edits import MeetingChanges


@dataclass(frozen=True)
class RaceResult:
    rounds: int
    lost_updates: int
    conflicts: int
    conflict_messages: tuple[str, ...]


def _current_version(services: Services, kind: str, record_id: int) -> int:
    if kind == "meeting":
        return services.meetings.get(record_id).version
    if kind == "paragraph":
        return services.report_paragraphs.paragraph(record_id).version
    return services.notes.get(record_id).version


def _save(services: Services, kind: str, record_id: int, version: int, text: str) -> None:
    if kind == "meeting":
        services.meeting_edits.edit_meeting(record_id, version, MeetingChanges(title=text))
    elif kind == "paragraph":
        services.report_paragraphs.edit(record_id, version, text=text)
    else:
        services.notes.update(record_id, version, text=text)


def _racer(
    target: str,
    kind: str,
    record_id: int,
    rounds: int,
    name: str,
    barrier: Any,
    results: Any,
) -> None:
    services = Services.open(target)
    services.db.user = name  # as if each racer were its own login
    try:
        for n in range(rounds):
            barrier.wait()  # both read after the previous round has finished
            version = _current_version(services, kind, record_id)
            barrier.wait()
            try:
                _save(services, kind, record_id, version, f"{name} round {n}")
                results.put((n, name, "saved", ""))
            except ConflictError as exc:
                results.put((n, name, "conflict", str(exc)))
            barrier.wait()
    finally:
        services.close()


def race(target: str, kind: str, record_id: int, rounds: int) -> RaceResult:
    """Race two processes for ``rounds`` rounds; count the rounds both saved in."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2, timeout=120)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_racer, args=(target, kind, record_id, rounds, name, barrier, results))
        for name in ("alice", "bob")
    ]
    for p in procs:
        p.start()
    outcomes: dict[int, list[tuple[str, str, str]]] = {}
    deadline = time.monotonic() + 300
    while sum(len(v) for v in outcomes.values()) < 2 * rounds:
        n, name, what, message = results.get(timeout=max(1.0, deadline - time.monotonic()))
        outcomes.setdefault(n, []).append((name, what, message))
    for p in procs:
        p.join(60)
        assert p.exitcode == 0, f"a racer failed with exit code {p.exitcode}"
    lost = sum(1 for v in outcomes.values() if all(what == "saved" for _, what, _ in v))
    messages = tuple(m for v in outcomes.values() for _, what, m in v if what == "conflict")
    return RaceResult(rounds, lost, len(messages), messages)


def capture_for(target: str, review_id: int, seconds: float, name: str) -> int:
    """Capture notes into a review for ``seconds``; how many were saved."""
    services = Services.open(target)
    services.db.user = name  # as if each racer were its own login
    tor = services.reviews.document(review_id).terms_of_reference[0].key
    saved = 0
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            services.notes.capture(review_id, f"{name} note {saved}", [tor])
            saved += 1
    finally:
        services.close()
    return saved
