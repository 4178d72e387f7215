"""Whether a text can be the key of a new record, asked in one place.

Keys name records across a review (and in its interchange file), so every kind of
record takes the same rules: text, not blank, short enough for the key columns, and not
already used by another record of that kind in the review. The problem is named by the
field "key" and worded with "a" or "an" as the kind needs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from .errors import Problem
from .rules import MAX_KEY, text_problem
from .wording import a_or_an


def key_problem(key: object) -> str | None:
    """Why a text cannot be a key (of a meeting, an item, a witness ...), or None."""
    if not isinstance(key, str):
        return "must be text"
    if not key.strip():
        return "must not be empty"
    if len(key) > MAX_KEY:
        return f"is longer than {MAX_KEY} characters"
    return text_problem(key)


def key_problems(key: str, taken: bool | Callable[[str], bool], what: str) -> list[Problem]:
    """What is wrong with a key chosen for a new ``what`` ("agenda item"): ``taken``
    says whether the review already has one with that key, or is asked it (only of a
    key that is otherwise good)."""
    if why := key_problem(key):
        return [Problem("key", why)]
    if taken(key) if callable(taken) else taken:
        return [Problem("key", f'{a_or_an(what)} with key "{key}" exists already')]
    return []


def new_key(prefix: str, taken: Callable[[str], bool]) -> str:
    """A random key (``member-1a2b3c4d``) that the review's list does not use yet."""
    while True:
        key = f"{prefix}-{uuid.uuid4().hex[:8]}"
        if not taken(key):
            return key
