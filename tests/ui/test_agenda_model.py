"""AgendaModel: Qt's model rules, printed order, and closed business unmistakable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.records import AgendaEntry
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_model import AgendaColumn, AgendaModel
from scrutiny_desk.ui.shared.display import IdRole, SortRole

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole
EV3 = "Evidence session 3: criminal justice and treatment"


@pytest.fixture
def agenda(sample_services: Services) -> list[AgendaEntry]:
    [review] = sample_services.reviews.list()
    [meeting] = [m for m in sample_services.meetings.list(review.id) if m.title == EV3]
    return sample_services.meetings.agenda(meeting.id)


def test_passes_the_model_tester_empty_and_full(
    qtmodeltester: ModelTester,
    qapp: QApplication,
    agenda: list[AgendaEntry],
) -> None:
    model = AgendaModel()
    # Both testers stay connected and check again after every reset below.
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_rows(agenda)
    assert model.rowCount() == 6
    model.set_rows([])
    assert model.rowCount() == 0
    model.set_rows(agenda)


def test_rows_in_printed_order_with_numbers_times_witnesses_and_terms(
    qapp: QApplication, agenda: list[AgendaEntry]
) -> None:
    model = AgendaModel()
    model.set_rows(agenda)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in AgendaColumn]
    assert headers == ["No.", "Access", "Time", "Item", "Witnesses", "Terms of reference"]
    assert [model.index(r, AgendaColumn.NUMBER).data() for r in range(6)] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    cps = [model.index(3, c).data() for c in AgendaColumn]
    assert cps == [
        "4",
        "Open",
        "14:15–15:00",
        "Evidence from the Crown Prosecution Service",
        "Head of Drugs Casework, Senior prosecutor, Crown Prosecution Service",
        "3.4, 2.4",
    ]
    assert (
        model.index(3, AgendaColumn.TERMS)
        .data(Role.ToolTipRole)
        .startswith("3.4 Identifying the role and impact")
    )
    assert model.index(0, AgendaColumn.TIME).data() == ""
    assert model.index(0, AgendaColumn.TIME).data(Role.AccessibleTextRole) == "No time set"
    assert model.index(0, AgendaColumn.NUMBER).data(SortRole) == 1
    assert model.index(5, AgendaColumn.TITLE).data(IdRole) == model.record(5).id
    number_alignment = Qt.AlignmentFlag(
        model.index(0, AgendaColumn.NUMBER).data(Role.TextAlignmentRole)
    )
    assert number_alignment & Qt.AlignmentFlag.AlignRight


def test_closed_item_is_badged_tinted_and_explained(
    qapp: QApplication, agenda: list[AgendaEntry]
) -> None:
    model = AgendaModel()
    model.set_rows(agenda)
    assert model.closed_count() == 1
    closed, open_ = 5, 4
    assert model.record(closed).is_closed

    badge = model.index(closed, AgendaColumn.ACCESS)
    assert badge.data() == "Closed"
    assert badge.data(Role.FontRole).bold()
    assert not badge.data(Role.DecorationRole).isNull()
    assert badge.data(Role.AccessibleTextRole) == "Closed to the public"
    for column in AgendaColumn:
        tint = model.index(closed, column).data(Role.BackgroundRole)
        assert isinstance(tint, QColor)
        tip = model.index(closed, column).data(Role.ToolTipRole)
        assert "CLOSED" in tip
        assert "Local Government Act 1972, Schedule 12A, paragraph 1" in tip
        assert "Published agenda shows: Evidence heard in private" in tip
        assert model.index(open_, column).data(Role.BackgroundRole) is None
        assert "CLOSED" not in (model.index(open_, column).data(Role.ToolTipRole) or "")
    title = model.index(closed, AgendaColumn.TITLE)
    assert title.data(Role.AccessibleTextRole) == "Evidence from a former drug user, closed item"
    assert model.index(open_, AgendaColumn.ACCESS).data() == "Open"
    assert model.index(open_, AgendaColumn.ACCESS).data(Role.FontRole) is None


def test_set_rows_resets(qtbot: QtBot, agenda: list[AgendaEntry]) -> None:
    model = AgendaModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=100):
        model.set_rows(agenda)
    assert model.rowCount() == 6
    model.set_rows([])
    assert model.rowCount() == 0
