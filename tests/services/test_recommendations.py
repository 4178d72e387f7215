"""Recommendations: listing, the lead/due rule, editing, reordering, links, progress
updates, delete and restore, the follow-up tracker and the action plan, on both
backends, each checked in the database."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny_desk.domain.changes import KEEP
from scrutiny_desk.domain.enums import RecommendationStatus
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.recommendation_records import TrackerKind
from scrutiny_desk.domain.records import ProgressUpdate
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.recommendations import RecommendationService

TODAY = date(2008, 4, 15)
Status = RecommendationStatus


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def recs(services: Services) -> RecommendationService:
    return RecommendationService(services.db)


def keys(recs: RecommendationService, review_id: int) -> list[str]:
    return [r.key for r in recs.list(review_id, TODAY)]


def test_list_numbers_links_and_overdue(
    services: Services, sample: int, recs: RecommendationService
) -> None:
    entries = recs.list(sample, TODAY)
    assert [r.key for r in entries] == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert [r.number for r in entries] == [1, 2, 3, 4, 5, 6]
    r1 = entries[0]
    assert r1.lead == "MPS Management Board" and r1.due == date(2008, 3, 31)
    assert r1.status is Status.AGREED
    assert [t.key for t in r1.tor] == ["strategy", "scale", "gaps", "roles"]
    assert r1.tor[0].label.startswith("1 ")
    # Overdue: agreed or in progress with a due date before today.
    assert [r.key for r in entries if r.overdue] == ["r1", "r4", "r6"]
    assert not recs.list(sample, date(2007, 1, 1))[0].overdue
    assert recs.find(sample, "r3", TODAY) == entries[2]
    with pytest.raises(NotFoundError):
        recs.find(sample, "nope")
    with pytest.raises(NotFoundError):
        recs.list(999_999, TODAY)


def test_create_update_and_the_lead_due_rule(
    services: Services, sample: int, recs: RecommendationService
) -> None:
    before = services.reviews.export_bytes(sample)
    with pytest.raises(ValidationError) as refused:
        recs.create(sample, "Do better", status=Status.AGREED)
    assert [str(p) for p in refused.value.problems] == [
        'lead: a recommendation that is "agreed" needs a lead',
        'due: a recommendation that is "agreed" needs a due date',
    ]
    with pytest.raises(ValidationError, match="text: must not be empty"):
        recs.create(sample, "  ")
    with pytest.raises(ValidationError, match="tor: there is no terms-of-reference item with"):
        recs.create(sample, "Do better", tor=["x"])
    with pytest.raises(ValidationError, match='notes: there is no note with key "x"'):
        recs.create(sample, "Do better", notes=["x"])
    with pytest.raises(ValidationError, match='key: a recommendation with key "r1" exists already'):
        recs.create(sample, "Do better", key="r1")
    with pytest.raises(ValidationError, match="lead: contains a NUL"):
        recs.create(sample, "Do better", lead="\x00")
    assert services.reviews.export_bytes(sample) == before

    added = recs.create(sample, "Publish an annual drugs report", tor=["strategy"], notes=["n1"])
    assert (added.number, added.status, added.key[:2], added.version) == (7, Status.DRAFT, "r-", 1)
    assert [n.key for n in added.notes] == ["n1"] and not added.closed_notes
    stored = services.reviews.document(sample).recommendations[-1]
    assert (stored.text, stored.tor, stored.notes) == (
        "Publish an annual drugs report",
        ("strategy",),
        ("n1",),
    )
    first = recs.create(sample, "First of all", position=0, key="r0")
    assert first.number == 1 and keys(recs, sample)[:2] == ["r0", "r1"]

    # Agreeing needs a lead and a due date: the rule holds on the result.
    with pytest.raises(ValidationError, match='lead: a recommendation that is "in-progress"'):
        recs.update(added.id, added.version, status=Status.IN_PROGRESS)
    agreed = recs.update(
        added.id,
        added.version,
        status=Status.AGREED,
        lead="MPA",
        due=date(2008, 1, 31),
        today=TODAY,
    )
    assert (agreed.status, agreed.lead, agreed.due, agreed.overdue) == (
        Status.AGREED,
        "MPA",
        date(2008, 1, 31),
        True,
    )
    assert agreed.version == added.version + 1
    with pytest.raises(ValidationError, match='due: a recommendation that is "agreed" needs'):
        recs.update(agreed.id, agreed.version, due=None)
    with pytest.raises(ValidationError, match="lead: a recommendation"):
        recs.update(agreed.id, agreed.version, lead="  ")
    with pytest.raises(ConflictError, match="since you opened it"):
        recs.update(added.id, added.version, text="Stale")
    # Rejected needs neither; clearing works then.
    rejected = recs.update(agreed.id, agreed.version, status=Status.REJECTED, lead=None, due=None)
    assert (rejected.lead, rejected.due, rejected.response) == (None, None, None)
    kept = recs.update(rejected.id, rejected.version, response="Not accepted", text=KEEP)
    assert kept.text == "Publish an annual drugs report" and kept.response == "Not accepted"
    assert services.reviews.document(sample).recommendations[-1].response == "Not accepted"


def test_validate_is_the_same_rule(recs: RecommendationService) -> None:
    assert recs.validate("x", None, None, Status.DRAFT) == []
    assert [p.path for p in recs.validate("", " ", None, Status.IMPLEMENTED)] == [
        "text",
        "lead",
        "due",
    ]
    assert recs.validate("x", "Lead", date(2008, 1, 1), Status.IN_PROGRESS) == []
    assert recs.validate("x", None, None, Status.REJECTED) == []


def test_links_move_and_delete_restore(
    services: Services, sample: int, recs: RecommendationService
) -> None:
    before = services.reviews.export_bytes(sample)
    r2 = recs.find(sample, "r2")
    linked = recs.set_notes(r2.id, r2.version, ["n9", "n2"])
    assert [n.key for n in linked.notes] == ["n9", "n2"] and linked.closed_notes == ("n9",)
    assert linked.version == r2.version + 1
    with pytest.raises(ConflictError):
        recs.set_tor(r2.id, r2.version, ["targets"])
    with pytest.raises(ValidationError, match='notes: "n2" is listed twice'):
        recs.set_notes(linked.id, linked.version, ["n2", "n2"])
    retor = recs.set_tor(linked.id, linked.version, ["impact", "targets"])
    assert [t.key for t in retor.tor] == ["impact", "targets"]
    assert services.reviews.document(sample).recommendations[1].tor == ("impact", "targets")
    back = recs.set_tor(retor.id, retor.version, ["targets", "scale"])
    recs.set_notes(back.id, back.version, [n.key for n in r2.notes])
    assert services.reviews.export_bytes(sample) == before

    r1 = recs.find(sample, "r1")
    moved = recs.move(r1.id, r1.version, 3)
    assert moved.number == 4 and keys(recs, sample) == ["r2", "r3", "r4", "r1", "r5", "r6"]
    with pytest.raises(ValidationError, match="position: is outside the list"):
        recs.move(moved.id, moved.version, 6)
    recs.move(moved.id, moved.version, 0)
    assert keys(recs, sample) == ["r1", "r2", "r3", "r4", "r5", "r6"]

    r3 = recs.find(sample, "r3")
    recs.add_progress(r3.id, date(2008, 2, 1), "Pilot started")
    r3 = recs.set_notes(r3.id, r3.version, ["n7", "n6"])
    with_links = services.reviews.export_bytes(sample)
    snapshot = recs.delete(r3.id, r3.version)
    assert snapshot.position == 2 and snapshot.recommendation.notes == ("n7", "n6")
    assert snapshot.recommendation.progress[-1] == ProgressUpdate(date(2008, 2, 1), "Pilot started")
    assert keys(recs, sample) == ["r1", "r2", "r4", "r5", "r6"]
    with pytest.raises(ConflictError, match="deleted by someone else"):
        recs.delete(r3.id, r3.version)
    restored = recs.restore(snapshot)
    assert (restored.key, restored.number) == ("r3", 3)
    assert restored.progress[-1].text == "Pilot started"
    assert [n.key for n in restored.notes] == ["n7", "n6"]
    assert services.reviews.export_bytes(sample) == with_links
    with pytest.raises(ValidationError, match='key: a recommendation with key "r3" exists'):
        recs.restore(snapshot)


def test_progress_updates_stay_in_date_order(
    services: Services, sample: int, recs: RecommendationService
) -> None:
    r6 = recs.find(sample, "r6")
    old = [p.text for p in r6.progress]  # the sample's, dated 2007
    n = len(old)
    before = services.reviews.export_bytes(sample)
    second = recs.add_progress(r6.id, date(2008, 3, 1), "Quarterly figures reported")
    first = recs.add_progress(r6.id, date(2008, 1, 10), "Figures requested")
    assert (first.position, recs.find(sample, "r6").latest.text) == (n, second.text)  # type: ignore[union-attr]
    early = recs.add_progress(r6.id, date(2006, 1, 1), "Before everything")
    assert early.position == 0
    recs.delete_progress(early.id, early.version)
    with pytest.raises(ValidationError, match="text: a progress update must say"):
        recs.add_progress(r6.id, date(2008, 1, 1), " ")
    later = recs.update_progress(first.id, first.version, day=date(2008, 4, 1))
    assert later.position == n + 1 and later.version == first.version + 1
    assert [p.text for p in recs.find(sample, "r6").progress] == [
        *old,
        "Quarterly figures reported",
        "Figures requested",
    ]
    with pytest.raises(ConflictError):
        recs.update_progress(first.id, first.version, text="Stale")
    edited = recs.update_progress(later.id, later.version, text="Figures received")
    assert edited.text == "Figures received" and edited.date == date(2008, 4, 1)
    assert services.reviews.document(sample).recommendations[5].progress[n:] == (
        ProgressUpdate(date(2008, 3, 1), "Quarterly figures reported"),
        ProgressUpdate(date(2008, 4, 1), "Figures received"),
    )
    snapshot = recs.delete_progress(edited.id, edited.version)
    assert (snapshot.recommendation_key, snapshot.position) == ("r6", n + 1)
    assert len(recs.find(sample, "r6").progress) == n + 1
    restored = recs.restore_progress(snapshot)
    assert restored.position == n + 1
    gone = recs.delete_progress(restored.id, restored.version)
    recs.delete_progress(second.id, second.version)
    assert services.reviews.export_bytes(sample) == before
    assert gone.update.text == "Figures received"


def test_tracker_joins_follow_ups_and_actions(
    services: Services, sample: int, recs: RecommendationService
) -> None:
    rows = recs.tracker(sample, TODAY)
    recommendations = [r for r in rows if r.kind is TrackerKind.RECOMMENDATION]
    actions = [r for r in rows if r.kind is TrackerKind.ACTION]
    # The draft (R5) is not followed up yet.
    assert sorted(r.reference for r in recommendations) == ["R1", "R2", "R3", "R4", "R6"]
    assert [a.key for a in actions] == ["a1", "a2", "a3", "a4"]
    a1 = actions[0]
    assert a1.reference == "Action · 22 Jan 2007 meeting"
    assert a1.done and a1.status == "Done" and not a1.overdue
    a3 = next(a for a in actions if a.key == "a3")
    assert a3.closed and a3.overdue and a3.who == "Chair" and a3.meeting_key == "ev4"
    r6 = next(r for r in recommendations if r.key == "r6")
    assert (r6.status, r6.overdue, r6.who) == (
        "In progress",
        True,
        "MPA Planning Performance and Review Committee",
    )
    dues = [r.due for r in rows]
    assert dues == sorted(dues, key=lambda d: (d is None, d or date.min))
    # Progress shows as the latest; implemented is done and never overdue.
    recs.add_progress(recs.find(sample, "r6").id, date(2008, 4, 1), "Reported quarterly")
    r6e = recs.find(sample, "r6")
    recs.update(r6e.id, r6e.version, status=Status.IMPLEMENTED)
    r6 = next(r for r in recs.tracker(sample, TODAY) if r.key == "r6")
    assert (r6.done, r6.overdue, r6.status) == (True, False, "Implemented")
    assert r6.latest == ProgressUpdate(date(2008, 4, 1), "Reported quarterly")


def test_action_plan_audiences(
    services: Services, sample: int, recs: RecommendationService, tmp_path
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    r5 = recs.find(sample, "r5")
    recs.set_notes(r5.id, r5.version, ["n9"])  # a closed note supports a draft
    r1 = recs.find(sample, "r1")
    recs.set_notes(r1.id, r1.version, ["n13"])  # ... and an agreed one

    def text(audience: Audience) -> str:
        data = recs.action_plan_pdf(sample, audience, TODAY)
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(data)).pages)

    public, panel = text(Audience.PUBLIC), text(Audience.PANEL)
    assert "Safer Schools" not in public and "Safer Schools" in panel
    for paper in (public, panel):
        assert "Arrest referral worked" not in paper and "Level 3 intelligence is not" not in paper
        assert "The MPS should adopt a single drugs strategy" in paper
    path = recs.export_action_plan(sample, Audience.PUBLIC, tmp_path / "plan.pdf", TODAY)
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(ValidationError):
        recs.action_plan_pdf(sample, Audience.WITNESS, TODAY)
