"""The navigation list's pages, each built the first time something asks for it.

A start shows the Meetings page; the other pages (and their feature packages) cost
imports and widgets a clerk may not want today, so each is made when first navigated
to, revealed or asked for (``Pages.page``). A page not built yet has read nothing, so
it needs no reload after an edit: it reads the review shown when it comes into view
(``CatchUp``). Every page's title is in the navigation list from the start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QStackedWidget, QWidget

from ..shared.workspace import PageId, Workspace

#: In the order a review runs: its questions, the sessions and people that answer
#: them, what was learned and where it is thin, what the panel recommends and
#: reports; and, last, who did what (the audit log).
ORDER = (
    PageId.OVERVIEW,
    PageId.TERMS,
    PageId.MEETINGS,
    PageId.WITNESSES,
    PageId.EVIDENCE,
    PageId.NOTES,
    PageId.COVERAGE,
    PageId.RECOMMENDATIONS,
    PageId.REPORT,
    PageId.FOLLOW_UP,
    PageId.PANEL,
    PageId.PERSONAL_DATA,
    PageId.AUDIT_LOG,
)


def page_title(page: PageId) -> str:
    """The page's name in the navigation list, translated."""
    tr = QCoreApplication.translate
    titles = {
        PageId.OVERVIEW: tr("MainWindow", "Overview"),
        PageId.TERMS: tr("MainWindow", "Terms of reference"),
        PageId.MEETINGS: tr("MainWindow", "Meetings"),
        PageId.WITNESSES: tr("MainWindow", "Witnesses"),
        PageId.EVIDENCE: tr("MainWindow", "Evidence"),
        PageId.NOTES: tr("MainWindow", "Notes"),
        PageId.COVERAGE: tr("MainWindow", "Coverage"),
        PageId.RECOMMENDATIONS: tr("MainWindow", "Recommendations"),
        PageId.REPORT: tr("MainWindow", "Report"),
        PageId.FOLLOW_UP: tr("MainWindow", "Follow-up"),
        PageId.PANEL: tr("MainWindow", "Panel"),
        PageId.PERSONAL_DATA: tr("MainWindow", "Personal data"),
        PageId.AUDIT_LOG: tr("MainWindow", "Audit log"),
    }
    return titles[page]


def build_page(page: PageId, workspace: Workspace) -> QWidget:
    """A new page of that id; its feature package is imported here, when first needed.
    (The Meetings page is the window's own: it drives the meeting tabs and menus.)"""
    if page is PageId.OVERVIEW:
        from ..overview.overview_page import OverviewPage

        return OverviewPage(workspace)
    if page is PageId.TERMS:
        from ..terms.terms_page import TermsPage

        return TermsPage(workspace)
    if page is PageId.WITNESSES:
        from ..witnesses.witnesses_page import WitnessesPage

        return WitnessesPage(workspace)
    if page is PageId.EVIDENCE:
        from ..evidence.evidence_page import EvidencePage

        return EvidencePage(workspace)
    if page is PageId.NOTES:
        from ..notes.notes_page import NotesPage

        return NotesPage(workspace)
    if page is PageId.COVERAGE:
        from ..coverage.coverage_page import CoveragePage

        return CoveragePage(workspace)
    if page is PageId.RECOMMENDATIONS:
        from ..recommendations.recommendations_page import RecommendationsPage

        return RecommendationsPage(workspace)
    if page is PageId.REPORT:
        from ..report.report_page import ReportPage

        return ReportPage(workspace)
    if page is PageId.FOLLOW_UP:
        from ..follow_up.tracker_page import TrackerPage

        return TrackerPage(workspace)
    if page is PageId.PANEL:
        from ..panel.panel_page import PanelPage

        return PanelPage(workspace)
    if page is PageId.PERSONAL_DATA:
        from ..personal_data.personal_data_page import PersonalDataPage

        return PersonalDataPage(workspace)
    if page is PageId.AUDIT_LOG:
        from ..audit.log_page import AuditLogPage

        return AuditLogPage(workspace)
    raise ValueError(f"no page is built for {page}")


class Pages:
    """The navigation list and the stack of the pages built so far.

    ``make`` builds a page by id (``build_page``)."""

    def __init__(
        self,
        navigation: QListWidget,
        stack: QStackedWidget,
        make: Callable[[PageId], QWidget],
        order: tuple[PageId, ...] = ORDER,
    ) -> None:
        self.navigation = navigation
        self.stack = stack
        self._make = make
        self._order = list(order)
        self._built: dict[PageId, QWidget] = {}
        for page_id in self._order:
            self.navigation.addItem(page_title(page_id))

    def add(self, page_id: PageId, page: QWidget) -> None:
        """Put a page built elsewhere (the Meetings page) under its id."""
        self._built[page_id] = page
        self.stack.addWidget(page)

    def page(self, page_id: PageId) -> QWidget:
        """The page with that id, built now if it has not been yet."""
        page = self._built.get(page_id)
        if page is None:
            page = self._make(page_id)
            self.add(page_id, page)
        return page

    def built(self) -> list[QWidget]:
        """The pages built so far: those that may need to reload after an edit."""
        return list(self._built.values())

    def is_built(self, page_id: PageId) -> bool:
        return page_id in self._built

    def row_of(self, page_id: PageId) -> int:
        return self._order.index(page_id)

    def show_row(self, row: int) -> QWidget | None:
        """Bring the page of that navigation row to the front (building it); None for
        no row."""
        if not 0 <= row < len(self._order):
            return None
        page = self.page(self._order[row])
        self.stack.setCurrentWidget(page)
        return page
