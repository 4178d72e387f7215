"""Packaging files are valid, README and CI agree, and an installed wheel finds its
resources."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scrutiny_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: see README's package list)")
    return path


def test_desktop_file_is_valid() -> None:
    tool = _tool("desktop-file-validate")
    for entry in LINUX.glob("*.desktop"):
        done = subprocess.run([tool, str(entry)], capture_output=True, text=True, check=False)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_metainfo_is_valid() -> None:
    tool = _tool("appstreamcli")
    (metainfo,) = LINUX.glob("*.metainfo.xml")
    done = subprocess.run(
        [tool, "validate", "--no-net", str(metainfo)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_installs_exactly_the_readme_packages() -> None:
    readme = (ROOT / "README.md").read_text()
    listed = re.search(r"sudo apt-get install (.+)", readme)
    assert listed is not None
    ci = (ROOT / ".ci" / "run").read_text()
    in_ci = re.search(r'DEBIAN_PACKAGES="([^"]+)"', ci)
    assert in_ci is not None
    assert listed.group(1).split() == in_ci.group(1).split()
    assert "make test" in ci


def test_wheel_carries_resources_and_migrations(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if done.returncode != 0 and "No module named" in done.stderr:
        pytest.skip("setuptools/wheel are not in this environment")
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob(f"scrutiny_desk-{__version__}-*.whl")  # the package's version
    names = set(zipfile.ZipFile(wheel).namelist())
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), names
    for needed in (
        "scrutiny_desk/resources/samples/drugs-scrutiny.json",
        "scrutiny_desk/resources/schema/review-format-v1.schema.json",
        "scrutiny_desk/resources/schema/review-format-v3.schema.json",
        "scrutiny_desk/resources/schema/review-format-v4.schema.json",
        "scrutiny_desk/resources/schema/review-format-v5.schema.json",
        "scrutiny_desk/resources/schema/review-format-v6.schema.json",
        "scrutiny_desk/resources/schema/review-format-v7.schema.json",
        "scrutiny_desk/resources/schema/review-format-v8.schema.json",
        "scrutiny_desk/resources/schema/review-format-v9.schema.json",
        "scrutiny_desk/resources/help/guide.html",  # F1's user guide, with its pictures
        "scrutiny_desk/resources/help/images/live-notes.png",
        "scrutiny_desk/store/migrations/env.py",
        "scrutiny_desk/store/migrations/script.py.mako",
        "scrutiny_desk/store/migrations/versions/0001_initial_schema.py",
    ):
        assert needed in names, needed


def test_the_licence_is_shipped_everywhere() -> None:
    """GPL-3.0-or-later, as pyproject.toml declares: the text in the repository, and the
    bundle and the installer carry it (the wheel's is checked above)."""
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    spec = (ROOT / "packaging" / "pyinstaller" / "scrutiny-desk.spec").read_text("utf-8")
    assert '(str(ROOT / "LICENSE"), ".")' in spec
    iss = (ROOT / "packaging" / "windows" / "scrutiny-desk.iss").read_text("utf-8")
    assert "LicenseFile=..\\..\\LICENSE" in iss
