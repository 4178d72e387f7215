"""The agenda as blocks: notice of meeting, publication, membership, contact and the
numbered business (Part 1, then the exclusion resolution and Part 2), as
``agenda_pdf`` prints it, from the audience view alone."""

from __future__ import annotations

from ..domain import procedure_wording
from ..domain.enums import MemberRole
from ..domain.views import Audience, ContactView, ItemView, MeetingView
from .agenda_pdf import opening_words
from .paper_blocks import (
    Block,
    BulletList,
    Field,
    Fields,
    Heading,
    Item,
    Paper,
    Paragraph,
    Role,
    Text,
)
from .paper_content import (
    Words,
    copy_label,
    data,
    exclusion_wording,
    joined,
    meeting_heading,
    not_for_publication,
    person,
    time_span,
)
from .paper_text import PaperText


def agenda_paper(view: MeetingView, t: PaperText, joining_link: str | None = None) -> Paper:
    """The agenda ``view`` (one audience's) as a paper in ``t``'s language."""
    w = Words(t)
    title, blocks = meeting_heading(view, w, w("Agenda"))
    if joining_link and joining_link.strip():
        blocks.append(Fields((Field(w("Join online:"), data(joining_link.strip())),)))
    blocks += _publication(view, w)
    blocks += _membership(view, w)
    blocks += _contact(view.contact, w)
    blocks += _business(view, w)
    return Paper(title, t.lang, tuple(blocks), copy_label(view, w))


def _publication(view: MeetingView, w: Words) -> list[Block]:
    """When the agenda was published and the clear days that gave, and the reason
    for urgency of one published late; a panel copy not yet published says so."""
    out: list[Block] = []
    published = view.agenda_published_on
    if published is not None:
        statement = w.made(
            lambda one: procedure_wording.publication_statement(published, view.clear_days, one)
        )
        out.append(Paragraph(statement, Role.PUBLICATION))
    elif view.copy_label is not None:
        out.append(Paragraph(w("Not yet published."), Role.PUBLICATION))
    if view.urgency and view.urgency.strip():
        out.append(
            Paragraph(Text.of(w("Reason for urgency:"), " ", data(view.urgency)), Role.URGENCY)
        )
    return out


def _membership(view: MeetingView, w: Words) -> list[Block]:
    rows = []
    for role, one, many in (
        (MemberRole.CHAIR, "Chair:", "Chairs:"),
        (MemberRole.VICE_CHAIR, "Vice-Chair:", "Vice-Chairs:"),
        (MemberRole.MEMBER, "Member:", "Members:"),
    ):
        names = [data(m.name) for m in view.members if m.role is role]
        if names:
            rows.append(Field(w.plural(len(names), one, many), joined(names)))
    if not rows:
        return []
    return [Heading(2, w("Membership"), "membership"), Fields(tuple(rows))]


def _contact(contact: ContactView | None, w: Words) -> list[Block]:
    if contact is None:
        return []
    who = [data(x) for x in (contact.name, contact.role, contact.address) if x]
    rows = [Field(w("Contact officer:"), joined(who))] if who else []
    for label, value in (
        ("Tel:", contact.phone),
        ("Fax:", contact.fax),
        ("Minicom:", contact.minicom),
        ("E-mail:", contact.email),
    ):
        if value:
            rows.append(Field(w(label), data(value)))
    if not rows:
        return []
    return [Heading(2, w("Enquiries"), "contact"), Fields(tuple(rows))]


def _business(view: MeetingView, w: Words) -> list[Block]:
    out: list[Block] = [Heading(2, w("Agenda"), "agenda")]
    if not view.items:
        return [*out, Paragraph(w("There is no business on this agenda."), Role.NOTE)]
    closed = view.closed_items
    level = 4 if closed else 3
    if closed:
        out.append(Heading(3, w("Part 1 – items open to the press and public"), "part-1"))
    out += [_item(item, view.audience, level, w) for item in view.open_items]
    if not view.open_items:
        out.append(Paragraph(w("There is no open business."), Role.NOTE))
    if closed:
        wording = exclusion_wording(view, closed, w)
        out += [
            Heading(3, w("Part 2 – items not open to the press and public"), "part-2"),
            Item(
                level,
                None,
                w("Exclusion of the press and public"),
                (
                    Paragraph(
                        w("The panel is asked to consider passing the following resolution:")
                    ),
                    Paragraph(wording, Role.RESOLUTION),
                ),
                anchor="exclusion",
            ),
        ]
        out += [_item(item, view.audience, level, w) for item in closed]
    return out


def _item(item: ItemView, audience: Audience, level: int, w: Words) -> Item:
    hidden = item.closed and audience is Audience.PUBLIC  # public title and exemption only
    marked = item.closed and not hidden
    slot = time_span(item.start, item.end, w) if item.start and not hidden else None
    marker = None
    if marked:
        marker = not_for_publication(w, item.exemption)
    elif hidden:
        marker = w("Closed item: not open to the press and public")
    rows: list[Field] = []
    if item.closed and item.exemption:
        rows.append(Field(w("Exempt information:"), data(item.exemption)))
    if marked and item.reason:
        rows.append(Field(w("Reason for closure:"), data(item.reason)))
    if not hidden and item.witnesses:
        label = w.plural(len(item.witnesses), "Witness:", "Witnesses:")
        rows.append(Field(label, joined([person(p) for p in item.witnesses], "; ")))
    blocks: list[Block] = [Fields(tuple(rows))] if rows else []
    if not hidden and item.tor:
        blocks += [
            Paragraph(w("Terms of reference:")),
            BulletList(tuple(data(f"{r.number} {opening_words(r.text)}") for r in item.tor)),
        ]
    if not hidden and item.reports:
        reports = [
            Text.of(data(r.title), " (", w("late"), ")") if r.late else data(r.title)
            for r in item.reports
        ]
        blocks += [Paragraph(w("Reports:")), BulletList(tuple(reports))]
    if hidden:
        blocks.append(
            Paragraph(w("The press and public are likely to be excluded for this item."), Role.NOTE)
        )
    title = w.title(item.title, item.title_cy)
    return Item(level, str(item.number), title, tuple(blocks), slot, marker, f"item-{item.number}")
