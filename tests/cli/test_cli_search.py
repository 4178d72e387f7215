"""`scrutiny-desk search REVIEW "TEXT" [--json]`, on a file database and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    target = str(tmp_path / "x.sqlite3")
    assert run(capsys, "--db", target, "sample")[0] == 0
    return target


def test_plain_output_groups_by_kind_and_marks_matches(capsys, db: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", db, "search", "1", "drug POL")
    assert code == 0 and err == ""
    lines = out.splitlines()
    headings = [line for line in lines if not line.startswith(" ")]
    assert headings[0].startswith("Notes (") and any(h.startswith("Evidence (") for h in headings)
    assert "**Police**" in out and "**drug**" in out
    assert "[CLOSED]" in out  # the clerk's search shows closed material, marked


def test_json_is_a_list_of_hits(capsys, db: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "--db", db, "search", "1", "treatment", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits and all(set(h) == {"kind", "key", "title", "text", "spans", "closed"} for h in hits)
    for hit in hits:
        for start, end in hit["spans"]:
            assert hit["text"][start:end].lower().startswith("treatment")
    kinds = [h["kind"] for h in hits]
    order = ["note", "evidence", "minute", "item", "witness", "recommendation"]
    assert kinds == sorted(kinds, key=order.index)


def test_nothing_found_hostile_text_and_unknown_review(capsys, db: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", db, "search", "1", "zzzqx")
    assert (code, out) == (0, "") and "Nothing matches" in err
    code, out, _ = run(capsys, "--db", db, "search", "1", '"NEAR(" AND * ^:', "--json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, _, err = run(capsys, "--db", db, "search", "99", "drug")
    assert code == 1 and "no review with id 99" in err
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "search", "x", "drug"])
    assert usage.value.code == 2


def test_search_on_postgresql(capsys, postgres) -> None:  # type: ignore[no-untyped-def]
    name = postgres.create()
    try:
        url = postgres.url(name)
        assert run(capsys, "--db", url, "sample")[0] == 0
        code, out, _ = run(capsys, "--db", url, "search", "1", "drug POL", "--json")
        assert code == 0 and json.loads(out)
    finally:
        postgres.drop(name)
