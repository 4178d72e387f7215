"""A subject-access export: everything a review holds about one person, as a PDF (in
the papers' style), plain text or JSON.

The three are written from one list of sections (``sections``), so they cannot say
different things. The person asked for their own data: it is printed whole, closed
material included (a note attributed to them is theirs to see), marked "closed".
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from ..domain.personal_data_records import PersonalDataHeld
from .pdf_pages import PaperInfo, build_pdf
from .pdf_style import ACCENT, fields, markup, rule, styles
from .pdf_text import one_line, plain

PAPER = "Personal data held"
NONE = "None."


def _when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d %B %Y, %H:%M}"
    return f"{value:%d %B %Y}"


def sections(held: PersonalDataHeld) -> list[tuple[str, list[str]]]:
    """The export's headings, each with its lines (``NONE`` for an empty one)."""
    closed = " (closed)"
    out: list[tuple[str, list[str]]] = [
        ("Your details as held", [f"{f.field}: {f.value}" for f in held.fields]),
        (
            "Invitations sent to you",
            [
                f"{_when(i.issued_at)}: {i.kind} for {i.meeting_title} ({_when(i.meeting_start)}), "
                f"to {i.name} <{i.email}>, by {i.by}"
                for i in held.invitations
            ],
        ),
        (
            "Meetings and agenda items you are on",
            [
                f"{_when(i.meeting_start)}, {i.meeting_title}"
                + (f": {i.item_title}{closed if i.closed else ''}" if i.item_title else "")
                + (" (minutes approved)" if i.minutes_approved else "")
                for i in held.items
            ],
        ),
        (
            "Notes attributed to you",
            [f"{n.key}: {n.text}{closed if n.closed else ''}" for n in held.notes],
        ),
        (
            "Evidence you submitted",
            [f"{e.key}: {e.text}{closed if e.closed else ''}" for e in held.evidence],
        ),
        (
            "Other places your name appears",
            [
                f"{m.where}: {m.text}" + (" (approved minutes)" if m.approved else "")
                for m in held.mentions
            ],
        ),
        (
            "Approved minutes that name you (a public record, kept as approved)",
            [
                f"{_when(a.meeting_start)}, {a.meeting_title}, approved {_when(a.approved_on)}"
                for a in held.approved_minutes
            ],
        ),
        ("Report drafts that name you", [f"Version {n}" for n in held.report_versions]),
        (
            "How long it is kept",
            [
                f"Until {_when(held.retention.effective)}"
                if held.retention.effective
                else "Six years after the review closes (it is still open)."
            ],
        ),
    ]
    return [(title, lines or [NONE]) for title, lines in out]


def _heading(held: PersonalDataHeld) -> tuple[str, str]:
    person = held.person
    return (
        f"{PAPER}: {person.name}",
        f"{person.name}, {person.kind_label}, in the scrutiny review {held.review_title}",
    )


def render_text(held: PersonalDataHeld) -> bytes:
    title, about = _heading(held)
    lines = [title, "=" * len(title), about, ""]
    for heading, body in sections(held):
        lines += [heading, "-" * len(heading)]
        lines += [f"- {line}" if line != NONE else line for line in body]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def render_json(held: PersonalDataHeld) -> bytes:
    def default(value: Any) -> str:
        if isinstance(value, datetime | date):
            return value.isoformat()
        return str(value)

    document = {"paper": PAPER, **asdict(held)}
    return (json.dumps(document, ensure_ascii=False, indent=2, default=default) + "\n").encode()


def render_pdf(held: PersonalDataHeld, created: datetime | None = None) -> bytes:
    s = styles()
    title, about = _heading(held)
    story: list[Flowable] = [
        markup(plain(held.review_title), s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(PAPER.upper()), s.paper),
        fields([("Person:", plain(held.person.name)), ("As:", plain(held.person.kind_label))]),
        markup(plain(about), s.note),
    ]
    for heading, body in sections(held):
        story.append(markup(plain(heading), s.section))
        story += [markup(plain(line), s.text) for line in body]
    info = PaperInfo(
        title=one_line(title, 300),
        author="Scrutiny Desk",
        subject=one_line(held.review_title, 300),
        running_head=f"{PAPER} · {held.person.name}",
        running_date=_when(created or datetime.now()),
        footer=held.review_title,
        draft=None,
        created=created,
    )
    return build_pdf(story, info)
