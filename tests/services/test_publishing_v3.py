"""What format version 3 adds never reaches the public: a closed piece of evidence's
attached file, and a witness seen only through closed notes (services/publishing.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.records import EvidenceFile, Review, Witness
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec, publishing
from scrutiny_desk.services.container import Services

FILE_MARKER = "ZQXFILE0001"
CONTENT_MARKER = b"ZQXCONTENT0002"
SECRET_NAME = "ZQXWITNESS0003"
TODAY = date(2007, 10, 1)


def _variant() -> Review:
    """The sample with a file on closed evidence and a witness named only on a closed
    note (n9 is closed itself; n10 is on closed evidence)."""
    review = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    closed = next(e for e in review.evidence if e.access is Access.CLOSED)
    file = EvidenceFile(f"{FILE_MARKER}.txt", "text/plain", CONTENT_MARKER)
    return replace(
        review,
        witnesses=(*review.witnesses, Witness("secret", SECRET_NAME, "Resident")),
        evidence=tuple(replace(e, file=file) if e is closed else e for e in review.evidence),
        notes=tuple(
            replace(n, witnesses=(*n.witnesses, "secret")) if n.key in ("n9", "n10") else n
            for n in review.notes
        ),
    )


@pytest.fixture
def variant(services: Services) -> int:
    review = _variant()
    assert next(n for n in review.notes if n.key == "n9").access is Access.CLOSED
    return services.reviews.import_bytes(codec.encode(review))


def _views(services: Services, review_id: int, audience: Audience) -> list[object]:
    review = services.reviews.document(review_id)
    generated = datetime(2007, 10, 1, 12, tzinfo=UTC)
    return [
        *(publishing.meeting_view(review, m.key, audience) for m in review.meetings),
        publishing.programme_view(review, audience),
        publishing.action_plan_view(review, audience, TODAY),
        services.coverage.matrix(review_id, audience),
        publishing.coverage_view(services.coverage.facts(review_id), audience, generated),
    ]


def test_public_views_hold_no_closed_file_and_no_witness_seen_only_in_closed_notes(
    services: Services, variant: int
) -> None:
    stored = services.reviews.document(variant)
    assert any(e.file and e.file.content == CONTENT_MARKER for e in stored.evidence)
    for view in _views(services, variant, Audience.PUBLIC):
        text = repr(view)
        assert FILE_MARKER not in text, type(view).__name__
        assert CONTENT_MARKER.decode() not in text, type(view).__name__
        assert SECRET_NAME not in text, type(view).__name__


def test_the_panel_sees_the_witness_of_closed_notes(services: Services, variant: int) -> None:
    panel = repr(services.coverage.matrix(variant, Audience.PANEL))
    assert SECRET_NAME in panel
