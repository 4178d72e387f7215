"""Reading a whole review back: large reviews read in batches, nothing lost."""

from __future__ import annotations

import pytest

from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import documents


def test_links_are_read_in_batches_without_losing_any(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL refuses a statement with more than 65,535 parameters, so the links of
    100,000 notes are read in batches; with tiny batches the sample still comes back
    byte for byte."""
    monkeypatch.setattr(documents, "_ID_BATCH", 2)
    shipped = resource_path("samples/drugs-scrutiny.json").read_bytes()
    assert services.reviews.export_bytes(services.reviews.import_sample()) == shipped
