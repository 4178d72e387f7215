"""The names papers are saved under: the date first so they sort, the meeting's short
title, the paper, and "-panel" on a panel paper, so it is never sent by mistake. The
rules of what a file name may hold on Windows, macOS and Linux are the domain's."""

from __future__ import annotations

from ...domain.enums import Audience
from ...domain.file_names import portable_file_name
from ...domain.summaries import MeetingSummary


def safe_file_name(text: str, limit: int = 80) -> str:
    """``text`` (a title) as a file name, or part of one, on Windows, macOS and Linux
    alike: the rules are the domain's (``portable_file_name``)."""
    return portable_file_name(text, limit, fallback="export")


def meeting_file_stem(meeting: MeetingSummary) -> str:
    """ "2007-03-26 Evidence session 3": the date sorts, the title before a colon names."""
    short = meeting.title.split(":", 1)[0].strip() or meeting.title
    return f"{meeting.start:%Y-%m-%d} {safe_file_name(short)}"


def file_name(
    stem: str, what: str, suffix: str, audience: Audience = Audience.PUBLIC, who: str = ""
) -> str:
    """ "<stem> - agenda.pdf"; a panel paper ends "-panel" so it is never sent by mistake."""
    name = f"{stem} - {what}" + (f" - {safe_file_name(who)}" if who else "")
    return portable_file_name(name + ("-panel" if audience is Audience.PANEL else "") + suffix)
