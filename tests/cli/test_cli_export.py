"""`scrutiny-desk export ...`: the right file, or a clear error and no partial file."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from scrutiny_desk.cli import main


def _undated(pdf: bytes) -> bytes:
    """A PDF without its creation and modification dates (the moment it was made)."""
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", pdf)


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def _meeting_id(db: str, key: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "list", "meetings", "--review", "1", "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)
    return str(next(m["id"] for m in meetings if m["key"] == key))


def _witness_id(db: str, key: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "list", "witnesses", "--review", "1", "--json"]) == 0
    return str(next(w["id"] for w in json.loads(capsys.readouterr().out) if w["key"] == key))


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_agenda_public_by_default_and_panel_on_request(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ev3 = _meeting_id(db, "ev3", capsys)
    public, panel = tmp_path / "public.pdf", tmp_path / "panel.pdf"
    assert main(["--db", db, "export", "agenda", ev3, "-o", str(public)]) == 0
    assert main(["--db", db, "export", "agenda", ev3, "--audience", "panel", "-o", str(panel)]) == 0
    assert "Wrote" in capsys.readouterr().err
    assert "Evidence from a former drug user" not in _text(public)
    assert "NOT FOR PUBLICATION" not in _text(public)
    assert "Evidence from a former drug user" in _text(panel)
    assert "NOT FOR PUBLICATION" in _text(panel)
    assert not list(tmp_path.glob(".*.part"))


def test_minutes_pdf(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "minutes.pdf"
    assert (
        main(["--db", db, "export", "minutes", _meeting_id(db, "recs", capsys), "-o", str(out)])
        == 0
    )
    assert "DRAFT - subject to approval" in _text(out)


@pytest.mark.parametrize(("key", "status"), [("ev2", "cancelled"), ("responses", "postponed")])
def test_a_meeting_that_did_not_take_place_has_no_minutes(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, status: str
) -> None:
    out = tmp_path / "minutes.pdf"
    meeting = _meeting_id(db, key, capsys)
    for audience in ("public", "panel"):
        code = main(
            ["--db", db, "export", "minutes", meeting, "--audience", audience, "-o", str(out)]
        )
        err = capsys.readouterr().err
        assert code == 1 and f"was {status}, so it has no minutes" in err
        assert "Traceback" not in err and not out.exists()


def test_approved_minutes_print_as_approved_whatever_changed_since(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI prints the kept record: a witness renamed since is not in it."""
    from scrutiny_desk.domain.people_records import WitnessChanges
    from scrutiny_desk.services.container import Services

    ev3 = _meeting_id(db, "ev3", capsys)
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    assert (
        main(["--db", db, "export", "minutes", ev3, "--audience", "panel", "-o", str(before)]) == 0
    )
    services = Services.open(db)
    try:
        cps = services.witness_edits.find_witness(1, "cps")
        services.witness_edits.update_witness(cps.id, cps.version, WitnessChanges(name="Renamed"))
    finally:
        services.close()
    assert (
        main(["--db", db, "export", "minutes", ev3, "--audience", "panel", "-o", str(after)]) == 0
    )
    # the same bytes but for when each was made
    assert _undated(after.read_bytes()) == _undated(before.read_bytes())
    assert "Approved" in _text(after) and "Renamed" not in _text(after)


def test_invite_cancellation_and_programme(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ev3, ev2 = _meeting_id(db, "ev3", capsys), _meeting_id(db, "ev2", capsys)
    invite, cancel = tmp_path / "invite.ics", tmp_path / "cancel.eml"
    assert main(["--db", db, "export", "invite", ev3, "-o", str(invite)]) == 0
    calendar = Calendar.from_ical(invite.read_bytes())
    assert calendar["METHOD"] == "REQUEST"
    assert main(["--db", db, "export", "cancellation", ev2, "-o", str(cancel)]) == 0
    assert b"X-Unsent: 1" in cancel.read_bytes()
    witness = _witness_id(db, "cps", capsys)
    mine = tmp_path / "witness.ics"
    assert main(["--db", db, "export", "invite", ev3, "--witness", witness, "-o", str(mine)]) == 0
    event = Calendar.from_ical(mine.read_bytes()).walk("VEVENT")[0]
    assert event["UID"] != calendar.walk("VEVENT")[0]["UID"]
    programme = tmp_path / "programme.ics"
    assert main(["--db", db, "export", "calendar", "1", "-o", str(programme)]) == 0
    assert len(Calendar.from_ical(programme.read_bytes()).walk("VEVENT")) == 8


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "cancellation", "{ev3}", "-o", "{tmp}/c.ics"], "not cancelled"),
        (["export", "invite", "{ev2}", "-o", "{tmp}/i.ics"], "is cancelled"),
        (["export", "invite", "{ev3}", "-o", "{tmp}/i.pdf"], ".ics"),
        (["export", "agenda", "999", "-o", "{tmp}/a.pdf"], "no meeting with id 999"),
        (["export", "agenda", "{ev3}", "-o", "{tmp}/missing/a.pdf"], "does not exist"),
        (["export", "calendar", "1", "-o", "{tmp}/p.txt"], ".ics file"),
    ],
)
def test_bad_exports_exit_1_and_leave_no_file(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    ids = {"ev3": _meeting_id(db, "ev3", capsys), "ev2": _meeting_id(db, "ev2", capsys)}
    filled = [a.format(tmp=tmp_path, **ids) for a in args]
    code = main(["--db", db, *filled])
    err = capsys.readouterr().err
    assert code == 1 and message in err and "Traceback" not in err
    assert not Path(filled[-1]).exists()
    assert not list(tmp_path.rglob(".*.part"))


def test_no_contact_email_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "ex.sqlite3")
    example = Path(__file__).parents[1] / "data" / "example-review-v1.json"
    assert main(["--db", db, "import", str(example)]) == 0
    capsys.readouterr()
    meeting = _meeting_id(db, "ev1", capsys)
    assert main(["--db", db, "export", "invite", meeting, "-o", str(tmp_path / "i.ics")]) == 1
    assert "contact officer's e-mail" in capsys.readouterr().err
    assert not (tmp_path / "i.ics").exists()


def test_read_only_destination_keeps_the_old_file(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"the clerk's old copy")
    real_access = os.access
    monkeypatch.setattr(
        "scrutiny_desk.services.files.os.access",
        lambda p, m: False if Path(p) == target else real_access(p, m),
    )
    code = main(["--db", db, "export", "agenda", _meeting_id(db, "ev3", capsys), "-o", str(target)])
    assert code == 1 and "read-only" in capsys.readouterr().err
    assert target.read_bytes() == b"the clerk's old copy"
    assert not list(tmp_path.glob(".*.part"))


def test_file_held_open_by_a_viewer(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a PDF open in a viewer; the message says what to do."""
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"open in a viewer")

    def refuse(_src: str, _dst: str) -> None:
        raise PermissionError(errno.EBUSY, "The process cannot access the file")

    monkeypatch.setattr("scrutiny_desk.services.files.os.replace", refuse)
    code = main(["--db", db, "export", "agenda", _meeting_id(db, "ev3", capsys), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "open in another program" in err
    assert target.read_bytes() == b"open in a viewer"
    assert not list(tmp_path.glob(".*.part"))
