"""What ``scrutiny-desk export-review`` does before and besides writing the file (issue 13).

Its whole process is timed in ``make bench`` against plain sqlite3 reads and a
``json.dump``. So it reads the review with plain columns, configuring no mapper (some
17 ms of its process: an ORM statement, or an ``aliased()`` entity made at import,
configures every one first), and a review with no approved minutes and no report
imports neither the papers' views nor the agenda's records: writing it needs none.
Each test runs the program in a fresh interpreter, as a clerk runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from scrutiny_desk.domain.enums import MeetingKind
from scrutiny_desk.domain.records import AgendaItem, Meeting, Review
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

PAPERS_ONLY = (
    "scrutiny_desk.domain.views",
    "scrutiny_desk.domain.report_views",
    "scrutiny_desk.domain.agenda_records",
    "scrutiny_desk.domain.procedure_records",
)
"""What a review's file needs only for approved minutes or a report."""


def _export(target: str, review_id: int, out: Path, home: Path) -> dict[str, object]:
    """The program's export of ``review_id`` to ``out``: what it imported, and whether
    any mapper was configured, when it ended."""
    script = (
        "import atexit, json, sys\n"
        "def _said():\n"
        "    from scrutiny_desk.store.orm import Base\n"
        "    configured = any(m.configured for m in Base.registry.mappers)\n"
        "    print(json.dumps({'modules': sorted(sys.modules), 'configured': configured}),"
        " flush=True)\n"
        "atexit.register(_said)\n"
        "from scrutiny_desk.__main__ import main\n"
        f"sys.argv = ['scrutiny-desk', '--db', {target!r}, 'export-review', "
        f"'{review_id}', '-o', {str(out)!r}]\n"
        "main()\n"
    )
    env = dict(os.environ, SCRUTINY_DESK_HOME=str(home))
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    said: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return said


def test_export_review_configures_no_mapper(sqlite_target: str, tmp_path: Path) -> None:
    """The sample has approved minutes, a report, votes, declarations and attendees:
    every read of the whole review runs."""
    services = Services.open(sqlite_target)
    try:
        review_id = services.reviews.import_sample()
        expected = services.reviews.export_bytes(review_id)
    finally:
        services.close()
    out = tmp_path / "review.json"
    said = _export(sqlite_target, review_id, out, tmp_path)
    assert said["configured"] is False
    assert out.read_bytes() == expected


def test_a_review_without_papers_is_written_without_their_views(
    sqlite_target: str, tmp_path: Path
) -> None:
    review = Review(
        title="Plain review",
        meetings=(
            Meeting(
                "m1",
                "First meeting",
                MeetingKind.EVIDENCE,
                datetime(2026, 3, 2, 10, 0),
                datetime(2026, 3, 2, 12, 0),
                items=(AgendaItem("i1", "Evidence from the council"),),
            ),
        ),
    )
    services = Services.open(sqlite_target)
    try:
        review_id = services.reviews.import_bytes(codec.encode(review))
        expected = services.reviews.export_bytes(review_id)
    finally:
        services.close()
    out = tmp_path / "review.json"
    said = _export(sqlite_target, review_id, out, tmp_path)
    loaded = set(said["modules"])  # type: ignore[call-overload]
    assert "scrutiny_desk.services.reviews" in loaded  # it did export
    assert loaded.isdisjoint(PAPERS_ONLY), sorted(loaded.intersection(PAPERS_ONLY))
    assert out.read_bytes() == expected
