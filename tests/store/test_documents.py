"""Reading a whole review back: every row through a few statements, nothing lost."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.container import Services


def test_a_review_is_read_without_lists_of_ids(services: Services) -> None:
    """PostgreSQL refuses a statement with more than 65,535 parameters, and a review may
    hold 100,000 notes: the links of its rows are selected through a subquery of the
    review's own rows, so no statement carries their ids, and the sample still comes
    back byte for byte. Nothing is written while reading."""
    review_id = services.reviews.import_sample()
    read: list[tuple[str, Any]] = []

    def seen(*args: Any) -> None:
        _connection, _cursor, statement, parameters, _context, _many = args
        read.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        exported = services.reviews.export_bytes(review_id)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    assert exported == resource_path("samples/drugs-scrutiny.json").read_bytes()
    statements = [s for s, _ in read if not s.lstrip().upper().startswith(("BEGIN", "SAVEPOINT"))]
    assert all(s.lstrip().upper().startswith("SELECT") for s in statements)
    assert max(len(p) for _, p in read) <= 2  # the review's id, and at most one more
    assert len(statements) <= 42  # one a table, not one a row (39 tables)


def test_the_invitation_registers_are_read_in_two_statements(services: Services) -> None:
    """However many meetings and issues: one statement for the issues, one for their
    recipients, each selecting through the review's meetings (no list of ids), and the
    register comes back in its order with recipients' keys the review no longer has."""
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from scrutiny_desk.domain.invitation_records import (
        CalendarIssue,
        IssuedTo,
        IssueKind,
        PersonKind,
    )
    from scrutiny_desk.services import codec

    sample = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    at = datetime(2007, 1, 8, 9, tzinfo=UTC)
    meetings = tuple(
        replace(
            m,
            issued=tuple(
                CalendarIssue(
                    at + timedelta(hours=n),
                    "clerk",
                    IssueKind.UPDATE if n else IssueKind.INVITATION,
                    m.uid or "",
                    n,
                    tuple(
                        IssuedTo(PersonKind.MEMBER, f"gone-{k}", f"Member {k}", f"{k}@example.org")
                        for k in range(3, 0, -1)
                    ),
                )
                for n in range(3)
            ),
        )
        for m in sample.meetings
    )
    review_id = services.reviews.import_bytes(codec.encode(replace(sample, meetings=meetings)))
    read: list[tuple[str, Any]] = []

    def seen(*args: Any) -> None:
        read.append((args[2], args[3]))

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        document = services.reviews.document(review_id)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    register = [(s, p) for s, p in read if "FROM calendar_" in s]
    assert len(register) == 2 and all(len(p) <= 1 for _, p in register)
    assert [m.issued for m in document.meetings] == [m.issued for m in meetings]
    assert [t.key for t in document.meetings[0].issued[0].recipients] == [
        "gone-3",
        "gone-2",
        "gone-1",
    ]
