"""Versions of the review's report (issue 17): numbered as made, frozen (editing the
working draft never changes a made version, for either audience), withdrawn only while
newest and unreferred, compared with each other and with the working draft, and the
panel's comments on paragraphs, with undo; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from scrutiny_desk.domain.enums import Access, ConsiderationOutcome, ReportPurpose
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.report_diff import ChangeKind
from scrutiny_desk.domain.report_version_records import next_number
from scrutiny_desk.domain.view_codec import report_text
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services

from .blank_report import import_without_report

BST = timezone(timedelta(hours=1))
MADE = datetime(2007, 5, 10, 9, 30, tzinfo=BST)
CANARY = "CANARY-closed-paragraph-words"


@pytest.fixture
def review(services: Services) -> int:
    """The sample with a few paragraphs: one in the background, two findings under
    "scale" (the second closed) and one under "gaps"."""
    review_id = import_without_report(services)
    add = services.report_paragraphs.add
    add(review_id, "background", "Reducing drug crime has been a key issue.", key="bg")
    add(review_id, "tor:scale", "The scale of the problem is poorly measured.", key="f1")
    add(review_id, "tor:scale", f"Heard in private: {CANARY}.", access=Access.CLOSED, key="f2")
    add(review_id, "tor:gaps", "Gaps remain between treatment and enforcement.", key="f3")
    return review_id


def _problem(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {p.path for p in exc.value.problems}


def test_next_number_rule() -> None:
    assert next_number([], ReportPurpose.COMMENT) == "0.1"
    assert next_number(["0.1", "0.2"], ReportPurpose.MEETING) == "0.3"
    assert next_number(["0.1"], ReportPurpose.FINAL) == "final"
    assert next_number(["0.1", "final"], ReportPurpose.COMMENT) is None


def test_versions_are_numbered_as_made_and_nothing_follows_the_final(
    services: Services, review: int
) -> None:
    versions = services.report_versions
    first = versions.make(review, ReportPurpose.COMMENT, note="To the panel", now=MADE)
    assert (first.number, first.purpose, first.note, first.meeting) == (
        "0.1",
        ReportPurpose.COMMENT,
        "To the panel",
        None,
    )
    assert first.made == MADE and first.made.utcoffset() == timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        versions.make(review, ReportPurpose.MEETING, now=MADE)
    assert _problem(exc) == {"meeting"}
    with pytest.raises(ValidationError) as exc:
        versions.make(review, ReportPurpose.MEETING, meeting_key="nope", now=MADE)
    assert _problem(exc) == {"meeting"}
    second = versions.make(review, ReportPurpose.MEETING, meeting_key="recs", now=MADE)
    assert second.number == "0.2" and second.meeting is not None
    assert second.meeting.key == "recs" and "14 May 2007" in second.meeting.label
    final = versions.make(review, ReportPurpose.FINAL, now=MADE + timedelta(days=30))
    assert final.number == "final"
    with pytest.raises(ValidationError) as exc:
        versions.make(review, ReportPurpose.COMMENT, now=MADE)
    assert _problem(exc) == {"purpose"}
    assert [v.number for v in versions.versions(review)] == ["0.1", "0.2", "final"]
    panel = versions.content(review, "0.2", Audience.PANEL)
    assert (panel.version, panel.purpose, panel.made) == ("0.2", ReportPurpose.MEETING, MADE.date())
    assert [p.key for p in panel.paragraphs()] == ["bg", "f1", "f2", "f3"]


def test_made_versions_never_change_whatever_the_working_draft_does(
    services: Services, review: int
) -> None:
    versions = services.report_versions
    versions.make(review, ReportPurpose.COMMENT, now=MADE)
    kept = {
        a: report_text(versions.content(review, "0.1", a))
        for a in Audience
        if a is not Audience.WITNESS
    }
    panel = versions.content(review, "0.1", Audience.PANEL)
    numbers = {p.key: p.number for p in panel.paragraphs()}
    assert numbers["bg"] == "1.1" and numbers["f1"].endswith(".1")
    public = versions.content(review, "0.1", Audience.PUBLIC)
    assert "f2" not in {p.key for p in public.paragraphs()}
    assert CANARY not in kept[Audience.PUBLIC] and CANARY in kept[Audience.PANEL]

    paras = services.report_paragraphs
    f1 = paras.paragraph(paras.id_for(review, "f1"))
    paras.edit(f1.id, f1.version, text="The scale of the problem is now measured well.")
    paras.add(review, "tor:scale", "A new first finding.", index=0, key="f0")
    f3 = paras.paragraph(paras.id_for(review, "f3"))
    paras.delete(f3.id, f3.version)
    gaps = services.terms.find(review, "gaps")
    services.terms.move(gaps.id, gaps.version, 0)

    for audience, text in kept.items():
        assert report_text(versions.content(review, "0.1", audience)) == text
    working = versions.working(review, Audience.PANEL, date(2007, 6, 1))
    assert working.version is None
    now = {p.key: p.number for p in working.paragraphs()}
    assert "f3" not in now and now["f0"] == numbers["f1"] and now["f1"] != numbers["f1"]

    changes = {c.key: c for c in versions.difference(review, "0.1", None, date(2007, 6, 1))}
    assert ChangeKind.ADDED in changes["f0"].kinds
    assert ChangeKind.REMOVED in changes["f3"].kinds
    assert ChangeKind.CHANGED in changes["f1"].kinds
    assert ChangeKind.RENUMBERED in changes["f1"].kinds
    inserted = " ".join(r.words for r in changes["f1"].runs if r.op == "insert")
    assert "now" in inserted.split() and "poorly" not in inserted
    assert "bg" not in changes  # untouched
    versions.make(review, ReportPurpose.COMMENT, now=MADE + timedelta(days=1))
    assert {c.key for c in versions.difference(review, "0.1", "0.2")} == set(changes)


def test_withdraw_is_the_undo_of_make_for_the_newest_unreferred_version(
    services: Services, review: int
) -> None:
    versions = services.report_versions
    first = versions.make(review, ReportPurpose.COMMENT, now=MADE)
    second = versions.make(review, ReportPurpose.COMMENT, now=MADE)
    with pytest.raises(ValidationError) as exc:
        versions.withdraw(first.id)
    assert _problem(exc) == {"version"}
    versions.withdraw(second.id)
    assert [v.number for v in versions.versions(review)] == ["0.1"]
    versions.add_comment(review, "0.1", "f1", "sumray", "Say more.", date(2007, 5, 20))
    with pytest.raises(ValidationError) as exc:
        versions.withdraw(first.id)
    assert "comments" in str(exc.value)
    again = versions.make(review, ReportPurpose.COMMENT, now=MADE)
    assert again.number == "0.2"  # numbers follow what exists, not what was withdrawn


def test_comments_name_a_paragraph_of_that_version_and_undo_to_their_place(
    services: Services, review: int
) -> None:
    versions = services.report_versions
    versions.make(review, ReportPurpose.COMMENT, now=MADE)
    versions.make(review, ReportPurpose.MEETING, meeting_key="recs", now=MADE)
    add = versions.add_comment
    day = date(2007, 5, 20)
    first = add(review, "0.1", "f1", "sumray", "  Say more about London.  ", day)
    second = add(review, "0.1", "f3", "barnes", "Agreed.", day)
    assert (first.text, first.member.key, first.version_number) == (
        "Say more about London.",
        "sumray",
        "0.1",
    )
    number = first.paragraph_number
    assert number is not None and number[0].isdigit()
    for args, field in (
        (("0.2", "f1", "sumray", "x", day), "version"),  # a meeting version takes none
        (("0.9", "f1", "sumray", "x", day), "version"),
        (("0.1", "nope", "sumray", "x", day), "paragraph"),
        (("0.1", "f1", "nobody", "x", day), "member"),
        (("0.1", "f1", "sumray", "   ", day), "text"),
    ):
        with pytest.raises(ValidationError) as exc:
            add(review, *args)
        assert _problem(exc) == {field}
    # the working draft renumbered: the comment keeps the number its version printed
    services.report_paragraphs.add(review, "tor:scale", "Inserted first.", index=0)
    assert versions.comments(review, "0.1")[0].paragraph_number == number

    edited = versions.edit_comment(
        first.id, first.version, text="Say much more.", member_key="prem"
    )
    assert (edited.text, edited.member.key) == ("Say much more.", "prem")
    with pytest.raises(ValidationError) as exc:
        versions.edit_comment(second.id, second.version, member_key="nobody")
    assert _problem(exc) == {"member"}
    snapshot = versions.delete_comment(edited.id, edited.version)
    assert [c.paragraph_key for c in versions.comments(review)] == ["f3"]
    restored = versions.restore_comment(snapshot)
    assert [c.paragraph_key for c in versions.comments(review, "0.1")] == ["f1", "f3"]
    assert (restored.text, restored.member.key, restored.received) == (
        "Say much more.",
        "prem",
        day,
    )
    entries = versions.versions(review)
    assert [(v.comments, v.considerations) for v in entries] == [(2, 0), (0, 0)]


def test_made_is_kept_with_its_offset(services: Services, review: int) -> None:
    utc = datetime(2007, 12, 1, 10, 0, tzinfo=UTC)
    made = services.report_versions.make(review, ReportPurpose.COMMENT, now=utc)
    assert services.report_versions.versions(review)[0].made == utc == made.made


def test_versions_comments_and_decisions_travel_in_the_file(
    services: Services, review: int
) -> None:
    """What the services wrote exports and imports whole (format version 8)."""
    versions = services.report_versions
    versions.make(review, ReportPurpose.COMMENT, now=MADE)
    versions.make(review, ReportPurpose.MEETING, meeting_key="recs", note="For 14 May", now=MADE)
    versions.add_comment(review, "0.1", "f1", "sumray", "Say more.", date(2007, 5, 20))
    versions.record(
        review, "0.2", "f2", "recs", ConsiderationOutcome.DELETED, item_key="recs-findings"
    )
    exported = services.reviews.export_bytes(review)
    kept = {a: versions.content(review, "0.2", a) for a in (Audience.PANEL, Audience.PUBLIC)}
    item = versions.considerations(review)[0].item
    services.reviews.delete(review)  # its meetings' calendar UIDs are the file's
    again = services.reviews.import_bytes(exported)
    assert services.reviews.export_bytes(again) == exported
    assert [(v.number, v.note, v.comments, v.considerations) for v in versions.versions(again)] == [
        ("0.1", None, 1, 0),
        ("0.2", "For 14 May", 0, 1),
    ]
    for audience, content in kept.items():
        assert versions.content(again, "0.2", audience) == content
    decided = versions.considerations(again)[0]
    assert (decided.paragraph_key, decided.item) == ("f2", item)
