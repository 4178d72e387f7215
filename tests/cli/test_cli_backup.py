"""scrutiny-desk backup, backups and restore."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scrutiny_desk.cli import main
from scrutiny_desk.paths import backup_dir
from scrutiny_desk.services.container import Services


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_restore_brings_back_exactly_the_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "clerk.sqlite3")
    assert run(capsys, "--db", db, "sample")[0] == 0
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    assert run(capsys, "--db", db, "export-review", "1", "-o", str(before))[0] == 0

    code, out, _ = run(capsys, "--db", db, "backup")
    written = Path(out.strip())
    assert code == 0 and written.parent == backup_dir() and written.is_file()
    assert written.name.startswith("clerk-") and written.name.endswith("-on-demand.sqlite3")

    # Change the data: the review goes, another comes.
    services = Services.open(db)
    try:
        services.reviews.delete(1)
        services.review_edits.create_review("Town centre parking", "Place Panel")
    finally:
        services.close()
    code, out, _ = run(capsys, "--db", db, "list", "reviews", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Town centre parking"]

    code, out, err = run(capsys, "--db", db, "restore", str(written))
    assert code == 0, err
    assert out == f"Restored {written} into {db}\n"
    assert "before-restore" in err
    code, out, _ = run(capsys, "--db", db, "list", "reviews", "--json")
    assert len(json.loads(out)) == 1
    assert run(capsys, "--db", db, "export-review", "1", "-o", str(after))[0] == 0
    assert after.read_bytes() == before.read_bytes()

    code, out, _ = run(capsys, "--db", db, "backups", "--json")
    listed = sorted((b["kind"], b["reviews"], b["meetings"]) for b in json.loads(out))
    assert listed == [("before-restore", 1, 0), ("on-demand", 1, 8)]


def test_restore_refuses_a_file_that_is_not_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "clerk.sqlite3"
    run(capsys, "--db", str(db), "sample")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("These are my notes, not a database.\n" * 5)
    code, out, err = run(capsys, "--db", str(db), "restore", str(notes))
    assert (code, out) == (1, "")
    assert err == f"scrutiny-desk: {notes} is not a Scrutiny Desk database (not an SQLite file)\n"
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert not backup_dir().exists() or list(backup_dir().iterdir()) == []


def test_restore_repairs_a_database_too_damaged_to_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "clerk.sqlite3"
    run(capsys, "--db", str(db), "sample")
    code, out, _ = run(capsys, "--db", str(db), "backup", "--folder", str(tmp_path / "b"))
    written = Path(out.strip())
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"clerk.sqlite3{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"\x00garbage" * 4096)
    code, _, err = run(capsys, "--db", str(db), "list", "reviews")
    assert code == 1 and "not a Scrutiny Desk database" in err

    code, out, err = run(
        capsys, "--db", str(db), "restore", str(written), "--folder", str(tmp_path / "b")
    )
    assert code == 0, err
    assert "damaged database was kept as" in err
    code, out, _ = run(capsys, "--db", str(db), "list", "reviews", "--json")
    assert code == 0 and len(json.loads(out)) == 1


def test_an_interrupted_upgrade_and_a_network_share_are_told_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "clerk.sqlite3"
    run(capsys, "--db", str(db), "sample")
    opened = Services.open

    def open_interrupted(target: str | None = None) -> Services:
        services = opened(target)
        services.db.interrupted_upgrade = {
            "backup": "/backups/clerk-2026-12-06T111500-pre-upgrade-0005.sqlite3",
            "from": "0005",
            "started": "2026-12-06T11:15:00",
        }
        return services

    monkeypatch.setattr(Services, "open", open_interrupted)
    monkeypatch.setattr(
        "scrutiny_desk.services.backups.network_share",
        lambda _path, _mountinfo: "a cifs network share mounted at /mnt/council",
    )
    code, out, err = run(capsys, "--db", str(db), "list", "reviews", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    warning, note = err.splitlines()
    assert warning.startswith(f"scrutiny-desk: warning: The database {db} is on a cifs network")
    assert "PostgreSQL" in warning
    assert note.startswith(
        "scrutiny-desk: note: the last upgrade of this database (from schema 0005, started "
        "2026-12-06T11:15:00) was interrupted; the database was rolled back"
    )
    assert note.endswith(
        "scrutiny-desk restore /backups/clerk-2026-12-06T111500-pre-upgrade-0005.sqlite3"
    )
