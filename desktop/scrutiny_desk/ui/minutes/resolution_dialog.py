"""Add or change a resolution of an item: its wording after "RESOLVED –" and its vote,
none, as counts, or by name.

A vote by name lists only the people who may vote at the item (the panel members
present for it and the substitutes: ``services.resolutions.voters``), each For,
Against, Abstained or not voting. The dialog checks the vote with the services' own
rule (``procedure.vote_problems``) as the clerk fills it in; the service checks again
when it saves, against the attendance as it is then (a colleague may have recorded a
departure meanwhile): a refusal is shown beside the vote, naming the member and the
item, the dialog stays open and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.procedure import Presence, named_vote, vote_problems
from ...domain.procedure_records import ItemVoters, ResolutionRecord
from ...domain.records import Vote
from ..shared.fields import ProblemLabel, required_text_problem
from ..shared.tables import FIT, STRETCH, record_table
from .resolutions_model import VoterColumn, VotersModel

#: Saves (wording, vote); the problems to show (empty once saved).
ResolutionSave = Callable[[str, Vote | None], Sequence[Problem]]

NO_VOTE, COUNTS, BY_NAME = 0, 1, 2


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


class ResolutionDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        voters: ItemVoters,
        record: ResolutionRecord | None,
        save: ResolutionSave,
        item_title: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resolutionDialog")
        self.setWindowTitle(
            self.tr("Change Resolution") if record is not None else self.tr("Add Resolution")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self._save = save
        self._voters = voters
        self._names = {v.key: v.name for v in voters.voters}
        self._touched = False

        self.heading = QLabel(
            self.tr("Item {number}: {title}").format(number=voters.number, title=item_title)
        )
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("resolutionText")
        self.text_edit.setAccessibleName(self.tr("Resolution, after RESOLVED"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("That …"))
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.text_problem = ProblemLabel()

        self.no_vote_radio = QRadioButton(self.tr("&No vote recorded"))
        self.counts_radio = QRadioButton(self.tr("As &counts"))
        self.by_name_radio = QRadioButton(self.tr("&By name"))
        self.mode_group = QButtonGroup(self)
        for mode, radio in enumerate((self.no_vote_radio, self.counts_radio, self.by_name_radio)):
            self.mode_group.addButton(radio, mode)
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())
        self.pages.addWidget(self._counts_page())
        self.pages.addWidget(self._names_page())
        self.vote_problem = ProblemLabel()
        self.vote_problem.setObjectName("voteProblem")
        self.general_problem = ProblemLabel()

        modes = QHBoxLayout()
        for radio in (self.no_vote_radio, self.counts_radio, self.by_name_radio):
            modes.addWidget(radio)
        modes.addStretch(1)
        vote_box = QGroupBox(self.tr("Vote"))
        vote_layout = QVBoxLayout(vote_box)
        vote_layout.addLayout(modes)
        vote_layout.addWidget(self.pages, 1)
        vote_layout.addWidget(self.vote_problem)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        label = QLabel(self.tr("RESOLVED &–"))
        label.setBuddy(self.text_edit)
        form.addRow(label, self.text_edit)
        form.addRow("", self.text_problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if record is not None else self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(vote_box, 1)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.buttons)

        self._fill(record)
        self.mode_group.idToggled.connect(self._on_mode_toggled)
        self.text_edit.textChanged.connect(self._on_text_changed)
        for spin in self.count_spins:
            spin.valueChanged.connect(self._check)
        self.voters_model.dataChanged.connect(self._check)
        self._check()
        self.text_edit.setFocus()

    def _counts_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        self.count_spins: list[QSpinBox] = []
        for text, name in (
            (self.tr("&For:"), self.tr("Votes for")),
            (self.tr("&Against:"), self.tr("Votes against")),
            (self.tr("Abs&tained:"), self.tr("Abstentions")),
        ):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setAccessibleName(name)
            label = QLabel(text)
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
            row.addSpacing(12)
            self.count_spins.append(spin)
        row.addStretch(1)
        self.for_spin, self.against_spin, self.abstained_spin = self.count_spins
        return page

    def _names_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.voters_model = VotersModel(self)
        self.voters_view = record_table(
            self.voters_model,
            self.tr("How each member present voted"),
            {
                VoterColumn.NAME: STRETCH,
                VoterColumn.FOR: FIT,
                VoterColumn.AGAINST: FIT,
                VoterColumn.ABSTAINED: FIT,
            },
        )
        self.voters_view.setObjectName("votersView")
        self.voters_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        number = self._voters.number
        if self._voters.voters:
            said = self.tr(
                "Only those present for item {number} can vote on it: the panel members "
                "present and substitutes. Leave all three unticked for someone who did not "
                "vote."
            ).format(number=number)
        else:
            said = self.tr(
                "Nobody is recorded present for item {number}, so no vote can be recorded "
                "by name: record who was there on the Attendance tab."
            ).format(number=number)
        self.voters_note = QLabel(said)
        self.voters_note.setWordWrap(True)
        layout.addWidget(self.voters_note)
        layout.addWidget(self.voters_view, 1)
        return page

    def _fill(self, record: ResolutionRecord | None) -> None:
        vote = record.vote if record is not None else None
        if record is not None:
            self.text_edit.setPlainText(record.text)
        choices = {c.person: c.choice for c in vote.casts} if vote is not None else {}
        self.voters_model.set_rows(self._voters.voters, choices)
        if vote is not None:
            for spin, count in zip(
                self.count_spins, (vote.in_favour, vote.against, vote.abstained), strict=True
            ):
                spin.setValue(count)
        mode = NO_VOTE if vote is None else BY_NAME if vote.named else COUNTS
        self.mode_group.button(mode).setChecked(True)
        self.pages.setCurrentIndex(mode)

    # The answer --------------------------------------------------------------------

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def vote(self) -> Vote | None:
        mode = self.mode_group.checkedId()
        if mode == COUNTS:
            return Vote(
                self.for_spin.value(), self.against_spin.value(), self.abstained_spin.value()
            )
        if mode == BY_NAME:
            return named_vote(self.voters_model.choices())
        return None

    def accept(self) -> None:
        self._touched = True
        if not self._check():
            return
        problems = self._save(self.text(), self.vote())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """The service's refusal, each beside its field ("text", "vote..."), and stay."""
        by_field: dict[str, list[str]] = {"text": [], "vote": [], "": []}
        for problem in problems:
            field = next((f for f in ("text", "vote") if problem.path.startswith(f)), "")
            by_field[field].append(_sentence(problem.message))
        self.text_problem.show_problem("\n".join(by_field["text"]) or None)
        self.vote_problem.show_problem("\n".join(by_field["vote"]) or None)
        self.general_problem.show_problem("\n".join(by_field[""]) or None)

    # Checking ----------------------------------------------------------------------

    def _on_mode_toggled(self, mode: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(mode)
            self._check()

    def _on_text_changed(self) -> None:
        self._touched = True
        self._check()

    def _check(self, *_args: object) -> bool:
        text_problem = required_text_problem(
            self.text_edit.toPlainText(), self.tr("what was resolved")
        )
        self.text_problem.show_problem(text_problem if self._touched else None)
        vote = self.vote()
        found: list[str] = []
        if vote is not None:
            presence = Presence(
                self._voters.item_key,
                self._voters.number,
                tuple(v.key for v in self._voters.voters),
            )
            found = [_sentence(p.message) for p in vote_problems(vote, presence, self._names)]
            if self.mode_group.checkedId() == BY_NAME and not vote.casts:
                found.append(self.tr("Tick how at least one member voted, or record no vote."))
        self.vote_problem.show_problem("\n".join(found) or None)
        self.general_problem.show_problem(None)
        ok = text_problem is None and not found
        self.ok_button.setEnabled(ok)
        return ok
