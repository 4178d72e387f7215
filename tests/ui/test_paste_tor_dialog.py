"""The Paste Terms of Reference dialog: what the clerk pastes, the preview shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.terms.paste_tor_dialog import PasteTorDialog
from scrutiny_desk.ui.terms.tor_model import TorColumn

pytestmark = pytest.mark.gui


def preview_rows(dialog: PasteTorDialog, parent: QModelIndex | None = None) -> list[object]:
    """The preview's rows as shown: "text" for a leaf, ("text", [children]) otherwise."""
    model = dialog.model
    parent = parent or QModelIndex()
    rows: list[object] = []
    for row in range(model.rowCount(parent)):
        text = model.data(model.index(row, TorColumn.TEXT, parent), Qt.ItemDataRole.DisplayRole)
        children = preview_rows(dialog, model.index(row, TorColumn.NUMBER, parent))
        rows.append((text, children) if children else text)
    return rows


@pytest.fixture
def dialog(qtbot: QtBot, settings: Settings) -> Iterator[PasteTorDialog]:
    parent = QWidget()  # kept alive while the test runs: it owns the dialog
    qtbot.addWidget(parent)
    yield PasteTorDialog(parent, settings, existing=2)


@pytest.mark.parametrize("heading", ["Terms of reference", "Objectives:", "The review will:"])
def test_a_pasted_heading_is_not_previewed_as_an_item(
    dialog: PasteTorDialog, qtbot: QtBot, heading: str
) -> None:
    # Typed (or pasted) into the text box: the preview follows after a short pause.
    dialog.text_edit.setPlainText(
        f"{heading}\n1. Review the service\n   a) its cost\n2. Consult residents\n"
    )
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert preview_rows(dialog) == [("Review the service", ["its cost"]), "Consult residents"]
    summary = "2 items at the top (numbered from 3) with 1 sub-item under them."
    assert dialog.summary.text() == summary
    assert dialog.ok_button.isEnabled()
    assert [p.text for p in dialog.parsed()] == ["Review the service", "Consult residents"]


def test_a_bulleted_list_under_a_heading(dialog: PasteTorDialog) -> None:
    dialog.set_text("Objectives\n\n• Review the service\n• Consult residents\n")
    assert preview_rows(dialog) == ["Review the service", "Consult residents"]
