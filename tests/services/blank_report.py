"""The shipped sample imported with no report and no responses, for the tests of
versions, consideration and responses (issue 17), which write their own paragraphs and
settings and must not depend on the report the sample ships with."""

from __future__ import annotations

from dataclasses import replace

from scrutiny_desk.domain.records import ReviewReport
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

from .report_sample import sample


def import_without_report(services: Services) -> int:
    review = sample()
    bare = tuple(
        replace(r, response_due=None, responded_on=None, response_outcome=None)
        for r in review.recommendations
    )
    return services.reviews.import_bytes(
        codec.encode(replace(review, report=ReviewReport(), recommendations=bare))
    )
