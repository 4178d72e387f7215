"""The Notes page's actions as undo steps: edit a note's fields, delete a note.

Each step holds the note's key (``NoteIdent``: review id and key, stable across a
delete and its undo), the values before and after, and one service call per run. The
steps of one page share ``NoteVersions``: undoing one edit raises the version the undo
of an earlier edit of the same note must quote, and a colleague's change in between is
refused by the version counter instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...domain.note_records import NoteEntry, NoteSnapshot
from ...services.notes import NotesService
from ..shared.commands import Step

#: (review id, note key): how a step finds its note again after a delete and restore
NoteIdent = tuple[int, str]
#: note -> the version the last call of this page on it returned
NoteVersions = dict[NoteIdent, int]


class EditNote(Step):
    """Change some fields of a note (text, terms of reference, witnesses, evidence,
    open or closed); the undo puts back what they were."""

    def __init__(
        self,
        text: str,
        notes: NotesService,
        ident: NoteIdent,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        versions: NoteVersions,
    ) -> None:
        super().__init__(text)
        self._notes = notes
        self._ident = ident
        self._before = dict(before)
        self._after = dict(after)
        self._versions = versions

    def do(self) -> NoteEntry:
        return self._apply(self._after)

    def undo(self) -> NoteEntry:
        return self._apply(self._before)

    def _apply(self, values: dict[str, Any]) -> NoteEntry:
        note_id = self._notes.id_for(*self._ident)
        done = self._notes.update(note_id, self._versions[self._ident], **values)
        self._versions[self._ident] = done.version
        return done


class DeleteNote(Step):
    """Delete a note; the undo restores it under the same key, time and place."""

    def __init__(
        self, text: str, notes: NotesService, ident: NoteIdent, versions: NoteVersions
    ) -> None:
        super().__init__(text)
        self._notes = notes
        self._ident = ident
        self._versions = versions
        self._snapshot: NoteSnapshot | None = None

    def do(self) -> NoteSnapshot:
        note_id = self._notes.id_for(*self._ident)
        self._snapshot = self._notes.delete(note_id, self._versions[self._ident])
        return self._snapshot

    def undo(self) -> NoteEntry:
        assert self._snapshot is not None  # undo follows a do
        restored = self._notes.restore(self._snapshot)
        self._versions[self._ident] = restored.version
        return restored
