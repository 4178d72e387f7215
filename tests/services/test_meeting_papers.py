"""One meeting's papers read only that meeting (issue 13), and print exactly what they
printed when they read the whole review.

Every paper of every meeting of the shipped sample (closed items, witnesses who asked
to give evidence in private, a closed action, approved, draft and no minutes, a
cancelled and a postponed meeting), and of the sample with every witness private, is
written twice: through ``store.meeting_papers`` as the app does, and with that read
swapped for the whole review (``documents.load_review``, what the exports read
before). The files are compared byte for byte, and so are the refusals and the
private witnesses each public paper names. On both backends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from scrutiny_desk.domain.errors import ExportError, NotFoundError
from scrutiny_desk.domain.meeting_rules import will_not_take_place
from scrutiny_desk.domain.procedure import MinuteCount, first_minute
from scrutiny_desk.domain.records import MonthDay, Review, ReviewReport
from scrutiny_desk.domain.view_codec import MinutesSnapshot
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec
from scrutiny_desk.services.approved_minutes import draft_view, papers_snapshot
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService
from scrutiny_desk.store import documents, invitation_register, meeting_papers, orm, queries
from scrutiny_desk.store.db import Database
from scrutiny_desk.store.meeting_papers import MeetingCalendar, MeetingPapers, WitnessCalendar

NOW = datetime(2007, 3, 1, 9, 0, tzinfo=UTC)
AUDIENCES = (Audience.PUBLIC, Audience.PANEL)


def _sample() -> Review:
    return codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())


def _all_private(review: Review) -> Review:
    """The sample with every witness asking to give evidence in private: public papers
    then name some of them (heard under open items), which the export reports."""
    return replace(review, witnesses=tuple(replace(w, private=True) for w in review.witnesses))


def _first_minute(review: Review, key: str) -> int:
    """The meeting's first minute number, worked out from the whole review."""
    meeting = next(m for m in review.meetings if m.key == key)
    return first_minute(
        meeting.start,
        (
            MinuteCount(m.start, len(m.items))
            for m in review.meetings
            if m.key != key and not will_not_take_place(m.status)
        ),
        review.year_start,
    )


def _whole_review(session: Session, meeting_id: int) -> MeetingPapers:
    """The read the exports made before: the whole review (its meeting first)."""
    meeting = queries.get_meeting(session, meeting_id)
    review = documents.load_review(session, meeting.review_id)
    first = [m for m in review.meetings if m.key == meeting.key]
    rest = [m for m in review.meetings if m.key != meeting.key]
    return MeetingPapers(
        meeting_id,
        meeting.review_id,
        meeting.key,
        replace(review, meetings=(*first, *rest)),
        _first_minute(review, meeting.key),
    )


def _whole_read(
    db: Database, meeting_id: int, *, kept: bool = False
) -> tuple[MeetingPapers, MinutesSnapshot | None]:
    """``meeting_papers.read_papers`` as the exports read before: the whole review."""
    with db.reading() as session:
        kept_minutes = meeting_papers.kept_minutes(session, meeting_id) if kept else None
        return _whole_review(session, meeting_id), kept_minutes


def _whole_calendar(session: Session, meeting_id: int) -> MeetingCalendar:
    """The read the invitations made before: the whole review (its meeting first)."""
    whole = _whole_review(session, meeting_id)
    return MeetingCalendar(whole.meeting_id, whole.review_id, whole.key, whole.review)


def _whole_witness_calendar(session: Session, meeting_id: int, witness_id: int) -> WitnessCalendar:
    """The read one witness's invitations made before: the whole review, the witness by
    id and the meeting's whole register."""
    whole = _whole_calendar(session, meeting_id)
    witness = invitation_register.witness(session, witness_id)
    return WitnessCalendar(whole, witness, invitation_register.issues(session, meeting_id))


def _every_paper(services: Services, review_id: int, folder: Path) -> dict[str, Any]:
    """Every paper of every meeting, public and panel, every invitation and
    cancellation (.ics and .eml) for the panel and for each witness on the meeting:
    name -> the file's bytes and the private witnesses it names, or the refusal."""
    exports = ExportService(services.db, clock=lambda: NOW)
    with services.db.reading() as session:
        whole = documents.load_review(session, review_id)
    witness_ids = {w.key: w.id for w in services.witness_edits.witnesses(review_id)}
    out: dict[str, Any] = {}

    def keep(name: str, write: Callable[[Path], Any]) -> None:
        path = folder / name
        try:
            written = write(path)
        except ExportError as exc:
            out[name] = ("refused", str(exc))
            return
        if isinstance(written, Path):
            out[name] = written.read_bytes()
        else:
            out[name] = (written.path.read_bytes(), written.private_witnesses)

    for meeting in services.meetings.list(review_id):
        mid = meeting.id
        for audience in AUDIENCES:
            for paper in ("agenda", "minutes"):
                keep(
                    f"{meeting.key}-{paper}-{audience.value}.pdf",
                    lambda p, mid=mid, paper=paper, audience=audience: exports.publish(
                        paper, mid, audience, p
                    ),
                )
        on_agenda = {
            k for m in whole.meetings if m.key == meeting.key for i in m.items for k in i.witnesses
        }
        for suffix in (".ics", ".eml"):
            keep(f"{meeting.key}-invite{suffix}", lambda p, mid=mid: exports.invite(mid, p))
            keep(f"{meeting.key}-cancel{suffix}", lambda p, mid=mid: exports.cancellation(mid, p))
            for key in sorted(on_agenda):
                wid = witness_ids[key]
                keep(
                    f"{meeting.key}-{key}-invite{suffix}",
                    lambda p, mid=mid, wid=wid: exports.invite(mid, p, wid),
                )
                keep(
                    f"{meeting.key}-{key}-cancel{suffix}",
                    lambda p, mid=mid, wid=wid: exports.cancellation(mid, p, wid),
                )
    return out


def _full_titles(review: Review) -> Review:
    """The sample with its calendar entries showing closed items' real titles: the
    panel's invitations carry the panel's view, marked confidential."""
    return replace(review, calendar_public_titles=False)


@pytest.mark.parametrize(
    ("variant", "private"),
    [
        (_sample, False),
        (lambda: _all_private(_sample()), True),
        (lambda: _full_titles(_sample()), False),
    ],
    ids=["sample", "all-private", "full-titles"],
)
def test_every_paper_prints_what_the_whole_review_printed(
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variant: Callable[[], Review],
    private: bool,
) -> None:
    review_id = services.reviews.import_bytes(codec.encode(variant()))
    beside = _sample()  # another review beside it, its meetings with UIDs of their own
    beside = replace(beside, meetings=tuple(replace(m, uid=None) for m in beside.meetings))
    services.reviews.import_bytes(codec.encode(beside))
    (tmp_path / "cut").mkdir()
    (tmp_path / "whole").mkdir()
    cut = _every_paper(services, review_id, tmp_path / "cut")
    # The invitations just issued are in the register now, which would make the same
    # invitations updates the second time: start the second run from the same register.
    with services.db.writing() as session:
        session.execute(delete(orm.CalendarIssueRow))
    with monkeypatch.context() as m:
        m.setattr(meeting_papers, "meeting_papers", _whole_review)
        m.setattr(meeting_papers, "read_papers", _whole_read)
        m.setattr(meeting_papers, "meeting_calendar", _whole_calendar)
        m.setattr(meeting_papers, "witness_calendar", _whole_witness_calendar)
        whole = _every_paper(services, review_id, tmp_path / "whole")

    assert cut.keys() == whole.keys()
    for name in cut:
        assert cut[name] == whole[name], name
    # The comparison covers real papers, refusals and warnings, not only refusals.
    pdfs = [v for k, v in cut.items() if k.endswith(".pdf") and v[0] != "refused"]
    assert len(pdfs) >= 20
    assert all(v[0].startswith(b"%PDF") for v in pdfs)
    assert any(isinstance(v, bytes) and b"BEGIN:VCALENDAR" in v for v in cut.values())
    assert any(isinstance(v, tuple) and v[0] == "refused" for v in cut.values())
    named = {w for v in pdfs for w in v[1]}
    if private:
        assert named  # every witness private: the public papers name some
    else:
        assert not named


def test_the_cut_review_holds_only_the_meeting(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(_sample()))
    ev3 = next(m for m in services.meetings.list(review_id) if m.key == "ev3")
    with services.db.reading() as session:
        papers = meeting_papers.meeting_papers(session, ev3.id)
        whole = documents.load_review(session, review_id)
    review = papers.review
    assert (papers.review_id, papers.key) == (review_id, "ev3")
    assert [m.key for m in review.meetings] == ["ev3"]
    assert papers.meeting == replace(
        next(m for m in whole.meetings if m.key == "ev3"),
        minutes_history=(),
        minutes_snapshot=None,
    )
    assert review.notes == review.evidence == review.recommendations == ()
    assert [a.key for a in review.actions] == ["a2"]
    on_items = {k for i in papers.meeting.items for k in i.witnesses}
    private = {w.key for w in whole.witnesses if w.private}
    assert {w.key for w in review.witnesses} == on_items | private
    assert on_items - private  # some are there for the items, not for being private
    assert review.panel == whole.panel
    assert review.terms_of_reference == whole.terms_of_reference
    assert review == replace(
        whole,
        exclusions=(),
        interfaces=(),
        milestones=(),
        witnesses=review.witnesses,
        meetings=review.meetings,
        evidence=(),
        notes=(),
        recommendations=(),
        actions=review.actions,
        report=ReviewReport(),  # only what the meeting decided on the report: nothing at ev3
    )


@pytest.fixture
def statements(sqlite_services: Services) -> Iterator[list[str]]:
    """Every SQL statement the database runs while the test reads it."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(sqlite_services.db.engine, "before_cursor_execute", note)
    yield seen
    event.remove(sqlite_services.db.engine, "before_cursor_execute", note)


READ_FOR_A_MEETING = {
    "reviews",
    "panel_members",
    "tor_items",
    "exclusions",
    "interfaces",
    "milestones",
    "meetings",
    "agenda_items",
    "item_witnesses",
    "item_tor",
    "witnesses",
    "attendance",
    "actions",
    # the procedural record (issue 15): the meeting's own, and the review's register
    "meeting_attendees",
    "declarations",
    "resolutions",
    "vote_casts",
    "member_interests",
    "minutes_snapshots",
    "minutes_history",
    # an invitation reads its meeting's invitation register (issue 14)
    "calendar_issues",
    "calendar_recipients",
    # the reports its items consider (issue 16), titles only; a report that is a piece
    # of evidence names it by key (the evidence table joined to them, nothing else)
    "item_reports",
    "evidence",
    # what it decided on the review's report (issue 17), by its meeting's index, and the
    # versions it decided on, by id (the sample's meeting considered draft 0.2)
    "report_considerations",
    "report_versions",
}


# An invitation prints none of the procedural record, minutes, reports or terms of
# reference: it reads the meeting, its items and their witnesses, the people it may go
# to, and its invitation register.
READ_FOR_AN_INVITATION = {
    "reviews",
    "panel_members",
    "meetings",
    "agenda_items",
    "item_witnesses",
    "witnesses",
    "meeting_attendees",
    "calendar_issues",
    "calendar_recipients",
}


def _tables(statement: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)', statement))


@pytest.mark.parametrize("paper", ["agenda", "minutes", "invite"])
def test_a_paper_reads_its_meeting_never_notes_evidence_or_other_meetings(
    sqlite_services: Services, statements: list[str], tmp_path: Path, paper: str
) -> None:
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(_sample()))
    recs = next(m for m in services.meetings.list(review_id) if m.key == "recs")
    assert not will_not_take_place(recs.status)
    statements.clear()
    if paper == "invite":
        services.exports.invite(recs.id, tmp_path / "recs.ics")
    else:
        services.exports.publish(paper, recs.id, Audience.PANEL, tmp_path / "recs.pdf")

    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    touched = set().union(*map(_tables, reads))
    assert "agenda_items" in touched and "witnesses" in touched
    if paper == "invite":
        assert touched <= READ_FOR_AN_INVITATION, touched - READ_FOR_AN_INVITATION
    else:
        assert "report_considerations" in touched  # the meeting's decisions on the report
    assert touched <= READ_FOR_A_MEETING, touched - READ_FOR_A_MEETING
    for statement in reads:
        tables = _tables(statement)
        if "count(agenda_items" in statement:  # the minute count of the other meetings
            continue
        if tables & {
            "agenda_items",
            "attendance",
            "actions",
            "calendar_issues",
            "meeting_attendees",
            "declarations",
            "report_considerations",
        }:
            assert re.search(r"\.meeting_id = \?", statement), statement
        if "report_versions" in tables:  # only a version its decisions name, whole (content)
            assert re.search(r"WHERE report_versions\.id = \?$", statement), statement
            statement = statement.replace("report_versions.content", "")
        if "content" in statement:
            pytest.fail(f"an evidence file's bytes were read: {statement}")
        if "evidence" in tables:  # only to name the evidence a report is
            assert "item_reports" in tables, statement


# A witness's own invitation prints the meeting, its items (their own named) and the
# review's details: it reads neither the panel nor the meeting's substitutes and
# officers, and of the register only what was last issued to that witness.
READ_FOR_A_WITNESS = READ_FOR_AN_INVITATION - {"panel_members", "meeting_attendees"}


@pytest.mark.parametrize(("paper", "key"), [("invite", "ev1"), ("cancellation", "ev2")])
def test_a_witness_file_reads_what_it_prints_in_two_statements(
    sqlite_services: Services, statements: list[str], tmp_path: Path, paper: str, key: str
) -> None:
    """ev1 was held, ev2 was cancelled: each has witnesses on its items."""
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(_sample()))
    meeting = next(m for m in services.meetings.list(review_id) if m.key == key)
    entry = next(e for e in services.meetings.agenda(meeting.id) if e.witnesses)
    witness = services.witness_edits.find_witness(review_id, entry.witnesses[0].key)
    statements.clear()
    getattr(services.exports, paper)(meeting.id, tmp_path / "witness.eml", witness.id)

    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads  # the meeting, witness and register; the items
    touched = set().union(*map(_tables, reads))
    assert touched <= READ_FOR_A_WITNESS, touched - READ_FOR_A_WITNESS
    assert {"agenda_items", "witnesses", "calendar_issues"} <= touched
    for statement in reads:  # by the meeting's id
        assert re.search(r"(\.meeting_id|meetings\.id) = \?", statement), statement


def test_minute_numbers_run_on_from_the_meetings_before_in_the_municipal_year(
    services: Services,
) -> None:
    """``first_minute`` from one grouped count equals the count over the whole review:
    the sample's meetings run from November 2006 to July 2007, across 1 May 2007; the
    cancelled and the postponed meeting take no numbers. With the year starting on 1
    January instead, the numbers restart in January."""
    sample = _sample()
    for year_start in (sample.year_start, MonthDay(1, 1)):
        review_id = services.reviews.import_bytes(
            codec.encode(
                replace(
                    sample,
                    year_start=year_start,
                    meetings=tuple(replace(m, uid=None) for m in sample.meetings),
                )
            )
        )
        with services.db.reading() as session:
            whole = documents.load_review(session, review_id)
            found = {
                m.key: meeting_papers.meeting_papers(session, m.id).first_minute
                for m in services.meetings.list(review_id)
            }
        assert found == {m.key: _first_minute(whole, m.key) for m in whole.meetings}
        if year_start == sample.year_start:  # 2006/07 until 30 April, then 2007/08
            assert found == {
                "scoping": 1,  # 4 items
                "ev1": 5,  # 5 items; ev2 (cancelled) takes none
                "ev2": 10,
                "ev3": 10,  # 6 items
                "visit": 16,  # 5 items
                "ev4": 21,
                "recs": 1,  # 14 May 2007: a new municipal year
                "responses": 6,  # postponed: numbered as if it took place
            }
        else:  # 2006, then 2007 from 1 January
            assert (found["scoping"], found["ev1"], found["recs"]) == (1, 1, 22)


def test_a_meeting_that_does_not_exist_is_named(services: Services, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="There is no meeting with id 999"):
        services.exports.agenda(999, Audience.PUBLIC, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("paper", ["agenda", "minutes"])
def test_a_paper_reads_its_meeting_once(
    sqlite_services: Services, statements: list[str], tmp_path: Path, paper: str
) -> None:
    """Minutes print from the read their paper makes (``MinutesService.to_print``), not
    from a second read of the same meeting: the meeting's items are selected once."""
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(_sample()))
    recs = next(m for m in services.meetings.list(review_id) if m.key == "recs")
    statements.clear()
    services.exports.publish(paper, recs.id, Audience.PANEL, tmp_path / "recs.pdf")
    item_lists = [s for s in statements if "public_title_cy" in s]
    assert len(item_lists) == 1, item_lists


def test_web_pages_read_their_meeting_once(
    sqlite_services: Services, statements: list[str], tmp_path: Path
) -> None:
    """Publishing a meeting's web pages prints its agenda and minutes from one read."""
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(_sample()))
    recs = next(m for m in services.meetings.list(review_id) if m.key == "recs")
    statements.clear()
    published = services.web_publishing.publish_meeting(recs.id, tmp_path / "web")
    assert {p.name for p in published.files} >= {"agenda.html", "minutes.html"}
    item_lists = [s for s in statements if "public_title_cy" in s]
    assert len(item_lists) == 1, item_lists


def test_draft_minutes_print_as_approval_would_keep_them(services: Services) -> None:
    """A draft prints its audience's view alone (``draft_view``): the same view as the
    one approving the minutes keeps for that audience (``papers_snapshot``)."""
    review_id = services.reviews.import_bytes(codec.encode(_all_private(_sample())))
    with services.db.reading() as session:
        cuts = [
            meeting_papers.meeting_papers(session, m.id) for m in services.meetings.list(review_id)
        ]
    for papers in cuts:
        kept = papers_snapshot(papers)
        for audience in AUDIENCES:
            assert draft_view(papers, audience) == kept.view(audience), papers.key
