"""The audit trail's writer (``store/audit.py``), on a SQLite file and on PostgreSQL:
a row for each record a write creates, changes or deletes, in the same transaction,
naming the database user and the fields changed but never their values; none for a
write that fails; one for a whole import; and a table the database keeps append-only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.witness_edits import WitnessChanges
from scrutiny_desk.store import orm
from scrutiny_desk.store.db import current_user

SECRET_NAME = "Persephone Quillfeather-Oduya"
SECRET_ORG = "Quillfeather Harm Reduction Trust"


def rows(services: Services, after: int = 0) -> list[dict[str, Any]]:
    with services.db.engine.connect() as con:
        found = con.execute(
            text("SELECT * FROM audit_log WHERE id > :after ORDER BY id"), {"after": after}
        )
        return [dict(r._mapping) for r in found]


def last_id(services: Services) -> int:
    with services.db.engine.connect() as con:
        return int(con.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one())


def session_user(services: Services) -> str:
    """Who the database says is connected: the OS account on a SQLite file."""
    if services.db.dialect == "sqlite":
        return current_user()
    with services.db.engine.connect() as con:
        return str(con.execute(text("SELECT session_user")).scalar_one())


@pytest.fixture
def services(db_target: str, sample_id: int) -> Iterator[Services]:
    opened = Services.open(db_target)
    yield opened
    opened.close()


def test_add_change_and_remove_a_witness_each_write_one_row_naming_the_user(
    services: Services, sample_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRUTINY_DESK_USER", "someone-else")  # never believed
    start = last_id(services)
    witness = services.witness_edits.add_witness(sample_id, SECRET_NAME, "Director")
    (created,) = rows(services, start)
    assert (created["action"], created["record_kind"], created["record_id"]) == (
        "created",
        "witnesses",
        witness.id,
    )
    assert created["review_id"] == sample_id
    assert created["actor"] == session_user(services) != "someone-else"

    mark = last_id(services)
    changed = services.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(organisation=SECRET_ORG, role="Chair")
    )
    (row,) = rows(services, mark)
    assert (row["action"], row["record_id"], row["detail"]) == (
        "changed",
        witness.id,
        "organisation, role",
    )

    mark = last_id(services)
    services.witness_edits.remove_witness(witness.id, changed.version)
    (row,) = rows(services, mark)
    assert (row["action"], row["record_kind"], row["record_id"], row["review_id"]) == (
        "deleted",
        "witnesses",
        witness.id,
        sample_id,
    )


def test_no_field_value_is_ever_written_to_the_trail(services: Services, sample_id: int) -> None:
    witness = services.witness_edits.add_witness(sample_id, SECRET_NAME, "Director")
    changed = services.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(organisation=SECRET_ORG)
    )
    term = services.reviews.terms_of_reference(sample_id)[0].key
    services.notes.capture(sample_id, f"{SECRET_NAME} said so", [term], witnesses=[witness.key])
    services.witness_edits.remove_witness(witness.id, changed.version)
    everything = " ".join(" ".join(str(v) for v in r.values()) for r in rows(services)).lower()
    for secret in (SECRET_NAME, "persephone", SECRET_ORG, "quillfeather", "director"):
        assert secret.lower() not in everything


def test_a_link_is_its_parents_change_and_a_note_appears_once(
    services: Services, sample_id: int
) -> None:
    witness = services.witness_edits.witnesses(sample_id)[0]
    term = services.reviews.terms_of_reference(sample_id)[0].key
    mark = last_id(services)
    note = services.notes.capture(sample_id, "Heard", [term], witnesses=[witness.key])
    # one row for the new note: its links to terms and witnesses are part of it
    assert [(r["action"], r["record_kind"], r["record_id"]) for r in rows(services, mark)] == [
        ("created", "notes", note.id)
    ]
    mark = last_id(services)
    services.witness_edits.remove_witness(witness.id, witness.version)
    found = {(r["action"], r["record_kind"], r["record_id"]): r for r in rows(services, mark)}
    assert found[("changed", "notes", note.id)]["detail"] == "witnesses"
    assert found[("changed", "notes", note.id)]["review_id"] == sample_id
    assert ("deleted", "witnesses", witness.id) in found
    # the neighbours that moved up the register are not recorded as changed
    assert not [r for r in found.values() if r["record_kind"] == "witnesses"][1:]


def test_a_failed_action_leaves_no_row(services: Services, sample_id: int) -> None:
    mark = last_id(services)
    witness = services.witness_edits.witnesses(sample_id)[0]
    with pytest.raises(ValidationError):
        services.witness_edits.update_witness(
            witness.id, witness.version, WitnessChanges(email="not an address")
        )
    with pytest.raises(RuntimeError), services.db.writing() as session:
        row = session.get(orm.WitnessRow, witness.id)
        assert row is not None
        row.organisation = "Changed then rolled back"
        session.flush()
        raise RuntimeError("the action fails after its rows were written")
    assert rows(services, mark) == []
    assert services.witness_edits.witness(witness.id).organisation == witness.organisation


def test_an_import_writes_one_row(db_target: str) -> None:
    services = Services.open(db_target)  # an empty database: the sample imports
    try:
        _one_import_row(services)
    finally:
        services.close()


def _one_import_row(services: Services) -> None:
    review_id = services.reviews.import_sample()
    (row,) = rows(services)
    assert (row["action"], row["record_kind"], row["record_id"], row["review_id"]) == (
        "imported",
        "reviews",
        review_id,
        review_id,
    )
    assert row["detail"] == "format version 9"
    assert row["actor"] == session_user(services)


def test_the_trail_refuses_update_and_delete(services: Services, sample_id: int) -> None:
    services.witness_edits.add_witness(sample_id, "Someone")
    before = rows(services)
    assert before
    for statement in (
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
    ):
        with pytest.raises(DBAPIError, match="append-only"), services.db.engine.begin() as con:
            con.execute(text(statement))
    assert rows(services) == before


@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)  # SQLite: the OS account
def test_on_postgresql_the_database_names_the_actor_whatever_the_client_says(
    services: Services, sample_id: int
) -> None:
    services.db.user = "mallory"  # a client claiming to be someone else
    mark = last_id(services)
    services.witness_edits.add_witness(sample_id, "Someone")
    (row,) = rows(services, mark)
    assert row["actor"] == session_user(services) != "mallory"


def test_read_sessions_and_sqlite_user_are_as_the_os_says(services: Services) -> None:
    mark = last_id(services)
    services.reviews.list()
    assert rows(services, mark) == []
    if services.db.dialect == "sqlite":
        import pwd

        assert services.db.user == pwd.getpwuid(os.getuid()).pw_name


def test_a_review_created_deleted_and_restored_is_one_row_each(
    services: Services, sample_id: int
) -> None:
    mark = last_id(services)
    made = services.review_edits.create_review("A new review")
    snapshot = services.review_edits.delete_review(
        sample_id, services.reviews.summary(sample_id).version
    )
    restored = services.review_edits.restore_review(snapshot)
    assert [
        (r["action"], r["record_kind"], r["record_id"], r["review_id"])
        for r in rows(services, mark)
    ] == [
        ("created", "reviews", made.id, made.id),
        ("deleted", "reviews", sample_id, sample_id),  # not a row per record it held
        ("created", "reviews", restored, restored),
    ]
