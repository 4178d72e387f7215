"""The one-folder bundle a clerk's PC gets: built from the spec as `make bundle` builds
it, then its program run as a clerk's PC would run it, with no Python and no system
time-zone database (``PYTHONTZPATH`` pointing at an empty folder, as on Windows).

Slow (a build takes about a minute), so in the ``slow`` group `make test` still runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

from scrutiny_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "scrutiny-desk.spec"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    assert shutil.which("objdump"), "PyInstaller needs binutils (README's package list)"
    work = tmp_path_factory.mktemp("bundle")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    yield work / "dist" / "scrutiny-desk" / "scrutiny-desk"


def run(program: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The bundled program, as on a PC with no Python and no time-zone database."""
    no_zones = home / "no-zoneinfo"
    no_zones.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "SCRUTINY_DESK_HOME": str(home),
        "PYTHONTZPATH": str(no_zones),
        "QT_QPA_PLATFORM": "offscreen",
    }
    database = str(home / "desk.sqlite3")
    return subprocess.run(
        [str(program), "--db", database, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_bundle_says_its_version(program: Path, tmp_path: Path) -> None:
    done = run(program, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"scrutiny-desk {__version__}"
    assert os.access(program, os.X_OK)
    licence = program.parent / "_internal" / "LICENSE"  # PyInstaller 6 keeps data there
    assert "GNU GENERAL PUBLIC LICENSE" in licence.read_text("utf-8")


def test_the_bundle_loads_the_sample_and_prints_its_papers(program: Path, tmp_path: Path) -> None:
    loaded = run(program, tmp_path, "sample")
    assert loaded.returncode == 0, loaded.stderr
    listed = run(program, tmp_path, "list", "meetings", "--review", "1", "--json")
    assert listed.returncode == 0, listed.stderr
    meetings = {m["key"]: m for m in json.loads(listed.stdout)}
    assert len(meetings) == 8
    ev3 = str(meetings["ev3"]["id"])

    # The holidays package's translations and tzdata's zones travel in the bundle: the
    # agenda counts clear days round bank holidays and prints London's local times.
    agenda = tmp_path / "agenda.pdf"
    done = run(program, tmp_path, "export", "agenda", ev3, "-o", str(agenda))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(agenda)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    assert "NOTICE OF MEETING" in text
    assert "Evidence session 3: criminal justice and treatment" in text
    assert "2.00 pm" in text  # 13:00 UTC in summer time: London's clock, not UTC

    invite = tmp_path / "invite.ics"
    done = run(program, tmp_path, "export", "invite", ev3, "-o", str(invite))
    assert done.returncode == 0, done.stderr
    calendar = icalendar.Calendar.from_ical(invite.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert (
        str(event["SUMMARY"])
        == "Drugs Scrutiny: Evidence session 3: criminal justice and treatment"
    )
