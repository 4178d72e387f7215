"""CoverageService over the shipped sample, on SQLite and PostgreSQL: the matrix for
each audience, live notes counted at once, and the report written safely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ExportError, NotFoundError
from scrutiny_desk.domain.views import Audience, CoverageView, SourceKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.coverage import CoverageService


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def _service(services: Services) -> CoverageService:
    return CoverageService(services.db, clock=lambda: datetime(2007, 6, 1, 9, 30, tzinfo=UTC))


def _row(view: CoverageView, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in view.rows if r.key == key)


def _column(view: CoverageView, kind: SourceKind, key: str) -> int:
    return next(n for n, s in enumerate(view.sources) if s.kind is kind and s.key == key)


def _keys(services: Services, ids: tuple[int, ...]) -> list[str]:
    return [e.key for e in services.notes.entries(list(ids))]


def test_panel_matrix_of_the_sample(services: Services, sample: int) -> None:
    view = _service(services).matrix(sample, Audience.PANEL)
    assert view.review_title == "Drugs Scrutiny"
    assert view.generated.utcoffset() is not None and view.generated.hour == 10  # BST
    assert len(view.rows) == 16
    assert [r.number for r in view.rows[:3]] == ["1", "1.1", "1.2"]
    assert [s.key for s in view.sources if s.kind is SourceKind.MEETING] == [
        "scoping", "ev1", "ev2", "ev3", "visit", "ev4", "recs", "responses",
    ]  # fmt: skip
    assert view.notes == 13 and view.closed_notes == 3 and view.closed_counted
    impact = _row(view, "impact")
    assert _keys(services, impact.notes) == ["n3", "n9", "n10", "n12"]
    assert impact.closed == 2
    assert _keys(services, impact.cells[_column(view, SourceKind.MEETING, "ev3")]) == ["n9"]
    assert _keys(services, impact.cells[_column(view, SourceKind.WITNESS, "user")]) == ["n9"]
    family = _column(view, SourceKind.EVIDENCE, "family-statement")
    assert view.sources[family].closed
    assert _keys(services, impact.cells[family]) == ["n10"]
    intelligence = _row(view, "intelligence")
    assert _keys(services, intelligence.notes) == ["n13"] and not intelligence.gap
    roles = _row(view, "roles")
    assert roles.gap and roles.planned and roles.planned[0].kind is SourceKind.MEETING
    strategy = _row(view, "strategy")
    assert strategy.total == 1 and strategy.rolled_total == 8 and strategy.has_children
    response = _row(view, "response")
    assert response.total == 0 and response.rolled_total == 8 and not response.gap
    assert [r.key for r in view.gaps] == ["roles"]


def test_public_matrix_counts_only_open_material(services: Services, sample: int) -> None:
    view = _service(services).matrix(sample, Audience.PUBLIC)
    keys = {s.key for s in view.sources}
    assert "family-statement" not in keys  # closed evidence
    assert {"user", "soca"}.isdisjoint(keys)  # heard only in closed session
    assert {"mps-drugs", "cps", "jrf", "dat"} <= keys
    assert view.notes == 10 and view.closed_notes == 0 and not view.closed_counted
    assert _keys(services, _row(view, "impact").notes) == ["n3", "n12"]
    assert [r.key for r in view.gaps] == ["roles", "intelligence"]
    planned = [p.title for p in _row(view, "intelligence").planned]
    assert all("SOCA" not in t for t in planned)  # the closed item is not named


def test_a_captured_note_counts_at_once_and_a_closed_one_only_for_the_panel(
    services: Services, sample: int
) -> None:
    coverage = _service(services)
    services.notes.capture(sample, "Roles are unclear.", ["roles"], item="ev1-mps")
    services.notes.capture(
        sample, "Said in private.", ["roles"], item="ev1-mps", access=Access.CLOSED
    )
    panel = coverage.matrix(sample, Audience.PANEL)
    roles = _row(panel, "roles")
    assert roles.total == 2 and roles.closed == 1 and not roles.gap
    assert roles.count(_column(panel, SourceKind.WITNESS, "mps-drugs")) == 2
    public = coverage.matrix(sample, Audience.PUBLIC)
    assert _row(public, "roles").total == 1


def test_export_writes_the_pdf_atomically(services: Services, sample: int, tmp_path: Path) -> None:
    coverage = _service(services)
    public = coverage.export_pdf(sample, Audience.PUBLIC, tmp_path / "public.pdf")
    panel = coverage.export_pdf(sample, Audience.PANEL, tmp_path / "panel.pdf")
    public_text = " ".join(p.extract_text() for p in PdfReader(public).pages)
    panel_text = " ".join(p.extract_text() for p in PdfReader(panel).pages)
    assert "Public version: counts only open material" in public_text
    assert "NOT FOR PUBLICATION" not in public_text
    assert "NOT FOR PUBLICATION" in panel_text
    assert not list(tmp_path.glob(".*.part"))


def test_bad_requests(services: Services, sample: int, tmp_path: Path) -> None:
    coverage = _service(services)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFoundError):
        coverage.matrix(sample + 100, Audience.PANEL)
    with pytest.raises(ExportError):
        coverage.export_pdf(sample, Audience.WITNESS, out / "w.pdf")
    with pytest.raises(ExportError):
        coverage.export_pdf(sample, Audience.PUBLIC, out / "missing" / "x.pdf")
    assert not list(out.iterdir())


def test_container_holds_the_service(services: Services) -> None:
    assert isinstance(services.coverage, CoverageService)
