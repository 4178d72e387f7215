"""Format version 9 through the database: a review's retention date and privacy notice
come back as they went in, byte for byte, on SQLite and PostgreSQL; a version 8 file
reads with neither (null); a version 9 file with a bad retention date is refused
naming its path."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

from .old_versions import as_version_8, without_version_9

SAMPLE = resource_path("samples/drugs-scrutiny.json")
NOTICE = "Your data is held by the council for this review.\nAsk us for a copy: «ok»."


def test_both_fields_round_trip_byte_identically(services: Services) -> None:
    review = replace(
        codec.decode(SAMPLE.read_bytes()), retention_until=date(2033, 2, 28), privacy_notice=NOTICE
    )
    data = codec.encode(review)
    written = json.loads(data)["review"]
    assert (written["retention_until"], written["privacy_notice"]) == ("2033-02-28", NOTICE)
    review_id = services.reviews.import_bytes(data)
    details = services.review_edits.details(review_id)
    assert (details.retention_until, details.privacy_notice) == (date(2033, 2, 28), NOTICE)
    exported = services.reviews.export_bytes(review_id)
    assert exported == data


def test_a_version_8_file_reads_with_no_date_and_the_standard_notice(
    services: Services,
) -> None:
    document = as_version_8(json.loads(SAMPLE.read_bytes()))
    assert document["version"] == 8 and "retention_until" not in document["review"]
    data = json.dumps(document).encode("utf-8")
    old = codec.decode(data)
    assert (old.retention_until, old.privacy_notice) == (None, None)
    assert old == without_version_9(codec.decode(SAMPLE.read_bytes()))
    review_id = services.reviews.import_bytes(data)
    exported = json.loads(services.reviews.export_bytes(review_id))
    assert exported["version"] == codec.CURRENT_VERSION == 9
    assert (exported["review"]["retention_until"], exported["review"]["privacy_notice"]) == (
        None,
        None,
    )


def test_a_version_8_file_may_not_carry_the_new_fields() -> None:
    document = as_version_8(json.loads(SAMPLE.read_bytes()))
    document["review"]["retention_until"] = "2030-01-01"
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    assert "retention_until" in str(caught.value)


@pytest.mark.parametrize("value", ["31/03/2031", "2031-02-30", 2031])
def test_a_retention_date_that_is_not_a_date_is_refused_by_its_path(value: object) -> None:
    document = json.loads(SAMPLE.read_bytes())
    document["review"]["retention_until"] = value
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    assert "review.retention_until" in str(caught.value)
