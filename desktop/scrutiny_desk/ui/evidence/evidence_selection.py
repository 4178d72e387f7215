"""What the Evidence page's parts (its file actions and notes) may ask of the page:
the evidence selected and whether it can be changed, not the page itself."""

from __future__ import annotations

from typing import Protocol

from ...domain.evidence_records import EvidenceEntry


class EvidenceRegister(Protocol):
    """The register as the page's parts see it."""

    @property
    def review_id(self) -> int | None:
        """The review shown (None: none)."""

    @property
    def editable(self) -> bool:
        """Edits are allowed (the database is not read-only)."""

    def current(self) -> EvidenceEntry | None:
        """The evidence selected in the register."""

    def latest(self, review_id: int | None, key: str) -> EvidenceEntry | None:
        """The evidence with this key as last read, if that review is still shown."""

    def save_pending(self) -> None:
        """Save what is typed in the details but not saved, before another action."""
