"""Local wall-clock times in a review's time zone.

Meeting and item times are kept as naive local times in the review's IANA zone. A
time the zone skips (clocks going forward) does not exist and is refused; a time the
zone repeats (clocks going back) means its first occurrence, fold=0.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIMEZONE = "Europe/London"
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Names in the tz database that are not places: the host's own setting and helpers.
_NOT_REVIEW_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def zone(name: str) -> ZoneInfo:
    """The zone of that IANA name; ValueError with a clear message if unknown."""
    if not name or "\x00" in name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f'"{name}" is not a time zone name')
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f'"{name}" is not a known time zone (use an IANA name such as "{DEFAULT_TIMEZONE}")'
        ) from None


def is_known_zone(name: str) -> bool:
    """An IANA place name (or UTC) that a review may be held in."""
    if name in _NOT_REVIEW_ZONES:
        return False
    try:
        zone(name)
    except ValueError:
        return False
    return name in _place_names() or name == "UTC"


@cache
def _place_names() -> frozenset[str]:
    """The tz database's names, read once a process: ``available_timezones`` walks the
    whole database's folder each time (some 4 ms and 600 files at every review check)."""
    return frozenset(available_timezones())


def parse_local(text: str) -> datetime:
    """Parse exactly ``YYYY-MM-DDTHH:MM`` into a naive datetime; ValueError otherwise."""
    if not isinstance(text, str) or not _LOCAL.fullmatch(text):
        raise ValueError(f'"{text}" is not a local date and time (YYYY-MM-DDTHH:MM)')
    try:
        return datetime.strptime(text, LOCAL_FORMAT)
    except ValueError:
        raise ValueError(f'"{text}" is not a local date and time (YYYY-MM-DDTHH:MM)') from None


def format_local(value: datetime) -> str:
    """``YYYY-MM-DDTHH:MM``, the year always four digits (strftime does not pad it)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}"


def parse_date(text: str) -> date:
    """Parse exactly ``YYYY-MM-DD`` (not week dates or other ISO forms)."""
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        raise ValueError(f'"{text}" is not a date (YYYY-MM-DD)')
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'"{text}" is not a date (YYYY-MM-DD)') from None


def exists_locally(local: datetime, zone_name: str) -> bool:
    """False for a wall-clock time that the zone skips when clocks go forward."""
    tz = zone(zone_name)
    aware = local.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == local


def local_time_problem(local: datetime, zone_name: str) -> str | None:
    """Why a local time cannot be used in that zone, or None."""
    try:
        if exists_locally(local, zone_name):
            return None
    except OverflowError:
        return f"{format_local(local)} is too near the end of the calendar to convert to UTC"
    return f"{format_local(local)} does not exist in {zone_name} (the clocks go forward then)"


def to_utc(local: datetime, zone_name: str) -> datetime:
    """The UTC instant of a local time; an ambiguous time is its first occurrence."""
    problem = local_time_problem(local, zone_name)
    if problem:
        raise ValueError(problem)
    return local.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)


def from_utc(instant: datetime, zone_name: str) -> datetime:
    """The naive local wall-clock time of an aware instant."""
    return instant.astimezone(zone(zone_name)).replace(tzinfo=None)


def parse_instant(text: str) -> datetime:
    """Parse ISO 8601 with an offset (``Z`` allowed); ValueError without an offset."""
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f'"{text}" is not an ISO 8601 date and time') from None
    if value.tzinfo is None:
        raise ValueError(f'"{text}" has no UTC offset (add one, e.g. +00:00)')
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError(
            f'"{text}" is too near the end of the calendar to convert to UTC'
        ) from None
    return value


def format_instant(value: datetime) -> str:
    """ISO 8601 with offset, seconds always written, fractions only when present."""
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
