"""Agree All Remaining in the consideration of a version (issue 17): every paragraph
the meeting has not decided is recorded agreed in one step, the decisions already taken
stay as they were, and one undo takes away exactly what it added."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import ConsiderationOutcome
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.report.consideration_dialog import ConsiderationDialog
from scrutiny_desk.ui.report.versions_pane import VersionsPane
from scrutiny_desk.ui.shared.workspace import PageId

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def test_agree_all_remaining_is_one_step(
    make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    versions = sample_services.report_versions
    before = {d.paragraph_key: d.outcome for d in versions.considerations(1, "0.2")}
    assert sorted(before.values()) == sorted(ConsiderationOutcome)  # the sample's three
    window.show_page(PageId.REPORT)
    pane = window.report_page.versions
    assert isinstance(pane, VersionsPane)
    window.report_page.tabs.setCurrentWidget(pane)
    pane.show_review(1)
    pane.select("0.2")
    pane.consideration_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, ConsiderationDialog)
    assert dialog.meeting_combo.currentData() == "recs"
    every = {p.key for p in dialog.paragraphs}
    assert len(every) > len(before)

    dialog.agree_all_action.trigger()
    after = {d.paragraph_key: d.outcome for d in versions.considerations(1, "0.2")}
    assert set(after) == every
    assert {k: after[k] for k in before} == before  # decisions taken stay as they were
    assert {after[k] for k in every - set(before)} == {ConsiderationOutcome.AGREED}
    assert window.editor.stack.undoText() == "Agree the remaining paragraphs"
    dialog.agree_all_action.trigger()  # nothing left: said, nothing recorded
    assert "Every paragraph has a decision already." in dialog.problem.text()

    window.editor.stack.undo()
    assert {d.paragraph_key: d.outcome for d in versions.considerations(1, "0.2")} == before
    window.editor.stack.redo()
    assert len(versions.considerations(1, "0.2")) == len(every)
