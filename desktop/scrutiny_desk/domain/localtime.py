"""Local wall-clock times in a review's time zone.

Meeting and item times are kept as naive local times in the review's IANA zone. A
time the zone skips (clocks going forward) does not exist and is refused; a time the
zone repeats (clocks going back) means its first occurrence, fold=0.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIMEZONE = "Europe/London"
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


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
    try:
        zone(name)
    except ValueError:
        return False
    return name in available_timezones() or name == "UTC"


def parse_local(text: str) -> datetime:
    """Parse ``YYYY-MM-DDTHH:MM`` into a naive datetime; ValueError if malformed."""
    try:
        value = datetime.strptime(text, LOCAL_FORMAT)
    except (TypeError, ValueError):
        raise ValueError(f'"{text}" is not a local date and time (YYYY-MM-DDTHH:MM)') from None
    return value


def format_local(value: datetime) -> str:
    return value.strftime(LOCAL_FORMAT)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except (TypeError, ValueError):
        return _bad_date(text)


def _bad_date(text: str) -> date:
    raise ValueError(f'"{text}" is not a date (YYYY-MM-DD)')


def exists_locally(local: datetime, zone_name: str) -> bool:
    """False for a wall-clock time that the zone skips when clocks go forward."""
    tz = zone(zone_name)
    aware = local.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == local


def to_utc(local: datetime, zone_name: str) -> datetime:
    """The UTC instant of a local time; an ambiguous time is its first occurrence."""
    if not exists_locally(local, zone_name):
        raise ValueError(
            f"{format_local(local)} does not exist in {zone_name} (the clocks go forward then)"
        )
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
    return value


def format_instant(value: datetime) -> str:
    """ISO 8601 with offset, seconds always written, fractions only when present."""
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
