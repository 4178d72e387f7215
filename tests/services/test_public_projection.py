"""The public projection follows every write, in the same transaction, on PostgreSQL.

The shipped sample on the test server (as its superuser: the projection is the
services' doing, not the roles'); what a shared database's public reader reads of it is
tested in test_public_reader.py. A SQLite file has no projection.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from scrutiny_desk.domain.errors import ConflictError, NotFoundError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.public_records import PublicPaperKind
from scrutiny_desk.domain.view_codec import view_plain
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import admin, public_projection
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges

from .approved import reopen

postgresql = pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)


@pytest.fixture(autouse=True)
def roles_in_force(request: pytest.FixtureRequest, db_target: str) -> None:
    """Before the services open it, a PostgreSQL database is prepared as an administrator
    prepares a shared one (which also fills the projection)."""
    if db_target.startswith("postgresql") and not request.node.get_closest_marker("unmanaged"):
        admin.init_postgres(db_target)


def rows(services: Services) -> dict[tuple[int, str], tuple[str, str]]:
    """Every public paper: (meeting, paper) -> (title, content), read with plain SQL."""
    engine = create_engine(services.db.engine.url)
    try:
        with engine.connect() as con:
            found = con.execute(
                text("SELECT meeting_id, paper, title, content FROM public_papers")
            ).all()
    finally:
        engine.dispose()
    return {(m, p): (t, c) for m, p, t, c in found}


def meeting_id(services: Services, review_id: int, key: str) -> int:
    return services.meeting_edits.find(review_id, key).id


def summary(services: Services, review_id: int, key: str) -> Any:
    return next(m for m in services.meetings.list(review_id) if m.key == key)


@postgresql
def test_the_projection_holds_each_meetings_public_papers(
    services: Services, sample_id: int
) -> None:
    [review] = services.public_papers.reviews()
    assert (review.id, review.title) == (sample_id, "Drugs Scrutiny")
    listed = services.public_papers.meetings(sample_id)
    meetings = services.meetings.list(sample_id)
    assert [m.id for m in listed] == [m.id for m in sorted(meetings, key=lambda m: m.start)]
    for meeting in meetings:
        public = next(m for m in listed if m.id == meeting.id)
        agenda = services.public_papers.paper(meeting.id, "agenda")
        assert agenda.view.audience is Audience.PUBLIC
        assert public.title == agenda.view.title
        took_place = meeting.status.value not in ("cancelled", "postponed")
        assert public.has_minutes is took_place, meeting.key
        if took_place:
            minutes = services.public_papers.paper(meeting.id, PublicPaperKind.MINUTES)
            printed = services.minutes.printed(meeting.id, Audience.PUBLIC)
            # as printed, less the witnesses' addresses (publishing.public_reading)
            assert minutes.view.items == tuple(replace_emails(i) for i in printed.items)
        else:
            with pytest.raises(NotFoundError, match="has no public minutes"):
                services.public_papers.paper(meeting.id, "minutes")
    with pytest.raises(NotFoundError):
        services.public_papers.meetings(sample_id + 100)


def replace_emails(item: Any) -> Any:
    return replace(item, witnesses=tuple(replace(w, email=None) for w in item.witnesses))


@postgresql
def test_an_edit_reaches_the_projection_in_its_own_transaction(
    services: Services, sample_id: int
) -> None:
    meeting = summary(services, sample_id, "recs")
    services.meetings.update(meeting.id, meeting.version, MeetingChanges(title="Agreeing it all"))
    listed = {m.id: m for m in services.public_papers.meetings(sample_id)}
    assert listed[meeting.id].title == "Agreeing it all"
    for paper in PublicPaperKind:
        assert services.public_papers.paper(meeting.id, paper).view.title == "Agreeing it all"
    engine = create_engine(services.db.engine.url)
    try:
        with engine.connect() as con:  # the same PostgreSQL transaction wrote both
            written = con.execute(
                text(
                    "SELECT m.xmin::text, p.xmin::text FROM meetings m"
                    " JOIN public_papers p ON p.meeting_id = m.id"
                    " WHERE m.id = :id AND p.paper = 'agenda'"
                ),
                {"id": meeting.id},
            ).one()
    finally:
        engine.dispose()
    assert written[0] == written[1]


@postgresql
def test_a_review_title_change_reaches_every_public_paper(
    services: Services, sample_id: int
) -> None:
    details = services.review_edits.details(sample_id)
    services.review_edits.update_details(
        sample_id, details.version, ReviewChanges(title="Drugs and Crime Scrutiny")
    )
    [review] = services.public_papers.reviews()
    assert review.title == "Drugs and Crime Scrutiny"
    for meeting in services.public_papers.meetings(sample_id):
        for paper in meeting.papers:
            view = services.public_papers.paper(meeting.id, paper).view
            # approved minutes print as they were approved: with the old title
            approved = paper is PublicPaperKind.MINUTES and view.minutes_approved_on is not None
            expected = "Drugs Scrutiny" if approved else "Drugs and Crime Scrutiny"
            assert view.review_title == expected, (meeting.title, paper)


@postgresql
def test_a_refused_or_rolled_back_edit_leaves_the_projection_as_it_was(
    services: Services, sample_id: int
) -> None:
    meeting = summary(services, sample_id, "recs")
    before = rows(services)
    with pytest.raises(ConflictError):  # read at an older version: refused
        services.meetings.update(meeting.id, meeting.version - 1, MeetingChanges(title="Stale"))
    assert rows(services) == before

    def fails(session: Session) -> None:
        raise RuntimeError("the commit fails after the projection was written")

    services.db.before_commit.append(fails)
    try:
        with pytest.raises(RuntimeError):
            services.meetings.update(meeting.id, meeting.version, MeetingChanges(title="Lost"))
    finally:
        services.db.before_commit.remove(fails)
    assert rows(services) == before
    assert summary(services, sample_id, "recs").title == meeting.title


@postgresql
def test_a_deleted_meetings_papers_go(services: Services, sample_id: int) -> None:
    meeting = summary(services, sample_id, "ev2")
    assert (meeting.id, "agenda") in rows(services)
    services.meeting_edits.delete_meeting(meeting.id, meeting.version)
    assert not [key for key in rows(services) if key[0] == meeting.id]
    assert meeting.id not in {m.id for m in services.public_papers.meetings(sample_id)}
    assert len(services.public_papers.meetings(sample_id)) == 7


@postgresql
def test_closing_an_item_takes_its_witnesses_and_minute_out(
    services: Services, sample_id: int
) -> None:
    reopen(services, sample_id, "ev1")  # approved minutes stay as approved until reopened
    meeting = meeting_id(services, sample_id, "ev1")
    item = services.agenda.find(sample_id, "ev1-mps")
    witness = next(w for w in services.witnesses.list(sample_id) if w.key == "mps-drugs")
    assert item.minute and witness.name
    minute = item.minute.splitlines()[0]  # a line of it: JSON escapes line breaks
    for paper in PublicPaperKind:
        content = rows(services)[(meeting, paper.value)][1]
        assert witness.name in content and item.title in content
    assert minute in rows(services)[(meeting, "minutes")][1]

    services.agenda.close_item(item.id, item.version, "Operational detail", None, "Heard aside")
    for paper in PublicPaperKind:
        view = services.public_papers.paper(meeting, paper).view
        content = rows(services)[(meeting, paper.value)][1]
        assert witness.name not in content and item.title not in content and minute not in content
        closed = next(i for i in view.items if i.title == "Heard aside")
        assert not any(minute in (i.minute or "") for i in view.items)
        assert closed.closed and closed.witnesses == () and closed.minute is None
    panel = services.minutes.printed(meeting, Audience.PANEL)
    assert any(i.title == item.title and i.minute == item.minute for i in panel.items)


@postgresql
def test_a_deleted_review_leaves_no_public_row(services: Services, sample_id: int) -> None:
    assert rows(services)
    services.reviews.delete(sample_id)
    assert rows(services) == {}
    assert services.public_papers.reviews() == []


@postgresql
def test_refresh_all_rebuilds_every_review(services: Services, sample_id: int) -> None:
    before = rows(services)
    engine = create_engine(services.db.engine.url)
    try:
        with engine.begin() as con:
            con.execute(text("DELETE FROM public_reviews"))  # its papers by cascade
    finally:
        engine.dispose()
    assert rows(services) == {}
    assert public_projection.refresh_all(services.db) == 1
    assert rows(services) == before


@postgresql
def test_a_write_that_touches_no_review_leaves_the_projection_alone(
    services: Services, sample_id: int
) -> None:
    def refreshed() -> Any:
        engine = create_engine(services.db.engine.url)
        try:
            with engine.connect() as con:
                return con.execute(text("SELECT refreshed_utc FROM public_reviews")).scalar_one()
        finally:
            engine.dispose()

    at = refreshed()
    with services.db.writing():
        pass
    services.notes.capture(sample_id, "Heard from the trust.", ["scale"])  # in no paper
    assert refreshed() == at
    item = services.agenda.find(sample_id, "recs-findings")
    services.agenda.update_item(item.id, item.version, ItemChanges(title="Findings, agreed"))
    assert refreshed() > at


@pytest.mark.parametrize("db_target", ["sqlite"], indirect=True)
def test_a_sqlite_file_has_no_projection(services: Services, sample_id: int) -> None:
    assert public_projection.refresh_touched not in services.db.before_commit
    assert services.public_papers.reviews() == []


@postgresql
@pytest.mark.unmanaged
def test_a_database_without_the_roles_has_no_projection(services: Services, sample_id: int) -> None:
    assert not services.db.managed
    assert public_projection.refresh_touched not in services.db.before_commit
    item = services.agenda.find(sample_id, "recs-findings")
    services.agenda.update_item(item.id, item.version, ItemChanges(title="Findings, agreed"))
    assert rows(services) == {}


CHANGE_CONTENT = "UPDATE public_papers SET content = :c WHERE meeting_id = :m AND paper = 'agenda'"


@postgresql
def test_the_projection_reads_strictly(services: Services, sample_id: int) -> None:
    meeting = meeting_id(services, sample_id, "scoping")
    content = json.loads(rows(services)[(meeting, "agenda")][1])
    assert content["view"] == view_plain(services.public_papers.paper(meeting, "agenda").view)
    content["view"]["items"][0]["surprise"] = 1
    engine = create_engine(services.db.engine.url)
    try:
        with engine.begin() as con:
            con.execute(
                text(CHANGE_CONTENT),
                {"c": json.dumps(content), "m": meeting},
            )
    finally:
        engine.dispose()
    with pytest.raises(NotFoundError, match=r"view\.items\[0\]\.surprise: unknown field"):
        services.public_papers.paper(meeting, "agenda")
