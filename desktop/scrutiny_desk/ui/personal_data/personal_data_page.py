"""The Personal Data page: the people a review holds personal data about (witnesses,
substitutes, officers and others present) and, for the one chosen, everything held
about them; the review's retention date and whether it has passed.

UK GDPR gives each of them the right to see what is held (Export Subject Access…, a
file written on a worker) and, once the review no longer needs it, to have it erased
(Erase Personal Data…, see ``erasure.py``). Opening a record in the list (Enter or
double-click) goes to it: a mention in free text to the note, minute or paragraph
that holds it, for the clerk to edit. Everything is read off the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.personal_data_records import DataSubject, PersonalDataHeld, RetentionState
from ...domain.topics import Topic, Topics
from ...paths import export_dir
from ..shared.export_names import safe_file_name
from ..shared.retention_banner import RetentionBanner, retention_day
from ..shared.review_details import open_review_details
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .erasure import Erasure
from .held_model import HeldModel, RevealRole, mention_kind
from .people_model import PeopleModel, PersonColumn

#: What the save dialog offers; the service picks the format by the extension.
EXPORT_FILTERS = "PDF (*.pdf);;Plain text (*.txt);;JSON (*.json)"


class PersonalDataPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: Everything that can name a person: their records, the register, free text.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.WITNESSES,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.ATTENDANCE,
            Topic.MINUTES,
            Topic.NOTES,
            Topic.EVIDENCE,
            Topic.RECOMMENDATIONS,
            Topic.ACTIONS,
            Topic.INVITATIONS,
            Topic.REPORT,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personalDataPage")
        self.workspace = workspace
        self.service = workspace.services.personal_data
        #: What "today" is, for the retention date (tests set a fixed day).
        self.today: Callable[[], date] = date.today
        self._review_id: int | None = None
        self.retention: RetentionState | None = None
        self.held: PersonalDataHeld | None = None
        self._wanted: DataSubject | None = None  # the person to choose after a read

        self.heading = QLabel(self.tr("Personal data"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.retention_label = QLabel()
        self.retention_label.setObjectName("retentionLabel")
        self.retention_label.setWordWrap(True)
        self.retention_button = QPushButton(self.tr("Change &Retention Date…"))
        self.retention_button.setToolTip(
            self.tr("Set the date in Review Details, with the privacy notice for invitations")
        )
        self.retention_button.clicked.connect(self.edit_retention)
        self.banner = RetentionBanner("retentionBanner", button=False)
        #: What the last erasure did: the status line is soon taken by the reload after it.
        self.outcome = QLabel()
        self.outcome.setObjectName("erasureOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.linkActivated.connect(self._on_outcome_link)
        self.outcome.hide()

        self.people = PeopleModel(self)
        self.people_view = record_table(
            self.people,
            self.tr("People the review holds personal data about"),
            {PersonColumn.NAME: FIT, PersonColumn.WHO: FIT, PersonColumn.ORGANISATION: STRETCH},
        )
        self.people_view.setObjectName("peopleTable")
        self.held_model = HeldModel(self)
        self.held_view = QTreeView()
        self.held_view.setObjectName("heldTree")
        self.held_view.setModel(self.held_model)
        self.held_view.setAccessibleName(self.tr("Everything held about the person chosen"))
        self.held_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.held_view.setUniformRowHeights(True)
        self.held_view.setAlternatingRowColors(True)
        self.held_view.header().setStretchLastSection(True)
        self.held_view.setColumnWidth(0, 320)
        self.held_caption = caption(self.tr("&Held about them"), self.held_view)
        self.hint = QLabel(
            self.tr("Enter or double-click a record to go to it: edit a mention there.")
        )
        self.hint.setWordWrap(True)

        self.export_button = QPushButton(self.tr("E&xport Subject Access…"))
        self.export_button.setToolTip(
            self.tr(
                "Save everything held about the person chosen, for their subject access request"
            )
        )
        self.export_button.clicked.connect(self.choose_export_path)
        self.erasure = Erasure(workspace, self)
        self.erase_button = QPushButton(self.tr("&Erase Personal Data…"))
        self._erase_tip = self.tr(
            "Replace the person's name, role, organisation and e-mail address with a "
            "neutral label everywhere they are stored. Cannot be undone."
        )
        self.erase_button.setToolTip(self._erase_tip)
        self.erase_button.clicked.connect(self.start_erasure)
        self.erasure.finished.connect(self._on_erasure_finished)
        self.erasure.started.connect(self._update_actions)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.erase_button)
        retention = QHBoxLayout()
        retention.addWidget(self.retention_label, 1)
        retention.addWidget(self.retention_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(caption(self.tr("&People"), self.people_view))
        left_layout.addWidget(self.people_view, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.held_caption)
        right_layout.addWidget(self.held_view, 1)
        right_layout.addWidget(self.hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([420, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(retention)
        layout.addWidget(self.banner)
        layout.addWidget(self.outcome)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.export_button, self.erase_button)
        self.setTabOrder(self.erase_button, self.retention_button)
        self.setTabOrder(self.retention_button, self.people_view)
        self.setTabOrder(self.people_view, self.held_view)

        self.people_view.selectionModel().selectionChanged.connect(self._on_person_chosen)
        self.held_view.activated.connect(self._on_held_activated)
        self._update_actions()

    # Page protocol ----------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        if review_id != self._review_id:
            self._wanted = None
            self.outcome.hide()
        self._review_id = review_id
        if review_id is None:
            self.workspace.runner.discard("personal-data")
            self.workspace.runner.discard("personal-data-held")
            self.people.set_records([])
            self._show_held(None)
            self._show_retention(None)
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._load()

    # What is shown ----------------------------------------------------------------------

    def current_person(self) -> DataSubject | None:
        rows = self.people_view.selectionModel().selectedRows()
        return self.people.record(rows[0].row()) if rows else None

    def select_person(self, person: DataSubject | str) -> bool:
        """Choose that person (a DataSubject, or a witness's key); False if not listed."""
        if isinstance(person, str):
            row = next((n for n, p in enumerate(self.people.records()) if p.key == person), None)
        else:
            row = self.people.row_of_person(person)
        if row is None:
            return False
        self.people_view.selectRow(row)
        return True

    # Actions ----------------------------------------------------------------------------

    def choose_export_path(self) -> None:
        person = self.current_person()
        if person is None:
            return
        folder = Path(self.workspace.settings.last_export_folder or export_dir())
        name = self.tr("Subject access - {name}.pdf").format(name=safe_file_name(person.name))
        path, _filter = QFileDialog.getSaveFileName(
            self.workspace.window,
            self.tr("Export Subject Access for {name}").format(name=person.name),
            str(folder / name),
            EXPORT_FILTERS,
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write what is held about the person chosen to ``path``, on a worker."""
        person, review_id = self.current_person(), self._review_id
        if person is None or review_id is None:
            return
        self.workspace.say(self.tr("Saving {file}…").format(file=path.name))
        self.workspace.runner.submit(
            partial(self.service.export_subject_access, review_id, person, path),
            self._on_exported,
            self._on_export_failed,
        )

    def start_erasure(self) -> None:
        person, review_id = self.current_person(), self._review_id
        if person is None or review_id is None or person.erased or self.workspace.read_only:
            return
        self.erasure.start(review_id, person)

    def edit_retention(self) -> None:
        if self._review_id is None or self.workspace.read_only:
            return
        open_review_details(
            self.workspace, self._review_id, lambda dialog: dialog.show_privacy_tab()
        )

    # Loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        service = self.service

        def read() -> tuple[list[DataSubject], RetentionState]:
            return service.people(review_id), service.retention(review_id)

        self.workspace.runner.submit(
            read, partial(self._on_loaded, review_id), self._on_failed, key="personal-data"
        )

    def _on_loaded(self, review_id: int, loaded: tuple[list[DataSubject], RetentionState]) -> None:
        if review_id != self._review_id:
            return
        people, retention = loaded
        keep = self._wanted or self.current_person()
        self._show_retention(retention)
        blocker = self.people_view.selectionModel().blockSignals(True)
        self.people.set_records(people)
        self.people_view.selectionModel().blockSignals(blocker)
        if not (keep is not None and self.select_person(keep)) and people:
            self.people_view.selectRow(0)
        self._on_person_chosen()

    def _on_person_chosen(self, *_args: QItemSelection) -> None:
        person, review_id = self.current_person(), self._review_id
        self._update_actions()
        if person is None or review_id is None:
            self._show_held(None)
            return
        self._wanted = person
        self.workspace.runner.submit(
            partial(self.service.held, review_id, person),
            partial(self._on_held_loaded, review_id),
            self._on_failed,
            key="personal-data-held",
        )

    def _on_held_loaded(self, review_id: int, held: PersonalDataHeld) -> None:
        if review_id != self._review_id:
            return
        person = self.current_person()
        if person is None or (person.kind, person.key) != (held.person.kind, held.person.key):
            return
        self._show_held(held)

    def _show_held(self, held: PersonalDataHeld | None) -> None:
        self.held = held
        self.held_model.show(held)
        self.held_view.expandAll()
        self.held_caption.setText(
            self.tr("&Held about {name}").format(name=held.person.name.replace("&", "&&"))
            if held is not None
            else self.tr("&Held about them")
        )
        self._update_actions()

    def _show_retention(self, state: RetentionState | None) -> None:
        self.retention = state
        today = self.today()
        self.banner.show_state(state, today)
        if state is None:
            self.retention_label.setText("")
        elif state.effective is None:
            self.retention_label.setText(
                self.tr(
                    "No retention date yet: personal data is kept until six years after "
                    "the review closes, unless you set a date."
                )
            )
        elif state.due(today):
            self.retention_label.setText(
                self.tr("Retention date: {day} (passed).").format(
                    day=retention_day(state.effective)
                )
            )
        else:
            how = (
                self.tr("set for this review")
                if state.until is not None
                else self.tr("six years after the review closed")
            )
            self.retention_label.setText(
                self.tr("Personal data is kept until {day} ({how}).").format(
                    day=retention_day(state.effective), how=how
                )
            )
        self.retention_button.setEnabled(state is not None and not self.workspace.read_only)

    def _update_actions(self) -> None:
        person = self.current_person()
        busy = self.erasure.busy
        self.export_button.setEnabled(person is not None)
        self.erase_button.setEnabled(
            person is not None and not person.erased and not busy and not self.workspace.read_only
        )
        self.erase_button.setToolTip(
            self.tr("Already erased: now “{label}”.").format(label=person.label)
            if person is not None and person.erased
            else self._erase_tip
        )

    # Slots ------------------------------------------------------------------------------

    def _on_held_activated(self, index: QModelIndex) -> None:
        target = index.siblingAtColumn(0).data(RevealRole) or index.data(RevealRole)
        if target:
            kind, key = target
            self.workspace.reveal(kind, key)

    def _on_exported(self, path: Path) -> None:
        self.workspace.settings.last_export_folder = str(path.parent)
        self.workspace.say(self.tr("Saved the subject access export to {path}.").format(path=path))

    def _on_export_failed(self, exc: Exception) -> None:
        title = self.tr("The subject access export could not be saved")
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)

    def _on_erasure_finished(self, person: DataSubject | None) -> None:
        if person is not None:
            self._wanted = person
            self.outcome.setText(self._outcome_html())
            self.outcome.setAccessibleName(self.erasure.said)
            self.outcome.show()
        self._update_actions()

    def _outcome_html(self) -> str:
        """What the erasure did, then a link to each mention it left (the page no longer
        finds them: the person's name has gone from their record)."""
        erased = self.erasure.erased
        links = [
            f'<a href="{html.escape(m.kind)}:{html.escape(m.key)}">'
            f"{html.escape(m.where or mention_kind(m.kind))}</a>"
            for m in (erased.mentions_left if erased is not None else ())
            if not m.approved
        ]
        said = html.escape(self.erasure.said)
        return said + (" " + self.tr("Edit:") + " " + "; ".join(links) if links else "")

    def _on_outcome_link(self, link: str) -> None:
        kind, _colon, key = link.partition(":")
        self.workspace.reveal(kind, key)

    def _on_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The personal data could not be read"), exc)
