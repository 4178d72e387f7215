"""Records of the evidence register: what its list and editor show, what a delete takes
away, and the checks on a file a clerk attaches.

An ``EvidenceEntry`` carries the database id and the version an edit must quote back,
and describes its attached file (``FileInfo``) without the content: a list of a
hundred submissions must not read a hundred PDFs. The content is read on its own
when the clerk opens or saves the file.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from . import rules
from .enums import Access, EvidenceKind
from .errors import Problem
from .file_names import BIDI_CONTROLS
from .paragraph_links import ParagraphLink
from .records import Evidence, EvidenceFile, Keys, NamedRef
from .rules import megabytes
from .wording import plural

MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class FileInfo:
    """An attached file, described: everything but its content."""

    name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class EvidenceEntry:
    id: int
    review_id: int
    key: str
    number: int  # 1, 2, 3 ... in the register's order
    title: str
    kind: EvidenceKind
    witness: NamedRef | None
    source: str | None
    received: date | None
    access: Access
    summary: str | None
    tor: tuple[NamedRef, ...]
    file: FileInfo | None
    note_count: int
    version: int
    #: The notes this very edit stored closed (only the entry an update that closed
    #: the evidence returns names any): its undo passes them back to open them again.
    notes_closed: Keys = field(default=(), compare=False)

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED


@dataclass(frozen=True)
class EvidenceSnapshot:
    """Everything deleting a piece of evidence took away, by key: the record (with its
    file and terms of reference), its place in the register, and the notes taken
    against it (their link is cleared by the delete and put back by a restore)."""

    review_id: int
    position: int
    evidence: Evidence
    notes: Keys = ()
    paragraphs: tuple[ParagraphLink, ...] = ()  # report paragraphs citing it (issue 17)


@dataclass(frozen=True)
class FileChange:
    """The evidence after its file changed, and the file it had before (for undo)."""

    entry: EvidenceEntry
    previous: EvidenceFile | None


def human_size(size: int) -> str:
    """``812 bytes``, ``14 KB``, ``2.3 MB``."""
    if size < 1024:
        return plural(size, "byte")
    if size < MEBIBYTE:
        return f"{size / 1024:.0f} KB"
    return megabytes(size)


def base_name(name: str) -> str:
    """The last part of a path, whether its folders are separated by / or \\."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def clean_file_name(name: str) -> str:
    """The file's own name as stored: no folders, no control or bidirectional
    characters, no leading or trailing spaces or dots, at most 255 characters (the
    extension kept). "" if nothing is left. Names a file on disk: ``portable_file_name``."""
    base = "".join(
        c
        for c in base_name(name)
        if unicodedata.category(c) not in ("Cc", "Cs")
        and c not in BIDI_CONTROLS
        and c not in '<>:"|?*'
    )
    base = unicodedata.normalize("NFC", base).strip().strip(".").strip()
    if len(base) > rules.MAX_FILE_NAME:
        stem, ext = os.path.splitext(base)
        ext = ext if len(ext) < 20 else ""
        base = stem[: rules.MAX_FILE_NAME - len(ext)] + ext
    return base


def file_size_problems(size: int, others: int) -> list[Problem]:
    """Why a file of ``size`` bytes cannot be attached when the review's other
    attachments come to ``others`` bytes, named by the field "file"."""
    limit = rules.MAX_ATTACHMENT_BYTES
    review_limit = rules.MAX_REVIEW_ATTACHMENT_BYTES
    if size > limit:
        return [
            Problem(
                "file",
                f"is {megabytes(size)}; a file attached to evidence may be at most "
                f"{megabytes(limit)}. Attach a smaller copy (for example a PDF saved for "
                "screen) or keep the file elsewhere and give its location in the summary.",
            )
        ]
    if others + size > review_limit:
        return [
            Problem(
                "file",
                f"is {megabytes(size)}, and the review's attached files already come to "
                f"{megabytes(others)}; together they may be at most {megabytes(review_limit)}. "
                "Remove a file the review no longer needs, or attach a smaller copy.",
            )
        ]
    return []
