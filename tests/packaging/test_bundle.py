"""The one-folder bundle a clerk's PC gets: built from the spec as `make bundle` builds
it, then its programs run as a clerk's PC would run them, with no Python and no system
time-zone database (``PYTHONTZPATH`` pointing at an empty folder, as on Windows): the
console program for the command line, and the windowed program on a real X display
(Xvfb), screenshot and closed as its close button would.

Slow (a build takes about a minute, built once for the whole module), so in the
``slow`` group `make test` still runs.
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
PROBE = Path(__file__).with_name("window_probe.py")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The built bundle's folder, holding ``scrutiny-desk`` and ``scrutiny-desk-cli``."""
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
    yield work / "dist" / "scrutiny-desk"


@pytest.fixture(scope="module")
def program(bundle: Path) -> Path:
    """The console program: the command line of a bundle (the windowed one has no
    stdout on Windows)."""
    return bundle / "scrutiny-desk-cli"


@pytest.fixture(scope="module")
def sample_home(program: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh SCRUTINY_DESK_HOME whose database holds the sample review, loaded by
    the bundle's console program."""
    home = tmp_path_factory.mktemp("sample-home")
    loaded = run(program, home, "sample")
    assert loaded.returncode == 0, loaded.stderr
    return home


def clerk_environment(home: Path) -> dict[str, str]:
    """A PC with no Python and no time-zone database, Scrutiny Desk's files in home."""
    no_zones = home / "no-zoneinfo"
    no_zones.mkdir(exist_ok=True)
    runtime = home / "runtime"  # Qt wants a private XDG_RUNTIME_DIR
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "SCRUTINY_DESK_HOME": str(home),
        "PYTHONTZPATH": str(no_zones),
        "XDG_RUNTIME_DIR": str(runtime),
    }


def run(program: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The bundled program, as on a PC with no Python and no time-zone database."""
    database = str(home / "desk.sqlite3")
    return subprocess.run(
        [str(program), "--db", database, *args],
        capture_output=True,
        text=True,
        env={**clerk_environment(home), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )


def test_the_bundle_has_a_windowed_and_a_console_program(bundle: Path) -> None:
    for name in ("scrutiny-desk", "scrutiny-desk-cli"):
        assert os.access(bundle / name, os.X_OK), name
    # One folder: both programs share the one _internal (nothing is collected twice).
    assert [p.name for p in bundle.iterdir() if p.is_dir()] == ["_internal"]


def test_the_bundle_says_its_version(program: Path, tmp_path: Path) -> None:
    done = run(program, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"scrutiny-desk {__version__}"
    licence = program.parent / "_internal" / "LICENSE"  # PyInstaller 6 keeps data there
    assert "GNU GENERAL PUBLIC LICENSE" in licence.read_text("utf-8")


def test_the_bundle_loads_the_sample_and_prints_its_papers(
    program: Path, sample_home: Path, tmp_path: Path
) -> None:
    listed = run(program, sample_home, "list", "meetings", "--review", "1", "--json")
    assert listed.returncode == 0, listed.stderr
    meetings = {m["key"]: m for m in json.loads(listed.stdout)}
    assert len(meetings) == 8
    ev3 = str(meetings["ev3"]["id"])

    # The holidays package's translations and tzdata's zones travel in the bundle: the
    # agenda counts clear days round bank holidays and prints London's local times.
    agenda = tmp_path / "agenda.pdf"
    done = run(program, sample_home, "export", "agenda", ev3, "-o", str(agenda))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(agenda)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    assert "NOTICE OF MEETING" in text
    assert "Evidence session 3: criminal justice and treatment" in text
    assert "2.00 pm" in text  # 13:00 UTC in summer time: London's clock, not UTC

    invite = tmp_path / "invite.ics"
    done = run(program, sample_home, "export", "invite", ev3, "-o", str(invite))
    assert done.returncode == 0, done.stderr
    calendar = icalendar.Calendar.from_ical(invite.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert (
        str(event["SUMMARY"])
        == "Drugs Scrutiny: Evidence session 3: criminal justice and treatment"
    )


def test_the_bundle_publishes_accessible_html_and_tagged_pdf(
    program: Path, sample_home: Path, tmp_path: Path
) -> None:
    """WeasyPrint, Pango and the papers' data files travel in the bundle: the console
    program publishes a meeting and the review as HTML and tagged PDF."""
    listed = run(program, sample_home, "list", "meetings", "--review", "1", "--json")
    ev3 = str({m["key"]: m for m in json.loads(listed.stdout)}["ev3"]["id"])
    done = run(program, sample_home, "export", "publish", ev3, "-o", str(tmp_path / "ev3"))
    assert done.returncode == 0, done.stderr
    done = run(program, sample_home, "export", "publish-review", "1", "-o", str(tmp_path / "r"))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "ev3" / "agenda.html").read_text("utf-8")
    assert '<html lang="en-GB">' in html
    assert "Evidence session 3: criminal justice and treatment" in html
    for pdf in (tmp_path / "ev3" / "agenda.pdf", tmp_path / "r" / "action-plan.pdf"):
        reader = PdfReader(pdf)
        assert "/StructTreeRoot" in reader.trailer["/Root"], pdf
        assert len(reader.pages) >= 1


def test_the_bundled_window_shows_the_sample_on_a_real_display(
    bundle: Path, sample_home: Path, tmp_path: Path
) -> None:
    """The windowed program under Xvfb (Qt's xcb platform, as on a desktop): its main
    window names the sample review, its screenshot is the Meetings page (not a blank
    window), and asked to close as its close button asks, it exits cleanly."""
    for tool in ("xvfb-run", "xwininfo"):
        assert shutil.which(tool), f"{tool} is missing (README's package list)"
    png = tmp_path / "bundled-window.png"
    probed = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            sys.executable,
            str(PROBE),
            str(bundle / "scrutiny-desk"),
            str(sample_home / "desk.sqlite3"),
            str(png),
        ],
        capture_output=True,
        text=True,
        env=clerk_environment(sample_home),
        timeout=240,
        check=False,
    )
    assert probed.returncode == 0, probed.stderr[-3000:]
    seen = json.loads(probed.stdout.strip().splitlines()[-1])
    assert seen["title"] == "Scrutiny Desk — Drugs Scrutiny", seen
    # A blank or unpainted window has a handful of colours; the Meetings page's list,
    # agenda and anti-aliased text have hundreds.
    assert seen["colours"] > 200, seen
    assert png.stat().st_size > 20_000
    assert seen["exit_code"] == 0, seen["stderr"]
    assert "Traceback" not in seen["stderr"], seen["stderr"]
