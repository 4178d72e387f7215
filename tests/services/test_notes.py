"""Notes: capture, query by filter and page, edit, delete and restore, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from scrutiny_desk.domain.note_records import NoteEntry, NoteFilter
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.notes import NotesService

# 14:40 in London (summer time): the review's local time is an hour ahead of UTC.
NOW = datetime(2026, 6, 3, 13, 40, 5, 123456, tzinfo=UTC)


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def notes(services: Services) -> NotesService:
    return NotesService(services.db, clock=lambda: NOW)


def _keys(
    notes: NotesService, review_id: int, flt: NoteFilter, order: str = "created"
) -> list[str]:
    return [e.key for e in notes.entries(notes.ids(review_id, flt, order))]


def _fields(problem: ValidationError) -> set[str]:
    return {p.path for p in problem.problems}


def test_entries_of_the_sample(services: Services, sample: int, notes: NotesService) -> None:
    document = services.reviews.document(sample)
    ids = notes.ids(sample, NoteFilter(), "position")
    entries = notes.entries(ids)
    assert [e.key for e in entries] == [n.key for n in document.notes]
    assert notes.count(sample, NoteFilter()) == len(document.notes)
    first = notes.find(sample, "n1")
    assert first.created == datetime(2007, 1, 22, 14, 35, tzinfo=UTC)
    assert first.created.tzinfo is not None and str(first.created.tzinfo) == "Europe/London"
    assert [t.label.split(" ")[0] for t in first.tor] == ["1", "1.3"]
    assert first.tor_numbers == ("1", "1.3")
    assert first.meeting is not None and first.meeting.key == "ev1"
    assert first.item is not None and first.item.key == "ev1-mps"
    assert [w.key for w in first.witnesses] == ["mps-drugs"]
    assert not first.closed and first.access is Access.OPEN and first.version == 1
    # the order given, duplicates once, missing ids left out
    assert [e.key for e in notes.entries([ids[2], ids[0], ids[2], 999_999])] == [
        entries[2].key,
        entries[0].key,
    ]
    assert notes.entries([]) == []
    with pytest.raises(ValueError, match="at most 500"):
        notes.entries(list(range(501)))
    with pytest.raises(NotFoundError):
        notes.find(sample, "nope")
    with pytest.raises(NotFoundError):
        notes.ids(999_999, NoteFilter())
    with pytest.raises(ValueError, match="order"):
        notes.ids(sample, NoteFilter(), "sideways")


def test_capture_under_an_item(services: Services, sample: int, notes: NotesService) -> None:
    count = notes.count(sample, NoteFilter())
    entry = notes.capture(sample, "Supply moves online.", ["scale", "gaps"], item="ev1-mps")
    assert entry.key.startswith("n-")
    # stamped now, in the review's zone, to the second
    assert entry.created == NOW.replace(microsecond=0)
    assert entry.created.utcoffset() == timedelta(hours=1)
    assert entry.meeting is not None and entry.meeting.key == "ev1"
    assert entry.item is not None and entry.item.key == "ev1-mps"
    assert [w.key for w in entry.witnesses] == ["mps-drugs"]
    assert [t.key for t in entry.tor] == ["scale", "gaps"]
    assert entry.access is Access.OPEN and not entry.closed and entry.version == 1
    assert notes.find(sample, entry.key) == entry  # what capture says is what was stored
    # in the database: the last note of the review's list, as the export writes it
    stored = services.reviews.document(sample).notes
    assert len(stored) == count + 1
    last = stored[-1]
    assert (last.key, last.text, last.tor, last.meeting, last.item, last.witnesses) == (
        entry.key,
        "Supply moves online.",
        ("scale", "gaps"),
        "ev1",
        "ev1-mps",
        ("mps-drugs",),
    )
    assert last.created == entry.created and last.created.utcoffset() == timedelta(hours=1)
    assert notes.ids(sample, NoteFilter(), "position")[-1] == entry.id


def test_capture_choices(services: Services, sample: int, notes: NotesService) -> None:
    closed = notes.capture(
        sample, "Names a dealer.", ["impact"], item="ev3-user", witnesses=[], key="mine"
    )
    assert closed.key == "mine" and closed.witnesses == () and closed.closed
    assert closed.access is Access.CLOSED  # closed in its own right: taken in a closed item
    private = notes.capture(sample, "Off the record.", ["impact"], access=Access.CLOSED)
    assert private.closed and private.meeting is None and private.item is None
    on_evidence = notes.capture(
        sample,
        "The survey shows gaps.",
        ["gaps"],
        evidence="family-statement",
        witnesses=["borough", "jrf"],
        meeting="ev2",
    )
    assert on_evidence.evidence is not None and on_evidence.evidence.key == "family-statement"
    assert [w.key for w in on_evidence.witnesses] == ["borough", "jrf"]
    assert on_evidence.meeting is not None and on_evidence.item is None
    evidence_closed = next(
        e.access for e in services.reviews.document(sample).evidence if e.key == "family-statement"
    )
    assert on_evidence.closed == (evidence_closed is Access.CLOSED)
    # duplicated keys are taken once
    twice = notes.capture(sample, "Twice.", ["gaps", "gaps"])
    assert [t.key for t in twice.tor] == ["gaps"]
    for entry in (closed, private, on_evidence, twice):
        assert notes.find(sample, entry.key) == entry


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"text": "  "}, {"text"}),
        ({"text": "bad\x00"}, {"text"}),
        ({"tor": []}, {"tor"}),
        ({"tor": ["nope"]}, {"tor"}),
        ({"item": "nope"}, {"item"}),
        ({"meeting": "nope"}, {"meeting"}),
        ({"item": "ev1-mps", "meeting": "ev2"}, {"meeting"}),
        ({"evidence": "nope"}, {"evidence"}),
        ({"witnesses": ["mps-drugs", "nope"]}, {"witnesses"}),
        ({"key": "n1"}, {"key"}),
        ({"key": " "}, {"key"}),
        ({"text": "", "tor": [], "item": "nope"}, {"text", "tor", "item"}),
    ],
)
def test_capture_refuses_bad_input(
    services: Services,
    sample: int,
    notes: NotesService,
    kwargs: dict[str, object],
    fields: set[str],
) -> None:
    before = services.reviews.export_bytes(sample)
    args: dict[str, object] = {"text": "A note.", "tor": ["scale"]} | kwargs
    text, tor = args.pop("text"), args.pop("tor")
    with pytest.raises(ValidationError) as caught:
        notes.capture(sample, text, tor, **args)  # type: ignore[arg-type]
    assert _fields(caught.value) == fields
    assert services.reviews.export_bytes(sample) == before


def test_filters(services: Services, sample: int, notes: NotesService) -> None:
    document = services.reviews.document(sample)
    every = _keys(notes, sample, NoteFilter())
    notes.capture(sample, "Costs rose 50% in_year.", ["forensics"], item="ev3-user", key="x1")
    notes.capture(sample, "COSTS ROSE 50 PER CENT", ["partnerships"], key="x2")
    notes.capture(sample, "Costs rose 5% in year", ["education"], evidence="jrf-research", key="x3")
    # each key
    assert set(_keys(notes, sample, NoteFilter(meeting="ev1"))) == {
        n.key for n in document.notes if n.meeting == "ev1"
    }
    assert set(_keys(notes, sample, NoteFilter(item="ev3-user"))) == {
        n.key for n in document.notes if n.item == "ev3-user"
    } | {"x1"}
    assert set(_keys(notes, sample, NoteFilter(witness="mps-drugs"))) == {
        n.key for n in document.notes if "mps-drugs" in n.witnesses
    }
    assert set(_keys(notes, sample, NoteFilter(evidence="jrf-research"))) == {
        n.key for n in document.notes if n.evidence == "jrf-research"
    } | {"x3"}
    # the terms of reference include their sub-items
    partners = {"partners", "partnerships", "cdrp", "education", "justice"}
    assert set(_keys(notes, sample, NoteFilter(tor="partners"))) == {
        n.key for n in document.notes if partners & set(n.tor)
    } | {"x2", "x3"}
    assert set(_keys(notes, sample, NoteFilter(tor="education"))) == {
        n.key for n in document.notes if "education" in n.tor
    } | {"x3"}
    # effective access
    closed = set(_keys(notes, sample, NoteFilter(access=Access.CLOSED)))
    opened = set(_keys(notes, sample, NoteFilter(access=Access.OPEN)))
    assert "x1" in closed and not closed & opened
    assert closed | opened == set(every) | {"x1", "x2", "x3"}
    for entry in notes.entries(notes.ids(sample, NoteFilter())):
        assert (entry.key in closed) == entry.closed
    # text: case-insensitive substring; % and _ are plain characters
    assert set(_keys(notes, sample, NoteFilter(text="costs rose"))) == {"x1", "x2", "x3"}
    assert _keys(notes, sample, NoteFilter(text="50%")) == ["x1"]
    assert _keys(notes, sample, NoteFilter(text="in_year")) == ["x1"]
    assert _keys(notes, sample, NoteFilter(text="5%")) == ["x3"]
    assert _keys(notes, sample, NoteFilter(text="%")) == ["x1", "x3"]
    # filters combine; a key that names nothing matches nothing
    assert _keys(notes, sample, NoteFilter(text="costs", access=Access.OPEN)) == ["x2", "x3"]
    assert notes.count(sample, NoteFilter(text="costs", access=Access.OPEN)) == 2
    for nothing in (
        NoteFilter(tor="nope"),
        NoteFilter(meeting="nope"),
        NoteFilter(item="nope"),
        NoteFilter(witness="nope"),
        NoteFilter(evidence="nope"),
    ):
        assert notes.ids(sample, nothing) == [] and notes.count(sample, nothing) == 0


def test_ordering(services: Services, sample: int) -> None:
    times = iter([NOW + timedelta(minutes=m) for m in (5, 1, 3)])
    notes = NotesService(services.db, clock=lambda: next(times))
    for key in ("a", "b", "c"):
        notes.capture(sample, f"Note {key}", ["scale"], key=key)
    flt = NoteFilter(text="Note ")
    assert _keys(notes, sample, flt, "position") == ["a", "b", "c"]
    assert _keys(notes, sample, flt, "created") == ["b", "c", "a"]
    assert _keys(notes, sample, flt, "-created") == ["a", "c", "b"]
    everything = notes.entries(notes.ids(sample, NoteFilter(), "created")[:500])
    assert [e.created for e in everything] == sorted(e.created for e in everything)


def test_update(services: Services, sample: int, notes: NotesService) -> None:
    entry = notes.find(sample, "n1")
    before = services.reviews.export_bytes(sample)
    changed = notes.update(
        entry.id,
        entry.version,
        text="Rewritten.",
        tor=["justice"],
        witnesses=["cps", "borough"],
        access=Access.CLOSED,
        evidence="jrf-research",
    )
    assert changed.version == entry.version + 1
    assert (changed.text, [t.key for t in changed.tor], [w.key for w in changed.witnesses]) == (
        "Rewritten.",
        ["justice"],
        ["cps", "borough"],
    )
    assert changed.closed and changed.evidence is not None
    assert changed.item == entry.item and changed.created == entry.created
    stored = next(n for n in services.reviews.document(sample).notes if n.key == "n1")
    assert (stored.text, stored.tor, stored.witnesses, stored.access, stored.evidence) == (
        "Rewritten.",
        ("justice",),
        ("cps", "borough"),
        Access.CLOSED,
        "jrf-research",
    )
    # a stale version is refused and changes nothing
    after = services.reviews.export_bytes(sample)
    with pytest.raises(ConflictError, match="since you opened it"):
        notes.update(entry.id, entry.version, text="Stale.")
    assert services.reviews.export_bytes(sample) == after
    # bad input names the field and changes nothing
    with pytest.raises(ValidationError) as caught:
        notes.update(changed.id, changed.version, text=" ", tor=[], witnesses=["nope"])
    assert _fields(caught.value) == {"text", "tor", "witnesses"}
    assert services.reviews.export_bytes(sample) == after
    # only a list changed: the version still rises; then back to how it was
    relinked = notes.update(changed.id, changed.version, tor=["justice", "cdrp"])
    assert relinked.version == changed.version + 1 and relinked.text == "Rewritten."
    back = notes.update(
        relinked.id,
        relinked.version,
        text=entry.text,
        tor=[t.key for t in entry.tor],
        witnesses=[w.key for w in entry.witnesses],
        access=Access.OPEN,
        evidence=None,
    )
    assert back.evidence is None
    assert services.reviews.export_bytes(sample) == before


def test_update_on_locked_minutes_is_allowed(
    services: Services, sample: int, notes: NotesService
) -> None:
    # notes are not minutes: a note on an item of a meeting with locked minutes is editable
    entry = notes.find(sample, "n1")
    assert notes.update(entry.id, entry.version, text="Still editable.").text == "Still editable."


def test_delete_and_restore(services: Services, sample: int, notes: NotesService) -> None:
    document = services.reviews.document(sample)
    supported = next(r for r in document.recommendations if r.notes)
    key = supported.notes[-1]
    entry = notes.find(sample, key)
    before = services.reviews.export_bytes(sample)
    count = notes.count(sample, NoteFilter())
    with pytest.raises(ConflictError):
        notes.delete(entry.id, entry.version + 1)
    assert services.reviews.export_bytes(sample) == before
    snapshot = notes.delete(entry.id, entry.version)
    assert snapshot.key == key and snapshot.recommendations
    after = services.reviews.document(sample)
    assert key not in {n.key for n in after.notes}
    assert all(key not in r.notes for r in after.recommendations)
    assert notes.count(sample, NoteFilter()) == count - 1
    with pytest.raises(NotFoundError):
        notes.find(sample, key)
    # positions stay dense: the list order is the export order
    assert _keys(notes, sample, NoteFilter(), "position") == [n.key for n in after.notes]
    restored = notes.restore(snapshot)
    assert restored.key == key and restored.created == entry.created
    assert services.reviews.export_bytes(sample) == before
    # restoring twice is refused
    with pytest.raises(ValidationError):
        notes.restore(snapshot)


def test_delete_and_restore_every_note(services: Services, sample: int) -> None:
    notes = services.notes
    before = services.reviews.export_bytes(sample)
    snapshots = []
    for key in [n.key for n in services.reviews.document(sample).notes]:
        entry: NoteEntry = notes.find(sample, key)
        snapshots.append(notes.delete(entry.id, entry.version))
    assert notes.count(sample, NoteFilter()) == 0
    for snapshot in reversed(snapshots):
        notes.restore(snapshot)
    assert services.reviews.export_bytes(sample) == before


def test_restore_after_its_item_was_deleted(
    services: Services, sample: int, notes: NotesService
) -> None:
    entry = notes.capture(sample, "On an item.", ["scale"], item="ev2-jrf")
    snapshot = notes.delete(entry.id, entry.version)
    item = services.agenda.find(sample, "ev2-jrf")
    services.agenda.remove_item(item.id, item.version)
    with pytest.raises(ConflictError, match="ev2-jrf"):
        notes.restore(snapshot)


def test_text_filter_ignores_case_of_every_letter_on_both_backends(
    notes: NotesService, sample: int
) -> None:
    """SQLite's own lower() folds ASCII only; the filter must not depend on the backend."""
    notes.capture(sample, "ÉCOLE Régionale visit: ŁÓDŹ partners", ["forensics"], key="u1")
    notes.capture(sample, "ecole without accents", ["forensics"], key="u2")
    assert _keys(notes, sample, NoteFilter(text="école")) == ["u1"]
    assert _keys(notes, sample, NoteFilter(text="RÉGIONALE")) == ["u1"]
    assert _keys(notes, sample, NoteFilter(text="łódź")) == ["u1"]
    assert _keys(notes, sample, NoteFilter(text="ECOLE")) == ["u2"]
