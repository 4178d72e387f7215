"""What the report lists from the record (issue 17): the introduction's generated lists
(terms of reference, exclusions, interfaces, the approach, the timetable) and the
appendices (oral evidence sessions, evidence received, abbreviations), for
``report_outline``.

Which meetings count: a meeting "took place" when it is held, or still scheduled but
its day is before the report's date (a clerk who has not yet marked it held); a
cancelled or postponed meeting never did, and its witnesses were not heard there.

Who is named: the panel's view names everyone and marks closed the witnesses the public
report may not name, by the rule the public papers follow (``publishing``): a witness
who asked to give evidence in private, or one seen in no open material (heard only
under closed items, attributed only to closed notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import Access, EvidenceKind, MeetingStatus
from ..domain.records import Meeting, Review, Witness
from ..domain.report_quotes import closed_notes
from ..domain.report_views import (
    AbbreviationView,
    EvidenceEntryView,
    ListEntry,
    ListView,
    SessionView,
)
from ..domain.structure import walk_tor
from ..domain.wording import day_month_year

EVIDENCE_KIND_WORDS = {
    EvidenceKind.WRITTEN: "Written evidence",
    EvidenceKind.QUESTIONNAIRE: "Questionnaire",
    EvidenceKind.STATEMENT: "Statement",
    EvidenceKind.RESEARCH: "Research",
    EvidenceKind.VISIT: "Visit",
}


def took_place(meeting: Meeting, made: date) -> bool:
    """Held, or scheduled for a day before ``made``; never cancelled or postponed."""
    if meeting.status is MeetingStatus.HELD:
        return True
    return meeting.status is MeetingStatus.SCHEDULED and meeting.start.date() < made


def witness_words(witness: Witness) -> str:
    """ "Name, role, organisation", as the report lists a witness."""
    return ", ".join(p for p in (witness.name, witness.role, witness.organisation) if p)


@dataclass(frozen=True)
class Record:
    """The lists and appendices of one report, drawn from the review once."""

    objectives: ListView
    exclusions: ListView
    interfaces: ListView
    approach: tuple[ListView, ...]
    timetable: ListView
    sessions: tuple[SessionView, ...]
    session_refs: dict[str, str]  # meeting key -> "S1"
    evidence: tuple[EvidenceEntryView, ...]
    evidence_refs: dict[str, str]  # evidence key -> "E1"
    abbreviations: tuple[AbbreviationView, ...]
    closed_notes: frozenset[str]


def record(review: Review, made: date) -> Record:
    """Every generated list of the report, as the panel reads it (closed lines marked)."""
    meetings = sorted(
        (m for m in review.meetings if took_place(m, made)), key=lambda m: (m.start, m.key)
    )
    shut = closed_notes(review)
    named = _publicly_named(review, meetings, shut)
    witnesses = {w.key: w for w in review.witnesses}
    sessions, session_refs = _sessions(meetings, witnesses, named)
    evidence = _evidence(review, witnesses)
    heard = dict.fromkeys(k for m in meetings for i in m.items for k in i.witnesses)
    heard.update(dict.fromkeys(k for n in review.notes for k in n.witnesses))
    return Record(
        objectives=ListView(
            "Terms of reference",
            tuple(
                ListEntry(item.text, number, number.count("."))
                for number, item in walk_tor(review.terms_of_reference)
            ),
        ),
        exclusions=ListView("Exclusions", tuple(ListEntry(e.text) for e in review.exclusions)),
        interfaces=ListView(
            "Key interfaces",
            tuple(
                ListEntry(f"{i.name} ({i.abbreviation})" if i.abbreviation else i.name)
                for i in review.interfaces
            ),
        ),
        approach=(
            ListView(
                "Meetings held",
                tuple(ListEntry(f"{day_month_year(m.start.date())}: {m.title}") for m in meetings),
            ),
            ListView(
                "Witnesses heard",
                tuple(
                    ListEntry(witness_words(witnesses[k]), closed=k not in named)
                    for k in heard
                    if k in witnesses
                ),
            ),
            ListView(
                "Written evidence and visits",
                tuple(ListEntry(e.title, closed=e.closed) for e in evidence),
            ),
        ),
        timetable=ListView(
            "Timetable",
            tuple(
                ListEntry(f"{day_month_year(m.date)}: {m.title}")
                for m in sorted(review.milestones, key=lambda m: m.date)
            ),
        ),
        sessions=sessions,
        session_refs=session_refs,
        evidence=evidence,
        evidence_refs={e.key: e.ref for e in evidence},
        abbreviations=tuple(
            sorted(
                (
                    AbbreviationView(i.abbreviation, i.name)
                    for i in review.interfaces
                    if i.abbreviation
                ),
                key=lambda a: (a.abbreviation.casefold(), a.name),
            )
        ),
        closed_notes=shut,
    )


def _publicly_named(
    review: Review, meetings: list[Meeting], shut: frozenset[str]
) -> frozenset[str]:
    """Witnesses the public report may name: not private, and seen in open material
    (an open item of a meeting that took place, an open note, open evidence they gave)."""
    seen = {k for m in meetings for i in m.items if not i.is_closed for k in i.witnesses}
    seen.update(k for n in review.notes if n.key not in shut for k in n.witnesses)
    seen.update(e.witness for e in review.evidence if e.witness and e.access is Access.OPEN)
    return frozenset(w.key for w in review.witnesses if w.key in seen and not w.private)


def _sessions(
    meetings: list[Meeting], witnesses: dict[str, Witness], named: frozenset[str]
) -> tuple[tuple[SessionView, ...], dict[str, str]]:
    """Every meeting that took place with a witness on any item, in date order: S1 …
    (and each session's meeting key -> ref). A witness heard there only under closed
    items is closed at that session."""
    sessions: list[SessionView] = []
    refs: dict[str, str] = {}
    for m in meetings:
        keys = dict.fromkeys(k for i in m.items for k in i.witnesses if k in witnesses)
        if not keys:
            continue
        open_here = {k for i in m.items if not i.is_closed for k in i.witnesses}
        entries = tuple(
            ListEntry(witness_words(witnesses[k]), closed=k not in named or k not in open_here)
            for k in keys
        )
        refs[m.key] = f"S{len(sessions) + 1}"
        sessions.append(SessionView(refs[m.key], m.start.date(), m.title, entries))
    return tuple(sessions), refs


def _evidence(review: Review, witnesses: dict[str, Witness]) -> tuple[EvidenceEntryView, ...]:
    return tuple(
        EvidenceEntryView(
            ref=f"E{n}",
            key=e.key,
            title=e.title,
            kind=EVIDENCE_KIND_WORDS.get(e.kind, str(e.kind)),
            source=_giver(witnesses[e.witness]) if e.witness in witnesses else e.source,
            received=e.received,
            closed=e.access is Access.CLOSED,
        )
        for n, e in enumerate(review.evidence, start=1)
    )


def _giver(witness: Witness) -> str:
    return ", ".join(p for p in (witness.name, witness.organisation) if p)
