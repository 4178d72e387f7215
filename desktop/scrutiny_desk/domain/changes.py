"""How an edit says which fields it changes: one convention for every partial update.

A field left at ``KEEP`` is not touched; any other value is written, and ``None``
clears an optional field. Every change record (``ReviewChanges``, ``ItemChanges``,
``ActionChanges`` ...) and every keyword-argument update (notes, evidence,
recommendations) uses it, so "leave it" and "empty it" can never be confused, as they
were when None meant one in some services and the other elsewhere.
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import Any, Final


class Keep(Enum):
    """The type of ``KEEP``: the value of a change field that leaves the stored value
    as it is."""

    KEEP = "keep"


#: Leave this field as it is.
KEEP: Final = Keep.KEEP


def given_changes(changes: Any) -> dict[str, Any]:
    """Field name -> new value for every field of a change record not left at KEEP."""
    return {
        f.name: getattr(changes, f.name)
        for f in fields(changes)
        if not isinstance(getattr(changes, f.name), Keep)
    }
