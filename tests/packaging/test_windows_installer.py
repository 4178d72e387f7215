"""The Windows installer and the bundle's two programs, as far as Linux can check
them: PyInstaller cannot build for Windows here and Inno Setup cannot run here, so
these tests read the settings out of the Inno Setup script and the PyInstaller spec
and check each one the issue asks for, and check the version resource PyInstaller will
write on Windows by loading it with PyInstaller's own code.
"""

from __future__ import annotations

import ast
import importlib.util
import ntpath
import re
import sys
import types
from pathlib import Path, PureWindowsPath

import pytest

from scrutiny_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "scrutiny-desk.iss"
SPEC = ROOT / "packaging" / "pyinstaller" / "scrutiny-desk.spec"
ICO = ROOT / "resources" / "icons" / "scrutiny-desk.ico"
ENTRY_PARAM = re.compile(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)')


def iss_sections(text: str) -> dict[str, list[str]]:
    """The script's lines by section, without comments and preprocessor lines."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "//")):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def setup_directives(sections: dict[str, list[str]]) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in sections["Setup"])
    return {key.strip(): value.strip() for key, value in pairs}


def entries(sections: dict[str, list[str]], name: str) -> list[dict[str, str]]:
    """[Files], [Icons]... entries as {"Source": ..., "Flags": ...}, quotes removed."""
    return [
        {key: unquote(value) for key, value in ENTRY_PARAM.findall(line)}
        for line in sections.get(name, [])
    ]


def unquote(value: str) -> str:
    return value.strip().strip('"').replace('""', '"')


def defines(text: str) -> dict[str, str]:
    return dict(re.findall(r"^#define (\w+) (.+)$", text, flags=re.MULTILINE))


def expand(value: str, text: str) -> str:
    """Expands the script's own {#Name} constants (a string #define each)."""
    for name, definition in defines(text).items():
        if definition.startswith('"'):
            value = value.replace("{#" + name + "}", definition.strip('"'))
    return value


def load_version_resource() -> types.ModuleType:
    """The spec's helper module, packaging/pyinstaller/version_resource.py."""
    spec = importlib.util.spec_from_file_location(
        "version_resource", SPEC.parent / "version_resource.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pyinstaller_versioninfo(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """PyInstaller's version-resource module, loaded privately. It imports pefile and
    win32api, which PyInstaller has (and needs, to write the resource) only on Windows;
    reading the text into its classes needs neither, so they stand in empty here."""
    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    origin = Path(PyInstaller.compat.__file__).parent / "utils" / "win32" / "versioninfo.py"
    spec = importlib.util.spec_from_file_location("_pyinstaller_versioninfo", origin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def from_script_folder(relative: str) -> Path:
    """A path the script names relative to itself, on this machine."""
    return (ISS.parent / PureWindowsPath(relative).as_posix()).resolve()


def spec_executables() -> dict[str, dict[str, ast.expr]]:
    """Each EXE(...) of the spec by its name=, with its keyword arguments."""
    found = {}
    for node in ast.walk(ast.parse(SPEC.read_text("utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EXE":
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            name = keywords["name"]
            assert isinstance(name, ast.Constant)
            found[str(name.value)] = keywords
    return found


@pytest.fixture(scope="module")
def script() -> str:
    return ISS.read_text("utf-8")


@pytest.fixture(scope="module")
def setup(script: str) -> dict[str, str]:
    return setup_directives(iss_sections(script))


def test_the_spec_makes_a_windowed_and_a_console_program_sharing_one_folder() -> None:
    programs = spec_executables()
    assert set(programs) == {"scrutiny-desk", "scrutiny-desk-cli"}
    window, command_line = programs["scrutiny-desk"], programs["scrutiny-desk-cli"]
    assert ast.literal_eval(window["console"]) is False  # the GUI opens no console
    assert ast.literal_eval(command_line["console"]) is True  # the command line has one
    for keywords in (window, command_line):
        assert ast.unparse(keywords["icon"]) == "str(ICON)"
        assert ast.literal_eval(keywords["exclude_binaries"]) is True
        assert "version_file(" in ast.unparse(keywords["version"])
    text = SPEC.read_text("utf-8")
    assert 'ICON = ROOT / "resources" / "icons" / "scrutiny-desk.ico"' in text
    assert "COLLECT(window, command_line, a.binaries, a.datas" in text


def test_the_installer_installs_per_user_without_administrator_rights(
    setup: dict[str, str],
) -> None:
    assert setup["PrivilegesRequired"] == "lowest"
    # A clerk is never asked; IT can still install for all users with /ALLUSERS.
    assert setup["PrivilegesRequiredOverridesAllowed"] == "commandline"
    # {autopf} is %LOCALAPPDATA%\Programs when installing per user.
    assert setup["DefaultDirName"] == r"{autopf}\{#AppName}"


def test_the_installer_is_64_bit(setup: dict[str, str]) -> None:
    assert setup["ArchitecturesAllowed"] == "x64compatible"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"


def test_the_installer_and_its_programs_use_the_icon_made_from_the_svg(
    setup: dict[str, str], script: str
) -> None:
    assert from_script_folder(setup["SetupIconFile"]) == ICO.resolve()
    assert ICO.read_bytes()[:4] == b"\x00\x00\x01\x00"  # an .ico (see test_icons.py)
    # The uninstall entry shows the windowed program's icon, which the spec made from ICO.
    assert expand(setup["UninstallDisplayIcon"], script) == r"{app}\scrutiny-desk.exe"


def test_the_start_menu_starts_the_windowed_program(script: str) -> None:
    icons = entries(iss_sections(script), "Icons")
    start_menu = [i for i in icons if i["Name"].startswith(("{autoprograms}", "{group}"))]
    assert [expand(i["Filename"], script) for i in start_menu] == [r"{app}\scrutiny-desk.exe"]
    assert "Tasks" not in start_menu[0]  # always made, not an unticked option


def test_the_installer_carries_the_whole_bundle_with_both_programs(script: str) -> None:
    files = entries(iss_sections(script), "Files")
    bundle = [f for f in files if expand(f["Source"], script) == r"..\..\dist\scrutiny-desk\*"]
    assert len(bundle) == 1 and bundle[0]["DestDir"] == "{app}"
    assert "recursesubdirs" in bundle[0]["Flags"].split()
    # The folder the spec's COLLECT makes, holding both programs; the script refuses to
    # build unless both are there.
    assert 'name="scrutiny-desk")' in SPEC.read_text("utf-8")
    assert defines(script)["CliExe"] == '"scrutiny-desk-cli.exe"'
    assert re.search(r"^#if !FileExists\(.*AppExe\) \|\| !FileExists\(.*CliExe\)$", script, re.M)


def test_the_installer_shows_and_carries_the_licence(setup: dict[str, str]) -> None:
    assert from_script_folder(setup["LicenseFile"]) == (ROOT / "LICENSE").resolve()


def test_the_installer_takes_its_version_from_the_built_program(
    setup: dict[str, str], script: str
) -> None:
    """Written once, in the package: the spec puts __version__ in the programs' version
    resource and the script reads it from there, so no version is written in it."""
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in setup["OutputBaseFilename"]
    assert defines(script)["AppVersion"] == (
        'GetStringFileInfo(Bundle + "\\" + AppExe, "ProductVersion")'
    )
    assert '#if AppVersion == ""\n  #error' in script
    assert not re.search(r"\d+\.\d+\.\d+", script), "a version written into the script"


def test_uninstalling_leaves_the_clerks_data(
    setup: dict[str, str], script: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing deletes beyond what was installed, and the data folders platformdirs
    gives on Windows lie outside the installation folder."""
    sections = iss_sections(script)
    for deleting in ("UninstallDelete", "InstallDelete", "UninstallRun", "Code", "Registry"):
        assert deleting not in sections, deleting
    for folder in ("{localappdata}", "{userappdata}", "{userdocs}", "{commonappdata}"):
        assert folder not in script.lower()

    from platformdirs.windows import Windows

    local = r"C:\Users\clerk\AppData\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    dirs = Windows("scrutiny-desk", appauthor=False, roaming=False)  # as paths.py asks
    installed = ntpath.normcase(
        expand(setup["DefaultDirName"], script).replace("{autopf}", local + r"\Programs")
    )
    for data in (dirs.user_data_dir, dirs.user_config_dir, dirs.user_cache_dir, dirs.user_log_dir):
        kept = ntpath.normcase(ntpath.normpath(data))
        assert kept.startswith(ntpath.normcase(local) + "\\"), kept
        assert not kept.startswith(installed) and not installed.startswith(kept), kept


def test_the_programs_version_resource_is_the_packages_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The text the spec gives EXE(version=...) loads with PyInstaller's own reader and
    says the package's version in the fixed block and in the strings Inno Setup reads."""
    version_resource = load_version_resource()
    assert (
        version_resource.package_version(ROOT / "desktop" / "scrutiny_desk" / "__init__.py")
        == __version__
    )
    versioninfo = pyinstaller_versioninfo(monkeypatch)

    text = tmp_path / "version.txt"
    text.write_text(
        version_resource.version_resource(
            __version__, program="scrutiny-desk-cli", description="Scrutiny Desk (command line)"
        ),
        "utf-8",
    )
    info = versioninfo.load_version_info_from_text_file(str(text))
    major, minor, patch, build = version_resource.version_numbers(__version__)
    assert info.ffi.fileVersionMS == info.ffi.productVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == info.ffi.productVersionLS == (patch << 16) | build
    [strings] = [kid for kid in info.kids if isinstance(kid, versioninfo.StringFileInfo)]
    values = {s.name: s.val for table in strings.kids for s in table.kids}
    assert values["ProductVersion"] == values["FileVersion"] == __version__
    assert values["OriginalFilename"] == "scrutiny-desk-cli.exe"
    assert len(info.toRaw()) > 0  # the bytes PyInstaller writes into the .exe


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("2", (2, 0, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0))],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    version_resource = load_version_resource()
    assert version_resource.version_numbers(version) == numbers
    with pytest.raises(ValueError, match="65535"):
        version_resource.version_numbers("70000.0")
