"""Coverage counting and the audience rules, on hand-built facts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from scrutiny_desk.domain.coverage import CoverageFacts, NoteFact, PlannedFact, SourceFact
from scrutiny_desk.domain.records import TorItem
from scrutiny_desk.domain.views import Audience, SourceKind
from scrutiny_desk.services.publishing import coverage_view

NOW = datetime(2027, 1, 12, 10, 0, tzinfo=UTC)
M, W, E = SourceKind.MEETING, SourceKind.WITNESS, SourceKind.EVIDENCE


def _facts(*notes: NoteFact, appearances: tuple[tuple[str, bool], ...] = ()) -> CoverageFacts:
    return CoverageFacts(
        review_title="Bus review",
        body="Testshire",
        terms_of_reference=(
            TorItem(
                "a", "Objective A", (TorItem("a1", "Question A1"), TorItem("a2", "Question A2"))
            ),
            TorItem("b", "Objective B"),
        ),
        meetings=(
            SourceFact(M, "m1", "Evidence session 1", day=date(2027, 1, 5)),
            SourceFact(M, "m2", "Evidence session 2", day=date(2027, 2, 5)),
        ),
        witnesses=(
            SourceFact(W, "open-w", "Open Witness"),
            SourceFact(W, "secret-w", "Secret Witness"),
            SourceFact(W, "idle-w", "Idle Witness"),
            SourceFact(W, "giver", "Evidence Giver"),
        ),
        evidence=(
            SourceFact(E, "e-open", "Open survey"),
            SourceFact(E, "e-closed", "Closed statement", closed=True, witness="secret-w"),
            SourceFact(E, "e-given", "Given paper", witness="giver"),
        ),
        notes=notes,
        planned=(
            PlannedFact("b", M, "Evidence session 2", date(2027, 2, 5), "Bus operators", False),
            PlannedFact("b", M, "Evidence session 2", date(2027, 2, 5), "Private item", True),
        ),
        appearances=appearances,
    )


NOTES = (
    NoteFact(1, ("a1",), "m1", ("open-w",), None, False),
    NoteFact(2, ("a1", "a"), "m1", ("open-w", "secret-w"), "e-open", False),
    NoteFact(3, ("a1",), "m2", ("secret-w",), None, True),
    NoteFact(4, ("a2",), None, (), "e-closed", True),
)


def test_cells_totals_and_note_ids() -> None:
    view = coverage_view(_facts(*NOTES), Audience.PANEL, NOW)
    assert [r.number for r in view.rows] == ["1", "1.1", "1.2", "2"]
    assert [r.depth for r in view.rows] == [0, 1, 1, 0]
    col = {(s.kind, s.key): n for n, s in enumerate(view.sources)}
    a, a1, a2, b = view.rows
    assert a1.notes == (1, 2, 3) and a1.total == 3
    assert a1.cells[col[M, "m1"]] == (1, 2)
    assert a1.cells[col[M, "m2"]] == (3,)
    assert a1.cells[col[W, "open-w"]] == (1, 2)
    assert a1.cells[col[W, "secret-w"]] == (2, 3)
    assert a1.cells[col[E, "e-open"]] == (2,)
    assert a1.count(col[W, "idle-w"]) == 0
    assert (a1.from_meetings, a1.from_witnesses, a1.from_evidence, a1.closed) == (3, 3, 1, 1)
    # the objective: its own note, and every sub-item's once
    assert a.notes == (2,) and a.rolled == (2, 1, 3, 4) and a.rolled_total == 4
    assert a2.notes == (4,) and a2.closed == 1
    assert b.gap and not a.gap
    assert [g.key for g in view.gaps] == ["b"]
    assert view.notes == 4 and view.closed_notes == 2 and view.closed_counted
    assert view.closed_ids == {3, 4}
    assert view.closed_in(a1.notes) == 1 and view.closed_in(a1.cells[col[M, "m1"]]) == 0
    by_key = {s.key: s.notes for s in view.sources}
    assert by_key == {
        "m1": 2, "m2": 1, "open-w": 2, "secret-w": 2, "idle-w": 0, "giver": 0,
        "e-open": 1, "e-closed": 1, "e-given": 0,
    }  # fmt: skip
    assert [p.title for p in b.planned] == ["Bus operators", "Private item"]


def test_columns_are_grouped_meetings_witnesses_evidence() -> None:
    view = coverage_view(_facts(*NOTES), Audience.PANEL, NOW)
    assert [s.kind for s in view.sources] == [M, M, W, W, W, W, E, E, E]
    assert view.columns(W) == range(2, 6)
    assert view.columns(E) == range(6, 9)


def test_public_counts_only_open_material() -> None:
    view = coverage_view(_facts(*NOTES), Audience.PUBLIC, NOW)
    keys = [s.key for s in view.sources]
    assert "e-closed" not in keys  # closed evidence has no column
    assert "secret-w" in keys  # named in an open note (note 2)
    assert "idle-w" not in keys  # seen in no open material
    assert "giver" in keys  # gave open evidence
    a, a1, a2, b = view.rows
    assert a1.notes == (1, 2) and a1.closed == 0
    assert a2.gap and a2.notes == ()
    assert a.rolled == (2, 1)
    assert view.notes == 2 and view.closed_notes == 0 and not view.closed_counted
    assert view.closed_ids == frozenset()
    assert [p.title for p in b.planned] == ["Bus operators"]


def test_public_drops_a_witness_seen_only_in_closed_material() -> None:
    notes = (
        NoteFact(1, ("a1",), "m1", ("open-w",), None, False),
        NoteFact(2, ("a1",), "m1", ("secret-w",), None, True),
    )
    panel = coverage_view(
        _facts(*notes, appearances=(("secret-w", True), ("idle-w", False))), Audience.PANEL, NOW
    )
    assert "secret-w" in [s.key for s in panel.sources]
    public = coverage_view(
        _facts(*notes, appearances=(("secret-w", True), ("idle-w", False))), Audience.PUBLIC, NOW
    )
    keys = [s.key for s in public.sources]
    assert "secret-w" not in keys
    assert "idle-w" in keys  # on an open agenda item
    assert "giver" in keys
    assert public.rows[1].notes == (1,)


def test_notes_without_terms_of_reference_or_unknown_keys_are_not_counted() -> None:
    notes = (
        NoteFact(1, (), "m1", (), None, False),
        NoteFact(2, ("gone",), "m1", (), None, False),
    )
    view = coverage_view(_facts(*notes), Audience.PANEL, NOW)
    assert view.notes == 0
    assert all(r.gap for r in view.rows)
    assert all(s.notes == 0 for s in view.sources)


def test_witness_audience_is_refused() -> None:
    with pytest.raises(ValueError):
        coverage_view(_facts(), Audience.WITNESS, NOW)


def test_empty_review() -> None:
    facts = CoverageFacts("Empty", None, (), (), (), (), (), (), ())
    view = coverage_view(facts, Audience.PANEL, NOW)
    assert view.rows == () and view.sources == () and view.notes == 0
    assert view.columns(M) == range(0, 0)
