"""What the Evidence page's actions do: each one undo step through ``workspace.editor``.

Undo and redo find a piece of evidence by its key (deleted and restored evidence has a
new id) and quote the version the page's last call returned for that key (``_versions``,
kept across commands: undoing an edit raises the version the undo of the creation
before it must quote), so an undo after a colleague's change is refused by the
version counter instead of overwriting it.
Kept apart from the page's layout; ``EvidencePage`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...domain.enums import EvidenceKind
from ...domain.evidence_records import EvidenceEntry, EvidenceSnapshot, FileChange
from ...domain.note_records import NoteEntry, NoteSnapshot
from ...domain.records import EvidenceFile

if TYPE_CHECKING:
    from ...services.evidence import EvidenceService
    from ..shared.workspace import Workspace

#: What an evidence edit changes, for the other views to reload.
#: A note taken against evidence changes the notes and the evidence's note count.


class EvidenceCommands:
    """The page's edits; the page provides these."""

    workspace: Workspace
    evidence: EvidenceService
    review_id: int | None
    _select_key: str | None
    _versions: dict[str, int]  # evidence key -> the version our last call returned

    if TYPE_CHECKING:

        def current_evidence(self) -> EvidenceEntry | None: ...

        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    def _tracked(self, entry: EvidenceEntry) -> dict[str, Any]:
        # The version shown, or the one our own last call returned if that is newer
        # (the list may not have been read again yet).
        known = self._versions.get(entry.key, entry.version)
        self._versions[entry.key] = max(known, entry.version)
        return {"review": entry.review_id, "key": entry.key}

    def _id(self, state: dict[str, Any]) -> int:
        return self.evidence.id_for(state["review"], state["key"])

    def _version(self, state: dict[str, Any]) -> int:
        return self._versions[state["key"]]

    def _keep(self, state: dict[str, Any], entry: EvidenceEntry) -> EvidenceEntry:
        self._versions[state["key"]] = entry.version
        return entry

    # Create, edit, move, delete ------------------------------------------------------

    def create_evidence(self, title: str, kind: EvidenceKind = EvidenceKind.WRITTEN) -> bool:
        review_id = self.review_id
        if review_id is None:
            return False
        current = self.current_evidence()
        position = current.number if current is not None else None  # just below it
        state: dict[str, Any] = {"review": review_id}

        def create() -> EvidenceEntry:
            entry = self.evidence.create(review_id, title, kind, position=position)
            state["key"] = entry.key
            self._keep(state, entry)
            self._select_key = entry.key
            return entry

        def undo() -> None:
            state["snapshot"] = self.evidence.delete(self._id(state), self._version(state))

        def redo() -> None:
            self._keep(state, self.evidence.restore(state["snapshot"]))
            self._select_key = state["key"]

        done = self.workspace.editor.perform(self.tr("New evidence"), create, undo, redo)
        return done is not None

    def update_evidence(self, entry: EvidenceEntry, changes: dict[str, Any]) -> bool:
        """Save these changes (field -> new value) as one step."""
        if not changes:
            return True
        before = _values_of(entry, changes)
        state = self._tracked(entry)

        def apply(values: dict[str, Any], undo_notes: Sequence[str] = ()) -> EvidenceEntry:
            updated = self.evidence.update(
                self._id(state), self._version(state), undo_notes=undo_notes, **values
            )
            if values is changes:  # closing it closed these notes: the undo opens them
                state["notes_closed"] = updated.notes_closed
            return self._keep(state, updated)

        done = self.workspace.editor.perform(
            self.tr("Edit evidence “{title}”").format(title=entry.title),
            lambda: apply(changes),
            lambda: apply(before, state.get("notes_closed", ())),
        )
        return done is not None

    def move_evidence(self, entry: EvidenceEntry, new_index: int) -> bool:
        old_index = entry.number - 1
        state = self._tracked(entry)

        def move(index: int) -> EvidenceEntry:
            self._select_key = state["key"]
            return self._keep(
                state, self.evidence.move(self._id(state), self._version(state), index)
            )

        done = self.workspace.editor.perform(
            self.tr("Move evidence “{title}”").format(title=entry.title),
            lambda: move(new_index),
            lambda: move(old_index),
        )
        return done is not None

    def delete_evidence(self, entry: EvidenceEntry) -> bool:
        state = self._tracked(entry)

        def delete() -> EvidenceSnapshot:
            snapshot: EvidenceSnapshot = self.evidence.delete(self._id(state), self._version(state))
            state["snapshot"] = snapshot
            return snapshot

        def undo() -> None:
            self._keep(state, self.evidence.restore(state["snapshot"]))
            self._select_key = state["key"]

        done = self.workspace.editor.perform(
            self.tr("Delete evidence “{title}”").format(title=entry.title),
            delete,
            undo,
        )
        return done is not None

    # The file ------------------------------------------------------------------------

    def attach_content(self, entry: EvidenceEntry, name: str, content: bytes) -> bool:
        """Attach a file already read (off the GUI thread) as one step."""
        state = self._tracked(entry)
        files: dict[str, EvidenceFile | None] = {}

        def attach() -> FileChange:
            change = self.evidence.attach_file(self._id(state), self._version(state), name, content)
            self._keep(state, change.entry)
            files["previous"] = change.previous
            info = change.entry.file
            assert info is not None
            files["new"] = EvidenceFile(info.name, info.media_type, content)
            return change

        done = self.workspace.editor.perform(
            self.tr("Attach “{name}”").format(name=name),
            attach,
            lambda: self._set_file(state, files["previous"]),
            lambda: self._set_file(state, files["new"]),
        )
        return done is not None

    def remove_file(self, entry: EvidenceEntry) -> bool:
        if entry.file is None:
            return False
        state = self._tracked(entry)
        files: dict[str, EvidenceFile | None] = {}

        def remove() -> FileChange:
            change = self.evidence.remove_file(self._id(state), self._version(state))
            self._keep(state, change.entry)
            files["previous"] = change.previous
            return change

        done = self.workspace.editor.perform(
            self.tr("Remove file “{name}”").format(name=entry.file.name),
            remove,
            lambda: self._set_file(state, files["previous"]),
            lambda: self._set_file(state, None),
        )
        return done is not None

    def _set_file(self, state: dict[str, Any], file: EvidenceFile | None) -> None:
        change = self.evidence.set_file(self._id(state), self._version(state), file)
        self._keep(state, change.entry)

    # Notes ---------------------------------------------------------------------------

    def take_note(self, entry: EvidenceEntry, text: str, tor: Sequence[str]) -> bool:
        """A note against the evidence: one step, no dialog."""
        notes = self.workspace.services.notes
        review_id, evidence_key = entry.review_id, entry.key
        state: dict[str, Any] = {}

        def capture() -> NoteEntry:
            note = notes.capture(
                review_id, text, list(tor), evidence=evidence_key, key=state.get("key")
            )
            state.update(key=note.key, version=note.version)
            return note

        def undo() -> None:
            snapshot: NoteSnapshot = notes.delete(
                notes.id_for(review_id, state["key"]), state["version"]
            )
            state["snapshot"] = snapshot

        def redo() -> None:
            note = notes.restore(state["snapshot"])
            state["version"] = note.version

        done = self.workspace.editor.perform(
            self.tr("Note on “{title}”").format(title=entry.title),
            capture,
            undo,
            redo,
        )
        return done is not None


def _values_of(entry: EvidenceEntry, names: dict[str, Any]) -> dict[str, Any]:
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
