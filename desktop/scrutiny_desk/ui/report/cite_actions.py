"""Citing notes and evidence in a paragraph, and the recommendations it supports: the
"Cites…" and "Supports…" pickers (the shared ``LinksDialog``) and "Cite in Paragraph"
beside a findings section, each one undo step (``paragraph_steps``).

The Cites picker lists the review's evidence and the notes held against the section's
terms-of-reference item (or the review's first notes elsewhere) with those already
cited; other notes are found by their words. Choices carry "note:" or "evidence:" before
the key, since a note and a piece of evidence may share one.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ...domain.enums import Access
from ...domain.errors import Problem
from ...domain.note_records import NoteFilter
from ...domain.records import TOR_PLACE
from ...domain.report_entries import ParagraphEntry
from ..shared.display import one_line
from ..shared.links_dialog import Choice, LinksDialog
from .paragraph_steps import CiteInParagraph, SupportRecommendations

if TYPE_CHECKING:
    from .paragraph_actions import ParagraphActions

#: The notes a picker lists before words are typed (the rest are found by their words).
NOTE_CHOICES = 200
_NOTE, _EVIDENCE = "note:", "evidence:"


class CiteActions(QObject):
    def __init__(self, actions: ParagraphActions) -> None:
        super().__init__(actions)
        self.actions = actions
        self.workspace = actions.workspace
        self.service = actions.service
        self.versions = actions.versions
        self.dialog: LinksDialog | None = None  # the picker open, for tests

    def cite_at_hand(self, kind: str, key: str) -> None:
        entry = self.actions.pane.current_entry()
        if entry is None:
            return
        self.actions.flush()
        entry = self.actions.pane.current_entry() or entry
        notes = [ref.key for ref in entry.notes]
        evidence = [ref.key for ref in entry.evidence]
        chosen = notes if kind == "note" else evidence
        if key in chosen:
            return
        after = ([*notes, key], evidence) if kind == "note" else (notes, [*evidence, key])
        self.actions.perform(self._cite_step(entry, after), entry.key)

    def _cite_step(
        self, entry: ParagraphEntry, after: tuple[list[str], list[str]]
    ) -> CiteInParagraph:
        before = ([r.key for r in entry.notes], [r.key for r in entry.evidence])
        return CiteInParagraph(
            self.tr("Cite in paragraph"),
            self.service,
            self.actions.ident(entry),
            before,
            after,
            self.versions,
        )

    def choose_cited(self) -> None:
        pane, entry = self.actions.pane, self.actions.pane.current_entry()
        if entry is None or pane.review_id is None:
            return
        self.actions.flush()
        entry = pane.current_entry() or entry
        review_id = pane.review_id
        evidence = [
            Choice(
                _EVIDENCE + e.key,
                self.tr("Evidence {number}: {title}").format(number=e.number, title=e.title),
                closed=e.access is Access.CLOSED,
            )
            for e in self.workspace.services.evidence.list(review_id)
        ]
        cited = [
            Choice(_NOTE + r.key, self.tr("Note: {text}").format(text=r.label)) for r in entry.notes
        ]
        near = self._notes(review_id, "")
        chosen = [_NOTE + r.key for r in entry.notes] + [_EVIDENCE + r.key for r in entry.evidence]

        def search(words: str) -> None:
            if self.dialog is not None:
                self.dialog.show_found(words, [*evidence, *self._notes(review_id, words)])

        self._open(
            LinksDialog(
                self.workspace.window,
                self.workspace.settings,
                partial(self._save_cited, entry.key),
                title=self.tr("Cites"),
                heading=self.tr(
                    "Paragraph {number}: the notes and evidence it cites, printed as references "
                    "into the evidence appendix. Find notes by their words."
                ).format(number=entry.number or ""),
                list_label=self.tr("&Evidence and notes"),
                choices=[*cited, *evidence, *near],
                chosen=chosen,
                search=search,
                name="paragraphCitesDialog",
            )
        )

    def _notes(self, review_id: int, words: str) -> list[Choice]:
        notes = self.workspace.services.notes
        place = self.actions.pane.place or ""
        tor = place[len(TOR_PLACE) :] if place.startswith(TOR_PLACE) else None
        flt = NoteFilter(text=words) if words else NoteFilter(tor=tor)
        return [
            Choice(
                _NOTE + n.key,
                self.tr("Note: {text}").format(text=one_line(n.text, 140)),
                closed=n.closed,
            )
            for n in notes.entries(notes.ids(review_id, flt)[:NOTE_CHOICES])
        ]

    def _save_cited(self, key: str, chosen: tuple[str, ...]) -> list[Problem]:
        entry = self._entry(key)
        if entry is None:
            return []
        after = (
            [k[len(_NOTE) :] for k in chosen if k.startswith(_NOTE)],
            [k[len(_EVIDENCE) :] for k in chosen if k.startswith(_EVIDENCE)],
        )
        return self._checked(self._cite_step(entry, after), key)

    def choose_supported(self) -> None:
        pane, entry = self.actions.pane, self.actions.pane.current_entry()
        if entry is None or pane.review_id is None:
            return
        self.actions.flush()
        entry = pane.current_entry() or entry
        choices = [
            Choice(r.key, f"R{r.number}  {one_line(r.text, 140)}")
            for r in self.workspace.services.recommendations.list(pane.review_id, date.today())
        ]
        self._open(
            LinksDialog(
                self.workspace.window,
                self.workspace.settings,
                partial(self._save_supported, entry.key),
                title=self.tr("Supports"),
                heading=self.tr(
                    "Paragraph {number}: the recommendations it supports. Each is printed in "
                    "bold after the last paragraph supporting it and cross-referenced in "
                    "the list."
                ).format(number=entry.number or ""),
                list_label=self.tr("&Recommendations"),
                choices=choices,
                chosen=[r.key for r in entry.recommendations],
                name="paragraphSupportsDialog",
            )
        )

    def _save_supported(self, key: str, chosen: tuple[str, ...]) -> list[Problem]:
        entry = self._entry(key)
        if entry is None:
            return []
        before = [r.key for r in entry.recommendations]
        step = SupportRecommendations(
            self.tr("Supported recommendations"),
            self.service,
            self.actions.ident(entry),
            before,
            chosen,
            self.versions,
        )
        return self._checked(step, key)

    def _entry(self, key: str) -> ParagraphEntry | None:
        if self.actions.pane.review_id is None:
            return None
        return self.service.paragraph(self.service.id_for(self.actions.pane.review_id, key))

    def _checked(self, step: Any, key: str) -> list[Problem]:
        done, problems = self.workspace.editor.perform_checked(step)
        if done is not None:
            self.actions.pane.reveal(key)
        return problems

    def _open(self, dialog: LinksDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
