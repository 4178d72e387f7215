"""File names as every system the clerk's files meet will take them, and attachments
that cannot pass for something they are not.

Three rules live here, each written once:
- ``name_problem``: why an attachment's name is refused. Bidirectional control
  characters (U+202E and the like) make "pwned\u202etxt.exe" show as "pwnedexe.txt":
  a program passing for a document. Control characters have no place in a name either.
- ``portable_file_name``: a title or an attachment's name made into a file name that
  Windows, macOS and Linux all accept: no ``<>:"/\\|?*``, no control characters, not a
  Windows device name (CON, NUL, aux.pdf, COM1 ...: Windows opens the device, not a
  file), not ending in a dot or a space (Windows drops them), and not too long. Used by
  every place that makes a file name from a title or an attachment's name.
- ``can_run_code``: an attachment whose type starts a program when opened (.exe,
  .js ...), which the window never opens without asking.

``fit_path`` keeps a path within Windows' 260 characters by shortening the name and
keeping its extension.
"""

from __future__ import annotations

import os
import re
import unicodedata

#: Characters that reorder the text around them (Unicode's explicit directional
#: embeddings, overrides and isolates, and the implicit marks).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)

#: Types that start a program when opened (Windows runs them; a script host or
#: installer reads them), after Microsoft Outlook's list of blocked attachments.
RUNNABLE_EXTENSIONS = frozenset(
    {
        ".exe", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".hta", ".jar",
        ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".vb", ".js", ".jse",
        ".wsf", ".wsh", ".reg", ".lnk", ".url", ".scf", ".msc", ".chm",
        ".application", ".appref-ms",
    }
)  # fmt: skip

#: Names Windows keeps for devices, whatever the extension after them and in any case.
WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"]
)

#: The longest path a Windows program without long-path support opens: 260 characters
#: including the terminating NUL.
WINDOWS_MAX_PATH = 260
MAX_NAME = 255  # one name in a folder, on every common file system

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]+')
_MAX_EXTENSION = 20  # longer "extensions" are part of the name ("Minutes.of the panel")


def visible(name: str) -> str:
    """``name`` with each control or bidirectional character written as ``[U+202E]``, so
    a message can quote a name without the name rearranging the message."""
    return "".join(f"[U+{ord(c):04X}]" if _hidden(c) else c for c in name)


def name_problem(name: str) -> str | None:
    """Why an attached file's ``name`` is refused, as the end of a sentence ("contains
    ..."), or None. Only the characters are judged; an empty name is the caller's. The
    reason does not quote the name: quote it with ``visible``."""
    for c in name:
        if c in BIDI_CONTROLS:
            return (
                f"contains U+{ord(c):04X} ({unicodedata.name(c).lower()}), a character that "
                "makes a file name show differently from what it is, so that a program can "
                "pass for a document"
            )
    for c in name:
        if unicodedata.category(c) in ("Cc", "Cs"):
            return f"contains a control character (U+{ord(c):04X}), which a file name may not hold"
    return None


def can_run_code(name: str) -> bool:
    """Whether opening a file of this name starts a program (by its extension, as the
    system decides it: case and trailing dots or spaces do not matter)."""
    return _extension(portable_file_name(name)) in RUNNABLE_EXTENSIONS


def is_windows_device_name(name: str) -> bool:
    """Whether Windows takes ``name`` for a device: "CON", "nul.txt", "Com1.tar.gz"."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in WINDOWS_DEVICE_NAMES


def portable_file_name(text: str, limit: int = MAX_NAME, fallback: str = "file") -> str:
    """``text`` as a file name every system accepts, at most ``limit`` characters with
    its extension kept; ``fallback`` when nothing usable is left. Forbidden characters
    become spaces, runs of white space one space; a device name gets "_" after its stem
    ("CON" -> "CON_", "aux.pdf" -> "aux_.pdf")."""
    kept = "".join(" " if c in "\t\n\r" else c for c in text if not _hidden(c) or c in "\t\n\r")
    kept = unicodedata.normalize("NFC", kept)
    name = " ".join(_FORBIDDEN.sub(" ", kept).split()).strip(". ")
    stem, extension = _split(name)
    name = (stem.rstrip(". ") + extension) if stem.rstrip(". ") else name
    name = shortened(name or fallback, limit)
    if is_windows_device_name(name):
        first, dot, rest = shortened(name, limit - 1).partition(".")
        name = first.rstrip(" ") + "_" + dot + rest
    return name


def shortened(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` characters, its extension kept (when it fits)."""
    if len(name) <= limit:
        return name
    stem, extension = _split(name)
    if len(extension) >= limit:
        extension = ""
    stem = stem[: limit - len(extension)].rstrip(". ") or stem[:1]
    return stem + extension


def fit_path(folder: str, name: str, limit: int = WINDOWS_MAX_PATH) -> str | None:
    """``name``, shortened (its extension kept) so that the path of ``folder`` joined
    with it stays under ``limit`` characters; None if not even one character and the
    extension would fit."""
    room = limit - 1 - len(os.path.join(folder, ""))
    _stem, extension = _split(name)
    if room < len(extension) + 1:
        return None
    return shortened(name, room)


def _hidden(c: str) -> bool:
    return c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Cs")


def _split(name: str) -> tuple[str, str]:
    stem, extension = os.path.splitext(name)
    if len(extension) > _MAX_EXTENSION or " " in extension:
        return name, ""
    return stem, extension


def _extension(name: str) -> str:
    return _split(name)[1].lower()
