"""Migration 0011 (issue 16, format version 7) upgrades a database the release before
made, on both backends: the review reads in English for England, without Welsh titles,
a reason for urgency or reports; the new table then takes reports of both kinds, and
refuses one that is both or neither; down to 0010 every old row is as it was, and up
again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import create_engine, inspect, text

from scrutiny_desk.domain.enums import Country, PaperLanguage
from scrutiny_desk.domain.errors import ConflictError
from scrutiny_desk.domain.records import EvidenceFile, ItemReport
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import review_insert

from .old_schemas import at_revision
from .test_migrations import _migrate

PDF = EvidenceFile("r.pdf", "application/pdf", b"%PDF-1.4\n%%EOF\n")

OLD_0010 = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1, 5)",
    'INSERT INTO meetings (id, review_id, position, key, title, kind, start, "end", venue,'
    " status, uid, sequence, minutes_status, version) VALUES (1, 1, 0, 'm1', 'Old meeting',"
    " 'evidence', '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'Room 1', 'held',"
    " 'old-uid', 2, 'draft', 3)",
    "INSERT INTO agenda_items (id, review_id, meeting_id, position, key, title, kind,"
    " access, closed_reason, public_title, version) VALUES"
    " (1, 1, 1, 0, 'i1', 'Open item', 'report', 'open', NULL, NULL, 1),"
    " (2, 1, 1, 1, 'i2', 'Closed item', 'evidence', 'closed', 'Private', 'Business', 1)",
    "INSERT INTO evidence (id, review_id, position, key, title, kind, access, version)"
    " VALUES (1, 1, 0, 'e1', 'Survey', 'written', 'open', 1)",
)
"""A database the release before (0010) made: a meeting with an open and a closed
item, and a piece of evidence."""

OLD_ROWS = (
    "SELECT id, title, status, version FROM reviews",
    "SELECT id, key, title, sequence, version FROM meetings",
    "SELECT id, key, title, access, public_title, version FROM agenda_items ORDER BY id",
)


def _old_rows(url: str) -> list[list[tuple[object, ...]]]:
    engine = create_engine(url)
    with engine.connect() as con:
        rows = [[tuple(r) for r in con.execute(text(query))] for query in OLD_ROWS]
    engine.dispose()
    return rows


def test_0011_fills_the_defaults_takes_reports_and_goes_down_and_up_again(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0010")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0010:
                    con.execute(text(row))
            engine.dispose()
            before = _old_rows(url)

            services = Services.open(target)  # upgrades to the head
            try:
                review = services.reviews.document(1)
                assert (review.language, review.country) == (
                    PaperLanguage.ENGLISH,
                    Country.ENGLAND,
                ), url
                (meeting,) = review.meetings
                assert (meeting.title_cy, meeting.urgency) == (None, None)
                assert [(i.title_cy, i.public_title_cy, i.reports) for i in meeting.items] == [
                    (None, None, ()),
                    (None, None, ()),
                ]
                held = ItemReport("r1", "Report", PDF, late=True)
                of_evidence = ItemReport("r2", "Survey", evidence="e1")
                with services.db.writing() as session:
                    review_insert.insert_item_reports(
                        session, 1, [(1, (held,)), (2, (of_evidence,))]
                    )
                items = services.reviews.document(1).meetings[0].items
                assert [i.reports for i in items] == [(held,), (of_evidence,)]
                for bad in ("both", "neither"):
                    with pytest.raises(ConflictError), services.db.writing() as session:
                        row = review_insert.report_row(1, 1, 1, replace(held, key=bad), 1)
                        if bad == "neither":
                            row.update(content=None, evidence_id=None)
                        session.execute(
                            text(
                                "INSERT INTO item_reports (review_id, item_id, position, key,"
                                " title, late, evidence_id, content, version) VALUES"
                                " (:review_id, :item_id, :position, :key, :title, :late,"
                                " :evidence_id, :content, :version)"
                            ),
                            row,
                        )
            finally:
                services.close()

            _migrate(url, "0010", down=True)
            engine = create_engine(url)
            assert "item_reports" not in set(inspect(engine).get_table_names())
            for table, gone in (
                ("reviews", {"language", "country"}),
                ("meetings", {"title_cy", "urgency"}),
                ("agenda_items", {"title_cy", "public_title_cy"}),
            ):
                columns = {c["name"] for c in inspect(engine).get_columns(table)}
                assert not gone & columns, (table, url)
            engine.dispose()
            assert _old_rows(url) == before

            _migrate(url, "head")
            services = Services.open(target)
            try:
                again = services.reviews.document(1)
                assert again.language is PaperLanguage.ENGLISH
                assert all(i.reports == () for i in again.meetings[0].items)
            finally:
                services.close()
    finally:
        postgres.drop(name)
