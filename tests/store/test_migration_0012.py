"""Migration 0012 (issue 17, format version 8) upgrades a database the release before
made, on both backends: the review reads with an empty report and recommendations
without responses; the new tables then take a report (paragraphs citing the old notes
and evidence and supporting the old recommendation, settings, a version with a comment
and a consideration) and a response; deleting a cited note takes its citation with it;
down to 0011 every old row is as it was, and up again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import create_engine, inspect, text

from scrutiny_desk.domain.enums import ConsiderationOutcome, ReportPurpose, ResponseOutcome
from scrutiny_desk.domain.records import (
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    ReviewReport,
)
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.report_outline import build_report
from scrutiny_desk.store.review_report_rows import insert_report

from .old_schemas import at_revision
from .test_migrations import _migrate

NOTE = (
    "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
    " created_offset_minutes, access, version) VALUES ({})"
)
NOTE_2 = NOTE.format("2, 1, 1, 'n2', 'Staff are few', '2026-01-05 14:40:00', 0, 'open', 1")
OLD_0011 = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1, 5)",
    "INSERT INTO panel_members (id, review_id, position, key, name, role, version)"
    " VALUES (1, 1, 0, 'chair', 'The Chair', 'chair', 1)",
    "INSERT INTO tor_items (id, review_id, parent_id, position, key, text, version)"
    " VALUES (1, 1, NULL, 0, 't1', 'Access', 1)",
    'INSERT INTO meetings (id, review_id, position, key, title, kind, start, "end", venue,'
    " status, uid, sequence, minutes_status, version) VALUES (1, 1, 0, 'm1', 'Old meeting',"
    " 'deliberative', '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'Room 1', 'held',"
    " 'old-uid', 2, 'draft', 3)",
    "INSERT INTO agenda_items (id, review_id, meeting_id, position, key, title, kind,"
    " access, version) VALUES (1, 1, 1, 0, 'i1', 'Draft report', 'report', 'open', 1)",
    "INSERT INTO evidence (id, review_id, position, key, title, kind, access, version)"
    " VALUES (1, 1, 0, 'e1', 'Survey', 'written', 'open', 1)",
    NOTE.format("1, 1, 0, 'n1', 'Waits are long', '2026-01-05 14:30:00', 0, 'open', 1"),
    NOTE_2,
    "INSERT INTO recommendations (id, review_id, position, key, text, lead, due, status,"
    " response, version) VALUES (1, 1, 0, 'r1', 'Publish waits', 'Director', '2027-01-31',"
    " 'agreed', 'Agreed', 2)",
)
"""A database the release before (0011) made: a panel member, a terms-of-reference
item, a meeting with an item, evidence, two notes and an agreed recommendation."""

OLD_ROWS = (
    "SELECT id, title, status, version FROM reviews",
    "SELECT id, key, text, status, response, version FROM recommendations",
    "SELECT id, key, text, access, version FROM notes ORDER BY id",
    "SELECT id, key, title, version FROM meetings",
)
NEW_TABLES = {
    "report_paragraphs",
    "paragraph_notes",
    "paragraph_evidence",
    "paragraph_recommendations",
    "report_settings",
    "report_versions",
    "report_comments",
    "report_considerations",
}
MADE = datetime(2026, 2, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def _old_rows(url: str) -> list[list[tuple[object, ...]]]:
    engine = create_engine(url)
    with engine.connect() as con:
        rows = [[tuple(r) for r in con.execute(text(query))] for query in OLD_ROWS]
    engine.dispose()
    return rows


def _report_of(services: Services) -> ReviewReport:
    """A report of the old review: what it cites is what 0011 held."""
    paragraphs = (
        ReportParagraph("p1", "background", "Why the panel looked."),
        ReportParagraph(
            "p2",
            "tor:t1",
            "Waits are too long.",
            notes=("n2", "n1"),
            evidence=("e1",),
            recommendations=("r1",),
        ),
    )
    review = replace(services.reviews.document(1), report=ReviewReport(paragraphs=paragraphs))
    content = build_report(review, made=MADE.date(), version="0.1", purpose=ReportPurpose.MEETING)
    return ReviewReport(
        title="Old review: report",
        paragraphs=paragraphs,
        versions=(ReportVersion("0.1", ReportPurpose.MEETING, MADE, content, "m1"),),
        comments=(ReportComment("0.1", "p2", "chair", "Say how long.", date(2026, 2, 3)),),
        considerations=(
            ReportConsideration("0.1", "p1", "m1", ConsiderationOutcome.AMENDED, "i1", "Why."),
        ),
        submitted_on=date(2026, 3, 1),
        submitted_to="Cabinet",
        response_months=3,
    )


def test_0012_reads_an_empty_report_takes_one_and_goes_down_and_up_again(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0011")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0011:
                    con.execute(text(row))
            engine.dispose()
            before = _old_rows(url)

            services = Services.open(target)  # upgrades to the head
            try:
                review = services.reviews.document(1)
                assert review.report == ReviewReport(), url
                (old,) = review.recommendations
                assert (old.response_due, old.responded_on, old.response_outcome) == (
                    None,
                    None,
                    None,
                )
                report = _report_of(services)
                with services.db.writing() as session:
                    insert_report(
                        session,
                        report,
                        1,
                        {
                            "members": {"chair": 1},
                            "meetings": {"m1": 1},
                            "items": {"i1": 1},
                            "notes": {"n1": 1, "n2": 2},
                            "evidence": {"e1": 1},
                            "recommendations": {"r1": 1},
                        },
                    )
                    session.execute(  # the new columns, not the row's version
                        text(
                            "UPDATE recommendations SET responded_on = '2026-04-01',"
                            " response_outcome = 'accepted' WHERE id = 1"
                        )
                    )
                stored = services.reviews.document(1)
                assert stored.report == report, url
                (responded,) = stored.recommendations
                assert (responded.responded_on, responded.response_outcome) == (
                    date(2026, 4, 1),
                    ResponseOutcome.ACCEPTED,
                )
                with services.db.writing() as session:  # a cited note deleted: citation gone
                    session.execute(text("DELETE FROM notes WHERE id = 2"))
                assert services.reviews.document(1).report.paragraphs[1].notes == ("n1",)
                with services.db.writing() as session:  # put back, as 0011 held it
                    session.execute(text(NOTE_2))
            finally:
                services.close()

            _migrate(url, "0011", down=True)
            engine = create_engine(url)
            assert not NEW_TABLES & set(inspect(engine).get_table_names()), url
            columns = {c["name"] for c in inspect(engine).get_columns("recommendations")}
            assert not {"response_due", "responded_on", "response_outcome"} & columns, url
            engine.dispose()
            assert _old_rows(url) == before

            _migrate(url, "head")
            services = Services.open(target)
            try:
                again = services.reviews.document(1)
                assert again.report == ReviewReport()
                assert again.recommendations[0].response_outcome is None
            finally:
                services.close()
    finally:
        postgres.drop(name)
