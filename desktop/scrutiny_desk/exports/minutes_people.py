"""Who was at the meeting, as the minutes open: Present (the chair marked, substitutes
"A (substitute for B)", late arrivals and early departures by item), Also present,
Officers (name and post), Apologies, Absent, the witnesses heard in public, then the
declarations of interest when no agenda item records them, and where the meeting was
not quorate.

Nobody here is closed material (the view decides that): a witness heard only in
private is named with their item, never in this list, so the list never puts exempt
information on a page without the NOT FOR PUBLICATION mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from ..domain.enums import AttendanceStatus, AttendeeKind, MemberRole, StandardItem
from ..domain.procedure_wording import declarations_minute
from ..domain.views import AttendanceView, AttendeeView, MeetingView
from ..domain.wording import word_for
from .pdf_style import fields, section
from .pdf_text import person, plain

NOT_RECORDED = "Not recorded."
_ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2}
_ROLE_MARK = {MemberRole.CHAIR: " (Chair)", MemberRole.VICE_CHAIR: " (Vice-Chair)"}


def stay(arrived: int | None, left: int | None) -> str:
    """ " (from item 4)", " (until item 6)", " (items 4 to 6)"; nothing for the whole
    meeting."""
    if arrived is not None and left is not None:
        return f" (item {arrived})" if arrived == left else f" (items {arrived} to {left})"
    if arrived is not None:
        return f" (from item {arrived})"
    if left is not None:
        return f" (until item {left})"
    return ""


def members(people: Sequence[AttendanceView], times: bool = True) -> list[str]:
    """Panel members, chair first, each marked with their office and (``times``) the
    items they were there for."""
    ordered = sorted(people, key=lambda a: _ROLE_ORDER[a.role])
    return [
        plain(a.name)
        + _ROLE_MARK.get(a.role, "")
        + (plain(stay(a.arrived, a.left)) if times else "")
        for a in ordered
    ]


def substitute(a: AttendeeView) -> str:
    """ "Cllr A (substitute for Cllr B)", with the items they were there for."""
    text = plain(a.name)
    if a.substitute_for:
        text += f" (substitute for {plain(a.substitute_for)})"
    return text + plain(stay(a.arrived, a.left))


def attendee(a: AttendeeView) -> str:
    """An officer or someone also present: name, post, and the items they were there for."""
    text = plain(a.name) + (f", {plain(a.role)}" if a.role else "")
    return text + plain(stay(a.arrived, a.left))


def attendance(view: MeetingView) -> list[Flowable]:
    """The attendance section: one row per kind of attendee, then declarations and
    quorum where the minutes need them."""
    by_status = {
        status: [a for a in view.attendance if a.status is status] for status in AttendanceStatus
    }
    kinds = {kind: [a for a in view.attendees if a.kind is kind] for kind in AttendeeKind}
    present = members(by_status[AttendanceStatus.PRESENT]) + [
        substitute(a) for a in kinds[AttendeeKind.SUBSTITUTE]
    ]
    rows = [("Present:", ", ".join(present) or NOT_RECORDED)]
    if kinds[AttendeeKind.ALSO_PRESENT]:
        rows.append(
            ("Also present:", "<br/>".join(attendee(a) for a in kinds[AttendeeKind.ALSO_PRESENT]))
        )
    officers = kinds[AttendeeKind.OFFICER]
    if officers:
        rows.append(
            (
                word_for(len(officers), "Officer:", "Officers:"),
                "<br/>".join(attendee(a) for a in officers),
            )
        )
    if by_status[AttendanceStatus.APOLOGIES]:
        rows.append(
            ("Apologies:", ", ".join(members(by_status[AttendanceStatus.APOLOGIES], False)))
        )
    if by_status[AttendanceStatus.ABSENT]:
        rows.append(("Absent:", ", ".join(members(by_status[AttendanceStatus.ABSENT], False))))
    in_open = {p for i in view.open_items for p in i.witnesses}
    in_closed = {p for i in view.closed_items for p in i.witnesses}
    heard = [p for p in view.witnesses_heard if p in in_open or p not in in_closed]
    if heard:
        rows.append(
            (word_for(len(heard), "Witness:", "Witnesses:"), "<br/>".join(person(p) for p in heard))
        )
    if view.declarations and not any(i.standard is StandardItem.DECLARATIONS for i in view.items):
        rows.append(("Declarations:", plain(declarations_minute(view.declarations))))
    if view.quorum_notes:
        rows.append(("Quorum:", "<br/>".join(plain(n) for n in view.quorum_notes)))
    return [*section("Attendance", "attendance"), fields(rows)]
