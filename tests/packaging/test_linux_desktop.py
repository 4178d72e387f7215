"""`make install-desktop` puts the menu entry, the metainfo and the icon where Linux
desktops and software centres look for them, and what it installs validates: the entry
starts the program it was given, its icon name resolves to the installed icon, and the
metainfo names this version and carries a screenshot that is in the repository."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scrutiny_desk import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
PROGRAM = "/opt/scrutiny-desk/scrutiny-desk"
# AppStream 1.0 named the developer with <developer id=...>; Debian 12's appstreamcli
# (0.16) does not know the tag yet and says so as an info. Nothing else may be said.
KNOWN_INFOS = {"unknown-tag developer"}


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing (README's package list)"
    return path


def install(destdir: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "install-desktop", f"DESTDIR={destdir}", *settings],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destdir = tmp_path_factory.mktemp("destdir")
    done = install(destdir, "PREFIX=/usr", f"EXEC={PROGRAM}")
    assert done.returncode == 0, done.stderr
    return destdir / "usr" / "share"


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep case
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def appstream_problems(output: str) -> list[str]:
    """Every warning, error and unexpected info appstreamcli reported."""
    said = re.findall(r"^\s*([EWI]): \S+?: (.+)$", output, flags=re.MULTILINE)
    return [f"{level}: {what}" for level, what in said if what not in KNOWN_INFOS]


def test_each_file_goes_where_desktops_look(share: Path) -> None:
    installed = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert installed == [
        f"applications/{APP_ID}.desktop",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"metainfo/{APP_ID}.metainfo.xml",
    ]
    svg = ROOT / "resources" / "icons" / "scrutiny-desk.svg"
    assert (share / f"icons/hicolor/scalable/apps/{APP_ID}.svg").read_bytes() == svg.read_bytes()
    assert (share / f"metainfo/{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()


def test_the_installed_entry_starts_the_program_and_validates(share: Path) -> None:
    entry_file = share / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(entry_file)
    assert entry["Exec"] == PROGRAM  # absolute: a menu has no virtualenv's PATH
    assert entry["Icon"] == APP_ID
    done = subprocess.run(
        [tool("desktop-file-validate"), str(entry_file)], capture_output=True, text=True
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    # Everything else is the repository's entry, unchanged.
    source = desktop_entry(LINUX / f"{APP_ID}.desktop")
    assert {k: v for k, v in entry.items() if k != "Exec"} == {
        k: v for k, v in source.items() if k != "Exec"
    }


@pytest.mark.gui
def test_the_entrys_icon_name_resolves_to_the_installed_icon(share: Path, qapp: object) -> None:
    """Looked up as desktops look it up: the hicolor theme (whose index.theme lists
    scalable/apps) on a search path holding the installed share/icons."""
    from PySide6.QtGui import QIcon, QImage

    hicolor = Path("/usr/share/icons/hicolor/index.theme")
    assert hicolor.exists(), "hicolor-icon-theme is missing"
    assert re.search(r"^\[scalable/apps\]$", hicolor.read_text("utf-8"), re.MULTILINE)
    name = desktop_entry(share / "applications" / f"{APP_ID}.desktop")["Icon"]
    paths, theme = QIcon.themeSearchPaths(), QIcon.themeName()
    try:
        QIcon.setThemeSearchPaths([str(share / "icons"), str(hicolor.parent.parent)])
        QIcon.setThemeName("hicolor")
        found = QIcon.fromTheme(name)
        assert not found.isNull(), name
        drawn = found.pixmap(64, 64).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    finally:
        QIcon.setThemeSearchPaths(paths)
        QIcon.setThemeName(theme)
    installed = QIcon(str(share / f"icons/hicolor/scalable/apps/{name}.svg"))
    expected = installed.pixmap(64, 64).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert drawn == expected


def test_the_installed_tree_validates_with_appstream(share: Path) -> None:
    """validate-tree checks the metainfo and that the entry it launches is installed."""
    done = subprocess.run(
        [tool("appstreamcli"), "validate-tree", "--no-net", "--explain", str(share.parent)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert appstream_problems(done.stdout + done.stderr) == []


def test_the_metainfo_validates_with_no_warnings() -> None:
    done = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert appstream_problems(done.stdout + done.stderr) == []


def test_the_metainfo_names_this_version_and_a_screenshot_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    [shot] = root.findall("screenshots/screenshot")
    assert shot.get("type") == "default"
    assert (shot.findtext("caption") or "").strip()
    image = shot.find("image")
    assert image is not None and image.text is not None
    homepage = root.findtext("url[@type='homepage']")
    assert homepage is not None and image.text.startswith(homepage)
    assert homepage.startswith("https://")
    committed = ROOT / image.text.removeprefix(homepage)
    assert committed.is_file(), committed
    from PIL import Image

    with Image.open(committed) as png:
        assert png.format == "PNG"
        assert png.size == (int(image.get("width", 0)), int(image.get("height", 0)))
        assert len(png.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 200


def test_a_program_that_cannot_be_found_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no EXEC and no scrutiny-desk on PATH, nothing is installed and the message
    says what to pass; a relative program is refused too."""
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    done = install(tmp_path, "PREFIX=/usr", "EXEC=")
    assert done.returncode != 0
    assert "EXEC=/path/to/scrutiny-desk" in done.stderr
    done = install(tmp_path, "PREFIX=/usr", "EXEC=bin/scrutiny-desk")
    assert done.returncode != 0 and "absolute path" in done.stderr
    assert not any(tmp_path.rglob("*.desktop"))
