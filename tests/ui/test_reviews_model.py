"""ReviewsModel: the review switcher's list, with twins told apart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.reviews.reviews_model import ReviewsModel
from scrutiny_desk.ui.shared.display import IdRole
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.gui


def test_passes_the_model_tester_and_labels_twins(
    qtmodeltester: ModelTester,
    qapp: QApplication,
    sample_services: Services,
) -> None:
    model = ReviewsModel()
    # Both testers stay connected and check again after every reset below.
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_rows(sample_services.reviews.list())
    assert model.index(0).data() == "Drugs Scrutiny"
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Drugs Scrutiny · Metropolitan Police Authority · Reporting · 8 meetings"
    )

    second = sample_services.reviews.import_file(EXAMPLE)
    model.set_rows(sample_services.reviews.list())
    labels = [model.index(r).data() for r in range(2)]
    assert labels == ["Drugs Scrutiny (review 1)", f"Drugs Scrutiny (review {second})"]
    assert model.index(model.row_of(second)).data(IdRole) == second  # type: ignore[arg-type]
