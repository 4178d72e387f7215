"""What the Evidence page's actions do: each one a named undo step (``Step``).

Undo and redo find a piece of evidence by its key (deleted and restored evidence has a
new id) and quote the version the page's last call returned for that key
(``EvidenceVersions``, shared by the steps: undoing an edit raises the version the
undo of the creation before it must quote), so an undo after a colleague's change is
refused by the version counter instead of overwriting it.

``EvidenceEdits`` is what the page owns: it makes the step for an action and performs
it through the editor, and tells the page which evidence to select afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain.enums import EvidenceKind
from ...domain.evidence_records import EvidenceEntry, EvidenceSnapshot, FileChange
from ...domain.note_records import NoteEntry, NoteSnapshot
from ...domain.records import EvidenceFile
from ...services.evidence import EvidenceService
from ...services.notes import NotesService
from ..shared.commands import Editor, Step

_CONTEXT = "EvidenceCommands"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class EvidenceVersions:
    """The version each piece of evidence had when our last call returned it, and where
    the selection goes after a step (``select``: the page's, set on making)."""

    def __init__(self, evidence: EvidenceService, select: Callable[[str], None]) -> None:
        self.evidence = evidence
        self.select = select
        self._versions: dict[str, int] = {}

    def clear(self) -> None:
        self._versions.clear()

    def track(self, entry: EvidenceEntry) -> None:
        """The version shown, or our own last call's if newer (the list may not have
        been read again yet)."""
        known = self._versions.get(entry.key, entry.version)
        self._versions[entry.key] = max(known, entry.version)

    def id_of(self, review_id: int, key: str) -> int:
        return self.evidence.id_for(review_id, key)

    def version(self, key: str) -> int:
        return self._versions[key]

    def keep(self, entry: EvidenceEntry) -> EvidenceEntry:
        self._versions[entry.key] = entry.version
        return entry


class _EvidenceStep(Step):
    """A step on one piece of evidence, found by its review and key."""

    def __init__(self, text: str, versions: EvidenceVersions, review_id: int, key: str) -> None:
        super().__init__(text)
        self.versions = versions
        self.evidence = versions.evidence
        self.review_id = review_id
        self.key = key

    def _id(self) -> int:
        return self.versions.id_of(self.review_id, self.key)

    def _version(self) -> int:
        return self.versions.version(self.key)


class CreateEvidence(Step):
    """A new piece of evidence, just below the one selected (``position``)."""

    def __init__(
        self,
        versions: EvidenceVersions,
        review_id: int,
        title: str,
        kind: EvidenceKind,
        position: int | None,
    ) -> None:
        super().__init__(_tr("New evidence"))
        self.versions = versions
        self.review_id, self.title, self.kind, self.position = review_id, title, kind, position
        self.key: str | None = None
        self.snapshot: EvidenceSnapshot | None = None

    def do(self) -> EvidenceEntry:
        entry = self.versions.evidence.create(
            self.review_id, self.title, self.kind, position=self.position
        )
        self.key = entry.key
        self.versions.keep(entry)
        self.versions.select(entry.key)
        return entry

    def undo(self) -> None:
        assert self.key is not None
        evidence = self.versions.evidence
        self.snapshot = evidence.delete(
            self.versions.id_of(self.review_id, self.key), self.versions.version(self.key)
        )

    def redo(self) -> None:
        assert self.snapshot is not None and self.key is not None
        self.versions.keep(self.versions.evidence.restore(self.snapshot))
        self.versions.select(self.key)


class EditEvidence(_EvidenceStep):
    """Fields of the details saved (field -> value, before and after)."""

    def __init__(
        self,
        versions: EvidenceVersions,
        entry: EvidenceEntry,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(
            _tr("Edit evidence “{title}”").format(title=entry.title),
            versions,
            entry.review_id,
            entry.key,
        )
        self.before, self.after = before, after
        self.notes_closed: Sequence[str] = ()  # closing it closed these: the undo opens them

    def do(self) -> EvidenceEntry:
        updated = self.evidence.update(self._id(), self._version(), **self.after)
        self.notes_closed = updated.notes_closed
        return self.versions.keep(updated)

    def undo(self) -> EvidenceEntry:
        updated = self.evidence.update(
            self._id(), self._version(), undo_notes=self.notes_closed, **self.before
        )
        return self.versions.keep(updated)


class MoveEvidence(_EvidenceStep):
    """The evidence moved from one place in the register to another (0-based)."""

    def __init__(self, versions: EvidenceVersions, entry: EvidenceEntry, new_index: int) -> None:
        super().__init__(
            _tr("Move evidence “{title}”").format(title=entry.title),
            versions,
            entry.review_id,
            entry.key,
        )
        self.old_index, self.new_index = entry.number - 1, new_index

    def _move(self, index: int) -> EvidenceEntry:
        self.versions.select(self.key)
        return self.versions.keep(self.evidence.move(self._id(), self._version(), index))

    def do(self) -> EvidenceEntry:
        return self._move(self.new_index)

    def undo(self) -> EvidenceEntry:
        return self._move(self.old_index)


class DeleteEvidence(_EvidenceStep):
    """The evidence deleted with its file; the undo restores it under the same key."""

    def __init__(self, versions: EvidenceVersions, entry: EvidenceEntry) -> None:
        super().__init__(
            _tr("Delete evidence “{title}”").format(title=entry.title),
            versions,
            entry.review_id,
            entry.key,
        )
        self.snapshot: EvidenceSnapshot | None = None

    def do(self) -> EvidenceSnapshot:
        self.snapshot = self.evidence.delete(self._id(), self._version())
        return self.snapshot

    def undo(self) -> None:
        assert self.snapshot is not None
        self.versions.keep(self.evidence.restore(self.snapshot))
        self.versions.select(self.key)


class _FileStep(_EvidenceStep):
    """A change of the attached file; undo and redo put back the file before or after."""

    previous: EvidenceFile | None = None
    after: EvidenceFile | None = None

    def _set_file(self, file: EvidenceFile | None) -> None:
        change = self.evidence.set_file(self._id(), self._version(), file)
        self.versions.keep(change.entry)

    def undo(self) -> None:
        self._set_file(self.previous)

    def redo(self) -> None:
        self._set_file(self.after)


class AttachFile(_FileStep):
    """A file (already read, off the GUI thread) attached, replacing any there was."""

    def __init__(
        self, versions: EvidenceVersions, entry: EvidenceEntry, name: str, content: bytes
    ) -> None:
        super().__init__(
            _tr("Attach “{name}”").format(name=name), versions, entry.review_id, entry.key
        )
        self.name, self.content = name, content

    def do(self) -> FileChange:
        change = self.evidence.attach_file(self._id(), self._version(), self.name, self.content)
        self.versions.keep(change.entry)
        self.previous = change.previous
        info = change.entry.file
        assert info is not None
        self.after = EvidenceFile(info.name, info.media_type, self.content)
        return change


class RemoveFile(_FileStep):
    """The attached file removed."""

    def __init__(self, versions: EvidenceVersions, entry: EvidenceEntry, name: str) -> None:
        super().__init__(
            _tr("Remove file “{name}”").format(name=name), versions, entry.review_id, entry.key
        )

    def do(self) -> FileChange:
        change = self.evidence.remove_file(self._id(), self._version())
        self.versions.keep(change.entry)
        self.previous = change.previous
        return change


class TakeEvidenceNote(Step):
    """A note taken against the evidence; undo deletes it, redo restores it."""

    def __init__(
        self, notes: NotesService, entry: EvidenceEntry, text: str, tor: Sequence[str]
    ) -> None:
        super().__init__(_tr("Note on “{title}”").format(title=entry.title))
        self.notes = notes
        self.review_id, self.evidence_key = entry.review_id, entry.key
        self.note_text, self.tor = text, list(tor)
        self.key: str | None = None
        self.version = 0
        self.snapshot: NoteSnapshot | None = None

    def do(self) -> NoteEntry:
        note = self.notes.capture(
            self.review_id, self.note_text, self.tor, evidence=self.evidence_key, key=self.key
        )
        self.key, self.version = note.key, note.version
        return note

    def undo(self) -> None:
        assert self.key is not None
        self.snapshot = self.notes.delete(self.notes.id_for(self.review_id, self.key), self.version)

    def redo(self) -> None:
        assert self.snapshot is not None
        self.version = self.notes.restore(self.snapshot).version


class EvidenceEdits:
    """The page's edits: each makes its step and performs it; True if it was done."""

    def __init__(
        self,
        editor: Editor,
        evidence: EvidenceService,
        notes: NotesService,
        select: Callable[[str], None],
    ) -> None:
        self.editor = editor
        self.notes = notes
        self.versions = EvidenceVersions(evidence, select)

    def _perform(self, step: Step) -> bool:
        return self.editor.perform(step) is not None

    def _tracked(self, entry: EvidenceEntry) -> EvidenceVersions:
        self.versions.track(entry)
        return self.versions

    def create(self, review_id: int, title: str, kind: EvidenceKind, position: int | None) -> bool:
        return self._perform(CreateEvidence(self.versions, review_id, title, kind, position))

    def update(self, entry: EvidenceEntry, changes: dict[str, Any]) -> bool:
        """Save these changes (field -> new value) as one step."""
        if not changes:
            return True
        before = values_of(entry, changes)
        return self._perform(EditEvidence(self._tracked(entry), entry, before, changes))

    def move(self, entry: EvidenceEntry, new_index: int) -> bool:
        return self._perform(MoveEvidence(self._tracked(entry), entry, new_index))

    def delete(self, entry: EvidenceEntry) -> bool:
        return self._perform(DeleteEvidence(self._tracked(entry), entry))

    def attach_content(self, entry: EvidenceEntry, name: str, content: bytes) -> bool:
        return self._perform(AttachFile(self._tracked(entry), entry, name, content))

    def remove_file(self, entry: EvidenceEntry) -> bool:
        if entry.file is None:
            return False
        return self._perform(RemoveFile(self._tracked(entry), entry, entry.file.name))

    def take_note(self, entry: EvidenceEntry, text: str, tor: Sequence[str]) -> bool:
        return self._perform(TakeEvidenceNote(self.notes, entry, text, tor))


def values_of(entry: EvidenceEntry, names: dict[str, Any]) -> dict[str, Any]:
    """The entry's current values of these fields, as ``update`` takes them."""
    current = {
        "title": entry.title,
        "kind": entry.kind,
        "witness": entry.witness.key if entry.witness else None,
        "source": entry.source,
        "received": entry.received,
        "access": entry.access,
        "summary": entry.summary,
        "tor": [t.key for t in entry.tor],
    }
    return {name: current[name] for name in names}
