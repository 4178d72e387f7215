"""The public cut of the report (services/publishing.report_view): the canary rule (no
closed note, evidence, paragraph, minute or private witness reaches the public view in
any string field), numbers kept with gaps, closed citations reduced to "heard in
private", drafts dropped, cross-references and ``arising`` recomputed on what is shown."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from enum import Enum

import pytest

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.report_views import CitationView, ReportDocView
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import publishing
from scrutiny_desk.services.report_outline import build_report

from .report_sample import MADE, PARAGRAPHS, sample, with_report


def _canary(key: str) -> str:
    return f"ZQXCANARY-{key}"


def _marked() -> Review:
    """The sample with a unique marker in every closed text: closed notes (own, on a
    closed item, on closed evidence), closed evidence's title, source and summary,
    closed items' titles and minutes, the witnesses heard in private, the closed
    paragraph; closed notes are renamed to a marked key, since the report cites a note
    (by key, reference and label) but never prints its text."""
    review = with_report(sample())
    closed_items = {i.key for m in review.meetings for i in m.items if i.is_closed}
    closed_evidence = {e.key for e in review.evidence if e.access is Access.CLOSED}
    shut = {
        n.key
        for n in review.notes
        if n.access is Access.CLOSED or n.item in closed_items or n.evidence in closed_evidence
    }

    def renamed(keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_canary(k) if k in shut else k for k in keys)

    return replace(
        review,
        notes=tuple(
            replace(n, key=_canary(n.key), text=f"{_canary(n.key)} {n.text}")
            if n.key in shut
            else n
            for n in review.notes
        ),
        recommendations=tuple(replace(r, notes=renamed(r.notes)) for r in review.recommendations),
        evidence=tuple(
            replace(
                e,
                title=_canary(e.key + "-title"),
                source=_canary(e.key + "-source"),
                summary=_canary(e.key + "-summary"),
            )
            if e.key in closed_evidence
            else e
            for e in review.evidence
        ),
        witnesses=tuple(
            replace(w, name=_canary(w.key + "-name"), role=_canary(w.key + "-role"))
            if w.private
            else w
            for w in review.witnesses
        ),
        meetings=tuple(
            replace(
                m,
                items=tuple(
                    replace(i, title=_canary(i.key + "-title"), minute=_canary(i.key + "-minute"))
                    if i.is_closed
                    else i
                    for i in m.items
                ),
            )
            for m in review.meetings
        ),
        report=replace(
            review.report,
            paragraphs=tuple(
                replace(
                    p,
                    text=f"{_canary(p.key)} {p.text}" if p.access is Access.CLOSED else p.text,
                    notes=renamed(p.notes),
                )
                for p in review.report.paragraphs
            ),
        ),
    )


def _strings(value: object) -> Iterator[str]:
    """Every string anywhere in a view: fields, tuples, nested views."""
    if isinstance(value, str | Enum):
        yield str(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _strings(v)


PANEL = build_report(_marked(), made=MADE)
PUBLIC = publishing.report_view(PANEL, Audience.PUBLIC)


def test_the_canary_no_closed_material_reaches_the_public_report() -> None:
    panel = "\n".join(_strings(PANEL))
    public = "\n".join(_strings(PUBLIC))
    # the panel's report carries the closed material cited and listed …
    for key in ("p-closed", "n9", "n10", "n13", "family-statement-title", "user-name", "soca-name"):
        assert _canary(key) in panel, key
    # … and the public one none of it
    assert "ZQXCANARY" not in public
    emails = [m.email for m in _marked().panel if m.email]
    assert emails and all(e in panel and e not in public for e in emails)  # the panel's


def test_the_public_report_keeps_the_panels_numbers() -> None:
    assert PUBLIC.audience is Audience.PUBLIC
    numbers = [p.number for p in PUBLIC.paragraphs() if p.number and p.number.startswith("2.")]
    assert numbers == ["2.1", "2.2", "2.4"]  # 2.3 is closed: a gap, not a renumbering
    assert [p.key for p in PUBLIC.paragraphs()] == [
        p.key for p in PARAGRAPHS if p.access is Access.OPEN
    ]


def test_closed_citations_keep_only_that_they_are_closed() -> None:
    impact = next(p for p in PUBLIC.paragraphs() if p.key == "p-impact")
    assert impact.citations == (CitationView("note", "", None, "", True),) * 2
    justice = next(p for p in PUBLIC.paragraphs() if p.key == "p-justice")
    assert justice.citations[0].ref is not None and not justice.citations[0].closed
    assert justice.citations[1] == CitationView("evidence", "", None, "", True)


def test_recommendations_drafts_dropped_and_supported_only_by_what_is_shown() -> None:
    recs = {r.key: r for r in PUBLIC.recommendations}
    assert "r5" not in recs  # a draft, as the action plan drops it
    assert [r.number for r in PUBLIC.recommendations] == [1, 2, 3, 4, 6]
    assert [ref.number for ref in recs["r1"].supported_by] == ["2.1"]  # not the closed 2.3
    arising = {p.key: p.arising for p in PUBLIC.paragraphs() if p.arising}
    assert arising["p-strategy"] == (1,)  # moved from the closed paragraph
    assert arising["p-targets"] == (2,)  # the draft's 5 is gone


def test_appendices_and_lists_drop_closed_lines() -> None:
    assert [e.ref for e in PUBLIC.evidence] == ["E1", "E2", "E4", "E5"]  # E3 is closed
    s2 = next(s for s in PUBLIC.sessions if s.ref == "S2")
    assert len(s2.witnesses) == 2
    _meetings, witnesses, written = next(
        s for c in PUBLIC.chapters for s in c.sections if s.place == "approach"
    ).lists
    assert len(witnesses.entries) == 6 and len(written.entries) == 4
    assert not any(e.closed for e in (*witnesses.entries, *written.entries))


def test_a_session_with_no_witness_the_public_may_see_is_dropped() -> None:
    review = _marked()
    # the visit's witnesses heard in private only
    review = replace(
        review,
        meetings=tuple(
            replace(m, items=tuple(replace(i, access=Access.CLOSED) for i in m.items))
            if m.key == "visit"
            else m
            for m in review.meetings
        ),
    )
    public = publishing.report_view(build_report(review, made=MADE), Audience.PUBLIC)
    assert [s.ref for s in public.sessions] == ["S1", "S2", "S4"]


def test_the_panel_view_is_unchanged_and_a_witness_has_none() -> None:
    assert publishing.report_view(PANEL, Audience.PANEL) is PANEL
    with pytest.raises(ValueError, match="public or for the panel"):
        publishing.report_view(PANEL, Audience.WITNESS)


def test_a_frozen_version_is_cut_by_the_same_rule() -> None:
    frozen: ReportDocView = replace(PANEL, version="0.1", made=date(2007, 5, 1))
    public = publishing.report_view(frozen, Audience.PUBLIC)
    assert public.version == "0.1"
    assert "ZQXCANARY" not in "\n".join(_strings(public))
