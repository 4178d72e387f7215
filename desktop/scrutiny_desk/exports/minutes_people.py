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

from ..domain import procedure_wording
from ..domain.enums import AttendanceStatus, AttendeeKind, MemberRole, StandardItem
from ..domain.views import AttendanceView, AttendeeView, MeetingView
from ..domain.wording import N_
from .paper_text import ENGLISH, PaperText
from .pdf_style import fields, label_width, section
from .pdf_text import person, plain

NOT_RECORDED = N_("Not recorded.")
_ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2}
_ROLE_MARK = {MemberRole.CHAIR: N_("Chair"), MemberRole.VICE_CHAIR: N_("Vice-Chair")}


def stay(arrived: int | None, left: int | None, text: PaperText = ENGLISH) -> str:
    """ " (from item 4)", " (until item 6)", " (items 4 to 6)"; nothing for the whole
    meeting."""
    if arrived is not None and left is not None:
        if arrived == left:
            return text(" (item {item})", item=arrived)
        return text(" (items {first} to {last})", first=arrived, last=left)
    if arrived is not None:
        return text(" (from item {item})", item=arrived)
    if left is not None:
        return text(" (until item {item})", item=left)
    return ""


def members(
    people: Sequence[AttendanceView], times: bool = True, text: PaperText = ENGLISH
) -> list[str]:
    """Panel members, chair first, each marked with their office and (``times``) the
    items they were there for."""
    ordered = sorted(people, key=lambda a: _ROLE_ORDER[a.role])
    return [
        plain(a.name)
        + (" (" + text(_ROLE_MARK[a.role]) + ")" if a.role in _ROLE_MARK else "")
        + (plain(stay(a.arrived, a.left, text)) if times else "")
        for a in ordered
    ]


def substitute(a: AttendeeView, text: PaperText = ENGLISH) -> str:
    """ "Cllr A (substitute for Cllr B)", with the items they were there for."""
    out = plain(a.name)
    if a.substitute_for:
        out += plain(text(" (substitute for {name})", name=a.substitute_for))
    return out + plain(stay(a.arrived, a.left, text))


def attendee(a: AttendeeView, text: PaperText = ENGLISH) -> str:
    """An officer or someone also present: name, post, and the items they were there for."""
    out = plain(a.name) + (f", {plain(a.role)}" if a.role else "")
    return out + plain(stay(a.arrived, a.left, text))


def attendance(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    """The attendance section: one row per kind of attendee, then declarations and
    quorum where the minutes need them."""
    by_status = {
        status: [a for a in view.attendance if a.status is status] for status in AttendanceStatus
    }
    kinds = {kind: [a for a in view.attendees if a.kind is kind] for kind in AttendeeKind}
    present = members(by_status[AttendanceStatus.PRESENT], text=text) + [
        substitute(a, text) for a in kinds[AttendeeKind.SUBSTITUTE]
    ]
    rows = [(text("Present:"), ", ".join(present) or text(NOT_RECORDED))]
    if kinds[AttendeeKind.ALSO_PRESENT]:
        rows.append(
            (
                text("Also present:"),
                "<br/>".join(attendee(a, text) for a in kinds[AttendeeKind.ALSO_PRESENT]),
            )
        )
    officers = kinds[AttendeeKind.OFFICER]
    if officers:
        rows.append(
            (
                text.plural(len(officers), "Officer:", "Officers:"),
                "<br/>".join(attendee(a, text) for a in officers),
            )
        )
    if by_status[AttendanceStatus.APOLOGIES]:
        sorry = members(by_status[AttendanceStatus.APOLOGIES], False, text)
        rows.append((text("Apologies:"), ", ".join(sorry)))
    if by_status[AttendanceStatus.ABSENT]:
        absent = members(by_status[AttendanceStatus.ABSENT], False, text)
        rows.append((text("Absent:"), ", ".join(absent)))
    in_open = {p for i in view.open_items for p in i.witnesses}
    in_closed = {p for i in view.closed_items for p in i.witnesses}
    heard = [p for p in view.witnesses_heard if p in in_open or p not in in_closed]
    if heard:
        rows.append(
            (
                text.plural(len(heard), "Witness:", "Witnesses:"),
                "<br/>".join(person(p) for p in heard),
            )
        )
    if view.declarations and not any(i.standard is StandardItem.DECLARATIONS for i in view.items):
        declared = text.each(
            lambda one: procedure_wording.declarations_minute(view.declarations, one)
        )
        rows.append((text("Declarations:"), plain(declared)))
    if view.quorum_notes:
        rows.append((text("Quorum:"), "<br/>".join(plain(n) for n in _quorum_notes(view, text))))
    return [*section(text("Attendance"), "attendance"), fields(rows, label_width=label_width(text))]


def _quorum_notes(view: MeetingView, text: PaperText) -> tuple[str, ...]:
    """The view's notes, worded again in a Welsh or bilingual paper."""
    if text is ENGLISH or view.quorum is None:
        return view.quorum_notes
    quorum = view.quorum
    both = text.each_phrase(
        lambda one: "\n".join(procedure_wording.quorum_notes(view.items, quorum, one))
    )  # Welsh notes first, then the English ones
    return tuple(line for part in (both.welsh, both.english) if part for line in part.split("\n"))
