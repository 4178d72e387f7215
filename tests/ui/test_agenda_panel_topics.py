"""The agenda as printed (the first meeting tab) reads again when a topic it shows
changes: its items, the witnesses named on them, the meeting's heading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_model import AgendaColumn
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.ui.steps import CallStep

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def printed_witnesses(window: MainWindow) -> str:
    model = window.agenda_panel.model
    return " | ".join(
        str(model.index(row, AgendaColumn.WITNESSES).data(Qt.ItemDataRole.DisplayRole) or "")
        for row in range(model.rowCount())
    )


def test_the_agenda_panel_declares_what_it_shows(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    assert {Topic.AGENDA, Topic.WITNESSES, Topic.MEETINGS} <= window.agenda_panel.TOPICS


def test_renaming_a_witness_renames_them_on_the_printed_agenda(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    review_id = window.current_review_id()
    assert review_id is not None
    meeting = sample_services.meeting_edits.find(review_id, "ev1")
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)  # "As Printed"
    assert window.select_meeting(meeting.id)
    QApplication.processEvents()
    before = printed_witnesses(window)
    entry = next(e for e in sample_services.meetings.agenda(meeting.id) if e.witnesses)
    witness = sample_services.witness_edits.find_witness(review_id, entry.witnesses[0].key)
    name = witness.name
    assert name in before

    def rename() -> object:
        return sample_services.witness_edits.update_witness(
            witness.id, witness.version, WitnessChanges(name="Renamed For The Record")
        )

    window.editor.perform(CallStep("Rename witness", rename, lambda: None))
    QApplication.processEvents()
    after = printed_witnesses(window)
    assert "Renamed For The Record" in after
    assert name not in after
