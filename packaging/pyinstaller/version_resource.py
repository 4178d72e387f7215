"""The Windows version resource of the bundle's programs, made from the package's
``__version__`` so the version is written in one place.

PyInstaller takes a version resource as the text ``VSVersionInfo(...)`` that its
``pyi-grab_version`` writes; the spec writes this module's text into its work folder
and names it in ``EXE(version=...)``. On Windows it becomes the programs' Properties >
Details and the product version Inno Setup's preprocessor reads to name the installer
(``packaging/windows/scrutiny-desk.iss``); elsewhere PyInstaller ignores it. Standard
library only: the spec imports it before PyInstaller has anything to offer.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

COMPANY = "Scrutiny Desk team"
PRODUCT = "Scrutiny Desk"
COPYRIGHT = "GNU General Public License, version 3 or later"


def package_version(init_py: Path) -> str:
    """``__version__`` as the package declares it, read without importing the package
    (the spec must describe the source it bundles, not whatever copy is installed)."""
    for node in ast.parse(init_py.read_text("utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["__version__"]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ValueError(f"{init_py}: no __version__ = '...'")


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Windows keeps four 16-bit numbers: "0.1.0" is (0, 1, 0, 0). A pre-release
    suffix ("1.2.0rc1") keeps only its numbers; the text keeps the whole string."""
    found = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if found is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = tuple(int(part or 0) for part in found.groups())
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"version {version!r}: Windows allows at most 65535 in each part")
    return numbers  # type: ignore[return-value]  # four groups, so four numbers


def version_resource(version: str, *, program: str, description: str) -> str:
    """The text of ``program``'s version resource (``program`` without ``.exe``)."""
    numbers = version_numbers(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": program,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{program}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0809 is English (United Kingdom), 1200 (0x04B0) is Unicode.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('080904B0', [
          {table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])])
  ]
)
"""
