"""Case-insensitive "contains" filters that match the same rows on both backends.

SQLite's ``lower()`` and ``LIKE`` fold ASCII letters only, PostgreSQL's fold every
letter, so a filter for "école" found "École" on one and not the other. ``folded(x)``
compiles to PostgreSQL's ``lower(x)`` and, on SQLite, to ``unicode_lower(x)``: Python's
``str.lower``, registered on every SQLite connection (store.db).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

SQLITE_FUNCTION = "unicode_lower"


class folded(FunctionElement[str]):
    type = Text()
    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_default(element: folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


def unicode_lower(value: str | None) -> str | None:
    """What SQLite calls for ``unicode_lower(x)``."""
    return None if value is None else value.lower()


def escape_like(text: str) -> str:
    """The text as a LIKE pattern that matches it literally (escape character ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text``, ignoring case the same way on SQLite and PostgreSQL."""
    return folded(column).like(f"%{escape_like(text.lower())}%", escape="\\")
