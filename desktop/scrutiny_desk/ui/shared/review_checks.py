"""The rules a review's details are checked by as the clerk types, in words a clerk
understands: the time zone (one Scrutiny Desk knows, and one in which every meeting's
times exist) and the short lists (no empty row, no text that cannot be kept).

The services check the same again on saving; these say it before, beside the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication

from ...domain.localtime import DEFAULT_TIMEZONE, local_time_problem
from ...domain.people_records import ReviewDetails
from ...domain.records import Meeting
from .fields import optional_text_problem


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewDialog", text)  # the dialog's words


@cache
def review_zones() -> tuple[str, ...]:
    """Every IANA place a review may be held in, sorted (read once: it scans the disk)."""
    known = available_timezones() - {"localtime", "posixrules", "Factory"}
    return tuple(sorted(known | {"UTC"}))


def zone_problem(
    zone: str, details: ReviewDetails | None, meetings: Sequence[Meeting]
) -> str | None:
    """What is wrong with choosing ``zone`` for the review (``details``: as saved, None
    for a new one) that holds these meetings."""
    if not zone:
        return _tr("Choose the time zone the meetings are held in.")
    if zone not in review_zones():
        return _tr(
            "“{zone}” is not a time zone Scrutiny Desk knows. Choose one from the list, "
            "such as {default}."
        ).format(zone=zone, default=DEFAULT_TIMEZONE)
    if details is None or zone == details.timezone:
        return None
    for meeting in sorted(meetings, key=lambda m: m.start):
        for when in meeting_times(meeting):
            if local_time_problem(when, zone) is not None:
                return _tr(
                    "The meeting “{meeting}” has a time, {time}, that does not exist in "
                    "{zone} (the clocks go forward then). Move it before changing the "
                    "time zone."
                ).format(meeting=meeting.title, time=f"{when:%d %b %Y %H:%M}", zone=zone)
    return None


def meeting_times(meeting: Meeting) -> list[datetime]:
    """Every time the meeting and its items start and end."""
    times = [meeting.start, meeting.end]
    for item in meeting.items:
        times.extend(t for t in (item.start, item.end) if t is not None)
    return times


def list_problems(rows: list[tuple[str, ...]], row_name: str, required: int) -> str | None:
    """The first problem in a list: an empty required cell or text that cannot be kept."""
    for number, row in enumerate(rows, start=1):
        name = row_name.format(n=number)
        if not row[required].strip():
            return _tr("{row} is empty: write it or remove it.").format(row=name)
        for cell in row:
            if problem := optional_text_problem(cell):
                return f"{name}: {problem}"
    return None


def row_name(where: str) -> str:
    """ "[2].title" -> "Row 3: " for a problem the service found in a list."""
    if where.startswith("["):
        number = where[1:].split("]", 1)[0]
        if number.isdigit():
            return _tr("Row {n}: ").format(n=int(number) + 1)
    return ""
