"""The report's paragraphs and settings as a service (issue 17): every edit and its
undo, refusals that change nothing, conflicts between two sessions, the links a deleted
note, evidence or recommendation takes and its undo puts back, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.report_entries import ParagraphEntry
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.changes import recording
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.report_paragraphs import ReportParagraphService

from .blank_report import import_without_report

SCALE = "tor:scale"  # finding 1.1 of the sample: section of chapter 2


@pytest.fixture
def sample(services: Services) -> int:
    return services.reviews.import_sample()


@pytest.fixture
def blank(services: Services) -> int:
    """The sample with the report it ships with taken out: the tests that count, number
    and place paragraphs from an empty report start here, so the sample's own 30
    paragraphs and settings do not decide what they see."""
    return import_without_report(services)


@pytest.fixture
def paras(services: Services) -> ReportParagraphService:
    return services.report_paragraphs


def _fields(problem: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {p.path for p in problem.value.problems}


def _texts(paras: ReportParagraphService, review: int, place: str) -> list[str]:
    return [p.text for p in paras.paragraphs(review, place)]


def _everything(paras: ReportParagraphService, review: int) -> list[ParagraphEntry]:
    """Every paragraph as the service reads it back, place by place."""
    places = [p.place for p in paras.places(review)]
    return [e for place in places for e in paras.paragraphs(review, place)] + list(
        paras.unplaced(review)
    )


def test_the_sample_places_the_report_it_ships_with(
    paras: ReportParagraphService, sample: int
) -> None:
    shipped = {p.place: p.paragraphs for p in paras.places(sample)}
    assert sum(shipped.values()) == 30 and shipped[SCALE] == 1
    assert paras.unplaced(sample) == ()
    assert paras.settings(sample).title == "MPA Drugs Scrutiny: final report"


def test_places_follow_the_outline(paras: ReportParagraphService, blank: int) -> None:
    places = paras.places(blank)
    names = [p.place for p in places]
    assert names[:8] == [
        "foreword",
        "summary",
        "background",
        "objectives",
        "scope",
        "interfaces",
        "approach",
        "timetable",
    ]
    assert names[-1] == "conclusions"
    findings = [p for p in places if p.kind == "findings"]
    # one place per terms-of-reference item: 3 objectives and their 13 sub-items
    assert len(findings) == 16
    first = findings[0]
    assert (first.place, first.chapter, first.tor_number, first.title) == (
        "tor:strategy",
        2,
        "1",
        None,
    )
    assert [(p.place, p.tor_number) for p in findings[1:3]] == [
        ("tor:scale", "1.1"),
        ("tor:approaches", "1.2"),
    ]
    assert all(p.paragraphs == 0 for p in places)
    paras.add(blank, SCALE, "One.")
    paras.add(blank, SCALE, "Two.")
    counts = {p.place: p.paragraphs for p in paras.places(blank)}
    assert counts[SCALE] == 2 and counts["background"] == 0
    with pytest.raises(NotFoundError):
        paras.places(999_999)


def test_add_numbers_and_inserts(paras: ReportParagraphService, blank: int) -> None:
    with recording() as topics:
        first = paras.add(blank, SCALE, "Supply moves online.")
    assert topics == {Topic.REPORT}
    assert first.key.startswith("p-") and first.version == 1
    assert (first.place, first.position, first.number) == (SCALE, 0, "2.1")
    assert first.access is Access.OPEN and not first.closed_cited
    top = paras.add(blank, "tor:strategy", "The strategy chapter opens.")
    assert top.number == "2.1"  # the chapter's own opening comes before its sections
    last = paras.add(blank, SCALE, "Level 2 is the gap.")
    inserted = paras.add(blank, SCALE, "Inserted first.", index=0, access=Access.CLOSED)
    assert [(p.text, p.position, p.number) for p in paras.paragraphs(blank, SCALE)] == [
        ("Inserted first.", 0, "2.2"),
        ("Supply moves online.", 1, "2.3"),
        ("Level 2 is the gap.", 2, "2.4"),
    ]
    assert paras.paragraph(inserted.id).closed
    assert paras.paragraph(last.id).number == "2.4"
    foreword = paras.add(blank, "foreword", "The chair's foreword.")
    assert foreword.number is None  # the foreword is not numbered
    background = paras.add(blank, "background", "The panel was set up in 2006.", key="bg1")
    assert (background.key, background.number) == ("bg1", "1.1")
    assert paras.id_for(blank, "bg1") == background.id
    with pytest.raises(NotFoundError):
        paras.id_for(blank, "nope")
    with pytest.raises(NotFoundError):
        paras.paragraph(999_999)


def test_refused_adds_name_the_field_and_write_nothing(
    paras: ReportParagraphService, sample: int
) -> None:
    paras.add(sample, SCALE, "Kept.", key="kept")
    before = _everything(paras, sample)
    with recording() as topics:
        with pytest.raises(ValidationError) as empty:
            paras.add(sample, SCALE, "   ")
        with pytest.raises(ValidationError) as nowhere:
            paras.add(sample, "appendix-z", "Text.")
        with pytest.raises(ValidationError) as gone:
            paras.add(sample, "tor:no-such-item", "Text.")
        with pytest.raises(ValidationError) as nul:
            paras.add(sample, SCALE, "a\x00b")
        with pytest.raises(ValidationError) as taken:
            paras.add(sample, SCALE, "Text.", key="kept")
    assert topics == set()
    assert _fields(empty) == {"text"} and "empty" in str(empty.value)
    assert _fields(nowhere) == {"place"} and "appendix-z" in str(nowhere.value)
    assert _fields(gone) == {"place"} and "no-such-item" in str(gone.value)
    assert _fields(nul) == {"text"}
    assert _fields(taken) == {"key"}
    assert _everything(paras, sample) == before
    with pytest.raises(NotFoundError):
        paras.add(999_999, SCALE, "Text.")


def test_edit_and_its_undo(paras: ReportParagraphService, sample: int) -> None:
    made = paras.add(sample, SCALE, "First words.")
    with recording() as topics:
        edited = paras.edit(made.id, made.version, text="Second words.", access=Access.CLOSED)
    assert topics == {Topic.REPORT}
    assert (edited.text, edited.access, edited.version) == ("Second words.", Access.CLOSED, 2)
    undone = paras.edit(edited.id, edited.version, text=made.text, access=made.access)
    assert (undone.text, undone.access) == (made.text, made.access)
    assert paras.paragraph(made.id) == undone


def test_refused_edits_change_nothing(paras: ReportParagraphService, sample: int) -> None:
    made = paras.add(sample, SCALE, "As it was.")
    before = _everything(paras, sample)
    with pytest.raises(ValidationError) as empty:
        paras.edit(made.id, made.version, text="")
    assert _fields(empty) == {"text"}
    with pytest.raises(ValidationError) as moved:
        paras.move(made.id, made.version, "nowhere")
    assert _fields(moved) == {"place"}
    with pytest.raises(ValidationError) as uncited:
        paras.cite(made.id, made.version, notes=["n1", "no-such-note"], evidence=["nope"])
    assert _fields(uncited) == {"notes", "evidence"}
    assert '"no-such-note"' in str(uncited.value) and '"n1"' not in str(uncited.value)
    with pytest.raises(ValidationError) as unsupported:
        paras.support(made.id, made.version, ["r99"])
    assert _fields(unsupported) == {"recommendations"}
    with pytest.raises(ConflictError):
        paras.edit(made.id, made.version + 1, text="Stale.")
    assert _everything(paras, sample) == before


def test_citing_a_key_of_another_review_is_refused(
    services: Services, paras: ReportParagraphService, sample: int, example_bytes: bytes
) -> None:
    other = services.reviews.import_bytes(example_bytes)  # the spec's example: "q1", "n1"
    made = paras.add(sample, SCALE, "In the sample.")
    before = _everything(paras, sample)
    with pytest.raises(ValidationError) as wrong:
        paras.cite(made.id, made.version, evidence=["q1"])  # evidence of the other review
    assert _fields(wrong) == {"evidence"} and '"q1"' in str(wrong.value)
    assert _everything(paras, sample) == before
    theirs = paras.add(other, "tor:strategy", "In the example.")
    cited = paras.cite(theirs.id, theirs.version, notes=["n1"], evidence=["q1"])
    # "n1" names the example's note, not the sample's note of the same key
    assert cited.notes[0].label == services.notes.find(other, "n1").text
    assert cited.notes[0].label != services.notes.find(sample, "n1").text
    with pytest.raises(ValidationError) as elsewhere:
        paras.move(theirs.id, cited.version, "tor:approaches")  # the sample's 1.2 only
    assert _fields(elsewhere) == {"place"}
    with pytest.raises(NotFoundError):
        paras.id_for(sample, theirs.key)


def test_cite_support_and_what_they_say(paras: ReportParagraphService, sample: int) -> None:
    made = paras.add(sample, "tor:impact", "Arrest referral depends on treatment places.")
    with recording() as topics:
        cited = paras.cite(
            made.id, made.version, notes=["n12", "n1", "n12"], evidence=["jrf-research"]
        )
    assert topics == {Topic.REPORT}
    assert [n.key for n in cited.notes] == ["n12", "n1"]  # each once, in the order given
    assert cited.notes[0].label.startswith("Street-level enforcement displaces")
    assert [e.key for e in cited.evidence] == ["jrf-research"]
    assert not cited.closed_cited and cited.version == made.version + 1
    closed_note = paras.cite(cited.id, cited.version, notes=["n9"])
    assert closed_note.closed_cited  # n9 is closed
    assert [e.key for e in closed_note.evidence] == ["jrf-research"]  # left as it was
    closed_evidence = paras.cite(
        closed_note.id, closed_note.version, notes=[], evidence=["family-statement"]
    )
    assert closed_evidence.closed_cited and closed_evidence.notes == ()
    supported = paras.support(closed_evidence.id, closed_evidence.version, ["r3", "r1"])
    assert [r.key for r in supported.recommendations] == ["r3", "r1"]
    assert supported.recommendations[0].label.startswith("R3 ")
    cleared = paras.support(supported.id, supported.version, [])
    assert cleared.recommendations == ()


def test_move_and_its_undo(paras: ReportParagraphService, blank: int) -> None:
    a = paras.add(blank, SCALE, "A.")
    b = paras.add(blank, SCALE, "B.")
    c = paras.add(blank, SCALE, "C.")
    paras.add(blank, "conclusions", "X.")
    with recording() as topics:
        moved = paras.move(c.id, c.version, SCALE, 0)
    assert topics == {Topic.REPORT}
    assert _texts(paras, blank, SCALE) == ["C.", "A.", "B."]
    assert (moved.position, moved.number) == (0, "2.1")
    across = paras.move(a.id, paras.paragraph(a.id).version, "conclusions", 0)
    assert across.place == "conclusions" and across.number is not None
    assert _texts(paras, blank, "conclusions") == ["A.", "X."]
    assert _texts(paras, blank, SCALE) == ["C.", "B."]
    # undo: back where each stood
    back = paras.move(a.id, across.version, SCALE, 1)
    paras.move(c.id, paras.paragraph(c.id).version, SCALE, 2)
    assert _texts(paras, blank, SCALE) == ["A.", "B.", "C."]
    assert back.version > a.version
    last = paras.move(b.id, paras.paragraph(b.id).version, SCALE)  # None: last
    assert last.position == 2 and _texts(paras, blank, SCALE) == ["A.", "C.", "B."]


def test_delete_and_restore_put_it_back_as_it_was(
    paras: ReportParagraphService, blank: int
) -> None:
    paras.add(blank, SCALE, "Before.")
    made = paras.add(blank, SCALE, "Middle.", access=Access.CLOSED)
    paras.add(blank, SCALE, "After.")
    made = paras.cite(made.id, made.version, notes=["n5", "n13"], evidence=["borough-survey"])
    made = paras.support(made.id, made.version, ["r2"])
    with recording() as topics:
        snapshot = paras.delete(made.id, made.version)
    assert topics == {Topic.REPORT}
    assert (snapshot.key, snapshot.place, snapshot.position) == (made.key, SCALE, 1)
    assert snapshot.notes == ("n5", "n13") and snapshot.recommendations == ("r2",)
    assert _texts(paras, blank, SCALE) == ["Before.", "After."]
    assert paras.paragraphs(blank, SCALE)[1].number == "2.2"  # renumbered
    with pytest.raises(NotFoundError):
        paras.paragraph(made.id)
    with recording() as topics:
        restored = paras.restore(snapshot)
    assert topics == {Topic.REPORT}
    assert _texts(paras, blank, SCALE) == ["Before.", "Middle.", "After."]
    same = ("key", "place", "position", "number", "text", "access", "notes", "evidence")
    assert all(getattr(restored, f) == getattr(made, f) for f in same)
    assert restored.recommendations == made.recommendations and restored.closed_cited
    with pytest.raises(ValidationError) as twice:
        paras.restore(snapshot)
    assert _fields(twice) == {"key"}
    with pytest.raises(ConflictError):
        paras.delete(restored.id, restored.version + 3)


def test_two_sessions_editing_one_paragraph(
    db_target: str, paras: ReportParagraphService, sample: int
) -> None:
    made = paras.add(sample, SCALE, "Both open this.")
    other = Services.open(db_target)
    try:
        other.db.user = "Colleague at the next desk"
        theirs = other.report_paragraphs.edit(made.id, made.version, text="Theirs.")
        assert theirs.version == made.version + 1
        before = _everything(paras, sample)
        with pytest.raises(ConflictError, match="changed by Colleague at the next desk at "):
            paras.edit(made.id, made.version, text="Mine.")
        with pytest.raises(ConflictError, match='paragraph "Theirs\\."'):
            paras.move(made.id, made.version, "summary")
        with pytest.raises(ConflictError):
            paras.cite(made.id, made.version, notes=["n1"])
        assert _everything(paras, sample) == before
        assert paras.paragraph(made.id).text == "Theirs."
        gone = other.report_paragraphs.delete(theirs.id, theirs.version)
        with pytest.raises(ConflictError, match="deleted by someone else"):
            paras.edit(made.id, theirs.version, text="Mine.")
        other.report_paragraphs.restore(gone)
    finally:
        other.close()


def test_undo_of_deleting_a_note_evidence_or_recommendation_puts_the_links_back(
    services: Services, paras: ReportParagraphService, sample: int
) -> None:
    one = paras.add(sample, SCALE, "One.")
    two = paras.add(sample, SCALE, "Two.")
    one = paras.cite(one.id, one.version, notes=["n1", "n5", "n2"], evidence=["borough-survey"])
    one = paras.support(one.id, one.version, ["r1", "r2"])
    two = paras.cite(two.id, two.version, notes=["n5"], evidence=["jrf-research", "borough-survey"])
    two = paras.support(two.id, two.version, ["r2"])
    note = services.notes.find(sample, "n5")
    evidence = services.evidence.find(sample, "borough-survey")
    rec = next(r for r in services.recommendations.list(sample, date.today()) if r.key == "r2")
    before = (paras.paragraph(one.id), paras.paragraph(two.id))

    with recording() as topics:
        note_gone = services.notes.delete(note.id, note.version)
    assert Topic.REPORT in topics
    assert [n.key for n in paras.paragraph(one.id).notes] == ["n1", "n2"]
    assert paras.paragraph(two.id).notes == ()
    evidence_gone = services.evidence.delete(evidence.id, evidence.version)
    assert [e.key for e in paras.paragraph(two.id).evidence] == ["jrf-research"]
    rec_gone = services.recommendations.delete(rec.id, rec.version)
    assert [r.key for r in paras.paragraph(one.id).recommendations] == ["r1"]
    # the paragraphs' versions stay: a colleague's edit of them is not refused for it
    assert paras.paragraph(one.id).version == before[0].version

    services.recommendations.restore(rec_gone)
    services.evidence.restore(evidence_gone)
    services.notes.restore(note_gone)
    after = (paras.paragraph(one.id), paras.paragraph(two.id))
    for was, now in zip(before, after, strict=True):
        assert (now.notes, now.evidence, now.version) == (was.notes, was.evidence, was.version)
        assert [r.key for r in now.recommendations] == [r.key for r in was.recommendations]


def test_a_deleted_tor_item_leaves_its_paragraphs_unplaced_until_put_back(
    services: Services, paras: ReportParagraphService, blank: int
) -> None:
    made = paras.add(blank, "tor:roles", "The roles of link members are unclear.")
    assert made.number is not None
    item = services.terms.find(blank, "roles")  # 1.5: nothing held against it
    snapshot = services.terms.delete(item.id, item.version)
    assert [p.key for p in paras.unplaced(blank)] == [made.key]
    assert paras.paragraph(made.id).number is None
    assert "tor:roles" not in [p.place for p in paras.places(blank)]
    with pytest.raises(ValidationError) as gone:
        paras.add(blank, "tor:roles", "More.")
    assert _fields(gone) == {"place"}
    services.terms.restore(snapshot)
    assert paras.unplaced(blank) == ()
    again = paras.paragraph(made.id)
    assert (again.place, again.number) == ("tor:roles", made.number)


def test_numbers_follow_the_terms_of_reference_when_an_item_moves(
    services: Services, paras: ReportParagraphService, blank: int
) -> None:
    made = paras.add(blank, "tor:partnerships", "Partners share data late.")
    assert made.number == "4.1"  # the third objective is chapter 4
    third = services.terms.find(blank, "partners")
    services.terms.move(third.id, third.version, 0)
    assert paras.paragraph(made.id).number == "2.1"


def test_at_hand_beside_a_findings_section(
    services: Services, paras: ReportParagraphService, sample: int
) -> None:
    hand = paras.at_hand(sample, "tor:strategy")
    assert hand.tor.key == "strategy" and hand.tor.label.startswith("1 Ensure")
    document = services.reviews.document(sample)
    under = {"strategy", "scale", "approaches", "gaps", "impact", "roles"}
    expected = [n.key for n in document.notes if under & set(n.tor)]
    assert [n.key for n in hand.notes] == expected
    assert {e.key for e in hand.evidence} == {"borough-survey", "family-statement", "jrf-research"}
    assert any(n.closed for n in hand.notes)  # closed ones come, marked
    assert [g.key for g in hand.gaps] == ["roles"]
    assert hand.gaps[0].label.startswith("1.5 ")
    sub = paras.at_hand(sample, "tor:forensics")
    assert [e.key for e in sub.evidence] == ["forensics-paper"] and sub.gaps == ()
    with pytest.raises(ValidationError) as not_findings:
        paras.at_hand(sample, "background")
    assert _fields(not_findings) == {"place"}


def test_quote_flags(paras: ReportParagraphService, sample: int) -> None:
    assert paras.quote_flags(sample) == ()
    closed_text = "The family made repeated calls about a neighbouring crack house"
    quoting = paras.add(sample, "tor:impact", f"We heard that {closed_text.lower()} for months.")
    flags = paras.quote_flags(sample)
    assert [f.paragraph for f in flags] == [quoting.key]
    closed = paras.edit(quoting.id, quoting.version, access=Access.CLOSED)
    assert paras.quote_flags(sample) == ()
    assert closed.closed


def test_settings(db_target: str, paras: ReportParagraphService, blank: int) -> None:
    first = paras.settings(blank)
    assert (first.title, first.submitted_on, first.response_months, first.version) == (
        None,
        None,
        2,
        None,
    )
    with recording() as topics:
        made = paras.set_settings(
            blank,
            None,
            title="Policing drugs in London",
            submitted_on=date(2007, 5, 31),
            submitted_to=" Full Authority ",
        )
    assert topics == {Topic.REPORT}
    assert (made.title, made.submitted_on, made.submitted_to, made.response_months) == (
        "Policing drugs in London",
        date(2007, 5, 31),
        "Full Authority",
        2,
    )
    assert made.version == 1 and paras.settings(blank) == made
    with pytest.raises(ValidationError) as bad:
        paras.set_settings(blank, made.version, response_months=0, submitted_to="x\x00")
    assert _fields(bad) == {"response_months", "submitted_to"}
    with pytest.raises(ConflictError):
        paras.set_settings(blank, None, title="A stale first copy")
    other = Services.open(db_target)
    try:
        other.db.user = "Colleague at the next desk"
        other.report_paragraphs.set_settings(blank, made.version, response_months=3)
    finally:
        other.close()
    with pytest.raises(ConflictError, match="were changed by Colleague at the next desk"):
        paras.set_settings(blank, made.version, title="Mine")
    now = paras.settings(blank)
    assert (now.title, now.response_months, now.version) == (made.title, 3, 2)
    undone = paras.set_settings(blank, now.version, title=None, response_months=2)
    assert (undone.title, undone.response_months) == (None, 2)
    with pytest.raises(NotFoundError):
        paras.settings(999_999)
