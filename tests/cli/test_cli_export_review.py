"""``scrutiny-desk export-review`` as a clerk runs it: the program, in its own process.

What it imports is what it needs (its whole process is timed in ``make bench``): not
the administration's commands, the papers' reading and views, the public projection
(a SQLite file has none) nor the checks that only reading a file runs. And the file
it streams (evidence and notes written as they are read) is the file ``export_bytes``
makes whole, approved minutes from before they were kept included.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from scrutiny_desk.services.container import Services

NOT_NEEDED = (
    "scrutiny_desk.cli_admin",
    "scrutiny_desk.services.admin",
    "scrutiny_desk.services.public_projection",
    "scrutiny_desk.services.publishing",
    "scrutiny_desk.store.meeting_papers",
    "scrutiny_desk.domain.tor_parse",
    "scrutiny_desk.domain.search_text",
    "scrutiny_desk.services.codec_records",
    "scrutiny_desk.services.codec_checks",
)


def test_export_review_imports_only_what_it_needs(sqlite_target: str, tmp_path: Path) -> None:
    services = Services.open(sqlite_target)
    try:
        review_id = services.reviews.import_sample()
        expected = services.reviews.export_bytes(review_id)
    finally:
        services.close()
    out = tmp_path / "review.json"
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), flush=True))\n"
        "from scrutiny_desk.__main__ import main\n"
        f"sys.argv = ['scrutiny-desk', '--db', {sqlite_target!r}, 'export-review', "
        f"'{review_id}', '-o', {str(out)!r}]\n"
        "main()\n"
    )
    env = dict(os.environ, SCRUTINY_DESK_HOME=str(tmp_path))
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "scrutiny_desk.services.reviews" in loaded  # it did export
    assert loaded.isdisjoint(NOT_NEEDED), sorted(loaded.intersection(NOT_NEEDED))
    assert out.read_bytes() == expected


def test_the_streamed_file_builds_approved_minutes_not_yet_kept(
    sqlite_target: str, tmp_path: Path
) -> None:
    """A database from before approved minutes were kept (schema 0007) has none: the
    file written a record at a time builds them (from the whole review, its streamed
    lists read whole), as ``export_bytes`` does."""
    services = Services.open(sqlite_target)
    try:
        review_id = services.reviews.import_sample()
    finally:
        services.close()
    with sqlite3.connect(sqlite_target) as con:
        assert con.execute("DELETE FROM minutes_snapshots WHERE history_id IS NULL").rowcount
    con.close()
    services = Services.open(sqlite_target)
    try:
        written = services.reviews.export_file(review_id, tmp_path / "review.json")
        assert written.read_bytes() == services.reviews.export_bytes(review_id)
        meetings = json.loads(written.read_bytes())["review"]["meetings"]
        approved = [m for m in meetings if m["minutes_status"] == "approved"]
        assert approved and all(m["minutes_snapshot"] is not None for m in approved)
    finally:
        services.close()
