"""A whole review written at once is noted as the one review its session touched.

Where writes are tracked by review (``review_scope``: on PostgreSQL, for the public
projection and the live announcements), an import notes its new review once; it used
to ask the database which review each linked row belonged to, a statement per row
(16,000 round trips for an office review).
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import event

from scrutiny_desk.domain.records import Review
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import review_insert, review_scope


def _inserted(services: Services, review: Review) -> tuple[int, int]:
    """Insert ``review`` in a session that tracks its reviews: its id, and how many
    statements that took; the session touched that review alone."""
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        with services.db.writing() as session:
            session.info[review_scope.TRACK] = True
            review_id = review_insert.insert_review(session, review)
            assert review_scope.touched_reviews(session) == {review_id}
            assert session.info[review_scope.TRACK] is True  # still tracked after
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    return review_id, len(statements)


def test_an_inserted_review_is_the_one_review_its_session_touched(
    services: Services, example_bytes: bytes
) -> None:
    decoded = codec.decode(example_bytes)
    review = replace(  # as an import makes it: every meeting with its UID
        decoded,
        meetings=tuple(replace(m, uid=str(uuid.uuid4())) for m in decoded.meetings),
    )
    linked = next(n for n in review.notes if n.tor or n.witnesses)
    more = replace(  # 50 more notes, each with its links: rows without a review_id
        review,
        meetings=tuple(replace(m, uid=str(uuid.uuid4())) for m in review.meetings),
        notes=(*review.notes, *(replace(linked, key=f"more{n}") for n in range(50))),
    )
    review_id, statements = _inserted(services, review)
    more_id, more_statements = _inserted(services, more)
    assert more_statements == statements  # a statement per table, not per row
    assert services.reviews.document(review_id) == review
    assert services.reviews.document(more_id) == more
