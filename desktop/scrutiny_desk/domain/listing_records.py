"""What the long lists (meetings, witnesses) are filtered by and give, page by page.

The GUI holds only the ids of a list's rows and reads the rows a page at a time; the
filters and sort keys here are applied in SQL by ``services.listing``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import InvitationState, MeetingStatus
from .meeting_records import AgendaDeadline
from .summaries import MeetingSummary

#: The keys a meetings list can be ordered by (each ends with the start, then the id).
MEETING_ORDERS = ("start", "time", "title", "venue", "status", "items")
#: The keys a witness register can be ordered by (ties: register order).
WITNESS_ORDERS = (
    "position",
    "name",
    "role",
    "organisation",
    "email",
    "invitation",
    "private",
    "appearances",
)


@dataclass(frozen=True)
class MeetingFilter:
    """Meetings of one status (None: all) whose title or venue holds every word of
    ``text``, in any case."""

    status: MeetingStatus | None = None
    text: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.casefold().split())

    @property
    def active(self) -> bool:
        return self.status is not None or bool(self.words)


@dataclass(frozen=True)
class WitnessFilter:
    """Witnesses whose name, role, organisation or e-mail address holds ``text`` (in
    any case), or whose invitation state is one of ``invitations``, or whose privacy is
    one of ``private``: the GUI passes the states and privacy whose words (as it shows
    them) hold the text, so the filter matches what the clerk reads in any column."""

    text: str = ""
    invitations: tuple[InvitationState, ...] = ()
    private: tuple[bool, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class ListedMeeting:
    """A row of the meetings list: the meeting and its agenda deadline."""

    meeting: MeetingSummary
    deadline: AgendaDeadline
