"""What a step would make public, for the clerk to see before taking it.

``publishing`` decides these (the one place for confidentiality); the window asks with
them and the command line could say the same, so they hold plain data, not words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemOpening:
    """What opening a closed agenda item would publish: public papers show its real
    ``title`` instead of ``public_title``, name the ``witnesses`` heard under it (labels;
    ``private_witnesses`` are those who asked to give evidence in private) and print its
    ``minute``. Its ``notes`` (how many) stay closed: closed stays closed."""

    key: str
    title: str
    public_title: str
    witnesses: tuple[str, ...]
    private_witnesses: tuple[str, ...]
    minute: str | None
    notes: int
