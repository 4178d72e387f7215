"""The Witnesses page: the register, filtered as the clerk types, and the selected
witness's appearances on agendas.

The register is a paged model (``ui.models.paged``): the ids of the review's
witnesses, filtered in SQL off the GUI thread, the rows (with their appearances) read
a page at a time as they are shown.

Add, edit, remove, reorder, a new invitation state (chosen in the table with F2 or a
double-click, from the Invitation button, or from the context menu) and the request
to be heard in private are each one undo step. Undo and redo find the witness by key
(a removed and restored witness has a new id) and quote the version read just before.

When a witness asks to be heard in private while listed under open items, the page
asks whether to close those items (the agenda service closes them): the flag and the
closings are ONE step, whose undo reopens the items and clears the flag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStatusBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import InvitationState
from ...domain.errors import Problem, ScrutinyError, ValidationError
from ...domain.listing_records import WitnessFilter
from ...domain.people_records import (
    KEEP,
    Appearance,
    WitnessChanges,
    WitnessRecord,
    given_changes,
)
from ..dialogs.witness_dialog import (
    ClosingDetails,
    PrivateAnswer,
    PrivateItemsDialog,
    WitnessDialog,
    WitnessValues,
)
from ..models.witnesses_model import (
    AppearanceColumn,
    AppearancesModel,
    InvitationLabels,
    WitnessColumn,
    WitnessesModel,
)
from ..widgets.tables import FIT, STRETCH, caption, fit_to_rows_shown, record_table
from ..workspace import Workspace
from .common import action_buttons

_KINDS = {"review", "witnesses", "agenda", "meetings"}
Index = QModelIndex | QPersistentModelIndex


class InvitationDelegate(QStyledItemDelegate):
    """A list of invitation states; choosing one applies it at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.tr("Invitation"))
        for label, state in InvitationLabels(combo).items():
            combo.addItem(label, state.value)
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class WitnessesPage(QWidget):
    """A Page (see ``ui.workspace``): show_review and reload."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("witnessesPage")
        self.workspace = workspace
        self.register = workspace.services.witness_edits
        self._review_id: int | None = None
        self._select_key: str | None = None
        self.dialog: WitnessDialog | None = None  # the one open, for tests
        self.question: PrivateItemsDialog | None = None  # "Close these items?", for tests

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

        self.appearances_model = AppearancesModel(self)
        self.appearances_view = record_table(
            self.appearances_model,
            self.tr("Appearances"),
            {
                AppearanceColumn.DATE: FIT,
                AppearanceColumn.MEETING: STRETCH,
                AppearanceColumn.ITEM: STRETCH,
                AppearanceColumn.ACCESS: FIT,
            },
        )
        self.appearances_caption = caption(self.tr("Appeara&nces"), self.appearances_view)
        self.appearances_note = QLabel()
        self.appearances_note.setWordWrap(True)

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

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(8, 4, 8, 8)
        bottom_layout.addWidget(self.appearances_caption)
        bottom_layout.addWidget(self.appearances_note)
        bottom_layout.addWidget(self.appearances_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
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

    def reload(self, kinds: tuple[str, ...]) -> None:
        if self._review_id is not None and _KINDS.intersection(kinds):
            current = self.current_witness()
            if self._select_key is None and current is not None:
                self._select_key = current.key
            self._load()

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
        self.workspace.show_error(self.tr("The witnesses could not be read"), str(exc))

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
        if witness is None:
            self.appearances_model.set_rows([])
            self.appearances_caption.setText(self.tr("Appeara&nces"))
            self.appearances_note.setText(
                self.tr("Choose a witness above to see the agenda items they are heard under.")
                if self.model.rowCount()
                else self.tr("The register has no witnesses yet.")
            )
            return
        self.appearances_model.set_rows(witness.appearances)
        self.appearances_caption.setText(
            self.tr("Appeara&nces of {name}").format(name=witness.name.replace("&", "&&"))
        )
        self.appearances_view.setAccessibleName(
            self.tr("Appearances of {name}").format(name=witness.name)
        )
        closed = sum(1 for a in witness.appearances if a.item_closed)
        if not witness.appearances:
            note = self.tr("Not on any agenda yet.")
        elif witness.private and witness.open_appearances:
            note = self.tr(
                "Asked to give evidence in private, but still heard under {items}: close "
                "them on the agenda."
            ).format(items=self._open_items(len(witness.open_appearances)))
        elif closed == len(witness.appearances):
            note = self.tr("Every item is closed: taken in private.")
        elif closed:
            note = self.tr("{closed} of {count} items closed: taken in private.").format(
                closed=closed, count=len(witness.appearances)
            )
        else:
            note = ""
        self.appearances_note.setText(note)
        self.appearances_note.setVisible(bool(note))

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

    # Actions ------------------------------------------------------------------------------

    def add_witness(self) -> None:
        if not self.add_action.isEnabled():
            return
        self.dialog = WitnessDialog(self.workspace.window, self.workspace.settings, self._add)
        self.dialog.open()

    def edit_witness(self) -> None:
        witness = self.current_witness()
        if witness is None or not self.edit_action.isEnabled():
            return
        self.dialog = WitnessDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._edit, witness),
            record=witness,
        )
        self.dialog.open()

    def remove_witness(self) -> None:
        witness = self.current_witness()
        if witness is None or not self.remove_action.isEnabled():
            return
        state: dict[str, Any] = {}

        def remove(record: WitnessRecord) -> None:
            state["snapshot"] = self.register.remove_witness(record.id, record.version)

        self._perform(
            self.tr("Remove witness {name}").format(name=witness.name),
            lambda: remove(witness),
            lambda: self.register.restore_witness(state["snapshot"]),
            lambda: remove(self._find(witness.key)),
            select=witness.key,
            changed=("witnesses", "agenda"),
        )

    def move_witness(self, step: int) -> None:
        witness = self.current_witness()
        if witness is None or self.workspace.read_only:
            return
        row = self.model.row_of_id(witness.id)
        assert row is not None
        to = row + step
        if not 0 <= to < self.model.rowCount() or self.filter_edit.text().strip():
            return

        def move(position: int, record: WitnessRecord | None = None) -> None:
            record = record or self._find(witness.key)
            self.register.move_witness(record.id, record.version, position)

        self._perform(
            (self.tr("Move {name} up") if step < 0 else self.tr("Move {name} down")).format(
                name=witness.name
            ),
            lambda: move(to, witness),
            lambda: move(row),
            lambda: move(to),
            select=witness.key,
        )

    def set_invitation(self, witness: WitnessRecord, state: InvitationState) -> None:
        """One undo step: where this witness's invitation stands."""
        if self.workspace.read_only or state is witness.invitation:
            return
        before = witness.invitation

        def apply(wanted: InvitationState, record: WitnessRecord | None = None) -> None:
            record = record or self._find(witness.key)
            self.register.set_invitation(record.id, record.version, wanted)

        self._perform(
            self.tr("Invitation of {name}: {state}").format(
                name=witness.name, state=self.model.invitation_label(state)
            ),
            lambda: apply(state, witness),
            lambda: apply(before),
            lambda: apply(state),
            select=witness.key,
        )

    def set_private(self, witness: WitnessRecord, private: bool) -> None:
        """Record the request (or its withdrawal); switching it on while the witness is
        under open items asks whether to close them."""
        if self.workspace.read_only or private is witness.private:
            self._update_actions()
            return
        self._change_private(
            witness,
            WitnessChanges(private=private),
            WitnessChanges(private=witness.private),
            self.tr("{name} heard in private").format(name=witness.name)
            if private
            else self.tr("{name} heard in public").format(name=witness.name),
        )

    # Slots ----------------------------------------------------------------------------------

    def _on_invitation_requested(self, witness: WitnessRecord, state: InvitationState) -> None:
        # After the delegate has closed its editor: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.set_invitation, witness, state))

    def _on_invitation_chosen(self, state: InvitationState) -> None:
        witness = self.current_witness()
        if witness is not None:
            self.set_invitation(witness, state)

    def _on_private_triggered(self, checked: bool) -> None:
        witness = self.current_witness()
        if witness is None:
            return
        self.set_private(witness, checked)

    # Saving the witness dialog ----------------------------------------------------------

    def _add(self, values: WitnessValues) -> list[Problem]:
        review_id = self._review_id
        if review_id is None:
            return []
        state: dict[str, Any] = {}

        def undo() -> None:
            added = self._find(state["key"])
            state["snapshot"] = self.register.remove_witness(added.id, added.version)

        def add() -> WitnessRecord:
            added = self.register.add_witness(
                review_id,
                values.name,
                values.role,
                values.organisation,
                values.email,
                invitation=values.invitation,
                private=values.private,
            )
            state["key"] = added.key
            return added

        return self._perform(
            self.tr("Add witness {name}").format(name=values.name),
            add,
            undo,
            lambda: self.register.restore_witness(state["snapshot"]),
            select_result=True,
        )

    def _edit(self, witness: WitnessRecord, values: WitnessValues) -> list[Problem]:
        names = ("name", "role", "organisation", "email", "invitation", "private")
        forward = WitnessChanges(
            **{
                n: getattr(values, n) if getattr(values, n) != getattr(witness, n) else KEEP
                for n in names
            }
        )
        if forward == WitnessChanges():
            return []
        backward = WitnessChanges(
            **{n: KEEP if getattr(forward, n) is KEEP else getattr(witness, n) for n in names}
        )
        return self._change_private(
            witness,
            forward,
            backward,
            self.tr("Edit witness {name}").format(name=values.name),
            on_cancel=partial(self._edit_again, witness, values),
        )

    def _edit_again(self, witness: WitnessRecord, values: WitnessValues) -> None:
        """The clerk cancelled the question after Save: nothing was saved, so give them
        their dialog back as they left it."""
        self.edit_witness()
        if self.dialog is not None and self.current_witness() == witness:
            self.dialog.set_values(values)

    # The request to be heard in private -----------------------------------------------

    def _change_private(
        self,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        text: str,
        on_cancel: Callable[[], None] | None = None,
    ) -> list[Problem]:
        """Apply ``forward`` as one step; when it switches privacy on and the witness is
        under open items, first ask whether to close them (in the same step)."""
        items = witness.open_appearances
        if forward.private is not True or not items:
            return self._apply_witness_change(witness, forward, backward, text, None, ())

        question = PrivateItemsDialog(self.workspace.window, witness.name, items)
        self.question = question

        def answered() -> None:
            self.question = None
            answer = question.answer()
            if answer is None:
                self._update_actions()  # cancelled: nothing changes, the toggle goes back
                if on_cancel is not None:
                    on_cancel()
                return
            closing = question.details() if answer is PrivateAnswer.CLOSE else None
            self._apply_witness_change(
                witness, forward, backward, text, closing, tuple(a.item_key for a in items)
            )

        question.finished.connect(answered)
        question.open()
        return []

    def _apply_witness_change(
        self,
        witness: WitnessRecord,
        forward: WitnessChanges,
        backward: WitnessChanges,
        text: str,
        closing: ClosingDetails | None,
        item_keys: Sequence[str],
    ) -> list[Problem]:
        review_id = witness.review_id
        agenda = self.workspace.services.agenda
        state: dict[str, list[str]] = {"closed": []}

        def reopen(keys: Sequence[str]) -> None:
            for key in reversed(keys):
                item = agenda.find(review_id, key)
                agenda.reopen_item(item.id, item.version)

        def update(record: WitnessRecord, changes: WitnessChanges) -> WitnessRecord:
            if set(given_changes(changes)) == {"private"}:
                private = changes.private is True
                return self.register.set_private(record.id, record.version, private).witness
            return self.register.update_witness(record.id, record.version, changes)

        def apply(record: WitnessRecord) -> WitnessRecord:
            updated = update(record, forward)
            closed: list[str] = []
            if closing is not None:
                try:
                    for appearance in _to_close(updated.open_appearances, item_keys):
                        agenda.close_item(
                            appearance.item_id,
                            appearance.item_version,
                            closing.reason,
                            closing.exemption,
                            None,
                        )
                        closed.append(appearance.item_key)
                except ScrutinyError:
                    # Put back what this step changed, then say why it failed.
                    reopen(closed)
                    update(self._find(witness.key), backward)
                    raise
            state["closed"] = closed
            return updated

        def undo() -> None:
            reopen(state["closed"])
            update(self._find(witness.key), backward)

        # Agendas show witnesses' names and flag open items with a private witness.
        printed = {"name", "role", "organisation", "private"}
        changed = (
            ("witnesses", "agenda")
            if closing is not None or printed & set(given_changes(forward))
            else ("witnesses",)
        )
        problems = self._perform(
            text,
            lambda: apply(witness),
            undo,
            lambda: apply(self._find(witness.key)),
            select=witness.key,
            changed=changed,
        )
        if state["closed"]:
            count = len(state["closed"])
            closed = (
                self.tr("closed 1 item")
                if count == 1
                else self.tr("closed {count} items").format(count=count)
            )
            self._say(self.tr("Saved: {text}; {closed}.").format(text=text, closed=closed))
        return problems

    # Helpers ------------------------------------------------------------------------------

    def _open_items(self, count: int) -> str:
        return (
            self.tr("1 open item")
            if count == 1
            else self.tr("{count} open items").format(count=count)
        )

    def _find(self, key: str) -> WitnessRecord:
        assert self._review_id is not None
        return self.register.find_witness(self._review_id, key)

    def _say(self, message: str) -> None:
        bar = self.workspace.window.findChild(QStatusBar)
        if bar is not None:
            bar.showMessage(message)

    def _perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any],
        *,
        select: str | None = None,
        select_result: bool = False,
        changed: tuple[str, ...] = ("witnesses",),
    ) -> list[Problem]:
        """One undo step; the problems to show beside the dialog's fields, if any."""
        captured: list[ValidationError] = []

        def run() -> Any:
            try:
                return do()
            except ValidationError as exc:
                captured.append(exc)
                raise

        chosen: dict[str, str | None] = {"key": select}

        def again(call: Callable[[], Any]) -> Callable[[], Any]:
            def run_again() -> Any:
                self._select_key = chosen["key"]  # show the record the step changed
                return call()

            return run_again

        self._select_key = select
        result = self.workspace.editor.perform(text, run, again(undo), again(redo), changed=changed)
        if result is None and captured:
            return captured[0].problems
        if select_result and isinstance(result, WitnessRecord):
            chosen["key"] = result.key
            self.filter_edit.clear()  # so that the new witness shows
            self._select_key = None if self.select_witness(result.key) else result.key
        return []


def _to_close(open_items: Sequence[Appearance], keys: Sequence[str]) -> list[Appearance]:
    wanted = set(keys)
    return [a for a in open_items if a.item_key in wanted]
