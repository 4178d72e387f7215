"""The Overview page: the review at a glance, as a clerk would brief a new member.

The title, body and status; the summary; the terms of reference numbered as papers
number them (1, 1.2); what the review leaves out and whom it works with; and beside
them the figures (meetings held and to come, witnesses, evidence, notes and
recommendations, read again after any edit of them), the milestones (done ones
ticked) and the contact officer. It reads the whole review in the background and
renders it as one calm, selectable document; every text the clerk typed is escaped.
"Edit Review Details…" opens the dialog that changes most of it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import partial
from typing import ClassVar

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ...domain.enums import MeetingStatus, ReviewStatus
from ...domain.personal_data_records import RetentionState
from ...domain.records import Contact, Review, ReviewFigures
from ...domain.structure import walk_tor
from ...domain.topics import Topic, Topics
from ..shared.display import long_date
from ..shared.retention_banner import RetentionBanner
from ..shared.review_details import open_review_details
from ..shared.review_dialog import ReviewDialog, status_label
from ..shared.workspace import PageId, Workspace


def _esc(text: str | None) -> str:
    return html.escape(text or "")


def _paragraphs(text: str | None) -> str:
    """Plain text with blank lines between paragraphs, as HTML paragraphs."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{_esc(b).replace(chr(10), '<br>')}</p>" for b in blocks if b)


class OverviewPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.TERMS,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
            Topic.PANEL,
            Topic.RECOMMENDATIONS,
            Topic.NOTES,
            Topic.EVIDENCE,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.workspace = workspace
        self._review_id: int | None = None
        self.review: Review | None = None  # what is shown, for tests
        self.figures: ReviewFigures | None = None
        self.dialog: ReviewDialog | None = None  # Review Details, once opened

        self.heading = QLabel(self.tr("Overview"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.edit_button = QPushButton(self.tr("Edit Review &Details…"))
        self.edit_button.setAccessibleName(self.tr("Edit Review Details"))
        self.edit_button.setToolTip(
            self.tr(
                "Change the title, status, summary, time zone, contact officer, papers, "
                "exclusions, interfaces and milestones"
            )
        )
        self.edit_button.clicked.connect(self.edit_details)
        self.browser = QTextBrowser()
        self.browser.setObjectName("overviewText")
        self.browser.setAccessibleName(self.tr("Overview of the review"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDocumentMargin(18)
        self.heading.setBuddy(self.browser)
        #: Says when the review's retention date has passed (``retention_banner``).
        self.retention_banner = RetentionBanner("overviewRetention")
        self.retention_banner.open_requested.connect(
            lambda: workspace.show_page(PageId.PERSONAL_DATA)
        )

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.retention_banner)
        layout.addWidget(self.browser, 1)
        self.setTabOrder(self.edit_button, self.retention_banner.button)
        self.setTabOrder(self.retention_banner.button, self.browser)
        self._show_message(self.tr("No review is open."))

    # Page protocol ------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        self.edit_button.setEnabled(review_id is not None and not self.workspace.read_only)
        if review_id is None:
            self.workspace.runner.discard("overview")
            self.review = None
            self.retention_banner.hide()
            self._show_message(self.tr("No review is open."))
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._load()

    # Actions ------------------------------------------------------------------------

    def edit_details(self) -> None:
        if self._review_id is None or self.workspace.read_only:
            return
        open_review_details(self.workspace, self._review_id, self._on_dialog_opened)

    # Loading ------------------------------------------------------------------------

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        self.workspace.runner.submit(
            partial(self.workspace.services.reviews.overview, review_id),
            partial(self._on_loaded, review_id),
            self._on_failed,
            key="overview",
        )
        self.workspace.runner.submit(
            partial(self.workspace.services.personal_data.retention, review_id),
            partial(self._on_retention_read, review_id),
            lambda _exc: self.retention_banner.hide(),  # the overview itself says what failed
            key="overview-retention",
        )

    def _on_retention_read(self, review_id: int, state: RetentionState) -> None:
        if review_id == self._review_id:
            self.retention_banner.show_state(state, date.today())

    def _on_loaded(self, review_id: int, loaded: tuple[Review, ReviewFigures]) -> None:
        if review_id != self._review_id:
            return
        self.review, self.figures = loaded
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(self._render(self.review, self.figures))
        self.browser.verticalScrollBar().setValue(scroll)

    def _on_failed(self, exc: Exception) -> None:
        self._show_message(self.tr("The review could not be read."))
        self.workspace.report_error(self.tr("The review could not be read"), exc)

    def _on_dialog_opened(self, dialog: ReviewDialog) -> None:
        self.dialog = dialog

    def _show_message(self, text: str) -> None:
        self.browser.setHtml(f"<p>{_esc(text)}</p>")

    # Rendering ----------------------------------------------------------------------

    def _render(self, review: Review, figures: ReviewFigures) -> str:
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        rule = palette.color(QPalette.ColorRole.Mid).name()
        style = (
            "<style>"
            "h1 { font-size: x-large; margin-bottom: 2px; }"
            f"h2 {{ font-size: medium; margin-top: 18px; margin-bottom: 4px; color: {muted}; }}"
            "p { margin-top: 0; margin-bottom: 8px; }"
            f".meta {{ color: {muted}; margin-bottom: 14px; }}"
            "td { padding: 2px 4px 2px 0; }"
            ".num { padding-right: 10px; }"
            "</style>"
        )
        main = "".join(
            [
                f"<h1>{_esc(review.title)}</h1>",
                f"<p class='meta'>{self._meta(review)}</p>",
                _paragraphs(review.summary)
                or f"<p class='meta'>{_esc(self.tr('No summary yet.'))}</p>",
                self._terms(review),
                self._exclusions(review),
                self._interfaces(review),
            ]
        )
        side = "".join(
            [self._figures(figures), self._milestones(review), self._contact(review.contact)]
        )
        return (
            f"{style}<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='64%' valign='top' style='padding-right: 28px'>{main}</td>"
            f"<td width='36%' valign='top' style='padding-left: 16px; "
            f"border-left: 1px solid {rule}'>{side}</td>"
            "</tr></table>"
        )

    def _meta(self, review: Review) -> str:
        parts = [review.body or "", self._status(review.status), review.timezone]
        return " · ".join(_esc(p) for p in parts if p)

    def _status(self, status: ReviewStatus) -> str:
        return self.tr("Status: {status}").format(status=status_label(status))

    def _section(self, title: str, body: str) -> str:
        return f"<h2>{_esc(title)}</h2>{body}"

    def _terms(self, review: Review) -> str:
        rows = []
        for number, item in walk_tor(review.terms_of_reference):
            depth = number.count(".")
            indent = 18 * depth
            rows.append(
                f"<tr><td class='num' valign='top' style='padding-left: {indent}px'>"
                f"<b>{_esc(number)}</b></td><td valign='top'>{_esc(item.text)}</td></tr>"
            )
        body = (
            f"<table cellspacing='0'>{''.join(rows)}</table>"
            if rows
            else f"<p class='meta'>{_esc(self.tr('None written yet.'))}</p>"
        )
        return self._section(self.tr("Terms of reference"), body)

    def _bullets(self, items: Iterable[str], empty: str) -> str:
        rows = [f"<li>{_esc(i)}</li>" for i in items]
        if not rows:
            return f"<p class='meta'>{_esc(empty)}</p>"
        return f"<ul style='margin-left: -18px'>{''.join(rows)}</ul>"

    def _exclusions(self, review: Review) -> str:
        return self._section(
            self.tr("Not covered by the review"),
            self._bullets((e.text for e in review.exclusions), self.tr("No exclusions.")),
        )

    def _interfaces(self, review: Review) -> str:
        names = (
            f"{i.name} ({i.abbreviation})" if i.abbreviation else i.name for i in review.interfaces
        )
        return self._section(
            self.tr("Working with"), self._bullets(names, self.tr("No interfaces listed."))
        )

    def _figures(self, figures: ReviewFigures) -> str:
        held = figures.meetings.get(MeetingStatus.HELD, 0)
        upcoming = figures.meetings.get(MeetingStatus.SCHEDULED, 0)
        postponed = figures.meetings.get(MeetingStatus.POSTPONED, 0)
        cancelled = figures.meetings.get(MeetingStatus.CANCELLED, 0)
        rows = [
            (self.tr("Meetings held"), str(held)),
            (self.tr("Meetings to come"), str(upcoming)),
        ]
        if postponed:
            rows.append((self.tr("Postponed"), str(postponed)))
        if cancelled:
            rows.append((self.tr("Cancelled"), str(cancelled)))
        rows += [
            (self.tr("Witnesses"), f"{figures.witnesses:,}"),
            (self.tr("Evidence"), f"{figures.evidence:,}"),
            (self.tr("Notes"), f"{figures.notes:,}"),
            (self.tr("Recommendations"), f"{figures.recommendations:,}"),
        ]
        table = "".join(
            f"<tr><td>{_esc(label)}</td><td align='right'><b>{_esc(value)}</b></td></tr>"
            for label, value in rows
        )
        return self._section(
            self.tr("At a glance"), f"<table cellspacing='0' width='100%'>{table}</table>"
        )

    def _milestones(self, review: Review) -> str:
        rows = []
        for milestone in sorted(review.milestones, key=lambda m: m.date):
            mark = "☑" if milestone.done else "☐"
            done = f" <i>({_esc(self.tr('done'))})</i>" if milestone.done else ""
            when = long_date(datetime.combine(milestone.date, time()))
            rows.append(
                f"<tr><td valign='top' class='num'>{mark}</td><td valign='top'>"
                f"{_esc(when)}<br>{_esc(milestone.title)}{done}</td></tr>"
            )
        body = (
            f"<table cellspacing='0'>{''.join(rows)}</table>"
            if rows
            else f"<p class='meta'>{_esc(self.tr('No milestones yet.'))}</p>"
        )
        return self._section(self.tr("Milestones"), body)

    def _contact(self, contact: Contact | None) -> str:
        if contact is None:
            return self._section(
                self.tr("Contact officer"),
                f"<p class='meta'>{_esc(self.tr('No contact officer named.'))}</p>",
            )
        lines = []
        if contact.name:
            lines.append(f"<b>{_esc(contact.name)}</b>")
        if contact.role:
            lines.append(_esc(contact.role))
        if contact.address:
            lines.append(_esc(contact.address).replace("\n", "<br>"))
        for label, value in (
            (self.tr("Phone"), contact.phone),
            (self.tr("Fax"), contact.fax),
            (self.tr("Minicom"), contact.minicom),
        ):
            if value:
                lines.append(f"{_esc(label)}: {_esc(value)}")
        if contact.email:
            address = _esc(contact.email)
            lines.append(f"<a href='mailto:{address}'>{address}</a>")
        return self._section(self.tr("Contact officer"), f"<p>{'<br>'.join(lines)}</p>")
