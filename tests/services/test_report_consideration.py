"""A meeting's consideration of a version of the report (issue 17): recorded per
paragraph under one of its agenda items, refused with the field named, edited, deleted
and put back; worded in that item's minutes (the public's naming only the paragraphs
open in that version), printed in the minutes PDF and kept by approved minutes; on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.agenda_records import MinutesLockedError
from scrutiny_desk.domain.enums import Access, ConsiderationOutcome, ReportPurpose
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.procedure_wording import report_considered
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services

from .blank_report import import_without_report

MADE = datetime(2007, 5, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))
ITEM = "recs-findings"
Outcome = ConsiderationOutcome


@pytest.fixture
def review(services: Services) -> int:
    """The sample with paragraphs (one closed, one in the unnumbered summary), a
    version 0.1 for comment and 0.2 for the meeting "recs"."""
    review_id = import_without_report(services)
    add = services.report_paragraphs.add
    add(review_id, "summary", "In short: more partnership.", key="s1")
    add(review_id, "background", "Reducing drug crime has been a key issue.", key="bg")
    add(review_id, "tor:scale", "The scale of the problem is poorly measured.", key="f1")
    add(review_id, "tor:scale", "Heard in private.", access=Access.CLOSED, key="f2")
    add(review_id, "tor:gaps", "Gaps remain between treatment and enforcement.", key="f3")
    services.report_versions.make(review_id, ReportPurpose.COMMENT, now=MADE)
    services.report_versions.make(review_id, ReportPurpose.MEETING, meeting_key="recs", now=MADE)
    return review_id


def _paths(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {p.path for p in exc.value.problems}


def _numbers(services: Services, review: int) -> dict[str, str | None]:
    content = services.report_versions.content(review, "0.2", Audience.PANEL)
    return {p.key: p.number for p in content.paragraphs()}


def _minutes_text(services: Services, review: int, audience: Audience, folder: Path) -> str:
    meeting_id = services.meeting_edits.find(review, "recs").id
    path = services.exports.minutes(meeting_id, audience, folder / f"{audience.value}.pdf")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _record_all(services: Services, review: int) -> None:
    record = services.report_versions.record
    record(review, "0.2", "s1", "recs", Outcome.AGREED, item_key=ITEM)
    record(review, "0.2", "f1", "recs", Outcome.AGREED, item_key=ITEM)
    record(review, "0.2", "f3", "recs", Outcome.AGREED, item_key=ITEM)
    record(review, "0.2", "bg", "recs", Outcome.AMENDED, item_key=ITEM, amendment="New words.")
    record(review, "0.2", "f2", "recs", Outcome.DELETED, item_key=ITEM)


def test_the_wording_of_a_consideration() -> None:
    decided = [("3.1", "agreed"), ("3.2", "agreed"), ("4.1", "agreed"), ("3.3", "amended")]
    assert report_considered("0.2", False, [*decided, ("3.4", "deleted")]) == (
        "The panel considered version 0.2 of its draft report: paragraphs 3.1, 3.2 and 4.1 "
        "were agreed; paragraph 3.3 was amended; paragraph 3.4 was deleted."
    )
    assert report_considered("final", True, [("the summary's paragraph 1", "agreed")]) == (
        "The panel considered the final version of its final report: "
        "the summary's paragraph 1 was agreed."
    )


def test_decisions_are_refused_naming_the_field(services: Services, review: int) -> None:
    record = services.report_versions.record
    services.report_paragraphs.add(review, "tor:gaps", "Written after 0.2.", key="late")
    services.report_versions.make(review, ReportPurpose.FINAL, now=MADE + timedelta(days=9))
    for args, kwargs, field in (
        (("0.2", "f1", "recs", Outcome.AGREED), {"amendment": "x"}, "amendment"),
        (("0.2", "f1", "recs", Outcome.AGREED), {"item_key": "ev3-cps"}, "item"),
        (("0.2", "late", "recs", Outcome.AGREED), {}, "paragraph"),
        (("0.2", "f1", "nope", Outcome.AGREED), {}, "meeting"),
        (("0.7", "f1", "recs", Outcome.AGREED), {}, "version"),
        (("final", "f1", "recs", Outcome.AGREED), {}, "version"),
    ):
        with pytest.raises(ValidationError) as exc:
            record(review, *args, **kwargs)  # type: ignore[arg-type]
        assert _paths(exc) == {field}, args
    assert services.report_versions.considerations(review) == ()


def test_decisions_edit_delete_and_undo(services: Services, review: int) -> None:
    versions = services.report_versions
    _record_all(services, review)
    decided = versions.considerations(review, "0.2")
    assert [(d.paragraph_key, d.outcome) for d in decided] == [
        ("s1", Outcome.AGREED),
        ("f1", Outcome.AGREED),
        ("f3", Outcome.AGREED),
        ("bg", Outcome.AMENDED),
        ("f2", Outcome.DELETED),
    ]
    numbers = _numbers(services, review)
    assert [d.paragraph_number for d in decided] == [numbers[d.paragraph_key] for d in decided]
    assert decided[0].paragraph_number is None and decided[0].item is not None
    assert decided[3].amendment == "New words." and decided[0].meeting.key == "recs"
    with pytest.raises(ValidationError) as exc:
        versions.edit_consideration(decided[3].id, decided[3].version, outcome=Outcome.AGREED)
    assert _paths(exc) == {"amendment"}
    edited = versions.edit_consideration(
        decided[3].id, decided[3].version, outcome=Outcome.AGREED, amendment=None
    )
    assert (edited.outcome, edited.amendment) == (Outcome.AGREED, None)
    snapshot = versions.delete_consideration(decided[1].id, decided[1].version)
    assert [d.paragraph_key for d in versions.considerations(review)] == ["s1", "f3", "bg", "f2"]
    versions.restore_consideration(snapshot)
    assert [d.paragraph_key for d in versions.considerations(review)] == [
        "s1",
        "f1",
        "f3",
        "bg",
        "f2",
    ]
    assert [v.considerations for v in versions.versions(review)] == [0, 5]


def test_the_minutes_word_the_decisions_for_each_audience(
    services: Services, review: int, tmp_path: Path
) -> None:
    _record_all(services, review)
    n = _numbers(services, review)
    panel = (
        f"The panel considered version 0.2 of its draft report: paragraphs {n['f1']} and "
        f"{n['f3']} and the summary's paragraph 1 were agreed; paragraph {n['bg']} was "
        f"amended; paragraph {n['f2']} was deleted."
    )
    public = panel.split("; paragraph " + str(n["f2"]))[0] + "."
    assert _minutes_text(services, review, Audience.PANEL, tmp_path).count(panel) == 1
    public_text = _minutes_text(services, review, Audience.PUBLIC, tmp_path)
    assert public in public_text and f"paragraph {n['f2']}" not in public_text
    for audience, sentence in ((Audience.PANEL, panel), (Audience.PUBLIC, public)):
        meeting_id = services.meeting_edits.find(review, "recs").id
        path = services.exports.minutes(meeting_id, audience, tmp_path / f"{audience}.docx")
        said = [p.text for p in docx.Document(str(path)).paragraphs]
        assert said.count(sentence) == 1, audience
    # a meeting whose minutes decided nothing says nothing of the report
    other = services.meeting_edits.find(review, "ev3").id
    path = services.exports.minutes(other, Audience.PANEL, tmp_path / "ev3.pdf")
    assert "draft report" not in " ".join(p.extract_text() for p in PdfReader(path).pages)


def test_approved_minutes_keep_the_decisions_they_printed(
    services: Services, review: int, tmp_path: Path
) -> None:
    versions = services.report_versions
    _record_all(services, review)
    meeting_id = services.meeting_edits.find(review, "recs").id
    record = services.minutes.minutes(meeting_id)
    services.minutes.approve_minutes(meeting_id, record.version, date(2007, 7, 9))
    approved = _minutes_text(services, review, Audience.PANEL, tmp_path)
    assert "The panel considered version 0.2" in approved
    first = versions.considerations(review)[0]
    with pytest.raises(MinutesLockedError):
        versions.edit_consideration(first.id, first.version, outcome=Outcome.DELETED)
    with pytest.raises(MinutesLockedError):
        versions.record(review, "0.1", "f1", "recs", Outcome.AGREED, item_key=ITEM)
    # the working draft moves on; the approved minutes print what they printed
    paras = services.report_paragraphs
    paras.add(review, "background", "A new first paragraph.", index=0)
    f1 = paras.paragraph(paras.id_for(review, "f1"))
    paras.delete(f1.id, f1.version)
    assert _minutes_text(services, review, Audience.PANEL, tmp_path) == approved


def test_agree_all_remaining_is_one_step_undone_as_one(services: Services, review: int) -> None:
    versions = services.report_versions
    record = versions.record
    record(review, "0.2", "bg", "recs", Outcome.AMENDED, item_key=ITEM, amendment="New words.")
    made = versions.agree_remaining(review, "0.2", "recs", item_key=ITEM)
    assert [d.paragraph_key for d in made] == ["s1", "f1", "f2", "f3"]  # in the version's order
    assert {d.outcome for d in made} == {Outcome.AGREED}
    assert versions.agree_remaining(review, "0.2", "recs", item_key=ITEM) == ()
    with pytest.raises(ValidationError) as exc:
        versions.agree_remaining(review, "0.2", "recs", item_key="ev3-cps")
    assert _paths(exc) == {"item"}
    taken = versions.delete_considerations(made)
    assert len(taken) == 4
    assert [d.paragraph_key for d in versions.considerations(review)] == ["bg"]


def test_removing_the_item_leaves_its_decisions_and_its_undo_puts_them_back_under_it(
    services: Services, review: int
) -> None:
    versions = services.report_versions
    _record_all(services, review)
    versions.record(review, "0.1", "f1", "recs", Outcome.AGREED)  # under no item
    before = versions.considerations(review)
    assert sum(d.item is not None for d in before) == 5
    item = services.agenda.find(review, ITEM)
    snapshot = services.agenda.remove_item(item.id, item.version)
    after = versions.considerations(review)
    assert [d.paragraph_key for d in after] == [d.paragraph_key for d in before]
    assert all(d.item is None for d in after)  # the decisions stay, without the item
    services.agenda.restore_item(snapshot)
    back = versions.considerations(review)
    assert [(d.paragraph_key, d.version_number, d.item) for d in back] == [
        (d.paragraph_key, d.version_number, d.item) for d in before
    ]
    assert [d.version for d in back] == [d.version for d in before]
