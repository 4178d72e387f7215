"""A Word document's text read back with python-docx: paragraphs, then table cells."""

from __future__ import annotations

import io
from pathlib import Path

import docx


def docx_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
