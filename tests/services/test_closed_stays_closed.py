"""Closed stays closed: a note taken during a closed item, or against closed evidence, is
closed in its own right, so reopening the item or the evidence never publishes it.

Asserted on real outputs: the stored note, the notes filter, search, the review export's
JSON and the text of the public coverage PDF; on both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.coverage import CoverageService

NOW = datetime(2026, 6, 3, 13, 40, tzinfo=UTC)
BEFORE = "Quokka before the doors closed"
DURING = "Quokka said in private"


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _exported_notes(services: Services, review_id: int, tmp_path: Path) -> dict[str, str]:
    """Note text -> the access the review export writes for it."""
    path = services.reviews.export_file(review_id, tmp_path / "review.json")
    notes = json.loads(path.read_text(encoding="utf-8"))["review"]["notes"]
    return {n["text"]: n["access"] for n in notes}


def _coverage(services: Services, review_id: int, audience: Audience, path: Path) -> str:
    coverage = CoverageService(services.db, clock=lambda: NOW)
    return _pdf_text(coverage.export_pdf(review_id, audience, path))


def test_notes_of_a_closed_item_stay_closed_when_it_is_reopened(
    services: Services, sample: int, tmp_path: Path
) -> None:
    notes, agenda = services.notes, services.agenda
    before = notes.capture(sample, BEFORE, ["scale"], item="recs-findings")
    assert before.access is Access.OPEN and not before.closed

    item = agenda.find(sample, "recs-findings")
    closed = agenda.close_item(item.id, item.version, "Commercially sensitive")
    assert closed.notes_closed == (before.key,)  # closing stored it closed, in one step
    assert notes.get(before.id).access is Access.CLOSED

    during = notes.capture(sample, DURING, ["scale"], item="recs-findings")
    assert during.access is Access.CLOSED and during.closed  # stored closed, not derived

    reopened = agenda.reopen_item(closed.id, closed.version)
    assert not reopened.is_closed
    for note in (before, during):
        now = notes.get(note.id)
        assert now.access is Access.CLOSED and now.closed, note.text
    open_keys = {e.key for e in notes.entries(notes.ids(sample, NoteFilter(access=Access.OPEN)))}
    assert before.key not in open_keys and during.key not in open_keys
    hits = services.search.search(sample, "quokka").hits
    assert {h.key for h in hits} == {before.key, during.key}
    assert all(h.closed for h in hits)
    exported = _exported_notes(services, sample, tmp_path)
    assert exported[BEFORE] == exported[DURING] == "closed"
    recs = services.meeting_edits.find(sample, "recs").id
    for paper in ("agenda", "minutes"):  # papers print no notes, open or closed
        written = services.exports.publish(paper, recs, Audience.PUBLIC, tmp_path / "p.pdf")
        assert "Quokka" not in _pdf_text(written.path), paper

    # The public coverage report is the same with or without these notes; the panel's
    # is not (so the notes do count where they may be seen).
    public = _coverage(services, sample, Audience.PUBLIC, tmp_path / "public.pdf")
    panel = _coverage(services, sample, Audience.PANEL, tmp_path / "panel.pdf")
    for note in (before, during):
        notes.delete(note.id, notes.get(note.id).version)
    assert _coverage(services, sample, Audience.PUBLIC, tmp_path / "public2.pdf") == public
    assert _coverage(services, sample, Audience.PANEL, tmp_path / "panel2.pdf") != panel
    assert "Quokka" not in public


def test_the_undo_of_closing_an_item_opens_exactly_the_notes_it_closed(
    services: Services, sample: int
) -> None:
    notes, agenda = services.notes, services.agenda
    was_open = notes.capture(sample, BEFORE, ["scale"], item="recs-findings")
    marked = notes.capture(
        sample, "Marked closed", ["scale"], item="recs-findings", access=Access.CLOSED
    )
    item = agenda.find(sample, "recs-findings")
    closed = agenda.close_item(item.id, item.version, "Commercially sensitive")
    assert closed.notes_closed == (was_open.key,)
    during = notes.capture(sample, DURING, ["scale"], item="recs-findings")

    undone = agenda.reopen_item(closed.id, closed.version, undo_notes=closed.notes_closed)
    assert not undone.is_closed
    assert notes.get(was_open.id).access is Access.OPEN  # as it was before the step
    assert notes.get(marked.id).access is Access.CLOSED
    assert notes.get(during.id).access is Access.CLOSED  # taken while closed: closed


def test_notes_of_closed_evidence_stay_closed_when_it_is_reopened(
    services: Services, sample: int, tmp_path: Path
) -> None:
    notes, evidence = services.notes, services.evidence
    before = notes.capture(sample, BEFORE, ["scale"], evidence="borough-survey")
    entry = evidence.find(sample, "borough-survey")
    closed = evidence.update(entry.id, entry.version, access=Access.CLOSED)
    assert closed.notes_closed == ("n5", before.key)  # the sample's note on it, and this
    during = notes.capture(sample, DURING, ["scale"], evidence="borough-survey")
    assert during.access is Access.CLOSED

    reopened = evidence.update(closed.id, closed.version, access=Access.OPEN)
    assert not reopened.is_closed
    for note in (before, during):
        assert notes.get(note.id).access is Access.CLOSED, note.text
    exported = _exported_notes(services, sample, tmp_path)
    assert exported[BEFORE] == exported[DURING] == "closed"
    public = _coverage(services, sample, Audience.PUBLIC, tmp_path / "public.pdf")
    for note in (before, during):
        notes.delete(note.id, notes.get(note.id).version)
    assert _coverage(services, sample, Audience.PUBLIC, tmp_path / "public2.pdf") == public

    # The undo of closing it (and only that) opens the notes it closed again.
    again = notes.capture(sample, BEFORE, ["scale"], evidence="borough-survey")
    entry = evidence.find(sample, "borough-survey")
    closed = evidence.update(entry.id, entry.version, access=Access.CLOSED)
    evidence.update(closed.id, closed.version, access=Access.OPEN, undo_notes=closed.notes_closed)
    assert closed.notes_closed == (again.key,)  # n5 and the others stayed closed
    assert notes.get(again.id).access is Access.OPEN
    assert notes.find(sample, "n5").access is Access.CLOSED


def test_a_note_moved_to_closed_evidence_or_marked_open_on_a_closed_item_stays_closed(
    services: Services, sample: int
) -> None:
    notes = services.notes
    note = notes.capture(sample, BEFORE, ["scale"])
    moved = notes.update(note.id, note.version, evidence="family-statement")  # closed
    assert moved.access is Access.CLOSED
    private = notes.find(sample, "n9")  # taken during the closed item ev3-user
    still = notes.update(private.id, private.version, access=Access.OPEN)
    assert still.access is Access.CLOSED and still.closed


def _with_open_notes(data: dict, keys: set[str]) -> bytes:  # type: ignore[type-arg]
    for note in data["review"]["notes"]:
        if note["key"] in keys:
            note["access"] = "open"
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("source", "closed"),
    [
        ("example-review-v1.json", {"n2"}),
        ("example-review-v2.json", {"n9", "n10", "n13"}),
        ("sample", {"n9", "n10", "n13"}),  # version 3
    ],
)
def test_import_stores_the_notes_of_closed_items_and_evidence_closed(
    services: Services, source: str, closed: set[str]
) -> None:
    """Every format version: a file that says "open" for a note taken during a closed
    item or against closed evidence is stored with that note closed."""
    path = (
        resource_file("samples/drugs-scrutiny.json")
        if source == "sample"
        else Path(__file__).parent.parent / "data" / source
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    review_id = services.reviews.import_bytes(_with_open_notes(data, closed))
    stored = {n.key: n.access for n in services.reviews.document(review_id).notes}
    assert {k for k, a in stored.items() if a is Access.CLOSED} >= closed
    for key in closed:
        assert services.notes.find(review_id, key).access is Access.CLOSED


# A witness who asked to be heard in private, named by public papers ----------------------


def test_public_papers_that_name_a_private_witness_say_whom(
    services: Services, sample: int, tmp_path: Path
) -> None:
    """ "soca" (Senior officer) asked to give evidence in private; on the open findings
    item of the recommendations meeting, the public agenda, minutes and programme name
    them, and the export says so. The panel's papers, and closed items, do not warn; nor
    does the programme, which with calendar entries showing public titles only (the
    review's setting, on by default: issue 14) leaves them out."""
    item = services.agenda.find(sample, "recs-findings")
    services.agenda.set_item_witnesses(item.id, item.version, ["borough", "soca"])
    recs = services.meeting_edits.find(sample, "recs").id
    exports = services.exports
    for paper in ("agenda", "minutes"):
        public = exports.publish(paper, recs, Audience.PUBLIC, tmp_path / f"{paper}.pdf")
        assert public.private_witnesses == ("Senior officer",), paper
        assert "Senior officer" in _pdf_text(public.path)  # what the warning is about
        panel = exports.publish(paper, recs, Audience.PANEL, tmp_path / f"{paper}-panel.pdf")
        assert panel.private_witnesses == (), paper
    programme = exports.publish("programme", sample, Audience.PUBLIC, tmp_path / "p.ics")
    assert programme.private_witnesses == ()
    assert b"Senior officer" not in programme.path.read_bytes().replace(b"\r\n ", b"")

    item = services.agenda.find(sample, "recs-findings")
    services.agenda.close_item(item.id, item.version, "The witness asked for privacy")
    closed = exports.publish("agenda", recs, Audience.PUBLIC, tmp_path / "closed.pdf")
    assert closed.private_witnesses == ()
    assert "Senior officer" not in _pdf_text(closed.path)
