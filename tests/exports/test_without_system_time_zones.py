"""Windows has no system time-zone database: Python's zoneinfo then reads the ``tzdata``
package, a dependency on every platform (pyproject.toml, no platform marker).
Simulated here in a fresh interpreter whose ``PYTHONTZPATH`` points at an empty folder:
an agenda still prints a 14:00 London meeting at "2.00 pm", and it was ``tzdata`` that
said so (zoneinfo imports it only when no system file answers)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

AGENDA = textwrap.dedent(
    """
    import sys, zoneinfo
    from pathlib import Path
    assert zoneinfo.TZPATH == (sys.argv[2],), zoneinfo.TZPATH
    assert "tzdata" not in sys.modules
    from pypdf import PdfReader
    from scrutiny_desk.domain.views import Audience
    from scrutiny_desk.services.container import Services
    services = Services.open(sys.argv[1])
    review = services.reviews.import_sample()
    meeting = next(
        m for m in services.meetings.list(review) if m.start.strftime("%Y-%m-%d %H:%M")
        == "2006-11-20 14:00"
    )
    target = Path(sys.argv[1]).with_suffix(".pdf")
    path = services.exports.agenda(meeting.id, Audience.PUBLIC, target)
    print("\\n".join(page.extract_text() for page in PdfReader(path).pages))
    print("zones from:", sys.modules["tzdata"].__name__)
    """
)


def run_agenda(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir(exist_ok=True)
    environment = dict(os.environ)
    environment["PYTHONTZPATH"] = str(empty)
    environment["SCRUTINY_DESK_HOME"] = str(tmp_path / "home")
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT / "desktop"), str(ROOT)])
    database = tmp_path / "agenda.sqlite3"
    return subprocess.run(
        [sys.executable, "-c", AGENDA, str(database), str(empty)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_tzdata_is_a_dependency_on_every_platform() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (requirement,) = [d for d in project["project"]["dependencies"] if d.startswith("tzdata")]
    assert ";" not in requirement  # no platform marker: Windows gets it too


@pytest.mark.slow
def test_an_agenda_shows_london_time_with_no_system_time_zone_database(
    tmp_path: Path,
) -> None:
    done = run_agenda(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2.00 pm" in done.stdout
    assert done.stdout.rstrip().endswith("zones from: tzdata")
