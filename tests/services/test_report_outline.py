"""The report's outline generated from the shipped sample (services/report_outline.py):
the introduction's lists, findings chapters following the terms of reference, numbering
by chapter, citations into the appendices, recommendations cross-referenced; and after
moving terms-of-reference items or inserting a paragraph, every number still right."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny_desk.domain.records import TOR_PLACE, Review, TorItem
from scrutiny_desk.domain.report_views import ReportDocView
from scrutiny_desk.domain.structure import walk_tor
from scrutiny_desk.services.report_outline import build_report, section_places, unplaced

from .report_sample import MADE, PARAGRAPHS, paragraph, sample, with_report

REVIEW = with_report(sample())


def _view(review: Review = REVIEW) -> ReportDocView:
    return build_report(review, made=MADE)


def _section(view: ReportDocView, place: str):  # type: ignore[no-untyped-def]
    return next(s for c in view.chapters for s in c.sections if s.place == place)


def test_the_introduction_carries_the_scope_from_the_record() -> None:
    view = _view()
    intro = view.chapters[2]
    assert (intro.number, intro.title) == (1, "Introduction")
    assert [s.title for s in intro.sections] == [
        "Background",
        "Objectives",
        "Scope and exclusions",
        "Key interfaces",
        "Approach",
        "Timetable",
    ]
    (objectives,) = _section(view, "objectives").lists
    assert [e.depth for e in objectives.entries].count(0) == 3
    assert [e.depth for e in objectives.entries].count(1) == 13
    assert [e.number for e in objectives.entries][:3] == ["1", "1.1", "1.2"]
    (exclusions,) = _section(view, "scope").lists
    assert len(exclusions.entries) == 5
    (interfaces,) = _section(view, "interfaces").lists
    assert len(interfaces.entries) == 8
    assert interfaces.entries[0].text == "Serious and Organised Crime Agency (SOCA)"
    (timetable,) = _section(view, "timetable").lists
    assert [e.text for e in timetable.entries] == [
        "31 May 2007: Draft submitted to Full Authority",
        "27 September 2007: Final report agreed",
    ]


def test_the_approach_lists_what_took_place_and_marks_who_was_heard_in_private() -> None:
    meetings, witnesses, written = _section(_view(), "approach").lists
    texts = [e.text for e in meetings.entries]
    assert len(texts) == 6  # the cancelled and the postponed meetings are not listed
    assert not any("research and treatment" in t for t in texts)  # ev2 was cancelled
    closed = {e.text.split(",")[0] for e in witnesses.entries if e.closed}
    assert closed == {"Service user", "Senior officer"}  # both asked to be heard in private
    assert [e.closed for e in written.entries] == [False, False, True, False, False]


def test_findings_chapters_follow_the_terms_of_reference_and_number_by_chapter() -> None:
    view = _view()
    findings = [c for c in view.chapters if c.kind == "findings"]
    assert [c.title for c in findings] == [t.text for t in REVIEW.terms_of_reference]
    assert [c.number for c in findings] == [2, 3, 4]
    assert view.chapters[-1].number == 5 and view.chapters[-1].kind == "conclusions"
    strategy = findings[0]
    assert [s.tor_number for s in strategy.sections] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5"]
    numbers = {p.key: p.number for p in view.paragraphs()}
    assert numbers["p-foreword"] is None and numbers["p-summary"] is None
    assert numbers["p-background"] == "1.1" and numbers["p-objectives"] == "1.2"
    # sections continue the chapter's count
    assert [numbers[k] for k in ("p-strategy", "p-gaps", "p-closed", "p-impact")] == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    assert numbers["p-forensics2"] == "3.3" and numbers["p-justice"] == "4.3"
    assert numbers["p-conclusions"] == "5.1"


def test_citations_point_into_the_appendices() -> None:
    view = _view()
    assert [s.ref for s in view.sessions] == ["S1", "S2", "S3", "S4"]
    assert [e.ref for e in view.evidence] == ["E1", "E2", "E3", "E4", "E5"]
    cited = {(c.kind, c.key): c for p in view.paragraphs() for c in p.citations}
    assert cited["note", "n1"].ref == "S1"  # taken at the first evidence session
    assert cited["note", "n12"].ref == "E4"  # against the research summary
    assert cited["note", "n6"].ref == "E2"
    assert cited["evidence", "forensics-paper"].ref == "E2"
    assert cited["note", "n9"].closed and cited["note", "n10"].closed
    assert cited["evidence", "family-statement"].closed
    assert not cited["note", "n1"].closed


def test_a_note_with_no_source_in_the_appendices_prints_its_label() -> None:
    review = replace(
        REVIEW,
        notes=tuple(
            replace(n, meeting=None, item=None) if n.key == "n1" else n for n in REVIEW.notes
        ),
    )
    (citation,) = next(p for p in _view(review).paragraphs() if p.key == "p-strategy").citations
    assert (citation.ref, citation.label) == (None, "Note of the panel")


def test_recommendations_are_cross_referenced_and_arise_after_their_last_paragraph() -> None:
    view = _view()
    recs = {r.key: r for r in view.recommendations}
    assert [r.number for r in view.recommendations] == [1, 2, 3, 4, 5, 6]
    assert [ref.number for ref in recs["r1"].supported_by] == ["2.1", "2.3"]
    assert [ref.number for ref in recs["r4"].supported_by] == ["2.4", "4.2"]
    assert recs["r1"].lead == "MPS Management Board" and recs["r5"].draft
    arising = {p.key: p.arising for p in view.paragraphs() if p.arising}
    assert arising == {
        "p-closed": (1,),
        "p-targets": (2, 5),
        "p-forensics2": (3,),
        "p-cdrp": (4,),
        "p-conclusions": (6,),
    }


def test_appendices() -> None:
    view = _view()
    assert [m.name for m in view.members] == [m.name for m in REVIEW.panel]
    assert [a.abbreviation for a in view.abbreviations] == ["ACPO", "CPS", "HMIC", "SOCA"]
    assert view.evidence[3].source == "Research Manager, Joseph Rowntree Foundation"
    s2 = view.sessions[1]
    assert s2.title.startswith("Evidence session 3")
    assert [w.closed for w in s2.witnesses] == [False, False, True]
    assert view.title == "Drugs Scrutiny: report of the scrutiny panel"


def test_a_paragraph_whose_item_was_deleted_is_unplaced() -> None:
    review = with_report(REVIEW, (*PARAGRAPHS, paragraph("p-gone", "tor:deleted")))
    assert "p-gone" not in {p.key for p in _view(review).paragraphs()}
    assert [p.key for p in unplaced(review)] == ["p-gone"]
    assert unplaced(REVIEW) == ()


def test_section_places_follow_the_outline() -> None:
    places = section_places(REVIEW)
    assert [p.place for p in places][:4] == ["foreword", "summary", "background", "objectives"]
    findings = [p for p in places if p.kind == "findings"]
    assert [p.place for p in findings] == [TOR_PLACE + item.key for item in _tree_keys(REVIEW)]
    assert places[-1].chapter == 5


def _tree_keys(review: Review) -> list[TorItem]:
    return [item for _, item in walk_tor(review.terms_of_reference)]


# After moving terms of reference or inserting a paragraph, everything is right --------


def _shuffled(items: tuple[TorItem, ...], data: st.DataObject) -> tuple[TorItem, ...]:
    order = data.draw(st.permutations(items))
    return tuple(replace(i, children=_shuffled(i.children, data)) for i in order)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_numbers_citations_and_cross_references_stay_right(data: st.DataObject) -> None:
    tor = _shuffled(REVIEW.terms_of_reference, data)
    places = [TOR_PLACE + item.key for _, item in walk_tor(tor)]
    inserted = paragraph(
        "p-new",
        data.draw(st.sampled_from(places)),
        notes=(data.draw(st.sampled_from([n.key for n in REVIEW.notes])),),
        recommendations=(data.draw(st.sampled_from([r.key for r in REVIEW.recommendations])),),
    )
    at = data.draw(st.integers(0, len(PARAGRAPHS)))
    review = with_report(
        replace(REVIEW, terms_of_reference=tor), (*PARAGRAPHS[:at], inserted, *PARAGRAPHS[at:])
    )
    view = _view(review)
    own = {p.key: p for p in review.report.paragraphs}
    # chapters follow the moved items; each section holds its place's paragraphs in order
    findings = [c for c in view.chapters if c.kind == "findings"]
    assert [c.title for c in findings] == [t.text for t in tor]
    assert [s.place for c in findings for s in c.sections] == places
    for c in view.chapters:
        for s in c.sections:
            assert [p.key for p in s.paragraphs] == [
                p.key for p in review.report.paragraphs if p.place == s.place
            ]
        # numbered 1, 2, 3 … through the chapter
        numbered = [p.number for s in c.sections for p in s.paragraphs]
        if c.number is not None:
            assert numbered == [f"{c.number}.{n}" for n in range(1, len(numbered) + 1)]
    # citations resolve to the right appendix entry
    notes = {n.key: n for n in review.notes}
    sessions = {s.ref: s for s in view.sessions}
    evidence = {e.ref: e for e in view.evidence}
    for p in view.paragraphs():
        for c in p.citations:
            target = c.key if c.kind == "evidence" else notes[c.key].evidence
            if target is not None:
                assert evidence[c.ref or ""].key == target
            elif c.ref is not None:
                meeting = next(m for m in review.meetings if m.key == notes[c.key].meeting)
                assert sessions[c.ref].title == meeting.title
    # each recommendation lists its paragraphs in document order and arises after the last
    printed = view.paragraphs()
    for r in view.recommendations:
        expected = [(p.key, p.number) for p in printed if r.key in own[p.key].recommendations]
        assert [(ref.key, ref.number) for ref in r.supported_by] == expected
        holders = [p.key for p in printed if r.number in p.arising]
        assert holders == ([expected[-1][0]] if expected else [])
