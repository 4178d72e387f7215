"""The shared fixtures' own promises: a database given with the sample holds exactly
what the app's import of the sample makes, and a changed sample is never served from
a copy of the old one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny_desk.services.container import Services
from tests import conftest
from tests.conftest import SampleFiles


def test_a_database_given_with_the_sample_is_what_importing_it_makes(
    services: Services, sample_id: int, sqlite_template: Path, tmp_path: Path
) -> None:
    fresh_path = tmp_path / "fresh.sqlite3"
    fresh_path.write_bytes(sqlite_template.read_bytes())
    fresh = Services.open(str(fresh_path))
    try:
        imported = fresh.reviews.import_sample()
        expected = fresh.reviews.export_bytes(imported)
    finally:
        fresh.close()
    assert [r.id for r in services.reviews.list()] == [sample_id]
    assert services.reviews.export_bytes(sample_id) == expected


def test_a_changed_sample_is_imported_afresh(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = conftest.sample_bytes()
    changed = json.loads(shipped)
    changed["review"]["title"] = "A title changed while the session runs"
    current = {"data": shipped}
    monkeypatch.setattr(conftest, "sample_bytes", lambda: current["data"])
    files = SampleFiles(sqlite_template, tmp_path)

    def title_in_copy(name: str) -> str:
        review_id = files.copy_to(tmp_path / name)
        opened = Services.open(str(tmp_path / name))
        try:
            return opened.reviews.document(review_id).title
        finally:
            opened.close()

    first = title_in_copy("first.sqlite3")
    current["data"] = json.dumps(changed).encode("utf-8")
    assert title_in_copy("second.sqlite3") == "A title changed while the session runs"
    assert first != "A title changed while the session runs"
