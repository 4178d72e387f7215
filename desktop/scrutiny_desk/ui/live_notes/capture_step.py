"""Taking a note in a session, as one undo step.

``CaptureNote`` holds what was typed and where it is filed (the review, the agenda item
or the meeting, its terms of reference, open or closed). Its first run inserts the note
(on a worker: ``Editor.perform_later``); undo deletes it, keeping a snapshot, and redo
restores that snapshot under the same key, time and place, quoting the version its last
call returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...domain.enums import Access
from ...domain.note_records import NoteEntry, NoteSnapshot
from ...services.notes import NotesService
from ..shared.commands import Step


class CaptureNote(Step):
    def __init__(
        self,
        text: str,
        notes: NotesService,
        review_id: int,
        note: str,
        tor: Sequence[str],
        *,
        item: str | None,
        meeting: str | None,
        access: Access | None,
    ) -> None:
        super().__init__(text)
        self._notes = notes
        self._review_id = review_id
        self._note = note
        self._tor = tuple(tor)
        self._item = item
        self._meeting = meeting
        self._access = access
        self._key: str | None = None  # the note's, once taken
        self._version = 0
        self._snapshot: NoteSnapshot | None = None

    def do(self) -> NoteEntry:
        entry = self._notes.capture(
            self._review_id,
            self._note,
            self._tor,
            item=self._item,
            meeting=self._meeting,
            access=self._access,
        )
        self._key, self._version = entry.key, entry.version
        return entry

    def undo(self) -> NoteSnapshot:
        assert self._key is not None  # undo follows a do
        note_id = self._notes.id_for(self._review_id, self._key)
        self._snapshot = self._notes.delete(note_id, self._version)
        return self._snapshot

    def redo(self) -> NoteEntry:
        assert self._snapshot is not None  # redo follows an undo
        entry = self._notes.restore(self._snapshot)
        self._version = entry.version
        return entry
