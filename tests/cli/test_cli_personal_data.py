"""`scrutiny-desk personal-data REVIEW [--json]` and `scrutiny-desk erase-witness
WITNESS [--review R] [--yes]`: the plan is printed and the clerk asked before anything
is erased; approved minutes are said to be kept; clear refusals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scrutiny_desk.cli import main
from scrutiny_desk.services.container import Services


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def _witness_name(path: str, key: str) -> str:
    services = Services.open(path)
    try:
        return services.witness_edits.find_witness(1, key).name
    finally:
        services.close()


def test_personal_data_lists_everyone_held(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "personal-data", "1"]) == 0
    out = capsys.readouterr().out
    assert "Drugs Scrutiny: personal data kept until six years after the review closes" in out
    assert "Director of Drugs Strategy" in out and "Peter Okafor" in out
    assert "1 approved minutes" in out


def test_personal_data_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "personal-data", "1", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["review"] == 1 and document["retention_until"] is None
    people = {p["person"]["key"]: p for p in document["people"]}
    assert len(people) == 12
    assert people["mps-drugs"]["approved_minutes"][0]["meeting_key"] == "ev1"
    assert people["okafor"]["person"]["kind"] == "officer"


def test_erase_witness_prints_the_plan_and_stops_unless_told(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert main(["--db", db, "erase-witness", "mps-drugs"]) == 1
    captured = capsys.readouterr()
    assert 'the name becomes "Witness 1"' in captured.out
    assert "Kept as approved: Approved minutes are a statutory record" in captured.out
    assert "- minutes of Evidence session 1: the MPS approach to drugs (22 January 2007)" in (
        captured.out
    )
    assert "Erasure cannot be undone" in captured.out
    assert "nothing was erased" in captured.err
    assert _witness_name(db, "mps-drugs") == "Director of Drugs Strategy"


def test_erase_witness_erases_when_the_clerk_types_erase(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("erase\n"))
    assert main(["--db", db, "erase-witness", "cps"]) == 0
    assert 'Erased: now "Witness 3"' in capsys.readouterr().out
    assert _witness_name(db, "cps") == "Witness 3"


def test_erase_witness_with_yes_and_by_id(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "erase-witness", "4", "--review", "1", "--yes"]) == 0
    assert 'Erased: now "Witness 4"' in capsys.readouterr().out
    assert main(["--db", db, "erase-witness", "probation", "--yes"]) == 1
    assert "is already erased" in capsys.readouterr().err


def test_erase_witness_refuses_what_it_cannot_find(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "erase-witness", "nobody", "--yes"]) == 1
    assert 'No review has a witness or attendee "nobody"' in capsys.readouterr().err
    assert main(["--db", db, "erase-witness", "nobody", "--review", "1", "--yes"]) == 1
    assert 'Review 1 has no witness or attendee "nobody"' in capsys.readouterr().err


def test_a_key_in_two_reviews_needs_the_review(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    services = Services.open(db)
    try:
        review = services.review_edits.create_review("Second")
        services.witness_edits.add_witness(review.id, "Someone Else", key="cps")
    finally:
        services.close()
    assert main(["--db", db, "erase-witness", "cps", "--yes"]) == 1
    assert '"cps" names someone in reviews 1, 2: give --review' in capsys.readouterr().err
    assert main(["--db", db, "erase-witness", "cps", "--review", "2", "--yes"]) == 0
    assert _witness_name(db, "cps") == "Head of Drugs Casework"
