"""Import, export and the sample, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny_desk.domain.enums import MemberRole
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.reviews import SAMPLE


def test_example_imports_and_round_trips(services: Services, example_bytes: bytes) -> None:
    review_id = services.reviews.import_bytes(example_bytes)
    first = services.reviews.export_bytes(review_id)
    services.reviews.delete(review_id)
    again = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(again) == first
    assert json.loads(first)["review"]["title"] == "Drugs Scrutiny"


def test_sample_has_whole_panel_and_terms_of_reference(services: Services) -> None:
    review = services.reviews.document(services.reviews.import_sample())
    assert len(review.panel) == 7
    chairs = [m.name for m in review.panel if m.role is MemberRole.CHAIR]
    assert chairs == ["Richard Sumray"]
    assert len(review.terms_of_reference) == 3
    assert sum(len(t.children) for t in review.terms_of_reference) == 13
    assert len(review.exclusions) == 5
    assert review.contact is not None
    assert (review.contact.phone, review.contact.fax, review.contact.minicom) == (
        "020 7202 0120",
        "020 7202 0100",
        "020 7202 0173",
    )
    assert any(i.is_closed for m in review.meetings for i in m.items)
    assert "illustrative" in (review.summary or "")


def test_sample_file_is_canonical(services: Services) -> None:
    from scrutiny_desk.resources_path import resource_path

    shipped = resource_path("samples/drugs-scrutiny.json").read_bytes()
    assert services.reviews.export_bytes(services.reviews.import_sample()) == shipped


def test_same_meeting_uids_twice_are_refused_naming_the_holder(
    services: Services, example_bytes: bytes
) -> None:
    first = services.reviews.import_bytes(example_bytes)
    with pytest.raises(ValidationError) as caught:
        services.reviews.import_bytes(example_bytes)
    message = str(caught.value)
    assert "3f0b6d1e-0c51-4f7e-9a57-1d6a1c0e2a11" in message
    assert f'review {first} "Drugs Scrutiny"' in message
    assert [r.id for r in services.reviews.list()] == [first]


def test_missing_uids_are_generated_once_and_kept(services: Services, example_bytes: bytes) -> None:
    review_id = services.reviews.import_bytes(example_bytes)
    meetings = services.meetings.list(review_id)
    assert meetings[1].uid and meetings[1].uid != meetings[0].uid
    exported = json.loads(services.reviews.export_bytes(review_id))
    assert exported["review"]["meetings"][1]["uid"] == meetings[1].uid


def test_terms_of_reference_alone_match_the_document(services: Services) -> None:
    review_id = services.reviews.import_sample()
    assert services.reviews.terms_of_reference(review_id) == (
        services.reviews.document(review_id).terms_of_reference
    )


def test_the_overview_reads_the_details_and_counts_the_rest(services: Services) -> None:
    from collections import Counter
    from dataclasses import replace

    from scrutiny_desk.domain.records import ReviewReport

    review_id = services.reviews.import_sample()
    whole = services.reviews.document(review_id)
    head, figures = services.reviews.overview(review_id)
    assert head == replace(  # nor the report (version 8), which the Overview does not show
        whole,
        witnesses=(),
        meetings=(),
        evidence=(),
        notes=(),
        recommendations=(),
        actions=(),
        report=ReviewReport(),
    )
    assert figures.meetings == dict(Counter(m.status for m in whole.meetings))
    assert (figures.witnesses, figures.evidence, figures.notes, figures.recommendations) == (
        len(whole.witnesses),
        len(whole.evidence),
        len(whole.notes),
        len(whole.recommendations),
    )


def test_the_streamed_export_file_is_the_exported_bytes(
    services: Services, example_bytes: bytes, tmp_path: Path
) -> None:
    review_id = services.reviews.import_bytes(example_bytes)
    sample_id = services.reviews.import_sample()
    for each in (review_id, sample_id):
        written = services.reviews.export_file(each, tmp_path / f"{each}.json")
        assert written.read_bytes() == services.reviews.export_bytes(each)
    assert (tmp_path / f"{sample_id}.json").read_bytes() == resource_path(SAMPLE).read_bytes()
