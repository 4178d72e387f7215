"""What the Meeting and Review menus' exports read and record, apart from their
actions: where a file is offered (the last export's folder), the witnesses on a
meeting's agenda and the warnings of each calendar file (read off the GUI thread,
before the dialog opens), and the topics an export committed (an invitation or a
cancellation is recorded in the meeting's invitation register, so the pages showing it
read again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ... import paths
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topics
from ...services.changes import recording
from ...services.container import Services
from .settings import Settings

if TYPE_CHECKING:
    from ...domain.records import WitnessSummary

T = TypeVar("T")

#: What to warn of before a calendar file is written, by recipient: a witness's id, or
#: None for the panel (or the only file).
Warnings = dict[int | None, tuple[str, ...]]


def export_folder(settings: Settings) -> Path:
    """The folder of the last export, else the app's export folder (created), else home."""
    last = settings.last_export_folder
    if last and Path(last).is_dir():
        return Path(last)
    folder = paths.export_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def witnesses_on_agenda(services: Services, meeting: MeetingSummary) -> list[WitnessSummary]:
    """The witnesses assigned to the meeting's items, in agenda order."""
    keys = dict.fromkeys(w.key for e in services.meetings.agenda(meeting.id) for w in e.witnesses)
    register = {w.key: w for w in services.witnesses.list(meeting.review_id)}
    return [register[key] for key in keys if key in register]


def invitation_warnings(
    services: Services, meeting_id: int, witness_ids: Iterable[int]
) -> Warnings:
    """The warnings of the meeting's panel file and of each witness's own: everyone
    left out for lack of an e-mail address, private witnesses on open items."""
    invitations = services.invitations
    found: Warnings = {None: invitations.warnings(meeting_id)}
    for witness_id in witness_ids:
        found[witness_id] = invitations.warnings(meeting_id, witness_id)
    return found


def witnesses_and_warnings(
    services: Services, meeting: MeetingSummary
) -> tuple[list[WitnessSummary], Warnings]:
    """Both reads a calendar dialog needs before it opens."""
    witnesses = witnesses_on_agenda(services, meeting)
    return witnesses, invitation_warnings(services, meeting.id, (w.id for w in witnesses))


def recorded(work: Callable[[], T]) -> tuple[T, Topics]:
    """``work()`` and the topics its committed writes touched."""
    with recording() as topics:
        result = work()
    return result, frozenset(topics)
