"""The decisions on the item whose minute is open, below it on the Minutes tab: its
resolutions ("RESOLVED – That …") with their votes, added, changed and removed one
undo step each, and on the "Minutes of the previous meeting" item, Agree Previous
Minutes…, which records that resolution and approves those minutes in one step.

Who may vote is read when the dialog opens (``services.resolutions.voters``); which
meeting's minutes would be agreed is read before asking (``previous_meeting``), so the
question names that meeting's date. Reads go through the task runner; the pane is
frozen with the minutes while they are approved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import ItemRecord, MinutesRecord
from ...domain.enums import StandardItem
from ...domain.errors import NotFoundError, Problem
from ...domain.procedure_records import ItemVoters, ResolutionRecord
from ...domain.records import Vote
from ...domain.wording import day_month_year
from ..shared.commands import Step
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .decision_steps import AddResolution, AgreePreviousMinutes, EditResolution, RemoveResolution
from .decisions_read import ItemDecisions, read_item_decisions
from .resolution_dialog import ResolutionDialog
from .resolutions_model import ResolutionColumn, ResolutionsModel
from .tab_actions import make_action, text_button

Index = QModelIndex | QPersistentModelIndex


class _WrappedText(QStyledItemDelegate):
    """Rows as tall as their wrapped text: measured in the width left inside the cell
    padding that ``record_table`` sets (6 pixels each side), as the text is drawn."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect.setWidth(max(1, option.rect.width() - 12))
        return super().sizeHint(narrower, index)


class DecisionsPane(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        read: Callable[[ItemDecisions], None],
        parent: QWidget | None = None,
    ) -> None:
        """``read`` is told the item's decisions each time they have been read."""
        super().__init__(parent)
        self._told = read
        self.setObjectName("decisionsPane")
        self.workspace = workspace
        self.services = workspace.services
        self._item: ItemRecord | None = None
        self._rows: list[ResolutionRecord] = []  # the item's, once read
        self._writable = False
        self.resolution_dialog: ResolutionDialog | None = None  # open, for tests
        self.previous_question: QMessageBox | None = None

        self.model = ResolutionsModel(self)
        self.view = record_table(
            self.model,
            self.tr("Resolutions"),
            {ResolutionColumn.TEXT: STRETCH, ResolutionColumn.VOTE: FIT},
        )
        self.view.setObjectName("resolutionsView")
        self.view.setWordWrap(True)  # a resolution is a sentence or more: show it whole
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setItemDelegateForColumn(ResolutionColumn.TEXT, _WrappedText(self.view))
        self.view.doubleClicked.connect(lambda _index: self.edit_resolution())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.add_action = make_action(
            self,
            self.tr("Add &Resolution…"),
            self.tr("Record a decision on this item: RESOLVED – That …, with its vote"),
            self.add_resolution,
            "Ctrl+Shift+R",
        )
        self.edit_action = make_action(
            self,
            self.tr("&Edit Resolution…"),
            self.tr("Change the selected resolution's wording or vote"),
            self.edit_resolution,
            "Return",
            target=self.view,
        )
        self.remove_action = make_action(
            self,
            self.tr("Remove Resolution"),
            self.tr("Remove the selected resolution and its vote"),
            self.remove_resolution,
            "Del",
            target=self.view,
        )
        self.agree_action = make_action(
            self,
            self.tr("Agree Pre&vious Minutes…"),
            self.tr(
                "Record that the minutes of the previous meeting be agreed as a correct "
                "record, and approve them at this meeting, in one step"
            ),
            self.agree_previous_minutes,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.add_action, self.edit_action, self.remove_action])
        self.agree_button = text_button(self.agree_action)
        head = QHBoxLayout()
        head.addWidget(caption(self.tr("Re&solutions"), self.view))
        head.addStretch(1)
        head.addWidget(self.agree_button)
        for action in (self.add_action, self.edit_action, self.remove_action):
            head.addWidget(text_button(action))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        self._update()

    # What is shown -------------------------------------------------------------------------

    def show_item(self, item: ItemRecord | None, minutes: MinutesRecord | None) -> None:
        """The item whose decisions to show, at once; its resolutions (and a standard
        item's recorded wording) are read again off the GUI thread, then shown."""
        if item is None or self._item is None or item.key != self._item.key:
            self._rows = []
        self._item = item
        self._show()
        if item is None or minutes is None:
            return

        def failed(exc: Exception) -> None:
            if not isinstance(exc, NotFoundError):  # gone meanwhile: the reload says so
                self.workspace.report_error(self.tr("The item's decisions could not be read"), exc)

        self.workspace.runner.submit(
            partial(read_item_decisions, self.services, minutes, item),
            self._on_read,
            failed,
            key="minutes-tab-decisions",
        )

    def _on_read(self, decisions: ItemDecisions) -> None:
        if self._item is not None and self._item.key == decisions.item_key:
            self._rows = decisions.resolutions
            self._show()
            self._told(decisions)

    def update_actions(self, writable: bool) -> None:
        """``writable``: the meeting is shown, the database writable, the minutes not
        approved."""
        self._writable = writable
        self._update()

    def current(self) -> ResolutionRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def _show(self) -> None:
        item, rows = self._item, self._rows
        current = self.current()
        if rows != self.model.records():
            self.model.set_rows(rows)
        if self.model.rowCount():
            keep = current.position if current is not None else 0
            row = next((n for n, r in enumerate(rows) if r.position == keep), 0)
            self.view.setCurrentIndex(self.model.index(row, ResolutionColumn.TEXT))
        self.agree_button.setVisible(
            item is not None and item.standard is StandardItem.PREVIOUS_MINUTES
        )
        self._update()

    def _update(self) -> None:
        has_item = self._writable and self._item is not None
        chosen = has_item and self.current() is not None
        self.add_action.setEnabled(has_item)
        self.edit_action.setEnabled(chosen)
        self.remove_action.setEnabled(chosen)
        self.agree_action.setEnabled(
            has_item
            and self._item is not None
            and self._item.standard is StandardItem.PREVIOUS_MINUTES
        )

    # Resolutions -------------------------------------------------------------------------

    def _perform(self, step: Step) -> Sequence[Problem]:
        return self.workspace.editor.perform_checked(step)[1]

    def add_resolution(self) -> None:
        if self._item is not None and self.add_action.isEnabled():
            self._open_dialog(self._item, None)

    def edit_resolution(self) -> None:
        record = self.current()
        if self._item is not None and record is not None and self.edit_action.isEnabled():
            self._open_dialog(self._item, record)

    def remove_resolution(self) -> None:
        record = self.current()
        if self._item is not None and record is not None and self.remove_action.isEnabled():
            self._perform(
                RemoveResolution(
                    self.services.agenda, self.services.resolutions, self._item, record
                )
            )

    def _open_dialog(self, item: ItemRecord, record: ResolutionRecord | None) -> None:
        """Read who may vote at the item, then open the dialog (unless the clerk has
        moved to another item meanwhile)."""

        def read(voters: ItemVoters) -> None:
            if self._item is not None and self._item.key == item.key:
                self._show_dialog(item, record, voters)

        def failed(exc: Exception) -> None:
            self.workspace.report_error(self.tr("Who was present could not be read"), exc)

        self.workspace.runner.submit(
            partial(self.services.resolutions.voters, item.id),
            read,
            failed,
            key="minutes-tab-voters",
        )

    def _show_dialog(
        self, item: ItemRecord, record: ResolutionRecord | None, voters: ItemVoters
    ) -> None:
        self.resolution_dialog = ResolutionDialog(
            self.workspace.window, voters, record, partial(self._save, item, record), item.title
        )
        self.resolution_dialog.finished.connect(lambda _r: setattr(self, "resolution_dialog", None))
        self.resolution_dialog.open()

    def _save(
        self, item: ItemRecord, record: ResolutionRecord | None, text: str, vote: Vote | None
    ) -> Sequence[Problem]:
        agenda, resolutions = self.services.agenda, self.services.resolutions
        if record is None:
            return self._perform(AddResolution(agenda, resolutions, item, text, vote))
        if (text, vote) == (record.text, record.vote):
            return []  # nothing changed: nothing to save or undo
        return self._perform(EditResolution(agenda, resolutions, item, record, (text, vote)))

    # The previous minutes ------------------------------------------------------------------

    def agree_previous_minutes(self) -> None:
        """Read which meeting's minutes would be agreed, then ask, naming its date."""
        item = self._item
        if item is None or not self.agree_action.isEnabled():
            return

        def previous() -> MinutesRecord | None:
            meeting_id = self.services.resolutions.previous_meeting(item.id)
            return None if meeting_id is None else self.services.minutes.minutes(meeting_id)

        def failed(exc: Exception) -> None:
            self.workspace.report_error(self.tr("The previous meeting could not be read"), exc)

        self.workspace.runner.submit(
            previous, partial(self._ask_to_agree, item), failed, key="minutes-tab-previous"
        )

    def _ask_to_agree(self, item: ItemRecord, previous: MinutesRecord | None) -> None:
        if self._item is None or self._item.key != item.key:
            return
        if previous is None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Agree Previous Minutes"),
                self.tr("There are no earlier minutes to agree."),
                QMessageBox.StandardButton.Ok,
                self.workspace.window,
            )
            box.setInformativeText(
                self.tr(
                    "No earlier meeting of this review that took place has minutes still in "
                    "draft: they may have been approved already."
                )
            )
        else:
            day = day_month_year(previous.meeting_start.date())
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Agree Previous Minutes"),
                self.tr("Agree the minutes of the meeting held on {date}?").format(date=day),
                QMessageBox.StandardButton.Cancel,
                self.workspace.window,
            )
            box.setInformativeText(
                self.tr(
                    "This records “RESOLVED – That the minutes of the meeting held on {date} "
                    "be agreed as a correct record and signed by the Chair.” under this item, "
                    "and approves the minutes of “{meeting}” at this meeting, which freezes "
                    "them as they print. One Undo takes back both."
                ).format(date=day, meeting=previous.meeting_title)
            )
            agree = box.addButton(self.tr("&Agree and Approve"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(agree)

            def answered(_result: int) -> None:
                if box.clickedButton() is agree:
                    self._perform(
                        AgreePreviousMinutes(self.services.agenda, self.services.resolutions, item)
                    )

            box.finished.connect(answered)
        box.setObjectName("agreePreviousMinutes")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "previous_question", None))
        self.previous_question = box
        box.open()
