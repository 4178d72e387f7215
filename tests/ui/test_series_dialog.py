"""New Series on its own, previewing through the real series service: the pattern's
controls, the sentence and the two lists, problems beside their fields, clashes as
warnings, and the preview read off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import MeetingKind
from scrutiny_desk.domain.errors import Problem
from scrutiny_desk.domain.recurrence import SeriesKind, SeriesRule
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.meetings.series_dialog import SeriesDialog
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner, TaskRunner, ThreadedTaskRunner

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 26)
Saved = list[tuple[SeriesRule, frozenset[date]]]


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def make_dialog(
    parent: QWidget,
    settings: Settings,
    services: Services,
    saved: Saved,
    runner: TaskRunner | None = None,
    refuse: Sequence[Problem] = (),
) -> SeriesDialog:
    def save(rule: SeriesRule, skip: frozenset[date]) -> Sequence[Problem]:
        saved.append((rule, skip))
        return refuse

    dialog = SeriesDialog(
        parent,
        settings,
        runner or SynchronousTaskRunner(parent),
        lambda rule, skip: services.series.preview(1, rule, skip),
        save,
        venues=["Committee Room 1"],
        today=TODAY,
    )
    dialog.open()
    return dialog


def dates(dialog: SeriesDialog) -> list[str]:
    model = dialog.planned_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def left_out(dialog: SeriesDialog) -> list[tuple[str, str]]:
    model = dialog.skipped_model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def test_it_opens_on_the_third_wednesday_from_next_month(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    assert dialog.windowTitle() == "New Series of Meetings"
    rule = dialog.rule()
    assert (rule.kind, rule.ordinal, rule.weekday) == (SeriesKind.NTH_WEEKDAY_MONTHLY, 3, 2)
    assert (rule.first, rule.last) == (date(2026, 12, 1), date(2027, 10, 31))
    assert (rule.start.hour, rule.end.hour, rule.end.minute) == (14, 16, 30)
    assert rule.title == "Panel meeting {n}"
    assert rule.meeting_kind is MeetingKind.DELIBERATIVE
    assert len(dates(dialog)) == 11
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Create 11 Meetings"
    assert dialog.planned_caption.text() == "&Meetings to create (11)"


def test_the_pattern_shows_only_the_controls_it_uses(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    for kind, ordinal, weekday, day, unit in (
        (SeriesKind.NTH_WEEKDAY_MONTHLY, True, True, False, "month"),
        (SeriesKind.LAST_WEEKDAY_MONTHLY, False, True, False, "month"),
        (SeriesKind.WEEKLY, False, True, False, "week"),
        (SeriesKind.MONTHLY_ON_DAY, False, False, True, "month"),
    ):
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind.value))
        assert dialog.ordinal_combo.isVisibleTo(dialog) is ordinal, kind
        assert dialog.weekday_combo.isVisibleTo(dialog) is weekday, kind
        assert dialog.day_spin.isVisibleTo(dialog) is day, kind
        assert dialog.interval_unit.text() == unit
    dialog.interval_spin.setValue(2)
    assert dialog.interval_unit.text() == "months"


def test_a_date_each_month_leaves_out_weekends(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SeriesKind.MONTHLY_ON_DAY.value))
    dialog.day_spin.setValue(15)
    dialog.first_edit.setDate(QDate(2027, 1, 1))
    dialog.last_edit.setDate(QDate(2027, 6, 30))
    assert dialog.description.text().startswith("The 15th of every month from 1 January 2027")
    assert left_out(dialog) == [("Sat 15 May 2027", "falls on a Saturday")]
    assert len(dates(dialog)) == 5


def test_problems_are_shown_beside_their_fields_and_block_create(
    qtbot: QtBot, parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    dialog.when.end_edit.setTime(QTime(13, 0))
    assert not dialog.ok_button.isEnabled()
    assert dialog.when.end_problem.text() == (
        "The end time must be after the start time (2.00 pm)."
    )
    assert dialog.planned_model.rowCount() == 0
    assert dialog.description.text() == "Correct the pattern to see its dates."
    dialog.when.end_edit.setTime(QTime(16, 30))
    dialog.last_edit.setDate(QDate(2026, 11, 1))
    assert dialog.dates_problem.text() == (
        "The last date must be on or after the first date (1 December 2026)."
    )
    dialog.last_edit.setDate(QDate(2027, 7, 31))
    dialog.title_edit.clear()
    assert dialog.problems() == ["The title must not be empty."]
    qtbot.keyClicks(dialog.title_edit, "Panel meeting {n}")
    assert dialog.problems() == []
    assert dialog.ok_button.isEnabled()


def test_too_many_meetings_are_refused_by_the_preview(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SeriesKind.WEEKLY.value))
    dialog.last_edit.setDate(QDate(2040, 12, 31))
    assert not dialog.ok_button.isEnabled()
    assert dialog.dates_problem.text() == "The series would create 730 meetings; the most is 500."


def test_clashes_with_meetings_already_arranged_are_warnings(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    sample_services.meeting_edits.create_meeting(
        1,
        "Site visit",
        MeetingKind.VISIT,
        datetime(2027, 1, 20, 15),
        datetime(2027, 1, 20, 17),
    )
    dialog = make_dialog(parent, settings, sample_services, [])
    assert dialog.warnings.isVisible()
    assert dialog.warnings.messages() == [
        "Panel meeting 2 (14:00–16:30) overlaps Site visit (15:00–17:00) on 20 January 2027."
    ]
    assert dialog.ok_button.isEnabled()


def test_create_hands_over_the_rule_and_the_dates_left_out(
    qtbot: QtBot, parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    saved: Saved = []
    dialog = make_dialog(
        parent,
        settings,
        sample_services,
        saved,
        refuse=[Problem("keys", "a colleague took that key")],
    )
    first = dialog.planned_model.index(0, 0)
    dialog.planned_model.setData(first, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: len(dates(dialog)) == 10)
    assert left_out(dialog) == [("Wed 16 Dec 2026", "left out of the series")]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    ((rule, skip),) = saved
    assert skip == frozenset({date(2026, 12, 16)})
    assert rule.title == "Panel meeting {n}"
    assert dialog.isVisible()  # refused: the reason is shown and the dialog stays
    assert dialog.general_problem.text() == "A colleague took that key."
    # Put the date back by ticking it among the dates left out.
    back = dialog.skipped_model.index(0, 0)
    dialog.skipped_model.setData(back, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: len(dates(dialog)) == 11)
    assert dialog.skip_dates() == frozenset()


def test_the_preview_is_read_off_the_gui_thread(
    qtbot: QtBot, parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    runner = ThreadedTaskRunner(parent)
    dialog = make_dialog(parent, settings, sample_services, [], runner=runner)
    assert not dialog.ok_button.isEnabled()  # until the dates arrive
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10_000)
    assert len(dates(dialog)) == 11
    dialog.reject()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)


def test_the_lists_pass_the_model_tester(
    qtmodeltester: ModelTester,
    qtbot: QtBot,
    parent: QWidget,
    settings: Settings,
    sample_services: Services,
) -> None:
    dialog = make_dialog(parent, settings, sample_services, [])
    qtmodeltester.check(dialog.planned_model)
    qtmodeltester.check(dialog.skipped_model)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SeriesKind.WEEKLY.value))
    dialog.weekday_combo.setCurrentIndex(0)
    assert dialog.skipped_model.rowCount() > 0  # Christmas and Easter bank holidays
    dialog.when.end_edit.setTime(QTime(9, 0))
    assert dialog.planned_model.rowCount() == 0


def test_each_alt_key_reaches_one_field(
    parent: QWidget, settings: Settings, sample_services: Services
) -> None:
    from .test_meeting_dialog import mnemonics

    keys = mnemonics(make_dialog(parent, settings, sample_services, []))
    assert len(keys) == len(set(keys)), keys
