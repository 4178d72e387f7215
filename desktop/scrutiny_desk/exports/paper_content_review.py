"""A review's action plan and coverage report as blocks, as ``action_plan_pdf`` and
``coverage_pdf`` print them, from the audience view alone."""

from __future__ import annotations

from functools import partial

from ..domain.views import (
    ActionPlanView,
    Audience,
    CoverageRow,
    CoverageSource,
    CoverageView,
    PlannedView,
    RecommendationView,
    SourceKind,
)
from ..domain.wording import plural
from .paper_blocks import (
    Block,
    BulletList,
    Field,
    Fields,
    Heading,
    Paper,
    Paragraph,
    Role,
    Table,
    Text,
)
from .paper_content import Words, data, joined
from .paper_text import PaperText

_KIND_WORDS = {
    SourceKind.MEETING: "Meetings",
    SourceKind.WITNESS: "Witnesses",
    SourceKind.EVIDENCE: "Evidence",
}


_KIND_WORD = {
    SourceKind.MEETING: "Meeting",
    SourceKind.WITNESS: "Witness",
    SourceKind.EVIDENCE: "Evidence",
}


def _opening(body: str | None, title: Text) -> list[Block]:
    out: list[Block] = [Paragraph(data(body), Role.NOTE)] if body else []
    return [*out, Heading(1, title, "paper")]


# The action plan ------------------------------------------------------------------------


def action_plan_paper(view: ActionPlanView, t: PaperText) -> Paper:
    w = Words(t)
    title = Text.of(w("Action plan"), ": ", data(view.review_title))
    blocks = _opening(view.body, title)
    drafts = sum(1 for r in view.recommendations if r.draft)
    count = len(view.recommendations)
    number = f"{count:,}"
    summary = [
        w.made(
            lambda one: one.plural(
                count, "{number} recommendation", "{number} recommendations", number=number
            )
        )
    ]
    if view.overdue:
        summary.append(w("{count} overdue", count=view.overdue))
    if drafts:
        summary.append(w("{count} still in draft", count=drafts))
    confidential = None
    if view.audience is Audience.PANEL and drafts:
        confidential = w("PANEL COPY - includes draft recommendations")
        blocks.append(Paragraph(confidential, Role.CONFIDENTIAL))
    blocks.append(
        Fields((Field(w("As at:"), w.date(view.as_of)), Field(w("Shown:"), joined(summary))))
    )
    if view.recommendations:
        blocks.append(
            Table(
                w("Recommendations, who leads on each, when each is due and progress"),
                (
                    w("No."),
                    w("Recommendation"),
                    w("Lead"),
                    w("Timeframe"),
                    w("Status"),
                    w("Latest progress"),
                ),
                tuple(_recommendation(r, w) for r in view.recommendations),
                row_headers=True,
            )
        )
    else:
        blocks.append(Paragraph(w("No recommendations have been agreed yet."), Role.NOTE))
    c = view.contact
    if c is not None and (c.name or c.email or c.phone):
        who = joined([data(x) for x in (c.name, c.role) if x])
        reach = joined([data(x) for x in (c.phone, c.email) if x])
        blocks.append(
            Paragraph(Text.of(w("Contact:"), " ", who, " – " if reach else None, reach), Role.NOTE)
        )
    return Paper(title, t.lang, tuple(blocks), confidential)


def _recommendation(r: RecommendationView, w: Words) -> tuple[Text, ...]:
    text = data(r.text)
    if r.response:
        text = Text.of(text, " ", w("Response:"), " ", data(r.response))
    if r.tor:
        text = Text.of(text, " ", w("Terms of reference:"), " ", ", ".join(t.number for t in r.tor))
    status = w("Draft") if r.draft else w(r.status)  # the words of ``status_words``
    if r.overdue:
        status = Text.of(status, " – ", w("OVERDUE"))
    progress = (
        Text.of(w.date(r.latest.date), ": ", data(r.latest.text))
        if r.latest is not None
        else w("None reported yet.")
    )
    return (
        Text.of(str(r.number)),
        text,
        data(r.lead) if r.lead else Text.of("–"),
        w.date(r.due) if r.due else Text.of("–"),
        status,
        progress,
    )


# The coverage report --------------------------------------------------------------------


def coverage_paper(view: CoverageView, t: PaperText) -> Paper:
    w = Words(t)
    title = Text.of(w("Coverage of the terms of reference"), ": ", data(view.review_title))
    blocks = _opening(view.body, title)
    confidential = None
    if view.audience is Audience.PUBLIC:
        version = w("Public version: counts only open material")
    else:
        version = w("For the panel: counts open and closed material")
        if view.closed_counted:
            closed, closed_number = view.closed_notes, f"{view.closed_notes:,}"
            confidential = w.worded(
                Text.of(w.english(plural(closed, "closed note")), " – ", w("NOT FOR PUBLICATION")),
                lambda one: one.plural(
                    closed,
                    "{number} closed note counted; NOT FOR PUBLICATION",
                    "{number} closed notes counted; NOT FOR PUBLICATION",
                    number=closed_number,
                ),
            )
            blocks.append(Paragraph(confidential, Role.CONFIDENTIAL))
    moment = view.generated
    covered = sum(1 for r in view.rows if not r.gap)
    gaps = len(view.rows) - covered
    notes_number = f"{view.notes:,}"

    def summary(one: PaperText) -> str:
        notes = one.plural(
            view.notes,
            "{number} note on {covered} of {rows} terms of reference;",
            "{number} notes on {covered} of {rows} terms of reference;",
            number=notes_number,
            covered=covered,
            rows=len(view.rows),
        )
        if not gaps:
            return f"{notes} {one('none is a gap.')}"
        none_yet = one.plural(gaps, "{count} has no evidence yet.", "{count} have no evidence yet.")
        return f"{notes} {none_yet}"

    blocks.append(
        Fields(
            (
                Field(w("Version:"), version),
                Field(
                    w("Generated:"),
                    w.made(lambda one: f"{one.long_date(moment.date())}, {one.clock(moment)}"),
                ),
                Field(w("Coverage:"), w.made(summary)),
            )
        )
    )
    blocks += _summary(view, w)
    blocks += _gaps(view, w)
    blocks += _by_item(view, w)
    blocks += _sources(view, w)
    return Paper(title, t.lang, tuple(blocks), confidential)


def _summary(view: CoverageView, w: Words) -> list[Block]:
    out: list[Block] = [Heading(2, w("Summary"), "summary")]
    if not view.rows:
        return [*out, Paragraph(w("The review has no terms of reference yet."), Role.NOTE)]
    out.append(
        Paragraph(
            w(
                "Notes on each term of reference, by where they came from. A note counts "
                "once for its meeting, once for its witnesses and once for its evidence, "
                "so the three can add up to more than the total. An objective's notes "
                "are those taken against it; “With sub-items” adds its sub-items' notes, "
                "each note once."
            ),
            Role.NOTE,
        )
    )
    rows = tuple(_summary_row(row, w) for row in view.rows)
    header = (w("No."), w("Term of reference"), w("Notes"), w("With sub-items"))
    out.append(Table(w("Notes on each term of reference"), header, rows, row_headers=True))
    return out


def _summary_row(row: CoverageRow, w: Words) -> tuple[Text, ...]:
    text = data(row.text)
    if row.gap:
        text = Text.of(text, " – ", w("No evidence yet"))
    elif row.notes:
        text = Text.of(
            text,
            " (",
            w(
                "Meetings {meetings} · Witnesses {witnesses} · Evidence {evidence}",
                meetings=row.from_meetings,
                witnesses=row.from_witnesses,
                evidence=row.from_evidence,
            ),
            ")",
        )
    else:
        text = Text.of(text, " – ", w("Covered through its sub-items"))
    total = Text.of(str(row.total))
    if row.closed:
        total = Text.of(total, " (", w("{count} closed", count=row.closed), ")")
    rolled = Text.of(str(row.rolled_total)) if row.has_children else Text.of("–")
    return (data(row.number), text, total, rolled)


def _gaps(view: CoverageView, w: Words) -> list[Block]:
    out: list[Block] = [Heading(2, w("Terms of reference with no evidence yet"), "gaps")]
    if not view.gaps:
        return [*out, Paragraph(w("Every term of reference has at least one note."))]
    for row in view.gaps:
        out.append(Heading(3, Text.of(data(row.number), " ", data(row.text))))
        if row.planned:
            out += [
                Paragraph(w("Planned:")),
                BulletList(tuple(_planned(p, w) for p in row.planned)),
            ]
        else:
            out.append(
                Paragraph(
                    w("Nothing is planned for it: no agenda item or evidence names it."),
                    Role.NOTE,
                )
            )
    return out


def _planned(p: PlannedView, w: Words) -> Text:
    when = Text.of(", ", w.date(p.day)) if p.day else None
    if p.kind is SourceKind.MEETING:
        return Text.of(w("Agenda item"), " “", data(p.title), "” – ", data(p.source), when)
    return Text.of(data(p.title), ": “", data(p.source), "”", when)


def _by_item(view: CoverageView, w: Words) -> list[Block]:
    """Each covered term of reference: the sources of its own notes, and the total."""
    out: list[Block] = [Heading(2, w("Sources for each term of reference"), "by-item")]
    covered = [r for r in view.rows if not r.gap]
    if not covered:
        return [*out, Paragraph(w("No term of reference has a note yet."))]
    for row in covered:
        heading = Text.of(data(row.number), " ", data(row.text))
        out.append(Heading(3, heading, f"tor-{row.number}"))
        if not row.notes:
            out.append(Paragraph(w.made(partial(_through_children, row)), Role.NOTE))
            continue
        rows = []
        for column, ids in row.cells.items():
            source = view.sources[column]
            count = Text.of(str(len(ids)))
            closed = view.closed_in(ids)
            if closed:
                count = Text.of(count, " (", w("{count} closed", count=closed), ")")
            kind = w(_KIND_WORD[source.kind])
            rows.append((_source_label(source, w), kind, count))
        total = f"{plural(row.total, 'note')}"
        if row.has_children:
            total += f"; {row.rolled_total} with its sub-items"
        if row.closed:
            total += f" ({row.closed} closed)"
        out += [
            Table(
                Text.of(w("Sources of the notes on"), " ", data(row.number)),
                (w("Source"), w("Kind"), w("Notes")),
                tuple(rows),
                row_headers=True,
            ),
            Paragraph(w.worded(Text.of(w("Total:"), " ", w.english(total)), partial(_total, row))),
        ]
    return out


def _sources(view: CoverageView, w: Words) -> list[Block]:
    out: list[Block] = [
        Heading(2, w("Sources"), "sources"),
        Paragraph(
            w(
                "Every source and the number of notes taken from it, on any term of "
                "reference; sources with none yet are listed too."
            ),
            Role.NOTE,
        ),
    ]
    for kind in SourceKind:
        group = [view.sources[c] for c in view.columns(kind)]
        out.append(Heading(3, w(_KIND_WORDS[kind]), f"sources-{kind.value}"))
        if not group:
            out.append(Paragraph(w("None yet."), Role.NOTE))
            continue
        rows = tuple((_source_label(s, w), Text.of(str(s.notes))) for s in group)
        out.append(Table(w(_KIND_WORDS[kind]), (w("Source"), w("Notes")), rows, row_headers=True))
    return out


def _source_label(source: CoverageSource, w: Words) -> Text:
    label = data(source.title)
    if source.kind is SourceKind.MEETING and source.day:
        label = Text.of(w.date(source.day), " – ", label)
    elif source.detail:
        label = Text.of(label, " – ", data(source.detail))
    if source.closed:
        label = Text.of(label, " (", w("closed"), ")")
    return label


def _total(row: CoverageRow, one: PaperText) -> str:
    """``Total: 12 notes; 15 with its sub-items (2 closed)`` in one language."""
    total = one.plural(row.total, "Total: {count} note", "Total: {count} notes")
    if row.has_children:
        total += one("; {count} with its sub-items", count=row.rolled_total)
    if row.closed:
        total += one(" ({count} closed)", count=row.closed)
    return total


def _through_children(row: CoverageRow, one: PaperText) -> str:
    """A term with no notes of its own: ``No notes against 1 itself; 3 notes through
    its sub-items.``"""
    return one.plural(
        row.rolled_total,
        "No notes against {item} itself; {count} note through its sub-items.",
        "No notes against {item} itself; {count} notes through its sub-items.",
        item=row.number,
    )
