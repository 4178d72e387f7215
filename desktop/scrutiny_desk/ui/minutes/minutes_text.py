"""What the Minutes tab says about the minutes' lifecycle (the approved banner, the
lines of the minutes history, and why a meeting has no minutes) and about decisions
(a resolution as it prints, a vote in a few words), translated in the tab's context."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ...domain.agenda_records import MinutesRecord
from ...domain.enums import MeetingStatus, MinutesEvent, VoteChoice
from ...domain.procedure_records import NamedCast
from ...domain.records import MinutesHistoryEntry, Vote
from ...domain.wording import day_month_year, joined


def _tr(text: str) -> str:
    return QCoreApplication.translate("MinutesTab", text)


def locked_message(minutes: MinutesRecord) -> str:
    """``Approved on 19 April 2007 at Evidence session 2: these are the minutes as
    approved …``."""
    when = (
        _tr(" on {date}").format(date=day_month_year(minutes.approved_on))
        if minutes.approved_on
        else ""
    )
    where = (
        _tr(" at {meeting}").format(meeting=minutes.approved_at_title)
        if minutes.approved_at_title
        else ""
    )
    return _tr(
        "Approved{when}{where}: these are the minutes as approved, kept exactly as they "
        "print. To change anything, reopen the minutes (Reopen Minutes…; the reason is "
        "recorded)."
    ).format(when=when, where=where)


def no_minutes_message(minutes: MinutesRecord) -> str:
    """A cancelled or postponed meeting did not take place: it has no minutes."""
    status = {
        MeetingStatus.CANCELLED: _tr("was cancelled"),
        MeetingStatus.POSTPONED: _tr("was postponed"),
    }.get(minutes.meeting_status, minutes.meeting_status.value)
    return _tr(
        "“{meeting}” {status}, so it has no minutes: a meeting that did not take place "
        "has nothing to record. Reschedule it in the meeting's details if it is to go ahead."
    ).format(meeting=minutes.meeting_title, status=status)


def history_line(entry: MinutesHistoryEntry) -> str:
    """One line of the history, as rich text: "<b>Approved</b> 19 April 2007 14:05, by …"."""
    event = {
        MinutesEvent.APPROVED: _tr("Approved"),
        MinutesEvent.UNLOCKED: _tr("Unlocked"),
        MinutesEvent.LOCKED: _tr("Locked"),
        MinutesEvent.REOPENED: _tr("Reopened"),
    }[entry.event]
    at = f"{day_month_year(entry.at.date())} {entry.at:%H:%M}"
    line = _tr("<b>{event}</b> {at}, by {by}").format(
        event=html.escape(event), at=html.escape(at), by=html.escape(entry.by)
    )
    if entry.note:
        line += f": {html.escape(entry.note)}"
    return line


def resolved(text: str) -> str:
    """A resolution as the minutes print it: "RESOLVED – That …"."""
    return _tr("RESOLVED – {text}").format(text=text)


def vote_summary(vote: Vote | None) -> str:
    """ "For 5, against 1, abstained 0" (a vote by name says so), or that none was taken."""
    if vote is None:
        return _tr("No vote recorded")
    counts = _tr("For {for_}, against {against}, abstained {abstained}").format(
        for_=vote.in_favour, against=vote.against, abstained=vote.abstained
    )
    return _tr("By name: {counts}").format(counts=counts) if vote.named else counts


def vote_names(casts: Sequence[NamedCast]) -> str:
    """Who voted how, one line a choice: "For: Cllr A, Cllr B"."""
    lines = []
    for choice, label in (
        (VoteChoice.FOR, _tr("For")),
        (VoteChoice.AGAINST, _tr("Against")),
        (VoteChoice.ABSTAINED, _tr("Abstained")),
    ):
        names = [c.name for c in casts if c.choice is choice]
        if names:
            lines.append(f"{label}: {joined(names)}")
    return "\n".join(lines)
