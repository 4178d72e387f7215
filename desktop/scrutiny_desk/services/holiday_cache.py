"""England's bank holidays kept in the cache folder, so a start need not import
``holidays`` (0.25 s and about 20 MB: it loads every country it knows) to work out the
agenda deadlines of the meetings it lists.

The file holds the days and names ``calendar_rules`` keeps for a span of years, and the
version of the ``holidays`` package that made them (read from its installed metadata,
which costs no import). It is made the first time a date asks, written to a temporary
name and renamed, and made again when the package has changed (a new version may
correct a date) or the file cannot be read as written. It is a copy worth nothing but
the time it saves: when it cannot be written, the days are simply worked out again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from ..domain.errors import ScrutinyError
from ..paths import cache_dir
from .files import write_atomically

FILE = "bank-holidays-england.json"
FORMAT = 1


def holidays_version() -> str | None:
    """The installed ``holidays`` version, or None if its metadata is missing.

    Read from the ``Version`` line of its metadata folder beside the package, as
    ``importlib.metadata`` would find it; that module imports the ``email`` package (some
    10 ms of a start's, which lists meetings with their deadlines), so it is asked only
    where no such single folder is found."""
    found = _version_beside_package()
    if found is not None:
        return found
    from importlib import metadata

    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:
        return None


def _version_beside_package() -> str | None:
    try:
        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        folders = list(Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
        if len(folders) != 1:
            return None
        with (folders[0] / "METADATA").open(encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("Version:"):
                    return line.removeprefix("Version:").strip() or None
                if not line.strip():
                    return None  # the headers are over
    except (OSError, ValueError, ImportError):
        return None
    return None


def load_or_make(
    years: range, work_out: Callable[[int], Mapping[date, str]]
) -> dict[int, Mapping[date, str]]:
    """Each year of ``years`` to its bank holidays: read from the cache file if it was
    made by the installed ``holidays`` for those years, else worked out with
    ``work_out`` and written there."""
    version = holidays_version()
    path = cache_dir() / FILE
    if version is not None:
        try:
            found = _parse(json.loads(path.read_bytes()), version, years)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            found = None
        if found is not None:
            return found
    made = {year: work_out(year) for year in years}
    if version is not None:
        _write(made, version, years)
    return made


def _parse(
    data: dict[str, object], version: str, years: range
) -> dict[int, Mapping[date, str]] | None:
    if (data["format"], data["holidays"], data["first"], data["last"]) != (
        FORMAT,
        version,
        years.start,
        years.stop - 1,
    ):
        return None
    days = data["days"]
    if not isinstance(days, dict):
        raise TypeError("days is not an object")
    found: dict[int, dict[date, str]] = {year: {} for year in years}
    for text, name in days.items():
        day = date.fromisoformat(text)
        if not isinstance(name, str) or day.year not in found:
            raise ValueError(f"bad entry {text}")
        found[day.year][day] = name
    return dict(found)


def _write(made: Mapping[int, Mapping[date, str]], version: str, years: range) -> None:
    data = {
        "format": FORMAT,
        "holidays": version,
        "first": years.start,
        "last": years.stop - 1,
        "days": {
            day.isoformat(): name for year in years for day, name in sorted(made[year].items())
        },
    }
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        write_atomically(cache_dir() / FILE, json.dumps(data, indent=1).encode())
    except (OSError, ScrutinyError):
        pass  # only a copy: the next start works the days out again
