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
    assert len(statements) <= 30  # one a table, not one a row
