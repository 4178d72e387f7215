"""The Recommendations editor and the Evidence details save field by field, as the rest
of the app saves: a field left is saved as one undo step, and an edit still being
typed is saved when the clerk switches page, switches review or closes the window.
Each outcome is checked in the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.evidence.evidence_page import EvidencePage
from scrutiny_desk.ui.recommendations.recommendations_page import RecommendationsPage
from scrutiny_desk.ui.shared.field_commits import PAUSE_MS
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def leave(widget: QWidget) -> None:
    """The clerk leaves a field (Tab, a click elsewhere): what Qt tells the field."""
    if isinstance(widget, QPlainTextEdit):
        QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))
    else:
        widget.editingFinished.emit()  # type: ignore[attr-defined]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace what the field holds by typing, without leaving it."""
    if isinstance(widget, QPlainTextEdit):
        widget.selectAll()
    else:
        widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def recommendations(window: MainWindow, key: str = "r2") -> RecommendationsPage:
    page = window.recommendations_page
    window.show_page(PageId.RECOMMENDATIONS)
    QApplication.processEvents()
    assert page.reveal(key)
    return page


def evidence(window: MainWindow, key: str = "borough-survey") -> EvidencePage:
    page = window.evidence_page
    window.show_page(PageId.EVIDENCE)
    QApplication.processEvents()
    assert page.reveal(key)
    return page


def lead(services: Services, key: str = "r2", review_id: int = 1) -> str | None:
    return services.recommendations.find(review_id, key).lead


def text(services: Services, key: str = "r2") -> str:
    return services.recommendations.find(1, key).text


def response(services: Services, key: str = "r2") -> str | None:
    return services.recommendations.find(1, key).response


def title(services: Services, key: str = "borough-survey") -> str:
    return services.evidence.find(1, key).title


def summary(services: Services, key: str = "borough-survey") -> str | None:
    return services.evidence.find(1, key).summary


# A field left: saved, one undo step ------------------------------------------------------


def test_a_recommendation_field_left_is_saved_as_one_step(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = recommendations(window)
    before = lead(services)
    type_into(qtbot, page.lead_edit, "MPS Drugs Directorate")
    assert lead(services) == before  # typing is not saving
    leave(page.lead_edit)
    assert lead(services) == "MPS Drugs Directorate"
    assert window.editor.stack.count() == 1
    leave(page.lead_edit)  # left again, unchanged: no second step
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    assert lead(services) == before
    assert page.lead_edit.text() == before


def test_a_recommendation_text_is_saved_after_a_pause_in_typing(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    page = recommendations(window)
    before = text(services)
    type_into(qtbot, page.text_edit, "Share intelligence every week")
    assert text(services) == before
    qtbot.waitUntil(lambda: text(services) == "Share intelligence every week", timeout=PAUSE_MS * 3)
    assert window.editor.stack.count() == 1
    assert page.text_edit.toPlainText() == "Share intelligence every week"
    window.editor.stack.undo()
    assert text(services) == before


def test_an_evidence_field_left_is_saved_as_one_step(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = evidence(window)
    before = title(services)
    type_into(qtbot, page.details.title_edit, "Borough survey, 2006")
    assert title(services) == before
    leave(page.details.title_edit)
    assert title(services) == "Borough survey, 2006"
    assert window.editor.stack.count() == 1
    type_into(qtbot, page.details.summary_edit, "Returns from every borough.")
    leave(page.details.summary_edit)
    assert summary(services) == "Returns from every borough."
    assert window.editor.stack.count() == 2
    window.editor.stack.undo()
    assert title(services) == "Borough survey, 2006" and summary(services) != (
        "Returns from every borough."
    )
    window.editor.stack.undo()
    assert title(services) == before


# An edit still being typed is not lost -----------------------------------------------------


Leaving = Callable[[MainWindow], None]


def to_another_page(window: MainWindow) -> None:
    window.show_page(PageId.MEETINGS)


def to_another_review(window: MainWindow) -> None:
    other = window.services.review_edits.create_review("Another review").id
    window.refresh_reviews(select=other)
    assert window.current_review_id() == other


def by_closing(window: MainWindow) -> None:
    window.close()


LEAVINGS = [to_another_page, to_another_review, by_closing]


@pytest.mark.parametrize("leaving", LEAVINGS, ids=lambda f: f.__name__)
def test_a_recommendation_being_typed_is_saved_on_leaving(
    qtbot: QtBot, window: MainWindow, leaving: Leaving
) -> None:
    services = window.services
    page = recommendations(window)
    type_into(qtbot, page.lead_edit, "MPS Drugs Directorate")
    type_into(qtbot, page.response_edit, "Accepted.")
    assert response(services) is None
    leaving(window)
    assert lead(services) == "MPS Drugs Directorate"
    assert response(services) == "Accepted."


@pytest.mark.parametrize("leaving", LEAVINGS, ids=lambda f: f.__name__)
def test_evidence_being_typed_is_saved_on_leaving(
    qtbot: QtBot, window: MainWindow, leaving: Leaving
) -> None:
    services = window.services
    page = evidence(window)
    type_into(qtbot, page.details.title_edit, "Borough survey, 2006")
    type_into(qtbot, page.details.summary_edit, "Returns from every borough.")
    leaving(window)
    assert title(services) == "Borough survey, 2006"
    assert summary(services) == "Returns from every borough."


def test_what_breaks_a_rule_waits_and_the_rest_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = recommendations(window, "r3")  # agreed: it needs a lead
    page.lead_edit.clear()
    leave(page.lead_edit)
    assert lead(services, "r3") == "MPS Forensic Services"
    assert page.problems["lead"].problem() is not None  # the message stays beside it
    type_into(qtbot, page.response_edit, "Noted.")
    window.show_page(PageId.MEETINGS)
    assert response(services, "r3") == "Noted."
    assert lead(services, "r3") == "MPS Forensic Services"
    assert "was saved" in window.statusBar().currentMessage()
    window.show_page(PageId.RECOMMENDATIONS)
    assert page.lead_edit.text() == ""  # still there to be put right
