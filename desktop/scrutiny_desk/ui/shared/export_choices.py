"""What the clerk chooses in an export dialog: the audience, the recipient, the file
format and the file. The actions that offer an export build these as the window is
built; the dialog itself (``export_dialog``) is imported when one first opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.enums import Audience


@dataclass(frozen=True)
class FileFormat:
    suffix: str  # ".pdf"
    label: str  # the radio button's text, when there is a choice
    filter: str  # the file dialog's filter, "PDF files (*.pdf)"


@dataclass(frozen=True)
class Recipient:
    """Who a calendar file is for: the panel (``witness_id`` None) or one witness."""

    witness_id: int | None
    name: str  # in file names and messages
    label: str = ""  # in the list: name, role and organisation
    #: Why they cannot be chosen (no e-mail address), or None if they can.
    unavailable: str | None = None


@dataclass(frozen=True)
class ExportChoice:
    audience: Audience
    recipient: Recipient | None
    file_format: FileFormat | None
    path: Path | None  # None while the dialog is open, and when printing
