"""The Witnesses page: the register, filtered as the clerk types, and the selected
witness's appearances on agendas.

The register is a paged model (``ui.shared.paged``): the ids of the review's
witnesses, filtered in SQL off the GUI thread, the rows (with their appearances) read
a page at a time as they are shown.

Add, edit, remove, reorder, a new invitation state (chosen in the table with F2 or a
double-click, from the Invitation button, or from the context menu) and the request
to be heard in private are each one undo step.

The page holds the register, the filter and the selection; the appearances below are
``WitnessAppearances`` (witness_appearances.py), the invitation cell's list is
``InvitationDelegate`` (invitation_editor.py) and what the actions do, each one undo
step, is the ``WitnessCommands`` (witness_commands.py) it owns, which sees the page only
as a ``WitnessSelection``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import InvitationState
from ...domain.errors import ScrutinyError
from ...domain.listing_records import WitnessFilter
from ...domain.people_records import WitnessRecord
from ...domain.topics import Topic, Topics
from ..audit.history_action import add_history
from ..shared.common import action_buttons
from ..shared.tables import FIT, STRETCH, caption, fit_to_rows_shown, record_table
from ..shared.witness_dialog import InvitationLabels, PrivateItemsDialog, WitnessDialog
from ..shared.workspace import Workspace
from .invitation_editor import InvitationDelegate
from .witness_appearances import WitnessAppearances
from .witness_commands import WitnessCommands
from .witnesses_model import WitnessColumn, WitnessesModel

Index = QModelIndex | QPersistentModelIndex


class WitnessesPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {Topic.REVIEW, Topic.WITNESSES, Topic.AGENDA, Topic.MEETINGS}
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("witnessesPage")
        self.workspace = workspace
        self.register = workspace.services.witness_edits
        self._review_id: int | None = None
        self._select_key: str | None = None
        self.commands = WitnessCommands(workspace, self, self)

        self._filter = WitnessFilter()
        self._total = 0  # the review's witnesses, whatever the filter
        self.model = WitnessesModel(workspace.runner, workspace.services.listing.witnesses, self)
        self.model.editable = not workspace.read_only
        self.model.invitation_requested.connect(self._on_invitation_requested)
        self.model.loaded.connect(self._on_ids_loaded)
        self.model.failed.connect(self._on_failed)
        #: The register filters in SQL: nothing stands in front of the model.
        self.proxy = self.model
        self.view = record_table(
            self.model,
            self.tr("Witnesses"),
            {
                WitnessColumn.NAME: STRETCH,
                WitnessColumn.ROLE: STRETCH,
                WitnessColumn.ORGANISATION: STRETCH,
                WitnessColumn.EMAIL: STRETCH,
                WitnessColumn.INVITATION: FIT,
                WitnessColumn.PRIVATE: FIT,
                WitnessColumn.APPEARANCES: FIT,
            },
        )
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setItemDelegateForColumn(WitnessColumn.INVITATION, InvitationDelegate(self.view))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.keep_selection(self.view.selectionModel())
        self.model.find_id = self._id_of_key
        fit_to_rows_shown(self.view)
        self.view.activated.connect(self._on_activated)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("witnessFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter witnesses"))
        self.filter_edit.setPlaceholderText(
            self.tr("Type part of a name, role, organisation or e-mail address")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter_edit)
        self.count_label = QLabel()

        self.appearances = WitnessAppearances()
        self.appearances_model = self.appearances.model
        self.appearances_view = self.appearances.view
        self.appearances_caption = self.appearances.heading
        self.appearances_note = self.appearances.note

        self._build_actions()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 4)
        heading = QHBoxLayout()
        heading.addWidget(caption(self.tr("&Witnesses"), self.view))
        heading.addStretch(1)
        heading.addWidget(filter_label)
        heading.addWidget(self.filter_edit, 2)
        heading.addWidget(self.count_label)
        top_layout.addLayout(heading)
        top_layout.addLayout(
            action_buttons(
                [
                    self.add_action,
                    self.edit_action,
                    self.remove_action,
                    None,
                    self.invitation_menu_action,
                    self.private_action,
                    None,
                    self.up_action,
                    self.down_action,
                ]
            )
        )
        top_layout.addWidget(self.view, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.appearances)
        self.splitter.setSizes([380, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.filter_edit, self.view)
        self.setTabOrder(self.view, self.appearances_view)
        self._show_appearances_of(None)
        self._update_actions()

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: Callable[..., Any] | None, keys: str = "") -> QAction:
            made = QAction(text, self)
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({keys})" if keys else tip)
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if slot is not None:
                made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.add_action = action(
            self.tr("&Add…"), self.tr("Add a witness to the register"), self.add_witness, "Ins"
        )
        self.edit_action = action(
            self.tr("E&dit…"),
            self.tr("Change the selected witness's details (Enter)"),
            self.edit_witness,
        )
        self.remove_action = action(
            self.tr("Re&move"),
            self.tr("Remove the selected witness from the register and from every agenda"),
            self.remove_witness,
            "Del",
        )
        self.private_action = action(
            self.tr("Asked to Be Heard in &Private"),
            self.tr("The selected witness asked to give evidence in private"),
            None,
        )
        self.private_action.setCheckable(True)
        self.private_action.triggered.connect(self._on_private_triggered)
        self.invitation_menu = QMenu(self.tr("Invitation"), self)
        self.invitation_group = QActionGroup(self)
        self.invitation_actions: dict[InvitationState, QAction] = {}
        for label, state in InvitationLabels(self).items():
            choice = QAction(label, self.invitation_group)
            choice.setCheckable(True)
            choice.triggered.connect(partial(self._on_invitation_chosen, state))
            self.invitation_menu.addAction(choice)
            self.invitation_actions[state] = choice
        self.invitation_menu_action = action(
            self.tr("&Invitation"),
            self.tr("Where the selected witness's invitation stands (F2 in the table)"),
            None,
        )
        self.invitation_menu_action.setMenu(self.invitation_menu)
        self.up_action = action(
            self.tr("Move &Up"),
            self.tr("Move the selected witness up the register"),
            partial(self.move_witness, -1),
            "Ctrl+Up",
        )
        self.down_action = action(
            self.tr("Move D&own"),
            self.tr("Move the selected witness down the register"),
            partial(self.move_witness, 1),
            "Ctrl+Down",
        )
        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(
            lambda: self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.addAction(self.find_action)
        self.filter_edit.setToolTip(
            self.tr("Show only the witnesses whose details contain this text ({keys})").format(
                keys=self.find_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(self._button_actions())
        add_history(self.view, self.workspace, "witnesses", self.current_witness)

    def _button_actions(self) -> list[QAction]:
        return [
            self.add_action,
            self.edit_action,
            self.remove_action,
            self.invitation_menu_action,
            self.private_action,
            self.up_action,
            self.down_action,
        ]

    # Page protocol --------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        self._select_key = None
        if review_id is None:
            self.model.set_query(None)
            self._show_appearances_of(None)
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            current = self.current_witness()
            if self._select_key is None and current is not None:
                self._select_key = current.key
            self._load()

    # What the commands see (``WitnessSelection``) -------------------------------------------

    @property
    def review_id(self) -> int | None:
        return self._review_id

    def show_later(self, key: str | None) -> None:
        self._select_key = key

    def clear_filter(self) -> None:
        self.filter_edit.clear()

    def invitation_label(self, state: InvitationState) -> str:
        return self.model.invitation_label(state)

    def update_actions(self) -> None:
        self._update_actions()

    @property
    def dialog(self) -> WitnessDialog | None:
        """The witness dialog open, for tests."""
        return self.commands.dialog

    @property
    def question(self) -> PrivateItemsDialog | None:
        """The question whether to close a private witness's items, while asked (tests)."""
        return self.commands.question

    # What is shown ----------------------------------------------------------------------

    def current_witness(self) -> WitnessRecord | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(index.row())

    def select_witness(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        index = self.model.index(row, WitnessColumn.NAME)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _id_of_key(self, key: str) -> int | None:
        """The id of the witness with that key now (one indexed lookup)."""
        if self._review_id is None:
            return None
        try:
            return self.register.find_witness(self._review_id, key).id
        except ScrutinyError:
            return None

    def _load(self) -> None:
        """Give the model the query of this review and filter (it reads the ids)."""
        review_id, flt = self._review_id, self._filter
        assert review_id is not None
        listing = self.workspace.services.listing
        self.model.set_query(
            lambda order: listing.witness_ids(review_id, flt, order.key, order.descending),
            partial(listing.witness_count, review_id) if flt.active else None,
        )

    def _on_ids_loaded(self, count: int) -> None:
        self._total = self.model.total()
        wanted = self._select_key or (w.key if (w := self.current_witness()) else None)
        self._select_key = None
        self._select_after_change(wanted)
        self._update_count()
        # The same witness may be shown with other details or appearances.
        self._show_appearances_of(self.current_witness())
        self._update_actions()

    def _select_after_change(self, wanted: str | None) -> None:
        if wanted and self.select_witness(wanted):
            return
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, WitnessColumn.NAME))
        else:
            self._show_appearances_of(None)
            self._update_actions()

    def _on_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The witnesses could not be read"), exc)

    def _on_filter_changed(self, text: str) -> None:
        flt = self.model.labels_holding(text)
        if flt != self._filter:
            self._filter = flt
            if self._review_id is not None:
                self._load()  # the selection stays if the witness passes, else the first
        self._update_actions()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self._total
        self.count_label.setText(
            self.tr("{shown} of {total}").format(shown=shown, total=total) if shown != total else ""
        )

    def _on_current_changed(self, current: Index, _previous: object) -> None:
        self._show_appearances_of(self.model.record(current.row()) if current.isValid() else None)
        self._update_actions()

    def _on_activated(self, index: Index) -> None:
        """Enter or a double-click: the invitation cell opens its list, others the dialog."""
        if index.column() == WitnessColumn.INVITATION and not self.workspace.read_only:
            self.view.edit(index)
        else:
            self.edit_witness()

    def _show_appearances_of(self, witness: WitnessRecord | None) -> None:
        self.appearances.show_witness(witness, register_empty=not self.model.rowCount())

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self._review_id is not None
        witness = self.current_witness()
        index = self.view.currentIndex()
        row = index.row() if witness else -1
        unfiltered = not self.filter_edit.text().strip()
        self.add_action.setEnabled(writable)
        for action in (self.edit_action, self.remove_action, self.invitation_menu_action):
            action.setEnabled(writable and witness is not None)
        self.private_action.setEnabled(writable and witness is not None)
        self.private_action.setChecked(bool(witness and witness.private))
        for state, choice in self.invitation_actions.items():
            choice.setChecked(bool(witness and witness.invitation is state))
        self.up_action.setEnabled(writable and unfiltered and row > 0)
        self.down_action.setEnabled(
            writable and unfiltered and 0 <= row < self.model.rowCount() - 1
        )

    # Slots ----------------------------------------------------------------------------------

    def add_witness(self) -> None:
        if self.add_action.isEnabled():
            self.commands.add()

    def edit_witness(self) -> None:
        witness = self.current_witness()
        if witness is not None and self.edit_action.isEnabled():
            self.commands.edit(witness)

    def remove_witness(self) -> None:
        witness = self.current_witness()
        if witness is not None and self.remove_action.isEnabled():
            self.commands.remove(witness)

    def move_witness(self, step: int) -> None:
        """Move the selected witness up (-1) or down (1) the unfiltered register."""
        witness = self.current_witness()
        if witness is None or self.workspace.read_only or self.filter_edit.text().strip():
            return
        row = self.model.row_of_id(witness.id)
        assert row is not None
        if 0 <= row + step < self.model.rowCount():
            self.commands.move(witness, row, row + step)

    def _on_invitation_requested(self, witness: WitnessRecord, state: InvitationState) -> None:
        # After the delegate has closed its editor: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.commands.set_invitation, witness, state))

    def _on_invitation_chosen(self, state: InvitationState) -> None:
        witness = self.current_witness()
        if witness is not None:
            self.commands.set_invitation(witness, state)

    def _on_private_triggered(self, checked: bool) -> None:
        witness = self.current_witness()
        if witness is None:
            return
        self.commands.set_private(witness, checked)
