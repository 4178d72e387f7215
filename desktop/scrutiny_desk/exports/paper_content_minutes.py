"""The minutes as blocks: who attended, a numbered minute per item with its decisions
and votes, Part 2 under the exclusion resolution, the actions agreed and when the
meeting began and ended, as ``minutes_pdf`` prints them, from the audience view."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from ..domain import procedure_wording
from ..domain.enums import AttendanceStatus, AttendeeKind, MemberRole, MinutesStatus, StandardItem
from ..domain.views import (
    ActionView,
    AttendanceView,
    AttendeeView,
    Audience,
    ItemView,
    MeetingView,
    ResolutionView,
)
from .paper_blocks import Block, Field, Fields, Heading, Item, Paper, Paragraph, Role, Table, Text
from .paper_content import (
    ENGLISH_LANG,
    Words,
    copy_label,
    data,
    exclusion_wording,
    joined,
    meeting_heading,
    not_for_publication,
    person,
)
from .paper_text import PaperText

_ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2}
_ROLE_MARK = {MemberRole.CHAIR: "Chair", MemberRole.VICE_CHAIR: "Vice-Chair"}
_RESOLVED = re.compile(r"^(RESOLVED|AGREED)\b")


def minutes_paper(view: MeetingView, t: PaperText) -> Paper:
    """The minutes ``view`` (one audience's, draft or approved) in ``t``'s language."""
    w = Words(t)
    title, blocks = meeting_heading(view, w, w("Minutes"))
    if view.minutes_status is not MinutesStatus.APPROVED:
        blocks.append(Paragraph(w("DRAFT - subject to approval"), Role.NOTICE))
    blocks += _attendance(view, w)
    blocks += _business(view, w)
    blocks += _actions(view, w)
    began, ended = view.began, view.ended
    if began is not None or ended is not None:
        closing = w.made(lambda one: procedure_wording.meeting_times(began, ended, one) or "")
        blocks.append(Paragraph(closing, Role.CLOSING))
    if view.minutes_status is MinutesStatus.APPROVED:
        day = view.minutes_approved_on
        approved = (
            w.made(lambda one: one("Approved on {date} as a correct record.", date=one.date(day)))
            if day
            else w("Approved as a correct record.")
        )
        blocks.append(Paragraph(approved, Role.CLOSING))
    return Paper(title, t.lang, tuple(blocks), copy_label(view, w))


# Attendance ------------------------------------------------------------------------------


def _stay(a: AttendanceView | AttendeeView, w: Words) -> Text:
    arrived, left = a.arrived, a.left
    if arrived is not None and left is not None:
        if arrived == left:
            return w(" (item {item})", item=arrived)
        return w(" (items {first} to {last})", first=arrived, last=left)
    if arrived is not None:
        return w(" (from item {item})", item=arrived)
    if left is not None:
        return w(" (until item {item})", item=left)
    return Text()


def _members(people: Sequence[AttendanceView], w: Words, times: bool = True) -> list[Text]:
    ordered = sorted(people, key=lambda a: _ROLE_ORDER[a.role])
    out = []
    for a in ordered:
        role = _ROLE_MARK.get(a.role)
        mark = Text.of(" (", w(role), ")") if role else None
        out.append(Text.of(data(a.name), mark, _stay(a, w) if times else None))
    return out


def _attendance(view: MeetingView, w: Words) -> list[Block]:
    by_status = {s: [a for a in view.attendance if a.status is s] for s in AttendanceStatus}
    kinds = {k: [a for a in view.attendees if a.kind is k] for k in AttendeeKind}
    present = _members(by_status[AttendanceStatus.PRESENT], w)
    for a in kinds[AttendeeKind.SUBSTITUTE]:
        instead = (
            Text.of(" (", w("substitute for {name}", name=a.substitute_for), ")")
            if a.substitute_for
            else None
        )
        present.append(Text.of(data(a.name), instead, _stay(a, w)))
    rows = [Field(w("Present:"), joined(present) if present else w("Not recorded."))]

    def attendee(a: AttendeeView) -> Text:
        return Text.of(data(a.name), ", " if a.role else None, data(a.role), _stay(a, w))

    if kinds[AttendeeKind.ALSO_PRESENT]:
        also = [attendee(a) for a in kinds[AttendeeKind.ALSO_PRESENT]]
        rows.append(Field(w("Also present:"), joined(also, "; ")))
    officers = kinds[AttendeeKind.OFFICER]
    if officers:
        label = w.plural(len(officers), "Officer:", "Officers:")
        rows.append(Field(label, joined([attendee(a) for a in officers], "; ")))
    for status, word in (
        (AttendanceStatus.APOLOGIES, "Apologies:"),
        (AttendanceStatus.ABSENT, "Absent:"),
    ):
        if by_status[status]:
            rows.append(Field(w(word), joined(_members(by_status[status], w, False))))
    in_open = {p for i in view.open_items for p in i.witnesses}
    in_closed = {p for i in view.closed_items for p in i.witnesses}
    heard = [p for p in view.witnesses_heard if p in in_open or p not in in_closed]
    if heard:
        label = w.plural(len(heard), "Witness:", "Witnesses:")
        rows.append(Field(label, joined([person(p) for p in heard], "; ")))
    if view.declarations and not any(i.standard is StandardItem.DECLARATIONS for i in view.items):
        declared = w.made(lambda one: procedure_wording.declarations_minute(view.declarations, one))
        rows.append(Field(w("Declarations:"), declared))
    if view.quorum_notes:
        rows.append(Field(w("Quorum:"), _quorum_notes(view, w)))
    return [Heading(2, w("Attendance"), "attendance"), Fields(tuple(rows))]


def _quorum_notes(view: MeetingView, w: Words) -> Text:
    """The view's notes in an English paper; worded again in each language of another."""
    quorum = view.quorum
    if w.lang == ENGLISH_LANG or quorum is None:
        return joined([w.english(n) for n in view.quorum_notes], " ")
    return w.made(lambda one: " ".join(procedure_wording.quorum_notes(view.items, quorum, one)))


# Business ------------------------------------------------------------------------------


def _business(view: MeetingView, w: Words) -> list[Block]:
    out: list[Block] = [Heading(2, w("Items of business"), "business")]
    if not view.items:
        return [*out, Paragraph(w("No items were recorded for this meeting."), Role.NOTE)]
    closed = view.closed_items
    level = 4 if closed else 3
    if closed:
        out.append(Heading(3, w("Part 1 – business open to the press and public"), "part-1"))
    out += [_minute(item, view.audience, level, w) for item in view.open_items]
    if not closed:
        return out
    if not view.open_items:
        out.append(Paragraph(w("There was no open business."), Role.NOTE))
    wording = exclusion_wording(view, closed, w)
    if w.lang == ENGLISH_LANG:  # as a decision prints: the view's words on one line
        wording = data(wording.plain)
    out += [
        Heading(3, w("Part 2 – business not open to the press and public"), "part-2"),
        Item(
            level,
            None,
            w("Exclusion of the press and public"),
            (Paragraph(Text.of(w("RESOLVED –"), " ", wording), Role.RESOLUTION),),
            anchor="exclusion",
        ),
    ]
    out += [_minute(item, view.audience, level, w) for item in closed]
    return out


def _minute(item: ItemView, audience: Audience, level: int, w: Words) -> Item:
    hidden = item.closed and audience is Audience.PUBLIC
    marked = item.closed and not hidden
    number = item.minute_number or str(item.number)
    title = w.title(item.title, item.title_cy)
    anchor = f"item-{item.number}"
    rows = (
        [Field(w("Exempt information:"), data(item.exemption))]
        if item.exemption and item.closed
        else []
    )
    if hidden:  # the public title and the exemption: nothing more
        closed = w("Closed item: not open to the press and public")
        return Item(
            level, number, title, (Fields(tuple(rows)),) if rows else (), None, closed, anchor
        )
    marker = not_for_publication(w, item.exemption) if marked else None
    if marked and item.reason:
        rows.append(Field(w("Reason for closure:"), data(item.reason)))
    if item.witnesses:
        label = w.plural(len(item.witnesses), "Witness:", "Witnesses:")
        rows.append(Field(label, joined([person(p) for p in item.witnesses], "; ")))
    blocks: list[Block] = [Fields(tuple(rows))] if rows else []
    if item.present is not None and not item.quorate:
        blocks.append(
            Paragraph(
                w(
                    "The meeting was not quorate for this item ({present} present).",
                    present=item.present,
                ),
                Role.NOTICE,
            )
        )
    if (item.minute is None or not item.minute.strip()) and not item.resolutions:
        if not item.considered:
            blocks.append(Paragraph(w("No minute recorded."), Role.NOTE))
    else:
        for line in (item.minute or "").replace("\r\n", "\n").split("\n"):
            if line.strip():
                role = Role.RESOLUTION if _RESOLVED.match(line.strip()) else Role.BODY
                blocks.append(Paragraph(data(line), role))
        blocks += _resolutions(item.resolutions, w)
    if item.considered:  # what the meeting decided on the review's report (issue 17)
        blocks.append(Paragraph(data(item.considered), Role.BODY))
    return Item(level, number, title, tuple(blocks), None, marker, anchor)


def _resolutions(resolutions: Sequence[ResolutionView], w: Words) -> list[Block]:
    out: list[Block] = []
    for r in resolutions:
        out.append(Paragraph(Text.of(w("RESOLVED –"), " ", data(r.text)), Role.RESOLUTION))
        if r.vote is not None:
            words = w.made(partial(procedure_wording.vote_words, r.vote))
            out.append(Paragraph(words, Role.NOTE))
    return out


# Actions -------------------------------------------------------------------------------


def _actions(view: MeetingView, w: Words) -> list[Block]:
    shown = [a for a in view.actions if not a.closed]
    private = [] if view.audience is Audience.PUBLIC else [a for a in view.actions if a.closed]
    if not shown and not private:
        return []
    out: list[Block] = [Heading(2, w("Actions agreed"), "actions")]
    if shown:
        out.append(_action_table(shown, w, w("Actions agreed")))
    if private:
        out += [
            Heading(3, w("Actions agreed in private"), "actions-private"),
            Paragraph(w("NOT FOR PUBLICATION"), Role.CONFIDENTIAL),
            _action_table(private, w, w("Actions agreed in private")),
        ]
    return out


def _action_table(actions: list[ActionView], w: Words, caption: Text) -> Table:
    rows = tuple(
        (
            data(a.text),
            data(a.owner) if a.owner else Text.of("–"),
            w.date(a.due) if a.due else Text.of("–"),
        )
        for a in actions
    )
    return Table(caption, (w("Action"), w("Owner"), w("Due by")), rows, row_headers=True)
