"""The body's responses to the report's recommendations (issue 17): when each is due
(its own date, or the report's date plus the review's months, clamped to the month's
end), recorded with outcome and date (a rejection sets the status, an acceptance makes
a draft agreed once it has a lead and due date), undone as one step, cleared leaving the
status; the tracker flags awaited and overdue responses and the action plan prints
them; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.changes import KEEP
from scrutiny_desk.domain.enums import RecommendationStatus, ResponseOutcome
from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.report_version_records import add_months, response_due
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

from .blank_report import import_without_report

Status = RecommendationStatus
Outcome = ResponseOutcome
SENT = date(2007, 5, 31)
TODAY = date(2007, 9, 1)


@pytest.fixture
def review(services: Services) -> int:
    """The sample, its report sent to Full Authority on 31 May 2007."""
    review_id = import_without_report(services)
    services.report_paragraphs.set_settings(
        review_id, None, submitted_on=SENT, submitted_to="Full Authority", response_months=2
    )
    return review_id


def _by_key(services: Services, review: int, today: date = TODAY) -> dict[str, object]:
    return {e.key: e for e in services.report_responses.responses(review, today)}


def test_months_are_calendar_months_clamped_to_the_month_end() -> None:
    assert add_months(date(2007, 5, 31), 2) == date(2007, 7, 31)
    assert add_months(date(2007, 12, 31), 2) == date(2008, 2, 29)
    assert add_months(date(2007, 1, 31), 1) == date(2007, 2, 28)
    assert add_months(date(2007, 11, 15), 14) == date(2009, 1, 15)
    assert response_due(date(2007, 6, 1), SENT, 2) == date(2007, 6, 1)
    assert response_due(None, None, 2) is None


def test_responses_are_due_and_fall_overdue(services: Services, review: int) -> None:
    entries = services.report_responses.responses(review, TODAY)
    assert [e.number for e in entries] == [1, 2, 3, 4, 5, 6]
    assert {e.response_due for e in entries} == {date(2007, 7, 31)}
    assert not any(e.due_is_own for e in entries)
    assert all(e.overdue and e.awaiting for e in entries)
    assert not any(
        e.overdue for e in services.report_responses.responses(review, date(2007, 7, 31))
    )
    tracker = {t.key: t for t in services.recommendations.tracker(review, TODAY) if t.number}
    assert tracker["r1"].response_overdue and not tracker["r1"].response_awaited
    early = {t.key: t for t in services.recommendations.tracker(review, date(2007, 6, 15))}
    assert early["r1"].response_awaited and not early["r1"].response_overdue


def test_a_rejection_sets_the_status_and_undo_puts_everything_back(
    services: Services, review: int
) -> None:
    responses = services.report_responses
    r1 = services.recommendations.find(review, "r1")
    entry, snapshot = responses.record_response(
        r1.id,
        r1.version,
        outcome=Outcome.REJECTED,
        responded_on=date(2007, 7, 20),
        response_text="  The MPS does not accept this.  ",
        response_due=date(2007, 8, 31),
        today=TODAY,
    )
    assert (entry.outcome, entry.status, entry.responded_on) == (
        Outcome.REJECTED,
        Status.REJECTED,
        date(2007, 7, 20),
    )
    assert (entry.response, entry.response_due, entry.due_is_own) == (
        "The MPS does not accept this.",
        date(2007, 8, 31),
        True,
    )
    assert not entry.overdue and not entry.awaiting
    assert services.recommendations.find(review, "r1").status is Status.REJECTED
    with pytest.raises(ConflictError):  # the version the clerk read is stale now
        responses.record_response(r1.id, r1.version, outcome=None, responded_on=None)
    # the body thinks again: an acceptance makes the rejected recommendation agreed
    again, undo_again = responses.record_response(
        r1.id, entry.version, outcome=Outcome.ACCEPTED, responded_on=date(2007, 8, 1)
    )
    assert (again.status, again.outcome) == (Status.AGREED, Outcome.ACCEPTED)
    responses.restore_response(undo_again, TODAY)
    assert services.recommendations.find(review, "r1").status is Status.REJECTED
    back = responses.restore_response(snapshot, TODAY)
    assert (back.status, back.outcome, back.responded_on, back.response) == (
        Status.AGREED,
        None,
        None,
        r1.response,
    )
    assert back.response_due == date(2007, 7, 31) and not back.due_is_own


def test_acceptance_agrees_a_draft_only_with_lead_and_due(services: Services, review: int) -> None:
    responses = services.report_responses
    r5 = services.recommendations.find(review, "r5")
    assert r5.status is Status.DRAFT and r5.lead is None
    with pytest.raises(ValidationError) as exc:
        responses.record_response(
            r5.id, r5.version, outcome=Outcome.ACCEPTED, responded_on=date(2007, 7, 1)
        )
    assert {p.path for p in exc.value.problems} == {"lead", "due"}
    r5 = services.recommendations.update(r5.id, r5.version, lead="MPA", due=date(2008, 3, 31))
    entry, _ = responses.record_response(
        r5.id, r5.version, outcome=Outcome.PARTLY_ACCEPTED, responded_on=date(2007, 7, 1)
    )
    assert (entry.status, entry.outcome) == (Status.AGREED, Outcome.PARTLY_ACCEPTED)
    for kwargs, field in (
        ({"outcome": Outcome.ACCEPTED, "responded_on": None}, "responded_on"),
        ({"outcome": None, "responded_on": date(2007, 7, 1)}, "responded_on"),
        (
            {
                "outcome": Outcome.ACCEPTED,
                "responded_on": date(2007, 7, 1),
                "response_text": "\x00",
            },
            "response",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            responses.record_response(entry.recommendation_id, entry.version, **kwargs)  # type: ignore[arg-type]
        assert {p.path for p in exc.value.problems} == {field}
    # clearing a response leaves the status: it is the clerk's once the plan moves on
    cleared, _ = responses.record_response(
        entry.recommendation_id, entry.version, outcome=None, responded_on=None, response_due=KEEP
    )
    assert (cleared.status, cleared.outcome, cleared.responded_on) == (Status.AGREED, None, None)


def test_the_action_plan_prints_responses(services: Services, review: int) -> None:
    r2 = services.recommendations.find(review, "r2")
    services.report_responses.record_response(
        r2.id, r2.version, outcome=Outcome.ACCEPTED, responded_on=date(2007, 7, 20)
    )
    pdf = services.recommendations.action_plan_pdf(review, Audience.PUBLIC, TODAY)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    assert "Response of 20 July 2007: Accepted" in text
    assert text.count("Response due by 31 July 2007") == 4  # r1, r3, r4, r6 (r5 is a draft)


def test_a_rejected_recommendation_keeps_its_status_until_a_new_response(
    services: Services, review: int
) -> None:
    """Otherwise the file would say "rejected" beside an agreed recommendation, which
    import refuses."""
    r1 = services.recommendations.find(review, "r1")
    entry, _ = services.report_responses.record_response(
        r1.id, r1.version, outcome=Outcome.REJECTED, responded_on=date(2007, 7, 20)
    )
    with pytest.raises(ValidationError) as refused:
        services.recommendations.update(r1.id, entry.version, status=Status.AGREED)
    assert [p.path for p in refused.value.problems] == ["status"]
    assert "record its new response" in refused.value.problems[0].message
    kept = services.recommendations.find(review, "r1")
    assert (kept.status, kept.version) == (Status.REJECTED, entry.version)
    edited = services.recommendations.update(r1.id, entry.version, text="Reworded")
    assert edited.status is Status.REJECTED
    read_back = codec.decode(services.reviews.export_bytes(review))  # checks every rule
    assert read_back.recommendations[0].response_outcome is Outcome.REJECTED
