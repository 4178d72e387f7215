"""Every migration upgrades a database that already holds data, on both backends."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from scrutiny_desk.services.container import Services
from scrutiny_desk.store import search_index
from scrutiny_desk.store.db import head_revision
from scrutiny_desk.store.orm import Base

from .old_schemas import at_revision, schema_0001_with_data


def test_upgrade_from_0001_keeps_data_and_fills_defaults(tmp_path, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            schema_0001_with_data(url)

            services = Services.open(target)
            try:
                with services.db.reading() as session:
                    revision = session.execute(text("SELECT version_num FROM alembic_version"))
                    assert revision.scalar() == head_revision()
                review = services.reviews.document(1)
                assert review.title == "Old review" and review.clear_days == 5
                assert review.witnesses[0].invitation.value == "to-invite"
                assert review.witnesses[0].private is False
                assert review.meetings[0].minutes_snapshot is None
                assert review.meetings[0].uid == "old-uid"
                # 0002 rebuilds the meetings table on SQLite: its items must survive that
                assert [(i.key, i.witnesses) for i in review.meetings[0].items] == [("i1", ("w1",))]
            finally:
                services.close()
    finally:
        postgres.drop(name)


def test_the_orm_matches_the_migrations_on_both_backends(tmp_path, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    try:
        for url in (f"sqlite:///{tmp_path / 'head.sqlite3'}", postgres.url(name)):
            at_revision(url, "head")
            engine = create_engine(url)
            with engine.connect() as connection:
                context = MigrationContext.configure(
                    connection,
                    opts={"compare_type": True, "include_object": search_index.include_object},
                )
                assert compare_metadata(context, Base.metadata) == [], url
            engine.dispose()
    finally:
        postgres.drop(name)


def test_upgrade_from_0002_keeps_the_witness_a_note_was_attributed_to(tmp_path, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    try:
        for target in (str(tmp_path / "old.sqlite3"), postgres.url(name)):
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0002")
            engine = create_engine(url)
            with engine.begin() as con:
                con.execute(
                    text(
                        "INSERT INTO reviews (id, title, status, timezone, has_contact, version,"
                        " clear_days) VALUES (1, 'Old review', 'scoping', 'Europe/London',"
                        " false, 1, 5)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO witnesses (id, review_id, position, key, name, version,"
                        " invitation, private) VALUES"
                        " (1, 1, 0, 'w1', 'First', 1, 'to-invite', false),"
                        " (2, 1, 1, 'w2', 'Second', 1, 'invited', false)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO tor_items (id, review_id, parent_id, position, key, text,"
                        " version) VALUES (1, 1, NULL, 0, 't1', 'Question', 1)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
                        " created_offset_minutes, witness_id, access, version) VALUES"
                        " (1, 1, 0, 'n1', 'From w2', '2026-01-05 14:30:00', 0, 2, 'open', 1),"
                        " (2, 1, 1, 'n2', 'From nobody', '2026-01-05 14:31:00', 0, NULL,"
                        " 'open', 1)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO note_tor (note_id, tor_id, position)"
                        " VALUES (1, 1, 0), (2, 1, 0)"
                    )
                )
            engine.dispose()

            services = Services.open(target)
            try:
                review = services.reviews.document(1)
                assert [(n.key, n.witnesses, n.tor) for n in review.notes] == [
                    ("n1", ("w2",), ("t1",)),
                    ("n2", (), ("t1",)),
                ]
            finally:
                services.close()
    finally:
        postgres.drop(name)


def test_upgrade_from_0005_stores_the_notes_of_closed_items_and_evidence_closed(
    tmp_path, postgres
) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create_empty()
    try:
        for target in (str(tmp_path / "old.sqlite3"), postgres.url(name)):
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0005")
            engine = create_engine(url)
            with engine.begin() as con:
                con.execute(
                    text(
                        "INSERT INTO reviews (id, title, status, timezone, has_contact, version,"
                        " clear_days) VALUES (1, 'Old review', 'scoping', 'Europe/London',"
                        " false, 1, 5)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO meetings (id, review_id, position, key, title, kind,"
                        ' start, "end", status, uid, sequence, minutes_status, version)'
                        " VALUES (1, 1, 0, 'm1', 'Old meeting', 'evidence',"
                        " '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'held', 'old-uid', 0,"
                        " 'none', 1)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO agenda_items (id, review_id, meeting_id, position, key,"
                        " title, kind, access, version) VALUES"
                        " (1, 1, 1, 0, 'i1', 'Closed item', 'evidence', 'closed', 1),"
                        " (2, 1, 1, 1, 'i2', 'Open item', 'evidence', 'open', 1)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO evidence (id, review_id, position, key, title, kind,"
                        " access, version) VALUES"
                        " (1, 1, 0, 'e1', 'Closed paper', 'written', 'closed', 1),"
                        " (2, 1, 1, 'e2', 'Open paper', 'written', 'open', 1)"
                    )
                )
                con.execute(
                    text(
                        "INSERT INTO notes (id, review_id, position, key, text, created_utc,"
                        " created_offset_minutes, item_id, evidence_id, access, version)"
                        " VALUES"
                        " (1, 1, 0, 'n1', 'In closed item', '2026-01-05 14:30:00', 0, 1, NULL,"
                        " 'open', 1),"
                        " (2, 1, 1, 'n2', 'On closed paper', '2026-01-05 14:31:00', 0, NULL, 1,"
                        " 'open', 1),"
                        " (3, 1, 2, 'n3', 'In open item', '2026-01-05 14:32:00', 0, 2, 2,"
                        " 'open', 1),"
                        " (4, 1, 3, 'n4', 'Marked closed', '2026-01-05 14:33:00', 0, 2, NULL,"
                        " 'closed', 1)"
                    )
                )
            engine.dispose()

            engine = create_engine(url)
            at_revision(url, "0006")
            with engine.connect() as con:
                stored = con.execute(text("SELECT key, access FROM notes ORDER BY key")).all()
            engine.dispose()
            assert [tuple(row) for row in stored] == [
                ("n1", "closed"),
                ("n2", "closed"),
                ("n3", "open"),
                ("n4", "closed"),
            ], url
    finally:
        postgres.drop(name)


def test_0007_folds_locking_into_approval_and_keeps_approved_minutes_at_first_read(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    """An approved-but-unlocked meeting counts as approved after 0007; its approved
    minutes are built from the data as it is the first time they are read, and kept."""
    from scrutiny_desk.domain.agenda_records import MinutesLockedError
    from scrutiny_desk.domain.people_records import WitnessChanges
    from scrutiny_desk.domain.views import Audience

    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0006")
            engine = create_engine(url)
            with engine.begin() as con:
                for sql in (
                    "INSERT INTO reviews (id, title, status, timezone, has_contact, version)"
                    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1)",
                    "INSERT INTO witnesses (id, review_id, position, key, name, version)"
                    " VALUES (1, 1, 0, 'w1', 'Dr Old Name', 1)",
                    "INSERT INTO meetings (id, review_id, position, key, title, kind,"
                    ' start, "end", status, uid, sequence, minutes_status,'
                    " minutes_approved_on, minutes_locked, version)"
                    " VALUES (1, 1, 0, 'm1', 'Old meeting', 'evidence',"
                    " '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'held', 'old-uid', 0,"
                    " 'approved', '2026-02-02', false, 1)",
                    "INSERT INTO agenda_items (id, review_id, meeting_id, position, key,"
                    " title, kind, access, minute, version)"
                    " VALUES (1, 1, 1, 0, 'i1', 'Old item', 'evidence', 'open',"
                    " 'The witness was heard.', 1)",
                    "INSERT INTO item_witnesses (item_id, witness_id, position) VALUES (1, 1, 0)",
                ):
                    con.execute(text(sql))
            engine.dispose()

            services = Services.open(target)
            try:
                with services.db.reading() as session:
                    columns = {
                        c["name"] for c in inspect(session.connection()).get_columns("meetings")
                    }
                assert "minutes_locked" not in columns
                minutes = services.minutes.minutes(1)
                assert minutes.locked and minutes.snapshot is None  # not built yet
                exported = json.loads(services.reviews.export_bytes(1))["review"]["meetings"][0]
                assert exported["minutes_snapshot"]["panel"]["items"][0]["minute"] == (
                    "The witness was heard."
                )
                item = services.agenda.get(1)
                with pytest.raises(MinutesLockedError, match="reopen the minutes first"):
                    services.minutes.set_minute(item.id, item.version, "Rewritten")
                panel = services.minutes.printed(1, Audience.PANEL)  # built and kept now
                assert [w.name for w in panel.items[0].witnesses] == ["Dr Old Name"]
                assert services.minutes.minutes(1).snapshot is not None
                witness = services.witness_edits.find_witness(1, "w1")
                services.witness_edits.update_witness(
                    witness.id, witness.version, WitnessChanges(name="Dr New Name")
                )
                assert services.minutes.printed(1, Audience.PANEL) == panel
                assert services.reviews.document(1).meetings[0].minutes_snapshot is not None
            finally:
                services.close()
    finally:
        postgres.drop(name)


OLD_0008 = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1, 5)",
    "INSERT INTO panel_members (id, review_id, position, key, name, role, email, version)"
    " VALUES (1, 1, 0, 'p1', 'Cllr Old', 'chair', 'old@example.org', 1)",
    "INSERT INTO witnesses (id, review_id, position, key, name, email, version, invitation,"
    " private) VALUES (1, 1, 0, 'w1', 'Old witness', 'w1@example.org', 1, 'invited', false)",
    'INSERT INTO meetings (id, review_id, position, key, title, kind, start, "end", venue,'
    " status, uid, sequence, minutes_status, version) VALUES (1, 1, 0, 'm1', 'Old meeting',"
    " 'evidence', '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'Room 1', 'scheduled',"
    " 'old-uid', 2, 'none', 3)",
    "INSERT INTO agenda_items (id, review_id, meeting_id, position, key, title, kind, access,"
    " version) VALUES (1, 1, 1, 0, 'i1', 'Old item', 'evidence', 'open', 1)",
    "INSERT INTO item_witnesses (item_id, witness_id, position) VALUES (1, 1, 0)",
    "INSERT INTO attendance (id, meeting_id, member_id, position, status, version)"
    " VALUES (1, 1, 1, 0, 'present', 1)",
)


def _migrate(url: str, revision: str, *, down: bool = False) -> None:
    from alembic import command

    from scrutiny_desk.store.db import alembic_config

    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _kept_0008(url: str) -> list[tuple[object, ...]]:
    """What 0008 held, read with plain SQL: every row must outlive 0009 both ways."""
    engine = create_engine(url)
    with engine.connect() as con:
        rows = [
            tuple(con.execute(text(sql)).one())
            for sql in (
                "SELECT title, status, clear_days, version FROM reviews",
                "SELECT key, name, role, email FROM panel_members",
                "SELECT key, name, invitation FROM witnesses",
                "SELECT key, title, venue, uid, sequence, version FROM meetings",
                "SELECT key, title FROM agenda_items",
                "SELECT item_id, witness_id FROM item_witnesses",
                "SELECT meeting_id, member_id, status FROM attendance",
            )
        ]
    engine.dispose()
    return rows


def test_0009_keeps_every_row_fills_defaults_and_goes_down_and_up_again(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    """A database made by the release before (0008): upgraded with a checked backup
    first, every row kept (SQLite rebuilds the reviews and meetings tables), the new
    setting on, no links and no register; the register then written and read back;
    downgraded to 0008 with the same rows; upgraded again."""
    from datetime import UTC, datetime

    from scrutiny_desk.domain.backup_records import BackupKind
    from scrutiny_desk.domain.invitation_records import (
        CalendarIssue,
        IssuedTo,
        IssueKind,
        PersonKind,
    )
    from scrutiny_desk.domain.people_records import ReviewChanges
    from scrutiny_desk.services.meetings import MeetingChanges
    from scrutiny_desk.store import backups, review_insert

    issued = (
        CalendarIssue(
            datetime(2026, 1, 2, 9, 0, tzinfo=UTC),
            "clerk",
            IssueKind.INVITATION,
            "old-uid",
            2,
            (
                IssuedTo(PersonKind.MEMBER, "p1", "Cllr Old", "old@example.org"),
                IssuedTo(PersonKind.WITNESS, "gone", "Removed witness", "gone@example.org"),
            ),
        ),
    )
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0008")  # the schema of the release before
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0008:
                    con.execute(text(row))
            engine.dispose()
            before = _kept_0008(url)

            services = Services.open(target)  # upgrades to the head
            try:
                assert _kept_0008(url) == before, url
                review = services.reviews.document(1)
                assert (review.web_page, review.calendar_public_titles) == (None, True)
                (meeting,) = review.meetings
                assert (meeting.joining_link, meeting.issued) == (None, ())
                assert [(a.member, a.status.value) for a in meeting.attendance] == [
                    ("p1", "present")
                ]
                with services.db.writing() as session:  # the register, as an issue writes it
                    review_insert.insert_registers(session, [(1, replace(meeting, issued=issued))])
                details = services.review_edits.details(1)
                services.review_edits.update_details(
                    1, details.version, ReviewChanges(web_page="https://example.org/old")
                )
                m1 = services.meetings.get(1)
                services.meeting_edits.edit_meeting(
                    1, m1.version, MeetingChanges(joining_link="https://meet.example.org/1")
                )
                again = services.reviews.document(1)
                assert again.meetings[0].issued == issued
                assert again.meetings[0].joining_link == "https://meet.example.org/1"
                assert again.web_page == "https://example.org/old"
            finally:
                services.close()
            if "://" not in target:  # the upgrade was taken a checked backup of first
                taken = backups.list_backups(backups.backups_folder(), Path(target))
                assert [b.revision for b in taken if b.kind is BackupKind.PRE_UPGRADE] == ["0008"]

            _migrate(url, "0008", down=True)
            engine = create_engine(url)
            tables = set(inspect(engine).get_table_names())
            columns = {c["name"] for c in inspect(engine).get_columns("meetings")}
            engine.dispose()
            assert not {"calendar_issues", "calendar_recipients"} & tables
            assert "joining_link" not in columns
            kept = _kept_0008(url)
            # Every row is still there; only what was edited since differs: the review's
            # version, and the meeting's SEQUENCE and version (its link changed, and the
            # review's web page, which its invitation carries).
            assert kept[0][:3] == before[0][:3] and kept[0][3] == before[0][3] + 1
            assert kept[3][:4] == before[3][:4] and kept[3][4] == before[3][4] + 2
            assert kept[1:3] + kept[4:] == before[1:3] + before[4:]

            _migrate(url, "head")
            services = Services.open(target)
            try:
                review = services.reviews.document(1)
                assert (review.web_page, review.calendar_public_titles) == (None, True)
                assert review.meetings[0].issued == () and review.meetings[0].key == "m1"
            finally:
                services.close()
    finally:
        postgres.drop(name)


OLD_0009 = (
    "INSERT INTO reviews (id, title, status, timezone, has_contact, version, clear_days)"
    " VALUES (1, 'Old review', 'evidence', 'Europe/London', false, 1, 5)",
    "INSERT INTO panel_members (id, review_id, position, key, name, role, email, version)"
    " VALUES (1, 1, 0, 'p1', 'Cllr Old', 'chair', 'old@example.org', 1)",
    'INSERT INTO meetings (id, review_id, position, key, title, kind, start, "end", venue,'
    " status, uid, sequence, minutes_status, version) VALUES (1, 1, 0, 'm1', 'Old meeting',"
    " 'evidence', '2026-01-05 14:00:00', '2026-01-05 16:00:00', 'Room 1', 'held',"
    " 'old-uid', 2, 'draft', 3)",
    "INSERT INTO attendance (id, meeting_id, member_id, position, status, version)"
    " VALUES (1, 1, 1, 0, 'present', 1)",
    *(
        "INSERT INTO agenda_items (id, review_id, meeting_id, position, key, title, kind,"
        f" access, version) VALUES ({n}, 1, 1, {n}, 'i{n}', '{title}', '{kind}', 'open', 1)"
        for n, (title, kind) in enumerate(
            (
                ("Apologies for absence", "procedural"),
                ("  DECLARATIONS OF INTEREST ", "procedural"),
                ("Declaration by members of interests", "procedural"),
                ("Minutes of the last meeting, 5 December", "procedural"),
                ("Minutes of the previous meeting", "report"),  # not procedural
                ("Matters arising", "procedural"),
                ("Apologies, and the chair''s welcome", "evidence"),
            ),
            start=1,
        )
    ),
)
"""A database the release before (0009) made: items with the standard items' titles,
of the procedural kind or not."""


def test_0010_marks_standard_items_by_title_fills_defaults_and_goes_down_and_up_again(  # type: ignore[no-untyped-def]
    tmp_path, postgres
) -> None:
    """A database made by 0009, upgraded: its procedural items with the standard titles
    (trimmed, in any case) are marked as the import of an old file marks them
    (``procedure.standard_item_for``), the review gets quorum 3, numbering on and 1 May,
    nobody arrives late or leaves early; the new tables then take a resolution with a
    vote, a substitute and a declaration; downgraded to 0009 the old rows are as they
    were; upgraded again."""
    from scrutiny_desk.domain.enums import AttendeeKind, InterestCategory, ItemKind, VoteChoice
    from scrutiny_desk.domain.procedure import named_vote, standard_item_for
    from scrutiny_desk.domain.records import (
        MAY_DAY,
        Attendee,
        Declaration,
        Interest,
        Resolution,
    )
    from scrutiny_desk.store import procedure_insert

    expected = {
        "i1": "apologies",
        "i2": "declarations",
        "i3": "declarations",
        "i4": "previous-minutes",
        "i5": None,
        "i6": None,
        "i7": None,
    }
    name = postgres.create_empty()
    targets = [str(tmp_path / "old.sqlite3"), postgres.url(name)]
    try:
        for target in targets:
            url = target if "://" in target else f"sqlite:///{target}"
            at_revision(url, "0009")
            engine = create_engine(url)
            with engine.begin() as con:
                for row in OLD_0009:
                    con.execute(text(row))
            engine.dispose()

            services = Services.open(target)  # upgrades to the head
            try:
                review = services.reviews.document(1)
                assert (review.quorum, review.minute_numbers, review.year_start) == (
                    3,
                    True,
                    MAY_DAY,
                )
                (meeting,) = review.meetings
                marks = {i.key: i.standard and i.standard.value for i in meeting.items}
                assert marks == expected, url
                # the migration's LIKE patterns and the import's rule agree
                assert marks == {
                    i.key: (s := standard_item_for(i.title, i.kind)) and s.value
                    for i in meeting.items
                }
                assert [(a.arrived, a.left) for a in meeting.attendance] == [(None, None)]
                assert (meeting.began, meeting.ended, meeting.attendees) == (None, None, ())
                assert meeting.items[4].kind is ItemKind.REPORT
                sub = Attendee("s1", AttendeeKind.SUBSTITUTE, "Cllr Sub", substitute_for="p1")
                stored = replace(
                    review,
                    interests=(Interest("p1", "Trustee", InterestCategory.OTHER_REGISTRABLE),),
                    meetings=(
                        replace(
                            meeting,
                            attendees=(sub,),
                            declarations=(
                                Declaration(
                                    "s1", "i6", "Employer", InterestCategory.DISCLOSABLE_PECUNIARY
                                ),
                            ),
                            items=tuple(
                                replace(
                                    i,
                                    resolutions=(
                                        Resolution(
                                            "That the minutes be agreed.",
                                            named_vote(
                                                [("p1", VoteChoice.FOR), ("s1", VoteChoice.FOR)]
                                            ),
                                        ),
                                    ),
                                )
                                if i.key == "i4"
                                else i
                                for i in meeting.items
                            ),
                        ),
                    ),
                )
                with services.db.writing() as session:
                    procedure_insert.insert_procedure(
                        session, stored, 1, {"p1": 1}, {"m1": 1}, {f"i{n}": n for n in range(1, 8)}
                    )
                assert services.reviews.document(1) == stored
            finally:
                services.close()

            _migrate(url, "0009", down=True)
            engine = create_engine(url)
            tables = set(inspect(engine).get_table_names())
            columns = {c["name"] for c in inspect(engine).get_columns("agenda_items")}
            with engine.connect() as con:
                titles = con.execute(text("SELECT key, title, kind FROM agenda_items")).all()
            engine.dispose()
            assert (
                not {
                    "member_interests",
                    "meeting_attendees",
                    "declarations",
                    "resolutions",
                    "vote_casts",
                }
                & tables
            )
            assert "standard" not in columns
            assert len(titles) == 7

            _migrate(url, "head")
            services = Services.open(target)
            try:
                again = services.reviews.document(1)
                marks = {i.key: i.standard and i.standard.value for i in again.meetings[0].items}
                assert marks == expected
                assert again.interests == () and again.meetings[0].attendees == ()
            finally:
                services.close()
    finally:
        postgres.drop(name)
