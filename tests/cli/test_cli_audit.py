"""`scrutiny-desk audit REVIEW [--json] [--action A] [--user U] [--kind K] [--since
DATE]`, on a file database and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from scrutiny_desk.cli import main
from scrutiny_desk.cli_audit import ACTIONS
from scrutiny_desk.domain.audit_records import AuditAction
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.witness_edits import WitnessChanges
from scrutiny_desk.store.db import current_user


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def trail(db_target: str, sample_id: int, tmp_path: Path) -> tuple[str, int, str]:
    """The sample with a witness added and renamed, and its agenda exported: the
    database, the witness's id and the user the database names."""
    services = Services.open(db_target)
    try:
        added = services.witness_edits.add_witness(sample_id, "Dr Rowan Example")
        services.witness_edits.update_witness(added.id, added.version, WitnessChanges(role="GP"))
        ev1 = services.meeting_edits.find(sample_id, "ev1").id
        services.exports.agenda(ev1, "public", tmp_path / "agenda.pdf")  # type: ignore[arg-type]
        if services.db.dialect == "sqlite":
            user = current_user()
        else:
            with services.db.engine.connect() as con:
                user = str(con.execute(text("SELECT session_user")).scalar_one())
        return db_target, added.id, user
    finally:
        services.close()


def test_the_table_says_when_who_what_and_which_record(
    capsys: pytest.CaptureFixture[str], trail: tuple[str, int, str], sample_id: int
) -> None:
    db, _, user = trail
    code, out, err = run(capsys, "--db", db, "audit", str(sample_id))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["WHEN", "WHO", "ACTION", "WHAT", "DETAIL"]
    exported, changed, created = lines[1:4]
    assert " exported " in exported and "agenda for the public (pdf)" in exported
    assert 'meeting "' in exported
    assert changed.split()[3:6] == [user, "changed", "witness"]  # when: date, time, UTC
    assert changed.split()[6:] == ['"Dr', "Rowan", 'Example"', "role"]  # its name now, the field
    assert " created " in created and f"  {user}  " in created
    assert lines[-1].split()[4:6] == ["imported", "review"]
    assert lines[-1].endswith("format version 9")


def test_json_and_the_filters(
    capsys: pytest.CaptureFixture[str], trail: tuple[str, int, str], sample_id: int
) -> None:
    db, witness_id, user = trail
    code, out, _ = run(capsys, "--db", db, "audit", str(sample_id), "--json", "--kind", "witness")
    assert code == 0
    entries = json.loads(out)
    assert [(e["action"], e["record_id"], e["detail"]) for e in entries] == [
        ("changed", witness_id, "role"),
        ("created", witness_id, ""),
    ]
    assert entries[0]["kind"] == "witness" and entries[0]["label"] == "Dr Rowan Example"
    assert entries[0]["actor"] == user and entries[0]["review_id"] == sample_id
    assert datetime.fromisoformat(entries[0]["at"]).tzinfo is not None

    code, out, _ = run(
        capsys, "--db", db, "audit", str(sample_id), "--json", "--action", "exported"
    )
    (export,) = json.loads(out)
    assert export["detail"] == {"paper": "agenda", "audience": "public", "format": "pdf"}

    code, out, _ = run(capsys, "--db", db, "audit", str(sample_id), "--json", "--user", user)
    assert len(json.loads(out)) == 4  # imported, created, changed, exported
    code, out, _ = run(capsys, "--db", db, "audit", str(sample_id), "--user", "nobody")
    assert (code, out) == (0, "Nothing in the audit trail matches\n")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    code, out, _ = run(capsys, "--db", db, "audit", str(sample_id), "--json", "--since", tomorrow)
    assert json.loads(out) == []


def test_bad_arguments_and_an_unknown_review_are_refused(
    capsys: pytest.CaptureFixture[str], trail: tuple[str, int, str]
) -> None:
    db, _, _ = trail
    code, _, err = run(capsys, "--db", db, "audit", "999")
    assert code == 1 and "no review with id 999" in err
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db, "audit", "1", "--since", "yesterday"])
    assert stopped.value.code == 2
    assert "'yesterday' is not a date (YYYY-MM-DD)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "audit", "1", "--action", "edited"])
    assert "invalid choice: 'edited'" in capsys.readouterr().err


def test_the_parsers_actions_are_the_domains() -> None:
    assert tuple(a.value for a in AuditAction) == ACTIONS
